//! What a relation states, checked: its time fields suit its type's time kind (`seen` only on
//! a state, and within its span), a claimant only with a claim, one relation per tie (a
//! warning when the same tie is recorded twice at an overlapping time), and at least one
//! quote that names one of its ends, so a footnote always shows who did what (a warning).

use std::hash::{BuildHasher, Hash, Hasher};

use hashbrown::hash_table::{self, HashTable};
use rustc_hash::{FxBuildHasher, FxHashSet, FxHasher};

use crate::diagnostic::Diagnostic;
use crate::model::{Dataset, Entity, EntityId, Extent, Relation, RelationType, Stance, TimeKind};
use crate::names::{fold, fold_into};
use crate::parallel;
use crate::validate::error::{push, Flood, SpellingField, ValidateErrorKind};
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
    if def.time == TimeKind::Event && (relation.date.is_some() || relation.end.is_some()) {
        let kind = ValidateErrorKind::SeenOnEvent {
            relation_type: relation.relation_type.clone(),
        };
        push(diagnostics, kind, seen_at());
        return;
    }
    if def.time == TimeKind::Event {
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

/// Up to this many aliases, an entity's spellings are told apart by comparing them all.
const FEW_ALIASES: usize = 16;

/// Every entity's spellings (id words, name, aliases), folded: what a quote may call it. All
/// of them live in one text, one line per spelling, with each entity's lines found by its
/// position in the dataset (200k entities would otherwise be 600k small allocations).
pub(super) struct Spellings {
    text: String,
    /// The end of each entity's lines in `text`; entity `i` starts where `i - 1` ends.
    ends: Vec<u32>,
}

impl Spellings {
    pub(super) fn new(dataset: &Dataset) -> Self {
        let (mut text, mut ends) = (String::new(), Vec::with_capacity(dataset.entities.len()));
        let mut folded = String::new();
        // An entity's few spellings are compared with each other; a long list of aliases
        // (100k of them took minutes that way) goes through a set.
        let mut many: FxHashSet<String> = FxHashSet::default();
        for entity in &dataset.entities {
            let start = text.len();
            let few = entity.aliases.len() <= FEW_ALIASES;
            many.clear();
            let spellings = [entity.id.value.as_str(), entity.name.value.as_str()]
                .into_iter()
                .chain(entity.aliases.iter().map(|a| a.value.as_str()));
            for spelling in spellings {
                fold_into(spelling, &mut folded);
                let known = if few {
                    text[start..].lines().any(|line| line == folded)
                } else {
                    !many.insert(folded.clone())
                };
                if !folded.is_empty() && !known {
                    text.push_str(&folded);
                    text.push('\n');
                }
            }
            ends.push(u32::try_from(text.len()).expect("spellings under 4 GB"));
        }
        Spellings { text, ends }
    }

    /// The spelling that starts at `start` in `text`.
    fn line(&self, start: u32) -> &str {
        let rest = &self.text[start as usize..];
        &rest[..rest.find('\n').expect("every spelling ends its line")]
    }

    /// The position of the entity whose spellings hold the offset `start`.
    fn owner(&self, start: u32) -> usize {
        self.ends.partition_point(|&end| end <= start)
    }

    /// Warns when one spelling, once folded, belongs to two entities: an alias of one that is
    /// the id, name or alias of another, or two entities named alike (`Ann Leader`, `ann
    /// leader`). A name on the command line then matches both. The table holds only where
    /// each spelling starts in [`Spellings`], no second copy of the names (200k entities).
    pub(super) fn check_each_names_one(
        &self,
        dataset: &Dataset,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        let hasher = FxBuildHasher;
        let count = memchr::memchr_iter(b'\n', self.text.as_bytes()).count();
        let mut seen: HashTable<u32> = HashTable::with_capacity(count);
        let mut flood = Flood::default();
        let mut start = 0u32;
        for (position, &end) in self.ends.iter().enumerate() {
            while start < end {
                let spelling = self.line(start);
                let entry = seen.entry(
                    hasher.hash_one(spelling),
                    |&other| self.line(other) == spelling,
                    |&other| hasher.hash_one(self.line(other)),
                );
                match entry {
                    hash_table::Entry::Occupied(first) => {
                        let first = &dataset.entities[self.owner(*first.get())];
                        let second = &dataset.entities[position];
                        // The same id twice is a duplicate id, reported as such.
                        if first.id.value != second.id.value {
                            let kind = same_spelling(first, second, spelling);
                            let span = written(second, spelling).span;
                            flood.push(diagnostics, kind, span);
                        }
                    }
                    hash_table::Entry::Vacant(free) => {
                        free.insert(start);
                    }
                }
                start += u32::try_from(spelling.len()).expect("spellings under 4 GB") + 1;
            }
        }
        flood.finish(diagnostics);
    }

    /// Where the spellings of the entity at `position` are.
    pub(super) fn lines_of(&self, position: usize) -> SpellingLines {
        let start = position
            .checked_sub(1)
            .map_or(0, |before| self.ends[before]);
        SpellingLines {
            start,
            end: self.ends[position],
        }
    }

    /// The spellings at `lines`.
    fn of(&self, lines: SpellingLines) -> std::str::Lines<'_> {
        self.text[lines.start as usize..lines.end as usize].lines()
    }

    /// Whether a quote names one of the entities whose spellings are at `ends`: one of its
    /// spellings begins a word of the quote (`vietnam` in `Vietnamese`, `kaysone` in
    /// `Kaysone Phomvihane`). The quote as written is tried first, ignoring ASCII case, and
    /// folded only when that finds nothing: folding was most of this check's time on a
    /// million quotes.
    fn named_in(&self, ends: [SpellingLines; 2], quote: &str, folded: &mut String) -> bool {
        let spellings = || ends.into_iter().flat_map(|lines| self.of(lines));
        if spellings().any(|spelling| begins_a_word_as_written(quote, spelling)) {
            return true;
        }
        fold_into(quote, folded);
        spellings().any(|spelling| begins_a_word(folded, spelling))
    }

    /// Warns when no quote of `relation` names either of its ends (whose spellings are at
    /// `ends`, when known); `folded` is room to fold the quotes in.
    pub(super) fn check_quotes_name_an_end(
        &self,
        relation: &Relation,
        ends: [Option<SpellingLines>; 2],
        folded: &mut String,
        flood: &mut Flood,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        let [Some(from), Some(to)] = ends else {
            return; // an unknown end is reported already
        };
        let named = relation
            .evidence
            .iter()
            // A blank quote is reported by the loader already.
            .any(|evidence| {
                evidence.quote.trim().is_empty()
                    || self.named_in([from, to], &evidence.quote, folded)
            });
        if !named && !relation.evidence.is_empty() {
            let kind = ValidateErrorKind::QuoteNamesNeitherEnd {
                from: relation.from.clone(),
                to: relation.to.clone(),
            };
            flood.push(diagnostics, kind, relation.span);
        }
    }
}

