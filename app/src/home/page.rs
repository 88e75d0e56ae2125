//! Home: my circles, my team, the latest activity in my circles.
use crate::circles::model::{CircleKind, CircleSummary};
use crate::circles::post_card::PostCard;
use crate::home::api::{get_home, HomeOverview};
use crate::i18n::*;
use crate::offline::sync_mark::SyncMark;
use crate::offline::{cache, outbox::Outbox};
use crate::shell::layout::current_me;
use crate::tr;
use crate::ui::error::ErrorAlert;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;

/// The home page.
#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let outbox = Outbox::use_outbox();
    let home = Resource::new(move || outbox.synced_count(), |_| get_home());
    view! {
        <Title text=move || format!("{} · Apprenance", t_string!(i18n, home.title)) />
        <main class="page">
            <Transition fallback=move || view! { <p class="loading">{tr!(i18n, circle.loading)}</p> }>
                {move || Suspend::new(async move {
                    let me = current_me().await;
                    let animator = me.as_ref().is_some_and(|m| m.role == crate::identity::model::Role::Animator);
                    let name = me.map(|m| m.display_name).unwrap_or_default();
                    let greeting = view! { <h1>{move || t_string!(i18n, home.hello, name = &name).to_string()}</h1> };
                    match cache::fresh_or_cached("home", home.await) {
                        Ok(shown) => Either::Left(view! {
                            {greeting}
                            <SyncMark offline_since=shown.offline_since cache_key="home".to_string() />
                            <Overview home=shown.data animator />
                        }),
                        Err(error) => Either::Right(view! {
                            {greeting}
                            <ErrorAlert error />
                        }),
                    }
                })}
            </Transition>
        </main>
    }
}

#[component]
fn Overview(home: HomeOverview, animator: bool) -> impl IntoView {
    let i18n = use_i18n();
    let circles = if home.circles.is_empty() {
        Either::Left(view! { <p class="empty">{tr!(i18n, home.no_circles)}</p> })
    } else {
        Either::Right(view! {
            <ul class="circle-list">
                {home.circles.into_iter().map(|circle| view! { <CircleItem circle /> }).collect_view()}
            </ul>
        })
    };
    let teams = if home.teams.is_empty() {
        Either::Left(view! { <p class="empty">{tr!(i18n, home.no_team)}</p> })
    } else {
        Either::Right(
            home.teams
                .into_iter()
                .map(|team| {
                    let lead = team.lead_name.clone();
                    view! {
                        <div class="card team">
                            <h3>{team.name}</h3>
                            <p class="muted">{move || t_string!(i18n, home.lead, name = &lead).to_string()}</p>
                            <p class="members">{team.members.join(" · ")}</p>
                        </div>
                    }
                })
                .collect_view(),
        )
    };
    let latest = if home.latest.is_empty() {
        Either::Left(view! { <p class="empty">{tr!(i18n, home.no_activity)}</p> })
    } else {
        Either::Right(home.latest.into_iter().map(|post| view! { <PostCard post show_circle=true /> }).collect_view())
    };
    view! {
        <div class="home-grid">
            <section id="circles" aria-labelledby="circles-title">
                <h2 id="circles-title">{tr!(i18n, home.my_circles)}</h2>
                {circles}
                {animator.then(|| view! {
                    <p class="more"><a href="/manage/circles">{tr!(i18n, admin.home_link)}</a></p>
                    <p class="more"><a href="/moderation">{tr!(i18n, moderation.home_link)}</a></p>
                    <p class="more"><a href=crate::prompts::api::PROMPTS_HREF>{tr!(i18n, prompt.home_link)}</a></p>
                })}
            </section>
            <section aria-labelledby="team-title">
                <h2 id="team-title">{tr!(i18n, home.my_team)}</h2>
                {teams}
            </section>
            <section class="wide" aria-labelledby="latest-title">
                <h2 id="latest-title">{tr!(i18n, home.latest)}</h2>
                {latest}
            </section>
        </div>
    }
}

/// The name of a kind of circle.
#[component]
pub fn KindLabel(kind: CircleKind) -> impl IntoView {
    let i18n = use_i18n();
    move || match kind {
        CircleKind::Peer => t_string!(i18n, circle.kind_peer),
        CircleKind::Network => t_string!(i18n, circle.kind_network),
        CircleKind::Plc => t_string!(i18n, circle.kind_plc),
    }
}

#[component]
fn CircleItem(circle: CircleSummary) -> impl IntoView {
    let i18n = use_i18n();
    let count = circle.member_count;
    view! {
        <li>
            <a class="card circle-link" href=format!("/circles/{}", circle.id)>
                <strong>{circle.name}</strong>
                <span class="muted">
                    <KindLabel kind=circle.kind />
                    " · "
                    {move || t_string!(i18n, home.members, count).to_string()}
                </span>
            </a>
        </li>
    }
}
