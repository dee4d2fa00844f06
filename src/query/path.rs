//! How are two entities connected? Cheapest loopless paths under a documented cost, with
//! constraints, and the k best of them (Yen's algorithm).
//!
//! **Cost** (priced in [`cost`]). A hop costs its relation type's `weight` in schema.yaml
//! (default 1: a direct tie such as `signed` or `leads` is cheap, a circumstantial one such as
//! `located_in` dear), plus the schema's `claim_penalty` when it is a claim (a source
//! reporting what someone else asserts). Every entity a path passes *through* costs its
//! kind's `through` factor (default 1) times a hub penalty `ln(1 + degree)²`: a country tied
//! to everything (degree 200: penalty 28, times its factor) costs far more to pass through
//! than a specific person or agreement (degree 5: penalty 3.2), so the default answer is a
//! chain of specific ties rather than "both are tied to Laos". Half of the factor comes from
//! each tie on either side of the entity: a direct tie (a fact of a type weighing at most
//! the schema's `direct_weight`) that the entity acts in (as its source, or either end of a
//! symmetric type) brings 1, any other the kind's factor, so a country that built one thing
//! and signed the other is passed as an actor, and a country two people lead or a place two
//! things are merely in as a coincidence. The endpoints are not passed through. `--plain` charges one
//! a hop and nothing else: fewest hops.
//!
//! **Search.** Edge `u–v` weighs its hop cost plus the half of passing through `u` and the
//! half of passing through `v` that this tie brings (`h(n) × f / 2`, with `h` the hub
//! penalty and `f` 1 for a direct tie `n` acts in, the kind's factor otherwise; zero for
//! the ends).
//! Along a path every inner entity then gets both its halves, so a path's search cost is
//! its true cost, and plain Dijkstra ranks paths correctly. That needs only that a step's
//! weight depends on the relation and its two ends alone (not on the hops before it) and is
//! never negative (the schema's weights and factors are above zero). The same edge weights make `connect`'s tree cost
//! a plain sum over its relations (see `query::connect`). A single unconstrained answer is searched for from both ends at
//! once. `--max-hops` and `--chronological` make the answer depend on how a node was
//! reached, so they search over states (node, hops so far, latest date so far) instead, and
//! that search, like each of Yen's spur searches for `-k`, is A* guided by one pass from the
//! target (see [`Search::guide`]).

use std::cell::OnceCell;
use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use petgraph::graph::{EdgeIndex, NodeIndex};

use crate::graph::KnowledgeGraph;
use crate::model::{Day, Extent, KindId, Relation, RelationType, RelationTypeDef, TimeKind};
use crate::query::time::TimeFilter;

mod cost;
mod state;
mod yen;

pub(crate) use cost::{Charge, Costs};
use state::{Progress, State, StateSearch};
use yen::Route;

/// What a path may use and how paths are ranked.
#[derive(Debug, Clone, Default)]
pub(crate) struct PathOptions {
    /// Follow relations only along their arrows (symmetric ones both ways).
    pub(crate) directed: bool,
    /// Fewest hops: one a hop, no weights, claim or pass-through costs.
    pub(crate) plain: bool,
    pub(crate) max_hops: Option<usize>,
    /// Only these relation types; empty means all.
    pub(crate) via: Vec<RelationType>,
    /// Never through these entities (a path's own ends are not passed through).
    pub(crate) avoid: Vec<NodeIndex>,
    /// Never through entities of these kinds (the ends may be of any kind).
    pub(crate) avoid_kinds: Vec<KindId>,
    /// Only through entities of these kinds; empty means any (the ends may be of any kind).
    pub(crate) via_kinds: Vec<KindId>,
    pub(crate) time: TimeFilter,
    /// Each hop dated no earlier than the one before (undated relations are not used,
    /// unless `time.undated` takes them as holding at any time).
    pub(crate) chronological: bool,
    /// Leave out claims; by default a claim hop costs the schema's claim penalty more.
    pub(crate) facts_only: bool,
}

/// One answer: the entities in order and the relations between them.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Path {
    pub(crate) nodes: Vec<NodeIndex>,
    pub(crate) edges: Vec<EdgeIndex>,
    /// For each hop, the other relations between the same two entities that it could have
    /// taken under the same filters, cheapest first: one answer's alternatives, not other
    /// answers.
    pub(crate) alternatives: Vec<Vec<EdgeIndex>>,
    /// What its hops and the entities it passes through cost (see the module docs).
    pub(crate) cost: f64,
}

impl Path {
    /// Every relation of the answer: its hops and their alternatives.
    pub(crate) fn relations(&self) -> impl Iterator<Item = EdgeIndex> + '_ {
        self.edges
            .iter()
            .chain(self.alternatives.iter().flatten())
            .copied()
    }
}

/// Up to `k` cheapest loopless paths through distinct chains of entities, best first.
pub(crate) fn k_best(
    graph: &KnowledgeGraph<'_>,
    from: NodeIndex,
    to: NodeIndex,
    options: &PathOptions,
    k: usize,
) -> Vec<Path> {
    let search = Search::new(graph, options, vec![from, to]);
    search.k_best(from, to, k, None)
}

/// Every path as cheap as the cheapest (at most `limit`), best first.
pub(crate) fn all_cheapest(
    graph: &KnowledgeGraph<'_>,
    from: NodeIndex,
    to: NodeIndex,
    options: &PathOptions,
    limit: usize,
) -> Vec<Path> {
    let search = Search::new(graph, options, vec![from, to]);
    search.k_best(from, to, limit, Some(EQUAL))
}

