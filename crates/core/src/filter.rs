//! The vacancy filter: the API applies it to answer a search, the app applies it locally for
//! instant response once the vacancies around a town are loaded.

use crate::api::{ContractType, Regime, VacancySummary};
use crate::dutch::DutchLevel;
use crate::geo::{haversine_km, BoundingBox, Circle, LatLon};
use crate::text::{fold, folded_contains};

/// Everything a search can ask for besides the centre point and radius.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct VacancyFilter {
    /// Keep vacancies whose Dutch requirement is at most this level.
    pub dutch_max: Option<DutchLevel>,
    /// With `dutch_max`, also drop the vacancies that state no level (by default they pass, and
    /// the app marks them: the person decides whether to risk them).
    pub hide_unstated_level: bool,
    /// Keyword, matched case- and accent-insensitively against title, employer, place and occupation code.
    pub keyword: Option<String>,
    pub contract: Option<ContractType>,
    pub regime: Option<Regime>,
    /// Only bottleneck occupations.
    pub bottleneck_only: bool,
}

impl VacancyFilter {
    /// A filter ready to test many vacancies (the keyword folded once).
    pub fn prepare(&self) -> PreparedFilter<'_> {
        PreparedFilter {
            filter: self,
            keyword: self
                .keyword
                .as_deref()
                .map(|k| fold(k.trim()))
                .filter(|k| !k.is_empty()),
        }
    }
}

/// A [`VacancyFilter`] with its keyword folded.
pub struct PreparedFilter<'a> {
    filter: &'a VacancyFilter,
    keyword: Option<String>,
}

impl<'f> PreparedFilter<'f> {
    /// The filter this was prepared from.
    pub fn filter(&self) -> &'f VacancyFilter {
        self.filter
    }

    /// The keyword, folded; `None` when there is none (or only spaces).
    pub fn keyword(&self) -> Option<&str> {
        self.keyword.as_deref()
    }

    /// True when the vacancy holds the keyword (or there is none).
    pub fn keyword_matches(&self, v: &VacancySummary) -> bool {
        self.keyword
            .as_deref()
            .is_none_or(|k| keyword_matches(v, k))
    }

    /// True when the vacancy passes every non-spatial criterion.
    pub fn matches(&self, v: &VacancySummary) -> bool {
        let f = self.filter;
        f.dutch_max.is_none_or(|max| match v.dutch_level {
            Some(level) => level <= max,
            None => !f.hide_unstated_level,
        }) && f.contract.is_none_or(|c| v.contract == c)
            && f.regime.is_none_or(|r| v.regime == r)
            && (!f.bottleneck_only || v.bottleneck)
            && self.keyword_matches(v)
    }
}

fn keyword_matches(v: &VacancySummary, folded_keyword: &str) -> bool {
    v.occupation_code
        .as_deref()
        .is_some_and(|code| code.starts_with(folded_keyword))
        || [&v.title, &v.employer, &v.place]
            .into_iter()
            .chain(&v.occupation_label)
            .any(|field| folded_contains(field, folded_keyword))
}

/// A circle around a home point.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SearchArea {
    pub centre: LatLon,
    pub radius_km: f64,
}

impl SearchArea {
    pub fn new(centre: LatLon, radius_km: f64) -> Self {
        Self { centre, radius_km }
    }

    /// The distance from the centre when `point` lies inside the area.
    pub fn distance_if_inside(&self, bbox: &BoundingBox, point: LatLon) -> Option<f64> {
        if !bbox.contains(point) {
            return None;
        }
        let d = haversine_km(self.centre, point);
        (d <= self.radius_km).then_some(d)
    }
}

/// The nearest of `areas` whose circle holds `point`, as (index in `areas`, km).
///
/// With several home towns a vacancy counts once, at the distance that matters to the person:
/// the nearest town whose own radius reaches it (a nearer town whose smaller radius does not
/// reach it does not count). `boxes` are the areas' bounding boxes, computed once per search.
pub fn nearest_area(
    areas: &[SearchArea],
    boxes: &[BoundingBox],
    point: LatLon,
) -> Option<(usize, f64)> {
    areas
        .iter()
        .zip(boxes)
        .enumerate()
        .filter_map(|(i, (area, bbox))| area.distance_if_inside(bbox, point).map(|d| (i, d)))
        .min_by(|a, b| a.1.total_cmp(&b.1))
}

