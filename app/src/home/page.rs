//! Home: my circles, my team, the latest activity in my circles.
use crate::circles::model::{CircleKind, CircleSummary};
use crate::circles::post_card::PostCard;
use crate::home::api::{get_home, HomeOverview};
use crate::i18n::*;
use crate::offline::sync_mark::SyncMark;
use crate::offline::{cache, outbox::Outbox};
use crate::shell::layout::current_me;
use crate::ui::error::ErrorAlert;
use leptos::prelude::*;
use leptos_meta::Title;

/// The home page.
#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let outbox = Outbox::use_outbox();
    let home = Resource::new(move || outbox.synced_count(), |_| get_home());
    view! {
        <Title text=format!("{} · Apprenance", t_string!(i18n, home.title)) />
        <main class="page">
            <Transition fallback=move || view! { <p class="loading">{t!(i18n, circle.loading)}</p> }>
                {move || Suspend::new(async move {
                    let name = current_me().await.map(|m| m.display_name).unwrap_or_default();
                    let greeting = view! { <h1>{t!(i18n, home.hello, name = move || name.clone())}</h1> };
                    match cache::fresh_or_cached("home", home.await) {
                        Ok(shown) => view! {
                            {greeting}
                            <SyncMark offline_since=shown.offline_since cache_key="home".to_string() />
                            <Overview home=shown.data />
                        }
                            .into_any(),
                        Err(error) => view! {
                            {greeting}
                            <ErrorAlert error />
                        }
                            .into_any(),
                    }
                })}
            </Transition>
        </main>
    }
}

#[component]
fn Overview(home: HomeOverview) -> impl IntoView {
    let i18n = use_i18n();
    let circles = if home.circles.is_empty() {
        view! { <p class="empty">{t!(i18n, home.no_circles)}</p> }.into_any()
    } else {
        view! {
            <ul class="circle-list">
                {home.circles.into_iter().map(|circle| view! { <CircleItem circle /> }).collect_view()}
            </ul>
        }
        .into_any()
    };
    let teams = if home.teams.is_empty() {
        view! { <p class="empty">{t!(i18n, home.no_team)}</p> }.into_any()
    } else {
        home.teams
            .into_iter()
            .map(|team| {
                let lead = team.lead_name.clone();
                view! {
                    <div class="card team">
                        <h3>{team.name}</h3>
                        <p class="muted">{t!(i18n, home.lead, name = move || lead.clone())}</p>
                        <p class="members">{team.members.join(" · ")}</p>
                    </div>
                }
            })
            .collect_view()
            .into_any()
    };
    let latest = if home.latest.is_empty() {
        view! { <p class="empty">{t!(i18n, home.no_activity)}</p> }.into_any()
    } else {
        home.latest.into_iter().map(|post| view! { <PostCard post show_circle=true /> }).collect_view().into_any()
    };
    view! {
        <div class="home-grid">
            <section id="circles" aria-labelledby="circles-title">
                <h2 id="circles-title">{t!(i18n, home.my_circles)}</h2>
                {circles}
            </section>
            <section aria-labelledby="team-title">
                <h2 id="team-title">{t!(i18n, home.my_team)}</h2>
                {teams}
            </section>
            <section class="wide" aria-labelledby="latest-title">
                <h2 id="latest-title">{t!(i18n, home.latest)}</h2>
                {latest}
            </section>
        </div>
    }
}

/// The name of a kind of circle.
#[component]
pub fn KindLabel(kind: CircleKind) -> impl IntoView {
    let i18n = use_i18n();
    match kind {
        CircleKind::Peer => t!(i18n, circle.kind_peer).into_any(),
        CircleKind::Network => t!(i18n, circle.kind_network).into_any(),
        CircleKind::Plc => t!(i18n, circle.kind_plc).into_any(),
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
                    {t!(i18n, home.members, count)}
                </span>
            </a>
        </li>
    }
}
