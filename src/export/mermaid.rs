//! A Mermaid `flowchart` for Markdown: GitHub, GitLab and Obsidian draw a ```` ```mermaid ````
//! block inline. Meant for a focused export or a path answer, a few dozen entities; the whole
//! graph is valid but unreadable.
//!
//! Built from the JSON contract's records ([`NodeRecord`], [`EdgeRecord`]): a node's shape and
//! outline colour come from its kind in schema.yaml, an edge's colour from its type; a claim is
//! drawn dotted and grey with "claimed by X:" before its label, so it never reads as a fact.
//! Each relation's quotes follow its edge as `%%` comments, so the quotes travel with the
//! figure although Mermaid draws none.
//!
//! Mermaid has no escape character: inside a quoted label it decodes `#name;` and `#NNN;`
//! entity codes, parses `<...>` as HTML, and its preprocessor reacts to `%%`, `:` and `;` in
//! places. So every ASCII punctuation mark but a few harmless ones is written as its entity
//! code ([`label`]), and ids are ASCII word characters with a prefix ([`safe_name`]), so no
//! entity id can be a keyword (`end`, `graph`) or start an arrow (`o`, `x`).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};

use rustc_hash::FxHashSet;

use crate::export::json::{EdgeRecord, NodeRecord};
use crate::model::{Dataset, Entity, KindId, Relation};
use crate::text::{claim_prefix, qualifiers};

/// How a claim is drawn, whatever its type (the DOT export's grey).
const CLAIM_STYLE: &str = "stroke:#666666,color:#666666,stroke-dasharray:4 3";

/// The selected entities and relations as a Mermaid flowchart (left to right), `title` in its
/// front matter, as text: for a path answer or a focused export, which are small.
pub(crate) fn export(
    dataset: &Dataset,
    entities: &[&Entity],
    relations: &[&Relation],
    title: &str,
) -> String {
    let mut out = Vec::with_capacity(64 * (entities.len() + 2 * relations.len()) + 256);
    write(&mut out, dataset, entities, relations, title).expect("writing to memory succeeds");
    String::from_utf8(out).expect("the chart is UTF-8")
}

/// Writes the selected entities and relations as a Mermaid flowchart (left to right), `title`
/// in its front matter. Relations whose ends are not both selected are left out. Each line is
/// written as it is made; only the node ids of each kind and the edge numbers of each colour
/// are kept, for the `class` and `linkStyle` lines at the end.
pub(crate) fn write(
    out: &mut dyn Write,
    dataset: &Dataset,
    entities: &[&Entity],
    relations: &[&Relation],
    title: &str,
) -> io::Result<()> {
    let schema = &dataset.schema;
    // A JSON string is a YAML double-quoted scalar: the title is never read as YAML syntax.
    writeln!(
        out,
        "---\ntitle: {}\n---\nflowchart LR",
        serde_json::to_string(title).expect("a string serialises")
    )?;
    let mut by_kind: BTreeMap<&KindId, Vec<String>> = BTreeMap::new();
    for entity in entities {
        let node = NodeRecord::new(entity);
        let kind = schema.kind(&entity.kind.value);
        let (open, close) = shape(kind.map_or("box", |kind| kind.shape.as_str()));
        let id = node_id(node.id);
        writeln!(out, "    {id}{open}\"{}\"{close}", label(node.name))?;
        by_kind.entry(&entity.kind.value).or_default().push(id);
    }
    let drawn: FxHashSet<&str> = entities.iter().map(|e| e.id.value.as_str()).collect();
    let mut colours: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let edges = relations
        .iter()
        .filter(|r| drawn.contains(r.from.as_str()) && drawn.contains(r.to.as_str()));
    for (number, relation) in edges.enumerate() {
        let edge = EdgeRecord::new(schema, relation);
        let def = schema.relation_type(&relation.relation_type);
        let symmetric = def.is_some_and(|def| def.symmetric);
        let claim = relation.is_claim();
        let arrow = match (claim, symmetric) {
            (false, false) => "-->",
            (false, true) => "---",
            (true, false) => "-.->",
            (true, true) => "-.-",
        };
        let mut text = claim_prefix(dataset, relation);
        text.push_str(def.map_or(edge.relation_type, |def| def.label.as_str()));
        if let Some(qualifiers) = qualifiers(schema, relation) {
            let _ = write!(text, " ({qualifiers})");
        }
        writeln!(
            out,
            "    {} {arrow}|\"{}\"| {}",
            node_id(edge.from),
            label(&text),
            node_id(edge.to)
        )?;
        for evidence in &edge.evidence {
            let quote = evidence.quote.split_whitespace().collect::<Vec<_>>();
            writeln!(out, "    %% {}: {}", evidence.source, quote.join(" "))?;
        }
        let style = if claim {
            CLAIM_STYLE.to_string()
        } else {
            let colour = def.map_or("#333333", |def| def.color.as_str());
            format!("stroke:{colour}")
        };
        colours.entry(style).or_default().push(number);
    }
    for (kind, ids) in &by_kind {
        let colour = schema
            .kind(kind)
            .map_or("#333333", |kind| kind.color.as_str());
        let class = safe_name("k_", kind.as_str());
        writeln!(out, "    classDef {class} stroke:{colour},stroke-width:2px")?;
        write!(out, "    class ")?;
        comma_separated(out, ids)?;
        writeln!(out, " {class}")?;
    }
    for (style, numbers) in &colours {
        write!(out, "    linkStyle ")?;
        comma_separated(out, numbers)?;
        writeln!(out, " {style}")?;
    }
    Ok(())
}

