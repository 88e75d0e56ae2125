//! What a plain form (JavaScript off) sent when the server refused it, so a refusal loses
//! nothing that was typed.
//!
//! Leptos answers a refused plain post with a redirect back to the form's page carrying only
//! the error (`__path`, `__err` in the URL). The server keeps the posted fields in the person's
//! session as the redirect leaves, and hands them to the one page load that redirect leads to
//! (`server::refused_forms`); that render fills them back into the form they came from. A
//! form is known by where it posts and its hidden fields (a thread holds an edit form per
//! post: each posts the same action with its own `post_id`). Fields named like a password are
//! never kept, nor the client id: the refilled form is a new write, with a new id.
use serde::{Deserialize, Serialize};

/// The session key the refused post is kept under until the next page load.
pub const SESSION_KEY: &str = "refused_form";

/// A refused plain post: the path it was posted to and its fields as posted (why it was
/// refused, Leptos carries in the URL: `write_form::posted_error`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refused {
    pub path: String,
    pub fields: Vec<(String, String)>,
}

impl Refused {
    /// The post of `fields` to `path`, less what must not be kept.
    pub fn new(path: &str, fields: impl IntoIterator<Item = (String, String)>) -> Refused {
        let kept = |name: &str| name != "client_id" && !name.to_ascii_lowercase().contains("password");
        let fields = fields.into_iter().filter(|(name, _)| kept(name)).collect();
        Refused { path: path.to_owned(), fields }
    }

    /// Whether it was posted by the form that posts to `action` with the hidden fields `keys`.
    pub fn came_from(&self, action: &str, keys: &[(&str, &str)]) -> bool {
        self.path == action && keys.iter().all(|(name, value)| self.value(name) == Some(value))
    }

    /// The first value posted under `name`.
    pub fn value(&self, name: &str) -> Option<&str> {
        self.fields.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// Every value posted under `name` (boxes ticked under one name).
    pub fn values(&self, name: &str) -> Vec<&str> {
        self.fields.iter().filter(|(n, _)| n == name).map(|(_, v)| v.as_str()).collect()
    }

    /// The value posted under `name`, else `otherwise` (what the form shows when it was not
    /// refused: empty, or the text being edited).
    pub fn or(refused: &Option<Refused>, name: &str, otherwise: String) -> String {
        refused.as_ref().and_then(|r| r.value(name)).map_or(otherwise, str::to_owned)
    }
}

/// The refused post this page load carries, for every form of the page to look in: provided
/// once at the root. The server's render reads it from the request (`server::refused_forms`)
/// and writes it into the page, so that hydration, and any later render of the same form (a
/// count reloading around it), fill in the same text and choices the server did.
#[derive(Clone, Debug)]
struct Carried {
    refused: Option<Refused>,
    /// The browser's query when the page came: once it navigates elsewhere, the refusal is past.
    #[cfg_attr(feature = "ssr", allow(dead_code))]
    search: String,
}

/// Provides this page load's refused post, if any (at the root, before any resource, so the
/// value takes the same place in the server's page as in hydration).
pub fn provide_refused() {
    let refused = leptos::prelude::SharedValue::new(|| {
        #[cfg(feature = "ssr")]
        {
            leptos::prelude::use_context::<http::request::Parts>()
                .and_then(|parts| parts.extensions.get::<Refused>().cloned())
        }
        #[cfg(not(feature = "ssr"))]
        {
            None::<Refused>
        }
    })
    .into_inner();
    leptos::prelude::provide_context(Carried { refused, search: current_search() });
}

/// The page's query as the browser has it now (the server's render needs none).
fn current_search() -> String {
    #[cfg(feature = "hydrate")]
    {
        leptos::prelude::window().location().search().unwrap_or_default()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        String::new()
    }
}

/// The refused post of the form posting to `action` with hidden fields `keys`, when this render
/// is the page its refusal led back to.
pub fn refused_form(action: &str, keys: &[(&str, &str)]) -> Option<Refused> {
    let carried = leptos::prelude::use_context::<Carried>()?;
    if carried.refused.is_some() && cfg!(feature = "hydrate") && current_search() != carried.search {
        return None;
    }
    carried.refused.filter(|r| r.came_from(action, keys))
}

/// Whether one of the forms posting to `actions` with hidden fields `keys` was refused: the
/// folded part holding it opens again.
pub fn reopens(actions: &[&str], keys: &[(&str, &str)]) -> bool {
    actions.iter().any(|action| refused_form(action, keys).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(n, v)| ((*n).to_owned(), (*v).to_owned())).collect()
    }

    #[test]
    fn keeps_what_was_typed_but_no_password_and_no_client_id() {
        let r = Refused::new(
            "/api/x",
            pairs(&[
                ("client_id", "c"),
                ("body", "mon texte"),
                ("password", "secret"),
                ("new_password", "s"),
                ("tag", "a"),
                ("tag", "b"),
            ]),
        );
        assert_eq!(r.fields, pairs(&[("body", "mon texte"), ("tag", "a"), ("tag", "b")]));
        assert_eq!(r.values("tag"), ["a", "b"]);
        assert_eq!(Refused::or(&Some(r.clone()), "body", "avant".into()), "mon texte");
        assert_eq!(Refused::or(&Some(r), "other", "avant".into()), "avant");
        assert_eq!(Refused::or(&None, "body", "avant".into()), "avant");
    }

    #[test]
    fn comes_back_only_to_the_form_it_came_from() {
        let r = Refused::new("/api/edit_post", pairs(&[("post_id", "p1"), ("body", "x")]));
        assert!(r.came_from("/api/edit_post", &[("post_id", "p1")]));
        assert!(r.came_from("/api/edit_post", &[]));
        assert!(!r.came_from("/api/edit_post", &[("post_id", "p2")]));
        assert!(!r.came_from("/api/reply", &[("post_id", "p1")]));
        assert!(!r.came_from("/api/edit_post", &[("missing", "")]));
    }
}
