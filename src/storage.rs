//! The one owner of browser storage. Everything the app keeps on the device is personal and
//! lives under one key prefix, so a kiosk can wipe all of it:
//!
//! | key                          | value                                                   | kept       |
//! |------------------------------|---------------------------------------------------------|------------|
//! | `passerelle.draft.{vacancy}` | the application being written ([`ApplicationDraft`])    | 30 days    |
//! | `passerelle.sent.{vacancy}`  | an application sent from this device ([`SentApplication`]) | a year  |
//!
//! Both in `localStorage`, as JSON stamped with the time of saving ([`Stamped`]); the retention
//! times are `passerelle_core::on_device`'s. Expired and unreadable entries are removed when read
//! and by [`sweep_expired`] at startup. Nothing is written to `sessionStorage`, but
//! [`forget_everything`] clears the prefix there too.
//!
//! On a shared screen, [`keep_in_memory_only`] makes every read and write go to a map in memory,
//! with the same API, so nothing a visitor types reaches the disk.

use passerelle_core::draft::ApplicationDraft;
use passerelle_core::on_device::{
    read_entry, sweep_entry, Found, Kept, SentApplication, Stamped, Sweep,
};
use serde::{de::DeserializeOwned, Serialize};
use std::cell::RefCell;
use std::collections::BTreeMap;
use web_sys::Storage;

/// The prefix of every key the app writes.
const PREFIX: &str = "passerelle.";
const DRAFT_PREFIX: &str = "passerelle.draft.";
const SENT_PREFIX: &str = "passerelle.sent.";

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum StorageError {
    /// Private browsing, disabled storage, or a full quota.
    #[error("local storage is not available")]
    Unavailable,
    #[error("could not write to local storage")]
    WriteFailed,
}

thread_local! {
    /// `Some` once the app keeps everything in memory (kiosk mode): the keys and JSON values
    /// that would otherwise be in `localStorage`.
    static MEMORY: RefCell<Option<BTreeMap<String, String>>> = const { RefCell::new(None) };
}

/// From now on nothing is written to the browser's storage: drafts and sent applications live
/// in memory until the page is closed or [`forget_everything`] is called. Anything an earlier
/// visit left in the browser's storage is removed, so a kiosk starts clean. Call once at startup.
// Kiosk mode calls this when a session starts.
pub fn keep_in_memory_only() {
    MEMORY.with_borrow_mut(|memory| {
        memory.get_or_insert_with(BTreeMap::new);
    });
    forget_everything();
}

/// Removes every key of the app from `localStorage` and `sessionStorage` and empties the
/// in-memory store; other sites' or tools' keys on the same origin are left alone.
// Kiosk mode calls this when a session starts and at every reset.
pub fn forget_everything() {
    MEMORY.with_borrow_mut(|memory| {
        if let Some(map) = memory {
            map.clear();
        }
    });
    let window = web_sys::window();
    let storages = [
        window
            .as_ref()
            .and_then(|w| w.local_storage().ok().flatten()),
        window
            .as_ref()
            .and_then(|w| w.session_storage().ok().flatten()),
    ];
    for storage in storages.into_iter().flatten() {
        for key in keys_in(&storage, PREFIX) {
            let _ = storage.remove_item(&key);
        }
    }
}

/// Removes the expired and unreadable entries (run once at startup, so personal data does not
/// outlive its retention time just because the person never opens that vacancy again).
/// Reads time stamps only ([`sweep_entry`]), so the start page carries no draft decoder.
pub fn sweep_expired() {
    let now = now_ms();
    for (prefix, kind) in [
        (DRAFT_PREFIX, Kept::Draft),
        (SENT_PREFIX, Kept::SentApplication),
    ] {
        for key in keys(prefix) {
            let Some(raw) = get_raw(&key) else { continue };
            match sweep_entry(&raw, kind, now) {
                Sweep::Keep => {}
                Sweep::Remove => remove(&key),
                Sweep::Restamp(json) => {
                    let _ = set_raw(&key, json);
                }
            }
        }
    }
}

fn local_storage() -> Result<Storage, StorageError> {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .ok_or(StorageError::Unavailable)
}

fn in_memory() -> bool {
    MEMORY.with_borrow(Option::is_some)
}

fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

fn get_raw(key: &str) -> Option<String> {
    if in_memory() {
        return MEMORY.with_borrow(|m| m.as_ref().and_then(|m| m.get(key).cloned()));
    }
    local_storage().ok()?.get_item(key).ok()?
}

fn set_raw(key: &str, json: String) -> Result<(), StorageError> {
    if in_memory() {
        MEMORY.with_borrow_mut(|m| m.as_mut().map(|m| m.insert(key.to_owned(), json)));
        return Ok(());
    }
    local_storage()?
        .set_item(key, &json)
        .map_err(|_| StorageError::WriteFailed)
}

