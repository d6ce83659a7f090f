//! The counsellor desk's state as it lives in the URL, so a reload or a hand-over link restores
//! the same towns, profile, table order and shortlist. Like the jobseeker's [`ViewState`],
//! parsing never fails: invalid, duplicate and excess values are dropped and reported.
//!
//! Encoding, chosen to stay short (the hand-over link goes into a QR code) and safe for any
//! note text:
//! - `town=53053:40` once per home town, in the order chosen; `:40` left out at 60 km;
//! - `occ=7212` once per occupation (ISCO-08, 4 digits);
//! - `shortlist=4711,4712` the vacancy ids in order; `note.4711=…` one note per vacancy, its
//!   text percent-encoded like every value (see [`DeskState::to_query_string`]);
//! - `level`, `contract`, `regime`, `lang` as in [`ViewState`]; `sort=-published` (a leading
//!   `-` for descending); `handover=nl` the language of the person's link.
//!
//! No key holds anything about the person's identity.
//!
//! [`ViewState`]: crate::view_state::ViewState

use super::shortlist::{tidy_note, Shortlist, ShortlistError};
use super::table::TableSort;
use crate::api::{ContractType, Regime, VacancySummary};
use crate::filter::{PreparedFilter, SearchArea, VacancyFilter};
use crate::municipality::{self, Municipality};
use crate::text::join_query;
use crate::view_state::{
    set, DroppedParam, MyDutch, ViewState, LANGUAGES, MAX_RADIUS_KM, MIN_RADIUS_KM,
};
use crate::LatLon;
use crate::SUITABLE_RADIUS_KM;

/// At most this many home towns: the person's own and a few they can reach.
pub const MAX_TOWNS: usize = 5;
/// At most this many occupations of interest: more would no longer be a profile.
pub const MAX_OCCUPATIONS: usize = 20;
/// A town's radius when the link gives none: the distance of "suitable employment".
pub const DEFAULT_TOWN_RADIUS_KM: u8 = SUITABLE_RADIUS_KM as u8;

/// One chosen home town and how far from it the person can travel.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HomeTown {
    pub municipality: &'static Municipality,
    /// Between [`MIN_RADIUS_KM`] and [`MAX_RADIUS_KM`].
    pub radius_km: u8,
}

impl HomeTown {
    /// The circle the loader searches and the map draws.
    pub fn area(&self) -> SearchArea {
        SearchArea::new(self.municipality.location, f64::from(self.radius_km))
    }

    fn parse(value: &str) -> Option<Self> {
        let (nis, radius) = match value.split_once(':') {
            Some((nis, radius)) => (nis, radius.parse::<u8>().ok()?),
            None => (value, DEFAULT_TOWN_RADIUS_KM),
        };
        let municipality = municipality::home_town_by_nis(nis)?;
        valid_radius(radius).then_some(Self {
            municipality,
            radius_km: radius,
        })
    }

    fn param(&self) -> String {
        if self.radius_km == DEFAULT_TOWN_RADIUS_KM {
            self.municipality.nis_code.to_owned()
        } else {
            format!("{}:{}", self.municipality.nis_code, self.radius_km)
        }
    }
}

fn valid_radius(radius_km: u8) -> bool {
    (MIN_RADIUS_KM..=MAX_RADIUS_KM).contains(&radius_km)
}

/// Why a home town could not be added or changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TownError {
    #[error("the town is already chosen")]
    AlreadyChosen,
    #[error("at most {MAX_TOWNS} towns")]
    TooMany,
    #[error("not a Walloon municipality")]
    NotAHomeTown,
    #[error("the radius must be between {MIN_RADIUS_KM} and {MAX_RADIUS_KM} km")]
    Radius,
}

