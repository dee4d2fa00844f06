//! Running Graphviz `dot`: the one place a picture is drawn, for the report views and the
//! explorer's layout.

use std::io::{Read as _, Write as _};
use std::process::{Command, Stdio};

use crate::error::{Error, GraphvizError};
use crate::output;

mod title_space; // whether an edge or its label crosses a drawing's title

pub(crate) use title_space::crosses_title;

/// What makes `dot` lay a large graph out in seconds rather than minutes: fewer network
/// simplex and crossing-minimisation passes (measured on 500 synthetic relations: 19.6 s of
/// CPU with the defaults, 1.6 s with these).
pub(crate) const QUICK_LAYOUT: &[&str] = &["-Gnslimit=1", "-Gmclimit=0.2"];

/// Runs `dot -Tsvg` with `options` on one DOT text; Graphviz's warnings are returned with the
/// SVG.
pub(crate) fn to_svg(dot_text: &str, options: &[&str]) -> Result<(Vec<u8>, String), Error> {
    let (svg, warnings) = draw(dot_text, "svg", options)?;
    Ok((with_metric_fallbacks(&svg), warnings))
}

/// Runs `dot -Tsvg` on a report view's DOT text: as [`to_svg`], with every edge's label
/// lifted above all the lines and given a white halo. Graphviz draws each label with its own
/// edge, so a later edge crossed it and made it hard to read (reviewers saw it on 18 of 32
/// views); lifted, a crossing line passes under the text. (The explorer keeps each label in
/// its edge's group, which it shows and hides as one.)
pub(crate) fn to_report_svg(dot_text: &str) -> Result<(Vec<u8>, String), Error> {
    let (svg, warnings) = to_svg(dot_text, &[])?;
    Ok((edge_labels_on_top(&svg), warnings))
}

/// The halo: a white outline drawn beneath each letter (`paint-order`), wide enough to part
/// a 2-point line from 9-point text.
const EDGE_LABELS_GROUP: &[u8] = b"<g class=\"edge-labels\" stroke=\"white\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\">\n";

/// Moves the `<text>` lines that are direct children of an edge's group (its label; Graphviz
/// writes one element per line) into one group drawn last, inside the graph's group.
fn edge_labels_on_top(svg: &[u8]) -> Vec<u8> {
    let mut kept = Vec::with_capacity(svg.len() + EDGE_LABELS_GROUP.len() + 8);
    let mut labels = Vec::new();
    // Depth of `<g>` nesting inside the current edge's group; 0 outside any edge.
    let mut depth = 0usize;
    for line in svg.split_inclusive(|&byte| byte == b'\n') {
        if depth == 0 && line.starts_with(b"<g id=\"edge") {
            depth = 1;
        } else if depth > 0 && line.starts_with(b"<g") {
            depth += 1;
        } else if depth > 0 && line.starts_with(b"</g>") {
            depth -= 1;
        } else if depth == 1 && line.starts_with(b"<text") {
            labels.extend_from_slice(line);
            continue;
        }
        kept.extend_from_slice(line);
    }
    // The graph's group closes just before the root.
    let Some(end) = memchr::memmem::rfind(&kept, b"</g>\n</svg>") else {
        return svg.to_vec();
    };
    if labels.is_empty() {
        return kept;
    }
    let mut out = Vec::with_capacity(kept.len() + labels.len() + EDGE_LABELS_GROUP.len() + 8);
    out.extend_from_slice(&kept[..end]);
    out.extend_from_slice(EDGE_LABELS_GROUP);
    out.extend_from_slice(&labels);
    out.extend_from_slice(b"</g>\n");
    out.extend_from_slice(&kept[end..]);
    out
}

/// Graphviz lays Helvetica out with its metrics (Liberation Sans here, Arial elsewhere) but
/// names only `Helvetica,sans-Serif` in the SVG: a viewer without Helvetica then draws the
/// generic sans, often the wider DejaVu Sans, and text spills out of its boxes (a reviewer
/// saw it in 15 of 32 views). Naming the fonts with Helvetica's metrics keeps text inside.
const GRAPHVIZ_HELVETICA: &[u8] = b"font-family=\"Helvetica,sans-Serif\"";
const HELVETICA_METRIC: &[u8] = b"font-family=\"Helvetica,Arial,Liberation Sans,sans-serif\"";

fn with_metric_fallbacks(svg: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(svg.len() + svg.len() / 20);
    let mut copied = 0;
    for at in memchr::memmem::find_iter(svg, GRAPHVIZ_HELVETICA) {
        out.extend_from_slice(&svg[copied..at]);
        out.extend_from_slice(HELVETICA_METRIC);
        copied = at + GRAPHVIZ_HELVETICA.len();
    }
    out.extend_from_slice(&svg[copied..]);
    out
}

