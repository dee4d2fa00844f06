//! `export --format ftm`, read back by the real `ftm validate` (PyPI followthemoney 4.x in
//! `.consumers/flow-venv`; `bash .ci/setup-tests` installs it). `ftm validate` drops unknown
//! properties and values it cannot parse without a word, so passing is not enough: every
//! property and value written must come back, and every entity a property names must exist
//! with a schema that property accepts (checked against FtM's own model).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support::{consume, stdout_of, vnla_graph, Fixture};

fn venv() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(".consumers/flow-venv/bin")
}

/// Each line's entity by id: its schema and its properties, each value list sorted (FtM
/// values are sets).
fn entities(lines: &str) -> BTreeMap<String, (String, BTreeMap<String, Vec<String>>)> {
    lines
        .lines()
        .map(|line| {
            let entity: Value = serde_json::from_str(line).expect("one JSON object a line");
            let properties = entity["properties"]
                .as_object()
                .expect("properties")
                .iter()
                .map(|(name, values)| {
                    let mut values: Vec<String> = values
                        .as_array()
                        .expect("a list of values")
                        .iter()
                        .map(|v| v.as_str().expect("string values").to_string())
                        .collect();
                    values.sort();
                    (name.clone(), values)
                })
                .collect();
            let id = entity["id"].as_str().unwrap().to_string();
            (
                id,
                (entity["schema"].as_str().unwrap().to_string(), properties),
            )
        })
        .collect()
}

/// What FtM's model says is wrong: an entity property naming no written entity, or one of a
/// schema outside the property's range, or a required property missing.
const CHECK_REFERENCES: &str = r#"
import json, sys
from followthemoney import model
entities = [json.loads(line) for line in sys.stdin]
by_id = {e["id"]: e for e in entities}
problems = []
for e in entities:
    schema = model.get(e["schema"])
    for name in schema.required:
        if not e["properties"].get(name):
            problems.append(f"{e['id']}: {e['schema']} lacks required {name}")
    for name, values in e["properties"].items():
        prop = schema.get(name)
        if prop.type.name != "entity":
            continue
        for value in values:
            target = by_id.get(value)
            if target is None:
                problems.append(f"{e['id']}.{name} names no entity: {value}")
            elif not model.get(target["schema"]).is_a(prop.range):
                problems.append(f"{e['id']}.{name}: {target['schema']} is no {prop.range.name}")
print("\n".join(problems))
"#;

/// Runs `ftm validate` on `written` and asserts that all of it came back, and that its
/// references hold.
fn assert_read_back_whole(written: &str) {
    let ftm = venv().join("ftm");
    let output = consume(ftm.to_str().unwrap(), &["validate"], written);
    let read = String::from_utf8(output.stdout).unwrap();
    let (written, read_back) = (entities(written), entities(&read));
    assert_eq!(written.len(), read_back.len(), "entities lost or added");
    for (id, (schema, properties)) in &written {
        let (read_schema, read_properties) = &read_back[id];
        assert_eq!(schema, read_schema, "{id}: schema changed");
        assert_eq!(properties, read_properties, "{id}: properties changed");
    }
    let python = venv().join("python");
    let checked = consume(python.to_str().unwrap(), &["-c", CHECK_REFERENCES], &read);
    assert_eq!(String::from_utf8_lossy(&checked.stdout).trim(), "");
}

#[test]
fn the_bundled_graph_passes_ftm_validate_whole() {
    let dir = tempfile::tempdir().unwrap();
    let written = stdout_of(
        &vnla_graph(dir.path())
            .args(["export", "--format", "ftm"])
            .assert()
            .success(),
    );
    let lines = entities(&written);
    let schemata: std::collections::BTreeSet<&str> =
        lines.values().map(|(schema, _)| schema.as_str()).collect();
    for schema in [
        "Person",
        "Organization",
        "PublicBody",
        "Company",
        "Event",
        "Membership",
    ] {
        assert!(schemata.contains(schema), "no {schema} in {schemata:?}");
    }
    assert_read_back_whole(&written);
}

#[test]
fn times_claims_and_quotes_survive_the_round_trip() {
    let fixture = Fixture::with("statements");
    let written = stdout_of(&fixture.run(&["export", "--format", "ftm"]).success());
    insta::assert_snapshot!(written);
    assert_read_back_whole(&written);
    let lines = entities(&written);
    let property = |id: &str, name: &str| -> Vec<String> {
        lines[id].1.get(name).cloned().unwrap_or_default()
    };
    // A state from 1930 until 1960; an open one from 1975; one known to hold at its end.
    let led = "vnla-Tran-Bao.leads.Beta-Party";
    assert_eq!(lines[led].0, "Directorship");
    assert_eq!(
        (property(led, "startDate"), property(led, "endDate")),
        (vec!["1930".to_string()], vec!["1960".to_string()])
    );
    assert_eq!(property(led, "role"), ["party leader"]);
    let member = "vnla-Ann-Leader.member-of.Beta-Party";
    assert_eq!(property(member, "startDate"), ["1975"]);
    assert!(
        property(member, "endDate").is_empty(),
        "an open state has no end"
    );
    // Seen holding in 2024: said, not made a start.
    let seen = "vnla-Ann-Leader.leads.Alpha";
    assert!(property(seen, "startDate").is_empty());
    assert!(property(seen, "description").contains(&"known to hold in 2024".to_string()));
    // An event on one day starts and ends on it.
    let met = "vnla-Ann-Leader.met.Tran-Bao.1";
    assert_eq!(lines[met].0, "Associate");
    assert_eq!(property(met, "startDate"), ["1977-07-18"]);
    assert_eq!(property(met, "endDate"), ["1977-07-18"]);
    // The claim says who claims it; its quote and source come along.
    let claim = "vnla-Ann-Leader.met.Tran-Bao";
    assert_eq!(
        property(claim, "description"),
        ["claimed by critics of the Beta Party: Ann Leader met Trần Bảo"]
    );
    assert_eq!(
        property(claim, "summary"),
        ["Critics of the Beta Party claim that Ann Leader met Trần Bảo in secret in 1980."]
    );
    assert_eq!(property(claim, "proof"), ["vnla-source-profile"]);
    // A code FtM would drop (user-assigned) is kept as a keyword.
    assert_eq!(property("vnla-Alpha", "keywords"), ["country: AA"]);
    assert_eq!(property(claim, "publisher"), ["The test suite"]);
}
