//! Rules over the loaded model -> diagnostics. Never stops at the first problem, never
//! reads YAML (the loader finds a field again for it: [`FindField`]), never prints.
//!
//! This file checks the schema, sources, entities and each relation's ends, type and dates;
//! `validate/statements.rs` what a relation states (time, claims, duplicates, who its quotes
//! name); `validate/quotes.rs` proves quotes against the source texts (`--sources`);
//! `validate/error.rs` says what each problem is and how it reads.

mod drawing;
mod error;
mod quotes;
mod statements;

use std::collections::{HashMap, HashSet};
use std::path::Path;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::diagnostic::Diagnostic;
use crate::model::{Dataset, Date, EntityId, KindDef, KindId, Relation, Schema, Spanned, Unread};
use crate::names::suggestions;
use crate::parallel;
use crate::printable::Unsafe;
use crate::source::{SourceMap, Span};
use error::{push, Duplicated, End, Flood, ValidateErrorKind};
use statements::{SpellingLines, Spellings};

/// Finds where a field of an item (a relation, an evidence item) is written, from the item's
/// span. The loader knows the format, so the pipeline hands its finder over
/// ([`crate::load::field_span`]); validation never reads a file itself.
pub(crate) type FindField = fn(&SourceMap, Span, &str) -> Span;

/// Where the fields diagnostics point at are written.
struct Fields<'d> {
    files: &'d SourceMap,
    find: FindField,
}

impl Fields<'_> {
    fn at(&self, item: Span, key: &str) -> Span {
        (self.find)(self.files, item, key)
    }
}

/// What validation needs to know about how loading went.
pub(crate) struct LoadOutcome<'a> {
    /// Entities written but not readable whole: references to them are not reported again.
    pub(crate) incomplete_ids: &'a [EntityId],
    /// Whether every item was read; if not, "no relation" warnings would be misleading.
    pub(crate) complete: bool,
    /// Which kinds of file could not be read to their end: what their unread part declares
    /// may be what a reference names, so "unknown" errors would only repeat the first problem.
    pub(crate) unread: Unread,
    pub(crate) find_field: FindField,
}

/// Which declarations are complete enough that a reference to something they lack is a
/// mistake of its own. When one is not (its file cut short, or nothing declared at all), the
/// problem is reported once and the references to it are not: one mistake, one message.
#[derive(Debug, Clone, Copy)]
struct Trust {
    schema: bool,
    types: bool,
    sources: bool,
    entities: bool,
}

/// What validation found.
pub(crate) struct Validation {
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// With a sources folder: how many quotes were proven against a text that could be read.
    pub(crate) quotes_checked: Option<usize>,
}

/// Checks a loaded dataset; quotes too when `sources_dir` is given.
pub(crate) fn validate(
    dataset: &Dataset,
    outcome: &LoadOutcome<'_>,
    sources_dir: Option<&Path>,
) -> Validation {
    let mut diagnostics = Vec::new();
    let trust = Trust {
        schema: !outcome.unread.schema && !dataset.schema.kinds.is_empty(),
        types: !outcome.unread.schema && !dataset.schema.relation_types.is_empty(),
        sources: !outcome.unread.sources && !dataset.sources.is_empty(),
        entities: !outcome.unread.entities && !dataset.entities.is_empty(),
    };
    report_missing_declarations(dataset, outcome, &mut diagnostics);
    check_schema(dataset, trust, &mut diagnostics);
    drawing::check_drawing(dataset, &mut diagnostics);
    check_sources(dataset, &mut diagnostics);
    let fields = Fields {
        files: &dataset.files,
        find: outcome.find_field,
    };
    let spellings = Spellings::new(dataset);
    let entities = check_entities(dataset, trust, &spellings, &mut diagnostics);
    check_relations(
        dataset,
        &fields,
        spellings,
        &entities,
        outcome,
        trust,
        &mut diagnostics,
    );
    drop(entities);
    statements::check_duplicate_ties(dataset, &fields, &mut diagnostics);
    let quotes_checked =
        sources_dir.map(|dir| quotes::check_quotes(dataset, &fields, dir, &mut diagnostics));
    Validation {
        diagnostics,
        quotes_checked,
    }
}

