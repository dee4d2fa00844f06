//! The benchmark data generator (`examples/synth`) writes data that the real binary accepts,
//! quotes included, so benchmarks never time an error path.

use crate::support::{stdout_of, vnla_graph};

#[path = "../examples/synth/generator.rs"]
mod generator;

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
