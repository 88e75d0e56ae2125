//! The demo organisation: a fictional French company with five teams, four circles of the three
//! kinds and a few weeks of conversation, so a first visit feels alive. Loaded only into an
//! empty database.
use app::identity::api::password;
use sqlx::{PgPool, Postgres, Transaction};
use uuid::Uuid;

/// The password of every demo account.
pub const DEMO_PASSWORD: &str = "apprenance-demo";

/// The sign-ins printed by `scripts/run`: (role, e-mail).
pub const SIGN_INS: [(&str, &str); 4] = [
    ("employee (membre)", "camille.martin@demo.apprenance.fr"),
    ("team lead (manager)", "karim.benali@demo.apprenance.fr"),
    ("animator (animatrice)", "sophie.leroy@demo.apprenance.fr"),
    ("admin", "luc.bernard@demo.apprenance.fr"),
];

const TEAMS: [&str; 5] = ["Service client", "Logistique", "Ventes régionales", "Ressources humaines", "Informatique"];

// 40 people: (first name, last name, role, team index, job title)
const PEOPLE: [(&str, &str, &str, usize, &str); 40] = [
    ("Camille", "Martin", "member", 0, "Conseillère clientèle"),
    ("Karim", "Benali", "lead", 0, "Responsable service client"),
    ("Sophie", "Leroy", "animator", 3, "Animatrice des communautés"),
    ("Luc", "Bernard", "admin", 4, "Administrateur"),
    ("Inès", "Dubois", "member", 0, "Conseillère clientèle"),
    ("Thomas", "Moreau", "member", 0, "Conseiller clientèle"),
    ("Léa", "Laurent", "member", 0, "Chargée de réclamations"),
    ("Hugo", "Simon", "member", 0, "Conseiller clientèle"),
    ("Chloé", "Michel", "member", 0, "Conseillère clientèle"),
    ("Nadia", "Haddad", "lead", 1, "Cheffe d'entrepôt"),
    ("Julien", "Garcia", "member", 1, "Préparateur de commandes"),
    ("Manon", "David", "member", 1, "Gestionnaire des stocks"),
    ("Antoine", "Bertrand", "member", 1, "Cariste"),
    ("Sarah", "Roux", "member", 1, "Planificatrice transport"),
    ("Maxime", "Vincent", "member", 1, "Préparateur de commandes"),
    ("Emma", "Fournier", "member", 1, "Réceptionnaire"),
    ("Pierre", "Morel", "lead", 2, "Directeur régional des ventes"),
    ("Julie", "Girard", "member", 2, "Commerciale terrain"),
    ("Nicolas", "André", "member", 2, "Commercial terrain"),
    ("Laura", "Lefèvre", "member", 2, "Chargée de comptes"),
    ("Yanis", "Mercier", "member", 2, "Commercial sédentaire"),
    ("Clara", "Blanc", "member", 2, "Assistante commerciale"),
    ("Mathieu", "Guérin", "member", 2, "Commercial terrain"),
    ("Élodie", "Boyer", "lead", 3, "Responsable RH"),
    ("Romain", "Garnier", "member", 3, "Chargé de formation"),
    ("Aurélie", "Chevalier", "member", 3, "Gestionnaire paie"),
    ("Mehdi", "François", "member", 3, "Chargé de recrutement"),
    ("Pauline", "Legrand", "member", 3, "Assistante RH"),
    ("Vincent", "Gauthier", "lead", 4, "Responsable informatique"),
    ("Amandine", "Perrin", "member", 4, "Développeuse"),
    ("Kevin", "Robin", "member", 4, "Technicien support"),
    ("Lucie", "Clément", "member", 4, "Cheffe de projet"),
    ("Bastien", "Morin", "member", 4, "Administrateur systèmes"),
    ("Fatou", "Diallo", "member", 0, "Conseillère clientèle"),
    ("Quentin", "Nicolas", "member", 1, "Cariste"),
    ("Anaïs", "Henry", "member", 2, "Commerciale terrain"),
    ("Damien", "Roussel", "member", 4, "Technicien support"),
    ("Sandrine", "Mathieu", "animator", 3, "Facilitatrice"),
    ("Olivier", "Lambert", "member", 0, "Conseiller clientèle"),
    ("Margaux", "Fontaine", "member", 2, "Chargée de comptes"),
];

