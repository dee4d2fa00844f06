//! vnla-graph: a sourced knowledge graph of Vietnam–Laos relations.
//!
//! The pipeline runs in one direction: load (YAML -> model, with spans) -> validate ->
//! graph -> query / export. [`run`] chains the stages for one command line and turns the
//! outcome into an exit code; nothing else prints.

#[doc(hidden)]
pub mod bench; // entry points for benches/ (not a stable API)
mod cli; // command-line definition -> Config
mod diagnostic; // Diagnostic type and rendering
mod error; // I/O and name errors (not about data content)
mod export; // DOT and JSON export
mod graph; // validated model -> petgraph
mod load; // YAML -> model, with spans
mod model; // entities, relations, schema, sources, dates
mod output; // writing answers to stdout or files
mod parallel; // work in ordered parts on every core
mod query; // stats, show, search, path, neighbors, timeline, selections
mod render; // the report views, drawn by Graphviz
mod resolve; // command-line names -> entities
mod source; // file texts and positions
mod validate; // rules over the model

use std::ffi::OsString;
use std::io::Write;

use clap::Parser;

use cli::{Cli, Config, ExportFormat, PathRequest, Request};
use diagnostic::{Diagnostic, Severity};
use error::Error;
use graph::KnowledgeGraph;
use model::Dataset;

/// Runs one command line and returns the process exit code (0 ok, 1 invalid data or no
/// result, 2 usage error).
pub fn run<I, T>(args: I) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(error) => {
            // --help and --version are "errors" to clap; they print to stdout and succeed.
            let _ = error.print();
            return if error.use_stderr() { 2 } else { 0 };
        }
    };
    let config = cli.into_config();
    match execute(&config) {
        Ok(code) => code,
        Err(error) => {
            report(&error);
            error.exit_code()
        }
    }
}

fn report(error: &Error) {
    let mut stderr = std::io::stderr().lock();
    let _ = writeln!(stderr, "error: {error}");
    let mut cause = std::error::Error::source(error);
    while let Some(inner) = cause {
        let _ = writeln!(stderr, "caused by: {inner}");
        cause = inner.source();
    }
    for hint in error.hints() {
        let _ = writeln!(stderr, "{hint}");
    }
}

/// Loads and validates; prints the diagnostics. Returns the dataset only when it has no
/// errors (warnings are shown by `validate` alone, so other commands stay quiet).
fn load_valid(
    config: &Config,
    sources: Option<&std::path::Path>,
    show_warnings: bool,
) -> Result<(Dataset, Vec<Diagnostic>), Error> {
    let (dataset, mut diagnostics) = load_and_check(&config.data, sources)?;
    let errors = diagnostic::count(&diagnostics, Severity::Error);
    if !show_warnings {
        diagnostics.retain(|d| d.severity == Severity::Error);
    }
    diagnostic::emit(&mut diagnostics, &dataset.files, config.diagnostics);
    if errors > 0 && !show_warnings {
        return Err(Error::InvalidData { errors });
    }
    Ok((dataset, diagnostics))
}

/// The first two stages: load, then validate, with every problem found by either.
fn load_and_check(
    location: &load::DataLocation,
    sources: Option<&std::path::Path>,
) -> Result<(Dataset, Vec<Diagnostic>), Error> {
    let loaded = load::load(location)?;
    let mut diagnostics = loaded.diagnostics;
    let outcome = validate::LoadOutcome {
        incomplete_ids: &loaded.incomplete_ids,
        complete: diagnostic::count(&diagnostics, Severity::Error) == 0,
        cut_short: loaded.cut_short,
    };
    diagnostics.extend(validate::validate(&loaded.dataset, &outcome, sources));
    Ok((loaded.dataset, diagnostics))
}

