//! The per-client limit on new applications: 429 problem+json with `Retry-After` over it, one
//! allowance per peer address, allowance back with time, and retries of stored applications
//! (or invalid requests) never counted.

use crate::support::{valid_application, TestApi, TestResponse};
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, Request};
use passerelle_api::application_limit::ApplicationLimit;
use passerelle_api::config::{Cli, DEFAULT_APPLICATIONS_PER_MINUTE};
use passerelle_core::api::{ApplicationRequest, IDEMPOTENCY_KEY_HEADER};
use std::net::SocketAddr;
use std::num::NonZeroU32;
use std::time::Duration;

fn limited_to(max: u32) -> TestApi {
    TestApi::with(|state| state.with_application_limit(ApplicationLimit::per_minute(max)))
}

/// An application sent from `peer`, as the real server would see it with connect info.
async fn apply_from(api: &TestApi, peer: &str, key: &str) -> TestResponse {
    let peer: SocketAddr = peer.parse().expect("socket address");
    let mut request = Request::post("/api/v1/applications")
        .header(header::CONTENT_TYPE, "application/json")
        .header(IDEMPOTENCY_KEY_HEADER, key)
        .body(Body::from(
            serde_json::to_vec(&valid_application()).expect("json"),
        ))
        .expect("request");
    request.extensions_mut().insert(ConnectInfo(peer));
    api.send(request).await
}

fn retry_after(response: &TestResponse) -> u64 {
    let value = response
        .headers
        .get(header::RETRY_AFTER)
        .unwrap_or_else(|| panic!("a {} without Retry-After", response.status));
    value
        .to_str()
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("Retry-After is not whole seconds: {value:?}"))
}

#[tokio::test]
async fn over_the_limit_a_new_application_is_a_429_problem_with_retry_after_in_seconds() {
    let api = limited_to(2);
    for key in ["limit-key-1", "limit-key-2"] {
        assert_eq!(api.apply(key, &valid_application()).await.status, 201);
    }
    let refused = api.apply("limit-key-3", &valid_application()).await;
    assert_eq!(refused.status, 429);
    let problem = refused.problem();
    assert_eq!(problem.problem_type, "/problems/too-many-applications");
    assert!(
        problem.detail.as_deref().is_some_and(|d| d.contains('2')),
        "{problem:?}"
    );
    // Two a minute refill one every 30 s.
    let seconds = retry_after(&refused);
    assert!((1..=30).contains(&seconds), "Retry-After {seconds}");
    assert_eq!(api.stored_applications(), 2);
}

#[tokio::test]
async fn each_peer_address_has_its_own_allowance() {
    let api = limited_to(1);
    assert_eq!(
        apply_from(&api, "192.0.2.1:5000", "peer-a-1").await.status,
        201
    );
    assert_eq!(
        apply_from(&api, "192.0.2.1:5001", "peer-a-2").await.status,
        429
    );
    assert_eq!(
        apply_from(&api, "192.0.2.2:5000", "peer-b-1").await.status,
        201
    );
    // Requests without connect info (in-process) share one allowance of their own.
    assert_eq!(
        api.apply("no-peer-1", &valid_application()).await.status,
        201
    );
    assert_eq!(
        api.apply("no-peer-2", &valid_application()).await.status,
        429
    );
}

#[tokio::test]
async fn ipv6_clients_count_per_64_prefix_and_mapped_ipv4_as_ipv4() {
    let api = limited_to(1);
    assert_eq!(
        apply_from(&api, "[2001:db8:1:2::1]:443", "ipv6-key-1")
            .await
            .status,
        201
    );
    // Another address in the same /64: the same client.
    assert_eq!(
        apply_from(&api, "[2001:db8:1:2::ffff]:443", "ipv6-key-2")
            .await
            .status,
        429
    );
    assert_eq!(
        apply_from(&api, "[2001:db8:1:3::1]:443", "ipv6-key-3")
            .await
            .status,
        201
    );
    assert_eq!(
        apply_from(&api, "192.0.2.9:1", "ipv4-key-1").await.status,
        201
    );
    assert_eq!(
        apply_from(&api, "[::ffff:192.0.2.9]:1", "ipv4-key-2")
            .await
            .status,
        429
    );
}

