//! The generated dataset: N open vacancies in Flemish municipalities, deterministic for a seed.
//!
//! Every vacancy draws from its own ChaCha8 stream (seed, stream = id), so a vacancy does not
//! depend on the ones before it, and its description (rendered on request from a second stream)
//! needs no storage: 200,000 vacancies would otherwise hold some 150 MB of text.

mod description;
mod employers;
pub mod occupations;
mod pick;
mod places;

use crate::calendar::Date;
use occupations::{DutchProfile, Occupation};
use passerelle_core::api::{
    ApplyMode, ContractType, LanguageRequirement, Regime, VacancyDetail, VacancySummary,
};
use passerelle_core::DutchLevel;
use pick::Weighted;
use places::Places;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Publication dates count back from this fixed day, not from today, so a seed always gives the
/// same dataset.
pub const REFERENCE_DATE: Date = Date::new(2026, 11, 30);
/// Vacancies were published within this many days before [`REFERENCE_DATE`].
pub const PUBLICATION_WINDOW_DAYS: u32 = 60;
/// Share of vacancies that take applications through the API, in percent.
pub const IN_APP_PERCENT: u32 = 70;

/// Distinguishes the description streams from the vacancy streams of the same seed.
const DESCRIPTION_SALT: u64 = 0x6465_7363_7269_7074;

/// What a detail needs beyond the summary: drawn by the generator, or read from a source.
enum Extra {
    Generated(VacancyExtra),
    Imported(ImportedDetail),
}

/// The detail fields of a vacancy from a real source, as served.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedDetail {
    pub description: String,
    pub content_language: String,
    pub languages: Vec<LanguageRequirement>,
    pub hours_per_week: Option<f32>,
    pub apply_url: Option<String>,
}

/// What a generated detail needs beyond the summary, kept compact.
struct VacancyExtra {
    occupation: &'static Occupation,
    town: &'static str,
    languages: Vec<LanguageRequirement>,
    hours_per_week: f32,
}

/// The immutable vacancies the API serves: generated (ids 1 to N) or imported from a source.
///
/// Storage starts in id order; an index may reorder it (see [`Dataset::reorder_by`]) so that
/// neighbours sit next to each other in memory. Look vacancies up by id with [`Dataset::summary`].
pub struct Dataset {
    seed: u64,
    /// Says which data this is, for search fingerprints: a cursor of one dataset is refused by
    /// another (a new sync replaces the whole set).
    identity: String,
    summaries: Vec<VacancySummary>,
    extras: Vec<Extra>,
    /// Storage slot of each id (`slots[id - 1]`); `NO_SLOT` where an imported set has no such id.
    slots: Vec<u32>,
}

const NO_SLOT: u32 = u32::MAX;

/// The weighted tables, built once per generation.
struct Tables {
    places: Places,
    profiles: Weighted<DutchProfile>,
    occupations: [Weighted<&'static Occupation>; 3],
    levels: [Weighted<DutchLevel>; 3],
    contracts: Weighted<ContractType>,
}

impl Tables {
    fn new() -> Self {
        let by_profile =
            |p: DutchProfile| Weighted::new(occupations::of_profile(p).map(|o| (o, o.weight)));
        let levels =
            |p: DutchProfile| Weighted::new(DutchLevel::ALL.into_iter().zip(p.level_weights()));
        let [low, mid, high] = DutchProfile::ALL;
        Self {
            places: Places::flanders(),
            profiles: Weighted::new(DutchProfile::ALL.map(|p| (p, p.share()))),
            occupations: [by_profile(low), by_profile(mid), by_profile(high)],
            levels: [levels(low), levels(mid), levels(high)],
            contracts: Weighted::new([
                (ContractType::Permanent, 58),
                (ContractType::FixedTerm, 14),
                (ContractType::Interim, 24),
                (ContractType::Apprenticeship, 4),
            ]),
        }
    }
}

impl Dataset {
    /// Generates `count` vacancies from `seed`.
    pub fn generate(count: u32, seed: u64) -> Self {
        let tables = Tables::new();
        let (summaries, extras) = (1..=count)
            .map(|id| {
                let (summary, extra) = generate_one(&tables, seed, id);
                (summary, Extra::Generated(extra))
            })
            .unzip();
        Self {
            seed,
            identity: format!("{seed}:{count}"),
            summaries,
            extras,
            slots: (0..count).collect(),
        }
    }

