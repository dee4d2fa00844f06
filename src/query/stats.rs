//! `stats`: counts by kind and relation type, connectivity, the most connected entities.

use std::collections::BTreeMap;

use petgraph::graph::NodeIndex;

use crate::graph::KnowledgeGraph;

/// What `stats` reports, before it is formatted.
pub(crate) struct Stats<'d> {
    pub(crate) kinds: BTreeMap<&'d str, usize>,
    pub(crate) relation_types: BTreeMap<&'d str, usize>,
    pub(crate) components: usize,
    pub(crate) largest_component: usize,
    /// (node, degree), highest degree first.
    pub(crate) most_connected: Vec<(NodeIndex, usize)>,
}

/// Counts the graph, listing the `top` most connected entities.
pub(crate) fn stats<'d>(graph: &KnowledgeGraph<'d>, top: usize) -> Stats<'d> {
    let dataset = graph.dataset;
    let mut kinds = BTreeMap::new();
    for entity in &dataset.entities {
        *kinds.entry(entity.kind.value.as_str()).or_insert(0) += 1;
    }
    let mut relation_types = BTreeMap::new();
    for relation in &dataset.relations {
        *relation_types
            .entry(relation.relation_type.as_str())
            .or_insert(0) += 1;
    }
    let components = graph.components();
    let mut by_degree: Vec<_> = graph
        .graph
        .node_indices()
        .map(|n| (n, graph.degree(n)))
        .collect();
    // Highest degree first; ties in dataset order, so the list is stable.
    by_degree.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    by_degree.truncate(top);
    Stats {
        kinds,
        relation_types,
        components: components.len(),
        largest_component: components.first().map_or(0, Vec::len),
        most_connected: by_degree,
    }
}
