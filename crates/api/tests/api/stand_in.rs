//! The real `passerelle-api` binary for the tests that need a process (a port, a SIGKILL, a
//! proxy in between): started on a free port, and killed when dropped, failed assertion or not.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

pub struct StandIn {
    child: Child,
    /// `127.0.0.1:PORT`, as announced on the first line of stdout.
    pub addr: String,
}

impl StandIn {
    /// Starts the binary with `args`, storing applications in `db` and serving no app files.
    pub fn start(db: &Path, args: &[&str]) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_passerelle-api"))
            .args(["--addr", "127.0.0.1:0"])
            .args(args)
            .arg("--db")
            .arg(db)
            .arg("--dist")
            .arg(db.with_file_name("no-dist"))
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the binary");
        let addr = announced_address(&mut child);
        Self { child, addr }
    }

    /// SIGKILL on Unix: no graceful shutdown, no flushing.
    pub fn kill(&mut self) {
        self.child.kill().expect("kill");
        self.child.wait().expect("reap");
    }
}

impl Drop for StandIn {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The address the binary announces on its first line of stdout (`listening on http://…`).
fn announced_address(child: &mut Child) -> String {
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("piped stdout"))
        .read_line(&mut line)
        .expect("read the first line");
    line.trim()
        .strip_prefix("listening on http://")
        .unwrap_or_else(|| panic!("unexpected first line: {line:?}"))
        .to_owned()
}

/// What came back: status, head (status line and headers, lower case) and body.
pub type RawResponse = (u16, String, String);

/// One `POST /api/v1/applications` over a fresh connection (`Connection: close`), or the
/// transport error that leaves its outcome unknown (no answer, or one cut short).
pub fn post_application(addr: &str, key: &str, body: &str) -> std::io::Result<RawResponse> {
    let mut stream = TcpStream::connect(addr)?;
    stream.set_read_timeout(Some(Duration::from_secs(20)))?;
    write!(
        stream,
        "POST /api/v1/applications HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\
         Content-Type: application/json\r\nIdempotency-Key: {key}\r\n\
         Content-Length: {}\r\n\r\n{body}",
        body.len()
    )?;
    let mut response = String::new();
    stream.read_to_string(&mut response)?;
    let status = response
        .get(9..12)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("no status line: {response:?}")))?;
    // An answer cut before the end of its head or its Content-Length is a broken connection,
    // as a browser reports it.
    let (head, body) = response
        .split_once("\r\n\r\n")
        .ok_or(std::io::ErrorKind::UnexpectedEof)?;
    let head = head.to_ascii_lowercase();
    let length = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse::<usize>().ok());
    if length.is_some_and(|length| body.len() < length) {
        return Err(std::io::ErrorKind::UnexpectedEof.into());
    }
    Ok((status, head, body.to_owned()))
}

/// Every stored application as (idempotency key, reference, body JSON), read from the
/// database file directly: what the tests trust is on disk, not what the server says.
pub fn stored_applications(db: &Path) -> Vec<(String, String, String)> {
    let conn = rusqlite::Connection::open(db).expect("open the database");
    let mut rows = conn
        .prepare("SELECT idempotency_key, reference, body_json FROM applications")
        .expect("query");
    rows.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("rows")
}