/// The straight-line distance from `point` to the nearest of `homes`' centres, `None` without
/// homes (or for a point that gives no finite distance).
///
/// The results view measures a vacancy from here and keeps it when this is within its radius
/// (the areas' own radii only bound what was loaded).
pub fn nearest_home_km(homes: &[SearchArea], point: LatLon) -> Option<f64> {
    homes
        .iter()
        .map(|home| haversine_km(home.centre, point))
        .filter(|d| d.is_finite())
        .min_by(f64::total_cmp)
}

/// The vacancies inside `area` that pass `filter`, with their distance, nearest first.
pub fn search<'v>(
    vacancies: impl IntoIterator<Item = &'v VacancySummary>,
    area: SearchArea,
    filter: &VacancyFilter,
) -> Vec<(&'v VacancySummary, f64)> {
    let circle = Circle::new(area.centre, area.radius_km);
    let prepared = filter.prepare();
    let mut found: Vec<(&VacancySummary, f64)> = vacancies
        .into_iter()
        .filter_map(|v| {
            let d = circle.distance_if_inside(v.location())?;
            prepared.matches(v).then_some((v, d))
        })
        .collect();
    sort_by_distance(&mut found);
    found
}

/// Sorts nearest first; ties by id so that the order (and the API's cursors) are stable
/// (the key is unique, so an unstable sort gives the same order, faster).
pub fn sort_by_distance(found: &mut [(&VacancySummary, f64)]) {
    found.sort_unstable_by(|a, b| a.1.total_cmp(&b.1).then(a.0.id.cmp(&b.0.id)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::ApplyMode;

    fn vacancy(id: u32, lat: f64, lon: f64, level: DutchLevel) -> VacancySummary {
        VacancySummary {
            id,
            title: "Elektrotechnicus".into(),
            employer: "Bouwbedrijf Peeters".into(),
            nis_code: "34022".into(),
            place: "Kortrijk".into(),
            lat,
            lon,
            dutch_level: Some(level),
            dutch_unstated: None,
            contract: ContractType::Permanent,
            contract_label: None,
            regime: Regime::FullTime,
            regime_label: None,
            bottleneck: false,
            occupation_code: Some("7411".into()),
            occupation_label: None,
            published: "2026-11-01".into(),
            apply_mode: ApplyMode::InApp,
            distance_km: None,
            source: None,
        }
    }

    const MONS: LatLon = LatLon::new(50.45413, 3.95229);

    #[test]
    fn search_keeps_points_inside_the_radius_nearest_first() {
        let near = vacancy(1, 50.70, 3.95, DutchLevel::Good); // ~27 km north
        let nearer = vacancy(2, 50.55, 3.95, DutchLevel::Good); // ~11 km
        let far = vacancy(3, 51.20, 3.95, DutchLevel::Good); // ~83 km
        let all = [near.clone(), nearer.clone(), far];
        let found = search(&all, SearchArea::new(MONS, 60.0), &VacancyFilter::default());
        let ids: Vec<u32> = found.iter().map(|(v, _)| v.id).collect();
        assert_eq!(ids, vec![2, 1]);
        assert!((found[0].1 - 10.6).abs() < 0.5, "{}", found[0].1);
    }

    #[test]
    fn dutch_max_keeps_requirements_at_or_below_the_level() {
        let all: Vec<_> = DutchLevel::ALL
            .iter()
            .enumerate()
            .map(|(i, l)| vacancy(i as u32, 50.6, 3.95, *l))
            .collect();
        let filter = VacancyFilter {
            dutch_max: Some(DutchLevel::Basic),
            ..Default::default()
        };
        let found = search(&all, SearchArea::new(MONS, 60.0), &filter);
        let levels: Vec<_> = found.iter().map(|(v, _)| v.dutch_level).collect();
        assert_eq!(
            levels,
            vec![
                Some(DutchLevel::None),
                Some(DutchLevel::Starter),
                Some(DutchLevel::Basic)
            ]
        );
    }

    /// Whether a filter with only `keyword` keeps `v`.
    fn keyword_matches_vacancy(keyword: &str, v: &VacancySummary) -> bool {
        VacancyFilter {
            keyword: Some(keyword.into()),
            ..Default::default()
        }
        .prepare()
        .matches(v)
    }

    #[test]
    fn offers_stating_no_level_pass_a_level_filter_unless_hidden() {
        let unstated = VacancySummary {
            dutch_level: None,
            dutch_unstated: Some(crate::api::DutchUnstated::DutchAsked),
            ..vacancy(1, 50.6, 3.95, DutchLevel::Good)
        };
        let passes = |dutch_max, hide_unstated_level| {
            VacancyFilter {
                dutch_max,
                hide_unstated_level,
                ..Default::default()
            }
            .prepare()
            .matches(&unstated)
        };
        assert!(passes(Some(DutchLevel::None), false), "shown by default");
        assert!(!passes(Some(DutchLevel::None), true));
        assert!(
            passes(None, true),
            "without a level filter, hiding has nothing to act on"
        );
    }

    #[test]
    fn keyword_also_matches_the_source_occupation_name() {
        let v = VacancySummary {
            occupation_code: None,
            occupation_label: Some("Soudeur / Soudeuse".into()),
            ..vacancy(1, 50.6, 3.95, DutchLevel::Good)
        };
        assert!(keyword_matches_vacancy("soudeuse", &v));
        assert!(
            !keyword_matches_vacancy("7411", &v),
            "no code, nothing to match by code"
        );
    }

    #[test]
    fn keyword_ignores_case_and_accents_and_matches_employer_and_place() {
        let v = vacancy(1, 50.6, 3.95, DutchLevel::Good);
        let matches = |k: &str| keyword_matches_vacancy(k, &v);
        assert!(matches("ELEKTRO"));
        assert!(matches("peeters"));
        assert!(matches("kortrijk"));
        assert!(matches("7411"));
        assert!(matches("  "), "a blank keyword filters nothing");
        assert!(!matches("lasser"));
    }

    #[test]
    fn contract_regime_and_bottleneck_filters_apply() {
        let mut v = vacancy(1, 50.6, 3.95, DutchLevel::Good);
        let f = |filter: VacancyFilter, v: &VacancySummary| filter.prepare().matches(v);
        assert!(!f(
            VacancyFilter {
                contract: Some(ContractType::Interim),
                ..Default::default()
            },
            &v
        ));
        assert!(!f(
            VacancyFilter {
                regime: Some(Regime::PartTime),
                ..Default::default()
            },
            &v
        ));
        assert!(!f(
            VacancyFilter {
                bottleneck_only: true,
                ..Default::default()
            },
            &v
        ));
        v.bottleneck = true;
        assert!(f(
            VacancyFilter {
                bottleneck_only: true,
                ..Default::default()
            },
            &v
        ));
    }

    #[test]
    fn nearest_area_is_the_nearest_town_whose_own_radius_reaches_the_point() {
        let tournai = LatLon::new(50.606, 3.388);
        let point = LatLon::new(50.60, 3.60); // ~15 km from Tournai, ~26 km from Mons
        let boxes = |areas: &[SearchArea]| -> Vec<BoundingBox> {
            areas
                .iter()
                .map(|a| BoundingBox::around(a.centre, a.radius_km))
                .collect()
        };
        let both = [SearchArea::new(MONS, 60.0), SearchArea::new(tournai, 60.0)];
        let (index, km) = nearest_area(&both, &boxes(&both), point).unwrap();
        assert_eq!(index, 1, "Tournai is nearer");
        assert!((km - haversine_km(tournai, point)).abs() < 1e-9);

        let tournai_small = [SearchArea::new(MONS, 60.0), SearchArea::new(tournai, 10.0)];
        let (index, km) = nearest_area(&tournai_small, &boxes(&tournai_small), point).unwrap();
        assert_eq!(index, 0, "Tournai's 10 km do not reach it, Mons' 60 do");
        assert!((km - haversine_km(MONS, point)).abs() < 1e-9);

        let none = [SearchArea::new(MONS, 5.0)];
        assert_eq!(nearest_area(&none, &boxes(&none), point), None);
    }

    #[test]
    fn equal_distances_are_ordered_by_id_for_stable_pages() {
        let a = vacancy(9, 50.6, 3.95, DutchLevel::Good);
        let b = vacancy(4, 50.6, 3.95, DutchLevel::Good);
        let all = [a, b];
        let found = search(&all, SearchArea::new(MONS, 60.0), &VacancyFilter::default());
        assert_eq!(
            found.iter().map(|(v, _)| v.id).collect::<Vec<_>>(),
            vec![4, 9]
        );
    }
}
