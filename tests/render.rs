//! `render`: every view of the bundled data drawn by the real Graphviz, written whole or not
//! at all, and `--check` for CI.

use std::collections::HashSet;
use std::fs;

use crate::support::{stderr_of, vnla_graph, Fixture};

fn bundled() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("graph-data")
}

/// `vnla-graph render --out views ARGS` on the bundled data, in `dir`.
fn render_bundled(dir: &std::path::Path, args: &[&str]) -> assert_cmd::assert::Assert {
    vnla_graph(dir)
        .arg("--data")
        .arg(bundled())
        .args(["render", "--out", "views"])
        .args(args)
        .assert()
}

#[test]
fn every_view_renders_without_graphviz_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let assert = render_bundled(dir.path(), &[]).success();
    let stderr = stderr_of(&assert);
    assert!(!stderr.contains("warning"), "{stderr}");
    let mut names: Vec<String> = fs::read_dir(dir.path().join("views"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    // Every theme (a relations/ file) and every cross-cutting view is drawn, whole or in
    // pages (`treaties-1`, `treaties-2`), each as .dot, .svg and its evidence .md; and the
    // explorer.
    assert!(names.contains(&"explorer.html".to_string()), "{names:?}");
    for prefix in [
        "security",
        "treaties",
        "signatories",
        "history-1945-1977",
        "kaysone-phomvihane",
    ] {
        assert!(
            names
                .iter()
                .any(|n| n.starts_with(prefix) && n.ends_with(".svg")),
            "{prefix} missing from {names:?}"
        );
    }
    for name in names.iter().filter(|n| n.ends_with(".svg")) {
        let stem = name.trim_end_matches(".svg");
        for beside in ["dot", "md"] {
            assert!(
                names.contains(&format!("{stem}.{beside}")),
                "{stem}.{beside}"
            );
        }
        let svg = fs::read_to_string(dir.path().join("views").join(name)).unwrap();
        assert!(svg.contains("<svg") && svg.contains(">Key<"), "{name}");
        crate::support::assert_valid_svg(&svg, name);
    }
    render_bundled(dir.path(), &["--check"]).success();
}

/// The first view's `.dot` in `dir`, by name.
fn first_view(dir: &std::path::Path) -> String {
    let mut dots: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".dot"))
        .collect();
    dots.sort();
    dots.remove(0)
}

