//! YAML text -> model, keeping a span for every item and for the fields diagnostics point at
//! (a relation's or an evidence item's fields are found again from the item: [`field_span`]).
//! The only stage that touches YAML (through `load/reader.rs`).
//!
//! A data folder holds `schema.yaml`, `sources.yaml`, and any number of `*.yaml` (or `*.yml`)
//! files under `entities/` and `relations/`, read in name order. Other files in those folders
//! are ignored, so a curator may keep a README or notes beside the data. Loading never stops at
//! the first problem: shape and field errors are collected and the rest of the file is read.
//!
//! Files are parsed on every core. Entity and relation files over [`PIECE_BYTES`] are read
//! from disk in pieces (cut at top-level `- ` lines) as the parser threads ask for them, and
//! their text is not kept; results are put back in file order, so the dataset and its
//! diagnostics are the same as a plain sequential read's.

mod input;
mod reader;

pub(crate) use reader::{MAX_DEPTH, MAX_VALUE_BYTES};

use std::borrow::Cow;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use include_dir::{include_dir, Dir};

use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::model::{
    Dataset, Date, DateError, Entity, EntityId, Evidence, EvidenceList, KindDef, KindId, Relation,
    RelationDetails, RelationType, RelationTypeDef, Schema, Source, Spanned,
};
use crate::source::{decode, FileId, LineTable, SourceMap, Span, BOM};
use compact_str::CompactString;
use reader::{NodeShape, ReadResult, Reader};

/// The dataset shipped inside the binary, so an installed `vnla-graph` works from any folder.
static BUNDLED: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/graph-data");

/// Files larger than this are refused before reading: the 1M-relation benchmark dataset is
/// about 165 MB in one file, and nothing legitimate is near this.
pub(crate) const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

