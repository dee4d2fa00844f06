//! The k cheapest paths: Yen's algorithm over the state search, each spur search taken only as
//! far as the answers still wanted need.

use petgraph::graph::{EdgeIndex, NodeIndex};
use rustc_hash::FxHashSet as HashSet;

use super::state::{Progress, State, StateSearch};
use super::{Bans, Guide, Path, Search, EQUAL};

impl Search<'_, '_> {
    /// Yen's algorithm, answering distinct chains of entities: a path through the same
    /// entities as one found already is the same answer over parallel relations, which are
    /// listed on its hops instead (see [`Path::alternatives`]). With `tolerance`, stops once
    /// paths get costlier than the first by more than it (all equally cheap paths).
    ///
    /// Without `--chronological` a relation's use does not depend on the hops before it, so
    /// the search always takes the cheapest of parallel relations, and Yen's algorithm runs
    /// on chains of entities: a spur is denied the *entity* that paths sharing its root
    /// took next (every relation to it). With it, an earlier parallel relation may allow
    /// later hops a dearer one does not, so Yen's algorithm runs on relations (a spur is
    /// denied only the next relation) and a path repeating a found chain is passed over:
    /// found in cost order, the first of a chain is its cheapest.
    ///
    /// The spur searches are lazy (see [`Spurs`]): the answers are those of running each to
    /// its end as soon as its root is taken, in the same order.
    pub(super) fn k_best(
        &self,
        from: NodeIndex,
        to: NodeIndex,
        k: usize,
        tolerance: Option<f64>,
    ) -> Vec<Path> {
        let start = State {
            node: from,
            hops: 0,
            latest: None,
        };
        // One pass over the graph guides all of Yen's searches; a single unconstrained
        // answer is found faster from both ends without it.
        let guide = (k > 1 || self.constrained()).then(|| self.guide(to));
        // The first answer, unconstrained, from both ends as for a single one: among equally
        // cheap paths it is the one `path` without `-k` gives.
        let first_guide = guide.as_ref().filter(|_| self.constrained());
        let Some((nodes, edges)) = self.cheapest(start, to, &Bans::default(), first_guide) else {
            return Vec::new();
        };
        let by_relation = self.options.chronological;
        // Yen's list of paths taken, and which of them are answers (a chain not seen before).
        let mut taken = vec![Route {
            cost: self.costs.total(&nodes, &edges),
            nodes,
            edges,
        }];
        let mut answers = vec![0];
        let mut candidates: Vec<Candidate> = Vec::new();
        let mut spurs = Spurs::to(to);
        while answers.len() < k {
            let guide = guide
                .as_ref()
                .expect("a guide when more than one path is wanted");
            let last = taken.last().expect("at least one path").clone();
            for spur_index in 0..last.edges.len() {
                let root_nodes = &last.nodes[..=spur_index];
                let root_edges = &last.edges[..spur_index];
                let mut bans = Bans::default();
                for path in &taken {
                    if by_relation {
                        if path.edges.len() > spur_index && path.edges[..spur_index] == *root_edges
                        {
                            bans.edges.insert(path.edges[spur_index]);
                        }
                    } else if path.nodes.len() > spur_index + 1
                        && path.nodes[..=spur_index] == *root_nodes
                    {
                        let (spur, next) = (root_nodes[spur_index], path.nodes[spur_index + 1]);
                        bans.edges
                            .extend(self.joining(spur, next).map(|(edge, _)| edge));
                    }
                }
                bans.nodes.extend(root_nodes[..spur_index].iter().copied());
                let state = self.state_after(from, root_nodes, root_edges);
                let root = Route {
                    nodes: root_nodes.to_vec(),
                    edges: root_edges.to_vec(),
                    cost: self.search_cost(root_nodes, root_edges),
                };
                spurs.schedule(root, bans, state, guide);
            }
            // Each spur search that may still find a path as cheap as the cheapest candidate
            // is taken on up to that cost first (the least bound first, as it may lower it).
            let best = loop {
                let best = cheapest(&candidates);
                let bound = best.map_or(f64::INFINITY, |at| candidates[at].route.cost);
                let Some(at) = spurs.within(bound) else {
                    break best;
                };
                let wanted = k - answers.len();
                let ceiling = ceiling(&candidates, &taken, &answers, wanted, tolerance);
                let Some(Candidate { route, order }) = spurs.run(at, self, guide, ceiling, bound)
                else {
                    continue;
                };
                // By entities, two spurs may reach one chain (over equally cheap relations).
                let same = |other: &Route| {
                    if by_relation {
                        other.edges == route.edges
                    } else {
                        other.nodes == route.nodes
                    }
                };
                if taken.iter().any(same) {
                    continue;
                }
                match candidates.iter_mut().find(|other| same(&other.route)) {
                    // Searched to the end at once, the spur scheduled first would have found
                    // the chain first, and the later one would have been passed over.
                    Some(other) if order < other.order => *other = Candidate { route, order },
                    Some(_) => {}
                    None => candidates.push(Candidate { route, order }),
                }
            };
            let Some(best) = best else { break };
            let next = candidates.swap_remove(best).route;
            if tolerance.is_some_and(|tolerance| next.cost > taken[0].cost + tolerance) {
                break;
            }
            if !answers
                .iter()
                .any(|&answer| taken[answer].nodes == next.nodes)
            {
                answers.push(taken.len());
            }
            taken.push(next);
        }
        answers
            .into_iter()
            .map(|answer| self.with_alternatives(&taken[answer]))
            .collect()
    }
}

