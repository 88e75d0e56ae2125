//! Rules for what people type: trimmed, not empty, not longer than the field allows.
use crate::error::{AppError, Field, Problem};

/// Longest question or practice body, in characters (the database checks the same bound).
pub const MAX_POST_CHARS: usize = 2000;
/// Longest part of a practice besides what was done (context, outcome, difficulty).
pub const MAX_PART_CHARS: usize = 1000;
/// Most replies one person posts in a minute, whatever the circle: enough for a lively
/// exchange, too few to flood a thread (a queued burst goes out over a few minutes).
pub const MAX_REPLIES_PER_MINUTE: u32 = 6;
/// Longest e-mail address (RFC 5321).
pub const MAX_EMAIL_CHARS: usize = 254;

/// Text for the two places Leptos writes into the server's HTML unescaped: a `<textarea>`'s
/// children (`{server_escaped(text)}`, as it does a script's) and the page's `<title>` (the
/// root `Title`'s formatter). A post holding `</textarea>` or `</title>` would otherwise end
/// the element and the rest be read as HTML. Escaped on the server (the browser reads the
/// entities back in both); in the browser a text node and `document.title` take it as is.
///
/// The HTML parser also drops one line break right after `<textarea>`: a text that starts with
/// one (a refused form's, as typed) gets another in front, so none of its own is lost. In a
/// title, that is white space the browser collapses.
pub fn server_escaped(text: String) -> String {
    #[cfg(feature = "ssr")]
    {
        let escaped = html_escape::encode_text(&text);
        if text.starts_with('\n') || text.starts_with("\r\n") {
            format!("\n{escaped}")
        } else {
            escaped.into_owned()
        }
    }
    #[cfg(not(feature = "ssr"))]
    {
        text
    }
}

/// Trims `raw` and checks it is present and at most `max` characters.
pub fn required(field: Field, raw: &str, max: usize) -> Result<String, AppError> {
    // A form posted without JavaScript sends line breaks as "\r\n": one break, one character,
    // as the browser's `maxlength` counts it.
    let normalised = raw.replace("\r\n", "\n").replace('\r', "\n");
    let text = normalised.trim();
    if text.is_empty() {
        return Err(AppError::Invalid { field, problem: Problem::Empty });
    }
    if text.chars().count() > max {
        let max = u32::try_from(max).unwrap_or(u32::MAX);
        return Err(AppError::Invalid { field, problem: Problem::TooLong { max } });
    }
    Ok(text.to_owned())
}

/// Trims `raw`, which may be empty, and checks it is at most `max` characters.
pub fn optional(field: Field, raw: &str, max: usize) -> Result<String, AppError> {
    let text = raw.trim();
    if text.is_empty() {
        return Ok(String::new());
    }
    required(field, text, max)
}

/// Longest tag, in characters.
pub const MAX_TAG_CHARS: usize = 30;
/// Most tags on a practice.
pub const MAX_TAGS: usize = 5;

/// Tags typed as "a, b, c": trimmed, blanks dropped, the same tag once (whatever its case),
/// each at most [`MAX_TAG_CHARS`], at most [`MAX_TAGS`].
pub fn tags(raw: &str) -> Result<Vec<String>, AppError> {
    labels(Field::Tags, raw)
}

/// A list of short labels typed as "a, b, c" for `field` (tags, a library entry's themes or
/// skills): as [`tags`].
pub fn labels(field: Field, raw: &str) -> Result<Vec<String>, AppError> {
    let mut tags: Vec<String> = Vec::new();
    for tag in raw.split(',').map(str::trim).filter(|t| !t.is_empty()) {
        let tag = required(field, tag, MAX_TAG_CHARS)?;
        if !tags.iter().any(|t| same_tag(t, &tag)) {
            tags.push(tag);
        }
    }
    if tags.len() > MAX_TAGS {
        return Err(AppError::Invalid { field, problem: Problem::TooMany { max: MAX_TAGS as u32 } });
    }
    Ok(tags)
}

/// Whether two tags are the same whatever their case. The server compares them fully; the
/// browser's early check compares ASCII letters only, so the first load does not carry the
/// Unicode case tables (about 12 KB of brotli): at worst it counts "Équipe, équipe" as two.
fn same_tag(a: &str, b: &str) -> bool {
    #[cfg(feature = "ssr")]
    {
        a.to_lowercase() == b.to_lowercase()
    }
    #[cfg(not(feature = "ssr"))]
    {
        a.eq_ignore_ascii_case(b)
    }
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
    fn a_line_break_is_one_character_however_it_was_sent() {
        assert_eq!(required(Field::Question, "a\r\nb", 3), Ok("a\nb".into()));
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
    fn tags_are_split_trimmed_and_counted() {
        assert_eq!(
            tags(" accueil, Réunion ,, réunion,équipe "),
            Ok(vec!["accueil".into(), "Réunion".into(), "équipe".into()])
        );
        assert_eq!(tags("  "), Ok(vec![]));
        assert_eq!(
            tags("a,b,c,d,e,f"),
            Err(AppError::Invalid { field: Field::Tags, problem: Problem::TooMany { max: 5 } })
        );
        assert_eq!(
            tags(&"x".repeat(31)),
            Err(AppError::Invalid { field: Field::Tags, problem: Problem::TooLong { max: 30 } })
        );
        assert_eq!(optional(Field::Context, "   ", 10), Ok(String::new()));
    }

    #[test]
    fn email_is_lowercased_and_checked() {
        assert_eq!(email(" Camille.Martin@Demo.FR "), Ok("camille.martin@demo.fr".into()));
        for bad in ["", "camille", "@demo.fr", "camille@", "a@b@c", "ca mille@demo.fr"] {
            assert!(email(bad).is_err(), "{bad:?} should be refused");
        }
    }
}
