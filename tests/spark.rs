//! The Spark hand-off (`scale/paths.py`) prices paths as `vnla-graph path` does: on a small
//! synthetic dataset, exported as CSV, the job run by the real PySpark (from
//! `.consumers/flow-venv`, with the system's Java 17; `bash .ci/setup-tests` installs it)
//! finds paths of the same cost, whose hops join their entities in order — in local mode, and
//! on a standalone cluster of a master and two workers on 127.0.0.1 (`scale/cluster.sh`),
//! where only `--master` changes; and on the bundled data, whose kinds and types (a country
//! two people lead, a congress two bodies are tied to) exercise every rule of the cost.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::support::{copy_dir, stdout_of, vnla_graph};
use crate::synth::generator;

const PAIRS: [(&str, &str); 2] = [("E3", "E250"), ("E17", "E181")];

/// The headline question, and one whose answer passes a country between two ties it acts in
/// neither of.
const BUNDLED_PAIRS: [(&str, &str); 2] = [
    ("Kaysone_Phomvihane", "Nguyen_Phu_Trong"),
    ("Souphanouvong", "Indochinese_Communist_Party"),
];

#[test]
fn the_spark_job_finds_paths_as_cheap_as_vnla_graph() {
    assert_spark_agrees("local[2]", &synthetic(), &PAIRS);
}

#[test]
fn the_spark_job_runs_unchanged_on_a_standalone_cluster() {
    let state = tempfile::tempdir().unwrap();
    let cluster = Cluster::start(state.path());
    assert_spark_agrees(&cluster.master, &synthetic(), &PAIRS);
}

#[test]
fn the_spark_job_prices_the_bundled_data_as_vnla_graph() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&root().join("graph-data"), &dir.path().join("data"));
    assert_spark_agrees("local[2]", &dir, &BUNDLED_PAIRS);
}

/// A small synthetic dataset in `data/` of a new folder.
fn synthetic() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    generator::write_dataset(&dir.path().join("data"), 300, 1500, 2, 11).unwrap();
    dir
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the job with `master` on the CSV export of the dataset in `dir`'s `data/` and
/// compares its answer for each of `pairs` with `vnla-graph path --format json` on the same
/// data.
fn assert_spark_agrees(master: &str, dir: &tempfile::TempDir, pairs: &[(&str, &str)]) {
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
    let mut job = Command::new(root().join(".consumers/flow-venv/bin/python"));
    job.arg(root().join("scale/paths.py"))
        .arg(dir.path().join("csv"))
        .args(["--master", master, "--partitions", "2"])
        // The driver listens where the cluster's executors can reach it.
        .env("SPARK_LOCAL_IP", "127.0.0.1");
    for (from, to) in pairs {
        job.args([from, to]);
    }
    let output = job
        .output()
        .expect("PySpark must be installed (bash .ci/setup-tests)");
    assert!(
        output.status.success(),
        "scale/paths.py --master {master} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let answers: Vec<Value> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).expect("one JSON answer a line"))
        .collect();
    assert_eq!(answers.len(), pairs.len());
    for ((from, to), spark) in pairs.iter().zip(&answers) {
        let ours: Value = serde_json::from_str(&run(&["path", from, to, "--format", "json"]))
            .expect("vnla-graph's JSON");
        let (ours, theirs) = (&ours["paths"][0], &spark["paths"][0]);
        assert_eq!(spark["from"], *from);
        assert_eq!(spark["to"], *to);
        assert_eq!(
            theirs["cost"], ours["cost"],
            "{master}: {from} -> {to}: {theirs} vs {ours}"
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

/// A master and two workers started by `scale/cluster.sh` on a free port, their pids and logs
/// in `state`; stopped when dropped, so a failing assertion leaves no Java behind.
struct Cluster {
    state: PathBuf,
    port: u16,
    master: String,
}

impl Cluster {
    fn start(state: &Path) -> Cluster {
        // A port the system just handed out and took back: free, unlike a fixed 7077 that a
        // developer's own cluster may hold.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .expect("a free port")
            .port();
        let cluster = Cluster {
            state: state.to_path_buf(),
            port,
            master: format!("spark://127.0.0.1:{port}"),
        };
        let output = cluster.script("start");
        let logs = || {
            ["master", "worker1", "worker2"]
                .iter()
                .map(|log| {
                    let text = std::fs::read_to_string(state.join(format!("{log}.log")));
                    format!("--- {log}.log\n{}", text.unwrap_or_default())
                })
                .collect::<Vec<_>>()
                .join("\n")
        };
        assert!(
            output.status.success(),
            "scale/cluster.sh start failed: {}\n{}",
            String::from_utf8_lossy(&output.stderr),
            logs()
        );
        assert_eq!(
            String::from_utf8_lossy(&output.stdout).trim(),
            cluster.master,
            "the address it prints"
        );
        cluster
    }

    fn script(&self, action: &str) -> std::process::Output {
        Command::new("bash")
            .arg(root().join("scale/cluster.sh"))
            .arg(action)
            .env("CLUSTER_PORT", self.port.to_string())
            .env("CLUSTER_STATE", &self.state)
            .output()
            .expect("bash runs scale/cluster.sh")
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let _ = self.script("stop");
    }
}
