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
        "2  usage error",
    ] {
        assert!(help.contains(expected), "missing {expected:?} in:\n{help}");
    }
    let assert = vnla_graph(dir.path())
        .args(["validate", "--help"])
        .assert()
        .success();
    assert!(stdout_of(&assert).contains("Limits: YAML anchors and aliases are refused"));
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
        .code(1);
    let stderr = stderr_of(&assert);
    assert!(
        stderr.contains("error: no data folder at `nowhere`"),
        "{stderr}"
    );
    assert!(stderr.contains("--data DIR"), "{stderr}");
}

#[test]
fn the_bundled_dataset_validates_against_the_seed_texts() {
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    let empty = tempfile::tempdir().unwrap();
    let assert = vnla_graph(empty.path())
        .arg("validate")
        .arg("--sources")
        .arg(&seeds)
        .assert()
        .success();
    let stdout = stdout_of(&assert);
    assert!(
        stdout.starts_with("ok: bundled dataset:") && stdout.contains("0 error(s)"),
        "{stdout}"
    );
}
