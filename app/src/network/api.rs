//! A learning network's server functions: its page, and its writes (each a write of the sync
//! engine, with a plain-form endpoint for pages used without JavaScript):
//!
//! - a theme added (the committee or an animator);
//! - someone's parts set: sponsor, committee, facilitator (an animator);
//! - a proposal filed, or filed again once sent back (its members);
//! - a proposal decided: accepted (its experiment is planned at once), sent back with a
//!   comment, declined with a reason (the committee only, and only while it is filed);
//! - an experiment moved along: dates, running, concluded with a result (the committee, the
//!   facilitators, the proposal's author, the animators).
//!
//! Each write locks the network's row first, so an archive or a change of committee committed
//! meanwhile is seen by its access check, and two decisions on one proposal are made one after
//! the other (the second finds it decided: `Moved`).
// The plain-form endpoints take one argument per field of their form (the `server` macro
// repeats them in code an item's `allow` does not reach).
#![allow(clippy::too_many_arguments)]
use crate::error::AppError;
use crate::json::Answer;
use crate::network::model::{Decision, ExperimentState, Network, ProposalText};
#[cfg(feature = "ssr")]
use crate::offline::writes::Write;
use crate::offline::writes::{Command, Receipt};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A theme added to a network: an expected outcome the members work on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddTheme {
    pub circle_id: Uuid,
    /// Made by the device.
    pub theme_id: Uuid,
    pub name: String,
    #[serde(default)]
    pub outcome: String,
}

impl Command for AddTheme {
    const KIND: &'static str = "add_theme";
}

/// A member's parts in a network, as an animator sets them, and as the animator saw them
/// (`was_*`): a change queued offline while another animator changed them is refused
/// (`Moved`), never applied over the newer parts (who decides must not change unseen).
/// `name` is the person's, for the outbox to show while it waits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetNetworkRoles {
    pub circle_id: Uuid,
    pub person_id: Uuid,
    pub name: String,
    pub sponsor: bool,
    pub committee: bool,
    pub facilitator: bool,
    #[serde(default)]
    pub was_sponsor: bool,
    #[serde(default)]
    pub was_committee: bool,
    #[serde(default)]
    pub was_facilitator: bool,
}

impl Command for SetNetworkRoles {
    const KIND: &'static str = "set_network_roles";
}

/// A proposal filed (its id new), or filed again by its author once sent back. `name` is its
/// title.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileProposal {
    pub circle_id: Uuid,
    pub proposal_id: Uuid,
    #[serde(default)]
    pub theme_id: Option<Uuid>,
    pub name: String,
    pub problem: String,
    pub change: String,
    #[serde(default)]
    pub experiment: String,
}

impl Command for FileProposal {
    const KIND: &'static str = "file_proposal";
}

impl FileProposal {
    /// Its parts, as written.
    pub fn text(&self) -> ProposalText {
        ProposalText {
            title: self.name.clone(),
            problem: self.problem.clone(),
            change: self.change.clone(),
            experiment: self.experiment.clone(),
        }
    }
}

/// The committee's decision on a filed proposal, with its note (the comment or the reason).
/// `name` is the proposal's title.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecideProposal {
    pub circle_id: Uuid,
    pub proposal_id: Uuid,
    pub decision: Decision,
    #[serde(default)]
    pub note: String,
    pub name: String,
}

impl Command for DecideProposal {
    const KIND: &'static str = "decide_proposal";
}

/// An experiment moved along: its state, its dates (`YYYY-MM-DD` or empty), its result.
/// `name` is its proposal's title.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunExperiment {
    pub circle_id: Uuid,
    pub proposal_id: Uuid,
    pub state: ExperimentState,
    #[serde(default)]
    pub starts_on: String,
    #[serde(default)]
    pub ends_on: String,
    #[serde(default)]
    pub result: String,
    pub name: String,
}

impl Command for RunExperiment {
    const KIND: &'static str = "run_experiment";
}

#[cfg(feature = "ssr")]
mod apply {
    use super::*;
    use crate::access::{allows, Action, Standing};
    use crate::activity::{self, ActivityKind, Subject};
    use crate::circles::api::{archived_or_forbidden, granted_standing};
    use crate::error::{Field, Problem};
    use crate::identity::session::Caller;
    use crate::network::model::{self as network, checked_experiment, ProposalState, MAX_NOTE_CHARS};
    use crate::offline::ledger::Apply;
    use sqlx::PgConnection;

