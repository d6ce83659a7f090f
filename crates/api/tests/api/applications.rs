//! `POST /applications`: receipts, idempotency, validation and durability.

use crate::support::{vacancy_with, valid_application, TestApi};
use passerelle_core::api::{ApplicationReceipt, ApplicationRequest, ApplyMode, FieldErrorCode};

#[tokio::test]
async fn a_valid_application_gets_a_201_receipt_with_a_reference() {
    let api = TestApi::new();
    let response = api.apply("key-0001-first", &valid_application()).await;
    assert_eq!(response.status, 201);
    let receipt: ApplicationReceipt = response.json();
    assert!(
        receipt.reference.starts_with("PAS-20"),
        "{}",
        receipt.reference
    );
    assert_eq!(receipt.reference.len(), "PAS-2026-000001".len());
    assert!(receipt.received_at.ends_with('Z') && receipt.received_at.contains('T'));
    assert_eq!(api.stored_applications(), 1);
}

#[tokio::test]
async fn the_same_key_and_body_twice_returns_the_same_reference_and_stores_one_row() {
    let api = TestApi::new();
    let first: ApplicationReceipt = api
        .apply("retry-key-123", &valid_application())
        .await
        .json();
    let again = api.apply("retry-key-123", &valid_application()).await;
    assert_eq!(again.status, 201);
    assert_eq!(
        again
            .headers
            .get("idempotent-replayed")
            .map(|v| v.as_bytes()),
        Some(&b"true"[..])
    );
    assert_eq!(again.json::<ApplicationReceipt>(), first);
    assert_eq!(api.stored_applications(), 1);
}

#[tokio::test]
async fn a_retry_with_other_whitespace_is_the_same_body() {
    let api = TestApi::new();
    let compact = serde_json::to_string(&valid_application()).expect("json");
    let pretty = serde_json::to_string_pretty(&valid_application()).expect("json");
    let first: ApplicationReceipt = api
        .post_json("/api/v1/applications", Some("spacing-key"), compact)
        .await
        .json();
    let second: ApplicationReceipt = api
        .post_json("/api/v1/applications", Some("spacing-key"), pretty)
        .await
        .json();
    assert_eq!(first, second);
}

#[tokio::test]
async fn the_same_key_with_a_different_body_is_a_422_and_stores_nothing_new() {
    let api = TestApi::new();
    assert_eq!(
        api.apply("reused-key-1", &valid_application()).await.status,
        201
    );
    let other = ApplicationRequest {
        message: "Autre message".into(),
        ..valid_application()
    };
    let response = api.apply("reused-key-1", &other).await;
    assert_eq!(response.status, 422);
    assert_eq!(
        response.problem().problem_type,
        "/problems/idempotency-key-reused"
    );
    assert_eq!(api.stored_applications(), 1);
}

#[tokio::test]
async fn two_different_keys_store_two_rows_with_different_references() {
    let api = TestApi::new();
    let a: ApplicationReceipt = api.apply("first-key-a", &valid_application()).await.json();
    let b: ApplicationReceipt = api.apply("second-key-b", &valid_application()).await.json();
    assert_ne!(a.reference, b.reference);
    assert_eq!(api.stored_applications(), 2);
}

#[tokio::test]
async fn validation_errors_name_each_field_with_its_code() {
    let api = TestApi::new();
    let app = ApplicationRequest {
        first_name: " ".into(),
        email: "not-an-email".into(),
        phone: Some("call me".into()),
        consent: false,
        ..valid_application()
    };
    let response = api.apply("invalid-app-1", &app).await;
    assert_eq!(response.status, 422);
    let problem = response.problem();
    assert_eq!(problem.problem_type, "/problems/validation");
    let errors: Vec<(String, FieldErrorCode)> = problem
        .errors
        .into_iter()
        .map(|e| (e.field, e.code))
        .collect();
    assert_eq!(
        errors,
        [
            ("first_name".into(), FieldErrorCode::Required),
            ("email".into(), FieldErrorCode::InvalidEmail),
            ("phone".into(), FieldErrorCode::InvalidPhone),
            ("consent".into(), FieldErrorCode::ConsentRequired),
        ]
    );
    assert_eq!(api.stored_applications(), 0);
}

#[tokio::test]
async fn an_unknown_vacancy_and_an_external_apply_vacancy_are_field_errors() {
    let api = TestApi::new();
    let cases = [
        (u32::MAX, FieldErrorCode::UnknownVacancy),
        (
            vacancy_with(ApplyMode::External).id,
            FieldErrorCode::NotInApp,
        ),
    ];
    for (vacancy_id, code) in cases {
        let app = ApplicationRequest {
            vacancy_id,
            ..valid_application()
        };
        let response = api.apply(&format!("vacancy-{vacancy_id}"), &app).await;
        assert_eq!(response.status, 422);
        let errors = response.problem().errors;
        assert_eq!(errors.len(), 1);
        assert_eq!(
            (errors[0].field.as_str(), errors[0].code),
            ("vacancy_id", code)
        );
    }
}

#[tokio::test]
async fn applications_survive_a_restart() {
    let api = TestApi::new();
    let before: ApplicationReceipt = api
        .apply("durable-key-1", &valid_application())
        .await
        .json();
    let (dir, db_path) = (api.dir.clone(), api.db_path.clone());
    drop(api);

    let restarted = TestApi::on_database(dir, db_path, |state| state);
    assert_eq!(restarted.stored_applications(), 1);
    let after: ApplicationReceipt = restarted
        .apply("durable-key-1", &valid_application())
        .await
        .json();
    assert_eq!(after, before);
    let next: ApplicationReceipt = restarted
        .apply("durable-key-2", &valid_application())
        .await
        .json();
    assert_ne!(
        next.reference, before.reference,
        "numbering continues after a restart"
    );
}