/// What `path` costs under `options`, charge by charge in path order (hop, entity passed
/// through, hop, ...); the charges sum to `path.cost`.
pub(crate) fn charges(
    graph: &KnowledgeGraph<'_>,
    options: &PathOptions,
    path: &Path,
) -> Vec<Charge> {
    Costs::new(graph, options.plain)
        .charges(&path.nodes, &path.edges)
        .collect()
}

/// The entities `path` passes as a coincidence, in path order: those of a coincidence kind
/// ([`of_coincidence_kind`]), and an office or body held by two of its ties at times that do
/// not meet (one led the party until 1960, the other joined it in 1975: they are not thereby
/// tied).
pub(crate) fn coincidences(graph: &KnowledgeGraph<'_>, path: &Path) -> Vec<NodeIndex> {
    let inner = path.nodes.iter().skip(1).zip(path.edges.windows(2));
    inner
        .filter(|&(&node, ties)| {
            (of_coincidence_kind(graph, node) && !joint_act(graph, node, ties))
                || held_in_turn(graph, node, ties)
        })
        .map(|(&node, _)| node)
        .collect()
}

/// The ends of `path` tied to it only as a part of what comes next, with that whole: its first
/// or last hop a circumstantial tie (schema.yaml's `paths: circumstantial_weight`) of which the end is the source,
/// on a path of two hops or more. "The department is part of the party, which attended the
/// meeting" is the party's chain, not the department's (a reviewer's find).
pub(crate) fn ends_only_part_of(
    graph: &KnowledgeGraph<'_>,
    path: &Path,
) -> Vec<(NodeIndex, NodeIndex)> {
    if path.edges.len() < 2 {
        return Vec::new();
    }
    let last = path.nodes.len() - 1;
    let costs = graph.dataset.schema.path_costs();
    [
        (0, 1, path.edges[0]),
        (last, last - 1, path.edges[last - 1]),
    ]
    .into_iter()
    .filter(|&(end, _, edge)| {
        let circumstantial = graph
            .relation_type(edge)
            .is_some_and(|def| costs.is_circumstantial(def.weight));
        let source = graph.graph.edge_endpoints(edge).map(|(source, _)| source);
        circumstantial && source == Some(path.nodes[end])
    })
    .map(|(end, whole, _)| (path.nodes[end], path.nodes[whole]))
    .collect()
}

/// Dated ties this many years apart, with nothing holding between them, are separate
/// episodes rather than one story: a post-1975 commission explained through the wartime
/// Trail read to a reviewer as mixing eras.
pub(crate) const ERA_GAP_YEARS: u16 = 20;

/// The widest gap in time between `path`'s dated ties, as the years on either side, when it
/// is at least [`ERA_GAP_YEARS`]: the last year something of the path holds before it, and
/// the first year after. A state still holding (no end) bridges every later year.
pub(crate) fn era_gap(graph: &KnowledgeGraph<'_>, path: &Path) -> Option<(u16, u16)> {
    let mut extents: Vec<Extent> = path
        .edges
        .iter()
        .filter_map(|&edge| {
            let kind = graph
                .relation_type(edge)
                .map_or(TimeKind::Event, |def| def.time);
            Extent::of(graph.graph[edge], kind)
        })
        .collect();
    extents.sort_by_key(Extent::start);
    // Walk in order of start, keeping how far what came before reaches (`None`: still holds).
    let mut reach: Option<Option<Day>> = None;
    let mut widest: Option<(u16, u16)> = None;
    for extent in extents {
        let start = extent.start();
        if let Some(Some(until)) = reach {
            let gap = (until.0, start.0);
            if gap.1.saturating_sub(gap.0) >= ERA_GAP_YEARS
                && widest.is_none_or(|(a, b)| gap.1 - gap.0 > b - a)
            {
                widest = Some(gap);
            }
        }
        reach = Some(match (reach, extent.stop) {
            (Some(None), _) | (_, None) => None,
            (Some(Some(until)), Some(stop)) => Some(until.max(stop)),
            (None, Some(stop)) => Some(stop),
        });
    }
    widest
}

/// Whether `node` is of a coincidence kind (schema.yaml's `paths: coincidence_through`), actor or not: "Vietnam
/// is a member of the CLV and signed the research agreement" ties the CLV to the agreement no
/// more than "both are in Vietnam" does. The actor's lower price still ranks such chains
/// among themselves.
pub(crate) fn of_coincidence_kind(graph: &KnowledgeGraph<'_>, node: NodeIndex) -> bool {
    graph.kind(node).is_some_and(|kind| {
        graph
            .dataset
            .schema
            .path_costs()
            .is_coincidence_kind(kind.through)
    })
}

/// Whether two of `ties` (at `node`) are one joint act on it by two doers (schema.yaml's
/// `joint:`): Kaysone and Souphanouvong both founded the special relationship, which ties
/// them as co-founders, however many other things the relationship joins.
pub(crate) fn joint_act(graph: &KnowledgeGraph<'_>, node: NodeIndex, ties: &[EdgeIndex]) -> bool {
    let doers: Vec<(NodeIndex, &RelationType)> = ties
        .iter()
        .filter_map(|&edge| {
            let (doer, to) = graph.graph.edge_endpoints(edge)?;
            let def = graph.relation_type(edge).filter(|def| def.joint)?;
            (to == node && !graph.is_claim(edge)).then_some((doer, &def.id.value))
        })
        .collect();
    doers.iter().enumerate().any(|(at, (doer, kind))| {
        doers[at + 1..]
            .iter()
            .any(|(other, other_kind)| other != doer && other_kind == kind)
    })
}

