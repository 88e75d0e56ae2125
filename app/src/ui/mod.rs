//! Pieces every area uses: errors in plain words, the rules for typed text, times as sent to
//! the browser, `tr!` for words that follow the language. No area's data here.
pub mod error;
#[cfg(feature = "ssr")]
pub mod markdown;
pub mod text;
pub mod time;
pub mod tr;
