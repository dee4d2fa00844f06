//! Ctrl-C, SIGTERM or SIGHUP while files are being replaced or Graphviz draws: the temporary
//! files written so far are removed and the `dot` processes running are ended before the
//! process ends as the signal asks, and a set of renames under way is finished first, so the
//! files are all old or all new. Signals are watched only once a temporary file or a `dot`
//! exists; until then they act as usual.

use std::io;
use std::path::{Path, PathBuf};
use std::process::Child;
use std::sync::{Mutex, MutexGuard, PoisonError};

use tempfile::NamedTempFile;

/// The temporary files that exist now.
static TEMPORARIES: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// The `dot` processes running now: ended with this one, or one laying out a large graph
/// would run on for minutes with no one to read it.
static CHILDREN: Mutex<Vec<Child>> = Mutex::new(Vec::new());

/// Held while a set of files is renamed into place; a signal waits for it.
static RENAMING: Mutex<()> = Mutex::new(());

fn lock<T>(mutex: &'static Mutex<T>) -> MutexGuard<'static, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Creates a temporary file with `make` and records it, both before a signal can be
/// handled, so no temporary file escapes the record.
pub(super) fn create(
    make: impl FnOnce() -> io::Result<NamedTempFile>,
) -> io::Result<NamedTempFile> {
    watch();
    let mut temporaries = lock(&TEMPORARIES);
    let temp = make()?;
    temporaries.push(temp.path().to_path_buf());
    Ok(temp)
}

/// The temporary file at `path` is gone (renamed into place, or removed).
pub(super) fn forget(path: &Path) {
    lock(&TEMPORARIES).retain(|temporary| temporary != path);
}

/// Keeps `child` where a signal can end it, until [`take_child`] takes it back; returns its
/// id for that.
pub(crate) fn keep_child(child: Child) -> u32 {
    watch();
    let id = child.id();
    lock(&CHILDREN).push(child);
    id
}

/// Takes back the child `id` that [`keep_child`] keeps, to wait on it.
pub(crate) fn take_child(id: u32) -> Option<Child> {
    let mut children = lock(&CHILDREN);
    let position = children.iter().position(|child| child.id() == id)?;
    Some(children.swap_remove(position))
}

/// Runs `renames` with signals held off until it ends.
pub(super) fn hold_off<T>(renames: impl FnOnce() -> T) -> T {
    let _renaming = lock(&RENAMING);
    renames()
}

/// Removes the temporary files, then ends the process as `signal` would have.
#[cfg(unix)]
fn clean_up_and_end(signal: i32) -> ! {
    for child in lock(&CHILDREN).iter_mut() {
        let _ = child.kill();
    }
    let _renaming = lock(&RENAMING);
    for temporary in lock(&TEMPORARIES).drain(..) {
        let _ = std::fs::remove_file(temporary);
    }
    let _ = signal_hook::low_level::emulate_default_handler(signal);
    // Only reached if the signal could not end the process.
    std::process::exit(128 + signal)
}

/// Starts watching for the signals that end a process, once.
fn watch() {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        static WATCHING: std::sync::Once = std::sync::Once::new();
        WATCHING.call_once(|| {
            // Without a watcher a signal still ends the process, only leaving temporaries.
            if let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])
            {
                std::thread::spawn(move || {
                    if let Some(signal) = signals.forever().next() {
                        clean_up_and_end(signal);
                    }
                });
            }
        });
    }
}
