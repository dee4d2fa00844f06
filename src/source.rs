//! The text of every file the dataset was read from, and positions inside it.
//!
//! Stages record where things are as a [`Span`] of byte offsets; only this module turns an
//! offset into a line and column. Large files are parsed in pieces straight from disk and
//! not kept: their text is read again only if a diagnostic points into them.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use codespan_reporting::files::{self, Files};

/// Index of a file in a [`SourceMap`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct FileId(u32);

/// A range of bytes in one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Span {
    pub(crate) file: FileId,
    pub(crate) start: u32,
    pub(crate) end: u32,
}

impl Span {
    pub(crate) fn new(file: FileId, range: Range<usize>) -> Span {
        Span {
            file,
            start: saturate(range.start),
            end: saturate(range.end),
        }
    }

    pub(crate) fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// Offsets are stored as `u32` to keep millions of spans small; files are capped well below
/// 4 GiB by the loader, so saturation never happens on data that was accepted.
fn saturate(offset: usize) -> u32 {
    u32::try_from(offset).unwrap_or(u32::MAX)
}

/// Where the lines of a text start.
#[derive(Debug, Default)]
pub(crate) struct LineTable {
    /// Byte offset of each line's start; `u32` because files are capped below 4 GiB.
    starts: Vec<u32>,
}

impl LineTable {
    pub(crate) fn new(text: &str) -> Self {
        let mut lines = LineTable::default();
        lines.fill(text);
        lines
    }

    /// Makes this the table of `text`, keeping the room it has.
    pub(crate) fn fill(&mut self, text: &str) {
        self.starts.clear();
        self.starts.push(0);
        self.starts
            .extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| saturate(i + 1)));
    }

    /// 0-based index of the line holding byte `offset`.
    fn index(&self, offset: usize) -> usize {
        self.starts
            .partition_point(|&start| start as usize <= offset)
            - 1
    }

    /// Byte offset where 0-based line `index` starts.
    fn start(&self, index: usize) -> Option<usize> {
        self.starts.get(index).map(|&start| start as usize)
    }

    /// Byte offset in `text` (the text this table was made from) of a 1-based line and a
    /// 0-based column counted in characters, the form the YAML parser reports positions in.
    pub(crate) fn offset_of(&self, text: &str, line: usize, char_column: usize) -> usize {
        let Some(line_start) = self.start(line.saturating_sub(1)) else {
            return text.len();
        };
        let line = &text[line_start..];
        // Called twice for every YAML event: most lines start with plain ASCII, where a
        // character column is a byte column.
        if line
            .as_bytes()
            .get(..char_column)
            .is_some_and(<[u8]>::is_ascii)
        {
            return line_start + char_column;
        }
        line.char_indices()
            .nth(char_column)
            .map_or(text.len(), |(offset, _)| line_start + offset)
    }
}

/// A file's text and its lines.
#[derive(Debug)]
struct Text {
    text: String,
    lines: LineTable,
}

impl Text {
    fn new(text: String) -> Self {
        let lines = LineTable::new(&text);
        Text { text, lines }
    }
}

/// One file: the name shown to users, and its text once known.
#[derive(Debug)]
struct SourceFile {
    name: String,
    /// Where to read the text if it was not kept.
    path: PathBuf,
    text: OnceLock<Text>,
}

/// The text of every file read, so diagnostics can quote any of them.
#[derive(Debug, Default)]
pub(crate) struct SourceMap {
    files: Vec<SourceFile>,
}

/// A 1-based line and column (column counted in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LineCol {
    pub(crate) line: usize,
    pub(crate) column: usize,
}

/// The UTF-8 byte order mark, dropped from the start of every file.
pub(crate) const BOM: &[u8] = "\u{feff}".as_bytes();

/// A file's bytes as text. A UTF-8 byte order mark (which editors on Windows write) is
/// dropped, so offsets count from after it. On invalid UTF-8, `Err` holds the valid part and
/// the offset of the first bad byte.
pub(crate) fn decode(mut bytes: Vec<u8>) -> Result<String, (String, usize)> {
    if bytes.starts_with(BOM) {
        bytes.drain(..BOM.len());
    }
    // The bytes become the text without a copy.
    String::from_utf8(bytes).map_err(|error| {
        let offset = error.utf8_error().valid_up_to();
        let mut valid = error.into_bytes();
        valid.truncate(offset);
        let valid = String::from_utf8(valid).expect("valid up to the offset");
        (valid, offset)
    })
}

impl SourceMap {
    /// Adds a file with its text; `path` is how diagnostics will call it.
    #[cfg(test)]
    pub(crate) fn add(&mut self, path: &Path, text: String) -> FileId {
        let id = self.add_unread(path);
        self.set_text(id, text);
        id
    }

