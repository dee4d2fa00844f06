//! The searches checked against trying every loopless path on small random graphs: the
//! brute force follows the rules of the module docs, not the search code.

use std::collections::HashSet;

use petgraph::graph::{EdgeIndex, NodeIndex};
use proptest::prelude::*;

use crate::graph::KnowledgeGraph;
use crate::model::{Dataset, Date, EntityId, KindId, Relation, RelationType, TimeKind};
use crate::query::path::tests::{
    dataset, Tie, CLAIM_PENALTY, DIRECT_WEIGHT, EPSILON, KINDS, TYPES,
};
use crate::query::path::{all_cheapest, k_best, Path, PathOptions};
use crate::query::time::TimeFilter;

/// A loopless path found by trying them all: its entities, its relations (edge indices)
/// and its cost.
#[derive(Debug, Clone)]
struct Expected {
    nodes: Vec<NodeIndex>,
    edges: Vec<EdgeIndex>,
    cost: f64,
}

/// Every loopless path from `from` to `to` that `options` allow, cheapest first, found by
/// extending partial paths one relation at a time in every possible way, straight from the
/// rules in the module docs (not from the search code):
/// - a relation leads from one end to the other, against its arrow only when the search
///   is undirected or its type symmetric;
/// - it must be of a `via` type (if any), a fact when `facts_only`, admitted by the time
///   filter, and dated when `chronological`; its far end must not be avoided or already on
///   the path, and unless it is `to`, not of an avoided kind and of a `via_kinds` kind (if
///   any);
/// - with `chronological`, a hop may not end (its `end`, else its date, to the last day)
///   before the latest start of the hops before it;
/// - a path has at most `max_hops` hops, priced by [`Prices`]: each hop its own cost, each
///   entity strictly between the ends the halves its two hops bring.
fn brute_force(dataset: &Dataset, from: usize, to: usize, options: &PathOptions) -> Vec<Expected> {
    let prices = Prices::new(dataset, options.plain);
    let ends = &prices.ends;
    let declared = |relation: &Relation| declared(relation);
    /// A path from `from` still to extend.
    struct Partial {
        nodes: Vec<usize>,
        edges: Vec<usize>,
        /// The latest start date of its hops, for `chronological`.
        latest: Option<(u16, u8, u8)>,
    }
    let mut paths = Vec::new();
    let mut partial = vec![Partial {
        nodes: vec![from],
        edges: Vec::new(),
        latest: None,
    }];
    while let Some(Partial {
        nodes,
        edges,
        latest,
    }) = partial.pop()
    {
        let at = *nodes.last().expect("a start");
        if at == to {
            let relation = |hop: usize| &dataset.relations[edges[hop]];
            let inner: f64 = (1..nodes.len() - 1)
                .map(|i| {
                    prices.half(nodes[i], relation(i - 1)) + prices.half(nodes[i], relation(i))
                })
                .sum();
            let hops: f64 = (0..edges.len()).map(|i| prices.hop(relation(i))).sum();
            paths.push(Expected {
                nodes: nodes.iter().map(|&n| NodeIndex::new(n)).collect(),
                edges: edges.iter().map(|&e| EdgeIndex::new(e)).collect(),
                cost: hops + inner,
            });
            continue;
        }
        if options.max_hops.is_some_and(|max| edges.len() >= max) {
            continue;
        }
        for (index, relation) in dataset.relations.iter().enumerate() {
            let next = match ends[index] {
                (a, b) if a == at => b,
                (a, b) if b == at && (!options.directed || declared(relation).1) => a,
                _ => continue,
            };
            let allowed = (options.via.is_empty() || options.via.contains(&relation.relation_type))
                && !(options.facts_only && relation.is_claim())
                && options.time.admits(relation, TimeKind::Event)
                && !options.avoid.contains(&NodeIndex::new(next))
                && !nodes.contains(&next)
                && (next == to || {
                    let kind = &dataset.entities[next].kind.value;
                    !options.avoid_kinds.contains(kind)
                        && (options.via_kinds.is_empty() || options.via_kinds.contains(kind))
                });
            if !allowed {
                continue;
            }
            let mut latest = latest;
            if options.chronological {
                let Some(date) = relation.date else { continue };
                let last_day = relation.end.unwrap_or(date).last_day();
                if latest.is_some_and(|latest| last_day < latest) {
                    continue;
                }
                latest = Some(latest.map_or(date.first_day(), |l| l.max(date.first_day())));
            }
            let mut nodes = nodes.clone();
            nodes.push(next);
            let mut edges = edges.clone();
            edges.push(index);
            partial.push(Partial {
                nodes,
                edges,
                latest,
            });
        }
    }
    paths.sort_by(|a, b| a.cost.total_cmp(&b.cost));
    paths
}

