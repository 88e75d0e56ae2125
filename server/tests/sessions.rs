//! Live sessions over HTTP: a member schedules one in their circle, its local times read in
//! their time zone and stored as instants; members answer going or not (once each, until it
//! ends); once it has started a facilitator, an animator or who scheduled it records who came,
//! each arrival the attendee's own event; the session downloads as iCalendar for who may read
//! its circle only. Times show in each person's zone.
mod common;
use app::circles::model::CircleDetail;
use app::error::{AppError, Field, Problem};
use app::offline::writes::{Receipt, Write};
use app::sessions::api::{AnswerSession, RecordAttendance, ScheduleSession};
use app::sessions::model::SessionDetail;
use common::*;
use http::{header, Request, StatusCode};
use sqlx::PgPool;
use uuid::Uuid;

fn schedule(circle_id: Uuid, session_id: Uuid, starts: &str, ends: &str) -> Write {
    Write::ScheduleSession(ScheduleSession {
        circle_id,
        session_id,
        name: "Manager Boost".into(),
        starts: starts.into(),
        ends: ends.into(),
        zone: "Europe/Paris".into(),
        place: "Salle 2".into(),
        link: "https://visio.example.fr/boost".into(),
    })
}

fn answer(circle_id: Uuid, session_id: Uuid, going: bool) -> Write {
    Write::AnswerSession(AnswerSession { circle_id, session_id, going, name: "Manager Boost".into() })
}

fn record(circle_id: Uuid, session_id: Uuid, person_id: Uuid, attended: bool) -> Write {
    Write::RecordAttendance(RecordAttendance { circle_id, session_id, person_id, attended, name: "X".into() })
}

fn json(e: AppError) -> String {
    serde_json::to_string(&e).expect("json")
}

async fn events(pool: &PgPool, kind: &str) -> i64 {
    count(pool, &format!("select count(*) from activity_events where kind = '{kind}'")).await
}

