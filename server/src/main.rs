//! Starts the server: reads the configuration, connects to Postgres, migrates, loads the demo
//! when asked and serves. `server precompress <dir>` instead writes the brotli and gzip copies
//! of a build's files at the best settings and exits: the scripts run it once after each build.
#![recursion_limit = "512"]
use app::state::AppState;
use axum::serve::ListenerExt;
use leptos::prelude::get_configuration;
use server::{config::Config, RouterOptions};
use std::net::SocketAddr;
use tracing_subscriber::EnvFilter;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn")))
        .init();
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [] => {}
        [command, dir] if command == "precompress" => {
            let written = server::assets::precompress(std::path::Path::new(dir), true)?;
            tracing::info!(written, dir, "compressed at the best settings");
            return Ok(());
        }
        // Anything else is a mistake: say so rather than start serving.
        _ => {
            eprintln!("usage: server [precompress <dir>] (not: {})", args.join(" "));
            std::process::exit(2);
        }
    }
    let config = Config::from_env()?;
    let mut leptos_options = get_configuration(None)?.leptos_options;
    leptos_options.site_addr = config.listen;

    let pool = server::connect(&config.database_url, config.max_connections).await?;
    server::migrate(&pool).await?;
    if config.load_demo && server::demo::load_if_empty(&pool).await? {
        tracing::info!("demo organisation loaded");
    }

    // The build step compressed them already (scripts/lib.sh, `build_site`); a build made some
    // other way (`cargo leptos watch`) gets quick copies, so it is still served compressed.
    let pkg = std::path::PathBuf::from(format!("{}/{}", leptos_options.site_root, leptos_options.site_pkg_dir));
    let written = tokio::task::spawn_blocking(move || server::assets::precompress(&pkg, false)).await??;
    if written > 0 {
        tracing::warn!(written, "static files were not compressed by the build: quick copies written");
    }

    server::jobs::spawn_purge(pool.clone(), std::time::Duration::from_secs(600));
    let app = server::router(
        AppState::new(leptos_options, pool, config.hash_concurrency),
        RouterOptions { site_url: config.site_url.clone(), secure_cookies: config.secure_cookies() },
    );
    let listener = tokio::net::TcpListener::bind(config.listen).await?.tap_io(|tcp| {
        // Without this each keep-alive response waits on the client's delayed ACK (40 ms).
        let _ = tcp.set_nodelay(true);
    });
    tracing::info!("listening on http://{} (site {})", config.listen, config.site_url);
    axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    Ok(())
}
