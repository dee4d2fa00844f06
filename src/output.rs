//! Getting answers out: to stdout (a closed pipe ends the command quietly) or to a file that
//! is replaced only once the new content is complete (temp file in the same folder, then
//! rename), so a failure never leaves a half-written file.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::error::Error;

/// Writes to stdout. A reader that went away (`vnla-graph export | head`) is not an error.
pub(crate) fn stdout(text: &str) -> Result<(), Error> {
    let mut stdout = io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(error) if error.kind() != io::ErrorKind::BrokenPipe => Err(Error::Write {
            path: "<stdout>".into(),
            source: error,
        }),
        _ => Ok(()),
    }
}

/// A line for the user on stderr (what was written, why nothing was found). A closed stderr
/// is as quiet as a closed stdout: never a panic, as `eprintln!` would give.
pub(crate) fn message(line: &str) {
    let mut stderr = io::stderr().lock();
    let _ = writeln!(stderr, "{line}");
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

/// Writes several files into the folder `folder` (made if missing): each is written whole
/// to a temporary file beside its target first, and only once all of them are complete are
/// they renamed into place, so a failure leaves the files there were before.
pub(crate) fn write_folder(folder: &Path, files: Vec<(&str, Writing<'_>)>) -> Result<(), Error> {
    if folder.exists() && !folder.is_dir() {
        return Err(Error::OutputIsFile(folder.to_path_buf()));
    }
    fs::create_dir_all(folder).map_err(|source| Error::Write {
        path: folder.to_path_buf(),
        source,
    })?;
    let mut written = Vec::with_capacity(files.len());
    for (name, writing) in files {
        let target = folder.join(name);
        if target.is_dir() {
            return Err(Error::OutputIsFolder(target));
        }
        let temp = temporary_file(&target, writing)?;
        written.push((target, temp));
    }
    for (target, temp) in written {
        temp.persist(&target).map_err(|persist| Error::Write {
            path: target.clone(),
            source: persist.error,
        })?;
    }
    Ok(())
}

/// Replaces the file at `path` with `bytes`, all or nothing. A link is followed, so its
/// target is written and the link kept; a device or pipe (`/dev/null`, a FIFO) is written
/// through, as it cannot be replaced; a folder is refused.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    replace(path, Box::new(|file| file.write_all(bytes)))
}

/// [`write_atomically`] for what `writing` writes.
fn replace(path: &Path, writing: Writing<'_>) -> Result<(), Error> {
    let error = |source| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    let target = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    if let Ok(metadata) = fs::metadata(&target) {
        if metadata.is_dir() {
            return Err(Error::OutputIsFolder(path.to_path_buf()));
        }
        if !metadata.is_file() {
            return fs::OpenOptions::new()
                .write(true)
                .open(&target)
                .and_then(|special| {
                    let mut special = io::BufWriter::new(special);
                    writing(&mut special)?;
                    special.flush()
                })
                .map_err(error);
        }
    }
    let temp = temporary_file(&target, writing)?;
    temp.persist(&target)
        .map_err(|persist| error(persist.error))?;
    Ok(())
}

/// A complete, synced temporary file beside `target` holding what `writing` wrote, with the
/// mode `target` has (or the usual 0644), ready to be renamed over it.
fn temporary_file(target: &Path, writing: Writing<'_>) -> Result<tempfile::NamedTempFile, Error> {
    let error = |source| Error::Write {
        path: target.to_path_buf(),
        source,
    };
    let folder = match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let temp = tempfile::Builder::new()
        .prefix(".vnla-graph-")
        .suffix(".tmp")
        .tempfile_in(&folder)
        .map_err(error)?;
    let mut buffered = io::BufWriter::with_capacity(1 << 16, temp.as_file());
    writing(&mut buffered)
        .and_then(|()| buffered.flush())
        .map_err(error)?;
    drop(buffered);
    temp.as_file().sync_all().map_err(error)?;
    // The temporary file is private (0600); the result keeps the mode of the file it
    // replaces, or gets the usual 0644.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(target).map_or(0o644, |m| m.permissions().mode());
        temp.as_file()
            .set_permissions(fs::Permissions::from_mode(mode))
            .map_err(error)?;
    }
    Ok(temp)
}
