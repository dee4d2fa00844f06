//! The help texts that several commands share (exit codes, time, data folder, the loader's
//! limits) and `path`'s own, which states the cost it ranks by. Built from the real
//! constants where there are some, so `--help` cannot go stale.

use crate::load::{MAX_DEPTH, MAX_FILE_BYTES, MAX_VALUE_BYTES};

pub(super) const EXIT_CODES: &str = "\
Exit codes:
  0  success
  1  invalid data, or no result (no match, no path)
  2  usage error: bad arguments, or a name that matches no entity or several";

/// The loader's limits, from its own constants so `--help` cannot go stale.
pub(super) fn limits() -> String {
    format!(
        "Limits: YAML anchors and aliases are refused; nesting deeper than {MAX_DEPTH} levels is refused;\n\
         a file over {} MiB is refused unread; a single value over {} MiB is refused.",
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
Data folder: --data DIR, else $VNLA_GRAPH_DATA, else ./graph-data when it exists, else the
dataset bundled into this binary.";

/// After `path --help`: the cost, examples, time and exit codes.
pub(super) fn path_help() -> String {
    format!("The cost of a path is one per hop plus, for each entity it passes through,\n\
ln(1 + relations)^2, so a chain of specific ties beats a detour through a hub\n\
such as a country, and a claim hop costs the schema's claim penalty more.\n\
--plain ranks by hops alone; --facts-only leaves claims out.\n\n\
Examples:\n  vnla-graph path Kaysone Nguyen_Phu_Trong\n  vnla-graph path Kaysone \"Pham Minh Chinh\" -k 3 --format markdown\n  \
vnla-graph path Ho_Chi_Minh Thongloun --avoid Vietnam,Laos --since 1975\n  \
vnla-graph path Kaysone Nguyen_Phu_Trong --format dot | dot -Tsvg > path.svg\n\n{TIME_HELP}\n\n{EXIT_CODES}")
}