/// Everything the counsellor desk shows, as in the URL.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DeskState {
    towns: Vec<HomeTown>,
    /// The person's Dutch: colours the table and drives the course hint; filters nothing.
    pub dutch: MyDutch,
    /// ISCO-08 codes, in the order chosen; empty = every occupation.
    occupations: Vec<String>,
    /// Only this contract type, when set.
    pub contract: Option<ContractType>,
    /// Only this working-time regime, when set.
    pub regime: Option<Regime>,
    /// The table's order.
    pub sort: TableSort,
    /// The vacancies picked with the person, with their notes.
    pub shortlist: Shortlist,
    /// The counsellor's interface language.
    pub lang: Option<&'static str>,
    /// The language the person's hand-over link opens in (may differ from `lang`).
    pub handover_lang: Option<&'static str>,
}

/// Key prefix of a shortlist note: `note.<vacancy id>`.
const NOTE_PREFIX: &str = "note.";

impl DeskState {
    /// Reads the state from decoded query pairs; unknown keys are ignored, invalid,
    /// duplicate and excess values dropped and reported (in the order met).
    pub fn from_query<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> (Self, Vec<DroppedParam>) {
        let mut state = DeskState::default();
        let mut dropped = Vec::new();
        let mut notes = Vec::new();
        for (key, value) in pairs {
            let ok = match key {
                "town" => HomeTown::parse(value)
                    .is_some_and(|t| state.add_town(t.municipality, t.radius_km).is_ok()),
                "level" => set(&mut state.dutch, MyDutch::parse(value)),
                "occ" => state.add_occupation(value),
                "contract" => set(&mut state.contract, ContractType::parse(value).map(Some)),
                "regime" => set(&mut state.regime, Regime::parse(value).map(Some)),
                "sort" => set(&mut state.sort, TableSort::parse(value)),
                "shortlist" => {
                    for item in value.split(',').filter(|i| !i.is_empty()) {
                        let added =
                            parse_id(item).is_some_and(|id| state.shortlist.add(id).is_ok());
                        if !added {
                            dropped.push(DroppedParam {
                                key: key.to_owned(),
                                value: item.to_owned(),
                            });
                        }
                    }
                    true
                }
                "lang" => set(&mut state.lang, parse_lang(value).map(Some)),
                "handover" => set(&mut state.handover_lang, parse_lang(value).map(Some)),
                _ if key.starts_with(NOTE_PREFIX) => {
                    notes.push((key, value));
                    true
                }
                _ => true,
            };
            if !ok {
                dropped.push(DroppedParam {
                    key: key.to_owned(),
                    value: value.to_owned(),
                });
            }
        }
        // Notes after the loop: `note.7` may come before `shortlist=7` in a hand-edited link.
        for (key, value) in notes {
            let id = parse_id(&key[NOTE_PREFIX.len()..]);
            let fresh = id.is_some_and(|id| {
                state
                    .shortlist
                    .entries()
                    .iter()
                    .any(|e| e.id == id && e.note.is_none())
            });
            if !(fresh && tidy_note(value).is_some()) {
                dropped.push(DroppedParam {
                    key: key.to_owned(),
                    value: value.to_owned(),
                });
            } else if let Some(id) = id {
                state.shortlist.set_note(id, value);
            }
        }
        (state, dropped)
    }

    /// The query pairs for this state (values not yet encoded), defaults left out, in a
    /// stable order: the same state always gives the same link.
    pub fn to_query(&self) -> Vec<(String, String)> {
        let mut q: Vec<(String, String)> = Vec::new();
        let mut push = |key: &str, value: String| q.push((key.to_owned(), value));
        self.push_towns_and_level(&mut push);
        for code in &self.occupations {
            push("occ", code.clone());
        }
        if let Some(c) = self.contract {
            push("contract", c.as_str().to_owned());
        }
        if let Some(r) = self.regime {
            push("regime", r.as_str().to_owned());
        }
        if self.sort != TableSort::default() {
            push("sort", self.sort.as_param());
        }
        self.push_shortlist(&mut push);
        if let Some(lang) = self.handover_lang {
            push("handover", lang.to_owned());
        }
        if let Some(lang) = self.lang {
            push("lang", lang.to_owned());
        }
        q
    }

