//! `neighbors NAME [--depth N]`: who is tied to an entity, grouped by depth and relation type.

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;

use petgraph::graph::NodeIndex;
use serde::Serialize;

use crate::cli::{NeighborsRequest, ReportFormat};
use crate::commands::args::{check_relation_types, node_named};
use crate::error::Error;
use crate::export::json::{to_json, EdgeRecord};
use crate::graph::KnowledgeGraph;
use crate::output;
use crate::query::neighbors::{neighbors, Reached};
use crate::text::{self, hop, hops_word, Footnotes, Markup};

pub(super) fn run(graph: &KnowledgeGraph<'_>, request: &NeighborsRequest) -> Result<i32, Error> {
    check_relation_types(graph.dataset, &request.types)?;
    let center = node_named(graph, &request.name)?;
    let found = neighbors(graph, center, request.depth, &request.types, &request.time);
    if found.is_empty() {
        // No answer, as `search` and `timeline` say it: a message and exit 1, no empty list.
        output::message(&format!(
            "no relation of `{}` within {}{}",
            graph.graph[center].id.value,
            hops_word(request.depth),
            if request.types.is_empty() && request.time.is_empty() {
                ""
            } else {
                " with these filters"
            }
        ));
        return Ok(crate::error::DATA);
    }
    let id = |node: NodeIndex| graph.graph[node].id.value.as_str();
    output::stdout(&match request.format {
        ReportFormat::Json => to_json(&Neighbourhood {
            entity: id(center),
            depth: request.depth,
            neighbors: found
                .iter()
                .map(|reached| {
                    let entity = graph.graph[reached.node];
                    Neighbour {
                        id: entity.id.value.as_str(),
                        name: &entity.name.value,
                        kind: entity.kind.value.as_str(),
                        depth: reached.depth,
                        through: id(reached.through),
                        via: EdgeRecord::new(&graph.dataset.schema, graph.graph[reached.edge]),
                    }
                })
                .collect(),
        }),
        ReportFormat::Text | ReportFormat::Markdown => {
            let markdown = request.format == ReportFormat::Markdown;
            let distinct: HashSet<_> = found.iter().map(|reached| reached.node).collect();
            let heading = format!(
                "{}: {} entities within {}",
                graph.graph[center].name.value,
                distinct.len(),
                hops_word(request.depth)
            );
            let mut out = if markdown {
                format!("### {}\n", text::markdown(&heading))
            } else {
                format!("{heading}\n")
            };
            let mut groups: BTreeMap<(usize, &str), Vec<&Reached>> = BTreeMap::new();
            for reached in &found {
                let relation_type = graph.graph[reached.edge].relation_type.as_str();
                groups
                    .entry((reached.depth, relation_type))
                    .or_default()
                    .push(reached);
            }
            let mut notes = Footnotes::default();
            for ((depth, relation_type), group) in groups {
                let title = format!("{relation_type} (depth {depth}, {})", group.len());
                if markdown {
                    let _ = writeln!(out, "\n**{title}**\n");
                } else {
                    let _ = writeln!(out, "\n{title}");
                }
                for reached in group {
                    let markup = if markdown {
                        Markup::Markdown
                    } else {
                        Markup::Plain
                    };
                    let line = hop(graph, reached.through, reached.edge, markup);
                    if markdown {
                        let marks = notes.marks(graph, graph.graph[reached.edge]);
                        let _ = writeln!(out, "- {line}{marks}");
                    } else {
                        let _ = writeln!(out, "  {line}");
                    }
                }
            }
            if markdown {
                notes.finish(&mut out);
            }
            out
        }
    })?;
    Ok(0)
}

#[derive(Serialize)]
struct Neighbour<'d> {
    id: &'d str,
    name: &'d str,
    kind: &'d str,
    depth: usize,
    /// Through which entity it was reached (the centre for depth 1).
    through: &'d str,
    via: EdgeRecord<'d>,
}

#[derive(Serialize)]
struct Neighbourhood<'d> {
    entity: &'d str,
    depth: usize,
    neighbors: Vec<Neighbour<'d>>,
}
