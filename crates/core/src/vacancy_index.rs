//! The loaded vacancies as the filters read them: a few bytes per vacancy in columns, and their
//! searchable texts folded once each, so that a filter change scans compact memory instead of
//! 100,000 whole summaries, and a keyword is one search through one string.
//!
//! A load's vacancies share most of their texts (a few thousand employers, places and job
//! titles among 100,000 vacancies), so each distinct text is folded and searched once, and a
//! vacancy holds the numbers of its texts. A keyword's matches among the texts are kept while
//! it stays the same: another filter change, or a new page, searches only the texts not seen.
//!
//! Built as pages land (see [`crate::loading::LoadedVacancies::index`]), in the load's order:
//! position `i` here is position `i` in the load's items. It answers exactly what
//! [`crate::filter::PreparedFilter::matches`] answers for the same vacancy (property-tested),
//! with the distance to the nearest home worked out once per vacancy instead of once per
//! filter change.

use crate::api::{ContractType, Regime, SharedText, VacancySummary};
use crate::dutch::DutchLevel;
use crate::filter::{nearest_home_km, PreparedFilter, SearchArea, VacancyFilter};
use crate::text::fold_into;
use memchr::memmem;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::ops::Range;
use std::sync::Mutex;

/// Ends every field in the folded text, so that no match of a keyword without it runs from one
/// field into the next (folding never makes it), and starts every code, so that a code prefix
/// is a plain search. A code that holds it anyway is checked the slow way.
const END_OF_FIELD: char = '\u{1f}';

/// Columns over the loaded vacancies, one entry per vacancy.
#[derive(Debug, Clone, Default)]
pub struct VacancyIndex {
    homes: Vec<SearchArea>,
    /// The vacancy's id: with `world`, all the map needs of a vacancy shown, read without
    /// touching its summary (ten times the size, so a cache miss per vacancy).
    id: Vec<u32>,
    /// Distance to the nearest home's centre; infinite when there is none.
    home_km: Vec<f64>,
    /// Web Mercator position in world widths ([`crate::cluster::world`]), for the map's clusters.
    world: Vec<(f64, f64)>,
    level: Vec<Option<DutchLevel>>,
    contract: Vec<ContractType>,
    regime: Vec<Regime>,
    bottleneck: Vec<bool>,
    /// The distinct titles, employers, places and occupation labels, folded, each followed by
    /// [`END_OF_FIELD`].
    texts: DistinctTexts,
    /// Each vacancy's title, employer, place and occupation label in `texts` ([`NO_TEXT`]
    /// for no label).
    fields: Vec<[u32; 4]>,
    /// The distinct occupation codes, each preceded by [`END_OF_FIELD`] (a prefix search is
    /// then a plain one).
    codes: DistinctTexts,
    /// Each vacancy's code in `codes`, or [`NO_TEXT`].
    code: Vec<u32>,
    /// Vacancies with [`END_OF_FIELD`] in their code: their keyword is matched on the summary.
    irregular: Vec<usize>,
}

/// A field a vacancy does not have (no occupation label, no code).
const NO_TEXT: u32 = u32::MAX;

/// Distinct texts in one string, and which of them hold the last keyword searched.
///
/// A text is known by its address: the load hands out one shared copy of each text (see
/// [`crate::loading::LoadedVacancies`]), which hashed the words once already. Equal texts at
/// two addresses are kept twice, which costs room, never a wrong answer.
#[derive(Debug, Default)]
struct DistinctTexts {
    joined: String,
    /// Where each text ends in `joined`; its number is its position here.
    ends: Vec<u32>,
    /// Each text's number by its address; `kept` holds the texts, so no address is reused.
    numbers: HashMap<usize, u32, BuildHasherDefault<crate::cluster::CellHasher>>,
    kept: Vec<SharedText>,
    /// The texts holding the last needle searched, as far as they were searched.
    last_search: Mutex<Option<Search>>,
}

#[derive(Debug, Clone)]
struct Search {
    needle: String,
    searched: usize,
    hits: BitSet,
}

impl Clone for DistinctTexts {
    fn clone(&self) -> Self {
        Self {
            joined: self.joined.clone(),
            ends: self.ends.clone(),
            numbers: self.numbers.clone(),
            kept: self.kept.clone(),
            last_search: Mutex::new(self.lock_search().clone()),
        }
    }
}

