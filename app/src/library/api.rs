//! The library's server functions: a search, an entry's page; and promoting a practice into
//! it, a write of the sync engine with a plain-form endpoint for pages used without JavaScript.
use crate::error::AppError;
use crate::json::Answer;
use crate::library::model::{EntryPage, Shelf, Sort};
use crate::offline::writes::{Command, Receipt};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Checks that `caller` may do `action` in the library (the access policy decides, by role).
#[cfg(feature = "ssr")]
fn granted(caller: crate::identity::session::Caller, action: crate::access::Action) -> Result<(), AppError> {
    if crate::access::allows(caller.role, crate::access::Standing::default(), action) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// The library's practices matching a search, for everyone in the organisation.
#[server(endpoint = "library", input = GetUrl, output = Answer)]
pub async fn get_library(q: String, theme: String, skill: String, sort: Sort) -> Result<Shelf, AppError> {
    use crate::library::model as library;
    crate::identity::session::respond(|req| async move {
        let me = req.caller().await?;
        granted(me, crate::access::Action::ReadLibrary)?;
        let search = crate::library::model::Search { q, theme, skill, sort };
        let (entries, (themes, skills)) =
            tokio::try_join!(library::search(&req.pool, me, &search, None), library::filters(&req.pool, me.org_id),)?;
        Ok(Shelf { search, entries, themes, skills })
    })
    .await
}

/// A practice of the library, with who tried it and how it went.
#[server(endpoint = "library_entry", input = GetUrl, output = Answer)]
pub async fn get_library_entry(post_id: Uuid) -> Result<EntryPage, AppError> {
    use crate::library::model as library;
    crate::identity::session::respond(|req| async move {
        let me = req.caller().await?;
        granted(me, crate::access::Action::ReadLibrary)?;
        let any = crate::library::model::Search::default();
        let (mut found, tryouts) = tokio::try_join!(
            library::search(&req.pool, me, &any, Some(post_id)),
            crate::circles::tried::list(&req.pool, me.org_id, post_id, me.person_id),
        )?;
        let entry = found.pop().ok_or(AppError::NotFound)?;
        Ok(EntryPage { entry, tryouts })
    })
    .await
}

/// A practice put into the library with themes and skills (typed "a, b"), or an entry given
/// new ones: a write of the sync engine, for the organisation's animators.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PromotePractice {
    pub circle_id: Uuid,
    pub post_id: Uuid,
    pub themes: String,
    pub skills: String,
}

/// No `body`: the outbox names it.
impl Command for PromotePractice {
    const KIND: &'static str = "promote_practice";
}

#[cfg(feature = "ssr")]
impl crate::offline::ledger::Apply for PromotePractice {
    type Output = crate::circles::posts::Promotion;

    async fn apply(
        self,
        tx: &mut sqlx::PgConnection,
        caller: crate::identity::session::Caller,
    ) -> Result<Self::Output, AppError> {
        use crate::circles::posts::{self, PostKind, Promotion};
        granted(caller, crate::access::Action::PromoteToLibrary)?;
        match posts::found_in_circle(&mut *tx, caller.org_id, self.circle_id, self.post_id).await? {
            Some(found) if found.kind == PostKind::Practice => {}
            Some(_) => return Err(AppError::BadRequest),
            None => return Err(AppError::NotFound),
        }
        let (themes, skills) = themes_and_skills(&self.themes, &self.skills)?;
        let (org, circle, post, by) = (caller.org_id, self.circle_id, self.post_id, caller.person_id);
        crate::library::model::promote(tx, org, circle, post, by, &themes, &skills).await?;
        Ok(Promotion { themes, skills })
    }

    fn subject(_: &Self::Output) -> Option<Uuid> {
        None
    }
}

/// Themes and skills as typed, checked: at least one theme (the library is browsed by theme).
pub fn themes_and_skills(themes: &str, skills: &str) -> Result<(Vec<String>, Vec<String>), AppError> {
    use crate::error::{Field, Problem};
    use crate::ui::text::labels;
    let (themes, skills) = (labels(Field::Themes, themes)?, labels(Field::Skills, skills)?);
    if themes.is_empty() {
        return Err(AppError::Invalid { field: Field::Themes, problem: Problem::Empty });
    }
    Ok((themes, skills))
}

/// The promotion form posted without JavaScript (see `circles::api::post_question`).
#[server(endpoint = "promote_practice", output = Answer)]
pub async fn post_promotion(
    org_id: Uuid,
    person_id: Uuid,
    client_id: Uuid,
    circle_id: Uuid,
    post_id: Uuid,
    themes: String,
    skills: String,
) -> Result<Receipt, AppError> {
    use crate::offline::writes::Write;
    crate::identity::session::respond(|req| async move {
        let caller = req.caller_for(person_id, org_id).await?;
        let write = PromotePractice { circle_id, post_id, themes, skills };
        Write::PromotePractice(write).apply(&req.pool, caller, client_id).await
    })
    .await
}
