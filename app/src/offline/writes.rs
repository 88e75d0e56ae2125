//! Every kind of write a person makes: one enum the server applies, JSON the browser queues.
//!
//! A write travels in an [`Envelope`]: the client id the device made for it, the person and
//! organisation it was made for, and the write as JSON (`{"kind": "...", "args": {...}}`). The
//! server decodes it into a [`Write`], refuses an envelope for anyone but the signed-in person,
//! applies it in the envelope's organisation (so a write queued before switching organisation
//! still lands where it was made), and records it in the idempotency ledger in the same
//! transaction (`offline::ledger`), so a replay returns the first [`Receipt`].
//!
//! The device keeps the JSON and reads what it needs from it by convention, so the first load
//! carries no code per kind of write: a write's `args` name its circle `circle_id` (its scope),
//! (a write about several circles names what it is about instead: `prompt_id`; reading one's
//! notifications is in no circle),
//! the text a person recognises it by `body` (or `name`), and the post whose figures show it once landed
//! `post_id` (a reply: its question's count of replies; a reaction: the post's counts). A test
//! holds every kind to this.
//!
//! Adding a kind of write: a type that implements [`Command`] (its stable name) with those
//! fields and, on the server, `ledger::Apply` (what it does), then one line in the `writes!`
//! list below.
use serde::{de::DeserializeOwned, Deserialize, Serialize};
use uuid::Uuid;

/// Where a write shows while it waits, and what it is ordered behind: a later write waits while
/// an earlier one of the same scope has failed (a reply waits for its question).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Circle(Uuid),
    /// A write about no one circle: a themed prompt put to several (`args.prompt_id`).
    Prompt(Uuid),
    /// The person's own things, one scope per kind (marking notifications read, choosing a time
    /// zone: a failed one holds back only the next of its kind).
    Own(&'static str),
}

/// The kinds of write about the person's own things, in no circle.
const OWN_KINDS: [&str; 2] =
    [crate::notifications::api::ReadNotifications::KIND, crate::identity::settings::SetTimeZone::KIND];

/// What every kind of write says about itself, on both sides.
pub trait Command: Serialize + DeserializeOwned + Clone + PartialEq {
    /// Its stable name: on the wire (`kind`), in the ledger, in the browser's queue.
    const KIND: &'static str;
}

/// One write as queued and sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Envelope {
    /// Made by the device: the same id is the same write, however often it is sent.
    pub client_id: Uuid,
    /// The person and organisation it was made for; the server refuses it for anyone else.
    pub person_id: Uuid,
    pub org_id: Uuid,
    /// A [`Write`] as JSON.
    pub write: serde_json::Value,
}

impl Envelope {
    /// `write` in an envelope for `person_id` in `org_id`, under `client_id`.
    pub fn new(client_id: Uuid, person_id: Uuid, org_id: Uuid, write: &Write) -> Envelope {
        let write = serde_json::to_value(write).unwrap_or(serde_json::Value::Null);
        Envelope { client_id, person_id, org_id, write }
    }

    /// The kind's stable name (empty when the JSON has none).
    pub fn kind(&self) -> &str {
        self.write.get("kind").and_then(serde_json::Value::as_str).unwrap_or_default()
    }

    fn arg(&self, name: &str) -> Option<&serde_json::Value> {
        self.write.get("args").and_then(|a| a.get(name))
    }

    /// A yes-or-no argument (`args.member`, `args.archived`).
    pub fn flag(&self, name: &str) -> Option<bool> {
        self.arg(name).and_then(serde_json::Value::as_bool)
    }

    fn id_arg(&self, name: &str) -> Option<Uuid> {
        self.arg(name).and_then(serde_json::Value::as_str).and_then(|s| Uuid::parse_str(s).ok())
    }

    /// A text argument (`args.mission`), as written.
    pub fn text_arg(&self, name: &str) -> Option<&str> {
        self.arg(name).and_then(serde_json::Value::as_str)
    }

    /// Where it belongs (`args.circle_id`, else `args.prompt_id`; reading one's notifications
    /// and one's settings are one's own).
    pub fn scope(&self) -> Option<Scope> {
        self.id_arg("circle_id")
            .map(Scope::Circle)
            .or_else(|| self.id_arg("prompt_id").map(Scope::Prompt))
            .or_else(|| OWN_KINDS.iter().find(|k| **k == self.kind()).map(|k| Scope::Own(k)))
    }