/// Problems found while reading YAML into the model.
#[derive(Debug, Clone, thiserror::Error)]
pub(crate) enum LoadErrorKind {
    #[error("invalid YAML: {0}")]
    Syntax(String),
    #[error("a second YAML document in one file")]
    SecondDocument,
    #[error("YAML aliases (`*name`) are not supported")]
    Alias,
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
            LoadErrorKind::Alias => "VG003",
            LoadErrorKind::TooDeep { .. } => "VG004",
            LoadErrorKind::NotUtf8 { .. } => "VG005",
            LoadErrorKind::TooLarge { .. } => "VG006",
            LoadErrorKind::ValueTooLarge { .. } => "VG007",
            LoadErrorKind::TabIndentation => "VG008",
            LoadErrorKind::Shape { .. } => "VG010",
            LoadErrorKind::DuplicateKey { .. } => "VG011",
            LoadErrorKind::MissingField { .. } => "VG012",
            LoadErrorKind::UnknownField { .. } => "VG013",
            LoadErrorKind::EmptyValue { .. } => "VG014",
            LoadErrorKind::InvalidValue { .. } => "VG015",
            LoadErrorKind::Date { .. } => "VG016",
        }
    }

    pub(crate) fn diagnostic(self, span: Span) -> Diagnostic {
        let diagnostic = Diagnostic::error(self.code(), self.to_string(), span);
        match self {
            LoadErrorKind::Syntax(_) => diagnostic.with_note("fix the YAML syntax here; nothing after it in this file was read"),
            LoadErrorKind::SecondDocument => diagnostic.with_note("remove the `---` line: each file holds one list"),
            LoadErrorKind::Alias => diagnostic.with_note("write the value out in full; anchors and aliases are refused so a file cannot expand without bound"),
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

/// Where the data comes from.
#[derive(Debug, Clone)]
pub(crate) enum DataLocation {
    Folder(PathBuf),
    Bundled,
}

/// A dataset and every problem found while reading it.
#[derive(Debug)]
pub(crate) struct Loaded {
    pub(crate) dataset: Dataset,
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// Ids of entities that were written but could not be read whole. Validation treats
    /// them as known, so one broken entity is reported once, not at every reference.
    pub(crate) incomplete_ids: Vec<EntityId>,
    /// Some file could not be read to its end (syntax error, wrong encoding, too large, not a
    /// list): the ids written in the unread part are unknown, so references are not checked.
    pub(crate) cut_short: bool,
}

/// Reads a whole data folder (or the bundled copy). I/O failures that leave nothing to point
/// at are `Err`; everything wrong inside a file is a diagnostic in [`Loaded`].
pub(crate) fn load(location: &DataLocation) -> Result<Loaded, Error> {
    let files = match location {
        DataLocation::Folder(root) => files_on_disk(root)?,
        DataLocation::Bundled => bundled_files(),
    };
    let origin = match location {
        DataLocation::Folder(root) => root.display().to_string(),
        DataLocation::Bundled => "bundled dataset".to_string(),
    };
    let mut dataset = Dataset {
        origin,
        ..Dataset::default()
    };
    let mut diagnostics = Vec::new();
    let mut jobs = Vec::new();
    // A file that is too large or not UTF-8 is not read at all.
    let mut cut_short = false;
    for file in files {
        let id = dataset.files.add_unread(&file.path);
        let text = match file.content {
            Content::Bytes(bytes) => {
                if !accept_text(&dataset.files, id, bytes, &mut diagnostics) {
                    cut_short = true;
                    continue;
                }
                JobText::Kept
            }
            Content::TooLarge(size) => {
                // Empty, so showing the diagnostic never reads the file.
                dataset.files.set_text(id, String::new());
                let kind = LoadErrorKind::TooLarge {
                    size,
                    limit: MAX_FILE_BYTES,
                };
                diagnostics.push(kind.diagnostic(Span::new(id, 0..0)));
                cut_short = true;
                continue;
            }
            Content::Streamed => JobText::Streamed(file.path),
        };
        jobs.push(Job {
            file: id,
            section: file.section,
            text,
        });
    }
    let mut incomplete_ids = Vec::new();
    let parsed_jobs = parse_all(&dataset.files, &jobs, PIECE_BYTES, &mut diagnostics)?;
    // Exact capacity: growing by doubling would hold two copies of a million relations.
    dataset
        .entities
        .reserve_exact(parsed_jobs.iter().map(|p| p.entities.len()).sum());
    dataset
        .relations
        .reserve_exact(parsed_jobs.iter().map(|p| p.relations.len()).sum());
    for parsed in parsed_jobs {
        dataset.schema.kinds.extend(parsed.schema.kinds);
        dataset
            .schema
            .relation_types
            .extend(parsed.schema.relation_types);
        dataset.sources.extend(parsed.sources);
        dataset.entities.extend(parsed.entities);
        dataset.relations.extend(parsed.relations);
        diagnostics.extend(parsed.diagnostics);
        incomplete_ids.extend(parsed.incomplete_ids);
        cut_short |= parsed.cut_short;
    }
    dataset.schema.index();
    Ok(Loaded {
        dataset,
        diagnostics,
        incomplete_ids,
        cut_short,
    })
}

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

/// Entity and relation files larger than this are read from disk in pieces of about this
/// size and parsed on every core as they are read: YAML parsing is most of the time spent
/// loading, one large file is the common case for generated data, and a file read this way
/// is never held whole in memory.
const PIECE_BYTES: usize = 4 << 20;

/// One file to parse.
struct Job {
    file: FileId,
    section: Section,
    text: JobText,
}

enum JobText {
    /// The text is in the source map.
    Kept,
    /// Read in pieces from this path while parsing.
    Streamed(PathBuf),
}

/// What one file, or one piece of a file, held.
#[derive(Default)]
struct Parsed {
    schema: Schema,
    sources: Vec<Source>,
    entities: Vec<Entity>,
    relations: Vec<Relation>,
    diagnostics: Vec<Diagnostic>,
    incomplete_ids: Vec<EntityId>,
    cut_short: bool,
}

/// Reads a list file in pieces of about `size` bytes, each ending just before a top-level
/// `- ` item (a line beginning with `-` then a space or the end of the line). Items of this
/// format are indented inside their `- `, so such a line always starts a new item.
struct Pieces<R> {
    source: R,
    /// Read but not yet handed out; starts at `offset` in the text.
    buffer: Vec<u8>,
    offset: usize,
    size: usize,
    at_start: bool,
    at_end: bool,
}

impl<R: Read> Pieces<R> {
    /// `buffer` is room to reuse (see [`Pieces::next_piece`]).
    fn new(source: R, size: usize, buffer: Vec<u8>) -> Self {
        Pieces {
            source,
            buffer,
            offset: 0,
            size: size.max(1),
            at_start: true,
            at_end: false,
        }
    }

    /// Puts the next piece into `piece` and returns its offset in the text (which, as in
    /// [`decode`], starts after a byte order mark); `None` at the end. Buffers are reused:
    /// a fresh 4 MB allocation per piece made every small allocation after it slower.
    fn next_piece(&mut self, piece: &mut Vec<u8>) -> io::Result<Option<usize>> {
        loop {
            let cut = next_item_start(&self.buffer, self.size.min(self.buffer.len()))
                // A cut must see the character after its `-`, which may not be read yet.
                .filter(|&cut| self.at_end || cut + 1 < self.buffer.len())
                .filter(|&cut| cut > 0)
                .or((self.at_end && !self.buffer.is_empty()).then_some(self.buffer.len()));
            if let Some(cut) = cut {
                piece.clear();
                piece.extend_from_slice(&self.buffer[..cut]);
                self.buffer.drain(..cut);
                let offset = self.offset;
                self.offset += cut;
                return Ok(Some(offset));
            }
            if self.at_end {
                return Ok(None);
            }
            let read = (&mut self.source)
                .take(self.size as u64)
                .read_to_end(&mut self.buffer)?;
            self.at_end = read == 0;
            if self.at_start && (self.at_end || self.buffer.len() >= BOM.len()) {
                self.at_start = false;
                if self.buffer.starts_with(BOM) {
                    self.buffer.drain(..BOM.len());
                }
            }
        }
    }
}

fn next_item_start(bytes: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    while let Some(newline) = bytes[at..].iter().position(|&b| b == b'\n') {
        let line = at + newline + 1;
        if bytes.get(line) == Some(&b'-')
            && matches!(bytes.get(line + 1), Some(b' ' | b'\n' | b'\r') | None)
        {
            return Some(line);
        }
        at = line;
    }
    None
}

/// What a worker does next.
enum Task {
    /// Parse a file whose text is in the source map.
    Kept(usize),
    /// Parse piece `number` of a streamed file, now in the worker's buffer, found at
    /// `offset`; `None` if it could not be read.
    Piece {
        job: usize,
        number: usize,
        offset: Option<usize>,
    },
}

/// Hands out work to the parser threads in job order, reading streamed files piece by piece.
struct Queue<'j> {
    jobs: &'j [Job],
    piece_bytes: usize,
    next_job: usize,
    /// The streamed file being cut, with the number of its next piece.
    current: Option<(usize, Pieces<fs::File>, usize)>,
    /// The read buffer of the last streamed file, for the next one.
    spare: Vec<u8>,
}

impl Queue<'_> {
    fn finish_file(&mut self) {
        if let Some((_, pieces, _)) = self.current.take() {
            self.spare = pieces.buffer;
            self.spare.clear();
        }
    }

    /// The next task; a piece to parse is put into `piece`.
    fn next_task(&mut self, piece: &mut Vec<u8>) -> Option<Task> {
        loop {
            if let Some((job, pieces, number)) = &mut self.current {
                let (job, number_now) = (*job, *number);
                *number += 1;
                let offset = match pieces.next_piece(piece) {
                    Ok(Some(offset)) => Some(offset),
                    Ok(None) => {
                        self.finish_file();
                        continue;
                    }
                    Err(_) => {
                        self.finish_file();
                        None
                    }
                };
                return Some(Task::Piece {
                    job,
                    number: number_now,
                    offset,
                });
            }
            let job = self.next_job;
            self.next_job += 1;
            match &self.jobs.get(job)?.text {
                JobText::Kept => return Some(Task::Kept(job)),
                JobText::Streamed(path) => match fs::File::open(path) {
                    Ok(file) => {
                        let buffer = std::mem::take(&mut self.spare);
                        let pieces = Pieces::new(file, self.piece_bytes, buffer);
                        self.current = Some((job, pieces, 0));
                    }
                    Err(_) => {
                        return Some(Task::Piece {
                            job,
                            number: 0,
                            offset: None,
                        })
                    }
                },
            }
        }
    }
}

