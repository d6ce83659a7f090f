//! The shortlist as a CSV file: the core writes it (`shortlist_csv`), this module gives it
//! the counsellor's words and hands it to the browser as a download.

use super::Desk;
use crate::i18n::*;
use crate::labels::{contract_name, level_name, regime_name};
use crate::vacancies::{Detail, VacancyDetails};
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use passerelle_core::api::{ContractType, Regime};
use passerelle_core::desk::{shortlist_csv, ExportColumn, ExportLabels};
use passerelle_core::DutchLevel;
use wasm_bindgen::JsCast;

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

    fn dutch_level(&self, level: DutchLevel) -> String {
        level_name(self.i18n, level)
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
    if let Err(e) = download(&csv) {
        leptos::logging::error!("CSV download failed: {e:?}");
    }
}

/// A `Blob` behind an object URL, clicked through a temporary `<a download>`; the URL is
/// revoked a little later, once the browser has surely read it.
fn download(csv: &str) -> Result<(), wasm_bindgen::JsValue> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(csv));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/csv;charset=utf-8");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let link: web_sys::HtmlAnchorElement = document().create_element("a")?.unchecked_into();
    link.set_href(&url);
    link.set_download(FILE_NAME);
    link.click();
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(10),
    );
    Ok(())
}
