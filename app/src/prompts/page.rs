//! Themed prompts on screen: the animators' page, `/manage/prompts` (loaded lazily, kept on the
//! device for offline reading), with the form to put a prompt to circles and every prompt's
//! response rate in each circle; and the circle page's panel of its open prompts
//! ([`OpenPrompts`]). The form is a plain form without JavaScript and a write of the outbox
//! once hydrated; times read in the person's time zone.
use crate::error::{AppError, Field};
use crate::i18n::*;
use crate::identity::model::Me;
use crate::offline::cache;
use crate::offline::outbox::{new_client_id, Outbox};
use crate::offline::outbox_list::OutboxOfKind;
use crate::offline::refill::{refused_form, Refused};
use crate::offline::sync_mark::SyncMark;
use crate::offline::write_form::{form_list, form_values, posted_error, queue_from, EnvelopeFields};
use crate::offline::writes::{Command, Write};
use crate::prompts::api::{get_prompts, PostSchedulePrompt, SchedulePrompt};
use crate::prompts::model::{
    checked, ManagedPrompt, OpenPrompt, PromptKind, PromptState, PromptsPage as Page, Reach, Target, MAX_PROMPT_CHARS,
};
use crate::shell::layout::current_me;
use crate::tr;
use crate::ui::error::{ErrorAlert, FieldError};
use crate::ui::text;
use crate::ui::time::format_time;
use leptos::either::Either;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::{lazy_route, LazyRoute};
use uuid::Uuid;

/// The name of a part of the schedule form, for an error about it.
fn field_name(locale: Locale, field: Field) -> Option<&'static str> {
    Some(match field {
        Field::Prompt => td_string!(locale, prompt.text),
        Field::OpensAt => td_string!(locale, prompt.opens),
        Field::ClosesAt => td_string!(locale, prompt.closes),
        Field::Circles => td_string!(locale, prompt.circles),
        Field::TimeZone => td_string!(locale, session.zone),
        _ => return None,
    })
}

/// What a prompt is, in a language.
fn kind_name(locale: Locale, kind: PromptKind) -> &'static str {
    match kind {
        PromptKind::Question => td_string!(locale, prompt.question),
        PromptKind::Debate => td_string!(locale, prompt.debate),
    }
}

/// The prompts page. Its data is asked for in `view`, with the page's own code (a resource in
/// `data` brings its decoder into every first load); asked again when a write lands.
pub struct PromptsPage;

#[lazy_route]
impl LazyRoute for PromptsPage {
    fn data() -> Self {
        PromptsPage
    }

    fn view(_this: Self) -> AnyView {
        let outbox = Outbox::use_outbox();
        let page = Resource::new(move || outbox.synced_count(), |_| get_prompts());
        let i18n = use_i18n();
        const KEY: &str = "manage:prompts";
        view! {
            <Title text=move || format!("{} · Apprenance", t_string!(i18n, prompt.page_title)) />
            <main class="page prompts-page">
                <h1>{tr!(i18n, prompt.page_title)}</h1>
                <p class="lead">{tr!(i18n, prompt.lede)}</p>
                <Transition fallback=move || view! { <p class="loading">{tr!(i18n, circle.loading)}</p> }>
                    {move || Suspend::new(async move {
                        let me = current_me().await;
                        match cache::fresh_or_cached(KEY, page.await) {
                            Ok(shown) => {
                                let Page { prompts, targets } = shown.data;
                                let ids: Vec<Uuid> = prompts.iter().map(|p| p.id).collect();
                                if shown.offline_since.is_none() {
                                    Effect::new(move |_| outbox.forget_landed(&ids));
                                }
                                Either::Left(view! {
                                    <SyncMark offline_since=shown.offline_since cache_key=KEY.to_owned() />
                                    <ScheduleForm targets me />
                                    <OutboxOfKind kind=SchedulePrompt::KIND />
                                    <PromptList prompts />
                                })
                            }
                            Err(error) => Either::Right(view! { <ErrorAlert error /> }),
                        }
                    })}
                </Transition>
            </main>
        }
        .into_any()
    }
}

