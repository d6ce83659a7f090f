//! Loading every vacancy around one or more home points, page by page, from an API we do not
//! control: each page is checked item by item (one bad item never costs the other 999), the
//! pages of several areas are merged without duplicates, and a server that cycles its cursors
//! or sends more than it announced is stopped instead of growing memory without bound.
//!
//! The app drives HTTP; this module decides what a page means. Every mode shares it: the
//! jobseeker's single town, the counsellor's several towns, the zone analysis.

use crate::api::{SharedText, VacancyDetail, VacancySummary};
use crate::filter::SearchArea;
use crate::vacancy_index::VacancyIndex;
use serde::Deserialize;
use std::collections::{HashMap, HashSet};

/// A page of a vacancy search, checked item by item.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckedPage {
    pub total: u32,
    pub items: Vec<VacancySummary>,
    pub next: Option<String>,
    /// Items that were not vacancies we can show (missing field, unknown level, no valid
    /// coordinates); they are dropped and counted.
    pub dropped: usize,
}

/// Why a page as a whole could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PageError {
    /// Not JSON, or not the page's shape (`total`, `items`, `next`).
    #[error("not a page of vacancies: {0}")]
    NotAPage(String),
    /// Not JSON, not a vacancy's shape, or a vacancy the list would have dropped.
    #[error("not a vacancy: {0}")]
    NotAVacancy(String),
}

#[derive(Deserialize)]
struct RawPage<'a> {
    total: u32,
    /// Each item's text, read as a vacancy one by one (no tree of JSON values in between:
    /// half the parsing time, and less memory at the peak of a 100,000-vacancy load).
    #[serde(borrow)]
    items: Vec<&'a serde_json::value::RawValue>,
    #[serde(default)]
    next: Option<String>,
}

/// Parses a page of `GET /vacancies`, keeping every valid item.
pub fn parse_page(json: &str) -> Result<CheckedPage, PageError> {
    let raw: RawPage =
        serde_json::from_str(json).map_err(|e| PageError::NotAPage(e.to_string()))?;
    let received = raw.items.len();
    let items: Vec<VacancySummary> = raw
        .items
        .into_iter()
        .filter_map(|item| serde_json::from_str::<VacancySummary>(item.get()).ok())
        .filter(|v| v.location().is_valid())
        .collect();
    Ok(CheckedPage {
        total: raw.total,
        dropped: received - items.len(),
        items,
        next: raw.next.filter(|n| !n.is_empty()),
    })
}

/// Parses `GET /vacancies/{id}`, held to the list's standard: a vacancy without valid
/// coordinates is not shown (the list drops it; its page would show "NaN km" to a station).
pub fn parse_detail(json: &str) -> Result<VacancyDetail, PageError> {
    let detail: VacancyDetail =
        serde_json::from_str(json).map_err(|e| PageError::NotAVacancy(e.to_string()))?;
    if !detail.summary.location().is_valid() {
        return Err(PageError::NotAVacancy(format!(
            "coordinates {}, {} are not on Earth",
            detail.summary.lat, detail.summary.lon
        )));
    }
    Ok(detail)
}

/// Where the load of one area stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AreaCursor {
    /// No page asked yet: ask for the first one.
    Start,
    /// Ask for the page after this cursor.
    Next(String),
    /// Every page has arrived.
    Done,
}

/// Progress of one area's load.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaLoad {
    pub area: SearchArea,
    pub cursor: AreaCursor,
    /// What the server announced for this area (0 before the first page).
    pub total: u32,
    /// Items received for this area, duplicates of other areas included.
    pub received: usize,
    seen_cursors: HashSet<String>,
    /// Started again once after the server refused a cursor (see [`LoadedVacancies::restart_area`]).
    restarted: bool,
}

/// A server that misbehaves in a way a retry cannot fix.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoadAnomaly {
    /// A `next` cursor that was already followed: following it again would loop forever.
    #[error("the API sent a cursor it had already sent")]
    CursorCycle,
    /// Far more items than the announced total: the server is not paging what it announced.
    #[error("the API sent {received} items for a total of {total}")]
    MoreThanAnnounced { received: usize, total: u32 },
}

