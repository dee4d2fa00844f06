//! `export`: the JSON contract, and DOT that the real Graphviz renders without warnings.

use std::fs;

use crate::support::{dot_edge_lines, stderr_of, stdout_of, Fixture};

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
        .code(2);
    assert!(stderr_of(&assert).contains("error: cannot write `no/such/folder/graph.dot`"));
}

/// Runs Graphviz `dot` on `dot_text`; panics (fails, never skips) when Graphviz is missing.
pub(crate) fn render_svg(dot_text: &str) -> (String, String) {
    let output = crate::support::consume("dot", &["-Tsvg"], dot_text);
    let svg = String::from_utf8(output.stdout).unwrap();
    crate::support::assert_valid_svg(&svg, "the SVG Graphviz wrote");
    (svg, String::from_utf8_lossy(&output.stderr).into_owned())
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
        "Key",
        "met (1977)",
        "signed (1977)",
    ] {
        assert!(svg.contains(text), "{text} missing from the SVG");
    }
}

#[test]
fn dot_options_change_clusters_and_direction() {
    let fixture = Fixture::base();
    let by_country = stdout_of(&fixture.run(&["export", "--cluster", "country"]).success());
    assert!(by_country.contains("label=\"Alpha\"") && by_country.contains("rankdir=LR"));
    let by_kind = stdout_of(
        &fixture
            .run(&["export", "--cluster", "kind", "--rankdir", "TB"])
            .success(),
    );
    assert!(by_kind.contains("label=\"Person\"") && by_kind.contains("rankdir=TB"));
    let flat = stdout_of(&fixture.run(&["export"]).success());
    assert_eq!(
        flat.matches("subgraph cluster_").count(),
        1,
        "only the title's frame is a cluster"
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
    let texts = crate::support::svg_texts(&svg);
    for name in [
        r#"The "Quoted" One"#,
        r"Back\slash",
        "Angle <b>bold</b>",
        "Braces {x} | pipe",
        "]; a -> b [",
        "Not &lt; an &#65; entity",
        r"Graphviz \N \G \E \l escapes",
    ] {
        assert!(
            texts.iter().any(|text| text == name),
            "{name} not drawn verbatim; the SVG's texts are {texts:?}"
        );
    }
    assert!(!dot.contains("\na -> b"), "an edge was injected");
    // Links: the https source is linked, its `&` and quotes intact. (A `javascript:` address
    // is refused by validation: diagnostics case `source-url`.)
    assert!(
        svg.contains(r#"xlink:href="https://example.org/doc?a=1&amp;b=%222%22""#),
        "https link missing"
    );
}

/// Names and quotes holding Markdown (`<b>`, `# heading`, a table, a link) print as their
/// characters in every Markdown answer and in `render`'s evidence appendices: CommonMark reads
/// no HTML, link, table or heading into them beyond the answer's own.
#[test]
fn markup_in_the_data_stays_text_in_markdown_answers() {
    use pulldown_cmark::{Event, HeadingLevel, Parser, Tag};
    let fixture = Fixture::with("hostile");
    let out = fixture.path().join("views");
    fixture
        .run(&["render", "--out", out.to_str().unwrap()])
        .success();
    let mut answers: Vec<(String, String)> = [
        &["show", "Entities", "--format", "markdown"][..],
        &["neighbors", "Entities", "--format", "markdown"],
        &["path", "Entities", "Quoted", "--format", "markdown"],
        &[
            "connect",
            "Entities",
            "Quoted",
            "Backslash",
            "--format",
            "markdown",
        ],
        &["timeline", "Entities", "--undated", "--format", "markdown"],
    ]
    .iter()
    .map(|args| (args.join(" "), stdout_of(&fixture.run(args).success())))
    .collect();
    for entry in fs::read_dir(&out).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            answers.push((
                path.display().to_string(),
                fs::read_to_string(&path).unwrap(),
            ));
        }
    }
    let mut quoted = 0;
    for (answer, markdown) in &answers {
        let mut headings = 0;
        for event in Parser::new(markdown) {
            match event {
                Event::Html(html) | Event::InlineHtml(html) => {
                    panic!("{answer} holds HTML {html:?}:\n{markdown}")
                }
                Event::Start(Tag::Link { dest_url, .. }) => {
                    panic!("{answer} holds a link to {dest_url}:\n{markdown}")
                }
                Event::Start(Tag::Heading { level, .. }) => {
                    assert!(
                        level <= HeadingLevel::H3,
                        "{answer}: a heading of the data's"
                    );
                    headings += 1;
                }
                _ => {}
            }
        }
        assert!(
            headings <= 1,
            "{answer} has {headings} headings:\n{markdown}"
        );
        quoted += usize::from(markdown.contains(r"\# A heading \<img src=x onerror=alert(1)\>"));
    }
    assert!(
        quoted >= 5,
        "the quote is in the answers, escaped: {answers:#?}"
    );
}

