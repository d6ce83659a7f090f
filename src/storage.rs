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

fn read<T: DeserializeOwned>(key: &str) -> Option<T> {
    let raw = local_storage().ok()?.get_item(key).ok()??;
    // A corrupt or outdated entry is dropped rather than crashing the form.
    serde_json::from_str(&raw).ok()
}

fn write<T: Serialize>(key: &str, value: &T) -> Result<(), StorageError> {
    let json = serde_json::to_string(value).map_err(|_| StorageError::WriteFailed)?;
    local_storage()?
        .set_item(key, &json)
        .map_err(|_| StorageError::WriteFailed)
}

fn remove(key: &str) {
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
