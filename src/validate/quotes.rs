//! The quote proof (`validate --sources`): after collapsing runs of whitespace, every
//! evidence quote must appear verbatim in the text file its source names.

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::model::Dataset;
use crate::validate::error::{push, ValidateErrorKind};
use crate::validate::Fields;

/// Runs of whitespace become one space, so line breaks in a text or a quote don't matter.
pub(crate) fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub(super) fn check_quotes(
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