impl DistinctTexts {
    /// The number of `text`, added (as `joined_form` writes it) when new.
    fn number(&mut self, text: &SharedText, joined_form: impl FnOnce(&str, &mut String)) -> u32 {
        let address = SharedText::as_ptr(text).cast::<u8>() as usize;
        if let Some(&n) = self.numbers.get(&address) {
            return n;
        }
        let n = u32::try_from(self.ends.len()).expect("fewer than 4 billion distinct texts");
        joined_form(text, &mut self.joined);
        self.ends.push(offset(&self.joined));
        self.numbers.insert(address, n);
        self.kept.push(SharedText::clone(text));
        n
    }

    fn lock_search(&self) -> std::sync::MutexGuard<'_, Option<Search>> {
        // The search is taken out while it grows: after a panic there is none, not half of one.
        self.last_search
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Which texts hold `needle`: the texts added since the same needle was last searched,
    /// or all of them for a new one.
    fn holding(&self, needle: &str) -> BitSet {
        let mut last = self.lock_search();
        let mut search = match last.take() {
            Some(search) if search.needle == needle => search,
            _ => Search {
                needle: needle.to_owned(),
                searched: 0,
                hits: BitSet::new(0),
            },
        };
        let count = self.ends.len();
        if search.searched < count {
            search.hits.grow(count);
            mark_matches(
                &self.joined,
                &self.ends,
                search.searched..count,
                needle,
                &mut search.hits,
            );
            search.searched = count;
        }
        let hits = search.hits.clone();
        *last = Some(search);
        hits
    }
}

/// A vacancy that passed an [`IndexQuery`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    /// Position in the load.
    pub index: usize,
    /// Distance to the nearest home's centre.
    pub home_km: f64,
    pub level: Option<DutchLevel>,
}

impl VacancyIndex {
    /// An empty index measuring distances from `homes`' centres.
    pub fn new(homes: &[SearchArea]) -> Self {
        Self {
            homes: homes.to_vec(),
            ..Self::default()
        }
    }

    pub fn len(&self) -> usize {
        self.home_km.len()
    }

    pub fn is_empty(&self) -> bool {
        self.home_km.is_empty()
    }

    /// Vacancy `index`'s id and Web Mercator position in world widths
    /// ([`crate::cluster::world`]): its point on the map.
    pub fn id_and_world(&self, index: usize) -> Option<(u32, (f64, f64))> {
        Some((*self.id.get(index)?, *self.world.get(index)?))
    }

    /// Adds the next vacancy of the load.
    #[cfg(test)]
    pub(crate) fn home_km_ptr(&self) -> usize {
        self.home_km.as_ptr() as usize
    }

    #[cfg(test)]
    pub(crate) fn fields_ptr(&self) -> usize {
        self.fields.as_ptr() as usize
    }

    /// Makes room for `additional` more vacancies.
    pub fn reserve(&mut self, additional: usize) {
        self.id.reserve_exact(additional);
        self.home_km.reserve_exact(additional);
        self.world.reserve_exact(additional);
        self.level.reserve_exact(additional);
        self.contract.reserve_exact(additional);
        self.regime.reserve_exact(additional);
        self.bottleneck.reserve_exact(additional);
        self.fields.reserve_exact(additional);
        self.code.reserve_exact(additional);
    }

    /// Adds the next vacancy of the load.
    pub fn push(&mut self, v: &VacancySummary) {
        let index = self.len();
        self.id.push(v.id);
        self.home_km
            .push(nearest_home_km(&self.homes, v.location()).unwrap_or(f64::INFINITY));
        self.world.push(crate::cluster::world(v.location()));
        self.level.push(v.dutch_level);
        self.contract.push(v.contract);
        self.regime.push(v.regime);
        self.bottleneck.push(v.bottleneck);
        let mut text = |field: &SharedText| {
            self.texts.number(field, |field, joined| {
                fold_into(field, joined);
                joined.push(END_OF_FIELD);
            })
        };
        let fields = [
            text(&v.title),
            text(&v.employer),
            text(&v.place),
            v.occupation_label.as_ref().map_or(NO_TEXT, text),
        ];
        self.fields.push(fields);
        let code = v.occupation_code.as_ref().map_or(NO_TEXT, |code| {
            if code.contains(END_OF_FIELD) {
                self.irregular.push(index);
            }
            self.codes.number(code, |code, joined| {
                joined.push(END_OF_FIELD);
                joined.push_str(code);
            })
        });
        self.code.push(code);
    }

