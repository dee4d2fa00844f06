//! The statements model on `tests/fixtures/statements` (laid over the base): a state with a
//! start and an end (Bảo leads the Beta Party 1930–1960), an open state (Ann, member of the
//! Beta Party since 1975), a state with an end alone (member of the Alpha Party until 1990),
//! a state seen at a time (Ann heads Alpha in 2024), a claim with a claimant (Ann met Bảo in
//! 1980, say critics) and one without. The base adds an event (they met on 1977-07-18).

use crate::support::{stderr_of, stdout_of, Fixture};

/// `from type to` of every edge `export --format json ARGS` keeps, in data order (files in
/// name order: statements.yaml, then the base's ties.yaml).
fn edges(fixture: &Fixture, args: &[&str]) -> Vec<String> {
    let mut full = vec!["export", "--format", "json"];
    full.extend_from_slice(args);
    let json: serde_json::Value =
        serde_json::from_str(&stdout_of(&fixture.run(&full).success())).unwrap();
    json["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            format!(
                "{} {} {}",
                e["from"].as_str().unwrap(),
                e["type"].as_str().unwrap(),
                e["to"].as_str().unwrap()
            )
        })
        .collect()
}

/// Ann and Bảo are tied by `met` twice: a fact (1977) and a claim (1980).
const CLAIM_PATH: [&str; 5] = ["path", "Ann", "Tran_Bao", "--via", "met"];

#[test]
fn time_filters_follow_the_time_kinds() {
    let fixture = Fixture::with("statements");
    assert_eq!(
        edges(&fixture, &["--at", "1950"]),
        ["Tran_Bao leads Beta_Party"],
        "a state holds between its start and its end"
    );
    assert_eq!(
        edges(&fixture, &["--at", "2000"]),
        ["Ann_Leader member_of Beta_Party"],
        "a state with no end still holds"
    );
    assert_eq!(
        edges(&fixture, &["--at", "2024"]),
        ["Ann_Leader member_of Beta_Party", "Ann_Leader leads Alpha"],
        "a state seen in 2024 holds in 2024"
    );
    assert_eq!(
        edges(&fixture, &["--at", "1990"]),
        [
            "Ann_Leader member_of Beta_Party",
            "Ann_Leader member_of Alpha_Party"
        ],
        "a state with an end alone holds at its end"
    );
    assert_eq!(
        edges(&fixture, &["--at", "1977-07"]),
        [
            "Ann_Leader member_of Beta_Party",
            "Alpha signed Treaty_1977",
            "Beta signed Treaty_1977",
            "Ann_Leader met Tran_Bao"
        ],
        "an event holds within its date's period"
    );
    assert_eq!(
        edges(&fixture, &["--at", "1978", "--types", "met"]),
        Vec::<String>::new()
    );
    // --undated keeps the undated ties too (the base's undated `leads`, the undated claim).
    let undated = edges(&fixture, &["--at", "1950", "--undated"]);
    assert!(
        undated.contains(&"Tran_Bao leads Beta_Party".to_string())
            && undated.contains(&"Ann_Leader leads Alpha_Party".to_string())
            && undated.len() == 4,
        "{undated:?}"
    );
}

#[test]
fn timeline_places_states_at_their_start_and_shows_their_span() {
    let fixture = Fixture::with("statements");
    insta::assert_snapshot!(
        "timeline_of_states_and_claims",
        stdout_of(&fixture.run(&["timeline", "Ann"]).success())
    );
    let undated = stdout_of(&fixture.run(&["timeline", "Ann", "--undated"]).success());
    assert!(
        undated
            .lines()
            .last()
            .unwrap_or("")
            .starts_with("            “")
            && undated.contains("undated     claim: Ann Leader —[member of]→ Alpha Party"),
        "undated ties come last, marked: {undated}"
    );
}

#[test]
fn claims_and_roles_are_shown_in_every_format() {
    let fixture = Fixture::with("statements");
    let claim = [&CLAIM_PATH[..], &["-k", "2"]].concat();
    let text = stdout_of(&fixture.run(&claim).success());
    assert!(
        text.contains("claimed by critics of the Beta Party: Ann Leader —[met]— Trần Bảo (1980)"),
        "{text}"
    );
    insta::assert_snapshot!("claim_hop_text", text);
    let mut markdown = claim.to_vec();
    markdown.extend(["--format", "markdown"]);
    insta::assert_snapshot!(
        "claim_hop_markdown",
        stdout_of(&fixture.run(&markdown).success())
    );
    let mut json = claim.to_vec();
    json.extend(["--format", "json"]);
    insta::assert_snapshot!("claim_hop_json", stdout_of(&fixture.run(&json).success()));
    let mut dot = claim.to_vec();
    dot.extend(["--format", "dot"]);
    let dot = stdout_of(&fixture.run(&dot).success());
    assert!(
        dot.contains("claimed: met (1980) [")
            && dot.contains("claimed by critics of the Beta Party")
            && dot.contains(">claimed</font>"),
        "{dot}"
    );
    insta::assert_snapshot!("claim_hop_dot", dot);
    let role = ["path", "Alpha", "Beta_Party"];
    let text = stdout_of(&fixture.run(&role).success());
    assert!(
        text.contains("Alpha ←[leads]— Ann Leader (head of state, as of 2024)"),
        "{text}"
    );
    insta::assert_snapshot!("role_hop_text", text);
    let markdown = stdout_of(
        &fixture
            .run(&[&role[..], &["--format", "markdown"]].concat())
            .success(),
    );
    insta::assert_snapshot!("role_hop_markdown", markdown);
    let dot = stdout_of(
        &fixture
            .run(&[&role[..], &["--format", "dot"]].concat())
            .success(),
    );
    assert!(
        // The path's first hop, numbered, its role and span wrapped onto lines.
        dot.contains("label=\"step 1: leads (head of\\nstate, as of 2024) ["),
        "{dot}"
    );
}

