//! Rendering the connected-ness answers: paths (text, Markdown, JSON, DOT), neighbourhoods
//! and timelines. Searching happens elsewhere; this module only formats.

use std::collections::{BTreeMap, HashSet, VecDeque};
use std::fmt::Write as _;

use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use serde::Serialize;

use crate::export::dot::{self, DotOptions, Emphasis};
use crate::export::json::{to_json, EdgeRecord};
use crate::graph::KnowledgeGraph;
use crate::model::{Evidence, Relation, RelationType};
use crate::query::path::Path;
use crate::query::{relation_details, relation_period, TimeFilter};

/// Formats a path answer can take.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum PathFormat {
    Text,
    Markdown,
    Json,
    Dot,
}

/// Formats a timeline can take.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum TimelineFormat {
    Text,
    Markdown,
    Json,
}

/// `A —[leads]→ B`, `A ←[member of]— B` or `A —[met]— B`: one hop as read from `at` onwards.
fn hop(graph: &KnowledgeGraph<'_>, at: NodeIndex, edge: EdgeIndex) -> String {
    let relation = graph.graph[edge];
    let (source, target) = graph
        .graph
        .edge_endpoints(edge)
        .expect("edge of this graph");
    let other = if source == at { target } else { source };
    let def = graph.dataset.schema.relation_type(&relation.relation_type);
    let label = def.map_or(relation.relation_type.as_str(), |def| def.label.as_str());
    let symmetric = def.is_some_and(|def| def.symmetric);
    let arrow = match (symmetric, source == at) {
        (true, _) => format!("—[{label}]—"),
        (false, true) => format!("—[{label}]→"),
        (false, false) => format!("←[{label}]—"),
    };
    let period = relation_period(relation)
        .map(|p| format!(" ({p})"))
        .unwrap_or_default();
    format!(
        "{} {arrow} {}{period}",
        graph.graph[at].name.value, graph.graph[other].name.value
    )
}

fn hops_word(hops: usize) -> String {
    format!("{hops} hop{}", if hops == 1 { "" } else { "s" })
}

#[derive(Serialize)]
struct PathRecord<'d> {
    nodes: Vec<&'d str>,
    edges: Vec<EdgeRecord<'d>>,
    cost: f64,
    hops: usize,
}

#[derive(Serialize)]
struct PathsRecord<'d> {
    from: &'d str,
    to: &'d str,
    paths: Vec<PathRecord<'d>>,
}

/// Renders paths between `from` and `to` (best first) in `format`.
pub(crate) fn paths(
    graph: &KnowledgeGraph<'_>,
    from: NodeIndex,
    to: NodeIndex,
    paths: &[Path],
    format: PathFormat,
    dot_options: DotOptions,
) -> String {
    match format {
        PathFormat::Json => to_json(&PathsRecord {
            from: graph.graph[from].id.value.as_str(),
            to: graph.graph[to].id.value.as_str(),
            paths: paths
                .iter()
                .map(|path| PathRecord {
                    nodes: path
                        .nodes
                        .iter()
                        .map(|n| graph.graph[*n].id.value.as_str())
                        .collect(),
                    edges: path
                        .edges
                        .iter()
                        .map(|e| EdgeRecord::new(graph.graph[*e]))
                        .collect(),
                    cost: (path.cost * 1000.0).round() / 1000.0,
                    hops: path.edges.len(),
                })
                .collect(),
        }),
        PathFormat::Text => {
            let mut out = String::new();
            for (number, path) in paths.iter().enumerate() {
                if paths.len() > 1 {
                    let _ = writeln!(
                        out,
                        "path {} of {}: {}, cost {:.1}",
                        number + 1,
                        paths.len(),
                        hops_word(path.edges.len()),
                        path.cost
                    );
                } else {
                    let _ = writeln!(
                        out,
                        "{}, cost {:.1}",
                        hops_word(path.edges.len()),
                        path.cost
                    );
                }
                for (at, edge) in path.nodes.iter().zip(&path.edges) {
                    let _ = writeln!(out, "  {}", hop(graph, *at, *edge));
                    out.push_str(&relation_details(graph.graph[*edge], "      "));
                }
                if number + 1 < paths.len() {
                    out.push('\n');
                }
            }
            out
        }
        PathFormat::Markdown => {
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
                for (step, (at, edge)) in path.nodes.iter().zip(&path.edges).enumerate() {
                    let marks = notes.marks(graph, graph.graph[*edge]);
                    let _ = writeln!(out, "{}. {}{marks}", step + 1, hop(graph, *at, *edge));
                }
                out.push('\n');
            }
            out.push_str(&notes.render());
            out
        }
        PathFormat::Dot => path_dot(graph, paths, dot_options),
    }
}

