//! A stand-in for the Opendatasoft portal: the dataset's export endpoint over fixture records,
//! filtered by the `datedebutdiffusion` window of the `where` parameter as the real one does,
//! with faults to script (429 with `Retry-After`, 500, a body cut short, garbage). Tests start
//! it in-process; `fake-forem` serves it to end-to-end runs. Never used by a real deployment.

use super::client::EXPORT_PATH;
use crate::calendar::Date;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde_json::Value;
use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

/// One scripted misbehaviour, used by the next request.
#[derive(Debug, Clone, PartialEq)]
pub enum Fault {
    TooManyRequests {
        retry_after_secs: u64,
    },
    ServerError,
    /// 200 with a `Content-Length` the body never reaches: the connection ends midway.
    CutBody,
    /// 200 with a body that is not JSON.
    NotJson,
}

/// A request the portal received.
#[derive(Debug, Clone)]
pub struct SeenRequest {
    pub where_clause: Option<String>,
    pub user_agent: Option<String>,
    pub at: std::time::Instant,
}

#[derive(Default)]
pub struct FakePortal {
    records: Mutex<Vec<Value>>,
    /// What the next requests get, in order: a fault, or `None` for a normal answer.
    next_faults: Mutex<VecDeque<Option<Fault>>>,
    /// A fault for every request once the scripted ones are used (a portal that is down).
    every_request: Mutex<Option<Fault>>,
    seen: Mutex<Vec<SeenRequest>>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl FakePortal {
    pub fn new(records: Vec<Value>) -> Arc<Self> {
        let portal = Self::default();
        *lock(&portal.records) = records;
        Arc::new(portal)
    }

    /// The records of a fixture file: a JSON list, as the export answers.
    pub fn records_from_file(path: &std::path::Path) -> Result<Vec<Value>, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        match serde_json::from_str(&text) {
            Ok(Value::Array(records)) => Ok(records),
            Ok(_) => Err(format!("{}: not a JSON list", path.display())),
            Err(e) => Err(format!("{}: {e}", path.display())),
        }
    }

    pub fn set_records(&self, records: Vec<Value>) {
        *lock(&self.records) = records;
    }

    /// The next request not yet scripted gets `fault`.
    pub fn push_fault(&self, fault: Fault) {
        lock(&self.next_faults).push_back(Some(fault));
    }

    /// The next `count` requests not yet scripted get normal answers, whatever
    /// [`Self::fail_every_request`] says: "fail from the sixth request on".
    pub fn answer_next(&self, count: usize) {
        lock(&self.next_faults).extend(std::iter::repeat_n(None, count));
    }

    pub fn fail_every_request(&self, fault: Option<Fault>) {
        *lock(&self.every_request) = fault;
    }

    pub fn seen(&self) -> Vec<SeenRequest> {
        lock(&self.seen).clone()
    }

    /// Serves on `addr` (port 0 picks one) until the runtime ends; returns the bound address.
    pub async fn serve(self: Arc<Self>, addr: SocketAddr) -> std::io::Result<SocketAddr> {
        let listener = tokio::net::TcpListener::bind(addr).await?;
        let bound = listener.local_addr()?;
        let app = Router::new()
            .route(EXPORT_PATH, get(export))
            .with_state(self);
        tokio::spawn(async move {
            // The fake ends with its runtime; an accept error ends it early, which a test sees.
            let _ = axum::serve(listener, app).await;
        });
        Ok(bound)
    }
}

async fn export(
    State(portal): State<Arc<FakePortal>>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let where_clause = query.get("where").cloned();
    lock(&portal.seen).push(SeenRequest {
        where_clause: where_clause.clone(),
        user_agent: headers
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned),
        at: std::time::Instant::now(),
    });
    let scripted = lock(&portal.next_faults).pop_front();
    let fault = scripted.unwrap_or_else(|| lock(&portal.every_request).clone());
    let window = where_clause.as_deref().and_then(parse_window);
    let records: Vec<Value> = lock(&portal.records)
        .iter()
        .filter(|r| match window {
            Some((from, until)) => published(r).is_some_and(|d| from <= d && d < until),
            None => true,
        })
        .cloned()
        .collect();
    let body = serde_json::to_vec(&records).unwrap_or_default();
    match fault {
        None => json_response(body),
        Some(Fault::TooManyRequests { retry_after_secs }) => (
            StatusCode::TOO_MANY_REQUESTS,
            [(header::RETRY_AFTER, retry_after_secs.to_string())],
            r#"{"error_code":"TooManyRequests"}"#,
        )
            .into_response(),
        Some(Fault::ServerError) => {
            (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response()
        }
        Some(Fault::CutBody) => {
            let full = body.len();
            let mut response = json_response(body[..full / 2].to_vec());
            response
                .headers_mut()
                .insert(header::CONTENT_LENGTH, HeaderValue::from(full));
            response
        }
        Some(Fault::NotJson) => json_response(b"<html>maintenance</html>".to_vec()),
    }
}

fn json_response(body: Vec<u8>) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}

fn published(record: &Value) -> Option<Date> {
    Date::parse_iso_prefix(record.get("datedebutdiffusion")?.as_str()?)
}

/// `datedebutdiffusion >= date'A' AND datedebutdiffusion < date'B'`, the form the client sends.
fn parse_window(clause: &str) -> Option<(Date, Date)> {
    let mut dates = clause
        .split("date'")
        .skip(1)
        .filter_map(|part| Date::parse_iso_prefix(part.get(..10)?));
    Some((dates.next()?, dates.next()?))
}

/// The records with their diffusion dates moved by whole days so the newest publication is
/// `today` minus one: fixtures written once stay current for end-to-end runs.
pub fn rebase_dates(records: &mut [Value], today: Date) {
    let Some(newest) = records.iter().filter_map(published).max() else {
        return;
    };
    let shift = today.to_days() - 1 - newest.to_days();
    for record in records.iter_mut() {
        for field in ["datedebutdiffusion", "datefindiffusion"] {
            let moved = record
                .get(field)
                .and_then(Value::as_str)
                .and_then(Date::parse_iso_prefix)
                .map(|d| d.plus_days(shift).iso());
            if let (Some(moved), Some(object)) = (moved, record.as_object_mut()) {
                object.insert(field.to_owned(), Value::String(moved));
            }
        }
    }
}
