//! `sources` on the bundled data, each format read back by a real consumer: BibTeX by pybtex,
//! CSL-JSON by citeproc-py (both installed by `.ci/setup-tests`; a missing one fails the test).

use crate::support::{consume, stdout_of, vnla_graph, Fixture};

/// Runs a Python script on `input`; its stdout.
fn python(script: &str, input: &str) -> String {
    String::from_utf8(consume("python3", &["-c", script], input).stdout).unwrap()
}

fn sources(format: &str) -> String {
    let empty = tempfile::tempdir().unwrap();
    stdout_of(
        &vnla_graph(empty.path())
            .args(["sources", "--format", format])
            .assert()
            .success(),
    )
}

#[test]
fn the_sources_list_counts_the_quotes_citing_each() {
    let json: serde_json::Value = serde_json::from_str(&sources("json")).unwrap();
    let listed = json.as_array().unwrap();
    assert_eq!(listed.len(), 5);
    let stats: serde_json::Value = serde_json::from_str(&stdout_of(
        &vnla_graph(tempfile::tempdir().unwrap().path())
            .args(["validate", "--format", "json"])
            .assert()
            .success(),
    ))
    .unwrap();
    let cited: u64 = listed.iter().map(|s| s["quotes"].as_u64().unwrap()).sum();
    assert_eq!(
        cited,
        stats["quotes"].as_u64().unwrap(),
        "every quote cites one source"
    );
    assert!(listed
        .iter()
        .all(|s| s["title"].is_string() && s["file"].is_string()));
    let text = sources("text");
    assert!(
        text.contains("globalsecurity-laos-vietnam  (") && text.contains("  file: 003_"),
        "{text}"
    );
}

#[test]
fn bibtex_is_read_by_pybtex() {
    let parsed = python(
        "import sys; from pybtex.database import parse_string\n\
         data = parse_string(sys.stdin.read(), 'bibtex')\n\
         for key, entry in data.entries.items():\n    \
             print(key, entry.type, entry.fields.get('year', '-'), entry.fields['title'][:30])",
        &sources("bibtex"),
    );
    let lines: Vec<&str> = parsed.lines().collect();
    assert_eq!(lines.len(), 5, "{parsed}");
    assert!(
        lines.contains(&"globalsecurity-laos-vietnam misc 2013 {Laos - Vietnam Relations}"),
        "{parsed}"
    );
}

#[test]
fn csl_json_is_rendered_by_citeproc() {
    let rendered = python(
        "import sys, json\n\
         from citeproc import CitationStylesStyle, CitationStylesBibliography, Citation, CitationItem, formatter\n\
         from citeproc.source.json import CiteProcJSON\n\
         items = json.load(sys.stdin)\n\
         style = CitationStylesStyle('harvard-cite-them-right', validate=False)\n\
         bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)\n\
         for item in items:\n    bibliography.register(Citation([CitationItem(item['id'])]))\n\
         for entry in bibliography.bibliography():\n    print(str(entry))",
        &sources("csl-json"),
    );
    let entries: Vec<&str> = rendered.lines().collect();
    assert_eq!(entries.len(), 5, "{rendered}");
    assert!(
        entries
            .iter()
            .any(|e| e.contains("Laos - Vietnam Relations")
                && e.contains("(2013)")
                && e.contains("GlobalSecurity.org")),
        "{rendered}"
    );
}

/// A source with a web address and characters BibTeX treats specially.
#[test]
fn a_url_and_special_characters_survive_both_formats() {
    let fixture = Fixture::base();
    std::fs::write(
        fixture.data().join("sources.yaml"),
        "- id: doc\n  title: \"R&D {in} 100% of cases\"\n  publisher: The test suite\n  date: 2024-01\n  file: doc.txt\n  url: https://example.org/a_b?x=1#top\n",
    )
    .unwrap();
    let bibtex = stdout_of(&fixture.run(&["sources", "--format", "bibtex"]).success());
    let parsed = python(
        "import sys; from pybtex.database import parse_string\n\
         entry = parse_string(sys.stdin.read(), 'bibtex').entries['doc']\n\
         print(entry.fields['title']); print(entry.fields['url']); print(entry.fields['month'])",
        &bibtex,
    );
    assert_eq!(
        parsed,
        "{R\\&D \\{in\\} 100\\% of cases}\nhttps://example.org/a\\_b?x=1\\#top\n1\n"
    );
    let csl: serde_json::Value = serde_json::from_str(&stdout_of(
        &fixture.run(&["sources", "--format", "csl-json"]).success(),
    ))
    .unwrap();
    assert_eq!(csl[0]["URL"], "https://example.org/a_b?x=1#top");
    assert_eq!(
        csl[0]["issued"]["date-parts"][0],
        serde_json::json!([2024, 1])
    );
}
