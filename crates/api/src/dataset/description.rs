//! Plain-text Dutch vacancy descriptions, assembled from templates: intro, tasks (taken),
//! profile (profiel) and offer (aanbod), paragraphs separated by blank lines.

use super::occupations::Occupation;
use passerelle_core::api::{ContractType, LanguageRequirement, Regime, VacancySummary};
use passerelle_core::DutchLevel;
use rand::Rng;

const EXPERIENCE: &[&str] = &[
    "Je hebt een eerste ervaring in een gelijkaardige functie, of je bent bereid om bij te leren.",
    "Starters zijn welkom: je krijgt een opleiding op de werkvloer.",
    "Je hebt minstens twee jaar relevante ervaring.",
    "Een diploma in een relevante richting is een plus, maar motivatie telt het meest.",
];

const ATTITUDES: &[&str] = &[
    "Je bent stipt, flexibel en werkt graag in team.",
    "Je werkt nauwkeurig en veilig.",
    "Je bent klantvriendelijk en neemt graag verantwoordelijkheid.",
    "Je bent leergierig en houdt van afwisseling.",
];

const BENEFITS: &[&str] = &[
    "maaltijdcheques",
    "ecocheques",
    "een hospitalisatieverzekering",
    "een fietsvergoeding",
    "opleidingen op maat",
    "een terugbetaling van je treinabonnement",
    "een groepsverzekering",
    "ploegenpremies",
];

/// What the description needs besides the summary.
pub struct DescriptionInput<'a> {
    pub summary: &'a VacancySummary,
    pub occupation: &'a Occupation,
    pub town: &'a str,
    pub languages: &'a [LanguageRequirement],
    pub hours_per_week: f32,
}

pub fn render(rng: &mut impl Rng, input: &DescriptionInput<'_>) -> String {
    let v = input.summary;
    let occupation = input.occupation.title.to_lowercase();
    let intro = if rng.random_bool(0.5) {
        format!(
            "{} zoekt voor zijn vestiging in {} een gemotiveerde {occupation}.",
            v.employer, input.town
        )
    } else {
        format!(
            "Wil jij aan de slag als {occupation} in de regio {}? Dan is {} op zoek naar jou!",
            input.town, v.employer
        )
    };

    let tasks = bullets(input.occupation.tasks.iter().map(|t| (*t).to_owned()));

    // The generated vacancies always state a level; only Le Forem's offers do not.
    let mut profile: Vec<String> = v
        .dutch_level
        .map(|level| dutch_sentence(level).to_owned())
        .into_iter()
        .collect();
    for language in input.languages {
        profile.push(format!(
            "Kennis van het {} is een troef.",
            language_name(&language.language)
        ));
    }
    profile.push(EXPERIENCE[rng.random_range(0..EXPERIENCE.len())].to_owned());
    profile.push(ATTITUDES[rng.random_range(0..ATTITUDES.len())].to_owned());
    if rng.random_bool(0.4) {
        profile.push("Je hebt een rijbewijs B.".to_owned());
    }

    let hours = match v.regime {
        // The generator only draws full and part time.
        Regime::FullTime | Regime::Other => {
            format!("Een voltijdse job ({} uur per week).", input.hours_per_week)
        }
        Regime::PartTime => format!(
            "Een deeltijdse job ({} uur per week).",
            input.hours_per_week
        ),
    };
    let first = rng.random_range(0..BENEFITS.len());
    let second = (first + rng.random_range(1..BENEFITS.len())) % BENEFITS.len();
    let offer = vec![
        contract_sentence(v.contract).to_owned(),
        hours,
        "Een loon volgens het paritair comité, afhankelijk van je ervaring.".to_owned(),
        format!(
            "Extralegale voordelen: {} en {}.",
            BENEFITS[first], BENEFITS[second]
        ),
    ];

    format!(
        "{intro}\n\nJouw taken\n{tasks}\n\nJouw profiel\n{}\n\nOns aanbod\n{}",
        bullets(profile.into_iter()),
        bullets(offer.into_iter())
    )
}

fn bullets(lines: impl Iterator<Item = String>) -> String {
    lines
        .map(|l| format!("- {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn dutch_sentence(level: DutchLevel) -> &'static str {
    match level {
        DutchLevel::None => {
            "Kennis van het Nederlands is niet vereist; je collega's helpen je op weg."
        }
        DutchLevel::Starter => {
            "Je kent enkele woorden Nederlands, genoeg om eenvoudige afspraken te volgen."
        }
        DutchLevel::Basic => "Je begrijpt eenvoudige instructies in het Nederlands.",
        DutchLevel::Medium => {
            "Je spreekt voldoende Nederlands om met collega's over het werk te praten."
        }
        DutchLevel::Good => "Je spreekt en schrijft vlot Nederlands.",
        DutchLevel::VeryGood => "Je beheerst het Nederlands uitstekend, mondeling en schriftelijk.",
    }
}

fn language_name(code: &str) -> &'static str {
    match code {
        "fr" => "Frans",
        "en" => "Engels",
        "de" => "Duits",
        _ => "andere talen",
    }
}

fn contract_sentence(contract: ContractType) -> &'static str {
    match contract {
        ContractType::Permanent => "Een contract van onbepaalde duur.",
        ContractType::FixedTerm => "Een contract van bepaalde duur, met kans op vast werk.",
        ContractType::Interim => "Een interimcontract met uitzicht op een vaste job.",
        ContractType::Apprenticeship => {
            "Een opleidingstraject waarin je werkt en leert (duaal leren)."
        }
        ContractType::Other => "",
    }
}
