//! The library, `/library` ("la mallette"), loaded lazily: the organisation's promoted
//! practices, searched by words (accents and word endings ignored, French and English),
//! filtered by theme and skill, ordered by relevance, recency or adoption. The search is a
//! GET form: it works without JavaScript. The device keeps two copies for offline reading: the
//! library as it opens, and the last search.
use crate::circles::post_card::PostCard;
use crate::error::AppError;
use crate::i18n::*;
use crate::library::api::get_library;
use crate::library::model::{LibraryEntry, Search, Sort, MAX_SEARCH_CHARS};
use crate::offline::cache;
use crate::offline::sync_mark::SyncMark;
use crate::tr;
use crate::ui::error::ErrorAlert;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;
use leptos_router::{lazy_route, LazyRoute};

/// The library page. `data` (in every first load) only reads the search from the address; the
/// shelf is asked for in `view`, with the page's own code (see `network::page::NetworkPage`).
pub struct LibraryPage {
    search: Memo<Search>,
}

#[lazy_route]
impl LazyRoute for LibraryPage {
    fn data() -> Self {
        let query = use_query_map();
        let search = Memo::new(move |_| {
            let q = query.read();
            let get = |name: &str| q.get(name).unwrap_or_default();
            Search {
                q: get("q").chars().take(MAX_SEARCH_CHARS).collect(),
                theme: get("theme"),
                skill: get("skill"),
                sort: Sort::from_param(&get("sort")),
            }
        });
        LibraryPage { search }
    }

    fn view(this: Self) -> AnyView {
        let LibraryPage { search } = this;
        let shelf = Resource::new(move || search.get(), |s| get_library(s.q, s.theme, s.skill, s.sort));
        let i18n = use_i18n();
        // Two copies on the device, whatever the number of searches: the library as it opens,
        // and the last search (each copy says which search it answers).
        let key =
            move || if search.with(|s| *s == Search::default()) { "library" } else { "library:search" }.to_owned();
        view! {
            <main class="page library">
                <Title text=move || format!("{} · Apprenance", t_string!(i18n, library.title)) />
                <h1>{tr!(i18n, library.title)}</h1>
                <p class="lead">{tr!(i18n, library.lead)}</p>
                <Transition fallback=move || view! { <p class="loading">{tr!(i18n, circle.loading)}</p> }>
                    {move || Suspend::new(async move {
                        // Times read in the person's zone: known once they are.
                        let _ = crate::shell::layout::current_me().await;
                        let data = shelf.await;
                        let asked = search.get_untracked();
                        let shown = cache::fresh_or_cached(&key(), data).and_then(|shown| {
                            // A device copy of another search is not this one's answer (fresh data
                            // always is: the server and the browser may read an odd URL apart).
                            if shown.offline_since.is_none() || shown.data.search == asked {
                                Ok(shown)
                            } else {
                                Err(AppError::Network(String::new()))
                            }
                        });
                        match shown {
                            Ok(shown) => Either::Left(view! {
                                <SearchForm search=asked.clone() themes=shown.data.themes.clone() skills=shown.data.skills.clone() />
                                <SyncMark offline_since=shown.offline_since cache_key=key() />
                                <Results entries=shown.data.entries searched=asked.narrows() />
                            }),
                            Err(error) => Either::Right(view! {
                                // The chosen filters stay chosen for the next try.
                                <SearchForm
                                    themes=(!asked.theme.is_empty()).then(|| asked.theme.clone()).into_iter().collect()
                                    skills=(!asked.skill.is_empty()).then(|| asked.skill.clone()).into_iter().collect()
                                    search=asked
                                />
                                <ErrorAlert error />
                            }),
                        }
                    })}
                </Transition>
            </main>
        }
        .into_any()
    }
}

