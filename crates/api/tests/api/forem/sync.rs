//! What one sync keeps, drops and merges, and how it replaces what is served.

use super::{
    fake_portal, fixture_records, source_in, FIXTURE_KEPT, FIXTURE_MERGED, FIXTURE_RECORDS,
};
use passerelle_api::forem::SyncOutcome;
use std::collections::BTreeMap;
use tempfile::TempDir;

fn replaced(outcome: SyncOutcome) -> passerelle_api::forem::SyncReport {
    match outcome {
        SyncOutcome::Replaced(report) => report,
        other => panic!("the sync did not replace the data: {other:?}"),
    }
}

fn ids_by_title(source: &passerelle_api::forem::ForemSource) -> BTreeMap<String, u32> {
    let index = source.index().current();
    index
        .dataset()
        .summaries()
        .iter()
        .map(|v| (format!("{}|{}|{}", v.title, v.employer, v.nis_code), v.id))
        .collect()
}

#[tokio::test]
async fn a_sync_keeps_the_flemish_offers_and_counts_what_it_dropped_and_merged() {
    let (_portal, url) = fake_portal().await;
    let dir = TempDir::new().expect("temp");
    let source = source_in(&dir, &url);

    let report = replaced(source.sync().await);

    assert_eq!(report.fetched, FIXTURE_RECORDS);
    assert_eq!(report.kept, FIXTURE_KEPT);
    assert_eq!(report.merged, FIXTURE_MERGED);
    let dropped: Vec<(&str, u32)> = report
        .dropped
        .iter()
        .map(|(k, v)| (k.as_str(), *v))
        .collect();
    assert_eq!(
        dropped,
        [
            ("brussels", 2),
            ("expired", 1),
            ("no_link", 1),
            ("unreadable", 2),
            ("wallonia", 3)
        ]
    );
    assert_eq!(
        report.kept + report.merged + report.dropped.values().sum::<u32>(),
        report.fetched,
        "every record is accounted for"
    );
    assert_eq!(report.located_by.get("geo"), Some(&17));
    assert_eq!(report.located_by.get("locality"), Some(&1));
    assert_eq!(
        source.index().current().dataset().len(),
        FIXTURE_KEPT as usize
    );
}

#[tokio::test]
async fn an_offer_keeps_its_id_across_syncs_and_restarts() {
    let (portal, url) = fake_portal().await;
    let dir = TempDir::new().expect("temp");
    let source = source_in(&dir, &url);
    replaced(source.sync().await);
    let first = ids_by_title(&source);

    // One offer (not one with a relay) disappears upstream; the others must keep their ids.
    let mut records = fixture_records();
    records.remove(1);
    portal.set_records(records);
    replaced(source.sync().await);
    let second = ids_by_title(&source);
    assert_eq!(second.len(), first.len() - 1);
    for (key, id) in &second {
        assert_eq!(first.get(key), Some(id), "{key}");
    }

    // A restart serves the stored sync before asking the portal anything.
    let requests_before = portal.seen().len();
    let restarted = source_in(&dir, &url);
    assert_eq!(restarted.restore().expect("restore"), second.len());
    assert_eq!(ids_by_title(&restarted), second);
    assert_eq!(portal.seen().len(), requests_before);
    assert_eq!(restarted.health().kept, second.len() as u32);
}

#[tokio::test]
async fn a_portal_with_no_flemish_offer_left_does_not_empty_the_map() {
    let (portal, url) = fake_portal().await;
    let dir = TempDir::new().expect("temp");
    let source = source_in(&dir, &url);
    replaced(source.sync().await);

    portal.set_records(Vec::new());
    let outcome = source.sync().await;

    assert!(matches!(outcome, SyncOutcome::Failed(_)), "{outcome:?}");
    assert_eq!(
        source.index().current().dataset().len(),
        FIXTURE_KEPT as usize
    );
    let health = source.health();
    assert!(health.last_sync_error.is_some());
    assert_eq!(health.kept, FIXTURE_KEPT);
}

#[tokio::test]
async fn every_request_asks_one_date_window_with_a_clear_user_agent() {
    let (portal, url) = fake_portal().await;
    let dir = TempDir::new().expect("temp");
    replaced(source_in(&dir, &url).sync().await);

    let seen = portal.seen();
    // 183 days back to today, a week at a time.
    assert_eq!(seen.len(), 27);
    for request in &seen {
        let clause = request.where_clause.as_deref().unwrap_or_default();
        assert!(
            clause.starts_with("datedebutdiffusion >= date'")
                && clause.contains(" AND datedebutdiffusion < date'"),
            "{clause}"
        );
        let agent = request.user_agent.as_deref().unwrap_or_default();
        assert!(agent.starts_with("Passerelle/"), "{agent}");
    }
    assert!(
        seen.last()
            .and_then(|r| r.where_clause.as_deref())
            .is_some_and(|c| c.ends_with("< date'2026-12-02'")),
        "the last window includes today"
    );
}
