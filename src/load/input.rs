//! saphyr-parser's string input, with a shorter lookahead.
//!
//! saphyr's scanner starts every plain scalar (every key, id and date) in a 32-byte `String`
//! and then reserves room for a whole lookahead buffer before reading on: with `StrInput`'s 128
//! characters, one reallocation per scalar, about ten per relation (1M relations: 3.34 →
//! 3.1 s). This input is `StrInput` reporting the 16-character lookahead of saphyr's own
//! `BufferedInput`; everything else is `StrInput`'s, which keeps the whole text at hand anyway.
//! Drop it once saphyr no longer reserves the lookahead up front.

use saphyr_parser::input::SkipTabs;
use saphyr_parser::{Input, StrInput};

/// The lookahead saphyr's scanner works with (see the module documentation).
const LOOKAHEAD: usize = 16;

pub(crate) struct TextInput<'a>(StrInput<'a>);

impl<'a> TextInput<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        TextInput(StrInput::new(text))
    }
}

/// Forwards each method to `StrInput`, which overrides most of the trait's defaults with
/// faster ones of its own. `mut` methods take `&mut self`, `ref` ones `&self`.
macro_rules! forward {
    () => {};
    (mut $name:ident($($arg:ident: $type:ty),*) -> $out:ty; $($rest:tt)*) => {
        #[inline]
        fn $name(&mut self $(, $arg: $type)*) -> $out {
            self.0.$name($($arg),*)
        }
        forward!($($rest)*);
    };
    (ref $name:ident($($arg:ident: $type:ty),*) -> $out:ty; $($rest:tt)*) => {
        #[inline]
        fn $name(&self $(, $arg: $type)*) -> $out {
            self.0.$name($($arg),*)
        }
        forward!($($rest)*);
    };
}

impl Input for TextInput<'_> {
    fn bufmaxlen(&self) -> usize {
        LOOKAHEAD
    }

    forward! {
        mut lookahead(count: usize) -> ();
        ref buflen() -> usize;
        ref buf_is_empty() -> bool;
        mut raw_read_ch() -> char;
        mut raw_read_non_breakz_ch() -> Option<char>;
        mut skip() -> ();
        mut skip_n(count: usize) -> ();
        ref peek() -> char;
        ref peek_nth(n: usize) -> char;
        ref peek_opt() -> Option<char>;
        mut look_ch() -> char;
        ref next_char_is(c: char) -> bool;
        ref nth_char_is(n: usize, c: char) -> bool;
        ref next_2_are(c1: char, c2: char) -> bool;
        ref next_3_are(c1: char, c2: char, c3: char) -> bool;
        ref next_is_document_indicator() -> bool;
        ref next_is_document_start() -> bool;
        ref next_is_document_end() -> bool;
        mut skip_ws_to_eol(skip_tabs: SkipTabs) -> (usize, Result<SkipTabs, &'static str>);
        ref next_can_be_plain_scalar(in_flow: bool) -> bool;
        ref next_is_blank_or_break() -> bool;
        ref next_is_blank_or_breakz() -> bool;
        ref next_is_blank() -> bool;
        ref next_is_break() -> bool;
        ref next_is_breakz() -> bool;
        ref next_is_z() -> bool;
        ref next_is_flow() -> bool;
        ref next_is_digit() -> bool;
        ref next_is_alpha() -> bool;
        mut skip_while_non_breakz() -> usize;
        mut skip_while_blank() -> usize;
        mut fetch_while_is_alpha(out: &mut String) -> usize;
        mut fetch_while_is_yaml_non_space(out: &mut String) -> usize;
    }
}

#[cfg(test)]
mod tests {
    use super::TextInput;
    use saphyr_parser::{Event, Parser, StrInput};

    fn events<'a>(mut parser: Parser<'a, impl saphyr_parser::Input>) -> Vec<String> {
        let mut seen = Vec::new();
        while let Some(next) = parser.next_event() {
            let Ok((event, span)) = next else {
                seen.push(format!("{next:?}"));
                break;
            };
            let end = matches!(event, Event::StreamEnd);
            seen.push(format!("{event:?} {span:?}"));
            if end {
                break;
            }
        }
        seen
    }

    #[test]
    fn the_shorter_lookahead_changes_no_event() {
        let long = "a plain scalar much longer than sixteen characters, and still going on";
        let texts = [
            format!("- id: E1\n  name: {long}\n  aliases: [\"{long}\", x]\n"),
            format!("- note: {long}\n    continued on a second line {long}\n  to: B\n"),
            format!("- quote: \"{long} with \\\"escapes\\\"\"\n  other: '{long}'\n"),
            format!(
                "- text: |\n    {long}\n    Phạm Minh Chính ký\n  flow: {{a: {long}, b: [1, 2]}}\n"
            ),
            format!("# comment {long}\n- {{from: A, to: B}}  # trailing\n---\n- x\n"),
            format!("- key: {long}\n\tbad: tab\n"),
            format!("- key: \"unclosed {long}\n"),
        ];
        for text in &texts {
            assert_eq!(
                events(Parser::new(TextInput::new(text))),
                events(Parser::new(StrInput::new(text))),
                "{text}"
            );
        }
    }
}