    /// [`Self::to_query`] joined as `key=value&…`, every value percent-encoded, ready after `?`.
    pub fn to_query_string(&self) -> String {
        join_query(self.to_query())
    }

    /// The query of the person's hand-over link: the shortlist with its notes, the towns (for
    /// the distances) and the Dutch level (for the course hint), in the hand-over language.
    /// The table's filters and order stay at the desk.
    pub fn handover_query_string(&self) -> String {
        let mut q: Vec<(String, String)> = Vec::new();
        let mut push = |key: &str, value: String| q.push((key.to_owned(), value));
        self.push_towns_and_level(&mut push);
        self.push_shortlist(&mut push);
        if let Some(lang) = self.handover_lang {
            push("lang", lang.to_owned());
        }
        join_query(q)
    }

    fn push_towns_and_level(&self, push: &mut impl FnMut(&str, String)) {
        for town in &self.towns {
            push("town", town.param());
        }
        if self.dutch != MyDutch::Unknown {
            push("level", self.dutch.as_str().to_owned());
        }
    }

    fn push_shortlist(&self, push: &mut impl FnMut(&str, String)) {
        if self.shortlist.is_empty() {
            return;
        }
        let ids: Vec<String> = self
            .shortlist
            .entries()
            .iter()
            .map(|e| e.id.to_string())
            .collect();
        push("shortlist", ids.join(","));
        for entry in self.shortlist.entries() {
            if let Some(note) = &entry.note {
                push(&format!("{NOTE_PREFIX}{}", entry.id), note.clone());
            }
        }
    }

    /// A fresh intake: everything cleared but the counsellor's language.
    pub fn new_intake(&self) -> Self {
        Self {
            lang: self.lang,
            ..Self::default()
        }
    }

    /// The chosen home towns, in the order chosen.
    pub fn towns(&self) -> &[HomeTown] {
        &self.towns
    }

    /// Adds a home town (Walloon, not yet chosen, at most [`MAX_TOWNS`]) with its radius.
    pub fn add_town(
        &mut self,
        municipality: &'static Municipality,
        radius_km: u8,
    ) -> Result<(), TownError> {
        if !municipality.is_walloon() {
            return Err(TownError::NotAHomeTown);
        }
        if !valid_radius(radius_km) {
            return Err(TownError::Radius);
        }
        if self.town_index(municipality).is_some() {
            return Err(TownError::AlreadyChosen);
        }
        if self.towns.len() >= MAX_TOWNS {
            return Err(TownError::TooMany);
        }
        self.towns.push(HomeTown {
            municipality,
            radius_km,
        });
        Ok(())
    }

    /// Removes a home town; false when it was not chosen.
    pub fn remove_town(&mut self, nis_code: &str) -> bool {
        let before = self.towns.len();
        self.towns.retain(|t| t.municipality.nis_code != nis_code);
        self.towns.len() != before
    }

    /// Changes one town's radius.
    pub fn set_radius(&mut self, nis_code: &str, radius_km: u8) -> Result<(), TownError> {
        if !valid_radius(radius_km) {
            return Err(TownError::Radius);
        }
        match self
            .towns
            .iter_mut()
            .find(|t| t.municipality.nis_code == nis_code)
        {
            Some(town) => {
                town.radius_km = radius_km;
                Ok(())
            }
            None => Err(TownError::NotAHomeTown),
        }
    }

    fn town_index(&self, municipality: &Municipality) -> Option<usize> {
        self.towns
            .iter()
            .position(|t| t.municipality.nis_code == municipality.nis_code)
    }

    /// The areas to load, one per town in order (for `LoadedVacancies::new` and `nearest_area`).
    pub fn search_areas(&self) -> Vec<SearchArea> {
        self.towns.iter().map(HomeTown::area).collect()
    }

