//! The report views behind `render`: which selections make up `output/`, each written as
//! `.dot` and `.svg` by running Graphviz `dot`.
//!
//! The whole graph is too dense for a report page, so it is drawn split: one view per theme
//! (each `relations/` file: together they hold every relation), then a few cross-cutting
//! views. `vnla-graph export | dot -Tsvg` still gives the whole poster.
//!
//! Every view is written to temporary files as it is drawn, and they replace the old views
//! together only when every view has rendered, so a failed or interrupted run leaves the old
//! files as they were. `--check` compares the
//! DOT of each view with the file on disk instead of writing (the SVG depends on the installed
//! Graphviz version, so only DOT is compared).

use std::path::Path;

use crate::error::Error;
use crate::export::dot::{self, Cluster, DotOptions, Emphasis, RankDir};
use crate::export::html;
use crate::graph::KnowledgeGraph;
use crate::graphviz::to_svg;
use crate::model::{Date, RelationType, Theme};
use crate::output::{self, Staged};
use crate::query::select::Selection;
use crate::query::time::TimeFilter;

/// One picture: what it selects and how it is laid out.
struct View {
    name: &'static str,
    title: &'static str,
    focus: Option<(&'static str, usize)>,
    types: &'static [&'static str],
    since: Option<&'static str>,
    until: Option<&'static str>,
    cluster: Cluster,
}

/// Views across themes, drawn after the theme views.
const VIEWS: &[View] = &[
    View {
        name: "signatories",
        title: "Treaties and agreements, and who signed them",
        focus: None,
        types: &["signed"],
        since: None,
        until: None,
        cluster: Cluster::None,
    },
    View {
        name: "history-1945-1977",
        title: "History 1945–1977",
        focus: None,
        types: &[],
        since: Some("1945"),
        until: Some("1977"),
        cluster: Cluster::Country,
    },
    View {
        name: "kaysone-phomvihane",
        title: "Kaysone Phomvihane's neighbourhood",
        focus: Some(("Kaysone_Phomvihane", 1)),
        types: &[],
        since: None,
        until: None,
        cluster: Cluster::Country,
    },
];

/// A view that could be drawn: its file stem and DOT text.
struct Drawn {
    name: String,
    dot: String,
}

fn date(text: Option<&str>) -> Option<Date> {
    text.map(|text| Date::parse(text).expect("view dates are valid"))
}

/// The DOT of one view per theme (in file order), then of every view in [`VIEWS`] whose
/// focus entity exists in this dataset.
fn draw_all(graph: &KnowledgeGraph<'_>) -> Result<Vec<Drawn>, Error> {
    // Every view reads left to right, the shape of a report page.
    let draw = |selection: Selection, title: &str, cluster: Cluster| {
        let (entities, relations) = selection.apply(graph);
        let options = DotOptions {
            cluster,
            rankdir: RankDir::LeftRight,
        };
        dot::export(
            graph.dataset,
            &entities,
            &relations,
            title,
            options,
            &Emphasis::default(),
        )
    };
    let themes = graph.dataset.themes();
    // A theme named like a view across themes would overwrite it, and `--check` would then
    // fail on the very next run.
    if let Some(taken) = themes
        .iter()
        .find(|theme| VIEWS.iter().any(|v| v.name == **theme))
    {
        return Err(Error::ViewNameTaken {
            theme: taken.to_string(),
            taken: VIEWS.iter().map(|view| view.name).collect(),
        });
    }
    let mut drawn: Vec<Drawn> = themes
        .into_iter()
        .map(|theme| {
            let selection = Selection {
                themes: vec![Theme::from(theme)],
                ..Selection::default()
            };
            let title = format!(
                "Vietnam–Laos relations: {} (relations/{theme}.yaml)",
                theme.replace(['_', '-'], " ")
            );
            Drawn {
                name: theme.to_string(),
                dot: draw(selection, &title, Cluster::Country),
            }
        })
        .collect();
    for view in VIEWS {
        let focus = match view.focus {
            Some((id, _)) => match graph.node(id) {
                Some(node) => Some(node),
                None => continue,
            },
            None => None,
        };
        let selection = Selection {
            focus,
            depth: view.focus.map_or(0, |(_, depth)| depth),
            types: view.types.iter().map(|t| RelationType::from(*t)).collect(),
            time: TimeFilter {
                at: None,
                since: date(view.since),
                until: date(view.until),
                ..TimeFilter::default()
            },
            ..Selection::default()
        };
        drawn.push(Drawn {
            name: view.name.to_string(),
            dot: draw(selection, view.title, view.cluster),
        });
    }
    Ok(drawn)
}

