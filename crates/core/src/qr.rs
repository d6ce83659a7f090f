//! QR codes drawn by the app itself, as one SVG path: no image, no network call, no HTML built
//! from text. Used for "continue on my phone", kiosk receipts and links that must not leave a kiosk.

use qrcode::{Color, EcLevel, QrCode};

/// Light modules around the code, as the QR standard asks, so phones find its edges.
pub const QUIET_ZONE: usize = 4;

/// A QR code ready to draw: an SVG `viewBox` of `size`×`size` units and a path of dark modules.
#[derive(Debug, Clone, PartialEq)]
pub struct QrDrawing {
    /// Modules per side, quiet zone included.
    pub size: usize,
    /// The dark modules as `M x y h1 v1 h-1 z` runs, one per horizontal run of dark modules.
    pub path: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("text too long for a QR code ({0} bytes)")]
pub struct QrTooLong(pub usize);

/// Encodes `text` (an address, a reference) with medium error correction: a screen at a fair
/// or a photo of a printout still scans with some glare or blur.
pub fn draw(text: &str) -> Result<QrDrawing, QrTooLong> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
        .map_err(|_| QrTooLong(text.len()))?;
    let width = code.width();
    let colors = code.to_colors();
    let mut path = String::new();
    for y in 0..width {
        let row = &colors[y * width..(y + 1) * width];
        let mut x = 0;
        while x < width {
            if row[x] == Color::Dark {
                let start = x;
                while x < width && row[x] == Color::Dark {
                    x += 1;
                }
                let (px, py, run) = (start + QUIET_ZONE, y + QUIET_ZONE, x - start);
                path.push_str(&format!("M{px} {py}h{run}v1h-{run}z"));
            } else {
                x += 1;
            }
        }
    }
    Ok(QrDrawing {
        size: width + 2 * QUIET_ZONE,
        path,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rasterises the path back into modules (it only has the `M x y h n v1 h-n z` runs we
    /// write) and decodes the picture with an independent QR reader.
    fn scan(drawing: &QrDrawing) -> String {
        const SCALE: usize = 4;
        let n = drawing.size;
        let mut dark = vec![false; n * n];
        for run in drawing.path.split('M').filter(|r| !r.is_empty()) {
            let (xy, rest) = run.split_once('h').unwrap();
            let (x, y) = xy.split_once(' ').unwrap();
            let (x, y): (usize, usize) = (x.parse().unwrap(), y.parse().unwrap());
            let len: usize = rest.split_once('v').unwrap().0.parse().unwrap();
            for i in 0..len {
                dark[y * n + x + i] = true;
            }
        }
        let mut image =
            rqrr::PreparedImage::prepare_from_greyscale(n * SCALE, n * SCALE, |x, y| {
                if dark[(y / SCALE) * n + x / SCALE] {
                    0
                } else {
                    255
                }
            });
        let grids = image.detect_grids();
        assert_eq!(grids.len(), 1, "one code found");
        grids[0].decode().unwrap().1
    }

    #[test]
    fn a_drawn_code_scans_back_to_its_text() {
        let url = "https://passerelle.example.be/jobs?town=53053&level=basic&q=aide%20soignante&vacancy=1234&lang=nl";
        assert_eq!(scan(&draw(url).unwrap()), url);
    }

    #[test]
    fn accents_survive_as_utf8() {
        let text = "Passerelle · PAS-2026-000042 · Aide-soignante à Kortrijk";
        assert_eq!(scan(&draw(text).unwrap()), text);
    }

    #[test]
    fn the_drawing_has_a_quiet_zone_and_grows_with_the_text() {
        let short = draw("PAS-1").unwrap();
        let long = draw(&"x".repeat(300)).unwrap();
        assert_eq!(
            short.size,
            21 + 2 * QUIET_ZONE,
            "version 1 is 21 modules wide"
        );
        assert!(long.size > short.size);
        assert!(
            short
                .path
                .starts_with(&format!("M{QUIET_ZONE} {QUIET_ZONE}h7")),
            "finder pattern at the corner"
        );
    }

    #[test]
    fn text_beyond_a_qr_codes_capacity_is_an_error_not_a_panic() {
        assert_eq!(draw(&"x".repeat(5000)), Err(QrTooLong(5000)));
    }
}