#[tokio::test(start_paused = true)]
async fn after_waiting_retry_after_the_next_application_is_accepted() {
    let api = limited_to(1);
    assert_eq!(
        api.apply("wait-key-1", &valid_application()).await.status,
        201
    );
    let refused = api.apply("wait-key-2", &valid_application()).await;
    assert_eq!(refused.status, 429);
    let seconds = retry_after(&refused);
    assert_eq!(seconds, 60, "one a minute");

    tokio::time::advance(Duration::from_secs(seconds - 1)).await;
    let early = api.apply("wait-key-2", &valid_application()).await;
    assert_eq!(early.status, 429, "a second early is still too early");
    assert_eq!(retry_after(&early), 1);

    tokio::time::advance(Duration::from_secs(1)).await;
    assert_eq!(
        api.apply("wait-key-2", &valid_application()).await.status,
        201
    );
    assert_eq!(api.stored_applications(), 2);
}

#[tokio::test(start_paused = true)]
async fn a_tiny_window_refills_within_it() {
    let api = TestApi::with(|state| {
        state.with_application_limit(Some(ApplicationLimit {
            max: NonZeroU32::new(2).expect("non-zero"),
            window: Duration::from_millis(200),
        }))
    });
    for key in ["tiny-key-1", "tiny-key-2"] {
        assert_eq!(api.apply(key, &valid_application()).await.status, 201);
    }
    let refused = api.apply("tiny-key-3", &valid_application()).await;
    assert_eq!(refused.status, 429);
    // 100 ms to wait, announced as the smallest whole second.
    assert_eq!(retry_after(&refused), 1);
    tokio::time::advance(Duration::from_millis(100)).await;
    assert_eq!(
        api.apply("tiny-key-3", &valid_application()).await.status,
        201
    );
}

/// Decision: a retry under a stored key is answered from the store and takes nothing from the
/// allowance. Its receipt is what ends a client's retries, and a person on a bad network who
/// retried one application five times has still sent one.
#[tokio::test]
async fn retries_of_a_stored_application_are_answered_and_not_counted_even_when_limited() {
    let api = limited_to(2);
    let first = api.apply("replay-key-1", &valid_application()).await;
    assert_eq!(first.status, 201);
    for _ in 0..5 {
        let again = api.apply("replay-key-1", &valid_application()).await;
        assert_eq!(again.status, 201);
        assert!(again.headers.contains_key("idempotent-replayed"));
    }
    assert_eq!(
        api.apply("replay-key-2", &valid_application()).await.status,
        201,
        "the replays left the second application's allowance"
    );
    assert_eq!(
        api.apply("replay-key-3", &valid_application()).await.status,
        429
    );
    // Limited now, yet the stored one is still answered, and a reused key still says so.
    let replay = api.apply("replay-key-1", &valid_application()).await;
    assert_eq!(replay.status, 201);
    assert_eq!(replay.body, first.body);
    let other_body = ApplicationRequest {
        message: "another text".into(),
        ..valid_application()
    };
    let reused = api.apply("replay-key-1", &other_body).await;
    assert_eq!(reused.status, 422);
    assert_eq!(
        reused.problem().problem_type,
        "/problems/idempotency-key-reused"
    );
    assert_eq!(api.stored_applications(), 2);
}

#[tokio::test]
async fn invalid_applications_are_refused_before_the_limit_and_do_not_count() {
    let api = limited_to(1);
    let invalid = ApplicationRequest {
        consent: false,
        ..valid_application()
    };
    for n in 0..3 {
        let response = api.apply(&format!("invalid-key-{n}"), &invalid).await;
        assert_eq!(response.status, 422);
    }
    assert_eq!(
        api.apply("valid-key-1", &valid_application()).await.status,
        201
    );
    // Over the limit, an invalid body still learns what is wrong with it.
    assert_eq!(api.apply("invalid-key-9", &invalid).await.status, 422);
}

#[test]
fn the_command_line_limits_to_30_a_minute_by_default_and_0_turns_it_off() {
    use clap::Parser;
    let default = Cli::try_parse_from(["passerelle-api"]).expect("defaults parse");
    assert_eq!(DEFAULT_APPLICATIONS_PER_MINUTE, 30);
    assert_eq!(
        default.application_limit(),
        ApplicationLimit::per_minute(30)
    );
    let off =
        Cli::try_parse_from(["passerelle-api", "--applications-per-minute", "0"]).expect("parses");
    assert_eq!(off.application_limit(), None);
}
