//! Which relations count at a time: `--at`, `--since`, `--until` and `--undated`, shared by
//! every command that filters by time. What a relation's own time is (an event's period, a
//! state's span) is [`Extent`]'s to say.

use crate::model::{Date, Extent, Relation, TimeKind};

/// Which relations count, by when they held (see [`Extent`]). Undated relations are outside
/// every time filter, since nothing shows they held then, unless `undated` keeps them.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct TimeFilter {
    /// In force at some point of this date's period.
    pub(crate) at: Option<Date>,
    /// Still in force on or after this date.
    pub(crate) since: Option<Date>,
    /// Already in force on or before this date.
    pub(crate) until: Option<Date>,
    /// Keep undated relations too.
    pub(crate) undated: bool,
}

impl TimeFilter {
    pub(crate) fn is_empty(&self) -> bool {
        self.at.is_none() && self.since.is_none() && self.until.is_none()
    }

    /// Whether `relation`, of a type with time kind `kind`, passes.
    pub(crate) fn admits(&self, relation: &Relation, kind: TimeKind) -> bool {
        if self.is_empty() {
            return true;
        }
        let Some(extent) = Extent::of(relation, kind) else {
            return self.undated;
        };
        self.at.is_none_or(|at| extent.overlaps(at))
            && self
                .since
                .is_none_or(|since| extent.holds_after(since.first_day()))
            && self
                .until
                .is_none_or(|until| extent.start() <= until.last_day())
    }

    /// `--at 1977`, `--since 2019`, ... for messages and titles that name the filters in force.
    pub(crate) fn describe(&self) -> Vec<String> {
        let mut words: Vec<String> = [
            ("at", self.at),
            ("since", self.since),
            ("until", self.until),
        ]
        .into_iter()
        .filter_map(|(word, date)| date.map(|date| format!("--{word} {date}")))
        .collect();
        if self.undated && !self.is_empty() {
            words.push("--undated".to_string());
        }
        words
    }
}