/// Node ids and edges (as `from->to`) of a DOT export, for asserting what a filter kept
/// (labels drawn as nodes on their lines are parts of edges, not nodes).
fn drawn(dot: &str) -> (Vec<String>, Vec<String>) {
    let nodes = dot
        .lines()
        .map(str::trim)
        .filter(|line| line.starts_with('"') && !line.starts_with("\"tie "))
        .filter(|line| line.contains(" [label=") && !line.contains(" -> "))
        .map(|line| line.split('"').nth(1).unwrap().to_string())
        .collect();
    let edges = dot_edge_lines(dot)
        .iter()
        .map(|line| {
            let (from, rest) = line.split_once(" -> ").unwrap();
            let to = rest.split(' ').next().unwrap_or_default();
            format!("{}->{}", from.trim_matches('"'), to.trim_matches('"'))
        })
        .collect();
    (nodes, edges)
}

#[test]
fn filters_select_what_is_drawn() {
    let fixture = Fixture::base();
    let export = |args: &[&str]| {
        let mut full = vec!["export", "--cluster", "none"];
        full.extend_from_slice(args);
        drawn(&stdout_of(&fixture.run(&full).success()))
    };
    let (nodes, edges) = export(&["--focus", "Ann", "--depth", "1"]);
    assert_eq!(nodes, ["Alpha_Party", "Ann_Leader", "Tran_Bao"]);
    assert_eq!(edges, ["Ann_Leader->Alpha_Party", "Ann_Leader->Tran_Bao"]);
    let (nodes, _) = export(&["--focus", "Ann", "--depth", "2"]);
    assert_eq!(
        nodes,
        [
            "Beta",
            "Alpha_Party",
            "Beta_Party",
            "Ann_Leader",
            "Tran_Bao"
        ]
    );
    let (_, edges) = export(&["--types", "signed"]);
    assert_eq!(edges, ["Alpha->Treaty_1977", "Beta->Treaty_1977"]);
    let (nodes, edges) = export(&["--kinds", "person,party"]);
    assert_eq!((nodes.len(), edges.len()), (4, 3), "{nodes:?} {edges:?}");
    let (nodes, _) = export(&["--exclude", "Tran_Bao,Beta"]);
    assert!(
        !nodes.contains(&"Tran_Bao".to_string()) && !nodes.contains(&"Beta".to_string()),
        "{nodes:?}"
    );
    let (_, edges) = export(&["--country", "AA"]);
    assert_eq!(
        edges,
        [
            "Alpha->Treaty_1977",
            "Ann_Leader->Alpha_Party",
            "Ann_Leader->Tran_Bao"
        ]
    );
    let (_, edges) = export(&["--at", "1977-07"]);
    assert_eq!(
        edges,
        [
            "Alpha->Treaty_1977",
            "Beta->Treaty_1977",
            "Ann_Leader->Tran_Bao"
        ]
    );
    let (_, edges) = export(&["--since", "1977-08"]);
    assert_eq!(
        edges,
        ["Alpha->Treaty_1977", "Beta->Treaty_1977"],
        "a year-dated signing spans the year"
    );
    let (_, edges) = export(&["--until", "1950"]);
    assert_eq!(edges, ["Tran_Bao->Beta_Party"]);
    let (_, edges) = export(&["--themes", "ties", "--types", "founded"]);
    assert_eq!(edges, ["Tran_Bao->Beta_Party"]);
    // The title names the filters in force; a filtered legend lists only what is drawn.
    let dot = stdout_of(&fixture.run(&["export", "--types", "signed"]).success());
    assert!(
        dot.contains("selected by types signed")
            && dot.contains("3 entities · 2 ties from sources up to"),
        "{dot}"
    );
    assert!(dot.contains(">signed</font>") && !dot.contains(">met</font>"));
    assert!(dot.contains(">Agreement (page, corner folded)</td>") && !dot.contains(">Person ("));
    // JSON takes the same filters.
    let json: serde_json::Value = serde_json::from_str(&stdout_of(
        &fixture
            .run(&["export", "--format", "json", "--types", "met"])
            .success(),
    ))
    .unwrap();
    assert_eq!(
        (
            json["nodes"].as_array().unwrap().len(),
            json["edges"].as_array().unwrap().len()
        ),
        (2, 1)
    );
}

