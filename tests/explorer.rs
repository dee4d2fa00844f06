//! The explorer (`export --format html`) on the bundled data, in a real browser: Debian's
//! headless Chromium driven by Selenium (`tests/explorer/browser.py`; both installed by
//! `.ci/setup-tests`, and a missing one fails the test). What the page shows is compared with
//! what the command line answers for the same question.

use std::collections::HashSet;
use std::path::Path;

use serde_json::{json, Value};

use crate::support::{consume, stdout_of, vnla_graph};

const BROWSER: &str = include_str!("explorer/browser.py");

/// Runs the command in `dir` (no data folder there: the bundled data) and parses its JSON.
fn json_of(dir: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&stdout_of(&vnla_graph(dir).args(args).assert().success()))
        .expect("JSON answer")
}

/// The data the page carries, read back out of its `<script>` element.
fn page_data(html: &str) -> Value {
    let start = html
        .find(r#"<script type="application/json" id="graph-data">"#)
        .unwrap();
    let body = &html[start..];
    let body = &body[body.find('>').unwrap() + 1..body.find("</script>").unwrap()];
    serde_json::from_str(body).expect("the page's data is JSON")
}

/// Pairs of entities to ask for paths: spread over the data, both ways round, with the
/// README's question first.
fn pairs(nodes: &[Value]) -> Vec<(String, String)> {
    let id = |i: usize| nodes[i % nodes.len()]["id"].as_str().unwrap().to_string();
    let mut pairs = vec![(
        "Kaysone_Phomvihane".to_string(),
        "Nguyen_Phu_Trong".to_string(),
    )];
    for k in 0..24 {
        pairs.push((id(k * 7 + 3), id(k * 13 + 50)));
    }
    pairs
}

/// The relations each drawn edge of `edges` (the browser's report) stands for.
fn relations_drawn(edges: &Value) -> Vec<Vec<usize>> {
    edges
        .as_array()
        .unwrap()
        .iter()
        .map(|edge| {
            edge["relations"]
                .as_array()
                .unwrap()
                .iter()
                .map(|j| j.as_u64().unwrap() as usize)
                .collect()
        })
        .collect()
}

/// Asserts that the drawn edges in `report["edges"]` are shown exactly when one of their
/// relations is `kept`; returns the relations shown.
fn assert_shown(report: &Value, kept: &[bool], filters: &str) -> Vec<usize> {
    let mut shown = Vec::new();
    let drawn = relations_drawn(&report["edges"]);
    for (edge, relations) in report["edges"].as_array().unwrap().iter().zip(drawn) {
        let expected = relations.iter().any(|&j| kept[j]);
        assert_eq!(
            edge["shown"], expected,
            "{filters}, relations {relations:?}"
        );
        if expected {
            shown.extend(relations);
        }
    }
    shown
}

#[test]
fn the_explorer_answers_in_a_real_browser_as_the_command_line_does() {
    let dir = tempfile::tempdir().unwrap();
    vnla_graph(dir.path())
        .args(["export", "--format", "html", "-o", "explorer.html"])
        .assert()
        .success();
    let page = dir.path().join("explorer.html");
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(
        html.len() <= 1_500_000,
        "the bundled explorer is {} bytes",
        html.len()
    );
    let data = page_data(&html);
    let nodes = data["nodes"].as_array().unwrap();
    let edges = data["edges"].as_array().unwrap();
    let export = json_of(dir.path(), &["export", "--format", "json"]);
    assert_eq!(
        data["edges"], export["edges"],
        "the page's records are the export's"
    );
    assert_eq!(data["nodes"], export["nodes"]);

    let shots = Path::new(env!("CARGO_TARGET_TMPDIR")).join("explorer");
    std::fs::create_dir_all(&shots).unwrap();
    let pairs = pairs(nodes);
    let task = json!({
        "consumers": Path::new(env!("CARGO_MANIFEST_DIR")).join(".consumers/python"),
        "page": page.canonicalize().unwrap(),
        "shots": shots,
        "year": 1980,
        "pairs": pairs,
    });
    let output = consume("python3", &["-c", BROWSER], &task.to_string());
    let report: Value = serde_json::from_slice(&output.stdout).expect("the browser's report");

    // It opens offline: nothing but the file itself is requested, and nothing is logged.
    let url = format!("file://{}", page.canonicalize().unwrap().display());
    for request in report["requests"].as_array().unwrap() {
        let request = request.as_str().unwrap();
        assert!(
            request == "about:blank" || request.split('#').next() == Some(url.as_str()),
            "the page requested {request}"
        );
    }
    assert_eq!(report["console"], json!([]), "console messages");
    eprintln!(
        "explorer timing (ms since navigation): {}",
        report["timing"]
    );

    // A click on Kaysone Phomvihane's node shows his ties, with their quotes.
    assert_eq!(report["clicked"]["title"], "Kaysone Phomvihane");
    let shown = json_of(
        dir.path(),
        &["show", "Kaysone_Phomvihane", "--format", "json"],
    );
    let his_quotes: HashSet<String> = shown["relations"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r["evidence"].as_array().unwrap())
        .map(|e| format!("“{}”", e["quote"].as_str().unwrap()))
        .collect();
    let quotes = report["clicked"]["quotes"].as_array().unwrap();
    assert!(!quotes.is_empty());
    for quote in quotes {
        assert!(
            his_quotes.contains(quote.as_str().unwrap()),
            "not one of his quotes: {quote}"
        );
    }

    // Clicking a tie in the panel highlights its edge in the picture.
    let tie = report["tie"]["relation"].as_u64().unwrap().to_string();
    let highlighted = report["tie"]["highlighted"].as_array().unwrap();
    assert!(!highlighted.is_empty());
    for relations in highlighted {
        assert!(
            relations.as_str().unwrap().split(' ').any(|j| j == tie),
            "highlighted {relations} for relation {tie}"
        );
    }

    // `+` zooms in, `0` fits the whole picture again.
    let keys = &report["keys"];
    assert!(keys["zoomed"].as_f64() < keys["whole"].as_f64(), "{keys}");
    assert_eq!(keys["fitted"], keys["whole"]);

    // Clicking an edge shows its evidence: the quotes of the relations it draws.
    assert_eq!(report["edge"]["title"], "Evidence");
    let clicked: Vec<u64> = report["edge"]["clicked"]
        .as_str()
        .unwrap()
        .split(' ')
        .map(|j| j.parse().unwrap())
        .collect();
    assert_eq!(report["edge"]["relations"], json!(clicked));
    let expected: Vec<String> = clicked
        .iter()
        .flat_map(|&j| edges[j as usize]["evidence"].as_array().unwrap())
        .map(|e| format!("“{}”", e["quote"].as_str().unwrap()))
        .collect();
    assert_eq!(report["edge"]["quotes"], json!(expected));

    // The search folds diacritics as the command line does.
    assert_eq!(report["searched"]["title"], "Phạm Minh Chính");
    let hash = report["searched"]["hash"].as_str().unwrap();
    assert_eq!(
        hash.split('&').next(),
        Some("#entity=Pham_Minh_Chinh"),
        "{hash}"
    );

    // At 1980 the picture shows exactly what `export --at 1980` keeps: the 2024 ties are
    // gone, the troops stationed since 1977 are there.
    assert_eq!(report["slider"]["label"], "1980");
    let kept_by = |args: &[&str]| -> Vec<bool> {
        let kept = json_of(dir.path(), args);
        edges
            .iter()
            .map(|edge| kept["edges"].as_array().unwrap().contains(edge))
            .collect()
    };
    let at_1980 = ["export", "--format", "json", "--at", "1980"];
    let shown_at_1980 = assert_shown(&report["slider"], &kept_by(&at_1980), "at 1980");
    let covered: HashSet<usize> = relations_drawn(&report["slider"]["edges"])
        .into_iter()
        .flatten()
        .collect();
    assert_eq!(covered.len(), edges.len(), "every relation is drawn");
    // ... with `undated` ticked, as `--undated` adds the undated ones.
    let undated = [&at_1980[..], &["--undated"]].concat();
    assert_shown(
        &json!({"edges": report["undated"]}),
        &kept_by(&undated),
        "at 1980, undated",
    );
    // Hiding claims leaves the facts.
    let facts: Vec<bool> = edges.iter().map(|e| e["stance"] == "fact").collect();
    assert!(facts.contains(&false), "the data has claims");
    assert_shown(&json!({"edges": report["facts"]}), &facts, "claims hidden");
    let find = |predicate: &dyn Fn(&Value) -> bool| {
        edges
            .iter()
            .position(predicate)
            .expect("the relation is in the data")
    };
    let troops = find(&|e| {
        e["from"] == "Vietnamese_Army" && e["type"] == "stationed_in" && e["seen"] == "1977"
    });
    let visit_2024 = find(&|e| {
        e["type"] == "visited" && e["date"].as_str().is_some_and(|d| d.starts_with("2024"))
    });
    assert!(shown_at_1980.contains(&troops));
    assert!(!shown_at_1980.contains(&visit_2024));

    // Path mode answers what `vnla-graph path` answers, hop for hop.
    let answers = report["paths"].as_array().unwrap();
    assert_eq!(answers.len(), pairs.len());
    let mut connected = 0;
    for ((from, to), answer) in pairs.iter().zip(answers) {
        // Every answer as cheap as the best: the page may break a tie the other way.
        let cli = vnla_graph(dir.path())
            .args(["path", from, to, "--all-shortest", "--format", "json"])
            .assert();
        let hops = answer["hops"].as_array().unwrap();
        if cli.get_output().status.code() == Some(1) {
            assert!(hops.is_empty(), "{from} → {to}: the CLI finds no path");
            continue;
        }
        connected += 1;
        let cli: Value = serde_json::from_str(&stdout_of(&cli.success())).unwrap();
        let best = &cli["paths"][0];
        let chains: Vec<Vec<Value>> = cli["paths"]
            .as_array()
            .unwrap()
            .iter()
            .map(|path| {
                let nodes = path["nodes"].as_array().unwrap();
                path["edges"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .enumerate()
                    .map(|(k, edge)| json!([nodes[k], nodes[k + 1], edge["type"]]))
                    .collect()
            })
            .collect();
        assert!(
            chains.iter().any(|chain| chain == hops),
            "{from} → {to}: the page's {hops:?} is none of the CLI's {chains:?}"
        );
        let cost = answer["cost"].as_f64().unwrap();
        assert!(
            (cost - best["cost"].as_f64().unwrap()).abs() < 1e-3,
            "{from} → {to}: cost {cost} in the page, {} from the CLI",
            best["cost"]
        );
    }
    assert!(connected >= 15, "only {connected} pairs connected");

    // The hash reopens a view; the print stylesheet keeps the picture and the panel.
    assert_eq!(
        report["reopened"],
        json!({"title": "Kaysone Phomvihane", "year": "1976", "themes": ["politics"]})
    );
    assert_eq!(
        report["print"],
        json!({"controls": false, "picture": true, "panel": true})
    );
    let screenshot = std::fs::metadata(shots.join("explorer.png")).unwrap();
    assert!(screenshot.len() > 10_000, "a screenshot of the page");
}

/// Every export filter applies to the page's data as to the JSON export's.
#[test]
fn the_export_filters_choose_what_the_explorer_holds() {
    let dir = tempfile::tempdir().unwrap();
    let filters = ["--themes", "security", "--at", "2019", "--undated"];
    vnla_graph(dir.path())
        .args(["export", "--format", "html", "-o", "security.html"])
        .args(filters)
        .assert()
        .success();
    let data = page_data(&std::fs::read_to_string(dir.path().join("security.html")).unwrap());
    let mut args = vec!["export", "--format", "json"];
    args.extend(filters);
    let export = json_of(dir.path(), &args);
    assert!(!export["edges"].as_array().unwrap().is_empty());
    assert_eq!(data["edges"], export["edges"]);
    assert_eq!(data["nodes"], export["nodes"]);
    assert_eq!(data["drawn"], export["nodes"].as_array().unwrap().len());
}

/// Without Graphviz the page cannot be laid out: the error names the package, and no file is
/// written.
#[test]
fn without_graphviz_the_explorer_names_the_package_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let no_programs = tempfile::tempdir().unwrap();
    let assert = vnla_graph(dir.path())
        .env("PATH", no_programs.path())
        .args(["export", "--format", "html", "-o", "graph.html"])
        .assert()
        .code(2);
    let stderr = crate::support::stderr_of(&assert);
    assert!(stderr.contains("the `graphviz` package"), "{stderr}");
    assert!(!dir.path().join("graph.html").exists());
}
