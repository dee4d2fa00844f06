//! `path`, `neighbors` and `timeline` on `tests/fixtures/paths` (laid over the base): Alpha is
//! a hub with 11 relations, a country (the base schema charges four times its hub penalty to
//! pass through, and twice a `met` hop for a `member_of` one); chain B (Ann–Gus–Carl, 2000
//! then 1970) is short but runs against time; chain A (Ann–Dan–Eve–Carl, 1980, 1985, 1990)
//! is longer and in time order.

use crate::support::{stderr_of, stdout_of, Fixture};
use std::fs;

fn json_paths(fixture: &Fixture, args: &[&str]) -> Vec<Vec<String>> {
    let mut full = vec!["path", "Ann", "Carl", "--format", "json"];
    full.extend_from_slice(args);
    let json: serde_json::Value =
        serde_json::from_str(&stdout_of(&fixture.run(&full).success())).unwrap();
    json["paths"]
        .as_array()
        .unwrap()
        .iter()
        .map(|path| {
            path["nodes"]
                .as_array()
                .unwrap()
                .iter()
                .map(|n| n.as_str().unwrap().to_string())
                .collect()
        })
        .collect()
}

const CHAIN_A: [&str; 4] = ["Ann_Leader", "Dan", "Eve", "Carl"];
const CHAIN_B: [&str; 3] = ["Ann_Leader", "Gus", "Carl"];
const HUB: [&str; 3] = ["Ann_Leader", "Alpha", "Carl"];
/// Through Alpha too, but reaching it by a treaty it signed: a direct tie.
const LONG_WAY: [&str; 6] = [
    "Ann_Leader",
    "Tran_Bao",
    "Beta",
    "Treaty_1977",
    "Alpha",
    "Carl",
];

#[test]
fn the_default_avoids_the_hub_and_plain_takes_fewest_hops() {
    let fixture = Fixture::with("paths");
    assert_eq!(json_paths(&fixture, &[]), [CHAIN_B.to_vec()]);
    assert_eq!(
        json_paths(&fixture, &["--avoid", "Gus"]),
        [CHAIN_A.to_vec()],
        "a specific 3-hop chain beats 2 hops through a hub"
    );
    assert_eq!(
        json_paths(&fixture, &["--avoid", "Gus", "--plain"]),
        [HUB.to_vec()]
    );
}

#[test]
fn k_paths_are_distinct_and_ordered_by_cost() {
    let fixture = Fixture::with("paths");
    let json: serde_json::Value = serde_json::from_str(&stdout_of(
        &fixture
            .run(&["path", "Ann", "Carl", "-k", "5", "--format", "json"])
            .success(),
    ))
    .unwrap();
    let paths = json["paths"].as_array().unwrap();
    let nodes: Vec<Vec<&str>> = paths
        .iter()
        .map(|p| {
            p["nodes"]
                .as_array()
                .unwrap()
                .iter()
                .map(|n| n.as_str().unwrap())
                .collect()
        })
        .collect();
    // The long way passes Alpha between a signing (direct) and a membership: half of 1 and
    // half of 4; the hub route between two memberships: 4 whole.
    assert_eq!(
        nodes,
        [
            CHAIN_B.to_vec(),
            CHAIN_A.to_vec(),
            LONG_WAY.to_vec(),
            HUB.to_vec()
        ],
        "all four loopless paths"
    );
    let costs: Vec<f64> = paths.iter().map(|p| p["cost"].as_f64().unwrap()).collect();
    assert!(costs.windows(2).all(|w| w[0] <= w[1]), "{costs:?}");
    // Two `met` hops (weight 1) + penalty ln(3)^2 of Gus between them; two `member_of`
    // hops (weight 2) + four times (a country's factor) ln(12)^2 of Alpha.
    assert!(
        (costs[0] - (2.0 + 3f64.ln().powi(2))).abs() < 1e-3,
        "{costs:?}"
    );
    assert!(
        (costs[3] - (4.0 + 4.0 * 12f64.ln().powi(2))).abs() < 1e-3,
        "{costs:?}"
    );
}