#[test]
fn check_reports_stale_views() {
    let dir = tempfile::tempdir().unwrap();
    render_bundled(dir.path(), &[]).success();
    let stale = first_view(&dir.path().join("views"));
    fs::write(dir.path().join("views").join(&stale), "digraph {}").unwrap();
    // An explorer whose data is not the data's: one name changed in the data it carries.
    let explorer = dir.path().join("views/explorer.html");
    let html = fs::read_to_string(&explorer).unwrap();
    let (picture, data) = html.split_at(html.find(r#"id="graph-data""#).unwrap());
    let changed = format!("{picture}{}", data.replacen("Kaysone", "Kaysonee", 1));
    fs::write(&explorer, changed).unwrap();
    let assert = render_bundled(dir.path(), &["--check"]).code(1);
    let stderr = stderr_of(&assert);
    assert!(
        stderr.contains(&format!(
            "views/{stale}, views/explorer.html out of date with the data"
        )),
        "{stderr}"
    );
    assert!(stderr.contains("run `vnla-graph render`"), "{stderr}");
}

#[test]
fn pages_the_data_no_longer_gives_are_reported_then_removed() {
    let dir = tempfile::tempdir().unwrap();
    render_bundled(dir.path(), &[]).success();
    let views = dir.path().join("views");
    // A page drawn when the economy took nine pages, and files of the user's beside it.
    let left = ["economy-9.svg", "economy-9.md"];
    let kept = ["economy-notes.md", "economy-9.txt", "mine.svg"];
    for name in left.iter().chain(&kept) {
        fs::write(views.join(name), "old").unwrap();
    }
    let assert = render_bundled(dir.path(), &["--check"]).code(1);
    let stderr = stderr_of(&assert);
    assert!(
        stderr.contains("views/economy-9.md, views/economy-9.svg out of date"),
        "{stderr}"
    );
    let assert = render_bundled(dir.path(), &[]).success();
    let stderr = stderr_of(&assert);
    for name in left {
        assert!(!views.join(name).exists(), "{name} left");
        assert!(
            stderr.contains(&format!("removed views/{name}")),
            "{stderr}"
        );
    }
    for name in kept {
        assert!(views.join(name).exists(), "{name} removed");
    }
    render_bundled(dir.path(), &["--check"]).success();
}

/// The base fixture with its one theme's pages named in the schema.
fn with_pages(pages: &str) -> Fixture {
    let fixture = Fixture::base();
    let schema = fixture.data().join("schema.yaml");
    let mut text = fs::read_to_string(&schema).unwrap();
    text.push_str(&format!(
        "themes:\n  ties:\n    title: The ties\n    pages:\n{pages}"
    ));
    fs::write(&schema, text).unwrap();
    fixture
}

#[test]
fn a_page_named_in_the_schema_is_titled_as_written_and_unnamed_types_are_warned_of() {
    let all = "      - title: Who signed, led, met and founded what\n        \
               types: [signed, leads, met, founded]\n";
    let fixture = with_pages(all);
    let assert = fixture.run(&["render", "--out", "views"]).success();
    assert!(
        !stderr_of(&assert).contains("warning"),
        "{}",
        stderr_of(&assert)
    );
    let dot = fs::read_to_string(fixture.path().join("views/ties.dot")).unwrap();
    assert!(
        dot.contains("<b>Who signed, led, met and founded what</b>"),
        "{dot}"
    );

    let some = "      - title: Who signed what\n        types: [signed]\n";
    let fixture = with_pages(some);
    let assert = fixture.run(&["render", "--out", "views"]).success();
    let stderr = stderr_of(&assert);
    assert!(
        stderr.contains("the `ties` view names no page for founded, leads, met"),
        "{stderr}"
    );
    // The page holds more than its plan: it is titled by the theme, not the plan.
    let dot = fs::read_to_string(fixture.path().join("views/ties.dot")).unwrap();
    assert!(dot.contains("<b>The ties</b>"), "{dot}");
}

#[test]
fn a_page_naming_an_unknown_type_is_an_error_at_the_type() {
    let fixture = with_pages("      - title: Who signed what\n        types: [signd]\n");
    let assert = fixture.run(&["validate"]).code(1);
    let stderr = stderr_of(&assert);
    assert!(
        stderr.contains("data/schema.yaml:")
            && stderr.contains("unknown relation type `signd`")
            && stderr.contains("signed"),
        "{stderr}"
    );
}

#[test]
fn without_graphviz_render_names_the_package_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("views")).unwrap();
    fs::write(dir.path().join("views/treaties.svg"), "earlier picture").unwrap();
    let empty_path = tempfile::tempdir().unwrap();
    let assert = vnla_graph(dir.path())
        .env("PATH", empty_path.path())
        .arg("--data")
        .arg(bundled())
        .args(["render", "--out", "views"])
        .assert()
        .code(2);
    let stderr = stderr_of(&assert);
    assert!(
        stderr.contains("error: Graphviz: cannot run `dot`"),
        "{stderr}"
    );
    assert!(stderr.contains("the `graphviz` package"), "{stderr}");
    assert_eq!(
        fs::read_to_string(dir.path().join("views/treaties.svg")).unwrap(),
        "earlier picture"
    );
    assert_eq!(
        fs::read_dir(dir.path().join("views")).unwrap().count(),
        1,
        "nothing else written"
    );
}

/// A theme file named like a view across themes is refused, not drawn over that view.
#[test]
fn a_theme_named_like_a_cross_theme_view_is_refused() {
    let fixture = crate::support::Fixture::base();
    std::fs::rename(
        fixture.data().join("relations/ties.yaml"),
        fixture.data().join("relations/signatories.yaml"),
    )
    .unwrap();
    let stderr = crate::support::stderr_of(&fixture.run(&["render", "--out", "views"]).code(1));
    assert!(
        stderr.contains("relations/signatories.yaml would draw a view named `signatories`")
            && stderr.contains("signatories, history-1945-1977, kaysone-phomvihane"),
        "{stderr}"
    );
    assert!(!fixture.path().join("views").exists(), "nothing written");
}

