//! `openapi.yaml` against the server: every (route, method, status) the server produces is
//! documented, every documented one is produced, and the schemas list the fields the server sends.

use crate::support::{search_uri, vacancy_with, valid_application, TestApi, WAVRE};
use axum::body::Body;
use axum::http::{header, Method, Request};
use passerelle_api::faults::FaultConfig;
use passerelle_api::search_query::PARAMETERS;
use passerelle_core::api::{
    ApplicationRequest, ApplyMode, LanguageRequirement, VacancyDetail, API_PREFIX,
    IDEMPOTENCY_KEY_HEADER,
};
use serde_norway::Value;
use std::collections::BTreeSet;

const METHODS: [&str; 5] = ["get", "post", "put", "patch", "delete"];

fn document() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../openapi.yaml");
    let text = std::fs::read_to_string(path).expect("openapi.yaml at the workspace root");
    serde_norway::from_str(&text).expect("valid YAML")
}

/// Follows a local `$ref` such as `#/components/responses/Unavailable`.
fn resolve<'a>(doc: &'a Value, value: &'a Value) -> &'a Value {
    match value.get("$ref").and_then(Value::as_str) {
        Some(reference) => reference
            .trim_start_matches("#/")
            .split('/')
            .try_fold(doc, |node, key| node.get(key))
            .unwrap_or_else(|| panic!("dangling $ref {reference}")),
        None => value,
    }
}

fn status_key(key: &Value) -> u16 {
    match key {
        Value::String(s) => s.parse().expect("numeric status"),
        Value::Number(n) => n
            .as_u64()
            .and_then(|n| u16::try_from(n).ok())
            .expect("status"),
        other => panic!("status key {other:?}"),
    }
}

/// (path, method, status) for every documented response.
fn documented(doc: &Value) -> BTreeSet<(String, String, u16)> {
    let mut found = BTreeSet::new();
    let paths = doc["paths"].as_mapping().expect("paths");
    for (path, item) in paths {
        for method in METHODS {
            let Some(responses) = item.get(method).and_then(|op| op.get("responses")) else {
                continue;
            };
            for (status, _) in responses.as_mapping().expect("responses") {
                found.insert((
                    path.as_str().expect("path").to_owned(),
                    method.to_owned(),
                    status_key(status),
                ));
            }
        }
    }
    found
}

/// A request to the API with the route template it exercises.
struct Scenario {
    template: &'static str,
    request: Request<Body>,
    status: u16,
}

fn scenario(template: &'static str, method: Method, uri: &str, status: u16) -> Scenario {
    let request = Request::builder()
        .method(method)
        .uri(format!("{API_PREFIX}{uri}"))
        .body(Body::empty());
    Scenario {
        template,
        request: request.expect("request"),
        status,
    }
}

fn post(key: Option<&str>, content_type: Option<&str>, body: String, status: u16) -> Scenario {
    let mut request = Request::post(format!("{API_PREFIX}/applications"));
    if let Some(ct) = content_type {
        request = request.header(header::CONTENT_TYPE, ct);
    }
    if let Some(key) = key {
        request = request.header(IDEMPOTENCY_KEY_HEADER, key);
    }
    Scenario {
        template: "/applications",
        request: request.body(Body::from(body)).expect("request"),
        status,
    }
}

fn application(edit: impl FnOnce(&mut ApplicationRequest)) -> String {
    let mut app = valid_application();
    edit(&mut app);
    serde_json::to_string(&app).expect("json")
}

/// Requests that together produce every status the server can answer, except 500.
fn scenarios() -> Vec<Scenario> {
    let search = search_uri(WAVRE.0, WAVRE.1, 60.0, "").replacen(API_PREFIX, "", 1);
    let json = Some("application/json");
    vec![
        scenario("/health", Method::GET, "/health", 200),
        scenario("/health", Method::POST, "/health", 405),
        scenario("/vacancies", Method::GET, &search, 200),
        scenario("/vacancies", Method::GET, "/vacancies?lat=1", 400),
        scenario("/vacancies", Method::DELETE, "/vacancies", 405),
        scenario("/vacancies/{id}", Method::GET, "/vacancies/1", 200),
        scenario("/vacancies/{id}", Method::GET, "/vacancies/x", 400),
        scenario("/vacancies/{id}", Method::GET, "/vacancies/999999", 404),
        scenario("/vacancies/{id}", Method::PUT, "/vacancies/1", 405),
        post(Some("openapi-key-1"), json, application(|_| {}), 201),
        post(None, json, application(|_| {}), 400),
        post(Some("openapi-key-2"), json, "{".into(), 400),
        scenario("/applications", Method::GET, "/applications", 405),
        post(
            Some("openapi-key-3"),
            json,
            application(|a| a.message = "x".repeat(70_000)),
            413,
        ),
        post(Some("openapi-key-4"), None, application(|_| {}), 415),
        post(
            Some("openapi-key-5"),
            json,
            application(|a| a.consent = false),
            422,
        ),
        post(
            Some("openapi-key-1"),
            json,
            application(|a| a.message = "other".into()),
            422,
        ),
    ]
}

