//! Authors editing and deleting their posts, reports, and animators hiding and restoring posts,
//! over HTTP: a stale edit is refused with the current text and overwrites nothing; a deleted
//! post is shown nowhere and its deletion counts; a hidden post keeps its place, not its text,
//! except for its author and the animators; every decision keeps its reason.
mod common;
use app::circles::edit::{DeletePost, EditPost};
use app::circles::moderation::{ModeratePost, Queue, ReportPost};
use app::circles::posts::{PostPage, PostView, Thread};
use app::error::{AppError, Field, Problem};
use app::library::model::Shelf;
use app::offline::writes::{Receipt, Write};
use common::*;
use http::StatusCode;
use sqlx::PgPool;
use uuid::Uuid;

fn edit(circle_id: Uuid, post_id: Uuid, version: i32, body: &str) -> Write {
    Write::EditPost(EditPost {
        circle_id,
        post_id,
        version,
        body: body.into(),
        context: String::new(),
        outcome: String::new(),
        difficulty: String::new(),
        tags: String::new(),
    })
}

fn report(circle_id: Uuid, post_id: Uuid, why: &str) -> Write {
    Write::ReportPost(ReportPost { circle_id, post_id, body: why.into() })
}

/// Hides a shown post (`hidden`), or shows a hidden one, taken on version 1.
fn decide(circle_id: Uuid, post_id: Uuid, hidden: bool, why: &str) -> Write {
    Write::ModeratePost(ModeratePost { circle_id, post_id, version: 1, was_hidden: !hidden, hidden, body: why.into() })
}

/// Keeps a shown, reported post visible, taken on version 1.
fn keep_visible(circle_id: Uuid, post_id: Uuid, why: &str) -> Write {
    Write::ModeratePost(ModeratePost {
        circle_id,
        post_id,
        version: 1,
        was_hidden: false,
        hidden: false,
        body: why.into(),
    })
}

async fn body_of(pool: &PgPool, post: Uuid) -> String {
    sqlx::query_scalar("select body from posts where id = $1").bind(post).fetch_one(pool).await.expect("body")
}

trait Reports {
    /// Reports `post` through the sync endpoint; the answer's status.
    async fn report_of(&mut self, circle: Uuid, post: Uuid) -> StatusCode;
}

