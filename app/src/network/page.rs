//! A learning network's page, `/circles/:id/network`, loaded lazily: who sponsors it, who sits
//! on its committee and who facilitates it; its themes; experiments by state; proposals waiting
//! for the committee, sent back and declined; and the forms each person may use (a proposal,
//! a decision, an experiment's progress, a theme, someone's parts). Every form is a plain form
//! without JavaScript and a write of the outbox once hydrated. Kept on the device for offline
//! reading like a circle.
use crate::error::{AppError, Field};
use crate::i18n::*;
use crate::identity::model::Me;
use crate::network::api::{
    get_network, AddTheme, DecideProposal, FileProposal, PostDecision, PostExperiment, PostNetworkRoles, PostProposal,
    PostTheme, RunExperiment, SetNetworkRoles,
};
use crate::network::model::{
    day_shown, Decision, ExperimentState, Network, NetworkPerson, Proposal, ProposalState, ProposalText, Theme,
    MAX_NOTE_CHARS, MAX_PART_CHARS, MAX_TITLE_CHARS,
};
use crate::offline::cache;
use crate::offline::outbox::{new_client_id, Outbox};
use crate::offline::outbox_list::OutboxList;
use crate::offline::refill::{refused_form, Refused};
use crate::offline::sync_mark::SyncMark;
use crate::offline::write_form::{form_values, posted_error, queue_from, EnvelopeFields};
use crate::offline::writes::Write;
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
use leptos_router::hooks::use_params_map;
use leptos_router::{lazy_route, LazyRoute};
use uuid::Uuid;

/// The network's page. Its data is asked for in `view`, with the page's own code, not in
/// `data`: what `data` holds is in every first load, and a resource there brings its type's
/// decoder with it (the network's cost 8.8 KB brotli of the home page). It is asked again when
/// a write lands.
pub struct NetworkPage {
    circle_id: Memo<Option<Uuid>>,
}

#[lazy_route]
impl LazyRoute for NetworkPage {
    fn data() -> Self {
        let params = use_params_map();
        let circle_id = Memo::new(move |_| params.read().get("id").and_then(|s| Uuid::parse_str(&s).ok()));
        NetworkPage { circle_id }
    }

    fn view(this: Self) -> AnyView {
        let NetworkPage { circle_id } = this;
        let outbox = Outbox::use_outbox();
        let network = Resource::new(
            move || (circle_id.get(), outbox.synced_count()),
            |(id, _)| async move {
                match id {
                    Some(id) => get_network(id).await,
                    None => Err(AppError::NotFound),
                }
            },
        );
        let i18n = use_i18n();
        let key = move || format!("network:{}", circle_id.get().unwrap_or_default());
        view! {
            <main class="page network-page">
                <Transition fallback=move || view! { <p class="loading">{tr!(i18n, circle.loading)}</p> }>
                    {move || Suspend::new(async move {
                        let me = current_me().await;
                        match cache::fresh_or_cached(&key(), network.await) {
                            Ok(shown) => Either::Left(view! {
                                <SyncMark offline_since=shown.offline_since cache_key=key() />
                                <NetworkView network=shown.data me fresh=shown.offline_since.is_none() />
                            }),
                            Err(error) => {
                                let back = circle_id.get().map_or_else(|| "/".to_owned(), |id| format!("/circles/{id}"));
                                Either::Right(view! {
                                    <h1>{tr!(i18n, app_name)}</h1>
                                    <ErrorAlert error />
                                    <p><a href=back>{tr!(i18n, charter.back)}</a></p>
                                })
                            }
                        }
                    })}
                </Transition>
            </main>
        }
        .into_any()
    }
}

/// The names of the people with a part, joined.
fn names(people: &[NetworkPerson], has: fn(&NetworkPerson) -> bool) -> String {
    people.iter().filter(|p| has(p)).map(|p| p.name.as_str()).collect::<Vec<_>>().join(", ")
}

