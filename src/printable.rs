//! Which characters may reach a terminal as they are. Control characters (ESC starts the
//! sequences that retitle, clear or recolour a terminal), bidirectional controls (which
//! reorder what is shown, as in "Trojan Source") and the other invisible format characters
//! never do: validation refuses them in data (VG037), and whatever else is printed (file
//! names, what was typed) has them escaped on the way out.

use std::borrow::Cow;

/// Why a character may not be shown as it is; `None` for one that may.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unsafe {
    /// C0 (other than a line break or tab), DEL and C1.
    Control,
    /// U+202A–U+202E and U+2066–U+2069, and the marks U+200E, U+200F, U+061C.
    Bidirectional,
    /// Zero-width, invisible and other format characters (general category Cf, but the
    /// joiners U+200C and U+200D that some scripts and emoji need), and the line and
    /// paragraph separators U+2028 and U+2029.
    Invisible,
}

impl Unsafe {
    pub(crate) fn of(c: char) -> Option<Unsafe> {
        // Asked of every character of every quote: most are printable ASCII.
        if c == ' ' || c.is_ascii_graphic() {
            return None;
        }
        let code = u32::from(c);
        if c.is_control() && !matches!(c, '\n' | '\t') {
            return Some(Unsafe::Control);
        }
        if matches!(code, 0x202A..=0x202E | 0x2066..=0x2069 | 0x200E | 0x200F | 0x061C) {
            return Some(Unsafe::Bidirectional);
        }
        INVISIBLE
            .iter()
            .any(|range| range.contains(&code))
            .then_some(Unsafe::Invisible)
    }

    pub(crate) fn describe(self) -> &'static str {
        match self {
            Unsafe::Control => "a control character",
            Unsafe::Bidirectional => "a bidirectional control",
            Unsafe::Invisible => "an invisible format character",
        }
    }
}

/// The format characters of Unicode 16 (category Cf) but the bidirectional ones and the two
/// joiners, and the line and paragraph separators.
const INVISIBLE: &[std::ops::RangeInclusive<u32>] = &[
    0x00AD..=0x00AD,
    0x0600..=0x0605,
    0x06DD..=0x06DD,
    0x070F..=0x070F,
    0x0890..=0x0891,
    0x08E2..=0x08E2,
    0x180E..=0x180E,
    0x200B..=0x200B,
    0x2028..=0x2029,
    0x2060..=0x2064,
    0x206A..=0x206F,
    0xFEFF..=0xFEFF,
    0xFFF9..=0xFFFB,
    0x110BD..=0x110BD,
    0x110CD..=0x110CD,
    0x13430..=0x1343F,
    0x1BCA0..=0x1BCA3,
    0x1D173..=0x1D17A,
    0xE0001..=0xE0001,
    0xE0020..=0xE007F,
];

/// `text` with every character that may not be shown written as a JSON escape (`\u001b`,
/// `\u202e`; a pair of them past U+FFFF), which reads plainly in text and keeps a JSON
/// answer valid and meaning the same. Borrowed when there is none, as almost always.
pub(crate) fn escaped(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| Unsafe::of(c).is_some()) {
        return Cow::Borrowed(text);
    }
    let mut shown = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if Unsafe::of(c).is_some() {
            for unit in c.encode_utf16(&mut [0; 2]) {
                shown.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            shown.push(c);
        }
    }
    Cow::Owned(shown)
}

#[cfg(test)]
mod tests {
    use super::{escaped, Unsafe};

    #[test]
    fn controls_bidi_and_invisible_characters_are_escaped_and_the_rest_kept() {
        assert_eq!(
            escaped("a\u{1b}]0;title\u{7}b\u{202e}c\u{200b}d\u{9b}e\u{e0041}"),
            r"a\u001b]0;title\u0007b\u202ec\u200bd\u009be\udb40\udc41"
        );
        assert_eq!(
            escaped("Phạm Minh Chính\n\tລາວ 👩\u{200d}👩"),
            "Phạm Minh Chính\n\tລາວ 👩\u{200d}👩"
        );
        assert_eq!(Unsafe::of('\r'), Some(Unsafe::Control));
        assert_eq!(Unsafe::of('\u{2067}'), Some(Unsafe::Bidirectional));
        assert_eq!(Unsafe::of('\u{e0041}'), Some(Unsafe::Invisible));
        assert_eq!(Unsafe::of('\u{200c}'), None);
    }
}