    /// A dataset of vacancies from a real source, with their ids (unique, from 1; gaps allowed).
    /// `identity` must differ from every other dataset's this process serves.
    pub fn imported(identity: String, rows: Vec<(VacancySummary, ImportedDetail)>) -> Self {
        let max_id = rows.iter().map(|(s, _)| s.id).max().unwrap_or(0);
        let mut slots = vec![NO_SLOT; usize::try_from(max_id).unwrap_or(0)];
        for (slot, (summary, _)) in (0u32..).zip(&rows) {
            if let Some(entry) = slot_index(summary.id).and_then(|i| slots.get_mut(i)) {
                *entry = slot;
            }
        }
        let (summaries, extras) = rows
            .into_iter()
            .map(|(summary, detail)| (summary, Extra::Imported(detail)))
            .unzip();
        Self {
            seed: 0,
            identity,
            summaries,
            extras,
            slots,
        }
    }

    /// The offers of a Le Forem sync, with the ids they are served under.
    pub fn from_forem(identity: String, stored: crate::forem::store::Stored) -> Self {
        use crate::forem::serve;
        Self::imported(
            identity,
            stored
                .iter()
                .map(|(id, offer)| (serve::summary(*id, offer), serve::detail(offer)))
                .collect(),
        )
    }

    /// Which data this is (see the field).
    pub fn identity(&self) -> &str {
        &self.identity
    }

    /// Reorders storage by `key` (ids and contents are unchanged).
    pub fn reorder_by<K: Ord>(&mut self, key: impl Fn(&VacancySummary) -> K) {
        let mut rows: Vec<(VacancySummary, Extra)> = std::mem::take(&mut self.summaries)
            .into_iter()
            .zip(std::mem::take(&mut self.extras))
            .collect();
        rows.sort_by_cached_key(|(summary, _)| key(summary));
        (self.summaries, self.extras) = rows.into_iter().unzip();
        for (slot, summary) in (0u32..).zip(&self.summaries) {
            if let Some(entry) = slot_index(summary.id).and_then(|i| self.slots.get_mut(i)) {
                *entry = slot;
            }
        }
    }

    /// Where vacancy `id` is stored.
    fn slot(&self, id: u32) -> Option<usize> {
        let slot = *self.slots.get(slot_index(id)?)?;
        (slot != NO_SLOT)
            .then(|| usize::try_from(slot).ok())
            .flatten()
    }

    pub fn len(&self) -> usize {
        self.summaries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.summaries.is_empty()
    }

    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// Every vacancy, in storage order (id order unless reordered).
    pub fn summaries(&self) -> &[VacancySummary] {
        &self.summaries
    }

    pub fn summary(&self, id: u32) -> Option<&VacancySummary> {
        self.summaries.get(self.slot(id)?)
    }

