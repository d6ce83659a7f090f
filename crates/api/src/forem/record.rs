//! One record of the `offres-d-emploi-forem` export, read leniently: the portal's schema is not
//! ours, so each record is read field by field from a JSON value. A record that lacks what an
//! offer cannot do without is dropped with its reason; anything else missing is simply absent.

use crate::calendar::Date;
use passerelle_core::LatLon;
use serde_json::Value;

/// A workplace as the record lists it: the `lieuxtravail*` lists read at one index.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RecordPlace {
    pub locality: Option<String>,
    pub postal_code: Option<String>,
    /// NUTS code, e.g. `BE252`; `BE2…` is Flanders, `BE1…` Brussels, `BE3…` Wallonia.
    pub nuts: Option<String>,
    /// Only when `lieuxtravailgeo` has one point per place: otherwise which point belongs to
    /// which place is a guess.
    pub geo: Option<LatLon>,
}

/// The fields of a record that Passerelle uses.
#[derive(Debug, Clone, PartialEq)]
pub struct ForemRecord {
    /// `numerooffreforem`: Le Forem's own offer number, unique in the dataset.
    pub number: String,
    pub title: String,
    pub employer: String,
    pub places: Vec<RecordPlace>,
    /// `typecontrat`, the French label as published.
    pub contract_label: Option<String>,
    /// `regimetravail`: "Temps plein" / "Temps partiel".
    pub regime_label: Option<String>,
    /// `langues`: language names only ("Néerlandais"), never a level.
    pub languages: Vec<String>,
    /// `metier`: Le Forem's occupation name, in French.
    pub occupation: Option<String>,
    /// `source`: who published the offer (Le Forem, VDAB, a job board…).
    pub source: Option<String>,
    /// `referenceexterne`: the offer's reference at that source.
    pub external_reference: Option<String>,
    pub url: Option<String>,
    /// `datedebutdiffusion`.
    pub published: Date,
    /// `datefindiffusion`.
    pub ends: Option<Date>,
}

/// Why a record cannot become an offer (before any question of place).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordProblem {
    NotAnObject,
    /// A field every offer needs is absent, empty or of another type (a schema change).
    Missing(&'static str),
}

impl ForemRecord {
    pub fn from_json(value: &Value) -> Result<Self, RecordProblem> {
        let record = value.as_object().ok_or(RecordProblem::NotAnObject)?;
        let field = |name: &str| record.get(name).unwrap_or(&Value::Null);
        let number =
            text(field("numerooffreforem")).ok_or(RecordProblem::Missing("numerooffreforem"))?;
        let title = text(field("titreoffre")).ok_or(RecordProblem::Missing("titreoffre"))?;
        let published = text(field("datedebutdiffusion"))
            .and_then(|d| Date::parse_iso_prefix(&d))
            .ok_or(RecordProblem::Missing("datedebutdiffusion"))?;
        Ok(Self {
            number,
            title,
            employer: text(field("nomemployeur")).unwrap_or_default(),
            places: places(
                texts(field("lieuxtravaillocalite")),
                texts(field("lieuxtravailcodepostal")),
                texts(field("lieuxtravailregionnuts")),
                points(field("lieuxtravailgeo")),
            ),
            contract_label: text(field("typecontrat")),
            regime_label: text(field("regimetravail")),
            languages: texts(field("langues")),
            occupation: text(field("metier")),
            source: text(field("source")),
            external_reference: text(field("referenceexterne")),
            url: text(field("url")),
            published,
            ends: text(field("datefindiffusion")).and_then(|d| Date::parse_iso_prefix(&d)),
        })
    }
}

/// A non-empty trimmed string; numbers count too (an offer number may come as one).
fn text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.trim().to_owned()).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
        // A list where one value was expected: its first value.
        Value::Array(items) => items.iter().find_map(text),
        _ => None,
    }
}

/// A list of strings; a single string is a list of one.
fn texts(value: &Value) -> Vec<String> {
    match value {
        Value::Array(items) => items.iter().map(|v| text(v).unwrap_or_default()).collect(),
        other => text(other).into_iter().collect(),
    }
}

