//! criterion benchmarks of each stage on synthetic data: load + validate, graph build, one
//! path query, DOT export, at about 5k and 100k relations (1M with `VNLA_BENCH_LARGE=1`).
//! Run: `cargo bench --bench pipeline`. Data is generated once into target/bench-data/.

use std::path::PathBuf;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};

#[path = "../examples/synth/generator.rs"]
mod generator;

/// (name, entities, relations), in the 1 : 5 proportion of the reference dataset.
fn sizes() -> Vec<(&'static str, usize, usize)> {
    let mut sizes = vec![("5k", 1_000, 5_000), ("100k", 20_000, 100_000)];
    if std::env::var_os("VNLA_BENCH_LARGE").is_some() {
        sizes.push(("1m", 200_000, 1_000_000));
    }
    sizes
}

/// The dataset for one size, generated on first use.
fn dataset(name: &str, entities: usize, relations: usize) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("target/bench-data")
        .join(name);
    if !dir.join("sources.yaml").exists() {
        generator::write_dataset(&dir, entities, relations, 1, 1).expect("write benchmark data");
    }
    dir
}

fn pipeline(c: &mut Criterion) {
    for (name, entities, relations) in sizes() {
        let dir = dataset(name, entities, relations);
        let mut group = c.benchmark_group(format!("pipeline/{name}"));
        group
            .sample_size(10)
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(5));
        group.bench_function(BenchmarkId::new("load_validate", name), |b| {
            b.iter(|| vnla_graph::bench::load_and_validate(&dir));
        });
        let data = vnla_graph::bench::load_and_validate(&dir);
        group.bench_function(BenchmarkId::new("graph_build", name), |b| {
            b.iter(|| data.graph())
        });
        let graph = data.graph();
        // From one of the first ordinary entities to the last: ids E10.. are not hubs.
        let (from, to) = ("E10".to_string(), format!("E{}", entities - 1));
        group.bench_function(BenchmarkId::new("path_query", name), |b| {
            b.iter(|| graph.path(&from, &to))
        });
        group.bench_function(BenchmarkId::new("dot_export", name), |b| {
            b.iter(|| graph.dot())
        });
        group.finish();
    }
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
