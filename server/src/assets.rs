//! Static files: the build's hashed JS, wasm and CSS are compressed once at start-up (brotli and
//! gzip, beside the originals) and served with a year-long immutable cache; the service worker
//! is generated from the same build's file names.
use axum::extract::State;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use leptos::prelude::LeptosOptions;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// The hashed names of this build's JS, wasm and CSS, read from the hash file cargo-leptos
/// writes beside the binary (the same file Leptos reads to link them).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BuildFiles {
    pub js: String,
    pub wasm: String,
    pub css: String,
}

impl BuildFiles {
    /// Reads them for `options` (plain names when hashing is off).
    pub fn read(options: &LeptosOptions) -> BuildFiles {
        let name = options.output_name.to_string();
        let plain =
            BuildFiles { js: format!("{name}.js"), wasm: format!("{name}_bg.wasm"), css: format!("{name}.css") };
        if !options.hash_files {
            return plain;
        }
        let path = std::env::current_exe()
            .ok()
            .and_then(|p| p.parent().map(Path::to_path_buf))
            .unwrap_or_default()
            .join(options.hash_file.as_ref());
        match std::fs::read_to_string(&path) {
            Ok(text) => BuildFiles::parse(&name, &text),
            Err(e) => {
                tracing::warn!(path = %path.display(), error = %e, "no hash file");
                plain
            }
        }
    }

    /// Parses `js: <hash>` lines.
    pub fn parse(name: &str, text: &str) -> BuildFiles {
        let mut files = BuildFiles::default();
        for (kind, hash) in text.lines().filter_map(|l| l.split_once(':')) {
            let hash = hash.trim();
            match kind.trim() {
                "js" => files.js = format!("{name}.{hash}.js"),
                "wasm" => files.wasm = format!("{name}.{hash}.wasm"),
                "css" => files.css = format!("{name}.{hash}.css"),
                _ => {}
            }
        }
        files
    }

    /// A version that changes whenever any of the files does.
    pub fn version(&self) -> String {
        let joined = format!("{}{}{}", self.js, self.wasm, self.css);
        // FNV-1a: short, stable across builds of the same files, no dependency.
        let hash =
            joined.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
        format!("{hash:016x}")
    }
}

/// Writes `.br` and `.gz` copies of the JS, wasm and CSS in `<site_root>/<pkg>` that lack
/// fresh ones. `best` picks the strongest (slow) settings, for release builds.
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
                let mut w = brotli::CompressorWriter::new(&mut out, 64 * 1024, quality, 22);
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
    let precache = [
        format!("/{pkg}/{}", files.js),
        format!("/{pkg}/{}", files.wasm),
        format!("/{pkg}/{}", files.css),
        OFFLINE_SHELL.to_owned(),
        "/offline-boot.js".to_owned(),
        "/manifest.webmanifest".to_owned(),
        "/icons/icon.svg".to_owned(),
        "/icons/icon-192.png".to_owned(),
        "/sw-register.js".to_owned(),
    ];
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_cargo_leptos_hash_file() {
        let files = BuildFiles::parse("apprenance", "js: abc\nwasm: def\ncss: 123\n");
        assert_eq!(files.js, "apprenance.abc.js");
        assert_eq!(files.wasm, "apprenance.def.wasm");
        assert_eq!(files.css, "apprenance.123.css");
    }

    #[test]
    fn version_follows_the_files() {
        let a = BuildFiles::parse("a", "js: 1\nwasm: 2\ncss: 3");
        let b = BuildFiles::parse("a", "js: 1\nwasm: 9\ncss: 3");
        assert_eq!(a.version(), a.clone().version());
        assert_ne!(a.version(), b.version());
    }
}
