//! The key of a picture: one small table in the bottom right corner (the graph's label),
//! listing only what the picture draws — its kinds, then its edge looks — in two columns
//! (more on a poster).

use std::fmt::Write as _;

use rustc_hash::FxHashSet;

use super::look::{self, Look};
use super::ties::Drawing;
use super::{edge_look, html, Context};
use crate::model::{Entity, KindId, RelationType};

/// One entry of the key.
enum Entry {
    Kind {
        label: String,
        color: String,
        about: String,
    },
    Line {
        label: String,
        look: Look,
        about: String,
        /// Drawn with an arrowhead (not a symmetric type, nor a bundle).
        directed: bool,
    },
}

/// A glyph close to a Graphviz arrowhead, for the key (one a common font has).
fn arrowhead_glyph(arrowhead: &str) -> &'static str {
    match arrowhead {
        "normal" => "▶",
        "vee" => "➤",
        "empty" => "▷",
        "dot" => "●",
        "odiamond" => "◇",
        _ => "",
    }
}

/// Rows of a page's two-column key at most; a longer key (a poster's) is a strip this many
/// rows tall.
const PAGE_KEY_ROWS: usize = 14;
const POSTER_KEY_ROWS: usize = 4;

/// The key as an HTML-like table, or `None` when nothing is drawn.
pub(super) fn table(
    context: &Context<'_, '_>,
    entities: &[&Entity],
    drawing: &Drawing<'_>,
) -> Option<String> {
    let entries = entries(context, entities, drawing);
    if entries.is_empty() {
        return None;
    }
    let kinds = entries
        .iter()
        .take_while(|entry| matches!(entry, Entry::Kind { .. }))
        .count();
    let lines = entries.len() - kinds;
    // A page's key: its kinds in the first column, its lines in one or two beside them, so a
    // line never stands under a kind (a reviewer read such a row as broken). A poster's many
    // types become a wide strip of a few rows, as Graphviz keeps the label's height clear
    // across the whole width.
    let columns: Vec<&[Entry]> = if entries.len() <= 2 * PAGE_KEY_ROWS {
        let (kind_entries, line_entries) = entries.split_at(kinds);
        let line_columns = if lines > kinds.max(PAGE_KEY_ROWS / 2) {
            2
        } else {
            1
        };
        let per_column = lines.div_ceil(line_columns).max(1);
        std::iter::once(kind_entries)
            .filter(|column| !column.is_empty())
            .chain(line_entries.chunks(per_column))
            .collect()
    } else {
        let rows = entries
            .len()
            .div_ceil(entries.len().div_ceil(POSTER_KEY_ROWS));
        entries.chunks(rows).collect()
    };
    let rows = columns.iter().map(|column| column.len()).max().unwrap_or(0);
    let mut table = format!(
        "<table border=\"1\" cellborder=\"0\" cellspacing=\"0\" cellpadding=\"1\" color=\"{}\"><tr><td colspan=\"{}\" align=\"left\"><b>Key</b></td></tr>",
        look::FRAME_COLOR,
        3 * columns.len()
    );
    for row in 0..rows {
        table.push_str("<tr>");
        for column in &columns {
            match column.get(row) {
                Some(entry) => cells(&mut table, entry),
                None => table.push_str("<td colspan=\"3\"></td>"),
            }
        }
        table.push_str("</tr>");
    }
    table.push_str("</table>");
    Some(table)
}

fn cells(table: &mut String, entry: &Entry) {
    match entry {
        Entry::Kind {
            label,
            color,
            about,
        } => {
            let _ = write!(
                table,
                "<td colspan=\"3\" align=\"left\" border=\"1\" color=\"{color}\" bgcolor=\"{color}1a\" style=\"rounded\" tooltip=\"{}\">{}</td>",
                html(about),
                html(label)
            );
        }
        Entry::Line {
            label,
            look,
            about,
            directed,
        } => {
            // A table cell knows solid, dashed and dotted borders; bold is a thicker one.
            let width = if look.style.contains("bold") { 3 } else { 2 };
            let style = ["dashed", "dotted"]
                .into_iter()
                .find(|dash| look.style.contains(dash))
                .map(|dash| format!(" style=\"{dash}\""))
                .unwrap_or_default();
            // The line's head as the picture draws it, as near as a glyph comes; none for a
            // type drawn without direction.
            // (Graphviz refuses an empty `<font>`, so a cell without a head holds a space.)
            let head = match arrowhead_glyph(look.arrowhead) {
                glyph if *directed && !glyph.is_empty() => {
                    format!("<font color=\"{}\">{glyph}</font>", look.color)
                }
                _ => " ".to_string(),
            };
            // The sample is the lower border of the upper half of its cell, so the line runs
            // level with the middle of its label rather than under it.
            // A double line is two such borders, one above the other.
            let line = |height: u8| {
                format!(
                    "<tr><td sides=\"b\" border=\"{width}\" color=\"{}\"{style} width=\"26\" height=\"{height}\"></td></tr>",
                    look.color
                )
            };
            let lines = if look.double {
                line(2) + &line(4)
            } else {
                line(6)
            };
            let _ = write!(
                table,
                "<td><table border=\"0\" cellborder=\"0\" cellspacing=\"0\" cellpadding=\"0\">{lines}<tr><td height=\"6\"></td></tr></table></td><td align=\"left\">{head}</td><td align=\"left\" tooltip=\"{}\"><font color=\"{}\">{}</font></td>",
                html(about),
                look::text_color(&look.color),
                html(label)
            );
        }
    }
}