/// What the server answered, as (template, method, status).
async fn observed() -> BTreeSet<(String, String, u16)> {
    let api = TestApi::new();
    let mut seen = BTreeSet::new();
    for s in scenarios() {
        let method = s.request.method().as_str().to_ascii_lowercase();
        let uri = s.request.uri().to_string();
        let response = api.send(s.request).await;
        assert_eq!(response.status.as_u16(), s.status, "{method} {uri}");
        if response.status.as_u16() >= 400 {
            response.problem();
        }
        seen.insert((s.template.to_owned(), method, s.status));
    }
    // 429 comes from the per-client limit on new applications, off unless configured.
    let limited = TestApi::with(|state| {
        state.with_application_limit(
            passerelle_api::application_limit::ApplicationLimit::per_minute(1),
        )
    });
    for (key, status) in [("openapi-limit-1", 201), ("openapi-limit-2", 429)] {
        let response = limited.apply(key, &valid_application()).await;
        assert_eq!(
            response.status, status,
            "POST /applications under a limit of 1"
        );
    }
    seen.insert(("/applications".to_owned(), "post".to_owned(), 429));
    // 503 comes from fault injection, on every route but health.
    let faulty = TestApi::with_faults(FaultConfig {
        error_rate: 1.0,
        ..FaultConfig::default()
    });
    for (template, method, uri) in [
        (
            "/vacancies",
            Method::GET,
            search_uri(WAVRE.0, WAVRE.1, 60.0, ""),
        ),
        (
            "/vacancies/{id}",
            Method::GET,
            format!("{API_PREFIX}/vacancies/1"),
        ),
        (
            "/applications",
            Method::POST,
            format!("{API_PREFIX}/applications"),
        ),
    ] {
        let response = faulty.request(method.clone(), &uri).await;
        assert_eq!(response.status, 503, "{method} {uri}");
        seen.insert((
            template.to_owned(),
            method.as_str().to_ascii_lowercase(),
            503,
        ));
    }
    seen
}

#[tokio::test]
async fn every_observed_response_is_documented_and_every_documented_one_is_observed() {
    let doc = document();
    let documented = documented(&doc);
    let observed = observed().await;
    for (template, method, status) in &observed {
        let ok = if *status == 405 {
            // A 405 belongs to the path: it is documented on the path's operations.
            documented
                .iter()
                .any(|(p, _, s)| p == template && *s == 405)
        } else {
            documented.contains(&(template.clone(), method.clone(), *status))
        };
        assert!(ok, "undocumented: {method} {template} → {status}");
    }
    for (path, method, status) in &documented {
        // A store failure (500) cannot be provoked by a request.
        if *status == 500 {
            continue;
        }
        let ok = observed
            .iter()
            .any(|(p, m, s)| p == path && s == status && (m == method || *s == 405));
        assert!(
            ok,
            "documented but never produced: {method} {path} → {status}"
        );
    }
}

#[test]
fn the_document_is_openapi_3_1_and_every_error_is_problem_json() {
    let doc = document();
    assert!(doc["openapi"]
        .as_str()
        .is_some_and(|v| v.starts_with("3.1.")));
    assert_eq!(doc["servers"][0]["url"].as_str(), Some(API_PREFIX));
    for (path, item) in doc["paths"].as_mapping().expect("paths") {
        for method in METHODS {
            let Some(responses) = item.get(method).and_then(|op| op.get("responses")) else {
                continue;
            };
            for (status, response) in responses.as_mapping().expect("responses") {
                let content = resolve(&doc, response).get("content").expect("a body");
                let media = if status_key(status) >= 400 {
                    "application/problem+json"
                } else {
                    "application/json"
                };
                assert!(
                    content.get(media).is_some(),
                    "{method} {path:?} {status:?} is not {media}"
                );
            }
        }
    }
}

