//! "J'ai essayé": a member took up a practice and says how it went. The app keeps their team
//! at that moment, so a practice's page shows how it spread from team to team.
//!
//! It is said in the practice's circle or, once the practice is in the library, by anyone in
//! the organisation; never by its author. One account per person and practice: saying it again
//! replaces the text, not the team or the date.
use crate::error::{AppError, Field};
use crate::i18n::*;
use crate::identity::model::Me;
use crate::json::Answer;
use crate::offline::write_form::{posted_error, WriteForm};
use crate::offline::writes::{Command, Receipt, Write};
use crate::tr;
use crate::ui::time::format_time;
use crate::ui::time::UnixMs;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// One person's account of trying a practice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TryoutView {
    pub id: Uuid,
    pub person_name: String,
    /// Their team when they said it; `None` when they had none (or it was since deleted).
    pub team_name: Option<String>,
    /// Sanitised HTML (`ui::markdown`).
    pub body_html: String,
    pub created_at: UnixMs,
    /// Said by the person reading it.
    pub mine: bool,
}

/// A team that took a practice up: when first, and by how many of its people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamAdoption {
    pub team_name: Option<String>,
    pub first_at: UnixMs,
    pub people: usize,
}

/// The teams that tried a practice, in the order they first did: how it spread. People without
/// a team count together, as one row.
pub fn adoption(tryouts: &[TryoutView]) -> Vec<TeamAdoption> {
    let mut teams: Vec<TeamAdoption> = Vec::new();
    for t in tryouts {
        match teams.iter_mut().find(|a| a.team_name == t.team_name) {
            Some(a) => {
                a.people += 1;
                a.first_at = a.first_at.min(t.created_at);
            }
            None => teams.push(TeamAdoption { team_name: t.team_name.clone(), first_at: t.created_at, people: 1 }),
        }
    }
    teams.sort_by_key(|a| a.first_at);
    teams
}

/// Accounts shown on a practice's page, at most (the oldest ones).
pub const MAX_TRYOUTS: i64 = 200;

/// "I tried it", and how it went: a write of the sync engine.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TryPractice {
    pub circle_id: Uuid,
    /// The practice.
    pub post_id: Uuid,
    /// How it went.
    pub body: String,
}

impl Command for TryPractice {
    const KIND: &'static str = "try_practice";
}

#[cfg(feature = "ssr")]
impl crate::offline::ledger::Apply for TryPractice {
    type Output = TryoutView;

    async fn apply(
        self,
        tx: &mut sqlx::PgConnection,
        caller: crate::identity::session::Caller,
    ) -> Result<Self::Output, AppError> {
        use crate::access::{allows, Action, Standing};
        use crate::circles::{model as circle, posts};
        let (org, person) = (caller.org_id, caller.person_id);
        let circle = circle::membership(&mut *tx, org, self.circle_id, person).await?;
        if !circle.exists {
            return Err(AppError::NotFound);
        }
        let in_library = crate::library::model::holds(&mut *tx, org, self.circle_id, self.post_id).await?;
        let outsider = Standing { in_library, ..circle.standing() };
        // Someone who may not write in the circle learns nothing of its posts.
        if !allows(caller.role, outsider, Action::ReportTried) {
            return Err(crate::circles::api::archived_or_forbidden(caller, outsider, Action::ReportTried));
        }
        let Some(found) = posts::found_in_circle(&mut *tx, org, self.circle_id, self.post_id).await? else {
            return Err(AppError::NotFound);
        };
        if found.kind != posts::PostKind::Practice {
            return Err(AppError::BadRequest);
        }
        let standing = Standing { author: found.author_id == person, ..outsider };
        if !allows(caller.role, standing, Action::ReportTried) || !found.readable_by(caller) {
            return Err(AppError::Forbidden);
        }
        let body = crate::ui::text::required(Field::Tried, &self.body, crate::ui::text::MAX_POST_CHARS)?;
        Ok(report(tx, org, self.circle_id, self.post_id, person, &body).await?)
    }

