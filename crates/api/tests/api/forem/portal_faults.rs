//! A busy, failing or garbled portal: the sync waits as asked, retries what is worth retrying,
//! and when it gives up, what is served stays the last good sync, whole.

use super::{fake_portal, fixture_records, served_ids, source_in, FIXTURE_KEPT};
use passerelle_api::forem::fake_portal::Fault;
use passerelle_api::forem::SyncOutcome;
use std::time::Duration;
use tempfile::TempDir;

fn is_replaced(outcome: &SyncOutcome) -> bool {
    matches!(outcome, SyncOutcome::Replaced(_))
}

#[tokio::test]
async fn a_429_is_retried_after_the_retry_after_the_portal_asked_for() {
    let (portal, url) = fake_portal().await;
    portal.push_fault(Fault::TooManyRequests {
        retry_after_secs: 1,
    });
    let dir = TempDir::new().expect("temp");
    let outcome = source_in(&dir, &url).sync().await;

    assert!(is_replaced(&outcome), "{outcome:?}");
    let seen = portal.seen();
    assert_eq!(
        seen[0].where_clause, seen[1].where_clause,
        "the refused window is asked again"
    );
    // Our own pause is 10 ms: only the portal's Retry-After explains a second.
    assert!(
        seen[1].at.duration_since(seen[0].at) >= Duration::from_millis(950),
        "waited {:?}",
        seen[1].at.duration_since(seen[0].at)
    );
}

#[tokio::test]
async fn a_500_and_a_body_cut_short_are_retried_and_the_sync_completes() {
    let (portal, url) = fake_portal().await;
    portal.push_fault(Fault::ServerError);
    portal.push_fault(Fault::CutBody);
    let dir = TempDir::new().expect("temp");
    let source = source_in(&dir, &url);

    let outcome = source.sync().await;

    assert!(is_replaced(&outcome), "{outcome:?}");
    assert_eq!(
        portal.seen().len(),
        27 + 2,
        "two retries of the first window"
    );
    assert_eq!(source.health().kept, FIXTURE_KEPT);
}

#[tokio::test]
async fn a_portal_that_stays_down_keeps_the_last_good_data_and_says_so() {
    let (portal, url) = fake_portal().await;
    let dir = TempDir::new().expect("temp");
    let source = source_in(&dir, &url);
    assert!(is_replaced(&source.sync().await));
    let good = source.health();

    for fault in [Fault::ServerError, Fault::CutBody] {
        portal.fail_every_request(Some(fault.clone()));
        let outcome = source.sync().await;

        assert!(
            matches!(outcome, SyncOutcome::Failed(_)),
            "{fault:?}: {outcome:?}"
        );
        let health = source.health();
        assert!(health.last_sync_error.is_some(), "{fault:?}");
        assert_eq!(health.last_sync, good.last_sync, "{fault:?}");
        assert_eq!(health.kept, FIXTURE_KEPT, "{fault:?}");
        assert_eq!(
            source.index().current().dataset().len(),
            FIXTURE_KEPT as usize
        );
    }

    // The portal is back: the next sync clears the error.
    portal.fail_every_request(None);
    assert!(is_replaced(&source.sync().await));
    assert_eq!(source.health().last_sync_error, None);
}

#[tokio::test]
async fn an_answer_that_is_not_json_is_not_asked_again_and_fails_the_sync() {
    let (portal, url) = fake_portal().await;
    portal.push_fault(Fault::NotJson);
    let dir = TempDir::new().expect("temp");
    let source = source_in(&dir, &url);

    let outcome = source.sync().await;

    assert!(matches!(outcome, SyncOutcome::Failed(_)), "{outcome:?}");
    assert_eq!(portal.seen().len(), 1, "a garbled answer is not retried");
    assert_eq!(source.index().current().dataset().len(), 0);
}

#[tokio::test]
async fn a_sync_that_fails_midway_serves_nothing_of_what_it_had_fetched() {
    let (portal, url) = fake_portal().await;
    let dir = TempDir::new().expect("temp");
    let source = source_in(&dir, &url);
    assert!(is_replaced(&source.sync().await));
    let before = served_ids(&source);

    // The portal now has fewer offers, and breaks after the first twenty windows.
    portal.set_records(fixture_records().into_iter().take(10).collect());
    portal.answer_next(20);
    portal.fail_every_request(Some(Fault::ServerError));
    let outcome = source.sync().await;

    assert!(matches!(outcome, SyncOutcome::Failed(_)), "{outcome:?}");
    let after = served_ids(&source);
    assert_eq!(
        after, before,
        "the served set is the previous sync's, whole"
    );
}

#[tokio::test]
async fn a_second_sync_asked_while_one_runs_does_not_start() {
    let (portal, url) = fake_portal().await;
    // Holds the first sync for a second.
    portal.push_fault(Fault::TooManyRequests {
        retry_after_secs: 1,
    });
    let dir = TempDir::new().expect("temp");
    let source = source_in(&dir, &url);

    let (first, second) = tokio::join!(source.sync(), async {
        tokio::time::sleep(Duration::from_millis(200)).await;
        assert!(source.health().running, "the first sync is still running");
        source.sync().await
    });

    assert!(is_replaced(&first), "{first:?}");
    assert!(matches!(second, SyncOutcome::AlreadyRunning), "{second:?}");
    assert_eq!(portal.seen().len(), 27 + 1);
}
