//! load → validate → graph, once, for every command that needs data. A command receives
//! data only when it has no errors; the errors themselves are shown here, before the command
//! runs, so every command fails the same way on invalid data (exit 1, nothing on stdout).

use std::path::Path;

use crate::cli::Config;
use crate::diagnostic::{self, Diagnostic, Severity};
use crate::error::Error;
use crate::graph::KnowledgeGraph;
use crate::load::{self, DataLocation};
use crate::model::Dataset;
use crate::validate;

/// A dataset as loaded and validated.
pub(crate) struct Checked {
    pub(crate) dataset: Dataset,
    /// Every problem loading or validation found.
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// With a sources folder: how many quotes were proven against a readable text.
    pub(crate) quotes_checked: Option<usize>,
}

/// The first two stages: load, then validate (quotes too, with `sources`), with every
/// problem either found.
pub(crate) fn check(location: &DataLocation, sources: Option<&Path>) -> Result<Checked, Error> {
    if let Some(dir) = sources.filter(|dir| !dir.is_dir()) {
        return Err(Error::SourcesNotFound(dir.to_path_buf()));
    }
    let loaded = load::load(location)?;
    let mut diagnostics = loaded.diagnostics;
    let outcome = validate::LoadOutcome {
        incomplete_ids: &loaded.incomplete_ids,
        complete: diagnostic::count(&diagnostics, Severity::Error) == 0,
        unread: loaded.unread,
        find_field: load::field_span,
    };
    let validation = validate::validate(&loaded.dataset, &outcome, sources);
    diagnostics.extend(validation.diagnostics);
    Ok(Checked {
        dataset: loaded.dataset,
        diagnostics,
        quotes_checked: validation.quotes_checked,
    })
}

/// The dataset, when it has no errors; otherwise its errors are shown and the command fails.
/// Warnings are `validate`'s alone, so other commands stay quiet.
pub(crate) fn valid(config: &Config) -> Result<Dataset, Error> {
    let Checked {
        dataset,
        mut diagnostics,
        ..
    } = check(&config.data, None)?;
    diagnostics.retain(|d| d.severity == Severity::Error);
    diagnostic::emit(&mut diagnostics, &dataset.files, config.diagnostics);
    match diagnostics.len() {
        0 => Ok(dataset),
        errors => Err(Error::InvalidData { errors }),
    }
}

/// Runs `command` on the graph of the valid data.
pub(crate) fn with_graph<T>(
    config: &Config,
    command: impl FnOnce(&KnowledgeGraph<'_>) -> Result<T, Error>,
) -> Result<T, Error> {
    let dataset = valid(config)?;
    command(&KnowledgeGraph::build(&dataset))
}
