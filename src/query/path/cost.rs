//! What a path costs, charge by charge: each hop its relation type's `weight` (plus the
//! schema's claim penalty when it is a claim); each entity passed through its hub penalty
//! `ln(1 + degree)²` times a factor, half of which comes from each tie on either side of
//! it: 1 from a direct tie (a fact whose type weighs at most the schema's `direct_weight`)
//! that the entity acts in (as its source, or either end of a symmetric type), its kind's
//! `through` factor from any other. So a country that built the one thing and signed the
//! other is passed as an actor, at its bare hub penalty, while a country two people lead,
//! or two things are merely in, is a coincidence, at its kind's factor. With `--plain`, one a hop
//! and nothing else. The search sums these charges and `path --explain` lists them, so the
//! two cannot disagree. This module prices; it must not search or word anything.

use petgraph::graph::{EdgeIndex, NodeIndex};

use crate::graph::KnowledgeGraph;
use crate::model::RelationTypeDef;

/// One term of a path's cost.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Charge {
    /// A hop over `edge`: its type's weight, plus the claim penalty for a claim (0 for a
    /// fact); `direct` when it is a direct tie, for the ends `acting` in it.
    Hop {
        edge: EdgeIndex,
        weight: f64,
        claim_penalty: f64,
        direct: bool,
        acting: Acting,
    },
    /// Passing through `node`, where `ties` of the answer meet (two on a path; in a tree,
    /// `connect`'s, any number), `direct` of them direct ties it acts in: its hub
    /// penalty `ln(1 + degree)²` times half a factor for each tie, 1 for such a one and its kind's
    /// `kind_factor` for any other.
    Through {
        node: NodeIndex,
        kind_factor: f64,
        degree: usize,
        hub_penalty: f64,
        ties: usize,
        direct: usize,
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
            Charge::Through { hub_penalty, .. } => hub_penalty * self.factor(),
        }
    }

    /// What the hub penalty of an entity passed through is multiplied by (1 for a hop).
    pub(crate) fn factor(self) -> f64 {
        match self {
            Charge::Hop { .. } => 1.0,
            Charge::Through {
                kind_factor,
                ties,
                direct,
                ..
            } => (direct as f64 + (ties - direct) as f64 * kind_factor) / 2.0,
        }
    }

    /// Whether this is a hop over a direct tie that `node`, one of its ends, acts in.
    pub(crate) fn is_direct_at(self, node: NodeIndex) -> bool {
        matches!(self, Charge::Hop { direct: true, acting, .. } if acting.includes(node))
    }
}

/// The ends that act in a tie: its source (who leads, signs, builds), or both ends of a
/// symmetric type (the two who met) or of a joint one (what two founded, with them). A direct tie is direct only for them: a country two
/// people lead is what they lead, not an actor between them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Acting {
    Source(NodeIndex),
    Both,
}

