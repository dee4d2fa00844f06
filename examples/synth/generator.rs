//! The synthetic dataset generator shared by `examples/synth.rs` and `benches/pipeline.rs`.
//!
//! Writes a valid dataset in the bundled format, shaped like the real data: the bundled
//! `graph-data/schema.yaml`; entity kinds in roughly the bundled proportions; relation types only
//! between kinds the schema allows; ten hub "countries"; most relations dated; every relation
//! quoting a generated source text, so `validate --sources` passes. Same arguments, same files.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::Path;

/// A small deterministic generator (SplitMix64): no dependency, same output everywhere.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// (kind, share out of 100, file) in roughly the bundled proportions.
const KINDS: &[(&str, usize, &str)] = &[
    ("person", 30, "people"),
    ("agency", 15, "agencies"),
    ("organization", 13, "organizations"),
    ("agreement", 15, "agreements"),
    ("event", 10, "events"),
    ("project", 7, "projects"),
    ("place", 5, "places"),
    ("bank", 2, "banks"),
    ("company", 1, "companies"),
    ("port", 1, "ports"),
    ("party", 1, "parties"),
];

/// (type, allowed source kinds, allowed target kinds): a subset of the bundled schema's types,
/// within its endpoint rules (checked by validating the output in the test suite).
const TYPES: &[(&str, &[&str], &[&str])] = &[
    (
        "signed",
        &["person", "agency", "organization", "party", "country"],
        &["agreement"],
    ),
    (
        "leads",
        &["person"],
        &[
            "agency",
            "organization",
            "party",
            "bank",
            "company",
            "country",
        ],
    ),
    (
        "member_of",
        &["person", "agency", "organization"],
        &["organization", "party", "agency"],
    ),
    ("met", &["person"], &["person"]),
    (
        "visited",
        &["person", "agency", "organization"],
        &["place", "country", "project", "port"],
    ),
    (
        "cooperates_with",
        &["agency", "organization", "country", "bank"],
        &["agency", "organization", "country", "bank"],
    ),
    (
        "funded",
        &["bank", "country", "company", "agency"],
        &["project", "port", "agency", "organization"],
    ),
    (
        "attended",
        &["person", "agency", "country", "party"],
        &["event"],
    ),
    (
        "located_in",
        &["project", "port", "event", "bank"],
        &["place", "country"],
    ),
    (
        "supported",
        &["country", "agency", "organization"],
        &["project", "agency", "organization", "country"],
    ),
];

const HUBS: usize = 10;

/// Words the generated source text and quotes are made of.
const WORDS: &[&str] = &[
    "the",
    "two",
    "sides",
    "agreed",
    "to",
    "strengthen",
    "cooperation",
    "in",
    "trade",
    "energy",
    "transport",
    "education",
    "security",
    "and",
    "culture",
    "delegation",
    "visited",
    "signed",
    "memorandum",
    "ministry",
    "province",
    "bank",
    "port",
    "corridor",
    "project",
    "friendship",
];

