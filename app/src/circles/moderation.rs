//! Keeping circles safe: anyone who reads a post reports it to the animators, with why; an
//! animator hides it (its place stays, its text goes, except for its author and the animators),
//! restores it, or keeps it visible. Each decision keeps its reason, and handles the reports
//! open until then. All of them are writes of the sync engine.
// The plain-form endpoints take one argument per field of their form (the `server` macro
// repeats them in code an item's `allow` does not reach).
#![allow(clippy::too_many_arguments)]
use crate::circles::posts::PostView;
use crate::error::{AppError, Field};
use crate::i18n::*;
use crate::identity::model::Me;
use crate::json::Answer;
use crate::offline::write_form::{Words, WriteForm};
use crate::offline::writes::{Command, Receipt, Write};
use crate::ui::time::UnixMs;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use leptos::server_fn::ServerFn;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Longest reason for a report or a decision, in characters (the database checks the same).
pub const MAX_REASON_CHARS: usize = 500;

/// A post reported to the animators, with why (`body`): a write of the sync engine. Reporting
/// it again replaces one's reason and reopens one's report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportPost {
    pub circle_id: Uuid,
    pub post_id: Uuid,
    pub body: String,
}

impl Command for ReportPost {
    const KIND: &'static str = "report_post";
}

/// An animator's decision on a post: hidden, or shown (restored, or kept visible despite its
/// reports), with why (`body`): a write of the sync engine. It is taken on the `version` and
/// state the animator read: if the author edited it since, or another decision came first,
/// it is refused as stale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModeratePost {
    pub circle_id: Uuid,
    pub post_id: Uuid,
    pub version: i32,
    /// Whether it was hidden when the animator decided: another animator's decision in
    /// between makes this one stale.
    pub was_hidden: bool,
    pub hidden: bool,
    pub body: String,
}

impl Command for ModeratePost {
    const KIND: &'static str = "moderate_post";
}

/// A reported post as the animators see it: the post, and the open reports' reasons, newest
/// first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reported {
    pub post: PostView,
    pub reasons: Vec<(String, UnixMs)>,
}

/// What waits for the animators: posts with open reports (most recently reported first), and
/// posts hidden now (most recently hidden first).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Queue {
    pub reported: Vec<Reported>,
    pub hidden: Vec<PostView>,
}

/// Posts listed on the moderation page, at most, in each part.
pub const MAX_QUEUE: i64 = 50;

#[cfg(feature = "ssr")]
impl crate::offline::ledger::Apply for ReportPost {
    type Output = Uuid;

    async fn apply(
        self,
        tx: &mut sqlx::PgConnection,
        caller: crate::identity::session::Caller,
    ) -> Result<Self::Output, AppError> {
        use crate::access::Action;
        let ids = (self.circle_id, self.post_id);
        crate::circles::api::post_allowing(&mut *tx, caller, ids, Action::ReportPost).await?;
        let reason = crate::ui::text::required(Field::Reason, &self.body, MAX_REASON_CHARS)?;
        report(tx, caller, self.post_id, &reason).await?;
        Ok(self.post_id)
    }

    fn subject(output: &Self::Output) -> Option<Uuid> {
        Some(*output)
    }
}

#[cfg(feature = "ssr")]
impl crate::offline::ledger::Apply for ModeratePost {
    type Output = PostView;

    async fn apply(
        self,
        tx: &mut sqlx::PgConnection,
        caller: crate::identity::session::Caller,
    ) -> Result<Self::Output, AppError> {
        use crate::access::{allows, Action, Standing};
        // The role first: whoever may not decide learns nothing of the post.
        if !allows(caller.role, Standing::default(), Action::ModeratePost) {
            return Err(AppError::Forbidden);
        }
        // No edit or other decision slips between the check of the version and the decision.
        crate::circles::posts::lock(&mut *tx, caller.org_id, self.post_id).await?;
        let ids = (self.circle_id, self.post_id);
        let found = crate::circles::api::post_allowing(&mut *tx, caller, ids, Action::ModeratePost).await?;
        let reason = crate::ui::text::required(Field::Reason, &self.body, MAX_REASON_CHARS)?;
        if found.version != self.version || found.hidden != self.was_hidden {
            return Err(AppError::Stale { version: found.version, current: found.body });
        }
        let decision = Decision { hidden: self.hidden, reason: &reason, version: found.version, body: &found.body };
        Ok(moderate(tx, caller, self.circle_id, self.post_id, decision).await?)
    }

    fn subject(output: &Self::Output) -> Option<Uuid> {
        Some(output.id)
    }
}

/// The report form posted without JavaScript (see `circles::api::post_question`).
#[server(endpoint = "report_post", output = Answer)]
pub async fn post_report(
    org_id: Uuid,
    person_id: Uuid,
    client_id: Uuid,
    circle_id: Uuid,
    post_id: Uuid,
    body: String,
) -> Result<Receipt, AppError> {
    crate::identity::session::respond(|req| async move {
        let caller = req.caller_for(person_id, org_id).await?;
        Write::ReportPost(ReportPost { circle_id, post_id, body }).apply(&req.pool, caller, client_id).await
    })
    .await
}