/// Everything loaded so far for a set of areas: an append-only list of distinct vacancies.
///
/// Append-only is what keeps loading linear: consumers remember how many items they have
/// seen and look only at the new ones (see [`LoadedVacancies::since`]).
#[derive(Debug, Clone, Default)]
pub struct LoadedVacancies {
    items: Vec<VacancySummary>,
    /// Position of each id in `items`: dedup, and look-up by id (a shortlist in a link).
    positions: HashMap<u32, usize>,
    areas: Vec<AreaLoad>,
    dropped: usize,
    traits: LoadTraits,
    /// The same vacancies in the columns the filters scan.
    index: VacancyIndex,
    /// One copy of each text the vacancies share.
    texts: SharedTexts,
}

/// Hands out one shared copy of each distinct text: 100,000 vacancies name a few thousand
/// employers, places, occupations and dates, and a copy each would be most of their memory.
#[derive(Debug, Clone, Default)]
struct SharedTexts(HashSet<SharedText>);

impl SharedTexts {
    fn share(&mut self, text: &mut SharedText) {
        match self.0.get(&**text) {
            Some(kept) => *text = SharedText::clone(kept),
            None => {
                self.0.insert(SharedText::clone(text));
            }
        }
    }

    fn share_vacancy(&mut self, v: &mut VacancySummary) {
        for text in [
            &mut v.title,
            &mut v.employer,
            &mut v.nis_code,
            &mut v.place,
            &mut v.published,
        ]
        .into_iter()
        .chain(v.occupation_code.as_mut())
        .chain(v.occupation_label.as_mut())
        {
            self.share(text);
        }
    }
}

/// What the loaded vacancies hold that changes what the app shows around them: a legend
/// entry and a filter for offers stating no Dutch level, the attribution of Le Forem's data.
/// Counted as pages land, so no one rescans the list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LoadTraits {
    /// Vacancies that state no Dutch level.
    pub unstated_level: usize,
    /// Vacancies from Le Forem's open data.
    pub from_forem: usize,
}

/// How many extra items a server may send beyond its announced total (vacancies published
/// while the person pages) before we call it misbehaving.
const TOTAL_SLACK: usize = 1_000;

/// The most vacancies room is made for ahead of their arrival, whatever a server announces.
const RESERVE_CAP: usize = 250_000;

impl LoadedVacancies {
    /// An empty load of these areas.
    pub fn new(areas: impl IntoIterator<Item = SearchArea>) -> Self {
        let areas: Vec<SearchArea> = areas.into_iter().collect();
        Self {
            index: VacancyIndex::new(&areas),
            areas: areas
                .into_iter()
                .map(|area| AreaLoad {
                    area,
                    cursor: AreaCursor::Start,
                    total: 0,
                    received: 0,
                    seen_cursors: HashSet::new(),
                    restarted: false,
                })
                .collect(),
            ..Self::default()
        }
    }

    /// The distinct vacancies, in arrival order (nearest first within each area).
    pub fn items(&self) -> &[VacancySummary] {
        &self.items
    }

    /// The vacancies that arrived after the first `seen`.
    pub fn since(&self, seen: usize) -> &[VacancySummary] {
        self.items.get(seen..).unwrap_or(&[])
    }

    /// The loaded vacancies in columns, distances to the nearest area's centre worked out
    /// (position `i` there is [`Self::items`]`[i]`).
    pub fn index(&self) -> &VacancyIndex {
        &self.index
    }

