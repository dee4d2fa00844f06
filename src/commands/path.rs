//! `path FROM TO`: how two entities are connected, as text, Markdown with footnotes, JSON,
//! or DOT (the paths drawn bold in their neighbourhood). No connection exits 1, naming the
//! filters in force.

use std::fmt::Write as _;

use petgraph::graph::{EdgeIndex, NodeIndex};
use serde::Serialize;

use crate::cli::{PathFormat, PathRequest};
use crate::commands::args::{check_kinds, check_relation_types, node_named, nodes_named};
use crate::error::Error;
use crate::export::dot::{self, Cluster, DotOptions, Emphasis, RankDir};
use crate::export::json::{to_json, EdgeRecord};
use crate::graph::KnowledgeGraph;
use crate::model::{KindId, RelationType};
use crate::output;
use crate::query::path::{all_cheapest, charges, k_best, Charge, Path, PathOptions};
use crate::query::select::around_paths;
use crate::text::{hop, hops_word, relation_details, Footnotes};

mod explain;

use explain::ChargeRecord;

/// `--all-shortest` lists at most this many paths.
const MAX_ALL_SHORTEST: usize = 100;

pub(super) fn run(graph: &KnowledgeGraph<'_>, request: &PathRequest) -> Result<i32, Error> {
    check_relation_types(graph.dataset, &request.via)?;
    check_kinds(graph.dataset, &request.avoid_kinds)?;
    check_kinds(graph.dataset, &request.via_kinds)?;
    let from = node_named(graph, &request.from)?;
    let to = node_named(graph, &request.to)?;
    let id = |node: NodeIndex| graph.graph[node].id.value.to_string();
    if from == to {
        return Err(Error::SameEntity(id(from)));
    }
    let avoid = nodes_named(graph, &request.avoid)?;
    if let Some(end) = avoid.iter().find(|node| [from, to].contains(node)) {
        return Err(Error::AvoidedEnd(id(*end)));
    }
    let options = PathOptions {
        directed: request.directed,
        plain: request.plain,
        max_hops: request.max_hops,
        via: request.via.clone(),
        avoid,
        avoid_kinds: request.avoid_kinds.clone(),
        via_kinds: request.via_kinds.clone(),
        time: request.time,
        chronological: request.chronological,
        facts_only: request.facts_only,
    };
    let paths = if request.all_shortest {
        all_cheapest(graph, from, to, &options, MAX_ALL_SHORTEST)
    } else {
        k_best(graph, from, to, &options, request.k)
    };
    if paths.is_empty() {
        return Err(Error::NoPath {
            from: id(from),
            to: id(to),
            filters: filters(request),
        });
    }
    let explained = request.explain.then(|| Explained {
        charges: paths
            .iter()
            .map(|path| charges(graph, &options, path))
            .collect(),
        plain: options.plain,
    });
    let answer = Answer {
        graph,
        from,
        to,
        paths: &paths,
        explained: explained.as_ref(),
    };
    output::stdout(&match request.format {
        PathFormat::Json => answer.json(),
        PathFormat::Text => answer.text(),
        PathFormat::Markdown => answer.markdown(),
        PathFormat::Dot => answer.drawn(),
    })?;
    Ok(0)
}

/// The options in force, as the user would type them, for "no path" messages.
fn filters(request: &PathRequest) -> Vec<String> {
    let mut filters = Vec::new();
    if request.directed {
        filters.push("--directed".to_string());
    }
    if let Some(max) = request.max_hops {
        filters.push(format!("--max-hops {max}"));
    }
    if !request.via.is_empty() {
        let via: Vec<&str> = request.via.iter().map(RelationType::as_str).collect();
        filters.push(format!("--via {}", via.join(",")));
    }
    if !request.avoid.is_empty() {
        filters.push(format!("--avoid {}", request.avoid.join(",")));
    }
    for (flag, kinds) in [
        ("--avoid-kinds", &request.avoid_kinds),
        ("--via-kinds", &request.via_kinds),
    ] {
        if !kinds.is_empty() {
            let kinds: Vec<&str> = kinds.iter().map(KindId::as_str).collect();
            filters.push(format!("{flag} {}", kinds.join(",")));
        }
    }
    filters.extend(request.time.describe());
    if request.chronological {
        filters.push("--chronological".to_string());
    }
    if request.facts_only {
        filters.push("--facts-only".to_string());
    }
    filters
}

/// The paths found between two entities, to be written in the format asked for.
struct Answer<'a, 'd> {
    graph: &'a KnowledgeGraph<'d>,
    from: NodeIndex,
    to: NodeIndex,
    paths: &'a [Path],
    explained: Option<&'a Explained>,
}

/// Each path's cost, charge by charge, for `--explain`.
struct Explained {
    charges: Vec<Vec<Charge>>,
    /// Ranked by hops alone, so the charges are read as such.
    plain: bool,
}

/// A cost as JSON gives it: to three decimals, enough to tell paths apart.
fn rounded(cost: f64) -> f64 {
    (cost * 1000.0).round() / 1000.0
}

#[derive(Serialize)]
struct PathRecord<'d> {
    nodes: Vec<&'d str>,
    edges: Vec<HopRecord<'d>>,
    cost: f64,
    hops: usize,
    /// With `--explain` only.
    #[serde(skip_serializing_if = "Option::is_none")]
    explain: Option<Vec<ChargeRecord<'d>>>,
}

/// A hop's relation, with the other relations between the same two entities it could have
/// taken (left out when there are none).
#[derive(Serialize)]
struct HopRecord<'d> {
    #[serde(flatten)]
    relation: EdgeRecord<'d>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    alternatives: Vec<EdgeRecord<'d>>,
}

