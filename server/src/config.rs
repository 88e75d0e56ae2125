//! The server's settings, read once from the environment (see `.env.example`).
use std::net::SocketAddr;

/// Typed configuration. There is no secret with a default: sessions are random ids kept in
/// Postgres, so nothing needs signing.
#[derive(Debug, Clone)]
pub struct Config {
    /// `DATABASE_URL`: the Postgres to use.
    pub database_url: String,
    /// `SITE_URL`: the public origin people reach, e.g. `https://apprenance.example`. Writes
    /// must come from it (CSRF check), and cookies are `Secure` when it is https.
    pub site_url: String,
    /// `LEPTOS_SITE_ADDR`: where to listen (set by cargo-leptos; default 127.0.0.1:3000).
    pub listen: SocketAddr,
    /// `APPRENANCE_DEMO=1`: load the demo organisation when the database has none.
    pub load_demo: bool,
    /// `DATABASE_MAX_CONNECTIONS` (default 10).
    pub max_connections: u32,
    /// `SIGN_IN_HASH_CONCURRENCY`: password hashes at once (default: the number of cores).
    pub hash_concurrency: usize,
}

/// A missing or malformed setting.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{0} is not set")]
    Missing(&'static str),
    #[error("{0} is not valid: {1}")]
    Invalid(&'static str, String),
}

impl Config {
    /// Reads the environment.
    pub fn from_env() -> Result<Config, ConfigError> {
        let var = |k: &'static str| std::env::var(k).ok().filter(|v| !v.is_empty());
        let database_url = var("DATABASE_URL").ok_or(ConfigError::Missing("DATABASE_URL"))?;
        let listen_raw = var("LEPTOS_SITE_ADDR").unwrap_or_else(|| "127.0.0.1:3000".into());
        let listen: SocketAddr = listen_raw
            .parse()
            .map_err(|e: std::net::AddrParseError| ConfigError::Invalid("LEPTOS_SITE_ADDR", e.to_string()))?;
        let site_url = var("SITE_URL").unwrap_or_else(|| format!("http://{listen}"));
        if !(site_url.starts_with("http://") || site_url.starts_with("https://")) {
            return Err(ConfigError::Invalid("SITE_URL", "must start with http:// or https://".into()));
        }
        let max_connections = match var("DATABASE_MAX_CONNECTIONS") {
            Some(v) => v.parse().map_err(|_| ConfigError::Invalid("DATABASE_MAX_CONNECTIONS", v))?,
            None => 10,
        };
        let hash_concurrency = match var("SIGN_IN_HASH_CONCURRENCY") {
            Some(v) => v.parse().map_err(|_| ConfigError::Invalid("SIGN_IN_HASH_CONCURRENCY", v))?,
            None => std::thread::available_parallelism().map_or(2, usize::from),
        };
        Ok(Config {
            hash_concurrency,
            database_url,
            site_url: site_url.trim_end_matches('/').to_owned(),
            listen,
            load_demo: var("APPRENANCE_DEMO").is_some_and(|v| v == "1"),
            max_connections,
        })
    }

    /// Whether cookies get the `Secure` flag.
    pub fn secure_cookies(&self) -> bool {
        self.site_url.starts_with("https://")
    }
}
