//! The zone page's state in its URL: `/zone?area=zone:centre&radius=60&contract=…&sort=…`,
//! so an analysis can be bookmarked, sent to a colleague and reopened as it was.

use super::areas::ZoneArea;
use super::count::ZoneSort;
use crate::api::{ContractType, Regime};
use crate::desk::state::parse_lang;
use crate::filter::VacancyFilter;
use crate::text::join_query;
use crate::view_state::{parse_flag, set, DroppedParam, MAX_RADIUS_KM, MIN_RADIUS_KM};
use crate::SUITABLE_RADIUS_KM;

#[derive(Debug, Clone, PartialEq)]
pub struct ZoneView {
    /// `None` until an area is chosen.
    pub area: Option<ZoneArea>,
    /// From each of the area's towns.
    pub radius_km: u8,
    pub contract: Option<ContractType>,
    pub regime: Option<Regime>,
    pub bottleneck_only: bool,
    pub sort: ZoneSort,
    pub lang: Option<&'static str>,
}

impl Default for ZoneView {
    fn default() -> Self {
        Self {
            area: None,
            radius_km: SUITABLE_RADIUS_KM as u8,
            contract: None,
            regime: None,
            bottleneck_only: false,
            sort: ZoneSort::default(),
            lang: None,
        }
    }
}

impl ZoneView {
    /// Reads the state from decoded query pairs; unknown keys are ignored, invalid values
    /// dropped and reported.
    pub fn from_query<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> (Self, Vec<DroppedParam>) {
        let mut view = ZoneView::default();
        let mut dropped = Vec::new();
        for (key, value) in pairs {
            let ok = match key {
                "area" => set(&mut view.area, ZoneArea::parse(value).map(Some)),
                "radius" => set(
                    &mut view.radius_km,
                    value
                        .parse::<u8>()
                        .ok()
                        .filter(|r| (MIN_RADIUS_KM..=MAX_RADIUS_KM).contains(r)),
                ),
                "contract" => set(&mut view.contract, ContractType::parse(value).map(Some)),
                "regime" => set(&mut view.regime, Regime::parse(value).map(Some)),
                "bottleneck" => set(&mut view.bottleneck_only, parse_flag(value)),
                "sort" => set(&mut view.sort, ZoneSort::parse(value)),
                "lang" => set(&mut view.lang, parse_lang(value).map(Some)),
                _ => true,
            };
            if !ok {
                dropped.push(DroppedParam {
                    key: key.to_owned(),
                    value: value.to_owned(),
                });
            }
        }
        (view, dropped)
    }

    /// The query pairs, defaults left out, in a stable order.
    pub fn to_query(&self) -> Vec<(String, String)> {
        let mut q: Vec<(String, String)> = Vec::new();
        let mut push = |key: &str, value: String| q.push((key.to_owned(), value));
        if let Some(area) = &self.area {
            push("area", area.param());
        }
        if self.radius_km != SUITABLE_RADIUS_KM as u8 {
            push("radius", self.radius_km.to_string());
        }
        if let Some(c) = self.contract {
            push("contract", c.as_str().to_owned());
        }
        if let Some(r) = self.regime {
            push("regime", r.as_str().to_owned());
        }
        if self.bottleneck_only {
            push("bottleneck", "true".to_owned());
        }
        if let Some(sort) = self.sort.param() {
            push("sort", sort);
        }
        if let Some(lang) = self.lang {
            push("lang", lang.to_owned());
        }
        q
    }

    pub fn to_query_string(&self) -> String {
        join_query(self.to_query())
    }

    /// The filter the count applies (the radius is the reach's, not the filter's).
    pub fn filter(&self) -> VacancyFilter {
        VacancyFilter {
            contract: self.contract,
            regime: self.regime,
            bottleneck_only: self.bottleneck_only,
            ..VacancyFilter::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dutch::DutchLevel;
    use crate::zone::count::Direction;

    #[test]
    fn a_view_reads_back_from_its_link() {
        let view = ZoneView {
            area: ZoneArea::parse("arr:53"),
            radius_km: 45,
            contract: Some(ContractType::ALL[1]),
            regime: Some(Regime::PartTime),
            bottleneck_only: true,
            sort: ZoneSort::Level(DutchLevel::Medium, Direction::Descending),
            lang: Some("nl"),
        };
        let query = view.to_query();
        let (back, dropped) =
            ZoneView::from_query(query.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        assert_eq!(back, view);
        assert!(dropped.is_empty());
        assert_eq!(ZoneView::default().to_query_string(), "");
    }

    #[test]
    fn bad_values_are_dropped_and_named() {
        let (view, dropped) = ZoneView::from_query([
            ("area", "town:11001"),
            ("radius", "500"),
            ("sort", "salary"),
            ("utm_source", "x"),
        ]);
        assert_eq!(view, ZoneView::default());
        let keys: Vec<&str> = dropped.iter().map(|d| d.key.as_str()).collect();
        assert_eq!(keys, ["area", "radius", "sort"]);
    }
}
