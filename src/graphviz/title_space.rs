//! Whether a drawing's lines or edge labels run over its title. Laid out left to right, `dot`
//! keeps the title's corner free of nodes but not of edges: an edge arching over the top, or
//! its label, can cross the title (a reviewer saw it in politics-3). Read from the SVG that
//! Graphviz writes, one element per line: the title is the text of the first cluster (the
//! frame every view is drawn in), the edges are the paths and labels after it.

/// A box in SVG user units: left, top, right, bottom.
#[derive(Debug, Clone, Copy)]
struct Area {
    left: f64,
    top: f64,
    right: f64,
    bottom: f64,
}

impl Area {
    fn contains(&self, (x, y): (f64, f64)) -> bool {
        (self.left..=self.right).contains(&x) && (self.top..=self.bottom).contains(&y)
    }

    fn meets(&self, other: &Area) -> bool {
        self.left <= other.right
            && other.left <= self.right
            && self.top <= other.bottom
            && other.top <= self.bottom
    }

    fn joined(self, other: Area) -> Area {
        Area {
            left: self.left.min(other.left),
            top: self.top.min(other.top),
            right: self.right.max(other.right),
            bottom: self.bottom.max(other.bottom),
        }
    }
}

/// Helvetica's average letter is about half its size wide (Graphviz gives no text widths).
const LETTER_WIDTH: f64 = 0.55;

/// The quoted value of `name="…"` in one SVG line.
fn attribute<'l>(line: &'l str, name: &str) -> Option<&'l str> {
    let start = line.find(&format!(" {name}=\""))? + name.len() + 3;
    let length = line[start..].find('"')?;
    Some(&line[start..start + length])
}

/// The area a `<text>` line covers, from its anchor, size and letters.
fn text_area(line: &str) -> Option<Area> {
    let number = |name| attribute(line, name)?.parse::<f64>().ok();
    let (x, y, size) = (number("x")?, number("y")?, number("font-size")?);
    let shown = &line[line.find('>')? + 1..line.rfind("</text>")?];
    // An entity (`&#45;`, `&amp;`) is one letter.
    let letters = shown.chars().count() - 5 * shown.matches('&').count();
    let width = letters as f64 * size * LETTER_WIDTH;
    let left = match attribute(line, "text-anchor") {
        Some("middle") => x - width / 2.0,
        Some("end") => x - width,
        _ => x,
    };
    Some(Area {
        left,
        top: y - size,
        right: left + width,
        bottom: y + size / 4.0,
    })
}

/// Points along a path's `d="M x,y C x,y x,y x,y …"`: its ends and each cubic piece sampled.
fn path_points(d: &str) -> Vec<(f64, f64)> {
    let numbers: Vec<f64> = d
        .split(['M', 'C', ',', ' '])
        .filter_map(|n| n.parse().ok())
        .collect();
    let corners: Vec<(f64, f64)> = numbers.chunks_exact(2).map(|p| (p[0], p[1])).collect();
    let mut points = corners.first().copied().into_iter().collect::<Vec<_>>();
    for piece in corners.windows(4).step_by(3) {
        let [a, b, c, d] = [piece[0], piece[1], piece[2], piece[3]];
        for step in 1..=8 {
            let t = f64::from(step) / 8.0;
            let u = 1.0 - t;
            let weights = [u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t];
            let along = |coordinate: fn((f64, f64)) -> f64| {
                weights
                    .iter()
                    .zip([a, b, c, d])
                    .map(|(w, p)| w * coordinate(p))
                    .sum()
            };
            points.push((along(|p| p.0), along(|p| p.1)));
        }
    }
    points
}

/// Whether any edge line or edge label of `svg` crosses the title of its first cluster.
pub(crate) fn crosses_title(svg: &[u8]) -> bool {
    let svg = String::from_utf8_lossy(svg);
    let mut lines = svg.lines();
    let Some(_) = lines
        .by_ref()
        .find(|line| line.starts_with("<g id=\"clust1\""))
    else {
        return false;
    };
    let mut title: Option<Area> = None;
    for line in lines.by_ref() {
        if line.starts_with("</g>") {
            break;
        }
        if line.starts_with("<text") {
            if let Some(area) = text_area(line) {
                title = Some(title.map_or(area, |title| title.joined(area)));
            }
        }
    }
    let Some(title) = title else {
        return false;
    };
    // Depth inside an edge's group.
    let mut in_edges = 0usize;
    for line in lines {
        if line.starts_with("<g id=\"edge") {
            in_edges = 1;
        } else if in_edges > 0 && line.starts_with("<g") {
            in_edges += 1;
        } else if in_edges > 0 && line.starts_with("</g>") {
            in_edges -= 1;
        } else if in_edges > 0 {
            let crosses = if line.starts_with("<text") {
                text_area(line).is_some_and(|label| label.meets(&title))
            } else if line.starts_with("<path") {
                attribute(line, "d")
                    .is_some_and(|d| path_points(d).into_iter().any(|p| title.contains(p)))
            } else {
                false
            };
            if crosses {
                return true;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::crosses_title;

    fn drawing(edge: &str) -> Vec<u8> {
        format!(
            "<svg>\n<g id=\"clust1\" class=\"cluster\">\n<title>cluster_0</title>\n\
             <text text-anchor=\"start\" x=\"16\" y=\"-600\" font-size=\"16.00\">A title of thirty letters or so</text>\n\
             <text text-anchor=\"start\" x=\"16\" y=\"-588\" font-size=\"10.00\">Page 1 of 2</text>\n</g>\n\
             <g id=\"edge1\" class=\"edge\">\n{edge}\n</g>\n</svg>\n"
        )
        .into_bytes()
    }

    #[test]
    fn an_edge_arching_over_the_title_crosses_it() {
        let over = "<path fill=\"none\" d=\"M100,-400C120,-650 300,-650 320,-400\"/>";
        assert!(crosses_title(&drawing(over)));
        let below = "<path fill=\"none\" d=\"M100,-400C120,-500 300,-500 320,-400\"/>";
        assert!(!crosses_title(&drawing(below)));
    }

    #[test]
    fn a_label_on_the_title_crosses_it() {
        let on = "<text text-anchor=\"middle\" x=\"200\" y=\"-596\" font-size=\"9.00\">fostered 1962&#45;2024 [6]</text>";
        assert!(crosses_title(&drawing(on)));
        let aside = "<text text-anchor=\"middle\" x=\"700\" y=\"-596\" font-size=\"9.00\">fostered [6]</text>";
        assert!(!crosses_title(&drawing(aside)));
    }
}
