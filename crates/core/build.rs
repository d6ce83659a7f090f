//! Cuts `data/municipalities.csv` into the two tables the crate embeds: the 261 Walloon home
//! towns, which the start page needs, and the other 304 municipalities, which only the results,
//! desk and zone screens read. With one table, the start page's wasm carried all 565 rows.
//! Only the columns the crate reads are kept, and coordinates become whole 1e-5 degrees, so the
//! start page parses integers instead of carrying the float parser (~10 KB of tables).

use std::fmt::Write as _;
use std::path::Path;

const SOURCE: &str = "data/municipalities.csv";
const HEADER: &str =
    "nis_code,name_fr,name_nl,name_de,region,province_nis,postal_codes,lat,lon,coord_source";

fn main() {
    println!("cargo::rerun-if-changed={SOURCE}");
    let csv = std::fs::read_to_string(SOURCE).expect("read data/municipalities.csv");
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some(HEADER), "{SOURCE}: unexpected columns");
    let (mut home_towns, mut others) = (String::new(), String::new());
    for line in lines.filter(|l| !l.is_empty()) {
        let f: Vec<&str> = line.split(',').collect();
        let [nis, fr, nl, de, region, _province, postal_codes, lat, lon, _source] = f[..] else {
            panic!("{SOURCE}: not 10 fields in {line:?}");
        };
        let table = match region {
            "wallonia" => &mut home_towns,
            "flanders" | "brussels" => &mut others,
            other => panic!("{SOURCE}: unknown region {other:?}"),
        };
        let (lat, lon) = (hundred_thousandths(lat), hundred_thousandths(lon));
        writeln!(
            table,
            "{nis},{fr},{nl},{de},{region},{postal_codes},{lat},{lon}"
        )
        .unwrap();
    }
    let out = std::env::var("OUT_DIR").expect("OUT_DIR");
    std::fs::write(Path::new(&out).join("home_towns.csv"), home_towns).unwrap();
    std::fs::write(Path::new(&out).join("other_municipalities.csv"), others).unwrap();
}

/// "51.13412" → 5113412; the file gives every coordinate with exactly five decimals.
fn hundred_thousandths(degrees: &str) -> i32 {
    let (whole, decimals) = degrees
        .split_once('.')
        .filter(|(_, d)| d.len() == 5)
        .unwrap_or_else(|| panic!("{SOURCE}: {degrees:?} has not five decimals"));
    format!("{whole}{decimals}")
        .parse()
        .unwrap_or_else(|e| panic!("{SOURCE}: {degrees:?}: {e}"))
}
