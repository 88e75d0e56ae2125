//! Generates the `i18n` module from `locales/*.json` at build time: a missing key in one
//! language, or a key the code uses that no file defines, fails the build.
use leptos_i18n_build::{Config, ParseOptions, TranslationsInfos};
use std::error::Error;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?);
    // interpolate_display: `t_string!` with values, for text chosen in one closure (ErrorText).
    let options = ParseOptions::new().interpolate_display(true);
    let cfg = Config::new("fr")?.add_locale("en")?.parse_options(options);
    let infos = TranslationsInfos::parse(cfg)?;
    infos.emit_diagnostics();
    infos.rerun_if_locales_changed();
    infos.generate_i18n_module(out.join("i18n"))?;
    Ok(())
}
