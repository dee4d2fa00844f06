//! The sources as BibTeX, for reference managers (Zotero, JabRef, BibDesk) and LaTeX: one
//! `@misc` entry per source, keyed by its id.

use std::fmt::Write as _;

use crate::model::{Date, Source};

/// Every source as a BibTeX `@misc` entry, in `sources.yaml` order.
pub(crate) fn export<'d>(sources: impl Iterator<Item = (&'d Source, usize)>) -> String {
    let mut out = String::new();
    for (source, quotes) in sources {
        let _ = writeln!(out, "@misc{{{},", source.id.value);
        // Double braces keep the title's capitals as written.
        let _ = writeln!(out, "  title = {{{{{}}}}},", escape(&source.title));
        let _ = writeln!(out, "  howpublished = {{{}}},", escape(&source.publisher));
        match Date::parse(&source.date) {
            Ok(date) => {
                let _ = writeln!(out, "  year = {{{}}},", date.year);
                if let Some(month) = date.month {
                    let _ = writeln!(out, "  month = {month},");
                }
                let _ = writeln!(out, "  date = {{{date}}},");
            }
            Err(_) => {
                let _ = writeln!(out, "  note = {{{}}},", escape(&source.date));
            }
        }
        if let Some(url) = &source.url {
            let _ = writeln!(out, "  url = {{{}}},", escape(url));
        }
        let _ = writeln!(
            out,
            "  annote = {{Text file {}; cited by {quotes} quote(s) in the vnla-graph dataset}}",
            escape(&source.file.value)
        );
        out.push_str("}\n\n");
    }
    out
}

/// Text safe inside a braced BibTeX value: braces are balanced by escaping them, and the
/// characters LaTeX treats specially are escaped.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => escaped.push_str("\\textbackslash{}"),
            '{' | '}' | '&' | '%' | '$' | '#' | '_' => {
                escaped.push('\\');
                escaped.push(c);
            }
            '~' => escaped.push_str("\\textasciitilde{}"),
            '^' => escaped.push_str("\\textasciicircum{}"),
            _ => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn special_characters_are_escaped() {
        assert_eq!(escape("R&D 50% {x} a_b"), "R\\&D 50\\% \\{x\\} a\\_b");
        assert_eq!(escape("C:\\dir"), "C:\\textbackslash{}dir");
    }
}