    /// How `caller` stands towards network `circle_id`, locked first, when they may read it.
    async fn standing(tx: &mut PgConnection, caller: Caller, circle_id: Uuid) -> Result<Standing, AppError> {
        network::lock(&mut *tx, caller.org_id, circle_id).await?;
        granted_standing(&mut *tx, caller, circle_id, Action::ReadCircle).await
    }

    /// Refuses `action` to `caller` standing so.
    fn check(caller: Caller, standing: Standing, action: Action) -> Result<(), AppError> {
        if allows(caller.role, standing, action) {
            Ok(())
        } else {
            Err(archived_or_forbidden(caller, standing, action))
        }
    }

    /// `NotFound` unless theme `theme_id` is one of network `circle_id`'s.
    async fn theme_in(tx: &mut PgConnection, org_id: Uuid, circle_id: Uuid, theme_id: Uuid) -> Result<(), AppError> {
        let found = sqlx::query_scalar!(
            r#"select exists (select 1 from network_themes where org_id = $1 and circle_id = $2 and id = $3) as "found!""#,
            org_id,
            circle_id,
            theme_id,
        )
        .fetch_one(&mut *tx)
        .await?;
        if found {
            Ok(())
        } else {
            Err(AppError::NotFound)
        }
    }

    impl Apply for AddTheme {
        type Output = Uuid;

        async fn apply(self, tx: &mut PgConnection, caller: Caller) -> Result<Uuid, AppError> {
            use crate::ui::text::{optional, required};
            let standing = standing(&mut *tx, caller, self.circle_id).await?;
            check(caller, standing, Action::ShapeNetwork)?;
            let name = required(Field::ThemeName, &self.name, network::MAX_TITLE_CHARS)?;
            let outcome = optional(Field::ExpectedOutcome, &self.outcome, MAX_NOTE_CHARS)?;
            let inserted = sqlx::query!(
                "insert into network_themes (org_id, id, circle_id, name, outcome, created_by)
                 values ($1, $2, $3, $4, $5, $6)",
                caller.org_id,
                self.theme_id,
                self.circle_id,
                name,
                outcome,
                caller.person_id,
            )
            .execute(&mut *tx)
            .await;
            if let Err(sqlx::Error::Database(e)) = &inserted {
                match e.constraint() {
                    Some("network_themes_name_key") => {
                        return Err(AppError::Invalid { field: Field::ThemeName, problem: Problem::Taken })
                    }
                    Some("network_themes_pkey") => return Err(AppError::Conflict),
                    _ => {}
                }
            }
            inserted?;
            let subject = Subject::Theme(self.theme_id);
            activity::record(
                &mut *tx,
                caller.org_id,
                caller.person_id,
                ActivityKind::AddedTheme,
                subject,
                Some(self.circle_id),
            )
            .await?;
            Ok(self.circle_id)
        }

        fn subject(output: &Uuid) -> Option<Uuid> {
            Some(*output)
        }
    }

    impl Apply for SetNetworkRoles {
        type Output = Uuid;

        async fn apply(self, tx: &mut PgConnection, caller: Caller) -> Result<Uuid, AppError> {
            if !allows(caller.role, Standing::default(), Action::ManageCircles) {
                return Err(AppError::Forbidden);
            }
            let (org_id, circle_id, person_id) = (caller.org_id, self.circle_id, self.person_id);
            network::lock(&mut *tx, org_id, circle_id).await?;
            let before = sqlx::query!(
                r#"select m.on_committee, m.role = 'facilitator' as "facilitator!", c.sponsor_id = m.person_id as "sponsor?",
                          c.archived_at is not null as "archived!"
                   from circle_members m join circles c on c.org_id = m.org_id and c.id = m.circle_id
                   where m.org_id = $1 and m.circle_id = $2 and m.person_id = $3"#,
                org_id,
                circle_id,
                person_id,
            )
            .fetch_optional(&mut *tx)
            .await?
            // Only a member of the network has a part in it.
            .ok_or(AppError::NotFound)?;
            if before.archived {
                return Err(AppError::Archived);
            }
            let now = (before.sponsor.unwrap_or(false), before.on_committee, before.facilitator);
            if now == (self.sponsor, self.committee, self.facilitator) {
                return Ok(circle_id);
            }
            if now != (self.was_sponsor, self.was_committee, self.was_facilitator) {
                return Err(AppError::Moved);
            }
            let was_sponsor = now.0;
            sqlx::query!(
                "update circle_members set on_committee = $4, role = case when $5 then 'facilitator' else 'member' end
                 where org_id = $1 and circle_id = $2 and person_id = $3",
                org_id,
                circle_id,
                person_id,
                self.committee,
                self.facilitator,
            )
            .execute(&mut *tx)
            .await?;
            // One sponsor: naming one replaces the last; unticking the sponsor leaves none.
            if self.sponsor != was_sponsor {
                sqlx::query!(
                    "update circles set sponsor_id = case when $4 then $3::uuid end where org_id = $1 and id = $2",
                    org_id,
                    circle_id,
                    person_id,
                    self.sponsor,
                )
                .execute(&mut *tx)
                .await?;
            }
            let subject = Subject::Person(person_id);
            activity::record(
                &mut *tx,
                org_id,
                caller.person_id,
                ActivityKind::SetNetworkRoles,
                subject,
                Some(circle_id),
            )
            .await?;
            Ok(circle_id)
        }

