//! The Content-Security-Policy for the app's pages. `index.html` has two inline scripts: the one
//! that asks for `config.json` early and Trunk's wasm loader, whose file names change with every
//! build. So their hashes are computed here from the `index.html` actually served; the tile
//! server and an API on another origin come from the same `config.json` the app reads, so one
//! build serves any deployment with a strict policy.

use sha2::{Digest, Sha256};

/// `'sha256-…'` sources for every inline `<script>` in `html` (scripts with `src` need none).
fn inline_script_hashes(html: &str) -> Vec<String> {
    let mut hashes = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after = &rest[start..];
        let Some(tag_end) = after.find('>') else {
            break;
        };
        let tag = &after[..tag_end];
        let body_and_more = &after[tag_end + 1..];
        let Some(close) = body_and_more.find("</script>") else {
            break;
        };
        if !tag.contains(" src=") {
            let digest = Sha256::digest(&body_and_more.as_bytes()[..close]);
            hashes.push(format!("'sha256-{}'", base64(&digest)));
        }
        rest = &body_and_more[close..];
    }
    hashes
}

/// Standard base64 with padding (CSP hashes use it); small enough not to need a crate.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The scheme and host of an absolute URL template (`https://{s}.tile.example/{z}/…` →
/// `https://*.tile.example`); `None` for relative URLs, which `'self'` covers.
fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    if scheme != "https" && scheme != "http" {
        return None;
    }
    let host = rest.split('/').next()?.replace("{s}", "*");
    let valid = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-.:*".contains(c));
    valid.then(|| format!("{scheme}://{host}"))
}

/// The policy for an app whose page is `index_html` and whose runtime config is `config_json`.
pub fn content_security_policy(index_html: &str, config_json: &str) -> String {
    let config: serde_json::Value = serde_json::from_str(config_json).unwrap_or_default();
    let origin_from = |key: &str| config.get(key).and_then(|v| v.as_str()).and_then(origin_of);
    let scripts = inline_script_hashes(index_html).join(" ");
    let tiles = origin_from("tile_url")
        .map(|o| format!(" {o}"))
        .unwrap_or_default();
    let api = origin_from("api_base")
        .map(|o| format!(" {o}"))
        .unwrap_or_default();
    format!(
        "default-src 'none'; script-src 'self' 'wasm-unsafe-eval' {scripts}; style-src 'self'; \
         img-src 'self' data:{tiles}; connect-src 'self'{api}; base-uri 'none'; form-action 'self'; \
         frame-ancestors 'none'"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_rfc_4648_test_vectors() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn inline_scripts_are_hashed_and_external_ones_are_not() {
        let html =
            "<script src=\"/vendor/leaflet.js\"></script><script type=\"module\">alert(1)</script>";
        // sha256("alert(1)") in base64, as a browser reports it in a CSP violation.
        assert_eq!(
            inline_script_hashes(html),
            vec!["'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='".to_owned()]
        );
    }

    #[test]
    fn tile_and_api_origins_are_allowed_and_nothing_else() {
        let config = r#"{"api_base":"https://api.example.be/v1","tile_url":"https://{s}.tile.example.org/{z}/{x}/{y}.png"}"#;
        let csp = content_security_policy("", config);
        assert!(
            csp.contains("img-src 'self' data: https://*.tile.example.org;"),
            "{csp}"
        );
        assert!(
            csp.contains("connect-src 'self' https://api.example.be;"),
            "{csp}"
        );
        assert!(csp.starts_with("default-src 'none'"));
    }

    #[test]
    fn relative_api_and_no_tiles_allow_only_self() {
        let csp = content_security_policy("", r#"{"api_base":"/api/v1","tile_url":null}"#);
        assert!(csp.contains("img-src 'self' data:;"), "{csp}");
        assert!(csp.contains("connect-src 'self';"), "{csp}");
    }

    #[test]
    fn a_hostile_config_cannot_inject_policy_directives() {
        let csp = content_security_policy("", r#"{"tile_url":"https://x; script-src *"}"#);
        assert!(!csp.contains("script-src *"), "{csp}");
    }
}
