//! `connect` checked against the exact Steiner tree, found by trying every set of entities
//! the tree could pass through (the cheapest tree on a set of entities is a minimum
//! spanning tree of the ties among them), on small random graphs; and worked examples.

use std::collections::HashSet;

use petgraph::graph::NodeIndex;
use proptest::prelude::*;

use super::{charges, connect, Apart, Tree};
use crate::graph::KnowledgeGraph;
use crate::model::{Dataset, KindId, Relation, RelationType, TimeKind};
use crate::query::path::tests::properties::{random_tie, time_filter, Prices};
use crate::query::path::tests::{dataset, people, tie, Tie, EPSILON, KINDS, PERSON, PLACE, TYPES};
use crate::query::path::{k_best, Charge, PathOptions};

/// A random graph, the entities to connect and the options.
#[derive(Debug, Clone)]
struct Case {
    kinds: Vec<usize>,
    ties: Vec<Tie>,
    named: Vec<usize>,
    options: PathOptions,
}

/// The brute force's view of one case: which relations and entities the rules allow, and
/// what each relation costs as a tie of a tree (its hop, and half the pass-through charge
/// of each end not named), straight from the module docs and not from the search code.
struct Rules {
    /// Each relation's ends, and its cost when the filters allow it.
    relations: Vec<(usize, usize, Option<f64>)>,
    /// Whether a tree may pass through each entity.
    passable: Vec<bool>,
}

fn rules(dataset: &Dataset, case: &Case) -> Rules {
    let options = &case.options;
    let prices = Prices::new(dataset, options.plain);
    let half = |node: usize, relation: &Relation| {
        if case.named.contains(&node) {
            0.0
        } else {
            prices.half(node, relation)
        }
    };
    let passable: Vec<bool> = (0..dataset.entities.len())
        .map(|node| {
            let kind: &KindId = &dataset.entities[node].kind.value;
            case.named.contains(&node)
                || (!options.avoid.contains(&NodeIndex::new(node))
                    && !options.avoid_kinds.contains(kind)
                    && (options.via_kinds.is_empty() || options.via_kinds.contains(kind)))
        })
        .collect();
    let relations = dataset
        .relations
        .iter()
        .zip(&prices.ends)
        .map(|(relation, &(a, b))| {
            let usable = a != b
                && passable[a]
                && passable[b]
                && (options.via.is_empty() || options.via.contains(&relation.relation_type))
                && !(options.facts_only && relation.is_claim())
                && options.time.admits(relation, TimeKind::Event);
            let cost = prices.hop(relation) + half(a, relation) + half(b, relation);
            (a, b, usable.then_some(cost))
        })
        .collect();
    Rules {
        relations,
        passable,
    }
}

/// The cost of a minimum spanning tree of the allowed relations among `nodes`, if they
/// are connected (Kruskal's algorithm, written again here for the brute force).
fn spanning_cost(rules: &Rules, nodes: &[usize]) -> Option<f64> {
    let mut edges: Vec<(f64, usize, usize)> = rules
        .relations
        .iter()
        .filter_map(|&(a, b, cost)| {
            let cost = cost?;
            (nodes.contains(&a) && nodes.contains(&b)).then_some((cost, a, b))
        })
        .collect();
    edges.sort_by(|x, y| x.0.total_cmp(&y.0));
    let mut group: Vec<usize> = (0..rules.passable.len()).collect();
    let mut total = 0.0;
    let mut joined = 1;
    for (cost, a, b) in edges {
        let (ga, gb) = (group[a], group[b]);
        if ga != gb {
            for g in &mut group {
                if *g == gb {
                    *g = ga;
                }
            }
            total += cost;
            joined += 1;
        }
    }
    (joined == nodes.len()).then_some(total)
}

