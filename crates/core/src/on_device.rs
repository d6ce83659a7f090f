//! What the app keeps on the person's device, and for how long: the draft of an application
//! while it is being written, and the record of each application sent from this device (so a
//! jobseeker can find a reference again). Both are stamped with the time they were saved and
//! dropped once their retention time has passed.
//!
//! Times are milliseconds since the Unix epoch, as the browser's `Date.now()` gives them.

use crate::view_state::{MyDutch, ViewState};
use crate::{municipality, Municipality};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// A draft nobody has touched for a month is abandoned; keeping name, email and phone longer
/// on the device serves nobody.
pub const DRAFT_RETENTION_DAYS: u32 = 30;

/// A sent application is kept a year: hiring in Flanders, with a Dutch course in between, can
/// take months, and the reference is what the jobseeker quotes to the employer, VDAB or Forem
/// when they follow it up. After a year the vacancy is long closed.
pub const SENT_RETENTION_DAYS: u32 = 365;

const MS_PER_DAY: u64 = 24 * 60 * 60 * 1000;

/// The kinds of things kept on the device, each with its retention time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kept {
    Draft,
    SentApplication,
}

impl Kept {
    /// How many days an entry of this kind is kept after it was last saved.
    pub fn retention_days(self) -> u32 {
        match self {
            Kept::Draft => DRAFT_RETENTION_DAYS,
            Kept::SentApplication => SENT_RETENTION_DAYS,
        }
    }

    /// True once the retention time has passed since `saved_at_ms`. An entry stamped in the
    /// future (the device's clock was wrong when it was saved) is not expired.
    pub fn is_expired(self, saved_at_ms: u64, now_ms: u64) -> bool {
        now_ms.saturating_sub(saved_at_ms) >= u64::from(self.retention_days()) * MS_PER_DAY
    }
}

/// A value as it is stored: with the time it was saved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stamped<T> {
    pub saved_at_ms: u64,
    pub value: T,
}

/// What a stored entry turned out to be when read.
#[derive(Debug, Clone, PartialEq)]
pub enum Found<T> {
    /// Within its retention time, with the time it was saved.
    Fresh(Stamped<T>),
    /// Saved by an older version, without a time. Its age is unknown, so it is taken as saved
    /// now and the caller stores it again with a stamp: it gets a full term from the first time
    /// this version sees it, rather than being lost or kept for ever.
    Unstamped(T),
    /// Past its retention time, or unreadable (corrupt JSON, a shape no version wrote): the
    /// caller removes it.
    Drop,
}

/// Reads a stored entry of `kind` at `now_ms`.
pub fn read_entry<T: DeserializeOwned>(json: &str, kind: Kept, now_ms: u64) -> Found<T> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Stored<T> {
        Stamped(Stamped<T>),
        Bare(T),
    }
    match serde_json::from_str::<Stored<T>>(json) {
        Ok(Stored::Stamped(s)) if kind.is_expired(s.saved_at_ms, now_ms) => Found::Drop,
        Ok(Stored::Stamped(s)) => Found::Fresh(s),
        Ok(Stored::Bare(value)) => Found::Unstamped(value),
        Err(_) => Found::Drop,
    }
}

/// What the start-up sweep does with one stored entry.
#[derive(Debug, Clone, PartialEq)]
pub enum Sweep {
    Keep,
    /// Past its retention time, or not a JSON object.
    Remove,
    /// Saved before timestamps existed: store this (the entry, stamped now) in its place, so
    /// it gets a full term from today, as [`read_entry`] does.
    Restamp(String),
}

