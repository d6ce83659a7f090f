//! The person's hand-over link and its QR code. The link opens the shortlist on the person's
//! phone, in their language; the QR code carries it from the counsellor's screen or the
//! printout. A QR code past a few hundred bytes gets too dense to scan from paper, so when
//! the notes make the link too long the code carries the link without them and says so.

use super::DeskState;
use crate::qr::{self, QrDrawing};

/// The most bytes a hand-over QR code carries: about version 18 at medium error correction,
/// which a phone still reads from an A4 printout or a laptop screen.
pub const HANDOVER_QR_MAX_BYTES: usize = 600;

/// The hand-over link and what its QR code carries.
#[derive(Debug, Clone, PartialEq)]
pub struct Handover {
    /// The whole link, notes included: for copying and for the printout's text.
    pub link: String,
    /// The QR code of [`Self::link`], or of the link without notes when the notes made it
    /// too long; `None` when even that does not fit.
    pub qr: Option<QrDrawing>,
    /// True when the QR code's link leaves the notes out.
    pub qr_without_notes: bool,
}

impl DeskState {
    /// The same hand-over without the notes: what a QR code carries when they do not fit.
    pub fn without_notes(&self) -> Self {
        let mut state = self.clone();
        let ids: Vec<u32> = state.shortlist.entries().iter().map(|e| e.id).collect();
        for id in ids {
            state.shortlist.set_note(id, "");
        }
        state
    }

    /// The hand-over link to `page` (an absolute address such as
    /// `https://passerelle.example/shortlist`) and its QR code.
    pub fn handover(&self, page: &str) -> Handover {
        let link_of = |state: &DeskState| format!("{page}?{}", state.handover_query_string());
        let link = link_of(self);
        let fitting = |text: &str| {
            (text.len() <= HANDOVER_QR_MAX_BYTES)
                .then(|| qr::draw(text).ok())
                .flatten()
        };
        if let Some(qr) = fitting(&link) {
            return Handover {
                link,
                qr: Some(qr),
                qr_without_notes: false,
            };
        }
        let qr = fitting(&link_of(&self.without_notes()));
        Handover {
            qr_without_notes: qr.is_some(),
            link,
            qr,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::municipality::by_nis;

    const PAGE: &str = "https://passerelle.example/shortlist";

    fn desk_with(ids: impl IntoIterator<Item = u32>, note: &str) -> DeskState {
        let mut state = DeskState::default();
        state.add_town(by_nis("53053").unwrap(), 40).unwrap();
        for id in ids {
            state.shortlist.add(id).unwrap();
            state.shortlist.set_note(id, note);
        }
        state.handover_lang = Some("nl");
        state
    }

    #[test]
    fn a_short_hand_over_carries_everything_in_its_qr_code() {
        let state = desk_with([4711, 12], "bellen vóór vrijdag");
        let handover = state.handover(PAGE);
        assert!(handover
            .link
            .starts_with("https://passerelle.example/shortlist?town=53053%3A40"));
        assert!(handover.link.contains("shortlist=4711%2C12"));
        assert!(handover.link.contains("note.12="));
        assert!(handover.link.ends_with("&lang=nl"));
        assert!(!handover.qr_without_notes);
        assert!(handover.qr.is_some());
    }

    #[test]
    fn long_notes_leave_the_qr_code_but_stay_in_the_link() {
        let note = "é".repeat(crate::desk::MAX_NOTE_CHARS);
        let state = desk_with(1000..1020, &note);
        let handover = state.handover(PAGE);
        assert!(handover.link.len() > HANDOVER_QR_MAX_BYTES);
        assert!(handover.link.contains("note.1019="));
        assert!(handover.qr_without_notes);
        let qr = handover.qr.expect("twenty ids fit without their notes");
        // The code is of the link without notes: same ids, no note.
        let bare = state.without_notes().handover(PAGE);
        assert!(!bare.link.contains("note."));
        assert!(bare.link.contains("1019"));
        assert_eq!(bare.qr, Some(qr));
    }

    #[test]
    fn without_notes_keeps_the_shortlist_and_its_order() {
        let state = desk_with([3, 1, 2], "x");
        let bare = state.without_notes();
        let ids: Vec<u32> = bare.shortlist.entries().iter().map(|e| e.id).collect();
        assert_eq!(ids, vec![3, 1, 2]);
        assert!(bare.shortlist.entries().iter().all(|e| e.note.is_none()));
    }
}