/// How a relation's type is declared in [`TYPES`]: name, symmetric, weight.
fn declared(relation: &Relation) -> (&'static str, bool, f64) {
    *TYPES
        .iter()
        .find(|(name, ..)| relation.relation_type.as_str() == *name)
        .expect("a type")
}

/// The prices of the module docs, written again for the brute forces from [`TYPES`],
/// [`KINDS`], [`CLAIM_PENALTY`] and [`DIRECT_WEIGHT`] (not from the search code).
pub(in crate::query) struct Prices<'d> {
    dataset: &'d Dataset,
    /// Each relation's ends as entity numbers.
    pub(in crate::query) ends: Vec<(usize, usize)>,
    degree: Vec<usize>,
    plain: bool,
}

impl<'d> Prices<'d> {
    pub(in crate::query) fn new(dataset: &'d Dataset, plain: bool) -> Self {
        let (ends, degree) = ends_and_degrees(dataset);
        Prices {
            dataset,
            ends,
            degree,
            plain,
        }
    }

    /// A hop: its type's weight, plus the claim penalty for a claim; one with `plain`.
    pub(in crate::query) fn hop(&self, relation: &Relation) -> f64 {
        match (self.plain, relation.is_claim()) {
            (true, _) => 1.0,
            (false, claim) => declared(relation).2 + if claim { CLAIM_PENALTY } else { 0.0 },
        }
    }

    /// The half of passing through `node` that `relation`, one of its ties, brings: its hub
    /// penalty `ln(1 + degree)²` times half of 1 when the tie is direct (a fact of a type
    /// weighing at most [`DIRECT_WEIGHT`]) and `node` acts in it (its source, or either end
    /// of a symmetric type), half of its kind's factor otherwise; nothing with `plain`.
    pub(in crate::query) fn half(&self, node: usize, relation: &Relation) -> f64 {
        if self.plain {
            return 0.0;
        }
        let kind = self.dataset.entities[node].kind.value.as_str();
        let (_, factor) = KINDS
            .iter()
            .find(|(name, _)| *name == kind)
            .expect("a kind");
        let (_, symmetric, weight) = declared(relation);
        let acts = symmetric || self.dataset.entities[node].id.value == relation.from;
        let direct = acts && !relation.is_claim() && weight <= DIRECT_WEIGHT;
        let factor = if direct { 1.0 } else { *factor };
        factor * ((1 + self.degree[node]) as f64).ln().powi(2) / 2.0
    }
}

/// Each relation's ends as entity numbers, and each entity's number of relations.
fn ends_and_degrees(dataset: &Dataset) -> (Vec<(usize, usize)>, Vec<usize>) {
    let number = |id: &EntityId| {
        dataset
            .entities
            .iter()
            .position(|entity| entity.id.value == *id)
            .expect("an entity")
    };
    let ends: Vec<(usize, usize)> = dataset
        .relations
        .iter()
        .map(|relation| (number(&relation.from), number(&relation.to)))
        .collect();
    let mut degree = vec![0usize; dataset.entities.len()];
    for &(a, b) in &ends {
        degree[a] += 1;
        degree[b] += 1;
    }
    (ends, degree)
}

