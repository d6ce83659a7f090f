//! The vacancy search's query string, parsed strictly: every bad or unknown parameter is named
//! in the 400 problem, all at once.

use crate::cursor;
use crate::problem::ApiError;
use passerelle_core::api::{
    ContractType, FieldError, FieldErrorCode, Regime, DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT,
    MAX_RADIUS_KM,
};
use passerelle_core::filter::{SearchArea, VacancyFilter};
use passerelle_core::{DutchLevel, LatLon};
use std::collections::HashSet;

/// Most unknown or repeated parameter names listed in one 400.
pub const MAX_REPORTED_NAMES: usize = 20;

/// Longest keyword accepted, in characters.
pub const MAX_KEYWORD_CHARS: usize = 100;

/// Every parameter the search takes (the OpenAPI test checks the document lists the same).
pub const PARAMETERS: [&str; 11] = [
    "lat",
    "lon",
    "radius_km",
    "dutch_max",
    "unstated_level",
    "q",
    "contract",
    "regime",
    "bottleneck",
    "cursor",
    "limit",
];

/// A valid search request.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchQuery {
    pub area: SearchArea,
    pub filter: VacancyFilter,
    pub limit: u32,
    pub cursor: Option<String>,
}

impl SearchQuery {
    /// Parses decoded `name=value` pairs. Optional parameters with an empty value count as absent,
    /// so a client may send every filter field whether set or not.
    pub fn parse(pairs: &[(String, String)]) -> Result<Self, ApiError> {
        let mut errors = Vec::new();
        let mut fail = |name: &str, code: FieldErrorCode| errors.push(FieldError::new(name, code));

        // Sets, not scans of the pairs seen so far: a long query string must cost linear time.
        let mut seen: HashSet<&str> = HashSet::with_capacity(PARAMETERS.len());
        let mut reported: HashSet<&str> = HashSet::new();
        for (name, _) in pairs {
            // Unknown (probably a typo) or repeated: either way the client's intent is unclear.
            let repeated = !seen.insert(name.as_str());
            let bad = repeated || !PARAMETERS.contains(&name.as_str());
            // The count bound keeps the 400 small however many bad names a query holds.
            if bad && reported.len() < MAX_REPORTED_NAMES && reported.insert(name.as_str()) {
                fail(name, FieldErrorCode::InvalidFormat);
            }
        }
        let value = |name: &str| {
            pairs
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.trim())
                .filter(|v| !v.is_empty())
        };
        let required = |name: &str, fail: &mut dyn FnMut(&str, FieldErrorCode)| {
            let v = value(name);
            if v.is_none() {
                fail(name, FieldErrorCode::Required);
            }
            v
        };

        // Each coordinate is checked on its own range so the error names the right one;
        // together they are exactly `LatLon::is_valid`.
        let lat = required("lat", &mut fail)
            .and_then(|v| parse_or::<f64>(v, "lat", &mut fail))
            .filter(|lat| in_range(*lat, 90.0, "lat", &mut fail));
        let lon = required("lon", &mut fail)
            .and_then(|v| parse_or::<f64>(v, "lon", &mut fail))
            .filter(|lon| in_range(*lon, 180.0, "lon", &mut fail));
        let radius_km = required("radius_km", &mut fail)
            .and_then(|v| parse_or::<f64>(v, "radius_km", &mut fail))
            .filter(|r| {
                let ok = r.is_finite() && *r > 0.0 && *r <= MAX_RADIUS_KM;
                if !ok {
                    fail("radius_km", FieldErrorCode::InvalidFormat);
                }
                ok
            });
        let limit = match value("limit") {
            None => Some(DEFAULT_PAGE_LIMIT),
            Some(v) => v
                .parse::<u32>()
                .ok()
                .filter(|l| (1..=MAX_PAGE_LIMIT).contains(l))
                .or_else(|| {
                    fail("limit", FieldErrorCode::InvalidFormat);
                    None
                }),
        };
        let dutch_max = optional(
            value("dutch_max"),
            "dutch_max",
            |v| v.parse::<DutchLevel>().ok(),
            &mut fail,
        );
        let contract = optional(
            value("contract"),
            "contract",
            ContractType::parse,
            &mut fail,
        );
        let regime = optional(value("regime"), "regime", Regime::parse, &mut fail);
        let bottleneck = optional(value("bottleneck"), "bottleneck", boolean, &mut fail);
        // Offers that state no level pass a level filter unless the client says otherwise.
        let unstated_level = optional(
            value("unstated_level"),
            "unstated_level",
            boolean,
            &mut fail,
        );
        let keyword = value("q").map(str::to_owned);
        if keyword
            .as_ref()
            .is_some_and(|k| k.chars().count() > MAX_KEYWORD_CHARS)
        {
            fail("q", FieldErrorCode::TooLong);
        }
        let cursor = value("cursor").map(str::to_owned);

