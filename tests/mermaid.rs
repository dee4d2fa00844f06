//! `export --format mermaid` and `path --format mermaid`, drawn to SVG by the real
//! mermaid-cli (`.consumers/mermaid`, driving Debian's Chromium; `bash .ci/setup-tests`
//! installs both): every name and tie label must come through verbatim, and claims dotted.

use std::path::{Path, PathBuf};

use crate::support::{consume, stdout_of, vnla_graph, Fixture};

fn consumers() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(".consumers/mermaid")
}

/// The flowchart drawn by mermaid-cli, as SVG.
fn draw(flowchart: &str) -> String {
    let mmdc = consumers().join("node_modules/.bin/mmdc");
    let config = consumers().join("puppeteer.json");
    let args = [
        "-q",
        "-p",
        config.to_str().unwrap(),
        "-i",
        "-",
        "-o",
        "-",
        "-e",
        "svg",
    ];
    let output = consume(mmdc.to_str().unwrap(), &args, flowchart);
    String::from_utf8(output.stdout).expect("UTF-8 SVG")
}

/// What an SVG drawn by Mermaid shows: the text of each label (`<p>` inside its HTML labels,
/// or `<text>`), entities decoded; and how many nodes, edges and dotted edges it draws.
struct Drawing {
    texts: Vec<String>,
    nodes: usize,
    edges: usize,
    dotted: usize,
}

fn read(svg: &str) -> Drawing {
    let document = roxmltree::Document::parse(svg).expect("mermaid-cli writes well-formed SVG");
    let class_has = |node: &roxmltree::Node<'_, '_>, class: &str| {
        node.attribute("class")
            .is_some_and(|classes| classes.split_whitespace().any(|c| c == class))
    };
    let texts = document
        .descendants()
        .filter(|node| node.has_tag_name("p") || node.has_tag_name("text"))
        .map(|node| {
            node.descendants()
                .filter(roxmltree::Node::is_text)
                .filter_map(|text| text.text())
                .collect()
        })
        .collect();
    let nodes = document
        .descendants()
        .filter(|node| node.has_tag_name("g") && class_has(node, "node"))
        .count();
    let links = || {
        document
            .descendants()
            .filter(|node| node.has_tag_name("path") && class_has(node, "flowchart-link"))
    };
    Drawing {
        texts,
        nodes,
        edges: links().count(),
        dotted: links()
            .filter(|node| class_has(node, "edge-pattern-dotted"))
            .count(),
    }
}

fn assert_drawn(drawing: &Drawing, label: &str) {
    assert!(
        drawing.texts.iter().any(|text| text == label),
        "{label:?} not drawn verbatim; the SVG's texts are {:?}",
        drawing.texts
    );
}

#[test]
fn hostile_names_and_labels_are_drawn_as_themselves() {
    let fixture = Fixture::with("hostile-mermaid");
    let flowchart = stdout_of(&fixture.run(&["export", "--format", "mermaid"]).success());
    insta::assert_snapshot!(flowchart);
    let drawing = read(&draw(&flowchart));
    for label in [
        "end",
        "o--> x --- o",
        r##"He said "hi" #quot; #35; &amp; ok"##,
        r#"%%{init: {"theme": "dark"}}%% 100%"#,
        r#"A["inject"] --> B(( )) ; C:::x"#,
        "`**bold** _em_` <b>tag</b> <br> a|b",
        "Trần Bảo",
        r##"signed (signatory "#1" | <i>first</i>)"##,
        r#"claimed by critics; "the %% people": founded"#,
        "met (1977-07-18)",
    ] {
        assert_drawn(&drawing, label);
    }
    // 13 entities and 10 relations in the fixture: nothing split, merged or injected.
    assert_eq!((drawing.nodes, drawing.edges), (13, 10));
    assert_eq!(drawing.dotted, 1, "the one claim is dotted, no fact is");
}

#[test]
fn a_focused_export_of_the_bundled_data_draws_every_entity_and_tie() {
    let dir = tempfile::tempdir().unwrap();
    let focus = ["export", "--focus", "Kaysone", "--depth", "1", "--format"];
    let run = |format: &str| {
        let mut args = focus.to_vec();
        args.push(format);
        stdout_of(&vnla_graph(dir.path()).args(&args).assert().success())
    };
    let json: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    let drawing = read(&draw(&run("mermaid")));
    let nodes = json["nodes"].as_array().unwrap();
    for node in nodes {
        assert_drawn(&drawing, node["name"].as_str().unwrap());
    }
    let edges = json["edges"].as_array().unwrap().len();
    assert_eq!((drawing.nodes, drawing.edges), (nodes.len(), edges));
    // The role reaches the label, whatever span follows it.
    assert!(
        drawing
            .texts
            .iter()
            .any(|text| text.starts_with("leads (General Secretary")),
        "{:?}",
        drawing.texts
    );
}

#[test]
fn a_path_answer_draws_its_hops_and_nothing_else() {
    let fixture = Fixture::with("paths");
    let args = ["path", "Ann", "Carl", "-k", "2", "--format"];
    let run = |format: &str| {
        let mut args = args.to_vec();
        args.push(format);
        stdout_of(&fixture.run(&args).success())
    };
    let json: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    let drawing = read(&draw(&run("mermaid")));
    let paths = json["paths"].as_array().unwrap();
    let mut ids: Vec<&str> = paths
        .iter()
        .flat_map(|path| path["nodes"].as_array().unwrap())
        .map(|id| id.as_str().unwrap())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let hops: usize = paths
        .iter()
        .flat_map(|path| path["edges"].as_array().unwrap())
        .map(|edge| 1 + edge["alternatives"].as_array().map_or(0, Vec::len))
        .sum();
    assert_eq!((drawing.nodes, drawing.edges), (ids.len(), hops));
    for name in ["Ann Leader", "Carl", "Gus"] {
        assert_drawn(&drawing, name);
    }
    assert!(
        !drawing.texts.iter().any(|text| text.starts_with("Filler")),
        "only the paths are drawn"
    );
    assert!(drawing.texts.iter().any(|text| text == "Ann Leader → Carl"));
}
