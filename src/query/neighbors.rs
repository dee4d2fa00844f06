//! `neighbors`: who is tied to an entity, directly or within a number of hops.

use std::collections::{HashSet, VecDeque};

use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use petgraph::Direction;

use crate::graph::KnowledgeGraph;
use crate::model::{Relation, RelationType};
use crate::query::time::TimeFilter;

/// An entity reached from the centre.
pub(crate) struct Reached {
    pub(crate) depth: usize,
    /// Through which entity it was reached (the centre for depth 1).
    pub(crate) through: NodeIndex,
    pub(crate) edge: EdgeIndex,
    pub(crate) node: NodeIndex,
}

/// Who is tied to `center` directly (every relation) or within `depth` hops (the relation
/// that first reached each entity), breadth first, over relations of `types` (all when
/// empty) that `time` admits.
pub(crate) fn neighbors(
    graph: &KnowledgeGraph<'_>,
    center: NodeIndex,
    depth: usize,
    types: &[RelationType],
    time: &TimeFilter,
) -> Vec<Reached> {
    let schema = &graph.dataset.schema;
    let allowed = |relation: &Relation| {
        (types.is_empty() || types.contains(&relation.relation_type))
            && time.admits(relation, schema.time_kind(&relation.relation_type))
    };
    let mut seen: HashSet<NodeIndex> = HashSet::from([center]);
    let mut queue = VecDeque::from([(center, 0)]);
    let mut found = Vec::new();
    while let Some((node, at_depth)) = queue.pop_front() {
        if at_depth == depth {
            continue;
        }
        let mut edges: Vec<_> = graph
            .graph
            .edges_directed(node, Direction::Outgoing)
            .chain(graph.graph.edges_directed(node, Direction::Incoming))
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
                found.push(Reached {
                    depth: at_depth + 1,
                    through: node,
                    edge: edge.id(),
                    node: other,
                });
            }
        }
    }
    found
}
