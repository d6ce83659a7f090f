//! The validator rejects what it must: each kind of drift, with its instance path.

use super::*;

const PAGE: &str = "/components/schemas/VacancyPage";

fn summary() -> Value {
    json!({
        "id": 1, "title": "Lasser (m/v/x)", "employer": "Bouwbedrijf Peeters",
        "nis_code": "11002", "place": "Antwerpen", "lat": 51.2, "lon": 4.4,
        "dutch_level": "basic", "contract": "permanent", "regime": "full_time",
        "bottleneck": true, "occupation_code": "7212", "published": "2026-11-02",
        "apply_mode": "in_app", "distance_km": 12.5
    })
}

fn page_with(edit: impl FnOnce(&mut Value)) -> Value {
    let mut page = json!({ "total": 1, "items": [summary()], "next": "00ff" });
    edit(&mut page);
    page
}

fn rejected(pointer: &str, value: &Value) -> String {
    let violations = contract().violations(pointer, value);
    assert!(!violations.is_empty(), "accepted: {value}");
    violations.join("\n")
}

#[test]
fn a_well_formed_page_is_accepted() {
    assert_eq!(
        contract().violations(PAGE, &page_with(|_| {})),
        Vec::<String>::new()
    );
}

#[test]
fn a_wrong_type_is_rejected_with_its_instance_path() {
    let message = rejected(PAGE, &page_with(|p| p["items"][0]["lat"] = json!("51.2")));
    assert!(message.contains("/items/0/lat"), "{message}");
    assert!(message.contains("number"), "{message}");
}

#[test]
fn a_missing_required_field_is_rejected() {
    let message = rejected(
        PAGE,
        &page_with(|p| {
            p["items"][0]
                .as_object_mut()
                .expect("object")
                .remove("employer");
        }),
    );
    assert!(
        message.contains("/items/0") && message.contains("employer"),
        "{message}"
    );
    assert!(rejected(PAGE, &json!({ "items": [] })).contains("total"));
}

#[test]
fn an_enum_value_outside_the_list_is_rejected() {
    let message = rejected(
        PAGE,
        &page_with(|p| p["items"][0]["dutch_level"] = json!("fluent")),
    );
    assert!(message.contains("/items/0/dutch_level"), "{message}");
}

#[test]
fn null_where_the_schema_does_not_allow_it_is_rejected() {
    let message = rejected(PAGE, &page_with(|p| p["next"] = json!(null)));
    assert!(message.contains("/next"), "{message}");
    rejected(
        PAGE,
        &page_with(|p| p["items"][0]["distance_km"] = json!(null)),
    );
}

#[test]
fn formats_and_patterns_are_checked() {
    let message = rejected(
        PAGE,
        &page_with(|p| p["items"][0]["published"] = json!("2/11/2026")),
    );
    assert!(message.contains("/items/0/published"), "{message}");
    rejected(
        PAGE,
        &page_with(|p| p["items"][0]["nis_code"] = json!("1100")),
    );
    let receipt = "/components/schemas/ApplicationReceipt";
    rejected(
        receipt,
        &json!({ "reference": "PAS-2026-000001", "received_at": "yesterday" }),
    );
}

#[test]
fn problems_need_type_title_and_a_numeric_status() {
    let problem = "/components/schemas/Problem";
    rejected(
        problem,
        &json!({ "type": "/problems/x", "title": "X", "status": "400" }),
    );
    rejected(problem, &json!({ "title": "X", "status": 400 }));
    let code = json!({ "type": "/problems/x", "title": "X", "status": 400,
                       "errors": [{ "field": "q", "code": "too_short" }] });
    assert!(rejected(problem, &code).contains("/errors/0/code"));
}

#[test]
fn an_exchange_is_checked_against_its_operation_and_status() {
    let mut headers = axum::http::HeaderMap::new();
    headers.insert(
        axum::http::header::CONTENT_TYPE,
        "application/json".parse().expect("value"),
    );
    let body = page_with(|p| p["total"] = json!(-0.5)).to_string();
    let exchange = Exchange {
        method: "GET",
        path: "/api/v1/vacancies",
        status: 200,
        headers: &headers,
        body: body.as_bytes(),
        request_body: None,
    };
    let error = contract().check(&exchange).expect_err("a fractional total");
    assert!(
        error.contains("/paths/~1vacancies/get/responses/200"),
        "{error}"
    );
    assert!(error.contains("at `/total`"), "{error}");

    let undocumented = Exchange {
        status: 418,
        ..exchange
    };
    assert!(contract()
        .check(&undocumented)
        .expect_err("418")
        .contains("not documented"));
}
