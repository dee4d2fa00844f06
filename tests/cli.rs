//! The command line itself: help with examples and exit codes, usage errors, completions,
//! the man page, and which data folder is used.

use std::fs;

use crate::support::{stderr_of, stdout_of, vnla_graph, Fixture};

#[test]
fn help_lists_commands_examples_and_exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    let assert = vnla_graph(dir.path()).arg("--help").assert().success();
    let help = stdout_of(&assert);
    for expected in [
        "validate",
        "stats",
        "show",
        "search",
        "export",
        "completions",
        "Examples:",
        "Exit codes:",
        "1  the data is invalid, or has no answer",
        "2  any other error: bad arguments or names",
    ] {
        assert!(help.contains(expected), "missing {expected:?} in:\n{help}");
    }
    let assert = vnla_graph(dir.path())
        .args(["validate", "--help"])
        .assert()
        .success();
    assert!(stdout_of(&assert).contains("Limits: YAML aliases, merge keys (`<<`) and tags"));
    for command in [
        "validate",
        "stats",
        "show",
        "search",
        "export",
        "completions",
        "man",
    ] {
        let assert = vnla_graph(dir.path())
            .args([command, "--help"])
            .assert()
            .success();
        assert!(
            stdout_of(&assert).contains("Example"),
            "`{command} --help` has no example"
        );
    }
}

/// The words of a shell command line: split at spaces, except inside double quotes.
fn shell_words(line: &str) -> Vec<String> {
    let (mut words, mut word, mut quoted) = (Vec::new(), String::new(), false);
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ' ' if !quoted => words.extend((!word.is_empty()).then(|| std::mem::take(&mut word))),
            _ => word.push(c),
        }
    }
    words.extend((!word.is_empty()).then_some(word));
    words
}

