//! Mutation fuzzing of the loader on the stable toolchain: the fixture files are edited at
//! random (YAML-significant characters inserted, bytes deleted, lines duplicated or swapped,
//! raw non-UTF-8 bytes) and the real binary must answer every variant with exit 0 or 1 and,
//! when it fails, a located error: never a panic (exit 101), never a hang.
//!
//! 64 cases per `cargo test`; for a longer run:
//! `PROPTEST_CASES=20000 cargo test --test integration fuzz -- --nocapture`.

use std::fs;

use proptest::prelude::*;

use crate::support::{stderr_of, Fixture};

/// One edit to a file's bytes, positions taken modulo the length.
#[derive(Debug, Clone)]
enum Edit {
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
    DuplicateLine(usize),
    SwapLines(usize, usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    let significant = prop::sample::select(vec![
        &b"-"[..],
        b":",
        b" ",
        b"  ",
        b"\n",
        b"\t",
        b"\"",
        b"'",
        b"[",
        b"]",
        b"{",
        b"}",
        b"&a",
        b"*a",
        b"!!str ",
        b"#",
        b"|",
        b">",
        b"---\n",
        b"...",
        b"\\",
        b"\xff",
        b"\xc3",
        b"\xef\xbb\xbf",
        b"~",
        b"?",
    ]);
    prop_oneof![
        (any::<usize>(), significant).prop_map(|(at, bytes)| Edit::Insert(at, bytes.to_vec())),
        (any::<usize>(), proptest::collection::vec(any::<u8>(), 1..4))
            .prop_map(|(at, bytes)| Edit::Insert(at, bytes)),
        (any::<usize>(), 1usize..40).prop_map(|(at, len)| Edit::Delete(at, len)),
        any::<usize>().prop_map(Edit::DuplicateLine),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Edit::SwapLines(a, b)),
    ]
}

fn apply(bytes: &mut Vec<u8>, edit: &Edit) {
    let len = bytes.len().max(1);
    match edit {
        Edit::Insert(at, inserted) => {
            let at = at % (bytes.len() + 1);
            bytes.splice(at..at, inserted.iter().copied());
        }
        Edit::Delete(at, count) => {
            let at = at % len;
            let end = (at + count).min(bytes.len());
            bytes.drain(at.min(end)..end);
        }
        Edit::DuplicateLine(line) | Edit::SwapLines(line, _) => {
            let mut lines: Vec<Vec<u8>> = bytes
                .split_inclusive(|&b| b == b'\n')
                .map(<[u8]>::to_vec)
                .collect();
            if lines.is_empty() {
                return;
            }
            let first = line % lines.len();
            match edit {
                Edit::DuplicateLine(_) => lines.insert(first, lines[first].clone()),
                Edit::SwapLines(_, other) => {
                    let second = other % lines.len();
                    lines.swap(first, second);
                }
                _ => unreachable!("matched above"),
            }
            *bytes = lines.concat();
        }
    }
}

const FILES: [&str; 5] = [
    "entities/people.yaml",
    "entities/other.yaml",
    "relations/ties.yaml",
    "schema.yaml",
    "sources.yaml",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn mutated_data_never_panics(file in prop::sample::select(FILES.to_vec()), edits in proptest::collection::vec(edit(), 1..6)) {
        let fixture = Fixture::base();
        let path = fixture.data().join(file);
        let mut bytes = fs::read(&path).unwrap();
        for edit in &edits {
            apply(&mut bytes, edit);
        }
        fs::write(&path, &bytes).unwrap();
        let assert = fixture.run(&["validate", "--sources", "data/texts", "--diagnostics", "plain"]);
        let code = assert.get_output().status.code();
        let stderr = stderr_of(&assert);
        prop_assert!(matches!(code, Some(0 | 1)), "exit {:?} for {:?}:\n{}", code, String::from_utf8_lossy(&bytes), stderr);
        prop_assert!(!stderr.contains("panicked"), "{}", stderr);
        if code == Some(1) {
            prop_assert!(stderr.contains("data/") && stderr.contains("error"), "an error without a location:\n{}", stderr);
        }
        // Every other command that loads data agrees with validate (which, without
        // --sources, does not prove quotes either).
        let validate = fixture.run(&["validate"]).get_output().status.code();
        let export = fixture.run(&["export"]).get_output().status.code();
        prop_assert_eq!(export, validate);
    }
}