    /// The chosen occupation codes.
    pub fn occupations(&self) -> &[String] {
        &self.occupations
    }

    /// Adds an occupation code (4 digits, not yet chosen, at most [`MAX_OCCUPATIONS`]); true when added.
    pub fn add_occupation(&mut self, code: &str) -> bool {
        let valid = code.len() == 4 && code.bytes().all(|b| b.is_ascii_digit());
        let added = valid
            && self.occupations.len() < MAX_OCCUPATIONS
            && !self.occupations.iter().any(|c| c == code);
        if added {
            self.occupations.push(code.to_owned());
        }
        added
    }

    /// Removes an occupation code; false when it was not chosen.
    pub fn remove_occupation(&mut self, code: &str) -> bool {
        let before = self.occupations.len();
        self.occupations.retain(|c| c != code);
        self.occupations.len() != before
    }

    /// Toggles a vacancy on the shortlist (see [`Shortlist::toggle`]).
    pub fn toggle_shortlisted(&mut self, id: u32) -> Result<bool, ShortlistError> {
        self.shortlist.toggle(id)
    }

    /// The personal results view opening vacancy `id` at `location`: around its nearest
    /// chosen town with that town's radius (the first town when none reaches it), at the
    /// person's level, in `lang`. The desk's "full vacancy" link and the hand-over's links.
    pub fn vacancy_view(&self, id: u32, location: LatLon, lang: Option<&'static str>) -> ViewState {
        let town = self
            .nearest_town(location)
            .map(|(t, _)| t)
            .or_else(|| self.towns.first());
        ViewState {
            town: town.map(|t| t.municipality),
            radius_km: town.map_or(ViewState::default().radius_km, |t| t.radius_km),
            dutch: self.dutch,
            vacancy: Some(id),
            lang,
            ..ViewState::default()
        }
    }

    /// The table's filter. The Dutch level filters nothing here: the counsellor sees every
    /// level, coloured by fit, and the course hint counts the ones one level up.
    pub fn filter(&self) -> DeskFilter {
        DeskFilter {
            base: VacancyFilter {
                contract: self.contract,
                regime: self.regime,
                ..VacancyFilter::default()
            },
            occupations: self.occupations.clone(),
        }
    }
}

/// The desk's filter: the shared [`VacancyFilter`] plus occupations of interest.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DeskFilter {
    pub base: VacancyFilter,
    /// ISCO-08 codes; empty = every occupation.
    pub occupations: Vec<String>,
}

impl DeskFilter {
    /// True when the vacancy passes every non-spatial criterion.
    pub fn matches(&self, prepared: &PreparedFilter<'_>, v: &VacancySummary) -> bool {
        (self.occupations.is_empty()
            || v.occupation_code
                .as_ref()
                .is_some_and(|code| self.occupations.iter().any(|o| **o == **code)))
            && prepared.matches(v)
    }
}

fn parse_id(s: &str) -> Option<u32> {
    s.parse::<u32>().ok().filter(|&id| id > 0)
}

