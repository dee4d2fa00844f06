//! `timeline`: relations in time order, for one entity or the whole graph.

use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use petgraph::Direction;

use crate::graph::KnowledgeGraph;
use crate::model::Extent;
use crate::query::time::TimeFilter;

/// The relations of `center` (or of the whole graph) that `time` admits, those with a time in
/// order of their start (coarse dates before finer ones on the same start, then data order),
/// then, with `time.undated`, the undated ones in data order.
pub(crate) fn timeline(
    graph: &KnowledgeGraph<'_>,
    center: Option<NodeIndex>,
    time: &TimeFilter,
) -> Vec<(EdgeIndex, Option<Extent>)> {
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
    let schema = &graph.dataset.schema;
    let mut timed: Vec<(EdgeIndex, Option<Extent>)> = edges
        .into_iter()
        .filter_map(|edge| {
            let relation = graph.graph[edge];
            let kind = schema.time_kind(&relation.relation_type);
            let extent = Extent::of(relation, kind);
            (time.admits(relation, kind) && (extent.is_some() || time.undated))
                .then_some((edge, extent))
        })
        .collect();
    timed.sort_by(|(a, x), (b, y)| match (x, y) {
        (Some(x), Some(y)) => x.from.chronological(y.from).then(a.cmp(b)),
        (x, y) => x.is_none().cmp(&y.is_none()).then(a.cmp(b)),
    });
    timed
}