        match (lat, lon, radius_km, limit) {
            (Some(lat), Some(lon), Some(radius_km), Some(limit))
                if errors.is_empty() && LatLon::new(lat, lon).is_valid() =>
            {
                Ok(Self {
                    area: SearchArea::new(LatLon::new(lat, lon), radius_km),
                    filter: VacancyFilter {
                        dutch_max,
                        hide_unstated_level: unstated_level == Some(false),
                        keyword,
                        contract,
                        regime,
                        bottleneck_only: bottleneck.unwrap_or(false),
                    },
                    limit,
                    cursor,
                })
            }
            _ => Err(invalid(errors)),
        }
    }

    /// A canonical description of what is searched (not the page), for the cursor fingerprint.
    /// Parsed values, so `60` and `60.0` are the same query; `dataset` ties it to one dataset.
    pub fn fingerprint(&self, dataset: &str) -> u64 {
        let f = &self.filter;
        cursor::fingerprint(&format!(
            "{dataset}|{}|{}|{}|{:?}|{}|{:?}|{:?}|{:?}|{}",
            self.area.centre.lat,
            self.area.centre.lon,
            self.area.radius_km,
            f.dutch_max,
            f.hide_unstated_level,
            f.keyword,
            f.contract,
            f.regime,
            f.bottleneck_only
        ))
    }
}

/// The 400 for a bad query, naming the first offending parameters in its detail.
pub fn invalid(errors: Vec<FieldError>) -> ApiError {
    let names: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    ApiError::InvalidQuery {
        detail: format!("invalid query parameters: {}", names.join(", ")),
        errors,
    }
}

fn boolean(v: &str) -> Option<bool> {
    match v {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

fn parse_or<T: std::str::FromStr>(
    v: &str,
    name: &str,
    fail: &mut dyn FnMut(&str, FieldErrorCode),
) -> Option<T> {
    let parsed = v.parse().ok();
    if parsed.is_none() {
        fail(name, FieldErrorCode::InvalidFormat);
    }
    parsed
}

fn in_range(x: f64, max_abs: f64, name: &str, fail: &mut dyn FnMut(&str, FieldErrorCode)) -> bool {
    let ok = x.is_finite() && (-max_abs..=max_abs).contains(&x);
    if !ok {
        fail(name, FieldErrorCode::InvalidFormat);
    }
    ok
}

fn optional<T>(
    v: Option<&str>,
    name: &str,
    parse: impl Fn(&str) -> Option<T>,
    fail: &mut dyn FnMut(&str, FieldErrorCode),
) -> Option<T> {
    let v = v?;
    let parsed = parse(v);
    if parsed.is_none() {
        fail(name, FieldErrorCode::InvalidFormat);
    }
    parsed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(names: impl IntoIterator<Item = String>) -> Vec<(String, String)> {
        names.into_iter().map(|n| (n, "1".to_owned())).collect()
    }

    fn named(error: ApiError) -> Vec<String> {
        match error {
            ApiError::InvalidQuery { errors, .. } => errors.into_iter().map(|e| e.field).collect(),
            other => panic!("not an invalid query: {other:?}"),
        }
    }

    #[test]
    fn a_parameter_repeated_a_hundred_thousand_times_is_named_once() {
        let mut query = pairs(["lat", "lon", "radius_km"].map(str::to_owned));
        query.extend(pairs(std::iter::repeat_n("limit".to_owned(), 100_000)));
        let error = SearchQuery::parse(&query).expect_err("repeated parameter");
        assert_eq!(named(error), ["limit"]);
    }

    #[test]
    fn a_hundred_thousand_unknown_parameters_give_a_bounded_problem() {
        // With the earlier quadratic scans this took a minute in a debug build.
        let query = pairs((0..100_000).map(|i| format!("p{i}")));
        let names = named(SearchQuery::parse(&query).expect_err("unknown parameters"));
        assert_eq!(names.len(), MAX_REPORTED_NAMES + 3, "{names:?}");
        assert_eq!(
            names[..3],
            ["p0", "p1", "p2"],
            "the first bad names, in order"
        );
        assert!(names.ends_with(&["lat".into(), "lon".into(), "radius_km".into()]));
    }
}