        fn subject(output: &Uuid) -> Option<Uuid> {
            Some(*output)
        }
    }

    impl Apply for FileProposal {
        /// The proposal.
        type Output = Uuid;

        async fn apply(self, tx: &mut PgConnection, caller: Caller) -> Result<Uuid, AppError> {
            let (org_id, circle_id, id) = (caller.org_id, self.circle_id, self.proposal_id);
            let standing = standing(&mut *tx, caller, circle_id).await?;
            check(caller, standing, Action::FileProposal)?;
            let text = self.text().checked()?;
            if let Some(theme_id) = self.theme_id {
                theme_in(&mut *tx, org_id, circle_id, theme_id).await?;
            }
            let existing = sqlx::query!(
                "select circle_id, author_id, state from network_proposals where org_id = $1 and id = $2 for update",
                org_id,
                id,
            )
            .fetch_optional(&mut *tx)
            .await?;
            match existing {
                None => {
                    sqlx::query!(
                        "insert into network_proposals (org_id, id, circle_id, theme_id, author_id, title, problem, change,
                                                        experiment)
                         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                        org_id,
                        id,
                        circle_id,
                        self.theme_id,
                        caller.person_id,
                        text.title,
                        text.problem,
                        text.change,
                        text.experiment,
                    )
                    .execute(&mut *tx)
                    .await?;
                }
                // Filed again by its author, once sent back: it waits for the committee again,
                // the comment it was sent back with kept beside it until the next decision.
                Some(p) if p.circle_id == circle_id && p.author_id == Some(caller.person_id) => {
                    if ProposalState::from_db(&p.state) != ProposalState::Returned {
                        return Err(AppError::Moved);
                    }
                    sqlx::query!(
                        "update network_proposals
                         set theme_id = $3, title = $4, problem = $5, change = $6, experiment = $7, state = 'filed',
                             decided_by = null, decided_at = null, filed_at = now()
                         where org_id = $1 and id = $2",
                        org_id,
                        id,
                        self.theme_id,
                        text.title,
                        text.problem,
                        text.change,
                        text.experiment,
                    )
                    .execute(&mut *tx)
                    .await?;
                }
                Some(p) if p.circle_id == circle_id => return Err(AppError::Forbidden),
                Some(_) => return Err(AppError::NotFound),
            }
            let subject = Subject::Proposal(id);
            activity::record(&mut *tx, org_id, caller.person_id, ActivityKind::FiledProposal, subject, Some(circle_id))
                .await?;
            Ok(id)
        }

