//! Failures that are not about the content of the data: I/O, a missing folder, names on the
//! command line that resolve to nothing. Problems inside data files are diagnostics instead.

use std::io;
use std::path::PathBuf;

use compact_str::CompactString;

use crate::model::{EntityId, KindId};
use crate::names::suggestions;

/// The exit code when the data is invalid or the question has no answer.
pub(crate) const DATA: i32 = 1;
/// The exit code for every other error: usage, reading, writing, Graphviz.
pub(crate) const OTHER: i32 = 2;

/// Why a command could not run. `run()` prints it as `error: ...` with its causes.
#[derive(Debug, thiserror::Error)]
pub(crate) enum Error {
    #[error("no data folder at `{}`", .0.display())]
    DataNotFound(PathBuf),
    #[error("no sources folder at `{}`", .0.display())]
    SourcesNotFound(PathBuf),
    #[error("`{}` is a folder; give the name of a file to write", .0.display())]
    OutputIsFolder(PathBuf),
    #[error("cannot write `{}`: there is no folder `{}`", path.display(), folder.display())]
    NoFolder { path: PathBuf, folder: PathBuf },
    #[error("`{}` is a file, not a folder to write the files into", .0.display())]
    OutputIsFile(PathBuf),
    #[error("`{}` is one of the data files being read; writing it would destroy the data", .0.display())]
    OutputIsInput(PathBuf),
    #[error("`{}` would be read with the data as one of its files", .0.display())]
    OutputInData(PathBuf),
    #[error("relations/{theme}.yaml would draw a view named `{theme}`, the name of a view across themes")]
    ViewNameTaken {
        theme: String,
        /// The names the views across themes take.
        taken: Vec<&'static str>,
    },
    #[error("relations/{theme}.yaml would draw a view named `{theme}`, the name of a page of the `{view}` view")]
    PageNameTaken { theme: String, view: String },
    #[error("the views `{first}` and `{second}` differ only in case: on macOS and Windows one file would overwrite the other")]
    NamesDifferInCase { first: String, second: String },
    #[error("`{}` is a folder of YAML files inside the data, and sub-folders are not read", .0.display())]
    SubFolder(PathBuf),
    #[error("`{}` leads outside the data folder, to `{}`", path.display(), target.display())]
    OutsideData { path: PathBuf, target: PathBuf },
    #[error("cannot read `{}`", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("cannot write `{}`", path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("the data has {errors} error(s); run `vnla-graph validate` to see them")]
    InvalidData { errors: usize },
    #[error(transparent)]
    Name(#[from] NameError),
    #[error("Graphviz: {0}")]
    Graphviz(GraphvizError),
    #[error("{} out of date with the data", stale.join(", "))]
    StaleOutput { stale: Vec<String> },
    #[error("{}", unknown("entity kind", name))]
    UnknownKind {
        name: String,
        suggestions: Vec<String>,
    },
    #[error("{}", unknown("relation type", name))]
    UnknownRelationType {
        name: String,
        suggestions: Vec<String>,
    },
    #[error("unknown theme `{name}`")]
    UnknownTheme {
        name: String,
        /// The themes the data has.
        known: Vec<String>,
    },
    #[error("no entity has the country code `{code}`")]
    UnknownCountry {
        code: String,
        /// The codes the data's entities have.
        known: Vec<String>,
    },
    #[error("`{0}` is both ends of the path; give two different entities")]
    SameEntity(String),
    #[error("`{0}` is named twice; name each entity to connect once")]
    NamedTwice(String),
    #[error("`{name}` is {role}, so it cannot be avoided")]
    AvoidedEnd {
        name: String,
        /// "an end of the path", "one of the entities to connect".
        role: &'static str,
    },
    #[error("no path from `{from}` to `{to}`{}", filters_in_force(filters))]
    NoPath {
        from: String,
        to: String,
        filters: Vec<String>,
    },
    #[error("no ties join `{}` to `{}`{}", joined.join("`, `"), apart.join("`, `"), filters_in_force(filters))]
    NoConnection {
        /// The named entities the first can be joined to, itself included.
        joined: Vec<String>,
        apart: Vec<String>,
        filters: Vec<String>,
    },
}

/// Why Graphviz `dot` could not draw a picture.
#[derive(Debug, thiserror::Error)]
pub(crate) enum GraphvizError {
    #[error("cannot run `dot`: {0}")]
    CannotRun(io::Error),
    #[error("`dot` did not finish: {0}")]
    DidNotFinish(io::Error),
    #[error("`dot` failed: {stderr}")]
    Failed { stderr: String },
}

/// `unknown relation type `x``, or for an empty name (`--types ""`, a stray comma) that a
/// name is missing.
fn unknown(what: &str, name: &str) -> String {
    if name.is_empty() {
        format!("an empty {what} in the list (an empty value, or two commas in a row)")
    } else {
        format!("unknown {what} `{name}`")
    }
}

fn filters_in_force(filters: &[String]) -> String {
    if filters.is_empty() {
        String::new()
    } else {
        format!(" with {}", filters.join(" "))
    }
}

/// A name given on the command line that does not pick out exactly one entity.
#[derive(Debug, thiserror::Error)]
pub(crate) enum NameError {
    #[error("an entity name cannot be empty")]
    Empty,
    #[error("no entity matches `{query}`")]
    Unknown {
        query: String,
        suggestions: Vec<String>,
    },
    #[error("`{query}` matches {} entities", candidates.len())]
    Ambiguous {
        query: String,
        candidates: Vec<Candidate>,
    },
}

/// One of the entities an ambiguous name matches, as listed for the user to pick from.
#[derive(Debug)]
pub(crate) struct Candidate {
    pub(crate) id: EntityId,
    pub(crate) name: CompactString,
    pub(crate) kind: KindId,
}

impl Error {
    /// Exit code: 1 when the data is at fault or has no answer (invalid data, a link out of
    /// the data folder, a sub-folder of data files, a theme file named like a view, stale
    /// views, no path), 2 for every other error: what was typed (arguments, names, `--data`,
    /// `--out`), and a file that cannot be read or written or a Graphviz that cannot draw,
    /// as ripgrep and grep do.
    /// Listed in full, so a new error must be given its class.
    pub(crate) fn exit_code(&self) -> i32 {
        match self {
            Error::InvalidData { .. }
            | Error::OutsideData { .. }
            | Error::SubFolder(_)
            | Error::ViewNameTaken { .. }
            | Error::PageNameTaken { .. }
            | Error::NamesDifferInCase { .. }
            | Error::StaleOutput { .. }
            | Error::NoPath { .. }
            | Error::NoConnection { .. } => DATA,
            Error::Name(_)
            | Error::UnknownRelationType { .. }
            | Error::UnknownKind { .. }
            | Error::UnknownTheme { .. }
            | Error::UnknownCountry { .. }
            | Error::SameEntity(_)
            | Error::NamedTwice(_)
            | Error::AvoidedEnd { .. }
            | Error::DataNotFound(_)
            | Error::SourcesNotFound(_)
            | Error::OutputIsFolder(_)
            | Error::OutputIsInput(_)
            | Error::OutputInData(_)
            | Error::OutputIsFile(_)
            | Error::NoFolder { .. }
            | Error::Io { .. }
            | Error::Write { .. }
            | Error::Graphviz(_) => OTHER,
        }
    }

