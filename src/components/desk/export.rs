//! The shortlist as a CSV file: the core writes it (`shortlist_csv`), this module gives it
//! the counsellor's words and hands it to the browser as a download.

use super::Desk;
use crate::components::download::download_csv;
use crate::i18n::*;
use crate::labels::{contract_name, dutch_ask_name, regime_name};
use crate::vacancies::{Detail, VacancyDetails};
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use passerelle_core::api::{ContractType, DutchAsk, Regime};
use passerelle_core::desk::{shortlist_csv, ExportColumn, ExportLabels};

/// The file name offered by the browser.
const FILE_NAME: &str = "passerelle-shortlist.csv";

/// The export's words in the interface language.
pub struct DeskExportLabels {
    i18n: I18nContext<Locale>,
}

impl ExportLabels for DeskExportLabels {
    fn lang(&self) -> &str {
        locale_code(self.i18n.get_locale_untracked())
    }

    fn column(&self, column: ExportColumn) -> String {
        let i18n = self.i18n;
        match column {
            ExportColumn::Id => t_string!(i18n, csv_id),
            ExportColumn::Title => t_string!(i18n, col_title),
            ExportColumn::Employer => t_string!(i18n, csv_employer),
            ExportColumn::Place => t_string!(i18n, csv_place),
            ExportColumn::NearestTown => t_string!(i18n, col_town),
            ExportColumn::DistanceKm => t_string!(i18n, csv_distance),
            ExportColumn::NearestStation => t_string!(i18n, csv_station),
            ExportColumn::DutchLevel => t_string!(i18n, col_level),
            ExportColumn::Contract => t_string!(i18n, col_contract),
            ExportColumn::Regime => t_string!(i18n, csv_regime),
            ExportColumn::HowToApply => t_string!(i18n, csv_how_to_apply),
            ExportColumn::Reference => t_string!(i18n, csv_reference),
            ExportColumn::Note => t_string!(i18n, csv_note),
        }
        .to_string()
    }

    fn dutch(&self, ask: DutchAsk) -> String {
        dutch_ask_name(self.i18n, ask)
    }

    fn contract(&self, contract: ContractType) -> String {
        contract_name(self.i18n, contract)
    }

    fn regime(&self, regime: Regime) -> String {
        regime_name(self.i18n, regime)
    }

    fn apply_in_app(&self) -> String {
        t_string!(self.i18n, csv_apply_in_app).to_string()
    }

    fn apply_on_employer_site(&self) -> String {
        t_string!(self.i18n, csv_apply_employer).to_string()
    }
}

/// Builds the CSV of the shortlist's loaded vacancies and offers it as a download; the
/// employer's address comes from the vacancies fetched in full.
pub fn download_shortlist_csv(i18n: I18nContext<Locale>, desk: Desk, details: VacancyDetails) {
    let labels = DeskExportLabels { i18n };
    let csv = desk.state.with_untracked(|s| {
        desk.load.state.with_untracked(|l| {
            details.by_id.with_untracked(|by_id| {
                let resolved = s
                    .shortlist
                    .resolve(|id| l.vacancies.by_id(id), l.is_complete());
                let apply_url = |id| match by_id.get(&id) {
                    Some(Detail::Loaded(d)) => d.apply_url.as_deref(),
                    _ => None,
                };
                shortlist_csv(&s.export_rows(&resolved, apply_url), &labels)
            })
        })
    });
    download_csv(&csv, FILE_NAME);
}
