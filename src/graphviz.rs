//! Running Graphviz `dot`: the one place a picture is drawn, for the report views and the
//! explorer's layout.

use std::io::{Read as _, Write as _};
use std::process::{Command, Stdio};

use crate::error::{Error, GraphvizError};
use crate::output;

mod title_space; // whether an edge or its label crosses a drawing's title

pub(crate) use title_space::crosses_title;

/// What makes `dot` lay a large graph out in seconds rather than minutes: fewer network
/// simplex and crossing-minimisation passes (measured on 500 synthetic relations: 19.6 s of
/// CPU with the defaults, 1.6 s with these).
pub(crate) const QUICK_LAYOUT: &[&str] = &["-Gnslimit=1", "-Gmclimit=0.2"];

/// Runs `dot -Tsvg` with `options` on one DOT text; Graphviz's warnings are returned with the
/// SVG.
pub(crate) fn to_svg(dot_text: &str, options: &[&str]) -> Result<(Vec<u8>, String), Error> {
    let (svg, warnings) = draw(dot_text, "svg", options)?;
    Ok((with_metric_fallbacks(&svg), warnings))
}

/// Graphviz lays Helvetica out with its metrics (Liberation Sans here, Arial elsewhere) but
/// names only `Helvetica,sans-Serif` in the SVG: a viewer without Helvetica then draws the
/// generic sans, often the wider DejaVu Sans, and text spills out of its boxes (a reviewer
/// saw it in 15 of 32 views). Naming the fonts with Helvetica's metrics keeps text inside.
const GRAPHVIZ_HELVETICA: &[u8] = b"font-family=\"Helvetica,sans-Serif\"";
const HELVETICA_METRIC: &[u8] = b"font-family=\"Helvetica,Arial,Liberation Sans,sans-serif\"";

fn with_metric_fallbacks(svg: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(svg.len() + svg.len() / 20);
    let mut copied = 0;
    for at in memchr::memmem::find_iter(svg, GRAPHVIZ_HELVETICA) {
        out.extend_from_slice(&svg[copied..at]);
        out.extend_from_slice(HELVETICA_METRIC);
        copied = at + GRAPHVIZ_HELVETICA.len();
    }
    out.extend_from_slice(&svg[copied..]);
    out
}

/// Runs `dot -T<format>` (`svg`, `pdf`, `png`) with `options` on one DOT text; Graphviz's
/// warnings are returned with the picture.
pub(crate) fn draw(
    dot_text: &str,
    format: &str,
    options: &[&str],
) -> Result<(Vec<u8>, String), Error> {
    let mut child = Command::new("dot")
        .arg(format!("-T{format}"))
        .args(options)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|source| Error::Graphviz(GraphvizError::CannotRun(source)))?;
    let mut stdin = child.stdin.take().expect("piped stdin");
    let mut stdout = child.stdout.take().expect("piped stdout");
    let mut stderr = child.stderr.take().expect("piped stderr");
    // Kept where a signal ending this process ends it too.
    let id = output::keep_child(child);
    // Write and read from threads: a large graph could fill a pipe while `dot` waits.
    let input = dot_text.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let errors = std::thread::spawn(move || {
        let mut text = Vec::new();
        stderr.read_to_end(&mut text).map(|_| text)
    });
    let mut picture = Vec::new();
    let read = stdout.read_to_end(&mut picture);
    let errors = errors.join().unwrap_or_else(|_| Ok(Vec::new()));
    let _ = writer.join();
    let finished = output::take_child(id)
        .expect("a kept child")
        .wait()
        .and_then(|status| read.and(errors).map(|errors| (status, errors)));
    let (status, errors) =
        finished.map_err(|source| Error::Graphviz(GraphvizError::DidNotFinish(source)))?;
    let warnings = String::from_utf8_lossy(&errors).into_owned();
    if !status.success() {
        return Err(Error::Graphviz(GraphvizError::Failed {
            stderr: warnings.trim().to_string(),
        }));
    }
    Ok((picture, warnings))
}

/// The size in points of an SVG `dot` wrote, from its root's `width="…pt" height="…pt"`.
pub(crate) fn svg_size(svg: &[u8]) -> Option<(f64, f64)> {
    let text = String::from_utf8_lossy(svg);
    let root = &text[text.find("<svg")?..];
    let points = |name: &str| -> Option<f64> {
        let (_, rest) = root.split_once(&format!(" {name}=\""))?;
        rest.split_once("pt\"")?.0.parse().ok()
    };
    Some((points("width")?, points("height")?))
}

#[cfg(test)]
mod tests {
    use super::{svg_size, with_metric_fallbacks};

    #[test]
    fn helvetica_is_named_with_the_fonts_of_its_metrics() {
        let svg = br#"<text font-family="Helvetica,sans-Serif">a</text><text font-family="Helvetica,sans-Serif">b</text><text font-family="Times">c</text>"#;
        assert_eq!(
            String::from_utf8(with_metric_fallbacks(svg)).unwrap(),
            r#"<text font-family="Helvetica,Arial,Liberation Sans,sans-serif">a</text><text font-family="Helvetica,Arial,Liberation Sans,sans-serif">b</text><text font-family="Times">c</text>"#
        );
    }

    #[test]
    fn the_size_is_read_from_the_svg_root() {
        let svg = br#"<?xml version="1.0"?>
<!-- Generated by graphviz -->
<svg width="1171pt" height="516pt"
 viewBox="0.00 0.00 1171.00 516.00" xmlns="http://www.w3.org/2000/svg">
<g id="graph0" class="graph"><text font-size="9.00" width="3pt">x</text></g></svg>"#;
        assert_eq!(svg_size(svg), Some((1171.0, 516.0)));
        assert_eq!(svg_size(b"<svg viewBox=\"0 0 1 1\">"), None);
    }
}
