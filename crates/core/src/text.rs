//! Text folding for search: case- and accent-insensitive matching of Belgian place names and keywords.

/// Lower-cases `s`, strips the diacritics of Latin letters and folds apostrophes and dashes,
/// so that "Écaussinnes", "ecaussinnes" and "ECAUSSINNES" compare equal.
///
/// A small table instead of full Unicode normalisation and case mapping: it covers every letter
/// of Belgian place names, Dutch, French and German text, and the Latin Extended-A block
/// (Polish, Czech, Romanian, Turkish names…). Other scripts keep their case: the place names
/// and vacancies are Latin, and core's full case tables added 12 KB (5 KB brotli) to the start
/// page.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// [`fold`], appended to `out` (the vacancy index folds 100,000 vacancies' text into one string).
pub fn fold_into(s: &str, out: &mut String) {
    if s.is_ascii() {
        out.extend(s.bytes().map(|b| char::from(fold_ascii(b))));
        return;
    }
    for c in s.chars() {
        match c {
            c if c.is_ascii() => out.push(char::from(fold_ascii(c as u8))),
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => {
                out.push('a')
            }
            'æ' | 'Æ' => out.push_str("ae"),
            'ç' | 'Ç' => out.push('c'),
            'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => out.push('e'),
            'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => out.push('i'),
            'ñ' | 'Ñ' => out.push('n'),
            'ð' | 'Ð' => out.push('d'),
            'þ' | 'Þ' => out.push_str("th"),
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => {
                out.push('o')
            }
            'œ' | 'Œ' => out.push_str("oe"),
            'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => out.push('u'),
            'ý' | 'ÿ' | 'Ý' | 'Ÿ' => out.push('y'),
            'ß' => out.push_str("ss"),
            '’' | '‘' | '´' => out.push('\''),
            '‐' | '‑' | '–' | '—' => out.push('-'),
            // The Dutch ij as one letter ("ĲSSEL"), as people type it: two.
            'ĳ' | 'Ĳ' => out.push_str("ij"),
            '\u{100}'..='\u{17f}' => {
                out.push(char::from(LATIN_EXTENDED_A_FOLDED[c as usize - 0x100]))
            }
            c => out.push(c),
        }
    }
}

/// U+0100–U+017F (Ā ā … Ž ž ſ), each folded to its base letter in lower case. The ligatures
/// Ĳ ĳ and Œ œ are matched before this table and fold to two letters.
const LATIN_EXTENDED_A_FOLDED: &[u8; 128] = b"aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii\
    ..jjkkkllllllllllnnnnnnnnnoooooo..rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

/// `fold(haystack).contains(folded_needle)`, without folding into a new string when `haystack`
/// is ASCII (most Dutch titles, employers and places): a keystroke tests every loaded vacancy,
/// and an allocation per field made it the slowest filter.
pub fn folded_contains(haystack: &str, folded_needle: &str) -> bool {
    if folded_needle.is_empty() {
        return true;
    }
    if !haystack.is_ascii() {
        return fold(haystack).contains(folded_needle);
    }
    // An ASCII haystack folds byte by byte (its lower case, a backtick to an apostrophe); a
    // needle with anything else cannot be in it.
    let needle = folded_needle.as_bytes();
    folded_needle.is_ascii()
        && haystack
            .as_bytes()
            .windows(needle.len())
            .any(|window| window.iter().zip(needle).all(|(&h, &n)| fold_ascii(h) == n))
}

/// [`fold`] of one ASCII byte.
fn fold_ascii(b: u8) -> u8 {
    match b {
        b'`' => b'\'',
        b => b.to_ascii_lowercase(),
    }
}

/// True when `haystack` starts a word with `needle`; both must already be folded.
/// Words are split on spaces, hyphens, apostrophes and parentheses ("la louvière" matches "louv").
pub fn has_word_prefix(haystack: &str, needle: &str) -> bool {
    haystack
        .split([' ', '-', '\'', '(', ')', '/'])
        .any(|word| word.starts_with(needle))
}

/// Separators besides whitespace: every kind of dash, both apostrophes (and look-alikes), dots,
/// slashes and brackets.
const NAME_SEPARATORS: &[char] = &[
    '-', '‐', '‑', '‒', '–', '—', '―', '−', '\'', '’', '‘', 'ʼ', '`', '´', '.', '/', '\\', '_',
    ',', '(', ')',
];

/// True for the characters people type between the words of a place name: "Braine-l’Alleud",
/// "braine l alleud" and "Braine l'Alleud" differ only in these.
pub fn is_name_separator(c: char) -> bool {
    c.is_whitespace() || NAME_SEPARATORS.contains(&c)
}

/// [`fold`], then every run of [`is_name_separator`] characters becomes one space, with none at
/// either end: the form in which place names and typed queries are compared.
///
/// A separate function rather than a change to `fold`, whose keyword matching keeps
/// punctuation as typed.
pub fn separator_key(s: &str) -> String {
    let folded = fold(s);
    let mut out = String::with_capacity(folded.len());
    let mut pending_separator = false;
    for c in folded.chars() {
        if is_name_separator(c) {
            pending_separator = true;
        } else {
            if pending_separator && !out.is_empty() {
                out.push(' ');
            }
            pending_separator = false;
            out.push(c);
        }
    }
    out
}