/// The cheapest tree joining the named entities: the cheapest spanning tree over the named
/// entities and any set of others a tree may pass through.
fn exact(rules: &Rules, named: &[usize]) -> Option<f64> {
    let others: Vec<usize> = (0..rules.passable.len())
        .filter(|node| rules.passable[*node] && !named.contains(node))
        .collect();
    (0u32..1 << others.len())
        .filter_map(|subset| {
            let mut nodes = named.to_vec();
            nodes.extend(
                others
                    .iter()
                    .enumerate()
                    .filter(|(bit, _)| subset & (1 << bit) != 0)
                    .map(|(_, node)| *node),
            );
            spanning_cost(rules, &nodes)
        })
        .min_by(f64::total_cmp)
}

/// Whether the allowed relations form a forest (no cycle, no two between the same entities).
fn is_forest(rules: &Rules) -> bool {
    let mut group: Vec<usize> = (0..rules.passable.len()).collect();
    for &(a, b, cost) in &rules.relations {
        if cost.is_none() {
            continue;
        }
        let (ga, gb) = (group[a], group[b]);
        if ga == gb {
            return false;
        }
        for g in &mut group {
            if *g == gb {
                *g = ga;
            }
        }
    }
    true
}

/// The tree is one: it starts at the first named entity, each hop reaches a new entity
/// from one reached before over an allowed relation, every named entity is in it and every
/// entity at its edge is named; it costs what its relations cost, and its charges say so.
fn check_tree(
    graph: &KnowledgeGraph<'_>,
    case: &Case,
    rules: &Rules,
    tree: &Tree,
) -> Result<(), TestCaseError> {
    let named: Vec<NodeIndex> = case.named.iter().map(|&n| NodeIndex::new(n)).collect();
    prop_assert_eq!(&tree.named, &named);
    prop_assert_eq!(tree.nodes.first(), Some(&named[0]));
    prop_assert_eq!(tree.nodes.len(), tree.hops.len() + 1);
    let distinct: HashSet<&NodeIndex> = tree.nodes.iter().collect();
    prop_assert_eq!(
        distinct.len(),
        tree.nodes.len(),
        "an entity twice: {:?}",
        tree
    );
    let mut ties = vec![0; case.kinds.len()];
    let mut cost = 0.0;
    for (index, (&(at, edge), &reached)) in tree.hops.iter().zip(&tree.nodes[1..]).enumerate() {
        prop_assert!(tree.nodes[..=index].contains(&at), "{:?}", tree);
        let (a, b, allowed) = rules.relations[edge.index()];
        let ends = [NodeIndex::new(a), NodeIndex::new(b)];
        prop_assert!(
            ends == [at, reached] || ends == [reached, at],
            "{:?} does not join {:?} and {:?}",
            edge,
            at,
            reached
        );
        let Some(allowed) = allowed else {
            return Err(TestCaseError::fail(format!("{edge:?} is not allowed")));
        };
        cost += allowed;
        ties[a] += 1;
        ties[b] += 1;
    }
    for node in &named {
        prop_assert!(
            tree.nodes.contains(node),
            "{:?} left out of {:?}",
            node,
            tree
        );
    }
    for node in &tree.nodes {
        prop_assert!(
            ties[node.index()] != 1 || named.contains(node),
            "{:?} is a leaf no one named in {:?}",
            node,
            tree
        );
    }
    prop_assert!(
        (tree.cost - cost).abs() < EPSILON,
        "{:?} should cost {}",
        tree,
        cost
    );
    let charged: f64 = charges(graph, &case.options, tree)
        .into_iter()
        .map(Charge::cost)
        .sum();
    prop_assert!(
        (charged - cost).abs() < EPSILON,
        "charges sum to {}",
        charged
    );
    Ok(())
}

