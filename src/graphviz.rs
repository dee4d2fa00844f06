//! Running Graphviz `dot`: the one place a picture is drawn, for the report views and the
//! explorer's layout.

use std::io::{Read as _, Write as _};
use std::process::{Command, Stdio};

use crate::error::{Error, GraphvizError};
use crate::output;

/// What makes `dot` lay a large graph out in seconds rather than minutes: fewer network
/// simplex and crossing-minimisation passes (measured on 500 synthetic relations: 19.6 s of
/// CPU with the defaults, 1.6 s with these).
pub(crate) const QUICK_LAYOUT: &[&str] = &["-Gnslimit=1", "-Gmclimit=0.2"];

/// Runs `dot -Tsvg` with `options` on one DOT text; Graphviz's warnings are returned with the
/// SVG.
pub(crate) fn to_svg(dot_text: &str, options: &[&str]) -> Result<(Vec<u8>, String), Error> {
    draw(dot_text, "svg", options)
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
