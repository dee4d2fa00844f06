//! A pull reader over saphyr-parser's event stream: the only code that sees YAML events.
//!
//! The typed builders in `load/records.rs` ask it for "a list", "a mapping" or "a text value"
//! and get spans with them. Shape problems (a list where text belongs, a duplicate key, an alias) are
//! recorded as diagnostics and the offending node is skipped, so one run reports every
//! problem in a file. A syntax error ends the file: nothing after it can be trusted.

use std::borrow::Cow;
use std::cell::Cell;

use compact_str::CompactString;
use saphyr_parser::{Event, Parser, ScalarStyle, ScanError};

use crate::diagnostic::Diagnostic;
use crate::load::block_scan::{Token, TokenKind};
use crate::load::error::LoadErrorKind;
use crate::load::input::TextInput;
use crate::source::{FileId, LineTable, Span};

/// Longer than any name, description or quote needs; refused so one runaway value cannot
/// hold the dataset hostage (the parser has read it by then, so memory stays bounded by the
/// file size limit).
pub(crate) const MAX_VALUE_BYTES: usize = 1 << 20;

/// Deeper than any item of the format needs; stops hostile nesting long before it costs
/// memory or stack.
pub(crate) const MAX_DEPTH: usize = 32;

/// The file cannot be read further (syntax error, nesting past [`MAX_DEPTH`], not a list);
/// the diagnostic has been recorded.
#[derive(Debug)]
pub(crate) struct Stop;

pub(crate) type ReadResult<T> = Result<T, Stop>;

/// Byte offset of the first tab in the leading whitespace of a line, if any.
fn first_indentation_tab(text: &str) -> Option<usize> {
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let indentation = line.len() - line.trim_start_matches([' ', '\t']).len();
        if let Some(tab) = line[..indentation].find('\t') {
            return Some(line_start + tab);
        }
        line_start += line.len();
    }
    None
}

/// The tag of a node, written as in the file, unless it is one that changes nothing: `!!str`
/// on a text value, `!!seq` on a list, `!!map` on a mapping. Every other tag (`!!binary`,
/// `!!int`, `!custom`, `!!python/object`) asks for a reading this format does not do; a
/// field reads its value as text, a number or a date by itself.
fn unsupported_tag(event: &Event<'_>) -> Option<String> {
    let (tag, harmless) = match event {
        Event::Scalar(_, _, _, Some(tag)) => (tag, "str"),
        Event::SequenceStart(_, Some(tag)) => (tag, "seq"),
        Event::MappingStart(_, Some(tag)) => (tag, "map"),
        _ => return None,
    };
    Some(if tag.is_yaml_core_schema() {
        if tag.suffix == harmless {
            return None;
        }
        format!("!!{}", tag.suffix)
    } else if tag.handle == "!" {
        format!("!{}", tag.suffix)
    } else {
        format!("!<{}{}>", tag.handle, tag.suffix)
    })
}

/// What a node turned out to be, for "expected X, found Y" messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NodeShape {
    Text,
    List,
    Mapping,
    Alias,
}

impl NodeShape {
    pub(crate) fn describe(self) -> &'static str {
        match self {
            NodeShape::Text => "a text value",
            NodeShape::List => "a list",
            NodeShape::Mapping => "a mapping",
            NodeShape::Alias => "an alias",
        }
    }
}

/// A scalar's text; `None` for an empty or null value (`key:`, `~`, `null`).
pub(crate) type Scalar<'a> = (Option<Cow<'a, str>>, Span);

/// Where the events come from.
enum Events<'a> {
    /// saphyr-parser, reading the text.
    Yaml(Box<Parser<'a, TextInput<'a>>>),
    /// The text scanned already by `block_scan.rs`; the next token to hand out.
    Scanned(&'a [Token], usize),
}

