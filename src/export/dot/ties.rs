//! From relations to what a picture draws. Relations between the same two entities with the
//! same type and stance are one *tie* (`cooperates with ×18, 1962–2024`); a pair with more
//! than two ties is drawn as one edge per family of types, at most two, so no two entities
//! are joined by more than two edges. Entities tied only to hubs, and to them in the same
//! way (the agreements that Laos and Vietnam both signed), are drawn as one *list* node: the
//! hub keeps one edge per tie to the list instead of one per member — the hub cap.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::model::{Relation, RelationType, Schema};

/// Relations of one type and stance between two entities (either way round for a symmetric
/// type), in the order given.
#[derive(Debug, Clone)]
pub(crate) struct Tie<'d> {
    pub(crate) from: &'d str,
    pub(crate) to: &'d str,
    pub(crate) relation_type: &'d RelationType,
    pub(crate) claim: bool,
    pub(crate) relations: Vec<&'d Relation>,
}

impl Tie<'_> {
    /// What a tie is grouped by when a pair has many: its type's family and its stance.
    pub(crate) fn family(&self, schema: &Schema) -> (usize, bool) {
        (schema.family_place(self.relation_type).0, self.claim)
    }
}

/// One end of a drawn edge: an entity, or a list (by its index in [`Drawing::lists`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum End<'d> {
    Entity(&'d str),
    List(usize),
}

/// One edge as drawn: one tie, or several ties of a pair that has more than two.
#[derive(Debug)]
pub(crate) struct Edge<'d> {
    pub(crate) from: End<'d>,
    pub(crate) to: End<'d>,
    pub(crate) ties: Vec<Tie<'d>>,
    /// Every tie runs from `from` to `to`, none of a symmetric type: drawn with a head.
    pub(crate) directed: bool,
}

/// Entities drawn as one node: each tied, in the same ways, to the same hubs only.
#[derive(Debug)]
pub(crate) struct List<'d> {
    pub(crate) members: Vec<&'d str>,
    /// Each member's ties, in member order.
    pub(crate) ties: Vec<Vec<Tie<'d>>>,
}

#[derive(Debug, Default)]
pub(crate) struct Drawing<'d> {
    pub(crate) edges: Vec<Edge<'d>>,
    pub(crate) lists: Vec<List<'d>>,
    /// The list each listed entity is drawn in.
    pub(crate) listed: FxHashMap<&'d str, usize>,
}

/// An entity tied to this many others in a picture is a hub.
const HUB_DEGREE: usize = 8;
/// Fewer entities alike than this stay nodes of their own.
const LIST_MIN: usize = 2;
/// Entities tied alike to the same few others, none a hub, are listed from this many.
const ALIKE_MIN: usize = 3;

/// How a tie reads from one of its ends: the other end, type, stance, direction.
type Way<'d> = (&'d str, &'d RelationType, bool, bool);

impl<'d> Drawing<'d> {
    /// What to draw for `relations` (each with both ends drawn), edges in order of their
    /// first relation; with `listing`, entities tied only to hubs as lists.
    pub(crate) fn of(schema: &Schema, relations: &[&'d Relation], listing: bool) -> Drawing<'d> {
        let ties = ties(schema, relations);
        let groups = if listing { lists(&ties) } else { Vec::new() };
        let mut listed: FxHashMap<&'d str, usize> = FxHashMap::default();
        for (index, members) in groups.iter().enumerate() {
            for member in members {
                listed.insert(member, index);
            }
        }
        let mut pairs = Pairs::default();
        let mut member_ties: FxHashMap<&str, Vec<Tie<'d>>> = FxHashMap::default();
        for tie in ties {
            // A listed entity is tied to hubs only, never to another listed one.
            match [tie.from, tie.to]
                .into_iter()
                .find(|end| listed.contains_key(end))
            {
                Some(member) => member_ties.entry(member).or_default().push(tie),
                None => pairs.add(End::Entity(tie.from), End::Entity(tie.to), tie),
            }
        }
        let lists: Vec<List<'d>> = groups
            .into_iter()
            .map(|members| List {
                ties: members
                    .iter()
                    .map(|member| member_ties.remove(member).unwrap_or_default())
                    .collect(),
                members,
            })
            .collect();
        for (index, list) in lists.iter().enumerate() {
            for way in list_ways(list, &listed) {
                let hub = if listed.contains_key(way.from) {
                    way.to
                } else {
                    way.from
                };
                pairs.add(End::Entity(hub), End::List(index), way);
            }
        }
        let mut drawing = Drawing {
            edges: Vec::new(),
            lists,
            listed,
        };
        for ties in pairs.into_ties() {
            let edges = edges(schema, &drawing, ties);
            drawing.edges.extend(edges);
        }
        drawing
    }
}

/// Ties by unordered pair of drawn ends, pairs in order of their first tie.
#[derive(Default)]
struct Pairs<'d> {
    index: FxHashMap<(End<'d>, End<'d>), usize>,
    ties: Vec<Vec<Tie<'d>>>,
}

impl<'d> Pairs<'d> {
    fn add(&mut self, a: End<'d>, b: End<'d>, tie: Tie<'d>) {
        let next = self.ties.len();
        let at = *self.index.entry(unordered(a, b)).or_insert(next);
        if at == next {
            self.ties.push(Vec::new());
        }
        self.ties[at].push(tie);
    }

