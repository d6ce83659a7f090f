//! Validation of an application: one function, run by the app before sending and by the API on receipt.

use crate::api::{ApplicationRequest, FieldError, FieldErrorCode};

pub const NAME_MAX_CHARS: usize = 80;
pub const EMAIL_MAX_CHARS: usize = 254;
pub const PHONE_MAX_CHARS: usize = 25;
pub const FOREM_NUMBER_MAX_CHARS: usize = 20;
pub const MESSAGE_MAX_CHARS: usize = 4000;

/// Checks every field of an application and returns all problems at once, in form order.
///
/// What only the server knows (the vacancy exists and takes in-app applications) is checked there.
pub fn validate_application(app: &ApplicationRequest) -> Result<(), Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut check = |field: &str, result: Result<(), FieldErrorCode>| {
        if let Err(code) = result {
            errors.push(FieldError::new(field, code));
        }
    };
    check("first_name", required_text(&app.first_name, NAME_MAX_CHARS));
    check("last_name", required_text(&app.last_name, NAME_MAX_CHARS));
    check("email", email(&app.email));
    if let Some(phone) = app.phone.as_deref().filter(|p| !p.trim().is_empty()) {
        check("phone", phone_number(phone));
    }
    if let Some(number) = app.forem_number.as_deref().filter(|n| !n.trim().is_empty()) {
        check("forem_number", forem_number(number));
    }
    check("message", max_chars(&app.message, MESSAGE_MAX_CHARS));
    check(
        "consent",
        if app.consent {
            Ok(())
        } else {
            Err(FieldErrorCode::ConsentRequired)
        },
    );
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

fn max_chars(s: &str, max: usize) -> Result<(), FieldErrorCode> {
    if s.chars().count() > max {
        Err(FieldErrorCode::TooLong)
    } else {
        Ok(())
    }
}

fn required_text(s: &str, max: usize) -> Result<(), FieldErrorCode> {
    if s.trim().is_empty() {
        return Err(FieldErrorCode::Required);
    }
    max_chars(s, max)?;
    if s.chars().any(char::is_control) {
        return Err(FieldErrorCode::InvalidFormat);
    }
    Ok(())
}

/// A pragmatic address check: one `@`, a non-empty local part, a dotted domain, no spaces.
fn email(s: &str) -> Result<(), FieldErrorCode> {
    let s = s.trim();
    if s.is_empty() {
        return Err(FieldErrorCode::Required);
    }
    max_chars(s, EMAIL_MAX_CHARS)?;
    let valid = match s.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && !s.chars().any(|c| c.is_whitespace() || c.is_control())
                && domain.split('.').count() >= 2
                && domain.split('.').all(|label| !label.is_empty())
        }
        None => false,
    };
    if valid {
        Ok(())
    } else {
        Err(FieldErrorCode::InvalidEmail)
    }
}

/// Belgian or international numbers: digits with optional `+`, spaces, dots, slashes, dashes
/// and parentheses; 8 to 15 digits (E.164's maximum).
fn phone_number(s: &str) -> Result<(), FieldErrorCode> {
    max_chars(s, PHONE_MAX_CHARS)?;
    let allowed = |c: char| c.is_ascii_digit() || " +./-()".contains(c);
    let digits = s.chars().filter(char::is_ascii_digit).count();
    if s.chars().all(allowed) && (8..=15).contains(&digits) && plus_only_in_front(s) {
        Ok(())
    } else {
        Err(FieldErrorCode::InvalidPhone)
    }
}

/// No `+` after the first character. Counted in characters, not bytes, so it is safe for any
/// text on its own, not only after the ASCII check above.
fn plus_only_in_front(s: &str) -> bool {
    !s.chars().skip(1).any(|c| c == '+')
}