/// The answer is a valid tree within the heuristic's bound of the exact one (and equal on
/// a forest), or both find the named entities apart; with two, it is `path`'s answer.
fn check(case: &Case) -> Result<(), TestCaseError> {
    let dataset = dataset(&case.kinds, &case.ties);
    let graph = KnowledgeGraph::build(&dataset);
    let rules = rules(&dataset, case);
    let named: Vec<NodeIndex> = case.named.iter().map(|&n| NodeIndex::new(n)).collect();
    let best = exact(&rules, &case.named);
    match (connect(&graph, &named, &case.options), best) {
        (Ok(tree), Some(best)) => {
            check_tree(&graph, case, &rules, &tree)?;
            let bound = 2.0 * (1.0 - 1.0 / named.len() as f64);
            prop_assert!(
                tree.cost > best - EPSILON,
                "{} beats the exact {}",
                tree.cost,
                best
            );
            prop_assert!(
                tree.cost <= bound * best + EPSILON,
                "{} is more than {} × the exact {}",
                tree.cost,
                bound,
                best
            );
            if is_forest(&rules) {
                prop_assert!((tree.cost - best).abs() < EPSILON, "on a forest {:?}", tree);
            }
            if let [from, to] = named[..] {
                let path = &k_best(&graph, from, to, &case.options, 1)[0];
                prop_assert!((path.cost - tree.cost).abs() < EPSILON, "path {:?}", path);
            }
        }
        (Err(Apart { joined, apart }), None) => {
            prop_assert_eq!(joined.first(), Some(&named[0]));
            prop_assert!(!apart.is_empty());
            let mut all: Vec<NodeIndex> = joined.iter().chain(&apart).copied().collect();
            all.sort();
            let mut expected = named.clone();
            expected.sort();
            prop_assert_eq!(all, expected);
        }
        (found, best) => {
            return Err(TestCaseError::fail(format!(
                "found {found:?}, the exact answer costs {best:?}"
            )));
        }
    }
    Ok(())
}

/// Random options a tree is searched under: all but `directed`, `chronological` and
/// `max_hops`, which `connect` does not take or under which no bound holds.
fn options(entities: usize) -> impl Strategy<Value = PathOptions> {
    let types: Vec<RelationType> = TYPES.iter().map(|&(name, ..)| name.into()).collect();
    let kinds: Vec<KindId> = KINDS.iter().map(|&(name, _)| name.into()).collect();
    let some_kinds = move || {
        prop_oneof![
            4 => Just(Vec::new()),
            1 => prop::sample::subsequence(kinds.clone(), 1..=1),
        ]
    };
    (
        prop::bool::weighted(0.2),
        prop_oneof![2 => Just(Vec::new()), 1 => prop::sample::subsequence(types, 1..=2)],
        prop_oneof![2 => Just(Vec::new()), 1 => prop::collection::vec(0..entities, 1..=2)],
        time_filter(),
        prop::bool::weighted(0.2),
        some_kinds(),
        some_kinds(),
    )
        .prop_map(
            |(plain, via, avoid, time, facts_only, avoid_kinds, via_kinds)| PathOptions {
                plain,
                via,
                avoid: avoid.into_iter().map(NodeIndex::new).collect(),
                avoid_kinds,
                via_kinds,
                time,
                facts_only,
                ..PathOptions::default()
            },
        )
}

/// 2 to 8 entities, 2 to 4 of them named; `ties` makes the relations among them.
fn case<T: Strategy<Value = Vec<Tie>>>(ties: impl Fn(usize) -> T) -> impl Strategy<Value = Case> {
    (2usize..=8).prop_flat_map(move |entities| {
        (
            prop::collection::vec(0..KINDS.len(), entities),
            ties(entities),
            Just((0..entities).collect::<Vec<usize>>()).prop_shuffle(),
            2..=entities.min(4),
            options(entities),
        )
            .prop_map(|(kinds, ties, order, count, options)| Case {
                kinds,
                ties,
                named: order[..count].to_vec(),
                options,
            })
    })
}

/// Up to 14 relations between any two entities (parallel ones and loops included).
fn any_graph(entities: usize) -> impl Strategy<Value = Vec<Tie>> {
    prop::collection::vec(random_tie(entities), 0..=14)
}

