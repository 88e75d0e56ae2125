//! Every server function against the callers it must refuse.
//!
//! The list of functions comes from the server-function registry, not from a hand-kept list: a
//! new function without a case here fails `every_server_function_has_an_access_case`. Each case
//! is called as nobody signed in, as a member of another organisation, as a colleague without
//! the right (not in the circle) and as the author where that is refused (reacting to one's own
//! post, saying one tried one's own practice; an ordinary member promoting a practice into the
//! library); each of those it must refuse gets 401, 403 or 404, and no row of the application's
//! tables changes. Then the animator, who has the right, makes the same calls and succeeds (in
//! the learning network, the animator sits on its committee: the animators as such decide
//! nothing there). The sync endpoint has a case per kind of write (`Write::KINDS`).
mod common;
use app::circles::admin::{ArchiveCircle, CreateCircle, SetCircleMember};
use app::circles::api::{AskQuestion, React, Reply, SharePractice};
use app::circles::edit::{DeletePost, EditPost};
use app::circles::model::CircleKind;
use app::circles::moderation::{ModeratePost, ReportPost};
use app::circles::posts::Reaction;
use app::circles::tried::TryPractice;
use app::identity::settings::SetTimeZone;
use app::library::api::PromotePractice;
use app::network::api::{AddTheme, DecideProposal, FileProposal, RunExperiment, SetNetworkRoles};
use app::network::model::{Decision, ExperimentState};
use app::notifications::api::ReadNotifications;
use app::offline::writes::{Envelope, Write};
use app::plc::charter::EditCharter;
use app::prompts::api::SchedulePrompt;
use app::prompts::model::PromptKind;
use app::sessions::api::{AnswerSession, RecordAttendance, ScheduleSession};
use common::*;
use http::{header, Method, Request, StatusCode};
use sqlx::PgPool;
use uuid::Uuid;

/// Who calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Caller {
    Anonymous,
    /// An animator of the other organisation: who sees every circle there, nothing here.
    OtherOrganisation,
    /// A member of the organisation who is not in the circle.
    Outsider,
    /// A member of the circle acting on their own post where that is not allowed (reacting,
    /// saying they tried it, reporting it), on a colleague's where only its author may
    /// (editing, deleting), or doing what only animators do (promoting, moderating).
    Author,
}
use Caller::*;

/// What the world holds for the cases: the circle, a question and a practice in it
/// (Camille's), another practice of hers in the library, and four questions of the animator's
/// (to edit with a form, edit by sync, delete with a form, delete by sync); and a PLC Camille
/// is in, whose charter is unwritten; and a learning network Camille is in, with the animator
/// on its committee, two of Camille's proposals waiting for it (one per way of deciding), and
/// the animator's accepted proposal whose experiment is planned.
struct Fixture {
    circle: Uuid,
    plc: Uuid,
    network: Uuid,
    filed: [Uuid; 2],
    experiment: Uuid,
    /// A live session of the circle the animator scheduled, under way; and Camille.
    session: Uuid,
    camille: Uuid,
    question: Uuid,
    practice: Uuid,
    in_library: Uuid,
    org_a: Uuid,
    animators: [Uuid; 4],
    /// A notification of the animator's (Camille replied to one of their questions).
    notice: Uuid,
}

