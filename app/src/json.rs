//! How server functions' answers (and their errors) travel: JSON, decoded in the browser with
//! `serde_json::from_str`, the way resources decode the data a page was rendered with.
//!
//! `server_fn`'s own `Json` decodes with `from_slice`: a second decoder for every answer type,
//! since a resource's data arrives both ways (in the page, then from the server function when
//! it reloads). It cost 4.9 KB of the first load in brotli. Every `#[server]` says
//! `output = Answer`; a test below fails on one that does not.
use leptos::server_fn::codec::Post;
use leptos::server_fn::{Bytes, ContentType, Decodes, Encodes, Format, FormatType};
use serde::{de::DeserializeOwned, Serialize};

/// JSON, encoded as `server_fn` does and decoded from text.
pub struct JsonText;

impl ContentType for JsonText {
    const CONTENT_TYPE: &'static str = "application/json";
}

impl FormatType for JsonText {
    const FORMAT_TYPE: Format = Format::Text;
}

impl<T: Serialize> Encodes<T> for JsonText {
    type Error = serde_json::Error;

    fn encode(value: &T) -> Result<Bytes, Self::Error> {
        serde_json::to_vec(value).map(Bytes::from)
    }
}

impl<T: DeserializeOwned> Decodes<T> for JsonText {
    type Error = serde_json::Error;

    fn decode(bytes: Bytes) -> Result<T, Self::Error> {
        let text = std::str::from_utf8(&bytes).map_err(<serde_json::Error as serde::de::Error>::custom)?;
        serde_json::from_str(text)
    }
}

/// A server function's answer: `#[server(..., output = Answer)]`.
pub type Answer = Post<JsonText>;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::AppError;

    #[test]
    fn answers_round_trip_and_bad_text_is_an_error() {
        let bytes = <JsonText as Encodes<AppError>>::encode(&AppError::Forbidden).expect("encode");
        let back: AppError = <JsonText as Decodes<AppError>>::decode(bytes).expect("decode");
        assert_eq!(back, AppError::Forbidden);
        assert!(<JsonText as Decodes<AppError>>::decode(Bytes::from_static(b"\xff\xfe")).is_err());
        assert!(<JsonText as Decodes<AppError>>::decode(Bytes::from_static(b"<html>")).is_err());
    }

    /// Every server function answers through `Answer` (else its answer type is decoded twice).
    #[test]
    fn every_server_function_says_output_answer() {
        fn sources(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for entry in std::fs::read_dir(dir).expect("read src").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    sources(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    out.push(path);
                }
            }
        }
        let mut files = Vec::new();
        sources(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut files);
        let mut seen = 0;
        for file in files {
            let text = std::fs::read_to_string(&file).expect("read file");
            // `#[server(default)]` marks an argument, not a function.
            let functions = text
                .lines()
                .map(str::trim_start)
                .filter(|l| l.starts_with("#[server(") && !l.starts_with("#[server(default)]"));
            for line in functions {
                seen += 1;
                assert!(line.contains("output = Answer"), "{}: {line}", file.display());
            }
        }
        assert!(seen >= 9, "found only {seen} server functions");
    }
}
