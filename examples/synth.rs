//! Writes a valid synthetic dataset in the bundled format, for benchmarks:
//! `cargo run --release --example synth -- --entities 200000 --relations 1000000 --out /tmp/synth-1m`
//! (see `synth/generator.rs` for what the data looks like).

#[path = "synth/generator.rs"]
mod generator;

use std::path::PathBuf;

struct Args {
    entities: usize,
    relations: usize,
    out: PathBuf,
    files: usize,
    seed: u64,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        entities: 1000,
        relations: 5000,
        out: PathBuf::from("synth-data"),
        files: 4,
        seed: 1,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--entities" => {
                args.entities = value()?.parse().map_err(|e| format!("--entities: {e}"))?
            }
            "--relations" => {
                args.relations = value()?.parse().map_err(|e| format!("--relations: {e}"))?
            }
            "--out" => args.out = PathBuf::from(value()?),
            "--files" => args.files = value()?.parse().map_err(|e| format!("--files: {e}"))?,
            "--seed" => args.seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "-h" | "--help" => return Err(
                "usage: synth [--entities N] [--relations M] [--out DIR] [--files K] [--seed S]"
                    .into(),
            ),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if args.entities < 20 || args.files == 0 {
        return Err("need at least 20 entities and one file".into());
    }
    Ok(args)
}

fn main() {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}");
            std::process::exit(2);
        }
    };
    match generator::write_dataset(
        &args.out,
        args.entities,
        args.relations,
        args.files,
        args.seed,
    ) {
        Ok(bytes) => eprintln!(
            "wrote {} entities, {} relations ({:.1} MB) to {}",
            args.entities,
            args.relations,
            bytes as f64 / 1e6,
            args.out.display()
        ),
        Err(error) => {
            eprintln!("cannot write {}: {error}", args.out.display());
            std::process::exit(1);
        }
    }
}
