//! What a user typed, checked against the data: entity names to nodes, and relation types,
//! kinds, themes and country codes the data does not have refused with suggestions (a value
//! that cannot match anything is a usage error, never a silently empty answer).

use std::fmt;

use petgraph::graph::NodeIndex;

use crate::error::Error;
use crate::graph::KnowledgeGraph;
use crate::model::{CountryCode, Dataset, KindId, RelationType, Theme};
use crate::names::suggestions;
use crate::resolve;

/// The graph node of the entity a command-line name resolves to.
pub(super) fn node_named(graph: &KnowledgeGraph<'_>, name: &str) -> Result<NodeIndex, Error> {
    let entity = resolve::resolve(&graph.dataset.entities, name)?;
    Ok(graph
        .node(entity.id.value.as_str())
        .expect("every entity is a node"))
}

/// The nodes of several names, in order.
pub(super) fn nodes_named(
    graph: &KnowledgeGraph<'_>,
    names: &[String],
) -> Result<Vec<NodeIndex>, Error> {
    names.iter().map(|name| node_named(graph, name)).collect()
}

/// Refuses relation types the schema does not declare.
pub(super) fn check_relation_types(dataset: &Dataset, types: &[RelationType]) -> Result<(), Error> {
    let schema = &dataset.schema;
    match first_unknown(
        types,
        |t| schema.relation_type(t).is_some(),
        schema.type_names(),
    ) {
        Some((name, suggestions)) => Err(Error::UnknownRelationType { name, suggestions }),
        None => Ok(()),
    }
}

/// Refuses entity kinds the schema does not declare.
pub(super) fn check_kinds(dataset: &Dataset, kinds: &[KindId]) -> Result<(), Error> {
    let schema = &dataset.schema;
    match first_unknown(kinds, |k| schema.kind(k).is_some(), schema.kind_names()) {
        Some((name, suggestions)) => Err(Error::UnknownKind { name, suggestions }),
        None => Ok(()),
    }
}

/// The first of `wanted` that is not `known`, with the declared `names` closest to it.
fn first_unknown<'a, T: fmt::Display>(
    wanted: &[T],
    known: impl Fn(&T) -> bool,
    names: impl Iterator<Item = &'a str>,
) -> Option<(String, Vec<String>)> {
    let unknown = wanted.iter().find(|name| !known(name))?.to_string();
    let close = suggestions(&unknown, names);
    Some((unknown, close))
}

/// Refuses themes no relation is written under.
pub(super) fn check_themes(dataset: &Dataset, themes: &[Theme]) -> Result<(), Error> {
    let known = dataset.themes();
    match themes.iter().find(|theme| !known.contains(&theme.as_str())) {
        Some(unknown) => Err(Error::UnknownTheme {
            name: unknown.to_string(),
            known: known.into_iter().map(str::to_string).collect(),
        }),
        None => Ok(()),
    }
}

/// Refuses a country code no entity has.
pub(super) fn check_country(dataset: &Dataset, country: Option<&CountryCode>) -> Result<(), Error> {
    let Some(code) = country else {
        return Ok(());
    };
    let mut known: Vec<&str> = dataset
        .entities
        .iter()
        .filter_map(|entity| entity.country.as_ref().map(|c| c.value.as_str()))
        .collect();
    known.sort_unstable();
    known.dedup();
    if known.contains(&code.as_str()) {
        return Ok(());
    }
    Err(Error::UnknownCountry {
        code: code.to_string(),
        known: known.into_iter().map(str::to_string).collect(),
    })
}
