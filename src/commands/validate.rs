//! `validate [--sources DIR]`: every problem in the data, with its file, line and column
//! (on stderr, or in the JSON answer), then a one-line verdict on stdout.

use std::fmt::Write as _;
use std::path::Path;

use serde::Serialize;

use crate::cli::{Config, OutputFormat, ValidateRequest};
use crate::diagnostic::{self, Diagnostic, Severity};
use crate::error::Error;
use crate::export::json::to_json;
use crate::model::Dataset;
use crate::output;
use crate::pipeline;

/// Exits 1 when the data has errors (warnings alone do not fail).
pub(super) fn run(config: &Config, request: &ValidateRequest) -> Result<i32, Error> {
    let sources = request.sources.as_deref();
    let (dataset, mut diagnostics) = pipeline::check(&config.data, sources)?;
    diagnostic::emit(&mut diagnostics, &dataset.files, config.diagnostics);
    let errors = diagnostic::count(&diagnostics, Severity::Error);
    output::stdout(&summary(&dataset, &diagnostics, sources, request.format))?;
    Ok(i32::from(errors > 0))
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

/// What `validate` prints on stdout: the dataset checked and the outcome (the diagnostics
/// go to stderr, and in JSON are part of the answer too).
fn summary(
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
