//! The typed attributes of an entity and of a relation: one table that every typed
//! interchange format (CSV, GraphML, GEXF, Cypher) writes from, built from the JSON
//! contract's records, so the formats carry the same facts under the same names and cannot
//! drift apart. Each format only decides how a type is spelled (`amount:double`,
//! `attr.type="double"`, a Cypher float) and how a list is written.
//!
//! Beyond the JSON contract the table adds what a path's cost needs, so a program reading
//! any of these files can price a path as `vnla-graph path` does: an entity's `through`
//! factor (its kind's, from schema.yaml), a relation's `weight` (its type's) and the
//! `claim_penalty` it pays (the schema's for a claim, 0 for a fact), and whether its type is
//! `symmetric`, and whether it is `direct` (a fact weighing at most `paths: direct_weight`). A
//! hop costs `weight + claim_penalty`; passing through an entity costs `ln(1 + degree)²`, its
//! degree being the number of relations touching it, times half a factor from each tie on
//! either side: 1 from a direct tie it acts in (as the relation's source, or either end of a
//! symmetric type), else the entity's `through`.

use std::borrow::Cow;
use std::fmt::Write as _;

use crate::export::json::{EdgeRecord, EvidenceRecord, NodeRecord};
use crate::model::{Entity, KindDef, Relation, RelationTypeDef, Schema};

/// How a format must declare an attribute's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ValueType {
    String,
    Double,
    Boolean,
    /// Several strings (an entity's aliases).
    Strings,
    /// A relation's quotes, each with its source.
    Evidence,
}

/// An attribute's name and type, declared once for every format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Key {
    pub(crate) name: &'static str,
    pub(crate) value_type: ValueType,
}

const fn key(name: &'static str, value_type: ValueType) -> Key {
    Key { name, value_type }
}

/// One attribute value, borrowed from its record.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Value<'r> {
    String(&'r str),
    Double(f64),
    Boolean(bool),
    Strings(&'r [&'r str]),
    Evidence(&'r [EvidenceRecord<'r>]),
}

/// An entity's attributes, in this order (its `id` is the node's own).
pub(crate) const NODE_KEYS: [Key; 6] = [
    key("name", ValueType::String),
    key("kind", ValueType::String),
    key("country", ValueType::String),
    key("aliases", ValueType::Strings),
    key("description", ValueType::String),
    key("through", ValueType::Double),
];

/// A relation's attributes, in this order (its ends and `id` are the edge's own).
pub(crate) const EDGE_KEYS: [Key; 17] = [
    key("type", ValueType::String),
    key("time", ValueType::String),
    key("stance", ValueType::String),
    key("date", ValueType::String),
    key("end", ValueType::String),
    key("seen", ValueType::String),
    key("role", ValueType::String),
    key("claimed_by", ValueType::String),
    key("amount", ValueType::Double),
    key("currency", ValueType::String),
    key("place", ValueType::String),
    key("note", ValueType::String),
    key("evidence", ValueType::Evidence),
    key("weight", ValueType::Double),
    key("claim_penalty", ValueType::Double),
    key("symmetric", ValueType::Boolean),
    key("direct", ValueType::Boolean),
];

/// An entity as the typed formats write it.
pub(crate) struct NodeAttributes<'d> {
    pub(crate) record: NodeRecord<'d>,
    /// Its kind's definition (`None` only for a kind the schema lacks, never in valid data).
    pub(crate) kind: Option<&'d KindDef>,
}

impl<'d> NodeAttributes<'d> {
    pub(crate) fn new(schema: &'d Schema, entity: &'d Entity) -> Self {
        NodeAttributes {
            record: NodeRecord::new(entity),
            kind: schema.kind(&entity.kind.value),
        }
    }

