//! The benchmark data generator (`examples/synth`) writes data that the real binary accepts,
//! quotes included, so benchmarks never time an error path.

use crate::support::{stdout_of, vnla_graph};

#[path = "../examples/synth/generator.rs"]
pub(crate) mod generator;

#[test]
fn synthetic_data_is_valid_and_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    let (first, second) = (dir.path().join("a"), dir.path().join("b"));
    generator::write_dataset(&first, 200, 1000, 3, 7).unwrap();
    generator::write_dataset(&second, 200, 1000, 3, 7).unwrap();
    for file in ["entities/people.yaml", "relations/part-001.yaml"] {
        assert_eq!(
            std::fs::read(first.join(file)).unwrap(),
            std::fs::read(second.join(file)).unwrap(),
            "{file}"
        );
    }
    let assert = vnla_graph(dir.path())
        .args(["--data", "a", "validate", "--sources", "a/texts"])
        .assert()
        .success();
    let stdout = stdout_of(&assert);
    assert!(
        stdout.contains("200 entities, 1000 relations") && stdout.contains("0 error(s)"),
        "{stdout}"
    );
}

/// A relation file over the piece size is parsed in pieces straight from disk and its text
/// is not kept, and 60k relations are validated in parts on every core; problems found after
/// loading must still be shown at their lines, in file order.
#[test]
fn problems_in_a_large_file_are_located_in_order() {
    let dir = tempfile::tempdir().unwrap();
    generator::write_dataset(dir.path(), 3_000, 60_000, 1, 3).unwrap();
    let file = dir.path().join("relations/part-000.yaml");
    let mut text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.len() > 4 << 20,
        "{} bytes: under the piece size",
        text.len()
    );
    // Unknown entities near the start and near the end, in different pieces and parts.
    let mut expected = Vec::new();
    for (last, id) in [(false, "Nobody_First"), (true, "Nobody_Last")] {
        let at = if last {
            text.rfind("  to: E")
        } else {
            text.find("  to: E")
        }
        .unwrap();
        let line = text[..at].matches('\n').count() + 1;
        let end = at + text[at..].find('\n').unwrap();
        text.replace_range(at..end, &format!("  to: {id}"));
        expected.push(format!(
            "relations/part-000.yaml:{line}:7: error[VG024]: unknown entity `{id}`"
        ));
    }
    std::fs::write(&file, text).unwrap();
    let assert = vnla_graph(dir.path())
        .args(["--data", ".", "validate"])
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    let found: Vec<usize> = expected
        .iter()
        .map(|line| {
            stderr
                .find(line.as_str())
                .unwrap_or_else(|| panic!("{line}\n{stderr}"))
        })
        .collect();
    assert!(found[0] < found[1], "out of order:\n{stderr}");
}

/// A view of a large dataset is drawn on at most a dozen pages, with a warning saying how
/// much was left out and how to draw a part, instead of thousands of pages for an hour.
#[test]
fn a_view_too_large_for_a_dozen_pages_is_cut_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    generator::write_dataset(&dir.path().join("data"), 300, 1500, 1, 11).unwrap();
    let assert = vnla_graph(dir.path())
        .args(["--data", "data", "render", "--out", "views"])
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(
        stderr.contains("warning: the `part-000` view needs more than 12 pages: drew 12, left out")
            && stderr.contains("vnla-graph export --focus NAME"),
        "{stderr}"
    );
    let pages: Vec<String> = std::fs::read_dir(dir.path().join("views"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("part-000-") && name.ends_with(".svg"))
        .collect();
    assert_eq!(pages.len(), 12, "{pages:?}");
    let last = std::fs::read_to_string(dir.path().join("views/part-000-12.md")).unwrap();
    assert!(last.contains("Page 12 of 12"), "{last}");
}