/// One finished task: job, piece number, what was read (`None`: read the file whole).
type Done = (usize, usize, Option<Parsed>);

/// Parses every job on all cores and returns the results in job order, so the dataset is the
/// same whatever the scheduling. A streamed file whose pieces reported any problem (or could
/// not be read as text) is read again whole, so its diagnostics are exactly those of a plain
/// sequential read, and its text is kept for them.
fn parse_all(
    files: &SourceMap,
    jobs: &[Job],
    piece_bytes: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Vec<Parsed>, Error> {
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let queue = Mutex::new(Queue {
        jobs,
        piece_bytes,
        next_job: 0,
        current: None,
        spare: Vec::new(),
    });
    let work = || {
        let mut done: Vec<Done> = Vec::new();
        // Reused from piece to piece: with a fresh multi-megabyte buffer and line table per
        // piece, glibc raised its threshold for serving allocations from the kernel, and the
        // parsed relations then stayed in memory twice over while being merged (measured at
        // 1M relations: 3.9 -> 5.7 s, 533 -> 760 MB).
        let (mut piece, mut lines) = (Vec::new(), LineTable::default());
        loop {
            let next = queue
                .lock()
                .expect("a parser thread panicked")
                .next_task(&mut piece);
            let Some(task) = next else {
                break done;
            };
            done.push(match task {
                Task::Kept(job) => {
                    let text = files.text(jobs[job].file);
                    (job, 0, Some(parse(&jobs[job], text, 0, &mut lines)))
                }
                Task::Piece {
                    job,
                    number,
                    offset,
                } => (
                    job,
                    number,
                    offset
                        .zip(std::str::from_utf8(&piece).ok())
                        .map(|(offset, text)| parse(&jobs[job], text, offset, &mut lines)),
                ),
            });
        }
    };
    let mut done: Vec<Done> = if threads <= 1 {
        work()
    } else {
        std::thread::scope(|scope| {
            let workers: Vec<_> = (0..threads).map(|_| scope.spawn(work)).collect();
            workers
                .into_iter()
                .flat_map(|worker| worker.join().expect("a parser thread panicked"))
                .collect()
        })
    };
    done.sort_unstable_by_key(|&(job, number, _)| (job, number));
    let mut results = Vec::with_capacity(done.len());
    let mut done = done.into_iter().peekable();
    while let Some((job, _, first)) = done.next() {
        let mut pieces = vec![first];
        while let Some((_, _, next)) = done.next_if(|&(next_job, _, _)| next_job == job) {
            pieces.push(next);
        }
        let whole_read_needed = pieces
            .iter()
            .any(|piece| piece.as_ref().is_none_or(|p| !p.diagnostics.is_empty()));
        match (&jobs[job].text, whole_read_needed) {
            (JobText::Streamed(path), true) => {
                results.push(read_whole(files, &jobs[job], path, diagnostics)?);
            }
            _ => results.extend(pieces.into_iter().flatten()),
        }
    }
    Ok(results)
}

/// Reads and parses a streamed file whole, keeping its text for the diagnostics.
fn read_whole(
    files: &SourceMap,
    job: &Job,
    path: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Parsed, Error> {
    let Content::Bytes(bytes) = content(path, usize::MAX)? else {
        return Err(Error::Io {
            path: path.to_path_buf(),
            source: io::Error::other("grew past the size limit while being read"),
        });
    };
    if !accept_text(files, job.file, bytes, diagnostics) {
        return Ok(Parsed {
            cut_short: true,
            ..Parsed::default()
        });
    }
    let text = files.text(job.file);
    Ok(parse(job, text, 0, &mut LineTable::default()))
}

/// Parses `text`, found at `offset` in the job's file; `lines` is room for its line table.
fn parse(job: &Job, text: &str, offset: usize, lines: &mut LineTable) -> Parsed {
    lines.fill(text);
    let mut parsed = Parsed::default();
    let Parsed {
        schema,
        sources,
        entities,
        relations,
        diagnostics,
        incomplete_ids,
        cut_short,
    } = &mut parsed;
    let mut reader = Reader::new(job.file, text, offset, lines, diagnostics);
    // A `Stop` has been reported already; what was read before it is kept.
    let read = match job.section {
        Section::Schema => read_schema(&mut reader, schema),
        Section::Sources => reader.document_list(|r| {
            sources.extend(read_source(r)?);
            Ok(())
        }),
        Section::Entities => reader.document_list(|r| {
            entities.extend(read_entity(r, incomplete_ids)?);
            Ok(())
        }),
        Section::Relations => reader.document_list(|r| {
            relations.extend(read_relation(r)?);
            Ok(())
        }),
    };
    *cut_short = read.is_err();
    parsed
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Schema,
    Sources,
    Entities,
    Relations,
}

/// A file as found, before it is known to be text.
struct RawFile {
    path: PathBuf,
    section: Section,
    content: Content,
}

enum Content {
    Bytes(Vec<u8>),
    /// Over [`MAX_FILE_BYTES`]: refused unread.
    TooLarge(u64),
    /// An entity or relation file over [`PIECE_BYTES`]: read in pieces while parsing.
    Streamed,
}

fn is_yaml(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml")
    )
}

fn files_on_disk(root: &Path) -> Result<Vec<RawFile>, Error> {
    if !root.is_dir() {
        return Err(Error::DataNotFound(root.to_path_buf()));
    }
    let mut files = Vec::new();
    for (name, section) in [
        ("schema.yaml", Section::Schema),
        ("sources.yaml", Section::Sources),
    ] {
        let path = root.join(name);
        files.push(RawFile {
            content: content(&path, usize::MAX)?,
            path,
            section,
        });
    }
    for (folder, section) in [
        ("entities", Section::Entities),
        ("relations", Section::Relations),
    ] {
        let dir = root.join(folder);
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(error) if error.kind() == io::ErrorKind::NotFound => continue,
            Err(source) => return Err(Error::Io { path: dir, source }),
        };
        let mut paths = Vec::new();
        for entry in entries {
            let path = entry
                .map_err(|source| Error::Io {
                    path: dir.clone(),
                    source,
                })?
                .path();
            if is_yaml(&path) {
                paths.push(path);
            }
        }
        paths.sort();
        for path in paths {
            files.push(RawFile {
                content: content(&path, PIECE_BYTES)?,
                path,
                section,
            });
        }
    }
    Ok(files)
}

