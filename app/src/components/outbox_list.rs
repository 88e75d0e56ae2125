//! The person's writes that have not landed yet, with their state.
use crate::components::error::ErrorText;
use crate::i18n::*;
use crate::offline::outbox::{Item, Outbox, Status};
use leptos::prelude::*;
use uuid::Uuid;

/// Pending, failed and just-sent writes of circle `circle_id`.
#[component]
pub fn OutboxList(circle_id: Uuid) -> impl IntoView {
    let i18n = use_i18n();
    let outbox = Outbox::use_outbox();
    let items =
        move || outbox.items().into_iter().filter(|i| i.write.circle_id() == Some(circle_id)).collect::<Vec<Item>>();
    view! {
        <Show when=move || !items().is_empty()>
            <section class="outbox" aria-labelledby="outbox-title">
                <h2 id="outbox-title">{t!(i18n, sync.outbox)}</h2>
                <ul>
                    <For
                        each=items
                        key=|i| (i.id, format!("{:?}", i.status))
                        children=move |item| view! { <OutboxEntry item /> }
                    />
                </ul>
            </section>
        </Show>
    }
}

#[component]
fn OutboxEntry(item: Item) -> impl IntoView {
    let i18n = use_i18n();
    let outbox = Outbox::use_outbox();
    let id = item.id;
    let (class, label) = match &item.status {
        Status::Pending => ("pending", t!(i18n, sync.pending).into_any()),
        Status::Synced => ("synced", t!(i18n, sync.synced).into_any()),
        Status::Failed(_) => ("failed", t!(i18n, sync.failed).into_any()),
    };
    let failure = match item.status {
        Status::Failed(error) => Some(view! {
            <p class="reason"><ErrorText error /></p>
            <div class="actions">
                <button type="button" on:click=move |_| outbox.retry(id)>{t!(i18n, sync.retry)}</button>
                <button type="button" class="quiet" on:click=move |_| outbox.discard(id)>{t!(i18n, sync.discard)}</button>
            </div>
        }),
        _ => None,
    };
    view! {
        <li class=format!("outbox-item {class}")>
            <p class="post-body">{item.write.summary().to_owned()}</p>
            <span class="status">{label}</span>
            {failure}
        </li>
    }
}
