//! Property test: whatever text names, describes or quotes an entity, the DOT export renders
//! in the real Graphviz and every label comes back verbatim in the SVG text, every description
//! in its tooltip. Arbitrary Unicode, quotes, backslashes, `&` entities, braces, pipes, `<>`.

use std::fs;

use proptest::prelude::*;

use crate::support::{stdout_of, svg_texts, Fixture};

/// A name drawn on one line: printable Unicode, single spaces only inside, short enough not to
/// be wrapped (labels wrap at 28 characters).
fn name() -> impl Strategy<Value = String> {
    "[^\\p{C}]{1,24}".prop_filter("one line, single inner spaces", |name| {
        name.chars().all(|c| c == ' ' || !c.is_whitespace())
            && !name.starts_with(' ')
            && !name.ends_with(' ')
            && !name.contains("  ")
    })
}

/// A description or quote: anything printable, line breaks included.
fn text() -> impl Strategy<Value = String> {
    "[^\\p{C}]{1,60}(\n[^\\p{C}]{1,30})?".prop_filter("no other line breaks", |text| {
        text.chars()
            .all(|c| c == ' ' || c == '\n' || !c.is_whitespace())
            && !text.trim().is_empty()
    })
}

/// A YAML double-quoted scalar holding `text` exactly.
fn yaml(text: &str) -> String {
    let mut quoted = String::from("\"");
    for c in text.chars() {
        match c {
            '\\' => quoted.push_str("\\\\"),
            '"' => quoted.push_str("\\\""),
            '\n' => quoted.push_str("\\n"),
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

fn tooltips(svg: &str) -> Vec<String> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    let document = roxmltree::Document::parse_with_options(svg, options).expect("valid SVG");
    document
        .descendants()
        .filter_map(|node| node.attribute(("http://www.w3.org/1999/xlink", "title")))
        .map(str::to_string)
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn any_text_renders_as_itself(names in proptest::collection::vec(name(), 2..4), description in text(), quote in text()) {
        let fixture = Fixture::base();
        let mut entities = String::new();
        let mut relations = String::new();
        for (index, name) in names.iter().enumerate() {
            entities.push_str(&format!("- id: P{index}\n  name: {}\n  kind: person\n  description: {}\n", yaml(name), yaml(&description)));
            let other = if index == 0 { "Ann_Leader".to_string() } else { format!("P{}", index - 1) };
            relations.push_str(&format!(
                "- from: P{index}\n  type: met\n  to: {other}\n  evidence:\n    - source: doc\n      quote: {}\n",
                yaml(&quote)
            ));
        }
        fs::write(fixture.data().join("entities/generated.yaml"), entities).unwrap();
        fs::write(fixture.data().join("relations/generated.yaml"), relations).unwrap();
        let dot = stdout_of(&fixture.run(&["export", "--cluster", "none"]).success());
        let (svg, warnings) = crate::export::render_svg(&dot);
        prop_assert_eq!(warnings, "");
        let texts = svg_texts(&svg);
        for name in &names {
            prop_assert!(texts.iter().any(|text| text == name), "{:?} not drawn verbatim among {:?}", name, texts);
        }
        // Graphviz keeps a run of spaces visible in SVG by writing all but the first as
        // no-break spaces; a reader sees the same text.
        let spaced = |text: &str| text.replace('\u{a0}', " ");
        let tooltips: Vec<String> = tooltips(&svg).iter().map(|tip| spaced(tip)).collect();
        let (description, quote) = (spaced(&description), spaced(&quote));
        prop_assert!(tooltips.contains(&description), "description {:?} not among tooltips {:?}", description, tooltips);
        prop_assert!(tooltips.iter().any(|tip| tip.contains(&quote)), "quote {:?} not among tooltips {:?}", quote, tooltips);
    }
}