#[test]
fn the_documented_search_parameters_are_the_ones_the_server_takes() {
    let doc = document();
    let op = &doc["paths"]["/vacancies"]["get"];
    let documented: BTreeSet<&str> = op["parameters"]
        .as_sequence()
        .expect("parameters")
        .iter()
        .map(|p| resolve(&doc, p)["name"].as_str().expect("name"))
        .collect();
    assert_eq!(documented, PARAMETERS.into_iter().collect());
}

/// Property names of a schema, merging `allOf` parts.
fn properties(doc: &Value, schema: &Value) -> BTreeSet<String> {
    let schema = resolve(doc, schema);
    let mut names: BTreeSet<String> = schema
        .get("properties")
        .and_then(Value::as_mapping)
        .map(|m| {
            m.keys()
                .filter_map(|k| k.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    for part in schema
        .get("allOf")
        .and_then(Value::as_sequence)
        .into_iter()
        .flatten()
    {
        names.extend(properties(doc, part));
    }
    names
}

fn json_keys(value: &serde_json::Value) -> BTreeSet<String> {
    value.as_object().expect("object").keys().cloned().collect()
}

#[test]
fn the_schemas_list_exactly_the_fields_the_server_reads_and_writes() {
    let doc = document();
    let schema = |name: &str| doc["components"]["schemas"][name].clone();

    let full_request = ApplicationRequest {
        phone: Some("0470 12 34 56".into()),
        forem_number: Some("AB-1".into()),
        ..valid_application()
    };
    let request_keys = json_keys(&serde_json::to_value(full_request).expect("json"));
    assert_eq!(
        properties(&doc, &schema("ApplicationRequest")),
        request_keys
    );

    let index = crate::support::shared_index();
    let external = vacancy_with(ApplyMode::External);
    let mut detail: VacancyDetail = index.dataset().detail(external.id).expect("exists");
    detail.summary.distance_km = Some(1.0);
    // Every optional field set, so that the keys compared are the schema's whole list (Le
    // Forem's offers carry these).
    detail.summary.dutch_level = None;
    detail.summary.dutch_unstated = Some(passerelle_core::api::DutchUnstated::DutchAsked);
    detail.summary.contract_label = Some("Contrat de remplacement".into());
    detail.summary.regime_label = Some("Temps plein ou partiel".into());
    detail.summary.occupation_label = Some("Soudeur".into());
    detail.summary.source = Some(passerelle_core::api::VacancySource::Forem);
    detail.languages.push(LanguageRequirement {
        language: "fr".into(),
        level: Some(passerelle_core::DutchLevel::Good),
    });
    let detail_json = serde_json::to_value(&detail).expect("json");
    assert_eq!(
        properties(&doc, &schema("VacancyDetail")),
        json_keys(&detail_json)
    );
    let summary_json = serde_json::to_value(&detail.summary).expect("json");
    assert_eq!(
        properties(&doc, &schema("VacancySummary")),
        json_keys(&summary_json)
    );
}

/// Bodies at the edge of `ApplicationRequest`: the answer is the one the document promises
/// (and `TestApi::send` checks each against the schema both ways: stored means it fits, an
/// `invalid-body` refusal means it does not).
#[tokio::test]
async fn application_bodies_at_the_schemas_edges_get_the_documented_answer() {
    let api = TestApi::new();
    let valid = serde_json::to_value(valid_application()).expect("json");
    let id = valid["vacancy_id"].clone();
    let cases: [(&str, serde_json::Value, u16); 9] = [
        ("phone", serde_json::Value::Null, 201),
        ("dutch_level", serde_json::Value::Null, 201),
        ("forem_number", serde_json::Value::Null, 201),
        (
            "vacancy_id",
            serde_json::json!(id.as_f64().expect("number")),
            201,
        ),
        ("vacancy_id", serde_json::json!(4_294_967_296u64), 422),
        ("vacancy_id", serde_json::json!(-1), 422),
        ("message", serde_json::Value::Null, 422),
        ("consent", serde_json::json!("true"), 422),
        ("dutch_level", serde_json::json!("fluent"), 422),
    ];
    for (n, (field, value, status)) in cases.into_iter().enumerate() {
        let mut body = valid.clone();
        body[field] = value.clone();
        let response = api
            .post_json(
                "/api/v1/applications",
                Some(&format!("edge-key-{n:02}")),
                body.to_string(),
            )
            .await;
        assert_eq!(response.status, status, "{field}: {value}");
        if status == 422 {
            assert_eq!(
                response.problem().problem_type,
                "/problems/invalid-body",
                "{field}: {value}"
            );
        }
    }
}
