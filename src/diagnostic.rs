//! Problems found in the data, and the one place that prints them.
//!
//! Stages describe a problem as their own error kind and convert it into a [`Diagnostic`]
//! (severity, stable code, message, labelled spans, notes). Rendering happens once, at the
//! edge, through codespan-reporting: rich snippets on a terminal, one plain line per problem
//! (plus its hints) when stderr is a file or a pipe.

use std::io::{self, IsTerminal, Write as _};

use codespan_reporting::diagnostic::{self as cs, LabelStyle};
use codespan_reporting::term::{self, termcolor};

use crate::printable;
use crate::source::{SourceMap, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Severity {
    Error,
    Warning,
}

/// A span with a message under it; the primary label is where the problem is.
#[derive(Debug, Clone)]
pub(crate) struct Label {
    pub(crate) span: Span,
    pub(crate) message: String,
    pub(crate) primary: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct Diagnostic {
    pub(crate) severity: Severity,
    /// Stable code such as `VG012`, listed in the README, so users can search for it.
    pub(crate) code: &'static str,
    pub(crate) message: String,
    pub(crate) labels: Vec<Label>,
    /// Hints: what to do about it (`did you mean ...`, the expected names).
    pub(crate) notes: Vec<String>,
}

impl Diagnostic {
    pub(crate) fn error(code: &'static str, message: impl Into<String>, span: Span) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            labels: vec![Label {
                span,
                message: String::new(),
                primary: true,
            }],
            notes: Vec::new(),
        }
    }

    pub(crate) fn warning(code: &'static str, message: impl Into<String>, span: Span) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message, span)
        }
    }

    /// Text shown under the primary span.
    pub(crate) fn with_label_message(mut self, message: impl Into<String>) -> Self {
        self.labels[0].message = message.into();
        self
    }

    pub(crate) fn with_secondary(mut self, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            message: message.into(),
            primary: false,
        });
        self
    }

    pub(crate) fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    pub(crate) fn with_notes(mut self, notes: impl IntoIterator<Item = String>) -> Self {
        self.notes.extend(notes);
        self
    }

    pub(crate) fn primary_span(&self) -> Span {
        self.labels[0].span
    }

    /// In plain style no snippet is drawn, so secondary labels ("first defined here") become
    /// notes that carry their own location.
    fn to_codespan(
        &self,
        sources: &SourceMap,
        rich: bool,
    ) -> cs::Diagnostic<crate::source::FileId> {
        let severity = match self.severity {
            Severity::Error => cs::Severity::Error,
            Severity::Warning => cs::Severity::Warning,
        };
        cs::Diagnostic::new(severity)
            .with_code(self.code)
            .with_message(&self.message)
            .with_labels(
                self.labels
                    .iter()
                    .map(|label| {
                        let style = if label.primary {
                            LabelStyle::Primary
                        } else {
                            LabelStyle::Secondary
                        };
                        cs::Label::new(style, label.span.file, label.span.range())
                            .with_message(&label.message)
                    })
                    .collect(),
            )
            .with_notes(if rich {
                self.notes.clone()
            } else {
                self.labels
                    .iter()
                    .filter(|label| !label.primary)
                    .map(|label| {
                        let at = sources.line_col(label.span);
                        format!(
                            "{}: {}:{}:{}",
                            label.message,
                            sources.name(label.span.file),
                            at.line,
                            at.column
                        )
                    })
                    .chain(self.notes.iter().cloned())
                    .collect()
            })
    }
}

/// How diagnostics are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DiagnosticStyle {
    /// Rich on a terminal, plain otherwise.
    Auto,
    /// Source snippets with carets, like rustc.
    Rich,
    /// `file:line:col: error[CODE]: message`, then `= hint` lines.
    Plain,
}

/// Most problems are worth reading one at a time; past this many the rest are counted, not shown.
pub(crate) const MAX_SHOWN: usize = 200;

/// Sorts diagnostics by file and position, prints up to [`MAX_SHOWN`] of them to stderr and a
/// summary line. Errors writing to stderr are ignored: there is nowhere left to report them.
pub(crate) fn emit(diagnostics: &mut [Diagnostic], sources: &SourceMap, style: DiagnosticStyle) {
    let stderr = io::stderr();
    let terminal = stderr.is_terminal();
    let rich = match style {
        DiagnosticStyle::Auto => terminal,
        DiagnosticStyle::Rich => true,
        DiagnosticStyle::Plain => false,
    };
    let color = terminal && std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty());
    let choice = if color {
        termcolor::ColorChoice::Auto
    } else {
        termcolor::ColorChoice::Never
    };
    let mut writer = termcolor::StandardStream::stderr(choice);
    let _ = write_all(&mut writer, diagnostics, sources, rich);
}

/// Renders diagnostics the way [`emit`] does, into a string.
#[cfg(test)]
pub(crate) fn render_to_string(
    diagnostics: &mut [Diagnostic],
    sources: &SourceMap,
    rich: bool,
) -> String {
    let mut buffer = termcolor::NoColor::new(Vec::new());
    write_all(&mut buffer, diagnostics, sources, rich).expect("writing to memory");
    String::from_utf8_lossy(&buffer.into_inner()).into_owned()
}