    fn into_ties(self) -> Vec<Vec<Tie<'d>>> {
        self.ties
    }
}

/// A list's edges: its members' ties merged per hub and way.
fn list_ways<'d>(list: &List<'d>, listed: &FxHashMap<&'d str, usize>) -> Vec<Tie<'d>> {
    let mut ways: Vec<Tie<'d>> = Vec::new();
    // Found by key, not by a scan of the ways so far: a poster's lists hold thousands of ties.
    let mut by_way: FxHashMap<WayKey<'d>, usize> = FxHashMap::default();
    for tie in list.ties.iter().flatten() {
        let key = way_key(tie, listed);
        match by_way.get(&key) {
            Some(&at) => ways[at].relations.extend(&tie.relations),
            None => {
                by_way.insert(key, ways.len());
                ways.push(tie.clone());
            }
        }
    }
    ways
}

/// The ends of a tie as drawn: a listed member is replaced by its list.
pub(crate) fn ends<'d>(drawing: &Drawing<'d>, tie: &Tie<'d>) -> (End<'d>, End<'d>) {
    let end = |id: &'d str| match drawing.listed.get(id) {
        Some(&list) => End::List(list),
        None => End::Entity(id),
    };
    (end(tie.from), end(tie.to))
}

/// The ties between one pair as edges: each its own when there are at most two. More are
/// drawn one edge per family of types (claims apart), so enmity and cooperation never share
/// a line; when that is still more than two edges, the largest family keeps its own and the
/// rest share one.
fn edges<'d>(schema: &Schema, drawing: &Drawing<'d>, ties: Vec<Tie<'d>>) -> Vec<Edge<'d>> {
    let groups = if ties.len() <= 2 {
        ties.into_iter().map(|tie| vec![tie]).collect()
    } else {
        by_family(schema, ties)
    };
    groups
        .into_iter()
        .map(|ties| {
            let (from, to) = ends(drawing, &ties[0]);
            let directed = ties.iter().all(|tie| {
                ends(drawing, tie) == (from, to)
                    && !schema
                        .relation_type(tie.relation_type)
                        .is_some_and(|def| def.symmetric)
            });
            Edge {
                from,
                to,
                ties,
                directed,
            }
        })
        .collect()
}

/// A pair's ties grouped by family and stance, in order of each group's first tie, at most
/// two groups: the largest, and the rest together.
fn by_family<'d>(schema: &Schema, ties: Vec<Tie<'d>>) -> Vec<Vec<Tie<'d>>> {
    let mut groups: Vec<((usize, bool), Vec<Tie<'d>>)> = Vec::new();
    for tie in ties {
        let key = tie.family(schema);
        match groups.iter_mut().find(|(group, _)| *group == key) {
            Some((_, group)) => group.push(tie),
            None => groups.push((key, vec![tie])),
        }
    }
    let mut groups: Vec<Vec<Tie<'d>>> = groups.into_iter().map(|(_, ties)| ties).collect();
    if groups.len() > 2 {
        // The first of the largest, so the choice does not depend on anything but the data.
        let largest = (0..groups.len())
            .max_by_key(|&at| (groups[at].len(), std::cmp::Reverse(at)))
            .expect("more than two groups");
        let kept = groups.remove(largest);
        let rest: Vec<Tie<'d>> = groups.into_iter().flatten().collect();
        groups = if largest == 0 {
            vec![kept, rest]
        } else {
            vec![rest, kept]
        };
    }
    groups
}

/// What makes two ties of a list one edge: their type, stance, which side the member is on,
/// and the hub at the other end.
type WayKey<'d> = (&'d RelationType, bool, bool, &'d str);

fn way_key<'d>(tie: &Tie<'d>, listed: &FxHashMap<&'d str, usize>) -> WayKey<'d> {
    let member_is_from = listed.contains_key(tie.from);
    let hub = if member_is_from { tie.to } else { tie.from };
    (tie.relation_type, tie.claim, member_is_from, hub)
}