    /// The vacancies from position `from` on that lie within `max_km` of the nearest home and
    /// pass `query`, in load order.
    ///
    /// `items` are the load's summaries (read only for the rare vacancy whose text the index
    /// cannot search, see [`END_OF_FIELD`]).
    pub fn select<'a>(
        &'a self,
        items: &'a [VacancySummary],
        from: usize,
        max_km: f64,
        query: &'a IndexQuery<'_>,
    ) -> impl Iterator<Item = Hit> + 'a {
        let range = from.min(self.len())..self.len();
        let keyword = query
            .prepared
            .keyword()
            .map(|k| self.keyword_hits(items, range.clone(), k, &query.prepared));
        let f = query.prepared.filter();
        let start = range.start;
        range.filter_map(move |i| {
            let home_km = self.home_km[i];
            let level = self.level[i];
            let passes = home_km <= max_km
                && f.dutch_max.is_none_or(|max| match level {
                    Some(level) => level <= max,
                    None => !f.hide_unstated_level,
                })
                && f.contract.is_none_or(|c| self.contract[i] == c)
                && f.regime.is_none_or(|r| self.regime[i] == r)
                && (!f.bottleneck_only || self.bottleneck[i])
                && keyword.as_ref().is_none_or(|hits| hits.contains(i - start));
            passes.then_some(Hit {
                index: i,
                home_km,
                level,
            })
        })
    }

    /// Which vacancies in `range` hold `folded_keyword`: one search through the distinct
    /// texts and one through the distinct codes (or none, for a keyword searched before),
    /// then a look-up of each vacancy's texts.
    fn keyword_hits(
        &self,
        items: &[VacancySummary],
        range: Range<usize>,
        folded_keyword: &str,
        prepared: &PreparedFilter<'_>,
    ) -> BitSet {
        let mut hits = BitSet::new(range.len());
        if folded_keyword.contains(END_OF_FIELD) {
            // Could span two fields in the joined text: ask each summary.
            for i in range.clone() {
                if items.get(i).is_some_and(|v| prepared.keyword_matches(v)) {
                    hits.insert(i - range.start);
                }
            }
            return hits;
        }
        let texts = self.texts.holding(folded_keyword);
        let codes = self
            .codes
            .holding(&format!("{END_OF_FIELD}{folded_keyword}"));
        let holds = |hits: &BitSet, n: u32| n != NO_TEXT && hits.contains(n as usize);
        // A keyword no text holds (a typo, a rare word) needs no look at the vacancies.
        if !(texts.is_empty() && codes.is_empty()) {
            for i in range.clone() {
                if self.fields[i].iter().any(|&n| holds(&texts, n)) || holds(&codes, self.code[i]) {
                    hits.insert(i - range.start);
                }
            }
        }
        let irregular_start = self.irregular.partition_point(|&i| i < range.start);
        for &i in &self.irregular[irregular_start..] {
            if i >= range.end {
                break;
            }
            let matches = items.get(i).is_some_and(|v| prepared.keyword_matches(v));
            hits.set(i - range.start, matches);
        }
        hits
    }
}

/// Marks in `hits` every text of `range` whose part of `haystack` (ending at `ends[i]`)
/// holds `needle`, at its number: one pass of a substring search through the range's text.
fn mark_matches(
    haystack: &str,
    ends: &[u32],
    range: Range<usize>,
    needle: &str,
    hits: &mut BitSet,
) {
    if range.is_empty() {
        return;
    }
    let start = match range.start {
        0 => 0,
        start => ends[start - 1] as usize,
    };
    let first = range.start;
    let text = &haystack.as_bytes()[..ends[range.end - 1] as usize];
    let ends = &ends[range];
    let finder = memmem::Finder::new(needle.as_bytes());
    let (mut at, mut i) = (start, 0);
    while let Some(found) = finder.find(&text[at..]) {
        // The text holding the match (matches come in order: walk forward), then on after
        // it: a one-letter keyword would otherwise stop at every other byte.
        let position = at + found;
        while ends[i] as usize <= position {
            i += 1;
        }
        hits.insert(first + i);
        at = ends[i] as usize;
    }
}

fn offset(s: &str) -> u32 {
    u32::try_from(s.len()).expect("the folded text of a load stays under 4 GiB")
}

/// A view's filters, ready to run over a [`VacancyIndex`].
pub struct IndexQuery<'f> {
    prepared: PreparedFilter<'f>,
}

impl<'f> IndexQuery<'f> {
    pub fn new(filter: &'f VacancyFilter) -> Self {
        Self {
            prepared: filter.prepare(),
        }
    }
}

/// A set of small numbers, below the length it was made or grown to.
#[derive(Debug, Clone)]
struct BitSet(Vec<u64>);

impl BitSet {
    fn new(len: usize) -> Self {
        Self(vec![0; len.div_ceil(64)])
    }

    fn is_empty(&self) -> bool {
        self.0.iter().all(|&word| word == 0)
    }