/// The German spelling of umlauts without the dots (ä → ae, ö → oe, ü → ue), or `None` when
/// `s` has none: without a German keyboard, people write "Luettich" for "Lüttich".
pub fn umlauts_as_digraphs(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len() + 4);
    let mut has_umlaut = false;
    for c in s.chars() {
        let digraph = match c {
            'ä' | 'Ä' => "ae",
            'ö' | 'Ö' => "oe",
            'ü' | 'Ü' => "ue",
            c => {
                out.push(c);
                continue;
            }
        };
        has_umlaut = true;
        out.push_str(digraph);
    }
    has_umlaut.then_some(out)
}

/// Percent-encodes a query-string value: unreserved characters stay, every other byte of the
/// UTF-8 text becomes `%XX` (so `&`, `=`, `#`, spaces and accents cannot break the URL).
pub fn query_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    query_encode_into(value, &mut out);
    out
}

fn query_encode_into(value: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0xf)]));
        }
    }
}

/// Query pairs joined as `key=value&…`, keys and values percent-encoded ([`query_encode`]),
/// ready to follow a `?`.
///
/// Built in Rust rather than through the router's `ParamsMap`: that encodes each key and value
/// with a call into JavaScript, and the results list builds a link per row on every filter change.
pub fn join_query<K: AsRef<str>, V: AsRef<str>>(pairs: impl IntoIterator<Item = (K, V)>) -> String {
    let mut out = String::new();
    for (key, value) in pairs {
        if !out.is_empty() {
            out.push('&');
        }
        query_encode_into(key.as_ref(), &mut out);
        out.push('=');
        query_encode_into(value.as_ref(), &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folded_contains_is_fold_then_contains() {
        let haystacks = [
            "Elektrotechnicus",
            "Bouwbedrijf PEETERS",
            "Écaussinnes",
            "Soudeur / Soudeuse",
            "Straße",
            "",
            "a",
            "Chaussée d`Alsemberg",
            "CAFE L`ESCALE",
        ];
        let needles = [
            "elektro", "peeters", "ecaus", "soudeuse", "strasse", "", "a", "é", "tech", "x", "ss",
            "d'als", "l`esc", "`",
        ];
        for h in haystacks {
            for n in needles {
                let n = fold(n);
                assert_eq!(
                    folded_contains(h, &n),
                    fold(h).contains(&n),
                    "{h:?} ∋ {n:?}"
                );
            }
        }
    }

    #[test]
    fn fold_strips_accents_and_case() {
        assert_eq!(fold("Écaussinnes"), "ecaussinnes");
        assert_eq!(fold("Bütgenbach"), "butgenbach");
        assert_eq!(fold("LA LOUVIÈRE"), "la louviere");
        assert_eq!(fold("Mont-de-l’Enclus"), "mont-de-l'enclus");
        assert_eq!(fold("Œuvre"), "oeuvre");
    }

    #[test]
    fn fold_covers_latin_extended_a() {
        assert_eq!(fold("Łódź"), "lodz");
        assert_eq!(fold("ŠKODA Dvořák"), "skoda dvorak");
        assert_eq!(fold("Ştefan Ţurcanu"), "stefan turcanu");
        assert_eq!(fold("ĲSSELSTEIN"), "ijsselstein");
        assert_eq!(fold("İzmir ığdır"), "izmir igdir");
        assert_eq!(fold("Œ œ Ÿ"), "oe oe y");
        // Every letter of the block folds to one lower-case ASCII letter, or to two for the
        // ligatures: none keeps its accent or case.
        for c in '\u{100}'..='\u{17f}' {
            let folded = fold(&c.to_string());
            assert!(
                matches!(folded.len(), 1 | 2) && folded.bytes().all(|b| b.is_ascii_lowercase()),
                "{c} → {folded:?}"
            );
        }
    }

    #[test]
    fn word_prefix_matches_inside_compound_names() {
        assert!(has_word_prefix("la louviere", "louv"));
        assert!(has_word_prefix("mont-de-l'enclus", "enclus"));
        assert!(!has_word_prefix("la louviere", "ouvi"));
    }

    #[test]
    fn separator_key_treats_dashes_apostrophes_dots_and_spaces_alike() {
        let expected = "braine l alleud";
        for typed in [
            "Braine-l’Alleud",
            "braine-l'alleud",
            "braine l alleud",
            "braine l'alleud",
            "  Braine – l.  Alleud ",
            "braine/l//alleud",
        ] {
            assert_eq!(separator_key(typed), expected, "{typed}");
        }
    }

    #[test]
    fn separator_key_of_only_separators_is_empty() {
        assert_eq!(separator_key(" - ’ . "), "");
    }

    #[test]
    fn umlauts_are_spelt_as_german_digraphs_only_when_present() {
        assert_eq!(umlauts_as_digraphs("Lüttich").as_deref(), Some("Luettich"));
        assert_eq!(
            umlauts_as_digraphs("Bütgenbach").as_deref(),
            Some("Buetgenbach")
        );
        assert_eq!(umlauts_as_digraphs("Liège"), None);
    }

    #[test]
    fn query_values_are_percent_encoded_byte_by_byte() {
        assert_eq!(query_encode("aide-soignante"), "aide-soignante");
        assert_eq!(query_encode("a&b=c #d"), "a%26b%3Dc%20%23d");
        assert_eq!(query_encode("é"), "%C3%A9");
        assert_eq!(query_encode("\u{1f}~"), "%1F~");
    }

    #[test]
    fn query_pairs_join_with_keys_and_values_encoded() {
        assert_eq!(join_query(Vec::<(&str, String)>::new()), "");
        assert_eq!(
            join_query([("town", "53053"), ("q", "a&b=c"), ("note.1", "été")]),
            "town=53053&q=a%26b%3Dc&note.1=%C3%A9t%C3%A9"
        );
    }
}