// (name, kind, plc type, purpose, member indexes into PEOPLE)
type CircleSeed = (&'static str, &'static str, Option<&'static str>, &'static str, &'static [usize]);
const CIRCLES: [CircleSeed; 4] = [
    (
        "Cercle des conseillers",
        "peer",
        None,
        "Entre pairs, sans hiérarchie dans la pièce : nos astuces pour les appels difficiles et les réclamations.",
        &[0, 4, 5, 6, 7, 8, 33, 38],
    ),
    (
        "Réseau des managers de proximité",
        "network",
        None,
        "Volontaires de tous niveaux, parrainés par la direction : faire circuler les bonnes pratiques d'une équipe à l'autre.",
        &[1, 9, 16, 23, 28, 0, 2, 19, 24],
    ),
    (
        "CAP Accueil des nouveaux",
        "plc",
        Some("topic"),
        "Managers, tuteurs et RH : accueillir ensemble chaque nouvel arrivant, d'une équipe à l'autre.",
        &[23, 24, 27, 30, 0, 2, 37, 11, 25],
    ),
    (
        "Cercle logistique",
        "peer",
        None,
        "Préparation, stocks et transport : ce qui marche sur le quai.",
        &[9, 10, 11, 12, 13, 14, 15, 34],
    ),
];

// (circle index, author index, kind, days ago, hours ago, text)
const POSTS: [(usize, usize, &str, i32, i32, &str); 24] = [
    (0, 4, "question", 26, 3, "Comment fais-tu pour garder ton calme quand un client t'appelle pour la troisième fois dans la journée ?"),
    (0, 6, "practice", 25, 5, "J'ai essayé de reformuler systématiquement la demande avant de répondre. Résultat : les appels sont plus courts, et les clients se sentent écoutés. Difficulté : ça demande de ralentir au début."),
    (0, 0, "question", 21, 2, "Comment fais-tu pour prioriser les réclamations quand la file d'attente déborde le lundi matin ?"),
    (0, 7, "reply", 21, 1, "Je trie d'abord par date de livraison promise, puis par montant. Ça évite les relances en cascade."),
    (0, 33, "practice", 14, 6, "Contexte : beaucoup de questions sur les délais. Ce que j'ai fait : un message type validé avec la logistique. Résultat : moins de transferts vers l'entrepôt."),
    (0, 5, "question", 6, 4, "Comment fais-tu pour conclure un appel quand le client veut continuer à parler ?"),
    (0, 38, "question", 2, 3, "Comment fais-tu pour noter tes appels sans perdre le fil de la conversation ?"),
    (1, 1, "question", 24, 7, "Comment fais-tu pour tenir un point d'équipe de 15 minutes qui reste vraiment utile ?"),
    (1, 9, "practice", 23, 2, "Point debout à 9 h, trois questions seulement : hier, aujourd'hui, ce qui bloque. On l'a essayé pendant un mois au quai : moins d'interruptions dans la journée."),
    (1, 16, "reply", 22, 8, "Je l'ai repris avec les commerciaux en visio le lundi : ça marche aussi à distance."),
    (1, 28, "question", 16, 5, "Comment fais-tu pour donner un retour à quelqu'un qui vient de rater une mise en production ?"),
    (1, 23, "practice", 15, 3, "Je demande d'abord à la personne ce qu'elle retient de la situation, et je donne mon retour seulement après. Les échanges sont plus sereins."),
    (1, 0, "question", 8, 2, "Comment fais-tu pour proposer une idée au comité d'orientation sans que ça paraisse une critique de ton équipe ?"),
    (1, 2, "reply", 7, 6, "Présente-la comme une expérience à tester sur un mois, avec un indicateur simple. Le comité accepte plus facilement."),
    (2, 24, "question", 20, 4, "Comment fais-tu pour que le livret d'accueil soit lu avant le premier jour ?"),
    (2, 27, "practice", 19, 1, "On l'envoie en trois courts messages sur la semaine qui précède l'arrivée. Taux de lecture passé de 40 % à 75 %."),
    (2, 30, "question", 12, 3, "Comment fais-tu pour répondre aux mêmes questions des nouveaux sans y passer la matinée ?"),
    (2, 37, "practice", 11, 2, "Une FAQ vivante dans le cercle : chaque question reçue deux fois y entre. Les demandes au support ont baissé de 18 % en trois semaines."),
    (2, 0, "reply", 4, 5, "Je l'ai essayée avec les deux nouvelles du service client : elles l'utilisent tous les jours."),
    (3, 10, "question", 22, 6, "Comment fais-tu pour réduire les erreurs de préparation sur les petites références ?"),
    (3, 11, "practice", 20, 2, "Bacs de couleur par famille de produits et double contrôle sur les commandes de plus de 20 lignes. Erreurs divisées par deux."),
    (3, 13, "question", 9, 7, "Comment fais-tu pour prévenir les transporteurs quand une commande urgente arrive après 16 h ?"),
    (3, 34, "reply", 9, 2, "On a un créneau fixe à 16 h 30 négocié avec deux transporteurs : il suffit de les appeler avant 16 h 15."),
    (3, 9, "question", 1, 4, "Comment fais-tu pour accueillir un intérimaire le lundi matin quand tout le monde est en rush ?"),
];

/// Practices an animator put in the library (found by how their text starts): themes, skills,
/// and when (days ago).
const PROMOTED: [(&str, &[&str], &[&str], i32); 3] = [
    ("Point debout à 9 h", &["Réunions", "Rituels d'équipe"], &["Animation", "Organisation"], 22),
    ("Une FAQ vivante", &["Intégration"], &["Documentation", "Accueil"], 10),
    ("J'ai essayé de reformuler", &["Relation client"], &["Écoute"], 20),
];

/// Who said they tried a practice (its text's start, the person, days ago) and how it went:
/// the morning stand-up spread from the warehouse to three other teams.
const TRIED: [(&str, usize, i32, &str); 5] = [
    ("Point debout à 9 h", 10, 21, "Au quai depuis le début : **moins d'interruptions** dans la journée."),
    ("Point debout à 9 h", 16, 20, "Repris avec les commerciaux en visio le lundi : ça marche aussi à distance."),
    ("Point debout à 9 h", 1, 14, "Trois questions, debout, à 9 h 05 : l'équipe tient les 15 minutes."),
    ("Point debout à 9 h", 28, 6, "Adopté à la place de notre réunion du mardi ; on garde un tableau des blocages."),
    ("Une FAQ vivante", 0, 3, "Essayée avec les deux nouvelles du service client : elles l'utilisent tous les jours."),
];

/// A report waiting for the animators (the post's text start, who reported it, why).
const REPORTED: (&str, usize, &str) = (
    "Je l'ai repris avec les commerciaux",
    1,
    "C'est un retour d'essai : il serait mieux dans « J'ai essayé » de la pratique, pour compter l'équipe.",
);

fn email(first: &str, last: &str) -> String {
    let clean = |s: &str| {
        s.to_lowercase()
            .chars()
            .map(|c| match c {
                'é' | 'è' | 'ê' | 'ë' => 'e',
                'à' | 'â' => 'a',
                'î' | 'ï' => 'i',
                'ô' => 'o',
                'ù' | 'û' | 'ü' => 'u',
                'ç' => 'c',
                c if c.is_ascii_alphanumeric() => c,
                _ => '-',
            })
            .collect::<String>()
    };
    format!("{}.{}@demo.apprenance.fr", clean(first), clean(last))
}

/// Loads the demo when there is no organisation yet. Returns whether it did.
pub async fn load_if_empty(pool: &PgPool) -> Result<bool, Box<dyn std::error::Error + Send + Sync>> {
    let count = sqlx::query_scalar!(r#"select count(*) as "count!" from organisations"#).fetch_one(pool).await?;
    if count > 0 {
        return Ok(false);
    }
    let hash = tokio::task::spawn_blocking(|| password::hash(DEMO_PASSWORD)).await?.map_err(|e| e.to_string())?;
    let mut tx = pool.begin().await?;
    load(&mut tx, &hash).await?;
    tx.commit().await?;
    Ok(true)
}

async fn load(tx: &mut Transaction<'_, Postgres>, hash: &str) -> sqlx::Result<()> {
    let org = Uuid::new_v4();
    sqlx::query!(
        "insert into organisations (id, slug, name) values ($1, 'atelier-durand', 'Atelier Durand & Fils')",
        org
    )
    .execute(&mut **tx)
    .await?;
    let mut people = Vec::with_capacity(PEOPLE.len());
    for (first, last, role, _, job) in PEOPLE {
        let id = Uuid::new_v4();
        sqlx::query!(
            "insert into people (id, email, display_name, password_hash) values ($1, $2, $3, $4)",
            id,
            email(first, last),
            format!("{first} {last}"),
            hash
        )
        .execute(&mut **tx)
        .await?;
        sqlx::query!(
            "insert into memberships (org_id, person_id, role, job_title) values ($1, $2, $3, $4)",
            org,
            id,
            role,
            job
        )
        .execute(&mut **tx)
        .await?;
        people.push(id);
    }
    for (t, name) in TEAMS.iter().enumerate() {
        let team = Uuid::new_v4();
        let lead = PEOPLE
            .iter()
            .position(|p| p.3 == t && p.2 == "lead")
            .or_else(|| PEOPLE.iter().position(|p| p.3 == t))
            .unwrap_or(0);
        sqlx::query!(
            "insert into teams (org_id, id, name, lead_id) values ($1, $2, $3, $4)",
            org,
            team,
            name,
            people[lead]
        )
        .execute(&mut **tx)
        .await?;
        let members: Vec<Uuid> = PEOPLE.iter().zip(&people).filter(|(p, _)| p.3 == t).map(|(_, id)| *id).collect();
        sqlx::query!(
            "insert into team_members (org_id, team_id, person_id) select $1, $2, unnest($3::uuid[])",
            org,
            team,
            &members
        )
        .execute(&mut **tx)
        .await?;
    }
    let mut circles = Vec::new();
    for (name, kind, plc_type, purpose, members) in CIRCLES {
        let circle = Uuid::new_v4();
        // The network's sponsor: the regional sales director, one of its members.
        let sponsor = (kind == "network").then(|| people[16]);
        sqlx::query!(
            "insert into circles (org_id, id, kind, plc_type, name, purpose, sponsor_id, created_at)
             values ($1, $2, $3, $4, $5, $6, $7, now() - interval '30 days')",
            org,
            circle,
            kind,
            plc_type,
            name,
            purpose,
            sponsor
        )
        .execute(&mut **tx)
        .await?;
        let ids: Vec<Uuid> = members.iter().map(|&i| people[i]).collect();
        sqlx::query!(
            "insert into circle_members (org_id, circle_id, person_id, role, joined_at)
             select $1, $2, m, case when m = $4 then 'facilitator' else 'member' end, now() - interval '30 days'
             from unnest($3::uuid[]) m",
            org,
            circle,
            &ids,
            people[2]
        )
        .execute(&mut **tx)
        .await?;
        circles.push(circle);
    }
    // The PLC's charter (the third circle), written by its facilitator a week after it began.
    let plc = circles[2];
    sqlx::query!(
        r#"with c as (insert into plc_charters (org_id, circle_id, mission, vision, "values", goals, version, updated_by,
                                              updated_at)
                      values ($1, $2, $3, $4, $5, $6, 1, $7, now() - interval '23 days') returning updated_at)
           insert into activity_events (org_id, person_id, kind, subject_kind, subject_id, circle_id, team_id, occurred_at)
           select $1, $7, 'edited_charter', 'circle', $2, $2,
                  (select min(team_id::text)::uuid from team_members where org_id = $1 and person_id = $7), updated_at
           from c"#,
        org,
        plc,
        "Que chaque nouvel arrivant soit autonome en six semaines, quelle que soit son équipe.",
        "Un accueil qui ne dépend plus de la disponibilité d'une seule personne : chacun sait qui appeler et quoi lire.",
        "Entraide avant tout.\nOn partage ce qui rate autant que ce qui marche.\nOn mesure avant de conclure.",
        "Réduire de 30 % en six mois les questions répétées au support.\nUn parcours d'accueil commun aux cinq équipes.",
        people[2],
    )
    .execute(&mut **tx)
    .await?;
    network(tx, org, circles[1], &people).await?;
    sessions(tx, org, &circles, &people).await?;
    prompts(tx, org, &circles, &people).await?;
    // A circle whose work is done: archived, read by its members, on nobody's home page.
    let done = Uuid::new_v4();
    sqlx::query!(
        "insert into circles (org_id, id, kind, name, purpose, created_at, archived_at)
         values ($1, $2, 'peer', 'Cercle Passage au nouvel ERP',
                 'Terminé : le nouvel ERP est en place. Gardé pour relire les astuces du déploiement.',
                 now() - interval '120 days', now() - interval '10 days')",
        org,
        done,
    )
    .execute(&mut **tx)
    .await?;
    let ids: Vec<Uuid> = [9, 12, 26, 30].iter().map(|&i| people[i]).collect();
    sqlx::query!(
        "insert into circle_members (org_id, circle_id, person_id, joined_at)
         select $1, $2, m, now() - interval '120 days' from unnest($3::uuid[]) m",
        org,
        done,
        &ids,
    )
    .execute(&mut **tx)
    .await?;
    // A reply answers the question or practice before it in its circle.
    let mut last_top: Vec<Option<Uuid>> = vec![None; circles.len()];
    let mut post_ids = Vec::with_capacity(POSTS.len());
    for (circle, author, kind, days, hours, body) in POSTS {
        let post = Uuid::new_v4();
        post_ids.push(post);
        let parent = if kind == "reply" { last_top[circle] } else { None };
        if kind != "reply" {
            last_top[circle] = Some(post);
        }
        sqlx::query!(
            "with p as (insert into posts (org_id, id, circle_id, author_id, kind, body, created_at, parent_id, body_html)
                        values ($1, $2, $3, $4, $5, $6, now() - make_interval(days => $7, hours => $8), $9, $10)
                        returning created_at)
             insert into activity_events (org_id, person_id, kind, subject_kind, subject_id, circle_id, team_id,
                                          occurred_at)
             select $1, $4, case $5 when 'question' then 'asked_question' when 'practice' then 'shared_practice'
                                    else 'replied' end, 'post', $2, $3,
                    (select min(team_id::text)::uuid from team_members where org_id = $1 and person_id = $4),
                    created_at from p",
            org,
            post,
            circles[circle],
            people[author],
            kind,
            body,
            days,
            hours,
            parent,
            app::ui::markdown::to_html(body)
        )
        .execute(&mut **tx)
        .await?;
    }
    // Every practice has its parts' row (these were written as one text).
    sqlx::query!(
        "insert into practices (org_id, post_id) select org_id, id from posts where org_id = $1 and kind = 'practice'",
        org
    )
    .execute(&mut **tx)
    .await?;
    let post_starting = |start: &str| POSTS.iter().position(|p| p.5.starts_with(start)).map(|i| post_ids[i]);
    for (start, themes, skills, days) in PROMOTED {
        let Some(post) = post_starting(start) else { continue };
        let themes: Vec<String> = themes.iter().map(|t| t.to_string()).collect();
        let skills: Vec<String> = skills.iter().map(|t| t.to_string()).collect();
        sqlx::query!(
            "with l as (insert into library_entries (org_id, post_id, promoted_by, promoted_at, themes, skills, document)
                        values ($1, $2, $3, now() - make_interval(days => $6), $4, $5, library_document($1, $2, $4, $5))
                        returning promoted_at)
             insert into activity_events (org_id, person_id, kind, subject_kind, subject_id, circle_id, team_id, occurred_at)
             select $1, $3, 'promoted_practice', 'post', $2, p.circle_id,
                    (select min(team_id::text)::uuid from team_members where org_id = $1 and person_id = $3), l.promoted_at
             from l, posts p where p.org_id = $1 and p.id = $2",
            org,
            post,
            people[2],
            &themes,
            &skills,
            days
        )
        .execute(&mut **tx)
        .await?;
    }
    for (start, person, days, body) in TRIED {
        let Some(post) = post_starting(start) else { continue };
        sqlx::query!(
            "with t as (insert into tryouts (org_id, id, post_id, person_id, team_id, body, body_html, created_at)
                        values ($1, $2, $3, $4,
                                (select min(team_id::text)::uuid from team_members where org_id = $1 and person_id = $4),
                                $5, $6, now() - make_interval(days => $7))
                        returning team_id, created_at)
             insert into activity_events (org_id, person_id, kind, subject_kind, subject_id, circle_id, team_id, occurred_at)
             select $1, $4, 'tried_practice', 'post', $3, p.circle_id, t.team_id, t.created_at
             from t, posts p where p.org_id = $1 and p.id = $3",
            org,
            Uuid::new_v4(),
            post,
            people[person],
            body,
            app::ui::markdown::to_html(body),
            days
        )
        .execute(&mut **tx)
        .await?;
    }
    if let Some(post) = post_starting(REPORTED.0) {
        sqlx::query!(
            "insert into post_reports (org_id, post_id, reporter_id, reason, created_at)
             values ($1, $2, $3, $4, now() - make_interval(hours => 5))",
            org,
            post,
            people[REPORTED.1],
            REPORTED.2
        )
        .execute(&mut **tx)
        .await?;
    }
    // Colleagues found posts useful, and some mean to try the practices: about one member in
    // three per post, never the author, a few hours after it was written.
    sqlx::query!(
        "with r as (
            insert into reactions (org_id, post_id, person_id, kind, created_at)
            select p.org_id, p.id, cm.person_id, k.kind, p.created_at + make_interval(hours => 1 + abs(hashtext(cm.person_id::text)) % 20)
            from posts p
            join circle_members cm on cm.org_id = p.org_id and cm.circle_id = p.circle_id and cm.person_id <> p.author_id
            cross join (values ('useful'), ('will_try')) k (kind)
            where p.org_id = $1 and (k.kind = 'useful' or p.kind = 'practice')
              and abs(hashtext(p.id::text || cm.person_id::text || k.kind)) % 3 = 0
            returning org_id, post_id, person_id, kind, created_at)
         insert into activity_events (org_id, person_id, kind, subject_kind, subject_id, circle_id, team_id, occurred_at)
         select r.org_id, r.person_id, 'reacted_' || r.kind, 'post', r.post_id, p.circle_id,
                (select min(team_id::text)::uuid from team_members where org_id = r.org_id and person_id = r.person_id),
                r.created_at
         from r join posts p on p.org_id = r.org_id and p.id = r.post_id",
        org
    )
    .execute(&mut **tx)
    .await?;
    // Sign-ins over the last four weeks, most people several times a week.
    sqlx::query!("insert into activity_events (org_id, person_id, kind, team_id, occurred_at)
         select $1, m.person_id, 'signed_in',
                (select min(team_id::text)::uuid from team_members tm where tm.org_id = $1 and tm.person_id = m.person_id),
                now() - make_interval(days => d, hours => (abs(hashtext(m.person_id::text || d)) % 10))
         from memberships m, generate_series(0, 27) d
         where m.org_id = $1 and abs(hashtext(m.person_id::text || d::text)) % 7 < 3", org)
    .execute(&mut **tx)
    .await?;

    // A second, small organisation the animator also belongs to, to show switching.
    let other = Uuid::new_v4();
    sqlx::query!(
        "insert into organisations (id, slug, name) values ($1, 'cooperative-horizon', 'Coopérative Horizon')",
        other
    )
    .execute(&mut **tx)
    .await?;
    sqlx::query!("insert into memberships (org_id, person_id, role) values ($1, $2, 'animator')", other, people[2])
        .execute(&mut **tx)
        .await?;
    // Last, once every event the notifications come from is in.
    notifications(tx, org).await
}

