//! `completions SHELL`: a shell completion script, generated from the clap definition.

use crate::cli;
use crate::error::Error;
use crate::output;

pub(super) fn run(shell: clap_complete::Shell) -> Result<i32, Error> {
    let mut buffer = Vec::new();
    clap_complete::generate(shell, &mut cli::command(), "vnla-graph", &mut buffer);
    output::stdout(&String::from_utf8_lossy(&buffer))?;
    Ok(0)
}
