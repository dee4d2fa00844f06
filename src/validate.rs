//! Rules over the loaded model -> diagnostics. Never stops at the first problem, never
//! reads YAML, never prints.
//!
//! With a sources folder it also proves every evidence quote: after collapsing runs of
//! whitespace, the quote must appear verbatim in the text file its source names.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::Path;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::diagnostic::Diagnostic;
use crate::load::field_span;
use crate::model::{Dataset, Entity, EntityId, KindId, Relation, Spanned};
use crate::parallel;
use crate::resolve::{fold, suggestions};
use crate::source::{SourceMap, Span};

/// Problems in the content of a dataset that loaded.
#[derive(Debug, Clone, thiserror::Error)]
pub(crate) enum ValidateErrorKind {
    #[error("id `{id}` has characters other than letters, digits and `_`")]
    InvalidId { id: String },
    #[error("duplicate {what} `{id}`")]
    Duplicate {
        what: &'static str,
        id: String,
        first: Span,
    },
    #[error("unknown entity kind `{kind}`")]
    UnknownKind {
        kind: String,
        suggestions: Vec<String>,
    },
    #[error("unknown relation type `{name}`")]
    UnknownRelationType {
        name: String,
        suggestions: Vec<String>,
    },
    #[error("unknown entity `{id}`")]
    UnknownEntity {
        id: String,
        suggestions: Vec<String>,
    },
    #[error("unknown source `{id}`")]
    UnknownSource {
        id: String,
        suggestions: Vec<String>,
    },
    #[error("`{relation_type}` cannot go {end} a {kind}")]
    EndpointKind {
        relation_type: String,
        end: &'static str,
        kind: String,
        allowed: Vec<String>,
    },
    #[error("`{relation_type}` relates `{id}` to itself")]
    SelfLoop { relation_type: String, id: String },
    #[error("`end` ({end}) is before `date` ({date})")]
    EndBeforeDate {
        date: String,
        end: String,
        date_span: Span,
    },
    #[error("relation has no evidence")]
    NoEvidence,
    #[error("`country` must be an ISO 3166 alpha-2 code such as `VN` or `LA`, not `{code}`")]
    CountryCode { code: String },
    #[error("quote not found in `{file}`")]
    QuoteNotFound {
        file: String,
        matched_up_to: Option<String>,
    },
    #[error("cannot read the text of source `{id}` at `{path}`: {reason}")]
    SourceFileUnreadable {
        id: String,
        path: String,
        reason: String,
    },
    #[error("alias `{alias}` is shared by `{first_id}` and `{second_id}`")]
    SharedAlias {
        alias: String,
        first_id: String,
        second_id: String,
        first: Span,
    },
    #[error("entity `{id}` has no relation")]
    Isolated { id: String },
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
                .with_note(format!("allowed {end} kinds: {}", allowed.join(", ")))
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

/// What validation needs to know about how loading went.
pub(crate) struct LoadOutcome<'a> {
    /// Entities written but not readable whole: references to them are not reported again.
    pub(crate) incomplete_ids: &'a [EntityId],
    /// Whether every item was read; if not, "no relation" warnings would be misleading.
    pub(crate) complete: bool,
    /// Whether a file could not be read to its end; then an id may be defined in the unread
    /// part, and "unknown entity" errors would only repeat the first problem.
    pub(crate) cut_short: bool,
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
    let entities = check_entities(dataset, &mut diagnostics);
    check_relations(dataset, &entities, outcome, &mut diagnostics);
    if let Some(dir) = sources_dir {
        check_quotes(dataset, dir, &mut diagnostics);
    }
    diagnostics
}

