//! What a new user meets in the first hour, on the bundled data: names that resolve, search
//! that ranks, answers in Markdown, a usage error instead of a silent empty answer, pages for
//! every command, and README figures that are true.

use crate::support::{stderr_of, stdout_of, vnla_graph, Fixture};

/// `vnla-graph ARGS` on the bundled data, from an empty folder.
fn bundled(args: &[&str]) -> assert_cmd::assert::Assert {
    let empty = tempfile::tempdir().unwrap();
    vnla_graph(empty.path()).args(args).assert()
}

/// The first line of `show NAME`: which entity a name resolved to.
fn resolves_to(name: &str) -> String {
    let shown = stdout_of(&bundled(&["show", name]).success());
    shown.lines().next().unwrap_or_default().to_string()
}

#[test]
fn names_resolve_with_spaces_ignored_and_as_acronyms() {
    assert!(resolves_to("Viet Nam").contains("(Vietnam, country"));
    assert!(resolves_to("CPV").contains("(Communist_Party_of_Vietnam, party"));
    assert!(resolves_to("lprp").contains("(Lao_Peoples_Revolutionary_Party,"));
}

#[test]
fn search_ranks_whole_words_before_parts_of_words() {
    let found = stdout_of(&bundled(&["search", "port", "--format", "json"]).success());
    let hits: serde_json::Value = serde_json::from_str(&found).unwrap();
    let kinds: Vec<&str> = hits
        .as_array()
        .unwrap()
        .iter()
        .map(|hit| hit["kind"].as_str().unwrap())
        .collect();
    let ports = kinds.iter().take_while(|kind| **kind == "port").count();
    assert!(ports >= 4, "the ports come first: {kinds:?}");
    assert!(
        kinds[ports..].iter().all(|kind| *kind != "port"),
        "{kinds:?}"
    );
}

#[test]
fn search_quotes_lists_the_relations_that_say_it() {
    // A claim prints as who claims it; the source's own judgement, however critical, as a fact.
    let found = stdout_of(&bundled(&["search", "--quotes", "pulling the strings"]).success());
    assert!(
        found.starts_with(
            "claimed by unnamed holders of widely-held beliefs: Vietnam —[patron of]→ Laos"
        ) && found.contains("the Vietnamese are pulling the strings of government"),
        "{found}"
    );
    let found = stdout_of(&bundled(&["search", "--quotes", "marriage of convenience"]).success());
    assert!(
        found.starts_with("Vietnam —[allied with]— Laos")
            && found.contains("a marriage of convenience, not love"),
        "{found}"
    );
    let stderr = stderr_of(&bundled(&["search", "--quotes", "zzz no such words"]).code(1));
    assert!(stderr.contains("no quote or note matches"), "{stderr}");
}

#[test]
fn show_neighbors_and_timeline_answer_in_markdown() {
    let fixture = Fixture::base();
    for (name, args) in [
        (
            "show_markdown",
            &["show", "Ann", "--format", "markdown"][..],
        ),
        (
            "neighbors_markdown",
            &["neighbors", "Ann", "--format", "markdown"],
        ),
    ] {
        let markdown = stdout_of(&fixture.run(args).success());
        assert!(
            markdown.starts_with("### ") && markdown.contains("[^1]: “"),
            "{name}: {markdown}"
        );
        insta::assert_snapshot!(name, markdown);
    }
}

#[test]
fn values_that_cannot_match_are_usage_errors() {
    let stderr = stderr_of(&bundled(&["timeline", "--since", "2000", "--until", "1990"]).code(2));
    assert!(
        stderr.contains("`--since 2000` is after `--until 1990`"),
        "{stderr}"
    );
    let stderr = stderr_of(&bundled(&["export", "--at", "1977", "--since", "1980"]).code(2));
    assert!(
        stderr.contains("`--since 1980` is after `--at 1977`"),
        "{stderr}"
    );
    let stderr = stderr_of(&bundled(&["export", "--themes", "securty"]).code(2));
    assert!(stderr.contains("did you mean `security`?"), "{stderr}");
    let stderr = stderr_of(&bundled(&["export", "--country", "VNM"]).code(2));
    assert!(stderr.contains("not an ISO 3166 alpha-2 code"), "{stderr}");
    let stderr = stderr_of(&bundled(&["path", "Kaysone", "Nguyen_Phu_Trong", "--k", "3"]).code(2));
    assert!(
        stderr.contains("a one-letter option takes one dash: `-k 3`") && !stderr.contains("-- --k"),
        "{stderr}"
    );
}

