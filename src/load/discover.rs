//! Finding the files of a data folder (or of the bundled copy) in name order, each with its
//! section, and deciding how each is read: now, in pieces while parsing, or not at all (too
//! large); then giving a file its text once it is known to be UTF-8. It must not parse: no
//! YAML is read here.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::load::error::LoadErrorKind;
use crate::load::pieces::PIECE_BYTES;
use crate::load::{BUNDLED, MAX_FILE_BYTES};
use crate::model::Unread;
use crate::source::{decode, FileId, SourceMap, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Section {
    Schema,
    Sources,
    Entities,
    Relations,
}

impl Section {
    /// Records that a file of this section could not be read to its end.
    pub(super) fn mark(self, unread: &mut Unread) {
        match self {
            Section::Schema => unread.schema = true,
            Section::Sources => unread.sources = true,
            Section::Entities => unread.entities = true,
            // Nothing refers to a relation, so an unread one hides no declaration.
            Section::Relations => {}
        }
    }
}

/// A file as found, before it is known to be text.
pub(super) struct RawFile {
    pub(super) path: PathBuf,
    pub(super) section: Section,
    pub(super) content: Content,
}

pub(super) enum Content {
    Bytes(Vec<u8>),
    /// Over [`MAX_FILE_BYTES`]: refused unread.
    TooLarge(u64),
    /// An entity or relation file over [`PIECE_BYTES`]: read in pieces while parsing.
    Streamed,
}

/// `.yaml` or `.yml`, in any case (`PEOPLE.YAML` is read, not silently skipped).
fn is_yaml(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
}

/// Whether a file at `path` would be read as part of the data folder `root`: a new `.yaml`
/// written into `entities/` or `relations/` would be read with the data, and most likely
/// break it.
pub(crate) fn would_be_read(root: &Path, path: &Path) -> bool {
    let real = |path: &Path| fs::canonicalize(path).ok();
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let Some(folder) = real(folder) else {
        return false; // no such folder: nothing can be written there
    };
    ["entities", "relations"]
        .iter()
        .any(|data| real(&root.join(data)).is_some_and(|data| data == folder))
        && is_yaml(path)
}

pub(super) fn files_on_disk(root: &Path) -> Result<Vec<RawFile>, Error> {
    if !root.is_dir() {
        return Err(Error::DataNotFound(root.to_path_buf()));
    }
    let inside = Inside::new(root)?;
    let mut files = Vec::new();
    for (name, section) in [
        ("schema.yaml", Section::Schema),
        ("sources.yaml", Section::Sources),
    ] {
        let path = root.join(name);
        inside.check(&path)?;
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
        inside.check(&dir)?;
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
            } else if holds_yaml(&path) {
                // Files in sub-folders are not read: data there would be left out unseen.
                return Err(Error::SubFolder(path));
            }
        }
        paths.sort();
        for path in paths {
            inside.check(&path)?;
            files.push(RawFile {
                content: content(&path, PIECE_BYTES)?,
                path,
                section,
            });
        }
    }
    Ok(files)
}

/// The data folder as the file system resolves it: every file read must lie inside, so a
/// link cannot bring another file's text into the data (and into its diagnostics).
struct Inside(PathBuf);

impl Inside {
    fn new(root: &Path) -> Result<Self, Error> {
        fs::canonicalize(root)
            .map(Inside)
            .map_err(|source| Error::Io {
                path: root.to_path_buf(),
                source,
            })
    }

    /// Refuses `path` when it resolves outside the folder; a missing one is left to the
    /// read that follows, which names it.
    fn check(&self, path: &Path) -> Result<(), Error> {
        match fs::canonicalize(path) {
            Ok(target) if !target.starts_with(&self.0) => Err(Error::OutsideData {
                path: path.to_path_buf(),
                target,
            }),
            _ => Ok(()),
        }
    }
}

/// Whether `path` is a folder with YAML files in it, at any depth (a probe found
/// `relations/a/b/c/visits.yaml` left out unseen when only the first level was looked at).
fn holds_yaml(path: &Path) -> bool {
    path.is_dir() && folder_holds_yaml(path, 0)
}

/// Sub-folders deeper than this are not looked into: no data is laid out so deep, and a
/// bound keeps a folder tree of any shape from being walked without end.
const DEEPEST_FOLDER: usize = 16;

fn folder_holds_yaml(folder: &Path, depth: usize) -> bool {
    depth < DEEPEST_FOLDER
        && fs::read_dir(folder).is_ok_and(|entries| {
            entries.filter_map(Result::ok).any(|entry| {
                let path = entry.path();
                // A linked folder is not followed: a link may loop back to its parent.
                is_yaml(&path)
                    || (entry.file_type().is_ok_and(|kind| kind.is_dir())
                        && folder_holds_yaml(&path, depth + 1))
            })
        })
}

/// What to do with a file: read it now, unless it is over [`MAX_FILE_BYTES`] (refused
/// unread) or over `stream_above` bytes (read in pieces while parsing).
pub(super) fn content(path: &Path, stream_above: usize) -> Result<Content, Error> {
    let io_error = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let metadata = fs::metadata(path).map_err(io_error)?;
    if !metadata.is_file() && !metadata.is_dir() {
        return Err(io_error(not_a_file()));
    }
    let size = metadata.len();
    Ok(if size > MAX_FILE_BYTES {
        Content::TooLarge(size)
    } else if size > stream_above as u64 {
        Content::Streamed
    } else {
        Content::Bytes(fs::read(path).map_err(io_error)?)
    })
}

/// A pipe, a device or a socket where a file belongs: reading one could wait forever (a
/// pipe no one writes to) or never end (`/dev/zero`). A folder fails when it is read, saying
/// so.
pub(crate) fn not_a_file() -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        "not a regular file (a pipe, a device or a socket); give a plain file",
    )
}

pub(super) fn bundled_files() -> Vec<RawFile> {
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
pub(super) fn accept_text(
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