fn execute(config: &Config) -> Result<i32, Error> {
    match &config.request {
        Request::Completions { shell } => {
            let mut buffer = Vec::new();
            clap_complete::generate(*shell, &mut cli::command(), "vnla-graph", &mut buffer);
            output::stdout(&String::from_utf8_lossy(&buffer))?;
            Ok(0)
        }
        Request::Man => {
            let mut buffer = Vec::new();
            clap_mangen::Man::new(cli::command())
                .render(&mut buffer)
                .map_err(|source| Error::Write {
                    path: "<stdout>".into(),
                    source,
                })?;
            output::stdout(&String::from_utf8_lossy(&buffer))?;
            Ok(0)
        }
        Request::Validate { sources, format } => {
            let (dataset, diagnostics) = load_valid(config, sources.as_deref(), true)?;
            let errors = diagnostic::count(&diagnostics, Severity::Error);
            let summary =
                output::validation_summary(&dataset, &diagnostics, sources.as_deref(), *format);
            output::stdout(&summary)?;
            Ok(i32::from(errors > 0))
        }
        Request::Stats { top, format } => {
            let (dataset, _) = load_valid(config, None, false)?;
            let graph = KnowledgeGraph::build(&dataset);
            output::stdout(&query::stats(&graph, *top, *format))?;
            Ok(0)
        }
        Request::Show { name, format } => {
            let (dataset, _) = load_valid(config, None, false)?;
            let entity = resolve::resolve(&dataset.entities, name)?;
            let graph = KnowledgeGraph::build(&dataset);
            output::stdout(&query::show(&graph, entity, *format))?;
            Ok(0)
        }
        Request::Search { text, format } => {
            let (dataset, _) = load_valid(config, None, false)?;
            match query::search(&dataset, text, *format) {
                Some(hits) => {
                    output::stdout(&hits)?;
                    Ok(0)
                }
                None => {
                    eprintln!("no entity matches `{text}`");
                    Ok(1)
                }
            }
        }
        Request::Export {
            format,
            output: target,
            dot,
            select,
        } => {
            let (dataset, _) = load_valid(config, None, false)?;
            let graph = KnowledgeGraph::build(&dataset);
            let selection = resolve_selection(&graph, select)?;
            let (entities, relations) = selection.apply(&graph);
            let text = match format {
                ExportFormat::Json => export::json::export(&dataset, &entities, &relations),
                ExportFormat::Dot => {
                    let mut title = format!("Vietnam–Laos relations ({})", dataset.origin);
                    let filters = selection.describe(&graph);
                    if !filters.is_empty() {
                        title = format!("{title}\n{}", filters.join(" "));
                    }
                    let emphasis = export::dot::Emphasis::default();
                    export::dot::export(&dataset, &entities, &relations, &title, *dot, &emphasis)
                }
            };
            output::write(target.as_deref(), &text)?;
            Ok(0)
        }
        Request::Render { out, check } => {
            let (dataset, _) = load_valid(config, None, false)?;
            let graph = KnowledgeGraph::build(&dataset);
            if *check {
                let stale = render::stale(&graph, out);
                if !stale.is_empty() {
                    return Err(Error::StaleOutput { stale });
                }
                eprintln!("{} is up to date with {}", out.display(), dataset.origin);
            } else {
                for file in render::render(&graph, out)? {
                    eprintln!("wrote {file}");
                }
            }
            Ok(0)
        }
        Request::Path(request) => {
            let (dataset, _) = load_valid(config, None, false)?;
            let graph = KnowledgeGraph::build(&dataset);
            output::stdout(&answer_path(&graph, request)?)?;
            Ok(0)
        }
        Request::Neighbors {
            name,
            depth,
            types,
            format,
        } => {
            let (dataset, _) = load_valid(config, None, false)?;
            check_relation_types(&dataset, types)?;
            let graph = KnowledgeGraph::build(&dataset);
            let center = node_named(&graph, name)?;
            let json = *format == query::OutputFormat::Json;
            output::stdout(&query::report::neighbors(
                &graph, center, *depth, types, json,
            ))?;
            Ok(0)
        }
        Request::Timeline { name, time, format } => {
            let (dataset, _) = load_valid(config, None, false)?;
            let graph = KnowledgeGraph::build(&dataset);
            let center = name
                .as_deref()
                .map(|name| node_named(&graph, name))
                .transpose()?;
            output::stdout(&query::report::timeline(&graph, center, time, *format))?;
            Ok(0)
        }
    }
}

