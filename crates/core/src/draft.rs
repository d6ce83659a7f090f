//! An application being written: the form's values as typed, kept on the device so a reload or a
//! dropped connection loses nothing, and the idempotency key that makes a retry safe.
//!
//! What the form may do after a failed send is decided here: reuse the key (same content),
//! take a new one (edited content, or the person confirmed after the server refused the key),
//! and whether to warn that an edited resend may reach the employer twice.

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
    /// What the app learnt of it (drafts saved before this field existed read as unknown).
    #[serde(default)]
    pub outcome: AttemptOutcome,
}

/// What a send that got no receipt says about the server's copy.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AttemptOutcome {
    /// The server may hold it: the send is in flight, got no answer (network, timeout, a reload),
    /// a 5xx that may come after storing, or a 2xx whose receipt could not be read.
    #[default]
    Unknown,
    /// Refused before anything was stored (a 4xx, a busy 429 or 503).
    NotStored,
    /// The server holds another application under this key (`/problems/idempotency-key-reused`):
    /// an earlier send with other content reached it.
    KeyTaken,
}

impl AttemptOutcome {
    /// The outcome of a send that got `status` (`None`: no answer at all) and no usable receipt.
    pub fn of_failure(status: Option<u16>) -> Self {
        match status {
            None => AttemptOutcome::Unknown,
            Some(200..=299) => AttemptOutcome::Unknown,
            // Busy or restarting: refused at the door.
            Some(429 | 503) => AttemptOutcome::NotStored,
            Some(400..=499) => AttemptOutcome::NotStored,
            // A 500, 502 or 504 may come from a server (or proxy) after the store committed.
            Some(_) => AttemptOutcome::Unknown,
        }
    }
}

/// The problem type (RFC 9457) of "this Idempotency-Key was used for another application";
/// the API may give it relative, as the stand-in does, or absolute.
pub const KEY_REUSED_PROBLEM: &str = "/problems/idempotency-key-reused";

/// True for a problem `type` that says the key is taken by other content.
pub fn is_key_reused(problem_type: &str) -> bool {
    problem_type.ends_with(KEY_REUSED_PROBLEM)
}

