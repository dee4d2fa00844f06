//! Fixtures: `tests/fixtures/base` is a small valid dataset; `tests/fixtures/invalid/<case>`
//! holds only the files that differ from it (plus `expected.txt`). A test copies the base into
//! a temporary folder as `data/`, lays the case over it, and runs the binary there, so paths
//! in messages read `data/...` on every machine.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

pub(crate) fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

pub(crate) struct Fixture {
    dir: TempDir,
}

impl Fixture {
    /// The valid base dataset.
    pub(crate) fn base() -> Fixture {
        let dir = tempfile::tempdir().expect("temporary folder");
        copy_dir(&fixtures().join("base"), &dir.path().join("data"));
        Fixture { dir }
    }

    /// The base dataset with `tests/fixtures/<overlay>` laid over it.
    pub(crate) fn with(overlay: &str) -> Fixture {
        let fixture = Fixture::base();
        copy_dir(&fixtures().join(overlay), &fixture.data());
        fixture
    }

    pub(crate) fn path(&self) -> &Path {
        self.dir.path()
    }

    pub(crate) fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// `vnla-graph --data data ARGS...`, run in the fixture folder with a clean environment.
    pub(crate) fn run(&self, args: &[&str]) -> assert_cmd::assert::Assert {
        vnla_graph(self.path())
            .arg("--data")
            .arg("data")
            .args(args)
            .assert()
    }
}

/// The binary, run in `dir`, with nothing from the developer's environment leaking in.
pub(crate) fn vnla_graph(dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_vnla-graph"));
    command
        .current_dir(dir)
        .env_remove("VNLA_GRAPH_DATA")
        .env("NO_COLOR", "1");
    command
}

pub(crate) fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create fixture folder");
    for entry in fs::read_dir(from).expect("read fixture folder") {
        let entry = entry.expect("fixture entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).expect("copy fixture file");
        }
    }
}

/// Runs a real consumer (`dot`, `python3`) on `input`; fails, never skips, when it is missing
/// or fails (`.ci/setup-tests` installs them).
pub(crate) fn consume(program: &str, args: &[&str], input: &str) -> std::process::Output {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|error| {
            panic!("`{program}` must be installed (bash .ci/setup-tests): {error}")
        });
    // Written from a thread: a large input could fill the pipe while the consumer writes.
    let mut stdin = child.stdin.take().expect("piped stdin");
    let input = input.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output().expect("the consumer ends");
    writer.join().expect("writer").expect("input written");
    assert!(
        output.status.success(),
        "{program} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

pub(crate) fn stdout_of(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&assert.get_output().stdout).into_owned()
}

pub(crate) fn stderr_of(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&assert.get_output().stderr).into_owned()
}

pub(crate) fn parse_svg(svg: &str) -> Result<roxmltree::Document<'_>, roxmltree::Error> {
    // Graphviz's SVG carries a DTD, which is fine.
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    roxmltree::Document::parse_with_options(svg, options)
}

/// Panics unless `svg` is well-formed XML.
pub(crate) fn assert_valid_svg(svg: &str, what: &str) {
    if let Err(error) = parse_svg(svg) {
        panic!("{what} is not valid XML: {error}");
    }
}

/// The text drawn in an SVG: the content of every `<text>` element, entities decoded.
pub(crate) fn svg_texts(svg: &str) -> Vec<String> {
    let document = parse_svg(svg).expect("valid SVG");
    let lines = |group: roxmltree::Node<'_, '_>| -> Vec<String> {
        group
            .descendants()
            .filter(|node| node.has_tag_name("text"))
            .map(|node| node.text().unwrap_or_default().to_string())
            .collect()
    };
    // Every line, and each node's lines joined by spaces: a long name wraps onto lines.
    let mut texts = lines(document.root());
    texts.extend(
        document
            .descendants()
            .filter(|node| node.attribute("class") == Some("node"))
            .map(|node| lines(node).join(" ")),
    );
    texts
}

/// A picture's edges as one DOT line each, `"A" -> "B" [label="…", …]`: a page draws each
/// label as a node its line runs through (`"A" -> "tie 3"`, `"tie 3" -> "B"`), and the tie
/// is read back whole, with the label node's label and text colour before the attributes
/// of the half with the arrowhead. Edges labelled the usual way are as written.
pub(crate) fn dot_edge_lines(dot: &str) -> Vec<String> {
    let lines: Vec<&str> = dot.lines().map(str::trim).collect();
    let ids = |line: &str| -> Option<(String, String)> {
        let (from, rest) = line.split_once(" -> ")?;
        let to = rest.split(" [").next()?;
        Some((from.to_string(), to.to_string()))
    };
    let attributes = |line: &str| -> String {
        let open = line.find(" [").map_or(line.len(), |at| at + 2);
        line[open..].trim_end_matches("];").to_string()
    };
    let is_label = |id: &str| id.starts_with("\"tie ");
    let mut out = Vec::new();
    for line in &lines {
        let Some((from, to)) = ids(line) else {
            continue;
        };
        if !is_label(&from) && !is_label(&to) {
            out.push(line.to_string());
        } else if is_label(&from) {
            let node = lines
                .iter()
                .find(|l| l.starts_with(&format!("{from} [")))
                .expect("a label node for each labelled half");
            let start = lines
                .iter()
                .find_map(|l| ids(l).filter(|(_, to)| *to == from).map(|(start, _)| start))
                .expect("a first half for each second");
            // The label node's label and text colour come first, before its shape.
            let node = attributes(node);
            let label = node.split(", shape=").next().unwrap_or_default();
            out.push(format!("{start} -> {to} [{label}, {}];", attributes(line)));
        }
    }
    out
}
