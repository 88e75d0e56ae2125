//! A circle's page: its header, its posts, and asking a question in it.
use crate::error::AppError;
use crate::models::circle::CircleDetail;
use crate::models::post::{Cursor, PostPage, PostView};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use uuid::Uuid;

/// The caller, when they may use the circle: its members and the organisation's animators.
#[cfg(feature = "ssr")]
async fn granted(req: &crate::api::session::Req, circle_id: Uuid) -> Result<crate::api::session::Caller, AppError> {
    use crate::models::circle::{self, Access};
    let me = req.caller().await?;
    match circle::access_to(&req.pool, me.org_id, circle_id, me.person_id, me.role).await? {
        Access::Granted => Ok(me),
        Access::Denied => Err(AppError::Forbidden),
        Access::Missing => Err(AppError::NotFound),
    }
}

/// A circle's header, for its members and animators.
#[server(endpoint = "circle", input = GetUrl)]
pub async fn get_circle(circle_id: Uuid) -> Result<CircleDetail, AppError> {
    crate::api::session::respond(|req| async move {
        let me = granted(&req, circle_id).await?;
        crate::models::circle::detail(&req.pool, me.org_id, circle_id).await?.ok_or(AppError::NotFound)
    })
    .await
}

/// A page of a circle's posts, newest first; `before` continues from a previous page.
#[server(endpoint = "circle_posts", input = GetUrl)]
pub async fn list_circle_posts(circle_id: Uuid, before: Option<Cursor>) -> Result<PostPage, AppError> {
    use crate::models::post;
    crate::api::session::respond(|req| async move {
        let me = granted(&req, circle_id).await?;
        Ok(post::list_in_circle(&req.pool, me.org_id, circle_id, before, post::PAGE_SIZE).await?)
    })
    .await
}

/// Asks "Comment fais-tu pour… ?" in a circle. `client_id` is made by the asking device: the
/// same id sent again (an offline outbox replaying, a double submit) returns the first post.
#[server(endpoint = "ask_question")]
pub async fn ask_question(circle_id: Uuid, client_id: Uuid, body: String) -> Result<PostView, AppError> {
    use crate::domain::text;
    use crate::error::Field;
    use crate::models::post;
    crate::api::session::respond(|req| async move {
        let me = granted(&req, circle_id).await?;
        let body = text::required(Field::Question, &body, text::MAX_POST_CHARS)?;
        let mut conn = req.pool.acquire().await?;
        Ok(post::ask_question(&mut conn, me.org_id, circle_id, me.person_id, client_id, &body).await?)
    })
    .await
}