/// Where one entity's spellings are in [`Spellings`]: the start and end of its lines.
#[derive(Debug, Clone, Copy)]
pub(super) struct SpellingLines {
    start: u32,
    end: u32,
}

/// One of an entity's spellings as written: which field, its text and where.
struct Written<'e> {
    field: SpellingField,
    text: &'e str,
    span: crate::source::Span,
}

/// Which of an entity's spellings, as written, folds to `folded`: its name first (the one
/// a reader knows it by), then its id, then its aliases.
fn written<'e>(entity: &'e Entity, folded: &str) -> Written<'e> {
    let name = (
        SpellingField::Name,
        entity.name.value.as_str(),
        entity.name.span,
    );
    let id = (SpellingField::Id, entity.id.value.as_str(), entity.id.span);
    let aliases = entity
        .aliases
        .iter()
        .map(|alias| (SpellingField::Alias, alias.value.as_str(), alias.span));
    let (field, text, span) = [name, id]
        .into_iter()
        .chain(aliases)
        .find(|(_, text, _)| fold(text) == folded)
        .expect("a spelling comes from one of the entity's fields");
    Written { field, text, span }
}

/// How two entities come to share a spelling; an alias shared by both is its own warning.
fn same_spelling(first: &Entity, second: &Entity, folded: &str) -> ValidateErrorKind {
    let (one, other) = (written(first, folded), written(second, folded));
    if one.field == SpellingField::Alias && other.field == SpellingField::Alias {
        return ValidateErrorKind::SharedAlias {
            alias: other.text.into(),
            first_id: first.id.value.clone(),
            second_id: second.id.value.clone(),
            first: one.span,
        };
    }
    ValidateErrorKind::SameSpelling {
        text: other.text.into(),
        field: other.field,
        id: second.id.value.clone(),
        other_text: one.text.into(),
        other_field: one.field,
        other_id: first.id.value.clone(),
        first: one.span,
    }
}

