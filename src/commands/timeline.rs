//! `timeline [NAME]`: dated relations in time order, as text, Markdown or JSON.

use std::fmt::Write as _;

use petgraph::graph::EdgeIndex;
use serde::Serialize;

use crate::cli::{TimelineFormat, TimelineRequest};
use crate::commands::args::node_named;
use crate::error::Error;
use crate::export::json::{to_json, EdgeRecord};
use crate::graph::KnowledgeGraph;
use crate::output;
use crate::query::timeline::timeline;
use crate::text::{hop, relation_details, Footnotes};

pub(super) fn run(graph: &KnowledgeGraph<'_>, request: &TimelineRequest) -> Result<i32, Error> {
    let center = request
        .name
        .as_deref()
        .map(|name| node_named(graph, name))
        .transpose()?;
    let edges = timeline(graph, center, &request.time);
    // Each hop reads from the centre when there is one, else from the relation's source.
    let reading = |edge: EdgeIndex| {
        center.unwrap_or_else(|| graph.graph.edge_endpoints(edge).expect("edge").0)
    };
    let dated = |edge: EdgeIndex| {
        graph.graph[edge]
            .date
            .expect("timelines hold dated relations")
    };
    output::stdout(&match request.format {
        TimelineFormat::Json => to_json(&Timeline {
            entity: center.map(|n| graph.graph[n].id.value.as_str()),
            events: edges
                .iter()
                .map(|e| EdgeRecord::new(graph.graph[*e]))
                .collect(),
        }),
        TimelineFormat::Text => {
            let mut out = String::new();
            for edge in edges {
                let date = dated(edge).to_string();
                let _ = writeln!(out, "{date:<10}  {}", hop(graph, reading(edge), edge));
                out.push_str(&relation_details(graph.graph[edge], "            "));
            }
            out
        }
        TimelineFormat::Markdown => {
            let mut notes = Footnotes::default();
            let title = center.map_or("Timeline".to_string(), |n| {
                format!("Timeline: {}", graph.graph[n].name.value)
            });
            let mut out = format!("### {title}\n\n");
            for edge in edges {
                let marks = notes.marks(graph, graph.graph[edge]);
                let _ = writeln!(
                    out,
                    "- **{}** {}{marks}",
                    dated(edge),
                    hop(graph, reading(edge), edge)
                );
            }
            out.push('\n');
            out.push_str(&notes.render());
            out
        }
    })?;
    Ok(0)
}

#[derive(Serialize)]
struct Timeline<'d> {
    #[serde(skip_serializing_if = "Option::is_none")]
    entity: Option<&'d str>,
    events: Vec<EdgeRecord<'d>>,
}