/// The next event as its source gives it.
enum Next<'a> {
    Parsed(Option<Result<(Event<'a>, saphyr_parser::Span), ScanError>>),
    Scanned(Option<Token>),
}

pub(crate) struct Reader<'a> {
    events: Events<'a>,
    peeked: Option<(Event<'a>, Span)>,
    file: FileId,
    /// The text being read: a whole file, or one piece of a large file.
    text: &'a str,
    /// Where `text` starts in its file; positions are reported from the file's start.
    base: usize,
    /// Lines of `text` (the parser counts them from the piece's start).
    lines: &'a LineTable,
    pub(crate) diagnostics: &'a mut Vec<Diagnostic>,
    depth: usize,
    /// Keys of the mappings being read, innermost last, for the duplicate-key check; one
    /// stack for the whole file, as millions of small mappings each with its own list of
    /// keys was a measurable share of loading time. Keys are short and copied inline: the
    /// parser's own copy of a key is gone once it has been handed over.
    keys: Vec<(CompactString, Span)>,
    /// The last position turned into an offset: line, column, offset in `text`.
    last_position: Cell<(usize, usize, usize)>,
}

impl<'a> Reader<'a> {
    /// Reads `text`, found at offset `base` of `file` (at the start of a line); `lines` is
    /// the table of `text`.
    pub(crate) fn new(
        file: FileId,
        text: &'a str,
        base: usize,
        lines: &'a LineTable,
        diagnostics: &'a mut Vec<Diagnostic>,
    ) -> Self {
        Self::with_events(
            Events::Yaml(Box::new(Parser::new(TextInput::new(text)))),
            file,
            text,
            base,
            lines,
            diagnostics,
        )
    }

    /// Reads `text` as [`Reader::new`] does, from its tokens as `block_scan::scan` found
    /// them; `lines` is not read.
    pub(crate) fn scanned(
        file: FileId,
        text: &'a str,
        base: usize,
        tokens: &'a [Token],
        lines: &'a LineTable,
        diagnostics: &'a mut Vec<Diagnostic>,
    ) -> Self {
        Self::with_events(
            Events::Scanned(tokens, 0),
            file,
            text,
            base,
            lines,
            diagnostics,
        )
    }

    fn with_events(
        events: Events<'a>,
        file: FileId,
        text: &'a str,
        base: usize,
        lines: &'a LineTable,
        diagnostics: &'a mut Vec<Diagnostic>,
    ) -> Self {
        Reader {
            events,
            peeked: None,
            file,
            text,
            base,
            lines,
            diagnostics,
            depth: 0,
            keys: Vec::new(),
            last_position: Cell::new((usize::MAX, 0, 0)),
        }
    }

    pub(crate) fn error(&mut self, kind: LoadErrorKind, span: Span) {
        self.diagnostics.push(kind.diagnostic(span));
    }

    /// Offset in the file of a parser position. Positions come in order, so one on the line
    /// of the last is found by walking on from it: finding each from its line's start took
    /// minutes on a file that is one long line (100k aliases in a flow list).
    fn offset(&self, marker: &saphyr_parser::Marker) -> usize {
        let (line, column) = (marker.line(), marker.col());
        let (last_line, last_column, last_offset) = self.last_position.get();
        let offset = if line == last_line && column >= last_column {
            let step = column - last_column;
            let rest = &self.text[last_offset..];
            if rest.as_bytes().get(..step).is_some_and(<[u8]>::is_ascii) {
                last_offset + step
            } else {
                rest.char_indices()
                    .nth(step)
                    .map_or(self.text.len(), |(offset, _)| last_offset + offset)
            }
        } else {
            self.lines.offset_of(self.text, line, column)
        };
        self.last_position.set((line, column, offset));
        self.base + offset
    }

    fn span(&self, yaml_span: saphyr_parser::Span) -> Span {
        Span::new(
            self.file,
            self.offset(&yaml_span.start)..self.offset(&yaml_span.end),
        )
    }

    /// Reports a syntax error. A tab in the indentation of the lines up to the error is the
    /// usual cause of several of saphyr's messages, which then point elsewhere; that tab is
    /// reported instead, where it is.
    fn syntax_error(&mut self, error: &ScanError) -> Stop {
        let marker = error.marker();
        let text = self.text;
        let error_line_end = text
            .split_inclusive('\n')
            .take(marker.line() + 1)
            .map(str::len)
            .sum::<usize>();
        if let Some(tab) = first_indentation_tab(&text[..error_line_end]) {
            let offset = self.base + tab;
            self.error(
                LoadErrorKind::TabIndentation,
                Span::new(self.file, offset..offset + 1),
            );
            return Stop;
        }
        let offset = self.offset(marker);
        let span = Span::new(self.file, offset..offset);
        self.error(LoadErrorKind::Syntax(error.info().to_string()), span);
        Stop
    }

    fn next(&mut self) -> ReadResult<(Event<'a>, Span)> {
        if let Some(event) = self.peeked.take() {
            return Ok(event);
        }
        let next = match &mut self.events {
            Events::Yaml(parser) => Next::Parsed(parser.next_event()),
            Events::Scanned(tokens, next) => {
                *next += 1;
                Next::Scanned(tokens.get(*next - 1).copied())
            }
        };
        let next = match next {
            Next::Parsed(next) => {
                next.map(|next| next.map(|(event, span)| (event, self.span(span))))
            }
            Next::Scanned(token) => token.map(|token| Ok(self.event(token))),
        };
        match next {
            Some(Ok((event, span))) => {
                if let Event::Scalar(text, ..) = &event {
                    if text.len() > MAX_VALUE_BYTES {
                        let kind = LoadErrorKind::ValueTooLarge {
                            size: text.len(),
                            limit: MAX_VALUE_BYTES,
                        };
                        self.error(kind, span);
                    }
                }
                if let Some(tag) = unsupported_tag(&event) {
                    self.error(LoadErrorKind::Tag { tag }, span);
                }
                Ok((event, span))
            }
            Some(Err(error)) => Err(self.syntax_error(&error)),
            None => Ok((Event::StreamEnd, self.end_of_file())),
        }
    }

    /// The event and span of a scanned token.
    fn event(&self, token: Token) -> (Event<'a>, Span) {
        let (start, end) = (token.start as usize, token.end as usize);
        let text = self.text;
        let event = match token.kind {
            TokenKind::StreamStart => Event::StreamStart,
            TokenKind::DocumentStart => Event::DocumentStart(false),
            TokenKind::SequenceStart => Event::SequenceStart(0, None),
            TokenKind::MappingStart => Event::MappingStart(0, None),
            TokenKind::Plain => Event::Scalar(
                Cow::Borrowed(&text[start..end]),
                ScalarStyle::Plain,
                0,
                None,
            ),
            TokenKind::DoubleQuoted => Event::Scalar(
                Cow::Borrowed(&text[start + 1..end - 1]),
                ScalarStyle::DoubleQuoted,
                0,
                None,
            ),
            TokenKind::SequenceEnd => Event::SequenceEnd,
            TokenKind::MappingEnd => Event::MappingEnd,
            TokenKind::DocumentEnd => Event::DocumentEnd,
            TokenKind::StreamEnd => Event::StreamEnd,
        };
        let span = Span::new(self.file, self.base + start..self.base + end);
        (event, span)
    }

    fn peek(&mut self) -> ReadResult<&(Event<'a>, Span)> {
        if self.peeked.is_none() {
            let event = self.next()?;
            self.peeked = Some(event);
        }
        Ok(self.peeked.as_ref().expect("just filled"))
    }

    fn end_of_file(&self) -> Span {
        let end = self.base + self.text.len();
        Span::new(self.file, end..end)
    }

    /// Reads a whole file that must hold one list; calls `item` for each element. An empty
    /// file (or one holding only comments) is an empty list.
    pub(crate) fn document_list(
        &mut self,
        mut item: impl FnMut(&mut Self) -> ReadResult<()>,
    ) -> ReadResult<()> {
        self.expect_stream_start()?;
        match self.peek()?.0 {
            Event::StreamEnd => return Ok(()),
            _ => self.expect_document_start()?,
        }
        // A file that is not a list had nothing read from it: as good as cut short.
        if self.list(&mut item)?.is_none() {
            return Err(Stop);
        }
        self.expect_document_end()
    }

    /// Reads a whole file that must hold one mapping; calls `entry` for each key.
    pub(crate) fn document_mapping(
        &mut self,
        mut entry: impl FnMut(&mut Self, &str, Span) -> ReadResult<()>,
    ) -> ReadResult<Option<Span>> {
        self.expect_stream_start()?;
        if matches!(self.peek()?.0, Event::StreamEnd) {
            return Ok(None);
        }
        self.expect_document_start()?;
        let span = self.mapping(&mut entry)?;
        self.expect_document_end()?;
        Ok(span)
    }

    fn expect_stream_start(&mut self) -> ReadResult<()> {
        let (event, _) = self.next()?;
        debug_assert!(matches!(event, Event::StreamStart));
        Ok(())
    }

    fn expect_document_start(&mut self) -> ReadResult<()> {
        let (_, _) = self.next()?;
        Ok(())
    }

    /// After the one document: only the end of the stream may follow.
    fn expect_document_end(&mut self) -> ReadResult<()> {
        loop {
            let (event, span) = self.next()?;
            match event {
                Event::DocumentEnd => continue,
                Event::StreamEnd => return Ok(()),
                _ => {
                    self.error(LoadErrorKind::SecondDocument, span);
                    return Err(Stop);
                }
            }
        }
    }

    /// Reads one node that should be a list, calling `item` per element. Anything else is
    /// reported, skipped, and `None` returned.
    pub(crate) fn list(
        &mut self,
        item: &mut dyn FnMut(&mut Self) -> ReadResult<()>,
    ) -> ReadResult<Option<Span>> {
        let (event, span) = self.next()?;
        if !matches!(event, Event::SequenceStart(..)) {
            return self.unexpected(event, span, NodeShape::List).map(|()| None);
        }
        self.enter(span)?;
        loop {
            if matches!(self.peek()?.0, Event::SequenceEnd) {
                self.next()?;
                break;
            }
            item(self)?;
        }
        self.depth -= 1;
        Ok(Some(span))
    }

    /// Reads one node that should be a mapping, calling `entry` with each key; `entry` must
    /// read (or skip) exactly one value. Duplicate keys are reported and their values skipped.
    pub(crate) fn mapping(
        &mut self,
        entry: &mut dyn FnMut(&mut Self, &str, Span) -> ReadResult<()>,
    ) -> ReadResult<Option<Span>> {
        let (event, span) = self.next()?;
        if !matches!(event, Event::MappingStart(..)) {
            return self
                .unexpected(event, span, NodeShape::Mapping)
                .map(|()| None);
        }
        self.enter(span)?;
        let first_key = self.keys.len();
        loop {
            let (event, key_span) = self.next()?;
            let key = match event {
                Event::MappingEnd => break,
                Event::Scalar(text, ..) => text,
                other => {
                    self.unexpected(other, key_span, NodeShape::Text)?;
                    self.skip()?;
                    continue;
                }
            };
            if let Some((_, first)) = self.keys[first_key..].iter().find(|(name, _)| *name == key) {
                let first = *first;
                self.error(
                    LoadErrorKind::DuplicateKey {
                        key: key.to_string(),
                        first,
                    },
                    key_span,
                );
                self.skip()?;
                continue;
            }
            self.keys.push((CompactString::from(&*key), key_span));
            entry(self, &key, key_span)?;
        }
        self.keys.truncate(first_key);
        self.depth -= 1;
        Ok(Some(span))
    }

    /// The span of the value of `key` in the first mapping of the text, which may be an
    /// item of lists that start on its first line (`- from: ...`); `None` when not written.
    /// Reading stops there, so what follows the mapping does not matter.
    pub(crate) fn value_span(&mut self, key: &str) -> Option<Span> {
        let mut found = None;
        // The search ends with `Err(Stop)` once the value is found (or at any problem).
        let _ = self.skip_to_first_mapping().and_then(|()| {
            self.mapping(&mut |r, name, _| {
                if name != key {
                    return r.skip();
                }
                found = Some(r.next()?.1);
                Err(Stop)
            })
        });
        found
    }

    /// Reads up to the first mapping of the document, past the lists it is an item of.
    fn skip_to_first_mapping(&mut self) -> ReadResult<()> {
        self.expect_stream_start()?;
        self.expect_document_start()?;
        while matches!(self.peek()?.0, Event::SequenceStart(..)) {
            self.next()?;
        }
        Ok(())
    }

    /// Reads one node that should be a scalar.
    pub(crate) fn scalar(&mut self) -> ReadResult<Option<Scalar<'a>>> {
        let (event, span) = self.next()?;
        match event {
            Event::Scalar(text, style, ..) => {
                let null = style == ScalarStyle::Plain
                    && matches!(text.as_ref(), "" | "~" | "null" | "Null" | "NULL");
                Ok(Some((if null { None } else { Some(text) }, span)))
            }
            other => self.unexpected(other, span, NodeShape::Text).map(|()| None),
        }
    }

    /// Reports a node of the wrong shape and skips the rest of it.
    fn unexpected(&mut self, event: Event<'a>, span: Span, expected: NodeShape) -> ReadResult<()> {
        let found = match event {
            Event::Scalar(..) => NodeShape::Text,
            Event::SequenceStart(..) => NodeShape::List,
            Event::MappingStart(..) => NodeShape::Mapping,
            Event::Alias(..) => NodeShape::Alias,
            _ => {
                // Structure events where a node belongs cannot come from a valid parse; treat
                // them as the end of what we can read.
                self.error(
                    LoadErrorKind::Syntax("unexpected end of a collection".into()),
                    span,
                );
                return Err(Stop);
            }
        };
        if found == NodeShape::Alias {
            self.error(LoadErrorKind::Alias, span);
        } else {
            self.error(LoadErrorKind::Shape { expected, found }, span);
        }
        if matches!(found, NodeShape::List | NodeShape::Mapping) {
            self.enter(span)?;
            self.skip_until_closed()?;
        }
        Ok(())
    }

    /// Skips one whole node.
    pub(crate) fn skip(&mut self) -> ReadResult<()> {
        let (event, span) = self.next()?;
        if matches!(event, Event::SequenceStart(..) | Event::MappingStart(..)) {
            self.enter(span)?;
            self.skip_until_closed()?;
        } else if matches!(event, Event::Alias(..)) {
            self.error(LoadErrorKind::Alias, span);
        }
        Ok(())
    }

    /// Skips the value of a merge key (`<<`), reported already: an alias there is part of
    /// that one mistake.
    pub(crate) fn skip_merged(&mut self) -> ReadResult<()> {
        if matches!(self.peek()?.0, Event::Alias(..)) {
            self.next()?;
            return Ok(());
        }
        self.skip()
    }

    /// Skips events until the collection entered last is closed.
    fn skip_until_closed(&mut self) -> ReadResult<()> {
        let target = self.depth - 1;
        while self.depth > target {
            let (event, span) = self.next()?;
            match event {
                Event::SequenceStart(..) | Event::MappingStart(..) => self.enter(span)?,
                Event::SequenceEnd | Event::MappingEnd => self.depth -= 1,
                Event::Alias(..) => self.error(LoadErrorKind::Alias, span),
                Event::StreamEnd => return Err(Stop),
                _ => {}
            }
        }
        Ok(())
    }

    fn enter(&mut self, span: Span) -> ReadResult<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            self.error(LoadErrorKind::TooDeep { limit: MAX_DEPTH }, span);
            return Err(Stop);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::first_indentation_tab;

    #[test]
    fn tabs_are_found_only_in_indentation() {
        assert_eq!(first_indentation_tab("- id: x\n\tname: y\n"), Some(8));
        assert_eq!(first_indentation_tab("- id: x\n  \tname: y\n"), Some(10));
        assert_eq!(first_indentation_tab("- id: x\tname\n"), None);
    }
}
