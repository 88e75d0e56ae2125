//! The demo organisation loads into an empty database, once, whole: what the e2e specs and a
//! first visit rely on is there.
mod common;
use common::count;
use sqlx::PgPool;

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn the_demo_loads_once_with_its_prompts_sessions_network_and_notifications(pool: PgPool) {
    assert!(server::demo::load_if_empty(&pool).await.expect("demo"));
    assert!(!server::demo::load_if_empty(&pool).await.expect("demo again"));
    assert_eq!(count(&pool, "select count(*) from prompts").await, 2);
    assert_eq!(count(&pool, "select count(*) from prompts where opens_at <= now() and closes_at > now()").await, 1);
    assert_eq!(count(&pool, "select count(*) from posts where kind = 'prompt'").await, 4);
    assert_eq!(count(&pool, "select count(*) from activity_events where kind = 'answered_prompt'").await, 5);
    assert_eq!(count(&pool, "select count(*) from live_sessions").await, 2);
    assert_eq!(count(&pool, "select count(*) from network_proposals").await, 5);
    // Camille has notifications, a few of them new: the prompt open in her circles among them.
    let camille = "select id from people where email = 'camille.martin@demo.apprenance.fr'";
    let unread = format!("select count(*) from shown_notifications where person_id = ({camille}) and read_at is null");
    assert!(count(&pool, &unread).await > 0);
    let prompt = format!("select count(*) from shown_notifications where person_id = ({camille}) and kind = 'prompt_opened' and read_at is null");
    assert_eq!(count(&pool, &prompt).await, 2);
    // Made after the posts, tries and promotions they come from.
    for kind in ["reply", "practice_tried", "practice_promoted", "prompt_opened", "session_soon", "proposal_decided"] {
        let made = format!("select count(*) from notifications where kind = '{kind}'");
        assert!(count(&pool, &made).await > 0, "the demo makes {kind} notifications");
    }
    // Next week's Manager Boost reminds its members the day before, not now.
    let boost = "select count(*) from notifications n join live_sessions s on s.id = n.target_id
                 where s.title = 'Manager Boost de décembre' and n.due_at = s.starts_at - interval '1 day'";
    assert_eq!(count(&pool, boost).await, 9 - 1, "its nine members but who scheduled it");
    let shown = "select count(*) from shown_notifications n join live_sessions s on s.id = n.target_id
                 where s.title = 'Manager Boost de décembre'";
    assert_eq!(count(&pool, shown).await, 0);
}
