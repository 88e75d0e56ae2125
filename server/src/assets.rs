//! Static files: the build's hashed JS, wasm and CSS are compressed once per build, at the best
//! settings (brotli and gzip, beside the originals: `server precompress`), and served with a
//! year-long immutable cache; the service worker is generated from the same build's file names,
//! the lazily loaded chunks included.
use axum::extract::State;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use leptos::prelude::LeptosOptions;
use serde_json::Value;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// The hashed names of this build's JS, wasm and CSS, read from the hash file cargo-leptos
/// writes beside the binary (the same file Leptos reads to link them). A `--split` build adds
/// the loader of the lazy chunks and the manifest naming them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BuildFiles {
    pub js: String,
    pub wasm: String,
    pub css: String,
    /// `__wasm_split.<hash>.js`, which fetches and links the lazy chunks.
    pub split_js: Option<String>,
    /// `__wasm_split_manifest.<hash>.json`: each lazy function and the chunks it needs.
    pub manifest: Option<String>,
}

impl BuildFiles {
    /// Reads them for `options` (plain names when hashing is off).
    pub fn read(options: &LeptosOptions) -> BuildFiles {
        let name = options.output_name.to_string();
        let plain = BuildFiles {
            js: format!("{name}.js"),
            wasm: format!("{name}_bg.wasm"),
            css: format!("{name}.css"),
            ..BuildFiles::default()
        };
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
                "split" => files.split_js = Some(format!("__wasm_split.{hash}.js")),
                "manifest" => files.manifest = Some(format!("__wasm_split_manifest.{hash}.json")),
                _ => {}
            }
        }
        files
    }

    /// The lazy chunks of the build in `pkg_dir` (`<name>.wasm`), from its manifest; none for
    /// a build without `--split`, or when the manifest cannot be read (logged).
    pub fn chunks(&self, pkg_dir: &Path) -> Vec<String> {
        let Some(manifest) = &self.manifest else { return Vec::new() };
        let path = pkg_dir.join(manifest);
        let parsed = std::fs::read_to_string(&path)
            .map_err(|e| e.to_string())
            .and_then(|text| serde_json::from_str::<Value>(&text).map_err(|e| e.to_string()));
        match parsed {
            Ok(json) => chunk_names(&json),
            Err(error) => {
                tracing::warn!(path = %path.display(), error, "unreadable split manifest");
                Vec::new()
            }
        }
    }

    /// A version that changes whenever any of the files does.
    pub fn version(&self) -> String {
        let joined = format!(
            "{}{}{}{}{}",
            self.js,
            self.wasm,
            self.css,
            self.split_js.as_deref().unwrap_or_default(),
            self.manifest.as_deref().unwrap_or_default()
        );
        // FNV-1a: short, stable across builds of the same files, no dependency.
        let hash =
            joined.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
        format!("{hash:016x}")
    }
}

/// Every chunk a manifest names (`{"lazy fn": ["chunk", ...], ...}`), once each, as files.
fn chunk_names(manifest: &Value) -> Vec<String> {
    let mut names: Vec<String> = manifest
        .as_object()
        .into_iter()
        .flat_map(|map| map.values())
        .filter_map(Value::as_array)
        .flatten()
        .filter_map(Value::as_str)
        .map(|chunk| format!("{chunk}.wasm"))
        .collect();
    names.sort();
    names.dedup();
    names
}

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
    fn reads_the_split_lines_and_manifest() {
        let files = BuildFiles::parse("apprenance", "js: a\nwasm: b\ncss: c\nmanifest: m1\nsplit: s1\n");
        assert_eq!(files.split_js.as_deref(), Some("__wasm_split.s1.js"));
        assert_eq!(files.manifest.as_deref(), Some("__wasm_split_manifest.m1.json"));
        let manifest =
            serde_json::json!({"circle_view": ["split_circle", "shared_1"], "login_view": ["split_login", "shared_1"]});
        assert_eq!(chunk_names(&manifest), ["shared_1.wasm", "split_circle.wasm", "split_login.wasm"]);
        assert!(chunk_names(&serde_json::json!([1, 2])).is_empty());
    }

    #[test]
    fn version_follows_the_files() {
        let a = BuildFiles::parse("a", "js: 1\nwasm: 2\ncss: 3");
        let b = BuildFiles::parse("a", "js: 1\nwasm: 9\ncss: 3");
        assert_eq!(a.version(), a.clone().version());
        assert_ne!(a.version(), b.version());
    }
}
