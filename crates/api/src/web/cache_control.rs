//! `Cache-Control` for the app's files. Trunk names what it builds after its content
//! (`passerelle-c07bf375bc4bb25f.js`, `…_bg.wasm`, `main-9f7f8ebaa838f72b.css`): a new build is a
//! new name, so those are cached for a year and never revalidated. Everything else keeps its
//! name across deploys and is revalidated on every load (`no-cache`, answered `304` from
//! `Last-Modified` when unchanged):
//!
//! - `index.html` (also the answer to deep links) and `config.json` name the current build and
//!   deployment; a cached copy would keep a person on the old build or the old API.
//! - Leaflet (`vendor/`), the GeoJSON (`geo/`) and their images are small next to the wasm,
//!   are loaded once per page load (the app never reloads them), and must change with the
//!   build that expects them: a max-age of even an hour could pair a new wasm with an old
//!   Leaflet or an old map outline. A revalidation costs a round trip, no bytes.

use axum::extract::Request;
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

/// A year: the longest `max-age` caches are asked to honour (RFC 9111 suggests no more).
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Stored, but checked with the server before each use.
pub const REVALIDATE: &str = "no-cache";

/// Extensions Trunk hashes: the wasm, its JS glue, and the stylesheets it processes.
const HASHED_EXTENSIONS: [&str; 3] = ["js", "wasm", "css"];

/// True for a file name Trunk derived from the content: `<name>-<hash>[_bg].<js|wasm|css>`,
/// where the hash is a 64-bit number in lower-case hex without leading zeros (so sometimes
/// fewer than 16 digits: `desk-255122ded34a1fd.css`). At least 8 digits, so that a hand-named
/// `leaflet-src.js` or `icon-bad.css` is never taken for one.
pub fn is_content_hashed(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let Some((stem, extension)) = name.rsplit_once('.') else {
        return false;
    };
    if !HASHED_EXTENSIONS.contains(&extension) {
        return false;
    }
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-').is_some_and(|(base, hash)| {
        !base.is_empty()
            && (8..=16).contains(&hash.len())
            && hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
    })
}

/// The policy for a successful answer at `path`.
pub fn policy_for(path: &str) -> &'static str {
    if is_content_hashed(path) {
        IMMUTABLE
    } else {
        REVALIDATE
    }
}

/// Middleware for the app's files. Only answers that carry the file (`200`, `206`, `304`) get
/// a policy: a `404` for a hashed name (say, mid-deploy) must never be kept for a year.
pub async fn set_cache_control(request: Request, next: Next) -> Response {
    let policy = policy_for(request.uri().path());
    let mut response = next.run(request).await;
    let status = response.status();
    if status.is_success() || status == axum::http::StatusCode::NOT_MODIFIED {
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trunks_hashed_names_are_recognised_whatever_the_hash_length() {
        for path in [
            "/passerelle-c07bf375bc4bb25f.js",
            "/passerelle-c07bf375bc4bb25f_bg.wasm",
            "/main-9f7f8ebaa838f72b.css",
            "/level-payoff-e522bdfd23582f95.css",
            // A hash with a leading zero digit dropped: 15 digits.
            "/desk-255122ded34a1fd.css",
        ] {
            assert!(is_content_hashed(path), "{path}");
            assert_eq!(policy_for(path), IMMUTABLE, "{path}");
        }
    }

    #[test]
    fn names_that_only_look_hashed_are_revalidated() {
        for path in [
            "/",
            "/index.html",
            "/config.json",
            "/vacancies/42",
            "/vendor/leaflet/leaflet.js",
            "/vendor/leaflet/leaflet-src.js",
            "/vendor/leaflet/images/marker-icon-2x.png",
            "/geo/regions.geojson",
            "/icon-bad.css",
            "/passerelle-C07BF375BC4BB25F.js",
            "/passerelle-c07bf375bc4bb25f.json",
            "/passerelle-c07bf375bc4bb25f0.js",
            "/-c07bf375bc4bb25f.js",
        ] {
            assert!(!is_content_hashed(path), "{path}");
            assert_eq!(policy_for(path), REVALIDATE, "{path}");
        }
    }
}
