//! The person's writes that have not landed yet, with their state: per circle on its page, and
//! on every page what concerns them all (an ended session, writes an older version left).
use crate::error::AppError;
use crate::i18n::*;
use crate::offline::outbox::{Edited, Item, Outbox, Status};
use crate::offline::writes::{Envelope, Scope};
use crate::tr;
use crate::ui::error::ErrorText;
use leptos::prelude::*;
use uuid::Uuid;

/// Pending, failed and just-sent writes of circle `circle_id`.
#[component]
pub fn OutboxList(circle_id: Uuid) -> impl IntoView {
    let i18n = use_i18n();
    let outbox = Outbox::use_outbox();
    let items = move || {
        outbox.items().into_iter().filter(|i| i.scope() == Some(Scope::Circle(circle_id))).collect::<Vec<Item>>()
    };
    view! {
        <Show when=move || !items().is_empty()>
            <section class="outbox" aria-labelledby="outbox-title">
                <h2 id="outbox-title">{tr!(i18n, sync.outbox)}</h2>
                <Entries items=Signal::derive(items) />
            </section>
        </Show>
    }
}

/// Pending, failed and just-sent writes of one kind, whatever their circle (circles being
/// created, on the page that lists them); or only the failed ones (notifications marked read:
/// the list shows them read at once).
#[component]
pub fn OutboxOfKind(kind: &'static str, #[prop(optional)] failed_only: bool) -> impl IntoView {
    let i18n = use_i18n();
    let outbox = Outbox::use_outbox();
    let items = move || {
        outbox
            .items()
            .into_iter()
            .filter(|i| i.envelope.as_ref().is_some_and(|e| e.kind() == kind))
            .filter(|i| !failed_only || matches!(i.status, Status::Failed(_)))
            .collect::<Vec<Item>>()
    };
    view! {
        <Show when=move || !items().is_empty()>
            <section class="outbox" aria-labelledby="outbox-title">
                <h2 id="outbox-title">{tr!(i18n, sync.outbox)}</h2>
                <Entries items=Signal::derive(items) />
            </section>
        </Show>
    }
}

/// Shown above every page: the session has ended with writes waiting, or writes an older
/// version of the app left that this one cannot send.
#[component]
pub fn OutboxNotices() -> impl IntoView {
    let i18n = use_i18n();
    let outbox = Outbox::use_outbox();
    // Entries this version cannot read or place in a circle.
    let unreadable = move || {
        outbox.items().into_iter().filter(|i| i.envelope.is_none() || i.scope().is_none()).collect::<Vec<Item>>()
    };
    let count = move || outbox.unsent_count();
    view! {
        <div class="notices">
        <Show when=move || outbox.needs_sign_in()>
            <p class="alert" role="alert">
                {move || t_string!(i18n, sync.sign_in_again, count = count()).to_string()}
                " "
                <a href="/login">{tr!(i18n, sync.sign_in)}</a>
            </p>
        </Show>
        <Show when=move || !unreadable().is_empty()>
            <section class="outbox" aria-labelledby="outbox-old-title">
                <h2 id="outbox-old-title">{tr!(i18n, sync.unreadable)}</h2>
                <Entries items=Signal::derive(unreadable) />
            </section>
        </Show>
        </div>
    }
}

#[component]
fn Entries(items: Signal<Vec<Item>>) -> impl IntoView {
    view! {
        <ul>
            <For
                each=move || items.get()
                key=|i| (i.key.clone(), format!("{:?}", i.status))
                children=move |item| view! { <Entry item /> }
            />
        </ul>
    }
}

