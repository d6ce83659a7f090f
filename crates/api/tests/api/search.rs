//! The radius search: same answer as core's filter over the whole dataset, stable pages.

use crate::support::{search_uri, shared_index, TestApi, WAVRE};
use passerelle_core::api::{ContractType, Regime, VacancyPage, DEFAULT_PAGE_LIMIT};
use passerelle_core::filter::{search, SearchArea, VacancyFilter};
use passerelle_core::{DutchLevel, LatLon};
use std::collections::HashSet;

/// Core's answer, by brute force over every vacancy.
fn expected_ids(radius_km: f64, filter: &VacancyFilter) -> Vec<u32> {
    let index = shared_index();
    let area = SearchArea::new(LatLon::new(WAVRE.0, WAVRE.1), radius_km);
    search(index.dataset().summaries(), area, filter)
        .iter()
        .map(|(v, _)| v.id)
        .collect()
}

/// Follows `next` until the last page, checking each page's size.
async fn all_pages(api: &TestApi, first_uri: &str, limit: usize) -> (u32, Vec<u32>) {
    let mut page: VacancyPage = api.get(first_uri).await.json();
    let total = page.total;
    let mut ids: Vec<u32> = page.items.iter().map(|v| v.id).collect();
    while let Some(next) = page.next.take() {
        assert_eq!(page.items.len(), limit, "only the last page may be short");
        page = api.get(&format!("{first_uri}&cursor={next}")).await.json();
        assert_eq!(page.total, total, "total is the same on every page");
        ids.extend(page.items.iter().map(|v| v.id));
    }
    (total, ids)
}

#[tokio::test]
async fn search_returns_vacancies_inside_the_radius_nearest_first() {
    let api = TestApi::new();
    let page: VacancyPage = api
        .get(&search_uri(WAVRE.0, WAVRE.1, 60.0, "&limit=1000"))
        .await
        .json();
    assert!(
        page.items.len() > 100,
        "a 60 km circle around Wavre reaches much of Flanders"
    );
    let distances: Vec<f64> = page
        .items
        .iter()
        .map(|v| v.distance_km.expect("distance is set"))
        .collect();
    assert!(distances.windows(2).all(|w| w[0] <= w[1]), "nearest first");
    assert!(distances.iter().all(|d| *d <= 60.0));
    assert_eq!(
        page.total as usize,
        expected_ids(60.0, &VacancyFilter::default()).len()
    );
}

#[tokio::test]
async fn following_next_to_the_end_yields_every_match_once_in_core_order() {
    let api = TestApi::new();
    let (total, ids) = all_pages(&api, &search_uri(WAVRE.0, WAVRE.1, 60.0, "&limit=97"), 97).await;
    let expected = expected_ids(60.0, &VacancyFilter::default());
    assert!(expected.len() > 97 * 3, "the query spans several pages");
    assert_eq!(total as usize, expected.len());
    assert_eq!(
        ids.iter().collect::<HashSet<_>>().len(),
        ids.len(),
        "no id twice"
    );
    assert_eq!(ids, expected);
}

#[tokio::test]
async fn filters_select_exactly_what_the_core_filter_selects() {
    let api = TestApi::new();
    let filter = VacancyFilter {
        dutch_max: Some(DutchLevel::Medium),
        hide_unstated_level: false,
        keyword: Some("techn".into()),
        contract: Some(ContractType::Permanent),
        regime: Some(Regime::FullTime),
        bottleneck_only: true,
    };
    let extra =
        "&dutch_max=medium&q=techn&contract=permanent&regime=full_time&bottleneck=true&limit=5";
    let (total, ids) = all_pages(&api, &search_uri(WAVRE.0, WAVRE.1, 80.0, extra), 5).await;
    let expected = expected_ids(80.0, &filter);
    assert!(!expected.is_empty(), "the filter keeps some vacancies");
    assert_eq!(total as usize, expected.len());
    assert_eq!(ids, expected);
}

#[tokio::test]
async fn empty_optional_parameters_are_ignored_and_the_default_limit_applies() {
    let api = TestApi::new();
    let uri = search_uri(
        WAVRE.0,
        WAVRE.1,
        100.0,
        "&dutch_max=&q=&contract=&regime=&bottleneck=&cursor=",
    );
    let page: VacancyPage = api.get(&uri).await.json();
    assert_eq!(
        page.total as usize,
        expected_ids(100.0, &VacancyFilter::default()).len()
    );
    assert_eq!(page.items.len(), DEFAULT_PAGE_LIMIT as usize);
    assert!(page.next.is_some());
}

#[tokio::test]
async fn a_cursor_from_another_query_is_rejected_with_400() {
    let api = TestApi::new();
    let first: VacancyPage = api
        .get(&search_uri(WAVRE.0, WAVRE.1, 60.0, "&limit=10"))
        .await
        .json();
    let cursor = first.next.expect("more than one page");
    let other = api
        .get(&search_uri(
            WAVRE.0,
            WAVRE.1,
            50.0,
            &format!("&limit=10&cursor={cursor}"),
        ))
        .await;
    assert_eq!(other.status, 400);
    assert_eq!(other.error_fields(), ["cursor"]);
    // The same query with another page size is the same query: the cursor stays valid.
    let same = api
        .get(&search_uri(
            WAVRE.0,
            WAVRE.1,
            60.0,
            &format!("&limit=20&cursor={cursor}"),
        ))
        .await;
    assert_eq!(same.status, 200);
}

#[tokio::test]
async fn a_point_far_from_flanders_finds_nothing() {
    let api = TestApi::new();
    let page: VacancyPage = api.get(&search_uri(-33.9, 18.4, 200.0, "")).await.json();
    assert_eq!((page.total, page.items.len(), page.next), (0, 0, None));
}

#[test]
fn the_strip_index_finds_exactly_what_a_scan_of_every_vacancy_finds() {
    let index = shared_index();
    let homes = [
        (50.7167, 4.6011),
        (50.4542, 3.9567),
        (49.6833, 5.8167),
        (51.22, 4.40),
        (50.83, 3.26),
    ];
    for (lat, lon) in homes {
        for radius_km in [0.5, 5.0, 30.0, 60.0, 200.0] {
            let area = SearchArea::new(LatLon::new(lat, lon), radius_km);
            let filter = VacancyFilter::default();
            let indexed: Vec<u32> = index
                .search(area, &filter)
                .iter()
                .map(|(v, _)| v.id)
                .collect();
            let scanned: Vec<u32> = search(index.dataset().summaries(), area, &filter)
                .iter()
                .map(|(v, _)| v.id)
                .collect();
            assert_eq!(indexed, scanned, "{lat},{lon} r={radius_km}");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_identical_searches_search_once_and_agree() {
    let api = TestApi::new();
    let uri = search_uri(WAVRE.0, WAVRE.1, 60.0, "&limit=50");
    let mut requests = tokio::task::JoinSet::new();
    for _ in 0..32 {
        let (router, uri) = (api.router.clone(), uri.clone());
        requests.spawn(async move {
            use tower::ServiceExt;
            let request = axum::http::Request::get(uri)
                .body(axum::body::Body::empty())
                .expect("request");
            let response = router.oneshot(request).await.expect("infallible");
            assert_eq!(response.status(), 200);
            axum::body::to_bytes(response.into_body(), usize::MAX)
                .await
                .expect("body")
        });
    }
    let mut bodies = HashSet::new();
    while let Some(body) = requests.join_next().await {
        bodies.insert(body.expect("request task"));
    }
    assert_eq!(bodies.len(), 1, "every caller got the same page");
    assert_eq!(api.state.results.computations(), 1);
}