/// A random graph, two distinct entities in it and search options.
#[derive(Debug, Clone)]
struct Case {
    /// The kind of each entity (a number into [`KINDS`]).
    kinds: Vec<usize>,
    ties: Vec<Tie>,
    from: usize,
    to: usize,
    options: PathOptions,
}

/// Which search a case exercises: the bidirectional one, or the search over states that
/// `max_hops` and `chronological` need.
#[derive(Debug, Clone, Copy)]
enum Search {
    Unconstrained,
    MaxHops,
    Chronological,
}

/// Years 1975 to 1978, some known to the month or the day, so that dates overlap.
pub(in crate::query) fn date() -> impl Strategy<Value = Date> {
    (
        1975u16..=1978,
        prop::option::of(1u8..=12),
        prop::option::of(1u8..=28),
    )
        .prop_map(|(year, month, day)| Date {
            year,
            month,
            day: month.and(day),
        })
}

/// A relation of any type between two of `entities` (itself, rarely), mostly dated, some
/// lasting a year or two more, a few of them claims.
pub(in crate::query) fn random_tie(entities: usize) -> impl Strategy<Value = Tie> {
    let date_and_end = prop::option::weighted(
        0.75,
        (date(), prop::option::weighted(0.25, 0u16..=2)).prop_map(|(date, more)| {
            let end = more.map(|years| Date {
                year: date.year + years,
                month: None,
                day: None,
            });
            (date, end)
        }),
    );
    (
        0..entities,
        0..TYPES.len(),
        0..entities,
        date_and_end,
        prop::bool::weighted(0.2),
    )
        .prop_map(|(from, kind, to, dates, claim)| Tie {
            from,
            relation_type: TYPES[kind].0,
            to,
            date: dates.map(|(date, _)| date),
            end: dates.and_then(|(_, end)| end),
            claim,
        })
}

/// Mostly none; else one of `--at`, `--since`, `--until`.
pub(in crate::query) fn time_filter() -> impl Strategy<Value = TimeFilter> {
    prop_oneof![
        3 => Just(TimeFilter::default()),
        1 => date().prop_map(|at| TimeFilter { at: Some(at), ..TimeFilter::default() }),
        1 => date().prop_map(|since| TimeFilter { since: Some(since), ..TimeFilter::default() }),
        1 => date().prop_map(|until| TimeFilter { until: Some(until), ..TimeFilter::default() }),
    ]
}

/// Whether two entities may be joined by more than one relation.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Relations {
    MayBeParallel,
    OnePerPair,
}

