//! Getting answers out: to stdout (a closed pipe ends the command quietly) or to files that
//! are replaced only once the new content is complete (a temporary file in the same folder,
//! then a rename), so a failure never leaves a half-written file. Several files are replaced
//! as one set: all are written to temporaries first, then all renamed, and an interrupt
//! (Ctrl-C, SIGTERM) before the renames removes the temporaries and leaves the old set.

mod interrupt; // temporaries removed and `dot` ended on Ctrl-C or SIGTERM; renames finished first
mod leftovers; // temporaries a killed run (SIGKILL) left, removed by the next run

pub(crate) use interrupt::{keep_child, take_child};

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

use crate::error::Error;
use crate::printable;

/// Writes to stdout. A reader that went away (`vnla-graph export | head`) is not an error.
pub(crate) fn stdout(text: &str) -> Result<(), Error> {
    write_streamed(None, Box::new(|out| out.write_all(text.as_bytes())))
}

/// A line for the user on stderr (what was written, why nothing was found). A closed stderr
/// is as quiet as a closed stdout: never a panic, as `eprintln!` would give.
pub(crate) fn message(line: &str) {
    let mut stderr = io::stderr().lock();
    let _ = writeln!(stderr, "{}", printable::escaped(line));
}

/// Writes to `path` atomically, or to stdout when there is no path.
pub(crate) fn write(path: Option<&Path>, text: &str) -> Result<(), Error> {
    match path {
        None => stdout(text),
        Some(path) => write_atomically(path, text.as_bytes()),
    }
}

/// What writes an answer piece by piece, for exports too large to hold in memory as well
/// as the data.
pub(crate) type Writing<'a> = Box<dyn FnOnce(&mut dyn Write) -> io::Result<()> + 'a>;

/// [`write`] for an answer written piece by piece: to `path` atomically, or to stdout.
pub(crate) fn write_streamed(path: Option<&Path>, writing: Writing<'_>) -> Result<(), Error> {
    match path {
        Some(path) => replace_all(vec![stage(path, writing)?]),
        None => {
            let mut stdout = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
            match writing(&mut stdout).and_then(|()| stdout.flush()) {
                Err(error) if error.kind() != io::ErrorKind::BrokenPipe => Err(Error::Write {
                    path: "<stdout>".into(),
                    source: error,
                }),
                _ => Ok(()),
            }
        }
    }
}

/// Writes several files into `folder` (made if missing) as one set (see [`replace_all`]).
pub(crate) fn write_folder(folder: &Path, files: Vec<(&str, Writing<'_>)>) -> Result<(), Error> {
    if folder.exists() && !folder.is_dir() {
        return Err(Error::OutputIsFile(folder.to_path_buf()));
    }
    fs::create_dir_all(folder).map_err(|source| Error::Write {
        path: folder.to_path_buf(),
        source,
    })?;
    let staged = files
        .into_iter()
        .map(|(name, writing)| stage(&folder.join(name), writing))
        .collect::<Result<Vec<_>, _>>()?;
    replace_all(staged)
}

/// What `writing` writes, staged to replace `path`.
fn stage(path: &Path, writing: Writing<'_>) -> Result<Staged, Error> {
    let mut file = Staged::new(path)?;
    let mut buffered = io::BufWriter::with_capacity(1 << 16, &mut file);
    writing(&mut buffered)
        .and_then(|()| buffered.flush())
        .map_err(|source| Error::Write {
            path: path.to_path_buf(),
            source,
        })?;
    drop(buffered);
    Ok(file)
}

/// Replaces the file at `path` with `bytes`, all or nothing (see [`Staged`]).
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let mut staged = Staged::new(path)?;
    staged.write_all(bytes)?;
    replace_all(vec![staged])
}

/// The new content of one file, written aside until [`replace_all`] puts it in place. A link
/// is followed, so its target is written and the link kept; a device or pipe (`/dev/null`, a
/// FIFO) is written through at replacement, as it cannot be replaced; a folder is refused.
pub(crate) struct Staged {
    /// The file the content replaces (a link's target).
    target: PathBuf,
    /// The name it was given, for messages.
    named: PathBuf,
    pending: Pending,
}

impl Drop for Staged {
    /// A temporary file not renamed into place is removed by `NamedTempFile`; it no longer
    /// needs removing on a signal.
    fn drop(&mut self) {
        if let Pending::Temporary(temp) = &self.pending {
            interrupt::forget(temp.path());
        }
    }
}

enum Pending {
    /// A temporary file beside the target, renamed over it.
    Temporary(NamedTempFile),
    /// The content for a device or pipe.
    Through(Vec<u8>),
}