/// What pressing "send" does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SendPlan {
    /// Send under this idempotency key (the same one for a retry of the same content).
    Send { key: String },
    /// The server refused the key for other content: sending needs the person's yes, and then
    /// a new key ([`ApplicationDraft::send_under_new_key`]). Resending under the old key would be
    /// refused for ever.
    ConfirmNewKey,
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
                    outcome: AttemptOutcome::Unknown,
                });
                key
            }
        }
    }

    /// What "send" should do now; records the attempt (with its key) before the request leaves.
    pub fn plan_send(&mut self, new_key: impl FnOnce() -> String) -> SendPlan {
        if self
            .attempt
            .as_ref()
            .is_some_and(|a| a.outcome == AttemptOutcome::KeyTaken)
        {
            return SendPlan::ConfirmNewKey;
        }
        let key = self.key_for_send(new_key);
        if let Some(attempt) = &mut self.attempt {
            attempt.outcome = AttemptOutcome::Unknown;
        }
        SendPlan::Send { key }
    }

    /// The person confirmed sending this content as a new application: a fresh key.
    pub fn send_under_new_key(&mut self, new_key: impl FnOnce() -> String) -> String {
        self.attempt = None;
        self.key_for_send(new_key)
    }

    /// Remembers what a failed send said about the server's copy.
    pub fn send_failed(&mut self, outcome: AttemptOutcome) {
        if let Some(attempt) = &mut self.attempt {
            attempt.outcome = outcome;
        }
    }

    /// True when an earlier send may have reached the server (its outcome is unknown) and the
    /// content has changed since: sending now goes under a new key, and the employer could get
    /// two applications. (A key taken by other content asks its own question: `plan_send`.)
    pub fn may_send_twice(&self) -> bool {
        self.attempt.as_ref().is_some_and(|a| {
            a.outcome == AttemptOutcome::Unknown
                && serde_json::to_string(&self.to_request()).ok().as_deref() != Some(&a.body)
        })
    }

    /// Puts back the content of the last attempt, so a resend reuses its key; false when there
    /// is none (or its body cannot be read, which leaves the draft as it is).
    pub fn restore_attempted(&mut self) -> bool {
        let Some(sent) = self
            .attempt
            .as_ref()
            .and_then(|a| serde_json::from_str::<ApplicationRequest>(&a.body).ok())
        else {
            return false;
        };
        self.first_name = sent.first_name;
        self.last_name = sent.last_name;
        self.email = sent.email;
        self.phone = sent.phone.unwrap_or_default();
        self.dutch_level = sent.dutch_level;
        self.forem_number = sent.forem_number.unwrap_or_default();
        self.message = sent.message;
        self.consent = sent.consent;
        true
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

    #[test]
    fn a_busy_server_s_refusal_keeps_the_key_for_the_same_content() {
        let mut d = draft();
        assert_eq!(
            d.plan_send(|| "k1".into()),
            SendPlan::Send { key: "k1".into() }
        );
        d.send_failed(AttemptOutcome::of_failure(Some(429)));
        assert_eq!(
            d.plan_send(|| "k2".into()),
            SendPlan::Send { key: "k1".into() }
        );
    }

    #[test]
    fn a_key_taken_by_other_content_is_never_resent_and_a_new_one_needs_a_yes() {
        // Regression: the form resent the refused key for ever, each time refused with 422.
        let mut d = draft();
        d.plan_send(|| "k1".into());
        d.send_failed(AttemptOutcome::KeyTaken);
        assert_eq!(d.plan_send(|| "k2".into()), SendPlan::ConfirmNewKey);
        d.message.push_str(" (edited)");
        assert_eq!(
            d.plan_send(|| "k2".into()),
            SendPlan::ConfirmNewKey,
            "editing does not get round the question"
        );
        assert_eq!(d.send_under_new_key(|| "k2".into()), "k2");
        assert_eq!(
            d.plan_send(|| "k3".into()),
            SendPlan::Send { key: "k2".into() }
        );
    }

    #[test]
    fn editing_after_a_send_of_unknown_outcome_warns_of_a_second_application() {
        let mut d = draft();
        d.plan_send(|| "k1".into());
        d.send_failed(AttemptOutcome::of_failure(None));
        assert!(
            !d.may_send_twice(),
            "the same content resends under the same key"
        );
        d.message = "Autre texte".into();
        assert!(d.may_send_twice());
        assert!(d.restore_attempted());
        assert_eq!(d.message, "Bonjour");
        assert!(!d.may_send_twice());
        assert_eq!(
            d.plan_send(|| "k2".into()),
            SendPlan::Send { key: "k1".into() }
        );
    }

    #[test]
    fn editing_after_a_refusal_that_stored_nothing_needs_no_warning() {
        let mut d = draft();
        d.plan_send(|| "k1".into());
        d.send_failed(AttemptOutcome::of_failure(Some(503)));
        d.message = "Autre texte".into();
        assert!(!d.may_send_twice());
    }

    #[test]
    fn a_send_cut_off_by_a_reload_counts_as_unknown() {
        let mut d = draft();
        d.plan_send(|| "k1".into());
        let reloaded: ApplicationDraft =
            serde_json::from_str(&serde_json::to_string(&d).unwrap()).unwrap();
        assert_eq!(reloaded.attempt.unwrap().outcome, AttemptOutcome::Unknown);
        let old: ApplicationDraft = serde_json::from_str(
            r#"{"vacancy_id":3,"attempt":{"idempotency_key":"k0","body":"{}"}}"#,
        )
        .unwrap();
        assert_eq!(old.attempt.unwrap().outcome, AttemptOutcome::Unknown);
    }

    #[test]
    fn the_key_reused_problem_is_recognised_relative_or_absolute() {
        assert!(is_key_reused("/problems/idempotency-key-reused"));
        assert!(is_key_reused(
            "https://api.example.be/api/v1/problems/idempotency-key-reused"
        ));
        assert!(!is_key_reused("/problems/validation"));
        assert!(!is_key_reused("about:blank"));
    }

    #[test]
    fn which_failures_may_have_stored_the_application() {
        use AttemptOutcome::*;
        let cases = [
            (None, Unknown),
            (Some(201), Unknown),
            (Some(500), Unknown),
            (Some(502), Unknown),
            (Some(504), Unknown),
            (Some(503), NotStored),
            (Some(429), NotStored),
            (Some(400), NotStored),
            (Some(422), NotStored),
        ];
        for (status, outcome) in cases {
            assert_eq!(AttemptOutcome::of_failure(status), outcome, "{status:?}");
        }
    }
}