/// Runs `dot -T<format>` (`svg`, `pdf`, `png`) with `options` on one DOT text; Graphviz's
/// warnings are returned with the picture.
pub(crate) fn draw(
    dot_text: &str,
    format: &str,
    options: &[&str],
) -> Result<(Vec<u8>, String), Error> {
    let mut child = Command::new("dot")
        .arg(format!("-T{format}"))
        .args(options)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|source| Error::Graphviz(GraphvizError::CannotRun(source)))?;
    let mut stdin = child.stdin.take().expect("piped stdin");
    let mut stdout = child.stdout.take().expect("piped stdout");
    let mut stderr = child.stderr.take().expect("piped stderr");
    // Kept where a signal ending this process ends it too.
    let id = output::keep_child(child);
    // Write and read from threads: a large graph could fill a pipe while `dot` waits.
    let input = dot_text.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let errors = std::thread::spawn(move || {
        let mut text = Vec::new();
        stderr.read_to_end(&mut text).map(|_| text)
    });
    let mut picture = Vec::new();
    let read = stdout.read_to_end(&mut picture);
    let errors = errors.join().unwrap_or_else(|_| Ok(Vec::new()));
    let _ = writer.join();
    let finished = output::take_child(id)
        .expect("a kept child")
        .wait()
        .and_then(|status| read.and(errors).map(|errors| (status, errors)));
    let (status, errors) =
        finished.map_err(|source| Error::Graphviz(GraphvizError::DidNotFinish(source)))?;
    let warnings = String::from_utf8_lossy(&errors).into_owned();
    if !status.success() {
        return Err(Error::Graphviz(GraphvizError::Failed {
            stderr: warnings.trim().to_string(),
        }));
    }
    Ok((picture, warnings))
}

/// The size in points of an SVG `dot` wrote, from its root's `width="…pt" height="…pt"`.
pub(crate) fn svg_size(svg: &[u8]) -> Option<(f64, f64)> {
    let text = String::from_utf8_lossy(svg);
    let root = &text[text.find("<svg")?..];
    let points = |name: &str| -> Option<f64> {
        let (_, rest) = root.split_once(&format!(" {name}=\""))?;
        rest.split_once("pt\"")?.0.parse().ok()
    };
    Some((points("width")?, points("height")?))
}

#[cfg(test)]
mod tests {
    use super::{edge_labels_on_top, svg_size, with_metric_fallbacks};

    #[test]
    fn helvetica_is_named_with_the_fonts_of_its_metrics() {
        let svg = br#"<text font-family="Helvetica,sans-Serif">a</text><text font-family="Helvetica,sans-Serif">b</text><text font-family="Times">c</text>"#;
        assert_eq!(
            String::from_utf8(with_metric_fallbacks(svg)).unwrap(),
            r#"<text font-family="Helvetica,Arial,Liberation Sans,sans-serif">a</text><text font-family="Helvetica,Arial,Liberation Sans,sans-serif">b</text><text font-family="Times">c</text>"#
        );
    }

    #[test]
    fn edge_labels_are_drawn_after_every_line() {
        let svg = b"<svg>\n<g id=\"graph0\" class=\"graph\">\n<g id=\"edge1\" class=\"edge\">\n<g id=\"a_edge1\"><a>\n<path d=\"M0,0\"/>\n</a>\n</g>\n<text x=\"1\">led [1]</text>\n<text x=\"1\">1976</text>\n</g>\n<g id=\"node1\" class=\"node\">\n<text x=\"2\">Laos</text>\n</g>\n<g id=\"edge2\" class=\"edge\">\n<path d=\"M1,1\"/>\n</g>\n</g>\n</svg>\n";
        let lifted = String::from_utf8(edge_labels_on_top(svg)).unwrap();
        let last_line = lifted.find("M1,1").unwrap();
        let label = lifted.find("led [1]").unwrap();
        assert!(label > last_line, "{lifted}");
        assert!(lifted.find("1976").unwrap() > label);
        // A node's text stays in its node, and the groups still nest.
        assert!(lifted.find("Laos").unwrap() < last_line);
        assert_eq!(lifted.matches("<g").count(), lifted.matches("</g>").count());
        assert!(
            lifted.ends_with("</text>\n</g>\n</g>\n</svg>\n"),
            "{lifted}"
        );
    }

    #[test]
    fn the_size_is_read_from_the_svg_root() {
        let svg = br#"<?xml version="1.0"?>
<!-- Generated by graphviz -->
<svg width="1171pt" height="516pt"
 viewBox="0.00 0.00 1171.00 516.00" xmlns="http://www.w3.org/2000/svg">
<g id="graph0" class="graph"><text font-size="9.00" width="3pt">x</text></g></svg>"#;
        assert_eq!(svg_size(svg), Some((1171.0, 516.0)));
        assert_eq!(svg_size(b"<svg viewBox=\"0 0 1 1\">"), None);
    }
}
