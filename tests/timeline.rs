//! `timeline NAME --format dot`: drawn by the real Graphviz, measured as printed on A4 (the
//! views' measure), its year axis in order, a state drawn as a bar from its start to its end;
//! the DOT of a small fixture pinned; `-o`, a missing name and an unknown one.

use std::collections::HashMap;

use roxmltree::Node;

use crate::render::{measure, A4_PRINTABLE};
use crate::support::{stderr_of, stdout_of, vnla_graph, Fixture};

/// `vnla-graph --data graph-data ARGS` on the bundled data.
pub(crate) fn bundled(args: &[&str]) -> assert_cmd::assert::Assert {
    let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("graph-data");
    let dir = tempfile::tempdir().unwrap();
    vnla_graph(dir.path())
        .arg("--data")
        .arg(data)
        .args(args)
        .assert()
}

/// The vertical middle of a drawn node or edge: between the highest and lowest y of its
/// shapes and text (Graphviz's SVG y grows downwards).
fn y_range(group: Node<'_, '_>) -> (f64, f64) {
    let mut ys: Vec<f64> = Vec::new();
    for node in group.descendants() {
        for name in ["y", "cy"] {
            if let Some(y) = node.attribute(name).and_then(|y| y.parse().ok()) {
                ys.push(y);
            }
        }
        for name in ["points", "d"] {
            let Some(points) = node.attribute(name) else {
                continue;
            };
            let numbers: Vec<f64> = points
                .split(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-'))
                .filter_map(|n| n.parse().ok())
                .collect();
            ys.extend(numbers.chunks(2).filter_map(|pair| pair.get(1)));
        }
    }
    let low = ys.iter().copied().fold(f64::INFINITY, f64::min);
    let high = ys.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    (low, high)
}

/// Every node and edge of an SVG by its title (`axis 1976`, `1976 Laos->end 0`).
fn drawn(document: &roxmltree::Document<'_>) -> HashMap<String, (f64, f64)> {
    document
        .descendants()
        .filter(|n| matches!(n.attribute("class"), Some("node" | "edge")))
        .filter_map(|group| {
            let title = group.children().find(|n| n.has_tag_name("title"))?.text()?;
            Some((title.to_string(), y_range(group)))
        })
        .collect()
}

/// The start years of an entity's dated ties, from the JSON timeline.
fn start_years(name: &str) -> Vec<u16> {
    let json = stdout_of(&bundled(&["timeline", name, "--format", "json"]).success());
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    json["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|event| {
            let date = ["date", "seen", "end"]
                .into_iter()
                .find_map(|key| event[key].as_str())?;
            date[..4].parse().ok()
        })
        .collect()
}

/// Draws `name`'s timeline and checks it as printed: well-formed, fits A4 at 5 pt, a key, no
/// faint colour, at most two edges between two nodes, and one rank per year or decade, in
/// order, covering every tie's start. Returns the SVG's nodes and edges and the axis step.
fn drawn_timeline(name: &str) -> (HashMap<String, (f64, f64)>, u16) {
    let dot = stdout_of(&bundled(&["timeline", name, "--format", "dot"]).success());
    let (svg, warnings) = crate::export::render_svg(&dot);
    assert_eq!(warnings, "", "Graphviz warned on {name}");
    let page = measure(&svg, A4_PRINTABLE);
    assert!(page.smallest_fitted >= 5.0, "{name}: {page:?}");
    assert!(
        page.has_key && page.faint.is_empty() && page.most_parallel <= 2,
        "{name}: {page:?}"
    );
    let document = crate::support::parse_svg(&svg).unwrap();
    let shapes = drawn(&document);
    let mut axis: Vec<(u16, f64)> = shapes
        .iter()
        .filter_map(|(title, (low, high))| {
            let unit = title.strip_prefix("axis ")?.parse().ok()?;
            Some((unit, (low + high) / 2.0))
        })
        .collect();
    axis.sort_by_key(|(unit, _)| *unit);
    let step = axis[1].0 - axis[0].0;
    assert!(step == 1 || step == 10, "{name}: a rank per year or decade");
    for pair in axis.windows(2) {
        assert_eq!(pair[1].0 - pair[0].0, step, "{name}: no rank left out");
        assert!(pair[0].1 < pair[1].1, "{name}: {pair:?} in time order");
    }
    for year in start_years(name) {
        let unit = year / step * step;
        assert!(
            axis.iter().any(|(u, _)| *u == unit),
            "{name}: {year} on the axis"
        );
    }
    (shapes, step)
}

