//! Every kind of bad input gets the right 4xx as problem+json, never a 5xx.

use crate::support::{search_uri, valid_application, TestApi, WAVRE};
use axum::body::Body;
use axum::http::{header, Method, Request};
use passerelle_api::search_query::MAX_REPORTED_NAMES;
use passerelle_core::api::IDEMPOTENCY_KEY_HEADER;

const APPLICATIONS: &str = "/api/v1/applications";

/// The application as JSON, edited by `edit`.
fn application_json(edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut value = serde_json::to_value(valid_application()).expect("json");
    edit(&mut value);
    value.to_string()
}

#[tokio::test]
async fn bad_search_parameters_are_400_naming_the_parameter() {
    let api = TestApi::new();
    let (lat, lon) = WAVRE;
    let cases: Vec<(String, &[&str])> = vec![
        (
            format!("/api/v1/vacancies?lon={lon}&radius_km=60"),
            &["lat"],
        ),
        (
            format!("/api/v1/vacancies?lat=north&lon={lon}&radius_km=60"),
            &["lat"],
        ),
        (search_uri(91.0, lon, 60.0, ""), &["lat"]),
        (search_uri(lat, 181.0, 60.0, ""), &["lon"]),
        (
            "/api/v1/vacancies?lat=NaN&lon=inf&radius_km=60".to_owned(),
            &["lat", "lon"],
        ),
        (
            format!("/api/v1/vacancies?lat={lat}&lon={lon}"),
            &["radius_km"],
        ),
        (search_uri(lat, lon, 0.0, ""), &["radius_km"]),
        (search_uri(lat, lon, 200.5, ""), &["radius_km"]),
        (search_uri(lat, lon, -5.0, ""), &["radius_km"]),
        (search_uri(lat, lon, 60.0, "&limit=0"), &["limit"]),
        (search_uri(lat, lon, 60.0, "&limit=1001"), &["limit"]),
        (search_uri(lat, lon, 60.0, "&limit=ten"), &["limit"]),
        (
            search_uri(lat, lon, 60.0, "&dutch_max=fluent"),
            &["dutch_max"],
        ),
        (
            search_uri(lat, lon, 60.0, "&contract=forever"),
            &["contract"],
        ),
        (search_uri(lat, lon, 60.0, "&regime=sometimes"), &["regime"]),
        (
            search_uri(lat, lon, 60.0, "&bottleneck=yes"),
            &["bottleneck"],
        ),
        (
            search_uri(lat, lon, 60.0, &format!("&q={}", "a".repeat(101))),
            &["q"],
        ),
        (
            search_uri(lat, lon, 60.0, "&cursor=not-a-cursor"),
            &["cursor"],
        ),
        (
            search_uri(lat, lon, 60.0, "&cursor=ffffffff0000000000000000"),
            &["cursor"],
        ),
        (search_uri(lat, lon, 60.0, "&radius=60"), &["radius"]),
        (search_uri(lat, lon, 60.0, "&limit=5&limit=6"), &["limit"]),
    ];
    for (uri, fields) in cases {
        let response = api.get(&uri).await;
        assert_eq!(response.status, 400, "{uri}");
        let problem = response.problem();
        assert_eq!(problem.problem_type, "/problems/invalid-query", "{uri}");
        let named: Vec<&str> = problem.errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(named, fields, "{uri}");
    }
}

#[tokio::test]
async fn malformed_json_is_400() {
    let api = TestApi::new();
    for body in ["{", "{\"vacancy_id\": 1,", "not json", ""] {
        let response = api.post_json(APPLICATIONS, Some("malformed-1"), body).await;
        assert_eq!(response.status, 400, "{body:?}");
        assert_eq!(response.problem().problem_type, "/problems/malformed-json");
    }
}

#[tokio::test]
async fn wrong_types_unknown_and_missing_fields_are_422() {
    let api = TestApi::new();
    let bodies = [
        application_json(|v| v["vacancy_id"] = "seven".into()),
        application_json(|v| v["consent"] = "yes".into()),
        application_json(|v| v["dutch_level"] = "fluent".into()),
        application_json(|v| v["emial"] = "typo@example.be".into()),
        application_json(|v| {
            v.as_object_mut().map(|o| o.remove("email"));
        }),
        "[]".to_owned(),
        "42".to_owned(),
    ];
    for body in bodies {
        let response = api
            .post_json(APPLICATIONS, Some("wrong-shape"), body.clone())
            .await;
        assert_eq!(response.status, 422, "{body}");
        assert_eq!(
            response.problem().problem_type,
            "/problems/invalid-body",
            "{body}"
        );
    }
    assert_eq!(api.stored_applications(), 0);
}

