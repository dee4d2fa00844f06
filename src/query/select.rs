//! Choosing part of the graph to draw: by relation type, entity kind, country, time, or the
//! neighbourhood of one entity (`export` and `render` select through here), or what lies
//! around path answers (`path --format dot`).
//!
//! A relation is kept when its type, theme (the `relations/` file it is in) and time pass and
//! both ends pass the entity filters (kinds, exclusions); `country` keeps relations with at least one end in that country. With
//! `focus`, only what lies within `depth` hops of the focus over the kept relations remains.
//! When any filter is set, entities left without a relation are dropped, so a view shows what
//! it is about; with no filter everything is shown.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet, VecDeque};

use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;

use crate::graph::KnowledgeGraph;
use crate::model::{CountryCode, Entity, KindId, Relation, RelationType, Theme};
use crate::query::time::TimeFilter;

#[derive(Debug, Clone, Default)]
pub(crate) struct Selection {
    pub(crate) focus: Option<NodeIndex>,
    pub(crate) depth: usize,
    pub(crate) kinds: Vec<KindId>,
    pub(crate) types: Vec<RelationType>,
    pub(crate) themes: Vec<Theme>,
    pub(crate) exclude: Vec<NodeIndex>,
    pub(crate) country: Option<CountryCode>,
    pub(crate) time: TimeFilter,
}

impl Selection {
    fn is_empty(&self) -> bool {
        self.focus.is_none()
            && self.kinds.is_empty()
            && self.types.is_empty()
            && self.themes.is_empty()
            && self.exclude.is_empty()
            && self.country.is_none()
            && self.time.is_empty()
    }

    /// The filters in force as a user would type them, for titles (`--types signed`).
    pub(crate) fn describe(&self, graph: &KnowledgeGraph<'_>) -> Vec<String> {
        let join = |items: Vec<&str>| items.join(",");
        let mut parts = Vec::new();
        if let Some(focus) = self.focus {
            parts.push(format!(
                "--focus {} --depth {}",
                graph.graph[focus].id.value, self.depth
            ));
        }
        if !self.kinds.is_empty() {
            parts.push(format!(
                "--kinds {}",
                join(self.kinds.iter().map(KindId::as_str).collect())
            ));
        }
        if !self.types.is_empty() {
            parts.push(format!(
                "--types {}",
                join(self.types.iter().map(RelationType::as_str).collect())
            ));
        }
        if !self.themes.is_empty() {
            parts.push(format!(
                "--themes {}",
                join(self.themes.iter().map(Theme::as_str).collect())
            ));
        }
        if !self.exclude.is_empty() {
            parts.push(format!(
                "--exclude {}",
                join(
                    self.exclude
                        .iter()
                        .map(|n| graph.graph[*n].id.value.as_str())
                        .collect()
                )
            ));
        }
        if let Some(country) = &self.country {
            parts.push(format!("--country {country}"));
        }
        parts.extend(self.time.describe());
        parts
    }

