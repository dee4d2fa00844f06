//! The README lists every export format with one example ("Interchange formats", "Mermaid and
//! FollowTheMoney"): each `vnla-graph` line of its `sh` blocks runs on the bundled data, each
//! `python` block runs after them (networkx reading what they wrote), and each plain block
//! (an example's output, `...` where it is abridged) shows what the command before it prints.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use crate::support::{consume, stdout_of, vnla_graph};

/// The formats of the interchange issue, each of which needs an example.
const FORMATS: [&str; 6] = ["csv", "graphml", "gexf", "cypher", "mermaid", "ftm"];

/// The README's fenced blocks between two headings: (info string, text).
fn blocks<'r>(readme: &'r str, from: &str, to: &str) -> Vec<(&'r str, &'r str)> {
    let start = readme.find(from).expect("the section's heading");
    let end = start
        + readme[start..]
            .find(to)
            .expect("the next section's heading");
    let mut rest = &readme[start..end];
    let mut found = Vec::new();
    while let Some(open) = rest.find("\n```") {
        let info_end = open + 4 + rest[open + 4..].find('\n').expect("a fence line ends");
        let body = &rest[info_end + 1..];
        let close = body.find("\n```").expect("every fence closes");
        found.push((rest[open + 4..info_end].trim(), &body[..close]));
        rest = &body[close + 4..];
    }
    found
}

/// What a command line of the README wrote: its `-o` file, or the files of its `-o` folder
/// in name order, else its stdout.
fn written(dir: &Path, words: &[&str], stdout: String) -> String {
    let Some(target) = words
        .iter()
        .position(|w| *w == "-o")
        .map(|i| dir.join(words[i + 1]))
    else {
        return stdout;
    };
    if target.is_dir() {
        let mut files: Vec<_> = fs::read_dir(&target)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .collect();
        files.sort();
        files
            .iter()
            .map(|f| fs::read_to_string(f).unwrap())
            .collect()
    } else {
        fs::read_to_string(&target).unwrap()
    }
}

/// Asserts that `output` shows every line of `sample` in order, each line's parts between
/// `...` found as written (leading and trailing spaces aside).
fn assert_shows(output: &str, sample: &str) {
    let mut at = 0;
    for part in sample.lines().flat_map(|line| line.split("...")) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        match output[at..].find(part) {
            Some(found) => at += found + part.len(),
            None => panic!(
                "the README's example output shows {part:?}, which the command does not print \
                 after byte {at}, where it prints:\n{}",
                output[at..].chars().take(2000).collect::<String>()
            ),
        }
    }
}

#[test]
fn every_format_has_a_readme_example_that_runs_and_prints_what_it_shows() {
    let readme = fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut formats = BTreeSet::new();
    let mut last: Option<String> = None;
    for (info, text) in blocks(&readme, "\n### Interchange formats", "\n### Exit codes") {
        match info {
            "sh" => {
                for line in text.lines() {
                    // The part vnla-graph runs: before a comment, a pipe or a second command.
                    let command = [" #", " | ", " && "]
                        .iter()
                        .fold(line, |line, cut| line.split(cut).next().unwrap());
                    let words: Vec<&str> = command.split_whitespace().collect();
                    assert_eq!(words.first(), Some(&"vnla-graph"), "{line}");
                    let assert = vnla_graph(dir.path()).args(&words[1..]).assert().success();
                    let format = words.iter().position(|w| *w == "--format");
                    formats.insert(format.map_or("dot", |i| words[i + 1]).to_string());
                    let output = written(dir.path(), &words, stdout_of(&assert));
                    assert!(!output.is_empty(), "{line} wrote nothing");
                    last = Some(output);
                }
            }
            "python" => {
                let script = format!("import os\nos.chdir({:?})\n{text}", dir.path());
                consume("python3", &["-c", &script], "");
            }
            "" => assert_shows(last.as_deref().expect("a command before its output"), text),
            _ => {}
        }
    }
    for format in FORMATS {
        assert!(
            formats.contains(format),
            "no README example runs --format {format}"
        );
    }
}