/// A random tree over the entities: each entity after the first tied to one before it.
fn tree_graph(entities: usize) -> impl Strategy<Value = Vec<Tie>> {
    (1..entities)
        .map(|child| {
            (0..child, random_tie(entities)).prop_map(move |(parent, tie)| Tie {
                from: child,
                to: parent,
                ..tie
            })
        })
        .collect::<Vec<_>>()
}

proptest! {
    #[test]
    fn within_twice_the_exact_tree(case in case(any_graph)) {
        check(&case)?;
    }

    #[test]
    fn the_exact_tree_on_a_tree(case in case(tree_graph)) {
        check(&case)?;
    }
}

/// Three people each tied to a place (factor 4) and, by a longer way, to one another: the
/// tree takes the people's own ties rather than meeting at the place, though it is fewer
/// hops; `--avoid-kinds` would not be needed.
#[test]
fn a_star_through_a_place_loses_to_direct_ties() {
    let (a, b, c, place, d) = (0, 1, 2, 3, 4);
    let ties = [
        tie(a, "met", place),
        tie(b, "met", place),
        tie(c, "met", place),
        tie(a, "met", d),
        tie(d, "met", b),
        tie(b, "met", c),
    ];
    let dataset = dataset(&[PERSON, PERSON, PERSON, PLACE, PERSON], &ties);
    let graph = KnowledgeGraph::build(&dataset);
    let named = [a, b, c].map(NodeIndex::new);
    let tree = connect(&graph, &named, &PathOptions::default()).expect("a tree");
    let relations: Vec<usize> = tree.hops.iter().map(|(_, edge)| edge.index()).collect();
    assert_eq!(relations, [3, 4, 5], "{tree:?}");
    let plain = PathOptions {
        plain: true,
        ..PathOptions::default()
    };
    let tree = connect(&graph, &named, &plain).expect("a tree");
    assert_eq!(tree.hops.len(), 3);
    assert_eq!(tree.cost, 3.0);
}

/// `--max-hops` bounds each link: joining entities four hops apart fails at three.
#[test]
fn max_hops_bounds_each_link() {
    let ties: Vec<Tie> = (0..4).map(|i| tie(i, "met", i + 1)).collect();
    let dataset = dataset(&people(5), &ties);
    let graph = KnowledgeGraph::build(&dataset);
    let named = [0, 4].map(NodeIndex::new);
    let bounded = |max| PathOptions {
        max_hops: Some(max),
        ..PathOptions::default()
    };
    assert!(connect(&graph, &named, &bounded(4)).is_ok());
    assert_eq!(
        connect(&graph, &named, &bounded(3)),
        Err(Apart {
            joined: vec![NodeIndex::new(0)],
            apart: vec![NodeIndex::new(4)],
        })
    );
}

/// A named entity in the middle of the tree costs nothing to pass; others are charged
/// a half for each tie, in the order the hops reach them.
#[test]
fn charges_list_each_hop_and_each_entity_passed() {
    let ties = [tie(0, "met", 1), tie(1, "met", 2), tie(2, "signed", 3)];
    let dataset = dataset(&[PERSON, PLACE, PERSON, PERSON], &ties);
    let graph = KnowledgeGraph::build(&dataset);
    let named = [0, 3, 2].map(NodeIndex::new);
    let tree = connect(&graph, &named, &PathOptions::default()).expect("a tree");
    let charges = charges(&graph, &PathOptions::default(), &tree);
    let kinds: Vec<&str> = charges
        .iter()
        .map(|charge| match charge {
            Charge::Hop { .. } => "hop",
            Charge::Through { .. } => "through",
        })
        .collect();
    assert_eq!(kinds, ["hop", "through", "hop", "hop"]);
    assert!(matches!(
        charges[1],
        Charge::Through { node, kind_factor: 4.0, ties: 2, direct: 2, .. } if node == NodeIndex::new(1)
    ));
    // Both ties at the place are direct meetings: its bare hub penalty.
    assert!((tree.cost - (3.5 + 3f64.ln().powi(2))).abs() < EPSILON);
}
