//! The searches checked against trying every loopless path on small random graphs, and a
//! few worked examples.

use std::collections::HashSet;
use std::path::Path as FilePath;

use petgraph::graph::{EdgeIndex, NodeIndex};
use proptest::prelude::*;

use crate::graph::KnowledgeGraph;
use crate::model::{Dataset, Date, Entity, EntityId, EvidenceList, KindId, Relation};
use crate::model::{RelationType, RelationTypeDef, Spanned, TimeKind};
use crate::query::path::{all_cheapest, k_best, Path, PathOptions};
use crate::query::time::TimeFilter;
use crate::source::Span;

/// The relation types of the test graphs, and whether each is symmetric.
const TYPES: [(&str, bool); 3] = [("met", true), ("signed", false), ("visited", false)];

/// Costs equal up to rounding.
const EPSILON: f64 = 1e-9;

/// A relation between entities `E{from}` and `E{to}`.
#[derive(Debug, Clone)]
struct Tie {
    from: usize,
    relation_type: &'static str,
    to: usize,
    date: Option<Date>,
    end: Option<Date>,
}

fn tie(from: usize, relation_type: &'static str, to: usize) -> Tie {
    Tie {
        from,
        relation_type,
        to,
        date: None,
        end: None,
    }
}

fn dated(tie: Tie, date: &str) -> Tie {
    Tie {
        date: Some(Date::parse(date).expect("a date")),
        ..tie
    }
}