#[component]
fn NetworkView(network: Network, me: Option<Me>, fresh: bool) -> impl IntoView {
    let i18n = use_i18n();
    let outbox = Outbox::use_outbox();
    let circle_id = network.circle_id;
    // This network's writes that landed are shown from the server now (a proposal's, a
    // decision's and an experiment's subject is the proposal): forget them.
    if fresh {
        let mut shown: Vec<Uuid> = network.proposals.iter().map(|p| p.id).collect();
        shown.push(circle_id);
        Effect::new(move |_| outbox.forget_landed(&shown));
    }
    let Network { name, purpose, archived, people, themes, proposals, .. } = network.clone();
    let (sponsor, committee, facilitators) = (
        names(&people, |p| p.sponsor),
        names(&people, |p| p.sponsor || p.committee),
        names(&people, |p| p.facilitator),
    );
    let parts = view! {
        <dl class="network-parts">
            <dt>{tr!(i18n, network.sponsor)}</dt>
            <dd>{if sponsor.is_empty() { Either::Left(tr!(i18n, network.nobody)) } else { Either::Right(sponsor) }}</dd>
            <dt>{tr!(i18n, network.committee)}</dt>
            <dd>{if committee.is_empty() { Either::Left(tr!(i18n, network.nobody)) } else { Either::Right(committee) }}</dd>
            <dt>{tr!(i18n, network.facilitators)}</dt>
            <dd>{if facilitators.is_empty() { Either::Left(tr!(i18n, network.nobody)) } else { Either::Right(facilitators) }}</dd>
        </dl>
    };
    let theme_list = if themes.is_empty() {
        Either::Left(view! { <p class="empty">{tr!(i18n, network.no_themes)}</p> })
    } else {
        Either::Right(view! {
            <ul class="themes">
                {themes
                    .iter()
                    .map(|Theme { name, outcome, .. }| view! {
                        <li class="card theme">
                            <strong>{name.clone()}</strong>
                            {(!outcome.is_empty()).then(|| view! { <p>{outcome.clone()}</p> })}
                        </li>
                    })
                    .collect_view()}
            </ul>
        })
    };
    let by_state =
        |state: ProposalState| proposals.iter().filter(move |p| p.state == state).cloned().collect::<Vec<_>>();
    let (filed, returned, accepted, declined) = (
        by_state(ProposalState::Filed),
        by_state(ProposalState::Returned),
        by_state(ProposalState::Accepted),
        by_state(ProposalState::Declined),
    );
    // What runs now first, then what comes, then what is done.
    let experiments = [ExperimentState::Running, ExperimentState::Planned, ExperimentState::Concluded]
        .into_iter()
        .filter_map(|state| {
            let these: Vec<Proposal> =
                accepted.iter().filter(|p| p.experiment.as_ref().is_some_and(|e| e.state == state)).cloned().collect();
            (!these.is_empty()).then(|| {
                let cards = these
                    .into_iter()
                    .map(|p| view! { <ProposalCard proposal=p network=network.clone() me=me.clone() /> })
                    .collect_view();
                view! {
                    <h3>{move || experiment_state_name(i18n.get_locale(), state)}</h3>
                    {cards}
                }
            })
        })
        .collect_view();
    let group = |title: fn(Locale) -> &'static str, empty: fn(Locale) -> &'static str, list: Vec<Proposal>| {
        let body = if list.is_empty() {
            Either::Left(view! { <p class="empty">{move || empty(i18n.get_locale())}</p> })
        } else {
            Either::Right(
                list.into_iter()
                    .map(|p| view! { <ProposalCard proposal=p network=network.clone() me=me.clone() /> })
                    .collect_view(),
            )
        };
        view! {
            <section class="proposals">
                <h2>{move || title(i18n.get_locale())}</h2>
                {body}
            </section>
        }
    };
    let none_accepted = accepted.is_empty();
    let note = archived.then(|| view! { <p class="archived-note">{tr!(i18n, admin.archived_note)}</p> });
    let filed_ids: Vec<Uuid> = proposals.iter().map(|p| p.id).collect();
    // Open again when its own post was refused, not a revision's.
    let refused_proposal = proposal_refill(network.circle_id, None, &filed_ids).is_some();
    let propose = network.may_propose.then(|| {
        view! {
            <details class="card share proposal-form" open=refused_proposal>
                <summary>{tr!(i18n, network.propose_title)}</summary>
                <ProposalForm circle_id themes=themes.clone() me=me.clone() filed=filed_ids.clone() />
            </details>
        }
    });
    let theme_form = network.may_shape.then(|| view! { <ThemeForm circle_id me=me.clone() /> });
    let roles = network.may_manage.then(|| view! { <Roles circle_id people=people.clone() me=me.clone() /> });
    let title_name = name.clone();
    view! {
        <Title text=move || format!("{title_name} · Apprenance") />
        <p class="crumb">
            <a href=format!("/circles/{circle_id}")>{move || t_string!(i18n, thread.in_circle, circle = &name).to_string()}</a>
        </p>
        <header class="circle-head">
            <p class="muted">{tr!(i18n, circle.kind_network)}</p>
            <h1>{network.name.clone()}</h1>
            {(!purpose.is_empty()).then(|| view! { <p class="purpose">{purpose}</p> })}
            {note}
            {parts}
        </header>
        <RefusedChange />
        <OutboxList circle_id />
        {propose}
        <section class="themes-section" aria-labelledby="themes-title">
            <h2 id="themes-title">{tr!(i18n, network.themes)}</h2>
            <p class="hint">{tr!(i18n, network.themes_lede)}</p>
            {theme_list}
            {theme_form}
        </section>
        {group(|l| td_string!(l, network.filed), |l| td_string!(l, network.none_filed), filed)}
        <section class="experiments" aria-labelledby="experiments-title">
            <h2 id="experiments-title">{tr!(i18n, network.experiments)}</h2>
            {none_accepted.then(|| view! { <p class="empty">{tr!(i18n, network.no_experiments)}</p> })}
            {experiments}
        </section>
        {group(|l| td_string!(l, network.returned), |l| td_string!(l, network.none_returned), returned)}
        {group(|l| td_string!(l, network.declined), |l| td_string!(l, network.none_declined), declined)}
        {roles}
    }
}

