//! The "Comment fais-tu pour… ?" form of a circle, and the reply form of a thread: each an
//! `offline::write_form`, queued when hydrated, a plain post without JavaScript.
use crate::circles::api::{AskQuestion, PostQuestion, PostReply, Reply};
use crate::error::Field;
use crate::i18n::*;
use crate::identity::model::Me;
use crate::offline::write_form::{posted_error, WriteForm};
use crate::offline::writes::Write;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use uuid::Uuid;

/// The form to ask a question in circle `circle_id`.
#[component]
pub fn AskForm(circle_id: Uuid, me: Option<Me>) -> impl IntoView {
    view! {
        <WriteForm
            action=PostQuestion::url()
            me
            fields=vec![("circle_id", circle_id.to_string())]
            field=Field::Question
            write={Callback::new(move |body| Write::AskQuestion(AskQuestion { circle_id, body }))}
            posted={posted_error::<PostQuestion>()}
            id="ask-body"
            class="ask"
            title={|l| td_string!(l, ask.title)}
            label={|l| td_string!(l, ask.label)}
            placeholder={|l| td_string!(l, ask.placeholder)}
            submit={|l| td_string!(l, ask.submit)}
            hint={|l, max| td_string!(l, ask.hint, max).to_string()}
        />
    }
}

/// The form to reply to question or practice `post_id` of circle `circle_id`.
#[component]
pub fn ReplyForm(circle_id: Uuid, post_id: Uuid, me: Option<Me>) -> impl IntoView {
    view! {
        <WriteForm
            action=PostReply::url()
            me
            fields=vec![("circle_id", circle_id.to_string()), ("post_id", post_id.to_string())]
            field=Field::Reply
            write={Callback::new(move |body| Write::Reply(Reply { circle_id, post_id, body }))}
            posted={posted_error::<PostReply>()}
            id="reply-body"
            class="reply"
            title={|l| td_string!(l, reply.title)}
            label={|l| td_string!(l, reply.label)}
            placeholder={|l| td_string!(l, reply.placeholder)}
            submit={|l| td_string!(l, reply.submit)}
            hint={|l, max| td_string!(l, reply.hint, max, per_minute = crate::ui::text::MAX_REPLIES_PER_MINUTE).to_string()}
        />
    }
}
