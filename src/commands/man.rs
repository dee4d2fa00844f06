//! `man`: the man page (roff), generated from the clap definition.

use crate::cli;
use crate::error::Error;
use crate::output;

pub(super) fn run() -> Result<i32, Error> {
    let mut buffer = Vec::new();
    clap_mangen::Man::new(cli::command())
        .render(&mut buffer)
        .map_err(|source| Error::Write {
            path: "<stdout>".into(),
            source,
        })?;
    output::stdout(&String::from_utf8_lossy(&buffer))?;
    Ok(0)
}
