//! "I tried it" and the practice library over HTTP: the team recorded when someone tries a
//! practice, who may say it, promoting into the library, and searching it in French and
//! English with accents and word endings ignored.
mod common;
use app::circles::posts::Thread;
use app::circles::tried::{TryPractice, TryoutView};
use app::error::{AppError, Field, Problem};
use app::library::api::PromotePractice;
use app::library::model::{EntryPage, Shelf};
use app::offline::writes::{Receipt, Write};
use common::*;
use http::StatusCode;
use sqlx::PgPool;
use uuid::Uuid;

/// A team named `name` in `org`, led by and holding the person with `email`.
async fn team_of(pool: &PgPool, org: Uuid, name: &str, email: &str) -> Uuid {
    let (id, person) = (Uuid::new_v4(), person_id(pool, email).await);
    sqlx::query("insert into teams (org_id, id, name, lead_id) values ($1, $2, $3, $4)")
        .bind(org)
        .bind(id)
        .bind(name)
        .bind(person)
        .execute(pool)
        .await
        .expect("team");
    sqlx::query("insert into team_members (org_id, team_id, person_id) values ($1, $2, $3)")
        .bind(org)
        .bind(id)
        .bind(person)
        .execute(pool)
        .await
        .expect("team member");
    id
}

fn tried(circle_id: Uuid, post_id: Uuid, body: &str) -> Write {
    Write::TryPractice(TryPractice { circle_id, post_id, body: body.into() })
}

