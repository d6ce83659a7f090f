//! The zone table as a CSV file for Excel (see [`crate::spreadsheet`]), headed by what it
//! counts: area, radius, filters, dataset date and attribution, so a file forwarded alone
//! still says what it is.

use super::count::{ZoneSort, ZoneTable};
use crate::dutch::DutchLevel;
use crate::spreadsheet::{cell, decimal_comma, excel_csv};

/// Every label of the file, translated by the app.
#[derive(Debug, Clone, Default)]
pub struct ZoneCsvLabels {
    /// `(label, value)` lines above the table: area, radius, filters, dataset date, source…
    pub about: Vec<(String, String)>,
    pub occupation: String,
    pub code: String,
    pub bottleneck: String,
    /// What the bottleneck column says for a bottleneck occupation (empty otherwise).
    pub yes: String,
    /// Column headers, lowest level first.
    pub levels: [String; 6],
    pub total: String,
    /// The label of the totals row.
    pub totals: String,
    /// The label of the row of shares reachable at each level, in percent.
    pub share: String,
}

/// The CSV text: the `about` block, a blank line, then the table in `sort` order with its
/// totals and shares. `name` gives an occupation's name in the file's language.
pub fn zone_csv(
    table: &ZoneTable,
    sort: ZoneSort,
    labels: &ZoneCsvLabels,
    name: impl Fn(&str) -> String,
) -> String {
    let about = labels
        .about
        .iter()
        .map(|(label, value)| vec![cell(label), cell(value)]);
    let header = [
        labels.occupation.clone(),
        labels.code.clone(),
        labels.bottleneck.clone(),
    ]
    .into_iter()
    .chain(labels.levels.iter().cloned())
    .chain([labels.total.clone()])
    .map(|l| cell(&l))
    .collect::<Vec<_>>();
    let rows = table.rows(sort, &name).into_iter().map(|row| {
        [
            cell(&name(&row.code)),
            row.code.clone(),
            if row.bottleneck {
                cell(&labels.yes)
            } else {
                String::new()
            },
        ]
        .into_iter()
        .chain(row.by_level.iter().map(u32::to_string))
        .chain([row.total().to_string()])
        .collect::<Vec<_>>()
    });
    let totals = [cell(&labels.totals), String::new(), String::new()]
        .into_iter()
        .chain(table.by_level().iter().map(u32::to_string))
        .chain([table.total().to_string()])
        .collect::<Vec<_>>();
    let shares = [cell(&labels.share), String::new(), String::new()]
        .into_iter()
        .chain(
            DutchLevel::ALL
                .iter()
                .map(|&l| decimal_comma(100.0 * table.share_reachable(l))),
        )
        .collect::<Vec<_>>();
    excel_csv(
        about
            .chain([vec![String::new(); 2], header])
            .chain(rows)
            .chain([totals, shares]),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filter::VacancyFilter;
    use crate::fixtures::vacancy;
    use crate::spreadsheet::UTF8_BOM;
    use crate::zone::count::{ZoneCount, ZoneReach};
    use crate::LatLon;

    #[test]
    fn the_file_states_what_it_counts_and_its_totals_add_up() {
        let mons = LatLon::new(50.4542, 3.9523);
        let items: Vec<_> = (1..=5)
            .map(|i| crate::api::VacancySummary {
                lat: 50.5,
                lon: 3.9,
                occupation_code: if i < 4 { "7212" } else { "8322" }.into(),
                dutch_level: DutchLevel::ALL[i as usize],
                bottleneck: i < 4,
                ..vacancy(i)
            })
            .collect();
        let mut count = ZoneCount::new(ZoneReach::new(&[mons], 60.0), VacancyFilter::default());
        count.extend(&items);
        let labels = ZoneCsvLabels {
            about: vec![
                ("Zone".into(), "Centre (indicative)".into()),
                ("Filters".into(), "=cmd".into()),
            ],
            occupation: "Métier".into(),
            code: "Code".into(),
            bottleneck: "Pénurie".into(),
            yes: "oui".into(),
            levels: DutchLevel::ALL.map(|l| l.as_str().to_owned()),
            total: "Total".into(),
            totals: "Total".into(),
            share: "Accessible (%)".into(),
        };
        let text = zone_csv(count.table(), ZoneSort::default(), &labels, |c| {
            format!("name of {c}")
        });
        let body = text.strip_prefix(UTF8_BOM).expect("a BOM");
        let lines: Vec<&str> = body.split("\r\n").collect();
        assert_eq!(lines[0], "Zone;Centre (indicative)");
        assert_eq!(lines[1], "Filters;'=cmd", "a formula is made inert");
        assert_eq!(
            lines[2], ";",
            "a blank line (csv writes an empty record as \"\")"
        );
        assert_eq!(
            lines[3],
            "Métier;Code;Pénurie;none;starter;basic;medium;good;very_good;Total"
        );
        assert_eq!(lines[4], "name of 7212;7212;oui;0;1;1;1;0;0;3");
        assert_eq!(lines[5], "name of 8322;8322;;0;0;0;0;1;1;2");
        assert_eq!(lines[6], "Total;;;0;1;1;1;1;1;5");
        assert_eq!(lines[7], "Accessible (%);;;0,0;20,0;40,0;60,0;80,0;100,0");
    }
}
