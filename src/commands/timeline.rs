//! `timeline [NAME]`: relations in time order, as text, Markdown, JSON or (for one entity) a
//! DOT drawing along a year axis. Events sit at their date, states at their start, shown
//! with their span (`1975–`, `as of 2024`; a bar in the drawing).

use std::fmt::Write as _;

use petgraph::graph::EdgeIndex;
use serde::Serialize;

use crate::cli::{TimelineFormat, TimelineRequest};
use crate::commands::args::node_named;
use crate::commands::export::refuse_overwriting_the_data;
use crate::error::{self, Error};
use crate::export::dot::{self, timeline::timeline as drawn};
use crate::export::json::{to_json, EdgeRecord};
use crate::graph::KnowledgeGraph;
use crate::model::Extent;
use crate::output;
use crate::query::timeline::timeline;
use crate::text::{hop, markdown, relation_details, Footnotes, Markup};

pub(super) fn run(graph: &KnowledgeGraph<'_>, request: &TimelineRequest) -> Result<i32, Error> {
    let center = request
        .name
        .as_deref()
        .map(|name| node_named(graph, name))
        .transpose()?;
    let entries = timeline(graph, center, &request.time);
    if entries.is_empty() {
        let whose = center.map_or(String::new(), |node| {
            format!(" of `{}`", graph.graph[node].id.value)
        });
        let filters = request.time.describe();
        let with = if filters.is_empty() {
            String::new()
        } else {
            format!(" with {}", filters.join(" "))
        };
        output::message(&format!("no dated relation{whose}{with}"));
        if !request.time.undated {
            output::message("`--undated` lists the undated ones too");
        }
        return Ok(error::DATA);
    }
    // Each hop reads from the centre when there is one, else from the relation's source.
    let reading = |edge: EdgeIndex| {
        center.unwrap_or_else(|| graph.graph.edge_endpoints(edge).expect("edge").0)
    };
    let when = |extent: &Option<Extent>| {
        extent
            .as_ref()
            .map_or("undated".to_string(), |extent| extent.from.to_string())
    };
    let schema = &graph.dataset.schema;
    let text = match request.format {
        TimelineFormat::Dot => {
            let center = center.expect("the CLI asks for a name with --format dot");
            let entries: Vec<_> = entries
                .iter()
                .map(|(edge, extent)| (graph.graph[*edge], *extent))
                .collect();
            let filters: Vec<String> = request
                .time
                .describe()
                .iter()
                .map(|filter| filter.replace("--", ""))
                .collect();
            let picture = drawn(
                graph.dataset,
                graph.graph[center],
                &entries,
                &filters,
                dot::Appendix::Skip,
            );
            picture.dot
        }
        TimelineFormat::Json => to_json(&Timeline {
            entity: center.map(|n| graph.graph[n].id.value.as_str()),
            events: entries
                .iter()
                .map(|(e, _)| EdgeRecord::new(schema, graph.graph[*e]))
                .collect(),
        }),
        TimelineFormat::Text => {
            let mut out = String::new();
            for (edge, extent) in &entries {
                let date = when(extent);
                let _ = writeln!(
                    out,
                    "{date:<10}  {}",
                    hop(graph, reading(*edge), *edge, Markup::Plain)
                );
                out.push_str(&relation_details(graph.graph[*edge], "            "));
            }
            out
        }
        TimelineFormat::Markdown => {
            let mut notes = Footnotes::default();
            let title = center.map_or("Timeline".to_string(), |n| {
                format!("Timeline: {}", markdown(&graph.graph[n].name.value))
            });
            let mut out = format!("### {title}\n\n");
            for (edge, extent) in &entries {
                let marks = notes.marks(graph, graph.graph[*edge]);
                let _ = writeln!(
                    out,
                    "- **{}** {}{marks}",
                    when(extent),
                    hop(graph, reading(*edge), *edge, Markup::Markdown)
                );
            }
            notes.finish(&mut out);
            out
        }
    };
    if let Some(target) = &request.output {
        refuse_overwriting_the_data(graph, target)?;
    }
    output::write(request.output.as_deref(), &text)?;
    Ok(0)
}

#[derive(Serialize)]
struct Timeline<'d> {
    #[serde(skip_serializing_if = "Option::is_none")]
    entity: Option<&'d str>,
    events: Vec<EdgeRecord<'d>>,
}