/// Whether two of `ties` (at `node`) are states held of `node` (it their target: led,
/// belonged to) at times that do not meet, or, for a type held by one at a time
/// (`one_at_a_time:`, an office), by two holders at times the texts do not show to overlap
/// (one undated): Pany Yathotou and Thongsing Thammavong both led the National Assembly,
/// which ties neither to the other.
pub(crate) fn held_in_turn(
    graph: &KnowledgeGraph<'_>,
    node: NodeIndex,
    ties: &[EdgeIndex],
) -> bool {
    let held = |edge: EdgeIndex| {
        let (holder, to) = graph.graph.edge_endpoints(edge)?;
        let def = graph
            .relation_type(edge)
            .filter(|def| def.time == TimeKind::State)?;
        (to == node).then(|| (holder, def, Extent::of(graph.graph[edge], def.time)))
    };
    let held: Vec<_> = ties.iter().filter_map(|&edge| held(edge)).collect();
    held.iter().enumerate().any(|(at, (holder, def, span))| {
        held[at + 1..]
            .iter()
            .any(|(other, other_def, other_span)| match (span, other_span) {
                (Some(x), Some(y)) => !x.meets(y),
                _ => def.one_at_a_time && def.id.value == other_def.id.value && holder != other,
            })
    })
}

/// The cheapest links between any two of several entities, for `connect`: the path search
/// with all of them as ends, so the filters never leave one out and passing through one
/// costs nothing.
pub(crate) struct Links<'g, 'd> {
    search: Search<'g, 'd>,
}

impl<'g, 'd> Links<'g, 'd> {
    pub(crate) fn new(
        graph: &'g KnowledgeGraph<'d>,
        options: &'g PathOptions,
        ends: Vec<NodeIndex>,
    ) -> Self {
        Links {
            search: Search::new(graph, options, ends),
        }
    }

    /// The cheapest path from `from` to `to` under the options, as entities and relations.
    pub(crate) fn cheapest(
        &self,
        from: NodeIndex,
        to: NodeIndex,
    ) -> Option<(Vec<NodeIndex>, Vec<EdgeIndex>)> {
        let start = State {
            node: from,
            hops: 0,
            latest: None,
        };
        self.search.cheapest(start, to, &Bans::default(), None)
    }

    /// What the search charges for relation `edge` between `a` and `b`: its hop, and the
    /// half of passing through each end it brings (nothing for the entities linked).
    pub(crate) fn step(&self, a: NodeIndex, edge: EdgeIndex, b: NodeIndex) -> f64 {
        self.search.weight(a, self.search.costs.hop(edge), b)
    }

    /// The prices the links are found by.
    pub(crate) fn costs(&self) -> Costs<'g, 'd> {
        self.search.costs
    }
}

/// Total order on costs, for the heaps (costs are finite sums of finite weights).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Cost(f64);

impl Eq for Cost {}

impl PartialOrd for Cost {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Cost {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.total_cmp(&other.0)
    }
}

/// What one search (of the many Yen's algorithm runs) may not use.
#[derive(Default)]
struct Bans {
    nodes: HashSet<NodeIndex>,
    edges: HashSet<EdgeIndex>,
    /// Nor cost more than this (beyond rounding): a spur path dearer than enough candidates
    /// already found cannot be among the answers, and searching on for it was most of the
    /// work of `-k 100`.
    ceiling: Option<f64>,
}

impl Bans {
    /// Whether a path that costs at least `cost` is over the ceiling.
    fn over(&self, cost: f64) -> bool {
        self.ceiling.is_some_and(|ceiling| cost > ceiling + EQUAL)
    }
}

/// Costs closer than this are equal: sums of the same charges in another order differ by
/// rounding.
const EQUAL: f64 = 1e-9;

struct Search<'g, 'd> {
    graph: &'g KnowledgeGraph<'d>,
    options: &'g PathOptions,
    costs: Costs<'g, 'd>,
    avoid: HashSet<NodeIndex>,
    /// The entities being linked (a path's two ends, or every entity `connect` names):
    /// the filters do not apply to them, and the search charges nothing for them.
    ends: Vec<NodeIndex>,
    /// Each relation's extent, under `--chronological` only (else empty): its searches read
    /// a relation's extent several times at every step.
    extents: Vec<Option<Extent>>,
    /// Whether the time filters admit each relation, under `--at`, `--since` or `--until`
    /// only (else empty): asked at every step, working it out each time was a quarter of a
    /// `-k 100 --chronological --until` search at 200k relations.
    admitted: Vec<bool>,
    /// The steps on from each entity, once worked out (see [`Search::onward`]); the table
    /// is made by the first state search, so a single path or `connect` does not pay for it.
    onward: OnceCell<Vec<OnceCell<Box<[Onward]>>>>,
}

/// A step the state search may take from an entity whatever its bans and guide: the
/// relation, the entity it leads to, what the step costs and when the relation holds.
#[derive(Debug, Clone, Copy)]
struct Onward {
    edge: EdgeIndex,
    next: NodeIndex,
    weight: f64,
    extent: Option<Extent>,
}

