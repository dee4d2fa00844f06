//! YAML text -> model, keeping a span for every item and for the fields diagnostics point at
//! (a relation's or an evidence item's fields are found again from the item:
//! [`field_span`](fn@field_span)). The only stage that touches YAML (through `load/reader.rs`).
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
//!
//! The work is split by job: `load/discover.rs` finds the files and decides how each is read,
//! `load/pieces.rs` cuts large ones at item boundaries, `load/schedule.rs` parses them on
//! every core and puts the results back in order, `load/records.rs` reads each item into the
//! model, `load/error.rs` says what went wrong, and `load/field_span.rs` finds a field again
//! for a later diagnostic. `load/block_scan.rs` reads the plain block YAML most large files
//! are written in several times faster than saphyr-parser, with the same events and spans;
//! anything else is read by saphyr-parser (`load/reader.rs` takes its events from either).

mod block_scan;
mod discover;
mod error;
mod field_span;
mod input;
mod pieces;
mod reader;
mod records;
mod schedule;

use std::path::PathBuf;

use include_dir::{include_dir, Dir};

use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::model::{Dataset, EntityId, Unread};
use crate::source::Span;
use discover::{accept_text, bundled_files, files_on_disk, Content};
pub(crate) use discover::{not_a_file, would_be_read};
use error::LoadErrorKind;
pub(crate) use field_span::field_span;
use pieces::PIECE_BYTES;
pub(crate) use reader::{MAX_DEPTH, MAX_VALUE_BYTES};
use schedule::{parse_all, Job, JobText};

/// The dataset shipped inside the binary, so an installed `vnla-graph` works from any folder.
static BUNDLED: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/graph-data");

/// Files larger than this are refused before reading: the 1M-relation benchmark dataset is
/// about 165 MB in one file, and nothing legitimate is near this.
pub(crate) const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

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
    /// Which kinds of file could not be read to their end.
    pub(crate) unread: Unread,
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
    let folder = match location {
        DataLocation::Folder(root) => Some(root.clone()),
        DataLocation::Bundled => None,
    };
    let mut dataset = Dataset {
        origin,
        folder,
        ..Dataset::default()
    };
    let mut diagnostics = Vec::new();
    let mut jobs = Vec::new();
    // A file that is too large or not UTF-8 is not read at all.
    let mut unread = Unread::default();
    for file in files {
        let id = dataset.files.add_unread(&file.path);
        let text = match file.content {
            Content::Bytes(bytes) => {
                if !accept_text(&dataset.files, id, bytes, &mut diagnostics) {
                    file.section.mark(&mut unread);
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
                file.section.mark(&mut unread);
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
        dataset.schema.families.extend(parsed.schema.families);
        dataset.schema.themes.extend(parsed.schema.themes);
        dataset.schema.paths = dataset.schema.paths.or(parsed.schema.paths);
        dataset.sources.extend(parsed.sources);
        dataset.entities.extend(parsed.entities);
        dataset.relations.extend(parsed.relations);
        diagnostics.extend(parsed.diagnostics);
        incomplete_ids.extend(parsed.incomplete_ids);
        if let Some(section) = parsed.cut_short {
            section.mark(&mut unread);
        }
    }
    dataset.schema.index();
    Ok(Loaded {
        dataset,
        diagnostics,
        incomplete_ids,
        unread,
    })
}
