//! The person's settings, `/settings` (loaded lazily, kept on the device for offline reading):
//! the time zone their dates and times are shown in, theirs or their organisation's. Choosing
//! one is an outbox write (a plain form without JavaScript); once it has landed, every page
//! shows times in it (the layout asks who is signed in again: `Outbox::me_changes`).
use crate::error::{AppError, Field};
use crate::i18n::*;
use crate::identity::model::Me;
use crate::identity::settings::{get_settings, region_and_place, PostSetTimeZone, SetTimeZone, Settings};
use crate::offline::cache;
use crate::offline::outbox::Outbox;
use crate::offline::outbox_list::OutboxOfKind;
use crate::offline::refill::refused_form;
use crate::offline::sync_mark::SyncMark;
use crate::offline::write_form::{posted_error, EnvelopeFields};
use crate::offline::writes::{Command, Write};
use crate::shell::layout::current_me;
use crate::tr;
use crate::ui::error::ErrorAlert;
use leptos::either::Either;
use leptos::ev::SubmitEvent;
use leptos::html;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::{lazy_route, LazyRoute};

/// The page. Its data is asked for in `view`, with the page's own code; asked again when a
/// write lands.
pub struct SettingsPage;

#[lazy_route]
impl LazyRoute for SettingsPage {
    fn data() -> Self {
        SettingsPage
    }

    fn view(_this: Self) -> AnyView {
        let outbox = Outbox::use_outbox();
        let settings = Resource::new(move || outbox.synced_count(), |_| get_settings());
        let i18n = use_i18n();
        const KEY: &str = "settings";
        view! {
            <Title text=move || format!("{} · Apprenance", t_string!(i18n, settings.page_title)) />
            <main class="page settings-page">
                <h1>{tr!(i18n, settings.page_title)}</h1>
                <Transition fallback=move || view! { <p class="loading">{tr!(i18n, circle.loading)}</p> }>
                    {move || Suspend::new(async move {
                        let me = current_me().await;
                        match cache::fresh_or_cached(KEY, settings.await) {
                            Ok(shown) => Either::Left(view! {
                                <SyncMark offline_since=shown.offline_since cache_key=KEY.to_owned() />
                                <TimeZoneForm settings=shown.data me fresh=shown.offline_since.is_none() />
                            }),
                            Err(error) => Either::Right(view! { <ErrorAlert error /> }),
                        }
                    })}
                </Transition>
            </main>
        }
        .into_any()
    }
}

/// The name of an IANA region, in a language.
fn region_name(locale: Locale, region: &str) -> &'static str {
    match region {
        "Africa" => td_string!(locale, settings.africa),
        "America" => td_string!(locale, settings.america),
        "Antarctica" => td_string!(locale, settings.antarctica),
        "Asia" => td_string!(locale, settings.asia),
        "Atlantic" => td_string!(locale, settings.atlantic),
        "Australia" => td_string!(locale, settings.australia),
        "Europe" => td_string!(locale, settings.europe),
        "Indian" => td_string!(locale, settings.indian),
        "Pacific" => td_string!(locale, settings.pacific),
        _ => td_string!(locale, settings.other),
    }
}

/// A region (none: `UTC`) and its zones, each with its place as people read it.
type Region = (Option<String>, Vec<(String, String)>);

/// The zones as a select's options: the organisation's first, then by region.
fn zone_options(zones: &[String], chosen: Option<&str>, org_zone: &str) -> impl IntoView {
    let i18n = use_i18n();
    let org_zone = org_zone.to_owned();
    let mut groups: Vec<Region> = Vec::new();
    for zone in zones {
        let (region, place) = region_and_place(zone);
        let region = region.map(str::to_owned);
        match groups.last_mut() {
            Some((r, list)) if *r == region => list.push((zone.clone(), place)),
            _ => groups.push((region, vec![(zone.clone(), place)])),
        }
    }
    let groups = groups
        .into_iter()
        .map(|(region, list)| {
            let options = list
                .into_iter()
                .map(|(zone, place)| {
                    let selected = chosen == Some(zone.as_str());
                    view! { <option value=zone selected=selected>{place}</option> }
                })
                .collect_view();
            let label = move || region_name(i18n.get_locale(), region.as_deref().unwrap_or_default());
            view! { <optgroup label=label>{options}</optgroup> }
        })
        .collect_view();
    view! {
        <option value="" selected=chosen.is_none()>
            {move || t_string!(i18n, settings.org_zone, zone = &org_zone).to_string()}
        </option>
        {groups}
    }
}

