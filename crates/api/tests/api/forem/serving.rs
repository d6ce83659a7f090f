//! The synced offers through the API (every answer checked against openapi.yaml by `TestApi`),
//! and the real binary run with `--source forem` against the fake portal.

use super::{fake_portal, fixture_records, source_in, FIXTURE_KEPT};
use crate::stand_in::StandIn;
use crate::support::{search_uri, TestApi};
use passerelle_api::calendar::UtcTimestamp;
use passerelle_api::forem::fake_portal::{rebase_dates, FakePortal};
use passerelle_api::forem::SyncOutcome;
use passerelle_core::api::{
    ApplicationRequest, ApplyMode, FieldErrorCode, Health, VacancyDetail, VacancyPage,
};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};
use tempfile::TempDir;

/// Mons: the fixtures' Flemish towns lie around its 60 km circle.
const MONS: (f64, f64) = (50.45413, 3.95229);

async fn synced_api() -> (
    TestApi,
    std::sync::Arc<passerelle_api::forem::ForemSource>,
    TempDir,
) {
    let (_portal, url) = fake_portal().await;
    let dir = TempDir::new().expect("temp");
    let source = source_in(&dir, &url);
    assert!(matches!(source.sync().await, SyncOutcome::Replaced(_)));
    let api = TestApi::with(|state| state.with_source(source.clone()));
    (api, source, dir)
}

#[tokio::test]
async fn a_jobseeker_in_mons_finds_the_flemish_offers_each_linking_to_the_full_offer() {
    let (api, _source, _dir) = synced_api().await;

    let page: VacancyPage = api
        .get(&search_uri(MONS.0, MONS.1, 60.0, "&limit=1000"))
        .await
        .json();

    assert!(page.total >= 25, "{} offers within 60 km", page.total);
    assert!(page.total < FIXTURE_KEPT, "Kortrijk lies beyond 60 km");
    assert!(page
        .items
        .iter()
        .all(|v| v.apply_mode == ApplyMode::External));
    let first = &page.items[0];
    let detail: VacancyDetail = api
        .get(&format!("/api/v1/vacancies/{}", first.id))
        .await
        .json();
    assert_eq!(detail.description, "", "the source has no description");
    assert_eq!(detail.content_language, "fr");
    assert!(
        detail
            .apply_url
            .as_deref()
            .is_some_and(|u| u.starts_with("https://offres.example.be/forem/")),
        "{:?}",
        detail.apply_url
    );

    let wider: VacancyPage = api
        .get(&search_uri(MONS.0, MONS.1, 80.0, "&limit=1000"))
        .await
        .json();
    assert_eq!(wider.total, FIXTURE_KEPT);
}

#[tokio::test]
async fn titles_are_served_as_plain_text_of_bounded_length() {
    let (api, _source, _dir) = synced_api().await;
    let page: VacancyPage = api
        .get(&search_uri(MONS.0, MONS.1, 80.0, "&limit=1000"))
        .await
        .json();
    assert!(page
        .items
        .iter()
        .any(|v| &*v.title == "Technicien de maintenance & dépannage (h/f)"));
    for v in &page.items {
        assert!(
            !v.title.contains('<') && !v.title.contains("&amp;"),
            "{}",
            v.title
        );
        assert!(v.title.chars().count() <= 200, "{}", v.title);
    }
}

#[tokio::test]
async fn health_tells_the_source_the_last_sync_and_its_counts() {
    let (api, _source, _dir) = synced_api().await;
    let health: Health = api.get("/api/v1/health").await.json();
    assert_eq!(health.vacancies, FIXTURE_KEPT);
    let sync = health.sync.expect("sync state");
    assert!(sync.last_sync.is_some());
    assert_eq!(sync.last_sync_error, None);
    assert_eq!((sync.kept, sync.merged, sync.dropped), (FIXTURE_KEPT, 2, 9));
}

#[tokio::test]
async fn an_application_to_a_forem_offer_is_refused_as_not_in_app() {
    let (api, source, _dir) = synced_api().await;
    let id = source.index().current().dataset().summaries()[0].id;
    let response = api
        .apply(
            "forem-offer-application-1",
            &ApplicationRequest {
                vacancy_id: id,
                first_name: "Amélie".into(),
                last_name: "Dupont".into(),
                email: "amelie.dupont@example.be".into(),
                consent: true,
                ..Default::default()
            },
        )
        .await;
    assert_eq!(response.status, 422);
    assert_eq!(response.problem().errors[0].code, FieldErrorCode::NotInApp);
}

#[tokio::test]
async fn a_cursor_from_before_a_sync_is_refused_rather_than_mixing_two_syncs() {
    let (api, source, _dir) = synced_api().await;
    let first: VacancyPage = api
        .get(&search_uri(MONS.0, MONS.1, 80.0, "&limit=5"))
        .await
        .json();
    let next = first.next.expect("more pages");

    assert!(matches!(source.sync().await, SyncOutcome::Replaced(_)));
    let response = api
        .get(&search_uri(
            MONS.0,
            MONS.1,
            80.0,
            &format!("&limit=5&cursor={next}"),
        ))
        .await;

    assert_eq!(response.status, 400);
    assert_eq!(response.error_fields(), ["cursor"]);
}