    /// The full vacancy, its description rendered now.
    pub fn detail(&self, id: u32) -> Option<VacancyDetail> {
        let slot = self.slot(id)?;
        let summary = self.summaries.get(slot)?;
        let extra = match self.extras.get(slot)? {
            Extra::Generated(extra) => extra,
            Extra::Imported(detail) => {
                return Some(VacancyDetail {
                    summary: summary.clone(),
                    description: detail.description.clone(),
                    content_language: detail.content_language.clone(),
                    languages: detail.languages.clone(),
                    hours_per_week: detail.hours_per_week,
                    apply_url: detail.apply_url.clone(),
                })
            }
        };
        let mut rng = stream(self.seed ^ DESCRIPTION_SALT, id);
        let description = description::render(
            &mut rng,
            &description::DescriptionInput {
                summary,
                occupation: extra.occupation,
                town: extra.town,
                languages: &extra.languages,
                hours_per_week: extra.hours_per_week,
            },
        );
        let apply_url = (summary.apply_mode == ApplyMode::External)
            .then(|| apply_url(summary.id, extra.occupation));
        Some(VacancyDetail {
            summary: summary.clone(),
            description,
            content_language: "nl".to_owned(),
            languages: extra.languages.clone(),
            hours_per_week: Some(extra.hours_per_week),
            apply_url,
        })
    }
}

/// Ids start at 1.
fn slot_index(id: u32) -> Option<usize> {
    usize::try_from(id).ok()?.checked_sub(1)
}

fn stream(seed: u64, id: u32) -> ChaCha8Rng {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(u64::from(id));
    rng
}

fn generate_one(tables: &Tables, seed: u64, id: u32) -> (VacancySummary, VacancyExtra) {
    let mut rng = stream(seed, id);
    let profile = tables.profiles.pick(&mut rng);
    let occupation = tables.occupations[profile as usize].pick(&mut rng);
    let dutch_level = tables.levels[profile as usize].pick(&mut rng);
    let municipality = tables.places.pick(&mut rng);
    let location = places::jittered_location(&mut rng, municipality);
    let regime = if rng.random_range(0..100) < occupation.part_time_percent {
        Regime::PartTime
    } else {
        Regime::FullTime
    };
    let hours_per_week = match regime {
        Regime::PartTime => [19.0, 20.0, 24.0, 25.0, 28.0, 30.0, 32.0][rng.random_range(0..7)],
        // The generator only draws full and part time.
        Regime::FullTime | Regime::Other => 38.0,
    };
    let title = if rng.random_ratio(3, 10) {
        format!("{} (m/v/x)", occupation.title)
    } else {
        occupation.title.to_owned()
    };
    let summary = VacancySummary {
        id,
        title: title.into(),
        employer: employers::employer_name(&mut rng, occupation.sector, municipality.name_nl)
            .into(),
        nis_code: municipality.nis_code.into(),
        place: places::place_label(&mut rng, municipality).into(),
        lat: location.lat,
        lon: location.lon,
        dutch_level: Some(dutch_level),
        dutch_unstated: None,
        contract: tables.contracts.pick(&mut rng),
        contract_label: None,
        regime,
        regime_label: None,
        bottleneck: occupation.bottleneck,
        occupation_code: Some(occupation.isco.into()),
        occupation_label: None,
        published: REFERENCE_DATE
            .minus_days(i64::from(rng.random_range(0..PUBLICATION_WINDOW_DAYS)))
            .iso()
            .into(),
        apply_mode: if rng.random_range(0..100) < IN_APP_PERCENT {
            ApplyMode::InApp
        } else {
            ApplyMode::External
        },
        distance_km: None,
        source: None,
    };
    let extra = VacancyExtra {
        occupation,
        town: municipality.name_nl,
        languages: other_languages(&mut rng),
        hours_per_week,
    };
    (summary, extra)
}

/// Languages besides Dutch: French or English fairly often (Brussels periphery, logistics,
/// IT), German rarely, often none.
fn other_languages(rng: &mut impl Rng) -> Vec<LanguageRequirement> {
    let mut languages = Vec::new();
    let mut maybe = |code: &str, percent: u32, levels: &[DutchLevel]| {
        if rng.random_range(0..100) < percent {
            let level = levels[rng.random_range(0..levels.len())];
            languages.push(LanguageRequirement {
                language: code.to_owned(),
                level: Some(level),
            });
        }
    };
    use DutchLevel::{Basic, Good, Medium, VeryGood};
    maybe("fr", 35, &[Basic, Medium, Medium, Good, VeryGood]);
    maybe("en", 25, &[Basic, Medium, Good, Good]);
    maybe("de", 4, &[Basic, Medium]);
    languages
}

/// The employer's own page for an external-apply vacancy.
fn apply_url(id: u32, occupation: &Occupation) -> String {
    let slug: String = occupation
        .title
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("https://jobs.example.be/vacatures/{id}-{slug}")
}
