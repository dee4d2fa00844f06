//! Temporary files that a killed run left behind. SIGKILL (or a power cut) cannot be caught,
//! so the next run that writes into the folder removes them. A live run holds a lock on each
//! of its temporary files; one that nobody holds, and that is old enough not to be in the
//! instant between its making and its locking, is a leftover.

use std::collections::HashSet;
use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

/// How a temporary file's name starts and ends.
pub(super) const PREFIX: &str = ".vnla-graph-";
pub(super) const SUFFIX: &str = ".tmp";

/// Younger than this, a temporary file may not be locked yet by the run making it.
const SETTLED: Duration = Duration::from_secs(1);

/// The folders swept already by this run.
static SWEPT: Mutex<Option<HashSet<PathBuf>>> = Mutex::new(None);

/// Removes the leftovers in `folder`, once per run. Nothing here is worth failing a write
/// for: a leftover that cannot be removed stays.
pub(super) fn sweep(folder: &Path) {
    let mut swept = SWEPT
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if !swept
        .get_or_insert_with(HashSet::new)
        .insert(folder.to_path_buf())
    {
        return;
    }
    let Ok(entries) = fs::read_dir(folder) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        let is_ours = name
            .to_str()
            .is_some_and(|name| name.starts_with(PREFIX) && name.ends_with(SUFFIX));
        if is_ours && is_left_over(&entry.path()) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

fn is_left_over(path: &Path) -> bool {
    let settled = fs::symlink_metadata(path).is_ok_and(|metadata| {
        metadata.is_file()
            && metadata
                .modified()
                .ok()
                .and_then(|modified| modified.elapsed().ok())
                .is_some_and(|age| age >= SETTLED)
    });
    // The lock is let go when `file` closes.
    settled && File::open(path).is_ok_and(|file| file.try_lock().is_ok())
}
