//! The vacancies a counsellor picks with the person, in the order they will be handed over,
//! each with an optional short note ("call before Friday").

use crate::api::VacancySummary;

/// At most this many vacancies: a hand-over is a short list, and the link must fit a QR code.
pub const MAX_SHORTLIST: usize = 20;
/// A note longer than this is cut: it is a reminder, not a letter, and it travels in the link.
pub const MAX_NOTE_CHARS: usize = 80;

/// One shortlisted vacancy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShortlistEntry {
    pub id: u32,
    /// Never empty when present (see [`Shortlist::set_note`]).
    pub note: Option<String>,
}

/// The ordered shortlist: distinct ids, at most [`MAX_SHORTLIST`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Shortlist {
    entries: Vec<ShortlistEntry>,
}

/// Why a vacancy could not be added.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ShortlistError {
    #[error("the vacancy is already on the shortlist")]
    AlreadyThere,
    #[error("the shortlist holds at most {MAX_SHORTLIST} vacancies")]
    Full,
}

/// The shortlist matched against the loaded vacancies, in shortlist order.
#[derive(Debug, Clone, PartialEq)]
pub struct ResolvedShortlist<'a> {
    /// Shortlisted vacancies that are loaded.
    pub found: Vec<(&'a ShortlistEntry, &'a VacancySummary)>,
    /// Ids not loaded (yet): the load is still running, so they may still arrive.
    pub pending: Vec<u32>,
    /// Ids the complete load does not hold: removed or unknown, to be named to the counsellor.
    pub gone: Vec<u32>,
}

impl Shortlist {
    /// The entries in hand-over order.
    pub fn entries(&self) -> &[ShortlistEntry] {
        &self.entries
    }

    /// How many vacancies are shortlisted ("5 on the shortlist").
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True before the first pick: print, CSV and hand-over have nothing to give.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// True when `id` is shortlisted (the row's and the popup's add/remove state).
    pub fn contains(&self, id: u32) -> bool {
        self.position(id).is_some()
    }

    /// Where `id` stands in the list (0 = first).
    pub fn position(&self, id: u32) -> Option<usize> {
        self.entries.iter().position(|e| e.id == id)
    }

    /// Adds `id` at the end, without a note.
    pub fn add(&mut self, id: u32) -> Result<(), ShortlistError> {
        if self.contains(id) {
            return Err(ShortlistError::AlreadyThere);
        }
        if self.entries.len() >= MAX_SHORTLIST {
            return Err(ShortlistError::Full);
        }
        self.entries.push(ShortlistEntry { id, note: None });
        Ok(())
    }

    /// Adds `id` when absent, removes it when present (the table's one key); true when now on the list.
    pub fn toggle(&mut self, id: u32) -> Result<bool, ShortlistError> {
        if self.remove(id) {
            Ok(false)
        } else {
            self.add(id).map(|()| true)
        }
    }

    /// Removes `id` and its note; false when it was not there.
    pub fn remove(&mut self, id: u32) -> bool {
        let before = self.entries.len();
        self.entries.retain(|e| e.id != id);
        self.entries.len() != before
    }

    /// Moves `id` one place towards the top; false when it is first or absent.
    pub fn move_up(&mut self, id: u32) -> bool {
        match self.position(id) {
            Some(i) if i > 0 => {
                self.entries.swap(i, i - 1);
                true
            }
            _ => false,
        }
    }

    /// Moves `id` one place towards the bottom; false when it is last or absent.
    pub fn move_down(&mut self, id: u32) -> bool {
        match self.position(id) {
            Some(i) if i + 1 < self.entries.len() => {
                self.entries.swap(i, i + 1);
                true
            }
            _ => false,
        }
    }

    /// Sets the note of `id`, tidied by [`tidy_note`]; a blank note removes it. False when
    /// `id` is not on the list.
    pub fn set_note(&mut self, id: u32, note: &str) -> bool {
        match self.entries.iter_mut().find(|e| e.id == id) {
            Some(entry) => {
                entry.note = tidy_note(note);
                true
            }
            None => false,
        }
    }

    /// Empties the list ("new intake").
    pub fn clear(&mut self) {
        self.entries.clear();
    }