    fn subject(output: &Self::Output) -> Option<Uuid> {
        Some(output.id)
    }
}

/// The "I tried it" form posted without JavaScript (see `circles::api::post_question`).
#[server(endpoint = "try_practice", output = Answer)]
pub async fn post_tryout(
    org_id: Uuid,
    person_id: Uuid,
    client_id: Uuid,
    circle_id: Uuid,
    post_id: Uuid,
    body: String,
) -> Result<Receipt, AppError> {
    crate::identity::session::respond(|req| async move {
        let caller = req.caller_for(person_id, org_id).await?;
        Write::TryPractice(TryPractice { circle_id, post_id, body }).apply(&req.pool, caller, client_id).await
    })
    .await
}

/// A practice's adoption: the teams that took it up, and each account of how it went.
#[component]
pub fn Adoption(tryouts: Vec<TryoutView>) -> impl IntoView {
    let i18n = use_i18n();
    let teams = adoption(&tryouts);
    let accounts_count = tryouts.len();
    let team_count = teams.iter().filter(|t| t.team_name.is_some()).count();
    let teams = teams
        .into_iter()
        .map(|a| {
            let name = a.team_name;
            let people = a.people;
            view! {
                <li>
                    <strong>{move || name.clone().unwrap_or_else(|| t_string!(i18n, tried.no_team).to_string())}</strong>
                    " · "
                    <span>{move || t_string!(i18n, tried.since, date = format_time(a.first_at)).to_string()}</span>
                    " · "
                    <span>{move || t_string!(i18n, tried.people, count = people).to_string()}</span>
                </li>
            }
        })
        .collect_view();
    let accounts = tryouts
        .into_iter()
        .map(|t| {
            let team = t.team_name.map(|team| view! { " · " <span>{team}</span> });
            view! {
                <article class="post tryout" id=format!("tryout-{}", t.id)>
                    <header class="post-meta">
                        <strong>{t.person_name}</strong>
                        {team}
                        <time>{format_time(t.created_at)}</time>
                    </header>
                    <div class="post-body rich" inner_html=t.body_html></div>
                </article>
            }
        })
        .collect_view();
    let none = (team_count == 0 && accounts_count == 0).then(|| view! { <p class="empty">{tr!(i18n, tried.none)}</p> });
    view! {
        <section class="adoption" aria-labelledby="adoption-title">
            <h2 id="adoption-title">{move || t_string!(i18n, tried.title, count = team_count).to_string()}</h2>
            {none}
            <ol class="teams">{teams}</ol>
            {accounts}
        </section>
    }
}

/// The form to say "I tried it" of practice `post_id` of circle `circle_id`; `again` when the
/// reader already did (saying it again replaces their account).
#[component]
pub fn TriedForm(circle_id: Uuid, post_id: Uuid, me: Option<Me>, again: bool) -> impl IntoView {
    let title: fn(Locale) -> &'static str =
        if again { |l| td_string!(l, tried.again_title) } else { |l| td_string!(l, tried.form_title) };
    view! {
        <WriteForm
            action=PostTryout::url()
            me
            fields=vec![("circle_id", circle_id.to_string()), ("post_id", post_id.to_string())]
            field=Field::Tried
            write={Callback::new(move |body| Write::TryPractice(TryPractice { circle_id, post_id, body }))}
            posted={posted_error::<PostTryout>()}
            id="tried-body"
            class="tried"
            title=title
            label={|l| td_string!(l, tried.label)}
            placeholder={|l| td_string!(l, tried.placeholder)}
            submit={|l| td_string!(l, tried.submit)}
            hint={|l, max| td_string!(l, tried.hint, max).to_string()}
        />
    }
}

#[cfg(feature = "ssr")]
pub use queries::*;

#[cfg(feature = "ssr")]
mod queries {
    use super::*;
    use crate::activity::{self, ActivityKind};
    use crate::ui::markdown;
    use crate::ui::time::unix_ms;
    use sqlx::{PgConnection, PgExecutor};

