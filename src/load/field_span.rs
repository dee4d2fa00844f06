//! Finding a field again after loading: the model keeps one span per relation and per
//! evidence item, and a diagnostic about one of their fields reads the item once more here.
//! It only reads text already in the source map; it must not report problems (the second
//! read's diagnostics are dropped: the first read reported them).

use crate::load::reader::Reader;
use crate::source::{LineTable, SourceMap, Span};

/// Where the value of `key` is written in the mapping that starts at `item` (a relation or
/// an evidence item); the item's own span when the key is not there. The model keeps one
/// span per item, so a diagnostic about a field finds the field again here: the item is read
/// once more from its file, up to the first line indented less than the item.
pub(crate) fn field_span(files: &SourceMap, item: Span, key: &str) -> Span {
    let text = files.text(item.file);
    let start = (item.start as usize).min(text.len());
    let line_start = text[..start].rfind('\n').map_or(0, |newline| newline + 1);
    let column = start - line_start;
    let mut end = text.len();
    let mut line_end = text[start..]
        .find('\n')
        .map_or(text.len(), |i| start + i + 1);
    while line_end < text.len() {
        let line = &text[line_end..];
        let content = line.trim_start_matches(' ');
        let indentation = line.len() - content.len();
        if indentation < column && !content.starts_with(['#', '\n', '\r']) {
            end = line_end;
            break;
        }
        line_end = line.find('\n').map_or(text.len(), |i| line_end + i + 1);
    }
    let text = &text[line_start..end];
    let lines = LineTable::new(text);
    let mut ignored = Vec::new();
    Reader::new(item.file, text, line_start, &lines, &mut ignored)
        .value_span(key)
        .unwrap_or(item)
}

#[cfg(test)]
mod tests {
    use super::field_span;
    use crate::source::{SourceMap, Span};
    use std::path::Path;

    /// The text `field_span` finds for `key` in the item starting at `item_start`.
    fn field_text<'t>(text: &'t str, item_start: &str, key: &str) -> &'t str {
        let mut files = SourceMap::default();
        let file = files.add(Path::new("relations.yaml"), text.to_string());
        let start = text.find(item_start).expect("item in text");
        let span = field_span(&files, Span::new(file, start..start), key);
        &text[span.range()]
    }

    #[test]
    fn a_field_is_found_again_in_its_item() {
        let text = "- from: A\n  type: met\n  to: B\n\
                    - from: C\n  # a comment\n# at column 0\n\n  type: met\n  to: 'D'\n\
                    - {from: E, to: F}\n\
                    - from: G\n  evidence:\n    - source: doc\n      quote: \"it said\"\n\
                    - from: H\n  to: I\n";
        assert_eq!(field_text(text, "from: A", "to"), "B");
        assert_eq!(field_text(text, "from: C", "to"), "'D'");
        assert_eq!(field_text(text, "{from: E", "to"), "F");
        assert_eq!(field_text(text, "source: doc", "quote"), "\"it said\"");
        // Not in the item (the next item's `to` is not taken): the item itself.
        assert_eq!(field_text(text, "from: G", "to"), "");
    }
}
