//! Occupation names for the ISCO-08 codes the vacancies carry: the API gives only the code
//! (`occupation_code`), and a counsellor searches and reads occupations by name.
//!
//! The names are the job titles as Forem and VDAB use them for the occupations in the
//! stand-in's data (one job title per ISCO unit group), not ISCO's own group names; they were
//! written for Passerelle. A code without a name here (real data may carry any ISCO code) is
//! shown as the code itself.

/// One occupation's names, in the app's four languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OccupationNames {
    /// ISCO-08 unit group (4 digits).
    pub code: &'static str,
    pub fr: &'static str,
    pub nl: &'static str,
    pub de: &'static str,
    pub en: &'static str,
}

impl OccupationNames {
    /// The name in `lang` (`fr`, `nl`, `de`, `en`), French for any other.
    pub fn name_in(&self, lang: &str) -> &'static str {
        match lang {
            "nl" => self.nl,
            "de" => self.de,
            "en" => self.en,
            _ => self.fr,
        }
    }
}

const fn names(
    code: &'static str,
    fr: &'static str,
    nl: &'static str,
    de: &'static str,
    en: &'static str,
) -> OccupationNames {
    OccupationNames {
        code,
        fr,
        nl,
        de,
        en,
    }
}

/// Every named occupation, sorted by code (looked up by binary search).
// One row per occupation reads as a table.
#[rustfmt::skip]
pub const OCCUPATIONS: &[OccupationNames] = &[
    names("2221", "Infirmier·ère", "Verpleegkundige", "Pflegefachkraft", "Nurse"),
    names("2330", "Enseignant·e du secondaire", "Leerkracht secundair onderwijs", "Lehrkraft Sekundarschule", "Secondary school teacher"),
    names("2341", "Instituteur·rice primaire", "Leerkracht lager onderwijs", "Grundschullehrkraft", "Primary school teacher"),
    names("2512", "Développeur·se informatique", "Ontwikkelaar", "Softwareentwickler·in", "Software developer"),
    names("3213", "Assistant·e en pharmacie", "Apotheekassistent", "Pharmazeutisch-technische·r Assistent·in", "Pharmacy assistant"),
    names("3313", "Comptable", "Boekhouder", "Buchhalter·in", "Accountant"),
    names("3322", "Technico-commercial·e", "Technisch-commercieel medewerker", "Technische·r Vertriebsmitarbeiter·in", "Technical sales representative"),
    names("3412", "Éducateur·rice", "Opvoeder-begeleider", "Erzieher·in", "Social educator"),
    names("4110", "Employé·e administratif·ve", "Administratief medewerker", "Verwaltungsangestellte·r", "Administrative assistant"),
    names("4222", "Téléconseiller·ère", "Callcentermedewerker", "Callcenter-Agent·in", "Call centre agent"),
    names("4226", "Réceptionniste", "Receptionist", "Empfangsmitarbeiter·in", "Receptionist"),
    names("4321", "Magasinier·ère", "Magazijnier", "Lagerist·in", "Warehouse worker"),
    names("4323", "Employé·e logistique", "Logistiek bediende", "Logistikangestellte·r", "Logistics clerk"),
    names("5120", "Cuisinier·ère", "Kok", "Koch/Köchin", "Cook"),
    names("5131", "Serveur·se", "Kelner", "Kellner·in", "Waiter"),
    names("5223", "Vendeur·se", "Verkoper", "Verkäufer·in", "Shop assistant"),
    names("5311", "Puériculteur·rice", "Kinderbegeleider", "Kinderbetreuer·in", "Childcare worker"),
    names("5321", "Aide-soignant·e", "Zorgkundige", "Pflegehelfer·in", "Care assistant"),
    names("7112", "Maçon·ne", "Metselaar", "Maurer·in", "Bricklayer"),
    names("7121", "Couvreur·se", "Dakwerker", "Dachdecker·in", "Roofer"),
    names("7122", "Carreleur·se", "Tegelzetter", "Fliesenleger·in", "Tiler"),
    names("7126", "Plombier·ère", "Loodgieter", "Installateur·in (Sanitär)", "Plumber"),
    names("7127", "Frigoriste", "Koeltechnicus", "Kältetechniker·in", "Refrigeration technician"),
    names("7131", "Peintre en bâtiment", "Schilder", "Maler·in", "Painter and decorator"),
    names("7212", "Soudeur·se", "Lasser", "Schweißer·in", "Welder"),
    names("7223", "Opérateur·rice CNC", "CNC-operator", "CNC-Bediener·in", "CNC operator"),
    names("7231", "Mécanicien·ne automobile", "Autotechnicus", "Kfz-Mechatroniker·in", "Car mechanic"),
    names("7233", "Technicien·ne de maintenance", "Onderhoudstechnicus", "Instandhaltungstechniker·in", "Maintenance technician"),
    names("7411", "Électricien·ne", "Elektrotechnicus", "Elektriker·in", "Electrician"),
    names("7511", "Boucher·ère", "Slager", "Metzger·in", "Butcher"),
    names("7512", "Boulanger·ère", "Bakker", "Bäcker·in", "Baker"),
    names("7522", "Menuisier·ère", "Schrijnwerker", "Tischler·in", "Joiner"),
    names("8189", "Opérateur·rice de production", "Productieoperator", "Produktionsbediener·in", "Production operator"),
    names("8219", "Monteur·se", "Monteur", "Monteur·in", "Assembler"),
    names("8322", "Chauffeur·se-livreur·se", "Bestelwagenchauffeur", "Lieferfahrer·in", "Van driver"),
    names("8331", "Chauffeur·se de bus", "Buschauffeur", "Busfahrer·in", "Bus driver"),
    names("8332", "Chauffeur·se poids lourd", "Vrachtwagenchauffeur", "Lkw-Fahrer·in", "Truck driver"),
    names("8344", "Cariste", "Heftruckchauffeur", "Staplerfahrer·in", "Forklift driver"),
    names("9111", "Aide ménager·ère", "Poetshulp", "Haushaltshilfe", "Domestic cleaner"),
    names("9112", "Nettoyeur·se", "Schoonmaker", "Reinigungskraft", "Office cleaner"),
    names("9214", "Ouvrier·ère saisonnier·ère en horticulture", "Seizoensarbeider tuinbouw", "Saisonarbeiter·in Gartenbau", "Seasonal horticulture worker"),
    names("9329", "Ouvrier·ère de production", "Productiemedewerker", "Produktionshelfer·in", "Production worker"),
    names("9333", "Déménageur·se", "Verhuizer", "Umzugshelfer·in", "Mover"),
    names("9334", "Préparateur·rice de commandes", "Orderpicker", "Kommissionierer·in", "Order picker"),
    names("9412", "Plongeur·se", "Afwasser", "Spülkraft", "Dishwasher"),
];