#[derive(Serialize)]
struct PathsRecord<'d> {
    from: &'d str,
    to: &'d str,
    paths: Vec<PathRecord<'d>>,
}

impl Answer<'_, '_> {
    fn json(&self) -> String {
        let (graph, paths, explained) = (self.graph, self.paths, self.explained);
        let (from, to) = (self.from, self.to);
        let id = |node: NodeIndex| graph.graph[node].id.value.as_str();
        let record = |edge: &EdgeIndex| EdgeRecord::new(&graph.dataset.schema, graph.graph[*edge]);
        to_json(&PathsRecord {
            from: id(from),
            to: id(to),
            paths: paths
                .iter()
                .enumerate()
                .map(|(number, path)| PathRecord {
                    nodes: path.nodes.iter().map(|n| id(*n)).collect(),
                    edges: path
                        .edges
                        .iter()
                        .zip(&path.alternatives)
                        .map(|(edge, others)| HopRecord {
                            relation: record(edge),
                            alternatives: others.iter().map(record).collect(),
                        })
                        .collect(),
                    cost: rounded(path.cost),
                    hops: path.edges.len(),
                    explain: explained
                        .map(|explained| explain::records(graph, &explained.charges[number])),
                })
                .collect(),
        })
    }

    fn text(&self) -> String {
        let (graph, paths, explained) = (self.graph, self.paths, self.explained);
        let mut out = String::new();
        for (number, path) in paths.iter().enumerate() {
            let hops = hops_word(path.edges.len());
            if paths.len() > 1 {
                let _ = writeln!(
                    out,
                    "path {} of {}: {hops}, cost {:.1}",
                    number + 1,
                    paths.len(),
                    path.cost
                );
            } else {
                let _ = writeln!(out, "{hops}, cost {:.1}", path.cost);
            }
            for ((at, edge), others) in path.nodes.iter().zip(&path.edges).zip(&path.alternatives) {
                let _ = writeln!(out, "  {}", hop(graph, *at, *edge));
                out.push_str(&relation_details(graph.graph[*edge], "      "));
                for other in others {
                    let _ = writeln!(out, "      also: {}", hop(graph, *at, *other));
                    out.push_str(&relation_details(graph.graph[*other], "          "));
                }
            }
            if let Some(explained) = explained {
                out.push_str(&explain::text(
                    graph,
                    &explained.charges[number],
                    explained.plain,
                ));
            }
            if number + 1 < paths.len() {
                out.push('\n');
            }
        }
        out
    }

    fn markdown(&self) -> String {
        let (graph, paths, explained) = (self.graph, self.paths, self.explained);
        let (from, to) = (self.from, self.to);
        let mut notes = Footnotes::default();
        let mut out = format!(
            "### {} → {}\n\n",
            graph.graph[from].name.value, graph.graph[to].name.value
        );
        for (number, path) in paths.iter().enumerate() {
            if paths.len() > 1 {
                let _ = writeln!(
                    out,
                    "**Path {}** ({}, cost {:.1})\n",
                    number + 1,
                    hops_word(path.edges.len()),
                    path.cost
                );
            }
            let hops = path.nodes.iter().zip(&path.edges).zip(&path.alternatives);
            for (step, ((at, edge), others)) in hops.enumerate() {
                let marks = notes.marks(graph, graph.graph[*edge]);
                let _ = writeln!(out, "{}. {}{marks}", step + 1, hop(graph, *at, *edge));
                for other in others {
                    let marks = notes.marks(graph, graph.graph[*other]);
                    let _ = writeln!(out, "   - also: {}{marks}", hop(graph, *at, *other));
                }
            }
            let last = number + 1 == paths.len();
            if let Some(explained) = explained {
                out.push('\n');
                out.push_str(&explain::markdown(
                    graph,
                    &explained.charges[number],
                    explained.plain,
                ));
            }
            if !last {
                out.push('\n');
            }
        }
        notes.finish(&mut out);
        out
    }

    /// The paths drawn bold inside their immediate neighbourhood.
    fn drawn(&self) -> String {
        let (graph, paths) = (self.graph, self.paths);
        let (entities, relations) = around_paths(graph, paths);
        let emphasis = Emphasis {
            entities: paths
                .iter()
                .flat_map(|p| &p.nodes)
                .map(|n| graph.graph[*n].id.value.as_str())
                .collect(),
            // Each hop (and its alternatives) by its step in its path; the first path's
            // number wins where paths share a hop.
            relations: paths
                .iter()
                .rev()
                .flat_map(|path| {
                    let alternatives = path.alternatives.iter().map(Vec::as_slice);
                    path.edges
                        .iter()
                        .zip(alternatives.chain(std::iter::repeat(&[][..])))
                        .enumerate()
                        .flat_map(|(step, (hop, others))| {
                            std::iter::once(hop)
                                .chain(others)
                                .map(move |edge| (step + 1, *edge))
                        })
                })
                .map(|(step, edge)| (std::ptr::from_ref(graph.graph[edge]), step))
                .collect(),
        };
        let first = &paths[0].nodes;
        let title = format!(
            "{} → {}",
            graph.graph[first[0]].name.value,
            graph.graph[*first.last().expect("a path has nodes")]
                .name
                .value
        );
        let options = DotOptions {
            cluster: Cluster::Country,
            rankdir: RankDir::LeftRight,
        };
        dot::export(
            graph.dataset,
            &entities,
            &relations,
            &title,
            options,
            &emphasis,
            dot::Appendix::Skip,
        )
        .dot
    }
}
