//! The search over states (entity, hops so far, latest date so far) that `--max-hops`,
//! `--chronological` and Yen's spur searches run: A* guided by [`Guide`], which can stop at a
//! cost and go on from there later, so that Yen's algorithm takes each spur search only as
//! far as the answers it still wants need (see [`Search::k_best`]).

use std::collections::BinaryHeap;

use petgraph::graph::{EdgeIndex, NodeIndex};
use rustc_hash::FxHashMap as HashMap;

use super::{Bans, Cost, Guide, Onward, Search, EQUAL};
use crate::model::Day;

/// The state a constrained search is in at a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) struct State {
    pub(super) node: NodeIndex,
    /// Hops so far, counted only under `--max-hops`: counted without a bound, every walk
    /// back and forth would be a new state, and a search with no answer would never end.
    pub(super) hops: usize,
    /// The latest start date of the hops so far, for `--chronological`.
    pub(super) latest: Option<Day>,
}

/// The states a state search has reached, and those it is yet to go on from, least bound
/// first.
struct Frontier {
    /// Each state's least cost so far, and the state and relation it came by.
    reached: HashMap<State, (f64, Option<(State, EdgeIndex)>)>,
    heap: BinaryHeap<std::cmp::Reverse<(Cost, State)>>,
}

impl Frontier {
    /// Takes `step` unless its state is reached as cheaply already.
    fn take(&mut self, step: Step) {
        let known = self
            .reached
            .get(&step.to)
            .map_or(f64::INFINITY, |&(cost, _)| cost);
        if step.cost < known {
            self.reached.insert(step.to, (step.cost, Some(step.from)));
            self.heap
                .push(std::cmp::Reverse((Cost(step.bound), step.to)));
        }
    }
}

/// A step of the state search: to a state, from a state over a relation, at a cost so far
/// and a bound on the whole path's (see [`StateSearch`]).
struct Step {
    to: State,
    from: (State, EdgeIndex),
    cost: f64,
    bound: f64,
}

/// How far a call of [`StateSearch::run`] got.
#[derive(Debug, PartialEq)]
pub(super) enum Progress {
    /// The cheapest path to the target, as entities and relations.
    Found(Vec<NodeIndex>, Vec<EdgeIndex>),
    /// No path (within the bans' ceiling).
    Exhausted,
    /// Not found yet, and every path left costs more than the limit (see
    /// [`StateSearch::floor`]).
    Paused,
}

/// A* over states, ordered by the cost so far plus the guide's bound on the rest. Bounded by
/// construction: a state is dropped when one settled at the same entity had no more hops, no
/// later date and cost no more so far (it can go everywhere this one can, no dearer), and a
/// step is not taken when the guide says the target is out of reach from there, or out of
/// the hops left, or that the path would cost more than the bans' ceiling.
///
/// Steps bound dearer than a `level` are set aside, unweighed, and the level raised only
/// when nothing below it is left: the answer is found at the first level reaching its cost,
/// and most steps of a search (hundreds of thousands from the hubs of a `--plain` one) are
/// bound dearer than it. States are taken in the same order as with every step in the heap,
/// so the answer is the same: a step set aside is dearer than all the heap holds, and dearer
/// than any step to its state taken meanwhile.
///
/// A search stopped at a limit ([`Progress::Paused`]) and run on later takes its states in
/// the same order as one run through: it only stops between two of them.
pub(super) struct StateSearch {
    to: NodeIndex,
    /// The guide's bound at the start, which the level's slack is measured from.
    first: f64,
    level: f64,
    frontier: Frontier,
    later: Vec<Step>,
    /// For each entity, the (hops, latest date, cost so far) of the states settled there.
    settled: HashMap<NodeIndex, Vec<(usize, Option<Day>, f64)>>,
}

impl StateSearch {
    /// A search from `start` to `to`, or `None` when the guide says `to` is out of reach.
    pub(super) fn new(start: State, to: NodeIndex, guide: &Guide) -> Option<Self> {
        let first = guide.rest(start.node, start.latest, start.hops)?;
        Some(StateSearch {
            to,
            first,
            level: first,
            frontier: Frontier {
                reached: HashMap::from_iter([(start, (0.0, None))]),
                heap: BinaryHeap::from([std::cmp::Reverse((Cost(first), start))]),
            },
            later: Vec::new(),
            settled: HashMap::default(),
        })
    }

    /// What every path the search has yet to find costs at least (from its start), once it
    /// has paused.
    pub(super) fn floor(&self) -> f64 {
        self.frontier
            .heap
            .peek()
            .map_or(f64::INFINITY, |std::cmp::Reverse((Cost(bound), _))| *bound)
    }

    /// How many states the search holds (reached, or set aside).
    pub(super) fn held(&self) -> usize {
        self.frontier.reached.len() + self.later.len()
    }