impl Staged {
    pub(crate) fn new(path: &Path) -> Result<Staged, Error> {
        let named = path.to_path_buf();
        let target = written_file(path).map_err(|source| Error::Write {
            path: named.clone(),
            source,
        })?;
        if let Ok(metadata) = fs::metadata(&target) {
            if metadata.is_dir() {
                return Err(Error::OutputIsFolder(named));
            }
            if !metadata.is_file() {
                let pending = Pending::Through(Vec::new());
                return Ok(Staged {
                    target,
                    named,
                    pending,
                });
            }
        }
        let folder = match target.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => PathBuf::from("."),
        };
        if !folder.is_dir() {
            return Err(Error::NoFolder {
                path: named,
                folder,
            });
        }
        leftovers::sweep(&folder);
        let temp = interrupt::create(|| {
            let temp = tempfile::Builder::new()
                .prefix(leftovers::PREFIX)
                .suffix(leftovers::SUFFIX)
                .tempfile_in(&folder)?;
            // Held while it lives: the lock tells a later run's sweep it is not left over.
            temp.as_file().lock()?;
            Ok(temp)
        })
        .map_err(|source| Error::Write {
            path: named.clone(),
            source,
        })?;
        Ok(Staged {
            target,
            named,
            pending: Pending::Temporary(temp),
        })
    }

    fn error(&self, source: io::Error) -> Error {
        Error::Write {
            path: self.named.clone(),
            source,
        }
    }

    /// [`Write::write_all`] with the error naming the file.
    pub(crate) fn write_all(&mut self, bytes: &[u8]) -> Result<(), Error> {
        Write::write_all(self, bytes).map_err(|source| self.error(source))
    }

    /// Makes the content durable and gives it the mode of the file it replaces (the
    /// temporary file is private, 0600), or the usual 0644.
    fn finish(&mut self) -> Result<(), Error> {
        let Pending::Temporary(temp) = &self.pending else {
            return Ok(());
        };
        let file = temp.as_file();
        let finished = file.sync_all();
        #[cfg(unix)]
        let finished = finished.and_then(|()| {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&self.target).map_or(0o644, |m| m.permissions().mode());
            file.set_permissions(fs::Permissions::from_mode(mode))
        });
        finished.map_err(|source| self.error(source))
    }
}

impl Write for Staged {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        match &mut self.pending {
            Pending::Temporary(temp) => temp.write(bytes),
            Pending::Through(content) => {
                content.extend_from_slice(bytes);
                Ok(bytes.len())
            }
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.pending {
            Pending::Temporary(temp) => temp.flush(),
            Pending::Through(_) => Ok(()),
        }
    }
}

/// Links followed in a row before a name is taken for a loop (Linux's own bound).
const MOST_LINKS: usize = 40;

/// The file that writing to `path` writes: `path` itself, or where a link leads, followed link
/// by link even when the last one names no file yet (a link to a file not yet made is kept,
/// and its file made). A loop of links is an error.
pub(crate) fn written_file(path: &Path) -> io::Result<PathBuf> {
    if let Ok(real) = fs::canonicalize(path) {
        return Ok(real);
    }
    let mut at = path.to_path_buf();
    for _ in 0..MOST_LINKS {
        let Ok(next) = fs::read_link(&at) else {
            return Ok(at); // not a link: the file to make
        };
        at = match at.parent() {
            Some(folder) => folder.join(next),
            None => next,
        };
    }
    Err(io::Error::other("its links lead round in a loop"))
}

/// Puts every staged file in place, as one set: each is finished first (a failure then
/// leaves every old file as it was and removes the temporaries), then all are renamed with
/// interrupts held off, so Ctrl-C gives the old set or the new one, never a mix.
pub(crate) fn replace_all(mut staged: Vec<Staged>) -> Result<(), Error> {
    for file in &mut staged {
        file.finish()?;
    }
    interrupt::hold_off(|| {
        for mut file in staged {
            match std::mem::replace(&mut file.pending, Pending::Through(Vec::new())) {
                Pending::Temporary(temp) => {
                    let path = temp.path().to_path_buf();
                    let persisted = temp.persist(&file.target);
                    interrupt::forget(&path);
                    persisted.map_err(|persist| Error::Write {
                        path: file.named.clone(),
                        source: persist.error,
                    })?;
                }
                Pending::Through(content) => fs::OpenOptions::new()
                    .write(true)
                    .open(&file.target)
                    .and_then(|mut special| special.write_all(&content))
                    .map_err(|source| Error::Write {
                        path: file.named.clone(),
                        source,
                    })?,
            }
        }
        Ok(())
    })
}
