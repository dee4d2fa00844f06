//! Rules over the loaded model -> diagnostics. Never stops at the first problem, never
//! reads YAML (the loader finds a field again for it: [`FindField`]), never prints.
//!
//! With a sources folder it also proves every evidence quote: after collapsing runs of
//! whitespace, the quote must appear verbatim in the text file its source names.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use compact_str::CompactString;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::diagnostic::Diagnostic;
use crate::model::{
    CountryCode, Dataset, Date, Entity, EntityId, KindId, Relation, RelationType, SourceId, Spanned,
};
use crate::names::{fold, suggestions};
use crate::parallel;
use crate::source::{SourceMap, Span};

/// Problems in the content of a dataset that loaded.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ValidateErrorKind {
    #[error("id `{id}` has characters other than letters, digits and `_`")]
    InvalidId { id: EntityId },
    #[error("duplicate {item}")]
    Duplicate { item: Duplicated, first: Span },
    #[error("unknown entity kind `{kind}`")]
    UnknownKind {
        kind: KindId,
        suggestions: Vec<String>,
    },
    #[error("unknown relation type `{name}`")]
    UnknownRelationType {
        name: RelationType,
        suggestions: Vec<String>,
    },
    #[error("unknown entity `{id}`")]
    UnknownEntity {
        id: EntityId,
        suggestions: Vec<String>,
    },
    #[error("unknown source `{id}`")]
    UnknownSource {
        id: SourceId,
        suggestions: Vec<String>,
    },
    #[error("`{relation_type}` cannot go {end} a {kind}")]
    EndpointKind {
        relation_type: RelationType,
        end: End,
        kind: KindId,
        allowed: Vec<KindId>,
    },
    #[error("`{relation_type}` relates `{id}` to itself")]
    SelfLoop {
        relation_type: RelationType,
        id: EntityId,
    },
    #[error("`end` ({end}) is before `date` ({date})")]
    EndBeforeDate {
        date: Date,
        end: Date,
        date_span: Span,
    },
    #[error("relation has no evidence")]
    NoEvidence,
    #[error("`country` must be an ISO 3166 alpha-2 code such as `VN` or `LA`, not `{code}`")]
    CountryCode { code: CountryCode },
    #[error("quote not found in `{file}`")]
    QuoteNotFound {
        /// The source's text file, as `sources.yaml` names it.
        file: String,
        matched_up_to: Option<String>,
    },
    #[error("cannot read the text of source `{id}` at `{}`: {reason}", path.display())]
    SourceFileUnreadable {
        id: SourceId,
        path: PathBuf,
        reason: io::Error,
    },
    #[error("alias `{alias}` is shared by `{first_id}` and `{second_id}`")]
    SharedAlias {
        alias: CompactString,
        first_id: EntityId,
        second_id: EntityId,
        first: Span,
    },
    #[error("entity `{id}` has no relation")]
    Isolated { id: EntityId },
}

/// What is defined twice.
#[derive(Debug)]
pub(crate) enum Duplicated {
    Source(SourceId),
    Entity(EntityId),
}

impl fmt::Display for Duplicated {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Duplicated::Source(id) => write!(f, "source `{id}`"),
            Duplicated::Entity(id) => write!(f, "entity id `{id}`"),
        }
    }
}

/// One end of a relation.
#[derive(Debug, Clone, Copy)]
pub(crate) enum End {
    From,
    To,
}

impl End {
    /// The field that names this end.
    fn key(self) -> &'static str {
        match self {
            End::From => "from",
            End::To => "to",
        }
    }
}

