//! `validate [--sources DIR]`: every problem in the data, with its file, line and column
//! (on stderr, or in the JSON answer), then a one-line verdict on stdout.

use std::fmt::Write as _;

use serde::Serialize;

use crate::cli::{Config, OutputFormat, ValidateRequest};
use crate::diagnostic::{self, Severity};
use crate::error::{self, Error};
use crate::export::json::to_json;
use crate::output;
use crate::pipeline::{self, Checked};

/// Exits 1 when the data has errors (warnings alone do not fail).
pub(super) fn run(config: &Config, request: &ValidateRequest) -> Result<i32, Error> {
    let mut checked = pipeline::check(&config.data, request.sources.as_deref())?;
    diagnostic::emit(
        &mut checked.diagnostics,
        &checked.dataset.files,
        config.diagnostics,
    );
    let errors = diagnostic::count(&checked.diagnostics, Severity::Error);
    output::stdout(&summary(&checked, request))?;
    Ok(if errors > 0 { error::DATA } else { 0 })
}

#[derive(Serialize)]
struct ValidationSummary<'d> {
    dataset: &'d str,
    entities: usize,
    relations: usize,
    sources: usize,
    quotes: usize,
    quotes_checked_against: Option<String>,
    /// With `--sources`: how many quotes were proven (those whose text could be read).
    #[serde(skip_serializing_if = "Option::is_none")]
    quotes_checked: Option<usize>,
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

/// What `validate` prints on stdout: the dataset checked and the outcome (the diagnostics
/// go to stderr, and in JSON are part of the answer too).
fn summary(checked: &Checked, request: &ValidateRequest) -> String {
    let Checked {
        dataset,
        diagnostics,
        quotes_checked,
    } = checked;
    let sources = request.sources.as_deref();
    let errors = diagnostic::count(diagnostics, Severity::Error);
    let warnings = diagnostic::count(diagnostics, Severity::Warning);
    let quotes: usize = dataset.relations.iter().map(|r| r.evidence.len()).sum();
    match request.format {
        OutputFormat::Json => to_json(&ValidationSummary {
            dataset: &dataset.origin,
            entities: dataset.entities.len(),
            relations: dataset.relations.len(),
            sources: dataset.sources.len(),
            quotes,
            quotes_checked_against: sources.map(|dir| dir.display().to_string()),
            quotes_checked: *quotes_checked,
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
            if let (Some(dir), Some(checked)) = (sources, quotes_checked) {
                if *checked == quotes {
                    let _ = write!(out, "; {quotes} quotes checked against {}", dir.display());
                } else {
                    let _ = write!(
                        out,
                        "; {checked} of {quotes} quotes checked against {} ({} could not be)",
                        dir.display(),
                        quotes - checked
                    );
                }
            }
            let _ = writeln!(out, "; {errors} error(s), {warnings} warning(s)");
            out
        }
    }
}