/// What to do with a file: read it now, unless it is over [`MAX_FILE_BYTES`] (refused
/// unread) or over `stream_above` bytes (read in pieces while parsing).
fn content(path: &Path, stream_above: usize) -> Result<Content, Error> {
    let io_error = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let size = fs::metadata(path).map_err(io_error)?.len();
    Ok(if size > MAX_FILE_BYTES {
        Content::TooLarge(size)
    } else if size > stream_above as u64 {
        Content::Streamed
    } else {
        Content::Bytes(fs::read(path).map_err(io_error)?)
    })
}

fn bundled_files() -> Vec<RawFile> {
    let root = Path::new("<bundled>");
    let mut files: Vec<RawFile> = [
        ("schema.yaml", Section::Schema),
        ("sources.yaml", Section::Sources),
    ]
    .into_iter()
    .filter_map(|(name, section)| {
        BUNDLED.get_file(name).map(|file| RawFile {
            path: root.join(name),
            section,
            content: Content::Bytes(file.contents().to_vec()),
        })
    })
    .collect();
    for (folder, section) in [
        ("entities", Section::Entities),
        ("relations", Section::Relations),
    ] {
        let Some(dir) = BUNDLED.get_dir(folder) else {
            continue;
        };
        let mut entries: Vec<_> = dir.files().filter(|file| is_yaml(file.path())).collect();
        entries.sort_by_key(|file| file.path());
        files.extend(entries.into_iter().map(|file| RawFile {
            path: root.join(file.path()),
            section,
            content: Content::Bytes(file.contents().to_vec()),
        }));
    }
    files
}

/// Gives a file its text. A file that is not UTF-8 keeps the part that is (so the
/// diagnostic can show it), is reported, and `false` is returned: it is not read.
fn accept_text(
    files: &SourceMap,
    file: FileId,
    bytes: Vec<u8>,
    diagnostics: &mut Vec<Diagnostic>,
) -> bool {
    match decode(bytes) {
        Ok(text) => {
            files.set_text(file, text);
            true
        }
        Err((valid, offset)) => {
            files.set_text(file, valid);
            let kind = LoadErrorKind::NotUtf8 { offset };
            diagnostics.push(kind.diagnostic(Span::new(file, offset..offset)));
            false
        }
    }
}

