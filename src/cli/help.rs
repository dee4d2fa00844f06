//! The help texts that several commands share (exit codes, time, data folder, the loader's
//! limits) and `path`'s own, which states the cost it ranks by. Built from the real
//! constants where there are some, so `--help` cannot go stale; the tests run every
//! `path` example and check the cost of the worked one.

use crate::load::{MAX_DEPTH, MAX_FILE_BYTES, MAX_VALUE_BYTES};

pub(super) const EXIT_CODES: &str = "\
Exit codes:
  0  success
  1  the data is invalid, or has no answer (no match, no path); stale views (render --check)
  2  any other error: bad arguments or names, a file that cannot be read or written,
     Graphviz missing or failing";

/// The loader's limits, from its own constants so `--help` cannot go stale.
pub(super) fn limits() -> String {
    format!(
        "Limits: YAML aliases, merge keys (`<<`) and tags other than !!str, !!seq, !!map are refused;\n\
         nesting deeper than {MAX_DEPTH} levels is refused; a file over {} MiB is refused unread;\n\
         a single value over {} MiB is refused.",
        MAX_FILE_BYTES >> 20,
        MAX_VALUE_BYTES >> 20
    )
}

pub(super) const TIME_HELP: &str = "\
Time: an event (visited, signed, met, ...) is in force within its date's period (`1977` is
the whole year) or from `date` to `end`; a state (leads, member_of, stationed_in, ...) holds
from `date` until `end`, or still holds when it has no `end`. Undated relations are left out
by every time filter unless --undated keeps them. Example: `--at 1990` keeps the LPRP leading
Laos since 1975, and leaves out a 1977 visit.";

pub(super) const DATA_HELP: &str = "\
Data folder: --data DIR, else $VNLA_GRAPH_DATA (when not empty), else ./graph-data when it
exists, else the dataset bundled into this binary.";

/// After `path --help`: the cost, examples, time and exit codes.
pub(super) fn path_help() -> String {
    format!(
        "\
The cost of a path: each hop costs its relation type's weight (`weight:` in
schema.yaml: 1 for a direct tie such as leads, signed or met, 4 for located_in),
plus the claim penalty for a claim; each entity passed through costs
ln(1 + its relations)^2 times a factor, half from each tie on either side: 1
from a direct tie it acts in (a fact weighing at most `direct_weight:`, 1, with
the entity as its source or either end of a symmetric type), else its kind's
factor (`through:`: 4 for a country, a place or the special relationship,
1.5 for an event, 1 for a person). So a chain of specific ties beats a detour
through a hub or a place; a country that built one thing and signed the other is
passed cheaper, as an actor, than one that two people lead. Any answer through a
country, port, place or the relationship is flagged `weak:`, with the best chain
avoiding those kinds. Example: Kaysone attended the 4th Congress
(an event, 2 relations), which the CPV (a party, 16 relations) held, which Nguyen
Phu Trong leads: 3 hops (1 + 1 + 1) + ln(3)^2 x 1.5 (the congress acts in
neither tie) + ln(17)^2 (the CPV acts in one, and a party's factor is 1) = cost
12.8.
--plain ranks by hops alone; --facts-only leaves claims out; --explain lists
each path's charges. -k N gives chains through different entities; relations
between the same two entities are one hop, the others listed under it (also:).

Examples:
  vnla-graph path Kaysone Nguyen_Phu_Trong
  vnla-graph path Kaysone Nguyen_Phu_Trong --explain
  vnla-graph path Kaysone \"Pham Minh Chinh\" -k 3 --format markdown
  vnla-graph path Kaysone Thongloun --avoid Vietnam,Laos --since 1975
  vnla-graph path Ho_Chi_Minh Thongloun --via-kinds person,party
  vnla-graph path Kaysone Nguyen_Phu_Trong --format dot | dot -Tsvg > path.svg
  vnla-graph path Kaysone Nguyen_Phu_Trong --format mermaid | mmdc -i - -o path.svg

{TIME_HELP}

{EXIT_CODES}"
    )
}

/// After `connect --help`: what the tree is, what it costs, examples.
pub(super) fn connect_help() -> String {
    format!(
        "\
The answer is the cheapest set of ties joining every entity named: a Steiner
tree, found within twice the cheapest (the shortest-path heuristic), with the
costs and filters of `path`. Each tie costs its hop as in `path`, plus the half
of passing through each of its ends that it brings (see `path --help`), nothing
for the entities named: a chain through an entity pays its charge once, a fork
of three 1.5 times. With two entities the tree is the path. --max-hops bounds each link between two of
the named entities; there is no --directed (a tree has no one direction).

Examples:
  vnla-graph connect Kaysone Nguyen_Phu_Trong Thongloun
  vnla-graph connect Kaysone Thongloun BIDV --explain
  vnla-graph connect Ho_Chi_Minh Kaysone Souphanouvong --format markdown
  vnla-graph connect Kaysone Thongloun Nguyen_Phu_Trong --format dot | dot -Tsvg > tree.svg

{EXIT_CODES}"
    )
}
