//! `show`: every relation touching one entity, grouped by type, dated ones in time order.

use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use petgraph::Direction;

use crate::graph::KnowledgeGraph;
use crate::model::Relation;

/// One relation as seen from an entity.
pub(crate) struct Tie<'d> {
    pub(crate) edge: EdgeIndex,
    pub(crate) relation: &'d Relation,
    /// Which way it points from the entity.
    pub(crate) direction: Direction,
    /// The entity at its other end.
    pub(crate) other: NodeIndex,
}

/// The relations of `node`, by type, then dated ones in time order before undated ones.
pub(crate) fn ties<'d>(graph: &KnowledgeGraph<'d>, node: NodeIndex) -> Vec<Tie<'d>> {
    let mut ties: Vec<Tie<'d>> = [Direction::Outgoing, Direction::Incoming]
        .into_iter()
        .flat_map(|direction| {
            graph.graph.edges_directed(node, direction).map(move |e| {
                let other = if direction == Direction::Outgoing {
                    e.target()
                } else {
                    e.source()
                };
                Tie {
                    edge: e.id(),
                    relation: e.weight(),
                    direction,
                    other,
                }
            })
        })
        .collect();
    ties.sort_by(|a, b| {
        let (a, b) = (a.relation, b.relation);
        a.relation_type
            .cmp(&b.relation_type)
            .then_with(|| match (&a.date, &b.date) {
                (Some(x), Some(y)) => x.chronological(*y),
                (x, y) => y.is_none().cmp(&x.is_none()),
            })
    });
    // Self-loops appear once per direction; show them once.
    ties.dedup_by(|a, b| std::ptr::eq(a.relation, b.relation));
    ties
}
