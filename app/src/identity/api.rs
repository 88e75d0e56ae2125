//! Signing in and out, the current person, and switching organisation.
use crate::error::AppError;
use crate::identity::model::Me;
use crate::json::Answer;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use uuid::Uuid;

/// Signs in with e-mail and password, then goes home.
///
/// Unknown e-mail and wrong password give the same answer, after the same work. Attempts are
/// counted per account and address pair and per address (`identity::sign_in_limits`); past the
/// limit the answer is 429 until the window passes. The session id is renewed so a session fixed before sign-in is worthless after it.
#[server(endpoint = "sign_in", output = Answer)]
pub async fn sign_in(email: String, password: String) -> Result<(), AppError> {
    use crate::activity;
    use crate::error::{Field, Problem};
    use crate::identity::model as identity;
    use crate::identity::session::{respond, ORG_KEY, PERSON_KEY, TOUCHED_KEY};
    use crate::identity::sign_in_limits;
    use crate::ui::text;

    respond(|req| async move {
        let email = text::email(&email)?;
        if password.is_empty() {
            return Err(AppError::Invalid { field: Field::Password, problem: Problem::Empty });
        }
        let (pool, address) = (&req.pool, req.address.as_str());
        let (pair, from_address) = identity::count_attempt(pool, &email, address).await?;
        if let Some(minutes) = sign_in_limits::must_wait(pair, from_address) {
            return Err(AppError::TooManyAttempts { retry_after_minutes: minutes });
        }
        // At most a few hashes at once; a flood waits briefly, then is told to come back.
        let permit = tokio::time::timeout(std::time::Duration::from_secs(5), req.hashing.clone().acquire_owned())
            .await
            .map_err(|_| AppError::Unavailable)?
            .map_err(|_| AppError::Internal)?;
        let account = identity::find_account(pool, &email).await?;
        let hash = account.as_ref().map(|a| a.password_hash.clone());
        let ok = tokio::task::spawn_blocking(move || {
            let _permit = permit;
            crate::identity::api::password::verify(&password, hash.as_deref())
        })
        .await
        .map_err(|_| AppError::Internal)?;
        let account = match (ok, account) {
            (true, Some(account)) => account,
            _ => return Err(AppError::BadCredentials),
        };
        let orgs = identity::orgs_of(pool, account.id).await?;
        let Some(org) = orgs.first() else {
            return Err(AppError::Forbidden);
        };
        identity::release_attempt(pool, &email, address).await?;
        activity::record(
            &mut *pool.acquire().await?,
            org.id,
            account.id,
            activity::ActivityKind::SignedIn,
            activity::Subject::None,
            None,
        )
        .await?;
        req.session.cycle_id().await?;
        // A form the last person on this device had refused is theirs, not the next person's.
        req.session.remove_value(crate::offline::refill::SESSION_KEY).await?;
        req.session.insert(PERSON_KEY, account.id).await?;
        req.session.insert(ORG_KEY, org.id).await?;
        req.session.insert(TOUCHED_KEY, time::OffsetDateTime::now_utc().unix_timestamp()).await?;
        leptos_axum::redirect("/");
        Ok(())
    })
    .await
}

/// Ends the session on the server and goes to the sign-in page.
#[server(endpoint = "sign_out", output = Answer)]
pub async fn sign_out() -> Result<(), AppError> {
    use crate::identity::session::respond;
    respond(|req| async move {
        req.session.flush().await?;
        leptos_axum::redirect("/login");
        Ok(())
    })
    .await
}

/// The signed-in person, or `None` when nobody is.
#[server(endpoint = "me", input = GetUrl, output = Answer)]
pub async fn get_me() -> Result<Option<Me>, AppError> {
    use crate::identity::session::respond;
    respond(|req| async move {
        match req.me().await {
            Ok(me) => Ok(Some(me)),
            Err(AppError::Unauthenticated) => Ok(None),
            Err(e) => Err(e),
        }
    })
    .await
}

/// Works in another of the person's organisations from now on.
#[server(endpoint = "switch_org", output = Answer)]
pub async fn switch_org(org_id: Uuid) -> Result<(), AppError> {
    use crate::identity::model as identity;
    use crate::identity::session::{respond, ORG_KEY};
    respond(|req| async move {
        let me = req.caller().await?;
        if identity::role_in(&req.pool, me.person_id, org_id).await?.is_none() {
            return Err(AppError::Forbidden);
        }
        // A refused form of the other organisation has no place in this one.
        req.session.remove_value(crate::offline::refill::SESSION_KEY).await?;
        req.session.insert(ORG_KEY, org_id).await?;
        leptos_axum::redirect("/");
        Ok(())
    })
    .await
}

/// Password hashing with Argon2id at OWASP's recommended cost (19 MiB, 2 passes, 1 lane).
#[cfg(feature = "ssr")]
pub mod password {
    use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
    use argon2::{Algorithm, Argon2, Params, Version};

    fn argon2() -> Argon2<'static> {
        let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
        Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
    }

    /// A PHC string for `password` with a fresh salt.
    pub fn hash(password: &str) -> Result<String, argon2::password_hash::Error> {
        let salt = SaltString::generate(&mut OsRng);
        Ok(argon2().hash_password(password.as_bytes(), &salt)?.to_string())
    }

    /// Whether `password` matches `hash`. With no hash (unknown e-mail) it still does the
    /// same work against a fixed hash, so timing does not tell which e-mails exist.
    pub fn verify(password: &str, stored: Option<&str>) -> bool {
        static DECOY: std::sync::LazyLock<String> =
            std::sync::LazyLock::new(|| hash("not anybody's password").unwrap_or_default());
        let Ok(parsed) = PasswordHash::new(stored.unwrap_or(DECOY.as_str())) else { return false };
        argon2().verify_password(password.as_bytes(), &parsed).is_ok() && stored.is_some()
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn round_trip() {
            let h = hash("correct horse").expect("hash");
            assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
            assert!(verify("correct horse", Some(&h)));
            assert!(!verify("wrong horse", Some(&h)));
            assert!(!verify("correct horse", None));
        }
    }
}