impl fmt::Display for End {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

impl ValidateErrorKind {
    fn code(&self) -> &'static str {
        match self {
            ValidateErrorKind::InvalidId { .. } => "VG020",
            ValidateErrorKind::Duplicate { .. } => "VG021",
            ValidateErrorKind::UnknownKind { .. } => "VG022",
            ValidateErrorKind::UnknownRelationType { .. } => "VG023",
            ValidateErrorKind::UnknownEntity { .. } => "VG024",
            ValidateErrorKind::UnknownSource { .. } => "VG025",
            ValidateErrorKind::EndpointKind { .. } => "VG026",
            ValidateErrorKind::SelfLoop { .. } => "VG027",
            ValidateErrorKind::EndBeforeDate { .. } => "VG028",
            ValidateErrorKind::NoEvidence => "VG029",
            ValidateErrorKind::CountryCode { .. } => "VG030",
            ValidateErrorKind::QuoteNotFound { .. } => "VG031",
            ValidateErrorKind::SourceFileUnreadable { .. } => "VG032",
            ValidateErrorKind::SharedAlias { .. } => "VG040",
            ValidateErrorKind::Isolated { .. } => "VG041",
        }
    }

    fn diagnostic(self, span: Span) -> Diagnostic {
        let message = self.to_string();
        let code = self.code();
        let suggest = |diagnostic: Diagnostic, names: &[String]| match names {
            [] => diagnostic,
            names => diagnostic.with_note(format!(
                "did you mean {}?",
                names
                    .iter()
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(" or ")
            )),
        };
        match self {
            ValidateErrorKind::SharedAlias { first, .. } => Diagnostic::warning(code, message, span)
                .with_secondary(first, "also an alias here")
                .with_note("a name on the command line with this alias will be ambiguous"),
            ValidateErrorKind::Isolated { .. } => Diagnostic::warning(code, message, span)
                .with_note("add a relation that ties it to the graph, or remove it"),
            ValidateErrorKind::InvalidId { .. } => Diagnostic::error(code, message, span)
                .with_note("write it as in `Nguyen_Phu_Trong`: ASCII letters, digits, `_`; keep the full spelling in `name`"),
            ValidateErrorKind::Duplicate { first, .. } => Diagnostic::error(code, message, span)
                .with_label_message("defined again here")
                .with_secondary(first, "first defined here")
                .with_note("ids must be unique across all files; rename or merge one of them"),
            ValidateErrorKind::UnknownKind { ref suggestions, .. } => {
                suggest(Diagnostic::error(code, message, span), suggestions)
                    .with_note("kinds are declared under `kinds:` in schema.yaml")
            }
            ValidateErrorKind::UnknownRelationType { ref suggestions, .. } => {
                suggest(Diagnostic::error(code, message, span), suggestions)
                    .with_note("relation types are declared under `relations:` in schema.yaml")
            }
            ValidateErrorKind::UnknownEntity { ref suggestions, .. } => {
                suggest(Diagnostic::error(code, message, span).with_label_message("no entity has this id"), suggestions)
            }
            ValidateErrorKind::UnknownSource { ref suggestions, .. } => {
                suggest(Diagnostic::error(code, message, span), suggestions)
                    .with_note("sources are declared in sources.yaml")
            }
            ValidateErrorKind::EndpointKind { end, ref allowed, .. } => Diagnostic::error(code, message, span)
                .with_note(format!(
                    "allowed {end} kinds: {}",
                    allowed.iter().map(KindId::as_str).collect::<Vec<_>>().join(", ")
                ))
                .with_note("use another relation type, or allow the kind in schema.yaml"),
            ValidateErrorKind::SelfLoop { .. } => Diagnostic::error(code, message, span)
                .with_note("set `self_loop: true` on the type in schema.yaml if this is meant"),
            ValidateErrorKind::EndBeforeDate { date_span, .. } => Diagnostic::error(code, message, span)
                .with_secondary(date_span, "starts here")
                .with_note("swap them, or correct one of the dates"),
            ValidateErrorKind::NoEvidence => Diagnostic::error(code, message, span)
                .with_note("add at least one `{source: ID, quote: \"...\"}` copied verbatim from the source"),
            ValidateErrorKind::CountryCode { .. } => Diagnostic::error(code, message, span),
            ValidateErrorKind::QuoteNotFound { matched_up_to, .. } => {
                let diagnostic = Diagnostic::error(code, message, span);
                match matched_up_to {
                    Some(prefix) => diagnostic.with_note(format!("the text matches as far as `{prefix}`, then differs")),
                    None => diagnostic.with_note("not even its first words appear in the text"),
                }
                .with_note("copy the quote from the text itself; only whitespace may differ")
            }
            ValidateErrorKind::SourceFileUnreadable { .. } => Diagnostic::error(code, message, span)
                .with_note("check `file:` in sources.yaml and the folder given to `--sources`"),
        }
    }
}