/// Writes `items` joined by commas, without building the joined text (a whole graph's list is
/// one line of hundreds of thousands of items).
fn comma_separated(out: &mut dyn Write, items: &[impl std::fmt::Display]) -> io::Result<()> {
    for (index, item) in items.iter().enumerate() {
        let comma = if index == 0 { "" } else { "," };
        write!(out, "{comma}{item}")?;
    }
    Ok(())
}

/// A node's Mermaid id, `n_` and its entity id made safe by [`safe_name`].
fn node_id(id: &str) -> String {
    safe_name("n_", id)
}

/// A name Mermaid reads as a plain word that is never a keyword: `prefix` and the name's ASCII
/// letters, digits and `_`, anything else (validated ids have none) as `_xHH_` per byte.
fn safe_name(prefix: &str, id: &str) -> String {
    let mut safe = String::with_capacity(id.len() + prefix.len());
    safe.push_str(prefix);
    for byte in id.bytes() {
        if byte.is_ascii_alphanumeric() || byte == b'_' {
            safe.push(char::from(byte));
        } else {
            let _ = write!(safe, "_x{byte:02X}_");
        }
    }
    safe
}

/// Text for inside a Mermaid double-quoted label, shown as itself: ASCII punctuation other
/// than `. , - ' ( ) / ! ?` becomes its entity code (`"` is `#34;`), line breaks and tabs a
/// space; letters, digits and the rest of Unicode stay as they are.
fn label(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            '.' | ',' | '-' | '\'' | '(' | ')' | '/' | '!' | '?' => out.push(c),
            c if c.is_ascii_punctuation() => {
                let _ = write!(out, "#{};", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out
}

/// The Mermaid node shape closest to a kind's Graphviz `shape` in schema.yaml.
fn shape(graphviz: &str) -> (&'static str, &'static str) {
    match graphviz {
        "ellipse" | "oval" | "circle" => ("([", "])"),
        "cylinder" => ("[(", ")]"),
        "hexagon" | "octagon" => ("{{", "}}"),
        "doubleoctagon" | "component" | "box3d" => ("[[", "]]"),
        "note" => (">", "]"),
        "house" => ("[/", "\\]"),
        "invhouse" => ("[\\", "/]"),
        _ => ("[", "]"),
    }
}

#[cfg(test)]
mod tests {
    use super::{label, node_id};

    #[test]
    fn labels_keep_letters_and_code_punctuation() {
        assert_eq!(
            label("Trần \"Bảo\" <b>#1</b>; 50%: a|b"),
            "Trần #34;Bảo#34; #60;b#62;#35;1#60;/b#62;#59; 50#37;#58; a#124;b"
        );
        assert_eq!(label("line\nbreak"), "line break");
        assert_eq!(label("Laos (1975-), ok?"), "Laos (1975-), ok?");
    }

    #[test]
    fn ids_are_prefixed_word_characters() {
        assert_eq!(node_id("end"), "n_end");
        assert_eq!(node_id("o_Port"), "n_o_Port");
        assert_eq!(node_id("a-b é"), "n_a_x2D_b_x20__xC3__xA9_");
    }
}
