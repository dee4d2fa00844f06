//! What a path costs, charge by charge: each hop its relation type's `weight` (plus the
//! schema's claim penalty when it is a claim), each entity passed through its kind's
//! `through` factor times its hub penalty `ln(1 + degree)²`; with `--plain`, one a hop and
//! nothing else. The search sums these charges and `path --explain` lists them, so the two
//! cannot disagree. This module prices; it must not search or word anything.

use petgraph::graph::{EdgeIndex, NodeIndex};

use crate::graph::KnowledgeGraph;
use crate::model::RelationTypeDef;

/// One term of a path's cost.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Charge {
    /// A hop over `edge`: its type's weight, plus the claim penalty for a claim (0 for a
    /// fact).
    Hop {
        edge: EdgeIndex,
        weight: f64,
        claim_penalty: f64,
    },
    /// Passing through `node`: its kind's factor times `ln(1 + degree)²`, once for a path;
    /// in a tree (`connect`), half that for each of its `ties` in the tree, so a chain
    /// through it pays once and a fork of three one and a half times.
    Through {
        node: NodeIndex,
        factor: f64,
        degree: usize,
        hub_penalty: f64,
        ties: usize,
    },
}

impl Charge {
    pub(crate) fn cost(self) -> f64 {
        match self {
            Charge::Hop {
                weight,
                claim_penalty,
                ..
            } => weight + claim_penalty,
            Charge::Through {
                factor,
                hub_penalty,
                ties,
                ..
            } => factor * hub_penalty * ties as f64 / 2.0,
        }
    }
}

/// The prices of one graph under one ranking (`plain` or not).
#[derive(Clone, Copy)]
pub(crate) struct Costs<'g, 'd> {
    graph: &'g KnowledgeGraph<'d>,
    plain: bool,
}

impl<'g, 'd> Costs<'g, 'd> {
    pub(crate) fn new(graph: &'g KnowledgeGraph<'d>, plain: bool) -> Self {
        Costs { graph, plain }
    }

    /// A hop over `edge`: with `--plain` a weight of one and no claim penalty.
    pub(crate) fn hop(&self, edge: EdgeIndex) -> Charge {
        let schema = &self.graph.dataset.schema;
        self.hop_of(
            edge,
            schema.relation_type(&self.graph.graph[edge].relation_type),
        )
    }

    /// [`Costs::hop`] for a caller that has looked up the relation's type `def` already.
    pub(crate) fn hop_of(&self, edge: EdgeIndex, def: Option<&RelationTypeDef>) -> Charge {
        let relation = self.graph.graph[edge];
        let (weight, claim_penalty) = match (self.plain, relation.is_claim()) {
            (true, _) => (1.0, 0.0),
            (false, claim) => (
                def.map_or(1.0, |def| def.weight),
                if claim {
                    self.graph.dataset.schema.path_costs().claim_penalty
                } else {
                    0.0
                },
            ),
        };
        Charge::Hop {
            edge,
            weight,
            claim_penalty,
        }
    }

    /// Passing through `node` on a path, as priced without `--plain`.
    fn through(&self, node: NodeIndex) -> Charge {
        self.through_tree(node, 2)
    }

    /// Passing through `node` with `ties` of a tree meeting there, as priced without
    /// `--plain`.
    pub(crate) fn through_tree(&self, node: NodeIndex, ties: usize) -> Charge {
        let degree = self.graph.degree(node);
        Charge::Through {
            node,
            factor: self.graph.kind(node).map_or(1.0, |kind| kind.through),
            degree,
            hub_penalty: (1.0 + degree as f64).ln().powi(2),
            ties,
        }
    }

    /// What passing through `node` costs (nothing with `--plain`).
    pub(crate) fn pass(&self, node: NodeIndex) -> f64 {
        if self.plain {
            0.0
        } else {
            self.through(node).cost()
        }
    }

    /// Whether ranking is by hops alone (`--plain`), which charges nothing for entities.
    pub(crate) fn plain(&self) -> bool {
        self.plain
    }

