//! A lossy TCP proxy in front of the stand-in, one request per connection
//! (`Connection: close`). It drops a share of requests (read from the client, never sent on)
//! and a share of responses (the server handled the request; the client gets nothing, or the
//! first bytes of the answer, then the connection closes), and tallies what the server
//! answered, including the replays that are duplicates prevented.

use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

/// Shares of requests and of forwarded requests' responses to drop, 0.0–1.0.
#[derive(Debug, Clone, Copy)]
pub struct Losses {
    pub requests: f64,
    pub responses: f64,
}

/// What went through, counted by the proxy.
#[derive(Debug, Default)]
pub struct Tally {
    pub connections: AtomicU64,
    pub requests_dropped: AtomicU64,
    pub responses_dropped: AtomicU64,
    /// The server's answers to forwarded requests, by kind.
    pub stored: AtomicU64,
    pub replayed: AtomicU64,
    pub unavailable: AtomicU64,
    pub malformed: AtomicU64,
    pub other: AtomicU64,
}

pub struct Proxy {
    pub addr: String,
    pub tally: Arc<Tally>,
    stop: Arc<AtomicBool>,
    accepting: Option<JoinHandle<()>>,
}

/// True for the calls that make the running count cross the next whole loss: with share r,
/// call n loses when ⌊n·r⌋ > ⌊(n−1)·r⌋ (the stand-in's fault rule), so shares are exact.
fn loses(counter: &AtomicU64, share: f64) -> bool {
    let n = counter.fetch_add(1, Ordering::Relaxed) + 1;
    share > 0.0 && (n as f64 * share).floor() > ((n - 1) as f64 * share).floor()
}

impl Proxy {
    pub fn start(upstream: &str, losses: Losses) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind the proxy");
        let addr = listener.local_addr().expect("proxy address").to_string();
        let tally = Arc::new(Tally::default());
        let stop = Arc::new(AtomicBool::new(false));
        let (upstream, counters) = (
            upstream.to_owned(),
            Arc::new([AtomicU64::new(0), AtomicU64::new(0)]),
        );
        let accepting = {
            let (tally, stop) = (tally.clone(), stop.clone());
            std::thread::spawn(move || {
                for client in listener.incoming() {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(client) = client else { continue };
                    let (upstream, tally, counters) =
                        (upstream.clone(), tally.clone(), counters.clone());
                    std::thread::spawn(move || {
                        tally.connections.fetch_add(1, Ordering::Relaxed);
                        let drop_request = loses(&counters[0], losses.requests);
                        // Counted over forwarded requests only.
                        let drop_response = move || loses(&counters[1], losses.responses);
                        let _ = relay(client, &upstream, drop_request, drop_response, &tally);
                    });
                }
            })
        };
        Self {
            addr,
            tally,
            stop,
            accepting: Some(accepting),
        }
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wakes the accept loop so it sees the flag.
        let _ = TcpStream::connect(&self.addr);
        if let Some(accepting) = self.accepting.take() {
            let _ = accepting.join();
        }
    }
}

/// One exchange: the whole request in, then (unless dropped) the whole answer from the server,
/// then (unless dropped) the answer out.
fn relay(
    mut client: TcpStream,
    upstream: &str,
    drop_request: bool,
    drop_response: impl FnOnce() -> bool,
    tally: &Tally,
) -> std::io::Result<()> {
    client.set_read_timeout(Some(Duration::from_secs(20)))?;
    let request = read_request(&mut client)?;
    if drop_request {
        tally.requests_dropped.fetch_add(1, Ordering::Relaxed);
        return client.shutdown(Shutdown::Both);
    }
    let mut server = TcpStream::connect(upstream)?;
    server.set_read_timeout(Some(Duration::from_secs(20)))?;
    server.write_all(&request)?;
    let mut response = Vec::new();
    server.read_to_end(&mut response)?;
    count_answer(&response, tally);
    if drop_response() {
        tally.responses_dropped.fetch_add(1, Ordering::Relaxed);
        // Every other loss cuts the answer mid-way instead of sending nothing.
        if tally.responses_dropped.load(Ordering::Relaxed) % 2 == 0 {
            client.write_all(&response[..response.len() / 2])?;
        }
        return client.shutdown(Shutdown::Both);
    }
    client.write_all(&response)?;
    client.shutdown(Shutdown::Both)
}

/// Head and `Content-Length` body of one HTTP/1.1 request.
fn read_request(client: &mut TcpStream) -> std::io::Result<Vec<u8>> {
    let mut request = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        let n = client.read(&mut chunk)?;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        request.extend_from_slice(&chunk[..n]);
        let Some(head_end) = request.windows(4).position(|w| w == b"\r\n\r\n") else {
            continue;
        };
        let head = String::from_utf8_lossy(&request[..head_end]).to_ascii_lowercase();
        let length: usize = head
            .lines()
            .find_map(|l| l.strip_prefix("content-length:"))
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(0);
        if request.len() >= head_end + 4 + length {
            return Ok(request);
        }
    }
}

fn count_answer(response: &[u8], tally: &Tally) {
    let text = String::from_utf8_lossy(response).to_ascii_lowercase();
    let status = text.get(9..12).unwrap_or("");
    let counter = match status {
        "201" if text.contains("idempotent-replayed: true") => &tally.replayed,
        "201" => &tally.stored,
        "503" => &tally.unavailable,
        // The stand-in's malformed fault: a 200 whose JSON is cut short.
        "200" => &tally.malformed,
        _ => &tally.other,
    };
    counter.fetch_add(1, Ordering::Relaxed);
}