/// The graph node of the entity a command-line name resolves to.
fn node_named(graph: &KnowledgeGraph<'_>, name: &str) -> Result<petgraph::graph::NodeIndex, Error> {
    let entity = resolve::resolve(&graph.dataset.entities, name)?;
    Ok(graph
        .node(entity.id.value.as_str())
        .expect("every entity is a node"))
}

/// Resolves the names and checks the kinds and types of an export selection.
fn resolve_selection(
    graph: &KnowledgeGraph<'_>,
    request: &cli::SelectRequest,
) -> Result<query::select::Selection, Error> {
    check_relation_types(graph.dataset, &request.types)?;
    for kind in &request.kinds {
        if graph.dataset.schema.kind(kind).is_none() {
            let names = graph.dataset.schema.kind_names();
            let suggestions = resolve::suggestions(kind.as_str(), names);
            return Err(Error::UnknownKind {
                name: kind.to_string(),
                suggestions,
            });
        }
    }
    Ok(query::select::Selection {
        focus: request
            .focus
            .as_deref()
            .map(|name| node_named(graph, name))
            .transpose()?,
        depth: request.depth,
        kinds: request.kinds.clone(),
        types: request.types.clone(),
        themes: request.themes.clone(),
        exclude: request
            .exclude
            .iter()
            .map(|name| node_named(graph, name))
            .collect::<Result<_, _>>()?,
        country: request.country.clone(),
        time: request.time,
    })
}

/// Refuses relation types the schema does not declare, with suggestions.
fn check_relation_types(dataset: &Dataset, types: &[model::RelationType]) -> Result<(), Error> {
    for wanted in types {
        if dataset.schema.relation_type(wanted).is_none() {
            let names = dataset.schema.type_names();
            let suggestions = resolve::suggestions(wanted.as_str(), names);
            return Err(Error::UnknownRelationType {
                name: wanted.to_string(),
                suggestions,
            });
        }
    }
    Ok(())
}

fn answer_path(graph: &KnowledgeGraph<'_>, request: &PathRequest) -> Result<String, Error> {
    check_relation_types(graph.dataset, &request.via)?;
    let from = node_named(graph, &request.from)?;
    let to = node_named(graph, &request.to)?;
    if from == to {
        return Err(Error::SameEntity(graph.graph[from].id.value.to_string()));
    }
    let avoid = request
        .avoid
        .iter()
        .map(|name| node_named(graph, name))
        .collect::<Result<Vec<_>, _>>()?;
    let options = query::path::PathOptions {
        directed: request.directed,
        plain: request.plain,
        max_hops: request.max_hops,
        via: request.via.clone(),
        avoid,
        time: request.time,
        chronological: request.chronological,
    };
    let paths = if request.all_shortest {
        query::path::all_cheapest(graph, from, to, &options, MAX_ALL_SHORTEST)
    } else {
        query::path::k_best(graph, from, to, &options, request.k)
    };
    if paths.is_empty() {
        return Err(Error::NoPath {
            from: graph.graph[from].id.value.to_string(),
            to: graph.graph[to].id.value.to_string(),
            filters: path_filters(request),
        });
    }
    let dot_options = export::dot::DotOptions {
        cluster: export::dot::Cluster::Country,
        rankdir: export::dot::RankDir::LeftRight,
    };
    Ok(query::report::paths(
        graph,
        from,
        to,
        &paths,
        request.format,
        dot_options,
    ))
}

/// `--all-shortest` lists at most this many paths.
const MAX_ALL_SHORTEST: usize = 100;

/// The options in force, as the user would type them, for "no path" messages.
fn path_filters(request: &PathRequest) -> Vec<String> {
    let mut filters = Vec::new();
    if request.directed {
        filters.push("--directed".to_string());
    }
    if let Some(max) = request.max_hops {
        filters.push(format!("--max-hops {max}"));
    }
    if !request.via.is_empty() {
        let via: Vec<&str> = request
            .via
            .iter()
            .map(model::RelationType::as_str)
            .collect();
        filters.push(format!("--via {}", via.join(",")));
    }
    if !request.avoid.is_empty() {
        filters.push(format!("--avoid {}", request.avoid.join(",")));
    }
    filters.extend(request.time.describe());
    if request.chronological {
        filters.push("--chronological".to_string());
    }
    filters
}