    /// A path's charges in order, hop, through, hop, ..., hop (no through charges with
    /// `--plain`); `nodes` has one more entry than `edges`, and its ends are not passed
    /// through.
    pub(crate) fn charges<'a>(
        &'a self,
        nodes: &'a [NodeIndex],
        edges: &'a [EdgeIndex],
    ) -> impl Iterator<Item = Charge> + 'a {
        edges.iter().enumerate().flat_map(move |(index, edge)| {
            let inner = nodes
                .get(index + 1)
                .filter(|_| !self.plain && index + 1 < edges.len());
            std::iter::once(self.hop(*edge)).chain(inner.map(|node| self.through(*node)))
        })
    }

    /// The sum of a path's charges.
    pub(crate) fn total(&self, nodes: &[NodeIndex], edges: &[EdgeIndex]) -> f64 {
        self.charges(nodes, edges).map(Charge::cost).sum()
    }
}

#[cfg(test)]
mod tests {
    use petgraph::graph::{EdgeIndex, NodeIndex};

    use super::{Charge, Costs};
    use crate::graph::KnowledgeGraph;
    use crate::query::path::tests::{claimed, dataset, diamond, people, tie, PERSON, PLACE};

    fn hop(edge: usize, weight: f64, claim_penalty: f64) -> Charge {
        Charge::Hop {
            edge: EdgeIndex::new(edge),
            weight,
            claim_penalty,
        }
    }

    /// `met` weighs 1 and `signed` 1.5 in the test schema, `visited` 3; a claim pays the
    /// default claim penalty of 4 on top; `--plain` charges one a hop whatever it is.
    #[test]
    fn a_hop_costs_its_type_weight_and_a_claim_the_penalty_more() {
        let ties = [
            tie(0, "met", 1),
            tie(1, "signed", 2),
            claimed(tie(1, "visited", 2)),
        ];
        let dataset = dataset(&people(3), &ties);
        let graph = KnowledgeGraph::build(&dataset);
        let costs = Costs::new(&graph, false);
        let charges: Vec<Charge> = (0..3).map(|e| costs.hop(EdgeIndex::new(e))).collect();
        assert_eq!(
            charges,
            [hop(0, 1.0, 0.0), hop(1, 1.5, 0.0), hop(2, 3.0, 4.0)]
        );
        assert_eq!(charges[2].cost(), 7.0);
        let plain = Costs::new(&graph, true);
        for edge in 0..3 {
            assert_eq!(plain.hop(EdgeIndex::new(edge)), hop(edge, 1.0, 0.0));
        }
    }

    /// A place (factor 4 in the test schema) and a person (1), each with two relations,
    /// between the same two people: passing through the place costs four times its hub
    /// penalty `ln(3)²`, the person once; the ends are never charged.
    #[test]
    fn passing_through_costs_the_kind_factor_times_the_hub_penalty() {
        let (a, place, b, person) = (0, 1, 2, 3);
        let ties = diamond();
        let dataset = dataset(&[PERSON, PLACE, PERSON, PERSON], &ties);
        let graph = KnowledgeGraph::build(&dataset);
        let costs = Costs::new(&graph, false);
        let hub_penalty = 3f64.ln().powi(2);
        let via_place = [a, place, b].map(NodeIndex::new);
        let edges = [EdgeIndex::new(0), EdgeIndex::new(1)];
        let charges: Vec<Charge> = costs.charges(&via_place, &edges).collect();
        let through = Charge::Through {
            node: NodeIndex::new(place),
            factor: 4.0,
            degree: 2,
            hub_penalty,
            ties: 2,
        };
        assert_eq!(charges, [hop(0, 1.0, 0.0), through, hop(1, 1.0, 0.0)]);
        assert_eq!(costs.total(&via_place, &edges), 2.0 + 4.0 * hub_penalty);
        assert_eq!(costs.pass(NodeIndex::new(person)), hub_penalty);
        let plain = Costs::new(&graph, true);
        let charges: Vec<Charge> = plain.charges(&via_place, &edges).collect();
        assert_eq!(charges, [hop(0, 1.0, 0.0), hop(1, 1.0, 0.0)]);
        assert_eq!(plain.pass(NodeIndex::new(place)), 0.0);
    }
}