impl Reports for Client {
    async fn report_of(&mut self, circle: Uuid, post: Uuid) -> StatusCode {
        self.sync(&self.envelope(report(circle, post, "À vérifier."))).await.status
    }
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn an_edit_made_on_an_older_version_is_refused_with_the_current_text(pool: PgPool) {
    let w = world(pool).await;
    let question = question_by(&w.pool, w.org_a, w.circle_a, "member@a.test", "Comment fais-tu pour trier ?").await;
    let mut camille = Client::signed_in(&w, "member@a.test").await;

    let first =
        camille.sync(&camille.envelope(edit(w.circle_a, question, 1, "Comment tries-tu **le courrier** ?"))).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    let edited: PostView = serde_json::from_value(first.json::<Receipt>().result).expect("post");
    assert_eq!((edited.version, edited.edited), (2, true));
    assert!(edited.body_html.contains("<strong>le courrier</strong>"), "{}", edited.body_html);

    // Made on version 1 (another device, an offline queue): refused with what is there now.
    let stale = camille.sync(&camille.envelope(edit(w.circle_a, question, 1, "Autre chose ?"))).await;
    assert_eq!(stale.status, StatusCode::CONFLICT, "{}", stale.body);
    assert_eq!(
        stale.json::<AppError>(),
        AppError::Stale { version: 2, current: "Comment tries-tu **le courrier** ?".into() }
    );
    assert_eq!(body_of(&w.pool, question).await, "Comment tries-tu **le courrier** ?");

    // Having read both, the author sends theirs on top of the current version.
    let mine = camille.sync(&camille.envelope(edit(w.circle_a, question, 2, "Autre chose ?"))).await;
    assert_eq!(mine.status, StatusCode::OK, "{}", mine.body);
    assert_eq!(body_of(&w.pool, question).await, "Autre chose ?");

    // Empty or too long: refused, nothing changed.
    for (body, problem) in [("  ", Problem::Empty), (&"x".repeat(2001)[..], Problem::TooLong { max: 2000 })] {
        let refused = camille.sync(&camille.envelope(edit(w.circle_a, question, 3, body))).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
        assert_eq!(refused.json::<AppError>(), AppError::Invalid { field: Field::Question, problem });
    }
    // Nobody else edits it, the animator included; a post of another circle is not found.
    let mut sophie = Client::signed_in(&w, "animator@a.test").await;
    let theirs = sophie.sync(&sophie.envelope(edit(w.circle_a, question, 3, "Intrusion ?"))).await;
    assert_eq!(theirs.status, StatusCode::FORBIDDEN, "{}", theirs.body);
    let elsewhere = camille.sync(&camille.envelope(edit(w.circle_a, Uuid::new_v4(), 1, "Où ?"))).await;
    assert_eq!(elsewhere.status, StatusCode::NOT_FOUND, "{}", elsewhere.body);
    assert_eq!(body_of(&w.pool, question).await, "Autre chose ?");
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn an_edited_practice_is_searched_by_its_new_words(pool: PgPool) {
    let w = world(pool).await;
    let practice = practice_by(&w.pool, (w.org_a, w.circle_a), "member@a.test", "Un point de dix minutes.").await;
    promoted(&w.pool, w.org_a, practice, &["Réunions"], &[]).await;
    let mut camille = Client::signed_in(&w, "member@a.test").await;
    let write = Write::EditPost(EditPost {
        circle_id: w.circle_a,
        post_id: practice,
        version: 1,
        body: "Un point de dix minutes, debout.".into(),
        context: "Les ordinateurs éteints.".into(),
        outcome: "Plus court.".into(),
        difficulty: String::new(),
        tags: "réunion, rituel".into(),
    });
    let answer = camille.sync(&camille.envelope(write)).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let post: PostView = serde_json::from_value(answer.json::<Receipt>().result).expect("post");
    let parts = post.practice.expect("parts");
    assert_eq!((parts.context.as_str(), parts.tags.len()), ("Les ordinateurs éteints.", 2));
    let shelf: Shelf = camille.get("/api/library?q=ordinateur&theme=&skill=&sort=relevance").await.json();
    assert_eq!(shelf.entries.iter().map(|e| e.post.id).collect::<Vec<_>>(), vec![practice]);

    // A practice's parts are checked like when it was shared.
    let too_many = Write::EditPost(EditPost {
        circle_id: w.circle_a,
        post_id: practice,
        version: 2,
        body: "Un point.".into(),
        context: String::new(),
        outcome: String::new(),
        difficulty: String::new(),
        tags: "a, b, c, d, e, f".into(),
    });
    let refused = camille.sync(&camille.envelope(too_many)).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
    assert_eq!(
        refused.json::<AppError>(),
        AppError::Invalid { field: Field::Tags, problem: Problem::TooMany { max: 5 } }
    );
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_deleted_post_is_shown_nowhere_and_its_deletion_counts(pool: PgPool) {
    let w = world(pool).await;
    let question = question_by(&w.pool, w.org_a, w.circle_a, "member@a.test", "Comment fais-tu pour classer ?").await;
    let other = question_by(&w.pool, w.org_a, w.circle_a, "member@a.test", "Comment fais-tu pour ranger ?").await;
    let practice = practice_by(&w.pool, (w.org_a, w.circle_a), "member@a.test", "Un classeur partagé.").await;
    promoted(&w.pool, w.org_a, practice, &["Rangement"], &[]).await;
    let mut camille = Client::signed_in(&w, "member@a.test").await;
    let mut sophie = Client::signed_in(&w, "animator@a.test").await;
    assert_eq!(sophie.reply(w.circle_a, question, "Par date.").await.status, StatusCode::OK);
    let reply: PostView =
        serde_json::from_value(sophie.reply(w.circle_a, other, "Par couleur.").await.json::<Receipt>().result)
            .expect("reply");

    // Only its author deletes it.
    let delete = |post_id| Write::DeletePost(DeletePost { circle_id: w.circle_a, post_id });
    assert_eq!(sophie.sync(&sophie.envelope(delete(question))).await.status, StatusCode::FORBIDDEN);
    let gone = camille.sync(&camille.envelope(delete(question))).await;
    assert_eq!(gone.status, StatusCode::OK, "{}", gone.body);

    for client in [&mut camille, &mut sophie] {
        assert_eq!(client.thread(w.circle_a, question).await.status, StatusCode::NOT_FOUND);
        let page: PostPage = client.posts(w.circle_a).await.json();
        assert!(page.posts.iter().all(|p| p.id != question));
    }
    // Nothing more happens to it; deleting it again finds nothing.
    assert_eq!(sophie.reply(w.circle_a, question, "Encore ?").await.status, StatusCode::NOT_FOUND);
    assert_eq!(camille.sync(&camille.envelope(delete(question))).await.status, StatusCode::NOT_FOUND);
    let events = "select count(*) from activity_events where kind = 'deleted_post'";
    assert_eq!(count(&w.pool, events).await, 1);

    // A deleted reply leaves its thread and its count.
    assert_eq!(sophie.sync(&sophie.envelope(delete(reply.id))).await.status, StatusCode::OK);
    let thread: Thread = camille.thread(w.circle_a, other).await.json();
    assert_eq!((thread.post.reply_count, thread.replies.len()), (0, 0));

    // A deleted practice leaves the library.
    assert_eq!(camille.sync(&camille.envelope(delete(practice))).await.status, StatusCode::OK);
    let shelf: Shelf = sophie.get("/api/library?q=&theme=&skill=&sort=relevance").await.json();
    assert!(shelf.entries.is_empty());
    assert_eq!(sophie.get(&format!("/api/library_entry?post_id={practice}")).await.status, StatusCode::NOT_FOUND);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_hidden_post_keeps_its_place_not_its_text_and_every_decision_keeps_its_reason(pool: PgPool) {
    let w = world(pool).await;
    join(&w.pool, w.org_a, w.circle_a, "outsider@a.test").await;
    let question = question_by(&w.pool, w.org_a, w.circle_a, "member@a.test", "Qui est le plus lent ici ?").await;
    let mut camille = Client::signed_in(&w, "member@a.test").await;
    let mut karim = Client::signed_in(&w, "outsider@a.test").await;
    let mut sophie = Client::signed_in(&w, "animator@a.test").await;

    // Anyone who reads it reports it, with a reason; not its author, not without a reason.
    assert_eq!(
        camille.sync(&camille.envelope(report(w.circle_a, question, "Test."))).await.status,
        StatusCode::FORBIDDEN
    );
    let empty = karim.sync(&karim.envelope(report(w.circle_a, question, " "))).await;
    assert_eq!(empty.json::<AppError>(), AppError::Invalid { field: Field::Reason, problem: Problem::Empty });
    let reported = karim.sync(&karim.envelope(report(w.circle_a, question, "Blessant pour l'équipe."))).await;
    assert_eq!(reported.status, StatusCode::OK, "{}", reported.body);

    // The animators see the report; nobody else, not even its author.
    let thread: Thread = sophie.thread(w.circle_a, question).await.json();
    assert_eq!(thread.post.open_reports, 1);
    let thread: Thread = camille.thread(w.circle_a, question).await.json();
    assert_eq!(thread.post.open_reports, 0);
    let queue: Queue = sophie.get("/api/moderation").await.json();
    assert_eq!(queue.reported.len(), 1);
    assert_eq!(queue.reported[0].reasons[0].0, "Blessant pour l'équipe.");
    assert_eq!(camille.get("/api/moderation").await.status, StatusCode::FORBIDDEN);

    // Only an animator decides.
    assert_eq!(
        karim.sync(&karim.envelope(decide(w.circle_a, question, true, "Non."))).await.status,
        StatusCode::FORBIDDEN
    );
    let hidden = sophie.sync(&sophie.envelope(decide(w.circle_a, question, true, "Propos blessant."))).await;
    assert_eq!(hidden.status, StatusCode::OK, "{}", hidden.body);

    // Its place stays; its text goes, except for its author and the animators.
    let seen: Thread = karim.thread(w.circle_a, question).await.json();
    assert!(seen.post.hidden);
    assert_eq!((seen.post.body.as_str(), seen.post.body_html.as_str(), seen.post.hidden_reason), ("", "", None));
    let page: PostPage = karim.posts(w.circle_a).await.json();
    assert!(page.posts.iter().any(|p| p.id == question && p.hidden && p.body.is_empty()));
    let own: Thread = camille.thread(w.circle_a, question).await.json();
    assert_eq!(own.post.body, "Qui est le plus lent ici ?");
    assert_eq!(own.post.hidden_reason.as_deref(), Some("Propos blessant."));

    // The decision handled the report; the queue lists it as hidden.
    let queue: Queue = sophie.get("/api/moderation").await.json();
    assert_eq!((queue.reported.len(), queue.hidden.iter().map(|p| p.id).collect::<Vec<_>>()), (0, vec![question]));

    // Restored, with a reason too; every decision is kept, and each change of state counts once.
    let shown = sophie.sync(&sophie.envelope(decide(w.circle_a, question, false, "Reformulé en privé."))).await;
    assert_eq!(shown.status, StatusCode::OK, "{}", shown.body);
    let seen: Thread = karim.thread(w.circle_a, question).await.json();
    assert!(!seen.post.hidden && seen.post.body == "Qui est le plus lent ici ?");
    let kept = "select count(*) from post_moderations where reason in ('Propos blessant.', 'Reformulé en privé.')";
    assert_eq!(count(&w.pool, kept).await, 2);
    for kind in ["hid_post", "restored_post"] {
        let sql = format!("select count(*) from activity_events where kind = '{kind}'");
        assert_eq!(count(&w.pool, &sql).await, 1, "{kind}");
    }

    // Reported again: open again. Kept visible: handled, without any change of state.
    assert_eq!(karim.sync(&karim.envelope(report(w.circle_a, question, "Encore."))).await.status, StatusCode::OK);
    let queue: Queue = sophie.get("/api/moderation").await.json();
    assert_eq!(queue.reported.len(), 1);
    // A decision taken on the state before the restore (still hidden) is stale.
    let late = sophie.sync(&sophie.envelope(decide(w.circle_a, question, false, "En retard."))).await;
    assert_eq!(late.status, StatusCode::CONFLICT, "{}", late.body);
    let keep = sophie.sync(&sophie.envelope(keep_visible(w.circle_a, question, "Rien de blessant."))).await;
    assert_eq!(keep.status, StatusCode::OK, "{}", keep.body);
    let queue: Queue = sophie.get("/api/moderation").await.json();
    assert!(queue.reported.is_empty() && queue.hidden.is_empty());
    assert_eq!(count(&w.pool, "select count(*) from activity_events where kind = 'restored_post'").await, 1);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_hidden_practice_leaves_the_library_until_it_is_restored(pool: PgPool) {
    let w = world(pool).await;
    let practice = practice_by(&w.pool, (w.org_a, w.circle_a), "member@a.test", "Une FAQ vivante.").await;
    promoted(&w.pool, w.org_a, practice, &["Intégration"], &[]).await;
    let mut sophie = Client::signed_in(&w, "animator@a.test").await;
    let mut karim = Client::signed_in(&w, "outsider@a.test").await;
    // Anyone who reads it in the library may report it, outside its circle too.
    assert_eq!(karim.sync(&karim.envelope(report(w.circle_a, practice, "Obsolète."))).await.status, StatusCode::OK);
    let listed = |shelf: Shelf| shelf.entries.iter().map(|e| e.post.id).collect::<Vec<_>>();
    let all = "/api/library?q=&theme=&skill=&sort=relevance";

    assert_eq!(
        sophie.sync(&sophie.envelope(decide(w.circle_a, practice, true, "Obsolète."))).await.status,
        StatusCode::OK
    );
    assert!(listed(karim.get(all).await.json()).is_empty());
    assert_eq!(karim.get(&format!("/api/library_entry?post_id={practice}")).await.status, StatusCode::NOT_FOUND);

    assert_eq!(
        sophie.sync(&sophie.envelope(decide(w.circle_a, practice, false, "À jour."))).await.status,
        StatusCode::OK
    );
    assert_eq!(listed(karim.get(all).await.json()), vec![practice]);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_hidden_post_takes_nothing_from_who_cannot_read_it_and_a_decision_on_an_edited_post_is_stale(pool: PgPool) {
    let w = world(pool).await;
    join(&w.pool, w.org_a, w.circle_a, "outsider@a.test").await;
    let practice = practice_by(&w.pool, (w.org_a, w.circle_a), "member@a.test", "Un tableau des rappels.").await;
    let mut camille = Client::signed_in(&w, "member@a.test").await;
    let mut karim = Client::signed_in(&w, "outsider@a.test").await;
    let mut sophie = Client::signed_in(&w, "animator@a.test").await;
    let tried = Write::TryPractice(app::circles::tried::TryPractice {
        circle_id: w.circle_a,
        post_id: practice,
        body: "Essayé.".into(),
    });
    assert_eq!(karim.sync(&karim.envelope(tried.clone())).await.status, StatusCode::OK);
    // Shown, Karim may react and reply; hidden, the same calls are refused (below).
    let react = karim.react(w.circle_a, practice, app::circles::posts::Reaction::WillTry, true).await;
    assert_eq!(react.status, StatusCode::OK, "{}", react.body);
    assert_eq!(karim.reply(w.circle_a, practice, "Bonne idée.").await.status, StatusCode::OK);

    // The author edits it after the animator read version 1: the decision is refused as stale.
    assert_eq!(
        camille.sync(&camille.envelope(edit(w.circle_a, practice, 1, "Un tableau, revu."))).await.status,
        StatusCode::OK
    );
    let stale = sophie.sync(&sophie.envelope(decide(w.circle_a, practice, true, "Hors sujet."))).await;
    assert_eq!(stale.status, StatusCode::CONFLICT, "{}", stale.body);
    let on_v2 = Write::ModeratePost(ModeratePost {
        circle_id: w.circle_a,
        post_id: practice,
        version: 2,
        was_hidden: false,
        hidden: true,
        body: "Hors sujet.".into(),
    });
    assert_eq!(sophie.sync(&sophie.envelope(on_v2)).await.status, StatusCode::OK);
    let kept = "select count(*) from post_moderations where version = 2 and body = 'Un tableau, revu.'";
    assert_eq!(count(&w.pool, kept).await, 1);

    // Hidden: who cannot read it can neither reply, react, say they tried it, nor report it,
    // and its thread carries no accounts of trying it.
    let reply = karim.reply(w.circle_a, practice, "Et alors ?").await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN, "{}", reply.body);
    let react = karim.react(w.circle_a, practice, app::circles::posts::Reaction::Useful, true).await;
    assert_eq!(react.status, StatusCode::FORBIDDEN, "{}", react.body);
    assert_eq!(karim.sync(&karim.envelope(tried)).await.status, StatusCode::FORBIDDEN);
    assert_eq!(
        karim.sync(&karim.envelope(report(w.circle_a, practice, "Pourquoi ?"))).await.status,
        StatusCode::FORBIDDEN
    );
    let thread: Thread = karim.thread(w.circle_a, practice).await.json();
    assert!(thread.tryouts.is_empty() && thread.post.practice.is_none());
    // Its author still reads it, and the accounts.
    let own: Thread = camille.thread(w.circle_a, practice).await.json();
    assert_eq!(own.tryouts.len(), 1);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn the_replies_of_a_deleted_question_go_with_it(pool: PgPool) {
    let w = world(pool).await;
    let question = question_by(&w.pool, w.org_a, w.circle_a, "member@a.test", "Comment fais-tu pour archiver ?").await;
    let mut camille = Client::signed_in(&w, "member@a.test").await;
    let mut sophie = Client::signed_in(&w, "animator@a.test").await;
    let reply: PostView =
        serde_json::from_value(sophie.reply(w.circle_a, question, "Par année.").await.json::<Receipt>().result)
            .expect("reply");
    assert_eq!(camille.report_of(w.circle_a, reply.id).await, StatusCode::OK);
    let queue: Queue = sophie.get("/api/moderation").await.json();
    assert_eq!(queue.reported.iter().map(|r| r.post.id).collect::<Vec<_>>(), vec![reply.id]);
    let delete = Write::DeletePost(DeletePost { circle_id: w.circle_a, post_id: question });
    assert_eq!(camille.sync(&camille.envelope(delete)).await.status, StatusCode::OK);

    // Nothing more happens to its replies, and the animators' queue no longer lists them.
    let react = camille.react(w.circle_a, reply.id, app::circles::posts::Reaction::Useful, true).await;
    assert_eq!(react.status, StatusCode::NOT_FOUND, "{}", react.body);
    assert_eq!(
        sophie.sync(&sophie.envelope(edit(w.circle_a, reply.id, 1, "Par mois."))).await.status,
        StatusCode::NOT_FOUND
    );
    let queue: Queue = sophie.get("/api/moderation").await.json();
    assert!(queue.reported.is_empty());
}