    /// The accounts of trying practice `post_id`, oldest first, as `reader_id` sees them (check
    /// that they may read the practice first).
    pub async fn list(
        db: impl PgExecutor<'_>,
        org_id: Uuid,
        post_id: Uuid,
        reader_id: Uuid,
    ) -> sqlx::Result<Vec<TryoutView>> {
        list_only(db, org_id, post_id, reader_id, None).await
    }

    /// [`list`], or only account `only`.
    async fn list_only(
        db: impl PgExecutor<'_>,
        org_id: Uuid,
        post_id: Uuid,
        reader_id: Uuid,
        only: Option<Uuid>,
    ) -> sqlx::Result<Vec<TryoutView>> {
        let rows = sqlx::query!(
            r#"select ty.id, pe.display_name as person_name, t.name as "team_name?", ty.body_html,
                      ty.created_at, ty.person_id = $3 as "mine!"
               from tryouts ty
               join people pe on pe.id = ty.person_id
               left join teams t on t.org_id = ty.org_id and t.id = ty.team_id
               where ty.org_id = $1 and ty.post_id = $2 and ($5::uuid is null or ty.id = $5)
               order by ty.created_at, ty.id limit $4"#,
            org_id,
            post_id,
            reader_id,
            MAX_TRYOUTS,
            only,
        )
        .fetch_all(db)
        .await?;
        Ok(rows
            .into_iter()
            .map(|r| TryoutView {
                id: r.id,
                person_name: r.person_name,
                team_name: r.team_name,
                body_html: r.body_html,
                created_at: unix_ms(r.created_at),
                mine: r.mine,
            })
            .collect())
    }

    /// Records that `person_id` tried practice `post_id` of circle `circle_id` and how it went,
    /// with their team now, inside the caller's transaction; the first account appends its
    /// activity event, a later one replaces the text. Check access first.
    pub async fn report(
        tx: &mut PgConnection,
        org_id: Uuid,
        circle_id: Uuid,
        post_id: Uuid,
        person_id: Uuid,
        body: &str,
    ) -> sqlx::Result<TryoutView> {
        let row = sqlx::query!(
            r#"insert into tryouts (org_id, id, post_id, person_id, team_id, body, body_html)
               values ($1, $2, $3, $4,
                       (select min(team_id::text)::uuid from team_members where org_id = $1 and person_id = $4),
                       $5, $6)
               on conflict (org_id, post_id, person_id)
               do update set body = excluded.body, body_html = excluded.body_html
               returning id, (xmax = 0) as "first!""#,
            org_id,
            Uuid::new_v4(),
            post_id,
            person_id,
            body,
            markdown::to_html(body),
        )
        .fetch_one(&mut *tx)
        .await?;
        if row.first {
            let subject = activity::Subject::Post(post_id);
            activity::record(&mut *tx, org_id, person_id, ActivityKind::TriedPractice, subject, Some(circle_id))
                .await?;
        }
        let mut it = list_only(&mut *tx, org_id, post_id, person_id, Some(row.id)).await?;
        it.pop().ok_or(sqlx::Error::RowNotFound)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tryout(team: Option<&str>, at: i64) -> TryoutView {
        TryoutView {
            id: Uuid::new_v4(),
            person_name: "x".into(),
            team_name: team.map(str::to_owned),
            body_html: String::new(),
            created_at: at,
            mine: false,
        }
    }

    #[test]
    fn adoption_lists_teams_in_the_order_they_first_tried() {
        let all =
            [tryout(Some("Ventes"), 30), tryout(Some("Support"), 10), tryout(None, 20), tryout(Some("Ventes"), 5)];
        let teams = adoption(&all);
        let got: Vec<(Option<&str>, i64, usize)> =
            teams.iter().map(|a| (a.team_name.as_deref(), a.first_at, a.people)).collect();
        assert_eq!(got, vec![(Some("Ventes"), 5, 2), (Some("Support"), 10, 1), (None, 20, 1)]);
    }
}