#[test]
fn all_shortest_lists_every_equally_good_path() {
    let fixture = Fixture::with("paths");
    assert_eq!(
        json_paths(&fixture, &["--plain", "--all-shortest"]),
        [CHAIN_B.to_vec(), HUB.to_vec()]
    );
    assert_eq!(
        json_paths(&fixture, &["--all-shortest"]),
        [CHAIN_B.to_vec()]
    );
}

#[test]
fn constraints_change_the_answer() {
    let fixture = Fixture::with("paths");
    assert_eq!(
        json_paths(&fixture, &["--chronological"]),
        [CHAIN_A.to_vec()]
    );
    assert_eq!(
        json_paths(&fixture, &["--via", "member_of"]),
        [HUB.to_vec()]
    );
    assert_eq!(
        json_paths(&fixture, &["--via", "met", "--avoid", "Gus"]),
        [CHAIN_A.to_vec()]
    );
    assert_eq!(
        json_paths(&fixture, &["--since", "1975"]),
        [CHAIN_A.to_vec()],
        "Gus–Carl (1970) ended before"
    );
    assert_eq!(
        json_paths(&fixture, &["--until", "1995"]),
        [CHAIN_A.to_vec()],
        "Ann–Gus (2000) came after"
    );
    assert_eq!(
        json_paths(&fixture, &["--avoid", "Gus", "--max-hops", "2"]),
        [HUB.to_vec()]
    );
    assert_eq!(
        json_paths(&fixture, &["--avoid", "Gus,Dan"]),
        [LONG_WAY.to_vec()]
    );
    // member_of points from Ann and from Carl to Alpha: no way along the arrows.
    fixture
        .run(&["path", "Ann", "Carl", "--directed", "--via", "member_of"])
        .code(1);
    fixture
        .run(&["path", "Ann", "Carl", "--via", "member_of"])
        .code(0);
}

#[test]
fn kind_filters_keep_to_or_away_from_kinds_between_the_ends() {
    let fixture = Fixture::with("paths");
    assert_eq!(
        json_paths(
            &fixture,
            &["--plain", "--all-shortest", "--avoid-kinds", "country"]
        ),
        [CHAIN_B.to_vec()],
        "Alpha is a country"
    );
    assert_eq!(
        json_paths(&fixture, &["--avoid", "Gus", "--via-kinds", "person"]),
        [CHAIN_A.to_vec()]
    );
    assert_eq!(
        json_paths(&fixture, &["--via-kinds", "country", "--plain"]),
        [HUB.to_vec()],
        "the ends are people, and exempt"
    );
    let stderr = stderr_of(
        &fixture
            .run(&[
                "path",
                "Ann",
                "Carl",
                "--via-kinds",
                "country",
                "--avoid-kinds",
                "country",
            ])
            .code(1),
    );
    assert!(
        stderr.contains("with --avoid-kinds country --via-kinds country"),
        "{stderr}"
    );
    for flag in ["--avoid-kinds", "--via-kinds"] {
        let stderr = stderr_of(
            &fixture
                .run(&["path", "Ann", "Carl", flag, "contry"])
                .code(2),
        );
        assert!(
            stderr.contains("unknown entity kind `contry`")
                && stderr.contains("did you mean `country`?"),
            "{stderr}"
        );
    }
}

#[test]
fn no_path_names_the_filters_and_exits_1() {
    let fixture = Fixture::with("paths");
    let assert = fixture
        .run(&["path", "Ann", "Carl", "--directed", "--via", "member_of"])
        .code(1);
    assert_eq!(stdout_of(&assert), "");
    let stderr = stderr_of(&assert);
    assert!(
        stderr
            .contains("error: no path from `Ann_Leader` to `Carl` with --directed --via member_of"),
        "{stderr}"
    );
    let stderr = stderr_of(
        &fixture
            .run(&["path", "Ann", "Carl", "--at", "1985"])
            .code(1),
    );
    assert!(stderr.contains("with --at 1985"), "{stderr}");
}