    /// Adds a file whose text is read from `path` when something first asks for it.
    pub(crate) fn add_unread(&mut self, path: &Path) -> FileId {
        let id = FileId(u32::try_from(self.files.len()).expect("fewer than 2^32 files"));
        self.files.push(SourceFile {
            name: display_path(path),
            path: path.to_path_buf(),
            text: OnceLock::new(),
        });
        id
    }

    /// Gives a file its text; a file that has one keeps it.
    pub(crate) fn set_text(&self, file: FileId, text: String) {
        let _ = self.files[file.0 as usize].text.set(Text::new(text));
    }

    /// Where every file was read from (the bundled ones have no real path).
    pub(crate) fn paths(&self) -> impl Iterator<Item = &Path> {
        self.files.iter().map(|file| file.path.as_path())
    }

    pub(crate) fn name(&self, file: FileId) -> &str {
        &self.files[file.0 as usize].name
    }

    pub(crate) fn text(&self, file: FileId) -> &str {
        &self.loaded(file).text
    }

    /// The file's text, read now if it was not kept. It was read whole and valid once; if
    /// it has become unreadable since, positions are shown against what is left of it.
    fn loaded(&self, file: FileId) -> &Text {
        let source = &self.files[file.0 as usize];
        source.text.get_or_init(|| {
            let bytes = std::fs::read(&source.path).unwrap_or_default();
            Text::new(decode(bytes).unwrap_or_else(|(valid, _)| valid))
        })
    }

    /// 1-based line and column of the start of a span.
    pub(crate) fn line_col(&self, span: Span) -> LineCol {
        let Text { text, lines } = self.loaded(span.file);
        let offset = (span.start as usize).min(text.len());
        let line = lines.index(offset);
        let line_start = lines
            .start(line)
            .expect("the line holding an offset exists");
        let column = text[line_start..offset].chars().count() + 1;
        LineCol {
            line: line + 1,
            column,
        }
    }
}

/// Paths are shown with `/` on every platform so messages and snapshots agree.
fn display_path(path: &Path) -> String {
    let shown: PathBuf = path.components().collect();
    shown.to_string_lossy().replace('\\', "/")
}

impl<'a> Files<'a> for SourceMap {
    type FileId = FileId;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: FileId) -> Result<&'a str, files::Error> {
        self.files
            .get(id.0 as usize)
            .map(|file| file.name.as_str())
            .ok_or(files::Error::FileMissing)
    }

    fn source(&'a self, id: FileId) -> Result<&'a str, files::Error> {
        Ok(&self.known(id)?.text)
    }

    fn line_index(&'a self, id: FileId, byte_index: usize) -> Result<usize, files::Error> {
        Ok(self.known(id)?.lines.index(byte_index))
    }

    fn line_range(&'a self, id: FileId, line_index: usize) -> Result<Range<usize>, files::Error> {
        let Text { text, lines } = self.known(id)?;
        let start = lines.start(line_index).ok_or(files::Error::LineTooLarge {
            given: line_index,
            max: lines.starts.len() - 1,
        })?;
        let end = lines.start(line_index + 1).unwrap_or(text.len());
        Ok(start..end)
    }
}

impl SourceMap {
    /// The text of a file codespan asks for, which may not be one of ours.
    fn known(&self, id: FileId) -> Result<&Text, files::Error> {
        if id.0 as usize >= self.files.len() {
            return Err(files::Error::FileMissing);
        }
        Ok(self.loaded(id))
    }
}

#[cfg(test)]
mod tests {
    use super::{decode, LineCol, LineTable, SourceMap, Span};
    use std::path::Path;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let mut map = SourceMap::default();
        let file = map.add(Path::new("a.yaml"), "- id: x\n  name: Phạm Minh\n".into());
        let text = map.text(file);
        let offset = LineTable::new(text).offset_of(text, 2, 13);
        assert_eq!(&text[offset..offset + 4], "Minh");
        let span = Span::new(file, offset..offset + 4);
        assert_eq!(
            map.line_col(span),
            LineCol {
                line: 2,
                column: 14
            }
        );
    }

    #[test]
    fn positions_past_the_end_clamp_to_the_end() {
        let lines = LineTable::new("ab");
        assert_eq!(lines.offset_of("ab", 9, 0), 2);
        assert_eq!(lines.offset_of("ab", 1, 9), 2);
    }

    #[test]
    fn an_unread_file_is_read_when_first_needed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.yaml");
        std::fs::write(&path, "\u{feff}- a\n- bé\n").unwrap();
        let mut map = SourceMap::default();
        let file = map.add_unread(&path);
        let span = Span::new(file, 6..8);
        assert_eq!(map.line_col(span), LineCol { line: 2, column: 3 });
        assert_eq!(map.text(file), "- a\n- bé\n");
    }

    #[test]
    fn decoding_drops_the_byte_order_mark_and_locates_bad_bytes() {
        assert_eq!(decode(b"\xef\xbb\xbfab".to_vec()), Ok("ab".to_string()));
        assert_eq!(decode(b"ab\xffc".to_vec()), Err(("ab".to_string(), 2)));
    }
}
