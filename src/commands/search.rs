//! `search TEXT`: entities whose id, name, alias or description contains the text. No match
//! exits 1, as a search with no result does.

use serde::Serialize;

use crate::cli::{OutputFormat, SearchRequest};
use crate::error::Error;
use crate::export::json::to_json;
use crate::graph::KnowledgeGraph;
use crate::output;
use crate::query::search::search;

pub(super) fn run(graph: &KnowledgeGraph<'_>, request: &SearchRequest) -> Result<i32, Error> {
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
        eprintln!("no entity matches `{}`", request.text);
        return Ok(1);
    }
    output::stdout(&match request.format {
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
    })?;
    Ok(0)
}

#[derive(Debug, Serialize)]
struct SearchHit<'d> {
    id: &'d str,
    name: &'d str,
    kind: &'d str,
    /// Which field matched: `id`, `name`, `alias` or `description`.
    matched: &'static str,
}