    /// The entities (in dataset order) and relations (in dataset order) this selection keeps.
    pub(crate) fn apply<'d>(
        &self,
        graph: &KnowledgeGraph<'d>,
    ) -> (Vec<&'d Entity>, Vec<&'d Relation>) {
        let (edges, reached) = self.kept(graph);
        let nodes: HashSet<NodeIndex> = match reached {
            Some(reached) => reached.into_keys().collect(),
            None if self.is_empty() => graph.graph.node_indices().collect(),
            None => edges.iter().flat_map(|edge| ends(graph, *edge)).collect(),
        };
        let entities = graph
            .graph
            .node_indices()
            .filter(|node| nodes.contains(node))
            .map(|node| graph.graph[node])
            .collect();
        let relations = edges.into_iter().map(|edge| graph.graph[edge]).collect();
        (entities, relations)
    }

    /// The relations this selection keeps (in dataset order) and, with a focus, each entity
    /// within `depth` hops of it over them, with its distance: what `export --focus` draws
    /// and `neighbors` lists, so the two agree.
    pub(crate) fn kept(
        &self,
        graph: &KnowledgeGraph<'_>,
    ) -> (Vec<EdgeIndex>, Option<HashMap<NodeIndex, usize>>) {
        let excluded: HashSet<NodeIndex> = self.exclude.iter().copied().collect();
        let entity_passes = |node: NodeIndex| {
            !excluded.contains(&node)
                && (self.kinds.is_empty() || self.kinds.contains(&graph.graph[node].kind.value))
        };
        let in_country = |node: NodeIndex| {
            self.country.as_ref().is_none_or(|code| {
                graph.graph[node]
                    .country
                    .as_ref()
                    .is_some_and(|c| c.value == *code)
            })
        };
        let mut kept: Vec<EdgeIndex> = graph
            .graph
            .edge_references()
            .filter(|edge| {
                let relation = *edge.weight();
                (self.types.is_empty() || self.types.contains(&relation.relation_type))
                    && (self.themes.is_empty()
                        || self
                            .themes
                            .iter()
                            .any(|theme| theme.as_str() == graph.dataset.theme_of(relation)))
                    && self.time.admits(
                        relation,
                        graph.dataset.schema.time_kind(&relation.relation_type),
                    )
                    && entity_passes(edge.source())
                    && entity_passes(edge.target())
                    && (in_country(edge.source()) || in_country(edge.target()))
            })
            .map(|edge| edge.id())
            .collect();
        let Some(focus) = self.focus else {
            return (kept, None);
        };
        let mut adjacent: Vec<Vec<NodeIndex>> = vec![Vec::new(); graph.graph.node_count()];
        for edge in &kept {
            let [a, b] = ends(graph, *edge);
            adjacent[a.index()].push(b);
            adjacent[b.index()].push(a);
        }
        let mut reached = HashMap::from([(focus, 0)]);
        let mut queue = VecDeque::from([(focus, 0)]);
        while let Some((node, distance)) = queue.pop_front() {
            if distance == self.depth {
                continue;
            }
            for &next in &adjacent[node.index()] {
                if let Entry::Vacant(entry) = reached.entry(next) {
                    entry.insert(distance + 1);
                    queue.push_back((next, distance + 1));
                }
            }
        }
        kept.retain(|edge| {
            ends(graph, *edge)
                .iter()
                .all(|end| reached.contains_key(end))
        });
        (kept, Some(reached))
    }
}

/// A relation's two ends, from and to.
fn ends(graph: &KnowledgeGraph<'_>, edge: EdgeIndex) -> [NodeIndex; 2] {
    let (from, to) = graph
        .graph
        .edge_endpoints(edge)
        .expect("edge of this graph");
    [from, to]
}

/// Above this many relations an entity is a hub: its other neighbours would bury a path, so
/// only the path's own relations are drawn around it.
const NEIGHBOURHOOD_LIMIT: usize = 12;

/// What to draw around answers (paths, trees) made of the entities `on_path` and the
/// relations `path_edges`: those, and each non-hub entity's ties to its neighbours; not the
/// ties among those neighbours, which would bury the answer. Entities and relations in
/// dataset order.
pub(crate) fn around<'d>(
    graph: &KnowledgeGraph<'d>,
    on_path: &HashSet<NodeIndex>,
    path_edges: &HashSet<EdgeIndex>,
) -> (Vec<&'d Entity>, Vec<&'d Relation>) {
    let mut included = on_path.clone();
    for node in on_path {
        if graph.degree(*node) <= NEIGHBOURHOOD_LIMIT {
            included.extend(graph.graph.neighbors_undirected(*node));
        }
    }
    let entities = graph
        .graph
        .node_indices()
        .filter(|n| included.contains(n))
        .map(|n| graph.graph[n])
        .collect();
    let own_tie = |end: NodeIndex, other: NodeIndex| {
        on_path.contains(&end)
            && graph.degree(end) <= NEIGHBOURHOOD_LIMIT
            && included.contains(&other)
    };
    let relations = graph
        .graph
        .edge_references()
        .filter(|e| {
            path_edges.contains(&e.id())
                || own_tie(e.source(), e.target())
                || own_tie(e.target(), e.source())
        })
        .map(|e| *e.weight())
        .collect();
    (entities, relations)
}
