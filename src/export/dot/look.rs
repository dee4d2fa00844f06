//! How each relation type and entity kind looks, derived by rule from its place in
//! schema.yaml, so a new type gets a look of its own without anyone choosing colours:
//! the Okabe–Ito colour-blind-safe palette, darkened where needed to at least 3:1 contrast on
//! white (WCAG 2.1 non-text contrast), and a dash pattern and arrowhead that tell types apart
//! without colour.

/// Okabe & Ito, "Color Universal Design" (2008), without sky blue (too close to blue once
/// darkened to 3:1); yellow is darkened to olive by [`visible`]. Ordered so the first five
/// are the most unlike (orange and olive, once darkened, are near vermillion and each other).
const OKABE_ITO: [(u8, u8, u8); 7] = [
    (0x00, 0x72, 0xB2), // blue
    (0xD5, 0x5E, 0x00), // vermillion
    (0x00, 0x9E, 0x73), // bluish green
    (0xCC, 0x79, 0xA7), // reddish purple
    (0x00, 0x00, 0x00), // black
    (0xE6, 0x9F, 0x00), // orange
    (0xF0, 0xE4, 0x42), // yellow
];

/// Line styles, thin then thick: six that print apart at 5 pt.
const DASHES: [&str; 6] = [
    "solid",
    "dashed",
    "dotted",
    "bold",
    "bold,dashed",
    "bold,dotted",
];
const ARROWHEADS: [&str; 4] = ["normal", "vee", "empty", "dot"];

/// WCAG 2.1 non-text contrast: lines and the labels drawn in their colour.
pub(crate) const MIN_CONTRAST: f64 = 3.0;

/// How one relation type is drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Look {
    pub(crate) color: String,
    pub(crate) style: &'static str,
    pub(crate) arrowhead: &'static str,
    /// Drawn as two parallel lines: several ties of one family.
    pub(crate) double: bool,
}

/// The look of a relation type: its family's colour (the `family`-th, cycling after seven,
/// fixed by the schema, so a family has one colour in every picture), and a line style and
/// arrowhead by its place `within` the family's types a picture draws, cycling with lengths
/// 6 and 4 (the arrowhead changing every sixth type), so in one picture the first six types
/// of a family differ by their line alone and the first 24 by line and head.
pub(crate) fn type_look(family: usize, within: usize) -> Look {
    Look {
        color: family_color(family),
        style: DASHES[within % DASHES.len()],
        arrowhead: ARROWHEADS[(within / DASHES.len()) % ARROWHEADS.len()],
        double: false,
    }
}

/// The colour of the `family`-th family of relation types, cycling after seven.
fn family_color(family: usize) -> String {
    hex(visible(OKABE_ITO[family % OKABE_ITO.len()]))
}

/// Several ties of one family between one pair: a double line in the family's colour (grey
/// for claims), so it looks like none of the family's types yet tells which family it is.
pub(crate) fn family_bundle_look(family: usize, claim: bool) -> Look {
    Look {
        color: if claim {
            claim_look().color
        } else {
            family_color(family)
        },
        style: "solid",
        arrowhead: "normal",
        double: true,
    }
}

/// The outline colour of the entity kind at `position`; its fill is the same colour, faint.
pub(crate) fn kind_color(position: usize) -> String {
    // Offset from the types' order, so the first kind and the first type differ.
    hex(visible(OKABE_ITO[(position + 3) % OKABE_ITO.len()]))
}

/// A claim looks like no type: grey, dashed, an open diamond for a head.
pub(crate) fn claim_look() -> Look {
    Look {
        color: "#666666".to_string(),
        style: "dashed",
        arrowhead: "odiamond",
        double: false,
    }
}

/// Ties of unlike families between one pair, drawn as one edge with a label line per type.
pub(crate) fn bundle_look() -> Look {
    Look {
        color: "#333333".to_string(),
        style: "bold",
        arrowhead: "none",
        double: false,
    }
}

/// A path's hops: strong, whatever their type.
pub(crate) const EMPHASIS_COLOR: &str = "#000000";
/// Cluster outlines and the key's frame.
pub(crate) const FRAME_COLOR: &str = "#767676";

/// WCAG 2.1 text contrast (level AA): labels at 7–9 pt drawn in a line's colour at 3:1 read
/// as faint (a reviewer's find), so their text is darker than their line.
const TEXT_CONTRAST: f64 = 4.5;

/// The colour darkened (towards black, keeping its hue) until it has [`MIN_CONTRAST`] on white.
fn visible(color: (u8, u8, u8)) -> (u8, u8, u8) {
    darkened(color, MIN_CONTRAST)
}

