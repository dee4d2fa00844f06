//! `show NAME`: one entity and every relation touching it, with dates, details and quotes.

use std::fmt::Write as _;

use petgraph::Direction;
use serde::Serialize;

use crate::cli::{OutputFormat, ShowRequest};
use crate::commands::args::node_named;
use crate::error::Error;
use crate::export::json::{to_json, EdgeRecord, NodeRecord};
use crate::graph::KnowledgeGraph;
use crate::model::Entity;
use crate::output;
use crate::query::ties::{ties, Tie};
use crate::text::{claim_prefix, entity_label, qualifiers, relation_details};

pub(super) fn run(graph: &KnowledgeGraph<'_>, request: &ShowRequest) -> Result<i32, Error> {
    let node = node_named(graph, &request.name)?;
    let entity = graph.graph[node];
    let ties = ties(graph, node);
    output::stdout(&match request.format {
        OutputFormat::Json => to_json(&Shown {
            entity: NodeRecord::new(entity),
            relations: ties
                .iter()
                .map(|tie| EdgeRecord::new(&graph.dataset.schema, tie.relation))
                .collect(),
        }),
        OutputFormat::Text => text(graph, entity, &ties),
    })?;
    Ok(0)
}

#[derive(Debug, Serialize)]
struct Shown<'d> {
    entity: NodeRecord<'d>,
    relations: Vec<EdgeRecord<'d>>,
}

fn text(graph: &KnowledgeGraph<'_>, entity: &Entity, ties: &[Tie<'_>]) -> String {
    let mut out = String::new();
    let country = entity
        .country
        .as_ref()
        .map(|c| format!(", {}", c.value))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "{} ({}, {}{country})",
        entity.name.value, entity.id.value, entity.kind.value
    );
    if !entity.aliases.is_empty() {
        let aliases: Vec<&str> = entity.aliases.iter().map(|a| a.value.as_str()).collect();
        let _ = writeln!(out, "also: {}", aliases.join(", "));
    }
    if let Some(description) = &entity.description {
        let _ = writeln!(out, "{description}");
    }
    let _ = writeln!(out, "\n{} relation(s):", ties.len());
    for tie in ties {
        let relation = tie.relation;
        let symmetric = graph
            .dataset
            .schema
            .relation_type(&relation.relation_type)
            .is_some_and(|def| def.symmetric);
        let (arrow_in, arrow_out) = match tie.direction {
            _ if symmetric => ("—", "—"),
            Direction::Outgoing => ("", "→"),
            Direction::Incoming => ("←", ""),
        };
        let other = entity_label(graph.graph[tie.other]);
        let qualifiers = qualifiers(&graph.dataset.schema, relation)
            .map(|q| format!("  ({q})"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  {}{arrow_in}[{}]{arrow_out} {other}{qualifiers}",
            claim_prefix(graph, relation),
            relation.relation_type
        );
        out.push_str(&relation_details(relation, "      "));
    }
    out
}