        fn subject(output: &Uuid) -> Option<Uuid> {
            Some(*output)
        }
    }

    impl Apply for DecideProposal {
        /// The proposal.
        type Output = Uuid;

        async fn apply(self, tx: &mut PgConnection, caller: Caller) -> Result<Uuid, AppError> {
            let (org_id, circle_id, id) = (caller.org_id, self.circle_id, self.proposal_id);
            let standing = standing(&mut *tx, caller, circle_id).await?;
            check(caller, standing, Action::DecideProposal)?;
            let note = self.decision.checked_note(&self.note)?;
            let state = sqlx::query_scalar!(
                "select state from network_proposals where org_id = $1 and circle_id = $2 and id = $3 for update",
                org_id,
                circle_id,
                id,
            )
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(AppError::NotFound)?;
            if ProposalState::from_db(&state) != ProposalState::Filed {
                return Err(AppError::Moved);
            }
            sqlx::query!(
                "update network_proposals set state = $3, decision_note = $4, decided_by = $5, decided_at = now()
                 where org_id = $1 and id = $2",
                org_id,
                id,
                self.decision.state().as_db(),
                note,
                caller.person_id,
            )
            .execute(&mut *tx)
            .await?;
            if self.decision == Decision::Accept {
                sqlx::query!(
                    "insert into network_experiments (org_id, proposal_id, updated_by) values ($1, $2, $3)",
                    org_id,
                    id,
                    caller.person_id,
                )
                .execute(&mut *tx)
                .await?;
            }
            let kind = match self.decision {
                Decision::Accept => ActivityKind::AcceptedProposal,
                Decision::Return => ActivityKind::ReturnedProposal,
                Decision::Decline => ActivityKind::DeclinedProposal,
            };
            activity::record(&mut *tx, org_id, caller.person_id, kind, Subject::Proposal(id), Some(circle_id)).await?;
            Ok(id)
        }

        fn subject(output: &Uuid) -> Option<Uuid> {
            Some(*output)
        }
    }

    impl Apply for RunExperiment {
        /// The proposal.
        type Output = Uuid;

        async fn apply(self, tx: &mut PgConnection, caller: Caller) -> Result<Uuid, AppError> {
            let (org_id, circle_id, id) = (caller.org_id, self.circle_id, self.proposal_id);
            let standing = standing(&mut *tx, caller, circle_id).await?;
            let found = sqlx::query!(
                r#"select p.author_id, e.state, e.starts_on, e.ends_on, e.result
                   from network_proposals p
                   join network_experiments e on e.org_id = p.org_id and e.proposal_id = p.id
                   where p.org_id = $1 and p.circle_id = $2 and p.id = $3
                   for update of e"#,
                org_id,
                circle_id,
                id,
            )
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(AppError::NotFound)?;
            let standing = Standing { author: found.author_id == Some(caller.person_id), ..standing };
            check(caller, standing, Action::RunExperiment)?;
            let from = ExperimentState::from_db(&found.state);
            let (starts, ends, result) =
                checked_experiment(from, self.state, &self.starts_on, &self.ends_on, &self.result)?;
            if (from, starts, ends, result.as_str())
                == (self.state, found.starts_on, found.ends_on, found.result.as_str())
            {
                return Ok(id);
            }
            sqlx::query!(
                "update network_experiments
                 set state = $3, starts_on = $4, ends_on = $5, result = $6, updated_by = $7, updated_at = now()
                 where org_id = $1 and proposal_id = $2",
                org_id,
                id,
                self.state.as_db(),
                starts,
                ends,
                result,
                caller.person_id,
            )
            .execute(&mut *tx)
            .await?;
            let subject = Subject::Proposal(id);
            activity::record(
                &mut *tx,
                org_id,
                caller.person_id,
                ActivityKind::UpdatedExperiment,
                subject,
                Some(circle_id),
            )
            .await?;
            Ok(id)
        }

        fn subject(output: &Uuid) -> Option<Uuid> {
            Some(*output)
        }
    }

    /// The network's page for `caller`, with what they may do in it.
    pub(super) async fn page(pool: &sqlx::PgPool, caller: Caller, circle_id: Uuid) -> Result<Network, AppError> {
        let mut db = pool.acquire().await?;
        let standing = granted_standing(&mut *db, caller, circle_id, Action::ReadCircle).await?;
        let mut page = network::read(&mut db, caller, circle_id).await?;
        let may = |standing, action| allows(caller.role, standing, action);
        page.may_propose = may(standing, Action::FileProposal);
        page.may_decide = may(standing, Action::DecideProposal);
        page.may_shape = may(standing, Action::ShapeNetwork);
        page.may_manage = may(standing, Action::ManageCircles) && !page.archived;
        for p in &mut page.proposals {
            p.may_run = p.experiment.is_some() && may(Standing { author: p.mine, ..standing }, Action::RunExperiment);
        }
        Ok(page)
    }
}