    /// The text a person recognises it by while it waits (`args.body`, else `args.name`: a
    /// circle's or a person's; none for a reaction).
    pub fn summary(&self) -> String {
        self.text_arg("body").or_else(|| self.text_arg("name")).unwrap_or_default().to_owned()
    }

    /// The longer text of a write named by a title or a circle rather than by a body: a
    /// charter's parts, a proposal's problem, change and experiment, a decision's note, an
    /// experiment's result, a theme's expected outcome; one paragraph each, empty for others.
    /// The outbox folds it under the write's name, to read or copy.
    pub fn folded_text(&self) -> String {
        const PARTS: [&str; 10] =
            ["mission", "vision", "values", "goals", "problem", "change", "experiment", "note", "result", "outcome"];
        if self.text_arg("body").is_some() {
            return String::new();
        }
        PARTS
            .iter()
            .filter_map(|p| self.text_arg(p))
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join("\n\n")
    }

    /// The post whose figures show it once it has landed (`args.post_id`), besides what it
    /// created.
    pub fn shown_with(&self) -> Option<Uuid> {
        self.id_arg("post_id")
    }

    /// For a reaction: which, on which post, given (`true`) or taken back.
    pub fn reaction(&self) -> Option<(crate::circles::posts::Reaction, Uuid, bool)> {
        if self.kind() != <crate::circles::api::React as Command>::KIND {
            return None;
        }
        let reaction = crate::circles::posts::Reaction::from_db(self.arg("reaction")?.as_str()?)?;
        Some((reaction, self.id_arg("post_id")?, self.arg("on")?.as_bool()?))
    }

    /// The write itself; `BadRequest` when the JSON is no write this version knows.
    pub fn decode(&self) -> Result<Write, crate::error::AppError> {
        Write::deserialize(&self.write).map_err(|e| {
            // The one sign of a device queueing writes of another version's making.
            tracing::info!(kind = self.kind(), error = %e, "a queued write that is no write of this version");
            crate::error::AppError::BadRequest
        })
    }

    /// Replaces the write (tests: the same id with another write).
    pub fn set_write(&mut self, write: &Write) {
        self.write = serde_json::to_value(write).unwrap_or(serde_json::Value::Null);
    }
}

/// What the server answers for an applied write, the first time and on every replay.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Receipt {
    pub client_id: Uuid,
    pub kind: String,
    /// What the write created or touched (the new post, ...), to match it on screen.
    pub subject_id: Option<Uuid>,
    /// The handler's result as first returned (`null` for writes older than the ledger).
    pub result: serde_json::Value,
    /// `true` when this client id had been applied before and nothing was done now.
    pub replayed: bool,
}

macro_rules! writes {
    ($($variant:ident($ty:ty)),+ $(,)?) => {
        /// Every kind of write. Serialised as `{"kind": "...", "args": {...}}`.
        #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
        #[serde(tag = "kind", content = "args", rename_all = "snake_case")]
        pub enum Write {
            $($variant($ty)),+
        }

        impl Write {
            /// Every kind's stable name.
            pub const KINDS: &[&str] = &[$(<$ty as Command>::KIND),+];

            /// The kind's stable name.
            pub fn kind(&self) -> &'static str {
                match self { $(Write::$variant(_) => <$ty as Command>::KIND),+ }
            }

            /// Applies it once for `caller` (see `ledger::apply`).
            #[cfg(feature = "ssr")]
            pub async fn apply(
                self,
                pool: &sqlx::PgPool,
                caller: crate::identity::session::Caller,
                client_id: Uuid,
            ) -> Result<Receipt, crate::error::AppError> {
                match self { $(Write::$variant(w) => super::ledger::apply(pool, caller, client_id, w).await),+ }
            }
        }
    };
}