/// The network's themes, committee, proposals in each state and their experiments, with the
/// events they made: (theme index, author, title, problem, change, experiment, state, note,
/// days ago filed, experiment (state, start days ago, end days ago, result)).
type ProposalSeed = (
    usize,
    usize,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    i32,
    Option<(&'static str, i32, Option<i32>, &'static str)>,
);
const THEMES: [(&str, &str); 3] = [
    ("Des réunions qui servent", "Moins de temps en réunion, plus de décisions prises."),
    ("Simplifier les achats", "Une commande courante passée en un jour, sans relance."),
    ("Accueillir les nouveaux", "Chaque nouvel arrivant autonome en six semaines."),
];
const PROPOSALS: [ProposalSeed; 5] = [
    (
        0,
        9,
        "Le point debout de 9 h dans toutes les équipes",
        "Les réunions d'équipe du lundi durent une heure et finissent sans décision.",
        "Remplacer la réunion du lundi par un point debout de 15 minutes chaque matin.",
        "Un mois dans trois équipes volontaires ; on mesure le temps passé en réunion.",
        "accepted",
        "Bonne idée : commencez par le service client et la logistique.",
        20,
        Some(("running", 12, None, "")),
    ),
    (
        1,
        19,
        "Un bon de commande d'une page",
        "Une commande de fournitures demande trois signatures, même pour 50 €.",
        "Une seule signature, celle du manager, sous 500 €.",
        "Trois mois aux ventes régionales, en comptant les délais de commande.",
        "accepted",
        "",
        40,
        Some(("concluded", 35, Some(5), "Délai moyen passé de 6 jours à 1 jour ; aucun abus constaté.")),
    ),
    (
        2,
        0,
        "Un binôme pour chaque nouvel arrivant",
        "Les nouveaux n'osent pas poser leurs questions au manager la première semaine.",
        "Chaque nouvel arrivant a un binôme d'une autre équipe pendant six semaines.",
        "Les trois prochaines arrivées au service client.",
        "filed",
        "",
        2,
        None,
    ),
    (
        0,
        28,
        "Supprimer les comptes rendus de réunion",
        "Personne ne lit les comptes rendus.",
        "Ne plus en écrire.",
        "",
        "returned",
        "Que faire des décisions prises ? Proposez une trace plus légère plutôt que rien.",
        9,
        None,
    ),
    (
        1,
        24,
        "Une carte bancaire par équipe",
        "Les petits achats urgents attendent la comptabilité.",
        "Donner une carte bancaire à chaque responsable d'équipe.",
        "",
        "declined",
        "Hors du champ du réseau : la politique de paiement relève de la direction financière. Le bon de commande d'une page répond en partie au besoin.",
        15,
        None,
    ),
];

