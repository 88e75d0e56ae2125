//! Static files: the build's hashed JS, wasm and CSS are compressed once per build, at the best
//! settings (brotli and gzip, beside the originals: `server precompress`), and served with a
//! year-long immutable cache; the service worker is generated from the same build's file names,
//! the lazily loaded chunks included.
use app::shell::build_files::BuildFiles;
use axum::extract::State;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use leptos::prelude::LeptosOptions;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Writes `.br` and `.gz` copies of the JS, wasm and CSS in `<site_root>/<pkg>` that lack
/// fresh ones. `best` picks the strongest (slow) settings, what the build step uses; the quick
/// ones are the server's fallback for a build that skipped it.
pub fn precompress(dir: &Path, best: bool) -> std::io::Result<usize> {
    let mut done = 0;
    let Ok(entries) = std::fs::read_dir(dir) else { return Ok(0) };
    for entry in entries {
        let path = entry?.path();
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default();
        if !matches!(ext, "js" | "wasm" | "css") {
            continue;
        }
        let data = std::fs::read(&path)?;
        let br = with_ext(&path, "br");
        if stale(&path, &br) {
            let quality = if best { 11 } else { 5 };
            let mut out = Vec::new();
            {
                let window = if best { 24 } else { 22 };
                let mut w = brotli::CompressorWriter::new(&mut out, 64 * 1024, quality, window);
                w.write_all(&data)?;
            }
            std::fs::write(&br, out)?;
            done += 1;
        }
        let gz = with_ext(&path, "gz");
        if stale(&path, &gz) {
            let level = if best { flate2::Compression::best() } else { flate2::Compression::fast() };
            let mut w = flate2::write::GzEncoder::new(Vec::new(), level);
            w.write_all(&data)?;
            std::fs::write(&gz, w.finish()?)?;
            done += 1;
        }
    }
    Ok(done)
}

fn with_ext(path: &Path, ext: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(ext);
    PathBuf::from(name)
}

fn stale(src: &Path, copy: &Path) -> bool {
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    match (modified(src), modified(copy)) {
        (Some(s), Some(c)) => c < s,
        _ => true,
    }
}

/// `GET /sw.js`: the service worker, with this build's precache list and version.
pub async fn service_worker(State(options): State<LeptosOptions>) -> Response {
    let files = BuildFiles::read(&options);
    let pkg = options.site_pkg_dir.to_string();
    let pkg_dir = Path::new(options.site_root.as_ref()).join(&pkg);
    // Every page's chunks too: a page first opened offline must still find its code.
    let built = [Some(&files.js), Some(&files.wasm), Some(&files.css), files.split_js.as_ref()]
        .into_iter()
        .flatten()
        .cloned()
        .chain(files.chunks(&pkg_dir))
        .map(|file| format!("/{pkg}/{file}"));
    let precache: Vec<String> = built
        .chain(
            [
                OFFLINE_SHELL,
                "/offline-boot.js",
                "/manifest.webmanifest",
                "/icons/icon.svg",
                "/icons/icon-192.png",
                "/sw-register.js",
            ]
            .map(str::to_owned),
        )
        .collect();
    let list = serde_json::to_string(&precache).unwrap_or_else(|_| "[]".into());
    let body = include_str!("sw.js")
        .replace("__VERSION__", &files.version())
        .replace("\"__PRECACHE__\"", &list)
        .replace("__OFFLINE_SHELL__", OFFLINE_SHELL);
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("text/javascript; charset=utf-8")),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
        ],
        body,
    )
        .into_response()
}

/// Where the offline shell is served.
pub const OFFLINE_SHELL: &str = "/offline-shell";

/// `GET /offline-shell`: the page the service worker answers any navigation with when the
/// network fails. It holds nobody's data: the app starts in it and renders the page from the
/// copies the signed-in person's device kept (or the sign-in page when nobody is signed in
/// here). The service worker keeps no page of anyone, so a shared phone shows nobody's.
pub async fn offline_shell(State(options): State<LeptosOptions>) -> Response {
    let files = BuildFiles::read(&options);
    let pkg = options.site_pkg_dir.to_string();
    let body = format!(
        r##"<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="theme-color" content="#1d6b57">
<meta name="color-scheme" content="light dark"><title>Apprenance</title>
<link rel="manifest" href="/manifest.webmanifest"><link rel="icon" href="/icons/icon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/{pkg}/{css}">
<script type="module" src="/offline-boot.js" data-js="/{pkg}/{js}" data-wasm="/{pkg}/{wasm}"></script>
</head><body></body></html>"##,
        css = files.css,
        js = files.js,
        wasm = files.wasm,
    );
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8")),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
        ],
        body,
    )
        .into_response()
}
