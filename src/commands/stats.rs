//! `stats`: counts by kind and relation type, connectivity, the most connected entities.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use crate::cli::{OutputFormat, StatsRequest};
use crate::error::Error;
use crate::export::json::to_json;
use crate::graph::KnowledgeGraph;
use crate::output;
use crate::query::stats::stats;

pub(super) fn run(graph: &KnowledgeGraph<'_>, request: &StatsRequest) -> Result<i32, Error> {
    let counted = stats(graph, request.top);
    let dataset = graph.dataset;
    let record = StatsRecord {
        dataset: &dataset.origin,
        entities: dataset.entities.len(),
        relations: dataset.relations.len(),
        sources: dataset.sources.len(),
        kinds: counted.kinds,
        relation_types: counted.relation_types,
        components: counted.components,
        largest_component: counted.largest_component,
        most_connected: counted
            .most_connected
            .into_iter()
            .map(|(node, degree)| {
                let entity = graph.graph[node];
                Connected {
                    id: entity.id.value.as_str(),
                    name: &entity.name.value,
                    kind: entity.kind.value.as_str(),
                    degree,
                }
            })
            .collect(),
    };
    output::stdout(&match request.format {
        OutputFormat::Json => to_json(&record),
        OutputFormat::Text => text(&record),
    })?;
    Ok(0)
}

#[derive(Debug, Serialize)]
struct Connected<'d> {
    id: &'d str,
    name: &'d str,
    kind: &'d str,
    degree: usize,
}

#[derive(Debug, Serialize)]
struct StatsRecord<'d> {
    dataset: &'d str,
    entities: usize,
    relations: usize,
    sources: usize,
    kinds: BTreeMap<&'d str, usize>,
    relation_types: BTreeMap<&'d str, usize>,
    components: usize,
    largest_component: usize,
    most_connected: Vec<Connected<'d>>,
}

fn text(stats: &StatsRecord<'_>) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "dataset: {}", stats.dataset);
    let _ = writeln!(
        out,
        "{} entities, {} relations, {} sources",
        stats.entities, stats.relations, stats.sources
    );
    let _ = writeln!(
        out,
        "{} connected component(s); the largest holds {} of {} entities",
        stats.components, stats.largest_component, stats.entities
    );
    for (title, counts) in [
        ("entities by kind", &stats.kinds),
        ("relations by type", &stats.relation_types),
    ] {
        let _ = writeln!(out, "\n{title}:");
        let mut sorted: Vec<_> = counts.iter().collect();
        sorted.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        for (name, count) in sorted {
            let _ = writeln!(out, "  {count:>6}  {name}");
        }
    }
    let _ = writeln!(out, "\nmost connected:");
    for entity in &stats.most_connected {
        let _ = writeln!(
            out,
            "  {:>6}  {} ({}, {})",
            entity.degree, entity.name, entity.id, entity.kind
        );
    }
    out
}