#[test]
fn bad_filters_are_usage_errors() {
    let fixture = Fixture::base();
    let stderr = stderr_of(&fixture.run(&["export", "--kinds", "persn"]).code(2));
    assert!(
        stderr.contains("unknown entity kind `persn`") && stderr.contains("did you mean `person`?"),
        "{stderr}"
    );
    let stderr = stderr_of(&fixture.run(&["export", "--focus", "Nobody"]).code(2));
    assert!(stderr.contains("no entity matches `Nobody`"), "{stderr}");
    fixture.run(&["export", "--depth", "2"]).code(2);
    fixture.run(&["export", "--at", "1977-02-30"]).code(2);
}

#[test]
fn dot_snapshots_per_option() {
    let fixture = Fixture::base();
    insta::assert_snapshot!(
        "dot_cluster_kind_tb",
        stdout_of(
            &fixture
                .run(&["export", "--cluster", "kind", "--rankdir", "TB"])
                .success()
        )
    );
    insta::assert_snapshot!(
        "dot_focus",
        stdout_of(
            &fixture
                .run(&["export", "--focus", "Tran_Bao", "--cluster", "none"])
                .success()
        )
    );
}

/// A filter value that cannot match anything is refused, never a silently empty answer.
#[test]
fn filter_values_the_data_lacks_are_usage_errors() {
    let fixture = Fixture::base();
    let stderr = stderr_of(&fixture.run(&["export", "--themes", "tie"]).code(2));
    assert!(
        stderr.contains("unknown theme `tie`")
            && stderr.contains("did you mean `ties`?")
            && stderr.contains("relations/security.yaml): ties"),
        "{stderr}"
    );
    let stderr = stderr_of(&fixture.run(&["export", "--country", "XX"]).code(2));
    assert!(
        stderr.contains("no entity has the country code `XX`")
            && stderr.contains("the country codes in the data: AA, BB"),
        "{stderr}"
    );
    let stderr = stderr_of(&fixture.run(&["export", "--country", "AAA"]).code(2));
    assert!(
        stderr.contains("`AAA` is not an ISO 3166 alpha-2 code"),
        "{stderr}"
    );
    // A code in either case names the same country.
    let lower = stdout_of(&fixture.run(&["export", "--country", "aa"]).success());
    let upper = stdout_of(&fixture.run(&["export", "--country", "AA"]).success());
    assert_eq!(lower, upper);
}

/// Graphviz refuses lines over 16384 bytes: a very long name or quote is cut in the picture
/// (with "…") and kept whole in JSON.
#[test]
fn very_long_text_is_cut_in_pictures_and_kept_in_json() {
    let fixture = Fixture::base();
    let people = fixture.data().join("entities/people.yaml");
    let long = "Ann ".repeat(5000);
    let text = std::fs::read_to_string(&people)
        .unwrap()
        .replace("name: Ann Leader", &format!("name: \"{}\"", long.trim()));
    std::fs::write(&people, text).unwrap();
    let dot = stdout_of(&fixture.run(&["export"]).success());
    let (svg, warnings) = render_svg(&dot);
    assert!(warnings.is_empty(), "{warnings}");
    assert!(
        svg.contains("Ann Ann") && svg.contains('…'),
        "the cut name is drawn"
    );
    let json = stdout_of(&fixture.run(&["export", "--format", "json"]).success());
    assert!(json.contains(long.trim()), "JSON keeps the whole name");
    // A path's and a tree's titles name their ends: cut there too.
    for args in [
        &["path", "Ann_Leader", "Beta", "--format", "dot"][..],
        &["connect", "Ann_Leader", "Beta", "Alpha", "--format", "dot"][..],
    ] {
        let dot = stdout_of(&fixture.run(args).success());
        let (_, warnings) = render_svg(&dot);
        assert!(warnings.is_empty(), "{args:?}: {warnings}");
    }
}