/// The writes named by what they do, and whether their text follows: a promotion holds only
/// ids and labels, a deletion nothing to read; an edit, a report or a decision would read as a
/// new post without its name.
fn named(locale: Locale, envelope: &Envelope) -> Option<(&'static str, bool)> {
    use crate::circles::admin::{ArchiveCircle, CreateCircle, SetCircleMember};
    use crate::offline::writes::Command;
    Some(match envelope.kind() {
        k if k == CreateCircle::KIND => (td_string!(locale, sync.new_circle), true),
        k if k == SetCircleMember::KIND => match envelope.flag("member") {
            Some(false) => (td_string!(locale, sync.member_removed), true),
            _ => (td_string!(locale, sync.member_added), true),
        },
        k if k == ArchiveCircle::KIND => match envelope.flag("archived") {
            Some(false) => (td_string!(locale, sync.reopening), true),
            _ => (td_string!(locale, sync.archiving), true),
        },
        k if k == <crate::library::api::PromotePractice as Command>::KIND => {
            (td_string!(locale, sync.promotion), false)
        }
        k if k == <crate::circles::edit::DeletePost as Command>::KIND => (td_string!(locale, sync.deletion), false),
        k if k == <crate::circles::edit::EditPost as Command>::KIND => (td_string!(locale, sync.edit), true),
        k if k == <crate::plc::charter::EditCharter as Command>::KIND => (td_string!(locale, sync.charter_edit), true),
        k if k == <crate::circles::moderation::ReportPost as Command>::KIND => (td_string!(locale, sync.report), true),
        k if k == <crate::circles::moderation::ModeratePost as Command>::KIND => {
            (td_string!(locale, sync.decision), true)
        }
        k if k == <crate::network::api::AddTheme as Command>::KIND => (td_string!(locale, sync.new_theme), true),
        k if k == <crate::network::api::SetNetworkRoles as Command>::KIND => (td_string!(locale, sync.roles), true),
        k if k == <crate::network::api::FileProposal as Command>::KIND => (td_string!(locale, sync.proposal), true),
        k if k == <crate::network::api::DecideProposal as Command>::KIND => {
            (td_string!(locale, sync.committee_decision), true)
        }
        k if k == <crate::network::api::RunExperiment as Command>::KIND => (td_string!(locale, sync.experiment), true),
        k if k == <crate::sessions::api::ScheduleSession as Command>::KIND => (td_string!(locale, sync.session), true),
        k if k == <crate::sessions::api::AnswerSession as Command>::KIND => match envelope.flag("going") {
            Some(false) => (td_string!(locale, sync.not_going), true),
            _ => (td_string!(locale, sync.going), true),
        },
        k if k == <crate::sessions::api::RecordAttendance as Command>::KIND => match envelope.flag("attended") {
            Some(false) => (td_string!(locale, sync.absent), true),
            _ => (td_string!(locale, sync.came), true),
        },
        k if k == <crate::identity::settings::SetTimeZone as Command>::KIND => {
            (td_string!(locale, sync.time_zone), true)
        }
        _ => return None,
    })
}

#[component]
fn Entry(item: Item) -> impl IntoView {
    let i18n = use_i18n();
    let outbox = Outbox::use_outbox();
    let class = match &item.status {
        Status::Pending => "pending",
        Status::Synced => "synced",
        Status::Failed(_) => "failed",
    };
    // Whether it waits behind a failed write changes as earlier writes fail or are retried.
    let label = {
        let item = item.clone();
        move || match &item.status {
            Status::Pending if outbox.is_blocked(&item) => match item.scope() {
                Some(Scope::Circle(_)) => t_string!(i18n, sync.blocked).to_string(),
                _ => t_string!(i18n, sync.blocked_other).to_string(),
            },
            Status::Pending => match outbox.slowed() {
                Some(AppError::TooFast { per_minute }) => t_string!(i18n, sync.slowed, per_minute).to_string(),
                _ => t_string!(i18n, sync.pending).to_string(),
            },
            Status::Synced => t_string!(i18n, sync.synced).to_string(),
            Status::Failed(_) => t_string!(i18n, sync.failed).to_string(),
        }
    };
    // A reaction or a promotion has no text of its own: it is named.
    let what = {
        let (envelope, text) = (item.envelope.clone(), item.text.clone());
        move || match envelope.as_ref().and_then(|e| e.reaction()) {
            Some((reaction, _, on)) => {
                let name = crate::circles::reactions::reaction_name(i18n.get_locale(), reaction);
                if on {
                    t_string!(i18n, reaction.given, name).to_string()
                } else {
                    t_string!(i18n, reaction.taken_back, name).to_string()
                }
            }
            None => match envelope.as_ref().and_then(|e| named(i18n.get_locale(), e)) {
                Some((name, true)) => t_string!(i18n, sync.named, name, text = &text).to_string(),
                Some((name, false)) => name.to_owned(),
                None => text.clone(),
            },
        }
    };
    // A write named by its circle or its title (a charter's edit, a proposal, a decision): its
    // text is folded under it, to read or copy.
    let long_text = item.envelope.as_ref().map(Envelope::folded_text).filter(|t| !t.is_empty());
    let folded = long_text.clone().map(|text| {
        view! {
            <details class="outbox-text">
                <summary>{tr!(i18n, sync.show_text)}</summary>
                <p class="post-body">{text}</p>
            </details>
        }
    });
    // An edit made on an older version: both texts, and sending one's own on top of the
    // current one instead of retrying (which would be refused again).
    let stale = match (&item.status, &item.envelope) {
        (Status::Failed(AppError::Stale { version, current }), Some(envelope)) => Edited::of(envelope).map(|edited| {
            let (version, key) = (*version, item.key.clone());
            let keep_mine = move |_| outbox.resend_edit_on(&key, version);
            (both_texts(envelope, edited, current), keep_mine)
        }),
        _ => None,
    };
    let text = long_text.as_ref().map_or_else(|| item.text.clone(), |t| format!("{}\n\n{t}", item.text));
    let failure = match item.status {
        Status::Failed(error) => {
            let (retry_key, discard_key) = (item.key.clone(), item.key.clone());
            // Another version's write: retrying cannot help, copying its text can. A longer text
            // not on the line (a charter's, a proposal's) can be copied too.
            let readable = item.envelope.is_some() && error != AppError::Outdated;
            let copyable = !readable || long_text.is_some();
            let copied = RwSignal::new(false);
            let copy = move |_| copy_text(text.clone(), copied);
            let (both, keep_mine) = match stale {
                Some((both, keep_mine)) => (
                    Some(both),
                    Some(view! { <button type="button" on:click=keep_mine>{tr!(i18n, sync.keep_mine)}</button> }),
                ),
                None => (None, None),
            };
            // Refused as stale, it would be refused again (a decision: look at the post anew).
            let retry = (readable && !matches!(error, AppError::Stale { .. })).then(|| {
                view! { <button type="button" on:click=move |_| outbox.retry(&retry_key)>{tr!(i18n, sync.retry)}</button> }
            });
            Some(view! {
                <p class="reason"><ErrorText error /></p>
                {both}
                <div class="actions">
                    {keep_mine}
                    {retry}
                    {copyable.then(|| view! {
                        <button type="button" on:click=copy>
                            {move || if copied.get() { t_string!(i18n, sync.copied) } else { t_string!(i18n, sync.copy) }}
                        </button>
                    })}
                    <button type="button" class="quiet" on:click=move |_| outbox.discard(&discard_key)>
                        {tr!(i18n, sync.discard)}
                    </button>
                </div>
            })
        }
        _ => None,
    };
    view! {
        <li class=format!("outbox-item {class}")>
            <p class="post-body">{what}</p>
            <span class="status">{label}</span>
            {folded}
            {failure}
        </li>
    }
}