/// A theme file named like a page of a split view (`economy-1`, page 1 of the economy theme)
/// is refused too: before, one view silently overwrote the other.
#[test]
fn a_theme_named_like_a_page_of_another_view_is_refused() {
    refused_with_a_theme_named(
        "economy-1",
        &[
            "relations/economy-1.yaml would draw a view named `economy-1`, the name of a page of the `economy` view",
            "`economy-1`, `economy-2`",
        ],
    );
}

/// A theme named like a view but for case (`Signatories`) would be the same file on macOS
/// and Windows: refused on every system, so a dataset renders alike everywhere.
#[test]
fn view_names_that_differ_only_in_case_are_refused() {
    refused_with_a_theme_named(
        "Signatories",
        &[
            "the views `Signatories` and `signatories` differ only in case",
            "rename one of the theme files",
        ],
    );
}

/// Renders the bundled data with the first economy relation moved to a theme named `theme`,
/// and checks that `render` refuses with all of `said` and writes nothing.
fn refused_with_a_theme_named(theme: &str, said: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    crate::support::copy_dir(&bundled(), &data);
    move_first_relation(&data, "economy", theme);
    let assert = vnla_graph(dir.path())
        .args(["--data", "data", "render", "--out", "views"])
        .assert()
        .code(1);
    let stderr = stderr_of(&assert);
    assert!(said.iter().all(|words| stderr.contains(words)), "{stderr}");
    assert!(!dir.path().join("views").exists(), "nothing written");
}

/// Moves the first relation of `relations/THEME.yaml` into `relations/NEW.yaml`, a theme
/// of its own.
fn move_first_relation(data: &std::path::Path, theme: &str, new: &str) {
    let path = data.join(format!("relations/{theme}.yaml"));
    let text = fs::read_to_string(&path).unwrap();
    let first = text.find("\n- ").unwrap() + 1;
    let second = first + text[first..].find("\n- ").unwrap() + 1;
    fs::write(
        data.join(format!("relations/{new}.yaml")),
        &text[first..second],
    )
    .unwrap();
    fs::write(path, format!("{}{}", &text[..first], &text[second..])).unwrap();
}

/// The files of a folder, by name, with their contents.
fn contents(folder: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = fs::read_dir(folder)
        .unwrap()
        .map(|entry| {
            let entry = entry.unwrap();
            let name = entry.file_name().to_string_lossy().into_owned();
            (name, fs::read(entry.path()).unwrap())
        })
        .collect();
    files.sort();
    files
}

/// How many runs of `dot` draw the explorer's layout and the first view (its two orientations,
/// laid out to choose one).
const FIRST_VIEW_RUNS: usize = 3;

/// A `dot` on PATH that draws the first view (as its input, which is all `render` needs) and
/// then waits on the second (`wait`) or fails on it; each run leaves its pid in `marks/`.
#[cfg(unix)]
fn fake_dot(dir: &std::path::Path, second: &str) -> (std::path::PathBuf, std::path::PathBuf) {
    use std::os::unix::fs::PermissionsExt;
    let (bin, marks) = (dir.join("fake-bin"), dir.join("marks"));
    fs::create_dir_all(&bin).unwrap();
    fs::create_dir_all(&marks).unwrap();
    let then = match second {
        "wait" => "exec sleep 60",
        _ => "echo 'Error: syntax error in line 1' >&2; exit 1",
    };
    let script = format!(
        "#!/bin/sh\nn=$(mktemp -u -p '{marks}' XXXXXX)\necho $$ > \"$n\"\n\
         if [ $(ls '{marks}' | wc -l) -gt {FIRST_VIEW_RUNS} ]; then {then}; fi\ncat\n",
        marks = marks.display()
    );
    fs::write(bin.join("dot"), script).unwrap();
    fs::set_permissions(bin.join("dot"), fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap());
    (path.into(), marks)
}

fn temporaries(files: &[(String, Vec<u8>)]) -> Vec<&str> {
    files
        .iter()
        .map(|(name, _)| name.as_str())
        .filter(|name| name.starts_with(".vnla-graph-"))
        .collect()
}