fn check_kind_known(dataset: &Dataset, kind: &Spanned<KindId>, diagnostics: &mut Vec<Diagnostic>) {
    if dataset.schema.kind(&kind.value).is_none() {
        let kind_name = kind.value.to_string();
        let suggestions = suggestions(&kind_name, dataset.schema.kind_names());
        push(
            diagnostics,
            ValidateErrorKind::UnknownKind {
                kind: kind_name,
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
                what: "source",
                id: source.id.value.to_string(),
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
                ValidateErrorKind::InvalidId { id: id.into() },
                entity.id.span,
            );
        }
        if let Some(&first) = by_id.get(id) {
            let kind = ValidateErrorKind::Duplicate {
                what: "entity id",
                id: id.into(),
                first: dataset.entities[first].id.span,
            };
            push(diagnostics, kind, entity.id.span);
        } else {
            by_id.insert(entity.id.value.clone(), position);
        }
        check_kind_known(dataset, &entity.kind, diagnostics);
        if let Some(country) = &entity.country {
            let code = &country.value;
            if !(code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase())) {
                push(
                    diagnostics,
                    ValidateErrorKind::CountryCode {
                        code: code.to_string(),
                    },
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
                            alias: alias.value.to_string(),
                            first_id: other.id.value.to_string(),
                            second_id: id.into(),
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
        let files = &self.dataset.files;
        for relation in relations {
            let [from, to] = [(&relation.from, "from"), (&relation.to, "to")].map(|(id, key)| {
                self.lookup(
                    id,
                    || field_span(files, relation.span, key),
                    &mut diagnostics,
                )
            });
            if let Some(place) = &relation.details().place {
                self.lookup(&place.value, || place.span, &mut diagnostics);
            }
            for end in [from, to].into_iter().flatten() {
                related[end] = true;
            }
            let [from, to] =
                [from, to].map(|end| end.map(|position| &self.dataset.entities[position]));
            check_relation_type(self.dataset, relation, from, to, &mut diagnostics);
            check_dates(files, relation, &mut diagnostics);
            if relation.evidence.is_empty() {
                push(
                    &mut diagnostics,
                    ValidateErrorKind::NoEvidence,
                    relation.span,
                );
            }
            for evidence in &relation.evidence {
                if !self.source_ids.contains(evidence.source.as_str()) {
                    let id = evidence.source.to_string();
                    let suggestions = suggestions(&id, self.source_ids.iter().copied());
                    push(
                        &mut diagnostics,
                        ValidateErrorKind::UnknownSource { id, suggestions },
                        field_span(files, evidence.span, "source"),
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
            let id = reference.to_string();
            let ids = self.dataset.entities.iter().map(|e| e.id.value.as_str());
            let suggestions = suggestions(&id, ids);
            push(
                diagnostics,
                ValidateErrorKind::UnknownEntity { id, suggestions },
                at(),
            );
        }
        found
    }
}

fn check_relations(
    dataset: &Dataset,
    entities: &FxHashMap<EntityId, usize>,
    outcome: &LoadOutcome<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let context = RelationContext {
        dataset,
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
                    id: entity.id.value.to_string(),
                },
                entity.id.span,
            );
        }
    }
}

fn check_relation_type(
    dataset: &Dataset,
    relation: &Relation,
    from: Option<&Entity>,
    to: Option<&Entity>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let name = &relation.relation_type;
    let at = |key| field_span(&dataset.files, relation.span, key);
    let Some(def) = dataset.schema.relation_type(name) else {
        let suggestions = suggestions(name.as_str(), dataset.schema.type_names());
        let kind = ValidateErrorKind::UnknownRelationType {
            name: name.to_string(),
            suggestions,
        };
        push(diagnostics, kind, at("type"));
        return;
    };
    for (end, entity, allowed) in [("from", from, &def.from), ("to", to, &def.to)] {
        let (Some(entity), Some(allowed)) = (entity, allowed) else {
            continue;
        };
        // An unknown kind is reported on the entity; reporting it here would only repeat that.
        if !allowed.iter().any(|kind| kind.value == entity.kind.value)
            && dataset.schema.kind(&entity.kind.value).is_some()
        {
            let kind = ValidateErrorKind::EndpointKind {
                relation_type: name.to_string(),
                end,
                kind: entity.kind.value.to_string(),
                allowed: allowed.iter().map(|k| k.value.to_string()).collect(),
            };
            push(diagnostics, kind, at(end));
        }
    }
    if relation.from == relation.to && !def.self_loop {
        let kind = ValidateErrorKind::SelfLoop {
            relation_type: name.to_string(),
            id: relation.from.to_string(),
        };
        push(diagnostics, kind, at("to"));
    }
}

fn check_dates(files: &SourceMap, relation: &Relation, diagnostics: &mut Vec<Diagnostic>) {
    if let (Some(date), Some(end)) = (relation.date, relation.end) {
        if end.last_day() < date.first_day() {
            let kind = ValidateErrorKind::EndBeforeDate {
                date: date.to_string(),
                end: end.to_string(),
                date_span: field_span(files, relation.span, "date"),
            };
            push(diagnostics, kind, field_span(files, relation.span, "end"));
        }
    }
}

/// Runs of whitespace become one space, so line breaks in a text or a quote don't matter.
pub(crate) fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn check_quotes(dataset: &Dataset, dir: &Path, diagnostics: &mut Vec<Diagnostic>) {
    let mut texts: HashMap<&str, Option<String>> = HashMap::new();
    for source in &dataset.sources {
        let path = dir.join(&source.file.value);
        let text = match fs::read_to_string(&path) {
            Ok(text) => Some(collapse_whitespace(&text)),
            Err(error) => {
                let kind = ValidateErrorKind::SourceFileUnreadable {
                    id: source.id.value.to_string(),
                    path: path.display().to_string(),
                    reason: error.to_string(),
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
                    field_span(&dataset.files, evidence.span, "quote"),
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