fn promote(circle_id: Uuid, post_id: Uuid, themes: &str, skills: &str) -> Write {
    Write::PromotePractice(PromotePractice { circle_id, post_id, themes: themes.into(), skills: skills.into() })
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn trying_a_practice_records_the_team_of_that_moment(pool: PgPool) {
    let w = world(pool).await;
    team_of(&w.pool, w.org_a, "Accueil", "member@a.test").await;
    team_of(&w.pool, w.org_a, "Logistique", "outsider@a.test").await;
    let practice = practice_by(&w.pool, (w.org_a, w.circle_a), "animator@a.test", "Un binôme le premier jour.").await;
    let mut camille = Client::signed_in(&w, "member@a.test").await;
    let mut outsider = Client::signed_in(&w, "outsider@a.test").await;
    let mut sophie = Client::signed_in(&w, "animator@a.test").await;

    let first = camille.sync(&camille.envelope(tried(w.circle_a, practice, "Adopté, **ça marche**."))).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    let account: TryoutView = serde_json::from_value(first.json::<Receipt>().result).expect("account");
    assert_eq!(account.team_name.as_deref(), Some("Accueil"));
    assert!(account.body_html.contains("<strong>ça marche</strong>"), "{}", account.body_html);

    // Not in the circle, and the practice not in the library: refused, nothing written.
    let refused = outsider.sync(&outsider.envelope(tried(w.circle_a, practice, "Moi aussi."))).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
    // Its author cannot say they tried it.
    let own = sophie.sync(&sophie.envelope(tried(w.circle_a, practice, "La mienne."))).await;
    assert_eq!(own.status, StatusCode::FORBIDDEN, "{}", own.body);
    // A question cannot be tried.
    let question = question_by(&w.pool, w.org_a, w.circle_a, "animator@a.test", "Comment fais-tu ?").await;
    let not_one = camille.sync(&camille.envelope(tried(w.circle_a, question, "Essayé."))).await;
    assert_eq!(not_one.status, StatusCode::BAD_REQUEST, "{}", not_one.body);
    assert_eq!(count(&w.pool, "select count(*) from tryouts").await, 1);

    // Once in the library, anyone in the organisation may try it.
    let promoted = sophie.sync(&sophie.envelope(promote(w.circle_a, practice, "Intégration", "Accueil"))).await;
    assert_eq!(promoted.status, StatusCode::OK, "{}", promoted.body);
    let later = outsider.sync(&outsider.envelope(tried(w.circle_a, practice, "Repris en entrepôt."))).await;
    assert_eq!(later.status, StatusCode::OK, "{}", later.body);

    // Saying it again replaces the text, not the team, the date or the event; moving team later
    // changes nothing recorded.
    sqlx::query("delete from team_members where person_id = $1")
        .bind(person_id(&w.pool, "member@a.test").await)
        .execute(&w.pool)
        .await
        .expect("left the team");
    let again = camille.sync(&camille.envelope(tried(w.circle_a, practice, "Toujours en place."))).await;
    let again: TryoutView = serde_json::from_value(again.json::<Receipt>().result).expect("account");
    assert_eq!(
        (again.id, again.created_at, again.team_name.as_deref()),
        (account.id, account.created_at, Some("Accueil"))
    );
    assert!(again.body_html.contains("Toujours en place"));
    assert_eq!(count(&w.pool, "select count(*) from activity_events where kind = 'tried_practice'").await, 2);
    let teams: Vec<Option<Uuid>> = sqlx::query_scalar(
        "select e.team_id from activity_events e where e.kind = 'tried_practice' order by e.occurred_at",
    )
    .fetch_all(&w.pool)
    .await
    .expect("events");
    assert!(teams.iter().all(Option::is_some), "each event carries its team: {teams:?}");

    // The thread (circle members) and the library's page (everyone) show both teams, in order.
    let thread: Thread = camille.thread(w.circle_a, practice).await.json();
    let names: Vec<Option<String>> = thread.tryouts.iter().map(|t| t.team_name.clone()).collect();
    assert_eq!(names, vec![Some("Accueil".to_owned()), Some("Logistique".to_owned())]);
    assert!(thread.promotion.is_some());
    let page = outsider.get(&format!("/api/library_entry?post_id={practice}")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let page: EntryPage = page.json();
    assert_eq!(page.entry.teams, vec!["Accueil".to_owned(), "Logistique".to_owned()]);
    assert_eq!((page.entry.tried, page.tryouts.len()), (2, 2));
    assert!(page.tryouts.iter().any(|t| t.mine));
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn only_animators_promote_and_only_practices(pool: PgPool) {
    let w = world(pool).await;
    let practice = practice_by(&w.pool, (w.org_a, w.circle_a), "member@a.test", "Un point de dix minutes.").await;
    let question = question_by(&w.pool, w.org_a, w.circle_a, "member@a.test", "Comment fais-tu ?").await;
    let mut camille = Client::signed_in(&w, "member@a.test").await;
    let mut sophie = Client::signed_in(&w, "animator@a.test").await;

    let by_member = camille.sync(&camille.envelope(promote(w.circle_a, practice, "Réunions", ""))).await;
    assert_eq!(by_member.status, StatusCode::FORBIDDEN, "{}", by_member.body);
    let a_question = sophie.sync(&sophie.envelope(promote(w.circle_a, question, "Réunions", ""))).await;
    assert_eq!(a_question.status, StatusCode::BAD_REQUEST, "{}", a_question.body);
    let too_many = sophie.sync(&sophie.envelope(promote(w.circle_a, practice, "a, b, c, d, e, f", ""))).await;
    assert_eq!(
        too_many.json::<AppError>(),
        AppError::Invalid { field: Field::Themes, problem: Problem::TooMany { max: 5 } }
    );
    let no_theme = sophie.sync(&sophie.envelope(promote(w.circle_a, practice, " , ", "Animation"))).await;
    assert_eq!(no_theme.json::<AppError>(), AppError::Invalid { field: Field::Themes, problem: Problem::Empty });
    let too_long = sophie.sync(&sophie.envelope(promote(w.circle_a, practice, "", &"x".repeat(31)))).await;
    assert_eq!(
        too_long.json::<AppError>(),
        AppError::Invalid { field: Field::Skills, problem: Problem::TooLong { max: 30 } }
    );
    assert_eq!(count(&w.pool, "select count(*) from library_entries").await, 0);

    // Promoted twice: one entry with the later themes, one event.
    for themes in ["Réunions", "Réunions, Rituels"] {
        let ok = sophie.sync(&sophie.envelope(promote(w.circle_a, practice, themes, "Animation"))).await;
        assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    }
    let shelf: Shelf = camille.get("/api/library?q=&theme=Rituels&skill=&sort=recent").await.json();
    assert_eq!(shelf.entries.len(), 1);
    assert_eq!(shelf.entries[0].themes, vec!["Réunions".to_owned(), "Rituels".to_owned()]);
    assert_eq!(shelf.themes, vec!["Réunions".to_owned(), "Rituels".to_owned()]);
    assert_eq!(count(&w.pool, "select count(*) from activity_events where kind = 'promoted_practice'").await, 1);
    // Another organisation's library is its own: empty.
    let mut other = Client::signed_in(&w, "member@b.test").await;
    let theirs: Shelf = other.get("/api/library?q=&theme=&skill=&sort=recent").await.json();
    assert!(theirs.entries.is_empty() && theirs.themes.is_empty());
    let entry = other.get(&format!("/api/library_entry?post_id={practice}")).await;
    assert_eq!(entry.status, StatusCode::NOT_FOUND);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn the_library_opens_a_practice_and_nothing_more_of_its_circle(pool: PgPool) {
    let w = world(pool).await;
    let at = (w.org_a, w.circle_a);
    let kept = practice_by(&w.pool, at, "member@a.test", "Pas dans la mallette.").await;
    let shared = practice_by(&w.pool, at, "member@a.test", "Dans la mallette.").await;
    promoted(&w.pool, w.org_a, shared, &["Rituels"], &[]).await;
    let mut camille = Client::signed_in(&w, "member@a.test").await;
    assert_eq!(camille.reply(w.circle_a, shared, "Une réponse entre membres.").await.status, StatusCode::OK);
    let mut outsider = Client::signed_in(&w, "outsider@a.test").await;

    // A practice not in the library stays the circle's, even asked for by its id.
    let not_there = outsider.get(&format!("/api/library_entry?post_id={kept}")).await;
    assert_eq!(not_there.status, StatusCode::NOT_FOUND, "{}", not_there.body);
    // In the library: the practice, without its circle's name or figures; its thread (the
    // replies) stays the circle's.
    let entry: EntryPage = outsider.get(&format!("/api/library_entry?post_id={shared}")).await.json();
    assert_eq!((entry.entry.post.circle_name.as_str(), entry.entry.post.reply_count), ("", 0));
    let thread = outsider.thread(w.circle_a, shared).await;
    assert_eq!(thread.status, StatusCode::FORBIDDEN, "{}", thread.body);

    // A circle of one's own named with another circle's practice: no such practice there.
    let circle_b = Uuid::new_v4();
    sqlx::query("insert into circles (org_id, id, kind, name) values ($1, $2, 'peer', 'Cercle B')")
        .bind(w.org_a)
        .bind(circle_b)
        .execute(&w.pool)
        .await
        .expect("circle");
    sqlx::query("insert into circle_members (org_id, circle_id, person_id) values ($1, $2, $3)")
        .bind(w.org_a)
        .bind(circle_b)
        .bind(outsider.ids().0)
        .execute(&w.pool)
        .await
        .expect("member");
    let mismatched = outsider.sync(&outsider.envelope(tried(circle_b, kept, "Par un détour."))).await;
    assert_eq!(mismatched.status, StatusCode::NOT_FOUND, "{}", mismatched.body);
    let mut sophie = Client::signed_in(&w, "animator@a.test").await;
    let elsewhere = sophie.sync(&sophie.envelope(promote(circle_b, kept, "Rituels", ""))).await;
    assert_eq!(elsewhere.status, StatusCode::NOT_FOUND, "{}", elsewhere.body);
    assert_eq!(count(&w.pool, "select count(*) from tryouts").await, 0);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn search_ignores_accents_and_word_endings_in_french_and_english(pool: PgPool) {
    let w = world(pool).await;
    let at = (w.org_a, w.circle_a);
    let french = practice_by(&w.pool, at, "member@a.test", "Une réunion d'équipe de dix minutes le lundi.").await;
    let english = practice_by(&w.pool, at, "member@a.test", "Weekly meetings that end with one decision.").await;
    let other = practice_by(&w.pool, at, "member@a.test", "Un café pour accueillir les intérimaires.").await;
    promoted(&w.pool, w.org_a, french, &["Rituels"], &["Animation"]).await;
    promoted(&w.pool, w.org_a, english, &["Rituels"], &[]).await;
    promoted(&w.pool, w.org_a, other, &["Intégration"], &["Accueil"]).await;
    let mut camille = Client::signed_in(&w, "member@a.test").await;
    let mut search = async |q: &str, theme: &str| -> Vec<Uuid> {
        let q: String = q.bytes().map(|b| format!("%{b:02X}")).collect();
        let answer = camille.get(&format!("/api/library?q={q}&theme={theme}&skill=&sort=relevance")).await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
        answer.json::<Shelf>().entries.iter().map(|e| e.post.id).collect()
    };
    assert_eq!(search("equipe", "").await, vec![french], "unaccented finds accented");
    assert_eq!(search("ÉQUIPES", "").await, vec![french], "case, accents and plural");
    assert_eq!(search("réunions", "").await, vec![french], "plural finds singular");
    assert_eq!(search("meeting", "").await, vec![english], "English singular finds plural");
    assert_eq!(search("decisions", "").await, vec![english]);
    assert_eq!(search("interimaire", "").await, vec![other]);
    // The themes and skills are searched too; a theme filters.
    assert_eq!(search("animation", "").await, vec![french]);
    let mut rituals = search("", "Rituels").await;
    rituals.sort();
    let mut expected = vec![french, english];
    expected.sort();
    assert_eq!(rituals, expected);
    assert!(search("équipe", "Int%C3%A9gration").await.is_empty());
    assert!(search("télétravail", "").await.is_empty());
    // Only punctuation (or what the search syntax reads as operators) finds nothing, breaks nothing.
    assert!(search("\"'&|!", "").await.is_empty());
}
