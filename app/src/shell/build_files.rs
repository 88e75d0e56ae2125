//! The names of this build's files, from the hash file cargo-leptos writes beside the server
//! binary: the pages' boot script, the service worker and the offline shell link the same ones.
use leptos::prelude::LeptosOptions;
use serde_json::Value;
use std::path::Path;

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
            // cargo-leptos names the wasm after the output, without wasm-bindgen's `_bg`.
            wasm: format!("{name}.wasm"),
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