/// What the picture draws, in schema order: kinds, types, then claims, bundles and path steps.
fn entries(context: &Context<'_, '_>, entities: &[&Entity], drawing: &Drawing<'_>) -> Vec<Entry> {
    let dataset = context.dataset;
    // A list's members are drawn as lines of text, framed in their kind's colour only when
    // they share one: the key shows the kinds a reader sees drawn.
    let mut kinds: FxHashSet<&KindId> = entities
        .iter()
        .filter(|e| !drawing.listed.contains_key(e.id.value.as_str()))
        .map(|e| &e.kind.value)
        .collect();
    for list in &drawing.lists {
        let mut of_members = list
            .members
            .iter()
            .filter_map(|member| context.names.get(member).map(|e| &e.kind.value));
        if let Some(first) = of_members.next() {
            if of_members.all(|kind| kind == first) {
                kinds.insert(first);
            }
        }
    }
    let singles = || drawing.edges.iter().filter(|edge| edge.ties.len() == 1);
    let types: FxHashSet<&RelationType> = singles()
        .map(|edge| &edge.ties[0])
        .filter(|tie| !tie.claim)
        .map(|tie| tie.relation_type)
        .collect();
    let drawn_kinds = || {
        dataset
            .schema
            .kinds
            .iter()
            .filter(|kind| kinds.contains(&kind.id.value))
    };
    // The key's swatch is a box in the kind's colour, whatever its shape: the shape, named in
    // words, says what to look for (kinds take seven colours, so two drawn can share one, and
    // a reviewer looked for the cylinder a bank is drawn as).
    let mut entries: Vec<Entry> = drawn_kinds()
        .map(|kind| Entry::Kind {
            label: format!("{} ({})", kind.label, shape_in_words(&kind.shape)),
            color: context.kind_color(&kind.id.value),
            about: kind.description.clone(),
        })
        .collect();
    entries.extend(
        dataset
            .schema
            .relation_types
            .iter()
            .filter(|def| types.contains(&def.id.value))
            .map(|def| Entry::Line {
                label: def.label.clone(),
                look: context.type_look(&def.id.value),
                about: def.description.clone(),
                directed: !def.symmetric,
            }),
    );
    if singles().any(|edge| edge.ties[0].claim) {
        entries.push(Entry::Line {
            label: "claimed".to_string(),
            look: look::claim_look(),
            directed: true,
            about: "A source reports someone asserting this tie; it does not state it".to_string(),
        });
    }
    let several = || drawing.edges.iter().filter(|edge| edge.ties.len() > 1);
    if let Some(edge) = several().find(|edge| edge_look(context, edge).double) {
        // One entry stands for every family's double line: in black, it names none of them.
        entries.push(Entry::Line {
            label: "several ties (types in its colour)".to_string(),
            look: Look {
                color: look::EMPHASIS_COLOR.to_string(),
                ..edge_look(context, edge)
            },
            directed: true,
            about: "More than two ties between one pair, all of types drawn in the line's \
                    colour: the label names each"
                .to_string(),
        });
    }
    if several().any(|edge| !edge_look(context, edge).double) {
        entries.push(Entry::Line {
            label: "several ties".to_string(),
            look: look::bundle_look(),
            directed: false,
            about: "More than two ties between one pair, of unlike types: the label names each"
                .to_string(),
        });
    }
    if !context.emphasis.relations.is_empty() {
        entries.push(Entry::Line {
            label: "step n of the path".to_string(),
            directed: true,
            about: "The hops of the path, numbered from its start".to_string(),
            look: Look {
                color: look::EMPHASIS_COLOR.to_string(),
                style: "bold",
                arrowhead: "normal",
                double: false,
            },
        });
    }
    entries
}

/// A Graphviz node shape in words a reader knows.
fn shape_in_words(shape: &str) -> &str {
    match shape {
        "box" | "rect" | "rectangle" => "rectangle",
        "box3d" => "3-D box",
        "doubleoctagon" => "double octagon",
        "tripleoctagon" => "triple octagon",
        "invhouse" => "upside-down house",
        "component" => "box with tabs",
        "note" => "page, corner folded",
        "septagon" => "heptagon",
        "oval" => "ellipse",
        "Mrecord" => "rounded box",
        other => other,
    }
}