impl<'g, 'd> Search<'g, 'd> {
    /// A search for paths between `ends`, which `avoid` does not apply to.
    fn new(graph: &'g KnowledgeGraph<'d>, options: &'g PathOptions, ends: Vec<NodeIndex>) -> Self {
        let mut search = Search {
            graph,
            options,
            costs: Costs::new(graph, options.plain),
            avoid: options
                .avoid
                .iter()
                .copied()
                .filter(|node| !ends.contains(node))
                .collect(),
            ends,
            extents: Vec::new(),
            admitted: Vec::new(),
            onward: OnceCell::new(),
        };
        if options.chronological {
            search.extents = graph
                .graph
                .edge_indices()
                .map(|edge| Extent::of(graph.graph[edge], search.time_kind(edge)))
                .collect();
        }
        if !options.time.is_empty() {
            search.admitted = graph
                .graph
                .edge_indices()
                .map(|edge| {
                    options
                        .time
                        .admits(graph.graph[edge], search.time_kind(edge))
                })
                .collect();
        }
        search
    }

    /// Whether a path may pass through `node`, as far as its kind goes.
    fn kind_allowed(&self, node: NodeIndex) -> bool {
        let (avoid, via) = (&self.options.avoid_kinds, &self.options.via_kinds);
        // Without kind filters the entity is not read at all: a search reads thousands.
        if (avoid.is_empty() && via.is_empty()) || self.ends.contains(&node) {
            return true;
        }
        let kind = &self.graph.graph[node].kind.value;
        !avoid.contains(kind) && (via.is_empty() || via.contains(kind))
    }

