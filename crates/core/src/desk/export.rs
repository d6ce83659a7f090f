//! The shortlist as a CSV file the counsellor opens in Excel or attaches to the file.
//!
//! Written for Excel as Belgian offices set it up: see [`crate::spreadsheet`].
//!
//! The core has no translations: the app passes every header and value label through
//! [`ExportLabels`], whose one method per column kind the compiler makes it complete.

use super::shortlist::ResolvedShortlist;
use super::state::DeskState;
use crate::api::{ApplyMode, ContractType, DutchAsk, Regime, VacancySummary};
use crate::municipality::Municipality;
use crate::spreadsheet::{cell, decimal_comma, excel_csv};
use crate::station;

/// A column of the export, in file order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExportColumn {
    Id,
    Title,
    Employer,
    Place,
    /// The chosen home town the distance is measured from (with several towns it matters).
    NearestTown,
    DistanceKm,
    NearestStation,
    DutchLevel,
    Contract,
    Regime,
    /// "Apply in Passerelle" or the employer's application address.
    HowToApply,
    /// What the person quotes when they call or write: the vacancy number as the API gives it
    /// (the API has no separate reference yet; when it has, this column takes it).
    Reference,
    Note,
}

impl ExportColumn {
    /// Every column, in file order: the header and each row follow it.
    pub const ALL: [ExportColumn; 13] = [
        ExportColumn::Id,
        ExportColumn::Title,
        ExportColumn::Employer,
        ExportColumn::Place,
        ExportColumn::NearestTown,
        ExportColumn::DistanceKm,
        ExportColumn::NearestStation,
        ExportColumn::DutchLevel,
        ExportColumn::Contract,
        ExportColumn::Regime,
        ExportColumn::HowToApply,
        ExportColumn::Reference,
        ExportColumn::Note,
    ];
}

/// The words of the export in the counsellor's language, given by the app.
pub trait ExportLabels {
    /// The language of station and town names (`nl` or else French).
    fn lang(&self) -> &str;
    /// The header of `column`.
    fn column(&self, column: ExportColumn) -> String;
    /// What a vacancy asks of Dutch, as the app shows it (a level, or why none is stated).
    fn dutch(&self, ask: DutchAsk) -> String;
    /// The name of a contract type.
    fn contract(&self, contract: ContractType) -> String;
    /// The name of a working-time regime.
    fn regime(&self, regime: Regime) -> String;
    /// "How to apply" for a vacancy that takes applications in Passerelle.
    fn apply_in_app(&self) -> String;
    /// "How to apply" for an employer-site vacancy whose address is not loaded.
    fn apply_on_employer_site(&self) -> String;
}

/// One shortlisted vacancy with what the export adds to it.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportRow<'a> {
    pub vacancy: &'a VacancySummary,
    /// The nearest chosen town that reaches it, and the distance in km.
    pub nearest_town: Option<(&'static Municipality, f64)>,
    pub note: Option<&'a str>,
    /// The employer's application page, from the vacancy's detail (`apply_url`).
    pub apply_url: Option<&'a str>,
}

impl DeskState {
    /// The export rows of the shortlist's loaded vacancies, in shortlist order. `apply_url`
    /// gives the employer address of a vacancy whose detail the app has loaded.
    pub fn export_rows<'a>(
        &self,
        resolved: &ResolvedShortlist<'a>,
        apply_url: impl Fn(u32) -> Option<&'a str>,
    ) -> Vec<ExportRow<'a>> {
        resolved
            .found
            .iter()
            .map(|(entry, vacancy)| ExportRow {
                vacancy,
                nearest_town: self
                    .nearest_town(vacancy.location())
                    .map(|(town, km)| (town.municipality, km)),
                note: entry.note.as_deref(),
                apply_url: apply_url(vacancy.id),
            })
            .collect()
    }
}