fn experiment_state_name(locale: Locale, state: ExperimentState) -> &'static str {
    match state {
        ExperimentState::Planned => td_string!(locale, network.planned),
        ExperimentState::Running => td_string!(locale, network.running),
        ExperimentState::Concluded => td_string!(locale, network.concluded),
    }
}

fn decision_name(locale: Locale, decision: Decision) -> &'static str {
    match decision {
        Decision::Accept => td_string!(locale, network.accept),
        Decision::Return => td_string!(locale, network.return_it),
        Decision::Decline => td_string!(locale, network.decline),
    }
}

/// The name of a part of the network's forms, for an error about it.
fn field_name(locale: Locale, field: Field) -> Option<&'static str> {
    Some(match field {
        Field::ThemeName => td_string!(locale, network.theme_name),
        Field::ExpectedOutcome => td_string!(locale, network.outcome),
        Field::ProposalTitle => td_string!(locale, network.title),
        Field::ProposalProblem => td_string!(locale, network.problem),
        Field::Change => td_string!(locale, network.change),
        Field::Experiment => td_string!(locale, network.experiment),
        Field::Note => td_string!(locale, network.note),
        Field::StartsOn => td_string!(locale, network.starts_on),
        Field::EndsOn => td_string!(locale, network.ends_on),
        Field::Result => td_string!(locale, network.result),
        _ => return None,
    })
}

/// The refusal of a form posted without JavaScript (Leptos carries it in the URL), once.
#[component]
fn RefusedChange() -> impl IntoView {
    let refusals = [
        posted_error::<PostProposal>(),
        posted_error::<PostDecision>(),
        posted_error::<PostExperiment>(),
        posted_error::<PostTheme>(),
        posted_error::<PostNetworkRoles>(),
    ];
    move || refusals.iter().find_map(|r| r.get()).map(|error| view! { <FieldError error names=field_name /> })
}