/// In the bundled data Souphanouvong reaches the Vietnamese Workers' Party in date order
/// (1945, 1952) but for its last tie, the Central Committee `part of` the party, which is
/// undated: `--chronological` finds nothing and says why, `--undated` takes the tie as
/// holding at any time (a reviewer's question, 2026-12-04).
#[test]
fn a_chronological_search_says_undated_ties_are_left_out_and_undated_takes_them() {
    let question = [
        "path",
        "Souphanouvong",
        "Vietnamese_Workers_Party",
        "--chronological",
    ];
    let stderr = stderr_of(&crate::timeline::bundled(&question).code(1));
    assert!(
        stderr.contains("--chronological leaves undated ties out; --undated takes them"),
        "{stderr}"
    );
    let with_undated = [&question[..], &["--undated", "--format", "json"]].concat();
    let json: serde_json::Value = serde_json::from_str(&stdout_of(
        &crate::timeline::bundled(&with_undated).success(),
    ))
    .unwrap();
    let nodes = json["paths"][0]["nodes"].as_array().unwrap();
    assert_eq!(nodes.last().unwrap(), "Vietnamese_Workers_Party");
    assert!(nodes.iter().any(|n| n == "Ho_Chi_Minh"), "{nodes:?}");
}

/// A hop between Laos and Vietnam has thirty other ties between the two: text lists the
/// three cheapest and counts the rest, JSON lists them all (a reviewer found the answer
/// buried under them).
#[test]
fn a_hop_shows_its_three_cheapest_alternatives_and_counts_the_rest() {
    let question = ["path", "Mekong_River", "Xayaburi_Dam", "-k", "3"];
    let text = stdout_of(&crate::timeline::bundled(&question).success());
    let json: serde_json::Value = serde_json::from_str(&stdout_of(
        &crate::timeline::bundled(&[&question[..], &["--format", "json"]].concat()).success(),
    ))
    .unwrap();
    let most = json["paths"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|path| path["edges"].as_array().unwrap())
        .map(|edge| edge["alternatives"].as_array().map_or(0, Vec::len))
        .max()
        .unwrap();
    assert!(most > 3, "a hop with more than three alternatives: {most}");
    let counted = format!(
        "also: {} more ties between them (--format json lists them all)",
        most - 3
    );
    assert!(text.contains(&counted), "{counted}\n{text}");
    let shown = text
        .lines()
        .filter(|line| line.starts_with("      also: ") && !line.contains(" more tie"))
        .count();
    assert!(
        shown <= 3 * 5,
        "at most three under each hop: {shown}\n{text}"
    );
}

#[test]
fn bad_path_requests_are_usage_errors() {
    let fixture = Fixture::with("paths");
    let stderr = stderr_of(&fixture.run(&["path", "Ann", "Leader Ann"]).code(2));
    assert!(
        stderr.contains("`Ann_Leader` is both ends of the path"),
        "{stderr}"
    );
    let stderr = stderr_of(
        &fixture
            .run(&["path", "Ann", "Carl", "--via", "meet"])
            .code(2),
    );
    assert!(
        stderr.contains("unknown relation type `meet`") && stderr.contains("did you mean `met`?"),
        "{stderr}"
    );
    let stderr = stderr_of(
        &fixture
            .run(&["path", "Ann", "Carl", "--since", "1975-13"])
            .code(2),
    );
    assert!(stderr.contains("month 13 does not exist"), "{stderr}");
}

/// An end of the path cannot be avoided: refused, not answered one way by one search and
/// the other way by another.
#[test]
fn avoiding_an_end_is_a_usage_error() {
    let fixture = Fixture::with("paths");
    for extra in [&[][..], &["--max-hops", "5"][..]] {
        let mut args = vec!["path", "Ann", "Carl", "--avoid", "Carl"];
        args.extend_from_slice(extra);
        let stderr = stderr_of(&fixture.run(&args).code(2));
        assert!(
            stderr.contains("`Carl` is an end of the path, so it cannot be avoided"),
            "{stderr}"
        );
    }
}