    fn relation(&self, edge: EdgeIndex) -> &'d Relation {
        self.graph.graph[edge]
    }

    /// What the search charges for a step from `a` to `b` over `hop` (see the module docs:
    /// the hop, and the half of passing through each end that this tie brings; none for the
    /// entities linked, which every answer has as ends).
    fn weight(&self, a: NodeIndex, hop: Charge, b: NodeIndex) -> f64 {
        let half = |node: NodeIndex| {
            if self.ends.contains(&node) {
                0.0
            } else {
                self.costs.half(node, hop.is_direct_at(node))
            }
        };
        hop.cost() + half(a) + half(b)
    }

    fn time_kind(&self, edge: EdgeIndex) -> TimeKind {
        self.graph
            .relation_type(edge)
            .map_or(TimeKind::Event, |def| def.time)
    }

    /// The extent of `edge`'s relation (`None`: undated).
    fn extent(&self, edge: EdgeIndex) -> Option<Extent> {
        match self.extents.get(edge.index()) {
            Some(extent) => *extent,
            None => Extent::of(self.relation(edge), self.time_kind(edge)),
        }
    }

    /// Whether the filters let a path use `edge`, whose relation is of type `def`.
    fn usable(&self, edge: EdgeIndex, def: Option<&RelationTypeDef>) -> bool {
        // The relation is read only for a filter that needs it: the read, a cache miss an
        // edge, was most of a `-k 100 --plain` search.
        let via = &self.options.via;
        let time = &self.options.time;
        let admitted = || {
            time.is_empty()
                || self.admitted.get(edge.index()).copied().unwrap_or_else(|| {
                    let kind = def.map_or(TimeKind::Event, |def| def.time);
                    time.admits(self.relation(edge), kind)
                })
        };
        (via.is_empty() || via.contains(&self.relation(edge).relation_type))
            && !(self.options.facts_only && self.graph.is_claim(edge))
            && admitted()
            && (!self.options.chronological
                || self.options.time.undated
                || self.extent(edge).is_some())
    }

    /// Steps from `node`: forward along arrows (or backward, for the search from the far
    /// end), and against them where direction does not matter. Yields (edge, other end,
    /// hop charge).
    ///
    /// Everything known of the other end is asked first: the relation's facts are read
    /// only for a step that can still be taken (a cache miss a step, most of a
    /// `-k 100 --plain` search when every step read them).
    fn steps<'s>(
        &'s self,
        node: NodeIndex,
        backward: bool,
        bans: &'s Bans,
    ) -> impl Iterator<Item = (EdgeIndex, NodeIndex, Charge)> + 's {
        // Along the arrows first, so that equally cheap paths come out in a stable order.
        let (out, into) = self.graph.ties(node);
        let sides = if backward {
            [(into, false), (out, true)]
        } else {
            [(out, true), (into, false)]
        };
        sides
            .into_iter()
            .flat_map(|(ties, outgoing)| {
                ties.iter()
                    .map(move |&(edge, other)| (edge, other, outgoing))
            })
            .filter(move |&(edge, other, _)| {
                !bans.nodes.contains(&other)
                    && !self.avoid.contains(&other)
                    && self.kind_allowed(other)
                    && !bans.edges.contains(&edge)
            })
            .filter_map(move |(edge, other, outgoing)| {
                // Looked up once for the filters and the cost: a search takes many steps.
                let def = self.graph.relation_type(edge);
                let source = if outgoing { node } else { other };
                self.follows(edge, outgoing, def, backward)
                    .then(|| (edge, other, self.costs.hop_of(edge, def, source)))
            })
    }

    /// The state search's steps from `node` along the arrows (see [`Search::steps`]),
    /// before bans and guide, listed once: an entity is expanded again in many states
    /// (hops, dates) and by many of Yen's spur searches, and working its steps out each
    /// time was most of `-k 100 --chronological --max-hops 10` at 200k relations (1.6 s
    /// of 2.1 s; listed once, 1.0 s, and `-k 100 --plain` 1.4 s to 0.6 s, peak memory
    /// the same: the listing is smaller than the load's).
    fn onward(&self, node: NodeIndex) -> &[Onward] {
        let count = self.graph.graph.node_count();
        let all = self
            .onward
            .get_or_init(|| std::iter::repeat_with(OnceCell::new).take(count).collect());
        all[node.index()].get_or_init(|| {
            self.steps(node, false, &Bans::default())
                .map(|(edge, next, hop)| Onward {
                    edge,
                    next,
                    weight: self.weight(node, hop, next),
                    extent: self.extent(edge),
                })
                .collect()
        })
    }

    /// Whether a step over `edge` (not a loop), of type `def`, `outgoing` from the entity it
    /// leaves, is allowed by its relation: its type, stance and time, and its arrow, which
    /// it must go along (against, going `backward`) unless direction does not matter.
    fn follows(
        &self,
        edge: EdgeIndex,
        outgoing: bool,
        def: Option<&RelationTypeDef>,
        backward: bool,
    ) -> bool {
        let along = outgoing != backward;
        let symmetric = def.is_some_and(|def| def.symmetric);
        self.usable(edge, def) && (along || !self.options.directed || symmetric)
    }

    fn constrained(&self) -> bool {
        self.options.max_hops.is_some() || self.options.chronological
    }

    /// The cheapest path from `state` to `to`, or none. With a `guide` to `to` (or any
    /// constraint on hops or dates) the search is A* over states; otherwise it runs from
    /// both ends at once, which needs no pass over the whole graph first.
    fn cheapest(
        &self,
        state: State,
        to: NodeIndex,
        bans: &Bans,
        guide: Option<&Guide>,
    ) -> Option<(Vec<NodeIndex>, Vec<EdgeIndex>)> {
        match guide {
            Some(guide) => self.cheapest_by_state(state, to, bans, guide),
            None if self.constrained() => self.cheapest_by_state(state, to, bans, &self.guide(to)),
            None => self.cheapest_bidirectional(state.node, to, bans),
        }
    }

    /// Lower bounds on what is left from each entity to `to`: the cheapest cost (under
    /// `--chronological`, by the latest date reached) and, under `--max-hops`, the fewest
    /// hops, found once from `to` against the arrows with the filters but without any ban or
    /// state. A ban or a state only ever makes the rest dearer or longer, so the bounds hold
    /// for every search to `to` that Yen's algorithm runs.
    fn guide(&self, to: NodeIndex) -> Guide {
        let count = self.graph.graph.node_count();
        let no_bans = Bans::default();
        let hops = self.options.max_hops.map(|_| {
            let mut hops = vec![usize::MAX; count];
            hops[to.index()] = 0;
            let mut queue = std::collections::VecDeque::from([to]);
            while let Some(node) = queue.pop_front() {
                for (_, next, _) in self.steps(node, true, &no_bans) {
                    if hops[next.index()] == usize::MAX {
                        hops[next.index()] = hops[node.index()] + 1;
                        queue.push_back(next);
                    }
                }
            }
            hops
        });
        let mut arrivals = Arrivals::none(count);
        // The date profile holds the cheapest cost too: a pass for it alone would be wasted.
        let rest = if self.options.chronological {
            Rest::Profile(self.profile_to(to, &mut arrivals))
        } else {
            Rest::Cost(self.cost_to(to))
        };
        let within_hops = self
            .options
            .max_hops
            .map(|max_hops| self.cost_within_hops(to, max_hops, &mut arrivals));
        Guide {
            rest,
            hops,
            within_hops,
        }
    }

    /// For `--max-hops`: the cheapest cost from each entity to `to` in at most `h` hops,
    /// whatever the dates, for each `h` up to `max_hops` or [`HOP_ROWS`] (Bellman–Ford, a
    /// round a hop, each relaxing only the entities the round before improved). Rows stop
    /// early when a round changes nothing: the last row is then the cheapest cost in any
    /// number of hops.
    fn cost_within_hops(
        &self,
        to: NodeIndex,
        max_hops: usize,
        arrivals: &mut Arrivals,
    ) -> WithinHops {
        let most = max_hops.min(HOP_ROWS);
        let mut first = vec![f64::INFINITY; self.graph.graph.node_count()];
        first[to.index()] = 0.0;
        let mut rows = vec![first];
        let mut improved = vec![to];
        while rows.len() <= most && !improved.is_empty() {
            let last = rows.last().expect("the first row");
            let mut row = last.clone();
            let mut now_improved = Vec::new();
            for &node in &improved {
                for &(before, weight, _) in self.arrivals_at(arrivals, node) {
                    let through = last[node.index()] + weight;
                    if through < row[before.index()] {
                        if row[before.index()] == last[before.index()] {
                            now_improved.push(before);
                        }
                        row[before.index()] = through;
                    }
                }
            }
            improved = now_improved;
            if !improved.is_empty() {
                rows.push(row);
            }
        }
        WithinHops {
            max_hops,
            settled: improved.is_empty(),
            rows,
        }
    }

    /// The cheapest cost from each entity to `to` (infinite: out of reach).
    fn cost_to(&self, to: NodeIndex) -> Vec<f64> {
        let no_bans = Bans::default();
        let mut cost = vec![f64::INFINITY; self.graph.graph.node_count()];
        cost[to.index()] = 0.0;
        let mut heap = BinaryHeap::from([std::cmp::Reverse((Cost(0.0), to))]);
        while let Some(std::cmp::Reverse((Cost(reached), node))) = heap.pop() {
            if reached > cost[node.index()] {
                continue;
            }
            for (_, next, hop) in self.steps(node, true, &no_bans) {
                let through = reached + self.weight(node, hop, next);
                if through < cost[next.index()] {
                    cost[next.index()] = through;
                    heap.push(std::cmp::Reverse((Cost(through), next)));
                }
            }
        }
        cost
    }

    /// For `--chronological`: what the rest of a path from each entity to `to` costs at
    /// least, by the latest date the path has reached there. Each entity gets (limit, cost)
    /// pairs: a path whose latest date is at most `limit` can go on in order for `cost`.
    /// Found from `to` against the arrows, cheapest first, keeping a pair only when its limit
    /// is later than every cheaper one's (so limits and costs rise together). A hop over a
    /// relation from `start` to `stop` is open to a path whose latest date is at most
    /// `stop`, and leaves it at `start` or later, which must be within the next limit.
    ///
    /// Of equally cheap pairs the latest is taken first, and a pair is not queued when one
    /// queued for the same entity is no dearer and no earlier: either would be passed over
    /// when taken, and (with `--plain`, where most pairs cost the same) they were most of a
    /// heap of a million. The profile is the same: only pairs it would drop are left out.
    fn profile_to(&self, to: NodeIndex, arrivals: &mut Arrivals) -> Profile {
        const OPEN: Day = (u16::MAX, u8::MAX, u8::MAX);
        let count = self.graph.graph.node_count();
        let mut profile: Vec<Vec<(Day, f64)>> = vec![Vec::new(); count];
        // The latest pair queued for each entity so far.
        let mut queued: Vec<Option<(Day, f64)>> = vec![None; count];
        let mut heap = BinaryHeap::from([std::cmp::Reverse((Cost(0.0), Reverse(OPEN), to))]);
        while let Some(std::cmp::Reverse((Cost(cost), Reverse(limit), node))) = heap.pop() {
            let pairs = &mut profile[node.index()];
            if pairs.last().is_some_and(|&(later, _)| later >= limit) {
                continue;
            }
            pairs.push((limit, cost));
            for &(before, weight, extent) in self.arrivals_at(arrivals, node) {
                let (start, stop) = match extent {
                    Some(extent) => (extent.start(), extent.stop),
                    // With `--undated` an undated relation holds at any time.
                    None if self.options.time.undated => ((0, 0, 0), None),
                    None => continue,
                };
                let open_until = stop.unwrap_or(OPEN).min(limit);
                let through = cost + weight;
                let known = profile[before.index()].last();
                let waiting = queued[before.index()];
                if start > limit
                    || known.is_some_and(|&(later, _)| later >= open_until)
                    || waiting.is_some_and(|(later, dear)| later >= open_until && dear <= through)
                {
                    continue;
                }
                if waiting.is_none_or(|(later, _)| open_until > later) {
                    queued[before.index()] = Some((open_until, through));
                }
                heap.push(std::cmp::Reverse((
                    Cost(through),
                    Reverse(open_until),
                    before,
                )));
            }
        }
        Profile::new(profile)
    }

    /// The steps into `node` against the arrows, as the guide's passes take them: the
    /// entity before, what the step costs and when its relation holds; listed once.
    fn arrivals_at<'a>(&self, arrivals: &'a mut Arrivals, node: NodeIndex) -> &'a [Arrival] {
        arrivals.0[node.index()].get_or_insert_with(|| {
            self.steps(node, true, &Bans::default())
                .map(|(edge, before, hop)| {
                    (before, self.weight(node, hop, before), self.extent(edge))
                })
                .collect()
        })
    }

    fn cheapest_bidirectional(
        &self,
        from: NodeIndex,
        to: NodeIndex,
        bans: &Bans,
    ) -> Option<(Vec<NodeIndex>, Vec<EdgeIndex>)> {
        if from == to {
            return Some((vec![from], Vec::new()));
        }
        let count = self.graph.graph.node_count();
        // Side 0 searches from `from` along arrows, side 1 from `to` against them.
        let mut distance = [vec![f64::INFINITY; count], vec![f64::INFINITY; count]];
        let mut previous: [HashMap<NodeIndex, (NodeIndex, EdgeIndex)>; 2] =
            [HashMap::default(), HashMap::default()];
        let mut settled = [vec![false; count], vec![false; count]];
        let mut heaps = [BinaryHeap::new(), BinaryHeap::new()];
        for (side, start) in [(0, from), (1, to)] {
            distance[side][start.index()] = 0.0;
            heaps[side].push(std::cmp::Reverse((Cost(0.0), start)));
        }
        let mut best = f64::INFINITY;
        let mut meeting = None;
        loop {
            let tops = [0, 1].map(|side| {
                heaps[side]
                    .peek()
                    .map_or(f64::INFINITY, |std::cmp::Reverse((c, _))| c.0)
            });
            if tops[0] + tops[1] >= best || (tops[0].is_infinite() && tops[1].is_infinite()) {
                break;
            }
            let side = usize::from(tops[1] < tops[0]);
            let std::cmp::Reverse((Cost(cost), node)) = heaps[side].pop().expect("non-empty side");
            if settled[side][node.index()] {
                continue;
            }
            settled[side][node.index()] = true;
            for (edge, next, hop) in self.steps(node, side == 1, bans) {
                let through = cost + self.weight(node, hop, next);
                if through < distance[side][next.index()] && !bans.over(through) {
                    distance[side][next.index()] = through;
                    previous[side].insert(next, (node, edge));
                    heaps[side].push(std::cmp::Reverse((Cost(through), next)));
                }
                let total = through + distance[1 - side][next.index()];
                if total < best {
                    best = total;
                    meeting = Some(next);
                }
            }
        }
        let meeting = meeting?;
        let (mut nodes, mut edges) = (vec![meeting], Vec::new());
        let mut node = meeting;
        while let Some(&(before, edge)) = previous[0].get(&node) {
            nodes.push(before);
            edges.push(edge);
            node = before;
        }
        nodes.reverse();
        edges.reverse();
        let mut node = meeting;
        while let Some(&(after, edge)) = previous[1].get(&node) {
            nodes.push(after);
            edges.push(edge);
            node = after;
        }
        Some((nodes, edges))
    }

    /// The cheapest path from `start` to `to` by the state search (see [`StateSearch`]).
    fn cheapest_by_state(
        &self,
        start: State,
        to: NodeIndex,
        bans: &Bans,
        guide: &Guide,
    ) -> Option<(Vec<NodeIndex>, Vec<EdgeIndex>)> {
        match StateSearch::new(start, to, guide)?.run(self, bans, guide, f64::INFINITY) {
            Progress::Found(nodes, edges) => Some((nodes, edges)),
            Progress::Exhausted => None,
            Progress::Paused => unreachable!("a search without a limit does not pause"),
        }
    }

    /// What the search charges for the steps of `edges` between `nodes`: the cost of a
    /// path's beginning, as the search reaches its end.
    fn search_cost(&self, nodes: &[NodeIndex], edges: &[EdgeIndex]) -> f64 {
        edges
            .iter()
            .zip(nodes.windows(2))
            .map(|(&edge, ends)| self.weight(ends[0], self.costs.hop(edge), ends[1]))
            .sum()
    }

    /// The latest date after taking `edge`, or `None` when `--chronological` forbids it:
    /// a hop may not end before the latest hop so far began (a coarse date such as `1977`
    /// counts as its whole year). An undated relation is forbidden, or with `--undated`
    /// holds at any time and leaves the latest date as it was.
    fn advance(&self, latest: Option<Day>, edge: EdgeIndex) -> Option<Option<Day>> {
        self.advance_over(latest, self.extent(edge))
    }

    /// [`Search::advance`] over a relation whose extent is known: `extent`.
    fn advance_over(&self, latest: Option<Day>, extent: Option<Extent>) -> Option<Option<Day>> {
        if !self.options.chronological {
            return Some(None);
        }
        let Some(extent) = extent else {
            return self.options.time.undated.then_some(latest);
        };
        match latest {
            Some(latest) if !extent.holds_after(latest) => None,
            _ => Some(Some(
                latest.map_or(extent.start(), |l| l.max(extent.start())),
            )),
        }
    }

    /// The state reached at the end of `edges` from `from`, for Yen's spur searches.
    fn state_after(&self, from: NodeIndex, nodes: &[NodeIndex], edges: &[EdgeIndex]) -> State {
        let mut latest = None;
        for edge in edges {
            latest = self.advance(latest, *edge).flatten().or(latest);
        }
        State {
            node: *nodes.last().unwrap_or(&from),
            hops: self.counted(edges.len()),
            latest,
        }
    }

    /// `hops` when `--max-hops` needs it, else always 0 (see [`State::hops`]).
    fn counted(&self, hops: usize) -> usize {
        if self.options.max_hops.is_some() {
            hops
        } else {
            0
        }
    }

    /// The answer for `route`, with the other relations each of its hops could have taken
    /// under the same filters, cheapest first (relations in data order among equals).
    fn with_alternatives(&self, route: &Route) -> Path {
        let alternatives = route
            .edges
            .iter()
            .enumerate()
            .map(|(hop, &taken)| {
                let (at, next) = (route.nodes[hop], route.nodes[hop + 1]);
                let mut others: Vec<EdgeIndex> = self
                    .joining(at, next)
                    .filter(|&(edge, outgoing)| {
                        let def = self.graph.relation_type(edge);
                        edge != taken && self.follows(edge, outgoing, def, false)
                    })
                    .map(|(edge, _)| edge)
                    .filter(|&edge| {
                        let mut edges = route.edges.clone();
                        edges[hop] = edge;
                        self.in_order(&edges)
                    })
                    .collect();
                others.sort_by(|a, b| {
                    let cost = |edge: &EdgeIndex| self.costs.hop(*edge).cost();
                    cost(a).total_cmp(&cost(b)).then(a.cmp(b))
                });
                others
            })
            .collect();
        Path {
            nodes: route.nodes.clone(),
            edges: route.edges.clone(),
            alternatives,
            cost: route.cost,
        }
    }

    /// Every relation between `a` and `b`, either way, and whether it leads out of `a`,
    /// looked for among the relations of whichever has fewer: the other may be a hub with
    /// thousands.
    fn joining(&self, a: NodeIndex, b: NodeIndex) -> impl Iterator<Item = (EdgeIndex, bool)> + 'g {
        let graph = self.graph;
        let (few, other) = if graph.degree(a) <= graph.degree(b) {
            (a, b)
        } else {
            (b, a)
        };
        let (out, into) = graph.ties(few);
        let sides = out.iter().map(|&tie| (tie, true));
        sides
            .chain(into.iter().map(|&tie| (tie, false)))
            .filter(move |&((_, end), _)| end == other)
            // Out of `few` is out of `a` when `few` is `a`.
            .map(move |((edge, _), out_of_few)| (edge, out_of_few == (few == a)))
    }

    /// Whether `edges` keep `--chronological`'s order (always, without it).
    fn in_order(&self, edges: &[EdgeIndex]) -> bool {
        edges
            .iter()
            .try_fold(None, |latest, edge| self.advance(latest, *edge))
            .is_some()
    }
}