/// The search form: words, a theme, a skill, an order. A GET form, so the search is in the URL.
#[component]
fn SearchForm(search: Search, themes: Vec<String>, skills: Vec<String>) -> impl IntoView {
    let i18n = use_i18n();
    let options = |all: Vec<String>, chosen: String| {
        all.into_iter()
            .map(|t| {
                let selected = t == chosen;
                let value = t.clone();
                view! { <option value=value selected=selected>{t}</option> }
            })
            .collect_view()
    };
    let sorts = Sort::ALL
        .into_iter()
        .map(|s| {
            let label = move || match s {
                Sort::Relevance => t_string!(i18n, library.by_relevance),
                Sort::Recent => t_string!(i18n, library.by_recent),
                Sort::Adoption => t_string!(i18n, library.by_adoption),
            };
            view! { <option value=s.as_param() selected=s == search.sort>{label}</option> }
        })
        .collect_view();
    view! {
        <Form method="GET" action="/library" attr:class="card search" attr:role="search">
            <label for="library-q">{tr!(i18n, library.search_label)}</label>
            <input id="library-q" name="q" type="search" maxlength=MAX_SEARCH_CHARS value=search.q
                placeholder=move || t_string!(i18n, library.search_hint) />
            <div class="filters">
                <div>
                    <label for="library-theme">{tr!(i18n, library.theme)}</label>
                    <select id="library-theme" name="theme">
                        <option value="">{tr!(i18n, library.any_theme)}</option>
                        {options(themes, search.theme)}
                    </select>
                </div>
                <div>
                    <label for="library-skill">{tr!(i18n, library.skill)}</label>
                    <select id="library-skill" name="skill">
                        <option value="">{tr!(i18n, library.any_skill)}</option>
                        {options(skills, search.skill)}
                    </select>
                </div>
                <div>
                    <label for="library-sort">{tr!(i18n, library.sort)}</label>
                    <select id="library-sort" name="sort">{sorts}</select>
                </div>
            </div>
            <button type="submit" class="primary">{tr!(i18n, library.search)}</button>
        </Form>
    }
}

#[component]
fn Results(entries: Vec<LibraryEntry>, searched: bool) -> impl IntoView {
    let i18n = use_i18n();
    let count = entries.len();
    let list = if entries.is_empty() {
        Either::Left(view! {
            <p class="empty">
                {move || if searched { t_string!(i18n, library.no_match) } else { t_string!(i18n, library.empty) }}
            </p>
        })
    } else {
        Either::Right(entries.into_iter().map(|entry| view! { <EntryCard entry /> }).collect_view())
    };
    view! {
        <section class="results" aria-labelledby="results-title">
            <h2 id="results-title">{move || t_string!(i18n, library.count, count).to_string()}</h2>
            {list}
        </section>
    }
}

/// A practice of the library: its parts, themes and skills, the teams that took it up, and
/// the link to its page.
#[component]
pub fn EntryCard(entry: LibraryEntry, #[prop(optional)] on_its_page: bool) -> impl IntoView {
    let i18n = use_i18n();
    let LibraryEntry { post, themes, skills, teams, tried, .. } = entry;
    let href = format!("/library/{}", post.id);
    let labels = |class: &'static str, words: Vec<String>| {
        (!words.is_empty()).then(|| {
            view! { <ul class=class>{words.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}</ul> }
        })
    };
    let team_count = teams.len();
    let adopted = move || {
        if team_count == 0 {
            t_string!(i18n, library.not_adopted).to_string()
        } else {
            t_string!(i18n, library.adopted, count = team_count, teams = teams.join(", ")).to_string()
        }
    };
    let link = (!on_its_page).then(|| {
        view! { <a class="replies" href=href>{move || t_string!(i18n, library.open, count = tried).to_string()}</a> }
    });
    view! {
        <PostCard post in_thread=true>
            <div class="library-marks">
                {labels("labels themes", themes)}
                {labels("labels skills", skills)}
                <p class="adopted">{adopted}</p>
            </div>
            {link}
        </PostCard>
    }
}