pub(crate) fn parse_lang(value: &str) -> Option<&'static str> {
    LANGUAGES.iter().copied().find(|&l| l == value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::desk::table::{SortColumn, SortDirection};
    use crate::dutch::DutchLevel;

    #[test]
    fn a_vacancy_opens_around_its_nearest_chosen_town_with_that_towns_radius() {
        let mut state = DeskState::default();
        state
            .add_town(municipality::by_nis("53053").unwrap(), 60)
            .unwrap(); // Mons
        state
            .add_town(municipality::by_nis("57081").unwrap(), 45)
            .unwrap(); // Tournai
        state.dutch = MyDutch::Level(DutchLevel::Basic);
        let kortrijk = LatLon::new(50.828, 3.265);
        let view = state.vacancy_view(7, kortrijk, Some("nl"));
        assert_eq!(view.town.map(|m| m.nis_code), Some("57081"));
        assert_eq!(view.radius_km, 45);
        assert_eq!(view.dutch, MyDutch::Level(DutchLevel::Basic));
        assert_eq!((view.vacancy, view.lang), (Some(7), Some("nl")));
        // Out of every circle (a link's vacancy far away): the first town.
        let far = state.vacancy_view(8, LatLon::new(51.3, 5.5), None);
        assert_eq!(far.town.map(|m| m.nis_code), Some("53053"));
    }

    fn parse(query: &[(&str, &str)]) -> (DeskState, Vec<DroppedParam>) {
        DeskState::from_query(query.iter().copied())
    }

    fn dropped_keys(dropped: &[DroppedParam]) -> Vec<(&str, &str)> {
        dropped
            .iter()
            .map(|d| (d.key.as_str(), d.value.as_str()))
            .collect()
    }

    /// The app's router decodes `%XX` before we see a value; this stands in for it.
    fn decode(s: &str) -> String {
        let bytes = s.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'%' {
                out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
                i += 3;
            } else {
                out.push(bytes[i]);
                i += 1;
            }
        }
        String::from_utf8(out).unwrap()
    }

    fn through_the_url(query: &str) -> (DeskState, Vec<DroppedParam>) {
        let pairs: Vec<(String, String)> = query
            .split('&')
            .map(|pair| {
                let (k, v) = pair.split_once('=').unwrap();
                (decode(k), decode(v))
            })
            .collect();
        DeskState::from_query(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    }

    fn full_state() -> DeskState {
        let (mut state, dropped) = parse(&[
            ("town", "53053:40"),
            ("town", "57081"),
            ("level", "basic"),
            ("occ", "7212"),
            ("occ", "5321"),
            ("contract", "permanent"),
            ("regime", "part_time"),
            ("sort", "-published"),
            ("shortlist", "4711,12,9"),
            ("handover", "nl"),
            ("lang", "fr"),
        ]);
        assert!(dropped.is_empty(), "{dropped:?}");
        state.shortlist.set_note(
            12,
            "appeler avant vendredi & dire « Bergen »; 50%=ok #1 + \"vite\"",
        );
        state
    }

    #[test]
    fn a_full_state_survives_a_round_trip_through_an_encoded_url() {
        let state = full_state();
        let query = state.to_query_string();
        assert!(!query.contains(' ') && !query.contains('#'), "{query}");
        let (again, dropped) = through_the_url(&query);
        assert!(dropped.is_empty(), "{dropped:?}");
        assert_eq!(again, state);
        assert_eq!(again.to_query_string(), query, "the link is stable");
    }

    #[test]
    fn the_encoding_is_compact_and_readable() {
        let query = full_state().to_query_string();
        assert!(
            query.starts_with("town=53053%3A40&town=57081&level=basic&occ=7212&occ=5321&"),
            "{query}"
        );
        assert!(
            query.contains("&sort=-published&shortlist=4711%2C12%2C9&note.12="),
            "{query}"
        );
        assert!(query.ends_with("&handover=nl&lang=fr"), "{query}");
    }

    #[test]
    fn towns_keep_their_own_radius_and_order_and_the_default_radius_is_left_out() {
        let state = full_state();
        let towns: Vec<(&str, u8)> = state
            .towns()
            .iter()
            .map(|t| (t.municipality.name_fr, t.radius_km))
            .collect();
        assert_eq!(towns, [("Mons", 40), ("Tournai", 60)]);
        let areas = state.search_areas();
        assert_eq!(areas.len(), 2);
        assert_eq!(areas[0].radius_km, 40.0);
        assert_eq!(areas[1].centre, state.towns()[1].municipality.location);
        assert_eq!(state.to_query()[1], ("town".into(), "57081".into()));
    }

    #[test]
    fn a_sixth_town_a_duplicate_and_invalid_towns_are_dropped_and_reported() {
        let (state, dropped) = parse(&[
            ("town", "53053"),
            ("town", "53053:20"), // Mons again
            ("town", "57081:10"),
            ("town", "11002"),     // Antwerpen: not a home town
            ("town", "52011:61"),  // radius beyond 60
            ("town", "52011:4"),   // radius below 5
            ("town", "52011:abc"), // no number
            ("town", "52011"),
            ("town", "92094"),
            ("town", "62063"),
            ("town", "25112"), // the sixth
        ]);
        assert_eq!(state.towns().len(), MAX_TOWNS);
        assert_eq!(
            dropped_keys(&dropped),
            [
                ("town", "53053:20"),
                ("town", "11002"),
                ("town", "52011:61"),
                ("town", "52011:4"),
                ("town", "52011:abc"),
                ("town", "25112"),
            ]
        );
    }

    #[test]
    fn invalid_profile_values_are_dropped_and_reported_but_the_rest_is_kept() {
        let (state, dropped) = parse(&[
            ("level", "fluent"),
            ("occ", "72"),
            ("occ", "7212"),
            ("occ", "7212"),
            ("contract", "forever"),
            ("regime", "sometimes"),
            ("sort", "salary"),
            ("handover", "xx"),
            ("lang", "nl"),
            ("utm_source", "mail"), // not ours to judge
        ]);
        assert_eq!(
            dropped_keys(&dropped),
            [
                ("level", "fluent"),
                ("occ", "72"),
                ("occ", "7212"),
                ("contract", "forever"),
                ("regime", "sometimes"),
                ("sort", "salary"),
                ("handover", "xx"),
            ]
        );
        assert_eq!(state.occupations(), ["7212"]);
        assert_eq!(state.lang, Some("nl"));
        assert_eq!(state.sort, TableSort::default());
    }

    #[test]
    fn occupations_beyond_the_limit_are_dropped() {
        let codes: Vec<String> = (1000..1000 + MAX_OCCUPATIONS as u32 + 2)
            .map(|c| c.to_string())
            .collect();
        let pairs: Vec<(&str, &str)> = codes.iter().map(|c| ("occ", c.as_str())).collect();
        let (state, dropped) = parse(&pairs);
        assert_eq!(state.occupations().len(), MAX_OCCUPATIONS);
        assert_eq!(dropped.len(), 2);
    }

    #[test]
    fn bad_duplicate_and_excess_shortlist_ids_are_dropped_one_by_one() {
        let many: Vec<String> = (1..=MAX_SHORTLIST_PLUS_ONE)
            .map(|i| i.to_string())
            .collect();
        let many = many.join(",");
        let (state, dropped) = parse(&[("shortlist", "5,x,0,5,"), ("shortlist", many.as_str())]);
        let ids: Vec<u32> = state.shortlist.entries().iter().map(|e| e.id).collect();
        assert_eq!(ids.len(), crate::desk::MAX_SHORTLIST);
        assert_eq!(ids[..3], [5, 1, 2]);
        let values: Vec<&str> = dropped.iter().map(|d| d.value.as_str()).collect();
        assert_eq!(values, ["x", "0", "5", "5", "21"]);
    }
    const MAX_SHORTLIST_PLUS_ONE: u32 = crate::desk::MAX_SHORTLIST as u32 + 1;

    #[test]
    fn notes_attach_to_shortlisted_ids_in_any_order_and_stray_notes_are_reported() {
        let (state, dropped) = parse(&[
            ("note.7", "bellen"),
            ("shortlist", "7,8"),
            ("note.9", "not on the list"),
            ("note.x", "bad id"),
            ("note.7", "second note for 7"),
            ("note.8", "   "),
        ]);
        assert_eq!(state.shortlist.entries()[0].note.as_deref(), Some("bellen"));
        assert_eq!(state.shortlist.entries()[1].note, None);
        assert_eq!(
            dropped_keys(&dropped),
            [
                ("note.9", "not on the list"),
                ("note.x", "bad id"),
                ("note.7", "second note for 7"),
                ("note.8", "   "),
            ]
        );
    }

    #[test]
    fn the_default_state_is_an_empty_query() {
        assert_eq!(DeskState::default().to_query_string(), "");
        let (state, dropped) = parse(&[]);
        assert_eq!(state, DeskState::default());
        assert!(dropped.is_empty());
    }

    #[test]
    fn the_handover_link_carries_shortlist_towns_and_level_in_the_persons_language() {
        let state = full_state();
        let query = state.handover_query_string();
        let (phone, dropped) = through_the_url(&query);
        assert!(dropped.is_empty(), "{dropped:?}");
        assert_eq!(phone.shortlist, state.shortlist);
        assert_eq!(phone.towns(), state.towns());
        assert_eq!(phone.dutch, MyDutch::Level(DutchLevel::Basic));
        assert_eq!(
            phone.lang,
            Some("nl"),
            "the person's language, not the counsellor's"
        );
        assert!(phone.occupations().is_empty() && phone.contract.is_none());
        assert!(crate::qr::draw(&format!("https://passerelle.example.be/desk?{query}")).is_ok());
    }

    #[test]
    fn town_edits_keep_the_rules_of_the_url() {
        let mut state = DeskState::default();
        let mons = municipality::by_nis("53053").unwrap();
        let gent = municipality::by_nis("44021").unwrap();
        assert_eq!(state.add_town(gent, 30), Err(TownError::NotAHomeTown));
        assert_eq!(state.add_town(mons, 3), Err(TownError::Radius));
        assert_eq!(state.add_town(mons, 30), Ok(()));
        assert_eq!(state.add_town(mons, 20), Err(TownError::AlreadyChosen));
        assert_eq!(state.set_radius("53053", 15), Ok(()));
        assert_eq!(state.set_radius("53053", 90), Err(TownError::Radius));
        assert_eq!(state.towns()[0].radius_km, 15);
        for nis in ["57081", "52011", "92094", "62063"] {
            state
                .add_town(municipality::by_nis(nis).unwrap(), 30)
                .unwrap();
        }
        let sixth = municipality::by_nis("25112").unwrap();
        assert_eq!(state.add_town(sixth, 30), Err(TownError::TooMany));
        assert!(state.remove_town("53053"));
        assert!(!state.remove_town("53053"));
        assert_eq!(state.add_town(sixth, 30), Ok(()));
    }

    #[test]
    fn a_new_intake_clears_everything_but_the_counsellors_language() {
        let state = full_state();
        let fresh = state.new_intake();
        assert_eq!(fresh.lang, Some("fr"));
        assert_eq!(
            fresh,
            DeskState {
                lang: Some("fr"),
                ..DeskState::default()
            }
        );
    }

    #[test]
    fn the_filter_keeps_the_chosen_occupations_contract_and_regime_and_every_level() {
        let state = full_state();
        let filter = state.filter();
        let prepared = filter.base.prepare();
        let v = VacancySummary {
            occupation_code: Some("5321".into()),
            contract: ContractType::Permanent,
            regime: Regime::PartTime,
            dutch_level: Some(DutchLevel::VeryGood),
            ..crate::fixtures::vacancy(1)
        };
        assert!(
            filter.matches(&prepared, &v),
            "Dutch does not filter at the desk"
        );
        let other_occupation = VacancySummary {
            occupation_code: Some("9999".into()),
            ..v.clone()
        };
        assert!(!filter.matches(&prepared, &other_occupation));
        let full_time = VacancySummary {
            regime: Regime::FullTime,
            ..v
        };
        assert!(!filter.matches(&prepared, &full_time));
        assert_eq!(
            full_state().sort,
            TableSort {
                column: SortColumn::Published,
                direction: SortDirection::Descending
            }
        );
    }
}