#[test]
fn a_claim_costs_more_and_facts_only_leaves_it_out() {
    let fixture = Fixture::with("statements");
    let json = |args: &[&str]| -> serde_json::Value {
        let mut full = [&CLAIM_PATH[..], &["--format", "json"]].concat();
        full.extend_from_slice(args);
        serde_json::from_str(&stdout_of(&fixture.run(&full).success())).unwrap()
    };
    // The 1977 meeting and the claimed one of 1980 join the same two people: one answer,
    // the fact taken (one hop, cost 1) and the claim listed as its alternative.
    let both = json(&["-k", "2"]);
    assert_eq!(both["paths"].as_array().unwrap().len(), 1, "{both}");
    assert_eq!(both["paths"][0]["cost"], 1.0);
    let hop = &both["paths"][0]["edges"][0];
    assert_eq!(hop["stance"], "fact");
    assert_eq!(hop["alternatives"][0]["stance"], "claim");
    assert_eq!(
        hop["alternatives"][0]["claimed_by"],
        "critics of the Beta Party"
    );
    // Since 1979 only the claim is left: it pays the fixture schema's claim penalty of 2.
    let claim = json(&["--since", "1979", "--explain"]);
    assert_eq!(claim["paths"][0]["cost"], 3.0);
    assert_eq!(claim["paths"][0]["edges"][0]["stance"], "claim");
    let charge = &claim["paths"][0]["explain"][0];
    assert_eq!(
        (
            &charge["stance"],
            &charge["weight"],
            &charge["claim_penalty"]
        ),
        (&"claim".into(), &1.0.into(), &2.0.into())
    );
    let facts = stdout_of(
        &fixture
            .run(&[&CLAIM_PATH[..], &["-k", "2", "--facts-only"]].concat())
            .success(),
    );
    assert!(
        !facts.contains("claim") && facts.starts_with("1 hop"),
        "{facts}"
    );
    let stderr = stderr_of(
        &fixture
            .run(&[&CLAIM_PATH[..], &["--facts-only", "--at", "1980"]].concat())
            .code(1),
    );
    assert!(stderr.contains("--at 1980 --facts-only"), "{stderr}");
}

/// Trần Bảo led the Beta Party until 1960 and Ann Leader joined it in 1975: a chain through
/// the party is flagged weak, their times in it not meeting; the states that do meet (the
/// Alpha Party's members before 1990 and since) are not.
#[test]
fn a_body_held_at_times_that_do_not_meet_is_a_coincidence() {
    let fixture = Fixture::with("statements");
    let args = [
        "path",
        "Tran_Bao",
        "Ann_Leader",
        "--via",
        "leads,member_of",
        "--facts-only",
    ];
    let text = stdout_of(&fixture.run(&args).success());
    assert!(
        text.contains(
            "  weak: through Beta Party (party), which joins the ties beside it by coincidence\n"
        ),
        "{text}"
    );
    let json: serde_json::Value = serde_json::from_str(&stdout_of(
        &fixture
            .run(&[&args[..], &["--format", "json"]].concat())
            .success(),
    ))
    .unwrap();
    assert_eq!(
        json["paths"][0]["coincidences"],
        serde_json::json!(["Beta_Party"])
    );
    // The tree joining the two is the same chain, flagged alike; and the flag travels with
    // the pictures, in their titles.
    let connect = [&["connect"][..], &args[1..]].concat();
    let json: serde_json::Value = serde_json::from_str(&stdout_of(
        &fixture
            .run(&[&connect[..], &["--format", "json"]].concat())
            .success(),
    ))
    .unwrap();
    assert_eq!(json["coincidences"], serde_json::json!(["Beta_Party"]));
    let flag = "Weak: through Beta Party (party), which joins the ties beside it by coincidence";
    for command in [&args[..], &connect[..]] {
        for format in ["dot", "mermaid"] {
            let picture = stdout_of(
                &fixture
                    .run(&[command, &["--format", format]].concat())
                    .success(),
            );
            assert!(picture.contains(flag), "{command:?} {format}: {picture}");
        }
    }
}
