//! Which relations count at a time: the period arithmetic behind `--at`, `--since` and
//! `--until`, shared by every command that filters by time.

use crate::model::{Date, Relation};

/// Which relations count, by when they held. A relation spans `date`..`end`, or without `end`
/// its date's own period (`1977` is the whole year). Undated relations are outside every time
/// filter: nothing shows they held then.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct TimeFilter {
    /// In force at some point of this date's period.
    pub(crate) at: Option<Date>,
    /// Still in force on or after this date.
    pub(crate) since: Option<Date>,
    /// Already in force on or before this date.
    pub(crate) until: Option<Date>,
}

impl TimeFilter {
    pub(crate) fn is_empty(&self) -> bool {
        self.at.is_none() && self.since.is_none() && self.until.is_none()
    }

    pub(crate) fn admits(&self, relation: &Relation) -> bool {
        if self.is_empty() {
            return true;
        }
        let Some(date) = &relation.date else {
            return false;
        };
        let start = date.first_day();
        let end = relation
            .end
            .as_ref()
            .map_or(date.last_day(), |end| end.last_day());
        self.at
            .is_none_or(|at| start <= at.last_day() && end >= at.first_day())
            && self.since.is_none_or(|since| end >= since.first_day())
            && self.until.is_none_or(|until| start <= until.last_day())
    }

    /// `--at 1977`, `--since 2019`, ... for messages and titles that name the filters in force.
    pub(crate) fn describe(&self) -> Vec<String> {
        [
            ("at", self.at),
            ("since", self.since),
            ("until", self.until),
        ]
        .into_iter()
        .filter_map(|(word, date)| date.map(|date| format!("--{word} {date}")))
        .collect()
    }
}
