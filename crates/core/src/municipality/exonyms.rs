//! Names of Walloon towns in other languages that Statbel's list lacks (German "Lüttich" for
//! Liège, "Arel" for Arlon), from `data/exonyms.csv`: people search for the name they know.

use super::{search, Municipality};

const EXONYMS_CSV: &str = include_str!("../../data/exonyms.csv");

/// A municipality's name in a language Statbel gives no name in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exonym {
    pub name: &'static str,
    /// ISO 639-1 code of the language, e.g. `de`.
    pub language: &'static str,
}

/// One row of `exonyms.csv`.
#[derive(Debug)]
struct ExonymRow {
    nis_code: &'static str,
    exonym: Exonym,
}

/// The rows of the file. A line without four non-empty fields is an error, given as the line
/// itself: every name must cite where it is attested (the last field, which may hold commas).
fn parse(csv: &'static str) -> Vec<Result<ExonymRow, &'static str>> {
    csv.lines()
        .skip(1)
        .filter(|line| !line.is_empty())
        .map(|line| match line.splitn(4, ',').collect::<Vec<_>>()[..] {
            [nis_code, name, language, source]
                if [nis_code, name, language, source]
                    .iter()
                    .all(|field| !field.trim().is_empty()) =>
            {
                Ok(ExonymRow {
                    nis_code,
                    exonym: Exonym { name, language },
                })
            }
            _ => Err(line),
        })
        .collect()
}

/// Gives each municipality its exonyms and makes them searchable. Rows that name no
/// municipality are skipped here and reported by the tests.
pub(super) fn attach(municipalities: &mut [Municipality]) {
    for row in parse(EXONYMS_CSV).into_iter().flatten() {
        if let Some(m) = municipalities
            .iter_mut()
            .find(|m| m.nis_code == row.nis_code)
        {
            search::add_keys(&mut m.search_keys, row.exonym.name);
            m.exonyms.push(row.exonym);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::municipality::{all, by_nis};

    /// What is wrong with an exonyms file: malformed rows, empty fields, and codes that are not
    /// those of a Walloon municipality (the exonyms are there for the home-town picker).
    fn problems(csv: &'static str, municipalities: &[Municipality]) -> Vec<String> {
        let mut problems = Vec::new();
        for row in parse(csv) {
            let row = match row {
                Ok(row) => row,
                Err(line) => {
                    problems.push(format!("not four non-empty fields: {line}"));
                    continue;
                }
            };
            let name = row.exonym.name;
            match municipalities.iter().find(|m| m.nis_code == row.nis_code) {
                None => problems.push(format!("{}: no such NIS code ({name})", row.nis_code)),
                Some(m) if !m.is_walloon() => {
                    problems.push(format!("{}: {} is not Walloon", row.nis_code, m.name_fr))
                }
                Some(_) => {}
            }
        }
        problems
    }

    #[test]
    fn every_exonym_names_a_walloon_municipality_and_cites_a_source() {
        assert_eq!(problems(EXONYMS_CSV, all()), Vec::<String>::new());
    }

    #[test]
    fn the_check_rejects_unknown_and_non_walloon_codes_and_rows_without_a_source() {
        let bad = "nis_code,name,language,source\n\
                   99999,Nowhere,de,made up\n\
                   44021,Gent,de,a Flemish town\n\
                   62063,Lüttich\n\
                   62063,Lüttich,de,\n";
        assert_eq!(problems(bad, all()).len(), 4, "{:?}", problems(bad, all()));
    }

    #[test]
    fn every_row_of_the_file_is_attached_to_its_town() {
        let attached: usize = all().iter().map(|m| m.exonyms().len()).sum();
        assert_eq!(attached, parse(EXONYMS_CSV).len());
    }

    #[test]
    fn exonyms_are_exposed_but_not_displayed_as_names() {
        let liege = by_nis("62063").expect("Liège");
        assert!(liege.exonyms().iter().any(|e| e.name == "Lüttich"));
        assert_eq!(liege.names(), vec!["Liège", "Luik"]);
        assert_eq!(liege.name_in("de"), "Liège");
    }
}