/// Records which of an item's fields were written, so "missing" is told apart from "empty".
#[derive(Default)]
struct Present(u32);

impl Present {
    fn mark(&mut self, fields: &[&str], key: &str) {
        if let Some(index) = fields.iter().position(|field| *field == key) {
            self.0 |= 1 << index;
        }
    }

    fn has(&self, fields: &[&str], key: &str) -> bool {
        fields
            .iter()
            .position(|field| *field == key)
            .is_some_and(|index| self.0 & (1 << index) != 0)
    }
}

/// One item (a mapping) being read: which fields it has, for the required-field check.
struct Item {
    name: &'static str,
    fields: &'static [&'static str],
    present: Present,
    /// Fields that an unknown key was probably a typo of (`form` for `from`): already
    /// reported with the typo, so not reported again as missing.
    meant: Present,
}

impl Item {
    fn new(name: &'static str, fields: &'static [&'static str]) -> Self {
        Item {
            name,
            fields,
            present: Present::default(),
            meant: Present::default(),
        }
    }

    /// Reports a field that was never written. An empty one was reported when read.
    fn require<T>(
        &self,
        reader: &mut Reader<'_>,
        value: Option<T>,
        field: &'static str,
        span: Span,
    ) -> Option<T> {
        if value.is_none()
            && !self.present.has(self.fields, field)
            && !self.meant.has(self.fields, field)
        {
            let kind = LoadErrorKind::MissingField {
                field,
                item: self.name,
                expected: self.fields,
            };
            reader.error(kind, span);
        }
        value
    }

    fn unknown(&mut self, reader: &mut Reader<'_>, key: &str, span: Span) -> ReadResult<()> {
        if let Some(field) = crate::names::closest(key, self.fields.iter().copied(), 1).first() {
            self.meant.mark(self.fields, field);
        }
        let kind = LoadErrorKind::UnknownField {
            field: key.to_string(),
            item: self.name,
            expected: self.fields,
        };
        reader.error(kind, span);
        reader.skip()
    }
}

/// Reads a text value; an empty one is reported and gives `None`.
fn scalar_text<'a>(
    reader: &mut Reader<'a>,
    field: &'static str,
) -> ReadResult<Option<Spanned<Cow<'a, str>>>> {
    Ok(match reader.scalar()? {
        Some((Some(value), span)) => Some(Spanned { value, span }),
        Some((None, span)) => {
            reader.error(LoadErrorKind::EmptyValue { field }, span);
            None
        }
        None => None,
    })
}

fn text(reader: &mut Reader<'_>, field: &'static str) -> ReadResult<Option<Spanned<String>>> {
    Ok(scalar_text(reader, field)?.map(|Spanned { value, span }| {
        let mut value = value.into_owned();
        // The parser builds quoted values by pushing characters, so they come with up to
        // twice the room they need; kept for the whole run, a million of them add up.
        value.shrink_to_fit();
        Spanned { value, span }
    }))
}

fn plain_text(reader: &mut Reader<'_>, field: &'static str) -> ReadResult<Option<String>> {
    Ok(text(reader, field)?.map(|text| text.value))
}

/// Reads an id or a name declared elsewhere (an entity, a kind, a type, a source).
fn identifier<T: for<'s> From<&'s str>>(
    reader: &mut Reader<'_>,
    field: &'static str,
) -> ReadResult<Option<Spanned<T>>> {
    Ok(
        scalar_text(reader, field)?.map(|Spanned { value, span }| Spanned {
            value: T::from(&value),
            span,
        }),
    )
}

/// Reads a short text (a name, a code): see [`Entity`].
fn short_text(
    reader: &mut Reader<'_>,
    field: &'static str,
) -> ReadResult<Option<Spanned<CompactString>>> {
    identifier(reader, field)
}

fn short_text_list(
    reader: &mut Reader<'_>,
    field: &'static str,
) -> ReadResult<Vec<Spanned<CompactString>>> {
    let mut values = Vec::new();
    reader.list(&mut |r| {
        values.extend(short_text(r, field)?);
        Ok(())
    })?;
    // A growing list starts with room for four; most lists here hold one.
    values.shrink_to_fit();
    Ok(values)
}

/// Reads a value that must parse as `T` (a number, a boolean); reports it otherwise.
fn parsed<T>(
    reader: &mut Reader<'_>,
    field: &'static str,
    expected: &'static str,
    parse: fn(&str) -> Option<T>,
) -> ReadResult<Option<T>> {
    let Some(Spanned { value, span }) = scalar_text(reader, field)? else {
        return Ok(None);
    };
    let result = parse(&value);
    if result.is_none() {
        reader.error(
            LoadErrorKind::InvalidValue {
                field,
                text: value.into_owned(),
                expected,
            },
            span,
        );
    }
    Ok(result)
}

fn boolean(reader: &mut Reader<'_>, field: &'static str) -> ReadResult<Option<bool>> {
    parsed(reader, field, "`true` or `false`", |text| match text {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    })
}

