//! The typed interchange exports (CSV, GraphML, GEXF, Cypher), each read back by its real
//! consumer (installed by `.ci/setup-tests`; a missing one fails the test): the same entities
//! and relations as the JSON export, the hostile text of `tests/fixtures/interchange` intact,
//! and the same shortest paths as `vnla-graph path`.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support::{consume, fixtures, stderr_of, stdout_of, vnla_graph, Fixture};

/// The consumers' scripts, in `tests/consumers/`.
fn script(name: &str) -> PathBuf {
    fixtures().parent().unwrap().join("consumers").join(name)
}

/// Runs a consumer's Python script with `args`; its stdout as JSON.
fn python(python: &str, name: &str, args: &[&str]) -> Value {
    let script = script(name);
    let mut all = vec![script.to_str().unwrap()];
    all.extend_from_slice(args);
    let output = consume(python, &all, "");
    serde_json::from_slice(&output.stdout).unwrap_or_else(|error| {
        panic!(
            "{name} answered no JSON ({error}): {}",
            String::from_utf8_lossy(&output.stdout)
        )
    })
}

/// The JSON export of the same data, what every format is compared with.
fn json_export(dir: &Path, data: Option<&str>) -> Value {
    let mut command = vnla_graph(dir);
    if let Some(data) = data {
        command.args(["--data", data]);
    }
    let assert = command
        .args(["export", "--format", "json"])
        .assert()
        .success();
    serde_json::from_str(&stdout_of(&assert)).unwrap()
}

/// The interchange fixture, exported in `format` to `out` in its folder.
fn exported(format: &str, out: &str) -> Fixture {
    let fixture = Fixture::with("interchange");
    fixture
        .run(&["export", "--format", format, "-o", out])
        .success();
    fixture
}

/// Evidence as the typed formats write it: numbered quotes with their sources.
fn evidence_text(edge: &Value) -> String {
    edge["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
        .map(|(i, e)| {
            format!(
                "[{}] “{}” — {}",
                i + 1,
                e["quote"].as_str().unwrap(),
                e["source"].as_str().unwrap()
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The relation of the fixture whose quote is hostile, from the JSON export.
fn hostile_edge(json: &Value) -> (usize, &Value) {
    json["edges"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
        .find(|(_, edge)| evidence_text(edge).contains("<left> & 'right'"))
        .expect("the fixture has the hostile quote")
}

/// Fewest hops between two entities, as `vnla-graph path --plain` answers on the bundled
/// data.
fn plain_hops(dir: &Path, from: &str, to: &str) -> u64 {
    let assert = vnla_graph(dir)
        .args(["path", from, to, "--plain", "--format", "json"])
        .assert()
        .success();
    let answer: Value = serde_json::from_str(&stdout_of(&assert)).unwrap();
    answer["paths"][0]["hops"].as_u64().unwrap()
}

/// Pairs of bundled entities at one to several hops, through hubs and not.
const PAIRS: [(&str, &str); 6] = [
    ("Kaysone_Phomvihane", "Nguyen_Phu_Trong"),
    ("Laos", "Vietnam"),
    ("BIDV", "Kaysone_Phomvihane"),
    ("Da_Nang_Port", "Nguyen_Phu_Trong"),
    ("Thongloun_Sisoulith", "Pham_Minh_Chinh"),
    ("Cambodia_Parliament", "Da_Nang_Port"),
];

#[test]
fn csv_needs_a_folder_and_refuses_a_file() {
    let fixture = Fixture::base();
    let assert = fixture.run(&["export", "--format", "csv"]).code(2);
    assert!(
        stderr_of(&assert).contains("-o DIR"),
        "{}",
        stderr_of(&assert)
    );
    std::fs::write(fixture.path().join("taken"), "keep me").unwrap();
    let assert = fixture
        .run(&["export", "--format", "csv", "-o", "taken"])
        .code(1);
    assert!(
        stderr_of(&assert).contains("is a file"),
        "{}",
        stderr_of(&assert)
    );
    assert_eq!(
        std::fs::read_to_string(fixture.path().join("taken")).unwrap(),
        "keep me"
    );
}

#[test]
fn csv_of_the_fixture_is_pinned() {
    let fixture = exported("csv", "out");
    for name in ["entities.csv", "relations.csv"] {
        let text = std::fs::read_to_string(fixture.path().join("out").join(name)).unwrap();
        insta::assert_snapshot!(format!("csv_{name}"), text);
    }
}

#[test]
fn csv_loads_into_ladybug_with_every_relation_and_the_hostile_quote_intact() {
    let fixture = exported("csv", "out");
    let csv = fixture.path().join("out");
    let db = fixture.path().join("ladybug");
    let loaded = python(
        "python3",
        "ladybug_paths.py",
        &[csv.to_str().unwrap(), db.to_str().unwrap()],
    );
    let json = json_export(fixture.path(), Some("data"));
    assert_eq!(loaded["entities"], json["nodes"].as_array().unwrap().len());
    assert_eq!(loaded["relations"], json["edges"].as_array().unwrap().len());
    let (position, edge) = hostile_edge(&json);
    let read = &loaded["evidence"][format!("r{}", position + 1)];
    assert_eq!(read["evidence"].as_str().unwrap(), evidence_text(edge));
    assert_eq!(read["sources"], "doc;doc");
    assert_eq!(read["note"], edge["note"]);
    let funded = json["edges"]
        .as_array()
        .unwrap()
        .iter()
        .position(|edge| edge["amount"].is_number())
        .unwrap();
    assert_eq!(
        loaded["evidence"][format!("r{}", funded + 1)]["amount"],
        1.5e6
    );
}

#[test]
fn ladybug_finds_the_same_fewest_hops_as_path_plain() {
    let dir = tempfile::tempdir().unwrap();
    vnla_graph(dir.path())
        .args(["export", "--format", "csv", "-o", "csv"])
        .assert()
        .success();
    let pairs: Vec<String> = PAIRS.iter().map(|(a, b)| format!("{a}:{b}")).collect();
    let mut args = vec![
        dir.path().join("csv").to_str().unwrap().to_string(),
        dir.path().join("ladybug").to_str().unwrap().to_string(),
    ];
    args.extend(pairs.iter().cloned());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let loaded = python("python3", "ladybug_paths.py", &args);
    for ((from, to), pair) in PAIRS.iter().zip(&pairs) {
        assert_eq!(
            loaded["hops"][pair].as_u64(),
            Some(plain_hops(dir.path(), from, to)),
            "{pair}"
        );
    }
}
