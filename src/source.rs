//! The text of every file the dataset was read from, and positions inside it.
//!
//! Stages record where things are as a [`Span`] of byte offsets; only this module turns an
//! offset into a line and column, so nothing after loading ever re-reads a file.

use std::ops::Range;
use std::path::{Path, PathBuf};

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

/// One file: the name shown to users, its text and where its lines start.
#[derive(Debug)]
struct SourceFile {
    name: String,
    text: String,
    /// Byte offset of each line's start; `u32` because files are capped below 4 GiB.
    line_starts: Vec<u32>,
}

impl SourceFile {
    /// 0-based index of the line holding byte `offset`.
    fn line_index(&self, offset: usize) -> usize {
        self.line_starts
            .partition_point(|&start| start as usize <= offset)
            - 1
    }

    /// Byte offset where 0-based line `index` starts.
    fn line_start(&self, index: usize) -> Option<usize> {
        self.line_starts.get(index).map(|&start| start as usize)
    }
}

/// Owns the text of every file read, so diagnostics can quote any of them.
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

impl SourceMap {
    /// Adds a file; `name` is how diagnostics will call it (usually its path as given).
    pub(crate) fn add(&mut self, path: &Path, text: String) -> FileId {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| saturate(i + 1)))
            .collect();
        let id = FileId(u32::try_from(self.files.len()).expect("fewer than 2^32 files"));
        self.files.push(SourceFile {
            name: display_path(path),
            text,
            line_starts,
        });
        id
    }

    pub(crate) fn name(&self, file: FileId) -> &str {
        &self.files[file.0 as usize].name
    }

    pub(crate) fn text(&self, file: FileId) -> &str {
        &self.files[file.0 as usize].text
    }

    /// Byte offset of a 1-based line and a 0-based column counted in characters, the form
    /// the YAML parser reports positions in.
    pub(crate) fn offset_of(&self, file: FileId, line: usize, char_column: usize) -> usize {
        let source = &self.files[file.0 as usize];
        let Some(line_start) = source.line_start(line.saturating_sub(1)) else {
            return source.text.len();
        };
        let line = &source.text[line_start..];
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
            .map_or(source.text.len(), |(offset, _)| line_start + offset)
    }

    /// 0-based index of the line holding byte `offset`.
    pub(crate) fn line_index_of(&self, file: FileId, offset: usize) -> usize {
        self.files[file.0 as usize].line_index(offset)
    }

    /// 1-based line and column of the start of a span.
    pub(crate) fn line_col(&self, span: Span) -> LineCol {
        let source = &self.files[span.file.0 as usize];
        let offset = (span.start as usize).min(source.text.len());
        let line = source.line_index(offset);
        let line_start = source
            .line_start(line)
            .expect("the line holding an offset exists");
        let column = source.text[line_start..offset].chars().count() + 1;
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
        self.files
            .get(id.0 as usize)
            .map(|file| file.text.as_str())
            .ok_or(files::Error::FileMissing)
    }

    fn line_index(&'a self, id: FileId, byte_index: usize) -> Result<usize, files::Error> {
        let file = self
            .files
            .get(id.0 as usize)
            .ok_or(files::Error::FileMissing)?;
        Ok(file.line_index(byte_index))
    }

    fn line_range(&'a self, id: FileId, line_index: usize) -> Result<Range<usize>, files::Error> {
        let file = self
            .files
            .get(id.0 as usize)
            .ok_or(files::Error::FileMissing)?;
        let start = file
            .line_start(line_index)
            .ok_or(files::Error::LineTooLarge {
                given: line_index,
                max: file.line_starts.len() - 1,
            })?;
        let end = file.line_start(line_index + 1).unwrap_or(file.text.len());
        Ok(start..end)
    }
}

#[cfg(test)]
mod tests {
    use super::{LineCol, SourceMap, Span};
    use std::path::Path;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let mut map = SourceMap::default();
        let file = map.add(Path::new("a.yaml"), "- id: x\n  name: Phạm Minh\n".into());
        let offset = map.offset_of(file, 2, 13);
        assert_eq!(&map.text(file)[offset..offset + 4], "Minh");
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
        let mut map = SourceMap::default();
        let file = map.add(Path::new("a.yaml"), "ab".into());
        assert_eq!(map.offset_of(file, 9, 0), 2);
        assert_eq!(map.offset_of(file, 1, 9), 2);
    }
}
