//! The Spark hand-off (`scale/paths.py`) prices paths as `vnla-graph path` does: on a small
//! synthetic dataset, exported as CSV, the job run by the real PySpark in local mode (from
//! `.consumers/flow-venv`, with the system's Java 17; `bash .ci/setup-tests` installs it)
//! finds paths of the same cost, whose hops join their entities in order.

use std::path::Path;

use serde_json::Value;

use crate::support::{consume, stdout_of, vnla_graph};
use crate::synth::generator;

const PAIRS: [(&str, &str); 2] = [("E3", "E250"), ("E17", "E181")];

#[test]
fn the_spark_job_finds_paths_as_cheap_as_vnla_graph() {
    let dir = tempfile::tempdir().unwrap();
    generator::write_dataset(&dir.path().join("data"), 300, 1500, 2, 11).unwrap();
    let run = |args: &[&str]| {
        stdout_of(
            &vnla_graph(dir.path())
                .args(["--data", "data"])
                .args(args)
                .assert()
                .success(),
        )
    };
    run(&["export", "--format", "csv", "-o", "csv"]);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let python = root.join(".consumers/flow-venv/bin/python");
    let job = root.join("scale/paths.py");
    let csv = dir.path().join("csv");
    let mut args = vec![
        job.to_str().unwrap(),
        csv.to_str().unwrap(),
        "--master",
        "local[2]",
        "--partitions",
        "2",
    ];
    for (from, to) in PAIRS {
        args.extend([from, to]);
    }
    let output = consume(python.to_str().unwrap(), &args, "");
    let answers: Vec<Value> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).expect("one JSON answer a line"))
        .collect();
    assert_eq!(answers.len(), PAIRS.len());
    for ((from, to), spark) in PAIRS.iter().zip(&answers) {
        let ours: Value = serde_json::from_str(&run(&["path", from, to, "--format", "json"]))
            .expect("vnla-graph's JSON");
        let (ours, theirs) = (&ours["paths"][0], &spark["paths"][0]);
        assert_eq!(spark["from"], *from);
        assert_eq!(spark["to"], *to);
        assert_eq!(
            theirs["cost"], ours["cost"],
            "{from} -> {to}: {theirs} vs {ours}"
        );
        let nodes = theirs["nodes"].as_array().unwrap();
        let edges = theirs["edges"].as_array().unwrap();
        assert_eq!(
            (nodes.first().unwrap(), nodes.last().unwrap()),
            (&spark["from"], &spark["to"])
        );
        assert_eq!(edges.len() + 1, nodes.len());
        assert_eq!(theirs["hops"], edges.len());
        for (pair, edge) in nodes.windows(2).zip(edges) {
            let ends = [&edge["from"], &edge["to"]];
            assert!(
                ends.contains(&&pair[0]) && ends.contains(&&pair[1]),
                "{edge} does not join {} and {}",
                pair[0],
                pair[1]
            );
            assert!(!edge["evidence"].as_array().unwrap().is_empty(), "{edge}");
        }
    }
}