/// The form to put a prompt to circles, folded until opened; its times are typed in the
/// person's time zone.
#[component]
fn ScheduleForm(targets: Vec<Target>, me: Option<Me>) -> impl IntoView {
    let i18n = use_i18n();
    let outbox = Outbox::use_outbox();
    let error = RwSignal::new(None::<AppError>);
    let posted = posted_error::<PostSchedulePrompt>();
    let zone = me
        .as_ref()
        .map(|m| m.time_zone.clone())
        .filter(|z| !z.is_empty())
        .unwrap_or_else(|| crate::ui::time::DEFAULT_ZONE.to_owned());
    let (sent_zone, shown_zone) = (zone.clone(), zone.clone());
    // Refused without JavaScript: what was typed and chosen, back in the form.
    let refill = refused_form(PostSchedulePrompt::url(), &[]);
    let was_kind = refill.as_ref().and_then(|r| r.value("kind")).unwrap_or(PromptKind::Question.as_db()).to_owned();
    let was_circles: Vec<String> =
        refill.as_ref().map(|r| r.values("circle_ids[]").into_iter().map(str::to_owned).collect()).unwrap_or_default();
    let [was_body, was_opens, was_closes] =
        ["body", "opens", "closes"].map(|name| Refused::or(&refill, name, String::new()));
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let [kind, body, opens, closes] = form_values(&ev, ["kind", "body", "opens", "closes"]);
        let circle_ids: Vec<Uuid> =
            form_list(&ev, "circle_ids[]").iter().filter_map(|id| Uuid::parse_str(id).ok()).collect();
        // The same checks as the server's, so a refusal shows at once, offline too.
        let write = checked(&body, &opens, &closes, &circle_ids).map(|_| {
            Write::SchedulePrompt(SchedulePrompt {
                prompt_id: new_client_id(),
                kind: PromptKind::from_db(&kind),
                body,
                opens,
                closes,
                zone: sent_zone.clone(),
                circle_ids,
            })
        });
        queue_from(outbox, &ev, error, true, write);
    };
    let kinds = PromptKind::ALL
        .into_iter()
        .map(|k| {
            view! {
                <label class="choice">
                    <input type="radio" name="kind" value=k.as_db() checked={k.as_db() == was_kind} />
                    {move || kind_name(i18n.get_locale(), k)}
                </label>
            }
        })
        .collect_view();
    let circles = if targets.is_empty() {
        Either::Left(view! { <p class="empty">{tr!(i18n, prompt.no_circles)}</p> })
    } else {
        Either::Right(
            targets
                .into_iter()
                .map(|t| {
                    let id = t.id.to_string();
                    let ticked = was_circles.contains(&id);
                    view! {
                        <label class="choice">
                            <input type="checkbox" name="circle_ids[]" value=id checked=ticked />
                            {t.name}
                        </label>
                    }
                })
                .collect_view(),
        )
    };
    view! {
        <details class="card share schedule-form" open=posted.with_untracked(Option::is_some)>
            <summary>{tr!(i18n, prompt.schedule_title)}</summary>
            <form method="post" action=PostSchedulePrompt::url() autocomplete="off" on:submit=on_submit>
                <EnvelopeFields me />
                <input type="hidden" name="prompt_id" value=new_client_id().to_string() />
                <input type="hidden" name="zone" value=zone />
                <fieldset class="kinds">
                    <legend>{tr!(i18n, prompt.kind)}</legend>
                    {kinds}
                </fieldset>
                <label for="prompt-text">{tr!(i18n, prompt.text)}</label>
                <textarea id="prompt-text" name="body" rows="3" maxlength=MAX_PROMPT_CHARS
                    placeholder=move || t_string!(i18n, prompt.text_hint)>{text::server_escaped(was_body)}</textarea>
                <div class="dates">
                    <span>
                        <label for="prompt-opens">{tr!(i18n, prompt.opens)}</label>
                        <input id="prompt-opens" name="opens" type="datetime-local" value=was_opens />
                    </span>
                    <span>
                        <label for="prompt-closes">{tr!(i18n, prompt.closes)}</label>
                        <input id="prompt-closes" name="closes" type="datetime-local" value=was_closes />
                    </span>
                </div>
                <p class="hint">{move || t_string!(i18n, session.zone_hint, zone = &shown_zone).to_string()}</p>
                <fieldset class="targets">
                    <legend>{tr!(i18n, prompt.circles)}</legend>
                    {circles}
                </fieldset>
                {move || error.get().or_else(|| posted.get()).map(|error| view! { <FieldError error names=field_name /> })}
                <button type="submit" class="primary">{tr!(i18n, prompt.schedule)}</button>
            </form>
        </details>
    }
}

