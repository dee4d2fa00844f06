//! The problems loading reports ([`LoadErrorKind`]): each one's code, its message and the
//! note that tells a curator what to do about it. It only describes problems: finding them is
//! the readers' job, and nothing here reads a file or YAML.

use crate::diagnostic::Diagnostic;
use crate::load::reader::NodeShape;
use crate::model::DateError;
use crate::source::Span;

/// Problems found while reading YAML into the model.
#[derive(Debug, Clone, thiserror::Error)]
pub(super) enum LoadErrorKind {
    #[error("invalid YAML: {0}")]
    Syntax(String),
    #[error("a second YAML document in one file")]
    SecondDocument,
    #[error("YAML aliases (`*name`) are not supported")]
    Alias,
    #[error("YAML merge keys (`<<`) are not supported")]
    MergeKey,
    #[error("the YAML tag `{tag}` is not supported")]
    Tag { tag: String },
    #[error("nesting deeper than {limit} levels")]
    TooDeep { limit: usize },
    #[error("the file is not valid UTF-8 (byte offset {offset})")]
    NotUtf8 { offset: usize },
    #[error("the file is {size} bytes, more than the limit of {limit}")]
    TooLarge { size: u64, limit: u64 },
    #[error("a value of {size} bytes, more than the limit of {limit}")]
    ValueTooLarge { size: usize, limit: usize },
    #[error("a tab in the indentation")]
    TabIndentation,
    #[error("expected {}, found {}", expected.describe(), found.describe())]
    Shape {
        expected: NodeShape,
        found: NodeShape,
    },
    #[error("duplicate key `{key}`")]
    DuplicateKey { key: String, first: Span },
    #[error("missing field `{field}` in {item}")]
    MissingField {
        field: &'static str,
        item: &'static str,
        expected: &'static [&'static str],
    },
    #[error("unknown field `{field}` in {item}")]
    UnknownField {
        field: String,
        item: &'static str,
        expected: &'static [&'static str],
    },
    #[error("`{field}` is empty")]
    EmptyValue { field: &'static str },
    #[error("`{field}` must be {expected}, not `{text}`")]
    InvalidValue {
        field: &'static str,
        text: String,
        expected: &'static str,
    },
    #[error("invalid `{field}`: {error}")]
    Date {
        field: &'static str,
        error: DateError,
    },
}

impl LoadErrorKind {
    fn code(&self) -> &'static str {
        match self {
            LoadErrorKind::Syntax(_) => "VG001",
            LoadErrorKind::SecondDocument => "VG002",
            LoadErrorKind::Alias | LoadErrorKind::MergeKey => "VG003",
            LoadErrorKind::TooDeep { .. } => "VG004",
            LoadErrorKind::NotUtf8 { .. } => "VG005",
            LoadErrorKind::TooLarge { .. } => "VG006",
            LoadErrorKind::ValueTooLarge { .. } => "VG007",
            LoadErrorKind::TabIndentation => "VG008",
            LoadErrorKind::Tag { .. } => "VG009",
            LoadErrorKind::Shape { .. } => "VG010",
            LoadErrorKind::DuplicateKey { .. } => "VG011",
            LoadErrorKind::MissingField { .. } => "VG012",
            LoadErrorKind::UnknownField { .. } => "VG013",
            LoadErrorKind::EmptyValue { .. } => "VG014",
            LoadErrorKind::InvalidValue { .. } => "VG015",
            LoadErrorKind::Date { .. } => "VG016",
        }
    }

    pub(super) fn diagnostic(self, span: Span) -> Diagnostic {
        let diagnostic = Diagnostic::error(self.code(), self.to_string(), span);
        match self {
            LoadErrorKind::Syntax(_) => diagnostic.with_note("fix the YAML syntax here; nothing after it in this file was read"),
            LoadErrorKind::SecondDocument => diagnostic.with_note("remove the `---` line: each file holds one list"),
            LoadErrorKind::Alias => diagnostic.with_note("write the value out in full; aliases are refused so a file cannot expand without bound"),
            LoadErrorKind::MergeKey => diagnostic.with_note("write the fields out in each item; an item cannot take its fields from another"),
            LoadErrorKind::Tag { .. } => diagnostic.with_note("remove the tag: each field reads its value as text, a number or a date by itself (only `!!str`, `!!seq` and `!!map`, which change nothing, are accepted)"),
            LoadErrorKind::TooDeep { .. } => diagnostic.with_note("items of this format nest a few levels at most"),
            LoadErrorKind::NotUtf8 { .. } => diagnostic.with_note("save the file as UTF-8"),
            LoadErrorKind::TooLarge { .. } => diagnostic.with_note("split the data into several files"),
            LoadErrorKind::ValueTooLarge { .. } => {
                diagnostic.with_note("no name, description or quote needs this much; quote only the words that support the relation")
            }
            LoadErrorKind::TabIndentation => diagnostic
                .with_label_message("YAML indents with spaces only")
                .with_note("replace the tab with spaces; nothing after it in this file was read"),
            LoadErrorKind::Shape { expected, .. } => diagnostic.with_note(match expected {
                NodeShape::List => "write a list: one `- ` line per element",
                NodeShape::Mapping => "write `key: value` lines",
                _ => "write a single value here",
            }),
            LoadErrorKind::DuplicateKey { first, .. } => diagnostic
                .with_label_message("written again here")
                .with_secondary(first, "first written here")
                .with_note("keep one of them"),
            LoadErrorKind::MissingField { expected, .. } => {
                diagnostic.with_note(format!("fields are: {}", expected.join(", ")))
            }
            LoadErrorKind::UnknownField { ref field, expected, .. } => {
                let suggestion = crate::names::closest(field, expected.iter().copied(), 1);
                diagnostic
                    .with_notes(suggestion.into_iter().map(|name| format!("did you mean `{name}`?")))
                    .with_note(format!("expected one of: {}", expected.join(", ")))
            }
            LoadErrorKind::EmptyValue { .. } => diagnostic.with_note("give it a value or remove the line"),
            LoadErrorKind::InvalidValue { .. } | LoadErrorKind::Date { .. } => diagnostic,
        }
    }
}
