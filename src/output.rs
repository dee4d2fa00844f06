//! Getting answers out: to stdout (a closed pipe ends the command quietly) or to a file that
//! is replaced only once the new content is complete (temp file in the same folder, then
//! rename), so a failure never leaves a half-written file.

use std::fmt::Write as _;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::diagnostic::{self, Diagnostic, Severity};
use crate::error::Error;
use crate::export::json::to_json;
use crate::model::Dataset;
use crate::query::OutputFormat;

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

/// Writes to `path` atomically, or to stdout when there is no path.
pub(crate) fn write(path: Option<&Path>, text: &str) -> Result<(), Error> {
    match path {
        None => stdout(text),
        Some(path) => write_atomically(path, text.as_bytes()),
    }
}

pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let error = |source| Error::Write {
        path: path.to_path_buf(),
        source,
    };
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

#[derive(Serialize)]
struct ValidationSummary<'d> {
    dataset: &'d str,
    entities: usize,
    relations: usize,
    sources: usize,
    quotes: usize,
    quotes_checked_against: Option<String>,
    errors: usize,
    warnings: usize,
    diagnostics: Vec<DiagnosticRecord<'d>>,
}

#[derive(Serialize)]
struct DiagnosticRecord<'d> {
    severity: &'static str,
    code: &'static str,
    message: &'d str,
    file: &'d str,
    line: usize,
    column: usize,
    notes: &'d [String],
}

/// What `validate` prints on stdout: the dataset checked and the outcome. (The diagnostics
/// themselves go to stderr, except in JSON, where they are part of the answer.)
pub(crate) fn validation_summary(
    dataset: &Dataset,
    diagnostics: &[Diagnostic],
    sources: Option<&Path>,
    format: OutputFormat,
) -> String {
    let errors = diagnostic::count(diagnostics, Severity::Error);
    let warnings = diagnostic::count(diagnostics, Severity::Warning);
    let quotes: usize = dataset.relations.iter().map(|r| r.evidence.len()).sum();
    match format {
        OutputFormat::Json => to_json(&ValidationSummary {
            dataset: &dataset.origin,
            entities: dataset.entities.len(),
            relations: dataset.relations.len(),
            sources: dataset.sources.len(),
            quotes,
            quotes_checked_against: sources.map(|dir| dir.display().to_string()),
            errors,
            warnings,
            diagnostics: diagnostics
                .iter()
                .map(|d| {
                    let span = d.primary_span();
                    let position = dataset.files.line_col(span);
                    DiagnosticRecord {
                        severity: match d.severity {
                            Severity::Error => "error",
                            Severity::Warning => "warning",
                        },
                        code: d.code,
                        message: &d.message,
                        file: dataset.files.name(span.file),
                        line: position.line,
                        column: position.column,
                        notes: &d.notes,
                    }
                })
                .collect(),
        }),
        OutputFormat::Text => {
            let mut out = String::new();
            let verdict = if errors > 0 { "invalid" } else { "ok" };
            let _ = write!(
                out,
                "{verdict}: {}: {} entities, {} relations, {} sources",
                dataset.origin,
                dataset.entities.len(),
                dataset.relations.len(),
                dataset.sources.len()
            );
            if let Some(dir) = sources {
                let _ = write!(out, "; {quotes} quotes checked against {}", dir.display());
            }
            let _ = writeln!(out, "; {errors} error(s), {warnings} warning(s)");
            out
        }
    }
}
