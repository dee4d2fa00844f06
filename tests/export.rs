//! `export`: the JSON contract, and DOT that the real Graphviz renders without warnings.

use std::fs;
use std::process::Command;

use crate::support::{stderr_of, stdout_of, Fixture};

#[test]
fn json_export_has_the_documented_shape() {
    let fixture = Fixture::base();
    let stdout = stdout_of(&fixture.run(&["export", "--format", "json"]).success());
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    // Files are read in name order: countries.yaml, other.yaml, people.yaml.
    let node = &json["nodes"][5];
    assert_eq!(node["id"], "Ann_Leader");
    assert_eq!(node["name"], "Ann Leader");
    assert_eq!(node["kind"], "person");
    assert_eq!(node["country"], "AA");
    assert_eq!(node["aliases"], serde_json::json!(["Leader Ann"]));
    assert_eq!(json["nodes"][4]["id"], "Treaty_1977");
    assert!(
        json["nodes"][4].get("country").is_none(),
        "no country key when there is none"
    );
    let edge = &json["edges"][3];
    assert_eq!(
        (
            edge["from"].as_str(),
            edge["to"].as_str(),
            edge["type"].as_str()
        ),
        (Some("Ann_Leader"), Some("Tran_Bao"), Some("met"))
    );
    assert_eq!(edge["date"], "1977-07-18");
    assert!(edge.get("end").is_none());
    assert_eq!(edge["evidence"][0]["source"], "doc");
    assert!(edge["evidence"][0]["quote"]
        .as_str()
        .unwrap()
        .starts_with("Leader Ann, head of"));
    let source = &json["sources"][0];
    for key in ["id", "title", "publisher", "date", "file"] {
        assert!(source[key].is_string(), "source.{key}");
    }
    insta::assert_snapshot!(stdout);
}

#[test]
fn export_to_a_file_replaces_it_whole() {
    let fixture = Fixture::base();
    let target = fixture.path().join("graph.json");
    fs::write(&target, "earlier export").unwrap();
    let assert = fixture
        .run(&["export", "--format", "json", "-o", "graph.json"])
        .success();
    assert_eq!(stdout_of(&assert), "");
    let written = fs::read_to_string(&target).unwrap();
    assert_eq!(
        written,
        stdout_of(&fixture.run(&["export", "--format", "json"]).success())
    );
    let leftovers: Vec<_> = fs::read_dir(fixture.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left behind");
}

#[test]
fn writing_into_a_missing_folder_fails_cleanly() {
    let fixture = Fixture::base();
    let assert = fixture
        .run(&["export", "-o", "no/such/folder/graph.dot"])
        .code(1);
    assert!(stderr_of(&assert).contains("error: cannot write `no/such/folder/graph.dot`"));
}

/// Runs Graphviz `dot` on `dot_text`; panics (fails, never skips) when Graphviz is missing.
pub(crate) fn render_svg(dot_text: &str) -> (String, String) {
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("Graphviz `dot` must be installed for these tests (apt-get install graphviz)");
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(dot_text.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "dot failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    (
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn dot_export_is_stable_and_renders_cleanly() {
    let fixture = Fixture::base();
    let dot = stdout_of(&fixture.run(&["export"]).success());
    assert_eq!(
        dot,
        stdout_of(&fixture.run(&["export"]).success()),
        "same data, same bytes"
    );
    insta::assert_snapshot!(dot);
    let (svg, warnings) = render_svg(&dot);
    assert_eq!(warnings, "", "Graphviz warned");
    for text in [
        "Trần Bảo",
        "Ann Leader",
        "Legend",
        "met 1977",
        "signed 1977",
    ] {
        assert!(svg.contains(text), "{text} missing from the SVG");
    }
}

#[test]
fn dot_options_change_clusters_and_direction() {
    let fixture = Fixture::base();
    let by_country = stdout_of(&fixture.run(&["export"]).success());
    assert!(by_country.contains("label=\"Alpha\"") && by_country.contains("rankdir=LR"));
    let by_kind = stdout_of(
        &fixture
            .run(&["export", "--cluster", "kind", "--rankdir", "TB"])
            .success(),
    );
    assert!(by_kind.contains("label=\"Person\"") && by_kind.contains("rankdir=TB"));
    let flat = stdout_of(&fixture.run(&["export", "--cluster", "none"]).success());
    assert_eq!(
        flat.matches("subgraph cluster_").count(),
        1,
        "only the legend is a cluster"
    );
    for dot in [by_kind, flat] {
        assert_eq!(render_svg(&dot).1, "");
    }
}

#[test]
fn hostile_names_stay_inside_their_labels() {
    let fixture = Fixture::with("hostile");
    let dot = stdout_of(&fixture.run(&["export"]).success());
    let (svg, warnings) = render_svg(&dot);
    assert_eq!(warnings, "");
    let svg_text = svg
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#45;", "-")
        .replace("&amp;", "&");
    for name in [
        r#"The "Quoted" One"#,
        r"Back\slash",
        "Angle <b>bold</b>",
        "Braces {x} | pipe",
        "]; a -> b [",
    ] {
        assert!(
            svg_text.contains(name),
            "{name} not found verbatim in the SVG"
        );
    }
    assert!(!dot.contains("\na -> b"), "an edge was injected");
}