/// A dataset of `entities` people `E0`, `E1`, ... and the `ties`, relation `i` being
/// `ties[i]` (and so edge `i` of the graph), with the schema declaring [`TYPES`].
fn dataset(entities: usize, ties: &[Tie]) -> Dataset {
    let mut dataset = Dataset::default();
    let file = dataset.files.add_unread(FilePath::new("data.yaml"));
    let span = Span::new(file, 0..0);
    let spanned = |value| Spanned { value, span };
    let id = |i: usize| EntityId::from(format!("E{i}"));
    dataset.schema.relation_types = TYPES
        .iter()
        .map(|&(name, symmetric)| RelationTypeDef {
            id: spanned(RelationType::from(name)),
            label: name.to_string(),
            description: String::new(),
            symmetric,
            from: None,
            to: None,
            self_loop: true,
            color: String::new(),
            style: String::new(),
            time: TimeKind::Event,
        })
        .collect();
    dataset.schema.index();
    dataset.entities = (0..entities)
        .map(|i| Entity {
            id: Spanned { value: id(i), span },
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
    dataset.relations = ties
        .iter()
        .map(|tie| Relation {
            from: id(tie.from),
            relation_type: tie.relation_type.into(),
            to: id(tie.to),
            date: tie.date,
            end: tie.end,
            details: None,
            evidence: EvidenceList::new(),
            span,
        })
        .collect();
    dataset
}

/// A loopless path found by trying them all: its relations (edge indices) and its cost.
#[derive(Debug, Clone)]
struct Expected {
    edges: Vec<EdgeIndex>,
    cost: f64,
}

/// Every loopless path from `from` to `to` that `options` allow, cheapest first, found by
/// extending partial paths one relation at a time in every possible way, straight from the
/// rules in the module docs (not from the search code):
/// - a relation leads from one end to the other, against its arrow only when the search
///   is undirected or its type symmetric;
/// - it must be of a `via` type (if any), admitted by the time filter, and dated when
///   `chronological`; its far end must not be avoided or already on the path;
/// - with `chronological`, a hop may not end (its `end`, else its date, to the last day)
///   before the latest start of the hops before it;
/// - a path has at most `max_hops` hops and costs one per hop plus `ln(1 + degree)²` for
///   each entity strictly between the ends (nothing with `plain`).
fn brute_force(dataset: &Dataset, from: usize, to: usize, options: &PathOptions) -> Vec<Expected> {
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
    let penalty = |node: usize| {
        if options.plain {
            0.0
        } else {
            ((1 + degree[node]) as f64).ln().powi(2)
        }
    };
    let symmetric = |relation: &Relation| {
        TYPES
            .iter()
            .any(|&(name, symmetric)| symmetric && relation.relation_type.as_str() == name)
    };
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
            let inner: f64 = nodes[1..nodes.len() - 1].iter().map(|&n| penalty(n)).sum();
            paths.push(Expected {
                edges: edges.iter().map(|&e| EdgeIndex::new(e)).collect(),
                cost: edges.len() as f64 + inner,
            });
            continue;
        }
        if options.max_hops.is_some_and(|max| edges.len() >= max) {
            continue;
        }
        for (index, relation) in dataset.relations.iter().enumerate() {
            let next = match ends[index] {
                (a, b) if a == at => b,
                (a, b) if b == at && (!options.directed || symmetric(relation)) => a,
                _ => continue,
            };
            let allowed = (options.via.is_empty() || options.via.contains(&relation.relation_type))
                && options.time.admits(relation, TimeKind::Event)
                && !options.avoid.contains(&NodeIndex::new(next))
                && !nodes.contains(&next);
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

/// A random graph, two distinct entities in it and search options.
#[derive(Debug, Clone)]
struct Case {
    entities: usize,
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
fn date() -> impl Strategy<Value = Date> {
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
/// lasting a year or two more.
fn random_tie(entities: usize) -> impl Strategy<Value = Tie> {
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
    (0..entities, 0..TYPES.len(), 0..entities, date_and_end).prop_map(|(from, kind, to, dates)| {
        Tie {
            from,
            relation_type: TYPES[kind].0,
            to,
            date: dates.map(|(date, _)| date),
            end: dates.and_then(|(_, end)| end),
        }
    })
}

/// Mostly none; else one of `--at`, `--since`, `--until`.
fn time_filter() -> impl Strategy<Value = TimeFilter> {
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

/// 2 to 8 entities, up to 14 relations, random options for `search`. Only entities
/// between the ends are avoided: the docs say "never *through*", and what avoiding an
/// end means is unsettled (see the ignored test below).
fn case(search: Search, relations: Relations) -> impl Strategy<Value = Case> {
    (2usize..=8).prop_flat_map(move |entities| {
        let types: Vec<RelationType> = TYPES.iter().map(|&(name, _)| name.into()).collect();
        let via = prop_oneof![
            2 => Just(Vec::new()),
            1 => prop::sample::subsequence(types, 1..=2),
        ];
        let avoid = prop_oneof![
            2 => Just(Vec::new()),
            1 => prop::collection::vec(0..entities, 1..=2),
        ];
        let (max_hops, chronological) = match search {
            Search::Unconstrained => (Just(None).boxed(), Just(false)),
            Search::MaxHops => ((0usize..=4).prop_map(Some).boxed(), Just(false)),
            // Without `max_hops` the search may not end (see the ignored test below).
            Search::Chronological => ((1usize..=5).prop_map(Some).boxed(), Just(true)),
        };
        (
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
            ),
        )
            .prop_map(move |(mut ties, from, offset, options)| {
                if relations == Relations::OnePerPair {
                    let mut pairs = HashSet::new();
                    ties.retain(|tie| pairs.insert((tie.from.min(tie.to), tie.from.max(tie.to))));
                }
                let to = (from + offset) % entities;
                let (directed, plain, max_hops, via, avoid, time, chronological) = options;
                let avoid = avoid
                    .into_iter()
                    .filter(|&n| n != from && n != to)
                    .map(NodeIndex::new)
                    .collect();
                Case {
                    entities,
                    ties,
                    from,
                    to,
                    options: PathOptions {
                        directed,
                        plain,
                        max_hops,
                        via,
                        avoid,
                        time,
                        chronological,
                        facts_only: false,
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

/// `path` runs from the case's `from` to its `to`, each relation joins the entities on
/// either side of it, no entity comes twice, and it is one of the paths the brute force
/// allows, at the same cost.
fn check_path(case: &Case, path: &Path, allowed: &[Expected]) -> Result<(), TestCaseError> {
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
    Ok(())
}

/// The case's graph, the search's answer and every allowed path, cheapest first.
fn search_and_brute_force(
    case: &Case,
    search: impl Fn(&KnowledgeGraph<'_>, NodeIndex, NodeIndex, &PathOptions) -> Vec<Path>,
) -> (Vec<Path>, Vec<Expected>) {
    let dataset = dataset(case.entities, &case.ties);
    let graph = KnowledgeGraph::build(&dataset);
    let (from, to) = (NodeIndex::new(case.from), NodeIndex::new(case.to));
    let found = search(&graph, from, to, &case.options);
    (
        found,
        brute_force(&dataset, case.from, case.to, &case.options),
    )
}

/// `k_best` gives as many distinct valid paths as it can, up to `k`, and the `i`-th costs
/// what the `i`-th cheapest loopless path costs (which of equally cheap ones is free).
fn check_k_best(case: &Case, k: usize) -> Result<(), TestCaseError> {
    let (paths, allowed) = search_and_brute_force(case, |graph, from, to, options| {
        k_best(graph, from, to, options, k)
    });
    prop_assert_eq!(
        paths.len(),
        k.min(allowed.len()),
        "found {:?}; allowed {:?}",
        paths,
        allowed
    );
    for path in &paths {
        check_path(case, path, &allowed)?;
    }
    let distinct: HashSet<&Vec<EdgeIndex>> = paths.iter().map(|path| &path.edges).collect();
    prop_assert_eq!(distinct.len(), paths.len(), "a path twice in {:?}", paths);
    for (rank, (path, expected)) in paths.iter().zip(&allowed).enumerate() {
        prop_assert!(
            (path.cost - expected.cost).abs() < EPSILON,
            "path {} costs {}, the loopless path of that rank {}; found {:?}; allowed {:?}",
            rank,
            path.cost,
            expected.cost,
            paths,
            allowed
        );
    }
    Ok(())
}

/// `all_cheapest` gives every path as cheap as the cheapest, up to `limit`, and no other.
fn check_all_cheapest(case: &Case, limit: usize) -> Result<(), TestCaseError> {
    let (paths, allowed) = search_and_brute_force(case, |graph, from, to, options| {
        all_cheapest(graph, from, to, options, limit)
    });
    let cheapest = allowed
        .iter()
        .filter(|path| path.cost < allowed[0].cost + EPSILON)
        .count();
    prop_assert_eq!(
        paths.len(),
        cheapest.min(limit),
        "found {:?}; allowed {:?}",
        paths,
        allowed
    );
    for path in &paths {
        check_path(case, path, &allowed)?;
        prop_assert!((path.cost - allowed[0].cost).abs() < EPSILON);
    }
    let distinct: HashSet<&Vec<EdgeIndex>> = paths.iter().map(|path| &path.edges).collect();
    prop_assert_eq!(distinct.len(), paths.len(), "a path twice in {:?}", paths);
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
// entities share at most one relation, and on any graph (ignored: see
// `parallel_relations_on_both_hops_are_four_paths`).
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

/// The entity numbers along a path.
fn nodes(path: &Path) -> Vec<usize> {
    path.nodes.iter().map(|node| node.index()).collect()
}

/// The `k` best paths from `from` to `to` in a dataset made of `ties`.
fn search(
    entities: usize,
    ties: &[Tie],
    from: usize,
    to: usize,
    options: &PathOptions,
    k: usize,
) -> Vec<Path> {
    let dataset = dataset(entities, ties);
    let graph = KnowledgeGraph::build(&dataset);
    k_best(&graph, NodeIndex::new(from), NodeIndex::new(to), options, k)
}

/// A and B are both tied to a hub with ten relations (penalty ln(11)² ≈ 5.75) and joined
/// by a chain through two people with two relations each (penalty ln(3)² ≈ 1.21 each): the
/// chain wins, 5.41 to 7.75. Without the penalty the hub is fewer hops.
#[test]
fn a_hub_detour_loses_to_a_chain_of_specific_ties() {
    let (a, b, hub, p, q) = (0, 1, 2, 3, 4);
    let mut ties = vec![
        tie(a, "met", hub),
        tie(hub, "met", b),
        tie(a, "met", p),
        tie(p, "met", q),
        tie(q, "met", b),
    ];
    ties.extend((5..13).map(|other| tie(other, "visited", hub)));
    let best = search(13, &ties, a, b, &PathOptions::default(), 1);
    assert_eq!(nodes(&best[0]), [a, p, q, b]);
    assert!((best[0].cost - (3.0 + 2.0 * 3f64.ln().powi(2))).abs() < EPSILON);
    let plain = PathOptions {
        plain: true,
        ..PathOptions::default()
    };
    let fewest_hops = search(13, &ties, a, b, &plain, 1);
    assert_eq!(nodes(&fewest_hops[0]), [a, hub, b]);
    assert_eq!(fewest_hops[0].cost, 2.0);
}

/// The short way passes through the avoided entity, so the path goes the long way, and
/// with at most two hops there is none.
#[test]
fn avoid_forces_a_detour() {
    let ties = [
        tie(0, "met", 1),
        tie(1, "met", 2),
        tie(0, "met", 3),
        tie(3, "met", 4),
        tie(4, "met", 2),
    ];
    let avoid = PathOptions {
        avoid: vec![NodeIndex::new(1)],
        ..PathOptions::default()
    };
    assert_eq!(
        nodes(&search(5, &ties, 0, 2, &PathOptions::default(), 1)[0]),
        [0, 1, 2]
    );
    assert_eq!(nodes(&search(5, &ties, 0, 2, &avoid, 1)[0]), [0, 3, 4, 2]);
    let short = PathOptions {
        max_hops: Some(2),
        ..avoid
    };
    assert!(search(5, &ties, 0, 2, &short, 1).is_empty());
}

/// Two relations between the same two people are two paths, equally cheap; there is no
/// third.
#[test]
fn parallel_relations_are_two_paths() {
    let ties = [tie(0, "met", 1), tie(1, "signed", 0)];
    let paths = search(2, &ties, 0, 1, &PathOptions::default(), 5);
    let edges: Vec<Vec<usize>> = paths
        .iter()
        .map(|path| path.edges.iter().map(|edge| edge.index()).collect())
        .collect();
    assert_eq!(edges.len(), 2);
    assert!(edges.contains(&vec![0]) && edges.contains(&vec![1]));
    assert!(paths.iter().all(|path| path.cost == 1.0));
    let directed = PathOptions {
        directed: true,
        ..PathOptions::default()
    };
    // `signed` runs from 1 to 0 and may not be followed against its arrow; `met` may.
    let along = search(2, &ties, 0, 1, &directed, 5);
    assert_eq!(along.len(), 1);
    assert_eq!(along[0].edges, [EdgeIndex::new(0)]);
}

/// A chronological path may not go back in time: the short way meets in 1979 and then in
/// 1977, so the chronological path takes the long way, 1975, 1977, 1978.
#[test]
fn a_chronological_path_goes_forward_in_time() {
    let ties = [
        dated(tie(0, "met", 1), "1979"),
        dated(tie(1, "met", 2), "1977"),
        dated(tie(0, "met", 3), "1975"),
        dated(tie(3, "met", 4), "1977-06"),
        dated(tie(4, "met", 2), "1978"),
    ];
    let chronological = PathOptions {
        chronological: true,
        ..PathOptions::default()
    };
    assert_eq!(
        nodes(&search(5, &ties, 0, 2, &PathOptions::default(), 1)[0]),
        [0, 1, 2]
    );
    assert_eq!(
        nodes(&search(5, &ties, 0, 2, &chronological, 1)[0]),
        [0, 3, 4, 2]
    );
}

/// Runs `search` on a thread of its own and gives up after a second, so that a search
/// that never ends fails its test instead of hanging it (the thread runs on until the
/// test binary exits).
fn within_a_second<T: Send + 'static>(search: impl FnOnce() -> T + Send + 'static) -> T {
    let (answer, answered) = std::sync::mpsc::channel();
    std::thread::spawn(move || answer.send(search()));
    answered
        .recv_timeout(std::time::Duration::from_secs(1))
        .expect("an answer within a second")
}

/// Found by the properties: with `chronological` and no `max_hops`, the search over states
/// never ends when there is nothing to find. A walk may go back and forth between two
/// entities, one more hop each time and so in a new state each time: the states never run
/// out. Here 0 and 1 met, and 2 is tied to nobody. (The properties therefore always set
/// `max_hops` with `chronological`.)
#[test]
fn a_chronological_search_without_a_path_ends() {
    let paths = within_a_second(|| {
        let ties = [dated(tie(0, "met", 1), "1979")];
        let chronological = PathOptions {
            chronological: true,
            ..PathOptions::default()
        };
        search(3, &ties, 0, 2, &chronological, 1)
    });
    assert!(paths.is_empty());
}

/// The same bug when there is a path: 0-1-2 is found, then Yen's spur search from 1 (0
/// and the relation to 2 banned) walks 1-3-1-3... for ever. So `-k 2` and
/// `--all-shortest` with `--chronological` hang whenever a spur search has nothing to
/// find but somewhere to wander; `path Kaysone Nguyen_Phu_Trong --chronological -k 2`
/// does on the bundled data.
#[test]
fn chronological_k_best_ends_when_a_spur_search_finds_nothing() {
    let paths = within_a_second(|| {
        let ties = [
            dated(tie(0, "met", 1), "1979"),
            dated(tie(1, "met", 2), "1979"),
            dated(tie(1, "met", 3), "1979"),
        ];
        let chronological = PathOptions {
            chronological: true,
            ..PathOptions::default()
        };
        search(4, &ties, 0, 2, &chronological, 2)
    });
    assert_eq!(paths.len(), 1);
}

/// Found by the properties (the smallest case they shrink to): 0 and 2 are joined by
/// two relations, and so are 2 and 1, so there are four paths from 0 to 1, equally cheap;
/// `k_best` finds three. Yen's algorithm bans, for each spur, the next relation of every
/// path found so far with the same root; the root is compared by its entities
/// (`path.nodes[..=spur_index] == *root_nodes`), not its relations, so the spur after
/// relation 1 is also denied the relation taken after relation 0, and the path it leads to
/// is never a candidate. Every search is affected (`k_best`, `all_cheapest`, with or
/// without constraints); graphs with one relation per pair are not.
#[test]
fn parallel_relations_on_both_hops_are_four_paths() {
    let ties = [
        tie(0, "met", 2),
        tie(2, "met", 1),
        tie(2, "met", 1),
        tie(0, "met", 2),
    ];
    let paths = search(3, &ties, 0, 1, &PathOptions::default(), 4);
    let edges: HashSet<Vec<usize>> = paths
        .iter()
        .map(|path| path.edges.iter().map(|edge| edge.index()).collect())
        .collect();
    let expected: HashSet<Vec<usize>> = [[0, 1], [0, 2], [3, 1], [3, 2]].map(Vec::from).into();
    assert_eq!(edges, expected);
}

/// Not settled by the docs, and answered two ways: avoiding an end of the path. Here
/// 0 and 2 met, 2 and 1 met, and the path from 0 to 1 avoids 1. The bidirectional search
/// (no `max_hops`) finds 0, 2, 1: its half from 1 starts at the avoided end and meets the
/// other half at 2 (with a single relation 0-1 it finds nothing: its half from 0 may not
/// step onto 1). The search over states (any `max_hops`) finds nothing. The command line
/// accepts `--avoid` naming an end.
#[test]
fn avoiding_an_end_is_answered_the_same_by_both_searches() {
    let ties = [tie(0, "met", 2), tie(2, "met", 1)];
    let avoid = PathOptions {
        avoid: vec![NodeIndex::new(1)],
        ..PathOptions::default()
    };
    let at_most_five_hops = PathOptions {
        max_hops: Some(5),
        ..avoid.clone()
    };
    assert_eq!(
        search(3, &ties, 0, 1, &avoid, 1),
        search(3, &ties, 0, 1, &at_most_five_hops, 1)
    );
}
