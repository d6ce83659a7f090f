//! An application being written: the form's values as typed, kept on the device so a reload or a
//! dropped connection loses nothing, and the idempotency key that makes a retry safe.

use crate::api::ApplicationRequest;
use crate::dutch::DutchLevel;
use serde::{Deserialize, Serialize};

/// The form as the person typed it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ApplicationDraft {
    pub vacancy_id: u32,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub phone: String,
    pub dutch_level: Option<DutchLevel>,
    pub forem_number: String,
    pub message: String,
    pub consent: bool,
    /// The last send attempt, if any.
    pub attempt: Option<SendAttempt>,
}

/// A send that may or may not have reached the server.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SendAttempt {
    pub idempotency_key: String,
    /// The exact request body sent with that key.
    pub body: String,
}

impl ApplicationDraft {
    pub fn new(vacancy_id: u32) -> Self {
        Self {
            vacancy_id,
            ..Default::default()
        }
    }

    /// The request this draft sends: trimmed, with empty optional fields left out.
    pub fn to_request(&self) -> ApplicationRequest {
        let optional = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        ApplicationRequest {
            vacancy_id: self.vacancy_id,
            first_name: self.first_name.trim().to_owned(),
            last_name: self.last_name.trim().to_owned(),
            email: self.email.trim().to_owned(),
            phone: optional(&self.phone),
            dutch_level: self.dutch_level,
            forem_number: optional(&self.forem_number),
            message: self.message.trim().to_owned(),
            consent: self.consent,
        }
    }

    /// The idempotency key for sending the draft as it is now.
    ///
    /// A retry of the same content reuses the key, so the server answers with the first
    /// reference instead of storing a second application. Content edited since the last
    /// attempt is a new application to the server's eyes (the same key with another body
    /// would be refused), so it gets a fresh key from `new_key`.
    pub fn key_for_send(&mut self, new_key: impl FnOnce() -> String) -> String {
        let body = serde_json::to_string(&self.to_request()).unwrap_or_default();
        match &self.attempt {
            Some(a) if a.body == body => a.idempotency_key.clone(),
            _ => {
                let key = new_key();
                self.attempt = Some(SendAttempt {
                    idempotency_key: key.clone(),
                    body,
                });
                key
            }
        }
    }

    /// True when nothing has been typed yet.
    pub fn is_blank(&self) -> bool {
        let empty = ApplicationDraft {
            vacancy_id: self.vacancy_id,
            dutch_level: self.dutch_level,
            ..Default::default()
        };
        ApplicationDraft {
            attempt: None,
            ..self.clone()
        } == empty
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> ApplicationDraft {
        ApplicationDraft {
            vacancy_id: 3,
            first_name: " Amélie ".into(),
            last_name: "Dupont".into(),
            email: "amelie@example.be".into(),
            phone: "  ".into(),
            message: "Bonjour".into(),
            consent: true,
            ..Default::default()
        }
    }

    #[test]
    fn the_request_is_trimmed_and_blank_optionals_are_left_out() {
        let req = draft().to_request();
        assert_eq!(req.first_name, "Amélie");
        assert_eq!(req.phone, None);
        assert_eq!(req.forem_number, None);
    }

    #[test]
    fn a_retry_of_the_same_content_reuses_the_key() {
        let mut d = draft();
        let first = d.key_for_send(|| "k1".into());
        let again = d.key_for_send(|| "k2".into());
        assert_eq!((first.as_str(), again.as_str()), ("k1", "k1"));
    }

    #[test]
    fn edited_content_gets_a_fresh_key() {
        let mut d = draft();
        d.key_for_send(|| "k1".into());
        d.message.push_str(" !");
        assert_eq!(d.key_for_send(|| "k2".into()), "k2");
    }

    #[test]
    fn whitespace_only_edits_keep_the_key_since_the_request_is_the_same() {
        let mut d = draft();
        d.key_for_send(|| "k1".into());
        d.last_name.push(' ');
        assert_eq!(d.key_for_send(|| "k2".into()), "k1");
    }

    #[test]
    fn drafts_survive_a_json_round_trip_and_old_drafts_with_missing_fields_load() {
        let mut d = draft();
        d.key_for_send(|| "k1".into());
        let json = serde_json::to_string(&d).unwrap();
        assert_eq!(serde_json::from_str::<ApplicationDraft>(&json).unwrap(), d);
        let old: ApplicationDraft =
            serde_json::from_str(r#"{"vacancy_id":3,"email":"a@b.be"}"#).unwrap();
        assert_eq!(old.email, "a@b.be");
    }

    #[test]
    fn a_new_draft_is_blank_until_something_is_typed() {
        let mut d = ApplicationDraft::new(3);
        assert!(d.is_blank());
        d.first_name.push('A');
        assert!(!d.is_blank());
    }
}
