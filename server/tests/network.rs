//! A learning network over HTTP (seed 002): its members file proposals; its steering committee
//! (the sponsor and the members marked so), and nobody else, accepts, sends back with a comment
//! or declines with a reason, once; an accepted proposal becomes an experiment that moves
//! forward only, a declined one never does; a proposal sent back is filed again by its author
//! only. Animators name the sponsor, the committee and the facilitators; themes are added by
//! the committee and the animators. Every write applied once, a refusal leaving no row; the
//! page renders on the server, its forms work without JavaScript, and Postgres gone is a 503.
mod common;
use app::error::{AppError, Field, Problem};
use app::network::api::{AddTheme, DecideProposal, FileProposal, RunExperiment, SetNetworkRoles};
use app::network::model::{Decision, ExperimentState, Network, ProposalState};
use app::offline::writes::{Receipt, Write};
use common::*;
use http::{header, Request, StatusCode};
use sqlx::PgPool;
use uuid::Uuid;

/// A learning network in org A: member@a.test (who proposes), committee@a.test (on its
/// committee), sponsor@a.test (its sponsor), other@a.test (a member without a part).
async fn network(w: &World) -> Uuid {
    let id = Uuid::new_v4();
    for (email, role) in [("committee@a.test", "member"), ("sponsor@a.test", "lead"), ("other@a.test", "member")] {
        person(&w.pool, w.org_a, email, role).await;
    }
    sqlx::query("insert into circles (org_id, id, kind, name, sponsor_id) values ($1, $2, 'network', 'Réseau A', $3)")
        .bind(w.org_a)
        .bind(id)
        .bind(person_id(&w.pool, "sponsor@a.test").await)
        .execute(&w.pool)
        .await
        .expect("network");
    for email in ["member@a.test", "committee@a.test", "sponsor@a.test", "other@a.test"] {
        join(&w.pool, w.org_a, id, email).await;
    }
    sqlx::query(
        "update circle_members set on_committee = true
         where circle_id = $1 and person_id = (select id from people where email = 'committee@a.test')",
    )
    .bind(id)
    .execute(&w.pool)
    .await
    .expect("committee");
    id
}

fn file(circle_id: Uuid, proposal_id: Uuid, title: &str) -> Write {
    Write::FileProposal(FileProposal {
        circle_id,
        proposal_id,
        theme_id: None,
        name: title.into(),
        problem: "Trois signatures pour 50 €.".into(),
        change: "Une seule sous 500 €.".into(),
        experiment: "Un mois aux ventes.".into(),
    })
}

fn decide(circle_id: Uuid, proposal_id: Uuid, decision: Decision, note: &str) -> Write {
    Write::DecideProposal(DecideProposal { circle_id, proposal_id, decision, note: note.into(), name: "P".into() })
}

fn run(circle_id: Uuid, proposal_id: Uuid, state: ExperimentState, dates: (&str, &str), result: &str) -> Write {
    Write::RunExperiment(RunExperiment {
        circle_id,
        proposal_id,
        state,
        starts_on: dates.0.into(),
        ends_on: dates.1.into(),
        result: result.into(),
        name: "P".into(),
    })
}

async fn page(client: &mut Client, circle: Uuid) -> Network {
    client.get(&format!("/api/network?circle_id={circle}")).await.json()
}

async fn state(pool: &PgPool, id: Uuid) -> String {
    sqlx::query_scalar("select state from network_proposals where id = $1")
        .bind(id)
        .fetch_one(pool)
        .await
        .expect("state")
}