/// A proposal: its theme, who filed it and when, its parts; the committee's note; its
/// experiment; and what the reader may do with it.
#[component]
fn ProposalCard(proposal: Proposal, network: Network, me: Option<Me>) -> impl IntoView {
    let i18n = use_i18n();
    let Proposal { id, theme, text, state, note, author, decided_by, filed_at, decided_at, experiment, .. } =
        proposal.clone();
    let filed = format_time(filed_at);
    let byline = move || {
        let who = author.clone().unwrap_or_else(|| t_string!(i18n, network.former_member).to_owned());
        t_string!(i18n, network.filed_by, who = &who, when = &filed).to_string()
    };
    // Filed again once sent back: the comment it was sent back with, until the next decision.
    let earlier = (state == ProposalState::Filed && !note.is_empty()).then(|| {
        view! {
            <div class="decision">
                <p class="muted">{tr!(i18n, network.returned_before)}</p>
                <blockquote>{note.clone()}</blockquote>
            </div>
        }
    });
    let decision = decided_at.map(|at| {
        let (who, when) = (decided_by.unwrap_or_default(), format_time(at));
        let label = move || match state {
            ProposalState::Accepted => t_string!(i18n, network.accepted_by, who = &who, when = &when).to_string(),
            ProposalState::Returned => t_string!(i18n, network.returned_by, who = &who, when = &when).to_string(),
            _ => t_string!(i18n, network.declined_by, who = &who, when = &when).to_string(),
        };
        view! {
            <div class="decision">
                <p class="muted">{label}</p>
                {(!note.is_empty()).then(|| view! { <blockquote>{note.clone()}</blockquote> })}
            </div>
        }
    });
    let ProposalText { title, problem, change, experiment: plan } = text;
    let experiment_view = experiment.clone().map(|e| {
        let dates = match (e.starts_on.is_empty(), e.ends_on.is_empty()) {
            (true, true) => None,
            (false, true) => Some(format!("{} →", day_shown(&e.starts_on))),
            (true, false) => Some(format!("→ {}", day_shown(&e.ends_on))),
            (false, false) => Some(format!("{} → {}", day_shown(&e.starts_on), day_shown(&e.ends_on))),
        };
        view! {
            <div class="experiment-state">
                <span class=format!("badge {}", e.state.as_db())>{move || experiment_state_name(i18n.get_locale(), e.state)}</span>
                {dates.map(|d| view! { <span class="muted">{d}</span> })}
                {(!e.result.is_empty()).then(|| view! {
                    <h4>{tr!(i18n, network.result)}</h4>
                    <p>{e.result.clone()}</p>
                })}
            </div>
        }
    });
    let parts = view! {
        <h4>{tr!(i18n, network.problem)}</h4>
        <p>{problem}</p>
        <h4>{tr!(i18n, network.change)}</h4>
        <p>{change}</p>
        {(!plan.is_empty()).then(|| view! {
            <h4>{tr!(i18n, network.experiment)}</h4>
            <p>{plan}</p>
        })}
    };
    // An experiment is read for where it stands: the proposal it came from is folded.
    let parts = if experiment.is_some() {
        Either::Left(view! {
            <details class="proposal-parts">
                <summary>{tr!(i18n, network.the_proposal)}</summary>
                {parts}
            </details>
        })
    } else {
        Either::Right(parts)
    };
    let decide = (state == ProposalState::Filed && network.may_decide).then(|| {
        view! { <DecisionForm circle_id=network.circle_id proposal_id=id title=title.clone() me=me.clone() /> }
    });
    let run = proposal.may_run.then(|| {
        view! { <ExperimentForm circle_id=network.circle_id proposal=proposal.clone() me=me.clone() /> }
    });
    let revise = (state == ProposalState::Returned && proposal.mine && network.may_propose).then(|| {
        view! {
            <details class="revise" open=proposal_refill(network.circle_id, Some(id), &[]).is_some()>
                <summary>{tr!(i18n, network.revise)}</summary>
                <ProposalForm circle_id=network.circle_id themes=network.themes.clone() me=me.clone() revise=proposal.clone() />
            </details>
        }
    });
    view! {
        <article class="card proposal" id=format!("proposal-{id}")>
            {theme.map(|t| view! { <p class="muted theme-of">{t}</p> })}
            <h3>{title.clone()}</h3>
            <p class="muted">{byline}</p>
            {experiment_view}
            {parts}
            {earlier}
            {decision}
            {decide}
            {run}
            {revise}
        </article>
    }
}

