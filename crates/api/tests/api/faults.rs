//! Fault injection misbehaves exactly as configured, and not at all by default.

use crate::support::{search_uri, TestApi, WAVRE};
use passerelle_api::config::Cli;
use passerelle_api::faults::FaultConfig;
use passerelle_core::api::VacancyPage;
use std::time::{Duration, Instant};

fn search() -> String {
    search_uri(WAVRE.0, WAVRE.1, 30.0, "&limit=50")
}

#[tokio::test]
async fn the_default_configuration_injects_no_fault() {
    use clap::Parser;
    let cli = Cli::try_parse_from(["passerelle-api"]).expect("defaults parse");
    assert!(cli.faults().is_off());
    let api = TestApi::new();
    for _ in 0..20 {
        let response = api.get(&search()).await;
        assert_eq!(response.status, 200);
        let _: VacancyPage = response.json();
    }
}

#[tokio::test]
async fn an_error_rate_of_one_half_answers_every_second_request_503_but_not_health() {
    let api = TestApi::with_faults(FaultConfig {
        error_rate: 0.5,
        ..FaultConfig::default()
    });
    let statuses: Vec<u16> = {
        let mut statuses = Vec::new();
        for _ in 0..6 {
            let response = api.get(&search()).await;
            if response.status == 503 {
                assert_eq!(response.problem().problem_type, "/problems/unavailable");
            }
            statuses.push(response.status.as_u16());
        }
        statuses
    };
    assert_eq!(statuses, [200, 503, 200, 503, 200, 503]);
    for _ in 0..4 {
        assert_eq!(
            api.get("/api/v1/health").await.status,
            200,
            "health is never faulted"
        );
    }
}

#[tokio::test]
async fn a_malformed_rate_of_one_sends_truncated_json_with_status_200() {
    let api = TestApi::with_faults(FaultConfig {
        malformed_rate: 1.0,
        ..FaultConfig::default()
    });
    let response = api.get(&search()).await;
    assert_eq!(response.status, 200);
    assert_eq!(response.content_type(), "application/json");
    assert!(!response.body.is_empty());
    assert!(
        serde_json::from_slice::<VacancyPage>(&response.body).is_err(),
        "the body is cut short"
    );
    assert!(
        serde_json::from_slice::<serde_json::Value>(&api.get("/api/v1/health").await.body).is_ok()
    );
}

#[tokio::test]
async fn latency_delays_api_responses_but_not_health() {
    let api = TestApi::with_faults(FaultConfig {
        latency_ms: 3_000,
        ..FaultConfig::default()
    });
    let started = Instant::now();
    assert_eq!(api.get("/api/v1/vacancies/1").await.status, 200);
    assert!(started.elapsed() >= Duration::from_millis(3_000));
    // Health skips the delay: it answers long before the delay would end, with seconds of
    // margin for a loaded machine (this checks the delay is not applied, not the speed).
    let started = Instant::now();
    assert_eq!(api.get("/api/v1/health").await.status, 200);
    assert!(started.elapsed() < Duration::from_millis(1_500));
}

#[test]
fn fault_rates_outside_zero_to_one_are_refused_on_the_command_line() {
    use clap::Parser;
    assert!(Cli::try_parse_from(["passerelle-api", "--fault-error-rate", "1.5"]).is_err());
    assert!(Cli::try_parse_from(["passerelle-api", "--fault-malformed-rate", "-0.1"]).is_err());
    let cli = Cli::try_parse_from([
        "passerelle-api",
        "--fault-error-rate",
        "0.25",
        "--fault-latency-ms",
        "20",
    ])
    .expect("valid faults");
    assert_eq!(
        cli.faults(),
        FaultConfig {
            latency_ms: 20,
            error_rate: 0.25,
            malformed_rate: 0.0
        }
    );
    assert!(Cli::try_parse_from(["passerelle-api", "--vacancies", "200001"]).is_err());
}