/// The longest line, in bytes, shown whole in a rich diagnostic.
const MAX_SNIPPET_LINE: usize = 1000;

/// The length in bytes of the line where `span` starts.
fn line_length(sources: &SourceMap, span: Span) -> usize {
    use codespan_reporting::files::Files as _;
    sources
        .line_index(span.file, span.start as usize)
        .and_then(|line| sources.line_range(span.file, line))
        .map_or(0, |range| range.len())
}

/// A writer that escapes what could rewrite a terminal ([`printable::escaped`]) in the text
/// written through it, messages and quoted source lines alike, while the colours, which
/// termcolor sets apart from the text, pass.
struct Escaping<'w, W>(&'w mut W);

impl<W: termcolor::WriteColor> io::Write for Escaping<'_, W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        // codespan-reporting writes whole strings; anything else passes as it is.
        match std::str::from_utf8(bytes) {
            Ok(text) => self.0.write_all(printable::escaped(text).as_bytes()),
            Err(_) => self.0.write_all(bytes),
        }?;
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

impl<W: termcolor::WriteColor> termcolor::WriteColor for Escaping<'_, W> {
    fn supports_color(&self) -> bool {
        self.0.supports_color()
    }

    fn set_color(&mut self, spec: &termcolor::ColorSpec) -> io::Result<()> {
        self.0.set_color(spec)
    }

    fn reset(&mut self) -> io::Result<()> {
        self.0.reset()
    }

    fn is_synchronous(&self) -> bool {
        self.0.is_synchronous()
    }
}

fn write_all<W: termcolor::WriteColor>(
    writer: &mut W,
    diagnostics: &mut [Diagnostic],
    sources: &SourceMap,
    rich: bool,
) -> io::Result<()> {
    let writer = &mut Escaping(writer);
    diagnostics.sort_by_key(|d| (d.primary_span().file, d.primary_span().start, d.severity));
    let config = |rich| term::Config {
        display_style: if rich {
            term::DisplayStyle::Rich
        } else {
            term::DisplayStyle::Medium
        },
        ..term::Config::default()
    };
    for diagnostic in diagnostics.iter().take(MAX_SHOWN) {
        // A snippet shows whole lines: one line of a megabyte (a file written as one flow
        // list) would be printed whole for every diagnostic in it, so that one is plain.
        let rich = rich
            && diagnostic
                .labels
                .iter()
                .all(|label| line_length(sources, label.span) <= MAX_SNIPPET_LINE);
        term::emit_to_write_style(
            writer,
            &config(rich),
            sources,
            &diagnostic.to_codespan(sources, rich),
        )
        .map_err(io::Error::other)?;
    }
    let errors = count(diagnostics, Severity::Error);
    let warnings = count(diagnostics, Severity::Warning);
    if diagnostics.len() > MAX_SHOWN {
        writeln!(
            writer,
            "... and {} more not shown",
            diagnostics.len() - MAX_SHOWN
        )?;
    }
    if errors + warnings > 0 {
        writeln!(writer, "{}", summary(errors, warnings))?;
    }
    Ok(())
}

pub(crate) fn count(diagnostics: &[Diagnostic], severity: Severity) -> usize {
    diagnostics
        .iter()
        .filter(|d| d.severity == severity)
        .count()
}

fn summary(errors: usize, warnings: usize) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    match (errors, warnings) {
        (0, w) => format!("{} found", plural(w, "warning")),
        (e, 0) => format!("{} found", plural(e, "error")),
        (e, w) => format!("{} and {} found", plural(e, "error"), plural(w, "warning")),
    }
}

#[cfg(test)]
mod tests {
    use super::{render_to_string, Diagnostic};
    use crate::source::{SourceMap, Span};
    use std::path::Path;

    fn sample() -> (SourceMap, Vec<Diagnostic>) {
        let mut sources = SourceMap::default();
        let file = sources.add(Path::new("rel.yaml"), "- from: Kaysone\n".into());
        let diagnostic =
            Diagnostic::error("VG100", "unknown entity `Kaysone`", Span::new(file, 8..15))
                .with_label_message("no entity has this id")
                .with_note("did you mean `Kaysone_Phomvihane`?");
        (sources, vec![diagnostic])
    }

    #[test]
    fn plain_style_is_one_located_line_and_hints() {
        let (sources, mut diagnostics) = sample();
        let text = render_to_string(&mut diagnostics, &sources, false);
        assert!(
            text.starts_with("rel.yaml:1:9: error[VG100]: unknown entity `Kaysone`"),
            "{text}"
        );
        assert!(
            text.contains("= did you mean `Kaysone_Phomvihane`?"),
            "{text}"
        );
        assert!(text.ends_with("1 error found\n"), "{text}");
    }

    #[test]
    fn rich_style_quotes_the_source_line() {
        let (sources, mut diagnostics) = sample();
        let text = render_to_string(&mut diagnostics, &sources, true);
        assert!(text.contains("┌─ rel.yaml:1:9"), "{text}");
        assert!(text.contains("1 │ - from: Kaysone"), "{text}");
        assert!(text.contains("^^^^^^^ no entity has this id"), "{text}");
    }
}