    /// Lines that help after the message: suggestions, candidates, what to do.
    pub(crate) fn hints(&self) -> Vec<String> {
        match self {
            Error::DataNotFound(_) => vec![
                "pass `--data DIR`, set VNLA_GRAPH_DATA, or run where a `graph-data` folder is"
                    .into(),
            ],
            Error::SubFolder(_) => vec![
                "move its files up into `entities/` or `relations/`, or the folder out of the data folder".into(),
            ],
            Error::OutsideData { .. } => vec![
                "copy the file into the data folder: links may only point within it".into(),
            ],
            Error::SourcesNotFound(_) => vec![
                "give `--sources` the folder holding the source texts that sources.yaml names (`file:`)"
                    .into(),
            ],
            Error::Name(NameError::Unknown { suggestions, .. }) if !suggestions.is_empty() => {
                vec![format!(
                    "did you mean {}?",
                    backticked(suggestions).join(" or ")
                )]
            }
            Error::Graphviz(GraphvizError::CannotRun(_)) => vec![
                "install Graphviz: the `graphviz` package (apt-get install graphviz, brew install graphviz)".into(),
            ],
            Error::Graphviz(_) => vec![
                "Graphviz refused the drawing; `vnla-graph export` writes the DOT it was given, to look at".into(),
            ],
            Error::OutputInData(_) => vec![
                "write it outside the data's `entities/` and `relations/` folders, or give it a name not ending in .yaml".into(),
            ],
            Error::OutputIsFile(_) => {
                vec!["name a folder to write the files into (it is made if missing)".into()]
            }
            Error::StaleOutput { .. } => vec!["run `vnla-graph render` and commit the result".into()],
            Error::ViewNameTaken { taken, .. } => vec![format!(
                "rename the file: these view names are taken: {}",
                taken.join(", ")
            )],
            Error::PageNameTaken { view, .. } => vec![format!(
                "rename the file: a view too big for a page is drawn as `{view}-1`, `{view}-2`, ..."
            )],
            Error::NamesDifferInCase { .. } => {
                vec!["rename one of the theme files: view names must differ after folding case".into()]
            }
            Error::UnknownRelationType { suggestions, .. } | Error::UnknownKind { suggestions, .. }
                if !suggestions.is_empty() =>
            {
                vec![format!(
                    "did you mean {}?",
                    backticked(suggestions).join(" or ")
                )]
            }
            Error::UnknownRelationType { .. } => {
                vec![
                    "relation types are listed by `vnla-graph stats` and declared in schema.yaml"
                        .into(),
                ]
            }
            Error::UnknownTheme { name, known } => {
                let close = suggestions(name, known.iter().map(String::as_str));
                let mut lines = Vec::new();
                if !close.is_empty() {
                    lines.push(format!("did you mean {}?", backticked(&close).join(" or ")));
                }
                lines.push(format!(
                    "a theme is a file in relations/ (`security` for relations/security.yaml): {}",
                    known.join(", ")
                ));
                lines
            }
            Error::UnknownCountry { known, .. } => {
                vec![format!("the country codes in the data: {}", known.join(", "))]
            }
            Error::NoPath { filters, .. } | Error::NoConnection { filters, .. }
                if !filters.is_empty() =>
            {
                let mut lines =
                    vec!["the filters may be what separates them; try without some of them".into()];
                let given = |flag: &str| filters.iter().any(|given| given == flag);
                if given("--chronological") && !given("--undated") {
                    lines.push("--chronological leaves undated ties out; --undated takes them as holding at any time".into());
                }
                lines
            }
            Error::Name(NameError::Unknown { .. }) => {
                vec!["`vnla-graph search TEXT` lists entities by name, alias or description".into()]
            }
            Error::Name(NameError::Ambiguous { candidates, .. }) => {
                let mut lines = vec!["candidates (give the id to pick one):".to_string()];
                lines.extend(
                    candidates
                        .iter()
                        .take(MAX_CANDIDATES)
                        .map(|c| format!("  {} - {} ({})", c.id, c.name, c.kind)),
                );
                if candidates.len() > MAX_CANDIDATES {
                    lines.push(format!(
                        "  ... and {} more; type more of the name",
                        candidates.len() - MAX_CANDIDATES
                    ));
                }
                lines
            }
            _ => Vec::new(),
        }
    }
}

/// Enough candidates to spot the right one; a longer list means the name was too short.
const MAX_CANDIDATES: usize = 12;

fn backticked(names: &[String]) -> Vec<String> {
    names.iter().map(|name| format!("`{name}`")).collect()
}
