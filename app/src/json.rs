//! How server functions' answers (and their errors) travel: JSON, decoded in the browser with
//! `serde_json::from_str`, the way resources decode the data a page was rendered with.
//!
//! `server_fn`'s own `Json` decodes with `from_slice`. That is a second decoder for every
//! answer type, since a resource's data arrives both ways (in the page, then from the server
//! function when it reloads), (README, "Keeping the bundle small"). Every
//! `#[server]` here says `output = Answer`.
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
}