/// A request as a caller sends it; `ids` are the caller's (person, organisation), or the
/// circle member's when nobody is signed in.
struct Call {
    method: Method,
    uri: String,
    /// Form fields, or a JSON body.
    form: Vec<(&'static str, String)>,
    json: Option<serde_json::Value>,
}

fn get(uri: String) -> Call {
    Call { method: Method::GET, uri, form: vec![], json: None }
}

fn form(path: &str, form: Vec<(&'static str, String)>) -> Call {
    Call { method: Method::POST, uri: format!("/api/{path}"), form, json: None }
}

fn write_form(path: &str, ids: (Uuid, Uuid), fields: Vec<(&'static str, String)>) -> Call {
    let mut all = vec![
        ("person_id", ids.0.to_string()),
        ("org_id", ids.1.to_string()),
        ("client_id", Uuid::new_v4().to_string()),
    ];
    all.extend(fields);
    form(path, all)
}

fn sync(ids: (Uuid, Uuid), write: Write) -> Call {
    let envelope = Envelope::new(Uuid::new_v4(), ids.0, ids.1, &write);
    Call {
        method: Method::POST,
        uri: "/api/sync".into(),
        form: vec![],
        json: Some(serde_json::json!({ "envelope": envelope })),
    }
}

/// One kind of write, aimed at the fixture's circle and question; `me` is the caller.
fn write_of_kind(kind: &str, f: &Fixture, me: Uuid) -> Write {
    let (circle_id, post_id) = (f.circle, f.question);
    match kind {
        "ask_question" => Write::AskQuestion(AskQuestion { circle_id, body: "Intrusion ?".into() }),
        "share_practice" => Write::SharePractice(SharePractice {
            circle_id,
            context: String::new(),
            body: "Intrusion.".into(),
            outcome: String::new(),
            difficulty: String::new(),
            tags: "intrus".into(),
        }),
        "reply" => Write::Reply(Reply { circle_id, post_id, body: "Intrusion.".into() }),
        "react" => Write::React(React { circle_id, post_id, reaction: Reaction::Useful, on: true }),
        "try_practice" => Write::TryPractice(TryPractice { circle_id, post_id: f.practice, body: "Intrusion.".into() }),
        "promote_practice" => Write::PromotePractice(PromotePractice {
            circle_id,
            post_id: f.practice,
            themes: "intrusion".into(),
            skills: String::new(),
        }),
        "edit_post" => Write::EditPost(EditPost {
            circle_id,
            post_id: f.animators[1],
            version: 1,
            body: "Intrusion ?".into(),
            context: String::new(),
            outcome: String::new(),
            difficulty: String::new(),
            tags: String::new(),
        }),
        "delete_post" => Write::DeletePost(DeletePost { circle_id, post_id: f.animators[3] }),
        "report_post" => Write::ReportPost(ReportPost { circle_id, post_id, body: "Intrusion.".into() }),
        // Not the question: the form's case hides it first, and a decision names the state seen.
        "moderate_post" => Write::ModeratePost(ModeratePost {
            circle_id,
            post_id: f.practice,
            version: 1,
            was_hidden: false,
            hidden: true,
            body: "Intrusion.".into(),
        }),
        // A new circle of the caller's own organisation (another organisation's animator may
        // create theirs).
        "create_circle" => Write::CreateCircle(CreateCircle {
            circle_id: Uuid::new_v4(),
            name: "Cercle intrus (envoi)".into(),
            purpose: String::new(),
            kind: CircleKind::Peer,
            plc_type: None,
        }),
        // Joining the circle oneself.
        "set_circle_member" => {
            Write::SetCircleMember(SetCircleMember { circle_id, person_id: me, member: true, name: "Moi".into() })
        }
        // Reopening the open circle: the animator's call changes nothing, and later calls still
        // write in it.
        "archive_circle" => Write::ArchiveCircle(ArchiveCircle { circle_id, archived: false, name: "A".into() }),
        // Made on version 1: the animator's form case (below, sorted before `/api/sync`) writes
        // version 1 first.
        "edit_charter" => Write::EditCharter(EditCharter {
            circle_id: f.plc,
            version: 1,
            name: "CAP".into(),
            mission: "Intrusion (envoi).".into(),
            vision: String::new(),
            values: String::new(),
            goals: String::new(),
        }),
        "add_theme" => Write::AddTheme(AddTheme {
            circle_id: f.network,
            theme_id: Uuid::new_v4(),
            name: "Thème (envoi)".into(),
            outcome: String::new(),
        }),
        // The caller made a facilitator of the network, kept on its committee (the animator, in
        // it: later calls still decide).
        "set_network_roles" => Write::SetNetworkRoles(SetNetworkRoles {
            circle_id: f.network,
            person_id: me,
            name: "Moi".into(),
            sponsor: false,
            committee: true,
            facilitator: true,
            was_sponsor: false,
            was_committee: true,
            was_facilitator: false,
        }),
        "file_proposal" => Write::FileProposal(FileProposal {
            circle_id: f.network,
            proposal_id: Uuid::new_v4(),
            theme_id: None,
            name: "Intrusion (envoi)".into(),
            problem: "P.".into(),
            change: "C.".into(),
            experiment: String::new(),
        }),
        "decide_proposal" => Write::DecideProposal(DecideProposal {
            circle_id: f.network,
            proposal_id: f.filed[1],
            decision: Decision::Accept,
            note: String::new(),
            name: "P".into(),
        }),
        "run_experiment" => Write::RunExperiment(RunExperiment {
            circle_id: f.network,
            proposal_id: f.experiment,
            state: ExperimentState::Running,
            starts_on: "2026-12-07".into(),
            ends_on: String::new(),
            result: String::new(),
            name: "P".into(),
        }),
        "schedule_session" => Write::ScheduleSession(ScheduleSession {
            circle_id,
            session_id: Uuid::new_v4(),
            name: "Intrusion (envoi)".into(),
            starts: common::next_january(14, "18:30"),
            ends: common::next_january(14, "20:00"),
            zone: "Europe/Paris".into(),
            place: String::new(),
            link: String::new(),
        }),
        "answer_session" => {
            Write::AnswerSession(AnswerSession { circle_id, session_id: f.session, going: true, name: "S".into() })
        }
        // Camille came: recorded by who did not schedule it nor facilitates.
        "record_attendance" => Write::RecordAttendance(RecordAttendance {
            circle_id,
            session_id: f.session,
            person_id: f.camille,
            attended: true,
            name: "Camille".into(),
        }),
        "schedule_prompt" => Write::SchedulePrompt(SchedulePrompt {
            prompt_id: Uuid::new_v4(),
            kind: PromptKind::Question,
            body: "Intrusion (envoi) ?".into(),
            opens: common::next_january(4, "09:00"),
            closes: common::next_january(11, "18:00"),
            zone: "Europe/Paris".into(),
            circle_ids: vec![circle_id],
        }),
        "read_notifications" => {
            Write::ReadNotifications(ReadNotifications { notification_id: Some(f.notice), up_to: 4_102_444_800_000 })
        }
        // One's own time zone: the write names no one else's.
        "set_time_zone" => {
            Write::SetTimeZone(SetTimeZone { zone: "America/Montreal".into(), name: "Montréal".into() })
        }
        other => panic!("no access case for the write kind {other}: add one here"),
    }
}

/// Who may not react to the fixture's question, say they tried its practice or report it (the
/// circle member's own), nor promote or moderate it (an animator's job), nor edit or delete
/// the animator's posts (only their author may).
const NOT_ON_ONES_OWN: &[Caller] = &[Anonymous, OtherOrganisation, Outsider, Author];
const CIRCLE_ONLY: &[Caller] = &[Anonymous, OtherOrganisation, Outsider];
/// Who may not do what the animators of the caller's own organisation do there (another
/// organisation's animator does it in theirs).
const ANIMATORS_OWN: &[Caller] = &[Anonymous, Outsider, Author];
/// What everyone signed in does for themselves.
const SIGNED_IN: &[Caller] = &[Anonymous];

/// The calls of the function at `path`, each with the callers it must refuse. A function open
/// to some caller says why.
fn cases(path: &str, f: &Fixture, ids: (Uuid, Uuid)) -> Vec<(Call, &'static [Caller])> {
    let (calls, refused) = calls(path, f, ids);
    if path == "/api/sync" {
        // One call per kind of write, in the order of `Write::KINDS`.
        return calls
            .into_iter()
            .zip(Write::KINDS)
            .map(|(c, k)| {
                let own_rule = [
                    "react",
                    "try_practice",
                    "promote_practice",
                    "edit_post",
                    "delete_post",
                    "report_post",
                    "moderate_post",
                    "set_circle_member",
                    "archive_circle",
                    "add_theme",
                    "set_network_roles",
                    "decide_proposal",
                    "run_experiment",
                    "record_attendance",
                    "schedule_prompt",
                    "read_notifications",
                ];
                let refused = match *k {
                    "create_circle" => ANIMATORS_OWN,
                    // Everyone signed in sets their own (another person's: `settings.rs`).
                    "set_time_zone" => SIGNED_IN,
                    k if own_rule.contains(&k) => NOT_ON_ONES_OWN,
                    _ => refused,
                };
                (c, refused)
            })
            .collect();
    }
    calls.into_iter().map(|c| (c, refused)).collect()
}

fn calls(path: &str, f: &Fixture, ids: (Uuid, Uuid)) -> (Vec<Call>, &'static [Caller]) {
    let (circle, question, practice) = (f.circle.to_string(), f.question.to_string(), f.practice.to_string());
    match path {
        // Open: signing in is for anyone; signing out ends only the caller's own session;
        // `me` says who the caller is, nobody when signed out.
        "/api/sign_in" => {
            (vec![form("sign_in", vec![("email", "member@a.test".into()), ("password", "faux".into())])], &[])
        }
        "/api/sign_out" => (vec![form("sign_out", vec![])], &[]),
        "/api/me" => (vec![get("/api/me".into())], &[]),
        // The caller's own data only: whoever is signed in sees their own home.
        "/api/home" => (vec![get("/api/home".into())], &[Anonymous]),
        "/api/switch_org" => {
            (vec![form("switch_org", vec![("org_id", f.org_a.to_string())])], &[Anonymous, OtherOrganisation])
        }
        "/api/circle" => {
            (vec![get(format!("/api/circle?circle_id={circle}"))], &[Anonymous, OtherOrganisation, Outsider])
        }
        "/api/circle_posts" => {
            (vec![get(format!("/api/circle_posts?circle_id={circle}"))], &[Anonymous, OtherOrganisation, Outsider])
        }
        "/api/thread" => (vec![get(format!("/api/thread?circle_id={circle}&post_id={question}"))], CIRCLE_ONLY),
        "/api/ask_question" => (
            vec![write_form("ask_question", ids, vec![("circle_id", circle), ("body", "Intrusion ?".into())])],
            CIRCLE_ONLY,
        ),
        "/api/share_practice" => (
            vec![write_form(
                "share_practice",
                ids,
                vec![
                    ("circle_id", circle.clone()),
                    ("context", String::new()),
                    ("body", "Intrusion.".into()),
                    ("outcome", String::new()),
                    ("difficulty", String::new()),
                    ("tags", String::new()),
                ],
            )],
            CIRCLE_ONLY,
        ),
        "/api/reply" => (
            vec![write_form(
                "reply",
                ids,
                vec![("circle_id", circle), ("post_id", question), ("body", "Intrusion.".into())],
            )],
            CIRCLE_ONLY,
        ),
        "/api/react" => (
            vec![write_form(
                "react",
                ids,
                vec![
                    ("circle_id", circle),
                    ("post_id", question),
                    ("reaction", "useful".into()),
                    ("on", "true".into()),
                ],
            )],
            CIRCLE_ONLY,
        ),
        "/api/try_practice" => (
            vec![write_form(
                "try_practice",
                ids,
                vec![("circle_id", circle), ("post_id", practice), ("body", "Intrusion.".into())],
            )],
            NOT_ON_ONES_OWN,
        ),
        "/api/promote_practice" => (
            vec![write_form(
                "promote_practice",
                ids,
                vec![
                    ("circle_id", circle),
                    ("post_id", practice),
                    ("themes", "intrusion".into()),
                    ("skills", String::new()),
                ],
            )],
            NOT_ON_ONES_OWN,
        ),
        "/api/edit_post" => (
            vec![write_form(
                "edit_post",
                ids,
                vec![
                    ("circle_id", circle),
                    ("post_id", f.animators[0].to_string()),
                    ("version", "1".into()),
                    ("body", "Intrusion ?".into()),
                ],
            )],
            NOT_ON_ONES_OWN,
        ),
        "/api/delete_post" => (
            vec![write_form("delete_post", ids, vec![("circle_id", circle), ("post_id", f.animators[2].to_string())])],
            NOT_ON_ONES_OWN,
        ),
        "/api/report_post" => (
            vec![write_form(
                "report_post",
                ids,
                vec![("circle_id", circle), ("post_id", question), ("body", "Intrusion.".into())],
            )],
            NOT_ON_ONES_OWN,
        ),
        "/api/moderate_post" => (
            vec![write_form(
                "moderate_post",
                ids,
                vec![
                    ("circle_id", circle),
                    ("post_id", question),
                    ("version", "1".into()),
                    ("was_hidden", "false".into()),
                    ("hidden", "true".into()),
                    ("body", "Intrusion.".into()),
                ],
            )],
            NOT_ON_ONES_OWN,
        ),
        // The animators' queue of the caller's own organisation: another organisation's
        // animator gets theirs (nothing of this one), anyone but an animator nothing.
        "/api/moderation" => (vec![get("/api/moderation".into())], &[Anonymous, Outsider, Author]),
        // The organisation's library is everyone's in it; another organisation's, nobody's.
        "/api/library" => (vec![get("/api/library?q=&theme=&skill=&sort=relevance".into())], &[Anonymous]),
        "/api/library_entry" => {
            (vec![get(format!("/api/library_entry?post_id={}", f.in_library))], &[Anonymous, OtherOrganisation])
        }
        "/api/managed_circles" => (vec![get("/api/managed_circles".into())], ANIMATORS_OWN),
        // The prompts of the caller's own organisation (another's animator gets theirs).
        "/api/prompts" => (vec![get("/api/prompts".into())], ANIMATORS_OWN),
        // A prompt to this organisation's circle: its animators only (a circle member is not).
        "/api/schedule_prompt" => (
            vec![write_form(
                "schedule_prompt",
                ids,
                vec![
                    ("prompt_id", Uuid::new_v4().to_string()),
                    ("kind", "debate".into()),
                    ("body", "Intrusion (formulaire) ?".into()),
                    ("opens", common::next_january(4, "09:00")),
                    ("closes", common::next_january(11, "18:00")),
                    ("zone", "Europe/Paris".into()),
                    ("circle_ids[]", circle.clone()),
                ],
            )],
            NOT_ON_ONES_OWN,
        ),
        "/api/circle_members" => (vec![get(format!("/api/circle_members?circle_id={circle}&q=mem"))], NOT_ON_ONES_OWN),
        // Everyone's own notifications: whoever is signed in gets theirs.
        "/api/notifications" => (vec![get("/api/notifications".into())], &[Anonymous]),
        "/api/unread" => (vec![get("/api/unread".into())], &[Anonymous]),
        // Everyone's own settings (another person's time zone is refused: `settings.rs`).
        "/api/settings" => (vec![get("/api/settings".into())], SIGNED_IN),
        "/api/set_time_zone" => (
            vec![write_form(
                "set_time_zone",
                ids,
                vec![("zone", "America/Montreal".into()), ("name", "Montréal".into())],
            )],
            SIGNED_IN,
        ),
        // The animator's notification: nobody else marks it read (another organisation does
        // not find it).
        "/api/read_notifications" => (
            vec![write_form(
                "read_notifications",
                ids,
                vec![("notification_id", f.notice.to_string()), ("up_to", "4102444800000".into())],
            )],
            NOT_ON_ONES_OWN,
        ),
        "/api/create_circle" => (
            vec![write_form(
                "create_circle",
                ids,
                vec![
                    ("circle_id", Uuid::new_v4().to_string()),
                    ("name", "Cercle intrus (formulaire)".into()),
                    ("purpose", String::new()),
                    ("kind", "peer".into()),
                    ("plc_type", String::new()),
                ],
            )],
            ANIMATORS_OWN,
        ),
        "/api/set_circle_member" => (
            vec![write_form(
                "set_circle_member",
                ids,
                vec![
                    ("circle_id", circle),
                    ("member_id", ids.0.to_string()),
                    ("member", "true".into()),
                    ("name", "Moi".into()),
                ],
            )],
            NOT_ON_ONES_OWN,
        ),
        "/api/archive_circle" => (
            vec![write_form(
                "archive_circle",
                ids,
                vec![("circle_id", circle), ("archived", "false".into()), ("name", "A".into())],
            )],
            NOT_ON_ONES_OWN,
        ),
        "/api/charter" => (vec![get(format!("/api/charter?circle_id={}", f.plc))], CIRCLE_ONLY),
        // On the unwritten charter (version 0).
        "/api/edit_charter" => (
            vec![write_form(
                "edit_charter",
                ids,
                vec![
                    ("circle_id", f.plc.to_string()),
                    ("version", "0".into()),
                    ("name", "CAP".into()),
                    ("mission", "Intrusion (formulaire).".into()),
                    ("vision", String::new()),
                    ("values", String::new()),
                    ("goals", String::new()),
                ],
            )],
            CIRCLE_ONLY,
        ),
        "/api/network" => (vec![get(format!("/api/network?circle_id={}", f.network))], CIRCLE_ONLY),
        "/api/file_proposal" => (
            vec![write_form(
                "file_proposal",
                ids,
                vec![
                    ("circle_id", f.network.to_string()),
                    ("proposal_id", Uuid::new_v4().to_string()),
                    ("theme_id", String::new()),
                    ("name", "Intrusion (formulaire)".into()),
                    ("problem", "P.".into()),
                    ("change", "C.".into()),
                    ("experiment", String::new()),
                ],
            )],
            CIRCLE_ONLY,
        ),
        // Not on the committee (Camille), nor in the network, nor of the organisation.
        "/api/decide_proposal" => (
            vec![write_form(
                "decide_proposal",
                ids,
                vec![
                    ("circle_id", f.network.to_string()),
                    ("proposal_id", f.filed[0].to_string()),
                    ("decision", "accept".into()),
                    ("note", String::new()),
                    ("name", "P".into()),
                ],
            )],
            NOT_ON_ONES_OWN,
        ),
        // Camille neither wrote it, nor sits on the committee, nor facilitates.
        "/api/run_experiment" => (
            vec![write_form(
                "run_experiment",
                ids,
                vec![
                    ("circle_id", f.network.to_string()),
                    ("proposal_id", f.experiment.to_string()),
                    ("state", "running".into()),
                    ("starts_on", "2026-12-07".into()),
                    ("ends_on", String::new()),
                    ("result", String::new()),
                    ("name", "P".into()),
                ],
            )],
            NOT_ON_ONES_OWN,
        ),
        "/api/add_theme" => (
            vec![write_form(
                "add_theme",
                ids,
                vec![
                    ("circle_id", f.network.to_string()),
                    ("theme_id", Uuid::new_v4().to_string()),
                    ("name", "Thème (formulaire)".into()),
                    ("outcome", String::new()),
                ],
            )],
            NOT_ON_ONES_OWN,
        ),
        "/api/set_network_roles" => (
            vec![write_form(
                "set_network_roles",
                ids,
                vec![
                    ("circle_id", f.network.to_string()),
                    ("member_id", ids.0.to_string()),
                    ("name", "Moi".into()),
                    ("committee", "on".into()),
                    ("facilitator", "on".into()),
                    ("was_sponsor", "false".into()),
                    ("was_committee", "true".into()),
                    ("was_facilitator", "false".into()),
                ],
            )],
            NOT_ON_ONES_OWN,
        ),
        "/api/session" => (vec![get(format!("/api/session?circle_id={circle}&session_id={}", f.session))], CIRCLE_ONLY),
        "/api/schedule_session" => (
            vec![write_form(
                "schedule_session",
                ids,
                vec![
                    ("circle_id", circle.clone()),
                    ("session_id", Uuid::new_v4().to_string()),
                    ("name", "Intrusion (formulaire)".into()),
                    ("starts", common::next_january(14, "18:30")),
                    ("ends", common::next_january(14, "20:00")),
                    ("zone", "Europe/Paris".into()),
                    ("place", String::new()),
                    ("link", String::new()),
                ],
            )],
            CIRCLE_ONLY,
        ),
        "/api/answer_session" => (
            vec![write_form(
                "answer_session",
                ids,
                vec![
                    ("circle_id", circle.clone()),
                    ("session_id", f.session.to_string()),
                    ("going", "false".into()),
                    ("name", "S".into()),
                ],
            )],
            CIRCLE_ONLY,
        ),
        "/api/record_attendance" => (
            vec![write_form(
                "record_attendance",
                ids,
                vec![
                    ("circle_id", circle.clone()),
                    ("session_id", f.session.to_string()),
                    ("member_id", f.camille.to_string()),
                    ("attended", "true".into()),
                    ("name", "Camille".into()),
                ],
            )],
            NOT_ON_ONES_OWN,
        ),
        "/api/sync" => {
            (Write::KINDS.iter().map(|kind| sync(ids, write_of_kind(kind, f, ids.0))).collect(), CIRCLE_ONLY)
        }
        other => panic!("the server function {other} has no access case: add one to server/tests/access.rs"),
    }
}

/// A fingerprint of every row of the application's tables (not sessions, not sign-in counters).
async fn rows(pool: &PgPool) -> Vec<(String, String)> {
    let tables: Vec<String> = sqlx::query_scalar(
        "select table_name::text from information_schema.tables
         where table_schema = 'public' and table_type = 'BASE TABLE'
           and table_name not in ('_sqlx_migrations', 'sign_in_counters', 'sign_in_failures')
         order by table_name",
    )
    .fetch_all(pool)
    .await
    .expect("tables");
    let mut all = Vec::new();
    for table in tables {
        let sql = format!("select coalesce(md5(string_agg(t::text, ',' order by t::text)), '') from {table} t");
        let digest: String = sqlx::query_scalar(&sql).fetch_one(pool).await.expect("digest");
        all.push((table, digest));
    }
    all
}

async fn send(client: &mut Client, call: &Call) -> Answer {
    let req = Request::builder().method(call.method.clone()).uri(&call.uri);
    if let Some(json) = &call.json {
        return client.send(req.header(header::CONTENT_TYPE, "application/json"), json.to_string()).await;
    }
    if call.method == Method::POST {
        let fields: Vec<(&str, &str)> = call.form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        return client.post(&call.uri, &fields).await;
    }
    client.get(&call.uri).await
}

/// A notification for the animator, unread: Camille replied to their question `target`.
async fn notice_for_animator(w: &World, reply: Uuid, target: Uuid) -> Uuid {
    let id = Uuid::new_v4();
    sqlx::query(
        "with e as (insert into activity_events (org_id, person_id, kind, subject_kind, subject_id, circle_id)
                    values ($1, (select id from people where email = 'member@a.test'), 'replied', 'post', $3, $4)
                    returning id)
         insert into notifications (org_id, id, person_id, kind, event_id, actor_id, circle_id, target_id)
         select $1, $2, (select id from people where email = 'animator@a.test'), 'reply', e.id,
                (select id from people where email = 'member@a.test'), $4, $5
         from e",
    )
    .bind(w.org_a)
    .bind(id)
    .bind(reply)
    .bind(w.circle_a)
    .bind(target)
    .execute(&w.pool)
    .await
    .expect("notification");
    id
}

/// The fixture's learning network: Camille a member, the animator on its committee; two
/// proposals of Camille's filed, and the animator's accepted one with its planned experiment.
async fn network_fixture(w: &World) -> (Uuid, [Uuid; 2], Uuid) {
    let network = network_with(&w.pool, w.org_a, &["member@a.test", "animator@a.test"]).await;
    let (camille, sophie) = (person_id(&w.pool, "member@a.test").await, person_id(&w.pool, "animator@a.test").await);
    sqlx::query("update circle_members set on_committee = true where circle_id = $1 and person_id = $2")
        .bind(network)
        .bind(sophie)
        .execute(&w.pool)
        .await
        .expect("committee");
    let ids = [Uuid::new_v4(), Uuid::new_v4(), Uuid::new_v4()];
    for (i, id) in ids.iter().enumerate() {
        let (author, state) = if i < 2 { (camille, "filed") } else { (sophie, "accepted") };
        sqlx::query(
            "insert into network_proposals (org_id, id, circle_id, author_id, title, problem, change, state, decided_at)
             values ($1, $2, $3, $4, 'P', 'P.', 'C.', $5, case when $5 = 'filed' then null else now() end)",
        )
        .bind(w.org_a)
        .bind(id)
        .bind(network)
        .bind(author)
        .bind(state)
        .execute(&w.pool)
        .await
        .expect("proposal");
    }
    sqlx::query("insert into network_experiments (org_id, proposal_id) values ($1, $2)")
        .bind(w.org_a)
        .bind(ids[2])
        .execute(&w.pool)
        .await
        .expect("experiment");
    (network, [ids[0], ids[1]], ids[2])
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn every_server_function_refuses_who_it_must_and_changes_nothing(pool: PgPool) {
    let w = world(pool).await;
    let question = question_by(&w.pool, w.org_a, w.circle_a, "member@a.test", "Comment fais-tu pour fermer ?").await;
    let practice = practice_by(&w.pool, (w.org_a, w.circle_a), "member@a.test", "Un binôme d'accueil.").await;
    let in_library = practice_by(&w.pool, (w.org_a, w.circle_a), "member@a.test", "Un point de dix minutes.").await;
    promoted(&w.pool, w.org_a, in_library, &["Réunions"], &[]).await;
    // An open report in A, which no other organisation's animator may see.
    sqlx::query("insert into post_reports (org_id, post_id, reporter_id, reason) values ($1, $2, $3, 'Vu.')")
        .bind(w.org_a)
        .bind(question)
        .bind(person_id(&w.pool, "outsider@a.test").await)
        .execute(&w.pool)
        .await
        .expect("report");
    let mut animators = [Uuid::nil(); 4];
    for (i, id) in animators.iter_mut().enumerate() {
        *id = question_by(&w.pool, w.org_a, w.circle_a, "animator@a.test", &format!("Comment fais-tu ({i}) ?")).await;
    }
    let plc = plc_with(&w.pool, w.org_a, "member@a.test").await;
    let (network, filed, experiment) = network_fixture(&w).await;
    // The animator is in the circle too: a session's members answer it (an animator who runs a
    // circle without being in it does not go to its sessions).
    join(&w.pool, w.org_a, w.circle_a, "animator@a.test").await;
    let session = Uuid::new_v4();
    sqlx::query(
        "insert into live_sessions (org_id, id, circle_id, title, starts_at, ends_at, time_zone, created_by)
         values ($1, $2, $3, 'S', now() - interval '1 hour', now() + interval '1 hour', 'Europe/Paris',
                 (select id from people where email = 'animator@a.test'))",
    )
    .bind(w.org_a)
    .bind(session)
    .bind(w.circle_a)
    .execute(&w.pool)
    .await
    .expect("session");
    let f = Fixture {
        circle: w.circle_a,
        plc,
        network,
        filed,
        experiment,
        session,
        camille: person_id(&w.pool, "member@a.test").await,
        question,
        practice,
        in_library,
        org_a: w.org_a,
        animators,
        notice: notice_for_animator(&w, question, animators[0]).await,
    };
    let member_ids = Client::signed_in(&w, "member@a.test").await.ids();
    let mut paths: Vec<&str> = leptos::server_fn::axum::server_fn_paths().map(|(p, _)| p).collect();
    paths.sort_unstable();
    assert!(paths.len() >= 11, "the registry lists the server functions: {paths:?}");

    for caller in [Anonymous, OtherOrganisation, Outsider, Author] {
        for path in &paths {
            // A fresh session per call: signing out or switching must not carry over.
            let mut client = match caller {
                Anonymous => Client::new(&w),
                OtherOrganisation => Client::signed_in(&w, "animator@b.test").await,
                Outsider => Client::signed_in(&w, "outsider@a.test").await,
                Author => Client::signed_in(&w, "member@a.test").await,
            };
            let ids = if caller == Anonymous { member_ids } else { client.ids() };
            for (call, refused) in cases(path, &f, ids) {
                if !refused.contains(&caller) {
                    continue;
                }
                let before = rows(&w.pool).await;
                let answer = send(&mut client, &call).await;
                let expected: &[StatusCode] = match caller {
                    Anonymous => &[StatusCode::UNAUTHORIZED],
                    _ => &[StatusCode::FORBIDDEN, StatusCode::NOT_FOUND],
                };
                assert!(
                    expected.contains(&answer.status),
                    "{caller:?} {} {}: {} {}",
                    call.method,
                    call.uri,
                    answer.status,
                    answer.body
                );
                assert_eq!(rows(&w.pool).await, before, "{caller:?} {} {} changed a row", call.method, call.uri);
            }
        }
    }

    // The other organisation's animator, asking for the queue, gets their own: nothing of A's
    // open report.
    let mut other = Client::signed_in(&w, "animator@b.test").await;
    let queue: app::circles::moderation::Queue = other.get("/api/moderation").await.json();
    assert!(queue.reported.is_empty() && queue.hidden.is_empty(), "another organisation's queue leaked");

    // The same calls succeed for someone with the right (the animator runs every circle and did
    // not write the question): the refusals above are not a broken fixture.
    for path in &paths {
        let mut sophie = Client::signed_in(&w, "animator@a.test").await;
        let ids = sophie.ids();
        for (call, refused) in cases(path, &f, ids) {
            if !refused.contains(&Outsider) {
                continue;
            }
            let answer = send(&mut sophie, &call).await;
            assert!(
                answer.status.is_success(),
                "animator {} {}: {} {}",
                call.method,
                call.uri,
                answer.status,
                answer.body
            );
        }
    }
}

#[test]
fn every_server_function_has_an_access_case() {
    let nil = Uuid::nil();
    let f = Fixture {
        circle: nil,
        plc: nil,
        network: nil,
        filed: [nil; 2],
        experiment: nil,
        session: nil,
        camille: nil,
        question: nil,
        practice: nil,
        in_library: nil,
        org_a: nil,
        animators: [nil; 4],
        notice: nil,
    };
    let paths: Vec<&str> = leptos::server_fn::axum::server_fn_paths().map(|(p, _)| p).collect();
    assert!(paths.len() >= 11, "the registry lists the server functions: {paths:?}");
    for path in paths {
        // Panics with the path's name when it has no case.
        assert!(!cases(path, &f, (Uuid::nil(), Uuid::nil())).is_empty(), "{path}");
    }
}