#[test]
fn kaysones_timeline_has_a_rank_per_year_and_draws_a_state_as_a_span() {
    let (shapes, step) = drawn_timeline("Kaysone");
    assert_eq!(step, 1, "25 years fit a page a rank per year");
    // He led the LPRP from (at least) 1976 until 1990: a bar from its node at 1976 down to
    // the 1990 mark of the axis.
    let y = |title: &str| shapes.get(title).unwrap_or_else(|| panic!("{title} drawn"));
    let node = y("1976 Lao_Peoples_Revolutionary_Party");
    let (bar_title, bar) = shapes
        .iter()
        .find(|(title, _)| title.starts_with("1976 Lao_Peoples_Revolutionary_Party->end "))
        .expect("the state's bar");
    let end = y(bar_title.split_once("->").unwrap().1);
    let axis_1990 = y("axis 1990");
    assert!(
        (bar.0 - node.1).abs() < 2.0,
        "the bar starts under its node"
    );
    assert!(
        (end.0 + end.1 - axis_1990.0 - axis_1990.1).abs() / 2.0 < 6.0,
        "the bar ends level with 1990: {end:?} {axis_1990:?}"
    );
    assert!(bar.1 > y("axis 1989").1, "the bar spans the years to 1990");
}

#[test]
fn a_long_state_heavy_timeline_has_a_rank_per_decade_and_open_states_run_on() {
    let (shapes, step) = drawn_timeline("Lao_Peoples_Revolutionary_Party");
    assert_eq!(step, 10, "1975–2024 a rank per year would not fit a page");
    // The LPRP has led Laos since 1975 (no end): its bar runs past the last decade.
    let bar = shapes
        .iter()
        .find(|(title, _)| title.starts_with("1970 Laos->end "))
        .map(|(_, y)| *y)
        .expect("the open state's bar");
    assert!(bar.1 > shapes["axis 2020"].1, "{bar:?}");
    assert!(shapes.contains_key("axis open"));
}

/// The statements fixture: Ann's open membership, a state with an end alone, one seen in
/// 2024, a fact and a claim; `--undated` adds the undated claim after the years.
#[test]
fn a_small_timeline_dot_is_pinned_and_renders_cleanly() {
    let fixture = Fixture::with("statements");
    let dot = stdout_of(
        &fixture
            .run(&["timeline", "Ann", "--format", "dot"])
            .success(),
    );
    insta::assert_snapshot!("timeline_dot", dot);
    let (svg, warnings) = crate::export::render_svg(&dot);
    assert_eq!(warnings, "");
    let texts = crate::support::svg_texts(&svg);
    for text in ["Timeline of Ann Leader", "claimed: met (1980) [3]", "Key"] {
        assert!(texts.iter().any(|t| t == text), "{text} in {texts:?}");
    }
    let undated = stdout_of(
        &fixture
            .run(&["timeline", "Ann", "--format", "dot", "--undated"])
            .success(),
    );
    assert!(undated.contains("\"axis undated\" [group=axis, shape=plaintext"));
    assert!(undated.contains("\"undated Alpha_Party\""));
}

#[test]
fn timeline_writes_atomically_and_asks_for_a_name_to_draw() {
    let fixture = Fixture::with("statements");
    let dot = stdout_of(
        &fixture
            .run(&["timeline", "Ann", "--format", "dot"])
            .success(),
    );
    fixture
        .run(&["timeline", "Ann", "--format", "dot", "-o", "ann.dot"])
        .success();
    assert_eq!(
        std::fs::read_to_string(fixture.path().join("ann.dot")).unwrap(),
        dot
    );
    let stderr = stderr_of(
        &fixture
            .run(&["timeline", "Ann", "-o", "no/such/ann.txt"])
            .code(2),
    );
    assert!(
        stderr.contains("error: cannot write `no/such/ann.txt`"),
        "{stderr}"
    );
    let stderr = stderr_of(&fixture.run(&["timeline", "--format", "dot"]).code(2));
    assert!(stderr.contains("give its name"), "{stderr}");
    let stderr = stderr_of(
        &fixture
            .run(&["timeline", "Anne Leadr", "--format", "dot"])
            .code(2),
    );
    assert!(
        stderr.contains("Ann_Leader"),
        "a close name suggested: {stderr}"
    );
}

/// The README's timeline picture is drawn from `docs/timeline-kaysone.dot`, which must be what
/// the data gives now.
#[test]
fn the_readme_timeline_is_current() {
    let docs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs");
    let dot = stdout_of(&bundled(&["timeline", "Kaysone", "--format", "dot"]).success());
    assert!(
        std::fs::read_to_string(docs.join("timeline-kaysone.dot")).unwrap() == dot,
        "redraw it: vnla-graph timeline Kaysone --format dot -o docs/timeline-kaysone.dot && \
         dot -Tsvg docs/timeline-kaysone.dot > docs/timeline-kaysone.svg"
    );
}