/// Every example in `path --help` and `connect --help` answers on the bundled data (what is
/// after a `|` is the reader's own pipeline), and the worked cost in the help is the tool's.
#[test]
fn every_path_example_in_help_answers() {
    let dir = tempfile::tempdir().unwrap();
    let help_of = |command: &str| {
        stdout_of(
            &vnla_graph(dir.path())
                .args([command, "--help"])
                .assert()
                .success(),
        )
    };
    for (command, least) in [("path", 5), ("connect", 3)] {
        let help = help_of(command);
        let prefix = format!("vnla-graph {command} ");
        let examples: Vec<&str> = help
            .lines()
            .filter_map(|line| line.trim_start().strip_prefix(prefix.as_str()))
            .map(|example| example.split('|').next().unwrap_or(example))
            .collect();
        assert!(examples.len() >= least, "{help}");
        for example in examples {
            let assert = vnla_graph(dir.path())
                .arg(command)
                .args(shell_words(example))
                .assert();
            let output = assert.get_output();
            assert!(
                output.status.success() && !output.stdout.is_empty(),
                "`vnla-graph {command} {example}` failed: {}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
    }
    let help = help_of("path");
    let headline = stdout_of(
        &vnla_graph(dir.path())
            .args(["path", "Kaysone", "Nguyen_Phu_Trong"])
            .assert()
            .success(),
    );
    let cost = headline.lines().next().unwrap().rsplit(' ').next().unwrap();
    assert!(
        help.replace('\n', " ").contains(&format!("= cost {cost}.")),
        "the help's worked example should cost {cost}:\n{help}"
    );
}

/// Exit codes by class: 1 when the data is at fault or has no answer, 2 for every other
/// error (usage, reading, writing, Graphviz). One case of each.
#[test]
fn every_class_of_error_has_its_exit_code() {
    let fixture = Fixture::base();
    let dir = fixture.path();
    std::fs::create_dir(dir.join("a-folder")).unwrap();
    std::fs::write(dir.join("a-file"), "").unwrap();
    let no_dot = tempfile::tempdir().unwrap();
    let cases: &[(i32, &[&str])] = &[
        (0, &["stats"]),
        (1, &["search", "nothing-like-it"]),
        (1, &["path", "Ann_Leader", "Beta_Party", "--max-hops", "1"]),
        (1, &["render", "--out", "a-folder", "--check"]),
        (2, &["show", "nobody"]),
        (2, &["search", ""]),
        (2, &["search", "--", "---"]),
        (2, &["path", "Ann_Leader", "Tran_Bao", "--max-hops", "0"]),
        (2, &["export", "--format", "png"]),
        (2, &["validate", "--sources", "nowhere"]),
        (2, &["export", "-o", "a-folder"]),
        (2, &["export", "-o", "data/schema.yaml"]),
        (2, &["export", "-o", "missing/graph.dot"]),
        (2, &["render", "--out", "a-file"]),
    ];
    for (code, args) in cases {
        fixture.run(args).code(*code);
    }
    vnla_graph(dir)
        .args(["--data", "nowhere", "stats"])
        .assert()
        .code(2);
    // An empty VNLA_GRAPH_DATA is no folder, not an empty `--data`.
    let assert = vnla_graph(dir)
        .env("VNLA_GRAPH_DATA", "")
        .arg("stats")
        .assert()
        .success();
    assert!(stdout_of(&assert).starts_with("dataset: bundled dataset"));
    vnla_graph(dir)
        .env("PATH", no_dot.path())
        .args(["--data", "data", "render", "--out", "a-folder"])
        .assert()
        .code(2);
    // A data file that cannot be read (a folder named like one: even root cannot read it).
    std::fs::create_dir(dir.join("data/entities/folder.yaml")).unwrap();
    fixture.run(&["stats"]).code(2);
    std::fs::remove_dir(dir.join("data/entities/folder.yaml")).unwrap();
    // Invalid data.
    std::fs::write(dir.join("data/entities/bad.yaml"), "- id: 1 2\n").unwrap();
    fixture.run(&["stats"]).code(1);
    fixture.run(&["validate"]).code(1);
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    vnla_graph(dir.path()).arg("frobnicate").assert().code(2);
    vnla_graph(dir.path())
        .args(["export", "--format", "png"])
        .assert()
        .code(2);
    vnla_graph(dir.path()).arg("show").assert().code(2);
}

#[test]
fn names_that_pick_no_single_entity_exit_2_with_help() {
    let fixture = Fixture::base();
    let assert = fixture.run(&["show", "Ann_Leadr"]).code(2);
    let stderr = stderr_of(&assert);
    assert!(
        stderr.contains("error: no entity matches `Ann_Leadr`"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `Ann_Leader`?"), "{stderr}");
    assert_eq!(stdout_of(&assert), "");

    let stderr = stderr_of(&fixture.run(&["show", "Beta"]).code(0));
    assert_eq!(stderr, "", "an exact id wins over prefixes");
    let assert = fixture.run(&["show", "Bet"]).code(2);
    let stderr = stderr_of(&assert);
    assert!(stderr.contains("`Bet` matches 2 entities"), "{stderr}");
    assert!(
        stderr.contains("Beta - Beta (country)")
            && stderr.contains("Beta_Party - Beta Party (party)"),
        "{stderr}"
    );

    for blank in ["", "   "] {
        let stderr = stderr_of(&fixture.run(&["show", blank]).code(2));
        assert!(
            stderr.contains("an entity name cannot be empty"),
            "{stderr}"
        );
    }
}

#[test]
fn completions_and_man_page_come_from_the_cli_definition() {
    let dir = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish"] {
        let assert = vnla_graph(dir.path())
            .args(["completions", shell])
            .assert()
            .success();
        let script = stdout_of(&assert);
        assert!(
            script.contains("vnla-graph") && script.contains("validate"),
            "{shell}"
        );
    }
    let assert = vnla_graph(dir.path()).arg("man").assert().success();
    let man = stdout_of(&assert);
    assert!(
        man.starts_with(".ie") || man.contains(".TH vnla-graph"),
        "{man}"
    );
}

#[test]
fn data_folder_comes_from_flag_then_environment_then_cwd_then_bundle() {
    let fixture = Fixture::base();
    // --data
    let stdout = stdout_of(&fixture.run(&["stats"]).success());
    assert!(stdout.starts_with("dataset: data\n7 entities"), "{stdout}");
    // $VNLA_GRAPH_DATA
    let assert = crate::support::vnla_graph(fixture.path())
        .env("VNLA_GRAPH_DATA", "data")
        .arg("stats")
        .assert()
        .success();
    assert!(stdout_of(&assert).starts_with("dataset: data\n"));
    // ./graph-data
    fs::rename(fixture.data(), fixture.path().join("graph-data")).unwrap();
    let assert = crate::support::vnla_graph(fixture.path())
        .arg("stats")
        .assert()
        .success();
    assert!(stdout_of(&assert).starts_with("dataset: graph-data\n7 entities"));
    // the copy compiled into the binary
    let empty = tempfile::tempdir().unwrap();
    let assert = crate::support::vnla_graph(empty.path())
        .arg("stats")
        .assert()
        .success();
    assert!(stdout_of(&assert).starts_with("dataset: bundled dataset\n"));
}

#[test]
fn a_missing_data_folder_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let assert = vnla_graph(dir.path())
        .args(["--data", "nowhere", "stats"])
        .assert()
        .code(2);
    let stderr = stderr_of(&assert);
    assert!(
        stderr.contains("error: no data folder at `nowhere`"),
        "{stderr}"
    );
    assert!(stderr.contains("--data DIR"), "{stderr}");
}

/// The bundled dataset is valid wherever the binary runs. Its quotes are proven against the
/// real source texts in CI (`.ci/run`), not here, so the tests pass in a clone with nothing
/// beside it; the quote proof itself is tested on fixture texts (`diagnostics`).
#[test]
fn the_bundled_dataset_is_valid_from_any_folder() {
    let empty = tempfile::tempdir().unwrap();
    let assert = vnla_graph(empty.path()).arg("validate").assert().success();
    let stdout = stdout_of(&assert);
    assert!(
        stdout.starts_with("ok: bundled dataset:") && stdout.contains("0 error(s)"),
        "{stdout}"
    );
}

/// A sources folder that lacks the cited texts is never a success, and says how many quotes
/// went unchecked.
#[test]
fn missing_source_texts_are_errors_that_count_the_unchecked_quotes() {
    let fixture = Fixture::base();
    let empty = fixture.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let assert = fixture
        .run(&["validate", "--sources", "empty", "--diagnostics", "plain"])
        .code(1);
    let (stdout, stderr) = (stdout_of(&assert), stderr_of(&assert));
    assert!(
        stdout.contains("0 of 6 quotes checked against empty (6 could not be)"),
        "{stdout}"
    );
    assert!(
        stderr.contains("error[VG032]")
            && stderr.contains("6 quotes cite it and could not be checked"),
        "{stderr}"
    );
    let stderr = stderr_of(&fixture.run(&["validate", "--sources", "nowhere"]).code(2));
    assert!(
        stderr.contains("error: no sources folder at `nowhere`"),
        "{stderr}"
    );
}

/// Every `path` and `connect` example in the README's command lists answers on the bundled
/// data, and the README's `connect` answer is the tool's, hop line by hop line.
#[test]
fn every_path_and_connect_example_in_the_readme_answers() {
    let dir = tempfile::tempdir().unwrap();
    let readme = fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let examples: Vec<(&str, &str)> = readme
        .lines()
        .filter_map(|line| {
            let line = line.strip_prefix("vnla-graph ")?;
            let (command, rest) = line.split_once(' ')?;
            ["path", "connect"]
                .contains(&command)
                .then(|| (command, rest.split(['#', '|']).next().unwrap_or(rest)))
        })
        .collect();
    assert!(examples.iter().filter(|(c, _)| *c == "connect").count() >= 1);
    for (command, example) in &examples {
        let output = vnla_graph(dir.path())
            .arg(command)
            .args(shell_words(example))
            .output()
            .unwrap();
        assert!(
            output.status.success() && !output.stdout.is_empty(),
            "`vnla-graph {command} {example}` failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let tree = stdout_of(
        &vnla_graph(dir.path())
            .args(["connect", "Kaysone", "Nguyen_Phu_Trong", "Thongloun"])
            .assert()
            .success(),
    );
    for line in tree.lines().filter(|line| !line.starts_with("      ")) {
        assert!(
            readme.contains(&format!("\n{line}\n")),
            "README lacks {line:?}"
        );
    }
}
