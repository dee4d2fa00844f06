//! A fast scanner for the plain block YAML that data files, generated ones above all, are
//! written in: a top-level list of `- key: value` items, block mappings and lists nested by
//! indentation, one-line plain or double-quoted values, and flow lists of double-quoted
//! values (`aliases: ["E 10"]`).
//!
//! saphyr-parser reads about 50 MB a second on one core: most of the time spent loading a
//! million relations. On the text this module accepts it gives exactly saphyr's events with
//! exactly saphyr's spans (the tests compare both, on the bundled data, the fixtures and
//! generated data), without copying any scalar. At anything outside that subset (a comment,
//! a tab, an escape, a multi-line value, a key that is not a word, ...) it gives up and the
//! reader uses saphyr-parser for the whole text, so syntax errors and odd-but-valid YAML read
//! as they always did. It must not judge what the events mean (`reader.rs` and `records.rs`
//! do).

/// What a token is; each becomes one saphyr event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TokenKind {
    StreamStart,
    DocumentStart,
    SequenceStart,
    MappingStart,
    /// A plain scalar: its text is the span's.
    Plain,
    /// A double-quoted scalar without escapes: its text is the span's without the quotes.
    DoubleQuoted,
    SequenceEnd,
    MappingEnd,
    DocumentEnd,
    StreamEnd,
}

/// One event, with its span as byte offsets in the scanned text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Token {
    pub(super) kind: TokenKind,
    pub(super) start: u32,
    pub(super) end: u32,
}

/// Deeper than this the scanner gives up (the reader then reports the depth limit).
const MAX_NESTING: usize = 16;

/// Scans `text` into `tokens` (cleared first) and returns true, or returns false when the
/// text uses anything outside the subset described in the module documentation.
pub(super) fn scan(text: &str, tokens: &mut Vec<Token>) -> bool {
    tokens.clear();
    let bytes = text.as_bytes();
    // Tabs, carriage returns and other control characters, and byte order marks (which
    // saphyr skips in places), are left to saphyr; so is a text not ending its last line.
    let plain_bytes = bytes.iter().all(|&b| b >= b' ' || b == b'\n')
        && memchr::memmem::find(bytes, "\u{feff}".as_bytes()).is_none();
    if u32::try_from(bytes.len()).is_err() || !bytes.ends_with(b"\n") || !plain_bytes {
        return false;
    }
    let mut scanner = Scanner {
        bytes,
        tokens,
        at: 0,
        column: None,
        depth: 0,
    };
    let scanned = scanner.document().is_some();
    if !scanned {
        tokens.clear();
    }
    scanned
}

/// `None`: give up, the text is outside the subset.
type Scan = Option<()>;

struct Scanner<'t> {
    bytes: &'t [u8],
    tokens: &'t mut Vec<Token>,
    /// Where the next token starts (the end of the text once it is read).
    at: usize,
    /// The column of the next token, which starts its line; `None` at the end of the text.
    column: Option<usize>,
    depth: usize,
}