    pub(crate) fn id(&self) -> &'d str {
        self.record.id
    }

    /// The value of each of [`NODE_KEYS`], `None` where the entity has none.
    pub(crate) fn values(&self) -> [Option<Value<'_>>; NODE_KEYS.len()] {
        let record = &self.record;
        [
            Some(Value::String(record.name)),
            Some(Value::String(record.kind)),
            record.country.map(Value::String),
            (!record.aliases.is_empty()).then_some(Value::Strings(&record.aliases)),
            record.description.map(Value::String),
            Some(Value::Double(self.kind.map_or(1.0, |kind| kind.through))),
        ]
    }
}

/// A relation as the typed formats write it; `id` is `r` and its place in the export
/// (`r1`, `r2`, ...), as these formats want an edge id that the data does not give.
pub(crate) struct EdgeAttributes<'d> {
    pub(crate) id: String,
    pub(crate) record: EdgeRecord<'d>,
    pub(crate) relation: &'d Relation,
    /// Its type's definition (`None` only for a type the schema lacks, never in valid data).
    pub(crate) def: Option<&'d RelationTypeDef>,
    claim_penalty: f64,
    /// A direct tie: a fact whose type weighs at most `paths: direct_weight` (as
    /// `query/path/cost.rs` prices it), which halves what passing through its ends costs.
    direct: bool,
}

impl<'d> EdgeAttributes<'d> {
    /// The `position`th relation of an export (counted from 0).
    pub(crate) fn new(schema: &'d Schema, position: usize, relation: &'d Relation) -> Self {
        let claim_penalty = if relation.is_claim() {
            schema.path_costs().claim_penalty
        } else {
            0.0
        };
        let def = schema.relation_type(&relation.relation_type);
        let direct = schema
            .path_costs()
            .is_direct(def.map_or(1.0, |def| def.weight), relation.is_claim());
        EdgeAttributes {
            id: format!("r{}", position + 1),
            record: EdgeRecord::new(schema, relation),
            relation,
            def,
            claim_penalty,
            direct,
        }
    }

    /// The value of each of [`EDGE_KEYS`], `None` where the relation has none.
    pub(crate) fn values(&self) -> [Option<Value<'_>>; EDGE_KEYS.len()] {
        let record = &self.record;
        let text = |value: Option<&'d str>| value.map(Value::String);
        [
            Some(Value::String(record.relation_type)),
            Some(Value::String(record.time)),
            Some(Value::String(record.stance)),
            record.date.as_deref().map(Value::String),
            record.end.as_deref().map(Value::String),
            record.seen.as_deref().map(Value::String),
            text(record.role),
            text(record.claimed_by),
            record.amount.map(Value::Double),
            text(record.currency),
            text(record.place),
            text(record.note),
            Some(Value::Evidence(&record.evidence)),
            Some(Value::Double(self.def.map_or(1.0, |def| def.weight))),
            Some(Value::Double(self.claim_penalty)),
            Some(Value::Boolean(self.def.is_some_and(|def| def.symmetric))),
            Some(Value::Boolean(self.direct)),
        ]
    }
}

/// The typed entities of one export, in export order, made one at a time as a format
/// writes them (a million relations' records at once would double the memory).
pub(crate) fn nodes<'a, 'd: 'a>(
    schema: &'d Schema,
    entities: &'a [&'d Entity],
) -> impl Iterator<Item = NodeAttributes<'d>> + 'a {
    entities
        .iter()
        .map(move |entity| NodeAttributes::new(schema, entity))
}

/// The typed relations of one export, in export order, one at a time.
pub(crate) fn edges<'a, 'd: 'a>(
    schema: &'d Schema,
    relations: &'a [&'d Relation],
) -> impl Iterator<Item = EdgeAttributes<'d>> + 'a {
    relations
        .iter()
        .enumerate()
        .map(move |(position, relation)| EdgeAttributes::new(schema, position, relation))
}

