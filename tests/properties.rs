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

/// Text that may hold anything a terminal would act on: controls (ESC, BEL, CSI, CR, NUL),
/// bidirectional controls, invisible format characters and noncharacters, among letters.
fn hostile() -> impl Strategy<Value = String> {
    let alphabet = prop_oneof![
        4 => "[a-zA-Zạờ ]",
        1 => "[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f]",
        1 => "[\u{202a}-\u{202e}\u{2066}-\u{2069}\u{200e}\u{200f}\u{061c}]",
        1 => "[\u{00ad}\u{200b}\u{2028}\u{2029}\u{2060}-\u{2064}\u{feff}\u{e0001}\u{e0020}-\u{e007f}]",
        1 => "[\u{fdd0}\u{fffe}\u{ffff}]",
        1 => Just("\u{1b}]0;retitled\u{7}".to_string()),
        1 => Just("\u{1b}[2J".to_string()),
    ];
    proptest::collection::vec(alphabet, 1..12).prop_map(|parts| parts.concat())
}

/// A YAML double-quoted scalar holding `text` exactly, with every character that is not
/// plain printable written as an escape (`raw: false`) or as it is (`raw: true`).
fn yaml_any(text: &str, raw: bool) -> String {
    let mut quoted = String::from("\"");
    for c in text.chars() {
        match c {
            '\\' => quoted.push_str("\\\\"),
            '"' => quoted.push_str("\\\""),
            c if !raw && (c.is_control() || !c.is_alphanumeric() && c != ' ') => {
                quoted.push_str(&format!("\\U{:08x}", u32::from(c)));
            }
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

/// What must never reach a terminal from data: controls but line breaks and tabs,
/// bidirectional controls, and invisible format characters (the joiners aside).
fn acts_on_a_terminal(c: char) -> bool {
    let code = u32::from(c);
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(code, 0x202A..=0x202E | 0x2066..=0x2069 | 0x200E | 0x200F | 0x061C)
        || matches!(
            code,
            0x00AD | 0x200B | 0x2028 | 0x2029 | 0x2060..=0x2064 | 0xFEFF
        )
        || (0xE0000..=0xE007F).contains(&code)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Whatever the data holds, nothing any command prints, on stdout or stderr, in any
    /// format or diagnostic style, can act on a terminal: validation refuses such text
    /// (VG037), and what is printed anyway (the diagnostics that quote it) is escaped.
    #[test]
    fn no_data_text_reaches_a_terminal_raw(name in hostile(), alias in hostile(), quote in hostile(), note in hostile(), raw in any::<bool>()) {
        let fixture = Fixture::base();
        fs::write(
            fixture.data().join("entities/generated.yaml"),
            format!("- id: P0\n  name: {}\n  kind: person\n  aliases: [{}]\n", yaml_any(&name, raw), yaml_any(&alias, raw)),
        ).unwrap();
        fs::write(
            fixture.data().join("relations/generated.yaml"),
            format!(
                "- from: P0\n  type: met\n  to: Ann_Leader\n  note: {}\n  evidence:\n    - source: doc\n      quote: {}\n",
                yaml_any(&note, raw),
                yaml_any(&quote, raw)
            ),
        ).unwrap();
        let commands: [&[&str]; 8] = [
            &["validate", "--diagnostics", "rich"],
            &["validate", "--diagnostics", "plain"],
            &["validate", "--format", "json"],
            &["show", "P0"],
            &["show", "P0", "--format", "markdown"],
            &["search", "P0"],
            &["neighbors", "P0"],
            &["path", "P0", "Tran_Bao"],
        ];
        for args in commands {
            let output = fixture.run(args).get_output().clone();
            for (stream, bytes) in [("stdout", &output.stdout), ("stderr", &output.stderr)] {
                let text = String::from_utf8_lossy(bytes);
                let found = text.chars().find(|&c| acts_on_a_terminal(c));
                prop_assert!(found.is_none(), "{:?} printed {:?} on {}: {}", args, found, stream, text);
            }
        }
    }
}
