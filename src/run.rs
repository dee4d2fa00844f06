//! One command line, start to finish: parse it, resolve it into a [`Config`], dispatch to
//! the command, and turn the outcome into an exit code. The one place where an [`Error`]
//! becomes text (data diagnostics are printed by `diagnostic.rs`).

use std::ffi::OsString;

use clap::Parser;

use crate::cli::{self, Cli, Config};
use crate::commands;
use crate::error::{self, Error};
use crate::output;

/// Runs one command line and returns the process exit code (0 ok, 1 invalid data or no
/// result, 2 any other error: usage, reading, writing, Graphviz).
pub fn run<I, T>(args: I) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    let config: Config = match Cli::try_parse_from(&args).and_then(Cli::into_config) {
        Ok(config) => config,
        Err(error) => {
            if let Some(message) = cli::short_option_with_two_dashes(&error, &args) {
                output::message(&message);
                return error::OTHER;
            }
            // --help and --version are "errors" to clap; they print to stdout and succeed.
            if !error.use_stderr() {
                let _ = error.print();
                return 0;
            }
            // Plain and escaped: clap echoes what was typed, and a terminal would obey an
            // escape sequence in it.
            output::message(error.render().to_string().trim_end());
            return error::OTHER;
        }
    };
    commands::execute(&config).unwrap_or_else(|error| {
        report(&error);
        error.exit_code()
    })
}

/// `error: ...`, then each cause, then the hints (what they quote escaped, as by
/// [`output::message`]: a file name or a typed name may hold anything).
fn report(error: &Error) {
    output::message(&format!("error: {error}"));
    let mut cause = std::error::Error::source(error);
    while let Some(inner) = cause {
        output::message(&format!("caused by: {inner}"));
        cause = inner.source();
    }
    for hint in error.hints() {
        output::message(&hint);
    }
}