/// Ctrl-C or SIGTERM while the views are drawn: the temporary files written so far are
/// removed, the `dot` drawing is ended, the process ends by that signal, and the old views
/// are all still there.
#[cfg(unix)]
#[test]
fn an_interrupted_render_removes_its_temporaries_and_keeps_the_old_views() {
    use std::os::unix::process::ExitStatusExt;
    for (signal, number) in [("INT", 2), ("TERM", 15)] {
        let fixture = crate::support::Fixture::base();
        fixture.run(&["render", "--out", "views"]).success();
        let views = fixture.path().join("views");
        let old = contents(&views);
        let (path, marks) = fake_dot(fixture.path(), "wait");
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_vnla-graph"))
            .current_dir(fixture.path())
            .env("PATH", &path)
            .args(["--data", "data", "render", "--out", "views"])
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // The first view is drawn and the second waiting: temporaries exist.
        let runs = || fs::read_dir(&marks).unwrap().count();
        let start = std::time::Instant::now();
        while runs() <= FIRST_VIEW_RUNS {
            assert!(
                start.elapsed().as_secs() < 30,
                "the second view's `dot` never ran"
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        // What the first view's drawing wrote aside, and the second's files so far.
        let during = contents(&views);
        assert!(!temporaries(&during).is_empty(), "{during:?}");
        std::process::Command::new("kill")
            .args(["-s", signal, &child.id().to_string()])
            .status()
            .unwrap();
        let status = child.wait().unwrap();
        assert_eq!(status.signal(), Some(number), "SIG{signal}: {status:?}");
        // Every `dot` that was drawing is ended too, not left to run on unread.
        for mark in fs::read_dir(&marks).unwrap() {
            // A fake `dot` creates its mark, then writes its pid: one ended in between left
            // an empty mark, and nothing runs for it (one still starting writes within ms).
            let mark = mark.unwrap().path();
            let start = std::time::Instant::now();
            let waiting = loop {
                let text = fs::read_to_string(&mark).unwrap();
                if !text.trim().is_empty() || start.elapsed().as_secs() >= 1 {
                    break text;
                }
                std::thread::sleep(std::time::Duration::from_millis(20));
            };
            if waiting.trim().is_empty() {
                continue;
            }
            let process = std::path::Path::new("/proc").join(waiting.trim());
            let ended = || {
                fs::read_to_string(process.join("stat"))
                    .map_or(true, |stat| stat.split(' ').nth(2) == Some("Z"))
            };
            let start = std::time::Instant::now();
            while !ended() && start.elapsed().as_secs() < 5 {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            let left = !ended();
            if left {
                let _ = std::process::Command::new("kill")
                    .arg(waiting.trim())
                    .status();
            }
            assert!(
                !left,
                "SIG{signal}: a waiting `dot` ({}) still runs",
                waiting.trim()
            );
        }
        let after = contents(&views);
        assert!(temporaries(&after).is_empty(), "{:?}", temporaries(&after));
        assert!(after == old, "SIG{signal}: the old views, as they were");
    }
}

/// `dot` failing on a later view leaves every old view as it was and no temporary file.
#[cfg(unix)]
#[test]
fn a_render_failing_half_way_keeps_the_old_views() {
    let fixture = crate::support::Fixture::base();
    fixture.run(&["render", "--out", "views"]).success();
    let views = fixture.path().join("views");
    fs::write(views.join("ties.svg"), "an older picture").unwrap();
    let old = contents(&views);
    let (path, _) = fake_dot(fixture.path(), "fail");
    let assert = vnla_graph(fixture.path())
        .env("PATH", &path)
        .args(["--data", "data", "render", "--out", "views"])
        .assert()
        .code(2);
    assert!(
        stderr_of(&assert).contains("`dot` failed"),
        "{}",
        stderr_of(&assert)
    );
    let after = contents(&views);
    assert!(temporaries(&after).is_empty(), "{:?}", temporaries(&after));
    assert!(after == old, "the old views, as they were");
}

/// A page's printable size in centimetres, long side first.
pub(crate) const A4_PRINTABLE: (f64, f64) = (25.0, 17.0);
const A1: (f64, f64) = (84.1, 59.4);

/// What a reader of a printed view sees, measured from its SVG.
#[derive(Debug)]
pub(crate) struct Measure {
    /// Size in points.
    pub(crate) width: f64,
    pub(crate) height: f64,
    /// The smallest text once the picture is fitted to the page (either orientation).
    pub(crate) smallest_fitted: f64,
    /// The most edges between one pair of nodes.
    pub(crate) most_parallel: usize,
    /// Stroke and text colours with less than 3:1 contrast on white.
    pub(crate) faint: Vec<String>,
    pub(crate) has_key: bool,
    /// Edge labels drawn with their own edge, where a later line can cross them.
    pub(crate) labels_under_lines: usize,
    /// Edge lines and labels that run over the title (a reviewer saw it in politics-3).
    pub(crate) over_title: usize,
}

/// A box in SVG units: left, top, right, bottom.
type Area = (f64, f64, f64, f64);

/// Where a text element's letters lie, roughly: Helvetica's average letter is about half its
/// size wide, and SVG gives no widths.
fn text_area(text: roxmltree::Node<'_, '_>) -> Option<Area> {
    let number = |name: &str| text.attribute(name)?.parse::<f64>().ok();
    let (x, y, size) = (number("x")?, number("y")?, number("font-size")?);
    let width = text.text()?.chars().count() as f64 * size * 0.55;
    let left = match text.attribute("text-anchor") {
        Some("middle") => x - width / 2.0,
        Some("end") => x - width,
        _ => x,
    };
    Some((left, y - size, left + width, y + size * 0.25))
}

fn meets(a: Area, b: Area) -> bool {
    a.0 <= b.2 && b.0 <= a.2 && a.1 <= b.3 && b.1 <= a.3
}

/// How many edge lines (points of their curves) and edge labels fall on the title: the
/// texts of the first cluster, the frame every view is drawn in.
fn over_title(document: &roxmltree::Document<'_>) -> usize {
    let Some(frame) = document
        .descendants()
        .find(|n| n.attribute("class") == Some("cluster"))
    else {
        return 0;
    };
    let title: Vec<Area> = frame
        .children()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(text_area)
        .collect();
    let on_title = |area: Area| title.iter().any(|&t| meets(t, area));
    let in_class = |node: roxmltree::Node<'_, '_>, class: &str| {
        node.ancestors()
            .any(|a| a.attribute("class") == Some(class))
    };
    let lines = document
        .descendants()
        .filter(|n| n.has_tag_name("path") && in_class(*n, "edge"))
        .filter(|path| {
            let numbers: Vec<f64> = path
                .attribute("d")
                .unwrap_or_default()
                .split(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-'))
                .filter_map(|n| n.parse().ok())
                .collect();
            numbers
                .chunks_exact(2)
                .any(|point| on_title((point[0], point[1], point[0], point[1])))
        })
        .count();
    let labels = document
        .descendants()
        .filter(|n| n.has_tag_name("text") && in_class(*n, "edge"))
        .filter_map(text_area)
        .filter(|&area| on_title(area))
        .count();
    lines + labels
}

fn points(value: &str) -> f64 {
    value
        .trim_end_matches("pt")
        .parse()
        .expect("a size in points")
}

/// WCAG 2.1 contrast of a colour against white.
fn contrast_on_white(color: &str) -> Option<f64> {
    let hex = match color {
        "black" => "000000",
        "white" => "ffffff",
        other => other.strip_prefix('#')?,
    };
    let channel = |at: usize| -> Option<f64> {
        let c = f64::from(u8::from_str_radix(hex.get(at..at + 2)?, 16).ok()?) / 255.0;
        Some(if c <= 0.040_45 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        })
    };
    let luminance = 0.2126 * channel(0)? + 0.7152 * channel(2)? + 0.0722 * channel(4)?;
    Some(1.05 / (luminance + 0.05))
}

/// Measures a picture as printed on a page of `page` cm (long side, short side).
pub(crate) fn measure(svg: &str, page: (f64, f64)) -> Measure {
    let (long, short) = (page.0 / 2.54 * 72.0, page.1 / 2.54 * 72.0);
    let document = crate::support::parse_svg(svg).expect("valid SVG");
    let root = document.root_element();
    let (width, height) = (
        points(root.attribute("width").unwrap()),
        points(root.attribute("height").unwrap()),
    );
    // Graphviz scales the drawing itself when asked to (`size`); fonts shrink with it.
    let scale: f64 = document
        .descendants()
        .find(|n| n.attribute("class") == Some("graph"))
        .and_then(|g| g.attribute("transform"))
        .and_then(|t| {
            t.strip_prefix("scale(")?
                .split([' ', ')'])
                .next()?
                .parse()
                .ok()
        })
        .unwrap_or(1.0);
    let fit = f64::min(
        1.0,
        f64::max(
            f64::min(long / width, short / height),
            f64::min(short / width, long / height),
        ),
    );
    let smallest = document
        .descendants()
        .filter_map(|n| n.attribute("font-size")?.parse::<f64>().ok())
        .fold(f64::INFINITY, f64::min);
    let mut pairs: std::collections::HashMap<(String, String), usize> = Default::default();
    let mut labels_under_lines = 0;
    // A line through its label node is two halves, `A->tie 3` and `tie 3->B`: one tie.
    let mut halves: std::collections::HashMap<String, Vec<String>> = Default::default();
    for edge in document
        .descendants()
        .filter(|n| n.attribute("class") == Some("edge"))
    {
        labels_under_lines += edge.children().filter(|n| n.has_tag_name("text")).count();
        let title = edge
            .children()
            .find(|n| n.has_tag_name("title"))
            .and_then(|t| t.text())
            .unwrap();
        let (a, b) = title.split_once("->").unwrap();
        if let Some(label) = [a, b].into_iter().find(|end| end.starts_with("tie ")) {
            let other = if label == a { b } else { a };
            halves
                .entry(label.to_string())
                .or_default()
                .push(other.to_string());
            continue;
        }
        let pair = if a <= b { (a, b) } else { (b, a) };
        *pairs
            .entry((pair.0.to_string(), pair.1.to_string()))
            .or_default() += 1;
    }
    for ends in halves.values() {
        let [a, b] = ends.as_slice() else {
            panic!("a label node joins two halves of one line: {ends:?}");
        };
        let pair = if a <= b { (a, b) } else { (b, a) };
        *pairs.entry((pair.0.clone(), pair.1.clone())).or_default() += 1;
    }
    let mut faint: Vec<String> = document
        .descendants()
        .flat_map(|n| {
            let text_fill = n
                .has_tag_name("text")
                .then(|| n.attribute("fill"))
                .flatten();
            [n.attribute("stroke"), text_fill]
        })
        .flatten()
        .filter(|c| !matches!(*c, "none" | "transparent"))
        .filter(|c| contrast_on_white(c).is_none_or(|ratio| ratio < 3.0))
        .map(str::to_string)
        .collect();
    faint.dedup();
    Measure {
        width,
        height,
        smallest_fitted: smallest * scale * fit,
        most_parallel: pairs.values().copied().max().unwrap_or(0),
        faint,
        has_key: crate::support::svg_texts(svg).iter().any(|t| t == "Key"),
        labels_under_lines,
        over_title: over_title(&document),
    }
}

/// The pairs of entity names an evidence appendix says its picture draws: each note starts
/// with its ties, `A —[type]→ B (span)`, separated by `; `.
fn drawn_pairs(appendix: &str, names: &HashSet<String>) -> HashSet<(String, String)> {
    let mut pairs = HashSet::new();
    for line in appendix.lines().filter(|l| l.starts_with("**[")) {
        let (_, ties) = line.split_once("** ").unwrap();
        for tie in ties.split("; ") {
            let tie = tie.trim_start_matches("claimed: ");
            let Some(arrow) = tie.find(" —[").or_else(|| tie.find(" ←[")) else {
                continue;
            };
            let from = &tie[..arrow];
            let rest = &tie[arrow..];
            let Some(close) = rest.find("]— ").or_else(|| rest.find("]→ ")) else {
                continue;
            };
            let to = &rest[close + "]— ".len()..];
            // The span in parentheses follows the name, unless the name itself ends so.
            let to = if names.contains(to) {
                to
            } else {
                to.rsplit_once(" (").map_or(to, |(name, _)| name)
            };
            let pair = if from <= to { (from, to) } else { (to, from) };
            pairs.insert((pair.0.to_string(), pair.1.to_string()));
        }
    }
    pairs
}

/// Every view, measured as printed: fits A4 with its smallest text at 5 pt or more, at most
/// two edges between two nodes, every line and label at 3:1 contrast or more, a key, edge
/// labels drawn above every line; and the views together draw at least 85% of the pairs of
/// entities the data relates.
#[test]
fn every_view_fits_a_page_and_the_views_cover_the_graph() {
    let dir = tempfile::tempdir().unwrap();
    render_bundled(dir.path(), &[]).success();
    let views = dir.path().join("views");
    let mut drawn: HashSet<(String, String)> = HashSet::new();
    let json = crate::support::stdout_of(
        &vnla_graph(dir.path())
            .arg("--data")
            .arg(bundled())
            .args(["export", "--format", "json"])
            .assert()
            .success(),
    );
    let graph: serde_json::Value = serde_json::from_str(&json).unwrap();
    let name_of: std::collections::HashMap<&str, &str> = graph["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| (n["id"].as_str().unwrap(), n["name"].as_str().unwrap()))
        .collect();
    let names: HashSet<String> = name_of.values().map(|n| n.to_string()).collect();
    let mut problems = Vec::new();
    let mut count = 0;
    for entry in fs::read_dir(&views).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "svg") {
            continue;
        }
        count += 1;
        let measure = measure(&fs::read_to_string(&path).unwrap(), A4_PRINTABLE);
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if measure.smallest_fitted < 5.0 {
            problems.push(format!(
                "{name}: {:.1} × {:.1} cm, its smallest text {:.1} pt on the page",
                measure.width / 72.0 * 2.54,
                measure.height / 72.0 * 2.54,
                measure.smallest_fitted
            ));
        }
        if measure.most_parallel > 2 {
            problems.push(format!("{name}: parallel edges {measure:?}"));
        }
        if !measure.faint.is_empty() || !measure.has_key {
            problems.push(format!("{name}: faint colours or no key {measure:?}"));
        }
        if measure.labels_under_lines > 0 {
            problems.push(format!("{name}: edge labels under later lines {measure:?}"));
        }
        if measure.over_title > 0 {
            problems.push(format!("{name}: edges over the title {measure:?}"));
        }
        drawn.extend(drawn_pairs(
            &fs::read_to_string(path.with_extension("md")).unwrap(),
            &names,
        ));
    }
    assert!(count >= 12, "{count} views");
    assert!(problems.is_empty(), "{problems:#?}");
    let related: HashSet<(String, String)> = graph["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let (a, b) = (
                name_of[e["from"].as_str().unwrap()],
                name_of[e["to"].as_str().unwrap()],
            );
            let pair = if a <= b { (a, b) } else { (b, a) };
            (pair.0.to_string(), pair.1.to_string())
        })
        .collect();
    let covered = related.intersection(&drawn).count();
    assert!(
        covered * 100 >= related.len() * 85,
        "the views draw {covered} of {} related pairs; missing e.g. {:?}",
        related.len(),
        related.difference(&drawn).take(5).collect::<Vec<_>>()
    );
}

