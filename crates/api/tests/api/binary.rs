//! The real binary: binds a free port, announces it on stdout, answers health.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// Kills the server even when an assertion fails.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn the_binary_announces_its_port_and_answers_health() {
    let dir = tempfile::TempDir::new().expect("temporary folder");
    let child = Command::new(env!("CARGO_BIN_EXE_passerelle-api"))
        .args(["--addr", "127.0.0.1:0", "--vacancies", "300", "--seed", "5"])
        .arg("--db")
        .arg(dir.path().join("data").join("applications.sqlite3"))
        .arg("--dist")
        .arg(dir.path().join("dist"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the binary");
    let mut server = Server(child);

    let addr = crate::support::announced_address(&mut server.0);
    assert!(!addr.ends_with(":0"), "a real port was chosen: {addr}");

    let mut stream = TcpStream::connect(&addr).expect("connect");
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
    assert!(
        dir.path()
            .join("data")
            .join("applications.sqlite3")
            .exists(),
        "the database folder was created"
    );
}
