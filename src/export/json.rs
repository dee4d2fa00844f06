//! The JSON export and the records every JSON answer shares.
//!
//! The file format is a contract with users' scripts, so it is serialised from these
//! dedicated records rather than from the internal model:
//! `{"nodes":[{"id","name","kind","country"?,"aliases":[...]}],
//!   "edges":[{"from","to","type","time","stance","date"?,"end"?,"seen"?,"role"?,
//!             "claimed_by"?,"evidence":[{"source","quote"}]}],
//!   "sources":[{"id","title","publisher","date","file"}]}`
//! (extra keys such as `description`, `note` or `amount` may appear). The README documents
//! every key.

use serde::Serialize;

use crate::model::{Dataset, Entity, Relation, Schema, Source};

#[derive(Debug, Serialize)]
pub(crate) struct NodeRecord<'d> {
    pub(crate) id: &'d str,
    pub(crate) name: &'d str,
    pub(crate) kind: &'d str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) country: Option<&'d str>,
    pub(crate) aliases: Vec<&'d str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) description: Option<&'d str>,
}

impl<'d> NodeRecord<'d> {
    pub(crate) fn new(entity: &'d Entity) -> Self {
        NodeRecord {
            id: entity.id.value.as_str(),
            name: &entity.name.value,
            kind: entity.kind.value.as_str(),
            country: entity.country.as_ref().map(|c| c.value.as_str()),
            aliases: entity.aliases.iter().map(|a| a.value.as_str()).collect(),
            description: entity.description.as_deref(),
        }
    }
}

#[derive(Debug, Serialize)]
pub(crate) struct EvidenceRecord<'d> {
    pub(crate) source: &'d str,
    pub(crate) quote: &'d str,
}

#[derive(Debug, Serialize)]
pub(crate) struct EdgeRecord<'d> {
    pub(crate) from: &'d str,
    pub(crate) to: &'d str,
    #[serde(rename = "type")]
    pub(crate) relation_type: &'d str,
    /// `event` or `state`: how its dates read (see the README).
    pub(crate) time: &'static str,
    /// `fact` or `claim`.
    pub(crate) stance: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) end: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) seen: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) role: Option<&'d str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) claimed_by: Option<&'d str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) amount: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) currency: Option<&'d str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) place: Option<&'d str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) note: Option<&'d str>,
    pub(crate) evidence: Vec<EvidenceRecord<'d>>,
}

impl<'d> EdgeRecord<'d> {
    pub(crate) fn new(schema: &Schema, relation: &'d Relation) -> Self {
        let details = relation.details();
        EdgeRecord {
            from: relation.from.as_str(),
            to: relation.to.as_str(),
            relation_type: relation.relation_type.as_str(),
            time: schema.time_kind(&relation.relation_type).as_str(),
            stance: details.stance.as_str(),
            date: relation.date.as_ref().map(|d| d.to_string()),
            end: relation.end.as_ref().map(|d| d.to_string()),
            seen: details.seen.as_ref().map(|d| d.to_string()),
            role: details.role.as_deref(),
            claimed_by: details.claimed_by.as_deref(),
            amount: relation.details().amount,
            currency: relation.details().currency.as_deref(),
            place: relation.details().place.as_ref().map(|p| p.value.as_str()),
            note: relation.details().note.as_deref(),
            evidence: relation
                .evidence
                .iter()
                .map(|e| EvidenceRecord {
                    source: e.source.as_str(),
                    quote: &e.quote,
                })
                .collect(),
        }
    }
}

#[derive(Debug, Serialize)]
pub(crate) struct SourceRecord<'d> {
    pub(crate) id: &'d str,
    pub(crate) title: &'d str,
    pub(crate) publisher: &'d str,
    pub(crate) date: &'d str,
    pub(crate) file: &'d str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) url: Option<&'d str>,
}

impl<'d> SourceRecord<'d> {
    pub(crate) fn new(source: &'d Source) -> Self {
        SourceRecord {
            id: source.id.value.as_str(),
            title: &source.title,
            publisher: &source.publisher,
            date: &source.date,
            file: &source.file.value,
            url: source.url.as_deref(),
        }
    }
}

#[derive(Debug, Serialize)]
struct Export<'d> {
    nodes: Vec<NodeRecord<'d>>,
    edges: Vec<EdgeRecord<'d>>,
    sources: Vec<SourceRecord<'d>>,
}

/// The selected entities and relations as pretty-printed JSON, with every source.
pub(crate) fn export(dataset: &Dataset, entities: &[&Entity], relations: &[&Relation]) -> String {
    let export = Export {
        nodes: entities.iter().map(|e| NodeRecord::new(e)).collect(),
        edges: relations
            .iter()
            .map(|r| EdgeRecord::new(&dataset.schema, r))
            .collect(),
        sources: dataset.sources.iter().map(SourceRecord::new).collect(),
    };
    to_json(&export)
}

/// Pretty JSON with a final newline. Serialising these records cannot fail: every key is a
/// string and every number finite (the loader refuses NaN and infinities).
pub(crate) fn to_json<T: Serialize>(value: &T) -> String {
    let mut text = serde_json::to_string_pretty(value).expect("records serialise");
    text.push('\n');
    text
}
