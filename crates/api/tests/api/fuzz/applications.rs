//! `POST /applications` under arbitrary bodies (well-formed JSON or not), media types and
//! Idempotency-Keys.

use super::{check_response, extra_header, Harness};
use crate::support::{vacancy_with, valid_application};
use axum::body::Body;
use axum::http::{header, Request};
use passerelle_core::api::{ApplyMode, IDEMPOTENCY_KEY_HEADER};
use proptest::prelude::*;
use serde_json::{Map, Value};

const FIELDS: [&str; 9] = [
    "vacancy_id",
    "first_name",
    "last_name",
    "email",
    "phone",
    "dutch_level",
    "forem_number",
    "message",
    "consent",
];

/// Any JSON document, nested a few levels.
fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_filter_map("JSON has no NaN or infinity", |x| {
            serde_json::Number::from_f64(x).map(Value::Number)
        }),
        any::<String>().prop_map(Value::from),
        "[\\PC]{0,5000}".prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,12}", inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// A valid application with some fields replaced, removed or added.
fn edited_application() -> impl Strategy<Value = Value> + Clone {
    let in_app = u64::from(vacancy_with(ApplyMode::InApp).id);
    let external = u64::from(vacancy_with(ApplyMode::External).id);
    let replacement = prop_oneof![
        2 => json(),
        1 => prop::sample::select(vec![in_app, external, 0, 2_000, 1 << 32]).prop_map(Value::from),
        1 => prop::sample::select(vec!["none", "basic", "medium", "fluent", "", "BASIC"]).prop_map(Value::from),
        1 => "[ +0-9./()\\-a-zé@<>]{0,30}".prop_map(Value::from),
    ];
    let field = prop_oneof![
        8 => prop::sample::select(FIELDS.to_vec()).prop_map(str::to_owned),
        1 => "[a-z_]{1,12}",
    ];
    let edit = (field, prop::option::of(replacement));
    prop::collection::vec(edit, 0..4).prop_map(|edits| {
        let mut app = serde_json::to_value(valid_application()).expect("serialise");
        if let Some(fields) = app.as_object_mut() {
            for (field, replacement) in edits {
                match replacement {
                    Some(value) => fields.insert(field, value),
                    None => fields.remove(&field),
                };
            }
        }
        app
    })
}

fn body() -> impl Strategy<Value = Vec<u8>> {
    let edited = edited_application();
    prop_oneof![
        4 => edited.clone().prop_map(|v| v.to_string().into_bytes()),
        // Cut short, as a dropped connection leaves it.
        1 => (edited, any::<prop::sample::Index>()).prop_map(|(v, at)| {
            let text = v.to_string().into_bytes();
            text[..at.index(text.len() + 1)].to_vec()
        }),
        2 => json().prop_map(|v| v.to_string().into_bytes()),
        1 => prop::collection::vec(any::<u8>(), 0..200),
        // Over the 64 KiB limit now and then.
        1 => (60_000usize..70_000).prop_map(|n| format!("{{\"message\":\"{}\"}}", "a".repeat(n)).into_bytes()),
    ]
}

fn content_type() -> impl Strategy<Value = Option<Vec<u8>>> {
    prop_oneof![
        6 => Just(Some(b"application/json".to_vec())),
        1 => prop::sample::select(vec![
            "application/json; charset=utf-8",
            "APPLICATION/JSON",
            "application/json;;",
            "application/problem+json",
            "text/plain",
            "multipart/form-data; boundary=x",
            "",
        ])
        .prop_map(|t| Some(t.as_bytes().to_vec())),
        1 => Just(None),
        1 => prop::collection::vec(any::<u8>(), 0..40).prop_map(Some),
    ]
}

/// A few reused keys, so replays and a key reused with another body happen too.
fn idempotency_key() -> impl Strategy<Value = Option<Vec<u8>>> {
    prop_oneof![
        4 => (0u8..20).prop_map(|n| Some(format!("fuzz-key-{n:02}").into_bytes())),
        2 => "[ -~]{0,220}".prop_map(|k| Some(k.into_bytes())),
        1 => prop::collection::vec(any::<u8>(), 0..40).prop_map(Some),
        1 => Just(None),
    ]
}

#[test]
fn any_application_request_gets_a_receipt_or_a_problem() {
    let harness = Harness::new();
    proptest!(ProptestConfig::with_cases(4_000), |(
        body in body(),
        content_type in content_type(),
        key in idempotency_key(),
        extra in extra_header(),
    )| {
        let mut request = Request::post("/api/v1/applications");
        // Values HTTP cannot carry are not sent at all (no client could).
        if let Some(t) = content_type.and_then(|t| header::HeaderValue::from_bytes(&t).ok()) {
            request = request.header(header::CONTENT_TYPE, t);
        }
        if let Some(k) = key.and_then(|k| header::HeaderValue::from_bytes(&k).ok()) {
            request = request.header(IDEMPOTENCY_KEY_HEADER, k);
        }
        if let Some((name, value)) = &extra {
            request = request.header(name, value);
        }
        let request = request.body(Body::from(body.clone())).expect("request");
        let what = format!("POST {:?} {}", request.headers(), String::from_utf8_lossy(&body));
        check_response(&what, &harness.send(request))?;
    });
    // The fuzzing reached the store, so the happy path was exercised too.
    assert!(harness.api.stored_applications() > 0);
}