/// Lower bounds on the rest of a path to one target, from every entity (see
/// [`Search::guide`]).
struct Guide {
    rest: Rest,
    /// The fewest hops to the target, under `--max-hops` only.
    hops: Option<Vec<usize>>,
    /// The cheapest cost within the hops left, under `--max-hops` only: a state with few
    /// hops left costs more to go on from than the cheapest cost says, and a spur search
    /// held to ten hops, guided by that cost alone, went through 600,000 states of cheap
    /// ways it could not take (5 s for `-k 100 --chronological --max-hops 10` at 200k).
    within_hops: Option<WithinHops>,
}

/// A step into an entity against the arrows (see [`Search::arrivals_at`]).
type Arrival = (NodeIndex, f64, Option<Extent>);

/// The steps into each entity that the guide's passes have listed so far: the date profile
/// reaches an entity again for every later limit, and the hop rows once a round, and
/// working its steps out each time was most of the guide's time.
struct Arrivals(Vec<Option<Box<[Arrival]>>>);

impl Arrivals {
    /// None listed yet, for a graph of `count` entities.
    fn none(count: usize) -> Self {
        Arrivals(vec![None; count])
    }
}

/// The most hops [`Search::cost_within_hops`] keeps a row for: a row is a cost per entity,
/// and past a dozen hops the bound seldom binds.
const HOP_ROWS: usize = 16;

