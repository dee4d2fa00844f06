//! `search TEXT`: entities whose id, name, alias or description contains the text, best
//! matches first; `search --quotes TEXT`: the relations whose quotes or notes contain it. No
//! match exits 1, as a search with no result does.

use std::fmt::Write as _;

use serde::Serialize;

use crate::cli::{OutputFormat, SearchRequest};
use crate::error::{self, Error};
use crate::export::json::{to_json, EdgeRecord};
use crate::graph::KnowledgeGraph;
use crate::output;
use crate::query::search::{search, search_quotes};
use crate::text::{hop, relation_details, Markup};

pub(super) fn run(graph: &KnowledgeGraph<'_>, request: &SearchRequest) -> Result<i32, Error> {
    let answer = if request.quotes {
        quotes(graph, request)
    } else {
        entities(graph, request)
    };
    match answer {
        Some(text) => {
            output::stdout(&text)?;
            Ok(0)
        }
        None => {
            let what = if request.quotes {
                "quote or note"
            } else {
                "entity"
            };
            output::message(&format!("no {what} matches `{}`", request.text));
            Ok(error::DATA)
        }
    }
}

fn entities(graph: &KnowledgeGraph<'_>, request: &SearchRequest) -> Option<String> {
    let hits: Vec<SearchHit<'_>> = search(graph.dataset, &request.text)
        .into_iter()
        .map(|(entity, matched)| SearchHit {
            id: entity.id.value.as_str(),
            name: &entity.name.value,
            kind: entity.kind.value.as_str(),
            matched: matched.as_str(),
        })
        .collect();
    if hits.is_empty() {
        return None;
    }
    Some(match request.format {
        OutputFormat::Json => to_json(&hits),
        OutputFormat::Text => {
            let width = hits.iter().map(|hit| hit.id.len()).max().unwrap_or(0);
            hits.iter()
                .map(|hit| {
                    format!(
                        "{:<width$}  {} ({}; matched {})\n",
                        hit.id, hit.name, hit.kind, hit.matched
                    )
                })
                .collect()
        }
    })
}

fn quotes(graph: &KnowledgeGraph<'_>, request: &SearchRequest) -> Option<String> {
    let edges = search_quotes(graph, &request.text);
    if edges.is_empty() {
        return None;
    }
    let schema = &graph.dataset.schema;
    Some(match request.format {
        OutputFormat::Json => to_json(
            &edges
                .iter()
                .map(|edge| EdgeRecord::new(schema, graph.graph[*edge]))
                .collect::<Vec<_>>(),
        ),
        OutputFormat::Text => {
            let mut out = String::new();
            for edge in edges {
                let (from, _) = graph.graph.edge_endpoints(edge).expect("an edge");
                let _ = writeln!(out, "{}", hop(graph, from, edge, Markup::Plain));
                out.push_str(&relation_details(graph.graph[edge], "    "));
            }
            out
        }
    })
}

#[derive(Debug, Serialize)]
struct SearchHit<'d> {
    id: &'d str,
    name: &'d str,
    kind: &'d str,
    /// Which field matched best: `id`, `name`, `alias` or `description`.
    matched: &'static str,
}
