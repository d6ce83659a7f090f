//! The occupations vacancies are drawn from: VDAB bottleneck occupations (knelpuntberoepen) and a
//! few common non-bottleneck ones, with ISCO-08 codes and the Dutch level employers typically ask.

/// The kind of employer an occupation is found at (drives employer names and the offer).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sector {
    Construction,
    Care,
    Education,
    Childcare,
    Logistics,
    Transport,
    Industry,
    Hospitality,
    Bakery,
    Butchery,
    Horticulture,
    Cleaning,
    Retail,
    Ict,
    Office,
}

/// How much Dutch an occupation typically needs; each profile is a distribution over the six levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DutchProfile {
    /// Warehouse, cleaning, production: many vacancies ask little Dutch.
    Low,
    /// Technical trades and transport.
    Mid,
    /// Care, teaching and office work with clients: good Dutch is the rule.
    High,
}

impl DutchProfile {
    pub const ALL: [DutchProfile; 3] = [DutchProfile::Low, DutchProfile::Mid, DutchProfile::High];

    /// Share of all vacancies, in percent. With the level weights below the overall spread is
    /// about none 6 %, starter 8 %, basic 14 %, medium 22 %, good 30 %, very good 20 %.
    pub const fn share(self) -> u32 {
        match self {
            DutchProfile::Low => 25,
            DutchProfile::Mid => 45,
            DutchProfile::High => 30,
        }
    }

    /// Weights (percent) of none, starter, basic, medium, good, very good (`DutchLevel::ALL` order).
    pub const fn level_weights(self) -> [u32; 6] {
        match self {
            DutchProfile::Low => [15, 18, 25, 22, 14, 6],
            DutchProfile::Mid => [4, 7, 14, 26, 32, 17],
            DutchProfile::High => [1, 2, 5, 17, 40, 35],
        }
    }
}

/// One occupation.
#[derive(Debug, Clone, Copy)]
pub struct Occupation {
    /// Dutch job title as VDAB lists it.
    pub title: &'static str,
    /// ISCO-08 unit group (4 digits).
    pub isco: &'static str,
    pub bottleneck: bool,
    pub sector: Sector,
    pub dutch: DutchProfile,
    /// Relative frequency within its Dutch profile.
    pub weight: u32,
    /// Share of part-time vacancies, in percent.
    pub part_time_percent: u32,
    /// Task sentences for the description ("Jouw taken").
    pub tasks: &'static [&'static str],
}

// A table-row constructor: named fields on every row would triple the table's length.
#[allow(clippy::too_many_arguments)]
const fn occ(
    title: &'static str,
    isco: &'static str,
    bottleneck: bool,
    sector: Sector,
    dutch: DutchProfile,
    weight: u32,
    part_time_percent: u32,
    tasks: &'static [&'static str],
) -> Occupation {
    Occupation {
        title,
        isco,
        bottleneck,
        sector,
        dutch,
        weight,
        part_time_percent,
        tasks,
    }
}

use DutchProfile::{High, Low, Mid};
use Sector::*;

