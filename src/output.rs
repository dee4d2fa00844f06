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

/// Replaces the file at `path` with `bytes`, all or nothing. A link is followed, so its
/// target is written and the link kept; a device or pipe (`/dev/null`, a FIFO) is written
/// through, as it cannot be replaced; a folder is refused.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Error> {
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
                .and_then(|mut special| special.write_all(bytes))
                .map_err(error);
        }
    }
    let path = target.as_path();
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut temp = tempfile::Builder::new()
        .prefix(".vnla-graph-")
        .suffix(".tmp")
        .tempfile_in(&folder)
        .map_err(error)?;
    temp.write_all(bytes)
        .and_then(|()| temp.as_file().sync_all())
        .map_err(error)?;
    // The temporary file is private (0600); the result keeps the mode of the file it
    // replaces, or gets the usual 0644.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(path).map_or(0o644, |m| m.permissions().mode());
        temp.as_file()
            .set_permissions(fs::Permissions::from_mode(mode))
            .map_err(error)?;
    }
    temp.persist(path).map_err(|persist| error(persist.error))?;
    Ok(())
}
