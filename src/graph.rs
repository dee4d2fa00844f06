//! A validated dataset as a petgraph graph: one node per entity (in dataset order, so node
//! `i` is entity `i`), one directed edge per relation. Symmetric relations keep the
//! direction they were written in; queries decide whether direction matters.

use std::collections::HashMap;

use rustc_hash::FxHashMap;

use petgraph::graph::{DiGraph, NodeIndex};

use crate::model::{Dataset, Entity, EntityId, Relation};

/// Node and edge weights borrow the model: the graph adds structure, not copies.
pub(crate) type Graph<'d> = DiGraph<&'d Entity, &'d Relation>;

pub(crate) struct KnowledgeGraph<'d> {
    pub(crate) dataset: &'d Dataset,
    pub(crate) graph: Graph<'d>,
    /// Ids are copied in (inline, no allocation): comparing a key then reads the table
    /// alone, not the entity it points to, on the million lookups of a large build.
    by_id: FxHashMap<EntityId, NodeIndex>,
    /// Relations touching each node, either direction; counted once, as every path query
    /// and `stats` needs them.
    degrees: Vec<u32>,
}

impl<'d> KnowledgeGraph<'d> {
    /// Builds the graph. The dataset must have passed validation: every relation's ends exist.
    pub(crate) fn build(dataset: &'d Dataset) -> Self {
        let mut graph = Graph::with_capacity(dataset.entities.len(), dataset.relations.len());
        let mut by_id =
            FxHashMap::with_capacity_and_hasher(dataset.entities.len(), Default::default());
        for entity in &dataset.entities {
            by_id.insert(entity.id.value.clone(), graph.add_node(entity));
        }
        let mut degrees = vec![0u32; dataset.entities.len()];
        for relation in &dataset.relations {
            let from = by_id[relation.from.as_str()];
            let to = by_id[relation.to.as_str()];
            graph.add_edge(from, to, relation);
            degrees[from.index()] += 1;
            degrees[to.index()] += 1;
        }
        KnowledgeGraph {
            dataset,
            graph,
            by_id,
            degrees,
        }
    }

    pub(crate) fn node(&self, id: &str) -> Option<NodeIndex> {
        self.by_id.get(id).copied()
    }

    /// Number of relations touching a node, in either direction.
    pub(crate) fn degree(&self, node: NodeIndex) -> usize {
        self.degrees[node.index()] as usize
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
