//! `stats`, `show` and `search` on the valid base fixture, as text and JSON.

use crate::support::{stderr_of, stdout_of, Fixture};

#[test]
fn stats_counts_kinds_types_and_components() {
    let fixture = Fixture::base();
    insta::assert_snapshot!(stdout_of(&fixture.run(&["stats"]).success()));
    let json: serde_json::Value = serde_json::from_str(&stdout_of(
        &fixture
            .run(&["stats", "--format", "json", "--top", "2"])
            .success(),
    ))
    .unwrap();
    assert_eq!(json["entities"], 7);
    assert_eq!(json["relations"], 6);
    assert_eq!(json["components"], 1);
    assert_eq!(json["kinds"]["person"], 2);
    assert_eq!(json["relation_types"]["signed"], 2);
    assert_eq!(json["most_connected"].as_array().unwrap().len(), 2);
    assert_eq!(json["most_connected"][0]["id"], "Tran_Bao");
}

#[test]
fn show_lists_every_relation_with_dates_and_quotes() {
    let fixture = Fixture::base();
    // Folded name: no diacritics, any case.
    insta::assert_snapshot!(stdout_of(&fixture.run(&["show", "tran bao"]).success()));
    let json: serde_json::Value = serde_json::from_str(&stdout_of(
        &fixture
            .run(&["show", "Leader Bảo", "--format", "json"])
            .success(),
    ))
    .unwrap();
    assert_eq!(json["entity"]["id"], "Tran_Bao");
    assert_eq!(json["entity"]["name"], "Trần Bảo");
    let relations = json["relations"].as_array().unwrap();
    assert_eq!(relations.len(), 3);
    let met = relations.iter().find(|r| r["type"] == "met").unwrap();
    assert_eq!(met["date"], "1977-07-18");
    assert_eq!(met["evidence"][0]["source"], "doc");
}

#[test]
fn search_matches_ids_names_aliases_and_descriptions() {
    let fixture = Fixture::base();
    let stdout = stdout_of(&fixture.run(&["search", "party"]).success());
    // Two ids, and two descriptions ("Head of the Alpha Party", "founder of the Beta Party").
    assert_eq!(stdout.lines().count(), 4, "{stdout}");
    for id in ["Alpha_Party", "Beta_Party", "Ann_Leader", "Tran_Bao"] {
        assert!(stdout.contains(id), "{id} missing from:\n{stdout}");
    }
    let json: serde_json::Value = serde_json::from_str(&stdout_of(
        &fixture
            .run(&["search", "bao", "--format", "json"])
            .success(),
    ))
    .unwrap();
    assert_eq!(json[0]["id"], "Tran_Bao");
    assert_eq!(json[0]["matched"], "id");
    let assert = fixture.run(&["search", "nothing like this"]).code(1);
    assert_eq!(stdout_of(&assert), "");
    assert!(stderr_of(&assert).contains("no entity matches"));
}

#[test]
fn validate_json_reports_counts_and_diagnostics() {
    let fixture = Fixture::with("invalid/unknown-source");
    let assert = fixture.run(&["validate", "--format", "json"]).code(1);
    let json: serde_json::Value = serde_json::from_str(&stdout_of(&assert)).unwrap();
    assert_eq!(json["errors"], 1);
    let diagnostic = &json["diagnostics"][0];
    assert_eq!(diagnostic["code"], "VG025");
    assert_eq!(diagnostic["file"], "data/relations/ties.yaml");
    assert_eq!(
        (diagnostic["line"].as_u64(), diagnostic["column"].as_u64()),
        (Some(41), Some(15))
    );
}
