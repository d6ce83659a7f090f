//! The zone table as a CSV file for Excel (see [`crate::spreadsheet`]), headed by what it
//! counts: area, radius, filters, dataset date and attribution, so a file forwarded alone
//! still says what it is.

use super::count::{OccupationRow, ZoneSort, ZoneTable};
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
    /// The header of the column of vacancies that state no Dutch level.
    pub unstated: String,
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
    name: impl Fn(&OccupationRow) -> String,
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
    .chain([labels.unstated.clone(), labels.total.clone()])
    .map(|l| cell(&l))
    .collect::<Vec<_>>();
    let rows = table.rows(sort, &name).into_iter().map(|row| {
        [
            cell(&name(row)),
            row.code.clone(),
            if row.bottleneck {
                cell(&labels.yes)
            } else {
                String::new()
            },
        ]
        .into_iter()
        .chain(row.by_level.iter().map(u32::to_string))
        .chain([row.unstated.to_string(), row.total().to_string()])
        .collect::<Vec<_>>()
    });
    let totals = [cell(&labels.totals), String::new(), String::new()]
        .into_iter()
        .chain(table.by_level().iter().map(u32::to_string))
        .chain([table.unstated().to_string(), table.total().to_string()])
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
        let mut items: Vec<_> = (1..=5)
            .map(|i| crate::api::VacancySummary {
                lat: 50.5,
                lon: 3.9,
                occupation_code: Some(if i < 4 { "7212" } else { "8322" }.into()),
                dutch_level: Some(DutchLevel::ALL[i as usize]),
                bottleneck: i < 4,
                ..vacancy(i)
            })
            .collect();
        // A Le Forem offer: no ISCO code, no level.
        items.push(crate::api::VacancySummary {
            lat: 50.5,
            lon: 3.9,
            occupation_code: None,
            occupation_label: Some("Soudeur".into()),
            dutch_level: None,
            dutch_unstated: Some(crate::api::DutchUnstated::DutchAsked),
            ..vacancy(6)
        });
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
            unstated: "not stated".into(),
            total: "Total".into(),
            totals: "Total".into(),
            share: "Accessible (%)".into(),
        };
        let text = zone_csv(count.table(), ZoneSort::default(), &labels, |r| {
            r.source_label
                .clone()
                .unwrap_or_else(|| format!("name of {}", r.code))
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
            "Métier;Code;Pénurie;none;starter;basic;medium;good;very_good;not stated;Total"
        );
        assert_eq!(lines[4], "name of 7212;7212;oui;0;1;1;1;0;0;0;3");
        assert_eq!(lines[5], "name of 8322;8322;;0;0;0;0;1;1;0;2");
        assert_eq!(lines[6], "Soudeur;;;0;0;0;0;0;0;1;1");
        assert_eq!(lines[7], "Total;;;0;1;1;1;1;1;1;6");
        assert_eq!(
            lines[8], "Accessible (%);;;0,0;16,7;33,3;50,0;66,7;83,3",
            "an offer stating no level is never counted as reachable"
        );
    }
}
