//! `GET /vacancies` and `GET /vacancies/{id}` under arbitrary query strings, paths and headers.

use super::{check_response, extra_header, into_uri_text, Harness};
use crate::support::{search_uri, WAVRE};
use axum::body::Body;
use axum::http::{Method, Request};
use passerelle_api::search_query::PARAMETERS;
use passerelle_core::api::VacancyPage;
use proptest::prelude::*;

/// Values that parse for some parameter, edge cases, and anything at all.
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(vec![
            "", " ", "50.7", "4.6", "60", "60.0", "200", "200.0001", "0", "-0", "1", "1000",
            "1001", "NaN", "inf", "-inf", "1e308", "1e-320", "0x10", "+5", "basic", "medium",
            "none", "permanent", "temporary", "full_time", "part_time", "true", "false", "True",
            "%", "%zz", "%00", "%C3%A9", "a+b", "==", "&&",
        ])
        .prop_map(str::to_owned),
        2 => any::<f64>().prop_map(|x| x.to_string()),
        1 => any::<i64>().prop_map(|x| x.to_string()),
        1 => "[0-9a-fA-F]{22,26}",
        2 => any::<String>(),
        1 => "[%+&=;a-z0-9]{0,20}",
    ]
}

fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prop::sample::select(PARAMETERS.to_vec()).prop_map(str::to_owned),
        1 => "[a-z_]{1,12}",
        1 => any::<String>(),
    ]
}

/// A query string: arbitrary pairs, or a valid search with arbitrary extras.
fn query_string() -> impl Strategy<Value = String> {
    let pairs = prop::collection::vec((name(), value()), 0..12).prop_map(|pairs| {
        pairs
            .iter()
            .map(|(n, v)| format!("{n}={v}"))
            .collect::<Vec<_>>()
            .join("&")
    });
    let valid_with_extras = (
        49.0..52.0f64,
        2.0..7.0f64,
        0.5..200.0f64,
        prop::collection::vec((name(), value()), 0..3),
    )
        .prop_map(|(lat, lon, radius, extras)| {
            let mut q = format!("lat={lat}&lon={lon}&radius_km={radius}");
            for (n, v) in extras {
                q.push_str(&format!("&{n}={v}"));
            }
            q
        });
    prop_oneof![pairs, valid_with_extras, any::<String>()]
}

/// A request, and its description for a failure message.
fn get(
    path_and_query: &str,
    header: Option<(axum::http::HeaderName, axum::http::HeaderValue)>,
) -> (String, Request<Body>) {
    let mut builder = Request::get(path_and_query);
    if let Some((name, value)) = &header {
        builder = builder.header(name, value);
    }
    let request = builder
        .body(Body::empty())
        .expect("a URI made of URI characters");
    (format!("GET {path_and_query} {header:?}"), request)
}

#[test]
fn any_query_string_gets_a_page_or_a_problem() {
    let harness = Harness::new();
    proptest!(ProptestConfig::with_cases(4_000), |(query in query_string(), header in extra_header())| {
        let (what, request) = get(&format!("/api/v1/vacancies?{}", into_uri_text(&query)), header);
        check_response(&what, &harness.send(request))?;
    });
}

/// Cursors of the right shape and fingerprint but any offset, including past the end.
#[test]
fn any_offset_in_a_genuine_cursor_gets_a_page_or_a_problem() {
    let harness = Harness::new();
    let base = search_uri(WAVRE.0, WAVRE.1, 60.0, "");
    let first: VacancyPage = harness.send(get(&base, None).1).json();
    let next = first.next.expect("Wavre's 60 km hold more than one page");
    let fingerprint = next[8..].to_owned();
    proptest!(ProptestConfig::with_cases(1_000), |(offset: u32)| {
        let (what, request) = get(&format!("{base}&cursor={offset:08x}{fingerprint}"), None);
        let response = harness.send(request);
        check_response(&what, &response)?;
        if response.status.is_success() {
            let page: VacancyPage = response.json();
            prop_assert!(u64::from(offset) <= u64::from(page.total));
        } else {
            prop_assert!(u64::from(offset) > u64::from(first.total), "{}", what);
        }
    });
}

#[test]
fn any_vacancy_path_and_method_gets_a_vacancy_or_a_problem() {
    let harness = Harness::new();
    let segment = prop_oneof![
        any::<u32>().prop_map(|id| (id % 2_500).to_string()),
        any::<u64>().prop_map(|id| id.to_string()),
        any::<String>(),
        "[-+0-9e.]{0,12}",
    ];
    let method = prop::sample::select(vec![
        Method::GET,
        Method::GET,
        Method::HEAD,
        Method::POST,
        Method::DELETE,
        Method::OPTIONS,
    ]);
    proptest!(ProptestConfig::with_cases(1_000), |(segment in segment, method in method, header in extra_header())| {
        // The segment stays one segment: `/` and `?` would make it another route or a query.
        let uri = format!("/api/v1/vacancies/{}", into_uri_text(&segment).replace(['?', '/'], "%2F"));
        let mut builder = Request::builder().method(method.clone()).uri(&uri);
        if let Some((name, value)) = &header {
            builder = builder.header(name, value);
        }
        let response = harness.send(builder.body(Body::empty()).expect("request"));
        if method == Method::HEAD {
            // A HEAD answer has no body to check.
            prop_assert!(response.status.as_u16() < 500, "HEAD {} -> {}", uri, response.status);
        } else {
            check_response(&format!("{method} {uri} {header:?}"), &response)?;
        }
    });
}