/// The start-up sweep's verdict on an entry of `kind`, from its time stamp alone.
///
/// [`read_entry`] decodes the whole value; the sweep does not, so that the start page's wasm
/// holds no draft or receipt decoder (they came to ~9 KB brotli). An object whose fields no
/// version wrote is kept until it is read (and dropped then) or its term ends.
pub fn sweep_entry(json: &str, kind: Kept, now_ms: u64) -> Sweep {
    #[derive(Deserialize)]
    struct Stamp {
        saved_at_ms: Option<u64>,
    }
    match serde_json::from_str::<Stamp>(json) {
        Ok(Stamp {
            saved_at_ms: Some(saved),
        }) if kind.is_expired(saved, now_ms) => Sweep::Remove,
        Ok(Stamp {
            saved_at_ms: Some(_),
        }) => Sweep::Keep,
        Ok(Stamp { saved_at_ms: None }) => {
            Sweep::Restamp(format!(r#"{{"saved_at_ms":{now_ms},"value":{json}}}"#))
        }
        Err(_) => Sweep::Remove,
    }
}

/// The record of an application sent from this device, for the "my applications" list.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SentApplication {
    pub vacancy_id: u32,
    /// The server's reference, e.g. `PAS-2026-000123`.
    pub reference: String,
    /// When the server stored it (RFC 3339).
    pub received_at: String,
    /// The vacancy as it was when the application was sent (it may be gone since).
    pub title: String,
    pub employer: String,
    /// The home town (NIS code) and Dutch level of the search it was sent from, so the
    /// vacancy can be opened again; empty in records from older versions.
    pub town: String,
    pub dutch: String,
}

impl SentApplication {
    /// The results view that shows this vacancy, when the search it came from is known.
    pub fn vacancy_view(&self) -> Option<ViewState> {
        let town: &'static Municipality =
            municipality::by_nis(&self.town).filter(|m| m.is_walloon())?;
        let vacancy = Some(self.vacancy_id).filter(|&id| id > 0)?;
        Some(ViewState {
            town: Some(town),
            dutch: MyDutch::parse(&self.dutch).unwrap_or(MyDutch::Unknown),
            vacancy: Some(vacancy),
            ..ViewState::default()
        })
    }

    /// Whether this is a real record (older or damaged entries may lack the reference).
    pub fn is_usable(&self) -> bool {
        self.vacancy_id > 0 && !self.reference.trim().is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::ApplicationDraft;

    const DAY: u64 = MS_PER_DAY;
    const NOW: u64 = 1_796_000_000_000;

    #[test]
    fn a_draft_expires_thirty_days_after_it_was_last_saved() {
        assert!(!Kept::Draft.is_expired(NOW - 29 * DAY, NOW));
        assert!(!Kept::Draft.is_expired(NOW - 30 * DAY + 1, NOW));
        assert!(Kept::Draft.is_expired(NOW - 30 * DAY, NOW));
    }

    #[test]
    fn a_sent_application_outlives_a_draft_and_expires_after_a_year() {
        assert!(!Kept::SentApplication.is_expired(NOW - 200 * DAY, NOW));
        assert!(!Kept::SentApplication.is_expired(NOW - 364 * DAY, NOW));
        assert!(Kept::SentApplication.is_expired(NOW - 365 * DAY, NOW));
        const { assert!(SENT_RETENTION_DAYS > DRAFT_RETENTION_DAYS) };
    }

    #[test]
    fn an_entry_stamped_in_the_future_is_not_expired() {
        assert!(!Kept::Draft.is_expired(NOW + 400 * DAY, NOW));
    }

    #[test]
    fn a_stamped_entry_reads_back_fresh_then_drops_once_expired() {
        let mut draft = ApplicationDraft::new(7);
        draft.first_name = "Amélie".into();
        let stamped = Stamped {
            saved_at_ms: NOW,
            value: draft,
        };
        let json = serde_json::to_string(&stamped).unwrap();
        assert_eq!(
            read_entry::<ApplicationDraft>(&json, Kept::Draft, NOW + DAY),
            Found::Fresh(stamped)
        );
        assert_eq!(
            read_entry::<ApplicationDraft>(&json, Kept::Draft, NOW + 31 * DAY),
            Found::Drop
        );
    }

    #[test]
    fn a_draft_saved_before_timestamps_existed_still_loads() {
        let old = r#"{"vacancy_id":7,"first_name":"Amélie","email":"a@b.be"}"#;
        match read_entry::<ApplicationDraft>(old, Kept::Draft, NOW) {
            Found::Unstamped(d) => assert_eq!((d.vacancy_id, d.email.as_str()), (7, "a@b.be")),
            other => panic!("expected an unstamped draft, got {other:?}"),
        }
    }

    #[test]
    fn a_receipt_saved_before_the_list_existed_loads_without_title() {
        let old = r#"{"reference":"PAS-2026-000903","received_at":"2026-11-30T10:00:00Z"}"#;
        match read_entry::<SentApplication>(old, Kept::SentApplication, NOW) {
            Found::Unstamped(s) => {
                assert_eq!(s.reference, "PAS-2026-000903");
                assert_eq!(s.title, "");
            }
            other => panic!("expected an unstamped record, got {other:?}"),
        }
    }

    #[test]
    fn the_sweep_removes_expired_and_corrupt_entries_and_keeps_fresh_ones() {
        let mut draft = ApplicationDraft::new(7);
        draft.first_name = "Amélie".into();
        let json = |saved_at_ms| {
            serde_json::to_string(&Stamped {
                saved_at_ms,
                value: draft.clone(),
            })
            .unwrap()
        };
        assert_eq!(sweep_entry(&json(NOW - DAY), Kept::Draft, NOW), Sweep::Keep);
        assert_eq!(
            sweep_entry(&json(NOW - 30 * DAY), Kept::Draft, NOW),
            Sweep::Remove
        );
        assert_eq!(
            sweep_entry(&json(NOW - 30 * DAY), Kept::SentApplication, NOW),
            Sweep::Keep
        );
        for bad in [
            "{not json",
            "42",
            "\"text\"",
            "[1,2]",
            "null",
            r#"{"saved_at_ms":"x"}"#,
        ] {
            assert_eq!(sweep_entry(bad, Kept::Draft, NOW), Sweep::Remove, "{bad}");
        }
    }

    /// The sweep and the typed read agree: what the sweep keeps or restamps reads back with
    /// the same content, and what it removes for age the typed read drops too.
    #[test]
    fn an_entry_the_sweep_restamps_reads_back_fresh_with_its_content() {
        let old = r#"{"vacancy_id":7,"first_name":"Amélie","email":"a@b.be"}"#;
        let Sweep::Restamp(restamped) = sweep_entry(old, Kept::Draft, NOW) else {
            panic!("an unstamped draft is restamped");
        };
        match read_entry::<ApplicationDraft>(&restamped, Kept::Draft, NOW + DAY) {
            Found::Fresh(s) => {
                assert_eq!(s.saved_at_ms, NOW);
                assert_eq!((s.value.vacancy_id, s.value.email.as_str()), (7, "a@b.be"));
            }
            other => panic!("expected a fresh draft, got {other:?}"),
        }
        assert_eq!(sweep_entry(&restamped, Kept::Draft, NOW + DAY), Sweep::Keep);
        assert_eq!(
            read_entry::<ApplicationDraft>(&restamped, Kept::Draft, NOW + 30 * DAY),
            Found::Drop
        );
        assert_eq!(
            sweep_entry(&restamped, Kept::Draft, NOW + 30 * DAY),
            Sweep::Remove
        );
    }

    #[test]
    fn corrupt_entries_are_dropped() {
        for bad in ["{not json", "42", "\"text\"", "[1,2]", "null"] {
            assert_eq!(
                read_entry::<ApplicationDraft>(bad, Kept::Draft, NOW),
                Found::Drop,
                "{bad}"
            );
        }
    }

    fn sent() -> SentApplication {
        SentApplication {
            vacancy_id: 42,
            reference: "PAS-2026-000042".into(),
            received_at: "2026-11-30T10:00:00Z".into(),
            title: "Lasser".into(),
            employer: "Metaal NV".into(),
            town: "53053".into(),
            dutch: "basic".into(),
        }
    }

    #[test]
    fn the_vacancy_of_a_sent_application_opens_in_the_search_it_came_from() {
        let view = sent().vacancy_view().unwrap();
        assert_eq!(view.town.map(|t| t.nis_code), Some("53053"));
        assert_eq!(view.dutch, MyDutch::parse("basic").unwrap());
        assert_eq!(view.vacancy, Some(42));
        assert!(!view.applying);
    }

    #[test]
    fn without_a_known_walloon_town_there_is_no_link_to_rebuild() {
        for town in ["", "99999", "11002"] {
            let record = SentApplication {
                town: town.into(),
                ..sent()
            };
            assert_eq!(record.vacancy_view(), None, "town {town:?}");
        }
    }

    #[test]
    fn a_record_without_reference_is_not_usable() {
        assert!(sent().is_usable());
        assert!(!SentApplication {
            reference: " ".into(),
            ..sent()
        }
        .is_usable());
    }
}