fn push(diagnostics: &mut Vec<Diagnostic>, kind: ValidateErrorKind, span: Span) {
    diagnostics.push(kind.diagnostic(span));
}

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
    /// Whether a file could not be read to its end; then an id may be defined in the unread
    /// part, and "unknown entity" errors would only repeat the first problem.
    pub(crate) cut_short: bool,
    pub(crate) find_field: FindField,
}

/// Checks a loaded dataset; quotes too when `sources_dir` is given.
pub(crate) fn validate(
    dataset: &Dataset,
    outcome: &LoadOutcome<'_>,
    sources_dir: Option<&Path>,
) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    check_schema(dataset, &mut diagnostics);
    check_sources(dataset, &mut diagnostics);
    let fields = Fields {
        files: &dataset.files,
        find: outcome.find_field,
    };
    let entities = check_entities(dataset, &mut diagnostics);
    check_relations(dataset, &fields, &entities, outcome, &mut diagnostics);
    if let Some(dir) = sources_dir {
        check_quotes(dataset, &fields, dir, &mut diagnostics);
    }
    diagnostics
}

fn check_kind_known(dataset: &Dataset, kind: &Spanned<KindId>, diagnostics: &mut Vec<Diagnostic>) {
    if dataset.schema.kind(&kind.value).is_none() {
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
}

fn check_schema(dataset: &Dataset, diagnostics: &mut Vec<Diagnostic>) {
    for def in &dataset.schema.relation_types {
        for kind in def.from.iter().chain(&def.to).flatten() {
            check_kind_known(dataset, kind, diagnostics);
        }
    }
}

fn check_sources(dataset: &Dataset, diagnostics: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<&str, Span> = HashMap::new();
    for source in &dataset.sources {
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

fn valid_id(id: &str) -> bool {
    !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// Checks entities one by one and returns the id index the relation checks use: position
/// in `dataset.entities` by id (the first entity with an id, when there are duplicates).
fn check_entities(
    dataset: &Dataset,
    diagnostics: &mut Vec<Diagnostic>,
) -> FxHashMap<EntityId, usize> {
    let mut by_id: FxHashMap<EntityId, usize> =
        FxHashMap::with_capacity_and_hasher(dataset.entities.len(), Default::default());
    let mut aliases: FxHashMap<String, (&Entity, Span)> = FxHashMap::default();
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
        if let Some(&first) = by_id.get(id) {
            let kind = ValidateErrorKind::Duplicate {
                item: Duplicated::Entity(entity.id.value.clone()),
                first: dataset.entities[first].id.span,
            };
            push(diagnostics, kind, entity.id.span);
        } else {
            by_id.insert(entity.id.value.clone(), position);
        }
        check_kind_known(dataset, &entity.kind, diagnostics);
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
        for alias in &entity.aliases {
            match aliases.entry(fold(&alias.value)) {
                Entry::Occupied(taken) => {
                    let (other, first) = *taken.get();
                    if other.id.value != entity.id.value {
                        let kind = ValidateErrorKind::SharedAlias {
                            alias: alias.value.clone(),
                            first_id: other.id.value.clone(),
                            second_id: entity.id.value.clone(),
                            first,
                        };
                        push(diagnostics, kind, alias.span);
                    }
                }
                Entry::Vacant(free) => {
                    free.insert((entity, alias.span));
                }
            }
        }
    }
    by_id
}

/// What checking a relation needs besides the relation.
struct RelationContext<'d> {
    dataset: &'d Dataset,
    fields: &'d Fields<'d>,
    /// Entity positions by id.
    entities: &'d FxHashMap<EntityId, usize>,
    outcome: &'d LoadOutcome<'d>,
    incomplete: HashSet<&'d str>,
    source_ids: FxHashSet<&'d str>,
}

impl RelationContext<'_> {
    /// Checks `relations` in order; also returns which entities they touch, by position.
    fn check(&self, relations: &[Relation]) -> (Vec<Diagnostic>, Vec<bool>) {
        let mut diagnostics = Vec::new();
        // By position, not by id: a million relations mark their ends here.
        let mut related = vec![false; self.dataset.entities.len()];
        for relation in relations {
            let [from, to] = [(&relation.from, "from"), (&relation.to, "to")].map(|(id, key)| {
                self.lookup(id, || self.fields.at(relation.span, key), &mut diagnostics)
            });
            if let Some(place) = &relation.details().place {
                self.lookup(&place.value, || place.span, &mut diagnostics);
            }
            for end in [from, to].into_iter().flatten() {
                related[end] = true;
            }
            let [from, to] =
                [from, to].map(|end| end.map(|position| &self.dataset.entities[position]));
            check_relation_type(
                self.dataset,
                self.fields,
                relation,
                from,
                to,
                &mut diagnostics,
            );
            check_dates(self.fields, relation, &mut diagnostics);
            if relation.evidence.is_empty() {
                push(
                    &mut diagnostics,
                    ValidateErrorKind::NoEvidence,
                    relation.span,
                );
            }
            for evidence in &relation.evidence {
                if !self.source_ids.contains(evidence.source.as_str()) {
                    let suggestions =
                        suggestions(evidence.source.as_str(), self.source_ids.iter().copied());
                    push(
                        &mut diagnostics,
                        ValidateErrorKind::UnknownSource {
                            id: evidence.source.clone(),
                            suggestions,
                        },
                        self.fields.at(evidence.span, "source"),
                    );
                }
            }
        }
        (diagnostics, related)
    }

    /// The position of the entity a relation names; an unknown one is reported unless an
    /// earlier problem explains it.
    fn lookup(
        &self,
        reference: &EntityId,
        at: impl FnOnce() -> Span,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<usize> {
        let found = self.entities.get(reference.as_str()).copied();
        if found.is_none()
            && !self.outcome.cut_short
            && !self.incomplete.contains(reference.as_str())
        {
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
    entities: &FxHashMap<EntityId, usize>,
    outcome: &LoadOutcome<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let context = RelationContext {
        dataset,
        fields,
        entities,
        outcome,
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
    // Each part of the relations is checked on its own core, then the parts are put back in
    // order: validation was a tenth of loading a million relations.
    let parts = parallel::in_parts(&dataset.relations, |part| context.check(part));
    let mut related = vec![false; dataset.entities.len()];
    for (found, part_related) in parts {
        diagnostics.extend(found);
        for (any, part) in related.iter_mut().zip(part_related) {
            *any |= part;
        }
    }
    if !outcome.complete {
        return;
    }
    for entity in &dataset.entities {
        if !related[entities[entity.id.value.as_str()]] {
            push(
                diagnostics,
                ValidateErrorKind::Isolated {
                    id: entity.id.value.clone(),
                },
                entity.id.span,
            );
        }
    }
}

fn check_relation_type(
    dataset: &Dataset,
    fields: &Fields<'_>,
    relation: &Relation,
    from: Option<&Entity>,
    to: Option<&Entity>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let name = &relation.relation_type;
    let at = |key| fields.at(relation.span, key);
    let Some(def) = dataset.schema.relation_type(name) else {
        let suggestions = suggestions(name.as_str(), dataset.schema.type_names());
        let kind = ValidateErrorKind::UnknownRelationType {
            name: name.clone(),
            suggestions,
        };
        push(diagnostics, kind, at("type"));
        return;
    };
    for (end, entity, allowed) in [(End::From, from, &def.from), (End::To, to, &def.to)] {
        let (Some(entity), Some(allowed)) = (entity, allowed) else {
            continue;
        };
        // An unknown kind is reported on the entity; reporting it here would only repeat that.
        if !allowed.iter().any(|kind| kind.value == entity.kind.value)
            && dataset.schema.kind(&entity.kind.value).is_some()
        {
            let kind = ValidateErrorKind::EndpointKind {
                relation_type: name.clone(),
                end,
                kind: entity.kind.value.clone(),
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

/// Runs of whitespace become one space, so line breaks in a text or a quote don't matter.
pub(crate) fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn check_quotes(
    dataset: &Dataset,
    fields: &Fields<'_>,
    dir: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut texts: HashMap<&str, Option<String>> = HashMap::new();
    for source in &dataset.sources {
        let path = dir.join(&source.file.value);
        let text = match fs::read_to_string(&path) {
            Ok(text) => Some(collapse_whitespace(&text)),
            Err(error) => {
                let kind = ValidateErrorKind::SourceFileUnreadable {
                    id: source.id.value.clone(),
                    path,
                    reason: error,
                };
                push(diagnostics, kind, source.file.span);
                None
            }
        };
        texts.insert(source.id.value.as_str(), text);
    }
    for relation in &dataset.relations {
        for evidence in &relation.evidence {
            let Some(Some(text)) = texts.get(evidence.source.as_str()) else {
                continue;
            };
            let quote = collapse_whitespace(&evidence.quote);
            if !contains(text, &quote) {
                let file = dataset
                    .sources
                    .iter()
                    .find(|s| s.id.value == evidence.source)
                    .map(|s| s.file.value.clone())
                    .unwrap_or_default();
                let matched_up_to = longest_matching_prefix(text, &quote);
                push(
                    diagnostics,
                    ValidateErrorKind::QuoteNotFound {
                        file,
                        matched_up_to,
                    },
                    fields.at(evidence.span, "quote"),
                );
            }
        }
    }
}

/// Substring search with SIMD (memchr's memmem): every quote is looked for in its whole
/// source text, which `str::contains` made about a third of `validate --sources`.
fn contains(text: &str, quote: &str) -> bool {
    memchr::memmem::find(text.as_bytes(), quote.as_bytes()).is_some()
}

/// The longest run of the quote's first words found in the text, to show where a nearly
/// right quote goes wrong.
fn longest_matching_prefix(text: &str, quote: &str) -> Option<String> {
    let words: Vec<&str> = quote.split(' ').collect();
    let prefix = |n: usize| words[..n].join(" ");
    // Finding a prefix is monotone in its length, so binary search the word count.
    let (mut found, mut missing) = (0, words.len());
    while missing - found > 1 {
        let middle = (found + missing) / 2;
        if contains(text, &prefix(middle)) {
            found = middle;
        } else {
            missing = middle;
        }
    }
    (found > 0).then(|| prefix(found))
}

#[cfg(test)]
mod tests {
    use super::{collapse_whitespace, longest_matching_prefix, valid_id};

    #[test]
    fn ids_are_ascii_words() {
        assert!(valid_id("Nguyen_Phu_Trong"));
        assert!(valid_id("4th_Congress"));
        for bad in ["", "Phạm", "a-b", "a b", "a.b"] {
            assert!(!valid_id(bad), "{bad}");
        }
    }

    #[test]
    fn whitespace_collapses_to_single_spaces() {
        assert_eq!(collapse_whitespace("  a\n\n b\t c "), "a b c");
    }

    #[test]
    fn the_matching_prefix_shows_where_a_quote_goes_wrong() {
        let text = "the two sides signed the treaty in 1977 in Vientiane";
        assert_eq!(
            longest_matching_prefix(text, "the two sides signed a treaty").as_deref(),
            Some("the two sides signed")
        );
        assert_eq!(longest_matching_prefix(text, "nothing like it"), None);
    }
}
