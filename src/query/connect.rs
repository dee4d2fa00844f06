//! How are several entities connected? The cheapest set of ties joining them all: a
//! Steiner tree, approximated within twice the best (Kou, Markowsky and Berman's
//! shortest-path heuristic) over exactly the path search's costs and filters.
//!
//! **Cost.** A tree costs what its ties cost as the path search charges them: each relation
//! its hop (type weight, claim penalty), plus the half of passing through each of its ends
//! that it brings (the hub penalty times half of 1 for a direct tie that end acts in, of
//! the kind's factor otherwise), nothing for the entities named. So an entity the tree passes through pays its
//! pass-through charge once for a chain through it and one and a half times for a fork of
//! three: a hub where many branches meet is a coincidence many times over. With two
//! entities the tree is the path and costs what `path` says.
//!
//! **Search.** (1) The cheapest link between every two of the named entities (the path
//! search, with all of them as its ends); (2) a minimum spanning tree over the named
//! entities, links as edges; (3) the union of its links' relations; (4) a minimum spanning
//! tree of that union; (5) leaves that are not named are cut, until none is left. That is at
//! most `2 (1 − 1/n)` times the cheapest tree for `n` entities, and the cheapest on a graph
//! that is itself a tree. `--max-hops` bounds each link of step 1.

use std::collections::{BTreeSet, HashMap};

use petgraph::graph::{EdgeIndex, NodeIndex};

use crate::graph::KnowledgeGraph;
use crate::query::path::{
    held_in_turn, joint_act, of_coincidence_kind, Charge, Links, PathOptions,
};

/// The ties joining the named entities.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Tree {
    /// The named entities, in the order given.
    pub(crate) named: Vec<NodeIndex>,
    /// Each tie as read from the tree's first entity outwards: the entity it is read from
    /// (already reached) and the relation. Depth first, in data order among siblings.
    pub(crate) hops: Vec<(NodeIndex, EdgeIndex)>,
    /// The entities of the tree, in the order the hops reach them (the first named first).
    pub(crate) nodes: Vec<NodeIndex>,
    /// What its ties cost (see the module docs).
    pub(crate) cost: f64,
}

impl Tree {
    /// The entities the tree passes as a coincidence, in the order it reaches them: as on a
    /// path ([`coincidences`](super::path::coincidences)), one of a coincidence kind, or a
    /// body that two of its ties hold at times that do not meet; a named entity is never one.
    pub(crate) fn coincidences(&self, graph: &KnowledgeGraph<'_>) -> Vec<NodeIndex> {
        let ties_at = |node: NodeIndex| -> Vec<EdgeIndex> {
            let touches = |edge: &EdgeIndex| {
                graph
                    .graph
                    .edge_endpoints(*edge)
                    .is_some_and(|(from, to)| from == node || to == node)
            };
            self.hops
                .iter()
                .map(|(_, edge)| *edge)
                .filter(touches)
                .collect()
        };
        self.nodes
            .iter()
            .copied()
            .filter(|node| !self.named.contains(node))
            .filter(|&node| {
                let ties = ties_at(node);
                (of_coincidence_kind(graph, node) && !joint_act(graph, node, &ties))
                    || held_in_turn(graph, node, &ties)
            })
            .collect()
    }
}

/// Some named entities cannot be joined to the first under the filters.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Apart {
    /// The named entities the first can be joined to (itself included), in the order given.
    pub(crate) joined: Vec<NodeIndex>,
    /// Those it cannot.
    pub(crate) apart: Vec<NodeIndex>,
}

/// The cheapest tree found joining every entity of `named` (distinct, at least one) under
/// `options` (its `directed` and `chronological` are for paths and must be off).
pub(crate) fn connect(
    graph: &KnowledgeGraph<'_>,
    named: &[NodeIndex],
    options: &PathOptions,
) -> Result<Tree, Apart> {
    let links = Links::new(graph, options, named.to_vec());
    let count = named.len();
    let mut between: HashMap<(usize, usize), (Vec<EdgeIndex>, f64)> = HashMap::new();
    for a in 0..count {
        for b in a + 1..count {
            if let Some((nodes, edges)) = links.cheapest(named[a], named[b]) {
                let cost = nodes
                    .windows(2)
                    .zip(&edges)
                    .map(|(pair, edge)| links.step(pair[0], *edge, pair[1]))
                    .sum();
                between.insert((a, b), (edges, cost));
            }
        }
    }
    // Prim's algorithm over the named entities, each link an edge.
    let mut joined = vec![false; count];
    joined[0] = true;
    let mut relations: BTreeSet<EdgeIndex> = BTreeSet::new();
    for _ in 1..count {
        let next = (0..count)
            .filter(|&a| joined[a])
            .flat_map(|a| (0..count).filter(|&b| !joined[b]).map(move |b| (a, b)))
            .filter_map(|(a, b)| {
                let link = between.get(&(a.min(b), a.max(b)))?;
                Some((link.1, b, &link.0))
            })
            .min_by(|x, y| x.0.total_cmp(&y.0).then(x.1.cmp(&y.1)));
        let Some((_, b, edges)) = next else { break };
        joined[b] = true;
        relations.extend(edges.iter().copied());
    }
    if joined.contains(&false) {
        let (joined, apart): (Vec<_>, Vec<_>) = (0..count).partition(|&i| joined[i]);
        return Err(Apart {
            joined: joined.into_iter().map(|i| named[i]).collect(),
            apart: apart.into_iter().map(|i| named[i]).collect(),
        });
    }
    let step = |edge: EdgeIndex| {
        let (a, b) = graph
            .graph
            .edge_endpoints(edge)
            .expect("edge of this graph");
        links.step(a, edge, b)
    };
    let kept = prune(graph, named, spanning(graph, relations, step));
    let cost = kept.iter().map(|&edge| step(edge)).sum();
    let (hops, nodes) = depth_first(graph, named[0], &kept);
    Ok(Tree {
        named: named.to_vec(),
        hops,
        nodes,
        cost,
    })
}