/// The keys as the formats without records in values write them (CSV, GraphML, GEXF):
/// evidence becomes two keys, its numbered text `evidence` ([`ValueType::String`]) and its
/// source ids `sources` ([`ValueType::Strings`]).
pub(crate) fn flat_keys(keys: &[Key]) -> Vec<Key> {
    keys.iter()
        .flat_map(|key| match key.value_type {
            ValueType::Evidence => vec![
                self::key(key.name, ValueType::String),
                self::key("sources", ValueType::Strings),
            ],
            _ => vec![*key],
        })
        .collect()
}

/// `values` as text, one for each of [`flat_keys`] of their keys (`None` where absent): a
/// list joined with `;`, a number as [`number_text`], a flag as `true` or `false`.
pub(crate) fn flat_values<'v>(
    keys: &[Key],
    values: &[Option<Value<'v>>],
) -> Vec<Option<Cow<'v, str>>> {
    let mut flat = Vec::with_capacity(values.len() + 1);
    for (key, value) in keys.iter().zip(values) {
        match value {
            None if key.value_type == ValueType::Evidence => flat.extend([None, None]),
            None => flat.push(None),
            Some(Value::String(text)) => flat.push(Some(Cow::Borrowed(*text))),
            Some(Value::Double(number)) => flat.push(Some(number_text(*number).into())),
            Some(Value::Boolean(flag)) => {
                flat.push(Some(Cow::Borrowed(if *flag { "true" } else { "false" })));
            }
            Some(Value::Strings(items)) => flat.push(Some(items.join(LIST_DELIMITER).into())),
            Some(Value::Evidence(evidence)) => {
                flat.push(Some(evidence_text(evidence).into()));
                let sources: Vec<&str> = evidence_sources(evidence).collect();
                flat.push(Some(sources.join(LIST_DELIMITER).into()));
            }
        }
    }
    flat
}

/// What joins a list written as text (neo4j-admin's default array delimiter).
pub(crate) const LIST_DELIMITER: &str = ";";

/// Evidence as one text, each quote numbered and followed by its source:
/// `[1] “quote” — source`, one a line; the formats without lists of records write this.
pub(crate) fn evidence_text(evidence: &[EvidenceRecord<'_>]) -> String {
    let mut text = String::new();
    for (number, item) in evidence.iter().enumerate() {
        if number > 0 {
            text.push('\n');
        }
        let _ = write!(text, "[{}] “{}” — {}", number + 1, item.quote, item.source);
    }
    text
}

/// The sources of a relation's evidence, in order (one per quote).
pub(crate) fn evidence_sources<'r>(
    evidence: &'r [EvidenceRecord<'r>],
) -> impl Iterator<Item = &'r str> + 'r {
    evidence.iter().map(|item| item.source)
}

/// The text of a number as every format writes it: the shortest that reads back the same
/// (`1.5`, `4`, `1400000000`).
pub(crate) fn number_text(number: f64) -> String {
    number.to_string()
}

#[cfg(test)]
mod tests {
    use super::{evidence_text, number_text, EDGE_KEYS, NODE_KEYS};
    use crate::export::json::EvidenceRecord;

    #[test]
    fn keys_are_unique_across_nodes_and_edges() {
        let mut names: Vec<&str> = NODE_KEYS.iter().chain(&EDGE_KEYS).map(|k| k.name).collect();
        names.sort_unstable();
        let count = names.len();
        names.dedup();
        assert_eq!(names.len(), count, "a key name is used twice: {names:?}");
    }

    #[test]
    fn evidence_reads_as_numbered_quotes_with_their_sources() {
        let evidence = [
            EvidenceRecord {
                source: "a",
                quote: "one, \"two\"\nthree",
            },
            EvidenceRecord {
                source: "b",
                quote: "four",
            },
        ];
        assert_eq!(
            evidence_text(&evidence),
            "[1] “one, \"two\"\nthree” — a\n[2] “four” — b"
        );
    }

    #[test]
    fn numbers_read_back_the_same() {
        assert_eq!(number_text(1.5), "1.5");
        assert_eq!(number_text(4.0), "4");
        assert_eq!(number_text(1.4e9), "1400000000");
    }
}