fn json(e: AppError) -> String {
    serde_json::to_string(&e).expect("json")
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_proposal_becomes_a_running_experiment_and_only_the_committee_decides(pool: PgPool) {
    let w = world(pool).await;
    let net = network(&w).await;
    let mut camille = Client::signed_in(&w, "member@a.test").await;
    let mut committee = Client::signed_in(&w, "committee@a.test").await;
    let mut sponsor = Client::signed_in(&w, "sponsor@a.test").await;
    let mut other = Client::signed_in(&w, "other@a.test").await;
    let mut animator = Client::signed_in(&w, "animator@a.test").await;

    // Filed, and sent again (the answer was lost): one proposal, one event.
    let id = Uuid::new_v4();
    let filed = camille.envelope(file(net, id, "  Un bon de commande d'une page  "));
    assert_eq!(camille.sync(&filed).await.status, StatusCode::OK);
    let again: Receipt = camille.sync(&filed).await.json();
    assert!(again.replayed && again.subject_id == Some(id));
    assert_eq!(count(&w.pool, "select count(*) from activity_events where kind = 'filed_proposal'").await, 1);
    let seen = page(&mut camille, net).await;
    assert_eq!((seen.may_propose, seen.may_decide, seen.may_manage), (true, false, false));
    assert_eq!(seen.proposals[0].text.title, "Un bon de commande d'une page");
    assert!(seen.proposals[0].mine && seen.proposals[0].state == ProposalState::Filed);
    let parts: Vec<(String, bool, bool)> =
        seen.people.iter().map(|p| (p.name.clone(), p.sponsor, p.committee)).collect();
    assert!(
        parts.contains(&("sponsor@a.test".into(), true, false))
            && parts.contains(&("committee@a.test".into(), false, true))
    );

    // Not on the committee: a member, the author, the animators. Refused, nothing changed.
    for client in [&mut other, &mut camille, &mut animator] {
        let refused = client.sync(&client.envelope(decide(net, id, Decision::Accept, ""))).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
    }
    assert_eq!(state(&w.pool, id).await, "filed");
    assert!(page(&mut committee, net).await.may_decide && page(&mut sponsor, net).await.may_decide);

    // The committee accepts: its experiment is planned at once.
    let accepted = committee.sync(&committee.envelope(decide(net, id, Decision::Accept, "Allez-y."))).await;
    assert_eq!(accepted.status, StatusCode::OK, "{}", accepted.body);
    assert_eq!(count(&w.pool, "select count(*) from network_experiments where state = 'planned'").await, 1);
    // The sponsor's decision made meanwhile on the filed proposal finds it decided.
    let late = sponsor.sync(&sponsor.envelope(decide(net, id, Decision::Decline, "Trop cher."))).await;
    assert_eq!((late.status, late.body), (StatusCode::CONFLICT, json(AppError::Moved)));
    assert_eq!(state(&w.pool, id).await, "accepted");

    // The author starts it; a member without a part may not; running needs its start.
    let seen = page(&mut camille, net).await;
    assert!(seen.proposals[0].may_run && !page(&mut other, net).await.proposals[0].may_run);
    let refused = other.sync(&other.envelope(run(net, id, ExperimentState::Running, ("2026-12-07", ""), ""))).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let no_start = camille.sync(&camille.envelope(run(net, id, ExperimentState::Running, ("", ""), ""))).await;
    let empty_start = AppError::Invalid { field: Field::StartsOn, problem: Problem::Empty };
    assert_eq!((no_start.status, no_start.body), (StatusCode::UNPROCESSABLE_ENTITY, json(empty_start)));
    let bad_day = camille.sync(&camille.envelope(run(net, id, ExperimentState::Running, ("2026-02-30", ""), ""))).await;
    assert_eq!(bad_day.status, StatusCode::UNPROCESSABLE_ENTITY);
    let started = camille.sync(&camille.envelope(run(net, id, ExperimentState::Running, ("2026-12-07", ""), ""))).await;
    assert_eq!(started.status, StatusCode::OK, "{}", started.body);
    let experiment = page(&mut other, net).await.proposals[0].experiment.clone().expect("experiment");
    assert_eq!((experiment.state, experiment.starts_on.as_str()), (ExperimentState::Running, "2026-12-07"));

    // Concluded needs its end and a result; it never goes back.
    let dates = ("2026-12-07", "2027-01-07");
    let no_result = committee.sync(&committee.envelope(run(net, id, ExperimentState::Concluded, dates, " "))).await;
    assert_eq!(no_result.status, StatusCode::UNPROCESSABLE_ENTITY);
    let done = run(net, id, ExperimentState::Concluded, dates, "Délai passé de 6 jours à 1.");
    assert_eq!(committee.sync(&committee.envelope(done)).await.status, StatusCode::OK);
    let back = camille.sync(&camille.envelope(run(net, id, ExperimentState::Running, dates, ""))).await;
    assert_eq!((back.status, back.body), (StatusCode::CONFLICT, json(AppError::Moved)));
    let kinds: Vec<String> = sqlx::query_scalar(
        "select kind from activity_events where subject_kind = 'proposal' and subject_id = $1 order by id",
    )
    .bind(id)
    .fetch_all(&w.pool)
    .await
    .expect("events");
    assert_eq!(kinds, ["filed_proposal", "accepted_proposal", "updated_experiment", "updated_experiment"]);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_declined_proposal_never_becomes_an_experiment_and_one_sent_back_is_filed_again_by_its_author(pool: PgPool) {
    let w = world(pool).await;
    let net = network(&w).await;
    let mut camille = Client::signed_in(&w, "member@a.test").await;
    let mut committee = Client::signed_in(&w, "committee@a.test").await;
    let mut other = Client::signed_in(&w, "other@a.test").await;

    // Declining or sending back says why.
    let declined = Uuid::new_v4();
    assert_eq!(
        camille.sync(&camille.envelope(file(net, declined, "Une carte par équipe"))).await.status,
        StatusCode::OK
    );
    let silent = committee.sync(&committee.envelope(decide(net, declined, Decision::Decline, "  "))).await;
    let empty_note = AppError::Invalid { field: Field::Note, problem: Problem::Empty };
    assert_eq!((silent.status, silent.body), (StatusCode::UNPROCESSABLE_ENTITY, json(empty_note)));
    let reason = decide(net, declined, Decision::Decline, "Relève de la direction financière.");
    assert_eq!(committee.sync(&committee.envelope(reason)).await.status, StatusCode::OK);
    // Declined, it stays so: no acceptance, no experiment, not even written straight in.
    let accept = committee.sync(&committee.envelope(decide(net, declined, Decision::Accept, ""))).await;
    assert_eq!(accept.status, StatusCode::CONFLICT);
    let running = run(net, declined, ExperimentState::Running, ("2026-12-07", ""), "");
    assert_eq!(committee.sync(&committee.envelope(running)).await.status, StatusCode::NOT_FOUND);
    let direct = sqlx::query("insert into network_experiments (org_id, proposal_id) values ($1, $2)")
        .bind(w.org_a)
        .bind(declined)
        .execute(&w.pool)
        .await;
    assert!(direct.is_err(), "the database refuses an experiment of a declined proposal");
    assert_eq!(count(&w.pool, "select count(*) from network_experiments").await, 0);
    // And an accepted proposal with its experiment stays accepted.
    let accepted = Uuid::new_v4();
    assert_eq!(camille.sync(&camille.envelope(file(net, accepted, "Point debout"))).await.status, StatusCode::OK);
    assert_eq!(
        committee.sync(&committee.envelope(decide(net, accepted, Decision::Accept, ""))).await.status,
        StatusCode::OK
    );
    let undo = sqlx::query("update network_proposals set state = 'declined', decision_note = 'x' where id = $1")
        .bind(accepted)
        .execute(&w.pool)
        .await;
    assert!(undo.is_err(), "the database keeps an experiment's proposal accepted");

    // Sent back with a comment; filed again by its author only, as revised.
    let returned = Uuid::new_v4();
    assert_eq!(
        camille.sync(&camille.envelope(file(net, returned, "Plus de comptes rendus"))).await.status,
        StatusCode::OK
    );
    let comment = decide(net, returned, Decision::Return, "Que garder des décisions ?");
    assert_eq!(committee.sync(&committee.envelope(comment)).await.status, StatusCode::OK);
    let shown = page(&mut camille, net).await;
    let back = shown.proposals.iter().find(|p| p.id == returned).expect("returned");
    assert_eq!((back.state, back.note.as_str()), (ProposalState::Returned, "Que garder des décisions ?"));
    let taken = other.sync(&other.envelope(file(net, returned, "Volée"))).await;
    assert_eq!(taken.status, StatusCode::FORBIDDEN);
    let revised = camille.sync(&camille.envelope(file(net, returned, "Un relevé de décisions d'une ligne"))).await;
    assert_eq!(revised.status, StatusCode::OK, "{}", revised.body);
    let shown = page(&mut committee, net).await;
    let again = shown.proposals.iter().find(|p| p.id == returned).expect("filed again");
    assert_eq!((again.state, again.text.title.as_str()), (ProposalState::Filed, "Un relevé de décisions d'une ligne"));
    // The comment it was sent back with stays beside it until the next decision.
    assert!(again.decided_at.is_none() && again.note == "Que garder des décisions ?");
    // Filed once more while it waits: nothing to revise.
    let twice = camille.sync(&camille.envelope(file(net, returned, "Encore"))).await;
    assert_eq!((twice.status, twice.body), (StatusCode::CONFLICT, json(AppError::Moved)));
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn animators_name_the_committee_and_themes_come_from_the_committee(pool: PgPool) {
    let w = world(pool).await;
    let net = network(&w).await;
    let mut animator = Client::signed_in(&w, "animator@a.test").await;
    let mut committee = Client::signed_in(&w, "committee@a.test").await;
    let mut camille = Client::signed_in(&w, "member@a.test").await;
    let mut other = Client::signed_in(&w, "other@a.test").await;
    let other_id = person_id(&w.pool, "other@a.test").await;
    // Parts as (sponsor, committee, facilitator), set over the parts the animator saw.
    let roles_seen = |person_id: Uuid, (sponsor, committee, facilitator), seen: (bool, bool, bool)| {
        Write::SetNetworkRoles(SetNetworkRoles {
            circle_id: net,
            person_id,
            name: "X".into(),
            sponsor,
            committee,
            facilitator,
            was_sponsor: seen.0,
            was_committee: seen.1,
            was_facilitator: seen.2,
        })
    };
    let roles = |person_id: Uuid, sponsor: bool, committee: bool, facilitator: bool| {
        roles_seen(person_id, (sponsor, committee, facilitator), (false, false, false))
    };

    // Only an animator sets parts, and only for a member of the network.
    let refused = committee.sync(&committee.envelope(roles(other_id, true, false, false))).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let outsider = person_id(&w.pool, "outsider@a.test").await;
    assert_eq!(
        animator.sync(&animator.envelope(roles(outsider, false, true, false))).await.status,
        StatusCode::NOT_FOUND
    );
    assert!(page(&mut animator, net).await.may_manage);
    // The animator makes other@a.test the sponsor and a facilitator: they decide now, and the
    // former sponsor no longer does.
    assert_eq!(animator.sync(&animator.envelope(roles(other_id, true, false, true))).await.status, StatusCode::OK);
    let shown = page(&mut other, net).await;
    assert!(shown.may_decide);
    let me = shown.people.iter().find(|p| p.id == other_id).expect("other");
    assert!(me.sponsor && me.facilitator);
    let mut former = Client::signed_in(&w, "sponsor@a.test").await;
    assert!(!page(&mut former, net).await.may_decide);
    assert_eq!(count(&w.pool, "select count(*) from activity_events where kind = 'set_network_roles'").await, 1);
    // The same parts again: nothing changes, no event.
    assert_eq!(animator.sync(&animator.envelope(roles(other_id, true, false, true))).await.status, StatusCode::OK);
    assert_eq!(count(&w.pool, "select count(*) from activity_events where kind = 'set_network_roles'").await, 1);
    // A change made on parts seen before that one (queued offline): refused, nothing changed.
    let late = animator.sync(&animator.envelope(roles(other_id, false, true, false))).await;
    assert_eq!((late.status, late.body), (StatusCode::CONFLICT, json(AppError::Moved)));
    assert!(page(&mut other, net).await.may_decide);
    // Taken out of the network, the sponsor sponsors it no more, even once added back.
    let remove = |member| {
        Write::SetCircleMember(app::circles::admin::SetCircleMember {
            circle_id: net,
            person_id: other_id,
            member,
            name: "other@a.test".into(),
        })
    };
    assert_eq!(animator.sync(&animator.envelope(remove(false))).await.status, StatusCode::OK);
    assert_eq!(animator.sync(&animator.envelope(remove(true))).await.status, StatusCode::OK);
    assert!(!page(&mut other, net).await.may_decide);
    let seen = (false, false, false);
    let again = roles_seen(other_id, (true, false, false), seen);
    assert_eq!(animator.sync(&animator.envelope(again)).await.status, StatusCode::OK);

    // Themes: the committee adds one; a member may not; the same name twice is refused.
    let theme = |name: &str| {
        Write::AddTheme(AddTheme {
            circle_id: net,
            theme_id: Uuid::new_v4(),
            name: name.into(),
            outcome: "Un jour.".into(),
        })
    };
    assert_eq!(committee.sync(&committee.envelope(theme("Simplifier les achats"))).await.status, StatusCode::OK);
    assert_eq!(camille.sync(&camille.envelope(theme("Autre"))).await.status, StatusCode::FORBIDDEN);
    let twice = animator.sync(&animator.envelope(theme("simplifier les achats"))).await;
    let taken = AppError::Invalid { field: Field::ThemeName, problem: Problem::Taken };
    assert_eq!((twice.status, twice.body), (StatusCode::UNPROCESSABLE_ENTITY, json(taken)));
    let themes = page(&mut camille, net).await.themes;
    assert_eq!(themes.len(), 1);
    // A proposal names a theme of its network, not another's.
    let mut proposal = FileProposal {
        circle_id: net,
        proposal_id: Uuid::new_v4(),
        theme_id: Some(Uuid::new_v4()),
        name: "Avec thème".into(),
        problem: "P.".into(),
        change: "C.".into(),
        experiment: String::new(),
    };
    let unknown = camille.sync(&camille.envelope(Write::FileProposal(proposal.clone()))).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    proposal.theme_id = Some(themes[0].id);
    assert_eq!(camille.sync(&camille.envelope(Write::FileProposal(proposal))).await.status, StatusCode::OK);
    assert_eq!(page(&mut camille, net).await.proposals[0].theme.as_deref(), Some("Simplifier les achats"));

    // Empty and too long parts are refused, naming the part; nothing written.
    let mut empty = FileProposal {
        circle_id: net,
        proposal_id: Uuid::new_v4(),
        theme_id: None,
        name: " ".into(),
        problem: "P".into(),
        change: "C".into(),
        experiment: String::new(),
    };
    let answer = camille.sync(&camille.envelope(Write::FileProposal(empty.clone()))).await;
    let no_title = AppError::Invalid { field: Field::ProposalTitle, problem: Problem::Empty };
    assert_eq!((answer.status, answer.body), (StatusCode::UNPROCESSABLE_ENTITY, json(no_title)));
    empty.name = "Titre".into();
    empty.change = "c".repeat(2001);
    let answer = camille.sync(&camille.envelope(Write::FileProposal(empty))).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(count(&w.pool, "select count(*) from network_proposals").await, 1);

    // Archived: read, and nothing new.
    sqlx::query("update circles set archived_at = now() where id = $1")
        .bind(net)
        .execute(&w.pool)
        .await
        .expect("archive");
    let shown = page(&mut camille, net).await;
    assert!(shown.archived && !shown.may_propose && !page(&mut committee, net).await.may_decide);
    let closed = camille.sync(&camille.envelope(file(net, Uuid::new_v4(), "Trop tard"))).await;
    assert_eq!((closed.status, closed.body), (StatusCode::CONFLICT, json(AppError::Archived)));
    let closed =
        animator.sync(&animator.envelope(roles_seen(other_id, (true, true, false), (true, false, false)))).await;
    assert_eq!((closed.status, closed.body), (StatusCode::CONFLICT, json(AppError::Archived)));
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn the_network_page_renders_on_the_server_and_its_forms_work_without_javascript(pool: PgPool) {
    let w = world(pool).await;
    let net = network(&w).await;
    let mut camille = Client::signed_in(&w, "member@a.test").await;
    let page_url = format!("/circles/{net}/network");
    let (person_id, org_id) = camille.ids();
    let proposal_id = Uuid::new_v4();
    let form = |client_id: Uuid, title: &str| {
        serde_urlencoded::to_string([
            ("org_id", org_id.to_string()),
            ("person_id", person_id.to_string()),
            ("client_id", client_id.to_string()),
            ("circle_id", net.to_string()),
            ("proposal_id", proposal_id.to_string()),
            ("theme_id", String::new()),
            ("name", title.into()),
            ("problem", "Les <script>comptes rendus</script> ne sont pas lus.".into()),
            ("change", "Un relevé de décisions.".into()),
            ("experiment", String::new()),
        ])
        .expect("form")
    };
    let post = |path: &str, body: String| {
        let req = Request::post(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "text/html")
            .header(header::REFERER, format!("{SITE}{page_url}"));
        (req, body)
    };
    // Empty title: back to the page with the refusal, nothing written.
    let (req, body) = post("/api/file_proposal", form(Uuid::new_v4(), " "));
    let refused = camille.send(req, body).await;
    assert!(refused.location.as_deref().is_some_and(|l| l.contains("/network?") && l.contains("__err=")));
    assert_eq!(count(&w.pool, "select count(*) from network_proposals").await, 0);
    // Posted twice: one proposal.
    let client_id = Uuid::new_v4();
    for _ in 0..2 {
        let (req, body) = post("/api/file_proposal", form(client_id, "Relevé de décisions"));
        let answer = camille.send(req, body).await;
        assert!(answer.status.is_redirection(), "{} {}", answer.status, answer.body);
    }
    assert_eq!(count(&w.pool, "select count(*) from network_proposals").await, 1);

    // The committee decides without JavaScript too.
    let mut committee = Client::signed_in(&w, "committee@a.test").await;
    let (c_person, c_org) = committee.ids();
    let decision = serde_urlencoded::to_string([
        ("org_id", c_org.to_string()),
        ("person_id", c_person.to_string()),
        ("client_id", Uuid::new_v4().to_string()),
        ("circle_id", net.to_string()),
        ("proposal_id", proposal_id.to_string()),
        ("decision", "return".into()),
        ("note", "Précisez l'indicateur.".into()),
        ("name", "Relevé de décisions".into()),
    ])
    .expect("decision");
    let (req, body) = post("/api/decide_proposal", decision);
    let answer = committee.send(req, body).await;
    assert!(answer.status.is_redirection(), "{} {}", answer.status, answer.body);
    assert_eq!(state(&w.pool, proposal_id).await, "returned");

    // The page as a browser without JavaScript gets it: escaped text, the comment, the forms.
    let html = camille.send(Request::get(&page_url).header(header::ACCEPT, "text/html"), String::new()).await;
    assert_eq!(html.status, StatusCode::OK);
    assert!(html.body.contains("Relevé de décisions") && html.body.contains("Précisez l'indicateur."), "{}", html.body);
    assert!(html.body.contains("Les &lt;script&gt;comptes rendus&lt;/script&gt; ne sont pas lus."));
    assert!(html.body.contains("action=\"/api/file_proposal\"") && html.body.contains("Proposer à nouveau"));
    assert!(!html.body.contains("action=\"/api/decide_proposal\""), "a member does not decide");
    let html = committee.send(Request::get(&page_url).header(header::ACCEPT, "text/html"), String::new()).await;
    assert!(html.body.contains("Comité d'orientation") && html.body.contains("sponsor@a.test"));
    // The circle's page leads to it; a peer circle has none.
    let circle =
        camille.send(Request::get(format!("/circles/{net}")).header(header::ACCEPT, "text/html"), String::new()).await;
    assert!(circle.body.contains(&format!("href=\"{page_url}\"")));
    assert_eq!(camille.get(&format!("/api/network?circle_id={}", w.circle_a)).await.status, StatusCode::NOT_FOUND);
    // Outside it: refused.
    let mut outsider = Client::signed_in(&w, "outsider@a.test").await;
    let refused = outsider.send(Request::get(&page_url).header(header::ACCEPT, "text/html"), String::new()).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    // Postgres gone: the page says so, with its status.
    w.pool.close().await;
    let down = camille.send(Request::get(&page_url).header(header::ACCEPT, "text/html"), String::new()).await;
    assert_eq!(down.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(down.body.contains("momentanément indisponible"));
}