fn date(reader: &mut Reader<'_>, field: &'static str) -> ReadResult<Option<Date>> {
    let Some(Spanned { value, span }) = scalar_text(reader, field)? else {
        return Ok(None);
    };
    match Date::parse(&value) {
        Ok(date) => Ok(Some(date)),
        Err(error) => {
            reader.error(LoadErrorKind::Date { field, error }, span);
            Ok(None)
        }
    }
}

fn kind_list(
    reader: &mut Reader<'_>,
    field: &'static str,
) -> ReadResult<Option<Vec<Spanned<KindId>>>> {
    let mut kinds = Vec::new();
    reader.list(&mut |r| {
        kinds.extend(identifier(r, field)?);
        Ok(())
    })?;
    Ok(Some(kinds))
}

const SCHEMA_FIELDS: &[&str] = &["kinds", "relations"];
const KIND_FIELDS: &[&str] = &["label", "description", "shape", "color"];
const RELATION_TYPE_FIELDS: &[&str] = &[
    "label",
    "description",
    "symmetric",
    "from",
    "to",
    "self_loop",
    "color",
    "style",
];

fn read_schema(reader: &mut Reader<'_>, schema: &mut Schema) -> ReadResult<()> {
    let mut item = Item::new("the schema", SCHEMA_FIELDS);
    reader.document_mapping(|r, key, key_span| match key {
        "kinds" => r
            .mapping(&mut |r, id, id_span| {
                if let Some(kind) = read_kind(
                    r,
                    Spanned {
                        value: KindId::from(id),
                        span: id_span,
                    },
                )? {
                    schema.kinds.push(kind);
                }
                Ok(())
            })
            .map(drop),
        "relations" => r
            .mapping(&mut |r, id, id_span| {
                let id = Spanned {
                    value: RelationType::from(id),
                    span: id_span,
                };
                if let Some(def) = read_relation_type(r, id)? {
                    schema.relation_types.push(def);
                }
                Ok(())
            })
            .map(drop),
        _ => item.unknown(r, key, key_span),
    })?;
    Ok(())
}

fn read_kind(reader: &mut Reader<'_>, id: Spanned<KindId>) -> ReadResult<Option<KindDef>> {
    let mut item = Item::new("an entity kind", KIND_FIELDS);
    let (mut label, mut description, mut shape, mut color) = (None, None, None, None);
    let span = reader.mapping(&mut |r, key, key_span| {
        item.present.mark(KIND_FIELDS, key);
        match key {
            "label" => label = plain_text(r, "label")?,
            "description" => description = plain_text(r, "description")?,
            "shape" => shape = plain_text(r, "shape")?,
            "color" => color = plain_text(r, "color")?,
            _ => item.unknown(r, key, key_span)?,
        }
        Ok(())
    })?;
    let Some(span) = span else { return Ok(None) };
    let label = item.require(reader, label, "label", span);
    Ok(Some(KindDef {
        label: label.unwrap_or_else(|| id.value.to_string()),
        id,
        description: description.unwrap_or_default(),
        shape: shape.unwrap_or_else(|| "ellipse".into()),
        color: color.unwrap_or_else(|| "#555555".into()),
    }))
}

fn read_relation_type(
    reader: &mut Reader<'_>,
    id: Spanned<RelationType>,
) -> ReadResult<Option<RelationTypeDef>> {
    let mut item = Item::new("a relation type", RELATION_TYPE_FIELDS);
    let mut def = RelationTypeDef {
        label: id.value.to_string(),
        id,
        description: String::new(),
        symmetric: false,
        from: None,
        to: None,
        self_loop: false,
        color: "#555555".into(),
        style: "solid".into(),
    };
    let (mut label, mut description) = (None, None);
    let span = reader.mapping(&mut |r, key, key_span| {
        item.present.mark(RELATION_TYPE_FIELDS, key);
        match key {
            "label" => label = plain_text(r, "label")?,
            "description" => description = plain_text(r, "description")?,
            "symmetric" => def.symmetric = boolean(r, "symmetric")?.unwrap_or(false),
            "self_loop" => def.self_loop = boolean(r, "self_loop")?.unwrap_or(false),
            "from" => def.from = kind_list(r, "from")?,
            "to" => def.to = kind_list(r, "to")?,
            "color" => def.color = plain_text(r, "color")?.unwrap_or(def.color.clone()),
            "style" => def.style = plain_text(r, "style")?.unwrap_or(def.style.clone()),
            _ => item.unknown(r, key, key_span)?,
        }
        Ok(())
    })?;
    let Some(span) = span else { return Ok(None) };
    def.label = item
        .require(reader, label, "label", span)
        .unwrap_or(def.label);
    def.description = item
        .require(reader, description, "description", span)
        .unwrap_or_default();
    Ok(Some(def))
}

const SOURCE_FIELDS: &[&str] = &["id", "title", "publisher", "date", "file", "url"];