/// A proposal refused without JavaScript, for the form it came from: the revision of
/// `revising`, or (`None`) a new proposal, which is none of the `filed` ones.
fn proposal_refill(circle_id: Uuid, revising: Option<Uuid>, filed: &[Uuid]) -> Option<Refused> {
    let circle = circle_id.to_string();
    match revising {
        Some(id) => refused_form(PostProposal::url(), &[("circle_id", &circle), ("proposal_id", &id.to_string())]),
        None => refused_form(PostProposal::url(), &[("circle_id", &circle)]).filter(|r| {
            let id = r.value("proposal_id").and_then(|id| Uuid::parse_str(id).ok());
            !id.is_some_and(|id| filed.contains(&id))
        }),
    }
}

/// The form to file a proposal, or with `revise`, to file a proposal sent back again (filled
/// with its parts).
#[component]
fn ProposalForm(
    circle_id: Uuid,
    themes: Vec<Theme>,
    me: Option<Me>,
    #[prop(optional)] revise: Option<Proposal>,
    /// The network's proposals (a new proposal's form): a refused revision of one of them is
    /// not filled back into it.
    #[prop(optional)]
    filed: Vec<Uuid>,
) -> impl IntoView {
    let i18n = use_i18n();
    let outbox = Outbox::use_outbox();
    let error = RwSignal::new(None::<AppError>);
    let revising = revise.as_ref().map(|p| p.id);
    // Refused without JavaScript: what was typed and chosen, back in the form it came from.
    let refill = proposal_refill(circle_id, revising, &filed);
    // The id the server renders serves the plain form; once hydrated, each proposal gets its own.
    let proposal_id = revising.unwrap_or_else(new_client_id);
    let mut was = revise.clone().map(|p| p.text).unwrap_or_default();
    let mut was_theme = revise.and_then(|p| p.theme_id);
    if let Some(r) = &refill {
        was.title = r.value("name").unwrap_or_default().to_owned();
        was.problem = r.value("problem").unwrap_or_default().to_owned();
        was.change = r.value("change").unwrap_or_default().to_owned();
        was.experiment = r.value("experiment").unwrap_or_default().to_owned();
        was_theme = r.value("theme_id").and_then(|id| Uuid::parse_str(id).ok());
    }
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let [theme, name, problem, change, experiment] =
            form_values(&ev, ["theme_id", "name", "problem", "change", "experiment"]);
        let write = FileProposal {
            circle_id,
            proposal_id: revising.unwrap_or_else(new_client_id),
            theme_id: Uuid::parse_str(&theme).ok(),
            name,
            problem,
            change,
            experiment,
        };
        // The same checks as the server's, so a refusal shows at once, offline too.
        let checked = write.text().checked().map(|_| Write::FileProposal(write));
        queue_from(outbox, &ev, error, revising.is_none(), checked);
    };
    let prefix = revising.map_or_else(|| "proposal".to_owned(), |id| format!("revise-{id}"));
    let id = move |part: &str| format!("{prefix}-{part}");
    let options = themes
        .into_iter()
        .map(|t| {
            let selected = was_theme == Some(t.id);
            view! { <option value=t.id.to_string() selected=selected>{t.name}</option> }
        })
        .collect_view();
    view! {
        <form method="post" action=PostProposal::url() autocomplete="off" on:submit=on_submit>
            <EnvelopeFields me />
            <input type="hidden" name="circle_id" value=circle_id.to_string() />
            <input type="hidden" name="proposal_id" value=proposal_id.to_string() />
            <label for=id("theme")>{tr!(i18n, network.theme)}</label>
            <select id=id("theme") name="theme_id">
                <option value="">{tr!(i18n, network.no_theme)}</option>
                {options}
            </select>
            <label for=id("title")>{tr!(i18n, network.title)}</label>
            <input id=id("title") name="name" type="text" maxlength=MAX_TITLE_CHARS value=was.title
                placeholder=move || t_string!(i18n, network.title_hint) />
            <label for=id("problem")>{tr!(i18n, network.problem)}</label>
            <textarea id=id("problem") name="problem" rows="3" maxlength=MAX_PART_CHARS
                placeholder=move || t_string!(i18n, network.problem_hint)>{text::server_escaped(was.problem)}</textarea>
            <label for=id("change")>{tr!(i18n, network.change)}</label>
            <textarea id=id("change") name="change" rows="3" maxlength=MAX_PART_CHARS
                placeholder=move || t_string!(i18n, network.change_hint)>{text::server_escaped(was.change)}</textarea>
            <label for=id("experiment")>{tr!(i18n, network.experiment)}</label>
            <textarea id=id("experiment") name="experiment" rows="2" maxlength=MAX_PART_CHARS
                placeholder=move || t_string!(i18n, network.experiment_hint)>{text::server_escaped(was.experiment)}</textarea>
            <p class="hint">{tr!(i18n, network.propose_hint)}</p>
            {move || error.get().map(|error| view! { <FieldError error names=field_name /> })}
            <button type="submit" class="primary">
                {move || if revising.is_some() { t_string!(i18n, network.refile) } else { t_string!(i18n, network.file) }}
            </button>
        </form>
    }
}

