//! The last good sync in SQLite (the applications' database file, tables of its own), so a
//! restart serves it at once, and the ids the offers were served under, so a vacancy keeps its
//! id from one sync to the next (shortlists and links in the app hold ids).

use super::offer::ForemOffer;
use super::sync::SyncReport;
use crate::store::StoreError;
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use std::path::Path;
use std::sync::Mutex;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS forem_ids (
    number TEXT PRIMARY KEY,
    id     INTEGER NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS forem_offers (
    id         INTEGER PRIMARY KEY,
    offer_json TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS forem_last_sync (
    only        INTEGER PRIMARY KEY CHECK (only = 1),
    report_json TEXT NOT NULL
);";

pub struct OfferStore {
    conn: Mutex<Connection>,
}

/// Offers with the ids they are served under.
pub type Stored = Vec<(u32, ForemOffer)>;

impl OfferStore {
    /// Opens (or creates) the tables in the database at `path`, whose folder must exist.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        let conn = Connection::open(path)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.execute_batch(SCHEMA)?;
        Ok(Self {
            conn: Mutex::new(conn),
        })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Connection> {
        // A transaction interrupted by a panic rolled back on drop: the data is whole.
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Replaces the stored offers with `offers` and the report with `report`, in one
    /// transaction: a crash midway leaves the previous sync. Returns the offers with their ids.
    pub fn replace(
        &self,
        offers: Vec<ForemOffer>,
        report: &SyncReport,
    ) -> Result<Stored, StoreError> {
        let mut conn = self.lock();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut next_id: i64 =
            tx.query_row("SELECT COALESCE(MAX(id), 0) + 1 FROM forem_ids", [], |r| {
                r.get(0)
            })?;
        tx.execute("DELETE FROM forem_offers", [])?;
        let mut stored = Vec::with_capacity(offers.len());
        for offer in offers {
            let known: Option<i64> = tx
                .query_row(
                    "SELECT id FROM forem_ids WHERE number = ?1",
                    [&offer.number],
                    |r| r.get(0),
                )
                .optional()?;
            let id = match known {
                Some(id) => id,
                None => {
                    tx.execute(
                        "INSERT INTO forem_ids (number, id) VALUES (?1, ?2)",
                        params![offer.number, next_id],
                    )?;
                    next_id += 1;
                    next_id - 1
                }
            };
            tx.execute(
                "INSERT INTO forem_offers (id, offer_json) VALUES (?1, ?2)",
                params![id, serde_json::to_string(&offer)?],
            )?;
            // Ids start at 1 and grow by one per new offer: u32 lasts millions of syncs.
            stored.push((u32::try_from(id).unwrap_or(u32::MAX), offer));
        }
        tx.execute(
            "INSERT INTO forem_last_sync (only, report_json) VALUES (1, ?1)
             ON CONFLICT (only) DO UPDATE SET report_json = excluded.report_json",
            [serde_json::to_string(report)?],
        )?;
        tx.commit()?;
        Ok(stored)
    }

    /// The last good sync: its offers (rows that no longer read are skipped) and its report.
    pub fn load(&self) -> Result<(Stored, Option<SyncReport>), StoreError> {
        let conn = self.lock();
        let mut rows = conn.prepare("SELECT id, offer_json FROM forem_offers ORDER BY id")?;
        let offers = rows
            .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?
            .filter_map(Result::ok)
            .filter_map(|(id, json)| {
                Some((u32::try_from(id).ok()?, serde_json::from_str(&json).ok()?))
            })
            .collect();
        let report = conn
            .query_row("SELECT report_json FROM forem_last_sync", [], |r| {
                r.get::<_, String>(0)
            })
            .optional()?
            .and_then(|json| serde_json::from_str(&json).ok());
        Ok((offers, report))
    }
}