/// Every prompt: open and to come, then closed.
#[component]
fn PromptList(prompts: Vec<ManagedPrompt>) -> impl IntoView {
    let i18n = use_i18n();
    if prompts.is_empty() {
        return Either::Left(view! { <p class="empty">{tr!(i18n, prompt.none)}</p> });
    }
    let (closed, current): (Vec<_>, Vec<_>) = prompts.into_iter().partition(|p| p.state == PromptState::Closed);
    let section = move |id: &'static str, title: fn(Locale) -> &'static str, list: Vec<ManagedPrompt>| {
        (!list.is_empty()).then(|| {
            let items = list.into_iter().map(|p| view! { <PromptCard prompt=p /> }).collect_view();
            view! {
                <section aria-labelledby=id>
                    <h2 id=id>{move || title(i18n.get_locale())}</h2>
                    <ul class="prompt-list">{items}</ul>
                </section>
            }
        })
    };
    Either::Right(view! {
        {section("prompts-current", |l| td_string!(l, prompt.current), current)}
        {section("prompts-closed", |l| td_string!(l, prompt.closed), closed)}
    })
}

/// One prompt: its words, when it is open, and its response rate in each of its circles.
#[component]
fn PromptCard(prompt: ManagedPrompt) -> impl IntoView {
    let i18n = use_i18n();
    let (opens, closes) = (format_time(prompt.opens_at), format_time(prompt.closes_at));
    let state = prompt.state;
    let window = move || match state {
        PromptState::Upcoming => t_string!(i18n, prompt.opens_on, at = &opens).to_string(),
        PromptState::Open => t_string!(i18n, prompt.open_until, at = &closes).to_string(),
        PromptState::Closed => t_string!(i18n, prompt.closed_on, at = &closes).to_string(),
    };
    let kind = prompt.kind;
    let author = prompt.author.map(|who| move || t_string!(i18n, prompt.by, who = &who).to_string());
    let reach = prompt.circles.into_iter().map(|r| view! { <ReachRow reach=r /> }).collect_view();
    view! {
        <li class="card prompt-card">
            <p class="muted">
                <span class="badge">{move || kind_name(i18n.get_locale(), kind)}</span>
                " "
                {window}
            </p>
            <p class="prompt-text">{prompt.body}</p>
            {author.map(|a| view! { <p class="muted">{a}</p> })}
            <ul class="reach">{reach}</ul>
        </li>
    }
}

/// How one circle answers a prompt: who answered of its members, as a figure and a bar.
#[component]
fn ReachRow(reach: Reach) -> impl IntoView {
    let i18n = use_i18n();
    let rate = reach.rate();
    let href = format!("/circles/{}/posts/{}", reach.circle_id, reach.post_id);
    let (answered, members) = (reach.answered, reach.members);
    let figures = move || match rate {
        Some(rate) => t_string!(i18n, prompt.rate, answered, members, rate).to_string(),
        None => t_string!(i18n, prompt.no_members).to_string(),
    };
    let label = format!("{} ({}%)", reach.circle_name, rate.unwrap_or(0));
    view! {
        <li>
            <a href=href>{reach.circle_name}</a>
            <span class="muted">{figures}</span>
            <progress max="100" value=rate.unwrap_or(0) aria-label=label></progress>
        </li>
    }
}

/// A circle's open prompts, on its page: each with its closing, how many answered, and the
/// way to its thread.
#[component]
pub fn OpenPrompts(circle_id: Uuid, prompts: Vec<OpenPrompt>) -> impl IntoView {
    let i18n = use_i18n();
    (!prompts.is_empty()).then(|| {
        let items = prompts
            .into_iter()
            .map(|p| {
                let href = format!("/circles/{circle_id}/posts/{}", p.post_id);
                let closes = format_time(p.closes_at);
                let (kind, answered, mine) = (p.kind, p.answered, p.mine);
                view! {
                    <li class="card prompt-card is-open">
                        <p class="muted">
                            <span class="badge">{move || kind_name(i18n.get_locale(), kind)}</span>
                            " "
                            {move || t_string!(i18n, prompt.open_until, at = &closes).to_string()}
                        </p>
                        <p class="prompt-text">{p.body}</p>
                        <p class="prompt-act">
                            <span class="muted">{move || t_string!(i18n, prompt.answers, count = answered).to_string()}</span>
                            <a class="button" href=href>
                                {move || if mine { t_string!(i18n, prompt.see_answers) } else { t_string!(i18n, prompt.answer) }}
                            </a>
                        </p>
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="open-prompts" aria-labelledby="open-prompts-title">
                <h2 id="open-prompts-title">{tr!(i18n, prompt.in_circle)}</h2>
                <ul class="prompt-list">{items}</ul>
            </section>
        }
    })
}