/// A minimum spanning forest of `relations` (Kruskal's algorithm), cheapest by `step`
/// first and in data order among equals.
fn spanning(
    graph: &KnowledgeGraph<'_>,
    relations: BTreeSet<EdgeIndex>,
    step: impl Fn(EdgeIndex) -> f64,
) -> Vec<EdgeIndex> {
    let mut sorted: Vec<(f64, EdgeIndex)> = relations.into_iter().map(|e| (step(e), e)).collect();
    sorted.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let mut parent: HashMap<NodeIndex, NodeIndex> = HashMap::new();
    fn root(parent: &mut HashMap<NodeIndex, NodeIndex>, node: NodeIndex) -> NodeIndex {
        let up = *parent.entry(node).or_insert(node);
        if up == node {
            return node;
        }
        let top = root(parent, up);
        parent.insert(node, top);
        top
    }
    let mut kept = Vec::new();
    for (_, edge) in sorted {
        let (a, b) = graph
            .graph
            .edge_endpoints(edge)
            .expect("edge of this graph");
        let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
        if ra != rb {
            parent.insert(ra, rb);
            kept.push(edge);
        }
    }
    kept
}

/// `tree` without the leaves that are not named, cut until none is left.
fn prune(
    graph: &KnowledgeGraph<'_>,
    named: &[NodeIndex],
    mut tree: Vec<EdgeIndex>,
) -> Vec<EdgeIndex> {
    loop {
        let mut ties: HashMap<NodeIndex, usize> = HashMap::new();
        for &edge in &tree {
            let (a, b) = graph
                .graph
                .edge_endpoints(edge)
                .expect("edge of this graph");
            *ties.entry(a).or_default() += 1;
            *ties.entry(b).or_default() += 1;
        }
        let leaf = |node: NodeIndex| ties[&node] == 1 && !named.contains(&node);
        let before = tree.len();
        tree.retain(|&edge| {
            let (a, b) = graph
                .graph
                .edge_endpoints(edge)
                .expect("edge of this graph");
            !leaf(a) && !leaf(b)
        });
        if tree.len() == before {
            return tree;
        }
    }
}

/// The tree's ties read from `start` outwards, depth first (ties of one entity in data
/// order), and its entities in the order reached.
fn depth_first(
    graph: &KnowledgeGraph<'_>,
    start: NodeIndex,
    tree: &[EdgeIndex],
) -> (Vec<(NodeIndex, EdgeIndex)>, Vec<NodeIndex>) {
    let mut sorted = tree.to_vec();
    sorted.sort();
    let (mut hops, mut nodes) = (Vec::new(), vec![start]);
    let mut stack = vec![start];
    while let Some(&at) = stack.last() {
        let next = sorted.iter().find_map(|&edge| {
            let (a, b) = graph
                .graph
                .edge_endpoints(edge)
                .expect("edge of this graph");
            let other = if a == at {
                b
            } else if b == at {
                a
            } else {
                return None;
            };
            (!nodes.contains(&other)).then_some((edge, other))
        });
        match next {
            Some((edge, other)) => {
                hops.push((at, edge));
                nodes.push(other);
                stack.push(other);
            }
            None => {
                stack.pop();
            }
        }
    }
    (hops, nodes)
}

/// What `tree` costs, charge by charge: each hop, then passing through the entity it
/// reaches when that one is not named, with the number of the tree's ties meeting there.
/// The charges sum to `tree.cost`.
pub(crate) fn charges(
    graph: &KnowledgeGraph<'_>,
    options: &PathOptions,
    tree: &Tree,
) -> Vec<Charge> {
    let costs = Links::new(graph, options, tree.named.clone()).costs();
    // Whether each tie meeting at an entity is a direct one it acts in.
    let mut ties: HashMap<NodeIndex, Vec<bool>> = HashMap::new();
    for &(_, edge) in &tree.hops {
        let (a, b) = graph
            .graph
            .edge_endpoints(edge)
            .expect("edge of this graph");
        let hop = costs.hop(edge);
        for end in [a, b] {
            ties.entry(end).or_default().push(hop.is_direct_at(end));
        }
    }
    let mut charges = Vec::new();
    for (&(_, edge), &reached) in tree.hops.iter().zip(&tree.nodes[1..]) {
        charges.push(costs.hop(edge));
        if !costs.plain() && !tree.named.contains(&reached) {
            charges.push(costs.through(reached, ties[&reached].iter().copied()));
        }
    }
    charges
}

#[cfg(test)]
mod tests;
