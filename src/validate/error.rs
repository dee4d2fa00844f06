//! What validation finds wrong, as typed kinds carrying names and values, and how each
//! becomes a diagnostic (code, message, labels, hints).

use std::fmt;
use std::io;
use std::path::PathBuf;

use compact_str::CompactString;

use crate::diagnostic::Diagnostic;
use crate::model::{
    CountryCode, Date, DateError, EntityId, FamilyId, KindId, RelationType, SourceId, Theme,
};
use crate::source::Span;

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
    #[error("unknown family `{family}`")]
    UnknownFamily {
        family: FamilyId,
        suggestions: Vec<String>,
    },
    #[error("no relations file for theme `{theme}`")]
    UnknownTheme {
        theme: Theme,
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
    #[error("the example of relation type `{relation_type}` is in none of the source texts")]
    ExampleNotFound { relation_type: RelationType },
    #[error("cannot read the text of source `{id}` at `{}`: {reason}", path.display())]
    SourceFileUnreadable {
        id: SourceId,
        path: PathBuf,
        reason: io::Error,
        /// Quotes that cite it, left unchecked.
        quotes: usize,
    },
    #[error("the text of source `{id}` at `{}` lies outside the sources folder", path.display())]
    SourceFileOutside {
        id: SourceId,
        path: PathBuf,
        quotes: usize,
    },
    #[error("alias `{alias}` is shared by `{first_id}` and `{second_id}`")]
    SharedAlias {
        alias: CompactString,
        first_id: EntityId,
        second_id: EntityId,
        first: Span,
    },
    #[error("`{text}`, the {field} of `{id}`, is also the {other_field} of `{other_id}`{}, ignoring case, accents and punctuation", written_as(text, other_text))]
    SameSpelling {
        text: CompactString,
        field: SpellingField,
        id: EntityId,
        other_text: CompactString,
        other_field: SpellingField,
        other_id: EntityId,
        first: Span,
    },
    #[error("entity `{id}` has no relation")]
    Isolated { id: EntityId },
    #[error("`seen` on an event is the date of the text reporting it, and this `{relation_type}` has a `date`")]
    SeenOnEvent { relation_type: RelationType },
    #[error("`seen` ({seen}) is {side} `{bound_field}` ({bound})")]
    SeenOutside {
        seen: Date,
        side: &'static str,
        bound_field: &'static str,
        bound: Date,
        bound_span: Span,
    },
    #[error("`claimed_by` names who asserts a claim, but this relation is stated as a fact")]
    ClaimantOfFact,
    #[error("`{relation_type}` from `{from}` to `{to}` is recorded twice")]
    DuplicateTie {
        relation_type: RelationType,
        from: EntityId,
        to: EntityId,
        first: Span,
    },
    #[error("no quote names `{from}` or `{to}`")]
    QuoteNamesNeitherEnd { from: EntityId, to: EntityId },
    #[error("`{field}` holds {what} (U+{code:04X})")]
    Unprintable {
        field: &'static str,
        what: &'static str,
        code: u32,
    },
    #[error("invalid `date` of source `{id}`: {error}")]
    SourceDate { id: SourceId, error: DateError },
    #[error("`url` of source `{id}` is not a web address: `{url}`")]
    SourceUrl { id: SourceId, url: String },
    #[error("`{field}` of `{item}` is `{value}`, which Graphviz does not draw")]
    NotDrawable {
        item: String,
        field: &'static str,
        value: String,
        expected: &'static [&'static str],
    },
    #[error("schema.yaml declares no entity kinds")]
    NoKinds,
    #[error("no entity was read, so no relation can name one")]
    NoEntities,
    #[error("schema.yaml declares no relation types")]
    NoRelationTypes,
    #[error("sources.yaml declares no source, so no quote can cite one")]
    NoSources,
    #[error("and {count} more like the warning[{code}] above, not listed one by one")]
    MoreLikeThis { code: &'static str, count: usize },
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

/// How the other entity writes a shared spelling, when it writes it differently.
fn written_as(text: &str, other_text: &str) -> String {
    if text == other_text {
        String::new()
    } else {
        format!(" (`{other_text}`)")
    }
}

/// Which field of an entity a spelling is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SpellingField {
    Id,
    Name,
    Alias,
}