    /// Searches on until the path is found, or there is none, or every path left costs
    /// more than `limit` (beyond rounding; [`Self::floor`] is then above it).
    pub(super) fn run(
        &mut self,
        search: &Search<'_, '_>,
        bans: &Bans,
        guide: &Guide,
        limit: f64,
    ) -> Progress {
        loop {
            while self.frontier.heap.is_empty() {
                if !self.raise_level() {
                    return Progress::Exhausted;
                }
            }
            if self.floor() > limit + EQUAL {
                return Progress::Paused;
            }
            let Some(std::cmp::Reverse((_, state))) = self.frontier.heap.pop() else {
                unreachable!("the heap was just checked");
            };
            let cost = self.frontier.reached[&state].0;
            let labels = self.settled.entry(state.node).or_default();
            // Settled first is not cheaper so far: the guide's bound on the rest grows with
            // the date, so a later state may have come cheaper and go on as cheaply.
            if labels.iter().any(|&(hops, latest, before)| {
                hops <= state.hops && latest <= state.latest && before <= cost + EQUAL
            }) {
                continue;
            }
            labels.push((state.hops, state.latest, cost));
            if state.node == self.to {
                return self.path_to(state);
            }
            self.expand(search, bans, guide, state, cost);
        }
    }

    /// Moves the steps set aside up to a higher level into the heap; `false` when none is
    /// left.
    fn raise_level(&mut self) -> bool {
        // Up to the cheapest step set aside at least, the slack over the first bound
        // doubling: a level for every distinct cost would go over the steps set aside once
        // each.
        let Some(lowest) = self
            .later
            .iter()
            .map(|step| step.bound)
            .min_by(f64::total_cmp)
        else {
            return false;
        };
        self.level = lowest.max(self.first + 2.0 * (self.level - self.first));
        for step in std::mem::take(&mut self.later) {
            if step.bound > self.level {
                self.later.push(step);
            } else {
                self.frontier.take(step);
            }
        }
        true
    }

    /// Takes or sets aside the steps from `state`, reached at `cost`.
    fn expand(
        &mut self,
        search: &Search<'_, '_>,
        bans: &Bans,
        guide: &Guide,
        state: State,
        cost: f64,
    ) {
        // An entity's steps are listed once (see [`Search::onward`]); here each is checked
        // against the bans and the guide, which differ from search to search.
        for &Onward {
            edge,
            next,
            weight,
            extent,
        } in search.onward(state.node)
        {
            if bans.nodes.contains(&next)
                || bans.edges.contains(&edge)
                || !guide.reaches(next, search.options.max_hops, state.hops + 1)
            {
                continue;
            }
            let Some(latest) = search.advance_over(state.latest, extent) else {
                continue;
            };
            let Some(rest) = guide.rest(next, latest, state.hops + 1) else {
                continue;
            };
            let next_state = State {
                node: next,
                hops: search.counted(state.hops + 1),
                latest,
            };
            let through = cost + weight;
            let step = Step {
                to: next_state,
                from: (state, edge),
                cost: through,
                bound: through + rest,
            };
            if bans.over(step.bound) {
                continue;
            }
            if step.bound > self.level {
                self.later.push(step);
            } else {
                self.frontier.take(step);
            }
        }
    }

    /// The path by which the search reached `end`.
    fn path_to(&self, end: State) -> Progress {
        let (mut nodes, mut edges, mut at) = (vec![end.node], Vec::new(), end);
        while let Some(&(_, Some((before, edge)))) = self.frontier.reached.get(&at) {
            nodes.push(before.node);
            edges.push(edge);
            at = before;
        }
        nodes.reverse();
        edges.reverse();
        Progress::Found(nodes, edges)
    }
}

#[cfg(test)]
mod tests {
    use petgraph::graph::NodeIndex;

    use super::{Progress, State, StateSearch};
    use crate::graph::KnowledgeGraph;
    use crate::query::path::tests::{dataset, people, tie};
    use crate::query::path::{Bans, PathOptions, Search};

    /// A search stopped at each cost on the way and run on finds what one run through
    /// finds, and stops only above its limit.
    #[test]
    fn a_search_paused_and_run_on_finds_the_same_path() {
        // Two ways from 0 to 5: 0-1-2-5 and 0-3-4-5, with a long way round through 6 and 7.
        let ties = [
            tie(0, "met", 1),
            tie(1, "visited", 2),
            tie(2, "met", 5),
            tie(0, "met", 3),
            tie(3, "signed", 4),
            tie(4, "met", 5),
            tie(0, "visited", 6),
            tie(6, "visited", 7),
            tie(7, "visited", 5),
        ];
        let dataset = dataset(&people(8), &ties);
        let graph = KnowledgeGraph::build(&dataset);
        let options = PathOptions {
            max_hops: Some(4),
            ..PathOptions::default()
        };
        let (from, to) = (NodeIndex::new(0), NodeIndex::new(5));
        let search = Search::new(&graph, &options, vec![from, to]);
        let guide = search.guide(to);
        let bans = Bans::default();
        let start = State {
            node: from,
            hops: 0,
            latest: None,
        };
        let through = StateSearch::new(start, to, &guide).expect("in reach").run(
            &search,
            &bans,
            &guide,
            f64::INFINITY,
        );
        let Progress::Found(nodes, edges) = &through else {
            panic!("no path: {through:?}");
        };
        assert_eq!(nodes, &[0, 3, 4, 5].map(NodeIndex::new));
        let cost = search.search_cost(nodes, edges);
        let mut paused = StateSearch::new(start, to, &guide).expect("in reach");
        let mut pauses = 0;
        let mut limit = 0.0;
        let found = loop {
            match paused.run(&search, &bans, &guide, limit) {
                Progress::Paused => {
                    assert!(paused.floor() > limit);
                    pauses += 1;
                    limit += 0.25;
                }
                other => break other,
            }
        };
        assert_eq!(found, through);
        // Paused at every quarter below the path's cost, and found at the first above it.
        assert_eq!(pauses, (cost / 0.25).ceil() as usize);
    }
}