/// `--formats` draws each view in Graphviz's own PDF and PNG, beside its DOT and evidence;
/// a mistyped format is refused with the right one suggested.
#[test]
fn formats_choose_the_pictures_written() {
    let fixture = crate::support::Fixture::base();
    fixture
        .run(&["render", "--out", "views", "--formats", "pdf,png"])
        .success();
    let views = fixture.path().join("views");
    let ties = |extension: &str| fs::read(views.join(format!("ties.{extension}"))).unwrap();
    assert!(ties("pdf").starts_with(b"%PDF"));
    assert!(ties("png").starts_with(b"\x89PNG"));
    assert!(String::from_utf8(ties("md")).unwrap().contains("**[1]**"));
    assert!(
        !views.join("ties.svg").exists(),
        "only the formats asked for"
    );
    let stderr = stderr_of(&fixture.run(&["render", "--formats", "svx"]).code(2));
    assert!(
        stderr.contains("tip: a similar value exists: 'svg'"),
        "{stderr}"
    );
}

/// `vnla-graph export | dot -Tsvg`, the README's first command, gives the whole bundled graph
/// as a poster that prints on A1 with its smallest text at 5 pt or more, merged edges, a key.
#[test]
fn the_whole_graph_is_a_poster_for_a1() {
    let dir = tempfile::tempdir().unwrap();
    let dot = crate::support::stdout_of(
        &vnla_graph(dir.path())
            .arg("--data")
            .arg(bundled())
            .arg("export")
            .assert()
            .success(),
    );
    let (svg, warnings) = crate::export::render_svg(&dot);
    assert_eq!(warnings, "");
    let poster = measure(&svg, A1);
    assert!(poster.smallest_fitted >= 5.0, "{poster:?}");
    assert!(
        poster.most_parallel <= 2 && poster.faint.is_empty() && poster.has_key,
        "{poster:?}"
    );
}