/// The DOT lines of the edges between `a` and `b`, either way round.
fn edges_between(dot: &str, a: &str, b: &str) -> Vec<String> {
    let forward = format!("\"{a}\" -> \"{b}\" ");
    let backward = format!("\"{b}\" -> \"{a}\" ");
    dot_edge_lines(dot)
        .into_iter()
        .filter(|line| line.starts_with(&forward) || line.starts_with(&backward))
        .collect()
}

/// More than two ties between a pair are drawn an edge per family: enmity never shares a line
/// with cooperation, several ties of one family are a double line in its colour with a head
/// when they all run one way, and three families still make at most two edges.
#[test]
fn a_few_entities_tied_alike_to_the_same_two_are_one_list() {
    let fixture = Fixture::with("alike");
    let dot = stdout_of(&fixture.run(&["export", "--themes", "pacts"]).success());
    // Six crossing `signed` lines become one list of the three pacts, an edge from each state.
    assert!(dot.contains("Alpha signed · Beta signed (3)"), "{dot}");
    for pact in ["Water Pact", "Rail Pact", "Trade Pact"] {
        assert!(dot.contains(pact), "{pact}: {dot}");
    }
    assert_eq!(dot_edge_lines(&dot).len(), 2, "{dot}");
    // Two pacts are not yet a list: they stay nodes of their own.
    let fewer = Fixture::with("alike");
    let relations = fewer.data().join("relations/pacts.yaml");
    let text = std::fs::read_to_string(&relations).unwrap();
    let kept: Vec<&str> = text
        .split("- from:")
        .filter(|r| !r.contains("Trade_Pact"))
        .collect();
    std::fs::write(&relations, kept.join("- from:")).unwrap();
    let dot = stdout_of(&fewer.run(&["export", "--themes", "pacts"]).success());
    assert!(!dot.contains("signed (2)"), "{dot}");
    assert_eq!(dot_edge_lines(&dot).len(), 4);
}

#[test]
fn a_pairs_many_ties_are_drawn_by_family() {
    let fixture = Fixture::with("bundles");
    let dot = stdout_of(&fixture.run(&["export"]).success());
    let rivals = edges_between(&dot, "Alpha", "Beta");
    assert_eq!(rivals.len(), 2, "{rivals:#?}");
    let enmity = rivals.iter().find(|e| e.contains("fought")).unwrap();
    assert!(
        enmity.contains("hostile to (both ways)")
            && !enmity.contains("cooperates")
            && enmity.contains(":invis:")
            && enmity.contains("dir=none"),
        "{enmity}"
    );
    assert!(rivals
        .iter()
        .any(|e| e.contains("label=\"cooperates with [")));
    let founder = edges_between(&dot, "Ann_Leader", "Alpha_Party");
    assert_eq!(founder.len(), 1, "{founder:#?}");
    assert!(
        founder[0].starts_with("\"Ann_Leader\" -> ")
            // A bulleted line for each type, so each keeps its own dates and role and two
            // never read as one.
            && founder[0].contains("label=\"• founded\\n• member of\\n• leads (head) [")
            && founder[0].contains(":invis:")
            && !founder[0].contains("dir=none"),
        "{founder:?}"
    );
    let mixed = edges_between(&dot, "Tran_Bao", "Beta_Party");
    assert_eq!(mixed.len(), 2, "{mixed:#?}");
    assert!(dot.contains(">several ties (types in its colour)</font>"));
    let (svg, warnings) = render_svg(&dot);
    assert_eq!(warnings, "", "Graphviz warned");
    // Graphviz draws a colour list as one line per colour: two for the double line.
    let document = crate::support::parse_svg(&svg).unwrap();
    let edges: Vec<(&str, roxmltree::Node<'_, '_>)> = document
        .descendants()
        .filter(|n| n.attribute("class") == Some("edge"))
        .filter_map(|n| {
            let title = n.children().find(|c| c.has_tag_name("title"))?.text()?;
            Some((title, n))
        })
        .collect();
    // The line runs through its label node: its first half leaves the founder.
    let (_, first_half) = edges
        .iter()
        .find(|(title, _)| {
            title.strip_prefix("Ann_Leader->").is_some_and(|label| {
                edges
                    .iter()
                    .any(|(other, _)| *other == format!("{label}->Alpha_Party"))
            })
        })
        .unwrap();
    let founder_lines = first_half
        .descendants()
        .filter(|n| n.has_tag_name("path") && n.attribute("stroke") == Some("#0072b2"))
        .count();
    assert_eq!(founder_lines, 2);
}
