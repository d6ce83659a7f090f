//! Real vacancies: Le Forem's open data (dataset `offres-d-emploi-forem`, licence CC BY-SA 4.0),
//! synced from an Opendatasoft portal, kept where located in Flanders, mapped honestly to the
//! contract, deduplicated, stored in SQLite and served through the same routes and index as the
//! generated dataset. Off unless `--source forem --forem-url URL` is given.
//!
//! - [`record`] reads one exported record leniently; [`offer`] maps it (with [`place`],
//!   [`labels`] and [`clean`]) or says why it is dropped; [`dedup`] merges relays.
//! - [`client`] is the one owner of HTTP to the portal; [`sync`] runs one sync at a time and
//!   swaps the served index whole; [`store`] keeps the last good sync.
//! - [`serve`] turns a stored offer into the contract's summary and detail.
//! - [`fake_portal`] is a stand-in portal over fixture records, for tests and end-to-end runs.

pub mod clean;
pub mod client;
pub mod dedup;
pub mod fake_portal;
pub mod labels;
pub mod offer;
pub mod place;
pub mod record;
pub mod serve;
pub mod store;
pub mod sync;

pub use client::{ClientOptions, ForemClient};
pub use offer::ForemOffer;
pub use store::OfferStore;
pub use sync::{ForemSource, SyncOutcome, SyncReport};