impl Scanner<'_> {
    fn push(&mut self, kind: TokenKind, start: usize, end: usize) {
        // Offsets fit: `scan` checked the length.
        let offset = |at: usize| at as u32;
        self.tokens.push(Token {
            kind,
            start: offset(start),
            end: offset(end),
        });
    }

    fn byte(&self, at: usize) -> u8 {
        self.bytes.get(at).copied().unwrap_or(b'\n')
    }

    /// Whether `- ` starts the next token's line (followed by the item, not more spaces).
    fn at_item(&self) -> bool {
        self.byte(self.at) == b'-'
            && self.byte(self.at + 1) == b' '
            && self.byte(self.at + 2) != b' '
    }

    /// Moves past the line break at `at` to the next line with content, and finds where its
    /// content starts. Blank lines are skipped; a line of spaces only, or a comment, is left
    /// to saphyr.
    fn next_line(&mut self) -> Scan {
        debug_assert_eq!(self.byte(self.at), b'\n');
        let mut at = self.at + 1;
        while self.bytes.get(at) == Some(&b'\n') {
            at += 1;
        }
        if at == self.bytes.len() {
            self.at = at;
            self.column = None;
            return Some(());
        }
        let start = at;
        while self.byte(at) == b' ' {
            at += 1;
        }
        if matches!(self.byte(at), b'\n' | b'#') {
            return None;
        }
        self.at = at;
        self.column = Some(at - start);
        Some(())
    }

    fn document(&mut self) -> Scan {
        self.push(TokenKind::StreamStart, 0, 0);
        self.at = 0;
        // As if a line break came before the text.
        let mut at = 0;
        while self.bytes.get(at) == Some(&b'\n') {
            at += 1;
        }
        if self.byte(at) != b'-' {
            return None;
        }
        self.at = at;
        self.column = Some(0);
        self.push(TokenKind::DocumentStart, at, at);
        self.sequence(0, at, false)?;
        if self.column.is_some() {
            return None;
        }
        let end = self.bytes.len();
        self.push(TokenKind::DocumentEnd, end, end);
        self.push(TokenKind::StreamEnd, end, end);
        Some(())
    }

    fn enter(&mut self) -> Scan {
        self.depth += 1;
        (self.depth <= MAX_NESTING).then_some(())
    }

    /// A block list whose `- ` lines are at `column`; its event's span is at `span`.
    /// `indentless`: the list is a mapping value written at the mapping's own column.
    fn sequence(&mut self, column: usize, span: usize, indentless: bool) -> Scan {
        self.enter()?;
        self.push(TokenKind::SequenceStart, span, span);
        loop {
            if !self.at_item() {
                return None;
            }
            self.at += 2;
            self.node_in_line(column + 2)?;
            match self.column {
                Some(next) if next == column && self.at_item() => {}
                Some(next) if next > column => return None,
                Some(next) if next == column && !indentless => return None,
                _ => break,
            }
        }
        self.push(TokenKind::SequenceEnd, self.at, self.at);
        self.depth -= 1;
        Some(())
    }

    /// The end of a key (a word followed by `:` and a space or line break) at `at`.
    fn key_end(&self) -> Option<usize> {
        let word = self.bytes[self.at..]
            .iter()
            .position(|&b| !(b.is_ascii_alphanumeric() || b == b'_'))?;
        let end = self.at + word;
        (word > 0 && self.byte(end) == b':' && matches!(self.byte(end + 1), b' ' | b'\n'))
            .then_some(end)
    }

    /// A node starting at `at`, at `column`, on a line of its own or after `- `.
    fn node_in_line(&mut self, column: usize) -> Scan {
        if self.key_end().is_some() {
            self.mapping(column)
        } else {
            self.value_in_line()
        }
    }

    /// A block mapping whose keys are at `column`, the first at `at`.
    fn mapping(&mut self, column: usize) -> Scan {
        self.enter()?;
        self.push(TokenKind::MappingStart, self.at, self.at);
        loop {
            let end = self.key_end()?;
            self.push(TokenKind::Plain, self.at, end);
            self.at = end + 1;
            if self.byte(self.at) == b' ' {
                self.at += 1;
                self.value_in_line()?;
            } else {
                self.next_line()?;
                match self.column {
                    Some(next) if next > column && self.at_item() => {
                        self.sequence(next, self.at, false)?;
                    }
                    Some(next) if next == column && self.at_item() => {
                        self.sequence(next, self.at + 2, true)?;
                    }
                    Some(next) if next > column && self.key_end().is_some() => {
                        self.mapping(next)?;
                    }
                    // An empty value: left to saphyr, which places its null.
                    _ => return None,
                }
            }
            match self.column {
                Some(next) if next == column => {}
                Some(next) if next > column => return None,
                _ => break,
            }
        }
        self.push(TokenKind::MappingEnd, self.at, self.at);
        self.depth -= 1;
        Some(())
    }

    /// A double-quoted scalar without escapes or line breaks at `at`; `at` moves past it.
    fn double_quoted(&mut self) -> Scan {
        let start = self.at;
        let inner = start + 1;
        let close = inner + memchr::memchr3(b'"', b'\\', b'\n', &self.bytes[inner..])?;
        if self.bytes[close] != b'"' {
            return None;
        }
        self.push(TokenKind::DoubleQuoted, start, close + 1);
        self.at = close + 1;
        Some(())
    }

    /// A value that ends its line: plain, double-quoted, or a flow list of double-quoted
    /// values. Moves to the next line.
    fn value_in_line(&mut self) -> Scan {
        match self.byte(self.at) {
            b'"' => self.double_quoted()?,
            b'[' => {
                self.push(TokenKind::SequenceStart, self.at, self.at + 1);
                self.at += 1;
                if self.byte(self.at) != b']' {
                    loop {
                        if self.byte(self.at) != b'"' {
                            return None;
                        }
                        self.double_quoted()?;
                        if self.byte(self.at) == b']' {
                            break;
                        }
                        if self.byte(self.at) != b',' || self.byte(self.at + 1) != b' ' {
                            return None;
                        }
                        self.at += 2;
                    }
                }
                self.push(TokenKind::SequenceEnd, self.at, self.at + 1);
                self.at += 1;
            }
            first if first.is_ascii_alphanumeric() || first == b'_' || first >= 0x80 => {
                let start = self.at;
                let end = start + memchr::memchr(b'\n', &self.bytes[start..])?;
                let value = &self.bytes[start..end];
                let ends_badly = matches!(value.last(), Some(b' ' | b':'));
                if ends_badly
                    || memchr::memmem::find(value, b": ").is_some()
                    || memchr::memmem::find(value, b" #").is_some()
                {
                    return None;
                }
                self.push(TokenKind::Plain, start, end);
                self.at = end;
            }
            _ => return None,
        }
        if self.byte(self.at) != b'\n' {
            return None;
        }
        self.next_line()
    }
}

