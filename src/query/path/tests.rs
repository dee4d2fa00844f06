//! Tests of the searches: the small datasets they are built from, here; the searches checked
//! against trying every loopless path on small random graphs, in `properties.rs`; worked
//! examples, in `examples.rs`.

use std::path::Path as FilePath;

use crate::model::{Dataset, Date, Entity, EntityId, EvidenceList, KindDef, KindId, Relation};
use crate::model::{RelationDetails, RelationType, RelationTypeDef, Spanned, Stance, TimeKind};
use crate::source::Span;

/// The relation types of the test graphs, whether each is symmetric, and its weight.
pub(in crate::query) const TYPES: [(&str, bool, f64); 4] = [
    ("met", true, 1.0),
    ("leads", false, 1.0),
    ("signed", false, 1.5),
    ("visited", false, 3.0),
];

/// The entity kinds of the test graphs and their pass-through factors.
pub(in crate::query) const KINDS: [(&str, f64); 2] = [("person", 1.0), ("place", 4.0)];

/// The kinds' numbers in [`KINDS`].
pub(in crate::query) const PERSON: usize = 0;
pub(in crate::query) const PLACE: usize = 1;

/// What a claim hop costs more than a fact, when the schema does not say.
pub(in crate::query) const CLAIM_PENALTY: f64 = 4.0;

/// The heaviest type of a direct tie, when the schema does not say: `met` is one.
pub(in crate::query) const DIRECT_WEIGHT: f64 = 1.0;

/// Costs equal up to rounding.
pub(in crate::query) const EPSILON: f64 = 1e-9;

/// A relation between entities `E{from}` and `E{to}`.
#[derive(Debug, Clone)]
pub(in crate::query) struct Tie {
    pub(in crate::query) from: usize,
    pub(in crate::query) relation_type: &'static str,
    pub(in crate::query) to: usize,
    pub(in crate::query) date: Option<Date>,
    pub(in crate::query) end: Option<Date>,
    pub(in crate::query) claim: bool,
}

pub(in crate::query) fn tie(from: usize, relation_type: &'static str, to: usize) -> Tie {
    Tie {
        from,
        relation_type,
        to,
        date: None,
        end: None,
        claim: false,
    }
}

/// Two ways from 0 to 2, through 1 and through 3, each of two relations of one type: with
/// 1 and 3 of different kinds, what passing through each costs decides.
pub(in crate::query) fn diamond(relation_type: &'static str) -> [Tie; 4] {
    [
        tie(0, relation_type, 1),
        tie(1, relation_type, 2),
        tie(0, relation_type, 3),
        tie(3, relation_type, 2),
    ]
}

pub(in crate::query) fn claimed(tie: Tie) -> Tie {
    Tie { claim: true, ..tie }
}

fn dated(tie: Tie, date: &str) -> Tie {
    Tie {
        date: Some(Date::parse(date).expect("a date")),
        ..tie
    }
}

/// `count` entities that are all people.
pub(in crate::query) fn people(count: usize) -> Vec<usize> {
    vec![PERSON; count]
}

/// A dataset of entities `E0`, `E1`, ... of the [`KINDS`] numbered in `kinds`, and the
/// `ties`, relation `i` being `ties[i]` (and so edge `i` of the graph), with the schema
/// declaring [`KINDS`] and [`TYPES`].
pub(in crate::query) fn dataset(kinds: &[usize], ties: &[Tie]) -> Dataset {
    let mut dataset = Dataset::default();
    let file = dataset.files.add_unread(FilePath::new("data.yaml"));
    let span = Span::new(file, 0..0);
    let spanned = |value| Spanned { value, span };
    let id = |i: usize| EntityId::from(format!("E{i}"));
    dataset.schema.kinds = KINDS
        .iter()
        .map(|&(name, through)| KindDef {
            id: Spanned {
                value: KindId::from(name),
                span,
            },
            label: name.to_string(),
            description: String::new(),
            shape: String::new(),
            color: String::new(),
            through,
        })
        .collect();
    dataset.schema.relation_types = TYPES
        .iter()
        .map(|&(name, symmetric, weight)| RelationTypeDef {
            id: spanned(RelationType::from(name)),
            label: name.to_string(),
            description: String::new(),
            symmetric,
            from: None,
            to: None,
            self_loop: true,
            one_at_a_time: false,
            joint: false,
            color: String::new(),
            style: String::new(),
            time: TimeKind::Event,
            weight,
            example: None,
            family: None,
        })
        .collect();
    dataset.schema.index();
    dataset.entities = kinds
        .iter()
        .enumerate()
        .map(|(i, &kind)| Entity {
            id: Spanned { value: id(i), span },
            name: Spanned {
                value: format!("Entity {i}").into(),
                span,
            },
            kind: Spanned {
                value: KindId::from(KINDS[kind].0),
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
            details: RelationDetails {
                stance: if tie.claim {
                    Stance::Claim
                } else {
                    Stance::Fact
                },
                ..RelationDetails::default()
            }
            .boxed(),
            evidence: EvidenceList::new(),
            span,
        })
        .collect();
    dataset
}

mod examples;
pub(in crate::query) mod properties;