/// Numbered footnotes for quotes, one per distinct quote, in order of first use.
#[derive(Default)]
struct Footnotes {
    lines: Vec<String>,
}

impl Footnotes {
    fn marks(&mut self, graph: &KnowledgeGraph<'_>, relation: &Relation) -> String {
        relation
            .evidence
            .iter()
            .map(|evidence| {
                let line = Self::cite(graph, evidence);
                let number = match self.lines.iter().position(|l| *l == line) {
                    Some(index) => index + 1,
                    None => {
                        self.lines.push(line);
                        self.lines.len()
                    }
                };
                format!("[^{number}]")
            })
            .collect()
    }

    fn cite(graph: &KnowledgeGraph<'_>, evidence: &Evidence) -> String {
        match graph
            .dataset
            .sources
            .iter()
            .find(|s| s.id.value == evidence.source)
        {
            Some(source) => format!(
                "“{}” — *{}*, {}, {}.",
                evidence.quote, source.title, source.publisher, source.date
            ),
            None => evidence.to_string(),
        }
    }

    fn render(&self) -> String {
        self.lines
            .iter()
            .enumerate()
            .map(|(index, line)| format!("[^{}]: {line}\n", index + 1))
            .collect()
    }
}

/// Above this many relations an entity is a hub: its other neighbours would bury the path,
/// so only the path's own relations are drawn around it.
const NEIGHBOURHOOD_LIMIT: usize = 12;

/// The paths drawn bold inside their immediate neighbourhood.
fn path_dot(graph: &KnowledgeGraph<'_>, paths: &[Path], options: DotOptions) -> String {
    let on_path: HashSet<NodeIndex> = paths.iter().flat_map(|p| p.nodes.iter().copied()).collect();
    let path_edges: HashSet<EdgeIndex> =
        paths.iter().flat_map(|p| p.edges.iter().copied()).collect();
    let mut included = on_path.clone();
    for node in &on_path {
        if graph.degree(*node) <= NEIGHBOURHOOD_LIMIT {
            included.extend(graph.graph.neighbors_undirected(*node));
        }
    }
    let entities: Vec<_> = graph
        .graph
        .node_indices()
        .filter(|n| included.contains(n))
        .map(|n| graph.graph[n])
        .collect();
    // The path's own relations, and each non-hub path entity's ties to its neighbours; not
    // the ties among those neighbours, which would bury the path.
    let own_tie = |end: NodeIndex, other: NodeIndex| {
        on_path.contains(&end)
            && graph.degree(end) <= NEIGHBOURHOOD_LIMIT
            && included.contains(&other)
    };
    let relations: Vec<&Relation> = graph
        .graph
        .edge_references()
        .filter(|e| {
            path_edges.contains(&e.id())
                || own_tie(e.source(), e.target())
                || own_tie(e.target(), e.source())
        })
        .map(|e| *e.weight())
        .collect();
    let emphasis = Emphasis {
        entities: on_path
            .iter()
            .map(|n| graph.graph[*n].id.value.as_str())
            .collect(),
        relations: path_edges
            .iter()
            .map(|e| std::ptr::from_ref(graph.graph[*e]))
            .collect(),
    };
    let (first, last) = (
        paths[0].nodes[0],
        *paths[0].nodes.last().expect("a path has nodes"),
    );
    let title = format!(
        "{} → {}",
        graph.graph[first].name.value, graph.graph[last].name.value
    );
    dot::export(
        graph.dataset,
        &entities,
        &relations,
        &title,
        options,
        &emphasis,
    )
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

/// Who is tied to `center` directly (every relation) or within `depth` hops (the relation
/// that first reached each entity), breadth first, grouped by depth and relation type.
pub(crate) fn neighbors(
    graph: &KnowledgeGraph<'_>,
    center: NodeIndex,
    depth: usize,
    types: &[RelationType],
    json: bool,
) -> String {
    let allowed = |relation: &Relation| types.is_empty() || types.contains(&relation.relation_type);
    let mut seen: HashSet<NodeIndex> = HashSet::from([center]);
    let mut queue = VecDeque::from([(center, 0)]);
    // (depth, parent, edge, node)
    let mut found: Vec<(usize, NodeIndex, EdgeIndex, NodeIndex)> = Vec::new();
    while let Some((node, at_depth)) = queue.pop_front() {
        if at_depth == depth {
            continue;
        }
        let mut edges: Vec<_> = graph
            .graph
            .edges_directed(node, petgraph::Direction::Outgoing)
            .chain(
                graph
                    .graph
                    .edges_directed(node, petgraph::Direction::Incoming),
            )
            .filter(|e| allowed(e.weight()))
            .collect();
        edges.sort_by_key(|e| e.id());
        for edge in edges {
            let other = if edge.source() == node {
                edge.target()
            } else {
                edge.source()
            };
            if other == node {
                continue;
            }
            let first_visit = seen.insert(other);
            if first_visit {
                queue.push_back((other, at_depth + 1));
            }
            if first_visit || at_depth == 0 {
                found.push((at_depth + 1, node, edge.id(), other));
            }
        }
    }
    if json {
        return to_json(&Neighbourhood {
            entity: graph.graph[center].id.value.as_str(),
            depth,
            neighbors: found
                .iter()
                .map(|&(d, parent, edge, node)| Neighbour {
                    id: graph.graph[node].id.value.as_str(),
                    name: &graph.graph[node].name.value,
                    kind: graph.graph[node].kind.value.as_str(),
                    depth: d,
                    through: graph.graph[parent].id.value.as_str(),
                    via: EdgeRecord::new(graph.graph[edge]),
                })
                .collect(),
        });
    }
    let distinct: HashSet<NodeIndex> = found.iter().map(|f| f.3).collect();
    let mut out = format!(
        "{}: {} entities within {}\n",
        graph.graph[center].name.value,
        distinct.len(),
        hops_word(depth)
    );
    let mut groups: BTreeMap<(usize, &str), Vec<String>> = BTreeMap::new();
    for &(d, parent, edge, _) in &found {
        groups
            .entry((d, graph.graph[edge].relation_type.as_str()))
            .or_default()
            .push(hop(graph, parent, edge));
    }
    for ((d, relation_type), lines) in groups {
        let _ = writeln!(out, "\n{relation_type} (depth {d}, {})", lines.len());
        for line in lines {
            let _ = writeln!(out, "  {line}");
        }
    }
    out
}

#[derive(Serialize)]
struct Timeline<'d> {
    #[serde(skip_serializing_if = "Option::is_none")]
    entity: Option<&'d str>,
    events: Vec<EdgeRecord<'d>>,
}