/// The rows of [`Search::cost_within_hops`].
struct WithinHops {
    max_hops: usize,
    /// `rows[h][entity]`: the cheapest cost in at most `h` hops.
    rows: Vec<Vec<f64>>,
    /// Whether the last row is the cheapest in any number of hops (else only in its own).
    settled: bool,
}

impl WithinHops {
    /// What the rest from `node`, reached on hop `hops`, costs at least in the hops left
    /// (0: no bound known).
    fn at_least(&self, node: NodeIndex, hops: usize) -> f64 {
        let Some(left) = self.max_hops.checked_sub(hops) else {
            return f64::INFINITY;
        };
        match self.rows.get(left) {
            Some(row) => row[node.index()],
            None if self.settled => self.rows.last().expect("the first row")[node.index()],
            None => 0.0,
        }
    }
}

/// What the rest of a path to the target costs at least.
enum Rest {
    /// From each entity, whatever the dates (infinite: out of reach).
    Cost(Vec<f64>),
    /// By the latest date reached, under `--chronological` (see [`Search::profile_to`]).
    Profile(Profile),
}

/// The (limit, cost) pairs of [`Search::profile_to`], limits and costs rising, for every
/// entity in one table: the guide is read at every step of every search, and a table per
/// entity was a cache miss more each time.
struct Profile {
    /// Where each entity's pairs start in `pairs` (and end, at the next one's start).
    starts: Vec<u32>,
    pairs: Vec<(Day, f64)>,
}