impl fmt::Display for SpellingField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SpellingField::Id => "id",
            SpellingField::Name => "name",
            SpellingField::Alias => "alias",
        })
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
    pub(super) fn key(self) -> &'static str {
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
    pub(super) fn code(&self) -> &'static str {
        match self {
            ValidateErrorKind::InvalidId { .. } => "VG020",
            ValidateErrorKind::Duplicate { .. } => "VG021",
            ValidateErrorKind::UnknownKind { .. } => "VG022",
            ValidateErrorKind::UnknownRelationType { .. } => "VG023",
            ValidateErrorKind::UnknownFamily { .. } => "VG046",
            ValidateErrorKind::UnknownTheme { .. } => "VG047",
            ValidateErrorKind::UnknownEntity { .. } => "VG024",
            ValidateErrorKind::UnknownSource { .. } => "VG025",
            ValidateErrorKind::EndpointKind { .. } => "VG026",
            ValidateErrorKind::SelfLoop { .. } => "VG027",
            ValidateErrorKind::EndBeforeDate { .. } => "VG028",
            ValidateErrorKind::NoEvidence => "VG029",
            ValidateErrorKind::CountryCode { .. } => "VG030",
            ValidateErrorKind::QuoteNotFound { .. } => "VG031",
            ValidateErrorKind::ExampleNotFound { .. } => "VG044",
            ValidateErrorKind::SourceFileUnreadable { .. } => "VG032",
            ValidateErrorKind::SourceFileOutside { .. } => "VG036",
            ValidateErrorKind::SharedAlias { .. } => "VG040",
            ValidateErrorKind::SameSpelling { .. } => "VG045",
            ValidateErrorKind::Isolated { .. } => "VG041",
            ValidateErrorKind::SeenOnEvent { .. } => "VG033",
            ValidateErrorKind::SeenOutside { .. } => "VG034",
            ValidateErrorKind::ClaimantOfFact => "VG035",
            ValidateErrorKind::DuplicateTie { .. } => "VG042",
            ValidateErrorKind::QuoteNamesNeitherEnd { .. } => "VG043",
            ValidateErrorKind::MoreLikeThis { code, .. } => code,
            ValidateErrorKind::NoKinds => "VG022",
            ValidateErrorKind::NotDrawable { .. } => "VG039",
            ValidateErrorKind::SourceDate { .. } => "VG016",
            ValidateErrorKind::SourceUrl { .. } => "VG038",
            ValidateErrorKind::Unprintable { .. } => "VG037",
            ValidateErrorKind::NoEntities => "VG024",
            ValidateErrorKind::NoRelationTypes => "VG023",
            ValidateErrorKind::NoSources => "VG025",
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
            ValidateErrorKind::SameSpelling { first, other_field, other_id, .. } => {
                Diagnostic::warning(code, message, span)
                    .with_secondary(first, format!("the {other_field} of `{other_id}`"))
                    .with_note("a name on the command line will match both; if they are one entity, merge them; if not, remove the alias or tell the names apart")
            }
            ValidateErrorKind::Isolated { .. } => Diagnostic::warning(code, message, span)
                .with_note("add a relation that ties it to the graph, or remove it"),
            ValidateErrorKind::SeenOnEvent { .. } => Diagnostic::error(code, message, span)
                .with_note("an event happens at its `date`: keep `date` when the texts say when it happened, `seen` when they only report it (drawn `reported 2013`)"),
            ValidateErrorKind::SeenOutside { bound_span, .. } => Diagnostic::error(code, message, span)
                .with_secondary(bound_span, "the state's span")
                .with_note("a state is seen holding within its span; correct one of the dates"),
            ValidateErrorKind::ClaimantOfFact => Diagnostic::error(code, message, span)
                .with_note("add `stance: claim` if the source reports someone else asserting this, or remove `claimed_by`"),
            ValidateErrorKind::DuplicateTie { first, .. } => Diagnostic::warning(code, message, span)
                .with_label_message("the same tie again, at an overlapping time")
                .with_secondary(first, "first recorded here")
                .with_note("merge them into one relation with several evidence items"),
            ValidateErrorKind::Unprintable { .. } => Diagnostic::error(code, message, span)
                .with_note("remove it: such characters can rewrite a terminal, hide or reorder what is shown, and make an SVG file unreadable (line breaks and tabs are fine)"),
            ValidateErrorKind::SourceDate { .. } => Diagnostic::error(code, message, span)
                .with_note("write the document's date as `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, as precise as it is known"),
            ValidateErrorKind::SourceUrl { .. } => Diagnostic::error(code, message, span)
                .with_note("give an address starting `https://` or `http://`, or leave `url` out"),
            ValidateErrorKind::NotDrawable { ref value, expected, .. } => {
                let diagnostic = Diagnostic::error(code, message, span);
                // A long list (the shapes) reads better as a suggestion and a reference.
                if expected.len() > 8 {
                    let closest = crate::names::closest(value, expected.iter().copied(), 1);
                    suggest(diagnostic, &closest.into_iter().map(str::to_string).collect::<Vec<_>>())
                        .with_note("Graphviz's shapes are listed at https://graphviz.org/doc/info/shapes.html")
                } else {
                    diagnostic.with_note(format!("write one of: {}", expected.join(", ")))
                }
            }
            ValidateErrorKind::NoKinds => Diagnostic::error(code, message, span)
                .with_label_message("so this kind, and every other, is unknown")
                .with_note("declare the kinds under `kinds:` in schema.yaml (see the README's data format)"),
            ValidateErrorKind::NoEntities => Diagnostic::error(code, message, span)
                .with_label_message("names an entity, but there are none")
                .with_note("entities are read from `entities/*.yaml` in the data folder: is the folder there, and are its files named .yaml?"),
            ValidateErrorKind::NoRelationTypes => Diagnostic::error(code, message, span)
                .with_label_message("so this relation's type, and every other, is unknown")
                .with_note("declare the types under `relations:` in schema.yaml (see the README's data format)"),
            ValidateErrorKind::NoSources => Diagnostic::error(code, message, span)
                .with_label_message("cites a source, but there are none")
                .with_note("list the source documents in sources.yaml (see the README's data format)"),
            ValidateErrorKind::MoreLikeThis { .. } => Diagnostic::warning(code, message, span)
                .with_label_message("the first of them")
                .with_note("fix the ones listed; the rest are likely the same mistake"),
            ValidateErrorKind::QuoteNamesNeitherEnd { .. } => Diagnostic::warning(code, message, span)
                .with_note("a footnote must show who did what: quote words that name one end at least (its name, an alias or its id's words)"),
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
            ValidateErrorKind::UnknownFamily { ref suggestions, .. } => {
                suggest(Diagnostic::error(code, message, span), suggestions)
                    .with_note("families are declared under `families:` in schema.yaml")
            }
            // A schema serves other data too (synthetic data, a user's own): a title for a
            // theme absent from it is unused there, not wrong.
            ValidateErrorKind::UnknownTheme { ref suggestions, .. } => {
                suggest(Diagnostic::warning(code, message, span), suggestions)
                    .with_note("a theme is a file in `relations/`: name the file's stem (`economy` for relations/economy.yaml), or remove the title")
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
            ValidateErrorKind::ExampleNotFound { .. } => Diagnostic::error(code, message, span)
                .with_note("an example shows the type's meaning in the texts' own words: copy it verbatim from one of them"),
            ValidateErrorKind::SourceFileUnreadable { quotes, .. } => Diagnostic::error(code, message, span)
                .with_note(unchecked(quotes))
                .with_note("check `file:` in sources.yaml and the folder given to `--sources`"),
            ValidateErrorKind::SourceFileOutside { quotes, .. } => Diagnostic::error(code, message, span)
                .with_note(unchecked(quotes))
                .with_note("give the file's name inside the `--sources` folder, without `/` at the start, `..` or a link leading out"),
        }
    }
}

