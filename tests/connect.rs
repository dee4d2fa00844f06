//! `connect` on `tests/fixtures/paths` (laid over the base): Ann is tied to Dan, Gus and
//! Trần Bảo, so joining Dan, Gus and Beta forks at Ann; Alpha is a country hub of 11
//! relations that the fillers reach only through it.

use crate::support::{stderr_of, stdout_of, Fixture};

fn json(fixture: &Fixture, args: &[&str]) -> serde_json::Value {
    let args = [&["connect"], args, &["--format", "json"]].concat();
    serde_json::from_str(&stdout_of(&fixture.run(&args).success())).unwrap()
}

fn ids(value: &serde_json::Value) -> Vec<&str> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|id| id.as_str().unwrap())
        .collect()
}

#[test]
fn connect_formats() {
    let fixture = Fixture::with("paths");
    let named = ["connect", "Dan", "Gus", "Beta"];
    insta::assert_snapshot!("connect_text", stdout_of(&fixture.run(&named).success()));
    insta::assert_snapshot!(
        "connect_markdown",
        stdout_of(
            &fixture
                .run(&[&named[..], &["--format", "markdown"]].concat())
                .success()
        )
    );
    let tree = json(&fixture, &named[1..]);
    assert_eq!(ids(&tree["named"]), ["Dan", "Gus", "Beta"]);
    assert_eq!(
        ids(&tree["nodes"]),
        ["Dan", "Ann_Leader", "Gus", "Tran_Bao", "Beta"]
    );
    let edges = tree["edges"].as_array().unwrap();
    assert_eq!(tree["ties"], edges.len());
    assert_eq!(edges.len(), 4);
    assert!(edges
        .iter()
        .all(|edge| edge["evidence"][0]["quote"].is_string()));
    let dot = stdout_of(
        &fixture
            .run(&[&named[..], &["--format", "dot"]].concat())
            .success(),
    );
    assert_eq!(
        dot.matches("penwidth=3.5").count(),
        13,
        "five entities and four relations, each a line in two halves through its label, drawn bold:\n{dot}"
    );
    assert!(
        dot.contains("Dan, Gus and Beta"),
        "titled by the names:\n{dot}"
    );
    assert_eq!(crate::export::render_svg(&dot).1, "");
}

/// The fork at Ann pays one and a half times her pass-through charge; the charges sum to
/// the cost in every format.
#[test]
fn explain_charges_a_fork_for_each_tie() {
    let fixture = Fixture::with("paths");
    let explain = ["connect", "Dan", "Gus", "Beta", "--explain"];
    insta::assert_snapshot!(
        "connect_explain_text",
        stdout_of(&fixture.run(&explain).success())
    );
    let tree = json(&fixture, &explain[1..]);
    let charges = tree["explain"].as_array().unwrap();
    let sum: f64 = charges.iter().map(|c| c["cost"].as_f64().unwrap()).sum();
    assert!(
        (sum - tree["cost"].as_f64().unwrap()).abs() < 0.01,
        "{tree}"
    );
    let ann = charges
        .iter()
        .find(|charge| charge["entity"] == "Ann_Leader")
        .unwrap();
    assert_eq!(ann["ties"], 3);
    let penalty = ann["hub_penalty"].as_f64().unwrap();
    assert!((ann["cost"].as_f64().unwrap() - 1.5 * penalty).abs() < 0.01);
    let markdown = stdout_of(
        &fixture
            .run(&[&explain[..], &["--format", "markdown"]].concat())
            .success(),
    );
    assert!(markdown.contains("| cost | for |"), "{markdown}");
    let stderr = stderr_of(
        &fixture
            .run(&[&explain[..], &["--format", "dot"]].concat())
            .code(2),
    );
    assert!(stderr.contains("--explain lists costs in text"), "{stderr}");
}

