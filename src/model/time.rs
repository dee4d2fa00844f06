//! When a relation holds: the time kind of its type (an event happens, a state holds) and the
//! extent that its `date`, `end` and `seen` give it. Every time filter, timeline and
//! chronological path reads a relation's time through [`Extent`], so the rules live here once.

use super::{Date, Relation};

/// A day as (year, month, day), ordered.
pub(crate) type Day = (u16, u8, u8);

/// How a relation type holds in time.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum TimeKind {
    /// It happens (a visit, a signing): in force within its date's period, or `date`..`end`.
    #[default]
    Event,
    /// It holds (an office, a membership, troops stationed): from `date` until `end`, still
    /// holding when there is no `end`; with `seen` alone, known to hold at that time.
    State,
}

impl TimeKind {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            TimeKind::Event => "event",
            TimeKind::State => "state",
        }
    }
}

/// The days a relation is known to be in force: from the first day of `from` to `stop`,
/// where a missing `stop` means it still holds as far as the texts know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Extent {
    /// The date it is known from, at the precision the text gives.
    pub(crate) from: Date,
    pub(crate) stop: Option<Day>,
}

impl Extent {
    /// The extent of `relation` under `kind`; `None` when the relation is undated.
    ///
    /// - An event: `date`'s period, or `date`..`end`; with `seen` alone (a text of then
    ///   reports it), `seen`'s period.
    /// - A state: from `date` (else from `seen`, else from `end`'s period) to `end`; open
    ///   when there is a `date` and no `end`; with `seen` alone, `seen`'s period.
    pub(crate) fn of(relation: &Relation, kind: TimeKind) -> Option<Extent> {
        let (date, end) = (relation.date, relation.end);
        match kind {
            TimeKind::Event => {
                // Reported by a text of `seen`, not dated: taken at the report's date.
                let date = date.or(relation.details().seen)?;
                Some(Extent {
                    from: date,
                    stop: Some(end.unwrap_or(date).last_day()),
                })
            }
            TimeKind::State => {
                let seen = relation.details().seen;
                let from = date.or(seen).or(end)?;
                let stop = match (date, end) {
                    (_, Some(end)) => Some(end.last_day()),
                    (Some(_), None) => None,
                    (None, None) => seen.map(Date::last_day),
                };
                Some(Extent { from, stop })
            }
        }
    }

    /// Its first day.
    pub(crate) fn start(&self) -> Day {
        self.from.first_day()
    }

    /// Whether the extent shares a day with `date`'s period.
    pub(crate) fn overlaps(&self, date: Date) -> bool {
        self.start() <= date.last_day() && self.holds_after(date.first_day())
    }

    /// Whether it is still in force on or after `day`.
    pub(crate) fn holds_after(&self, day: Day) -> bool {
        self.stop.is_none_or(|stop| stop >= day)
    }

    /// Whether two extents share a day.
    pub(crate) fn meets(&self, other: &Extent) -> bool {
        self.holds_after(other.start()) && other.holds_after(self.start())
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::{prop_assert, proptest};

    use super::{Extent, TimeKind};
    use crate::model::{Date, EvidenceList, Relation, RelationDetails};
    use crate::source::{SourceMap, Span};

    fn date(text: &str) -> Date {
        Date::parse(text).expect("valid date")
    }

    fn relation(date: Option<&str>, end: Option<&str>, seen: Option<&str>) -> Relation {
        let file = SourceMap::default().add_unread(std::path::Path::new("relations.yaml"));
        let span = Span::new(file, 0..0);
        Relation {
            from: "A".into(),
            relation_type: "leads".into(),
            to: "B".into(),
            date: date.map(self::date),
            end: end.map(self::date),
            details: RelationDetails {
                seen: seen.map(self::date),
                ..RelationDetails::default()
            }
            .boxed(),
            evidence: EvidenceList::new(),
            span,
        }
    }

    fn extent(
        kind: TimeKind,
        date: Option<&str>,
        end: Option<&str>,
        seen: Option<&str>,
    ) -> Option<Extent> {
        Extent::of(&relation(date, end, seen), kind)
    }

    #[test]
    fn an_event_holds_within_its_period() {
        let visit = extent(TimeKind::Event, Some("1977"), None, None).unwrap();
        assert!(visit.overlaps(date("1977-07")));
        assert!(!visit.overlaps(date("1978")));
        let war = extent(TimeKind::Event, Some("1946"), Some("1954"), None).unwrap();
        assert!(war.overlaps(date("1950")) && !war.overlaps(date("1955")));
        assert_eq!(extent(TimeKind::Event, None, Some("1954"), None), None);
    }

    #[test]
    fn a_state_holds_from_its_start_until_its_end() {
        let ruling = extent(TimeKind::State, Some("1975-12"), None, None).unwrap();
        assert!(!ruling.overlaps(date("1975-11")));
        assert!(ruling.overlaps(date("1990")) && ruling.overlaps(date("2024")));
        let office = extent(TimeKind::State, Some("1955"), Some("1992"), None).unwrap();
        assert!(office.overlaps(date("1980")) && !office.overlaps(date("1993")));
    }

    #[test]
    fn seen_or_end_alone_hold_at_their_own_time() {
        let seen = extent(TimeKind::State, None, None, Some("2024")).unwrap();
        assert!(seen.overlaps(date("2024-09")));
        assert!(!seen.overlaps(date("2023")) && !seen.overlaps(date("2025")));
        let ended = extent(TimeKind::State, None, Some("1990"), None).unwrap();
        assert!(ended.overlaps(date("1990")) && !ended.overlaps(date("1989")));
        assert_eq!(extent(TimeKind::State, None, None, None), None);
    }

    #[test]
    fn extents_meet_when_they_share_a_day() {
        let a = extent(TimeKind::State, Some("1955"), Some("1992"), None).unwrap();
        let b = extent(TimeKind::State, Some("1992-12"), None, None).unwrap();
        let c = extent(TimeKind::State, Some("1993"), None, None).unwrap();
        assert!(a.meets(&b) && b.meets(&a));
        assert!(!a.meets(&c) && !c.meets(&a));
    }

    proptest! {
        /// A state with no end holds at every date from its start on.
        #[test]
        fn an_open_state_holds_at_every_later_date(
            start in 1800u16..2100, later in 0u16..200, month in 1u8..=12
        ) {
            let state = extent(TimeKind::State, Some(&format!("{start}")), None, None).unwrap();
            let at = Date::parse(&format!("{:04}-{month:02}", start + later)).unwrap();
            prop_assert!(state.overlaps(at));
        }
    }
}
