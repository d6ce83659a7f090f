//! The generated dataset: deterministic, Flemish, with a realistic spread of Dutch levels.

use crate::support::shared_index;
use passerelle_api::dataset::{Dataset, PUBLICATION_WINDOW_DAYS, REFERENCE_DATE};
use passerelle_core::api::ApplyMode;
use passerelle_core::municipality::{by_nis, Region};
use passerelle_core::DutchLevel;
use std::sync::OnceLock;

/// Large enough for shares to settle within a percentage point or two.
fn large() -> &'static Dataset {
    static LARGE: OnceLock<Dataset> = OnceLock::new();
    LARGE.get_or_init(|| Dataset::generate(20_000, 42))
}

fn percent(part: usize, whole: usize) -> f64 {
    100.0 * part as f64 / whole as f64
}

#[test]
fn the_same_seed_and_count_give_the_same_dataset() {
    let (a, b) = (Dataset::generate(300, 9), Dataset::generate(300, 9));
    assert_eq!(a.summaries(), b.summaries());
    assert_eq!(a.detail(123), b.detail(123));
    let other = Dataset::generate(300, 10);
    assert_ne!(a.summaries(), other.summaries());
}

#[test]
fn a_vacancy_does_not_depend_on_the_dataset_size() {
    let (small, big) = (Dataset::generate(50, 3), Dataset::generate(500, 3));
    assert_eq!(small.summaries(), &big.summaries()[..50]);
}

#[test]
fn the_requested_count_is_generated_with_ids_from_one() {
    let index = shared_index();
    let mut ids: Vec<u32> = index.dataset().summaries().iter().map(|v| v.id).collect();
    ids.sort_unstable();
    assert_eq!(
        ids,
        (1..=crate::support::TEST_VACANCIES).collect::<Vec<_>>()
    );
    for id in [1, 777, crate::support::TEST_VACANCIES] {
        assert_eq!(
            index.dataset().summary(id).map(|v| v.id),
            Some(id),
            "look-up by id after reordering"
        );
    }
}

#[test]
fn every_vacancy_lies_in_a_flemish_municipality_near_its_main_place() {
    for v in large().summaries() {
        let m = by_nis(&v.nis_code).expect("a real NIS code");
        assert_eq!(m.region, Region::Flanders, "{}", v.nis_code);
        assert!(
            passerelle_core::haversine_km(m.location, v.location()) <= 6.01,
            "vacancy {}",
            v.id
        );
        assert!(v.place.ends_with(m.name_nl), "{} in {}", v.place, m.name_nl);
    }
}

#[test]
fn dutch_levels_follow_the_intended_spread() {
    let all = large().summaries();
    let targets = [6.0, 8.0, 14.0, 22.0, 30.0, 20.0];
    for (level, target) in DutchLevel::ALL.into_iter().zip(targets) {
        let share = percent(
            all.iter().filter(|v| v.dutch_level == Some(level)).count(),
            all.len(),
        );
        assert!(
            (share - target).abs() < 2.0,
            "{level}: {share:.1} % instead of about {target} %"
        );
    }
}

#[test]
fn cleaning_asks_less_dutch_than_nursing() {
    let all = large().summaries();
    let average = |isco: &str| {
        let levels: Vec<f64> = all
            .iter()
            .filter(|v| v.occupation_code.as_deref() == Some(isco))
            .map(|v| v.dutch_level.expect("generated vacancies state a level") as u8 as f64)
            .collect();
        levels.iter().sum::<f64>() / levels.len() as f64
    };
    assert!(
        average("9111") + 1.0 < average("2221"),
        "poetshulp vs verpleegkundige"
    );
}

#[test]
fn most_vacancies_are_bottleneck_occupations_and_most_apply_in_the_app() {
    let all = large().summaries();
    let bottleneck = percent(all.iter().filter(|v| v.bottleneck).count(), all.len());
    assert!(
        (75.0..95.0).contains(&bottleneck),
        "{bottleneck:.1} % bottleneck"
    );
    let in_app = percent(
        all.iter()
            .filter(|v| v.apply_mode == ApplyMode::InApp)
            .count(),
        all.len(),
    );
    assert!((68.0..72.0).contains(&in_app), "{in_app:.1} % in app");
}

#[test]
fn big_cities_hold_more_vacancies_than_villages() {
    let all = large().summaries();
    let count = |nis: &str| all.iter().filter(|v| &*v.nis_code == nis).count();
    // Antwerpen and Gent against Herstappe, Belgium's smallest municipality.
    assert!(count("11002") > 10 * count("73028").max(1));
    assert!(count("44021") > 5 * count("73028").max(1));
}

#[test]
fn publication_dates_fall_in_the_window_before_the_reference_date() {
    let earliest = REFERENCE_DATE
        .minus_days(i64::from(PUBLICATION_WINDOW_DAYS))
        .iso();
    let latest = REFERENCE_DATE.iso();
    for v in large().summaries() {
        assert!(
            *v.published > *earliest && *v.published <= *latest,
            "{}",
            v.published
        );
    }
}

#[test]
fn external_vacancies_link_to_the_employers_site_and_in_app_ones_do_not() {
    let dataset = large();
    for id in 1..=500 {
        let detail = dataset.detail(id).expect("exists");
        match detail.summary.apply_mode {
            ApplyMode::External => {
                let url = detail.apply_url.expect("external has a URL");
                assert!(url.starts_with("https://jobs.example.be/"), "{url}");
            }
            ApplyMode::InApp => assert!(detail.apply_url.is_none()),
        }
        assert!(
            detail.languages.iter().all(|l| l.language != "nl"),
            "Dutch is `dutch_level`"
        );
        assert!(!detail.description.contains('<'), "plain text, never HTML");
    }
}
