//! The parser threads' work queue: it hands out kept files and the pieces of streamed ones in
//! job order, parses each with the record readers, and puts the results back in file order
//! (reading a streamed file again whole when its pieces reported a problem). It owns threads
//! and order, not the format: what an item holds is `records.rs`'s business, and which files
//! are streamed is `discover.rs`'s.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::load::block_scan::{self, Token};
use crate::load::discover::{accept_text, content, Content, Section};
use crate::load::pieces::Pieces;
use crate::load::reader::Reader;
use crate::load::records::{read_entity, read_relation, read_schema, read_source};
use crate::model::{Entity, EntityId, Relation, Schema, Source};
use crate::source::{FileId, LineTable, SourceMap};

/// One file to parse.
pub(super) struct Job {
    pub(super) file: FileId,
    pub(super) section: Section,
    pub(super) text: JobText,
}

pub(super) enum JobText {
    /// The text is in the source map.
    Kept,
    /// Read in pieces from this path while parsing.
    Streamed(PathBuf),
}

/// What one file, or one piece of a file, held.
#[derive(Default)]
pub(super) struct Parsed {
    pub(super) schema: Schema,
    pub(super) sources: Vec<Source>,
    pub(super) entities: Vec<Entity>,
    pub(super) relations: Vec<Relation>,
    pub(super) diagnostics: Vec<Diagnostic>,
    pub(super) incomplete_ids: Vec<EntityId>,
    /// The part of the dataset this file holds, when it could not be read to its end.
    pub(super) cut_short: Option<Section>,
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
pub(super) fn parse_all(
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
        let mut tokens = Vec::new();
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
                    (
                        job,
                        0,
                        Some(parse(&jobs[job], text, 0, &mut lines, &mut tokens)),
                    )
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
                        .map(|(offset, text)| {
                            parse(&jobs[job], text, offset, &mut lines, &mut tokens)
                        }),
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
            cut_short: Some(job.section),
            ..Parsed::default()
        });
    }
    let text = files.text(job.file);
    Ok(parse(
        job,
        text,
        0,
        &mut LineTable::default(),
        &mut Vec::new(),
    ))
}

/// Parses `text`, found at `offset` in the job's file; `lines` is room for its line table,
/// `tokens` for what `block_scan` finds in it.
fn parse(
    job: &Job,
    text: &str,
    offset: usize,
    lines: &mut LineTable,
    tokens: &mut Vec<Token>,
) -> Parsed {
    // The fast scanner reads lists only; the schema and small files are saphyr's anyway.
    let scanned = job.section != Section::Schema && block_scan::scan(text, tokens);
    if !scanned {
        lines.fill(text);
    }
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
    let mut reader = if scanned {
        Reader::scanned(job.file, text, offset, tokens, lines, diagnostics)
    } else {
        Reader::new(job.file, text, offset, lines, diagnostics)
    };
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
    *cut_short = read.is_err().then_some(job.section);
    parsed
}

#[cfg(test)]
mod tests {
    use super::{parse_all, Job, JobText, Parsed};
    use crate::load::discover::{accept_text, Section};
    use crate::load::pieces::tests::entities_text;
    use crate::source::SourceMap;

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