    fn grow(&mut self, len: usize) {
        self.0.resize(len.div_ceil(64).max(self.0.len()), 0);
    }

    fn insert(&mut self, i: usize) {
        self.0[i / 64] |= 1 << (i % 64);
    }

    fn set(&mut self, i: usize, on: bool) {
        if on {
            self.insert(i);
        } else {
            self.0[i / 64] &= !(1 << (i % 64));
        }
    }

    fn contains(&self, i: usize) -> bool {
        self.0[i / 64] & (1 << (i % 64)) != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::vacancy;
    use crate::LatLon;
    use proptest::prelude::*;

    fn mons() -> SearchArea {
        SearchArea::new(LatLon::new(50.45413, 3.95229), 60.0)
    }

    fn index_of(items: &[VacancySummary], homes: &[SearchArea]) -> VacancyIndex {
        let mut index = VacancyIndex::new(homes);
        for v in items {
            index.push(v);
        }
        index
    }

    /// What the index must answer: the summary-by-summary test the API and the list used.
    fn by_summaries(
        items: &[VacancySummary],
        homes: &[SearchArea],
        from: usize,
        max_km: f64,
        filter: &VacancyFilter,
    ) -> Vec<(usize, f64)> {
        let prepared = filter.prepare();
        items
            .iter()
            .enumerate()
            .skip(from)
            .filter_map(|(i, v)| {
                let km = nearest_home_km(homes, v.location())?;
                (km <= max_km && prepared.matches(v)).then_some((i, km))
            })
            .collect()
    }

    fn by_index(
        index: &VacancyIndex,
        items: &[VacancySummary],
        from: usize,
        max_km: f64,
        filter: &VacancyFilter,
    ) -> Vec<(usize, f64)> {
        let query = IndexQuery::new(filter);
        index
            .select(items, from, max_km, &query)
            .map(|hit| (hit.index, hit.home_km))
            .collect()
    }

    #[test]
    fn a_keyword_matches_within_one_field_never_across_two() {
        let mut v = vacancy(1);
        v.title = "Lasser".into();
        v.employer = "Peeters".into();
        v.place = "Kortrijk".into();
        v.occupation_code = Some("7212".into());
        let items = vec![v];
        let index = index_of(&items, &[mons()]);
        let found = |keyword: &str| {
            let filter = VacancyFilter {
                keyword: Some(keyword.into()),
                ..VacancyFilter::default()
            };
            !by_index(&index, &items, 0, f64::INFINITY, &filter).is_empty()
        };
        assert!(found("LASS"));
        assert!(found("peeters"));
        assert!(found("72"), "a code prefix");
        assert!(!found("21"), "inside a code is not a prefix");
        assert!(!found("serpee"), "title's end and employer's start");
    }

    #[test]
    fn a_code_holding_the_field_end_is_matched_on_its_summary() {
        let mut odd = vacancy(1);
        odd.occupation_code = Some("72\u{1f}12".into());
        let items = vec![odd];
        let index = index_of(&items, &[mons()]);
        let filter = |keyword: &str| VacancyFilter {
            keyword: Some(keyword.into()),
            ..VacancyFilter::default()
        };
        for keyword in ["12", "72"] {
            assert_eq!(
                by_index(&index, &items, 0, f64::INFINITY, &filter(keyword)),
                by_summaries(&items, &[mons()], 0, f64::INFINITY, &filter(keyword)),
                "{keyword}"
            );
        }
    }

    /// The vacancies of `count` generated around Mons, as they land in pages of `per_page`.
    fn vacancies_around_mons(count: u32, per_page: usize) -> Vec<VacancySummary> {
        crate::fixtures::pages_around(mons().centre, count, per_page)
            .into_iter()
            .flat_map(|p| p.items)
            .collect()
    }

    #[test]
    fn each_vacancy_s_id_and_map_position_are_kept_in_load_order() {
        let items = vacancies_around_mons(40, 15);
        let index = index_of(&items, &[mons()]);
        for (i, v) in items.iter().enumerate() {
            assert_eq!(
                index.id_and_world(i),
                Some((v.id, crate::cluster::world(v.location())))
            );
        }
        assert_eq!(index.id_and_world(items.len()), None);
    }

    #[test]
    fn pages_added_later_are_selected_from_where_the_reader_stopped() {
        let items = vacancies_around_mons(900, 300);
        let index = index_of(&items, &[mons()]);
        let filter = VacancyFilter {
            keyword: Some("lasser".into()),
            dutch_max: Some(DutchLevel::Basic),
            ..VacancyFilter::default()
        };
        let later = by_index(&index, &items, 450, 40.0, &filter);
        assert!(!later.is_empty());
        assert_eq!(later, by_summaries(&items, &[mons()], 450, 40.0, &filter));
    }

    fn text() -> impl Strategy<Value = String> {
        // Letters the folding changes, separators, the index's own field end, and plain ASCII.
        proptest::string::string_regex("[a-eA-E0-2éÉèçŒœß`'’\u{1f} -]{0,8}").expect("a pattern")
    }

    fn summary() -> impl Strategy<Value = VacancySummary> {
        (
            (text(), text(), text(), proptest::option::of(text())),
            (
                proptest::option::of("[0-2\u{1f}]{1,4}"),
                proptest::option::of(0usize..6),
                0usize..5,
                0usize..3,
                any::<bool>(),
            ),
            (-0.9f64..0.9, -1.2f64..1.2),
        )
            .prop_map(
                |(
                    (title, employer, place, label),
                    (code, level, contract, regime, bottleneck),
                    (dlat, dlon),
                )| {
                    let mut v = vacancy(0);
                    v.title = title.into();
                    v.employer = employer.into();
                    v.place = place.into();
                    v.occupation_label = label.map(Into::into);
                    v.occupation_code = code.map(Into::into);
                    v.dutch_level = level.map(|l| DutchLevel::ALL[l]);
                    v.contract = ContractType::ALL
                        .get(contract)
                        .copied()
                        .unwrap_or(ContractType::Other);
                    v.regime = Regime::ALL[regime];
                    v.bottleneck = bottleneck;
                    v.lat = mons().centre.lat + dlat;
                    v.lon = mons().centre.lon + dlon;
                    v
                },
            )
    }

    fn filter() -> impl Strategy<Value = VacancyFilter> {
        (
            proptest::option::of(0usize..6),
            any::<bool>(),
            proptest::option::of(text()),
            proptest::option::of(0usize..5),
            proptest::option::of(0usize..3),
            any::<bool>(),
        )
            .prop_map(
                |(level, hide_unstated_level, keyword, contract, regime, bottleneck_only)| {
                    VacancyFilter {
                        dutch_max: level.map(|l| DutchLevel::ALL[l]),
                        hide_unstated_level,
                        keyword,
                        contract: contract.map(|c| {
                            ContractType::ALL
                                .get(c)
                                .copied()
                                .unwrap_or(ContractType::Other)
                        }),
                        regime: regime.map(|r| Regime::ALL[r]),
                        bottleneck_only,
                    }
                },
            )
    }

    proptest! {
        #[test]
        fn the_index_selects_exactly_what_the_summaries_pass(
            vacancies in proptest::collection::vec(summary(), 0..40),
            filters in proptest::collection::vec(filter(), 1..6),
            two_homes in any::<bool>(),
            from in 0usize..45,
            split in 0usize..45,
            shared in any::<bool>(),
            max_km in 0.0f64..120.0,
        ) {
            // As a load holds them (one copy of each text), or each vacancy with its own.
            let mut copies: HashMap<String, SharedText> = HashMap::new();
            let mut share = |text: &mut SharedText| {
                if shared {
                    *text = SharedText::clone(
                        copies.entry(text.to_string()).or_insert_with(|| SharedText::clone(text)),
                    );
                }
            };
            let items: Vec<VacancySummary> = vacancies
                .into_iter()
                .enumerate()
                .map(|(i, mut v)| {
                    v.id = i as u32 + 1;
                    for text in [&mut v.title, &mut v.employer, &mut v.place]
                        .into_iter()
                        .chain(v.occupation_label.as_mut())
                        .chain(v.occupation_code.as_mut())
                    {
                        share(text);
                    }
                    v
                })
                .collect();
            let mut homes = vec![mons()];
            if two_homes {
                homes.push(SearchArea::new(LatLon::new(50.85, 4.35), 30.0));
            }
            // Pages land between filter changes: each keyword's matches among the texts seen
            // so far are kept, and must grow to the texts that came after.
            let landed = split.min(items.len());
            let mut index = index_of(&items[..landed], &homes);
            for filter in &filters {
                prop_assert_eq!(
                    by_index(&index, &items[..landed], from, max_km, filter),
                    by_summaries(&items[..landed], &homes, from, max_km, filter)
                );
            }
            for v in &items[landed..] {
                index.push(v);
            }
            for filter in filters.iter().rev().chain(&filters) {
                prop_assert_eq!(
                    by_index(&index, &items, from, max_km, filter),
                    by_summaries(&items, &homes, from, max_km, filter)
                );
            }
        }
    }
}
