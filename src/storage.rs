//! The one owner of browser storage: application drafts and sent receipts, all under one key
//! prefix so a kiosk can wipe everything a visitor left.

use passerelle_core::api::ApplicationReceipt;
use passerelle_core::draft::ApplicationDraft;
use serde::{de::DeserializeOwned, Serialize};
use web_sys::Storage;

const PREFIX: &str = "passerelle.";

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum StorageError {
    /// Private browsing, disabled storage, or a full quota.
    #[error("local storage is not available")]
    Unavailable,
    #[error("could not write to local storage")]
    WriteFailed,
}

fn local_storage() -> Result<Storage, StorageError> {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .ok_or(StorageError::Unavailable)
}

thread_local! {
    /// Kiosk mode: entries live here instead of in localStorage, and die with the page.
    static MEMORY: std::cell::RefCell<Option<std::collections::HashMap<String, String>>> =
        const { std::cell::RefCell::new(None) };
}

/// From now on nothing is written to browser storage; entries are kept in memory only.
pub fn keep_in_memory_only() {
    MEMORY.with_borrow_mut(|m| {
        m.get_or_insert_with(Default::default);
    });
}

/// Removes every entry of the app from localStorage, sessionStorage and memory.
pub fn forget_everything() {
    MEMORY.with_borrow_mut(|m| {
        if let Some(m) = m {
            m.clear();
        }
    });
    let window = web_sys::window();
    let stores = [
        window
            .as_ref()
            .and_then(|w| w.local_storage().ok().flatten()),
        window
            .as_ref()
            .and_then(|w| w.session_storage().ok().flatten()),
    ];
    for store in stores.into_iter().flatten() {
        let keys: Vec<String> = (0..store.length().unwrap_or(0))
            .filter_map(|i| store.key(i).ok().flatten())
            .filter(|k| k.starts_with(PREFIX))
            .collect();
        for key in keys {
            let _ = store.remove_item(&key);
        }
    }
}

fn read_raw(key: &str) -> Option<String> {
    if let Some(found) = MEMORY.with_borrow(|m| m.as_ref().map(|m| m.get(key).cloned())) {
        return found;
    }
    local_storage().ok()?.get_item(key).ok()?
}

fn read<T: DeserializeOwned>(key: &str) -> Option<T> {
    let raw = read_raw(key)?;
    // A corrupt or outdated entry is dropped rather than crashing the form.
    serde_json::from_str(&raw).ok()
}

fn write<T: Serialize>(key: &str, value: &T) -> Result<(), StorageError> {
    let json = serde_json::to_string(value).map_err(|_| StorageError::WriteFailed)?;
    let in_memory = MEMORY.with_borrow_mut(|m| {
        m.as_mut()
            .map(|m| m.insert(key.to_owned(), json.clone()))
            .is_some()
    });
    if in_memory {
        return Ok(());
    }
    local_storage()?
        .set_item(key, &json)
        .map_err(|_| StorageError::WriteFailed)
}

fn remove(key: &str) {
    MEMORY.with_borrow_mut(|m| {
        if let Some(m) = m {
            m.remove(key);
        }
    });
    if let Ok(storage) = local_storage() {
        let _ = storage.remove_item(key);
    }
}

fn draft_key(vacancy_id: u32) -> String {
    format!("{PREFIX}draft.{vacancy_id}")
}

fn receipt_key(vacancy_id: u32) -> String {
    format!("{PREFIX}sent.{vacancy_id}")
}

pub fn load_draft(vacancy_id: u32) -> Option<ApplicationDraft> {
    read::<ApplicationDraft>(&draft_key(vacancy_id)).filter(|d| d.vacancy_id == vacancy_id)
}

pub fn save_draft(draft: &ApplicationDraft) -> Result<(), StorageError> {
    write(&draft_key(draft.vacancy_id), draft)
}

/// The receipt of an application already sent for this vacancy from this device.
pub fn load_receipt(vacancy_id: u32) -> Option<ApplicationReceipt> {
    read(&receipt_key(vacancy_id))
}

/// Records a sent application and forgets its draft.
pub fn application_sent(vacancy_id: u32, receipt: &ApplicationReceipt) {
    let _ = write(&receipt_key(vacancy_id), receipt);
    remove(&draft_key(vacancy_id));
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
    use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn a_saved_draft_loads_back_with_its_idempotency_key() {
        let mut draft = ApplicationDraft::new(901);
        draft.first_name = "Amélie".into();
        draft.key_for_send(|| "key-901".into());
        save_draft(&draft).unwrap();
        assert_eq!(load_draft(901), Some(draft));
    }

    #[wasm_bindgen_test]
    fn a_corrupt_entry_is_ignored_rather_than_crashing_the_form() {
        local_storage()
            .unwrap()
            .set_item(&draft_key(902), "{not json")
            .unwrap();
        assert_eq!(load_draft(902), None);
    }

    #[wasm_bindgen_test]
    fn sending_records_the_receipt_and_forgets_the_draft() {
        save_draft(&ApplicationDraft::new(903)).unwrap();
        let receipt = ApplicationReceipt {
            reference: "PAS-2026-000903".into(),
            received_at: "2026-11-30T10:00:00Z".into(),
        };
        application_sent(903, &receipt);
        assert_eq!(load_draft(903), None);
        assert_eq!(load_receipt(903), Some(receipt));
    }

    #[wasm_bindgen_test]
    fn idempotency_keys_are_128_bit_hex_and_differ() {
        let (a, b) = (new_idempotency_key(), new_idempotency_key());
        assert_eq!(a.len(), 32);
        assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
    }
}