fn remove(key: &str) {
    if in_memory() {
        MEMORY.with_borrow_mut(|m| m.as_mut().map(|m| m.remove(key)));
    } else if let Ok(storage) = local_storage() {
        let _ = storage.remove_item(key);
    }
}

/// The keys starting with `prefix` in the current store.
fn keys(prefix: &str) -> Vec<String> {
    if in_memory() {
        return MEMORY.with_borrow(|m| {
            m.iter()
                .flat_map(|m| m.keys())
                .filter(|k| k.starts_with(prefix))
                .cloned()
                .collect()
        });
    }
    local_storage()
        .map(|s| keys_in(&s, prefix))
        .unwrap_or_default()
}

/// Collected before any removal, since removing shifts the storage's indices.
fn keys_in(storage: &Storage, prefix: &str) -> Vec<String> {
    let count = storage.length().unwrap_or(0);
    (0..count)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| k.starts_with(prefix))
        .collect()
}

/// Reads an entry with its saving time; an expired or unreadable entry is removed, and one from
/// before timestamps is stamped now (see [`Found::Unstamped`]).
fn read_at<T: DeserializeOwned + Serialize>(key: &str, kind: Kept, now: u64) -> Option<Stamped<T>> {
    let raw = get_raw(key)?;
    match read_entry::<T>(&raw, kind, now) {
        Found::Fresh(stamped) => Some(stamped),
        Found::Unstamped(value) => {
            let stamped = Stamped {
                saved_at_ms: now,
                value,
            };
            let _ = write_stamped(key, &stamped);
            Some(stamped)
        }
        Found::Drop => {
            remove(key);
            None
        }
    }
}

fn write_stamped<T: Serialize>(key: &str, stamped: &Stamped<T>) -> Result<(), StorageError> {
    let json = serde_json::to_string(stamped).map_err(|_| StorageError::WriteFailed)?;
    set_raw(key, json)
}

fn write_now<T: Serialize>(key: &str, value: T) -> Result<(), StorageError> {
    write_stamped(
        key,
        &Stamped {
            saved_at_ms: now_ms(),
            value,
        },
    )
}

fn draft_key(vacancy_id: u32) -> String {
    format!("{DRAFT_PREFIX}{vacancy_id}")
}

fn sent_key(vacancy_id: u32) -> String {
    format!("{SENT_PREFIX}{vacancy_id}")
}

/// The draft for this vacancy, unless there is none or it has expired.
pub fn load_draft(vacancy_id: u32) -> Option<ApplicationDraft> {
    read_at::<ApplicationDraft>(&draft_key(vacancy_id), Kept::Draft, now_ms())
        .map(|s| s.value)
        .filter(|d| d.vacancy_id == vacancy_id)
}

/// Saves the draft; its 30 days start again.
pub fn save_draft(draft: &ApplicationDraft) -> Result<(), StorageError> {
    write_now(&draft_key(draft.vacancy_id), draft)
}

/// Forgets the draft for this vacancy.
pub fn discard_draft(vacancy_id: u32) {
    remove(&draft_key(vacancy_id));
}

/// The application already sent for this vacancy from this device, if any.
pub fn load_sent(vacancy_id: u32) -> Option<SentApplication> {
    read_at::<SentApplication>(&sent_key(vacancy_id), Kept::SentApplication, now_ms())
        .map(|s| with_id(s.value, vacancy_id))
        .filter(SentApplication::is_usable)
}

/// Records a sent application and forgets its draft.
pub fn application_sent(sent: &SentApplication) {
    save_sent(sent);
    discard_draft(sent.vacancy_id);
}

/// Keeps the record of a sent application (again, after an undone delete); its year starts now.
pub fn save_sent(sent: &SentApplication) {
    let _ = write_now(&sent_key(sent.vacancy_id), sent);
}

/// Every application sent from this device and not expired, the latest first.
pub fn sent_applications() -> Vec<SentApplication> {
    let now = now_ms();
    let mut found: Vec<Stamped<SentApplication>> = keys(SENT_PREFIX)
        .iter()
        .filter_map(|key| {
            let id = key.strip_prefix(SENT_PREFIX)?.parse::<u32>().ok()?;
            let mut stamped = read_at::<SentApplication>(key, Kept::SentApplication, now)?;
            stamped.value = with_id(stamped.value, id);
            stamped.value.is_usable().then_some(stamped)
        })
        .collect();
    found.sort_by_key(|s| std::cmp::Reverse(s.saved_at_ms));
    found.into_iter().map(|s| s.value).collect()
}