/// A warning a dataset may raise once per relation or entity, by the thousand: the first
/// [`Flood::KEPT`] are kept, the rest are counted into one closing warning, so a million
/// relations whose quotes name neither end cost a few hundred diagnostics, not a gigabyte.
#[derive(Debug, Default)]
pub(super) struct Flood {
    kept: usize,
    hidden: usize,
    /// Code and place of the first warning not kept.
    first_hidden: Option<(&'static str, Span)>,
}

impl Flood {
    const KEPT: usize = 200;

    pub(super) fn push(
        &mut self,
        diagnostics: &mut Vec<Diagnostic>,
        kind: ValidateErrorKind,
        span: Span,
    ) {
        if self.kept < Self::KEPT {
            self.kept += 1;
            push(diagnostics, kind, span);
        } else {
            self.hidden += 1;
            self.first_hidden.get_or_insert((kind.code(), span));
        }
    }

    /// Adds `other`'s (a later part's) count to this one.
    pub(super) fn merge(&mut self, other: Flood) {
        self.hidden += other.hidden;
        self.first_hidden = self.first_hidden.or(other.first_hidden);
    }

    /// The closing warning for what was not kept, if anything.
    pub(super) fn finish(self, diagnostics: &mut Vec<Diagnostic>) {
        if let Some((code, span)) = self.first_hidden {
            let kind = ValidateErrorKind::MoreLikeThis {
                code,
                count: self.hidden,
            };
            push(diagnostics, kind, span);
        }
    }
}

/// How many quotes a source text that could not be read leaves unproven.
fn unchecked(quotes: usize) -> String {
    match quotes {
        1 => "1 quote cites it and could not be checked".to_string(),
        n => format!("{n} quotes cite it and could not be checked"),
    }
}

pub(super) fn push(diagnostics: &mut Vec<Diagnostic>, kind: ValidateErrorKind, span: Span) {
    diagnostics.push(kind.diagnostic(span));
}