/// The committee's decision on a filed proposal: accept, send back or decline, with a note.
#[component]
fn DecisionForm(circle_id: Uuid, proposal_id: Uuid, title: String, me: Option<Me>) -> impl IntoView {
    let i18n = use_i18n();
    let outbox = Outbox::use_outbox();
    let error = RwSignal::new(None::<AppError>);
    let name = title.clone();
    // Refused without JavaScript: the decision and note, back in the form, open.
    let refill = refused_form(PostDecision::url(), &[("proposal_id", &proposal_id.to_string())]);
    let was_decision =
        refill.as_ref().and_then(|r| r.value("decision")).unwrap_or(Decision::Accept.as_str()).to_owned();
    let was_note = Refused::or(&refill, "note", String::new());
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let [decision, note] = form_values(&ev, ["decision", "note"]);
        let decision = Decision::ALL.into_iter().find(|d| d.as_str() == decision);
        let write = match decision {
            Some(decision) => decision.checked_note(&note).map(|_| {
                Write::DecideProposal(DecideProposal { circle_id, proposal_id, decision, note, name: name.clone() })
            }),
            None => Err(AppError::Invalid { field: Field::Note, problem: crate::error::Problem::Empty }),
        };
        queue_from(outbox, &ev, error, true, write);
    };
    let choices = Decision::ALL
        .into_iter()
        .map(|d| {
            let id = format!("decide-{proposal_id}-{}", d.as_str());
            let for_id = id.clone();
            view! {
                <label class="choice" for=for_id>
                    <input type="radio" id=id name="decision" value=d.as_str() required=true checked={d.as_str() == was_decision} />
                    {move || decision_name(i18n.get_locale(), d)}
                </label>
            }
        })
        .collect_view();
    let note_id = format!("decide-{proposal_id}-note");
    view! {
        <details class="decide" open=refill.is_some()>
            <summary>{tr!(i18n, network.decide)}</summary>
            <form method="post" action=PostDecision::url() autocomplete="off" on:submit=on_submit>
                <EnvelopeFields me />
                <input type="hidden" name="circle_id" value=circle_id.to_string() />
                <input type="hidden" name="proposal_id" value=proposal_id.to_string() />
                <input type="hidden" name="name" value=title />
                <fieldset>
                    <legend>{tr!(i18n, network.decision)}</legend>
                    {choices}
                </fieldset>
                <label for=note_id.clone()>{tr!(i18n, network.note)}</label>
                <textarea id=note_id name="note" rows="2" maxlength=MAX_NOTE_CHARS
                    placeholder=move || t_string!(i18n, network.note_hint)>{text::server_escaped(was_note)}</textarea>
                {move || error.get().map(|error| view! { <FieldError error names=field_name /> })}
                <button type="submit" class="primary">{tr!(i18n, network.send_decision)}</button>
            </form>
        </details>
    }
}