/// 2 to 8 entities of random kinds, up to 14 relations, random options for `search`. Only
/// entities between the ends are avoided: the docs say "never *through*", and the command
/// line refuses to avoid an end (see `avoiding_an_end_...` in `examples.rs`).
fn case(search: Search, relations: Relations) -> impl Strategy<Value = Case> {
    (2usize..=8).prop_flat_map(move |entities| {
        let types: Vec<RelationType> = TYPES.iter().map(|&(name, ..)| name.into()).collect();
        let via = prop_oneof![
            2 => Just(Vec::new()),
            1 => prop::sample::subsequence(types, 1..=2),
        ];
        let avoid = prop_oneof![
            2 => Just(Vec::new()),
            1 => prop::collection::vec(0..entities, 1..=2),
        ];
        let kinds: Vec<KindId> = KINDS.iter().map(|&(name, _)| name.into()).collect();
        let some_kinds = || {
            prop_oneof![
                4 => Just(Vec::new()),
                1 => prop::sample::subsequence(kinds.clone(), 1..=1),
            ]
        };
        let (max_hops, chronological) = match search {
            Search::Unconstrained => (Just(None).boxed(), Just(false)),
            Search::MaxHops => ((0usize..=4).prop_map(Some).boxed(), Just(false)),
            // Without `max_hops` the search once did not end (see `examples.rs`).
            Search::Chronological => ((1usize..=5).prop_map(Some).boxed(), Just(true)),
        };
        (
            prop::collection::vec(0..KINDS.len(), entities),
            prop::collection::vec(random_tie(entities), 0..=14),
            0..entities,
            1..entities,
            (
                any::<bool>(),
                prop::bool::weighted(0.25),
                max_hops,
                via,
                avoid,
                time_filter(),
                chronological,
                prop::bool::weighted(0.2),
                some_kinds(),
                some_kinds(),
            ),
        )
            .prop_map(move |(kinds, mut ties, from, offset, options)| {
                if relations == Relations::OnePerPair {
                    let mut pairs = HashSet::new();
                    ties.retain(|tie| pairs.insert((tie.from.min(tie.to), tie.from.max(tie.to))));
                }
                let to = (from + offset) % entities;
                let (
                    directed,
                    plain,
                    max_hops,
                    via,
                    avoid,
                    time,
                    chronological,
                    facts_only,
                    avoid_kinds,
                    via_kinds,
                ) = options;
                let avoid = avoid
                    .into_iter()
                    .filter(|&n| n != from && n != to)
                    .map(NodeIndex::new)
                    .collect();
                Case {
                    kinds,
                    ties,
                    from,
                    to,
                    options: PathOptions {
                        directed,
                        plain,
                        max_hops,
                        via,
                        avoid,
                        avoid_kinds,
                        via_kinds,
                        time,
                        chronological,
                        facts_only,
                    },
                }
            })
    })
}

/// A case for any of the searches.
fn any_case(relations: Relations) -> impl Strategy<Value = Case> {
    prop_oneof![
        case(Search::Unconstrained, relations),
        case(Search::MaxHops, relations),
        case(Search::Chronological, relations),
    ]
}

/// The cheapest of the `allowed` paths through each chain of entities, cheapest first:
/// the answers `k_best` should give, paths over parallel relations being one answer.
fn chains(allowed: &[Expected]) -> Vec<Expected> {
    let mut chains: Vec<Expected> = Vec::new();
    for path in allowed {
        if !chains.iter().any(|chain| chain.nodes == path.nodes) {
            chains.push(path.clone());
        }
    }
    chains
}

/// `path` runs from the case's `from` to its `to`, each relation joins the entities on
/// either side of it, no entity comes twice, and it is one of the paths the brute force
/// allows, at the same cost, and the cheapest through its entities. Its alternatives are
/// exactly the relations that, put in a hop's place, still give an allowed path.
fn check_path(
    case: &Case,
    path: &Path,
    allowed: &[Expected],
    chains: &[Expected],
) -> Result<(), TestCaseError> {
    prop_assert_eq!(path.nodes.first(), Some(&NodeIndex::new(case.from)));
    prop_assert_eq!(path.nodes.last(), Some(&NodeIndex::new(case.to)));
    prop_assert_eq!(path.nodes.len(), path.edges.len() + 1);
    for (pair, edge) in path.nodes.windows(2).zip(&path.edges) {
        let tie = &case.ties[edge.index()];
        let ends = [NodeIndex::new(tie.from), NodeIndex::new(tie.to)];
        prop_assert!(
            ends == [pair[0], pair[1]] || ends == [pair[1], pair[0]],
            "{:?} does not join {:?}",
            edge,
            pair
        );
    }
    let distinct: HashSet<&NodeIndex> = path.nodes.iter().collect();
    prop_assert_eq!(distinct.len(), path.nodes.len(), "a loop in {:?}", path);
    let Some(same) = allowed.iter().find(|allowed| allowed.edges == path.edges) else {
        return Err(TestCaseError::fail(format!("{path:?} is not allowed")));
    };
    prop_assert!(
        (same.cost - path.cost).abs() < EPSILON,
        "{:?} should cost {}",
        path,
        same.cost
    );
    let chain = chains
        .iter()
        .find(|chain| chain.nodes == path.nodes)
        .expect("an allowed path's chain");
    prop_assert!(
        (chain.cost - path.cost).abs() < EPSILON,
        "{:?} is not the cheapest through its entities: {:?} is",
        path,
        chain
    );
    prop_assert_eq!(path.alternatives.len(), path.edges.len());
    for (hop, alternatives) in path.alternatives.iter().enumerate() {
        let found: HashSet<EdgeIndex> = alternatives.iter().copied().collect();
        let expected: HashSet<EdgeIndex> = allowed
            .iter()
            .filter(|other| {
                other.nodes == path.nodes
                    && other.edges[hop] != path.edges[hop]
                    && (0..path.edges.len()).all(|i| i == hop || other.edges[i] == path.edges[i])
            })
            .map(|other| other.edges[hop])
            .collect();
        prop_assert_eq!(
            found.len(),
            alternatives.len(),
            "{:?} lists one twice",
            path
        );
        prop_assert_eq!(found, expected, "alternatives of hop {} of {:?}", hop, path);
    }
    Ok(())
}

