//! Generates the `i18n` module from `locales/*.json` (leptos_i18n's build-time code generation),
//! and fails the build when a locale misses a key or a placeholder of the default locale.

use leptos_i18n_build::{Config, ParseOptions, TranslationsInfos};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

const DEFAULT_LOCALE: &str = "fr";
const OTHER_LOCALES: [&str; 3] = ["nl", "de", "en"];

fn placeholders(text: &str) -> BTreeSet<String> {
    text.split("{{")
        .skip(1)
        .filter_map(|rest| rest.split_once("}}"))
        .map(|(name, _)| name.trim().to_owned())
        .collect()
}

fn read_locale(locale: &str) -> BTreeMap<String, String> {
    let path = format!("locales/{locale}.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{path} is not a flat JSON object of strings: {e}"))
}

/// Every locale has exactly the default locale's keys, each with the same placeholders.
fn check_locales_complete() {
    let reference = read_locale(DEFAULT_LOCALE);
    let mut problems = Vec::new();
    for locale in OTHER_LOCALES {
        let other = read_locale(locale);
        for (key, text) in &reference {
            match other.get(key) {
                None => problems.push(format!("{locale}.json misses key `{key}`")),
                Some(t) if placeholders(t) != placeholders(text) => problems.push(format!(
                    "{locale}.json `{key}` has placeholders {:?}, {DEFAULT_LOCALE}.json {:?}",
                    placeholders(t),
                    placeholders(text)
                )),
                Some(_) => {}
            }
        }
        for key in other.keys().filter(|k| !reference.contains_key(*k)) {
            problems.push(format!(
                "{locale}.json has key `{key}` that {DEFAULT_LOCALE}.json lacks"
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "incomplete translations:\n  {}",
        problems.join("\n  ")
    );
}

fn main() {
    check_locales_complete();
    let cfg = Config::new(DEFAULT_LOCALE)
        .and_then(|c| c.add_locales(OTHER_LOCALES))
        .expect("valid locale names")
        // Lets `t_string!` take interpolated values (aria labels, messages built in code).
        .parse_options(ParseOptions::default().interpolate_display(true));
    let infos = TranslationsInfos::parse(cfg).expect("locales parse");
    infos.rerun_if_locales_changed();
    infos.emit_diagnostics();
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("i18n");
    infos
        .generate_i18n_module(out)
        .expect("i18n module written");
}