/// An experiment's progress: its state (forward only), dates and result.
#[component]
fn ExperimentForm(circle_id: Uuid, proposal: Proposal, me: Option<Me>) -> impl IntoView {
    let i18n = use_i18n();
    let outbox = Outbox::use_outbox();
    let error = RwSignal::new(None::<AppError>);
    let experiment = proposal.experiment.clone()?;
    let (proposal_id, name) = (proposal.id, proposal.text.title.clone());
    let from = experiment.state;
    let sent = name.clone();
    // Refused without JavaScript: what was chosen and typed, back in the form, open.
    let refill = refused_form(PostExperiment::url(), &[("proposal_id", &proposal_id.to_string())]);
    let was_state = refill.as_ref().and_then(|r| r.value("state")).unwrap_or(from.as_db()).to_owned();
    let (starts_on, ends_on, result) = (
        Refused::or(&refill, "starts_on", experiment.starts_on.clone()),
        Refused::or(&refill, "ends_on", experiment.ends_on.clone()),
        Refused::or(&refill, "result", experiment.result.clone()),
    );
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let [state, starts_on, ends_on, result] = form_values(&ev, ["state", "starts_on", "ends_on", "result"]);
        let state = ExperimentState::ALL.into_iter().find(|s| s.as_db() == state).unwrap_or(from);
        let checked = crate::network::model::checked_experiment(from, state, &starts_on, &ends_on, &result);
        let write = checked.map(|_| {
            Write::RunExperiment(RunExperiment {
                circle_id,
                proposal_id,
                state,
                starts_on,
                ends_on,
                result,
                name: sent.clone(),
            })
        });
        queue_from(outbox, &ev, error, false, write);
    };
    let id = move |part: &str| format!("run-{proposal_id}-{part}");
    let states = ExperimentState::ALL
        .into_iter()
        .filter(|s| *s >= from)
        .map(|s| view! { <option value=s.as_db() selected={s.as_db() == was_state}>{move || experiment_state_name(i18n.get_locale(), s)}</option> })
        .collect_view();
    Some(view! {
        <details class="run" open=refill.is_some()>
            <summary>{tr!(i18n, network.follow)}</summary>
            <form method="post" action=PostExperiment::url() autocomplete="off" on:submit=on_submit>
                <EnvelopeFields me />
                <input type="hidden" name="circle_id" value=circle_id.to_string() />
                <input type="hidden" name="proposal_id" value=proposal_id.to_string() />
                <input type="hidden" name="name" value=name />
                <label for=id("state")>{tr!(i18n, network.state)}</label>
                <select id=id("state") name="state">{states}</select>
                <div class="dates">
                    <span>
                        <label for=id("starts")>{tr!(i18n, network.starts_on)}</label>
                        <input id=id("starts") name="starts_on" type="date" value=starts_on />
                    </span>
                    <span>
                        <label for=id("ends")>{tr!(i18n, network.ends_on)}</label>
                        <input id=id("ends") name="ends_on" type="date" value=ends_on />
                    </span>
                </div>
                <label for=id("result")>{tr!(i18n, network.result)}</label>
                <textarea id=id("result") name="result" rows="3" maxlength=MAX_PART_CHARS
                    placeholder=move || t_string!(i18n, network.result_hint)>{text::server_escaped(result)}</textarea>
                <p class="hint">{tr!(i18n, network.follow_hint)}</p>
                {move || error.get().map(|error| view! { <FieldError error names=field_name /> })}
                <button type="submit" class="primary">{tr!(i18n, network.save)}</button>
            </form>
        </details>
    })
}

/// A theme added: its name and the expected outcome it comes from.
#[component]
fn ThemeForm(circle_id: Uuid, me: Option<Me>) -> impl IntoView {
    let i18n = use_i18n();
    let outbox = Outbox::use_outbox();
    let error = RwSignal::new(None::<AppError>);
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let [name, outcome] = form_values(&ev, ["name", "outcome"]);
        let write = AddTheme { circle_id, theme_id: new_client_id(), name, outcome };
        let checked = crate::ui::text::required(Field::ThemeName, &write.name, MAX_TITLE_CHARS)
            .and(crate::ui::text::optional(Field::ExpectedOutcome, &write.outcome, MAX_NOTE_CHARS))
            .map(|_| Write::AddTheme(write));
        queue_from(outbox, &ev, error, true, checked);
    };
    // Refused without JavaScript: what was typed, back in the form, open.
    let refill = refused_form(PostTheme::url(), &[("circle_id", &circle_id.to_string())]);
    let (was_name, was_outcome) =
        (Refused::or(&refill, "name", String::new()), Refused::or(&refill, "outcome", String::new()));
    view! {
        <details class="card share theme-form" open=refill.is_some()>
            <summary>{tr!(i18n, network.add_theme)}</summary>
            <form method="post" action=PostTheme::url() autocomplete="off" on:submit=on_submit>
                <EnvelopeFields me />
                <input type="hidden" name="circle_id" value=circle_id.to_string() />
                <input type="hidden" name="theme_id" value=new_client_id().to_string() />
                <label for="theme-name">{tr!(i18n, network.theme_name)}</label>
                <input id="theme-name" name="name" type="text" maxlength=MAX_TITLE_CHARS value=was_name
                    placeholder=move || t_string!(i18n, network.theme_hint) />
                <label for="theme-outcome">{tr!(i18n, network.outcome)}</label>
                <textarea id="theme-outcome" name="outcome" rows="2" maxlength=MAX_NOTE_CHARS
                    placeholder=move || t_string!(i18n, network.outcome_hint)>{text::server_escaped(was_outcome)}</textarea>
                {move || error.get().map(|error| view! { <FieldError error names=field_name /> })}
                <button type="submit" class="primary">{tr!(i18n, network.add)}</button>
            </form>
        </details>
    }
}

