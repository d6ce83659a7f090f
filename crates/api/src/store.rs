//! Durable applications in SQLite (WAL mode), keyed by their Idempotency-Key so a retried
//! request never stores a second row.

use crate::calendar::UtcTimestamp;
use passerelle_core::api::{ApplicationReceipt, ApplicationRequest};
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS applications (
    id              INTEGER PRIMARY KEY,
    reference       TEXT NOT NULL UNIQUE,
    idempotency_key TEXT NOT NULL UNIQUE,
    body_sha256     TEXT NOT NULL,
    body_json       TEXT NOT NULL,
    vacancy_id      INTEGER NOT NULL,
    received_at     TEXT NOT NULL
);";

/// Why the store failed; never caused by a request's content.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot create the folder {path}: {source}")]
    CreateDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("SQLite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("cannot serialise the application: {0}")]
    Serialise(#[from] serde_json::Error),
}

/// What recording an application did.
#[derive(Debug, Clone, PartialEq)]
pub enum Recorded {
    /// A new row.
    Created(ApplicationReceipt),
    /// The same key and body were stored before: the original receipt.
    Replayed(ApplicationReceipt),
    /// The key was stored before with a different body.
    KeyReused,
}

/// The applications table behind one connection (SQLite serialises writers anyway).
pub struct ApplicationStore {
    conn: Mutex<Connection>,
}

impl ApplicationStore {
    /// Opens (or creates) the database file, creating its parent folders.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|source| StoreError::CreateDir {
                path: parent.to_owned(),
                source,
            })?;
        }
        let conn = Connection::open(path)?;
        // WAL lets readers run beside the writer; FULL sync makes a 201 survive a power cut.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.execute_batch(SCHEMA)?;
        Ok(Self {
            conn: Mutex::new(conn),
        })
    }

    /// Stores the application under `key`, or returns what an earlier request with that key got.
    pub fn record(
        &self,
        key: &str,
        application: &ApplicationRequest,
    ) -> Result<Recorded, StoreError> {
        // The re-serialised struct, not the raw bytes: whitespace or key order in a retried
        // request must not count as a different body.
        let body_json = serde_json::to_string(application)?;
        let body_sha256 = hex(&Sha256::digest(body_json.as_bytes()));

        // A panic while holding the lock leaves no half-done transaction (it rolls back on drop).
        let mut conn = self
            .conn
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let existing: Option<(String, String, String)> = tx
            .query_row(
                "SELECT reference, received_at, body_sha256 FROM applications WHERE idempotency_key = ?1",
                [key],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
            )
            .optional()?;
        if let Some((reference, received_at, stored_hash)) = existing {
            return Ok(if stored_hash == body_sha256 {
                Recorded::Replayed(ApplicationReceipt {
                    reference,
                    received_at,
                })
            } else {
                Recorded::KeyReused
            });
        }
        let id: i64 = tx.query_row(
            "SELECT COALESCE(MAX(id), 0) + 1 FROM applications",
            [],
            |r| r.get(0),
        )?;
        let now = UtcTimestamp::now();
        let receipt = ApplicationReceipt {
            reference: format!("PAS-{}-{id:06}", now.date.year),
            received_at: now.rfc3339(),
        };
        tx.execute(
            "INSERT INTO applications (id, reference, idempotency_key, body_sha256, body_json, vacancy_id, received_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                id,
                receipt.reference,
                key,
                body_sha256,
                body_json,
                application.vacancy_id,
                receipt.received_at
            ],
        )?;
        tx.commit()?;
        Ok(Recorded::Created(receipt))
    }

    /// Whether an application was stored under `key` (with whatever body).
    pub fn contains_key(&self, key: &str) -> Result<bool, StoreError> {
        let conn = self
            .conn
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let found: Option<i64> = conn
            .query_row(
                "SELECT 1 FROM applications WHERE idempotency_key = ?1",
                [key],
                |r| r.get(0),
            )
            .optional()?;
        Ok(found.is_some())
    }

    /// Number of stored applications.
    pub fn count(&self) -> Result<u64, StoreError> {
        let conn = self
            .conn
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let n: i64 = conn.query_row("SELECT COUNT(*) FROM applications", [], |r| r.get(0))?;
        Ok(u64::try_from(n).unwrap_or(0))
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