fn unordered<T: Ord + Copy>(a: T, b: T) -> (T, T) {
    if a <= b {
        (a, b)
    } else {
        (b, a)
    }
}

/// The relations grouped into ties, in order of each tie's first relation.
fn ties<'d>(schema: &Schema, relations: &[&'d Relation]) -> Vec<Tie<'d>> {
    let mut index: FxHashMap<(&str, &str, &RelationType, bool), usize> = FxHashMap::default();
    let mut ties: Vec<Tie<'d>> = Vec::new();
    for &relation in relations {
        let symmetric = schema
            .relation_type(&relation.relation_type)
            .is_some_and(|def| def.symmetric);
        let (from, to) = (relation.from.as_str(), relation.to.as_str());
        let (from, to) = if symmetric {
            unordered(from, to)
        } else {
            (from, to)
        };
        let key = (from, to, &relation.relation_type, relation.is_claim());
        match index.get(&key) {
            Some(&at) => ties[at].relations.push(relation),
            None => {
                index.insert(key, ties.len());
                ties.push(Tie {
                    from: relation.from.as_str(),
                    to: relation.to.as_str(),
                    relation_type: &relation.relation_type,
                    claim: relation.is_claim(),
                    relations: vec![relation],
                });
            }
        }
    }
    ties
}

/// Groups of at least [`LIST_MIN`] non-hub entities tied only to hubs, each in the same ways.
fn lists<'d>(ties: &[Tie<'d>]) -> Vec<Vec<&'d str>> {
    // Distinct neighbours are counted through a set of pairs: a hub of a large graph has
    // tens of thousands, and scanning them for each new tie made the export quadratic.
    let mut neighbours: FxHashMap<&str, usize> = FxHashMap::default();
    let mut pairs: FxHashSet<(&str, &str)> = FxHashSet::default();
    let mut ways: FxHashMap<&str, Vec<Way<'d>>> = FxHashMap::default();
    let mut order: Vec<&str> = Vec::new();
    for tie in ties {
        for (end, other, forward) in [(tie.from, tie.to, true), (tie.to, tie.from, false)] {
            let count = neighbours.entry(end).or_insert_with(|| {
                order.push(end);
                0
            });
            if pairs.insert((end, other)) {
                *count += 1;
            }
            ways.entry(end)
                .or_default()
                .push((other, tie.relation_type, tie.claim, forward));
        }
    }
    let is_hub = |id: &str| neighbours.get(id).is_some_and(|&count| count >= HUB_DEGREE);
    let mut index: FxHashMap<Vec<Way<'d>>, usize> = FxHashMap::default();
    // Each group: its members, and whether they are tied to hubs (else to the same few).
    let mut groups: Vec<(Vec<&'d str>, bool)> = Vec::new();
    for id in order {
        if is_hub(id) {
            continue;
        }
        let mut signature = ways.remove(id).unwrap_or_default();
        signature.sort_unstable();
        signature.dedup();
        let to_hubs = signature.iter().all(|(other, ..)| is_hub(other));
        let others: FxHashSet<&str> = signature.iter().map(|(other, ..)| *other).collect();
        if !to_hubs && others.len() < 2 {
            continue;
        }
        let next = groups.len();
        let at = *index.entry(signature).or_insert(next);
        if at == next {
            groups.push((Vec::new(), to_hubs));
        }
        groups[at].0.push(id);
    }
    // Entities tied alike to the same two or more others, not hubs, are listed too when there
    // are a few of them: the three anniversaries both states marked in 2022 were six crossing
    // lines a reader could not match to their labels. Never when they are tied to each other's
    // members: a listed entity is tied to drawn nodes only.
    let kept: Vec<(Vec<&'d str>, bool)> = groups
        .into_iter()
        .filter(|(members, to_hubs)| members.len() >= if *to_hubs { LIST_MIN } else { ALIKE_MIN })
        .collect();
    let group_of: FxHashMap<&str, usize> = kept
        .iter()
        .enumerate()
        .flat_map(|(at, (members, _))| members.iter().map(move |member| (*member, at)))
        .collect();
    let mut tied_to_members = vec![false; kept.len()];
    for tie in ties {
        if let (Some(&a), Some(&b)) = (group_of.get(tie.from), group_of.get(tie.to)) {
            tied_to_members[a] = true;
            tied_to_members[b] = true;
        }
    }
    kept.into_iter()
        .zip(tied_to_members)
        .filter(|((_, to_hubs), tied)| *to_hubs || !tied)
        .map(|((members, _), _)| members)
        .collect()
}