/// Whether a folded `word` begins a word of `text` as written, ignoring ASCII case.
fn begins_a_word_as_written(text: &str, word: &str) -> bool {
    let (text, word) = (text.as_bytes(), word.as_bytes());
    (0..(text.len() + 1).saturating_sub(word.len())).any(|start| {
        (start == 0 || !text[start - 1].is_ascii_alphanumeric())
            && text[start..start + word.len()].eq_ignore_ascii_case(word)
    })
}

/// Whether `word` begins one of the words of `text` (both folded: words split by one space).
/// Tried at each word start: quotes are short, and a substring searcher's set-up for each of
/// a million quotes cost more than the search.
fn begins_a_word(text: &str, word: &str) -> bool {
    std::iter::once(0)
        .chain(memchr::memchr_iter(b' ', text.as_bytes()).map(|space| space + 1))
        .any(|start| text.as_bytes()[start..].starts_with(word.as_bytes()))
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
    // Sorted by a hash of the tie, not grouped in a map: a million relations stay at 8 bytes
    // each here (ties whose hashes collide are told apart by their keys).
    let hashes = parallel::in_parts(&dataset.relations, |part| {
        part.iter()
            .map(|relation| {
                let mut hasher = FxHasher::default();
                tie_key(dataset, relation).hash(&mut hasher);
                // The high bits: FxHasher mixes them best.
                (hasher.finish() >> 32) as u32
            })
            .collect::<Vec<u32>>()
    });
    let mut keyed: Vec<(u32, u32)> = hashes.into_iter().flatten().zip(0..).collect();
    keyed.sort_unstable();
    let extent = |relation: &Relation| {
        Extent::of(relation, dataset.schema.time_kind(&relation.relation_type))
    };
    let overlap = |a: &Relation, b: &Relation| match (extent(a), extent(b)) {
        (Some(a), Some(b)) => a.meets(&b),
        _ => true,
    };
    let mut flood = Flood::default();
    // Nearly every group is one relation alone: only larger ones are compared.
    for group in keyed
        .chunk_by(|a, b| a.0 == b.0)
        .filter(|group| group.len() > 1)
    {
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
                flood.push(diagnostics, kind, fields.at(relation.span, "type"));
            }
        }
    }
    flood.finish(diagnostics);
}

#[cfg(test)]
mod tests {
    use super::{begins_a_word, begins_a_word_as_written};

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

    #[test]
    fn as_written_a_spelling_begins_a_word_in_any_case() {
        assert!(begins_a_word_as_written("The Vietnamese army", "vietnam"));
        assert!(begins_a_word_as_written(
            "(Kaysone Phomvihane) said",
            "kaysone phomvihane"
        ));
        assert!(begins_a_word_as_written("E12", "e12"));
        assert!(!begins_a_word_as_written("the Laotian view", "otian"));
        assert!(!begins_a_word_as_written("ab", "abc"));
        // Punctuation inside a name is left to the folded comparison.
        assert!(!begins_a_word_as_written(
            "Lao People's Party",
            "lao peoples party"
        ));
    }
}