    /// Matches the list against the loaded vacancies (`lookup`, e.g. `LoadedVacancies::by_id`).
    /// An id is only called gone once `load_complete`: before, it may simply not have arrived.
    /// A link with a removed vacancy thus shows the others and names the missing one.
    pub fn resolve<'a>(
        &'a self,
        lookup: impl Fn(u32) -> Option<&'a VacancySummary>,
        load_complete: bool,
    ) -> ResolvedShortlist<'a> {
        let mut resolved = ResolvedShortlist {
            found: Vec::new(),
            pending: Vec::new(),
            gone: Vec::new(),
        };
        for entry in &self.entries {
            match lookup(entry.id) {
                Some(v) => resolved.found.push((entry, v)),
                None if load_complete => resolved.gone.push(entry.id),
                None => resolved.pending.push(entry.id),
            }
        }
        resolved
    }
}

/// A note as kept: control characters (line breaks, tabs) become spaces, ends trimmed, cut
/// to [`MAX_NOTE_CHARS`]; `None` when nothing is left.
pub fn tidy_note(note: &str) -> Option<String> {
    let spaced: String = note
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let cut: String = spaced.trim().chars().take(MAX_NOTE_CHARS).collect();
    let cut = cut.trim_end();
    (!cut.is_empty()).then(|| cut.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::vacancy;

    fn list(ids: &[u32]) -> Shortlist {
        let mut s = Shortlist::default();
        for &id in ids {
            s.add(id).unwrap();
        }
        s
    }

    fn ids(s: &Shortlist) -> Vec<u32> {
        s.entries().iter().map(|e| e.id).collect()
    }

    #[test]
    fn adding_keeps_the_order_and_refuses_a_duplicate_or_a_21st() {
        let mut s = list(&[3, 1, 2]);
        assert_eq!(ids(&s), [3, 1, 2]);
        assert_eq!(s.add(1), Err(ShortlistError::AlreadyThere));
        let mut full = list(&(1..=MAX_SHORTLIST as u32).collect::<Vec<_>>());
        assert_eq!(full.add(999), Err(ShortlistError::Full));
        assert_eq!(full.len(), MAX_SHORTLIST);
        assert!(s.add(4).is_ok());
        assert_eq!(s.position(4), Some(3));
    }

    #[test]
    fn toggle_adds_then_removes() {
        let mut s = Shortlist::default();
        assert_eq!(s.toggle(7), Ok(true));
        assert_eq!(s.toggle(7), Ok(false));
        assert!(s.is_empty());
    }

    #[test]
    fn removing_takes_the_note_with_it() {
        let mut s = list(&[1, 2]);
        s.set_note(1, "bellen");
        assert!(s.remove(1));
        assert!(!s.remove(1), "already gone");
        s.add(1).unwrap();
        assert_eq!(s.entries()[1].note, None);
    }

    #[test]
    fn moving_swaps_with_the_neighbour_and_stops_at_the_ends() {
        let mut s = list(&[1, 2, 3]);
        assert!(s.move_up(3));
        assert_eq!(ids(&s), [1, 3, 2]);
        assert!(s.move_down(1));
        assert_eq!(ids(&s), [3, 1, 2]);
        assert!(!s.move_up(3), "first stays first");
        assert!(!s.move_down(2), "last stays last");
        assert!(!s.move_up(42), "absent");
        assert_eq!(ids(&s), [3, 1, 2]);
    }

    #[test]
    fn notes_are_tidied_cut_and_a_blank_note_is_removed() {
        let mut s = list(&[1]);
        assert!(s.set_note(1, "  appeler\navant\tvendredi  "));
        assert_eq!(
            s.entries()[0].note.as_deref(),
            Some("appeler avant vendredi")
        );
        s.set_note(1, &"é".repeat(200));
        assert_eq!(
            s.entries()[0].note.as_ref().map(|n| n.chars().count()),
            Some(MAX_NOTE_CHARS)
        );
        s.set_note(1, " \n ");
        assert_eq!(s.entries()[0].note, None);
        assert!(!s.set_note(2, "not listed"));
    }

    #[test]
    fn ids_missing_from_a_complete_load_are_gone_and_the_rest_is_shown_in_order() {
        let loaded = [vacancy(1), vacancy(3)];
        let lookup = |id| loaded.iter().find(|v| v.id == id);
        let s = list(&[3, 2, 1]);
        let done = s.resolve(lookup, true);
        let found: Vec<u32> = done.found.iter().map(|(e, v)| (e.id + v.id) / 2).collect();
        assert_eq!(found, [3, 1]);
        assert_eq!(done.gone, [2]);
        assert!(done.pending.is_empty());

        let loading = s.resolve(lookup, false);
        assert_eq!(loading.pending, [2], "may still arrive");
        assert!(loading.gone.is_empty());
    }
}
