//! A Cypher script that creates the graph in a Neo4j-compatible database (Neo4j,
//! FalkorDB, Memgraph): one statement a line, each an `UNWIND` over a batch of literal rows
//! that `MERGE`s entities on their `id` and relations on theirs, so running the script
//! again changes nothing. Every string is a quoted literal with its quotes, backslashes
//! and line breaks escaped, every label, type and key a backquoted name, so no text in the
//! data can become Cypher. Entities are labelled `Entity` and their kind; the properties
//! are the attribute table's ([`attributes`]), lists as lists, evidence as its numbered
//! text (`evidence`) with the lists `sources` and `quotes`.

use std::fmt::Write as _;
use std::io::{self, Write};

use rustc_hash::FxHashMap;

use crate::export::attributes::{
    evidence_sources, evidence_text, EdgeAttributes, Key, NodeAttributes, Value, EDGE_KEYS,
    NODE_KEYS,
};
use crate::export::csv::ENTITY_LABEL;
use crate::model::{Entity, Relation, Schema};

/// Rows per statement: large enough that a million relations are 2,000 statements, small
/// enough that each is well under a megabyte.
const BATCH: usize = 500;

/// The selected entities and relations as a Cypher script.
pub(crate) fn write(
    out: &mut dyn Write,
    schema: &Schema,
    entities: &[&Entity],
    relations: &[&Relation],
) -> io::Result<()> {
    writeln!(
        out,
        "// vnla-graph: {} entities, {} relations. MERGE on ids: running it again changes nothing.\n\
         // On a large graph, index the ids first (Neo4j: CREATE INDEX FOR (n:{ENTITY_LABEL}) ON (n.id)).",
        entities.len(),
        relations.len()
    )?;
    for (kind, group) in grouped(entities, |entity| entity.kind.value.as_str()) {
        let tail = format!(
            "MERGE (n:{}:{} {{id: row.id}}) SET n += row.props",
            name(ENTITY_LABEL),
            name(kind)
        );
        statements(out, &group, &tail, |statement, position| {
            node_row(statement, &NodeAttributes::new(schema, entities[position]));
        })?;
    }
    for (relation_type, group) in grouped(relations, |relation| relation.relation_type.as_str()) {
        let tail = format!(
            "MATCH (a:{entity} {{id: row.from}}) MATCH (b:{entity} {{id: row.to}}) \
             MERGE (a)-[r:{} {{id: row.id}}]->(b) SET r += row.props",
            name(relation_type),
            entity = name(ENTITY_LABEL),
        );
        statements(out, &group, &tail, |statement, position| {
            let edge = EdgeAttributes::new(schema, position, relations[position]);
            edge_row(statement, &edge);
        })?;
    }
    Ok(())
}

/// `UNWIND [row, ...] AS row TAIL;` for each batch of `positions`, one a line, each row
/// written by `row`.
fn statements(
    out: &mut dyn Write,
    positions: &[usize],
    tail: &str,
    mut row: impl FnMut(&mut String, usize),
) -> io::Result<()> {
    let mut statement = String::new();
    for batch in positions.chunks(BATCH) {
        statement.clear();
        statement.push_str("UNWIND [");
        for (i, &position) in batch.iter().enumerate() {
            if i > 0 {
                statement.push_str(", ");
            }
            row(&mut statement, position);
        }
        let _ = write!(statement, "] AS row {tail};");
        writeln!(out, "{statement}")?;
    }
    Ok(())
}

/// The positions of `items` grouped by `key` (a label or type must be written in the
/// statement itself), groups in order of their first item, positions in order.
fn grouped<'a, T>(items: &[&'a T], key: impl Fn(&'a T) -> &'a str) -> Vec<(&'a str, Vec<usize>)> {
    let mut groups: Vec<(&'a str, Vec<usize>)> = Vec::new();
    let mut index: FxHashMap<&'a str, usize> = FxHashMap::default();
    for (position, &item) in items.iter().enumerate() {
        let key = key(item);
        let at = *index.entry(key).or_insert_with(|| {
            groups.push((key, Vec::new()));
            groups.len() - 1
        });
        groups[at].1.push(position);
    }
    groups
}

fn node_row(out: &mut String, node: &NodeAttributes<'_>) {
    out.push_str("{id: ");
    string(out, node.id());
    out.push_str(", props: {");
    properties(out, &NODE_KEYS, &node.values());
    out.push_str("}}");
}

fn edge_row(out: &mut String, edge: &EdgeAttributes<'_>) {
    out.push_str("{from: ");
    string(out, edge.record.from);
    out.push_str(", to: ");
    string(out, edge.record.to);
    out.push_str(", id: ");
    string(out, &edge.id);
    out.push_str(", props: {");
    properties(out, &EDGE_KEYS, &edge.values());
    out.push_str("}}");
}

/// The map entries of the values present, `key: literal`.
fn properties(out: &mut String, keys: &[Key], values: &[Option<Value<'_>>]) {
    let mut first = true;
    let mut entry = |out: &mut String, key: &str| {
        if !first {
            out.push_str(", ");
        }
        first = false;
        out.push_str(&name(key));
        out.push_str(": ");
    };
    for (key, value) in keys.iter().zip(values) {
        let Some(value) = value else { continue };
        entry(out, key.name);
        match value {
            Value::String(text) => string(out, text),
            // Debug keeps a decimal point (`4.0`), so every amount and weight is a float.
            Value::Double(number) => {
                let _ = write!(out, "{number:?}");
            }
            Value::Boolean(flag) => out.push_str(if *flag { "true" } else { "false" }),
            Value::Strings(items) => list(out, items.iter().copied()),
            Value::Evidence(evidence) => {
                string(out, &evidence_text(evidence));
                entry(out, "sources");
                list(out, evidence_sources(evidence));
                entry(out, "quotes");
                list(out, evidence.iter().map(|item| item.quote));
            }
        }
    }
}

fn list<'a>(out: &mut String, items: impl Iterator<Item = &'a str>) {
    out.push('[');
    for (i, item) in items.enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        string(out, item);
    }
    out.push(']');
}

/// A single-quoted string literal that reads back as `text`.
fn string(out: &mut String, text: &str) {
    out.push('\'');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('\'');
}

/// A label, type or key as a backquoted name (a backquote in it doubled).
fn name(text: &str) -> String {
    format!("`{}`", text.replace('`', "``"))
}

#[cfg(test)]
mod tests {
    use super::{name, string};

    #[test]
    fn strings_cannot_end_their_literal() {
        let mut out = String::new();
        string(&mut out, "it's \\ a\nb\t“q”");
        assert_eq!(out, r"'it\'s \\ a\nb\t“q”'");
    }

    #[test]
    fn names_are_backquoted() {
        assert_eq!(name("member_of"), "`member_of`");
        assert_eq!(name("a`b"), "`a``b`");
    }
}