/// The CSV text of the shortlist: BOM, header row, one row per vacancy (see the module doc).
pub fn shortlist_csv(rows: &[ExportRow<'_>], labels: &impl ExportLabels) -> String {
    excel_csv(
        std::iter::once(ExportColumn::ALL.map(|c| labels.column(c)))
            .chain(rows.iter().map(|row| record(row, labels))),
    )
}

fn record(row: &ExportRow<'_>, labels: &impl ExportLabels) -> [String; 13] {
    let v = row.vacancy;
    let lang = labels.lang();
    ExportColumn::ALL.map(|column| match column {
        ExportColumn::Id | ExportColumn::Reference => v.id.to_string(),
        ExportColumn::Title => cell(&v.title),
        ExportColumn::Employer => cell(&v.employer),
        ExportColumn::Place => cell(&v.place),
        ExportColumn::NearestTown => row
            .nearest_town
            .map(|(town, _)| town.name_in(lang).to_owned())
            .unwrap_or_default(),
        ExportColumn::DistanceKm => row
            .nearest_town
            .map(|(_, km)| decimal_comma(km))
            .unwrap_or_default(),
        ExportColumn::NearestStation => station::nearest(v.location())
            .map(|(s, _)| s.name_in(lang).to_owned())
            .unwrap_or_default(),
        ExportColumn::DutchLevel => labels.dutch(v.dutch()),
        // A label the source used that maps to no type is more telling than "other".
        ExportColumn::Contract => match (v.contract, &v.contract_label) {
            (ContractType::Other, Some(label)) => cell(label),
            (contract, _) => labels.contract(contract),
        },
        ExportColumn::Regime => match (v.regime, &v.regime_label) {
            (Regime::Other, Some(label)) => cell(label),
            (regime, _) => labels.regime(regime),
        },
        ExportColumn::HowToApply => match (v.apply_mode, row.apply_url) {
            (ApplyMode::InApp, _) => labels.apply_in_app(),
            (ApplyMode::External, Some(url)) => cell(url),
            (ApplyMode::External, None) => labels.apply_on_employer_site(),
        },
        ExportColumn::Note => row.note.map(cell).unwrap_or_default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::desk::shortlist::Shortlist;
    use crate::fixtures::vacancy;
    use crate::municipality;

    struct French;

    impl ExportLabels for French {
        fn lang(&self) -> &str {
            "fr"
        }
        fn column(&self, column: ExportColumn) -> String {
            format!("col {column:?}")
        }
        fn dutch(&self, ask: DutchAsk) -> String {
            match ask {
                DutchAsk::Level(level) => format!("néerlandais {level}"),
                DutchAsk::Unstated(why) => format!("néerlandais {why:?}"),
            }
        }
        fn contract(&self, contract: ContractType) -> String {
            contract.as_str().to_uppercase()
        }
        fn regime(&self, regime: Regime) -> String {
            regime.as_str().to_uppercase()
        }
        fn apply_in_app(&self) -> String {
            "Postuler dans Passerelle".into()
        }
        fn apply_on_employer_site(&self) -> String {
            "Sur le site de l'employeur".into()
        }
    }

    fn vacancies() -> Vec<VacancySummary> {
        vec![
            VacancySummary {
                title: "Lasser; TIG \"senior\"\nploegen".into(),
                employer: "=HYPERLINK(\"http://evil\")".into(),
                place: "Kortrijk".into(),
                ..vacancy(4711)
            },
            VacancySummary {
                apply_mode: ApplyMode::External,
                ..vacancy(12)
            },
            VacancySummary {
                apply_mode: ApplyMode::External,
                ..vacancy(9)
            },
        ]
    }

    fn export(items: &[VacancySummary]) -> String {
        let mut state = DeskState::default();
        state
            .add_town(municipality::by_nis("57081").unwrap(), 60)
            .unwrap();
        let mut shortlist = Shortlist::default();
        for v in items {
            shortlist.add(v.id).unwrap();
        }
        shortlist.set_note(4711, "appeler; dire \"Passerelle\"");
        state.shortlist = shortlist;
        let resolved = state
            .shortlist
            .resolve(|id| items.iter().find(|v| v.id == id), true);
        let url = "https://jobs.example.be/apply?id=12&src=passerelle";
        let rows = state.export_rows(&resolved, |id| (id == 12).then_some(url));
        shortlist_csv(&rows, &French)
    }

    fn read(text: &str) -> Vec<Vec<String>> {
        let body = text
            .strip_prefix(crate::spreadsheet::UTF8_BOM)
            .expect("starts with a BOM");
        csv::ReaderBuilder::new()
            .delimiter(b';')
            .has_headers(false)
            .from_reader(body.as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(str::to_owned).collect())
            .collect()
    }

    #[test]
    fn the_file_starts_with_a_bom_and_has_a_header_and_one_row_per_vacancy() {
        let text = export(&vacancies());
        assert!(text.as_bytes().starts_with(&[0xEF, 0xBB, 0xBF]));
        let records = read(&text);
        assert_eq!(records.len(), 4);
        assert_eq!(records[0][0], "col Id");
        assert_eq!(records[0][12], "col Note");
        assert!(records.iter().all(|r| r.len() == ExportColumn::ALL.len()));
        let ids: Vec<&str> = records[1..].iter().map(|r| r[0].as_str()).collect();
        assert_eq!(ids, ["4711", "12", "9"], "shortlist order");
        assert!(text.contains("\r\n"));
    }

    #[test]
    fn separators_quotes_and_line_breaks_inside_fields_survive() {
        let text = export(&vacancies());
        assert!(
            text.contains("\"Lasser; TIG \"\"senior\"\"\nploegen\""),
            "quoted, quotes doubled: {text}"
        );
        let row = &read(&text)[1];
        assert_eq!(row[1], "Lasser; TIG \"senior\"\nploegen");
        assert_eq!(row[12], "appeler; dire \"Passerelle\"");
    }

    #[test]
    fn each_column_holds_the_labelled_value() {
        let records = read(&export(&vacancies()));
        let row = &records[1];
        assert_eq!(row[3], "Kortrijk");
        assert_eq!(row[4], "Tournai");
        assert_eq!(row[6], "Courtrai", "station in the counsellor's language");
        assert_eq!(row[7], "néerlandais basic");
        assert_eq!(row[8], "PERMANENT");
        assert_eq!(row[9], "FULL_TIME");
        assert_eq!(row[10], "Postuler dans Passerelle");
        assert_eq!(row[11], "4711");
        assert_eq!(
            records[2][10],
            "https://jobs.example.be/apply?id=12&src=passerelle"
        );
        assert_eq!(records[3][10], "Sur le site de l'employeur");
        assert_eq!(records[3][12], "", "no note");
    }

    #[test]
    fn distances_have_one_decimal_and_a_decimal_comma() {
        let row = &read(&export(&vacancies()))[1];
        let km = row[5].as_str();
        assert!(km.contains(',') && !km.contains('.'), "{km}");
        let (whole, decimals) = km.split_once(',').unwrap();
        assert_eq!(decimals.len(), 1);
        let value: f64 = format!("{whole}.{decimals}").parse().unwrap();
        let tournai = municipality::by_nis("57081").unwrap().location;
        let exact = crate::geo::haversine_km(tournai, vacancy(4711).location());
        assert!((value - exact).abs() <= 0.05, "{value} for {exact}");
        assert_eq!(decimal_comma(12.46), "12,5");
    }

    #[test]
    fn text_that_excel_would_run_as_a_formula_is_made_inert() {
        let row = &read(&export(&vacancies()))[1];
        assert_eq!(row[2], "'=HYPERLINK(\"http://evil\")");
        assert_eq!(cell("-5"), "'-5");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("Lasser"), "Lasser");
    }

    #[test]
    fn an_empty_shortlist_gives_the_header_alone() {
        let records = read(&shortlist_csv(&[], &French));
        assert_eq!(records.len(), 1);
    }
}