/// The current text and the person's, side by side: a post's two bodies; a charter's parts
/// that differ, each under its name (the current parts come as JSON, see `plc::charter`).
fn both_texts(envelope: &Envelope, edited: Edited, current: &str) -> impl IntoView {
    use crate::plc::charter::{part_name, CharterText};
    let i18n = use_i18n();
    let pair = |part: Option<usize>, current: String, mine: String| {
        view! {
            {part.map(|i| view! { <h3 class="part">{move || part_name(i18n.get_locale(), i)}</h3> })}
            <h4>{tr!(i18n, sync.current_text)}</h4>
            <p class="post-body">{current}</p>
            <h4>{tr!(i18n, sync.your_text)}</h4>
            <p class="post-body">{mine}</p>
        }
    };
    let parts = match edited {
        Edited::Post(_) => vec![pair(None, current.to_owned(), envelope.summary())],
        Edited::Charter(_) => {
            let now: CharterText = serde_json::from_str(current).unwrap_or_default();
            let mine = CharterText::of_envelope(envelope);
            (0..4)
                .filter(|&i| now.parts()[i].trim() != mine.parts()[i].trim())
                .map(|i| pair(Some(i), now.parts()[i].to_owned(), mine.parts()[i].to_owned()))
                .collect()
        }
    };
    view! { <div class="stale">{parts}</div> }
}

/// Puts `text` on the clipboard and sets `copied` once the browser accepted it (it refuses
/// outside https, or without permission: then the text stays on screen to select by hand).
fn copy_text(text: String, copied: RwSignal<bool>) {
    // Asked for in the tap itself (browsers tie the clipboard to the gesture); only the answer
    // is awaited in a task.
    #[cfg(feature = "hydrate")]
    {
        let Some(w) = web_sys::window() else { return };
        let clipboard = js_sys::Reflect::get(&w.navigator(), &"clipboard".into()).ok();
        if clipboard.is_none_or(|c| c.is_undefined()) {
            return;
        }
        let written = wasm_bindgen_futures::JsFuture::from(w.navigator().clipboard().write_text(&text));
        leptos::task::spawn_local(async move { copied.set(written.await.is_ok()) });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (text, copied);
}
