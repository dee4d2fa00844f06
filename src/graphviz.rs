//! Running Graphviz `dot`: the one place a picture is drawn, for the report views and the
//! explorer's layout.

use std::io::Write as _;
use std::process::{Command, Stdio};

use crate::error::{Error, GraphvizError};

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
    // Write from a thread: a large graph could fill the pipe while `dot` waits to be read.
    let input = dot_text.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child
        .wait_with_output()
        .map_err(|source| Error::Graphviz(GraphvizError::DidNotFinish(source)))?;
    let _ = writer.join();
    let warnings = String::from_utf8_lossy(&output.stderr).into_owned();
    if !output.status.success() {
        return Err(Error::Graphviz(GraphvizError::Failed {
            stderr: warnings.trim().to_string(),
        }));
    }
    Ok((output.stdout, warnings))
}