#[test]
fn path_formats() {
    let fixture = Fixture::with("paths");
    insta::assert_snapshot!(
        "path_text",
        stdout_of(
            &fixture
                .run(&["path", "Ann", "Carl", "--avoid", "Gus"])
                .success()
        )
    );
    insta::assert_snapshot!(
        "path_markdown",
        stdout_of(
            &fixture
                .run(&["path", "Ann", "Carl", "-k", "2", "--format", "markdown"])
                .success()
        )
    );
    let json: serde_json::Value = serde_json::from_str(&stdout_of(
        &fixture
            .run(&["path", "Ann", "Carl", "--format", "json"])
            .success(),
    ))
    .unwrap();
    assert_eq!(json["from"], "Ann_Leader");
    assert_eq!(json["to"], "Carl");
    let edge = &json["paths"][0]["edges"][0];
    assert_eq!(
        (
            edge["from"].as_str(),
            edge["to"].as_str(),
            edge["type"].as_str(),
            edge["date"].as_str()
        ),
        (Some("Ann_Leader"), Some("Gus"), Some("met"), Some("2000"))
    );
    assert_eq!(edge["evidence"][0]["source"], "doc");
    assert!(json["paths"][0]["cost"].is_number());
    let dot = stdout_of(
        &fixture
            .run(&["path", "Ann", "Carl", "--format", "dot"])
            .success(),
    );
    assert_eq!(
        dot.matches("penwidth=3.5").count(),
        7,
        "three entities and two relations, each a line in two halves through its label, drawn bold:\n{dot}"
    );
    assert_eq!(crate::export::render_svg(&dot).1, "");
}

/// `--explain` lists each hop's weight and each entity's factor and hub penalty, summing to
/// the cost: the long way passes Alpha between a signing (direct, half of 1) and a
/// `member_of` hop (weight 2, half of a country's 4): 2.5 × ln(12)².
#[test]
fn explain_sums_each_paths_charges() {
    let fixture = Fixture::with("paths");
    let explain = ["path", "Ann", "Carl", "-k", "4", "--explain"];
    insta::assert_snapshot!(
        "path_explain_text",
        stdout_of(&fixture.run(&explain).success())
    );
    insta::assert_snapshot!(
        "path_explain_markdown",
        stdout_of(
            &fixture
                .run(&[&explain[..], &["--format", "markdown"]].concat())
                .success()
        )
    );
    let json: serde_json::Value = serde_json::from_str(&stdout_of(
        &fixture
            .run(&[&explain[..], &["--format", "json"]].concat())
            .success(),
    ))
    .unwrap();
    for path in json["paths"].as_array().unwrap() {
        let charges = path["explain"].as_array().unwrap();
        let sum: f64 = charges.iter().map(|c| c["cost"].as_f64().unwrap()).sum();
        assert!(
            (sum - path["cost"].as_f64().unwrap()).abs() < 0.01,
            "{path}"
        );
        assert_eq!(
            charges.len(),
            2 * path["hops"].as_u64().unwrap() as usize - 1
        );
    }
    let long_way = &json["paths"][2]["explain"];
    let alpha = &long_way[7];
    assert_eq!(
        (
            alpha["entity"].as_str(),
            alpha["kind"].as_str(),
            alpha["kind_factor"].as_f64(),
            alpha["factor"].as_f64(),
            alpha["direct_ties"].as_u64(),
            alpha["degree"].as_u64()
        ),
        (
            Some("Alpha"),
            Some("country"),
            Some(4.0),
            Some(2.5),
            Some(1),
            Some(11)
        )
    );
    assert_eq!(long_way[8]["weight"], 2.0);
    let plain: serde_json::Value = serde_json::from_str(&stdout_of(
        &fixture
            .run(&["path", "Ann", "Carl", "--format", "json"])
            .success(),
    ))
    .unwrap();
    assert!(
        plain["paths"][0].get("explain").is_none(),
        "only when asked"
    );
    let stderr = stderr_of(
        &fixture
            .run(&[&explain[..], &["--format", "dot"]].concat())
            .code(2),
    );
    assert!(stderr.contains("--explain lists costs in text"), "{stderr}");
}