impl Profile {
    fn new(by_entity: Vec<Vec<(Day, f64)>>) -> Self {
        let mut starts = Vec::with_capacity(by_entity.len() + 1);
        let mut pairs = Vec::with_capacity(by_entity.iter().map(Vec::len).sum());
        for entity in by_entity {
            starts.push(u32::try_from(pairs.len()).expect("fewer than 2^32 pairs"));
            pairs.extend(entity);
        }
        starts.push(u32::try_from(pairs.len()).expect("fewer than 2^32 pairs"));
        Profile { starts, pairs }
    }

    /// `node`'s pairs (none: the target is out of reach in order).
    fn of(&self, node: NodeIndex) -> &[(Day, f64)] {
        let (start, end) = (self.starts[node.index()], self.starts[node.index() + 1]);
        &self.pairs[start as usize..end as usize]
    }
}

impl Guide {
    /// Whether the target can still be reached from `node`, entered on hop `hops` of at
    /// most `max_hops`.
    fn reaches(&self, node: NodeIndex, max_hops: Option<usize>, hops: usize) -> bool {
        let within = match (&self.hops, max_hops) {
            (Some(fewest), Some(max)) => fewest[node.index()].saturating_add(hops) <= max,
            _ => true,
        };
        within
            && match &self.rest {
                Rest::Cost(cost) => cost[node.index()].is_finite(),
                Rest::Profile(profile) => !profile.of(node).is_empty(),
            }
    }

    /// What the rest of a path from `node` costs at least, for a path whose latest date
    /// there is `latest`, reached there on hop `hops` (counted under `--max-hops` only);
    /// `None` when it cannot reach the target (in order, within the hops).
    fn rest(&self, node: NodeIndex, latest: Option<Day>, hops: usize) -> Option<f64> {
        let bound = match &self.rest {
            Rest::Profile(profile) => {
                let pairs = profile.of(node);
                let first =
                    latest.map_or(0, |day| pairs.partition_point(|&(limit, _)| limit < day));
                pairs.get(first)?.1
            }
            Rest::Cost(cost) => cost[node.index()],
        };
        let bound = match &self.within_hops {
            Some(within) => bound.max(within.at_least(node, hops)),
            None => bound,
        };
        bound.is_finite().then_some(bound)
    }
}

#[cfg(test)]
pub(in crate::query) mod tests;
