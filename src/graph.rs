//! A validated dataset as a petgraph graph: one node per entity (in dataset order, so node
//! `i` is entity `i`), one directed edge per relation. Symmetric relations keep the
//! direction they were written in; queries decide whether direction matters.

use std::collections::HashMap;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};

use crate::model::{Dataset, Entity, EntityId, KindDef, Relation, RelationTypeDef};
use crate::parallel;

/// Relations whose ends are looked up together (1 MB of node pairs).
const ENDS_AT_ONCE: usize = 1 << 17;

/// Node and edge weights borrow the model: the graph adds structure, not copies.
pub(crate) type Graph<'d> = DiGraph<&'d Entity, &'d Relation>;

pub(crate) struct KnowledgeGraph<'d> {
    pub(crate) dataset: &'d Dataset,
    pub(crate) graph: Graph<'d>,
    /// Ids are copied in (inline, no allocation): comparing a key then reads the table
    /// alone, not the entity it points to, on the million lookups of a large build.
    by_id: FxHashMap<EntityId, NodeIndex>,
    /// Each node's degree and kind, side by side: a path search prices every entity it
    /// reaches by both, and reads them from one place in memory.
    nodes: Vec<NodeFacts>,
    /// What a search reads of each edge at every step, without reading its relation.
    edges: Vec<EdgeFacts>,
    /// Each node's relations side by side, built for the first search.
    adjacency: OnceLock<Adjacency>,
}

/// Each node's relations, not loops, as (edge, other end) in one array: out of the node,
/// then into it, each newest first, as petgraph lists them (so ties between equally cheap
/// paths break as before). petgraph keeps them as a linked list through its edge array,
/// and following it, a cache miss a relation, was most of a search on a million relations.
struct Adjacency {
    /// Node `n`'s relations out are `ties[starts[2n]..starts[2n + 1]]`, those in
    /// `ties[starts[2n + 1]..starts[2n + 2]]`.
    starts: Vec<u32>,
    ties: Vec<Tie>,
}

/// A relation of a node, and its other end.
pub(crate) type Tie = (EdgeIndex, NodeIndex);

impl Adjacency {
    fn build(graph: &Graph<'_>) -> Self {
        let mut starts = vec![0u32; 2 * graph.node_count() + 1];
        let not_loops = || {
            graph
                .raw_edges()
                .iter()
                .enumerate()
                .rev()
                .filter(|(_, e)| e.source() != e.target())
        };
        for (_, edge) in not_loops() {
            starts[2 * edge.source().index() + 1] += 1;
            starts[2 * edge.target().index() + 2] += 1;
        }
        for slot in 1..starts.len() {
            starts[slot] += starts[slot - 1];
        }
        let mut next = starts.clone();
        let mut ties =
            vec![(EdgeIndex::end(), NodeIndex::end()); starts[starts.len() - 1] as usize];
        for (index, edge) in not_loops() {
            let edge_index = EdgeIndex::new(index);
            for (slot, other) in [
                (2 * edge.source().index(), edge.target()),
                (2 * edge.target().index() + 1, edge.source()),
            ] {
                ties[next[slot] as usize] = (edge_index, other);
                next[slot] += 1;
            }
        }
        Adjacency { starts, ties }
    }
}

/// What path search needs to know of a relation without reading it.
#[derive(Clone, Copy)]
struct EdgeFacts {
    /// Its type, as its place in the schema's list (`None` for an undeclared type):
    /// looking it up by name was a fifth of a search's work.
    type_position: Option<u16>,
    /// Whether it is a claim: reading that from the relation, scattered in memory, was
    /// two thirds of a search's work on a million relations.
    claim: bool,
}

/// What path search needs to know of an entity without reading it.
#[derive(Clone, Copy)]
struct NodeFacts {
    /// Relations touching the node, either direction; counted once, as every path query
    /// and `stats` needs them.
    degree: u32,
    /// The node's kind, as its place in the schema's list (`None` for an undeclared kind):
    /// looking a kind up by name at every step was most of a search's work.
    kind: Option<u16>,
}

impl<'d> KnowledgeGraph<'d> {
    /// Builds the graph. The dataset must have passed validation: every relation's ends exist.
    pub(crate) fn build(dataset: &'d Dataset) -> Self {
        let mut graph = Graph::with_capacity(dataset.entities.len(), dataset.relations.len());
        let mut by_id =
            FxHashMap::with_capacity_and_hasher(dataset.entities.len(), Default::default());
        let mut nodes = Vec::with_capacity(dataset.entities.len());
        for entity in &dataset.entities {
            by_id.insert(entity.id.value.clone(), graph.add_node(entity));
            let kind = dataset.schema.kind_position(&entity.kind.value);
            nodes.push(NodeFacts {
                degree: 0,
                kind: kind.and_then(|position| u16::try_from(position).ok()),
            });
        }
        // The ends are looked up on every core, a slice of relations at a time so that the
        // lookups are never all held at once: two million lookups were most of the build.
        let node = |id: &EntityId| by_id[id.as_str()];
        let type_position = |relation: &Relation| {
            let position = dataset.schema.type_position(&relation.relation_type)?;
            u16::try_from(position).ok()
        };
        let mut edges = Vec::with_capacity(dataset.relations.len());
        for relations in dataset.relations.chunks(ENDS_AT_ONCE) {
            let ends = parallel::in_parts(relations, |part| {
                part.iter()
                    .map(|relation| {
                        let ends = [node(&relation.from), node(&relation.to)];
                        (ends, type_position(relation))
                    })
                    .collect::<Vec<_>>()
            });
            for (relation, ([from, to], position)) in
                relations.iter().zip(ends.into_iter().flatten())
            {
                graph.add_edge(from, to, relation);
                edges.push(EdgeFacts {
                    type_position: position,
                    claim: relation.is_claim(),
                });
                nodes[from.index()].degree += 1;
                nodes[to.index()].degree += 1;
            }
        }
        KnowledgeGraph {
            dataset,
            graph,
            by_id,
            nodes,
            edges,
            adjacency: OnceLock::new(),
        }
    }