/// A path that passes Alpha (a country) between two memberships, which it acts in neither
/// of, is flagged weak in every format, and the last line says whether a chain without a
/// country exists: with Gus avoided, chain A does; with Dan avoided too, none does.
#[test]
fn a_path_through_a_coincidence_is_flagged_with_the_best_chain_avoiding_it() {
    let fixture = Fixture::with("paths");
    let run = |extra: &[&str], format: &str| {
        let mut args = vec!["path", "Ann", "Carl", "--plain", "--format", format];
        args.extend_from_slice(extra);
        stdout_of(&fixture.run(&args).success())
    };
    let weak = "weak: through Alpha (country), which joins the ties beside it by coincidence";
    let text = run(&["--avoid", "Gus"], "text");
    assert_eq!(
        text.lines().nth(1),
        Some(format!("  {weak}").as_str()),
        "{text}"
    );
    assert!(
        text.ends_with(
            "\nthe best chain with no country in the middle: 3 hops, cost 3.0 (--avoid-kinds country)\n"
        ),
        "{text}"
    );
    let markdown = run(&["--avoid", "Gus"], "markdown");
    assert!(
        markdown.contains("> Weak: through Alpha (country)"),
        "{markdown}"
    );
    assert!(
        markdown.contains("The best chain with no country in the middle: 3 hops"),
        "{markdown}"
    );
    let json: serde_json::Value = serde_json::from_str(&run(&["--avoid", "Gus"], "json")).unwrap();
    assert_eq!(
        json["paths"][0]["coincidences"],
        serde_json::json!(["Alpha"])
    );
    let none = run(&["--avoid", "Gus,Dan"], "text");
    assert!(
        none.ends_with(
            "\nno chain avoids a country in the middle (--avoid-kinds country finds none): in the curated data they meet only through things both are tied to, whatever else the texts say\n"
        ),
        "{none}"
    );
    // Chain B passes Gus, a person: nothing is flagged and no JSON field appears.
    let strong = run(&[], "text");
    assert!(
        !strong.contains("weak:") && !strong.contains("in the middle"),
        "{strong}"
    );
    let json: serde_json::Value = serde_json::from_str(&run(&[], "json")).unwrap();
    assert!(json["paths"][0].get("coincidences").is_none(), "{json}");
    // The bar is the schema's: a country (through 4) below `coincidence_through` is an
    // entity like any other.
    let schema = fixture.data().join("schema.yaml");
    let mut text = fs::read_to_string(&schema).unwrap();
    text.push_str("paths:\n  coincidence_through: 5\n");
    fs::write(&schema, text).unwrap();
    let tolerant = run(&["--avoid", "Gus"], "text");
    assert!(!tolerant.contains("weak:"), "{tolerant}");
}

#[test]
fn neighbors_groups_by_type_and_depth() {
    let fixture = Fixture::with("paths");
    insta::assert_snapshot!(stdout_of(&fixture.run(&["neighbors", "Carl"]).success()));
    let json: serde_json::Value = serde_json::from_str(&stdout_of(
        &fixture
            .run(&[
                "neighbors",
                "Carl",
                "--depth",
                "2",
                "--types",
                "met",
                "--format",
                "json",
            ])
            .success(),
    ))
    .unwrap();
    let ids: Vec<(&str, &str, u64)> = json["neighbors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            (
                n["through"].as_str().unwrap(),
                n["id"].as_str().unwrap(),
                n["depth"].as_u64().unwrap(),
            )
        })
        .collect();
    // Every relation among the entities within two hops, as `export --focus` draws them:
    // Ann and Dan, both two hops out, met too.
    assert_eq!(
        ids,
        [
            ("Carl", "Eve", 1),
            ("Carl", "Gus", 1),
            ("Ann_Leader", "Dan", 2),
            ("Eve", "Dan", 2),
            ("Gus", "Ann_Leader", 2)
        ]
    );
}

