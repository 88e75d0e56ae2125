//! What a plain form (JavaScript off) sent when the server refused it, so a refusal loses
//! nothing that was typed.
//!
//! Leptos answers a refused plain post with a redirect back to the form's page carrying only
//! the error (`__path`, `__err` in the URL). The server keeps the posted fields in the person's
//! session as the redirect leaves, and hands them to the one page load that redirect leads to
//! (`server::refused_forms`); that render fills them back into the form they came from. A
//! form is known by where it posts and its hidden fields (a thread holds an edit form per
//! post: each posts the same action with its own `post_id`). Fields named like a password,
//! token or secret are never kept, nor the client id: the refilled form is a new write, with a
//! new id.
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
        // By name: the server does not see a field's type. Any secret a form may post later
        // (a reset or invitation token) is named so.
        let kept = |name: &str| {
            let name = name.to_ascii_lowercase();
            name != "client_id" && !["password", "token", "secret"].iter().any(|s| name.contains(s))
        };
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
/// list reloading around it), fill in the same text and choices the server did, until
/// [`ForgetRefusal`] lets it go.
#[derive(Clone, Copy, Debug)]
struct Carried {
    /// Read without tracking: letting it go re-renders nothing (a form being typed in stays).
    refused: leptos::prelude::StoredValue<Option<Refused>>,
    /// Whether the refusal the address carries is past: its error is no longer shown either.
    past: leptos::prelude::RwSignal<bool>,
    /// The address the page came with, in the browser (path and query).
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    at: leptos::prelude::StoredValue<String>,
    /// The hidden ids of the form that took the refused post (the most telling, when several
    /// parts of the page asked): sending that form again lets it go.
    claimed: leptos::prelude::StoredValue<Vec<(String, String)>>,
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
    leptos::prelude::provide_context(Carried {
        refused: leptos::prelude::StoredValue::new(refused),
        past: leptos::prelude::RwSignal::new(false),
        at: leptos::prelude::StoredValue::new(address()),
        claimed: leptos::prelude::StoredValue::new(Vec::new()),
    });
}

/// The browser's address now, path and query (none on the server).
fn address() -> String {
    #[cfg(feature = "hydrate")]
    {
        let location = leptos::prelude::window().location();
        format!("{}{}", location.pathname().unwrap_or_default(), location.search().unwrap_or_default())
    }
    #[cfg(not(feature = "hydrate"))]
    {
        String::new()
    }
}

/// Lets the refused post, and the error the address carries, go once they have served (in
/// the browser): when the refused form itself is sent again through the outbox once the app
/// started (a write of its kind, about what its hidden ids name), or the address changes. The
/// address then loses its error (through the router, which keeps its own record of where it
/// is), so a reload does not show it again. Otherwise the form rendered again as that write
/// lands (its list reloading around it), or the same address visited again, would fill the old
/// text back in. Another write (a reaction, another post's edit) leaves it: the form would
/// come back empty. Inside the router; it renders nothing.
#[leptos::component]
pub fn ForgetRefusal() -> impl leptos::IntoView {
    use leptos::prelude::{Effect, Get, GetUntracked, GetValue, Set, SetValue, StoredValue, WithUntracked, WithValue};
    let Some(carried) = leptos::prelude::use_context::<Carried>() else { return };
    let outbox = crate::offline::outbox::Outbox::use_outbox();
    let location = leptos_router::hooks::use_location();
    let navigate = leptos_router::hooks::use_navigate();
    // The refused form's kind of write: a plain form posts to `/api/<its kind>`.
    let refused_kind = carried
        .refused
        .with_value(|r| r.as_ref().map(|r| r.path.clone()))
        .or_else(|| location.query.with_untracked(|q| q.get("__path")))
        .and_then(|path| path.strip_prefix("/api/").map(str::to_owned));
    let Some(kind) = refused_kind else { return };
    let first = StoredValue::new(None::<(String, String)>);
    Effect::new(move |_| {
        let here = (location.pathname.get(), location.search.get());
        let sent_again = carried.claimed.with_value(|keys| outbox.queued_since_load(&kind, keys));
        match first.get_value() {
            None if !sent_again => first.set_value(Some(here)),
            Some(first) if first == here && !sent_again => {}
            _ if carried.past.get_untracked() => {}
            _ => {
                carried.refused.set_value(None);
                carried.past.set(true);
                if sent_again {
                    let clean = without_refusal(&here.0, &here.1, &location.hash.get_untracked());
                    let options = leptos_router::NavigateOptions { replace: true, scroll: false, ..Default::default() };
                    navigate(&clean, options);
                }
            }
        }
    });
}

/// The address `path` + `search` + `hash` without the refusal Leptos wrote into its query
/// (`__path`, `__err`).
fn without_refusal(path: &str, search: &str, hash: &str) -> String {
    let query = search
        .trim_start_matches('?')
        .split('&')
        .filter(|pair| {
            let name = pair.split('=').next().unwrap_or_default();
            !pair.is_empty() && name != "__path" && name != "__err"
        })
        .collect::<Vec<_>>()
        .join("&");
    if query.is_empty() {
        format!("{path}{hash}")
    } else {
        format!("{path}?{query}{hash}")
    }
}

/// Whether the refusal this page's address carries is past: its form was sent again, or the
/// address changed (the context is taken now, the signal read wherever).
pub fn refusal_past() -> leptos::prelude::Signal<bool> {
    use leptos::prelude::Get;
    let past = leptos::prelude::use_context::<Carried>().map(|carried| carried.past);
    leptos::prelude::Signal::derive(move || past.is_some_and(|past| past.get()))
}

/// The refused post of the form posting to `action` with hidden fields `keys`, when this render
/// is the page its refusal led back to (in the browser: still at the address the page came
/// with, before `ForgetRefusal` has seen a move).
pub fn refused_form(action: &str, keys: &[(&str, &str)]) -> Option<Refused> {
    use leptos::prelude::{SetValue, WithValue};
    let carried = leptos::prelude::use_context::<Carried>()?;
    if cfg!(feature = "hydrate")
        && carried.refused.with_value(Option::is_some)
        && carried.at.with_value(|at| *at != address())
    {
        return None;
    }
    let taken = carried.refused.with_value(|refused| refused.as_ref().filter(|r| r.came_from(action, keys)).cloned());
    if taken.is_some() && carried.claimed.with_value(|claimed| keys.len() > claimed.len()) {
        carried.claimed.set_value(keys.iter().map(|(n, v)| ((*n).to_owned(), (*v).to_owned())).collect());
    }
    taken
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
                ("invite_token", "t"),
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
    fn the_address_loses_only_the_refusal() {
        let q = "?__path=%2Fapi%2Fa&__err=%22x%22";
        assert_eq!(without_refusal("/circles/c", q, ""), "/circles/c");
        assert_eq!(
            without_refusal("/library", "?q=equipe&__path=%2Fapi%2Fa&__err=1&__path=b&__err=2", "#top"),
            "/library?q=equipe#top"
        );
        assert_eq!(without_refusal("/library", "?q=equipe", ""), "/library?q=equipe");
        assert_eq!(without_refusal("/", "", ""), "/");
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
