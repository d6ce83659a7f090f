//! The geometry both SVG bar charts share ("one more level", the zone's occupations): one row
//! per bar, its label and count on a baseline above the bar. Heights are in `em` of the chart's
//! font and widths in percent of the row, so the text keeps the page's size on every screen (a
//! scaled viewBox would shrink it on phones; fixed pixels would be small on kiosks).

/// Height of one row (label and count, then the bar).
pub const ROW_EM: f64 = 2.4;
/// The label's baseline, from the row's top.
pub const BASELINE_EM: f64 = 1.0;
/// The bar's top, from the row's top, and its height.
pub const BAR_TOP_EM: f64 = 1.35;
pub const BAR_EM: f64 = 0.75;

/// An SVG length in `em`.
pub fn em(value: f64) -> String {
    format!("{value:.2}em")
}