/// One error when the schema declares no kinds or no relation types, sources.yaml no source,
/// or the data holds no entity at all, where every entity, relation or quote would otherwise
/// be reported on its own.
fn report_missing_declarations(
    dataset: &Dataset,
    outcome: &LoadOutcome<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    if dataset.schema.kinds.is_empty() && !outcome.unread.schema {
        if let Some(first) = dataset.entities.first() {
            push(diagnostics, ValidateErrorKind::NoKinds, first.kind.span);
        }
    }
    if dataset.entities.is_empty() && !outcome.unread.entities {
        if let Some(first) = dataset.relations.first() {
            push(diagnostics, ValidateErrorKind::NoEntities, first.span);
        }
    }
    // An empty schema is one mistake: its missing kinds are reported, above.
    let kinds = !dataset.schema.kinds.is_empty();
    if dataset.schema.relation_types.is_empty() && kinds && !outcome.unread.schema {
        if let Some(first) = dataset.relations.first() {
            push(diagnostics, ValidateErrorKind::NoRelationTypes, first.span);
        }
    }
    if dataset.sources.is_empty() && !outcome.unread.sources {
        let quote = dataset
            .relations
            .iter()
            .flat_map(|r| r.evidence.iter())
            .next();
        if let Some(first) = quote {
            push(diagnostics, ValidateErrorKind::NoSources, first.span);
        }
    }
}

