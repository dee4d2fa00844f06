//! `timeline`: dated relations in time order, for one entity or the whole graph.

use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use petgraph::Direction;

use crate::graph::KnowledgeGraph;
use crate::query::time::TimeFilter;

/// The dated relations of `center` (or of the whole graph) that `time` admits, in time order
/// (coarse dates before finer ones on the same start, then data order).
pub(crate) fn timeline(
    graph: &KnowledgeGraph<'_>,
    center: Option<NodeIndex>,
    time: &TimeFilter,
) -> Vec<EdgeIndex> {
    let mut edges: Vec<EdgeIndex> = match center {
        Some(node) => graph
            .graph
            .edges_directed(node, Direction::Outgoing)
            .chain(graph.graph.edges_directed(node, Direction::Incoming))
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
    edges
}
