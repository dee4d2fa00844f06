//! The quote proof (`validate --sources`): after collapsing runs of whitespace, every
//! evidence quote must appear verbatim in the text file its source names.

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::load::{not_a_file, MAX_FILE_BYTES};
use crate::model::Dataset;
use crate::validate::error::{push, ValidateErrorKind};
use crate::validate::Fields;

/// Runs of whitespace become one space, so line breaks in a text or a quote don't matter.
pub(crate) fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Proves every quote against its source's text in `dir`; returns how many quotes were
/// checked (a quote whose text cannot be read is not, and its source is reported).
pub(super) fn check_quotes(
    dataset: &Dataset,
    fields: &Fields<'_>,
    dir: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> usize {
    let citing = dataset.quotes_per_source();
    let mut texts: HashMap<&str, Option<String>> = HashMap::new();
    for source in &dataset.sources {
        let quotes = citing.get(source.id.value.as_str()).copied().unwrap_or(0);
        if !is_plain_file_name(&source.file.value) {
            // Reported by the check of sources.yaml, with or without `--sources`.
            texts.insert(source.id.value.as_str(), None);
            continue;
        }
        let text = match read_inside(dir, &source.file.value) {
            Ok(text) => Some(collapse_whitespace(&text)),
            Err(problem) => {
                let kind = match problem {
                    Unreadable::Outside(path) => ValidateErrorKind::SourceFileOutside {
                        id: source.id.value.clone(),
                        path,
                        quotes,
                    },
                    Unreadable::Io(path, reason) => ValidateErrorKind::SourceFileUnreadable {
                        id: source.id.value.clone(),
                        path,
                        reason,
                        quotes,
                    },
                };
                push(diagnostics, kind, source.file.span);
                None
            }
        };
        texts.insert(source.id.value.as_str(), text);
    }
    check_examples(dataset, &texts, diagnostics);
    let mut checked = 0;
    for relation in &dataset.relations {
        for evidence in &relation.evidence {
            let Some(Some(text)) = texts.get(evidence.source.as_str()) else {
                continue;
            };
            checked += 1;
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
    checked
}

/// Every relation type's `example:` must be words of one of the texts. Only checked when
/// every text was read, an unread one might hold it, and some source is declared: with none,
/// that is the one mistake reported.
fn check_examples(
    dataset: &Dataset,
    texts: &HashMap<&str, Option<String>>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    if dataset.sources.is_empty() {
        return;
    }
    let Some(texts) = texts
        .values()
        .map(Option::as_deref)
        .collect::<Option<Vec<&str>>>()
    else {
        return;
    };
    for def in &dataset.schema.relation_types {
        let Some(example) = &def.example else {
            continue;
        };
        let words = collapse_whitespace(&example.value);
        if !texts.iter().any(|text| contains(text, &words)) {
            let relation_type = def.id.value.clone();
            push(
                diagnostics,
                ValidateErrorKind::ExampleNotFound { relation_type },
                example.span,
            );
        }
    }
}

/// Whether a source's `file:` names a file inside the sources folder by its words alone: no
/// root, no `/` at the start, no `..` (a link leading out is found only when it is read).
pub(crate) fn is_plain_file_name(file: &str) -> bool {
    Path::new(file)
        .components()
        .all(|part| matches!(part, Component::Normal(_)))
}

/// Why a source text was not read.
enum Unreadable {
    /// It lies outside the sources folder (a link leading out).
    Outside(PathBuf),
    Io(PathBuf, io::Error),
}

/// The text of `file` (a [plain name](is_plain_file_name)) in `dir`, which it must lie
/// inside: `sources.yaml` must not make `validate` read, and quote back, any file on the
/// machine.
fn read_inside(dir: &Path, file: &str) -> Result<String, Unreadable> {
    let path = dir.join(file);
    let resolved = fs::canonicalize(&path).map_err(|error| Unreadable::Io(path.clone(), error))?;
    let folder = fs::canonicalize(dir).map_err(|error| Unreadable::Io(path.clone(), error))?;
    if !resolved.starts_with(&folder) {
        return Err(Unreadable::Outside(path));
    }
    let metadata = fs::metadata(&resolved).map_err(|error| Unreadable::Io(path.clone(), error))?;
    if !metadata.is_file() && !metadata.is_dir() {
        return Err(Unreadable::Io(path, not_a_file()));
    }
    // No document is this long; the whole text would be held to look quotes up in it.
    if metadata.len() > MAX_FILE_BYTES {
        let limit = MAX_FILE_BYTES >> 20;
        let error = io::Error::other(format!("larger than {limit} MiB, the limit for a text"));
        return Err(Unreadable::Io(path, error));
    }
    fs::read_to_string(&resolved).map_err(|error| Unreadable::Io(path, error))
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
    use super::{collapse_whitespace, longest_matching_prefix};

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