#[tokio::test]
async fn a_body_over_64_kb_is_413() {
    let api = TestApi::new();
    let body = application_json(|v| v["message"] = "x".repeat(70 * 1024).into());
    let response = api.post_json(APPLICATIONS, Some("too-large-1"), body).await;
    assert_eq!(response.status, 413);
    assert_eq!(
        response.problem().problem_type,
        "/problems/payload-too-large"
    );
}

#[tokio::test]
async fn a_missing_or_wrong_content_type_is_415() {
    let api = TestApi::new();
    let body = application_json(|_| {});
    for content_type in [
        None,
        Some("text/plain"),
        Some("application/x-www-form-urlencoded"),
    ] {
        let mut request =
            Request::post(APPLICATIONS).header(IDEMPOTENCY_KEY_HEADER, "content-type-1");
        if let Some(ct) = content_type {
            request = request.header(header::CONTENT_TYPE, ct);
        }
        let response = api
            .send(request.body(Body::from(body.clone())).expect("request"))
            .await;
        assert_eq!(response.status, 415, "{content_type:?}");
        assert_eq!(
            response.problem().problem_type,
            "/problems/unsupported-media-type"
        );
    }
    let with_charset = Request::post(APPLICATIONS)
        .header(IDEMPOTENCY_KEY_HEADER, "content-type-2")
        .header(header::CONTENT_TYPE, "application/json; charset=utf-8")
        .body(Body::from(body))
        .expect("request");
    assert_eq!(api.send(with_charset).await.status, 201);
}

#[tokio::test]
async fn a_missing_or_malformed_idempotency_key_is_400() {
    let api = TestApi::new();
    let body = application_json(|_| {});
    let long = "k".repeat(201);
    for key in [
        None,
        Some("short"),
        Some(long.as_str()),
        Some("tab\there-key"),
    ] {
        let response = api.post_json(APPLICATIONS, key, body.clone()).await;
        assert_eq!(response.status, 400, "{key:?}");
        let problem = response.problem();
        assert_eq!(problem.problem_type, "/problems/invalid-idempotency-key");
        assert_eq!(problem.errors[0].field, IDEMPOTENCY_KEY_HEADER);
    }
    assert_eq!(api.stored_applications(), 0);
}

#[tokio::test]
async fn unknown_api_routes_are_404_problems() {
    let api = TestApi::new();
    for uri in [
        "/api/v1/nothing",
        "/api/v1/vacancies/1/extra",
        "/api/v2/vacancies",
        "/api",
        "/api/v1",
    ] {
        let response = api.get(uri).await;
        assert_eq!(response.status, 404, "{uri}");
        assert_eq!(
            response.problem().problem_type,
            "/problems/route-not-found",
            "{uri}"
        );
    }
}

#[tokio::test]
async fn a_wrong_method_is_405_with_allow() {
    let api = TestApi::new();
    for (method, uri, allow) in [
        (Method::DELETE, "/api/v1/vacancies", "GET,HEAD"),
        (Method::POST, "/api/v1/vacancies/1", "GET,HEAD"),
        (Method::GET, "/api/v1/applications", "POST"),
        (Method::PUT, "/api/v1/health", "GET,HEAD"),
    ] {
        let response = api.request(method.clone(), uri).await;
        assert_eq!(response.status, 405, "{method} {uri}");
        assert_eq!(
            response.problem().problem_type,
            "/problems/method-not-allowed"
        );
        assert_eq!(
            response
                .headers
                .get(header::ALLOW)
                .and_then(|v| v.to_str().ok()),
            Some(allow)
        );
    }
}

#[tokio::test]
async fn the_longest_query_string_a_request_can_carry_is_a_bounded_400() {
    // `http` refuses URIs of 64 KiB and more, so this is about the worst a client can send:
    // some 9,000 distinct unknown parameters (quadratic checks spent ~1 s of debug CPU on it).
    let (lat, lon) = WAVRE;
    let mut uri = search_uri(lat, lon, 60.0, "");
    let mut unknown = 0;
    while uri.len() < 65_000 {
        uri.push_str(&format!("&x{unknown}"));
        unknown += 1;
    }
    let response = TestApi::new().get(&uri).await;
    assert_eq!(response.status, 400);
    let named = response.error_fields();
    assert_eq!(
        named.len(),
        MAX_REPORTED_NAMES,
        "{unknown} unknown: {named:?}"
    );
    assert_eq!(named.first().map(String::as_str), Some("x0"));
}
