//! What a relation states, checked: its time fields suit its type's time kind (`seen` only on
//! a state, and within its span), a claimant only with a claim, one relation per tie (a
//! warning when the same tie is recorded twice at an overlapping time), and at least one
//! quote that names one of its ends, so a footnote always shows who did what (a warning).

use std::hash::{Hash, Hasher};

use rustc_hash::FxHasher;

use crate::diagnostic::Diagnostic;
use crate::model::{Dataset, EntityId, Extent, Relation, RelationType, Stance, TimeKind};
use crate::names::fold;
use crate::validate::error::{push, ValidateErrorKind};
use crate::validate::Fields;

/// Checks `seen` and `claimed_by` against the relation's type and stance.
pub(super) fn check_time_and_stance(
    dataset: &Dataset,
    fields: &Fields<'_>,
    relation: &Relation,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let details = relation.details();
    if details.claimed_by.is_some() && details.stance != Stance::Claim {
        push(
            diagnostics,
            ValidateErrorKind::ClaimantOfFact,
            fields.at(relation.span, "claimed_by"),
        );
    }
    let Some(seen) = details.seen else {
        return;
    };
    let seen_at = || fields.at(relation.span, "seen");
    let Some(def) = dataset.schema.relation_type(&relation.relation_type) else {
        return; // reported as an unknown type
    };
    if def.time == TimeKind::Event {
        let kind = ValidateErrorKind::SeenOnEvent {
            relation_type: relation.relation_type.clone(),
        };
        push(diagnostics, kind, seen_at());
        return;
    }
    let outside = [
        (
            "before",
            "date",
            relation.date.filter(|d| seen.last_day() < d.first_day()),
        ),
        (
            "after",
            "end",
            relation.end.filter(|e| seen.first_day() > e.last_day()),
        ),
    ];
    for (side, bound_field, bound) in outside {
        if let Some(bound) = bound {
            let kind = ValidateErrorKind::SeenOutside {
                seen,
                side,
                bound_field,
                bound,
                bound_span: fields.at(relation.span, bound_field),
            };
            push(diagnostics, kind, seen_at());
        }
    }
}

/// Every entity's spellings (name, aliases, id words), folded, by position in the dataset:
/// what a quote may call it.
pub(super) struct Spellings(Vec<Vec<String>>);

impl Spellings {
    pub(super) fn new(dataset: &Dataset) -> Self {
        Spellings(
            dataset
                .entities
                .iter()
                .map(|entity| {
                    let mut spellings: Vec<String> =
                        [entity.id.value.as_str(), entity.name.value.as_str()]
                            .into_iter()
                            .chain(entity.aliases.iter().map(|a| a.value.as_str()))
                            .map(fold)
                            .filter(|s| !s.is_empty())
                            .collect();
                    spellings.sort_unstable();
                    spellings.dedup();
                    spellings
                })
                .collect(),
        )
    }

    /// Whether a folded text names the entity at `position`: one of its spellings begins a
    /// word of it (`vietnam` in `vietnamese`, `kaysone` in `kaysone phomvihane`).
    fn named_in(&self, position: usize, folded: &str) -> bool {
        self.0[position]
            .iter()
            .any(|spelling| begins_a_word(folded, spelling))
    }

    /// Warns when no quote of `relation` names either of its ends (at `ends`, when known).
    pub(super) fn check_quotes_name_an_end(
        &self,
        relation: &Relation,
        ends: [Option<usize>; 2],
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        let [Some(from), Some(to)] = ends else {
            return; // an unknown end is reported already
        };
        let named = relation.evidence.iter().any(|evidence| {
            let quote = fold(&evidence.quote);
            self.named_in(from, &quote) || self.named_in(to, &quote)
        });
        if !named && !relation.evidence.is_empty() {
            let kind = ValidateErrorKind::QuoteNamesNeitherEnd {
                from: relation.from.clone(),
                to: relation.to.clone(),
            };
            push(diagnostics, kind, relation.span);
        }
    }
}

fn begins_a_word(text: &str, word: &str) -> bool {
    memchr::memmem::find_iter(text.as_bytes(), word.as_bytes())
        .any(|at| at == 0 || text.as_bytes()[at - 1] == b' ')
}

/// What makes two relations the same tie: type and ends, in either order for a symmetric
/// type, and the same stance (a claim and a fact of one tie are two statements).
fn tie_key<'r>(
    dataset: &Dataset,
    relation: &'r Relation,
) -> (&'r RelationType, &'r EntityId, &'r EntityId, Stance) {
    let symmetric = dataset
        .schema
        .relation_type(&relation.relation_type)
        .is_some_and(|def| def.symmetric);
    let (from, to) = if symmetric && relation.to < relation.from {
        (&relation.to, &relation.from)
    } else {
        (&relation.from, &relation.to)
    };
    (&relation.relation_type, from, to, relation.details().stance)
}

/// Warns at each relation that repeats an earlier one's tie at an overlapping time (an
/// undated relation overlaps every time).
pub(super) fn check_duplicate_ties(
    dataset: &Dataset,
    fields: &Fields<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    // Sorted by a hash of the tie, not grouped in a map: a million relations stay at 16 bytes
    // each here.
    let mut keyed: Vec<(u64, u32)> = dataset
        .relations
        .iter()
        .enumerate()
        .map(|(position, relation)| {
            let mut hasher = FxHasher::default();
            tie_key(dataset, relation).hash(&mut hasher);
            (hasher.finish(), position as u32)
        })
        .collect();
    keyed.sort_unstable();
    let extent = |relation: &Relation| {
        Extent::of(relation, dataset.schema.time_kind(&relation.relation_type))
    };
    let overlap = |a: &Relation, b: &Relation| match (extent(a), extent(b)) {
        (Some(a), Some(b)) => a.meets(&b),
        _ => true,
    };
    for group in keyed.chunk_by(|a, b| a.0 == b.0) {
        for (index, &(_, later)) in group.iter().enumerate() {
            let relation = &dataset.relations[later as usize];
            let key = tie_key(dataset, relation);
            let first = group[..index]
                .iter()
                .map(|&(_, p)| &dataset.relations[p as usize])
                .find(|earlier| tie_key(dataset, earlier) == key && overlap(earlier, relation));
            if let Some(first) = first {
                let kind = ValidateErrorKind::DuplicateTie {
                    relation_type: relation.relation_type.clone(),
                    from: relation.from.clone(),
                    to: relation.to.clone(),
                    first: fields.at(first.span, "type"),
                };
                push(diagnostics, kind, fields.at(relation.span, "type"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::begins_a_word;

    #[test]
    fn a_spelling_must_begin_a_word() {
        assert!(begins_a_word("the vietnamese army", "vietnam"));
        assert!(begins_a_word(
            "kaysone phomvihane said",
            "kaysone phomvihane"
        ));
        assert!(!begins_a_word("the laotian view", "otian"));
        assert!(!begins_a_word("ab", "abc"));
    }
}
