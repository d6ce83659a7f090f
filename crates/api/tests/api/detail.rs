//! `GET /vacancies/{id}` and `GET /health`.

use crate::support::{TestApi, TEST_VACANCIES};
use passerelle_core::api::{ApplyMode, Health, VacancyDetail};

#[tokio::test]
async fn a_vacancy_detail_carries_the_summary_and_a_dutch_description() {
    let api = TestApi::new();
    let detail: VacancyDetail = api.get("/api/v1/vacancies/1").await.json();
    assert_eq!(detail.summary.id, 1);
    assert_eq!(detail.content_language, "nl");
    assert!(
        detail.description.contains("Jouw taken"),
        "{}",
        detail.description
    );
    assert!(
        detail.summary.distance_km.is_none(),
        "no search point, no distance"
    );
    assert_eq!(
        detail.apply_url.is_some(),
        detail.summary.apply_mode == ApplyMode::External
    );
}

#[tokio::test]
async fn the_same_vacancy_is_described_the_same_way_every_time() {
    let api = TestApi::new();
    let first = api.get("/api/v1/vacancies/42").await.body;
    let second = api.get("/api/v1/vacancies/42").await.body;
    assert_eq!(first, second);
}

#[tokio::test]
async fn unknown_ids_are_404_and_non_numeric_ids_are_400() {
    let api = TestApi::new();
    for uri in [
        "/api/v1/vacancies/0",
        &format!("/api/v1/vacancies/{}", TEST_VACANCIES + 1),
    ] {
        let response = api.get(uri).await;
        assert_eq!(response.status, 404, "{uri}");
        assert_eq!(
            response.problem().problem_type,
            "/problems/vacancy-not-found"
        );
    }
    for uri in [
        "/api/v1/vacancies/abc",
        "/api/v1/vacancies/-1",
        "/api/v1/vacancies/99999999999",
    ] {
        let response = api.get(uri).await;
        assert_eq!(response.status, 400, "{uri}");
        assert_eq!(response.error_fields(), ["id"]);
    }
}

#[tokio::test]
async fn health_reports_ok_and_the_dataset_size() {
    let api = TestApi::new();
    let health: Health = api.get("/api/v1/health").await.json();
    assert_eq!(
        health,
        Health {
            status: "ok".into(),
            vacancies: TEST_VACANCIES,
            source: None,
            sync: None,
        }
    );
}