#[cfg(test)]
mod tests {
    use super::{scan, Token, TokenKind};
    use saphyr_parser::{Event, Parser, ScalarStyle, StrInput};

    /// saphyr's events as (kind, text, start, end), spans in bytes; `None` if it fails.
    fn saphyr_events(text: &str) -> Option<Vec<(TokenKind, String, usize, usize)>> {
        let bytes_at: Vec<usize> = text
            .char_indices()
            .map(|(at, _)| at)
            .chain([text.len()])
            .collect();
        let mut parser = Parser::new(StrInput::new(text));
        let mut events = Vec::new();
        loop {
            let (event, span) = parser.next_event()?.ok()?;
            let (kind, value) = match event {
                Event::StreamStart => (TokenKind::StreamStart, String::new()),
                Event::DocumentStart(_) => (TokenKind::DocumentStart, String::new()),
                Event::SequenceStart(_, None) => (TokenKind::SequenceStart, String::new()),
                Event::MappingStart(_, None) => (TokenKind::MappingStart, String::new()),
                Event::Scalar(value, ScalarStyle::Plain, _, None) => {
                    (TokenKind::Plain, value.into_owned())
                }
                Event::Scalar(value, ScalarStyle::DoubleQuoted, _, None) => {
                    (TokenKind::DoubleQuoted, value.into_owned())
                }
                Event::SequenceEnd => (TokenKind::SequenceEnd, String::new()),
                Event::MappingEnd => (TokenKind::MappingEnd, String::new()),
                Event::DocumentEnd => (TokenKind::DocumentEnd, String::new()),
                Event::StreamEnd => (TokenKind::StreamEnd, String::new()),
                // Anything else the scanner never gives: it cannot match.
                other => (TokenKind::StreamEnd, format!("{other:?}")),
            };
            let end = kind == TokenKind::StreamEnd;
            let at = |index: usize| bytes_at[index];
            events.push((kind, value, at(span.start.index()), at(span.end.index())));
            if end {
                return Some(events);
            }
        }
    }

    fn scanned_events(text: &str, tokens: &[Token]) -> Vec<(TokenKind, String, usize, usize)> {
        tokens
            .iter()
            .map(|t| {
                let (start, end) = (t.start as usize, t.end as usize);
                let value = match t.kind {
                    TokenKind::Plain => &text[start..end],
                    TokenKind::DoubleQuoted => &text[start + 1..end - 1],
                    _ => "",
                };
                (t.kind, value.to_string(), start, end)
            })
            .collect()
    }