/// Writes `entities` entities and `relations` relations (split over `files` relation files)
/// into `root`; returns the bytes written.
pub(crate) fn write_dataset(
    root: &Path,
    entities: usize,
    relations: usize,
    files: usize,
    seed: u64,
) -> io::Result<u64> {
    assert!(
        entities >= HUBS * 2 && files > 0,
        "need at least {} entities and one file",
        HUBS * 2
    );
    let mut random = Random(seed);
    for folder in ["entities", "relations", "texts"] {
        fs::create_dir_all(root.join(folder))?;
    }
    let schema = fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/graph-data/schema.yaml"
    ))?;
    // The types' examples quote the bundled texts, which generated data does not have.
    let schema: String = schema
        .lines()
        .filter(|line| !line.trim_start().starts_with("example:"))
        .flat_map(|line| [line, "\n"])
        .collect();
    fs::write(root.join("schema.yaml"), schema)?;

    // One source text of 20,000 words; a quote names its relation's source entity by its id
    // (as real quotes name who did what), then a 7-word window of the text, so quotes are as
    // long as the 8-word windows they were before; the quotes are added to the text so that
    // they are found in it.
    let text: Vec<&str> = (0..20_000)
        .map(|_| WORDS[random.below(WORDS.len())])
        .collect();
    let mut source_text = text.join(" ");
    fs::write(
        root.join("sources.yaml"),
        "- id: synthetic\n  title: Synthetic source\n  publisher: synth\n  date: \"2024\"\n  file: synthetic.txt\n",
    )?;

    // Entities: the first HUBS are countries, the rest drawn by share.
    let mut kinds: Vec<&str> = Vec::with_capacity(entities);
    let mut entity_files: Vec<String> = vec![String::new(); KINDS.len() + 1];
    for index in 0..entities {
        let (kind, file) = if index < HUBS {
            ("country", KINDS.len())
        } else {
            let mut roll = random.below(100);
            let slot = KINDS.iter().position(|(_, share, _)| {
                if roll < *share {
                    true
                } else {
                    roll -= share;
                    false
                }
            });
            let slot = slot.unwrap_or(0);
            (KINDS[slot].0, slot)
        };
        kinds.push(kind);
        let _ = write!(
            entity_files[file],
            "- id: E{index}\n  name: Entity {index} Nguyễn\n  kind: {kind}\n  country: {}\n  aliases: [\"E {index}\"]\n  description: Synthetic {kind} number {index}\n",
            ["VN", "LA"][index % 2]
        );
    }
    for (slot, content) in entity_files.iter().enumerate() {
        let name = KINDS.get(slot).map_or("countries", |(_, _, file)| file);
        fs::write(root.join(format!("entities/{name}.yaml")), content)?;
    }

    // Entities of each kind, to draw endpoints the schema allows.
    let mut by_kind: std::collections::HashMap<&str, Vec<usize>> = std::collections::HashMap::new();
    for (index, kind) in kinds.iter().enumerate() {
        by_kind.entry(kind).or_default().push(index);
    }
    let pick = |random: &mut Random, allowed: &[&str]| -> Option<usize> {
        let kind = allowed[random.below(allowed.len())];
        let pool = by_kind.get(kind)?;
        Some(pool[random.below(pool.len())])
    };
    let mut outputs: Vec<String> = vec![String::new(); files];
    let mut written = 0;
    // One relation per tie, as curated data has (validation warns about a repeated one).
    let mut ties = std::collections::HashSet::new();
    while written < relations {
        let type_index = random.below(TYPES.len());
        let (relation_type, from_kinds, to_kinds) = TYPES[type_index];
        let (Some(from), Some(to)) = (pick(&mut random, from_kinds), pick(&mut random, to_kinds))
        else {
            continue;
        };
        if from == to || !ties.insert((type_index, from.min(to), from.max(to))) {
            continue;
        }
        let out = &mut outputs[written % files];
        let _ = write!(
            out,
            "- from: E{from}\n  type: {relation_type}\n  to: E{to}\n"
        );
        if random.below(10) < 8 {
            let year = 1945 + random.below(80);
            let _ = match random.below(3) {
                0 => writeln!(out, "  date: \"{year}\""),
                1 => writeln!(out, "  date: \"{year}-{:02}\"", 1 + random.below(12)),
                _ => writeln!(
                    out,
                    "  date: \"{year}-{:02}-{:02}\"",
                    1 + random.below(12),
                    1 + random.below(28)
                ),
            };
        }
        let start = random.below(text.len() - 7);
        let quote = format!("E{from} {}", text[start..start + 7].join(" "));
        let _ = write!(
            out,
            "  evidence:\n    - source: synthetic\n      quote: \"{quote}\"\n"
        );
        source_text.push('\n');
        source_text.push_str(&quote);
        written += 1;
    }
    fs::write(root.join("texts/synthetic.txt"), source_text)?;
    for (index, content) in outputs.iter().enumerate() {
        fs::write(
            root.join(format!("relations/part-{index:03}.yaml")),
            content,
        )?;
    }
    Ok(walk_size(root))
}

fn walk_size(dir: &Path) -> u64 {
    fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| {
            let path = entry.path();
            if path.is_dir() {
                walk_size(&path)
            } else {
                entry.metadata().map_or(0, |m| m.len())
            }
        })
        .sum()
}