/// Reports a kind the schema does not declare; returns the position of one it does.
fn check_kind_known(
    dataset: &Dataset,
    trust: Trust,
    kind: &Spanned<KindId>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<usize> {
    let position = dataset.schema.kind_position(&kind.value);
    if trust.schema && position.is_none() {
        let suggestions = suggestions(kind.value.as_str(), dataset.schema.kind_names());
        push(
            diagnostics,
            ValidateErrorKind::UnknownKind {
                kind: kind.value.clone(),
                suggestions,
            },
            kind.span,
        );
    }
    position
}

fn check_schema(dataset: &Dataset, trust: Trust, diagnostics: &mut Vec<Diagnostic>) {
    let schema = &dataset.schema;
    check_schema_printable(schema, diagnostics);
    let families = || schema.families.iter().map(|f| f.id.value.as_str());
    for def in &schema.relation_types {
        for kind in def.from.iter().chain(&def.to).flatten() {
            check_kind_known(dataset, trust, kind, diagnostics);
        }
        if let Some(family) = &def.family {
            if !families().any(|known| known == family.value.as_str()) {
                let kind = ValidateErrorKind::UnknownFamily {
                    family: family.value.clone(),
                    suggestions: suggestions(family.value.as_str(), families()),
                };
                push(diagnostics, kind, family.span);
            }
        }
    }
    let themes = dataset.themes();
    for theme in &schema.themes {
        if !themes.contains(&theme.id.value.as_str()) {
            let kind = ValidateErrorKind::UnknownTheme {
                theme: theme.id.value.clone(),
                suggestions: suggestions(theme.id.value.as_str(), themes.iter().copied()),
            };
            push(diagnostics, kind, theme.id.span);
        }
        for page in &theme.pages {
            for name in &page.types {
                if schema.relation_type(&name.value).is_none() {
                    let kind = ValidateErrorKind::UnknownRelationType {
                        name: name.value.clone(),
                        suggestions: suggestions(name.value.as_str(), schema.type_names()),
                    };
                    push(diagnostics, kind, name.span);
                }
            }
        }
    }
}

/// The schema's words reach every picture's key and title: each must be printable, located
/// at the kind, type, family or theme it belongs to.
fn check_schema_printable(schema: &Schema, diagnostics: &mut Vec<Diagnostic>) {
    for kind in &schema.kinds {
        for (field, text) in [("label", &kind.label), ("description", &kind.description)] {
            check_printable(field, text, || kind.id.span, diagnostics);
        }
    }
    for def in &schema.relation_types {
        for (field, text) in [("label", &def.label), ("description", &def.description)] {
            check_printable(field, text, || def.id.span, diagnostics);
        }
        if let Some(example) = &def.example {
            check_printable("example", &example.value, || example.span, diagnostics);
        }
    }
    for family in &schema.families {
        check_printable("label", &family.label, || family.id.span, diagnostics);
    }
    for theme in &schema.themes {
        check_printable("title", &theme.title, || theme.id.span, diagnostics);
        for page in &theme.pages {
            check_printable("title", &page.title, || page.span, diagnostics);
        }
    }
}

fn check_sources(dataset: &Dataset, diagnostics: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<&str, Span> = HashMap::new();
    for source in &dataset.sources {
        let texts = [
            ("title", source.title.as_str()),
            ("publisher", &source.publisher),
            ("date", &source.date),
            ("file", &source.file.value),
        ];
        let url = source.url.as_deref().map(|url| ("url", url));
        for (field, text) in texts.into_iter().chain(url) {
            check_printable(field, text, || source.id.span, diagnostics);
        }
        if let Err(error) = Date::parse(&source.date) {
            let kind = ValidateErrorKind::SourceDate {
                id: source.id.value.clone(),
                error,
            };
            push(diagnostics, kind, source.id.span);
        }
        let web = |url: &str| url.starts_with("https://") || url.starts_with("http://");
        if let Some(url) = source.url.as_deref().filter(|url| !web(url)) {
            let kind = ValidateErrorKind::SourceUrl {
                id: source.id.value.clone(),
                url: url.to_string(),
            };
            push(diagnostics, kind, source.id.span);
        }
        if !quotes::is_plain_file_name(&source.file.value) {
            let kind = ValidateErrorKind::SourceFileOutside {
                id: source.id.value.clone(),
                path: source.file.value.clone().into(),
                quotes: dataset
                    .quotes_per_source()
                    .get(source.id.value.as_str())
                    .copied()
                    .unwrap_or(0),
            };
            push(diagnostics, kind, source.file.span);
        }
        if let Some(&first) = seen.get(source.id.value.as_str()) {
            let kind = ValidateErrorKind::Duplicate {
                item: Duplicated::Source(source.id.value.clone()),
                first,
            };
            push(diagnostics, kind, source.id.span);
        } else {
            seen.insert(source.id.value.as_str(), source.id.span);
        }
    }
}

/// The first character of `text` that must not be in data, and what it is: a control
/// character other than a line break or tab, a bidirectional control or another invisible
/// format character ([`Unsafe`]), or a Unicode noncharacter (U+FFFE, U+FDD0, ...).
fn unprintable(text: &str) -> Option<(char, &'static str)> {
    // Nearly all text is printable ASCII, passed over a byte at a time here: decoding every
    // character of a million quotes was a tenth of the relation checks (issue 14).
    let other = text
        .bytes()
        .position(|b| b != b' ' && !b.is_ascii_graphic())?;
    // A character boundary: all before it is ASCII.
    text[other..].chars().find_map(|c| {
        let code = u32::from(c);
        if (0xFDD0..=0xFDEF).contains(&code) || code & 0xFFFE == 0xFFFE {
            return Some((c, "a noncharacter"));
        }
        Unsafe::of(c).map(|why| (c, why.describe()))
    })
}

/// Reports an unprintable character in `text`, the value of `field`, at `at`.
fn check_printable(
    field: &'static str,
    text: &str,
    at: impl FnOnce() -> Span,
    diagnostics: &mut Vec<Diagnostic>,
) {
    if let Some((c, what)) = unprintable(text) {
        let kind = ValidateErrorKind::Unprintable {
            field,
            what,
            code: u32::from(c),
        };
        push(diagnostics, kind, at());
    }
}

fn valid_id(id: &str) -> bool {
    !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// What the relation checks need of an entity, kept in the id index beside its id. A million
/// relations look up 200k entities at random, each lookup a cache miss, so one lookup brings
/// all of it: reading the entity's kind and where its spellings start were two more misses
/// for each end (with the slot's own, most of the relation checks' time, issue 14).
#[derive(Debug, Clone, Copy)]
struct Known {
    /// Position in `dataset.entities`.
    position: usize,
    /// Position of its kind in the schema, when the schema declares it (a `u32`, so that
    /// the index's slots stay at 48 bytes).
    kind: Option<u32>,
    spellings: SpellingLines,
}

/// Checks entities one by one and returns the id index the relation checks use (the first
/// entity with an id, when there are duplicates).
fn check_entities(
    dataset: &Dataset,
    trust: Trust,
    spellings: &Spellings,
    diagnostics: &mut Vec<Diagnostic>,
) -> FxHashMap<EntityId, Known> {
    let mut by_id: FxHashMap<EntityId, Known> =
        FxHashMap::with_capacity_and_hasher(dataset.entities.len(), Default::default());
    for (position, entity) in dataset.entities.iter().enumerate() {
        let id = entity.id.value.as_str();
        if !valid_id(id) {
            push(
                diagnostics,
                ValidateErrorKind::InvalidId {
                    id: entity.id.value.clone(),
                },
                entity.id.span,
            );
        }
        let first = by_id.get(id).map(|first| first.position);
        if let Some(first) = first {
            let kind = ValidateErrorKind::Duplicate {
                item: Duplicated::Entity(entity.id.value.clone()),
                first: dataset.entities[first].id.span,
            };
            push(diagnostics, kind, entity.id.span);
        }
        let kind = check_kind_known(dataset, trust, &entity.kind, diagnostics);
        if first.is_none() {
            let known = Known {
                position,
                kind: kind.map(|kind| u32::try_from(kind).expect("kinds under 4G")),
                spellings: spellings.lines_of(position),
            };
            by_id.insert(entity.id.value.clone(), known);
        }
        check_printable("name", &entity.name.value, || entity.name.span, diagnostics);
        for alias in &entity.aliases {
            check_printable("aliases", &alias.value, || alias.span, diagnostics);
        }
        if let Some(description) = &entity.description {
            check_printable("description", description, || entity.id.span, diagnostics);
        }
        if let Some(country) = &entity.country {
            let code = &country.value;
            if !code.is_well_formed() {
                push(
                    diagnostics,
                    ValidateErrorKind::CountryCode { code: code.clone() },
                    country.span,
                );
            }
        }
    }
    by_id
}

/// How many relations have their ends looked up before any of them is checked.
const LOOKUP_BATCH: usize = 64;

/// What checking a relation needs besides the relation.
struct RelationContext<'d> {
    dataset: &'d Dataset,
    trust: Trust,
    fields: &'d Fields<'d>,
    spellings: Spellings,
    entities: &'d FxHashMap<EntityId, Known>,
    incomplete: HashSet<&'d str>,
    source_ids: FxHashSet<&'d str>,
}

/// What checking a part of the relations finds.
struct PartFindings {
    diagnostics: Vec<Diagnostic>,
    /// By entity position, not by id: a million relations mark their ends here.
    related: Vec<bool>,
    unnamed: Flood,
}

impl RelationContext<'_> {
    /// Checks `relations` in order; also returns which entities they touch.
    fn check(&self, relations: &[Relation]) -> PartFindings {
        let mut findings = PartFindings {
            diagnostics: Vec::new(),
            related: vec![false; self.dataset.entities.len()],
            unnamed: Flood::default(),
        };
        let mut folded = String::new();
        let mut ends = Vec::with_capacity(LOOKUP_BATCH);
        for batch in relations.chunks(LOOKUP_BATCH) {
            // Each lookup is a cache miss among the entities; done in a loop of their own, the
            // processor waits for several at once instead of one after another (issue 14).
            ends.clear();
            let find = |id: &EntityId| self.entities.get(id.as_str()).copied();
            ends.extend(batch.iter().map(|r| [&r.from, &r.to].map(find)));
            for (relation, &found) in batch.iter().zip(&ends) {
                self.check_one(relation, found, &mut folded, &mut findings);
            }
        }
        findings
    }

    /// Checks one relation, whose ends are `ends` when they are known entities; `folded` is
    /// room to fold its quotes in.
    fn check_one(
        &self,
        relation: &Relation,
        ends: [Option<Known>; 2],
        folded: &mut String,
        findings: &mut PartFindings,
    ) {
        let diagnostics = &mut findings.diagnostics;
        let [from, to] = [
            (&relation.from, "from", ends[0]),
            (&relation.to, "to", ends[1]),
        ]
        .map(|(id, key, end)| {
            self.unless_unknown(end, id, || self.fields.at(relation.span, key), diagnostics)
        });
        let details = relation.details();
        if let Some(place) = &details.place {
            self.lookup(&place.value, || place.span, diagnostics);
        }
        // A claimant written as an id must be an entity; one in words is free text.
        if let Some(claimant) = details.claimed_by.as_deref().filter(|c| valid_id(c)) {
            let at = || self.fields.at(relation.span, "claimed_by");
            self.lookup(&EntityId::from(claimant), at, diagnostics);
        }
        statements::check_time_and_stance(self.dataset, self.fields, relation, diagnostics);
        let texts = [
            ("note", details.note.as_deref()),
            ("role", details.role.as_deref()),
            ("claimed_by", details.claimed_by.as_deref()),
            ("currency", details.currency.as_deref()),
        ];
        for (field, text) in texts {
            if let Some(text) = text {
                let at = || self.fields.at(relation.span, field);
                check_printable(field, text, at, diagnostics);
            }
        }
        for evidence in &relation.evidence {
            let at = || self.fields.at(evidence.span, "quote");
            check_printable("quote", &evidence.quote, at, diagnostics);
        }
        self.spellings.check_quotes_name_an_end(
            relation,
            [from, to].map(|end| end.map(|known| known.spellings)),
            folded,
            &mut findings.unnamed,
            diagnostics,
        );
        for end in [from, to].into_iter().flatten() {
            findings.related[end.position] = true;
        }
        let schema = &self.dataset.schema;
        let [from, to] = [from, to].map(|end| {
            end.and_then(|known| known.kind)
                .map(|kind| &schema.kinds[kind as usize])
        });
        check_relation_type(
            self.dataset,
            self.trust,
            self.fields,
            relation,
            from,
            to,
            diagnostics,
        );
        check_dates(self.fields, relation, diagnostics);
        if relation.evidence.is_empty() {
            push(diagnostics, ValidateErrorKind::NoEvidence, relation.span);
        }
        for evidence in &relation.evidence {
            if self.trust.sources && !self.source_ids.contains(evidence.source.as_str()) {
                let suggestions =
                    suggestions(evidence.source.as_str(), self.source_ids.iter().copied());
                push(
                    diagnostics,
                    ValidateErrorKind::UnknownSource {
                        id: evidence.source.clone(),
                        suggestions,
                    },
                    self.fields.at(evidence.span, "source"),
                );
            }
        }
    }

    /// The entity a relation names; an unknown one is reported unless an earlier problem
    /// explains it.
    fn lookup(
        &self,
        reference: &EntityId,
        at: impl FnOnce() -> Span,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<Known> {
        let found = self.entities.get(reference.as_str()).copied();
        self.unless_unknown(found, reference, at, diagnostics)
    }

    /// [`RelationContext::lookup`] of an entity already looked up, which found `found`.
    fn unless_unknown(
        &self,
        found: Option<Known>,
        reference: &EntityId,
        at: impl FnOnce() -> Span,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<Known> {
        if found.is_none() && self.trust.entities && !self.incomplete.contains(reference.as_str()) {
            let ids = self.dataset.entities.iter().map(|e| e.id.value.as_str());
            let suggestions = suggestions(reference.as_str(), ids);
            push(
                diagnostics,
                ValidateErrorKind::UnknownEntity {
                    id: reference.clone(),
                    suggestions,
                },
                at(),
            );
        }
        found
    }
}

fn check_relations(
    dataset: &Dataset,
    fields: &Fields<'_>,
    spellings: Spellings,
    entities: &FxHashMap<EntityId, Known>,
    outcome: &LoadOutcome<'_>,
    trust: Trust,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let context = RelationContext {
        dataset,
        trust,
        fields,
        spellings,
        entities,
        incomplete: outcome
            .incomplete_ids
            .iter()
            .map(EntityId::as_str)
            .collect(),
        source_ids: dataset
            .sources
            .iter()
            .map(|s| s.id.value.as_str())
            .collect(),
    };
    context.spellings.check_each_names_one(dataset, diagnostics);
    // Each part of the relations is checked on its own core, then the parts are put back in
    // order: validation was a tenth of loading a million relations.
    let parts = parallel::in_parts(&dataset.relations, |part| context.check(part));
    drop(context);
    let mut related = vec![false; dataset.entities.len()];
    let mut unnamed = Flood::default();
    for part in parts {
        diagnostics.extend(part.diagnostics);
        for (any, part) in related.iter_mut().zip(part.related) {
            *any |= part;
        }
        unnamed.merge(part.unnamed);
    }
    unnamed.finish(diagnostics);
    if !outcome.complete {
        return;
    }
    let mut isolated = Flood::default();
    for entity in &dataset.entities {
        if !related[entities[entity.id.value.as_str()].position] {
            let kind = ValidateErrorKind::Isolated {
                id: entity.id.value.clone(),
            };
            isolated.push(diagnostics, kind, entity.id.span);
        }
    }
    isolated.finish(diagnostics);
}

/// Checks a relation's type and what it allows of the kinds of its ends (`from`, `to`: each
/// end's kind, when both the end and its kind are known).
fn check_relation_type(
    dataset: &Dataset,
    trust: Trust,
    fields: &Fields<'_>,
    relation: &Relation,
    from: Option<&KindDef>,
    to: Option<&KindDef>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let name = &relation.relation_type;
    let at = |key| fields.at(relation.span, key);
    let Some(def) = dataset.schema.relation_type(name) else {
        if !trust.types {
            return;
        }
        let suggestions = suggestions(name.as_str(), dataset.schema.type_names());
        let kind = ValidateErrorKind::UnknownRelationType {
            name: name.clone(),
            suggestions,
        };
        push(diagnostics, kind, at("type"));
        return;
    };
    // An unknown end, or an end of an unknown kind, is reported on its own; reporting it
    // here would only repeat that.
    for (end, end_kind, allowed) in [(End::From, from, &def.from), (End::To, to, &def.to)] {
        let (Some(end_kind), Some(allowed)) = (end_kind, allowed) else {
            continue;
        };
        if !allowed.iter().any(|kind| kind.value == end_kind.id.value) {
            let kind = ValidateErrorKind::EndpointKind {
                relation_type: name.clone(),
                end,
                kind: end_kind.id.value.clone(),
                allowed: allowed.iter().map(|k| k.value.clone()).collect(),
            };
            push(diagnostics, kind, at(end.key()));
        }
    }
    if relation.from == relation.to && !def.self_loop {
        let kind = ValidateErrorKind::SelfLoop {
            relation_type: name.clone(),
            id: relation.from.clone(),
        };
        push(diagnostics, kind, at("to"));
    }
}

fn check_dates(fields: &Fields<'_>, relation: &Relation, diagnostics: &mut Vec<Diagnostic>) {
    if let (Some(date), Some(end)) = (relation.date, relation.end) {
        if end.last_day() < date.first_day() {
            let kind = ValidateErrorKind::EndBeforeDate {
                date,
                end,
                date_span: fields.at(relation.span, "date"),
            };
            push(diagnostics, kind, fields.at(relation.span, "end"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{unprintable, valid_id};

    #[test]
    fn control_characters_and_noncharacters_are_unprintable() {
        let bad = [
            "a\u{1}b",
            "esc \u{1b}[2J",
            "\u{b}",
            "\u{c}",
            "\u{0}",
            "x\u{fffe}",
            "\u{fdd0}",
            "\u{1ffff}",
        ];
        for text in bad {
            assert!(unprintable(text).is_some(), "{text:?}");
        }
        for text in [
            "Phạm Minh Chính",
            "line\nbreak\tand tab",
            "“quoted” — dash",
            "ລາວ",
        ] {
            assert_eq!(unprintable(text), None, "{text:?}");
        }
    }

    #[test]
    fn ids_are_ascii_words() {
        assert!(valid_id("Nguyen_Phu_Trong"));
        assert!(valid_id("4th_Congress"));
        for bad in ["", "Phạm", "a-b", "a b", "a.b"] {
            assert!(!valid_id(bad), "{bad}");
        }
    }
}