/// Opendatasoft writes a geo point as `{"lon": …, "lat": …}`; a list of them, or one.
fn points(value: &Value) -> Vec<Option<LatLon>> {
    let point = |v: &Value| {
        let lat = v.get("lat")?.as_f64()?;
        let lon = v.get("lon")?.as_f64()?;
        Some(LatLon::new(lat, lon)).filter(|p| p.is_valid())
    };
    match value {
        Value::Array(items) => items.iter().map(point).collect(),
        Value::Object(_) => vec![point(value)],
        _ => Vec::new(),
    }
}

fn places(
    localities: Vec<String>,
    postal_codes: Vec<String>,
    nuts: Vec<String>,
    geo: Vec<Option<LatLon>>,
) -> Vec<RecordPlace> {
    let count = localities.len().max(postal_codes.len()).max(nuts.len());
    // One point for a record with no other place data is still that record's workplace.
    let count = count.max(usize::from(count == 0 && !geo.is_empty()));
    let geo_aligned = geo.len() == count;
    let at = |list: &[String], i: usize| list.get(i).filter(|s| !s.is_empty()).cloned();
    (0..count)
        .map(|i| RecordPlace {
            locality: at(&localities, i),
            postal_code: at(&postal_codes, i),
            nuts: at(&nuts, i),
            geo: if geo_aligned {
                geo.get(i).copied().flatten()
            } else {
                None
            },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn minimal() -> Value {
        json!({
            "numerooffreforem": "4567890",
            "titreoffre": "Magasinier (h/f/x)",
            "datedebutdiffusion": "2026-11-20",
        })
    }

    #[test]
    fn a_record_with_only_number_title_and_date_is_read_with_the_rest_absent() {
        let record = ForemRecord::from_json(&minimal()).expect("readable");
        assert_eq!(record.number, "4567890");
        assert_eq!(record.published, Date::new(2026, 11, 20));
        assert!(record.places.is_empty());
        assert_eq!(record.employer, "");
        assert_eq!(record.contract_label, None);
    }

    #[test]
    fn a_record_missing_its_title_is_a_schema_problem_named_by_field() {
        let mut value = minimal();
        value["titreoffre"] = Value::Null;
        assert_eq!(
            ForemRecord::from_json(&value),
            Err(RecordProblem::Missing("titreoffre"))
        );
        value["titreoffre"] = json!({"renamed": true});
        assert_eq!(
            ForemRecord::from_json(&value),
            Err(RecordProblem::Missing("titreoffre"))
        );
    }

    #[test]
    fn places_are_read_index_by_index_and_geo_only_when_every_place_has_a_point() {
        let mut value = minimal();
        value["lieuxtravaillocalite"] = json!(["KORTRIJK", "RONSE"]);
        value["lieuxtravailcodepostal"] = json!(["8500", "9600"]);
        value["lieuxtravailregionnuts"] = json!(["BE253", "BE234"]);
        value["lieuxtravailgeo"] = json!([{"lon": 3.26, "lat": 50.82}]);
        let record = ForemRecord::from_json(&value).expect("readable");
        assert_eq!(record.places.len(), 2);
        assert_eq!(record.places[1].postal_code.as_deref(), Some("9600"));
        assert!(
            record.places.iter().all(|p| p.geo.is_none()),
            "one point for two places belongs to neither for sure"
        );

        value["lieuxtravailgeo"] = json!([{"lon": 3.26, "lat": 50.82}, {"lon": 3.6, "lat": 50.75}]);
        let record = ForemRecord::from_json(&value).expect("readable");
        assert_eq!(record.places[1].geo, Some(LatLon::new(50.75, 3.6)));
    }

    #[test]
    fn a_numeric_offer_number_and_a_datetime_are_read() {
        let mut value = minimal();
        value["numerooffreforem"] = json!(4567890);
        value["datedebutdiffusion"] = json!("2026-11-20T00:00:00+00:00");
        let record = ForemRecord::from_json(&value).expect("readable");
        assert_eq!(record.number, "4567890");
        assert_eq!(record.published, Date::new(2026, 11, 20));
    }
}
