//! `neighbors`: who is tied to an entity, directly or within a number of hops: the
//! relations `export --focus` draws for the same entity, depth and filters (one selection,
//! `query::select`), each read from its end nearer the centre.

use petgraph::graph::{EdgeIndex, NodeIndex};

use crate::graph::KnowledgeGraph;
use crate::model::RelationType;
use crate::query::select::Selection;
use crate::query::time::TimeFilter;

/// A relation of the neighbourhood, read from its end nearer the centre.
pub(crate) struct Reached {
    /// How many hops from the centre its farther end is (1 for the centre's own ties).
    pub(crate) depth: usize,
    /// Its end nearer the centre (the centre for depth 1; the relation's `from` when both
    /// ends are as far).
    pub(crate) through: NodeIndex,
    pub(crate) edge: EdgeIndex,
    /// Its other end.
    pub(crate) node: NodeIndex,
}

/// Every relation among the entities within `depth` hops of `center` over relations of
/// `types` (all when empty) that `time` admits, by depth, then in data order.
pub(crate) fn neighbors(
    graph: &KnowledgeGraph<'_>,
    center: NodeIndex,
    depth: usize,
    types: &[RelationType],
    time: &TimeFilter,
) -> Vec<Reached> {
    let selection = Selection {
        focus: Some(center),
        depth,
        types: types.to_vec(),
        time: *time,
        ..Selection::default()
    };
    let (edges, reached) = selection.kept(graph);
    let distance = reached.expect("a selection with a focus");
    let mut found: Vec<Reached> = edges
        .into_iter()
        .map(|edge| {
            let (from, to) = graph
                .graph
                .edge_endpoints(edge)
                .expect("edge of this graph");
            let (near, far) = if distance[&to] < distance[&from] {
                (to, from)
            } else {
                (from, to)
            };
            Reached {
                depth: distance[&far].max(1),
                through: near,
                edge,
                node: far,
            }
        })
        .collect();
    found.sort_by_key(|reached| (reached.depth, reached.edge));
    found
}