/// Dated relations in time order (coarse dates before finer ones on the same start), for one
/// entity or the whole graph.
pub(crate) fn timeline(
    graph: &KnowledgeGraph<'_>,
    center: Option<NodeIndex>,
    time: &TimeFilter,
    format: TimelineFormat,
) -> String {
    let mut edges: Vec<EdgeIndex> = match center {
        Some(node) => graph
            .graph
            .edges_directed(node, petgraph::Direction::Outgoing)
            .chain(
                graph
                    .graph
                    .edges_directed(node, petgraph::Direction::Incoming),
            )
            .map(|e| e.id())
            .collect(),
        None => graph.graph.edge_indices().collect(),
    };
    edges.sort();
    edges.dedup();
    edges.retain(|e| graph.graph[*e].date.is_some() && time.admits(graph.graph[*e]));
    edges.sort_by(|a, b| {
        let date = |e: &EdgeIndex| graph.graph[*e].date.expect("dated");
        date(a).chronological(date(b)).then(a.cmp(b))
    });
    // Read each hop from the centre when there is one, else from the relation's source.
    let reading = |edge: EdgeIndex| {
        center.unwrap_or_else(|| graph.graph.edge_endpoints(edge).expect("edge").0)
    };
    match format {
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
                let relation = graph.graph[edge];
                let date = relation.date.expect("dated").to_string();
                let _ = writeln!(out, "{date:<10}  {}", hop(graph, reading(edge), edge));
                out.push_str(&relation_details(relation, "            "));
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
                let relation = graph.graph[edge];
                let date = relation.date.expect("dated");
                let marks = notes.marks(graph, relation);
                let _ = writeln!(
                    out,
                    "- **{date}** {}{marks}",
                    hop(graph, reading(edge), edge)
                );
            }
            out.push('\n');
            out.push_str(&notes.render());
            out
        }
    }
}
