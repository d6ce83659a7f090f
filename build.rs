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

/// CLDR plural categories, as leptos_i18n reads them from a key's `_one`, `_other`… suffix.
const PLURAL_FORMS: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// A locale's messages by key; a plural message (`key_one`, `key_other`, …) is one entry under
/// `key`, with its texts by form. Languages need different forms (French has `many`, Dutch has
/// not), so plurals are compared by key, not by form.
fn messages(locale: &str) -> BTreeMap<String, BTreeMap<&'static str, String>> {
    let flat = read_locale(locale);
    let plural_of = |key: &str| {
        let (base, form) = key.rsplit_once('_')?;
        let form = PLURAL_FORMS.iter().find(|f| **f == form)?;
        flat.contains_key(&format!("{base}_other"))
            .then(|| (base.to_owned(), *form))
    };
    let mut out: BTreeMap<String, BTreeMap<&'static str, String>> = BTreeMap::new();
    for (key, text) in &flat {
        let (base, form) = plural_of(key).unwrap_or((key.clone(), ""));
        out.entry(base).or_default().insert(form, text.clone());
    }
    out
}

/// Every locale has exactly the default locale's keys, each with the same placeholders; in a
/// plural message, `other` has them all and the other forms a subset (Dutch says "één gemeente").
fn check_locales_complete() {
    let reference = messages(DEFAULT_LOCALE);
    let mut problems = Vec::new();
    for locale in OTHER_LOCALES {
        let other = messages(locale);
        for (key, forms) in &reference {
            let Some(their_forms) = other.get(key) else {
                problems.push(format!("{locale}.json misses key `{key}`"));
                continue;
            };
            let plural = !forms.contains_key("");
            let theirs_plural = !their_forms.contains_key("");
            if plural != theirs_plural {
                problems.push(format!(
                    "{locale}.json `{key}` must be plural in both or neither (`{key}_other`)"
                ));
                continue;
            }
            let wanted = placeholders(&forms[if plural { "other" } else { "" }]);
            for (form, text) in their_forms {
                let found = placeholders(text);
                let fits = if plural && *form != "other" {
                    found.is_subset(&wanted)
                } else {
                    found == wanted
                };
                if !fits {
                    let shown = if form.is_empty() {
                        key.clone()
                    } else {
                        format!("{key}_{form}")
                    };
                    problems.push(format!(
                        "{locale}.json `{shown}` has placeholders {found:?}, {DEFAULT_LOCALE}.json {wanted:?}"
                    ));
                }
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
