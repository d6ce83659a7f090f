//! CSV files for Excel as Belgian offices set it up (fr-BE, nl-BE), shared by every export:
//! - UTF-8 with a byte-order mark, or Excel reads "Liège" as "LiÃ¨ge";
//! - `;` between fields: Excel in these locales splits on the list separator `;`, not `,`;
//! - a decimal comma ("12,5"), so Excel reads a number it can sort and sum (with "12.5" it
//!   guesses a date or text). The comma is safe because `;` separates fields;
//! - CRLF line ends (RFC 4180); fields with `;`, quotes or line breaks quoted by the csv crate.

/// Byte-order mark: tells Excel the file is UTF-8.
pub const UTF8_BOM: &str = "\u{feff}";

/// The CSV text of `records` (rows may differ in length: a header block above a table).
pub fn excel_csv<R, F>(records: impl IntoIterator<Item = R>) -> String
where
    R: IntoIterator<Item = F>,
    F: AsRef<[u8]>,
{
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .flexible(true)
        .from_writer(Vec::from(UTF8_BOM.as_bytes()));
    for record in records {
        // Writing to memory has no I/O to fail.
        writer
            .write_record(record)
            .expect("writing CSV to memory cannot fail");
    }
    let bytes = writer
        .into_inner()
        .expect("flushing CSV to memory cannot fail");
    String::from_utf8(bytes).expect("CSV of UTF-8 fields is UTF-8")
}

/// One decimal, decimal comma: `12,5`.
pub fn decimal_comma(x: f64) -> String {
    format!("{x:.1}").replace('.', ",")
}

/// Text from employers, counsellors or a deployment, made inert for a spreadsheet: a cell
/// that starts with `=`, `+`, `-`, `@` or a tab is a formula to Excel ("CSV injection"), so
/// it gets a leading apostrophe, which Excel shows as text.
pub fn cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}