/// An animator's decision posted without JavaScript (see `circles::api::post_question`).
#[server(endpoint = "moderate_post", output = Answer)]
pub async fn post_moderation(
    org_id: Uuid,
    person_id: Uuid,
    client_id: Uuid,
    circle_id: Uuid,
    post_id: Uuid,
    version: i32,
    was_hidden: bool,
    hidden: bool,
    body: String,
) -> Result<Receipt, AppError> {
    crate::identity::session::respond(|req| async move {
        let caller = req.caller_for(person_id, org_id).await?;
        let write = ModeratePost { circle_id, post_id, version, was_hidden, hidden, body };
        Write::ModeratePost(write).apply(&req.pool, caller, client_id).await
    })
    .await
}

/// What waits for the animators (the moderation page).
#[server(endpoint = "moderation", input = GetUrl, output = Answer)]
pub async fn get_moderation() -> Result<Queue, AppError> {
    use crate::access::{allows, Action, Standing};
    crate::identity::session::respond(|req| async move {
        let me = req.caller().await?;
        if !allows(me.role, Standing::default(), Action::ModeratePost) {
            return Err(AppError::Forbidden);
        }
        Ok(queue(&req.pool, me).await?)
    })
    .await
}

/// The form to report `post` to the animators.
#[component]
pub fn ReportForm(post: PostView, me: Option<Me>) -> impl IntoView {
    let (circle_id, post_id) = (post.circle_id, post.id);
    view! {
        <WriteForm
            action=PostReport::url()
            me
            fields=vec![("circle_id", circle_id.to_string()), ("post_id", post_id.to_string())]
            field=Field::Reason
            write={Callback::new(move |body| Write::ReportPost(ReportPost { circle_id, post_id, body }))}
            posted={Signal::derive(|| None)}
            id=format!("report-{post_id}")
            class="report"
            title={|l| td_string!(l, moderation.report_title)}
            label={|l| td_string!(l, moderation.reason)}
            placeholder={|l| td_string!(l, moderation.report_placeholder)}
            submit={|l| td_string!(l, moderation.report_submit)}
            hint={|l, max| td_string!(l, moderation.report_hint, max).to_string()}
            max=MAX_REASON_CHARS
        />
    }
}

/// A decision form's title, button and hint.
type Labels = (Words, Words, fn(Locale, usize) -> String);

/// An animator's forms for `post`: hide it, or restore it; keep it visible when it has open
/// reports.
#[component]
pub fn ModerateForm(post: PostView, me: Option<Me>) -> impl IntoView {
    let (circle_id, post_id, version, was_hidden) = (post.circle_id, post.id, post.version, post.hidden);
    let decide = move |hidden: bool, (title, submit, hint): Labels, me: Option<Me>| {
        let write =
            move |body| Write::ModeratePost(ModeratePost { circle_id, post_id, version, was_hidden, hidden, body });
        view! {
            <WriteForm
                action=PostModeration::url()
                me
                fields=vec![
                    ("circle_id", circle_id.to_string()),
                    ("post_id", post_id.to_string()),
                    ("version", version.to_string()),
                    ("was_hidden", was_hidden.to_string()),
                    ("hidden", hidden.to_string()),
                ]
                field=Field::Reason
                write={Callback::new(write)}
                posted={Signal::derive(|| None)}
                id=format!("moderate-{hidden}-{post_id}")
                class="moderate"
                title
                label={|l| td_string!(l, moderation.reason)}
                placeholder={|l| td_string!(l, moderation.decision_placeholder)}
                submit
                hint
                max=MAX_REASON_CHARS
            />
        }
    };
    let hide: Labels = (
        |l| td_string!(l, moderation.hide_title),
        |l| td_string!(l, moderation.hide_submit),
        |l, max| format!("{} {}", td_string!(l, moderation.hide_hint), td_string!(l, moderation.decision_hint, max)),
    );
    let show: Labels = (
        |l| td_string!(l, moderation.show_title),
        |l| td_string!(l, moderation.show_submit),
        |l, max| format!("{} {}", td_string!(l, moderation.show_hint), td_string!(l, moderation.decision_hint, max)),
    );
    let keep: Labels = (
        |l| td_string!(l, moderation.keep_title),
        |l| td_string!(l, moderation.keep_submit),
        |l, max| format!("{} {}", td_string!(l, moderation.keep_hint), td_string!(l, moderation.decision_hint, max)),
    );
    if post.hidden {
        return decide(false, show, me).into_any();
    }
    // Shown: hide it, or (reported) keep it visible and close the reports.
    let keep = (post.open_reports > 0).then(|| decide(false, keep, me.clone()));
    view! {
        {decide(true, hide, me)}
        {keep}
    }
    .into_any()
}

#[cfg(feature = "ssr")]
pub use queries::*;

#[cfg(feature = "ssr")]
mod queries {
    use super::*;
    use crate::activity::{self, ActivityKind};
    use crate::identity::session::Caller;
    use crate::ui::time::unix_ms;
    use sqlx::PgConnection;

