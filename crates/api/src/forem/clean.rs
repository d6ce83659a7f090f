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
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let starts_tag = after
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!');
        match after.find('>') {
            Some(close) if starts_tag => {
                // A tag separates words (`<br>`), so it leaves a space.
                out.push(' ');
                rest = &after[close + 1..];
            }
            _ => {
                out.push('<');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The named entities seen in French job titles, and numeric ones.
fn decode_entities(text: &str) -> String {
    const NAMED: &[(&str, &str)] = &[
        ("amp", "&"),
        ("lt", "<"),
        ("gt", ">"),
        ("quot", "\""),
        ("apos", "'"),
        ("nbsp", " "),
        ("eacute", "é"),
        ("egrave", "è"),
        ("ecirc", "ê"),
        ("agrave", "à"),
        ("acirc", "â"),
        ("ccedil", "ç"),
        ("ocirc", "ô"),
        ("icirc", "î"),
        ("ucirc", "û"),
        ("euro", "€"),
    ];
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let entity = after
            .find(';')
            .filter(|end| *end <= 10)
            .and_then(|end| Some((end, decode_one(&after[..end], NAMED)?)));
        match entity {
            Some((end, decoded)) => {
                out.push(decoded);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn decode_one(name: &str, named: &[(&str, &str)]) -> Option<char> {
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        return char::from_u32(code).filter(|c| !c.is_control() || c.is_whitespace());
    }
    named
        .iter()
        .find(|(n, _)| *n == name)
        .and_then(|(_, s)| s.chars().next())
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