/// A learning network's page: its people, themes, proposals and experiments, for its members
/// and the animators. Another kind of circle is not found here.
#[server(endpoint = "network", input = GetUrl, output = Answer)]
pub async fn get_network(circle_id: Uuid) -> Result<Network, AppError> {
    crate::identity::session::respond(|req| async move {
        let me = req.caller().await?;
        apply::page(&req.pool, me, circle_id).await
    })
    .await
}

/// The theme form posted without JavaScript.
#[server(endpoint = "add_theme", output = Answer)]
pub async fn post_theme(
    org_id: Uuid,
    person_id: Uuid,
    client_id: Uuid,
    circle_id: Uuid,
    theme_id: Uuid,
    name: String,
    outcome: String,
) -> Result<Receipt, AppError> {
    crate::identity::session::respond(|req| async move {
        let caller = req.caller_for(person_id, org_id).await?;
        Write::AddTheme(AddTheme { circle_id, theme_id, name, outcome }).apply(&req.pool, caller, client_id).await
    })
    .await
}

/// Someone's parts, posted without JavaScript (an unticked box is not sent).
#[server(endpoint = "set_network_roles", output = Answer)]
pub async fn post_network_roles(
    org_id: Uuid,
    person_id: Uuid,
    client_id: Uuid,
    circle_id: Uuid,
    member_id: Uuid,
    name: String,
    sponsor: Option<String>,
    committee: Option<String>,
    facilitator: Option<String>,
    was_sponsor: bool,
    was_committee: bool,
    was_facilitator: bool,
) -> Result<Receipt, AppError> {
    crate::identity::session::respond(|req| async move {
        let caller = req.caller_for(person_id, org_id).await?;
        let write = SetNetworkRoles {
            circle_id,
            person_id: member_id,
            name,
            sponsor: sponsor.is_some(),
            committee: committee.is_some(),
            facilitator: facilitator.is_some(),
            was_sponsor,
            was_committee,
            was_facilitator,
        };
        Write::SetNetworkRoles(write).apply(&req.pool, caller, client_id).await
    })
    .await
}

/// The proposal form posted without JavaScript (`theme_id` empty: no theme).
#[server(endpoint = "file_proposal", output = Answer)]
pub async fn post_proposal(
    org_id: Uuid,
    person_id: Uuid,
    client_id: Uuid,
    circle_id: Uuid,
    proposal_id: Uuid,
    theme_id: String,
    name: String,
    problem: String,
    change: String,
    experiment: String,
) -> Result<Receipt, AppError> {
    crate::identity::session::respond(|req| async move {
        let caller = req.caller_for(person_id, org_id).await?;
        let theme_id = match theme_id.trim() {
            "" => None,
            id => Some(Uuid::parse_str(id).map_err(|_| AppError::BadRequest)?),
        };
        let write = FileProposal { circle_id, proposal_id, theme_id, name, problem, change, experiment };
        Write::FileProposal(write).apply(&req.pool, caller, client_id).await
    })
    .await
}

/// A decision posted without JavaScript.
#[server(endpoint = "decide_proposal", output = Answer)]
pub async fn post_decision(
    org_id: Uuid,
    person_id: Uuid,
    client_id: Uuid,
    circle_id: Uuid,
    proposal_id: Uuid,
    decision: Decision,
    note: String,
    name: String,
) -> Result<Receipt, AppError> {
    crate::identity::session::respond(|req| async move {
        let caller = req.caller_for(person_id, org_id).await?;
        let write = DecideProposal { circle_id, proposal_id, decision, note, name };
        Write::DecideProposal(write).apply(&req.pool, caller, client_id).await
    })
    .await
}

/// An experiment's form posted without JavaScript.
#[server(endpoint = "run_experiment", output = Answer)]
pub async fn post_experiment(
    org_id: Uuid,
    person_id: Uuid,
    client_id: Uuid,
    circle_id: Uuid,
    proposal_id: Uuid,
    state: ExperimentState,
    starts_on: String,
    ends_on: String,
    result: String,
    name: String,
) -> Result<Receipt, AppError> {
    crate::identity::session::respond(|req| async move {
        let caller = req.caller_for(person_id, org_id).await?;
        let write = RunExperiment { circle_id, proposal_id, state, starts_on, ends_on, result, name };
        Write::RunExperiment(write).apply(&req.pool, caller, client_id).await
    })
    .await
}

/// A learning network's page.
pub fn network_href(circle_id: Uuid) -> String {
    format!("/circles/{circle_id}/network")
}