/// The value of `name="…"` (or `name=…`) in one DOT attribute list.
fn attribute<'a>(attributes: &'a str, name: &str) -> Option<&'a str> {
    let at = attributes.find(&format!(", {name}="))? + name.len() + 3;
    let rest = &attributes[at..];
    match rest.strip_prefix('"') {
        Some(quoted) => quoted.split('"').next(),
        None => rest.split([',', ']']).next(),
    }
}

/// Every view of the bundled data, rendered afresh: each `.dot`'s path and text.
fn bundled_views() -> Vec<(std::path::PathBuf, String)> {
    let dir = tempfile::tempdir().unwrap();
    render_bundled(dir.path(), &[]).success();
    fs::read_dir(dir.path().join("views"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "dot"))
        .map(|path| {
            let dot = fs::read_to_string(&path).unwrap();
            (path, dot)
        })
        .collect()
}

/// In every view, each relation type drawn as its own line has one look, no two types share
/// a colour and dash (so they differ even in black and white, or to a reader who cannot tell
/// two hues apart, by their arrowheads too), and the key shows each in that colour.
#[test]
fn every_view_tells_its_types_apart_and_its_key_shows_them() {
    let mut checked = 0;
    for (path, dot) in bundled_views() {
        let mut looks: std::collections::HashMap<String, (String, String, String)> =
            Default::default();
        // Each type's label colour: its line's hue, darker, as the key writes it.
        let mut texts: std::collections::HashMap<String, String> = Default::default();
        for line in &crate::support::dot_edge_lines(&dot) {
            let color = attribute(line, "color").unwrap().to_string();
            // Bundles of several ties (a double line in a family's colour, or dark grey) and
            // claims have looks of their own.
            if color.contains(':') || matches!(color.as_str(), "#333333" | "#666666") {
                continue;
            }
            let tooltip = attribute(line, "tooltip").unwrap();
            let (_, first) = tooltip.split_once("\\n").unwrap();
            let open = first.find("[").unwrap() + 1;
            let close = open + first[open..].find(']').unwrap();
            let relation_type = first[open..close].to_string();
            let look = (
                color,
                attribute(line, "style").unwrap().to_string(),
                attribute(line, "arrowhead").unwrap().to_string(),
            );
            let text = attribute(line, "fontcolor").unwrap().to_string();
            texts.insert(relation_type.clone(), text);
            let earlier = looks.insert(relation_type.clone(), look.clone());
            assert!(
                earlier.is_none_or(|earlier| earlier == look),
                "{path:?}: `{relation_type}` drawn two ways"
            );
        }
        let mut seen = HashSet::new();
        for (relation_type, (color, style, _)) in &looks {
            assert!(
                seen.insert((color, style)),
                "{path:?}: `{relation_type}` looks like another type: {looks:?}"
            );
            let text = &texts[relation_type];
            assert!(
                dot.contains(&format!("<font color=\"{text}\">{relation_type}</font>"))
                    && dot.contains(&format!("color=\"{color}\"")),
                "{path:?}: the key does not show `{relation_type}` in {text} beside {color}"
            );
        }
        checked += looks.len();
    }
    assert!(checked > 0);
}

#[test]
fn no_label_says_its_role_twice() {
    let mut labels = 0;
    for (path, dot) in bundled_views() {
        for line in &crate::support::dot_edge_lines(&dot) {
            let Some(label) = line
                .split_once("[label=\"")
                .and_then(|(_, rest)| rest.split_once("\", "))
                .map(|(label, _)| label)
            else {
                continue;
            };
            // `chairs (Chair, as of 2024)` said the role twice: a tie's line is its type,
            // then in parentheses its role first, when it has one.
            for tie in label.split("\\n") {
                let tie = tie.trim_start_matches("• ");
                let tie = tie.rsplit_once(": ").map_or(tie, |(_, rest)| rest);
                let Some((verb, inside)) = tie.split_once(" (") else {
                    continue;
                };
                let first = inside.split([',', ')']).next().unwrap().to_lowercase();
                labels += 1;
                assert!(
                    first.is_empty() || !verb.to_lowercase().starts_with(&first),
                    "{path:?}: {tie}"
                );
            }
        }
    }
    assert!(labels > 50, "{labels}");
}