/// Forgets the record of the application sent for this vacancy.
pub fn delete_sent(vacancy_id: u32) {
    remove(&sent_key(vacancy_id));
}

/// Records from older versions carry no vacancy id; the key has it.
fn with_id(mut sent: SentApplication, vacancy_id: u32) -> SentApplication {
    if sent.vacancy_id == 0 {
        sent.vacancy_id = vacancy_id;
    }
    sent
}

/// A fresh random idempotency key (128 bits, hex). `getRandomValues` works on plain-HTTP
/// deployments too, unlike `randomUUID`.
pub fn new_idempotency_key() -> String {
    let mut bytes = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .and_then(|c| c.get_random_values_with_u8_array(&mut bytes).ok())
        .is_some();
    if !filled {
        // No Web Crypto (very old browser): time and Math.random still make collisions unlikely.
        let noise =
            (js_sys::Date::now() as u64) ^ ((js_sys::Math::random() * u64::MAX as f64) as u64);
        bytes[..8].copy_from_slice(&noise.to_le_bytes());
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Run in headless Chromium: `cargo test -p passerelle --target wasm32-unknown-unknown` (xtask sets the runner).
#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use passerelle_core::on_device::DRAFT_RETENTION_DAYS;
    use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

    wasm_bindgen_test_configure!(run_in_browser);

    const DAY_MS: u64 = 24 * 60 * 60 * 1000;

    fn session_storage() -> Storage {
        web_sys::window()
            .unwrap()
            .session_storage()
            .unwrap()
            .unwrap()
    }

    fn app_keys_in(storage: &Storage) -> Vec<String> {
        keys_in(storage, PREFIX)
    }

    /// Leaves memory-only mode when a test that entered it ends, even by a failed assertion.
    struct BackToBrowserStorage;
    impl Drop for BackToBrowserStorage {
        fn drop(&mut self) {
            MEMORY.with_borrow_mut(|m| *m = None);
        }
    }

    fn sent(vacancy_id: u32) -> SentApplication {
        SentApplication {
            vacancy_id,
            reference: format!("PAS-2026-{vacancy_id:06}"),
            received_at: "2026-11-30T10:00:00Z".into(),
            title: "Lasser".into(),
            employer: "Metaal NV".into(),
            town: "53053".into(),
            dutch: "basic".into(),
        }
    }

    #[wasm_bindgen_test]
    fn a_saved_draft_loads_back_with_its_idempotency_key() {
        let mut draft = ApplicationDraft::new(901);
        draft.first_name = "Amélie".into();
        draft.key_for_send(|| "key-901".into());
        save_draft(&draft).unwrap();
        assert_eq!(load_draft(901), Some(draft));
    }

    #[wasm_bindgen_test]
    fn a_corrupt_entry_is_ignored_rather_than_crashing_the_form_and_removed() {
        let storage = local_storage().unwrap();
        storage.set_item(&draft_key(902), "{not json").unwrap();
        assert_eq!(load_draft(902), None);
        assert_eq!(storage.get_item(&draft_key(902)).unwrap(), None);
    }

    #[wasm_bindgen_test]
    fn sending_records_the_application_and_forgets_the_draft() {
        save_draft(&ApplicationDraft::new(903)).unwrap();
        application_sent(&sent(903));
        assert_eq!(load_draft(903), None);
        assert_eq!(load_sent(903), Some(sent(903)));
        assert!(sent_applications().contains(&sent(903)));
        delete_sent(903);
        assert_eq!(load_sent(903), None);
        assert!(!sent_applications().iter().any(|s| s.vacancy_id == 903));
    }

    #[wasm_bindgen_test]
    fn an_expired_draft_is_not_restored_and_is_removed() {
        let storage = local_storage().unwrap();
        let old = Stamped {
            saved_at_ms: now_ms() - (u64::from(DRAFT_RETENTION_DAYS) + 1) * DAY_MS,
            value: ApplicationDraft {
                first_name: "Ancien".into(),
                ..ApplicationDraft::new(904)
            },
        };
        storage
            .set_item(&draft_key(904), &serde_json::to_string(&old).unwrap())
            .unwrap();
        assert_eq!(load_draft(904), None);
        assert_eq!(storage.get_item(&draft_key(904)).unwrap(), None);
    }

    #[wasm_bindgen_test]
    fn the_startup_sweep_removes_expired_and_corrupt_entries_restamps_old_ones_and_keeps_the_rest()
    {
        let storage = local_storage().unwrap();
        let old = Stamped {
            saved_at_ms: now_ms() - 400 * DAY_MS,
            value: sent(905),
        };
        storage
            .set_item(&sent_key(905), &serde_json::to_string(&old).unwrap())
            .unwrap();
        save_draft(&ApplicationDraft::new(906)).unwrap();
        storage.set_item(&draft_key(909), "[1,2]").unwrap();
        storage
            .set_item(&draft_key(912), r#"{"vacancy_id":912,"first_name":"Anna"}"#)
            .unwrap();
        sweep_expired();
        assert_eq!(storage.get_item(&sent_key(905)).unwrap(), None);
        assert!(storage.get_item(&draft_key(906)).unwrap().is_some());
        assert_eq!(storage.get_item(&draft_key(909)).unwrap(), None);
        let restamped = storage.get_item(&draft_key(912)).unwrap().unwrap();
        assert!(restamped.starts_with(r#"{"saved_at_ms":"#), "{restamped}");
        assert_eq!(load_draft(912).map(|d| d.first_name), Some("Anna".into()));
        discard_draft(906);
        discard_draft(912);
    }

    #[wasm_bindgen_test]
    fn a_draft_and_a_receipt_from_before_timestamps_load_and_get_stamped() {
        let storage = local_storage().unwrap();
        storage
            .set_item(
                &draft_key(907),
                r#"{"vacancy_id":907,"first_name":"Amélie"}"#,
            )
            .unwrap();
        storage
            .set_item(
                &sent_key(908),
                r#"{"reference":"PAS-2026-000908","received_at":"2026-11-30T10:00:00Z"}"#,
            )
            .unwrap();
        assert_eq!(load_draft(907).map(|d| d.first_name), Some("Amélie".into()));
        let record = load_sent(908).unwrap();
        assert_eq!(
            (record.vacancy_id, record.reference.as_str()),
            (908, "PAS-2026-000908")
        );
        let restamped = storage.get_item(&draft_key(907)).unwrap().unwrap();
        assert!(restamped.contains("saved_at_ms"), "{restamped}");
        discard_draft(907);
        delete_sent(908);
    }

    #[wasm_bindgen_test]
    fn in_memory_only_mode_a_saved_draft_reads_back_but_never_reaches_local_storage() {
        let _restore = BackToBrowserStorage;
        keep_in_memory_only();
        let draft = ApplicationDraft {
            email: "visiteur@example.be".into(),
            ..ApplicationDraft::new(910)
        };
        save_draft(&draft).unwrap();
        application_sent(&sent(911));
        assert_eq!(load_draft(910), Some(draft));
        assert_eq!(sent_applications(), vec![sent(911)]);
        assert_eq!(app_keys_in(&local_storage().unwrap()), Vec::<String>::new());
        assert_eq!(app_keys_in(&session_storage()), Vec::<String>::new());

        forget_everything();
        assert_eq!(load_draft(910), None);
        assert_eq!(sent_applications(), vec![]);
    }

    #[wasm_bindgen_test]
    fn memory_only_mode_starts_by_removing_what_an_earlier_visit_left() {
        let _restore = BackToBrowserStorage;
        save_draft(&ApplicationDraft::new(912)).unwrap();
        keep_in_memory_only();
        assert_eq!(load_draft(912), None);
        assert_eq!(app_keys_in(&local_storage().unwrap()), Vec::<String>::new());
    }

    #[wasm_bindgen_test]
    fn forget_everything_removes_app_keys_from_both_storages_and_leaves_foreign_keys() {
        let (local, session) = (local_storage().unwrap(), session_storage());
        save_draft(&ApplicationDraft::new(913)).unwrap();
        application_sent(&sent(914));
        session.set_item("passerelle.something", "x").unwrap();
        local.set_item("other-app.token", "keep me").unwrap();
        session.set_item("other-app.tab", "keep me too").unwrap();
        // Only the prefix counts: a key that merely contains the name is not the app's.
        local.set_item("my-passerelle.note", "not ours").unwrap();
        assert!(!app_keys_in(&local).is_empty());

        forget_everything();

        assert_eq!(app_keys_in(&local), Vec::<String>::new());
        assert_eq!(app_keys_in(&session), Vec::<String>::new());
        assert_eq!(
            local.get_item("other-app.token").unwrap().as_deref(),
            Some("keep me")
        );
        assert_eq!(
            session.get_item("other-app.tab").unwrap().as_deref(),
            Some("keep me too")
        );
        assert_eq!(
            local.get_item("my-passerelle.note").unwrap().as_deref(),
            Some("not ours")
        );
        for key in ["other-app.token", "my-passerelle.note"] {
            local.remove_item(key).unwrap();
        }
        session.remove_item("other-app.tab").unwrap();
    }

    #[wasm_bindgen_test]
    fn idempotency_keys_are_128_bit_hex_and_differ() {
        let (a, b) = (new_idempotency_key(), new_idempotency_key());
        assert_eq!(a.len(), 32);
        assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
    }
}
