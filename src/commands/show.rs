//! `show NAME`: one entity and every relation touching it, with dates, details and quotes.

use std::fmt::Write as _;

use petgraph::graph::NodeIndex;
use petgraph::Direction;
use serde::Serialize;

use crate::cli::{ReportFormat, ShowRequest};
use crate::commands::args::node_named;
use crate::error::Error;
use crate::export::json::{to_json, EdgeRecord, NodeRecord};
use crate::graph::KnowledgeGraph;
use crate::model::Entity;
use crate::output;
use crate::query::ties::{ties, Tie};
use crate::text::{
    aliases, claim_prefix, country_suffix, entity_label, hop, qualifiers, relation_details,
    Footnotes, Markup,
};

pub(super) fn run(graph: &KnowledgeGraph<'_>, request: &ShowRequest) -> Result<i32, Error> {
    let node = node_named(graph, &request.name)?;
    let entity = graph.graph[node];
    let ties = ties(graph, node);
    output::stdout(&match request.format {
        ReportFormat::Json => to_json(&Shown {
            entity: NodeRecord::new(entity),
            relations: ties
                .iter()
                .map(|tie| EdgeRecord::new(&graph.dataset.schema, tie.relation))
                .collect(),
        }),
        ReportFormat::Text => text(graph, entity, &ties),
        ReportFormat::Markdown => markdown(graph, node, &ties),
    })?;
    Ok(0)
}

#[derive(Debug, Serialize)]
struct Shown<'d> {
    entity: NodeRecord<'d>,
    relations: Vec<EdgeRecord<'d>>,
}

/// A heading, the description, then each tie as one footnoted line, paste-ready.
fn markdown(graph: &KnowledgeGraph<'_>, node: NodeIndex, ties: &[Tie<'_>]) -> String {
    let entity = graph.graph[node];
    let mut out = format!("### {}\n\n", crate::text::markdown(&entity.name.value));
    let country = country_suffix(entity);
    let _ = write!(
        out,
        "*{}{country}* · `{}`",
        entity.kind.value, entity.id.value
    );
    if let Some(aliases) = aliases(entity) {
        let _ = write!(out, " · also: {}", crate::text::markdown(&aliases));
    }
    out.push('\n');
    if let Some(description) = &entity.description {
        let _ = writeln!(out, "\n{}", crate::text::markdown(description));
    }
    let _ = writeln!(out, "\n**{} relation(s)**\n", ties.len());
    let mut notes = Footnotes::default();
    for tie in ties {
        let marks = notes.marks(graph, tie.relation);
        let _ = writeln!(
            out,
            "- {}{marks}",
            hop(graph, node, tie.edge, Markup::Markdown)
        );
    }
    notes.finish(&mut out);
    out
}

fn text(graph: &KnowledgeGraph<'_>, entity: &Entity, ties: &[Tie<'_>]) -> String {
    let mut out = String::new();
    let country = country_suffix(entity);
    let _ = writeln!(
        out,
        "{} ({}, {}{country})",
        entity.name.value, entity.id.value, entity.kind.value
    );
    if let Some(aliases) = aliases(entity) {
        let _ = writeln!(out, "also: {aliases}");
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
            claim_prefix(graph.dataset, relation),
            relation.relation_type
        );
        out.push_str(&relation_details(relation, "      "));
    }
    out
}
