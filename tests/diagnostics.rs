//! One fixture per diagnostic: `tests/fixtures/invalid/<case>/expected.txt` holds the exit
//! code (`exit: N`) and the exact plain stderr of `validate --sources`, so each case pins the
//! file, line, column, message and hints a curator sees.

use std::fs;

use crate::support::{fixtures, stderr_of, stdout_of, Fixture};

fn check(case: &str) {
    let expected = fs::read_to_string(fixtures().join("invalid").join(case).join("expected.txt"))
        .unwrap_or_else(|error| panic!("{case}: expected.txt: {error}"));
    let (status_line, expected_stderr) = expected.split_once('\n').expect("exit line, then stderr");
    let code: i32 = status_line
        .trim_start_matches("exit: ")
        .parse()
        .expect("exit code");
    let fixture = Fixture::with(&format!("invalid/{case}"));
    let assert = fixture.run(&[
        "validate",
        "--sources",
        "data/texts",
        "--diagnostics",
        "plain",
    ]);
    assert_eq!(stderr_of(&assert), expected_stderr, "stderr of case {case}");
    let assert = assert.code(code);
    let verdict = if code == 0 {
        "ok: data:"
    } else {
        "invalid: data:"
    };
    assert!(
        stdout_of(&assert).starts_with(verdict),
        "stdout of case {case}"
    );
}

macro_rules! cases {
    ($($name:ident => $folder:literal,)*) => {
        $(
            #[test]
            fn $name() {
                check($folder);
            }
        )*

        /// Every fixture folder has a test above, so none is silently skipped.
        #[test]
        fn every_invalid_fixture_is_tested() {
            let mut tested = vec![$($folder),*];
            tested.sort_unstable();
            let mut folders: Vec<String> = fs::read_dir(fixtures().join("invalid"))
                .expect("invalid fixtures")
                .map(|entry| entry.expect("entry").file_name().to_string_lossy().into_owned())
                .collect();
            folders.sort_unstable();
            assert_eq!(folders, tested);
        }
    };
}

cases! {
    yaml_syntax => "yaml-syntax",
    tab_indentation => "tab-indentation",
    bad_indentation => "bad-indentation",
    same_spelling => "same-spelling",
    bidi_control => "bidi-control",
    yaml_alias => "yaml-alias",
    yaml_merge_key => "yaml-merge-key",
    yaml_tag => "yaml-tag",
    second_document => "second-document",
    not_utf8 => "not-utf8",
    wrong_shape => "wrong-shape",
    scalar_for_list => "scalar-for-list",
    duplicate_key => "duplicate-key",
    missing_field => "missing-field",
    unknown_field => "unknown-field",
    empty_value => "empty-value",
    invalid_number => "invalid-number",
    bad_path_weight => "bad-path-weight",
    impossible_date => "impossible-date",
    date_not_a_date => "date-not-a-date",
    invalid_id => "invalid-id",
    duplicate_id => "duplicate-id",
    duplicate_id_same_file => "duplicate-id-same-file",
    unknown_kind => "unknown-kind",
    unknown_type => "unknown-type",
    unknown_family => "unknown-family",
    unknown_theme => "unknown-theme",
    unknown_entity => "unknown-entity",
    unknown_source => "unknown-source",
    endpoint_kind => "endpoint-kind",
    self_loop => "self-loop",
    end_before_date => "end-before-date",
    empty_evidence => "empty-evidence",
    missing_evidence => "missing-evidence",
    bad_country => "bad-country",
    quote_not_found => "quote-not-found",
    example_not_found => "example-not-found",
    source_file_missing => "source-file-missing",
    source_file_outside => "source-file-outside",
    shared_alias => "shared-alias",
    isolated_entity => "isolated-entity",
    seen_on_event => "seen-on-event",
    seen_outside_span => "seen-outside-span",
    claimant_of_fact => "claimant-of-fact",
    unknown_claimant => "unknown-claimant",
    bad_stance => "bad-stance",
    duplicate_tie => "duplicate-tie",
    quote_names_neither_end => "quote-names-neither-end",
    control_character => "control-character",
    control_character_schema => "control-character-schema",
    blank_name => "blank-name",
    no_relation_types => "no-relation-types",
    no_sources => "no-sources",
    source_url => "source-url",
    schema_not_drawable => "schema-not-drawable",
    source_date => "source-date",
    blank_quote => "blank-quote",
    year_zero => "year-zero",
}

#[test]
fn rich_diagnostics_quote_the_source_line() {
    let fixture = Fixture::with("invalid/unknown-entity");
    let assert = fixture.run(&["validate", "--diagnostics", "rich"]).code(1);
    insta::assert_snapshot!(stderr_of(&assert));
}

#[test]
fn every_command_that_loads_data_refuses_invalid_data() {
    let fixture = Fixture::with("invalid/unknown-type");
    for args in [
        &["stats"][..],
        &["show", "Ann"],
        &["search", "Ann"],
        &["export"],
        &["export", "--format", "json"],
    ] {
        let assert = fixture.run(args).code(1);
        assert_eq!(
            stdout_of(&assert),
            "",
            "{args:?} printed data from invalid input"
        );
        let stderr = stderr_of(&assert);
        assert!(
            stderr.contains("error[VG023]: unknown relation type `founde`"),
            "{args:?}: {stderr}"
        );
        assert!(
            stderr.contains("error: the data has 1 error(s)"),
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn an_output_file_is_not_touched_when_the_data_is_invalid() {
    let fixture = Fixture::with("invalid/unknown-type");
    let target = fixture.path().join("graph.json");
    fs::write(&target, "earlier export").unwrap();
    fixture
        .run(&["export", "--format", "json", "-o", "graph.json"])
        .code(1);
    assert_eq!(fs::read_to_string(target).unwrap(), "earlier export");
}