/// The most a route may cost and still be among the answers of Yen's search, when it is
/// bounded: the cost of the `wanted`-th cheapest of the `candidates` that would each be a new
/// answer (a chain not among the `taken` `answers`, counted once), as those are all taken
/// before any dearer route; with a `tolerance` (`--all-shortest`), no more than the best plus
/// it. `None`: no bound yet. It never rises as Yen's search goes on: a candidate taken leaves
/// one fewer wanted and one fewer candidate below the bound.
fn ceiling(
    candidates: &[Candidate],
    taken: &[Route],
    answers: &[usize],
    wanted: usize,
    tolerance: Option<f64>,
) -> Option<f64> {
    let by_tolerance = tolerance.map(|tolerance| taken[0].cost + tolerance);
    let mut fresh: Vec<&Route> = candidates
        .iter()
        .map(|candidate| &candidate.route)
        .filter(|route| !answers.iter().any(|&a| taken[a].nodes == route.nodes))
        .collect();
    // Each chain once, at its cheapest route; then cheapest first.
    fresh.sort_by(|a, b| a.nodes.cmp(&b.nodes).then(a.cost.total_cmp(&b.cost)));
    fresh.dedup_by(|later, earlier| later.nodes == earlier.nodes);
    fresh.sort_by(|a, b| a.cost.total_cmp(&b.cost));
    let by_candidates = fresh.get(wanted.checked_sub(1)?).map(|route| route.cost);
    match (by_candidates, by_tolerance) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// The candidate Yen's algorithm takes next: the cheapest; among equally cheap ones the first
/// by entities in data order (so output is stable), then the one whose spur was scheduled
/// last (as when candidates were kept in the order found, sorted stably and taken from the
/// end).
fn cheapest(candidates: &[Candidate]) -> Option<usize> {
    (0..candidates.len()).min_by(|&a, &b| {
        let (a, b) = (&candidates[a], &candidates[b]);
        a.route
            .cost
            .total_cmp(&b.route.cost)
            .then_with(|| a.route.nodes.cmp(&b.route.nodes))
            .then_with(|| b.order.cmp(&a.order))
    })
}

/// A path while Yen's algorithm runs: its entities, relations and cost.
#[derive(Debug, Clone)]
pub(super) struct Route {
    pub(super) nodes: Vec<NodeIndex>,
    pub(super) edges: Vec<EdgeIndex>,
    pub(super) cost: f64,
}

/// A path Yen's algorithm may take next, and the order in which the spur that found it was
/// scheduled.
struct Candidate {
    route: Route,
    order: usize,
}

/// Yen's spur searches, lazily. Each is scheduled when its root is taken and searched only as
/// far as the candidate Yen's algorithm takes next costs: a spur that cannot find a path as
/// cheap waits, as most of the dear ones are never needed (ten spur searches from one entity
/// of `-k 100 --chronological` at 200k relations, whose bans the guide does not know, went
/// through 40,000–110,000 states each for paths dearer than the hundredth answer). Resumed
/// searches take their states in the same order as ones run through, so they find the same
/// paths.
///
/// A search paused holding more than [`KEPT`] states is dropped, its floor kept: if it is
/// needed after all, it starts again and runs to its end, as spur searches did before they
/// were lazy (a search's answer does not depend on where it paused). The spur searches of `-k 100 --plain` at 200k
/// relations pause holding thousands of states each and are never needed: kept, they were
/// 50 MB more at peak.
struct Spurs {
    /// The target of every spur search.
    to: NodeIndex,
    /// The root and banned relations of every spur scheduled. After each path taken the
    /// spurs along its whole root come up again; where no path taken since shares a root,
    /// the bans are the same and so is the answer, which is already a candidate, taken, or
    /// none (most of the spur searches of `-k 100 --chronological` were such repeats).
    scheduled: HashSet<(Vec<EdgeIndex>, Vec<EdgeIndex>)>,
    /// The spur searches not yet at their end.
    pending: Vec<Spur>,
}

/// The most states a paused spur search keeps (see [`Spurs`]): most of those of
/// `-k 100 --chronological` at 200k relations, which are taken on later, hold a few hundred.
/// The tests keep only two, so that the property tests go through searches dropped and
/// started again as well as kept.
const KEPT: usize = if cfg!(test) { 2 } else { 1000 };

/// One spur search under way: from `start`, the end of `root`, under `bans`.
struct Spur {
    /// How many spur searches were scheduled before it.
    order: usize,
    root: Route,
    bans: Bans,
    start: State,
    search: Paused,
}

/// Where a pending spur search stands.
enum Paused {
    /// Stopped, its states kept.
    Kept(StateSearch),
    /// Stopped and its states dropped; every path it has yet to find costs at least `floor`
    /// (from its start).
    Dropped { floor: f64 },
}

impl Spur {
    /// What every path the spur search has yet to find costs at least, from its start.
    fn floor(&self) -> f64 {
        match &self.search {
            Paused::Kept(search) => search.floor(),
            Paused::Dropped { floor } => *floor,
        }
    }
}

impl Spurs {
    /// No spur searches yet, for paths to `to`.
    fn to(to: NodeIndex) -> Self {
        Spurs {
            to,
            scheduled: HashSet::default(),
            pending: Vec::new(),
        }
    }

    /// Schedules the spur search from `start`, the end of `root`, under `bans`, unless it
    /// came up before (or the guide says the target is out of its reach).
    fn schedule(&mut self, root: Route, bans: Bans, start: State, guide: &Guide) {
        let mut banned: Vec<EdgeIndex> = bans.edges.iter().copied().collect();
        banned.sort_unstable();
        let order = self.scheduled.len();
        if !self.scheduled.insert((root.edges.clone(), banned)) {
            return;
        }
        if let Some(search) = StateSearch::new(start, self.to, guide) {
            self.pending.push(Spur {
                order,
                root,
                bans,
                start,
                search: Paused::Kept(search),
            });
        }
    }

    /// The pending spur search least bound, if it may still find a path costing at most
    /// `bound` (beyond rounding).
    fn within(&self, bound: f64) -> Option<usize> {
        let floor = |spur: &Spur| spur.root.cost + spur.floor();
        (0..self.pending.len())
            .filter(|&at| {
                let spur = &self.pending[at];
                spur.floor() <= bound - spur.root.cost + EQUAL
            })
            .min_by(|&a, &b| floor(&self.pending[a]).total_cmp(&floor(&self.pending[b])))
    }

    /// Searches on from pending spur `at`, under the `ceiling` on a whole path's cost, up to
    /// paths costing `bound`: the path it found, as a candidate (its search is then at its
    /// end, as when there is none), or `None`.
    fn run(
        &mut self,
        at: usize,
        search: &Search<'_, '_>,
        guide: &Guide,
        ceiling: Option<f64>,
        bound: f64,
    ) -> Option<Candidate> {
        let spur = &mut self.pending[at];
        spur.bans.ceiling = ceiling.map(|ceiling| ceiling - spur.root.cost);
        let mut limit = bound - spur.root.cost;
        if let Paused::Dropped { .. } = spur.search {
            let again = StateSearch::new(spur.start, self.to, guide);
            spur.search = Paused::Kept(again.expect("in reach, as when scheduled"));
            limit = f64::INFINITY;
        }
        let Paused::Kept(state_search) = &mut spur.search else {
            unreachable!("started again above");
        };
        match state_search.run(search, &spur.bans, guide, limit) {
            Progress::Found(spur_nodes, spur_edges) => {
                let Spur { order, root, .. } = self.pending.swap_remove(at);
                let nodes: Vec<NodeIndex> = root
                    .nodes
                    .into_iter()
                    .chain(spur_nodes.into_iter().skip(1))
                    .collect();
                let edges: Vec<EdgeIndex> = root.edges.into_iter().chain(spur_edges).collect();
                let route = Route {
                    cost: search.costs.total(&nodes, &edges),
                    nodes,
                    edges,
                };
                Some(Candidate { route, order })
            }
            Progress::Exhausted => {
                self.pending.swap_remove(at);
                None
            }
            Progress::Paused => {
                if state_search.held() > KEPT {
                    let floor = state_search.floor();
                    spur.search = Paused::Dropped { floor };
                }
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use petgraph::graph::{EdgeIndex, NodeIndex};

    use super::{cheapest, Candidate, Route};

    fn candidate(cost: f64, nodes: &[usize], edge: usize, order: usize) -> Candidate {
        Candidate {
            route: Route {
                nodes: nodes.iter().copied().map(NodeIndex::new).collect(),
                edges: vec![EdgeIndex::new(edge)],
                cost,
            },
            order,
        }
    }

    /// The cheapest, then the first by entities, then the one scheduled last: what sorting
    /// the candidates stably in the order found and taking the last of them gave.
    #[test]
    fn the_candidate_taken_is_the_cheapest_then_first_by_entities_then_latest() {
        let candidates = [
            candidate(2.0, &[0, 3, 1], 0, 0),
            candidate(1.0, &[0, 4, 1], 1, 1),
            candidate(1.0, &[0, 2, 1], 2, 2),
            candidate(1.0, &[0, 2, 1], 3, 4),
            candidate(1.0, &[0, 2, 1], 4, 3),
        ];
        assert_eq!(cheapest(&candidates), Some(3));
        let mut sorted: Vec<&Candidate> = candidates.iter().collect();
        sorted.sort_by_key(|candidate| candidate.order);
        sorted.sort_by(|a, b| {
            (b.route.cost.total_cmp(&a.route.cost)).then_with(|| b.route.nodes.cmp(&a.route.nodes))
        });
        let last = sorted.last().expect("candidates");
        assert_eq!(last.route.edges, candidates[3].route.edges);
        assert_eq!(cheapest(&[]), None);
    }
}
