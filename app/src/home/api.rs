//! The home page: my circles, my teams, the latest activity in my circles.
use crate::circles::{model::CircleSummary, posts::PostView};
use crate::error::AppError;
use crate::identity::teams::TeamSummary;
use crate::json::Answer;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

/// Everything the home page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomeOverview {
    pub circles: Vec<CircleSummary>,
    pub teams: Vec<TeamSummary>,
    pub latest: Vec<PostView>,
}

/// The caller's home page data.
#[server(endpoint = "home", input = GetUrl, output = Answer)]
pub async fn get_home() -> Result<HomeOverview, AppError> {
    use crate::circles::{model as circle, posts as post};
    use crate::identity::teams as team;
    crate::identity::session::respond(|req| async move {
        let me = req.caller().await?;
        let pool = &req.pool;
        let (circles, teams, latest) = tokio::try_join!(
            circle::circles_for(pool, me.org_id, me.person_id, me.role),
            team::teams_of(pool, me.org_id, me.person_id),
            post::latest_for(pool, me, 8),
        )?;
        Ok(HomeOverview { circles, teams, latest })
    })
    .await
}