writes! {
    AskQuestion(crate::circles::api::AskQuestion),
    SharePractice(crate::circles::api::SharePractice),
    Reply(crate::circles::api::Reply),
    React(crate::circles::api::React),
    TryPractice(crate::circles::tried::TryPractice),
    PromotePractice(crate::library::api::PromotePractice),
    EditPost(crate::circles::edit::EditPost),
    DeletePost(crate::circles::edit::DeletePost),
    ReportPost(crate::circles::moderation::ReportPost),
    ModeratePost(crate::circles::moderation::ModeratePost),
    CreateCircle(crate::circles::admin::CreateCircle),
    SetCircleMember(crate::circles::admin::SetCircleMember),
    ArchiveCircle(crate::circles::admin::ArchiveCircle),
    EditCharter(crate::plc::charter::EditCharter),
    AddTheme(crate::network::api::AddTheme),
    SetNetworkRoles(crate::network::api::SetNetworkRoles),
    FileProposal(crate::network::api::FileProposal),
    DecideProposal(crate::network::api::DecideProposal),
    RunExperiment(crate::network::api::RunExperiment),
    ScheduleSession(crate::sessions::api::ScheduleSession),
    AnswerSession(crate::sessions::api::AnswerSession),
    RecordAttendance(crate::sessions::api::RecordAttendance),
    SchedulePrompt(crate::prompts::api::SchedulePrompt),
    ReadNotifications(crate::notifications::api::ReadNotifications),
    SetTimeZone(crate::identity::settings::SetTimeZone),
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::circles::admin::{ArchiveCircle, CreateCircle, PlcType, SetCircleMember};
    use crate::circles::api::{AskQuestion, React, Reply, SharePractice};
    use crate::circles::edit::{DeletePost, EditPost};
    use crate::circles::model::CircleKind;
    use crate::circles::moderation::{ModeratePost, ReportPost};
    use crate::circles::posts::Reaction;
    use crate::circles::tried::TryPractice;
    use crate::identity::settings::SetTimeZone;
    use crate::library::api::PromotePractice;
    use crate::network::api::{AddTheme, DecideProposal, FileProposal, RunExperiment, SetNetworkRoles};
    use crate::network::model::{Decision, ExperimentState};
    use crate::notifications::api::ReadNotifications;
    use crate::plc::charter::EditCharter;
    use crate::prompts::api::SchedulePrompt;
    use crate::prompts::model::PromptKind;
    use crate::sessions::api::{AnswerSession, RecordAttendance, ScheduleSession};

    /// One write of each kind, in the order of `Write::KINDS` (both reactions).
    fn one_of_each(circle_id: Uuid, post_id: Uuid) -> Vec<Write> {
        vec![
            Write::AskQuestion(AskQuestion { circle_id, body: "Comment fais-tu ?".into() }),
            Write::SharePractice(SharePractice {
                circle_id,
                context: "Le lundi.".into(),
                body: "Un point de dix minutes.".into(),
                outcome: String::new(),
                difficulty: String::new(),
                tags: "réunion".into(),
            }),
            Write::Reply(Reply { circle_id, post_id, body: "Comme ceci.".into() }),
            Write::React(React { circle_id, post_id, reaction: Reaction::WillTry, on: false }),
            Write::React(React { circle_id, post_id, reaction: Reaction::Useful, on: true }),
            Write::TryPractice(TryPractice { circle_id, post_id, body: "Adopté en équipe.".into() }),
            Write::PromotePractice(PromotePractice {
                circle_id,
                post_id,
                themes: "Réunions".into(),
                skills: "Animation".into(),
            }),
            Write::EditPost(EditPost {
                circle_id,
                post_id,
                version: 2,
                body: "Comment fais-tu, le lundi ?".into(),
                context: String::new(),
                outcome: String::new(),
                difficulty: String::new(),
                tags: String::new(),
            }),
            Write::DeletePost(DeletePost { circle_id, post_id }),
            Write::ReportPost(ReportPost { circle_id, post_id, body: "Hors sujet.".into() }),
            Write::ModeratePost(ModeratePost {
                circle_id,
                post_id,
                version: 1,
                was_hidden: false,
                hidden: true,
                body: "Hors sujet.".into(),
            }),
            Write::CreateCircle(CreateCircle {
                circle_id,
                name: "Cercle des tuteurs".into(),
                purpose: "Accueillir les nouveaux.".into(),
                kind: CircleKind::Plc,
                plc_type: Some(PlcType::Topic),
            }),
            Write::SetCircleMember(SetCircleMember {
                circle_id,
                person_id: post_id,
                member: true,
                name: "Sophie Bernard".into(),
            }),
            Write::ArchiveCircle(ArchiveCircle { circle_id, archived: true, name: "Cercle des tuteurs".into() }),
            Write::EditCharter(EditCharter {
                circle_id,
                version: 0,
                name: "Cercle des tuteurs".into(),
                mission: "Accueillir chaque nouveau tuteur.".into(),
                vision: String::new(),
                values: "Bienveillance.".into(),
                goals: String::new(),
            }),
            Write::AddTheme(AddTheme {
                circle_id,
                theme_id: post_id,
                name: "Simplifier les achats".into(),
                outcome: "Une commande passée en un jour.".into(),
            }),
            Write::SetNetworkRoles(SetNetworkRoles {
                circle_id,
                person_id: post_id,
                name: "Pierre Morel".into(),
                sponsor: true,
                committee: true,
                facilitator: false,
                was_sponsor: false,
                was_committee: false,
                was_facilitator: false,
            }),
            Write::FileProposal(FileProposal {
                circle_id,
                proposal_id: post_id,
                theme_id: None,
                name: "Un bon de commande d'une page".into(),
                problem: "Trois signatures pour un achat de 50 €.".into(),
                change: "Une signature sous 500 €.".into(),
                experiment: "Un mois au service client.".into(),
            }),
            Write::DecideProposal(DecideProposal {
                circle_id,
                proposal_id: post_id,
                decision: Decision::Accept,
                note: String::new(),
                name: "Un bon de commande d'une page".into(),
            }),
            Write::RunExperiment(RunExperiment {
                circle_id,
                proposal_id: post_id,
                state: ExperimentState::Running,
                starts_on: "2026-12-07".into(),
                ends_on: String::new(),
                result: String::new(),
                name: "Un bon de commande d'une page".into(),
            }),
            Write::ScheduleSession(ScheduleSession {
                circle_id,
                session_id: post_id,
                name: "Manager Boost".into(),
                starts: "2026-12-10T18:30".into(),
                ends: "2026-12-10T20:00".into(),
                zone: "Europe/Paris".into(),
                place: "Salle 2".into(),
                link: String::new(),
            }),
            Write::AnswerSession(AnswerSession {
                circle_id,
                session_id: post_id,
                going: true,
                name: "Manager Boost".into(),
            }),
            Write::RecordAttendance(RecordAttendance {
                circle_id,
                session_id: post_id,
                person_id: post_id,
                attended: true,
                name: "Sophie Bernard".into(),
            }),
            Write::SchedulePrompt(SchedulePrompt {
                prompt_id: post_id,
                kind: PromptKind::Debate,
                body: "Le télétravail nous rapproche-t-il ?".into(),
                opens: "2026-12-07T09:00".into(),
                closes: "2026-12-14T18:00".into(),
                zone: "Europe/Paris".into(),
                circle_ids: vec![circle_id],
            }),
            Write::ReadNotifications(ReadNotifications { notification_id: Some(post_id), up_to: 1_764_000_000_000 }),
            Write::SetTimeZone(SetTimeZone { zone: "America/Montreal".into(), name: "America/Montreal".into() }),
        ]
    }

    #[test]
    fn the_wire_name_is_the_ledger_name() {
        let all = one_of_each(Uuid::new_v4(), Uuid::new_v4());
        let mut kinds: Vec<&str> = all.iter().map(Write::kind).collect();
        kinds.dedup();
        assert_eq!(kinds, Write::KINDS);
        for w in all {
            let e = Envelope::new(Uuid::new_v4(), Uuid::new_v4(), Uuid::new_v4(), &w);
            assert_eq!(e.kind(), w.kind());
            assert_eq!(e.decode(), Ok(w));
        }
    }

    #[test]
    fn every_kind_follows_the_conventions_the_device_reads() {
        let (circle, post) = (Uuid::new_v4(), Uuid::new_v4());
        for w in one_of_each(circle, post) {
            let e = Envelope::new(Uuid::new_v4(), Uuid::new_v4(), Uuid::new_v4(), &w);
            // A prompt goes to several circles: it is its own scope; notifications are one's own.
            let scope = match &w {
                Write::SchedulePrompt(p) => Scope::Prompt(p.prompt_id),
                Write::ReadNotifications(_) => Scope::Own(ReadNotifications::KIND),
                Write::SetTimeZone(_) => Scope::Own(SetTimeZone::KIND),
                _ => Scope::Circle(circle),
            };
            assert_eq!(e.scope(), Some(scope), "{}: args.circle_id or args.prompt_id", w.kind());
            let (summary, shown_with, reaction) = match &w {
                Write::AskQuestion(a) => (a.body.clone(), None, None),
                Write::SharePractice(p) => (p.body.clone(), None, None),
                Write::Reply(r) => (r.body.clone(), Some(r.post_id), None),
                Write::React(r) => (String::new(), Some(r.post_id), Some((r.reaction, r.post_id, r.on))),
                Write::TryPractice(t) => (t.body.clone(), Some(t.post_id), None),
                Write::PromotePractice(p) => (String::new(), Some(p.post_id), None),
                Write::EditPost(e) => (e.body.clone(), Some(e.post_id), None),
                Write::DeletePost(d) => (String::new(), Some(d.post_id), None),
                Write::ReportPost(r) => (r.body.clone(), Some(r.post_id), None),
                Write::ModeratePost(m) => (m.body.clone(), Some(m.post_id), None),
                Write::CreateCircle(c) => (c.name.clone(), None, None),
                Write::SetCircleMember(m) => (m.name.clone(), None, None),
                Write::ArchiveCircle(a) => (a.name.clone(), None, None),
                Write::EditCharter(c) => (c.name.clone(), None, None),
                Write::AddTheme(t) => (t.name.clone(), None, None),
                Write::SetNetworkRoles(r) => (r.name.clone(), None, None),
                Write::FileProposal(p) => (p.name.clone(), None, None),
                Write::DecideProposal(d) => (d.name.clone(), None, None),
                Write::RunExperiment(e) => (e.name.clone(), None, None),
                Write::ScheduleSession(s) => (s.name.clone(), None, None),
                Write::AnswerSession(a) => (a.name.clone(), None, None),
                Write::RecordAttendance(r) => (r.name.clone(), None, None),
                Write::SchedulePrompt(p) => (p.body.clone(), None, None),
                Write::ReadNotifications(_) => (String::new(), None, None),
                Write::SetTimeZone(z) => (z.name.clone(), None, None),
            };
            assert_eq!((e.summary(), e.shown_with(), e.reaction()), (summary, shown_with, reaction), "{}", w.kind());
        }
    }

    #[test]
    fn a_write_named_by_its_title_folds_its_longer_text() {
        let (circle, post) = (Uuid::new_v4(), Uuid::new_v4());
        let folded: Vec<String> = one_of_each(circle, post)
            .iter()
            .map(|w| Envelope::new(Uuid::nil(), Uuid::nil(), Uuid::nil(), w).folded_text())
            .collect();
        let kinds = Write::KINDS;
        let of = |kind: &str| folded[kinds.iter().position(|k| *k == kind).expect("kind") + 1].clone();
        // A post's body is its summary: nothing folded.
        assert_eq!(folded[0], "");
        assert_eq!(of("edit_charter"), "Accueillir chaque nouveau tuteur.\n\nBienveillance.");
        assert_eq!(
            of("file_proposal"),
            "Trois signatures pour un achat de 50 €.\n\nUne signature sous 500 €.\n\nUn mois au service client."
        );
        assert_eq!(of("add_theme"), "Une commande passée en un jour.");
    }

    #[test]
    fn json_that_is_no_write_is_a_bad_request() {
        let mut e = Envelope::new(Uuid::nil(), Uuid::nil(), Uuid::nil(), &one_of_each(Uuid::nil(), Uuid::nil())[0]);
        e.write = serde_json::json!({ "kind": "ask_question", "args": { "body": 3 } });
        assert_eq!(e.decode(), Err(crate::error::AppError::BadRequest));
        assert_eq!((e.scope(), e.summary()), (None, String::new()));
    }
}
