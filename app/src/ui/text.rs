//! Rules for what people type: trimmed, not empty, not longer than the field allows.
use crate::error::{AppError, Field, Problem};

/// Longest question or practice body, in characters (the database checks the same bound).
pub const MAX_POST_CHARS: usize = 2000;
/// Longest e-mail address (RFC 5321).
pub const MAX_EMAIL_CHARS: usize = 254;

/// Trims `raw` and checks it is present and at most `max` characters.
pub fn required(field: Field, raw: &str, max: usize) -> Result<String, AppError> {
    let text = raw.trim();
    if text.is_empty() {
        return Err(AppError::Invalid { field, problem: Problem::Empty });
    }
    if text.chars().count() > max {
        let max = u32::try_from(max).unwrap_or(u32::MAX);
        return Err(AppError::Invalid { field, problem: Problem::TooLong { max } });
    }
    Ok(text.to_owned())
}

/// A plausible e-mail address, lower-cased: one `@`, something on each side, no spaces.
pub fn email(raw: &str) -> Result<String, AppError> {
    let email = required(Field::Email, raw, MAX_EMAIL_CHARS)?.to_lowercase();
    let ok = match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty() && !domain.is_empty() && !domain.contains('@') && !email.contains(char::is_whitespace)
        }
        None => false,
    };
    if ok {
        Ok(email)
    } else {
        Err(AppError::Invalid { field: Field::Email, problem: Problem::Malformed })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_and_keeps_inner_text() {
        assert_eq!(required(Field::Question, "  Comment fais-tu ?  ", 50), Ok("Comment fais-tu ?".into()));
    }

    #[test]
    fn refuses_blank() {
        assert_eq!(
            required(Field::Question, " \n\t ", 50),
            Err(AppError::Invalid { field: Field::Question, problem: Problem::Empty })
        );
    }

    #[test]
    fn counts_characters_not_bytes() {
        let accents = "é".repeat(10);
        assert!(required(Field::Question, &accents, 10).is_ok());
        assert_eq!(
            required(Field::Question, &"é".repeat(11), 10),
            Err(AppError::Invalid { field: Field::Question, problem: Problem::TooLong { max: 10 } })
        );
    }

    #[test]
    fn email_is_lowercased_and_checked() {
        assert_eq!(email(" Camille.Martin@Demo.FR "), Ok("camille.martin@demo.fr".into()));
        for bad in ["", "camille", "@demo.fr", "camille@", "a@b@c", "ca mille@demo.fr"] {
            assert!(email(bad).is_err(), "{bad:?} should be refused");
        }
    }
}