#[test]
fn a_timeline_with_no_dated_tie_says_so() {
    let assert = bundled(&["timeline", "Mekong_River"]).code(1);
    assert_eq!(stdout_of(&assert), "");
    let stderr = stderr_of(&assert);
    assert!(
        stderr.contains("no dated relation of `Mekong_River`") && stderr.contains("--undated"),
        "{stderr}"
    );
    let undated = stdout_of(&bundled(&["timeline", "Mekong_River", "--undated"]).success());
    assert!(undated.starts_with("undated "), "{undated}");
}

#[test]
fn every_page_the_man_page_points_to_exists() {
    let folder = tempfile::tempdir().unwrap();
    let out = folder.path().join("man1");
    bundled(&["man", "--all", "-o", out.to_str().unwrap()]).success();
    let main = std::fs::read_to_string(out.join("vnla-graph.1")).unwrap();
    let referenced: Vec<String> = main
        .split("vnla\\-graph\\-")
        .skip(1)
        .filter_map(|rest| {
            rest.split_once("(1)")
                .map(|(name, _)| name.replace("\\-", "-"))
        })
        .collect();
    assert!(referenced.len() >= 10, "{referenced:?}");
    for name in referenced {
        assert!(
            out.join(format!("vnla-graph-{name}.1")).is_file(),
            "vnla-graph-{name}.1 is referenced but not written"
        );
    }
}

/// The data note's counts table (`graph-data/README.md`, "| figure | value |") is the bundled
/// data's own, and it names every relation type the data uses.
#[test]
fn the_data_note_counts_are_the_bundled_counts() {
    let stats: serde_json::Value = serde_json::from_str(&stdout_of(
        &bundled(&["stats", "--format", "json"]).success(),
    ))
    .unwrap();
    let export: serde_json::Value = serde_json::from_str(&stdout_of(
        &bundled(&["export", "--format", "json"]).success(),
    ))
    .unwrap();
    let edges = export["edges"].as_array().unwrap();
    let dated = edges
        .iter()
        .filter(|e| ["date", "end", "seen"].iter().any(|k| !e[k].is_null()))
        .count();
    let claims = edges.iter().filter(|e| e["stance"] == "claim").count();
    let types = stats["relation_types"].as_object().unwrap();
    let note =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/graph-data/README.md"))
            .unwrap();
    let figure = |name: &str| -> u64 {
        let row = format!("| {name} | ");
        let line = note
            .lines()
            .find(|line| line.starts_with(&row))
            .unwrap_or_else(|| panic!("the data note has no `{row}` row"));
        line[row.len()..].trim_end_matches(" |").parse().unwrap()
    };
    let count = |key: &str| stats[key].as_u64().unwrap();
    assert_eq!(figure("entities"), count("entities"));
    assert_eq!(figure("relations"), count("relations"));
    assert_eq!(figure("dated relations"), dated as u64);
    assert_eq!(figure("claims"), claims as u64);
    assert_eq!(figure("relation types"), types.len() as u64);
    assert_eq!(
        figure("entity kinds"),
        stats["kinds"].as_object().unwrap().len() as u64
    );
    for name in types.keys() {
        assert!(
            note.contains(&format!("| `{name}` |")),
            "the data note's type table lacks `{name}`"
        );
    }
}

/// The README's figures about the bundled data are the data's own.
#[test]
fn the_readme_counts_are_the_bundled_counts() {
    let stats: serde_json::Value = serde_json::from_str(&stdout_of(
        &bundled(&["stats", "--format", "json"]).success(),
    ))
    .unwrap();
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let claims: Vec<(u64, u64)> = readme
        .replace('\n', " ")
        .split(" entities, ")
        .collect::<Vec<_>>()
        .windows(2)
        .filter_map(|pair| {
            let entities = pair[0].rsplit(['(', ' ']).next()?.parse().ok()?;
            let relations = pair[1].split(' ').next()?.parse().ok()?;
            (pair[1].split(' ').nth(1) == Some("relations)")).then_some((entities, relations))
        })
        .collect();
    assert!(
        !claims.is_empty(),
        "the README states the bundled counts somewhere"
    );
    for claim in claims {
        assert_eq!(
            claim,
            (
                stats["entities"].as_u64().unwrap(),
                stats["relations"].as_u64().unwrap()
            ),
            "README says {claim:?}"
        );
    }
}

/// `timeline` takes `--at` as the README says, with the time rules of every command.
#[test]
fn timeline_takes_at() {
    let fixture = Fixture::base();
    let at = stdout_of(&fixture.run(&["timeline", "--at", "1977-07"]).success());
    let dates: Vec<&str> = at
        .lines()
        .filter_map(|l| l.split("  ").next())
        .filter(|d| !d.is_empty())
        .collect();
    assert_eq!(dates, ["1977", "1977", "1977-07-18"], "{at}");
}