/// Two entities: the tree is `path`'s answer, at its cost.
/// A tree through Alpha (a country) between two memberships is flagged weak, as `path`
/// flags a chain, with the best tree avoiding countries or the word that there is none.
#[test]
fn a_tree_through_a_coincidence_is_flagged_with_the_best_tree_avoiding_it() {
    let fixture = Fixture::with("paths");
    let text = |avoid: &str| {
        stdout_of(
            &fixture
                .run(&["connect", "Ann", "Carl", "--plain", "--avoid", avoid])
                .success(),
        )
    };
    let weak = text("Gus");
    assert!(
        weak.contains(
            "\n  weak: through Alpha (country), which joins the ties beside it by coincidence\n"
        ),
        "{weak}"
    );
    assert!(
        weak.ends_with("\nthe best tree with no country in the middle: 3 ties, cost 3.0 (--avoid-kinds country)\n"),
        "{weak}"
    );
    let none = text("Gus,Dan");
    assert!(
        none.ends_with(
            "\nno tree avoids a country in the middle (--avoid-kinds country finds none): in the curated data they meet only through things both are tied to, whatever else the texts say\n"
        ),
        "{none}"
    );
    let tree = json(&fixture, &["Ann", "Carl", "--plain", "--avoid", "Gus"]);
    assert_eq!(ids(&tree["coincidences"]), ["Alpha"]);
    let strong = json(&fixture, &["Dan", "Gus", "Beta"]);
    assert!(strong.get("coincidences").is_none(), "{strong}");
}

#[test]
fn two_entities_are_joined_by_the_path() {
    let fixture = Fixture::with("paths");
    for filters in [
        &[][..],
        &["--avoid", "Gus"],
        &["--plain"],
        &["--facts-only"],
    ] {
        let tree = json(&fixture, &[&["Ann", "Carl"], filters].concat());
        let args = [&["path", "Ann", "Carl", "--format", "json"], filters].concat();
        let path: serde_json::Value =
            serde_json::from_str(&stdout_of(&fixture.run(&args).success())).unwrap();
        assert_eq!(tree["nodes"], path["paths"][0]["nodes"], "{filters:?}");
        assert_eq!(tree["cost"], path["paths"][0]["cost"], "{filters:?}");
    }
}

/// The filters are `path`'s: `--avoid-kinds country` keeps the tree off Alpha, so the
/// fillers, tied only to Alpha, cannot be joined.
#[test]
fn filters_change_the_tree_or_keep_entities_apart() {
    let fixture = Fixture::with("paths");
    let through_alpha = json(&fixture, &["Filler_1", "Filler_2", "Carl"]);
    assert!(ids(&through_alpha["nodes"]).contains(&"Alpha"));
    let assert = fixture
        .run(&[
            "connect",
            "Filler_1",
            "Ann",
            "Carl",
            "--avoid-kinds",
            "country",
        ])
        .code(1);
    assert_eq!(stdout_of(&assert), "");
    let stderr = stderr_of(&assert);
    assert!(
        stderr.contains(
            "error: no ties join `Filler_1` to `Ann_Leader`, `Carl` with --avoid-kinds country"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("try without some of them"), "{stderr}");
    let direct = json(&fixture, &["Ann", "Carl", "Eve", "--avoid", "Gus"]);
    assert_eq!(ids(&direct["nodes"]), ["Ann_Leader", "Dan", "Eve", "Carl"]);
    let stderr = stderr_of(
        &fixture
            .run(&["connect", "Ann", "Carl", "--max-hops", "1"])
            .code(1),
    );
    assert!(stderr.contains("with --max-hops 1"), "{stderr}");
}

/// Names and filter values go wrong as in `path`: exit 2, with the same messages; naming
/// an entity twice, avoiding a named one, naming one alone or asking for a direction are
/// usage errors of `connect`'s own.
#[test]
fn bad_connect_requests_are_usage_errors() {
    let fixture = Fixture::with("paths");
    for args in [
        &["Ann", "Carol"][..],
        &["Ann", "Carl", "--via", "mett"],
        &["Ann", "Carl", "--avoid-kinds", "persn"],
        &["Ann", "Carl", "--avoid", "Gsu"],
        &["Ann", "Carl", "--since", "2000", "--until", "1990"],
    ] {
        let connect = stderr_of(&fixture.run(&[&["connect"], args].concat()).code(2));
        let path = stderr_of(&fixture.run(&[&["path"], args].concat()).code(2));
        assert_eq!(connect, path, "{args:?}");
    }
    for (args, expected) in [
        (
            &["Ann", "Carl", "Ann_Leader"][..],
            "`Ann_Leader` is named twice",
        ),
        (
            &["Ann", "Carl", "--avoid", "Carl"],
            "`Carl` is one of the entities to connect, so it cannot be avoided",
        ),
        (&["Ann"], "2 values required"),
        (
            &["Ann", "Carl", "--directed"],
            "unexpected argument '--directed'",
        ),
    ] {
        let stderr = stderr_of(&fixture.run(&[&["connect"], args].concat()).code(2));
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
    }
}