/// Every occupation of the generator.
// One row per occupation reads as a table; rustfmt would spread each over a dozen lines.
#[rustfmt::skip]
pub const OCCUPATIONS: &[Occupation] = &[
    // Low Dutch profile.
    occ("Magazijnier", "4321", true, Logistics, Low, 10, 10, &[
        "Je ontvangt goederen, controleert ze en slaat ze correct op.",
        "Je verzamelt bestellingen en maakt ze klaar voor verzending.",
        "Je houdt het magazijn netjes en veilig.",
    ]),
    occ("Heftruckchauffeur", "8344", true, Logistics, Low, 8, 5, &[
        "Je laadt en lost vrachtwagens met de heftruck of reachtruck.",
        "Je brengt paletten naar de juiste locatie in het magazijn.",
        "Je voert dagelijks een veiligheidscontrole van je heftruck uit.",
    ]),
    occ("Orderpicker", "9334", false, Logistics, Low, 8, 15, &[
        "Je verzamelt producten met een handscanner volgens de pickorder.",
        "Je stapelt de bestellingen stevig op paletten.",
    ]),
    occ("Poetshulp", "9111", true, Cleaning, Low, 8, 70, &[
        "Je poetst bij klanten thuis met dienstencheques.",
        "Je doet de was, strijkt en houdt de woning proper.",
    ]),
    occ("Schoonmaker", "9112", true, Cleaning, Low, 7, 50, &[
        "Je reinigt kantoren, sanitair en gemeenschappelijke ruimtes.",
        "Je werkt volgens een vast schoonmaakplan met professionele machines.",
    ]),
    occ("Productieoperator", "8189", true, Industry, Low, 9, 5, &[
        "Je bedient en bewaakt productielijnen.",
        "Je voert kwaliteitscontroles uit en noteert de resultaten.",
        "Je lost kleine storingen zelf op.",
    ]),
    occ("Productiemedewerker", "9329", false, Industry, Low, 7, 10, &[
        "Je verpakt en controleert producten aan de lijn.",
        "Je werkt in ploegen in een team van collega's.",
    ]),
    occ("Afwasser", "9412", true, Hospitality, Low, 4, 40, &[
        "Je zorgt voor de afwas en houdt de keuken proper.",
        "Je helpt de koks bij eenvoudige voorbereidingen.",
    ]),
    occ("Verhuizer", "9333", false, Transport, Low, 3, 10, &[
        "Je draagt meubels en dozen veilig van en naar de verhuiswagen.",
        "Je demonteert en monteert meubels bij de klant.",
    ]),
    occ("Seizoensarbeider tuinbouw", "9214", false, Horticulture, Low, 4, 30, &[
        "Je oogst groenten en fruit in serres en op het veld.",
        "Je sorteert en verpakt de oogst.",
    ]),
    // Mid Dutch profile.
    occ("Lasser", "7212", true, Industry, Mid, 8, 3, &[
        "Je last stalen constructies volgens plan (MIG/MAG of TIG).",
        "Je leest technische tekeningen en controleert je laswerk.",
    ]),
    occ("Elektrotechnicus", "7411", true, Construction, Mid, 8, 3, &[
        "Je installeert elektrische installaties in woningen en gebouwen.",
        "Je zoekt storingen op en herstelt ze.",
        "Je werkt volgens het AREI.",
    ]),
    occ("Onderhoudstechnicus", "7233", true, Industry, Mid, 8, 3, &[
        "Je voert preventief en correctief onderhoud uit aan machines.",
        "Je analyseert storingen, zowel mechanisch als elektrisch.",
        "Je stelt verbeteringen voor om stilstand te beperken.",
    ]),
    occ("Schrijnwerker", "7522", true, Construction, Mid, 5, 3, &[
        "Je maakt en plaatst ramen, deuren en maatwerk in hout.",
        "Je werkt in het atelier en op de werf.",
    ]),
    occ("Loodgieter", "7126", true, Construction, Mid, 5, 3, &[
        "Je plaatst sanitaire installaties en leidingen.",
        "Je herstelt lekken en verstoppingen bij klanten.",
    ]),
    occ("Dakwerker", "7121", true, Construction, Mid, 4, 2, &[
        "Je legt platte en hellende daken.",
        "Je werkt veilig op hoogte volgens de voorschriften.",
    ]),
    occ("Metselaar", "7112", true, Construction, Mid, 5, 2, &[
        "Je metselt muren in baksteen en snelbouw.",
        "Je werkt mee aan nieuwbouw- en renovatieprojecten.",
    ]),
    occ("Vrachtwagenchauffeur", "8332", true, Transport, Mid, 9, 5, &[
        "Je vervoert goederen in binnen- en buitenland.",
        "Je laadt en lost bij klanten en vult de documenten correct in.",
    ]),
    occ("Bestelwagenchauffeur", "8322", true, Transport, Mid, 4, 20, &[
        "Je levert pakjes en goederen bij klanten in de regio.",
        "Je plant je ronde efficiënt met een scanner en navigatie.",
    ]),
    occ("Buschauffeur", "8331", true, Transport, Mid, 3, 20, &[
        "Je vervoert reizigers veilig en stipt op vaste lijnen.",
        "Je helpt reizigers met vragen over hun rit.",
    ]),
    occ("Bakker", "7512", true, Bakery, Mid, 3, 15, &[
        "Je bakt brood, koffiekoeken en gebak.",
        "Je werkt vroeg in de ochtend in een ambachtelijk atelier.",
    ]),
    occ("Slager", "7511", true, Butchery, Mid, 3, 15, &[
        "Je versnijdt en bereidt vlees voor de toonbank.",
        "Je helpt klanten en geeft advies.",
    ]),
    occ("Kok", "5120", true, Hospitality, Mid, 5, 25, &[
        "Je bereidt gerechten volgens de kaart en de dagschotel.",
        "Je bewaakt de hygiëne en de voorraad in de keuken.",
    ]),
    occ("Kelner", "5131", true, Hospitality, Mid, 4, 45, &[
        "Je ontvangt gasten, neemt bestellingen op en serveert.",
        "Je rekent af en houdt de zaal verzorgd.",
    ]),
    occ("CNC-operator", "7223", true, Industry, Mid, 5, 2, &[
        "Je stelt CNC-draai- en freesmachines in en bedient ze.",
        "Je meet stukken na met precisie-instrumenten.",
    ]),
    occ("Monteur", "8219", true, Industry, Mid, 5, 3, &[
        "Je assembleert machines en onderdelen volgens plan.",
        "Je test de afgewerkte installaties.",
    ]),
    occ("Koeltechnicus", "7127", true, Construction, Mid, 3, 2, &[
        "Je installeert en onderhoudt koel- en klimaatinstallaties.",
        "Je werkt met koudemiddelen volgens de milieuregels.",
    ]),
    occ("Autotechnicus", "7231", true, Industry, Mid, 4, 3, &[
        "Je onderhoudt en herstelt personenwagens.",
        "Je stelt diagnoses met elektronische testapparatuur.",
    ]),
    occ("Tegelzetter", "7122", true, Construction, Mid, 2, 2, &[
        "Je plaatst vloer- en wandtegels in woningen.",
        "Je effent ondergronden en werkt netjes af.",
    ]),
    occ("Schilder", "7131", true, Construction, Mid, 3, 5, &[
        "Je schildert binnen- en buitenmuren, ramen en deuren.",
        "Je bereidt ondergronden voor en plaatst behang.",
    ]),
    occ("Ontwikkelaar", "2512", true, Ict, Mid, 5, 5, &[
        "Je ontwikkelt en onderhoudt webtoepassingen.",
        "Je werkt in een agile team en schrijft geautomatiseerde tests.",
    ]),
    occ("Verkoper", "5223", false, Retail, Mid, 6, 45, &[
        "Je helpt klanten in de winkel en geeft advies.",
        "Je vult rekken aan en bedient de kassa.",
    ]),
    // High Dutch profile.
    occ("Verpleegkundige", "2221", true, Care, High, 10, 35, &[
        "Je staat in voor de verpleegkundige zorg van patiënten.",
        "Je werkt nauw samen met artsen en zorgkundigen.",
        "Je registreert de zorg in het elektronisch patiëntendossier.",
    ]),
    occ("Zorgkundige", "5321", true, Care, High, 9, 50, &[
        "Je helpt bewoners bij hun dagelijkse verzorging.",
        "Je observeert en rapporteert aan de verpleegkundige.",
    ]),
    occ("Leerkracht secundair onderwijs", "2330", true, Education, High, 6, 40, &[
        "Je geeft les aan leerlingen van het secundair onderwijs.",
        "Je bereidt lessen voor en volgt je leerlingen op.",
    ]),
    occ("Leerkracht lager onderwijs", "2341", true, Education, High, 5, 30, &[
        "Je staat voor een klas in het lager onderwijs.",
        "Je werkt samen met ouders en het zorgteam.",
    ]),
    occ("Kinderbegeleider", "5311", true, Childcare, High, 6, 40, &[
        "Je zorgt voor baby's en peuters in de opvang.",
        "Je biedt een warme en veilige omgeving en praat met de ouders.",
    ]),
    occ("Boekhouder", "3313", true, Office, High, 5, 20, &[
        "Je verwerkt aankoop- en verkoopfacturen.",
        "Je bereidt btw-aangiftes en jaarafsluitingen voor.",
    ]),
    occ("Logistiek bediende", "4323", true, Logistics, High, 4, 10, &[
        "Je plant transporten en volgt leveringen op.",
        "Je bent het aanspreekpunt voor klanten en chauffeurs.",
    ]),
    occ("Technisch-commercieel medewerker", "3322", true, Retail, High, 4, 5, &[
        "Je adviseert klanten over technische producten.",
        "Je maakt offertes en volgt ze op.",
    ]),
    occ("Opvoeder-begeleider", "3412", true, Care, High, 3, 40, &[
        "Je begeleidt jongeren of volwassenen met een beperking.",
        "Je organiseert activiteiten en werkt met een handelingsplan.",
    ]),
    occ("Apotheekassistent", "3213", true, Care, High, 2, 40, &[
        "Je helpt klanten aan de toonbank en geeft advies.",
        "Je beheert de voorraad geneesmiddelen.",
    ]),
    occ("Administratief medewerker", "4110", false, Office, High, 6, 35, &[
        "Je verwerkt documenten en houdt dossiers bij.",
        "Je beantwoordt telefoons en e-mails.",
    ]),
    occ("Receptionist", "4226", false, Office, High, 3, 40, &[
        "Je ontvangt bezoekers en beantwoordt de telefoon.",
        "Je beheert de agenda en de vergaderzalen.",
    ]),
    occ("Callcentermedewerker", "4222", false, Office, High, 3, 40, &[
        "Je beantwoordt vragen van klanten aan de telefoon en via chat.",
        "Je registreert elk gesprek in het klantensysteem.",
    ]),
];

/// The occupations of one Dutch profile.
pub fn of_profile(profile: DutchProfile) -> impl Iterator<Item = &'static Occupation> {
    OCCUPATIONS.iter().filter(move |o| o.dutch == profile)
}

#[cfg(test)]
mod names_tests {
    use super::OCCUPATIONS;

    #[test]
    fn the_app_has_a_name_for_every_occupation_of_the_generated_data() {
        // The desk shows and searches occupations by name; a code without one would show bare.
        for o in OCCUPATIONS {
            let names = passerelle_core::occupation::names_of(o.isco)
                .unwrap_or_else(|| panic!("no name for {} ({})", o.isco, o.title));
            assert_eq!(names.nl, o.title, "Dutch name of {}", o.isco);
        }
    }
}