    /// Scans `text`: when the scanner accepts it, saphyr must read it without error and give
    /// the same events with the same spans. Returns whether it was accepted.
    fn same_as_saphyr(text: &str) -> bool {
        let mut tokens = Vec::new();
        if !scan(text, &mut tokens) {
            assert!(tokens.is_empty());
            return false;
        }
        let expected = saphyr_events(text);
        assert_eq!(
            Some(scanned_events(text, &tokens)),
            expected,
            "scanned {text:?}"
        );
        true
    }

    const SAMPLE: &str = "- from: E1\n  type: met\n  to: E2\n  date: \"1948\"\n  evidence:\n    - source: synthetic\n      quote: \"E1 met E2 in Viêng Chăn\"\n\n- id: E10\n  name: Entity 10 Nguyễn\n  aliases: [\"E 10\", \"x\"]\n  empty: []\n  list:\n  - a\n  - b: c\n    d: null\n  sub:\n    e: 12:30\n  last: x\n";

    #[test]
    fn the_subset_reads_as_saphyr_reads_it() {
        assert!(same_as_saphyr(SAMPLE));
        assert!(same_as_saphyr("- a\n- \"b\"\n"));
        assert!(same_as_saphyr("\n\n- a: [\"x\"]\n"));
    }

    #[test]
    fn anything_else_is_left_to_saphyr() {
        let others = [
            "",
            "# comment\n- a\n",
            "- a # comment\n",
            "- a\n",
            "- a: b\n\tc: d\n",
            "- a: \"b\\\"c\"\n",
            "- a: b\n    continued\n",
            "- a:\n- b\n",
            "- a: 'b'\n",
            "- a: &x b\n",
            "- a: *x\n",
            "- a: !!str b\n",
            "- a: |\n    b\n",
            "- a: {b: c}\n",
            "- a: b: c\n",
            "---\n- a\n",
            "- a\n...\n",
            "key: value\n",
            "- a: b",
            "- a: b\r\n",
            "\u{feff}- a\n",
            "- a: [b]\n",
            "- <<: x\n",
            "- a: b \n",
        ];
        for text in others {
            let accepted = same_as_saphyr(text);
            // "- a\n" is in the subset; the rest are not.
            assert_eq!(accepted, text == "- a\n", "{text:?}");
        }
    }

    /// Every one-character change of the sample is either refused or read as saphyr reads
    /// it: the scanner accepts nothing saphyr would read otherwise.
    #[test]
    fn every_small_change_is_refused_or_read_as_saphyr_reads_it() {
        let inserted = [
            ' ', '\n', ':', '#', '-', '"', '[', ']', ',', 'x', '\t', '\\', '\'',
        ];
        let mut accepted = 0;
        let boundaries: Vec<usize> = SAMPLE
            .char_indices()
            .map(|(at, _)| at)
            .chain([SAMPLE.len()])
            .collect();
        for window in boundaries.windows(2) {
            let (at, next) = (window[0], window[1]);
            let deleted = format!("{}{}", &SAMPLE[..at], &SAMPLE[next..]);
            accepted += usize::from(same_as_saphyr(&deleted));
            for c in inserted {
                let changed = format!("{}{c}{}", &SAMPLE[..at], &SAMPLE[at..]);
                accepted += usize::from(same_as_saphyr(&changed));
            }
        }
        assert!(accepted > 500, "{accepted} changed texts were scanned");
    }

    /// The bundled data and every fixture: scanned as saphyr reads it, or left to it.
    #[test]
    fn data_files_read_as_saphyr_reads_them() {
        fn visit(dir: &std::path::Path, texts: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    visit(&path, texts);
                } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                    if let Ok(text) = std::fs::read_to_string(&path) {
                        texts.push(text);
                    }
                }
            }
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut texts = Vec::new();
        visit(&root.join("graph-data"), &mut texts);
        visit(&root.join("tests"), &mut texts);
        assert!(texts.len() > 50, "{}", texts.len());
        let scanned = texts.iter().filter(|text| same_as_saphyr(text)).count();
        // The base fixture and most invalid cases are plain block YAML.
        assert!(scanned > 20, "{scanned} of {} files scanned", texts.len());
    }
}
