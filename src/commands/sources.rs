//! `sources`: the documents the facts cite, with how many quotes cite each, as text, JSON,
//! BibTeX or CSL-JSON, so a report can cite them from a reference manager.

use std::fmt::Write as _;

use serde::Serialize;

use crate::cli::SourcesFormat;
use crate::error::Error;
use crate::export::json::{to_json, SourceRecord};
use crate::export::{bibtex, csl_json};
use crate::model::{Dataset, Source};
use crate::output;

pub(super) fn run(dataset: &Dataset, format: SourcesFormat) -> Result<i32, Error> {
    let citing = dataset.quotes_per_source();
    let sources = || {
        dataset.sources.iter().map(|source| {
            let quotes = citing.get(source.id.value.as_str()).copied().unwrap_or(0);
            (source, quotes)
        })
    };
    output::stdout(&match format {
        SourcesFormat::Text => text(sources()),
        SourcesFormat::Json => to_json(
            &sources()
                .map(|(source, quotes)| Cited {
                    source: SourceRecord::new(source),
                    quotes,
                })
                .collect::<Vec<_>>(),
        ),
        SourcesFormat::Bibtex => bibtex::export(sources()),
        SourcesFormat::CslJson => csl_json::export(sources()),
    })?;
    Ok(0)
}

#[derive(Serialize)]
struct Cited<'d> {
    #[serde(flatten)]
    source: SourceRecord<'d>,
    /// How many quotes in the dataset cite it.
    quotes: usize,
}

fn text<'d>(sources: impl Iterator<Item = (&'d Source, usize)>) -> String {
    let mut out = String::new();
    for (source, quotes) in sources {
        let _ = writeln!(out, "{}  ({quotes} quotes)", source.id.value);
        let _ = writeln!(out, "  {}", source.title);
        let _ = writeln!(out, "  {}, {}", source.publisher, source.date);
        let _ = writeln!(out, "  file: {}", source.file.value);
        if let Some(url) = &source.url {
            let _ = writeln!(out, "  url: {url}");
        }
        out.push('\n');
    }
    out
}
