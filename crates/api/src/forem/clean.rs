//! The source's free text made fit for the contract, which promises plain text: titles and
//! employer names sometimes carry HTML tags or entities, and a few run to paragraphs.

/// Longest title or employer name served, in characters; longer ones are cut with "…".
pub const MAX_TEXT_CHARS: usize = 200;

/// Plain text: tags removed, the common entities decoded, whitespace runs (and control
/// characters) made single spaces, cut to [`MAX_TEXT_CHARS`].
pub fn plain_text(raw: &str) -> String {
    let without_tags = strip_tags(raw);
    let decoded = decode_entities(&without_tags);
    let mut out = String::with_capacity(decoded.len());
    for word in decoded
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    cut(out)
}

/// Removes `<…>` runs. A `<` not followed by a letter, `/` or `!` is text ("salaire < 3000 €").
fn strip_tags(raw: &str) -> String {
    replace_runs(raw, '<', |after| {
        let starts_tag = after
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!');
        if !starts_tag {
            return None;
        }
        // A tag separates words (`<br>`), so it leaves a space.
        after.find('>').map(|close| (close + 1, ' '))
    })
}

/// The named entities seen in French job titles, and numeric ones.
fn decode_entities(text: &str) -> String {
    const NAMED: &[(&str, char)] = &[
        ("amp", '&'),
        ("lt", '<'),
        ("gt", '>'),
        ("quot", '"'),
        ("apos", '\''),
        ("nbsp", ' '),
        ("eacute", 'é'),
        ("egrave", 'è'),
        ("ecirc", 'ê'),
        ("agrave", 'à'),
        ("acirc", 'â'),
        ("ccedil", 'ç'),
        ("ocirc", 'ô'),
        ("icirc", 'î'),
        ("ucirc", 'û'),
        ("euro", '€'),
    ];
    replace_runs(text, '&', |after| {
        let end = after.find(';').filter(|end| *end <= 10)?;
        Some((end + 1, decode_one(&after[..end], NAMED)?))
    })
}

/// `text` with each run that starts at `marker` and that `replace` recognises (given the text
/// after the marker, it answers how many bytes of it the run takes, and the character to put
/// instead) replaced; a marker it does not recognise stays as text.
fn replace_runs(
    text: &str,
    marker: char,
    replace: impl Fn(&str) -> Option<(usize, char)>,
) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(marker) {
        out.push_str(&rest[..at]);
        let after = &rest[at + marker.len_utf8()..];
        match replace(after) {
            Some((taken, replacement)) => {
                out.push(replacement);
                rest = after.get(taken..).unwrap_or_default();
            }
            None => {
                out.push(marker);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn decode_one(name: &str, named: &[(&str, char)]) -> Option<char> {
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        return char::from_u32(code).filter(|c| !c.is_control() || c.is_whitespace());
    }
    named.iter().find(|(n, _)| *n == name).map(|(_, c)| *c)
}

fn cut(text: String) -> String {
    match text.char_indices().nth(MAX_TEXT_CHARS - 1) {
        Some((at, _)) => format!("{}…", text[..at].trim_end()),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_go_and_entities_are_decoded() {
        assert_eq!(
            plain_text("<b>Magasinier</b>&nbsp;(h/f)<br/>Cari&#233;riste &amp; r&eacute;ception"),
            "Magasinier (h/f) Cariériste & réception"
        );
    }

    #[test]
    fn a_lone_angle_bracket_or_ampersand_is_text() {
        assert_eq!(
            plain_text("Salaire < 3000 € & primes"),
            "Salaire < 3000 € & primes"
        );
        assert_eq!(plain_text("R&D <3"), "R&D <3");
    }

    #[test]
    fn a_very_long_title_is_cut_to_the_limit_with_an_ellipsis() {
        let long = "Opérateur de production ".repeat(50);
        let cleaned = plain_text(&long);
        assert_eq!(cleaned.chars().count(), MAX_TEXT_CHARS);
        assert!(cleaned.ends_with('…'));
    }

    #[test]
    fn control_characters_and_newlines_become_single_spaces() {
        assert_eq!(plain_text("  Soudeur\n\tTIG\u{0}MIG  "), "Soudeur TIG MIG");
    }
}