/// One GET over a fresh connection: status line and body.
fn get(addr: &str, path: &str) -> std::io::Result<String> {
    let mut stream = TcpStream::connect(addr)?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )?;
    let mut response = String::new();
    stream.read_to_string(&mut response)?;
    Ok(response)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_binary_with_source_forem_syncs_from_the_portal_it_is_given() {
    let mut records = fixture_records();
    rebase_dates(&mut records, UtcTimestamp::now().date);
    let portal = FakePortal::new(records);
    let addr = portal
        .clone()
        .serve(([127, 0, 0, 1], 0).into())
        .await
        .expect("bind");
    let dir = TempDir::new().expect("temp");
    let db = dir.path().join("data").join("passerelle.sqlite3");
    let url = format!("http://{addr}");
    let server = StandIn::start(
        &db,
        &[
            "--source",
            "forem",
            "--forem-url",
            &url,
            "--forem-request-pause-ms",
            "0",
        ],
    );

    let deadline = Instant::now() + Duration::from_secs(60);
    let health = loop {
        let addr = server.addr.clone();
        let response = tokio::task::spawn_blocking(move || get(&addr, "/api/v1/health"))
            .await
            .expect("task")
            .expect("health answers");
        if response.contains(&format!("\"vacancies\":{FIXTURE_KEPT}")) {
            break response;
        }
        assert!(
            Instant::now() < deadline,
            "no sync within a minute: {response}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    assert!(health.contains("\"last_sync\":"), "{health}");
    assert!(portal.seen().iter().all(|r| r
        .user_agent
        .as_deref()
        .is_some_and(|a| a.starts_with("Passerelle/"))));
}

#[test]
fn the_binary_refuses_source_forem_without_a_portal_url() {
    let dir = TempDir::new().expect("temp");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_passerelle-api"))
        .args(["--addr", "127.0.0.1:0", "--source", "forem", "--db"])
        .arg(dir.path().join("db.sqlite3"))
        .env_remove("PASSERELLE_FOREM_URL")
        .output()
        .expect("run");
    assert!(!output.status.success());
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("--forem-url"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.stdout.is_empty(), "it never listened");
}

#[tokio::test]
async fn offers_stating_no_level_pass_a_level_filter_unless_the_client_says_otherwise() {
    let (api, _source, _dir) = synced_api().await;
    let count = |extra: &'static str| {
        let api = &api;
        async move {
            let page: VacancyPage = api
                .get(&search_uri(MONS.0, MONS.1, 80.0, extra))
                .await
                .json();
            page.total
        }
    };

    // Every Forem offer states no level: shown by default, hidden on request.
    assert_eq!(count("&dutch_max=none").await, FIXTURE_KEPT);
    assert_eq!(
        count("&dutch_max=none&unstated_level=true").await,
        FIXTURE_KEPT
    );
    assert_eq!(count("&dutch_max=none&unstated_level=false").await, 0);
    assert_eq!(
        count("&unstated_level=false").await,
        FIXTURE_KEPT,
        "without a level filter there is nothing to hide them from"
    );
    let response = api
        .get(&search_uri(MONS.0, MONS.1, 80.0, "&unstated_level=maybe"))
        .await;
    assert_eq!(response.status, 400);
    assert_eq!(response.error_fields(), ["unstated_level"]);
}

#[tokio::test]
async fn summaries_say_why_no_level_is_stated_and_name_their_source() {
    let (api, _source, _dir) = synced_api().await;
    let page: VacancyPage = api
        .get(&search_uri(MONS.0, MONS.1, 80.0, "&limit=1000"))
        .await
        .json();
    use passerelle_core::api::{ContractType, DutchUnstated, VacancySource};
    assert!(page.items.iter().all(|v| v.dutch_level.is_none()
        && v.dutch_unstated.is_some()
        && v.source == Some(VacancySource::Forem)));
    let asked = page
        .items
        .iter()
        .filter(|v| v.dutch_unstated == Some(DutchUnstated::DutchAsked))
        .count();
    assert!(
        asked > 5 && asked < page.items.len(),
        "a mix: {asked} ask Dutch"
    );
    assert!(page
        .items
        .iter()
        .any(|v| v.contract == ContractType::Other
            && v.contract_label.as_deref() == Some("Flexi-job")));
    assert!(page.items.iter().any(|v| v.occupation_code.is_none()));
    assert!(page
        .items
        .iter()
        .all(|v| v.occupation_code.is_none() || v.occupation_label.is_some()));
}

#[tokio::test]
async fn the_strip_index_over_synced_offers_finds_what_a_scan_finds() {
    use passerelle_core::filter::{search, SearchArea, VacancyFilter};
    use passerelle_core::{DutchLevel, LatLon};
    let (_api, source, _dir) = synced_api().await;
    let index = source.index().current();
    for radius_km in [5.0, 40.0, 60.0, 120.0] {
        for hide_unstated_level in [false, true] {
            let area = SearchArea::new(LatLon::new(MONS.0, MONS.1), radius_km);
            let filter = VacancyFilter {
                dutch_max: Some(DutchLevel::Basic),
                hide_unstated_level,
                ..VacancyFilter::default()
            };
            let ids = |found: Vec<(&passerelle_core::api::VacancySummary, f64)>| {
                found.into_iter().map(|(v, _)| v.id).collect::<Vec<_>>()
            };
            assert_eq!(
                ids(index.search(area, &filter)),
                ids(search(index.dataset().summaries(), area, &filter)),
                "r={radius_km} hide={hide_unstated_level}"
            );
        }
    }
}