/// Live sessions: next week's Manager Boost in the network (who is going), and a workshop the
/// advisers held last week (who came); each with the event of its scheduling.
async fn sessions(
    tx: &mut Transaction<'_, Postgres>,
    org: Uuid,
    circles: &[Uuid],
    people: &[Uuid],
) -> sqlx::Result<()> {
    let (boost, workshop) = (Uuid::new_v4(), Uuid::new_v4());
    sqlx::query!(
        "insert into live_sessions (org_id, id, circle_id, title, starts_at, ends_at, place, link, time_zone, created_by,
                                    created_at)
         select $1, $2, $3, 'Manager Boost de décembre', (d + interval '18 hours 30 minutes') at time zone 'Europe/Paris',
                (d + interval '20 hours') at time zone 'Europe/Paris',
                'Salle Confluence, 2e étage', 'https://visio.example.fr/manager-boost', 'Europe/Paris', $4,
                now() - interval '5 days'
         -- Paris wall-clock times (a day of a change of clocks keeps its 18:30).
         from (select date_trunc('day', now() at time zone 'Europe/Paris') + interval '7 days' as d) t",
        org,
        boost,
        circles[1],
        people[2],
    )
    .execute(&mut **tx)
    .await?;
    for (person, going) in [(1, true), (9, true), (16, true), (23, true), (28, false)] {
        sqlx::query!(
            "insert into session_answers (org_id, session_id, person_id, going, answered_at)
             values ($1, $2, $3, $4, now() - interval '3 days')",
            org,
            boost,
            people[person],
            going,
        )
        .execute(&mut **tx)
        .await?;
    }
    sqlx::query!(
        "insert into live_sessions (org_id, id, circle_id, title, starts_at, ends_at, place, time_zone, created_by,
                                    created_at)
         select $1, $2, $3, 'Atelier : les appels difficiles', (d + interval '14 hours') at time zone 'Europe/Paris',
                (d + interval '15 hours') at time zone 'Europe/Paris',
                'Plateau du service client', 'Europe/Paris', $4, now() - interval '15 days'
         from (select date_trunc('day', now() at time zone 'Europe/Paris') - interval '8 days' as d) t",
        org,
        workshop,
        circles[0],
        people[4],
    )
    .execute(&mut **tx)
    .await?;
    // Each was scheduled by its author, as the app records it: its members are reminded the
    // day before (made with the demo's other notifications).
    sqlx::query!(
        "insert into activity_events (org_id, person_id, kind, subject_kind, subject_id, circle_id, team_id, occurred_at)
         select s.org_id, s.created_by, 'scheduled_session', 'session', s.id, s.circle_id,
                (select min(team_id::text)::uuid from team_members where org_id = s.org_id and person_id = s.created_by),
                s.created_at
         from live_sessions s where s.org_id = $1",
        org,
    )
    .execute(&mut **tx)
    .await?;
    let came: Vec<Uuid> = [0, 4, 5, 6].iter().map(|&i| people[i]).collect();
    sqlx::query!(
        "with a as (insert into session_attendance (org_id, session_id, person_id, recorded_by, recorded_at)
                    select $1, $2, p, $3, s.ends_at from unnest($4::uuid[]) p, live_sessions s
                    where s.org_id = $1 and s.id = $2
                    returning person_id, recorded_at)
         insert into activity_events (org_id, person_id, kind, subject_kind, subject_id, circle_id, team_id, occurred_at)
         select $1, a.person_id, 'attended_session', 'session', $2, $5,
                (select min(team_id::text)::uuid from team_members where org_id = $1 and person_id = a.person_id), a.recorded_at
         from a",
        org,
        workshop,
        people[4],
        &came,
        circles[0],
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Themed prompts the animator put to circles: (kind, text, circles, opened and closing in
/// days from now, who answered in which circle and what). One open now in the advisers' circle
/// and the network (Camille has not answered yet), one closed last month.
type PromptSeed = (&'static str, &'static str, &'static [usize], i32, i32, &'static [(usize, usize, &'static str)]);
const PROMPTS: [PromptSeed; 2] = [
    (
        "question",
        "Quelle pratique avez-vous adoptée ce mois-ci, et à quelle équipe la recommanderiez-vous ?",
        &[0, 1],
        -2,
        5,
        &[
            (0, 4, "Le message type sur les délais : la logistique pourrait l'utiliser pour les transporteurs."),
            (0, 6, "Reformuler avant de répondre. Je la recommande aux commerciaux sédentaires."),
            (1, 16, "Le point debout de 9 h, pour toutes les équipes qui ont une réunion du lundi."),
        ],
    ),
    (
        "debate",
        "Faut-il une règle commune pour les réunions sans ordre du jour ?",
        &[1, 2],
        -40,
        -26,
        &[
            (1, 28, "Oui : pas d'ordre du jour, pas de réunion. Une règle simple se tient mieux."),
            (2, 24, "Plutôt un ordre du jour en trois lignes envoyé la veille, sinon on annule."),
        ],
    ),
];

async fn prompts(tx: &mut Transaction<'_, Postgres>, org: Uuid, circles: &[Uuid], people: &[Uuid]) -> sqlx::Result<()> {
    for (kind, body, to, opened, closes, answers) in PROMPTS {
        let prompt = Uuid::new_v4();
        let targets: Vec<Uuid> = to.iter().map(|&c| circles[c]).collect();
        sqlx::query!(
            "insert into prompts (org_id, id, kind, body, opens_at, closes_at, time_zone, created_by, created_at)
             values ($1, $2, $3, $4, now() + make_interval(days => $5), now() + make_interval(days => $6),
                     'Europe/Paris', $7, now() + make_interval(days => $5 - 1))",
            org,
            prompt,
            kind,
            body,
            opened,
            closes,
            people[2],
        )
        .execute(&mut **tx)
        .await?;
        sqlx::query!(
            "insert into posts (org_id, id, circle_id, author_id, kind, body, body_html, prompt_id, created_at)
             select $1, gen_random_uuid(), c, $2, 'prompt', $3, $4, $5, now() + make_interval(days => $6)
             from unnest($7::uuid[]) c",
            org,
            people[2],
            body,
            app::ui::markdown::to_html(body),
            prompt,
            opened,
            &targets,
        )
        .execute(&mut **tx)
        .await?;
        sqlx::query!(
            "insert into activity_events (org_id, person_id, kind, subject_kind, subject_id, team_id, occurred_at)
             values ($1, $2, 'scheduled_prompt', 'prompt', $3,
                     (select min(team_id::text)::uuid from team_members where org_id = $1 and person_id = $2),
                     now() + make_interval(days => $4 - 1))",
            org,
            people[2],
            prompt,
            opened,
        )
        .execute(&mut **tx)
        .await?;
        for (i, &(circle, person, text)) in answers.iter().enumerate() {
            let hours = i32::try_from(i).unwrap_or(0) * 5 + 3;
            sqlx::query!(
                "with thread as (select id, created_at from posts where org_id = $1 and prompt_id = $2 and circle_id = $3),
                      r as (insert into posts (org_id, id, circle_id, parent_id, author_id, kind, body, body_html, created_at)
                            select $1, gen_random_uuid(), $3, t.id, $4, 'reply', $5, $6,
                                   t.created_at + make_interval(hours => $7)
                            from thread t returning id, created_at)
                 insert into activity_events (org_id, person_id, kind, subject_kind, subject_id, circle_id, team_id, occurred_at)
                 select $1, $4, 'answered_prompt', 'post', r.id, $3,
                        (select min(team_id::text)::uuid from team_members where org_id = $1 and person_id = $4), r.created_at
                 from r",
                org,
                prompt,
                circles[circle],
                people[person],
                text,
                app::ui::markdown::to_html(text),
                hours,
            )
            .execute(&mut **tx)
            .await?;
        }
    }
    Ok(())
}

/// The notifications the demo's events owe, made as the app makes them; those older than three
/// days were read (Camille finds a few new ones on her first sign-in).
async fn notifications(tx: &mut Transaction<'_, Postgres>, org: Uuid) -> sqlx::Result<()> {
    let events =
        sqlx::query_scalar!("select id from activity_events where org_id = $1", org).fetch_all(&mut **tx).await?;
    app::activity::notify(&mut **tx, org, &events).await?;
    sqlx::query!(
        "update notifications set read_at = due_at + interval '2 hours'
         where org_id = $1 and due_at < now() - interval '3 days'",
        org,
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Seeds the learning network `circle`: its committee, themes, proposals and experiments.
async fn network(tx: &mut Transaction<'_, Postgres>, org: Uuid, circle: Uuid, people: &[Uuid]) -> sqlx::Result<()> {
    // The committee: the sponsor (already), the HR lead and the customer service lead.
    sqlx::query!(
        "update circle_members set on_committee = true where org_id = $1 and circle_id = $2 and person_id = any($3)",
        org,
        circle,
        &[people[23], people[1]],
    )
    .execute(&mut **tx)
    .await?;
    let mut themes = Vec::new();
    for (i, (name, outcome)) in THEMES.iter().enumerate() {
        let id = Uuid::new_v4();
        let days = 30 - i32::try_from(i).unwrap_or(0);
        sqlx::query!(
            "insert into network_themes (org_id, id, circle_id, name, outcome, created_by, created_at)
             values ($1, $2, $3, $4, $5, $6, now() - make_interval(days => $7))",
            org,
            id,
            circle,
            name,
            outcome,
            people[16],
            days,
        )
        .execute(&mut **tx)
        .await?;
        themes.push(id);
    }
    for (theme, author, title, problem, change, experiment, state, note, days, run) in PROPOSALS {
        let id = Uuid::new_v4();
        let decided = state != "filed";
        sqlx::query!(
            "with p as (
                insert into network_proposals (org_id, id, circle_id, theme_id, author_id, title, problem, change,
                                               experiment, state, decision_note, decided_by, decided_at, filed_at,
                                               created_at)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, case when $13 then $12::uuid end,
                        case when $13 then now() - make_interval(days => $14 - 3) end,
                        now() - make_interval(days => $14), now() - make_interval(days => $14))
                returning filed_at, decided_at)
             insert into activity_events (org_id, person_id, kind, subject_kind, subject_id, circle_id, team_id,
                                          occurred_at)
             select $1, $5, 'filed_proposal', 'proposal', $2, $3,
                    (select min(team_id::text)::uuid from team_members where org_id = $1 and person_id = $5), filed_at
             from p
             union all
             select $1, $12, case $10 when 'accepted' then 'accepted_proposal' when 'returned' then 'returned_proposal'
                                      else 'declined_proposal' end, 'proposal', $2, $3,
                    (select min(team_id::text)::uuid from team_members where org_id = $1 and person_id = $12), decided_at
             from p where decided_at is not null",
            org,
            id,
            circle,
            themes[theme],
            people[author],
            title,
            problem,
            change,
            experiment,
            state,
            note,
            people[16],
            decided,
            days,
        )
        .execute(&mut **tx)
        .await?;
        if let Some((run_state, starts, ends, result)) = run {
            sqlx::query!(
                "insert into network_experiments (org_id, proposal_id, state, starts_on, ends_on, result, updated_by)
                 values ($1, $2, $3, current_date - $4::int, current_date - $5::int, $6, $7)",
                org,
                id,
                run_state,
                starts,
                ends,
                result,
                people[9],
            )
            .execute(&mut **tx)
            .await?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_ascii() {
        assert_eq!(email("Élodie", "Boyer"), "elodie.boyer@demo.apprenance.fr");
        assert_eq!(email("Anaïs", "Henry"), "anais.henry@demo.apprenance.fr");
        assert_eq!(SIGN_INS[0].1, email(PEOPLE[0].0, PEOPLE[0].1));
    }

    #[test]
    fn every_role_is_represented() {
        for role in ["member", "lead", "animator", "admin"] {
            assert!(PEOPLE.iter().any(|p| p.2 == role), "{role}");
        }
    }

    #[test]
    fn promoted_and_tried_practices_are_practices_tried_by_others() {
        let practice = |start: &str| {
            let found: Vec<_> = POSTS.iter().filter(|p| p.5.starts_with(start)).collect();
            assert_eq!(found.len(), 1, "{start}");
            assert_eq!(found[0].2, "practice", "{start}");
            found[0]
        };
        for (start, themes, skills, _) in PROMOTED {
            practice(start);
            assert!(themes.len() <= 5 && skills.len() <= 5);
        }
        for (start, person, _, _) in TRIED {
            assert_ne!(practice(start).1, person, "nobody tries their own practice: {start}");
        }
        let teams: std::collections::BTreeSet<usize> =
            TRIED.iter().filter(|t| t.0 == PROMOTED[0].0).map(|t| PEOPLE[t.1].3).collect();
        // The library's e2e spec counts them.
        assert_eq!(teams.len(), 4, "the first promoted practice spread to four teams");
        let reported: Vec<_> = POSTS.iter().filter(|p| p.5.starts_with(REPORTED.0)).collect();
        assert_eq!(reported.len(), 1, "the reported post is one post");
        assert_ne!(reported[0].1, REPORTED.1, "nobody reports their own post");
    }

    #[test]
    fn prompts_go_to_circles_whose_members_answer_them() {
        for (_, body, to, opened, closes, answers) in PROMPTS {
            assert!(body.chars().count() <= app::prompts::model::MAX_PROMPT_CHARS && opened < closes);
            for (circle, person, _) in answers {
                assert!(to.contains(circle), "{body}: answered in a circle it went to");
                assert!(CIRCLES[*circle].4.contains(person), "{body}: answered by a member");
            }
        }
        // Camille answers the open one in the e2e spec.
        assert!(PROMPTS[0].5.iter().all(|a| a.1 != 0) && PROMPTS[0].3 < 0 && PROMPTS[0].4 > 0);
    }
}