impl Acting {
    fn includes(self, node: NodeIndex) -> bool {
        match self {
            Acting::Source(source) => source == node,
            Acting::Both => true,
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

    /// A hop over `edge`: with `--plain` a weight of one, no claim penalty, never direct.
    pub(crate) fn hop(&self, edge: EdgeIndex) -> Charge {
        let (source, _) = self.graph.graph.edge_endpoints(edge).expect("edge");
        self.hop_of(edge, self.graph.relation_type(edge), source)
    }

    /// [`Costs::hop`] for a caller that has looked up the relation's type `def` and knows
    /// its `source` already: a search meets each tie from one of its ends, and reading the
    /// ends from petgraph, a cache miss a step, was most of a `-k 100 --plain` search.
    pub(crate) fn hop_of(
        &self,
        edge: EdgeIndex,
        def: Option<&RelationTypeDef>,
        source: NodeIndex,
    ) -> Charge {
        let costs = self.graph.dataset.schema.path_costs();
        let (weight, claim_penalty, direct) = match (self.plain, self.graph.is_claim(edge)) {
            (true, _) => (1.0, 0.0, false),
            (false, claim) => {
                let weight = def.map_or(1.0, |def| def.weight);
                let penalty = if claim { costs.claim_penalty } else { 0.0 };
                (weight, penalty, costs.is_direct(weight, claim))
            }
        };
        // A joint act's target is where its doers meet (the thing two people founded):
        // passed between them, it is priced as an actor, not by its kind.
        let acting = match def {
            Some(def) if def.symmetric || def.joint => Acting::Both,
            _ => Acting::Source(source),
        };
        Charge::Hop {
            edge,
            weight,
            claim_penalty,
            direct,
            acting,
        }
    }

    /// Passing through `node` between ties that are direct or not, as priced without
    /// `--plain`.
    pub(crate) fn through(&self, node: NodeIndex, ties: impl IntoIterator<Item = bool>) -> Charge {
        let degree = self.graph.degree(node);
        let (ties, direct) = ties.into_iter().fold((0, 0), |(ties, direct), is| {
            (ties + 1, direct + usize::from(is))
        });
        Charge::Through {
            node,
            kind_factor: self.graph.kind(node).map_or(1.0, |kind| kind.through),
            degree,
            hub_penalty: (1.0 + degree as f64).ln().powi(2),
            ties,
            direct,
        }
    }

    /// The half of passing through `node` that one tie to it brings, `direct` or not
    /// (nothing with `--plain`): the search adds it at each end of every step.
    pub(crate) fn half(&self, node: NodeIndex, direct: bool) -> f64 {
        if self.plain {
            0.0
        } else {
            self.through(node, [direct]).cost()
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
        let hops: Vec<Charge> = edges.iter().map(|edge| self.hop(*edge)).collect();
        (0..hops.len()).flat_map(move |index| {
            let inner = (!self.plain && index + 1 < hops.len()).then(|| {
                let node = nodes[index + 1];
                let ties = [hops[index], hops[index + 1]].map(|hop| hop.is_direct_at(node));
                self.through(node, ties)
            });
            std::iter::once(hops[index]).chain(inner)
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

    use super::{Acting, Charge, Costs};
    use crate::graph::KnowledgeGraph;
    use crate::query::path::tests::{claimed, dataset, people, tie, PERSON, PLACE};

    fn hop(edge: usize, weight: f64, claim_penalty: f64, direct: bool, acting: Acting) -> Charge {
        Charge::Hop {
            edge: EdgeIndex::new(edge),
            weight,
            claim_penalty,
            direct,
            acting,
        }
    }

    /// `met` weighs 1 and `signed` 1.5 in the test schema, `visited` 3; a claim pays the
    /// default claim penalty of 4 on top; only a fact weighing at most the default
    /// `direct_weight` of 1 is direct; `--plain` charges one a hop whatever it is.
    #[test]
    fn a_hop_costs_its_type_weight_and_a_claim_the_penalty_more() {
        let ties = [
            tie(0, "met", 1),
            tie(1, "signed", 2),
            claimed(tie(1, "visited", 2)),
            claimed(tie(0, "met", 1)),
        ];
        let dataset = dataset(&people(3), &ties);
        let graph = KnowledgeGraph::build(&dataset);
        let costs = Costs::new(&graph, false);
        let charges: Vec<Charge> = (0..4).map(|e| costs.hop(EdgeIndex::new(e))).collect();
        let source = Acting::Source(NodeIndex::new(1));
        let expected = [
            hop(0, 1.0, 0.0, true, Acting::Both),
            hop(1, 1.5, 0.0, false, source),
            hop(2, 3.0, 4.0, false, source),
            hop(3, 1.0, 4.0, false, Acting::Both),
        ];
        assert_eq!(charges, expected);
        assert_eq!(charges[2].cost(), 7.0);
        let plain = Costs::new(&graph, true);
        for (edge, charge) in expected.iter().enumerate() {
            let Charge::Hop { acting, .. } = *charge else {
                unreachable!("a hop")
            };
            let expected = hop(edge, 1.0, 0.0, false, acting);
            assert_eq!(plain.hop(EdgeIndex::new(edge)), expected);
        }
    }

    /// A place (factor 4 in the test schema) with two relations, between two people:
    /// between two direct ties (`met`) it is passed at its bare hub penalty `ln(3)²`;
    /// between a direct tie and a `visited` it pays half of 1 and half of 4; between two
    /// visits its kind's factor whole. The ends are never charged; `--plain` charges no
    /// entity.
    #[test]
    fn passing_through_costs_the_hub_penalty_times_a_factor_from_each_tie() {
        let (a, place, b) = (0, 1, 2);
        let hub_penalty = 3f64.ln().powi(2);
        let nodes = [a, place, b].map(NodeIndex::new);
        let edges = [EdgeIndex::new(0), EdgeIndex::new(1)];
        for (types, direct, factor) in [
            (["met", "met"], 2, 1.0),
            (["met", "visited"], 1, 2.5),
            (["visited", "visited"], 0, 4.0),
        ] {
            let ties = [tie(a, types[0], place), tie(b, types[1], place)];
            let dataset = dataset(&[PERSON, PLACE, PERSON], &ties);
            let graph = KnowledgeGraph::build(&dataset);
            let costs = Costs::new(&graph, false);
            let charges: Vec<Charge> = costs.charges(&nodes, &edges).collect();
            let through = Charge::Through {
                node: NodeIndex::new(place),
                kind_factor: 4.0,
                degree: 2,
                hub_penalty,
                ties: 2,
                direct,
            };
            assert_eq!(charges[1], through, "{types:?}");
            assert_eq!(through.factor(), factor, "{types:?}");
            let hops = charges[0].cost() + charges[2].cost();
            assert!((costs.total(&nodes, &edges) - hops - factor * hub_penalty).abs() < 1e-12);
            let halves: f64 = [charges[0], charges[2]]
                .map(|charge| {
                    let place = NodeIndex::new(place);
                    costs.half(place, charge.is_direct_at(place))
                })
                .iter()
                .sum();
            assert!((halves - factor * hub_penalty).abs() < 1e-12, "{types:?}");
            let plain = Costs::new(&graph, true);
            assert_eq!(plain.charges(&nodes, &edges).count(), 2);
            assert_eq!(plain.half(NodeIndex::new(place), true), 0.0);
        }
    }

    /// A direct tie is direct only for the ends that act in it: a place (factor 4) that two
    /// people lead (`leads` weighs 1, a direct type) is passed at its kind's factor, as a
    /// coincidence; one that leads both, at its bare hub penalty; either end of a `met`
    /// acts in it.
    #[test]
    fn a_direct_tie_is_direct_only_for_its_source_or_either_end_of_a_symmetric_type() {
        let (a, place, b) = (0, 1, 2);
        let nodes = [a, place, b].map(NodeIndex::new);
        let edges = [EdgeIndex::new(0), EdgeIndex::new(1)];
        for (ties, direct, factor) in [
            ([tie(a, "leads", place), tie(b, "leads", place)], 0, 4.0),
            ([tie(place, "leads", a), tie(b, "leads", place)], 1, 2.5),
            ([tie(place, "leads", a), tie(place, "leads", b)], 2, 1.0),
            ([tie(place, "met", a), tie(b, "met", place)], 2, 1.0),
        ] {
            let dataset = dataset(&[PERSON, PLACE, PERSON], &ties);
            let graph = KnowledgeGraph::build(&dataset);
            let costs = Costs::new(&graph, false);
            let charges: Vec<Charge> = costs.charges(&nodes, &edges).collect();
            let Charge::Through { direct: found, .. } = charges[1] else {
                unreachable!("a pass-through")
            };
            assert_eq!((found, charges[1].factor()), (direct, factor), "{ties:?}");
            for (charge, tie) in [charges[0], charges[2]].iter().zip(&ties) {
                let other = NodeIndex::new(if tie.from == place { tie.to } else { tie.from });
                assert_eq!(
                    charge.is_direct_at(other),
                    tie.from != place || tie.relation_type == "met"
                );
            }
        }
    }
}