    /// How the schema declares the type of `edge`'s relation (`None` for an undeclared type).
    pub(crate) fn relation_type(&self, edge: EdgeIndex) -> Option<&'d RelationTypeDef> {
        let position = self.edges[edge.index()].type_position?;
        self.dataset
            .schema
            .relation_types
            .get(usize::from(position))
    }

    /// `node`'s relations, loops left out, as (edge, other end): out of it (along the arrow)
    /// first, then into it, each newest first as petgraph lists them.
    pub(crate) fn ties(&self, node: NodeIndex) -> (&[Tie], &[Tie]) {
        let adjacency = self.adjacency.get_or_init(|| Adjacency::build(&self.graph));
        let at = |slot: usize| adjacency.starts[slot] as usize;
        let n = 2 * node.index();
        (
            &adjacency.ties[at(n)..at(n + 1)],
            &adjacency.ties[at(n + 1)..at(n + 2)],
        )
    }

    /// Whether `edge`'s relation is a claim a source reports (its `stance`).
    pub(crate) fn is_claim(&self, edge: EdgeIndex) -> bool {
        self.edges[edge.index()].claim
    }

    pub(crate) fn node(&self, id: &str) -> Option<NodeIndex> {
        self.by_id.get(id).copied()
    }

    /// Number of relations touching a node, in either direction.
    pub(crate) fn degree(&self, node: NodeIndex) -> usize {
        self.nodes[node.index()].degree as usize
    }

    /// The declared kind of a node's entity (`None` for an undeclared kind).
    pub(crate) fn kind(&self, node: NodeIndex) -> Option<&'d KindDef> {
        let position = self.nodes[node.index()].kind?;
        self.dataset.schema.kinds.get(usize::from(position))
    }

    /// Weakly connected components, largest first; each lists node indices in dataset order.
    pub(crate) fn components(&self) -> Vec<Vec<NodeIndex>> {
        let mut union = petgraph::unionfind::UnionFind::<usize>::new(self.graph.node_count());
        for edge in self.graph.raw_edges() {
            union.union(edge.source().index(), edge.target().index());
        }
        let mut groups: HashMap<usize, Vec<NodeIndex>> = HashMap::new();
        for node in self.graph.node_indices() {
            groups
                .entry(union.find(node.index()))
                .or_default()
                .push(node);
        }
        let mut components: Vec<Vec<NodeIndex>> = groups.into_values().collect();
        components.sort_by(|a, b| b.len().cmp(&a.len()).then(a[0].cmp(&b[0])));
        components
    }
}

#[cfg(test)]
mod tests {
    use petgraph::visit::EdgeRef;
    use petgraph::Direction;

    use super::{KnowledgeGraph, ENDS_AT_ONCE};
    use crate::model::{Dataset, Entity, EntityId, EvidenceList, KindId, Relation, Spanned};
    use crate::source::Span;
    use std::path::Path;

    /// More relations than are looked up at once, so the build works through several slices,
    /// each in parts on every core.
    #[test]
    fn every_edge_joins_its_relations_ends() {
        let mut dataset = Dataset::default();
        let file = dataset.files.add_unread(Path::new("data.yaml"));
        let span = Span::new(file, 0..0);
        let entities = 1_000;
        dataset.entities = (0..entities)
            .map(|i| Entity {
                id: Spanned {
                    value: EntityId::from(format!("E{i}")),
                    span,
                },
                name: Spanned {
                    value: format!("Entity {i}").into(),
                    span,
                },
                kind: Spanned {
                    value: KindId::from("person"),
                    span,
                },
                country: None,
                aliases: Vec::new(),
                description: None,
            })
            .collect();
        let end = |i: usize| EntityId::from(format!("E{}", i % entities));
        // The last relation is a loop, which no search follows.
        let count = ENDS_AT_ONCE * 2 + 5;
        dataset.relations = (0..count)
            .map(|i| Relation {
                from: end(i * 7),
                relation_type: "met".into(),
                to: end(if i + 1 == count { i * 7 } else { i * 13 + 1 }),
                date: None,
                end: None,
                details: None,
                evidence: EvidenceList::new(),
                span,
            })
            .collect();
        let graph = KnowledgeGraph::build(&dataset);
        assert_eq!(graph.graph.edge_count(), dataset.relations.len());
        for edge in graph.graph.raw_edges() {
            let relation = edge.weight;
            assert_eq!(graph.graph[edge.source()].id.value, relation.from);
            assert_eq!(graph.graph[edge.target()].id.value, relation.to);
        }
        let degrees: usize = graph.graph.node_indices().map(|n| graph.degree(n)).sum();
        assert_eq!(degrees, 2 * dataset.relations.len());
        // Each node's ties are petgraph's own lists, in petgraph's order, loops left out.
        for node in graph.graph.node_indices() {
            let listed = |direction| {
                graph
                    .graph
                    .edges_directed(node, direction)
                    .filter(|edge| edge.source() != edge.target())
                    .map(|edge| {
                        let other = if edge.source() == node {
                            edge.target()
                        } else {
                            edge.source()
                        };
                        (edge.id(), other)
                    })
                    .collect::<Vec<_>>()
            };
            let (out, into) = graph.ties(node);
            assert_eq!(out, listed(Direction::Outgoing), "{node:?}");
            assert_eq!(into, listed(Direction::Incoming), "{node:?}");
        }
    }
}