/// The explorer of the whole graph, `explorer.html` in `output/`.
const EXPLORER: &str = "explorer.html";

fn explorer_title(graph: &KnowledgeGraph<'_>) -> String {
    format!("Vietnam–Laos relations ({})", graph.dataset.origin)
}

/// Draws every view into `out` (created if missing) and returns the files written. Each
/// view is written to temporary files as it is drawn, and all replace the old views together
/// once every one is drawn: a failure or Ctrl-C leaves the old set as it was.
pub(crate) fn render(graph: &KnowledgeGraph<'_>, out: &Path) -> Result<Vec<String>, Error> {
    let drawn = draw_all(graph)?;
    let existed = out.exists();
    let (entities, relations) = Selection::default().apply(graph);
    let options = DotOptions {
        cluster: Cluster::Country,
        rankdir: RankDir::LeftRight,
    };
    let explorer = html::export(
        graph,
        &entities,
        &relations,
        &explorer_title(graph),
        options,
    )?;
    for line in explorer.warnings.lines() {
        output::message(&format!("warning: dot (explorer): {line}"));
    }
    std::fs::create_dir_all(out).map_err(|source| Error::Write {
        path: out.to_path_buf(),
        source,
    })?;
    let staged = stage_views(&drawn, out).and_then(|mut staged| {
        let path = out.join(EXPLORER);
        let mut page = Staged::new(&path)?;
        page.write_all(explorer.html.as_bytes())?;
        staged.push((path.display().to_string(), page));
        Ok(staged)
    });
    if staged.is_err() && !existed {
        // Only a folder left empty goes; it was made for these views.
        let _ = std::fs::remove_dir(out);
    }
    let (files, staged): (Vec<String>, Vec<Staged>) = staged?.into_iter().unzip();
    output::replace_all(staged)?;
    Ok(files)
}

/// Every view's `.dot` and `.svg`, written aside, with the names they will have.
fn stage_views(drawn: &[Drawn], out: &Path) -> Result<Vec<(String, Staged)>, Error> {
    let mut staged = Vec::new();
    for view in drawn {
        let [dot_path, svg_path] =
            ["dot", "svg"].map(|ext| out.join(format!("{}.{ext}", view.name)));
        let mut dot_file = Staged::new(&dot_path)?;
        dot_file.write_all(view.dot.as_bytes())?;
        let mut svg_file = Staged::new(&svg_path)?;
        let (svg, warnings) = to_svg(&view.dot, &[])?;
        svg_file.write_all(&svg)?;
        for line in warnings.lines() {
            output::message(&format!("warning: dot ({}): {line}", view.name));
        }
        staged.push((dot_path.display().to_string(), dot_file));
        staged.push((svg_path.display().to_string(), svg_file));
    }
    Ok(staged)
}

/// The views whose `.dot` in `out` differs from what the data gives now (or is missing), and
/// the explorer when the data it carries does.
pub(crate) fn stale(graph: &KnowledgeGraph<'_>, out: &Path) -> Result<Vec<String>, Error> {
    let (entities, relations) = Selection::default().apply(graph);
    let explorer = out.join(EXPLORER);
    let explorer_current = std::fs::read_to_string(&explorer).is_ok_and(|html| {
        html::is_current(&html, graph, &entities, &relations, &explorer_title(graph))
    });
    let stale_explorer = (!explorer_current).then(|| explorer.display().to_string());
    Ok(draw_all(graph)?
        .into_iter()
        .filter(|view| {
            std::fs::read_to_string(out.join(format!("{}.dot", view.name)))
                .ok()
                .as_deref()
                != Some(view.dot.as_str())
        })
        .map(|view| out.join(format!("{}.dot", view.name)).display().to_string())
        .chain(stale_explorer)
        .collect())
}