/// The names of an occupation code, when Passerelle knows it.
pub fn names_of(code: &str) -> Option<&'static OccupationNames> {
    OCCUPATIONS
        .binary_search_by(|o| o.code.cmp(code))
        .ok()
        .map(|i| &OCCUPATIONS[i])
}

/// What to show for an occupation code in `lang`: its name, or the code when it has none.
pub fn occupation_label(code: &str, lang: &str) -> String {
    names_of(code).map_or_else(|| code.to_owned(), |n| n.name_in(lang).to_owned())
}

/// What to show for a vacancy's occupation in `lang`: the code's name when it has a code, else
/// the source's own name (in the source's language), else nothing.
pub fn vacancy_occupation(v: &crate::api::VacancySummary, lang: &str) -> String {
    match (&v.occupation_code, &v.occupation_label) {
        (Some(code), _) => occupation_label(code, lang),
        (None, Some(label)) => label.to_string(),
        (None, None) => String::new(),
    }
}

/// [`vacancy_occupation`] for a row of the zone table.
pub fn row_occupation(row: &crate::zone::OccupationRow, lang: &str) -> String {
    match &row.source_label {
        Some(label) if row.code.is_empty() => label.clone(),
        _ => occupation_label(&row.code, lang),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_vacancy_without_a_code_shows_the_source_name() {
        let coded = crate::fixtures::vacancy(1);
        assert_eq!(
            vacancy_occupation(&coded, "fr"),
            occupation_label("7212", "fr")
        );
        let forem = crate::api::VacancySummary {
            occupation_code: None,
            occupation_label: Some("Soudeur".into()),
            ..coded
        };
        assert_eq!(vacancy_occupation(&forem, "nl"), "Soudeur");
    }

    #[test]
    fn the_table_is_sorted_by_code_without_duplicates_so_lookups_find_every_row() {
        assert!(OCCUPATIONS.windows(2).all(|w| w[0].code < w[1].code));
        for o in OCCUPATIONS {
            assert_eq!(names_of(o.code), Some(o));
            assert!(o.code.len() == 4 && o.code.bytes().all(|b| b.is_ascii_digit()));
            for name in [o.fr, o.nl, o.de, o.en] {
                assert!(!name.trim().is_empty(), "{}", o.code);
            }
        }
    }

    #[test]
    fn a_code_without_a_name_is_shown_as_itself() {
        assert_eq!(occupation_label("8332", "fr"), "Chauffeur·se poids lourd");
        assert_eq!(occupation_label("8332", "nl"), "Vrachtwagenchauffeur");
        assert_eq!(occupation_label("8332", "xx"), "Chauffeur·se poids lourd");
        assert_eq!(occupation_label("0110", "fr"), "0110");
    }
}
