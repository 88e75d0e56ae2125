//! A circle's page: its header, its posts, and asking a question in it.
use crate::circles::model::CircleDetail;
use crate::circles::posts::{Cursor, PostPage};
use crate::error::AppError;
use crate::json::Answer;
use crate::offline::writes::{Command, Receipt, Scope};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// `caller`, when they may use the circle: its members and the organisation's animators.
#[cfg(feature = "ssr")]
async fn granted(
    db: impl sqlx::PgExecutor<'_>,
    caller: crate::identity::session::Caller,
    circle_id: Uuid,
) -> Result<crate::identity::session::Caller, AppError> {
    use crate::circles::model::{self as circle, Access};
    match circle::access_to(db, caller.org_id, circle_id, caller.person_id, caller.role).await? {
        Access::Granted => Ok(caller),
        Access::Denied => Err(AppError::Forbidden),
        Access::Missing => Err(AppError::NotFound),
    }
}

/// A circle's header, for its members and animators.
#[server(endpoint = "circle", input = GetUrl, output = Answer)]
pub async fn get_circle(circle_id: Uuid) -> Result<CircleDetail, AppError> {
    use crate::circles::model::{self as circle, Access};
    crate::identity::session::respond(|req| async move {
        let me = req.caller().await?;
        match circle::detail_for(&req.pool, me.org_id, circle_id, me.person_id, me.role).await? {
            Ok(detail) => Ok(detail),
            Err(Access::Denied) => Err(AppError::Forbidden),
            Err(_) => Err(AppError::NotFound),
        }
    })
    .await
}

/// A page of a circle's posts, newest first; `before` continues from a previous page.
#[server(endpoint = "circle_posts", input = GetUrl, output = Answer)]
pub async fn list_circle_posts(circle_id: Uuid, before: Option<Cursor>) -> Result<PostPage, AppError> {
    use crate::circles::posts as post;
    crate::identity::session::respond(|req| async move {
        let me = req.caller().await?;
        let reader = (me.person_id, crate::access::sees_every_circle(me.role));
        let page = post::list_in_circle(&req.pool, me.org_id, circle_id, reader, before, post::PAGE_SIZE).await?;
        if page.posts.is_empty() {
            // Empty: an empty circle, or not theirs to read. Only then is access asked apart.
            granted(&req.pool, me, circle_id).await?;
        }
        Ok(page)
    })
    .await
}

/// "Comment fais-tu pour… ?" asked in a circle: a write of the sync engine.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AskQuestion {
    pub circle_id: Uuid,
    pub body: String,
}

impl Command for AskQuestion {
    const KIND: &'static str = "ask_question";

    fn summary(&self) -> String {
        self.body.clone()
    }

    fn scope(&self) -> Scope {
        Scope::Circle(self.circle_id)
    }
}

#[cfg(feature = "ssr")]
impl crate::offline::ledger::Apply for AskQuestion {
    type Output = crate::circles::posts::PostView;

    async fn apply(
        self,
        tx: &mut sqlx::PgConnection,
        caller: crate::identity::session::Caller,
    ) -> Result<Self::Output, AppError> {
        use crate::error::Field;
        use crate::ui::text;
        let me = granted(&mut *tx, caller, self.circle_id).await?;
        let body = text::required(Field::Question, &self.body, text::MAX_POST_CHARS)?;
        Ok(crate::circles::posts::ask_question(tx, me.org_id, self.circle_id, me.person_id, &body).await?)
    }

    fn subject(output: &Self::Output) -> Option<Uuid> {
        Some(output.id)
    }
}

/// The ask form posted without JavaScript (the hydrated page queues the write instead). It
/// carries what a queued write carries, so it goes through the same ledger: a double submit
/// with the form's client id makes one post.
#[server(endpoint = "ask_question", output = Answer)]
pub async fn post_question(
    org_id: Uuid,
    person_id: Uuid,
    client_id: Uuid,
    circle_id: Uuid,
    body: String,
) -> Result<Receipt, AppError> {
    use crate::offline::writes::Write;
    crate::identity::session::respond(|req| async move {
        let caller = req.caller_for(person_id, org_id).await?;
        Write::AskQuestion(AskQuestion { circle_id, body }).apply(&req.pool, caller, client_id).await
    })
    .await
}