fn read_source(reader: &mut Reader<'_>) -> ReadResult<Option<Source>> {
    let mut item = Item::new("a source", SOURCE_FIELDS);
    let (mut id, mut title, mut publisher, mut date, mut file, mut url) =
        (None, None, None, None, None, None);
    let span = reader.mapping(&mut |r, key, key_span| {
        item.present.mark(SOURCE_FIELDS, key);
        match key {
            "id" => id = identifier(r, "id")?,
            "title" => title = plain_text(r, "title")?,
            "publisher" => publisher = plain_text(r, "publisher")?,
            "date" => date = plain_text(r, "date")?,
            "file" => file = text(r, "file")?,
            "url" => url = plain_text(r, "url")?,
            _ => item.unknown(r, key, key_span)?,
        }
        Ok(())
    })?;
    let Some(span) = span else { return Ok(None) };
    let id = item.require(reader, id, "id", span);
    let title = item.require(reader, title, "title", span);
    let publisher = item.require(reader, publisher, "publisher", span);
    let date = item.require(reader, date, "date", span);
    let file = item.require(reader, file, "file", span);
    let (Some(id), Some(title), Some(publisher), Some(date), Some(file)) =
        (id, title, publisher, date, file)
    else {
        return Ok(None);
    };
    Ok(Some(Source {
        id,
        title,
        publisher,
        date,
        file,
        url,
    }))
}

const ENTITY_FIELDS: &[&str] = &["id", "name", "kind", "country", "aliases", "description"];

fn read_entity(
    reader: &mut Reader<'_>,
    incomplete_ids: &mut Vec<EntityId>,
) -> ReadResult<Option<Entity>> {
    let mut item = Item::new("an entity", ENTITY_FIELDS);
    let (mut id, mut name, mut kind, mut country, mut description) = (None, None, None, None, None);
    let mut aliases = Vec::new();
    let span = reader.mapping(&mut |r, key, key_span| {
        item.present.mark(ENTITY_FIELDS, key);
        match key {
            "id" => id = identifier(r, "id")?,
            "name" => name = short_text(r, "name")?,
            "kind" => kind = identifier(r, "kind")?,
            "country" => country = identifier(r, "country")?,
            "aliases" => aliases = short_text_list(r, "aliases")?,
            "description" => description = plain_text(r, "description")?,
            _ => item.unknown(r, key, key_span)?,
        }
        Ok(())
    })?;
    let Some(span) = span else { return Ok(None) };
    let id = item.require(reader, id, "id", span);
    let name = item.require(reader, name, "name", span);
    let kind = item.require(reader, kind, "kind", span);
    let (Some(id), Some(name), Some(kind)) = (id.clone(), name, kind) else {
        incomplete_ids.extend(id.map(|id| id.value));
        return Ok(None);
    };
    Ok(Some(Entity {
        id,
        name,
        kind,
        country,
        aliases,
        description,
    }))
}

const RELATION_FIELDS: &[&str] = &[
    "from", "type", "to", "date", "end", "note", "role", "amount", "currency", "place", "evidence",
];
const EVIDENCE_FIELDS: &[&str] = &["source", "quote"];

fn read_relation(reader: &mut Reader<'_>) -> ReadResult<Option<Relation>> {
    let mut item = Item::new("a relation", RELATION_FIELDS);
    let (mut from, mut relation_type, mut to, mut date_field, mut end) =
        (None, None, None, None, None);
    let (mut note, mut role, mut amount, mut currency, mut place) = (None, None, None, None, None);
    let mut evidence = None;
    let span = reader.mapping(&mut |r, key, key_span| {
        item.present.mark(RELATION_FIELDS, key);
        match key {
            "from" => from = identifier(r, "from")?,
            "type" => relation_type = identifier(r, "type")?,
            "to" => to = identifier(r, "to")?,
            "date" => date_field = date(r, "date")?,
            "end" => end = date(r, "end")?,
            "note" => note = plain_text(r, "note")?,
            "role" => role = plain_text(r, "role")?,
            "amount" => {
                amount = parsed(r, "amount", "a number", |t| {
                    t.parse::<f64>().ok().filter(|n| n.is_finite())
                })?
            }
            "currency" => currency = plain_text(r, "currency")?,
            "place" => place = identifier(r, "place")?,
            "evidence" => evidence = Some(read_evidence_list(r)?),
            _ => item.unknown(r, key, key_span)?,
        }
        Ok(())
    })?;
    let Some(span) = span else { return Ok(None) };
    let from = item.require(reader, from, "from", span);
    let relation_type = item.require(reader, relation_type, "type", span);
    let to = item.require(reader, to, "to", span);
    let evidence = item.require(reader, evidence, "evidence", span);
    let (Some(from), Some(relation_type), Some(to), Some(evidence)) =
        (from, relation_type, to, evidence)
    else {
        return Ok(None);
    };
    Ok(Some(Relation {
        from: from.value,
        relation_type: relation_type.value,
        to: to.value,
        date: date_field,
        end,
        details: RelationDetails::boxed(note, role, amount, currency, place),
        evidence,
        span,
    }))
}

fn read_evidence_list(reader: &mut Reader<'_>) -> ReadResult<EvidenceList> {
    let mut list = EvidenceList::new();
    reader.list(&mut |r| {
        let mut item = Item::new("evidence", EVIDENCE_FIELDS);
        let (mut source, mut quote) = (None, None);
        let span = r.mapping(&mut |r, key, key_span| {
            item.present.mark(EVIDENCE_FIELDS, key);
            match key {
                "source" => source = identifier(r, "source")?,
                "quote" => quote = text(r, "quote")?,
                _ => item.unknown(r, key, key_span)?,
            }
            Ok(())
        })?;
        if let Some(span) = span {
            let source = item.require(r, source, "source", span);
            let quote = item.require(r, quote, "quote", span);
            if let (Some(source), Some(quote)) = (source, quote) {
                list.push(Evidence {
                    source: source.value,
                    quote: quote.value.into_boxed_str(),
                    span,
                });
            }
        }
        Ok(())
    })?;
    Ok(list)
}