/// The case's graph, the search's answer, every allowed path and every chain, cheapest
/// first.
fn search_and_brute_force(
    case: &Case,
    search: impl Fn(&KnowledgeGraph<'_>, NodeIndex, NodeIndex, &PathOptions) -> Vec<Path>,
) -> (Vec<Path>, Vec<Expected>, Vec<Expected>) {
    let dataset = dataset(&case.kinds, &case.ties);
    let graph = KnowledgeGraph::build(&dataset);
    let (from, to) = (NodeIndex::new(case.from), NodeIndex::new(case.to));
    let found = search(&graph, from, to, &case.options);
    let allowed = brute_force(&dataset, case.from, case.to, &case.options);
    let chains = chains(&allowed);
    (found, allowed, chains)
}

/// Each answer is valid, and no two go through the same entities in the same order.
fn check_answers(
    case: &Case,
    paths: &[Path],
    allowed: &[Expected],
    chains: &[Expected],
) -> Result<(), TestCaseError> {
    for path in paths {
        check_path(case, path, allowed, chains)?;
    }
    let distinct: HashSet<&Vec<NodeIndex>> = paths.iter().map(|path| &path.nodes).collect();
    prop_assert_eq!(distinct.len(), paths.len(), "a chain twice in {:?}", paths);
    Ok(())
}

/// `k_best` gives as many distinct chains as it can, up to `k`, and the `i`-th costs what
/// the `i`-th cheapest chain costs (which of equally cheap ones is free).
fn check_k_best(case: &Case, k: usize) -> Result<(), TestCaseError> {
    let (paths, allowed, chains) = search_and_brute_force(case, |graph, from, to, options| {
        k_best(graph, from, to, options, k)
    });
    prop_assert_eq!(
        paths.len(),
        k.min(chains.len()),
        "found {:?}; chains {:?}",
        paths,
        chains
    );
    check_answers(case, &paths, &allowed, &chains)?;
    for (rank, (path, expected)) in paths.iter().zip(&chains).enumerate() {
        prop_assert!(
            (path.cost - expected.cost).abs() < EPSILON,
            "path {} costs {}, the chain of that rank {}; found {:?}; chains {:?}",
            rank,
            path.cost,
            expected.cost,
            paths,
            chains
        );
    }
    Ok(())
}

/// Asking for fewer paths gives the first of them: which spur searches Yen's algorithm takes
/// on, and how far, depends on how many paths are wanted (see `query::path::yen`), never the
/// answers.
fn check_fewer_are_the_first(case: &Case, k: usize, fewer: usize) -> Result<(), TestCaseError> {
    let dataset = dataset(&case.kinds, &case.ties);
    let graph = KnowledgeGraph::build(&dataset);
    let (from, to) = (NodeIndex::new(case.from), NodeIndex::new(case.to));
    let all = k_best(&graph, from, to, &case.options, k);
    let first = k_best(&graph, from, to, &case.options, fewer);
    prop_assert_eq!(&all[..fewer.min(all.len())], &first[..]);
    Ok(())
}

/// `all_cheapest` gives every chain as cheap as the cheapest, up to `limit`, and no other.
fn check_all_cheapest(case: &Case, limit: usize) -> Result<(), TestCaseError> {
    let (paths, allowed, chains) = search_and_brute_force(case, |graph, from, to, options| {
        all_cheapest(graph, from, to, options, limit)
    });
    let cheapest = chains
        .iter()
        .filter(|path| path.cost < chains[0].cost + EPSILON)
        .count();
    prop_assert_eq!(
        paths.len(),
        cheapest.min(limit),
        "found {:?}; chains {:?}",
        paths,
        chains
    );
    check_answers(case, &paths, &allowed, &chains)?;
    for path in &paths {
        prop_assert!((path.cost - chains[0].cost).abs() < EPSILON);
    }
    Ok(())
}

/// At most 100 (as the command line asks), or so few that the limit matters.
fn limit() -> impl Strategy<Value = usize> {
    prop_oneof![Just(100), 1usize..=3]
}

// The cheapest path, for each search.
proptest! {
    #[test]
    fn cheapest_unconstrained(case in case(Search::Unconstrained, Relations::MayBeParallel)) {
        check_k_best(&case, 1)?;
    }

    #[test]
    fn cheapest_with_max_hops(case in case(Search::MaxHops, Relations::MayBeParallel)) {
        check_k_best(&case, 1)?;
    }

    #[test]
    fn cheapest_chronological(case in case(Search::Chronological, Relations::MayBeParallel)) {
        check_k_best(&case, 1)?;
    }
}

// The k best and all the cheapest (Yen's algorithm over each search), on graphs where two
// entities share at most one relation, and on any graph (where relations in parallel are
// alternatives of one answer's hop).
proptest! {
    #[test]
    fn k_best_unconstrained(case in case(Search::Unconstrained, Relations::OnePerPair), k in 2usize..=5) {
        check_k_best(&case, k)?;
    }

    #[test]
    fn k_best_with_max_hops(case in case(Search::MaxHops, Relations::OnePerPair), k in 2usize..=5) {
        check_k_best(&case, k)?;
    }

    #[test]
    fn k_best_chronological(case in case(Search::Chronological, Relations::OnePerPair), k in 2usize..=5) {
        check_k_best(&case, k)?;
    }

    #[test]
    fn k_best_with_parallel_relations(case in any_case(Relations::MayBeParallel), k in 2usize..=5) {
        check_k_best(&case, k)?;
    }

    #[test]
    fn k_best_fewer_are_the_first(case in any_case(Relations::MayBeParallel), k in 2usize..=12, fewer in 1usize..=11) {
        check_fewer_are_the_first(&case, k, fewer.min(k - 1))?;
    }

    #[test]
    fn all_cheapest_unconstrained(case in case(Search::Unconstrained, Relations::OnePerPair), limit in limit()) {
        check_all_cheapest(&case, limit)?;
    }

    #[test]
    fn all_cheapest_with_max_hops(case in case(Search::MaxHops, Relations::OnePerPair), limit in limit()) {
        check_all_cheapest(&case, limit)?;
    }

    #[test]
    fn all_cheapest_chronological(case in case(Search::Chronological, Relations::OnePerPair), limit in limit()) {
        check_all_cheapest(&case, limit)?;
    }

    #[test]
    fn all_cheapest_with_parallel_relations(case in any_case(Relations::MayBeParallel), limit in limit()) {
        check_all_cheapest(&case, limit)?;
    }
}