/// `neighbors` lists exactly the relations `export --focus` draws, for the same entity,
/// depth and filters, on the bundled data.
#[test]
fn neighbors_and_export_focus_select_the_same_relations() {
    let dir = tempfile::tempdir().unwrap();
    let json = |args: &[&str]| -> serde_json::Value {
        let assert = crate::support::vnla_graph(dir.path())
            .args(args)
            .args(["--format", "json"])
            .assert()
            .success();
        serde_json::from_str(&stdout_of(&assert)).unwrap()
    };
    let sorted = |relations: Vec<&serde_json::Value>| {
        let mut relations: Vec<String> = relations.iter().map(|r| r.to_string()).collect();
        relations.sort();
        relations
    };
    let names = ["BIDV", "Kaysone", "Ho_Chi_Minh_Trail", "Hanoi", "Laos"];
    let cases = names
        .iter()
        .flat_map(|name| ["1", "2", "3"].map(|depth| (*name, depth, &[][..])))
        .chain([
            ("BIDV", "2", &["--types", "part_of,leads,located_in"][..]),
            ("Nguyen_Phu_Trong", "2", &["--since", "2000"][..]),
        ]);
    for (name, depth, filters) in cases {
        let neighbors = json(&[&["neighbors", name, "--depth", depth], filters].concat());
        let export = json(&[&["export", "--focus", name, "--depth", depth], filters].concat());
        let listed = sorted(
            neighbors["neighbors"]
                .as_array()
                .unwrap()
                .iter()
                .map(|n| &n["via"])
                .collect(),
        );
        let drawn = sorted(export["edges"].as_array().unwrap().iter().collect());
        assert!(!listed.is_empty(), "{name} --depth {depth} {filters:?}");
        assert_eq!(listed, drawn, "{name} --depth {depth} {filters:?}");
    }
}

#[test]
fn timeline_orders_by_date_and_keeps_precision() {
    let fixture = Fixture::base();
    insta::assert_snapshot!(stdout_of(&fixture.run(&["timeline"]).success()));
    let json: serde_json::Value = serde_json::from_str(&stdout_of(
        &fixture
            .run(&["timeline", "Bao", "--since", "1950", "--format", "json"])
            .success(),
    ))
    .unwrap();
    let dates: Vec<&str> = json["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["date"].as_str().unwrap())
        .collect();
    assert_eq!(dates, ["1977-07-18"]);
    let markdown = stdout_of(&fixture.run(&["timeline", "--format", "markdown"]).success());
    assert!(
        markdown.contains("- **1930** Trần Bảo —[founded]→ Beta Party (1930)[^1]"),
        "{markdown}"
    );
    assert!(
        markdown.contains(
            "[^1]: “The Beta Party was founded by Leader Bảo in 1930.” — *A test document*"
        ),
        "{markdown}"
    );
}

#[test]
fn the_headline_query_on_the_bundled_data_is_a_short_sourced_chain() {
    let dir = tempfile::tempdir().unwrap();
    let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("graph-data");
    let assert = crate::support::vnla_graph(dir.path())
        .arg("--data")
        .arg(&data)
        .args(["path", "Kaysone", "Nguyen_Phu_Trong", "--format", "json"])
        .assert()
        .success();
    let json: serde_json::Value = serde_json::from_str(&stdout_of(&assert)).unwrap();
    let path = &json["paths"][0];
    let edges = path["edges"].as_array().unwrap();
    assert!((1..=4).contains(&edges.len()), "{path}");
    assert!(
        edges
            .iter()
            .all(|e| !e["evidence"].as_array().unwrap().is_empty()),
        "{path}"
    );
    let through: Vec<&str> = path["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap())
        .collect();
    assert!(
        !through.contains(&"Laos") && !through.contains(&"Vietnam"),
        "the default answer avoids the country hubs: {through:?}"
    );
    // Kaysone spoke at the 1976 congress; Nguyen Phu Trong led the party from 2011: the
    // answer says they are decades apart.
    assert_eq!(path["era_gap"], serde_json::json!([1976, 2011]), "{path}");
    // The README shows this answer: its cost line and hop lines are the tool's.
    let text = stdout_of(
        &crate::support::vnla_graph(dir.path())
            .arg("--data")
            .arg(&data)
            .args(["path", "Kaysone", "Nguyen_Phu_Trong"])
            .assert()
            .success(),
    );
    let readme = std::fs::read_to_string(data.with_file_name("README.md")).unwrap();
    for line in text.lines().filter(|line| !line.starts_with("      ")) {
        assert!(
            readme.contains(&format!("\n{line}\n")),
            "README lacks {line:?}"
        );
    }
}