#[cfg(test)]
mod tests {
    use super::{accept_text, field_span, parse_all, Job, JobText, Parsed, Pieces, Section};
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

    fn entities_text(count: usize) -> String {
        (0..count)
            .map(|i| format!("# entity {i}\n- id: E{i}\n  name: \"Entity {i}\"\n  kind: person\n  aliases:\n    - A{i}\n"))
            .collect()
    }

    /// Reads `text` as one entities file: kept whole, or streamed from disk in pieces of
    /// `size` bytes. The folder holds the file, which diagnostics may read again.
    fn read(text: &[u8], size: Option<usize>) -> (SourceMap, Vec<Parsed>, tempfile::TempDir) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("e.yaml");
        std::fs::write(&path, text).unwrap();
        let mut files = SourceMap::default();
        let file = files.add_unread(&path);
        let mut diagnostics = Vec::new();
        let jobs = match size {
            None if !accept_text(&files, file, text.to_vec(), &mut diagnostics) => Vec::new(),
            None => vec![Job {
                file,
                section: Section::Entities,
                text: JobText::Kept,
            }],
            Some(_) => vec![Job {
                file,
                section: Section::Entities,
                text: JobText::Streamed(path.clone()),
            }],
        };
        let mut parsed =
            parse_all(&files, &jobs, size.unwrap_or(usize::MAX), &mut diagnostics).unwrap();
        parsed.push(Parsed {
            diagnostics,
            ..Parsed::default()
        });
        (files, parsed, dir)
    }

    fn summary(files: &SourceMap, parsed: &[Parsed]) -> Vec<String> {
        parsed
            .iter()
            .flat_map(|p| &p.entities)
            .map(|e| {
                format!(
                    "{} {:?} {:?}",
                    e.id.value,
                    files.line_col(e.id.span),
                    files.line_col(e.aliases[0].span)
                )
            })
            .chain(
                parsed
                    .iter()
                    .flat_map(|p| &p.diagnostics)
                    .map(|d| format!("{} {:?}", d.message, files.line_col(d.primary_span()))),
            )
            .collect()
    }

    #[test]
    fn pieces_start_at_top_level_items() {
        let text = format!("\u{feff}{}", entities_text(50));
        let mut pieces = Pieces::new(text.as_bytes(), 100, Vec::new());
        let (mut joined, mut piece) = (Vec::new(), Vec::new());
        let mut count = 0;
        while let Some(offset) = pieces.next_piece(&mut piece).unwrap() {
            assert_eq!(offset, joined.len(), "pieces follow each other");
            if offset > 0 {
                assert!(piece.starts_with(b"- id: E"), "{:?}", &piece[..10]);
            }
            joined.extend_from_slice(&piece);
            count += 1;
        }
        assert!(count > 10, "{count}");
        assert_eq!(joined, text.trim_start_matches('\u{feff}').as_bytes());
    }

    #[test]
    fn reading_in_pieces_gives_what_reading_whole_gives() {
        let text = entities_text(200);
        let (whole_files, whole, _whole_dir) = read(text.as_bytes(), None);
        let (piece_files, in_pieces, _pieces_dir) = read(text.as_bytes(), Some(300));
        assert!(in_pieces.len() > 20, "the text was cut");
        assert_eq!(
            summary(&whole_files, &whole),
            summary(&piece_files, &in_pieces)
        );
        assert_eq!(summary(&whole_files, &whole).len(), 200);
    }

    #[test]
    fn a_problem_in_a_piece_is_reported_as_a_whole_read_reports_it() {
        let text = entities_text(100).replace(
            "  kind: person\n  aliases:\n    - A70\n",
            "  kind: person\n  form: x\n  aliases:\n    - A70\n",
        );
        let (whole_files, whole, _whole_dir) = read(text.as_bytes(), None);
        let (piece_files, in_pieces, _pieces_dir) = read(text.as_bytes(), Some(300));
        let expected = summary(&whole_files, &whole);
        assert!(
            expected
                .iter()
                .any(|line| line.starts_with("unknown field `form`")),
            "{expected:?}"
        );
        assert_eq!(expected, summary(&piece_files, &in_pieces));
    }

    #[test]
    fn bad_utf8_in_a_piece_is_reported_as_a_whole_read_reports_it() {
        let mut text = entities_text(100).into_bytes();
        let at = text.len() / 2;
        text[at] = 0xff;
        let (whole_files, whole, _whole_dir) = read(&text, None);
        let (piece_files, in_pieces, _pieces_dir) = read(&text, Some(300));
        let expected = summary(&whole_files, &whole);
        assert!(
            expected.iter().any(|line| line.contains("not valid UTF-8")),
            "{expected:?}"
        );
        assert_eq!(expected, summary(&piece_files, &in_pieces));
    }
}