/// The colour darkened (towards black, keeping its hue) until it has `contrast` on white.
fn darkened(color: (u8, u8, u8), contrast: f64) -> (u8, u8, u8) {
    let mut factor = 1.0;
    loop {
        let scaled = |channel: u8| (f64::from(channel) * factor).round() as u8;
        let darker = (scaled(color.0), scaled(color.1), scaled(color.2));
        if contrast_on_white(darker) >= contrast + 0.05 {
            return darker;
        }
        factor -= 0.01;
    }
}

/// The colour of a label drawn beside a line of `color` (`#rrggbb`): the same hue, darkened
/// to [`TEXT_CONTRAST`] on white.
pub(crate) fn text_color(color: &str) -> String {
    parse_hex(color).map_or_else(
        || color.to_string(),
        |rgb| hex(darkened(rgb, TEXT_CONTRAST)),
    )
}

fn hex((r, g, b): (u8, u8, u8)) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// `#rrggbb` (or `#rrggbbaa`) as its channels.
fn parse_hex(color: &str) -> Option<(u8, u8, u8)> {
    let digits = color.strip_prefix('#')?;
    let channel = |at: usize| u8::from_str_radix(digits.get(at..at + 2)?, 16).ok();
    (digits.len() == 6 || digits.len() == 8).then_some(())?;
    Some((channel(0)?, channel(2)?, channel(4)?))
}

/// WCAG 2.1 contrast ratio of a colour against white: (1 + 0.05) / (L + 0.05).
pub(crate) fn contrast_on_white(color: (u8, u8, u8)) -> f64 {
    let linear = |channel: u8| {
        let c = f64::from(channel) / 255.0;
        if c <= 0.040_45 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let luminance = 0.2126 * linear(color.0) + 0.7152 * linear(color.1) + 0.0722 * linear(color.2);
    1.05 / (luminance + 0.05)
}

#[cfg(test)]
mod tests {
    use super::{
        bundle_look, claim_look, contrast_on_white, family_bundle_look, kind_color, parse_hex,
        text_color, type_look, Look, FRAME_COLOR, MIN_CONTRAST, TEXT_CONTRAST,
    };

    #[test]
    fn a_label_is_darker_than_its_line_to_text_contrast_and_keeps_its_hue() {
        for family in 0..7 {
            let line = type_look(family, 0).color;
            let text = text_color(&line);
            assert!(contrast(&text) >= TEXT_CONTRAST, "{line} → {text}");
            let (r, g, b) = parse_hex(&line).unwrap();
            let (tr, tg, tb) = parse_hex(&text).unwrap();
            // Darkened by one factor: the channels keep their order.
            assert!(tr <= r && tg <= g && tb <= b, "{line} → {text}");
            assert_eq!((r >= g, g >= b), (tr >= tg, tg >= tb), "{line} → {text}");
        }
        assert_eq!(text_color("#000000"), "#000000");
    }

    fn contrast(color: &str) -> f64 {
        contrast_on_white(parse_hex(color).expect("a #rrggbb colour"))
    }

    #[test]
    fn contrast_follows_wcag() {
        assert!((contrast("#000000") - 21.0).abs() < 0.01);
        assert!((contrast("#ffffff") - 1.0).abs() < 0.01);
        // #767676 is the lightest grey with 4.5:1, a known WCAG value.
        assert!((contrast("#767676") - 4.54).abs() < 0.01);
    }

    #[test]
    fn every_look_is_visible_on_white() {
        let looks =
            (0..10)
                .flat_map(|family| (0..12).map(move |within| type_look(family, within)))
                .chain([claim_look(), bundle_look()])
                .chain((0..10).flat_map(|family| {
                    [false, true].map(|claim| family_bundle_look(family, claim))
                }));
        for look in looks {
            assert!(contrast(&look.color) >= MIN_CONTRAST, "{look:?}");
        }
        for position in 0..20 {
            assert!(contrast(&kind_color(position)) >= MIN_CONTRAST);
        }
        assert!(contrast(FRAME_COLOR) >= MIN_CONTRAST);
    }

    #[test]
    fn a_familys_types_differ_by_line_then_head_and_families_by_colour() {
        let looks: Vec<((usize, usize), Look)> = (0..7)
            .flat_map(|family| {
                (0..24).map(move |within| ((family, within), type_look(family, within)))
            })
            .collect();
        for (a, (place, look)) in looks.iter().enumerate() {
            for (other, other_look) in &looks[a + 1..] {
                assert_ne!(look, other_look, "types {place:?} and {other:?}");
                if place.0 == other.0 && other.1 < 6 {
                    assert_ne!(
                        look.style, other_look.style,
                        "types {place:?} and {other:?}"
                    );
                }
                if place.0 == other.0 {
                    assert_ne!(
                        (look.style, look.arrowhead),
                        (other_look.style, other_look.arrowhead),
                        "types {place:?} and {other:?} differ only by colour"
                    );
                } else {
                    assert_ne!(look.color, other_look.color, "families share a colour");
                }
            }
        }
    }
}
