//! What the schema asks Graphviz to draw, checked against what Graphviz knows: a node shape
//! from its list, edge styles from its list, and colours as `#rrggbb` (the DOT export appends
//! an alpha to a kind's colour for its fill, so a colour name would become `red22`, which
//! Graphviz does not know either). Checked here so a typo is a located error, not a picture
//! drawn wrong or a `render` that fails.

use crate::diagnostic::Diagnostic;
use crate::model::Dataset;
use crate::validate::error::{push, ValidateErrorKind};

/// Graphviz's node shapes (https://graphviz.org/doc/info/shapes.html).
const SHAPES: &[&str] = &[
    "box",
    "polygon",
    "ellipse",
    "oval",
    "circle",
    "point",
    "egg",
    "triangle",
    "plaintext",
    "plain",
    "diamond",
    "trapezium",
    "parallelogram",
    "house",
    "pentagon",
    "hexagon",
    "septagon",
    "octagon",
    "doublecircle",
    "doubleoctagon",
    "tripleoctagon",
    "invtriangle",
    "invtrapezium",
    "invhouse",
    "Mdiamond",
    "Msquare",
    "Mcircle",
    "rect",
    "rectangle",
    "square",
    "star",
    "none",
    "underline",
    "cylinder",
    "note",
    "tab",
    "folder",
    "box3d",
    "component",
    "promoter",
    "cds",
    "terminator",
    "utr",
    "primersite",
    "restrictionsite",
    "fivepoverhang",
    "threepoverhang",
    "noverhang",
    "assembly",
    "signature",
    "insulator",
    "ribosite",
    "rnastab",
    "proteasesite",
    "proteinstab",
    "rpromoter",
    "rarrow",
    "larrow",
    "lpromoter",
];

/// Graphviz's edge styles (https://graphviz.org/docs/attr-types/style/).
const EDGE_STYLES: &[&str] = &["solid", "dashed", "dotted", "bold", "invis", "tapered"];

/// `#rrggbb`, the one colour form every use in the export accepts.
fn is_hex_colour(colour: &str) -> bool {
    colour.len() == 7
        && colour.starts_with('#')
        && colour[1..].bytes().all(|b| b.is_ascii_hexdigit())
}

/// Reports each shape, style and colour of the schema that Graphviz would not draw.
pub(super) fn check_drawing(dataset: &Dataset, diagnostics: &mut Vec<Diagnostic>) {
    for kind in &dataset.schema.kinds {
        let id = kind.id.value.as_str();
        if !SHAPES.contains(&kind.shape.as_str()) {
            let problem = ValidateErrorKind::NotDrawable {
                item: id.to_string(),
                field: "shape",
                value: kind.shape.clone(),
                expected: SHAPES,
            };
            push(diagnostics, problem, kind.id.span);
        }
        check_colour(id, &kind.color, kind.id.span, diagnostics);
    }
    for def in &dataset.schema.relation_types {
        let id = def.id.value.as_str();
        // A style may combine several (`bold,dashed`).
        if let Some(unknown) = def
            .style
            .split(',')
            .find(|s| !EDGE_STYLES.contains(&s.trim()))
        {
            let problem = ValidateErrorKind::NotDrawable {
                item: id.to_string(),
                field: "style",
                value: unknown.to_string(),
                expected: EDGE_STYLES,
            };
            push(diagnostics, problem, def.id.span);
        }
        check_colour(id, &def.color, def.id.span, diagnostics);
    }
}

fn check_colour(
    item: &str,
    colour: &str,
    at: crate::source::Span,
    diagnostics: &mut Vec<Diagnostic>,
) {
    if !is_hex_colour(colour) {
        let problem = ValidateErrorKind::NotDrawable {
            item: item.to_string(),
            field: "color",
            value: colour.to_string(),
            expected: &["#rrggbb, such as #1f77b4"],
        };
        push(diagnostics, problem, at);
    }
}

#[cfg(test)]
mod tests {
    use super::is_hex_colour;

    #[test]
    fn colours_are_six_hex_digits() {
        assert!(is_hex_colour("#1f77b4") && is_hex_colour("#ABCDEF"));
        for bad in ["red", "#fff", "#1f77b4ff", "1f77b4a", "#gggggg"] {
            assert!(!is_hex_colour(bad), "{bad}");
        }
    }
}