/// Each member's parts (an animator's view): sponsor, committee, facilitator.
#[component]
fn Roles(circle_id: Uuid, people: Vec<NetworkPerson>, me: Option<Me>) -> impl IntoView {
    let i18n = use_i18n();
    let rows = people
        .into_iter()
        .map(|person| {
            let outbox = Outbox::use_outbox();
    let error = RwSignal::new(None::<AppError>);
            let (person_id, name) = (person.id, person.name.clone());
            let (sent, shown, label_name) = (name.clone(), name.clone(), name.clone());
            let on_submit = move |ev: SubmitEvent| {
                ev.prevent_default();
                let [sponsor, committee, facilitator] = form_values(&ev, ["sponsor", "committee", "facilitator"]);
                let write = SetNetworkRoles {
                    circle_id,
                    person_id,
                    name: sent.clone(),
                    sponsor: !sponsor.is_empty(),
                    committee: !committee.is_empty(),
                    facilitator: !facilitator.is_empty(),
                    was_sponsor: person.sponsor,
                    was_committee: person.committee,
                    was_facilitator: person.facilitator,
                };
                queue_from(outbox, &ev, error, false, Ok(Write::SetNetworkRoles(write)));
            };
            let box_id = move |part: &str| format!("roles-{person_id}-{part}");
            // Refused without JavaScript: the boxes as they were ticked.
            let refill = refused_form(PostNetworkRoles::url(), &[("member_id", &person_id.to_string())]);
            let ticked = move |part: &str, was: bool| refill.as_ref().map_or(was, |r| r.value(part).is_some());
            let tick = move |part: &'static str, checked: bool, label: fn(Locale) -> &'static str| {
                let checked = ticked(part, checked);
                view! {
                    <label class="choice" for=box_id(part)>
                        <input type="checkbox" id=box_id(part) name=part value="on" checked=checked />
                        {move || label(i18n.get_locale())}
                    </label>
                }
            };
            view! {
                <li class="person roles">
                    <form method="post" action=PostNetworkRoles::url() on:submit=on_submit>
                        <EnvelopeFields me=me.clone() />
                        <input type="hidden" name="circle_id" value=circle_id.to_string() />
                        <input type="hidden" name="member_id" value=person_id.to_string() />
                        <input type="hidden" name="name" value=name />
                        <input type="hidden" name="was_sponsor" value=person.sponsor.to_string() />
                        <input type="hidden" name="was_committee" value=person.committee.to_string() />
                        <input type="hidden" name="was_facilitator" value=person.facilitator.to_string() />
                        <strong class="who">{shown}</strong>
                        <span class="ticks">
                            {tick("sponsor", person.sponsor, |l| td_string!(l, network.sponsor))}
                            {tick("committee", person.committee, |l| td_string!(l, network.on_committee))}
                            {tick("facilitator", person.facilitator, |l| td_string!(l, network.facilitator))}
                        </span>
                        <button type="submit" class="chip" aria-label=move || t_string!(i18n, network.save_roles, name = &label_name).to_string()>
                            {tr!(i18n, network.save)}
                        </button>
                    </form>
                    {move || error.get().map(|error| view! { <ErrorAlert error /> })}
                </li>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="roles-title">
            <h2 id="roles-title">{tr!(i18n, network.roles)}</h2>
            <p class="hint">{tr!(i18n, network.roles_hint)}</p>
            <ul class="people">{rows}</ul>
        </section>
    }
}