    /// The loaded vacancy with this id, if it has arrived.
    pub fn by_id(&self, id: u32) -> Option<&VacancySummary> {
        self.positions.get(&id).and_then(|&i| self.items.get(i))
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn areas(&self) -> &[AreaLoad] {
        &self.areas
    }

    /// Items dropped because they were not valid vacancies.
    pub fn dropped(&self) -> usize {
        self.dropped
    }

    /// The next page to ask for: the first area not yet done, and its cursor.
    pub fn next_request(&self) -> Option<(usize, SearchArea, Option<&str>)> {
        self.areas
            .iter()
            .enumerate()
            .find_map(|(index, a)| match &a.cursor {
                AreaCursor::Start => Some((index, a.area, None)),
                AreaCursor::Next(cursor) => Some((index, a.area, Some(cursor.as_str()))),
                AreaCursor::Done => None,
            })
    }

    /// True once at least one page has arrived.
    pub fn has_first_page(&self) -> bool {
        self.areas.iter().any(|a| a.cursor != AreaCursor::Start)
    }

    /// True when every area's last page has arrived.
    pub fn is_complete(&self) -> bool {
        self.areas.iter().all(|a| a.cursor == AreaCursor::Done)
    }

    /// The announced total over all areas. With several areas a vacancy in two of them is
    /// announced twice, so this is an upper bound until the load completes.
    pub fn announced_total(&self) -> usize {
        self.areas
            .iter()
            .fold(0, |sum: usize, a| sum.saturating_add(a.total as usize))
    }

    /// Takes a page for area `index`. Returns how many new distinct vacancies it added.
    pub fn accept(&mut self, index: usize, page: CheckedPage) -> Result<usize, LoadAnomaly> {
        let Some(area) = self.areas.get_mut(index) else {
            return Ok(0);
        };
        area.total = page.total;
        area.received += page.items.len() + page.dropped;
        self.dropped += page.dropped;
        if area.received > (page.total as usize).saturating_add(TOTAL_SLACK) {
            area.cursor = AreaCursor::Done;
            return Err(LoadAnomaly::MoreThanAnnounced {
                received: area.received,
                total: page.total,
            });
        }
        self.reserve_for_announced();
        let area = &mut self.areas[index];
        area.cursor = match page.next {
            Some(next) if !area.seen_cursors.insert(next.clone()) => {
                area.cursor = AreaCursor::Done;
                self.add(page.items);
                return Err(LoadAnomaly::CursorCycle);
            }
            Some(next) => AreaCursor::Next(next),
            None => AreaCursor::Done,
        };
        Ok(self.add(page.items))
    }

    /// Starts area `index` again from its first page, once per load: the server refused its
    /// cursor because its data changed under the load (Le Forem's source swaps in a new sync).
    /// What is loaded stays, and ids seen again are skipped. False when it was already
    /// restarted: a server refusing its own fresh cursors is not fixed by another start.
    pub fn restart_area(&mut self, index: usize) -> bool {
        let Some(area) = self.areas.get_mut(index) else {
            return false;
        };
        if area.restarted {
            return false;
        }
        area.restarted = true;
        area.cursor = AreaCursor::Start;
        area.received = 0;
        area.seen_cursors.clear();
        true
    }

    /// What the vacancies loaded so far hold (see [`LoadTraits`]).
    pub fn traits(&self) -> LoadTraits {
        self.traits
    }

    /// Makes room at once for what the areas announce, so a 100,000-vacancy load does not
    /// grow its lists by doubling: each doubling copies everything and leaves up to half the
    /// room unused, and wasm memory never gives back its high-water mark. The union of the
    /// areas holds at least the largest area's total, so an honest server never makes us
    /// reserve too much; a lying one is held to [`RESERVE_CAP`].
    fn reserve_for_announced(&mut self) {
        let largest = self
            .areas
            .iter()
            .map(|a| a.total as usize)
            .max()
            .unwrap_or(0);
        let wanted = largest.min(RESERVE_CAP).saturating_sub(self.items.len());
        if self.items.capacity() - self.items.len() < wanted {
            self.items.reserve_exact(wanted);
            self.positions.reserve(wanted);
            self.index.reserve(wanted);
        }
    }

    fn add(&mut self, items: Vec<VacancySummary>) -> usize {
        let before = self.items.len();
        for mut v in items {
            if let std::collections::hash_map::Entry::Vacant(slot) = self.positions.entry(v.id) {
                self.texts.share_vacancy(&mut v);
                slot.insert(self.items.len());
                self.traits.unstated_level += usize::from(v.dutch_level.is_none());
                self.traits.from_forem +=
                    usize::from(v.source == Some(crate::api::VacancySource::Forem));
                self.index.push(&v);
                self.items.push(v);
            }
        }
        self.items.len() - before
    }
}

/// When a load shows what has arrived. Every page shown costs the map a redraw of everything
/// loaded so far, so showing each of 100 pages of a 100,000-vacancy load redraws 5 million
/// points; showing when the load has grown by a quarter, or after a second at most, redraws a
/// few times the total, and the first page and the last still show at once.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ShowCadence {
    shown: usize,
    shown_at_ms: f64,
}

impl ShowCadence {
    /// Growth since the last showing that is worth a redraw.
    const GROWTH: f64 = 1.25;
    /// The longest arrived pages wait unseen.
    pub const MAX_WAIT_MS: f64 = 1_000.0;

    /// True when `loaded` vacancies should be shown now.
    pub fn due(&self, loaded: usize, now_ms: f64) -> bool {
        loaded > self.shown
            && (self.shown == 0
                || loaded as f64 >= self.shown as f64 * Self::GROWTH
                || now_ms - self.shown_at_ms >= Self::MAX_WAIT_MS)
    }