    /// Records `reporter`'s report of post `post_id`, or replaces their reason and reopens it,
    /// inside the caller's transaction. Check access first.
    pub async fn report(tx: &mut PgConnection, reporter: Caller, post_id: Uuid, reason: &str) -> sqlx::Result<()> {
        sqlx::query!(
            "insert into post_reports (org_id, post_id, reporter_id, reason) values ($1, $2, $3, $4)
             on conflict (org_id, post_id, reporter_id)
             do update set reason = excluded.reason, created_at = now(), handled_at = null",
            reporter.org_id,
            post_id,
            reporter.person_id,
            reason,
        )
        .execute(&mut *tx)
        .await?;
        Ok(())
    }

    /// A decision as it is kept: hide or show, why, and the version and text it was taken on.
    pub struct Decision<'a> {
        pub hidden: bool,
        pub reason: &'a str,
        pub version: i32,
        pub body: &'a str,
    }

    /// Hides or shows post `post_id` of circle `circle_id` as `decision` says, keeps the
    /// decision, handles the open reports, inside the caller's transaction; a change of state
    /// appends its activity event. Returns the post as `moderator` sees it. Check access and
    /// the version first.
    pub async fn moderate(
        tx: &mut PgConnection,
        moderator: Caller,
        circle_id: Uuid,
        post_id: Uuid,
        decision: Decision<'_>,
    ) -> sqlx::Result<PostView> {
        let Decision { hidden, reason, version, body } = decision;
        let org_id = moderator.org_id;
        let was_hidden = sqlx::query_scalar!(
            r#"select hidden_at is not null as "hidden!" from posts where org_id = $1 and id = $2"#,
            org_id,
            post_id,
        )
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query!(
            "update posts set hidden_at = case when $3 then coalesce(hidden_at, now()) end,
                              hidden_reason = case when $3 then $4 end
             where org_id = $1 and id = $2",
            org_id,
            post_id,
            hidden,
            reason,
        )
        .execute(&mut *tx)
        .await?;
        sqlx::query!(
            "insert into post_moderations (org_id, post_id, moderator_id, hidden, reason, version, body)
             values ($1, $2, $3, $4, $5, $6, $7)",
            org_id,
            post_id,
            moderator.person_id,
            hidden,
            reason,
            version,
            body,
        )
        .execute(&mut *tx)
        .await?;
        sqlx::query!(
            "update post_reports set handled_at = now() where org_id = $1 and post_id = $2 and handled_at is null",
            org_id,
            post_id,
        )
        .execute(&mut *tx)
        .await?;
        if was_hidden != hidden {
            let kind = if hidden { ActivityKind::HidPost } else { ActivityKind::RestoredPost };
            let subject = activity::Subject::Post(post_id);
            activity::record(&mut *tx, org_id, moderator.person_id, kind, subject, Some(circle_id)).await?;
        }
        let mut it = crate::circles::posts::cards(&mut *tx, moderator, &[post_id]).await?;
        it.pop().ok_or(sqlx::Error::RowNotFound)
    }

    /// What waits for the animators of `reader`'s organisation (check they are one first): posts
    /// as `post_cards` shows them (not deleted, nor replies of a deleted post).
    pub async fn queue(pool: &sqlx::PgPool, reader: Caller) -> sqlx::Result<Queue> {
        let org_id = reader.org_id;
        let reports = sqlx::query!(
            r#"select r.post_id, r.reason, r.created_at
               from post_reports r
               where r.org_id = $1 and r.handled_at is null
                 and r.post_id in (select r2.post_id from post_reports r2
                                   join post_cards p2 on p2.org_id = r2.org_id and p2.id = r2.post_id
                                   where r2.org_id = $1 and r2.handled_at is null
                                   group by r2.post_id order by max(r2.created_at) desc limit $2)
               order by r.created_at desc"#,
            org_id,
            MAX_QUEUE,
        )
        .fetch_all(pool)
        .await?;
        let hidden_ids = sqlx::query_scalar!(
            r#"select id as "id!" from post_cards where org_id = $1 and hidden_at is not null
               order by hidden_at desc limit $2"#,
            org_id,
            MAX_QUEUE,
        )
        .fetch_all(pool)
        .await?;
        let mut reported_ids: Vec<Uuid> = Vec::new();
        for r in &reports {
            if !reported_ids.contains(&r.post_id) {
                reported_ids.push(r.post_id);
            }
        }
        let all: Vec<Uuid> = reported_ids.iter().chain(hidden_ids.iter()).copied().collect();
        let cards = crate::circles::posts::cards(pool, reader, &all).await?;
        let card = |id: &Uuid| cards.iter().find(|c| c.id == *id).cloned();
        let reported = reported_ids
            .iter()
            .filter_map(|id| {
                let reasons = reports
                    .iter()
                    .filter(|r| r.post_id == *id)
                    .map(|r| (r.reason.clone(), unix_ms(r.created_at)))
                    .collect();
                Some(Reported { post: card(id)?, reasons })
            })
            .collect();
        let hidden = hidden_ids.iter().filter_map(card).collect();
        Ok(Queue { reported, hidden })
    }
}
