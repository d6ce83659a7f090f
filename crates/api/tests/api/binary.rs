//! The real binary: binds a free port, announces it on stdout, answers health.

use crate::stand_in::StandIn;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

#[test]
fn the_binary_announces_its_port_and_answers_health() {
    let dir = tempfile::TempDir::new().expect("temporary folder");
    let db = dir.path().join("data").join("applications.sqlite3");
    let server = StandIn::start(&db, &["--vacancies", "300", "--seed", "5"]);
    let addr = &server.addr;
    assert!(!addr.ends_with(":0"), "a real port was chosen: {addr}");

    let mut stream = TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    write!(
        stream,
        "GET /api/v1/health HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut response = String::new();
    stream
        .read_to_string(&mut response)
        .expect("read the response");
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(
        response.contains(r#"{"status":"ok","vacancies":300}"#),
        "{response}"
    );
    assert!(db.exists(), "the database folder was created");
}

/// One `POST /api/v1/applications` to `addr` from the local address `from`: status and head.
async fn apply_from(from: &str, addr: &str, key: &str, vacancy_id: u32) -> (u16, String) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let socket = tokio::net::TcpSocket::new_v4().expect("socket");
    socket
        .bind(format!("{from}:0").parse().expect("local address"))
        .expect("bind the client's address");
    let mut stream = socket
        .connect(addr.parse().expect("server address"))
        .await
        .expect("connect");
    let body = serde_json::to_string(&passerelle_core::api::ApplicationRequest {
        vacancy_id,
        first_name: "Amélie".into(),
        last_name: "Dupont".into(),
        email: "amelie.dupont@example.be".into(),
        consent: true,
        ..Default::default()
    })
    .expect("json");
    let request = format!(
        "POST /api/v1/applications HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\
         Content-Type: application/json\r\nIdempotency-Key: {key}\r\n\
         Content-Length: {}\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).await.expect("send");
    let mut response = String::new();
    stream
        .read_to_string(&mut response)
        .await
        .expect("read the response");
    let status = response
        .get(9..12)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status line: {response:?}"));
    let head = response.split("\r\n\r\n").next().unwrap_or("");
    (status, head.to_ascii_lowercase())
}

/// The served router must get each connection's peer address, or every client would share
/// one allowance: two loopback addresses are two clients.
#[tokio::test]
async fn the_binary_limits_new_applications_per_peer_address() {
    let dir = tempfile::TempDir::new().expect("temporary folder");
    let server = StandIn::start(
        &dir.path().join("applications.sqlite3"),
        &[
            "--vacancies",
            "300",
            "--seed",
            "5",
            "--applications-per-minute",
            "1",
        ],
    );
    let addr = &server.addr;
    let vacancy_id = passerelle_api::dataset::Dataset::generate(300, 5)
        .summaries()
        .iter()
        .find(|v| v.apply_mode == passerelle_core::api::ApplyMode::InApp)
        .expect("an in-app vacancy")
        .id;

    assert_eq!(
        apply_from("127.0.0.1", addr, "peer-one-1", vacancy_id)
            .await
            .0,
        201
    );
    let (status, head) = apply_from("127.0.0.1", addr, "peer-one-2", vacancy_id).await;
    assert_eq!(status, 429, "{head}");
    assert!(head.contains("retry-after: "), "{head}");
    assert!(head.contains("application/problem+json"), "{head}");
    assert_eq!(
        apply_from("127.0.0.2", addr, "peer-two-1", vacancy_id)
            .await
            .0,
        201
    );
}