/// When the tests' sessions are: 14 January next year, 18:30 to 20:00 in Paris (UTC+1).
fn starts() -> String {
    next_january(14, "18:30")
}
fn ends() -> String {
    next_january(14, "20:00")
}
fn year() -> i32 {
    time::OffsetDateTime::now_utc().year() + 1
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn members_schedule_and_answer_and_a_facilitator_records_who_came(pool: PgPool) {
    let w = world(pool).await;
    join(&w.pool, w.org_a, w.circle_a, "outsider@a.test").await;
    let mut camille = Client::signed_in(&w, "member@a.test").await;
    let mut colleague = Client::signed_in(&w, "outsider@a.test").await;
    let (circle, id) = (w.circle_a, Uuid::new_v4());

    // Scheduled, and sent again: one session, at 17:30 UTC (18:30 in Paris in January).
    let first = camille.envelope(schedule(circle, id, &starts(), &ends()));
    assert_eq!(camille.sync(&first).await.status, StatusCode::OK);
    assert!(camille.sync(&first).await.json::<Receipt>().replayed);
    let utc: String =
        sqlx::query_scalar("select to_char(starts_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI') from live_sessions")
            .fetch_one(&w.pool)
            .await
            .expect("starts");
    assert_eq!(utc, format!("{}-01-14 17:30", year()));
    assert_eq!(events(&w.pool, "scheduled_session").await, 1);
    let circle_page: CircleDetail = camille.get(&format!("/api/circle?circle_id={circle}")).await.json();
    let list = circle_page.sessions;
    assert_eq!((list.len(), list[0].title.as_str(), list[0].going), (1, "Manager Boost", 0));

    // An end before the start, a time that is no time, a link that is no web link, an end
    // already past: refused, naming the field, nothing written.
    for (starts, ends, field, problem) in [
        (starts(), next_january(14, "17:00"), Field::EndsAt, Problem::BeforeStart),
        ("demain soir".into(), ends(), Field::StartsAt, Problem::Malformed),
        ("2020-01-14T18:30".into(), "2020-01-14T20:00".into(), Field::EndsAt, Problem::Past),
    ] {
        let refused = camille.sync(&camille.envelope(schedule(circle, Uuid::new_v4(), &starts, &ends))).await;
        assert_eq!(
            (refused.status, refused.body),
            (StatusCode::UNPROCESSABLE_ENTITY, json(AppError::Invalid { field, problem }))
        );
    }
    let mut bad_link = schedule(circle, Uuid::new_v4(), &starts(), &ends());
    if let Write::ScheduleSession(s) = &mut bad_link {
        s.link = "javascript:alert(1)".into();
    }
    assert_eq!(camille.sync(&camille.envelope(bad_link)).await.status, StatusCode::UNPROCESSABLE_ENTITY);
    let mut bad_zone = schedule(circle, Uuid::new_v4(), &starts(), &ends());
    if let Write::ScheduleSession(s) = &mut bad_zone {
        s.zone = "Mars/Olympus".into();
    }
    assert_eq!(camille.sync(&camille.envelope(bad_zone)).await.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(count(&w.pool, "select count(*) from live_sessions").await, 1);

    // Answers: one per person, the last one counts, one event per change.
    assert_eq!(colleague.sync(&colleague.envelope(answer(circle, id, true))).await.status, StatusCode::OK);
    assert_eq!(colleague.sync(&colleague.envelope(answer(circle, id, true))).await.status, StatusCode::OK);
    assert_eq!(camille.sync(&camille.envelope(answer(circle, id, false))).await.status, StatusCode::OK);
    assert_eq!(camille.sync(&camille.envelope(answer(circle, id, true))).await.status, StatusCode::OK);
    assert_eq!(count(&w.pool, "select count(*) from session_answers where going").await, 2);
    assert_eq!(events(&w.pool, "answered_session").await, 3);
    let page: SessionDetail = colleague.get(&format!("/api/session?circle_id={circle}&session_id={id}")).await.json();
    assert_eq!((page.mine, page.may_answer, page.may_record, page.started), (Some(true), true, false, false));

    // Before it starts nobody records who came; after, who scheduled it does (Camille), a
    // member who did not may not.
    let colleague_id = person_id(&w.pool, "outsider@a.test").await;
    let early = camille.sync(&camille.envelope(record(circle, id, colleague_id, true))).await;
    assert_eq!((early.status, early.body), (StatusCode::CONFLICT, json(AppError::TooEarly)));
    sqlx::query("update live_sessions set starts_at = now() - interval '2 hours', ends_at = now() - interval '1 hour'")
        .execute(&w.pool)
        .await
        .expect("past");
    let refused = colleague.sync(&colleague.envelope(record(circle, id, colleague_id, true))).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(camille.sync(&camille.envelope(record(circle, id, colleague_id, true))).await.status, StatusCode::OK);
    assert_eq!(camille.sync(&camille.envelope(record(circle, id, colleague_id, true))).await.status, StatusCode::OK);
    let attended: Vec<Uuid> =
        sqlx::query_scalar("select person_id from activity_events where kind = 'attended_session'")
            .fetch_all(&w.pool)
            .await
            .expect("attended");
    assert_eq!(attended, [colleague_id], "the attendee's own event, once");
    // Someone outside the circle did not come to it.
    let animator_id = person_id(&w.pool, "animator@a.test").await;
    assert_eq!(
        camille.sync(&camille.envelope(record(circle, id, animator_id, true))).await.status,
        StatusCode::NOT_FOUND
    );
    // Ended: no more answers.
    let late = colleague.sync(&colleague.envelope(answer(circle, id, false))).await;
    assert_eq!((late.status, late.body), (StatusCode::CONFLICT, json(AppError::Over)));
    // The animator records too (and takes a mistake back).
    let mut sophie = Client::signed_in(&w, "animator@a.test").await;
    assert_eq!(sophie.sync(&sophie.envelope(record(circle, id, colleague_id, false))).await.status, StatusCode::OK);
    assert_eq!(events(&w.pool, "unattended_session").await, 1);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_session_downloads_as_icalendar_for_its_circle_only(pool: PgPool) {
    let w = world(pool).await;
    let mut camille = Client::signed_in(&w, "member@a.test").await;
    let id = Uuid::new_v4();
    assert_eq!(
        camille.sync(&camille.envelope(schedule(w.circle_a, id, &starts(), &ends()))).await.status,
        StatusCode::OK
    );
    let path = format!("/sessions/{id}.ics");

    let file = camille.get(&path).await;
    assert_eq!(file.status, StatusCode::OK);
    for line in [
        "BEGIN:VCALENDAR",
        "BEGIN:VEVENT",
        &format!("UID:{id}@apprenance"),
        "SUMMARY:Manager Boost",
        &format!("DTSTART:{}0114T173000Z", year()),
        &format!("DTEND:{}0114T190000Z", year()),
        "END:VCALENDAR",
    ] {
        assert!(file.body.contains(line), "{line} in {}", file.body);
    }
    assert!(file.body.contains("LOCATION:Salle 2 · https://visio.example.fr/boost"), "{}", file.body);
    let headers = camille.send(Request::get(&path).header(header::ACCEPT, "text/calendar"), String::new()).await;
    assert_eq!(headers.status, StatusCode::OK);

    // Signed out, another organisation, outside the circle, no such session: refused.
    assert_eq!(Client::new(&w).get(&path).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(Client::signed_in(&w, "animator@b.test").await.get(&path).await.status, StatusCode::NOT_FOUND);
    assert_eq!(Client::signed_in(&w, "outsider@a.test").await.get(&path).await.status, StatusCode::FORBIDDEN);
    let unknown = format!("/sessions/{}.ics", Uuid::new_v4());
    assert_eq!(camille.get(&unknown).await.status, StatusCode::NOT_FOUND);
    assert_eq!(camille.get("/sessions/pas-un-uuid.ics").await.status, StatusCode::NOT_FOUND);

    // The session's page, as a browser without JavaScript gets it, in the reader's zone.
    let page = format!("/circles/{}/sessions/{id}", w.circle_a);
    let html = camille.send(Request::get(&page).header(header::ACCEPT, "text/html"), String::new()).await;
    assert_eq!(html.status, StatusCode::OK);
    assert!(html.body.contains(&format!("14/01/{} 18:30 – 20:00", year())), "{}", html.body);
    assert!(html.body.contains(&format!("href=\"{path}\"")) && html.body.contains("action=\"/api/answer_session\""));
    // Read in Montreal: the same instant at 12:30.
    sqlx::query("update people set time_zone = 'America/Toronto' where email = 'member@a.test'")
        .execute(&w.pool)
        .await
        .expect("zone");
    let html = camille.send(Request::get(&page).header(header::ACCEPT, "text/html"), String::new()).await;
    assert!(html.body.contains(&format!("14/01/{} 12:30 – 14:00", year())), "{}", html.body);
    // The circle's page lists it.
    let circle = camille
        .send(Request::get(format!("/circles/{}", w.circle_a)).header(header::ACCEPT, "text/html"), String::new())
        .await;
    assert!(
        circle.body.contains(&format!("href=\"{page}\"")) && circle.body.contains("action=\"/api/schedule_session\"")
    );
}
