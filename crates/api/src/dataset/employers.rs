//! Plausible Flemish employer names: a sector pattern around a common Flemish surname, a saint's
//! name or a Flemish place.

use super::occupations::Sector;
use rand::Rng;

const SURNAMES: &[&str] = &[
    "Peeters",
    "Janssens",
    "Maes",
    "Jacobs",
    "Mertens",
    "Willems",
    "Claes",
    "Goossens",
    "Wouters",
    "De Smet",
    "Vermeulen",
    "Van den Broeck",
    "Hermans",
    "Aerts",
    "Pauwels",
    "Michiels",
    "Desmet",
    "De Backer",
    "Verhoeven",
    "Van Damme",
    "Declercq",
    "Lambrechts",
    "Vandenberghe",
    "Martens",
    "Cools",
    "Smets",
    "Verstraete",
    "Coppens",
    "Vermeersch",
    "Wuyts",
    "Van de Velde",
    "Bogaerts",
    "Van Dyck",
    "Leemans",
    "Stevens",
    "Segers",
    "Thijs",
    "Hendrickx",
    "Verbeke",
    "De Cock",
    "Bosmans",
    "Vercammen",
    "Baert",
    "Deprez",
    "Vanhoutte",
    "Geerts",
    "Van Acker",
    "Dhondt",
];

const PATRONS: &[&str] = &[
    "Sint-Jozef",
    "Sint-Vincentius",
    "Sint-Elisabeth",
    "Sint-Jan",
    "Heilig Hart",
    "Sint-Lucas",
    "Sint-Maarten",
    "Sint-Augustinus",
    "Sint-Franciscus",
    "Onze-Lieve-Vrouw",
    "Sint-Anna",
];

const HOUSE_NAMES: &[&str] = &[
    "De Linde",
    "De Eik",
    "Het Anker",
    "De Brug",
    "De Regenboog",
    "Zonnebloem",
    "De Vlinder",
    "Het Kompas",
    "De Horizon",
    "De Notelaar",
    "'t Hoveke",
    "De Wingerd",
    "Ter Heide",
    "De Klaproos",
];

fn one<'a>(rng: &mut impl Rng, list: &[&'a str]) -> &'a str {
    list[rng.random_range(0..list.len())]
}

/// An employer name for a vacancy of `sector` in the municipality named `town`.
pub fn employer_name(rng: &mut impl Rng, sector: Sector, town: &str) -> String {
    let s = one(rng, SURNAMES);
    let patron = one(rng, PATRONS);
    let house = one(rng, HOUSE_NAMES);
    let patterns: &[String] = &match sector {
        Sector::Construction => [
            format!("Bouwbedrijf {s}"),
            format!("{s} Bouw NV"),
            format!("Installatiebedrijf {s} BV"),
            format!("Renovatie {s}"),
        ],
        Sector::Care => [
            format!("WZC {patron}"),
            format!("AZ {patron}"),
            format!("Woonzorgcentrum {house}"),
            format!("Thuisverpleging {town}"),
        ],
        Sector::Education => [
            format!("{patron}college"),
            format!("Basisschool {house}"),
            format!("GO! Atheneum {town}"),
            format!("Vrije Basisschool {patron}"),
        ],
        Sector::Childcare => [
            format!("Kinderdagverblijf {house}"),
            format!("Kinderopvang {s}"),
            format!("Buitenschoolse opvang {house}"),
            format!("Kinderdagverblijf 't Kriebeltje {town}"),
        ],
        Sector::Logistics => [
            format!("{s} Logistics NV"),
            format!("Distributiecentrum {town}"),
            format!("Transport {s} NV"),
            format!("{s} Warehousing BV"),
        ],
        Sector::Transport => [
            format!("Transport {s} NV"),
            format!("Transportbedrijf {s} & Zonen"),
            format!("{s} Koeriers BV"),
            format!("Autocars {s}"),
        ],
        Sector::Industry => [
            format!("Metaalwerken {s}"),
            format!("Staalbouw {s} NV"),
            format!("{s} Technics BV"),
            format!("{s} & Zonen NV"),
        ],
        Sector::Hospitality => [
            format!("Brasserie {house}"),
            format!("Restaurant {house}"),
            format!("Hotel {town}"),
            format!("Traiteur {s}"),
        ],
        Sector::Bakery => [
            format!("Bakkerij {s}"),
            format!("Brood- en banketbakkerij {s}"),
            format!("Bakkerij {house}"),
            format!("{s} Bakery NV"),
        ],
        Sector::Butchery => [
            format!("Slagerij {s}"),
            format!("Keurslager {s}"),
            format!("Vleesverwerking {s} NV"),
            format!("Slagerij-traiteur {house}"),
        ],
        Sector::Horticulture => [
            format!("Tuinbouwbedrijf {s}"),
            format!("Fruitbedrijf {s}"),
            format!("Serres {s} BV"),
            format!("Groenteteelt {s}"),
        ],
        Sector::Cleaning => [
            format!("Schoonmaakbedrijf {s}"),
            format!("{s} Cleaning BV"),
            format!("Dienstenchequebedrijf {house}"),
            format!("Poetsdienst {town}"),
        ],
        Sector::Retail => [
            format!("{s} Retail NV"),
            format!("Supermarkt {s}"),
            format!("Tuincentrum {s}"),
            format!("Technische Handel {s} BV"),
        ],
        Sector::Ict => [
            format!("{s} Digital BV"),
            format!("Softwarehuis {s}"),
            format!("{town} IT Solutions NV"),
            format!("Webbureau {house}"),
        ],
        Sector::Office => [
            format!("Boekhoudkantoor {s}"),
            format!("Accountancy {s} & Partners"),
            format!("Sociaal Secretariaat {s}"),
            format!("Verzekeringen {s}"),
        ],
    };
    patterns[rng.random_range(0..patterns.len())].clone()
}
