//! `export`: the graph, or the part the filters select, as Graphviz DOT, JSON or one of the
//! interchange formats, to stdout or atomically to a file (CSV: to a folder).

use crate::cli::{ExportFormat, ExportRequest, SelectRequest};
use crate::commands::args::{
    check_country, check_kinds, check_relation_types, check_themes, node_named, nodes_named,
};
use crate::error::Error;
use crate::export::{csv, cypher, dot, ftm, gexf, graphml, html, json, mermaid};
use crate::graph::KnowledgeGraph;
use crate::load;
use crate::output;
use crate::query::select::Selection;

pub(super) fn run(graph: &KnowledgeGraph<'_>, request: &ExportRequest) -> Result<i32, Error> {
    let dataset = graph.dataset;
    let selection = selection(graph, &request.select)?;
    let (entities, relations) = selection.apply(graph);
    // A title a reader understands: the selection in words, not as typed.
    let title = || {
        let title = "Vietnam–Laos relations".to_string();
        let filters = selection.describe(graph);
        if filters.is_empty() {
            title
        } else {
            let words: Vec<String> = filters.iter().map(|f| f.replace("--", "")).collect();
            format!("{title}\nselected by {}", words.join(", "))
        }
    };
    let text = match request.format {
        ExportFormat::Json => json::export(dataset, &entities, &relations),
        ExportFormat::Html => {
            let page = html::export(graph, &entities, &relations, &title(), request.dot)?;
            for line in page.warnings.lines() {
                output::message(&format!("warning: dot: {line}"));
            }
            page.html
        }
        ExportFormat::Dot => {
            let emphasis = dot::Emphasis::default();
            dot::export(
                dataset,
                &entities,
                &relations,
                &title(),
                request.dot,
                &emphasis,
                dot::Appendix::Skip,
            )
            .dot
        }
        ExportFormat::Csv => {
            let folder = request
                .output
                .as_deref()
                .expect("the CLI requires -o for CSV");
            let schema = &dataset.schema;
            for name in [csv::ENTITIES_FILE, csv::RELATIONS_FILE] {
                refuse_overwriting_the_data(graph, &folder.join(name))?;
            }
            output::write_folder(
                folder,
                vec![
                    (
                        csv::ENTITIES_FILE,
                        Box::new(|out| csv::write_entities(out, schema, &entities)),
                    ),
                    (
                        csv::RELATIONS_FILE,
                        Box::new(|out| csv::write_relations(out, schema, &relations)),
                    ),
                ],
            )?;
            return Ok(0);
        }
        ExportFormat::Graphml
        | ExportFormat::Gexf
        | ExportFormat::Cypher
        | ExportFormat::Mermaid
        | ExportFormat::Ftm => {
            if let Some(target) = &request.output {
                refuse_overwriting_the_data(graph, target)?;
            }
            let schema = &dataset.schema;
            let (entities, relations) = (&entities, &relations);
            let title = title();
            let writing: output::Writing<'_> = match request.format {
                ExportFormat::Mermaid => {
                    Box::new(move |out| mermaid::write(out, dataset, entities, relations, &title))
                }
                ExportFormat::Ftm => {
                    Box::new(move |out| ftm::write(out, dataset, entities, relations))
                }
                ExportFormat::Graphml => {
                    Box::new(move |out| graphml::write(out, schema, entities, relations))
                }
                ExportFormat::Gexf => {
                    Box::new(move |out| gexf::write(out, dataset, entities, relations))
                }
                _ => Box::new(move |out| cypher::write(out, schema, entities, relations)),
            };
            output::write_streamed(request.output.as_deref(), writing)?;
            return Ok(0);
        }
    };
    if let Some(target) = &request.output {
        refuse_overwriting_the_data(graph, target)?;
    }
    output::write(request.output.as_deref(), &text)?;
    Ok(0)
}

/// `-o` naming one of the files the data was read from, or a new file that would be read with
/// them, is refused, before anything is written.
pub(super) fn refuse_overwriting_the_data(
    graph: &KnowledgeGraph<'_>,
    target: &std::path::Path,
) -> Result<(), Error> {
    let dataset = graph.dataset;
    // A new file cannot be an input.
    if let Ok(target_real) = std::fs::canonicalize(target) {
        let is_input = dataset
            .files
            .paths()
            .any(|input| std::fs::canonicalize(input).is_ok_and(|real| real == target_real));
        if is_input {
            return Err(Error::OutputIsInput(target.to_path_buf()));
        }
    }
    let written = output::written_file(target).unwrap_or_else(|_| target.to_path_buf());
    let folder = dataset.folder.as_deref();
    if folder.is_some_and(|folder| load::would_be_read(folder, &written)) {
        return Err(Error::OutputInData(target.to_path_buf()));
    }
    Ok(())
}

/// Resolves the names and checks every filter value against the data.
fn selection(graph: &KnowledgeGraph<'_>, request: &SelectRequest) -> Result<Selection, Error> {
    let dataset = graph.dataset;
    check_relation_types(dataset, &request.types)?;
    check_kinds(dataset, &request.kinds)?;
    check_themes(dataset, &request.themes)?;
    check_country(dataset, request.country.as_ref())?;
    Ok(Selection {
        focus: request
            .focus
            .as_deref()
            .map(|name| node_named(graph, name))
            .transpose()?,
        depth: request.depth,
        kinds: request.kinds.clone(),
        types: request.types.clone(),
        themes: request.themes.clone(),
        exclude: nodes_named(graph, &request.exclude)?,
        country: request.country.clone(),
        time: request.time,
    })
}