    /// How long what has arrived may still wait unseen (0 when nothing waits).
    pub fn wait_left_ms(&self, loaded: usize, now_ms: f64) -> f64 {
        if loaded > self.shown {
            (Self::MAX_WAIT_MS - (now_ms - self.shown_at_ms)).max(0.0)
        } else {
            0.0
        }
    }

    /// Records that `loaded` vacancies were shown at `now_ms`.
    pub fn shown(&mut self, loaded: usize, now_ms: f64) {
        self.shown = loaded;
        self.shown_at_ms = now_ms;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::vacancy;
    use crate::LatLon;

    fn detail_json(lat: &str) -> String {
        let detail = VacancyDetail {
            summary: vacancy(7),
            description: "Wij zoeken".into(),
            content_language: "nl".into(),
            languages: Vec::new(),
            hours_per_week: Some(38.0),
            apply_url: None,
        };
        let mut json = serde_json::to_value(&detail).unwrap();
        json["extra"] = serde_json::json!({"from": "a newer API"});
        json.to_string().replace(
            &format!("\"lat\":{}", detail.summary.lat),
            &format!("\"lat\":{lat}"),
        )
    }

    #[test]
    fn an_area_whose_cursor_was_refused_starts_again_once_keeping_what_is_loaded() {
        let home = SearchArea::new(LatLon::new(50.83, 3.26), 60.0);
        let mut loaded = LoadedVacancies::new([home]);
        let first = CheckedPage {
            total: 3,
            items: vec![vacancy(1), vacancy(2)],
            next: Some("c1".into()),
            dropped: 0,
        };
        let _ = loaded.accept(0, first);
        assert!(loaded.restart_area(0));
        assert_eq!(
            loaded.next_request().map(|(_, _, c)| c),
            Some(None),
            "from the first page"
        );
        assert_eq!(loaded.len(), 2, "what was loaded stays");
        // The new data's first pages repeat ids already shown: skipped, not counted twice.
        let again = CheckedPage {
            total: 3,
            items: vec![vacancy(1), vacancy(2), vacancy(3)],
            next: None,
            dropped: 0,
        };
        assert_eq!(loaded.accept(0, again), Ok(1));
        assert!(loaded.is_complete());
        assert!(!loaded.restart_area(0), "only once per load");
    }

    #[test]
    fn the_load_counts_offers_without_a_level_and_from_le_forem_once_each() {
        let home = SearchArea::new(LatLon::new(50.83, 3.26), 60.0);
        let mut loaded = LoadedVacancies::new([home]);
        let forem = VacancySummary {
            dutch_level: None,
            source: Some(crate::api::VacancySource::Forem),
            ..vacancy(2)
        };
        let page = CheckedPage {
            total: 3,
            items: vec![vacancy(1), forem.clone(), forem],
            next: None,
            dropped: 0,
        };
        let _ = loaded.accept(0, page);
        assert_eq!(
            loaded.traits(),
            LoadTraits {
                unstated_level: 1,
                from_forem: 1
            },
            "the repeated id is counted once"
        );
    }

    #[test]
    fn a_vacancy_with_coordinates_off_the_earth_is_refused_like_the_list_drops_it() {
        assert!(
            parse_detail(&detail_json("50.5")).is_ok(),
            "extra fields are fine"
        );
        for lat in ["1e308", "-91", "null", "\"NaN\"", "1e999"] {
            assert!(
                matches!(
                    parse_detail(&detail_json(lat)),
                    Err(PageError::NotAVacancy(_))
                ),
                "{lat}"
            );
        }
        assert!(parse_detail("<html>").is_err());
    }

    fn page(ids: std::ops::Range<u32>, total: u32, next: Option<&str>) -> CheckedPage {
        CheckedPage {
            total,
            items: ids.map(vacancy).collect(),
            next: next.map(str::to_owned),
            dropped: 0,
        }
    }

    const MONS: SearchArea = SearchArea {
        centre: LatLon {
            lat: 50.454,
            lon: 3.952,
        },
        radius_km: 60.0,
    };
    const TOURNAI: SearchArea = SearchArea {
        centre: LatLon {
            lat: 50.606,
            lon: 3.388,
        },
        radius_km: 60.0,
    };

    /// The addresses of the load's growing buffers: one that moves was copied to a bigger one.
    fn buffers(load: &LoadedVacancies) -> [usize; 4] {
        [
            load.items.as_ptr() as usize,
            load.index.home_km_ptr(),
            load.index.fields_ptr(),
            load.items.capacity(),
        ]
    }

    #[test]
    fn the_first_page_makes_room_for_the_announced_total_so_later_pages_copy_nothing() {
        let mut load = LoadedVacancies::new([MONS]);
        load.accept(0, page(0..100, 1_000, Some("c1"))).unwrap();
        let after_first = buffers(&load);
        assert!(after_first[3] >= 1_000, "room for the announced 1,000");
        for k in 1..10 {
            let next = (k < 9).then(|| format!("c{}", k + 1));
            load.accept(0, page(k * 100..(k + 1) * 100, 1_000, next.as_deref()))
                .unwrap();
        }
        assert!(load.is_complete());
        assert_eq!(load.len(), 1_000);
        assert_eq!(buffers(&load), after_first, "no list was copied to grow");
    }

    #[test]
    fn vacancies_naming_the_same_employer_place_and_date_share_one_copy_of_each() {
        let mut load = LoadedVacancies::new([MONS]);
        let same = |id| VacancySummary {
            employer: "WZC Sint-Jozef".into(),
            place: "Ronse".into(),
            occupation_label: Some("Zorgkundige".into()),
            ..vacancy(id)
        };
        load.accept(0, page(0..0, 3, Some("c1"))).unwrap();
        for (id, next) in [(1, Some("c2")), (2, Some("c3")), (3, None)] {
            let page = CheckedPage {
                items: vec![same(id)],
                ..page(0..0, 3, next)
            };
            load.accept(0, page).unwrap();
        }
        let [a, b, c] = load.items() else {
            panic!("three vacancies")
        };
        for (x, y) in [(a, b), (b, c)] {
            assert!(SharedText::ptr_eq(&x.employer, &y.employer));
            assert!(SharedText::ptr_eq(&x.place, &y.place));
            assert!(SharedText::ptr_eq(&x.published, &y.published));
            assert!(SharedText::ptr_eq(
                x.occupation_label.as_ref().unwrap(),
                y.occupation_label.as_ref().unwrap()
            ));
        }
        assert!(!SharedText::ptr_eq(&a.title, &b.title), "titles differ");
        assert_eq!(&*a.title, "Job 1");
    }

    #[test]
    fn a_server_announcing_billions_gets_room_for_a_bounded_number() {
        let mut load = LoadedVacancies::new([MONS]);
        load.accept(0, page(0..10, u32::MAX, Some("c1"))).unwrap();
        assert!(load.items.capacity() <= RESERVE_CAP);
    }

    #[test]
    fn one_bad_item_is_dropped_and_counted_and_the_rest_of_the_page_is_kept() {
        let mut items: Vec<serde_json::Value> = (1..=4)
            .map(|id| serde_json::to_value(vacancy(id)).unwrap())
            .collect();
        items[1]["dutch_level"] = "fluent_klingon".into();
        items[2].as_object_mut().unwrap().remove("title");
        items[3]["lat"] = serde_json::Value::Null;
        let json = serde_json::json!({ "total": 4, "items": items, "next": "c2" }).to_string();
        let page = parse_page(&json).unwrap();
        assert_eq!(page.items.iter().map(|v| v.id).collect::<Vec<_>>(), [1]);
        assert_eq!(page.dropped, 3);
        assert_eq!(page.next.as_deref(), Some("c2"));
    }

    #[test]
    fn coordinates_out_of_range_make_an_item_invalid() {
        let mut item = serde_json::to_value(vacancy(1)).unwrap();
        item["lat"] = 1e300.into();
        let json = serde_json::json!({ "total": 1, "items": [item] }).to_string();
        assert_eq!(parse_page(&json).unwrap().dropped, 1);
    }

    #[test]
    fn a_number_no_f64_holds_costs_its_own_item_not_the_page() {
        let good = serde_json::to_string(&vacancy(1)).unwrap();
        let huge = serde_json::to_string(&vacancy(2)).unwrap().replacen(
            "\"lat\":",
            "\"lat\":1e999,\"was\":",
            1,
        );
        let page = parse_page(&format!(r#"{{"total":2,"items":[{good},{huge}]}}"#))
            .expect("valid JSON is a page");
        assert_eq!(page.items.iter().map(|v| v.id).collect::<Vec<_>>(), [1]);
        assert_eq!(page.dropped, 1);
    }

    #[test]
    fn a_body_that_is_not_a_page_is_an_error() {
        assert!(parse_page("<html>proxy error</html>").is_err());
        assert!(parse_page(r#"{"items": []}"#).is_err());
    }

    #[test]
    fn pages_are_appended_in_order_and_the_load_completes_on_the_last_page() {
        let mut load = LoadedVacancies::new([MONS]);
        assert_eq!(load.next_request(), Some((0, MONS, None)));
        assert!(!load.has_first_page());
        assert_eq!(load.accept(0, page(0..3, 5, Some("a"))), Ok(3));
        assert_eq!(load.next_request(), Some((0, MONS, Some("a"))));
        assert!(load.has_first_page() && !load.is_complete());
        assert_eq!(load.accept(0, page(3..5, 5, None)), Ok(2));
        assert!(load.is_complete());
        assert_eq!(load.next_request(), None);
        assert_eq!(
            load.since(3).iter().map(|v| v.id).collect::<Vec<_>>(),
            [3, 4]
        );
        assert!(load.since(99).is_empty());
    }

    #[test]
    fn a_cursor_seen_before_stops_the_area_instead_of_looping() {
        let mut load = LoadedVacancies::new([MONS]);
        load.accept(0, page(0..2, 10, Some("a"))).unwrap();
        load.accept(0, page(2..4, 10, Some("b"))).unwrap();
        assert_eq!(
            load.accept(0, page(4..6, 10, Some("a"))),
            Err(LoadAnomaly::CursorCycle)
        );
        assert_eq!(load.next_request(), None);
        assert_eq!(load.len(), 6, "what arrived is kept");
    }

    #[test]
    fn a_server_sending_far_more_than_announced_is_stopped() {
        let mut load = LoadedVacancies::new([MONS]);
        let mut result = Ok(0);
        for i in 0..10u32 {
            result = load.accept(0, page(i * 1000..(i + 1) * 1000, 10, Some(&i.to_string())));
            if result.is_err() {
                break;
            }
        }
        assert!(matches!(result, Err(LoadAnomaly::MoreThanAnnounced { .. })));
        assert!(load.len() <= 2_000);
    }

    #[test]
    fn a_vacancy_in_two_areas_is_kept_once() {
        let mut load = LoadedVacancies::new([MONS, TOURNAI]);
        assert_eq!(load.accept(0, page(0..5, 5, None)), Ok(5));
        assert_eq!(load.next_request(), Some((1, TOURNAI, None)));
        assert_eq!(load.accept(1, page(3..8, 5, None)), Ok(3));
        assert_eq!(load.len(), 8);
        assert_eq!(load.by_id(4).map(|v| v.id), Some(4));
        assert_eq!(load.by_id(99), None);
        assert_eq!(load.announced_total(), 10);
        assert!(load.is_complete());
    }

    #[test]
    fn dropped_items_add_up_over_pages() {
        let mut load = LoadedVacancies::new([MONS]);
        let mut first = page(0..2, 6, Some("a"));
        first.dropped = 2;
        load.accept(0, first).unwrap();
        let mut second = page(4..5, 6, None);
        second.dropped = 1;
        load.accept(0, second).unwrap();
        assert_eq!(load.dropped(), 3);
    }

    #[test]
    fn a_load_shows_its_first_page_then_each_quarter_of_growth_or_each_second() {
        let mut cadence = ShowCadence::default();
        assert!(cadence.due(1_000, 0.0), "the first page shows at once");
        cadence.shown(1_000, 0.0);
        assert!(!cadence.due(1_000, 5_000.0), "nothing new: nothing to show");
        assert!(!cadence.due(1_200, 100.0));
        assert!(cadence.due(1_250, 100.0), "a quarter more");
        assert!(cadence.due(1_001, 1_000.0), "a second has passed");
        assert_eq!(cadence.wait_left_ms(1_200, 300.0), 700.0);
        assert_eq!(cadence.wait_left_ms(1_000, 300.0), 0.0, "nothing waits");
        assert_eq!(cadence.wait_left_ms(1_200, 4_000.0), 0.0, "overdue");
    }

    #[test]
    fn showing_100_pages_redraws_a_few_times_the_total_not_100_times() {
        let (mut cadence, mut redrawn) = (ShowCadence::default(), 0usize);
        for page in 1..=100usize {
            let loaded = page * 1_000;
            // Pages land 40 ms apart (the stand-in on a laptop).
            let now = page as f64 * 40.0;
            if cadence.due(loaded, now) {
                cadence.shown(loaded, now);
                redrawn += loaded;
            }
        }
        let last = 100_000;
        if cadence.due(last, 4_000.0) {
            redrawn += last;
        }
        assert!(redrawn <= 6 * last, "{redrawn} points redrawn");
    }
}
