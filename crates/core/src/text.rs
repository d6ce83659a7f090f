//! Text folding for search: case- and accent-insensitive matching of Belgian place names and keywords.

/// Lower-cases `s`, strips the diacritics of Latin letters and folds apostrophes and dashes,
/// so that "Écaussinnes", "ecaussinnes" and "ECAUSSINNES" compare equal.
///
/// A small table instead of full Unicode normalisation: it covers every letter in Belgian
/// place names and Dutch/French/German text, and keeps the wasm bundle free of normalisation tables.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => {
                out.push('a')
            }
            'æ' | 'Æ' => out.push_str("ae"),
            'ç' | 'Ç' => out.push('c'),
            'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => out.push('e'),
            'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => out.push('i'),
            'ñ' | 'Ñ' => out.push('n'),
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => {
                out.push('o')
            }
            'œ' | 'Œ' => out.push_str("oe"),
            'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => out.push('u'),
            'ý' | 'ÿ' | 'Ý' | 'Ÿ' => out.push('y'),
            'ß' => out.push_str("ss"),
            '’' | '‘' | '`' | '´' => out.push('\''),
            '‐' | '‑' | '–' | '—' => out.push('-'),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// True when `haystack` starts a word with `needle`; both must already be folded.
/// Words are split on spaces, hyphens, apostrophes and parentheses ("la louvière" matches "louv").
pub fn has_word_prefix(haystack: &str, needle: &str) -> bool {
    haystack
        .split([' ', '-', '\'', '(', ')', '/'])
        .any(|word| word.starts_with(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_strips_accents_and_case() {
        assert_eq!(fold("Écaussinnes"), "ecaussinnes");
        assert_eq!(fold("Bütgenbach"), "butgenbach");
        assert_eq!(fold("LA LOUVIÈRE"), "la louviere");
        assert_eq!(fold("Mont-de-l’Enclus"), "mont-de-l'enclus");
        assert_eq!(fold("Œuvre"), "oeuvre");
    }

    #[test]
    fn word_prefix_matches_inside_compound_names() {
        assert!(has_word_prefix("la louviere", "louv"));
        assert!(has_word_prefix("mont-de-l'enclus", "enclus"));
        assert!(!has_word_prefix("la louviere", "ouvi"));
    }
}