/// Forem's registration numbers are alphanumeric; we accept letters, digits, spaces and dashes.
fn forem_number(s: &str) -> Result<(), FieldErrorCode> {
    max_chars(s, FOREM_NUMBER_MAX_CHARS)?;
    if s.chars()
        .all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '-')
    {
        Ok(())
    } else {
        Err(FieldErrorCode::InvalidFormat)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::DutchLevel;

    fn valid() -> ApplicationRequest {
        ApplicationRequest {
            vacancy_id: 1,
            first_name: "Amélie".into(),
            last_name: "Dupont".into(),
            email: "amelie.dupont@example.be".into(),
            phone: Some("+32 470 12 34 56".into()),
            dutch_level: Some(DutchLevel::Basic),
            forem_number: None,
            message: "Bonjour".into(),
            consent: true,
        }
    }

    fn codes(app: &ApplicationRequest) -> Vec<(String, FieldErrorCode)> {
        validate_application(app)
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| (e.field, e.code))
            .collect()
    }

    #[test]
    fn a_complete_application_is_valid() {
        assert_eq!(validate_application(&valid()), Ok(()));
    }

    #[test]
    fn every_problem_is_reported_at_once_in_form_order() {
        let app = ApplicationRequest {
            vacancy_id: 1,
            ..Default::default()
        };
        assert_eq!(
            codes(&app),
            vec![
                ("first_name".into(), FieldErrorCode::Required),
                ("last_name".into(), FieldErrorCode::Required),
                ("email".into(), FieldErrorCode::Required),
                ("consent".into(), FieldErrorCode::ConsentRequired),
            ]
        );
    }

    #[test]
    fn blank_names_are_missing_not_valid() {
        let app = ApplicationRequest {
            first_name: "   ".into(),
            ..valid()
        };
        assert_eq!(
            codes(&app),
            vec![("first_name".into(), FieldErrorCode::Required)]
        );
    }

    #[test]
    fn malformed_emails_are_rejected() {
        for bad in [
            "amelie", "a@b", "a@@b.be", "a b@c.be", "@c.be", "a@.be", "a@b.",
        ] {
            let app = ApplicationRequest {
                email: bad.into(),
                ..valid()
            };
            assert_eq!(
                codes(&app),
                vec![("email".into(), FieldErrorCode::InvalidEmail)],
                "{bad}"
            );
        }
    }

    #[test]
    fn phone_is_optional_but_checked_when_given() {
        assert_eq!(
            validate_application(&ApplicationRequest {
                phone: None,
                ..valid()
            }),
            Ok(())
        );
        assert_eq!(
            validate_application(&ApplicationRequest {
                phone: Some(" ".into()),
                ..valid()
            }),
            Ok(())
        );
        assert_eq!(
            validate_application(&ApplicationRequest {
                phone: Some("0470/12.34.56".into()),
                ..valid()
            }),
            Ok(())
        );
        for bad in ["12345", "call me", "+32 470 +12"] {
            let app = ApplicationRequest {
                phone: Some(bad.into()),
                ..valid()
            };
            assert_eq!(
                codes(&app),
                vec![("phone".into(), FieldErrorCode::InvalidPhone)],
                "{bad}"
            );
        }
    }

    #[test]
    fn the_plus_check_is_safe_on_any_text_including_empty_and_non_ascii() {
        // Guards the byte slice `s[1..]` this replaced, which panicked on "" or a first
        // character wider than one byte whenever the checks before it did not run first.
        assert!(plus_only_in_front(""));
        assert!(plus_only_in_front("é"));
        assert!(plus_only_in_front("+32 470"));
        assert!(!plus_only_in_front("é+32"));
        assert!(!plus_only_in_front("€€+"));
        assert_eq!(
            codes(&ApplicationRequest {
                phone: Some("é+32470123456".into()),
                ..valid()
            }),
            vec![("phone".into(), FieldErrorCode::InvalidPhone)]
        );
    }

    #[test]
    fn lengths_are_counted_in_characters_not_bytes() {
        let app = ApplicationRequest {
            first_name: "é".repeat(NAME_MAX_CHARS),
            ..valid()
        };
        assert_eq!(validate_application(&app), Ok(()));
        let app = ApplicationRequest {
            message: "x".repeat(MESSAGE_MAX_CHARS + 1),
            ..valid()
        };
        assert_eq!(
            codes(&app),
            vec![("message".into(), FieldErrorCode::TooLong)]
        );
    }

    #[test]
    fn control_characters_in_names_are_rejected() {
        let app = ApplicationRequest {
            last_name: "Du\u{0}pont".into(),
            ..valid()
        };
        assert_eq!(
            codes(&app),
            vec![("last_name".into(), FieldErrorCode::InvalidFormat)]
        );
    }

    #[test]
    fn forem_number_accepts_alphanumerics_only() {
        let ok = ApplicationRequest {
            forem_number: Some("AB-12345".into()),
            ..valid()
        };
        assert_eq!(validate_application(&ok), Ok(()));
        let bad = ApplicationRequest {
            forem_number: Some("<script>".into()),
            ..valid()
        };
        assert_eq!(
            codes(&bad),
            vec![("forem_number".into(), FieldErrorCode::InvalidFormat)]
        );
    }
}