/// The zone this device's clock is set to, as the browser says (none on the server).
fn device_zone() -> Option<String> {
    #[cfg(feature = "hydrate")]
    {
        let options =
            js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new()).resolved_options();
        js_sys::Reflect::get(&options, &"timeZone".into()).ok()?.as_string()
    }
    #[cfg(not(feature = "hydrate"))]
    None
}

#[component]
fn TimeZoneForm(settings: Settings, me: Option<Me>, fresh: bool) -> impl IntoView {
    let i18n = use_i18n();
    let outbox = Outbox::use_outbox();
    let posted = posted_error::<PostSetTimeZone>();
    let local_error = RwSignal::new(None::<AppError>);
    let select = NodeRef::<html::Select>::new();
    let Settings { time_zone, org_time_zone, zones } = settings;
    // Refused without JavaScript (the server unreachable): the zone that was chosen, when the
    // list has it ("" is the organisation's).
    let refused_choice = refused_form(PostSetTimeZone::url(), &[])
        .and_then(|r| r.value("zone").map(str::to_owned))
        .filter(|zone| zone.is_empty() || zones.binary_search(zone).is_ok());
    let chosen = refused_choice.map_or_else(|| time_zone.clone(), |zone| (!zone.is_empty()).then_some(zone));
    let effective = time_zone.clone().unwrap_or_else(|| org_time_zone.clone());
    // The zone changes that landed are shown from the server now: forget them.
    if fresh {
        Effect::new(move |_| outbox.forget_landed_of_kind(SetTimeZone::KIND));
    }
    // After hydration only (the server does not know it): the device's own zone, when the list
    // has it and it is another than the one chosen, to take in one touch.
    let device = RwSignal::new(None::<String>);
    let (shown_zone, known) = (effective.clone(), zones.clone());
    Effect::new(move |_| device.set(device_zone().filter(|z| *z != shown_zone && known.binary_search(z).is_ok())));
    let use_device = move |_| {
        if let (Some(zone), Some(select)) = (device.get_untracked(), select.get_untracked()) {
            select.set_value(&zone);
        }
    };
    let org_for_name = org_time_zone.clone();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some(select) = select.get_untracked() else { return };
        let zone = select.value();
        let name = if zone.is_empty() {
            t_string!(i18n, settings.org_zone, zone = &org_for_name).to_string()
        } else {
            zone.clone()
        };
        match outbox.enqueue(Write::SetTimeZone(SetTimeZone { zone, name })) {
            Ok(()) => local_error.set(None),
            Err(e) => local_error.set(Some(e)),
        }
    };
    let error = move || {
        local_error.get().or_else(|| posted.get()).map(|error| match error {
            // The one way a zone is refused: not one the list has (a forged form, an old device).
            AppError::Invalid { field: Field::TimeZone, .. } => {
                Either::Left(view! { <p class="alert" role="alert">{tr!(i18n, settings.unknown_zone)}</p> })
            }
            error => Either::Right(view! { <ErrorAlert error /> }),
        })
    };
    let current = {
        let (own, effective) = (time_zone.is_some(), effective.clone());
        move || {
            if own {
                t_string!(i18n, settings.current_own, zone = &effective).to_string()
            } else {
                t_string!(i18n, settings.current_org, zone = &effective).to_string()
            }
        }
    };
    let hint = move || {
        device.get().map(|zone| {
            view! {
                <p class="hint device-zone">
                    {t_string!(i18n, settings.device, zone = &zone).to_string()}
                    " "
                    <button type="button" class="quiet" on:click=use_device>
                        {tr!(i18n, settings.use_device)}
                    </button>
                </p>
            }
        })
    };
    view! {
        <section class="card settings-zone" aria-labelledby="zone-title">
            <h2 id="zone-title">{tr!(i18n, settings.zone_title)}</h2>
            <p class="muted">{tr!(i18n, settings.zone_lede)}</p>
            <p class="current-zone">{current}</p>
            // autocomplete off: a restored form must not post the same client id again.
            <form method="post" action=PostSetTimeZone::url() autocomplete="off" on:submit=on_submit>
                <EnvelopeFields me />
                <label for="zone">{tr!(i18n, settings.zone_label)}</label>
                <select id="zone" name="zone" node_ref=select>
                    {zone_options(&zones, chosen.as_deref(), &org_time_zone)}
                </select>
                {hint}
                {error}
                <button type="submit" class="primary">{tr!(i18n, settings.save)}</button>
            </form>
        </section>
        <OutboxOfKind kind=SetTimeZone::KIND />
        <p class="muted settings-where">
            <a href="/">{tr!(i18n, settings.back)}</a>
        </p>
    }
}
