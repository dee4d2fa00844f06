//! `man [--all -o DIR]`: the man page (roff), generated from the clap definition; with
//! `--all`, one page per command as well, so the SEE ALSO references of the main page exist.

use std::path::Path;

use crate::cli;
use crate::error::Error;
use crate::output;

pub(super) fn run(folder: Option<&Path>) -> Result<i32, Error> {
    let Some(folder) = folder else {
        output::stdout(&String::from_utf8_lossy(&page(cli::command())?))?;
        return Ok(0);
    };
    std::fs::create_dir_all(folder).map_err(|source| Error::Write {
        path: folder.to_path_buf(),
        source,
    })?;
    // Built first, so each subcommand knows its full name (`vnla-graph-path`).
    let mut command = cli::command().disable_help_subcommand(true);
    command.build();
    let pages = std::iter::once(command.clone()).chain(command.get_subcommands().cloned());
    // Replaced as one set, like the views of `render`.
    let mut staged = Vec::new();
    let mut written = Vec::new();
    for page_command in pages {
        let name = clap_mangen::Man::new(page_command.clone()).get_filename();
        let path = folder.join(&name);
        let mut file = output::Staged::new(&path)?;
        file.write_all(&page(page_command)?)?;
        staged.push(file);
        written.push(path);
    }
    output::replace_all(staged)?;
    for path in written {
        output::message(&format!("wrote {}", path.display()));
    }
    Ok(0)
}

/// One page, rendered.
fn page(command: clap::Command) -> Result<Vec<u8>, Error> {
    let mut buffer = Vec::new();
    clap_mangen::Man::new(command)
        .render(&mut buffer)
        .map_err(|source| Error::Write {
            path: "<stdout>".into(),
            source,
        })?;
    Ok(buffer)
}
