//! Property tests of the core's parsers of outside input (the URL's view state, an application
//! typed by a person): any input at all is handled without a panic, and what the URL state
//! writes it reads back unchanged.

use passerelle_core::api::ApplicationRequest;
use passerelle_core::application::validate_application;
use passerelle_core::desk::DeskState;
use passerelle_core::view_state::ViewState;
use passerelle_core::zone::ZoneView;
use passerelle_core::DutchLevel;
use proptest::prelude::*;

/// The URL keys the view state knows, plus a few it does not.
const KEYS: [&str; 13] = [
    "town",
    "level",
    "reach",
    "radius",
    "q",
    "contract",
    "regime",
    "bottleneck",
    "vacancy",
    "apply",
    "lang",
    "zoom",
    "",
];

/// Values that parse for some key, near misses, and hostile text.
fn url_value() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "53053",
            "25112",
            "11002",
            "21004",
            "basic",
            "none",
            "all",
            "suitable",
            "5",
            "60",
            "61",
            "0",
            "35",
            "permanent",
            "part_time",
            "1",
            "0",
            "true",
            "42",
            "4294967295",
            "4294967296",
            "fr",
            "nl",
            "de",
            "en",
            "xx",
            " ",
            "-1",
            "1e3",
        ])
        .prop_map(str::to_owned),
        any::<String>(),
        "[ \\t\\u{202e}<>\"'&=%a-zé]{0,120}",
    ]
}

/// The keys of the desk's and the zone page's URLs, with values each of them parses.
fn desk_and_zone_pairs() -> impl Strategy<Value = Vec<(String, String)>> {
    let key = prop::sample::select(vec![
        "town",
        "level",
        "occ",
        "contract",
        "regime",
        "sort",
        "shortlist",
        "lang",
        "handover",
        "note.7",
        "note.8",
        "note.x",
        "area",
        "radius",
        "bottleneck",
    ])
    .prop_map(str::to_owned);
    let value = prop_oneof![
        3 => prop::sample::select(vec![
            "53053", "57081:45", "53053:61", "medium", "7212", "9999", "permanent", "full_time",
            "-distance", "contract", "7,8", "8,7,7", "0", "nl", "xx", "zone:centre", "arr:53",
            "town:53053", "town:11002", "-total", "very_good", "35", "true", "  note  ",
        ])
        .prop_map(str::to_owned),
        1 => url_value(),
    ];
    prop::collection::vec((key, value), 0..16)
}

fn url_pairs() -> impl Strategy<Value = Vec<(String, String)>> {
    let key = prop_oneof![
        4 => prop::sample::select(KEYS.to_vec()).prop_map(str::to_owned),
        1 => any::<String>(),
    ];
    prop::collection::vec((key, url_value()), 0..16)
}

/// Text a person could type or paste, weighted towards what the checks look at.
fn typed_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[ +0-9./()\\-é€]{0,30}",
        "[a-z@. ]{0,20}",
        "[\\PC]{0,300}",
        Just(String::new()),
    ]
}

fn application() -> impl Strategy<Value = ApplicationRequest> {
    (
        any::<u32>(),
        (typed_text(), typed_text(), typed_text()),
        (
            prop::option::of(typed_text()),
            prop::option::of(typed_text()),
        ),
        prop::option::of(prop::sample::select(vec![
            DutchLevel::None,
            DutchLevel::Basic,
            DutchLevel::Medium,
        ])),
        typed_text(),
        any::<bool>(),
    )
        .prop_map(
            |(vacancy_id, (first, last, email), (phone, forem), dutch, message, consent)| {
                ApplicationRequest {
                    vacancy_id,
                    first_name: first,
                    last_name: last,
                    email,
                    phone,
                    dutch_level: dutch,
                    forem_number: forem,
                    message,
                    consent,
                }
            },
        )
}

/// The form's fields in form order: errors come in this order.
const FORM_ORDER: [&str; 7] = [
    "first_name",
    "last_name",
    "email",
    "phone",
    "forem_number",
    "message",
    "consent",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1_000))]

    #[test]
    fn any_url_query_parses_and_what_it_keeps_survives_a_round_trip(pairs in url_pairs()) {
        let (state, dropped) = ViewState::from_query(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        for d in &dropped {
            prop_assert!(pairs.iter().any(|(k, v)| *k == d.key && *v == d.value), "{d:?} was not sent");
        }
        let written = state.to_query();
        let (reread, dropped_again) = ViewState::from_query(written.iter().map(|(k, v)| (*k, v.as_str())));
        prop_assert!(dropped_again.is_empty(), "{dropped_again:?}");
        // A blank keyword filters nothing, so the URL leaves it out.
        let expected = ViewState {
            keyword: if state.keyword.trim().is_empty() { String::new() } else { state.keyword.clone() },
            ..state
        };
        prop_assert_eq!(&reread, &expected);
        prop_assert_eq!(reread.to_query(), written);
    }

    #[test]
    fn any_application_is_validated_without_panic_each_field_named_once_in_form_order(
        app in application()
    ) {
        if let Err(errors) = validate_application(&app) {
            prop_assert!(!errors.is_empty());
            let positions: Vec<usize> = errors
                .iter()
                .map(|e| FORM_ORDER.iter().position(|f| *f == e.field).unwrap_or(usize::MAX))
                .collect();
            prop_assert!(positions.iter().all(|p| *p < FORM_ORDER.len()), "{errors:?}");
            prop_assert!(positions.windows(2).all(|w| w[0] < w[1]), "{errors:?}");
        } else {
            // Accepted means what the form promises: names and e-mail present, consent given.
            prop_assert!(app.consent);
            prop_assert!(!app.first_name.trim().is_empty() && !app.last_name.trim().is_empty());
            prop_assert!(app.email.contains('@'));
        }
    }

    /// The desk follows an address it did not write (Back, Forward) by comparing states, so
    /// what it writes must read back as the same state.
    #[test]
    fn a_desk_and_a_zone_page_read_back_what_they_write(pairs in desk_and_zone_pairs()) {
        let pairs = || pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()));
        let (desk, _) = DeskState::from_query(pairs());
        let written = desk.to_query();
        let (reread, dropped) = DeskState::from_query(written.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        prop_assert!(dropped.is_empty(), "{dropped:?}");
        prop_assert_eq!(&reread, &desk);

        let (zone, _) = ZoneView::from_query(pairs());
        let written = zone.to_query();
        let (reread, dropped) = ZoneView::from_query(written.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        prop_assert!(dropped.is_empty(), "{dropped:?}");
        prop_assert_eq!(&reread, &zone);
    }

    /// The allocation-free keyword test agrees with folding, whatever the text and keyword.
    #[test]
    fn folded_contains_agrees_with_fold_then_contains(
        haystack in "[a-zA-Z éÉèßœŒ’-]{0,24}",
        needle in "[a-zA-Z éèßœ’-]{0,4}",
    ) {
        let needle = passerelle_core::text::fold(&needle);
        prop_assert_eq!(
            passerelle_core::text::folded_contains(&haystack, &needle),
            passerelle_core::text::fold(&haystack).contains(&needle)
        );
    }
}
