//! `cargo xtask bench --sizes`: what the app shell costs a first visit, and where the wasm's
//! bytes go, by crate and by function (twiggy), in `target/size-report.md`.
//!
//! The shipped wasm has no name section, so twiggy could only show `code[123]`. The split hook
//! keeps the main part as wasm-bindgen wrote it (names included) in `target/wasm-split/`; this
//! runs the same wasm-opt level on it with `--debuginfo`, which keeps the names and optimises
//! the same way, and checks that the result, names aside, is the size of the shipped main part.

use std::fmt::Write as _;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use flate2::write::GzEncoder;
use flate2::Compression;

use crate::split;
use crate::steps::Done;
use crate::tools::{self, repo_root, run, target_dir, Result};

/// Issue 11's budget for the app shell (wasm + JS glue + CSS, brotli 11), in KB of 1,000 bytes.
pub const SHELL_BUDGET_KB: f64 = 250.0;

/// How many functions and subtrees the report lists.
const TOP_ITEMS: usize = 40;

/// Size report of dist/ and, from a named copy of the same wasm, the per-crate and
/// per-function breakdown. Prints the budget as over or under; it never fails on size.
pub fn report() -> Result<Done> {
    let dist = repo_root().join("dist");
    let shell = shell_sizes(&dist)?;
    let leaflet = measure(&dist.join("vendor/leaflet/leaflet.js"), &dist)?;
    let mut md = String::from("# App shell size\n\n");
    writeln!(
        md,
        "Built by `trunk build --release`; brotli quality 11, gzip -9.\n"
    )?;
    md.push_str(&sizes_table(&shell, &leaflet));
    let total_brotli: usize = shell.iter().map(|f| f.brotli).sum();
    let verdict = budget_line(total_brotli);
    writeln!(md, "\n**{verdict}**\n")?;
    print!("{}", sizes_table(&shell, &leaflet));
    println!("{verdict}");
    let screens = screens_table(&dist)?;
    writeln!(md, "## Screens loaded on demand\n\nThe start page needs only the shell. Every other screen's code is split into wasm parts (`cargo xtask split-wasm`, Trunk's post-build hook), fetched the first time it opens; parts shared by several screens are fetched once.\n\n{screens}")?;
    print!("\n{screens}");

    let shipped = shell
        .iter()
        .find(|f| f.name.ends_with(".wasm"))
        .ok_or("no .wasm in dist/")?;
    let named = named_wasm()?;
    let top = twiggy_csv(&["top"], &named)?;
    let dominators = twiggy_csv(&["dominators"], &named)?;
    let items = Item::from_top(&top)?;
    let measured: usize = items
        .iter()
        .filter(|i| !i.is_name_section())
        .map(|i| i.bytes)
        .sum();
    writeln!(
        md,
        "## Where the wasm's bytes go\n\n`twiggy` on a copy of the same wasm optimised with \
         names kept ({}); its items, names aside, add up to {} against {} shipped (raw, \
         before compression).\nA generic function counts for the crate that defines it, \
         not the one that instantiated it: most of `tachys`, `reactive_graph` and `core` is \
         this app's views and closures.\n",
        named.display(),
        bytes(measured),
        bytes(shipped.raw)
    )?;
    md.push_str(&by_crate_table(&items, measured));
    md.push_str(&top_functions_table(&items, measured));
    md.push_str(&dominators_table(&dominators, measured)?);

    let out = target_dir().join("size-report.md");
    fs::write(&out, md).map_err(|e| format!("{}: {e}", out.display()))?;
    println!("\n{}", by_crate_table(&items, measured));
    println!("full report: {}", out.display());
    Ok(Done::Note(verdict))
}

/// One file the browser downloads, with its three sizes.
struct Measured {
    name: String,
    raw: usize,
    gzip: usize,
    brotli: usize,
}

fn measure(file: &Path, dist: &Path) -> Result<Measured> {
    let data = fs::read(file).map_err(|e| format!("{}: {e}", file.display()))?;
    Ok(Measured {
        name: file
            .strip_prefix(dist)
            .unwrap_or(file)
            .display()
            .to_string(),
        raw: data.len(),
        gzip: gzip(&data)?,
        brotli: brotli(&data)?,
    })
}

/// The app shell's brotli-11 bytes per kind (`wasm`, `js`, `css`), as the size report counts
/// them; `cargo xtask bench --browser` puts them in its table.
pub fn shell_brotli_by_kind(dist: &Path) -> Result<Vec<(&'static str, usize)>> {
    let shell = shell_sizes(dist)?;
    Ok(["wasm", "js", "css"]
        .into_iter()
        .map(|ext| {
            let suffix = format!(".{ext}");
            let bytes = shell
                .iter()
                .filter(|f| f.name.ends_with(&suffix))
                .map(|f| f.brotli)
                .sum();
            (ext, bytes)
        })
        .collect())
}

/// The app shell: the main wasm part, the JS glue and split loader, and every stylesheet.
/// The screens' wasm parts, fetched when a screen is first opened, are not in it.
fn shell_sizes(dist: &Path) -> Result<Vec<Measured>> {
    let mut files: Vec<PathBuf> = files_with_extension(dist, "wasm")?
        .into_iter()
        .filter(|f| is_main_part(f))
        .collect();
    if files.len() != 1 {
        return Err(format!("expected one passerelle-*_bg.wasm in {}", dist.display()).into());
    }
    files.extend(files_with_extension(dist, "js")?);
    files.extend(files_with_extension(dist, "css")?);
    files.iter().map(|f| measure(f, dist)).collect()
}

fn is_main_part(wasm: &Path) -> bool {
    wasm.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with("passerelle-"))
}

/// Each split screen's wasm parts (shared parts counted for every screen that needs them),
/// from the list `cargo xtask split-wasm` wrote beside the build.
fn screens_table(dist: &Path) -> Result<String> {
    let list = split::screens_file();
    let text = fs::read_to_string(&list).map_err(|e| {
        format!(
            "{}: {e} (written by `trunk build --release`'s split hook)",
            list.display()
        )
    })?;
    let mut t = String::from(
        "| screen (fetched when first opened) | wasm parts | raw | brotli 11 |\n|---|---:|---:|---:|\n",
    );
    let mut all = std::collections::BTreeMap::new();
    for line in text.lines() {
        let (screen, parts) = line
            .split_once('\t')
            .ok_or("screens.tsv line without a tab")?;
        let (mut raw, mut br, mut count) = (0, 0, 0);
        for part in parts.split_whitespace() {
            // Shared parts are compressed once, however many screens need them.
            let (part_raw, part_br) = match all.get(part) {
                Some(&sizes) => sizes,
                None => {
                    let m = measure(&dist.join(part), dist)?;
                    all.insert(part.to_string(), (m.raw, m.brotli));
                    (m.raw, m.brotli)
                }
            };
            raw += part_raw;
            br += part_br;
            count += 1;
        }
        let _ = writeln!(t, "| {screen} | {count} | {} | {} |", kb(raw), kb(br));
    }
    let _ = writeln!(
        t,
        "| **all screens' parts, each once** | {} | {} | {} |",
        all.len(),
        kb(all.values().map(|v| v.0).sum()),
        kb(all.values().map(|v| v.1).sum())
    );
    Ok(t)
}

fn sizes_table(shell: &[Measured], leaflet: &Measured) -> String {
    let mut t =
        String::from("| file (dist/) | raw | gzip -9 | brotli 11 |\n|---|---:|---:|---:|\n");
    let row = |t: &mut String, name: &str, raw, gz, br| {
        let _ = writeln!(t, "| {name} | {} | {} | {} |", kb(raw), kb(gz), kb(br));
    };
    for f in shell {
        row(&mut t, &f.name, f.raw, f.gzip, f.brotli);
    }
    let sum = |pick: fn(&Measured) -> usize| shell.iter().map(pick).sum::<usize>();
    row(
        &mut t,
        "**app shell (wasm + JS + CSS)**",
        sum(|f| f.raw),
        sum(|f| f.gzip),
        sum(|f| f.brotli),
    );
    row(
        &mut t,
        &format!("{} (not in the shell)", leaflet.name),
        leaflet.raw,
        leaflet.gzip,
        leaflet.brotli,
    );
    t
}

fn budget_line(shell_brotli: usize) -> String {
    let kb = shell_brotli as f64 / 1000.0;
    let (word, by) = if kb <= SHELL_BUDGET_KB {
        ("under", SHELL_BUDGET_KB - kb)
    } else {
        ("OVER", kb - SHELL_BUDGET_KB)
    };
    format!("app shell {kb:.1} KB brotli: {word} the {SHELL_BUDGET_KB:.0} KB budget by {by:.1} KB")
}

/// The main part as wasm-bindgen wrote it, optimised as the split hook does but keeping names.
pub fn named_wasm() -> Result<PathBuf> {
    let target = target_dir();
    let bindgen = split::main_part_before_wasm_opt();
    if !bindgen.is_file() {
        return Err(format!(
            "{} is missing: it is written by `trunk build --release`",
            bindgen.display()
        )
        .into());
    }
    let out_dir = target.join("size");
    fs::create_dir_all(&out_dir)?;
    let named = out_dir.join("passerelle_named.wasm");
    optimise_keeping_names(&bindgen, &named)?;
    Ok(named)
}

/// wasm-opt as the split hook runs it for a shipped build, but keeping the function names.
fn optimise_keeping_names(wasm: &Path, output: &Path) -> Result {
    run(Command::new("wasm-opt")
        .arg(format!("-O{}", split::WASM_OPT_LEVEL))
        .arg("--debuginfo")
        .arg(wasm)
        .arg("--output")
        .arg(output))
}

/// Every wasm file of `dist` optimised as shipped but keeping its names, under its shipped
/// name in one folder: the browser bench serves them in place of the shipped ones, so its CPU
/// profile names the functions of the main part and of every screen split out of it.
pub fn named_wasm_dir(dist: &Path) -> Result<PathBuf> {
    let out_dir = target_dir().join("size").join("named-dist");
    if out_dir.exists() {
        fs::remove_dir_all(&out_dir)?;
    }
    fs::create_dir_all(&out_dir)?;
    let mut named = 0;
    for entry in fs::read_dir(dist)? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        if !name.ends_with(".wasm") {
            continue;
        }
        let source = if name.ends_with("_bg.wasm") {
            split::main_part_before_wasm_opt()
        } else {
            split::parts_before_wasm_opt().join(&name)
        };
        if !source.is_file() {
            return Err(format!(
                "{} is missing: `trunk build --release` writes it next to {name}",
                source.display()
            )
            .into());
        }
        optimise_keeping_names(&source, &out_dir.join(&name))?;
        named += 1;
    }
    if named == 0 {
        return Err(format!("{} holds no wasm to name", dist.display()).into());
    }
    Ok(out_dir)
}

/// Runs `twiggy <args> --format csv <wasm>` and returns its rows as fields.
fn twiggy_csv(args: &[&str], wasm: &Path) -> Result<Vec<Vec<String>>> {
    let twiggy = tools::twiggy_bin();
    let out = Command::new(&twiggy)
        .args(args)
        .args(["--format", "csv"])
        .arg(wasm)
        .output()
        .map_err(|e| format!("could not start {}: {e}", twiggy.display()))?;
    if !out.status.success() {
        return Err(format!(
            "twiggy {} failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr)
        )
        .into());
    }
    let text = String::from_utf8(out.stdout)?;
    Ok(text.lines().skip(1).map(csv_fields).collect())
}

/// The fields of one CSV line, quotes undone (`""` inside quotes is one `"`).
fn csv_fields(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        let field = fields.last_mut().expect("starts with one field");
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => fields.push(String::new()),
            (c, _) => field.push(c),
        }
    }
    fields
}

/// One item of the wasm (function, data segment, section) as `twiggy top` lists it.
struct Item {
    name: String,
    bytes: usize,
}

impl Item {
    fn from_top(rows: &[Vec<String>]) -> Result<Vec<Item>> {
        rows.iter()
            .map(|row| match row.as_slice() {
                [name, bytes, ..] => Ok(Item {
                    name: name.clone(),
                    bytes: bytes.parse()?,
                }),
                _ => Err(format!("twiggy top row without a size: {row:?}").into()),
            })
            .collect()
    }

    /// The name section is what `--debuginfo` added; the shipped wasm has none.
    fn is_name_section(&self) -> bool {
        self.name.ends_with("subsection") || self.name.starts_with("custom section")
    }
}

/// The crate a demangled item belongs to: the first path segment, after `<`, `&`, `dyn `;
/// for `<T as Trait>` with a bare type (`T`, `f64`, `Match`), the trait's crate. The standard
/// library's own symbols carry a hash (`core[c593…]::str`), which is dropped. Items that are
/// not Rust paths get a bracketed kind (`[data segments]`, `[wasm-bindgen imports]`, `[code]`).
fn crate_of(name: &str) -> String {
    if name.starts_with("data segment") {
        return "[data segments]".into();
    }
    if name.starts_with("import ") {
        return "[wasm-bindgen imports]".into();
    }
    let strip = |p: &str| -> String {
        let p = p.trim_start_matches(['<', '&', '(', '*']);
        let p = ["mut ", "dyn ", "const "]
            .iter()
            .find_map(|prefix| p.strip_prefix(prefix))
            .unwrap_or(p);
        p.to_string()
    };
    let mut path = strip(name);
    if let (Some(as_at), first_path) = (path.find(" as "), path.find("::")) {
        if first_path.is_none_or(|at| as_at < at) {
            path = strip(&path[as_at + " as ".len()..]);
        }
    }
    let first = path.split("::").next().unwrap_or_default();
    let first = first.split('[').next().unwrap_or_default();
    if path.contains("::")
        && !first.is_empty()
        && first.chars().all(|c| c.is_alphanumeric() || c == '_')
    {
        first.to_string()
    } else {
        let kind = name.split(['[', ' ']).next().unwrap_or(name);
        format!("[{kind}]")
    }
}

fn by_crate_table(items: &[Item], total: usize) -> String {
    let mut by_crate: Vec<(String, usize, usize)> = Vec::new();
    for item in items.iter().filter(|i| !i.is_name_section()) {
        let krate = crate_of(&item.name);
        match by_crate.iter_mut().find(|(k, ..)| *k == krate) {
            Some((_, bytes, count)) => {
                *bytes += item.bytes;
                *count += 1;
            }
            None => by_crate.push((krate, item.bytes, 1)),
        }
    }
    by_crate.sort_by_key(|c| std::cmp::Reverse(c.1));
    let mut t = String::from(
        "### By crate (raw bytes)\n\n| crate | bytes | share | items |\n|---|---:|---:|---:|\n",
    );
    for (krate, bytes_, count) in by_crate.iter().take(TOP_ITEMS) {
        let _ = writeln!(
            t,
            "| {krate} | {} | {} | {count} |",
            bytes(*bytes_),
            share(*bytes_, total)
        );
    }
    if by_crate.len() > TOP_ITEMS {
        let rest: usize = by_crate[TOP_ITEMS..].iter().map(|c| c.1).sum();
        let _ = writeln!(
            t,
            "| {} more | {} | {} | |",
            by_crate.len() - TOP_ITEMS,
            bytes(rest),
            share(rest, total)
        );
    }
    t.push('\n');
    t
}

fn top_functions_table(items: &[Item], total: usize) -> String {
    let mut t = format!(
        "### The {TOP_ITEMS} largest items (`twiggy top`)\n\n| item | bytes | share |\n|---|---:|---:|\n"
    );
    for item in items
        .iter()
        .filter(|i| !i.is_name_section())
        .take(TOP_ITEMS)
    {
        let _ = writeln!(
            t,
            "| `{}` | {} | {} |",
            short(&item.name),
            bytes(item.bytes),
            share(item.bytes, total)
        );
    }
    t.push('\n');
    t
}

/// The largest subtrees that one function alone keeps alive (`twiggy dominators`): what
/// would go with it. Most of the code hangs off the indirect-call table, so the table, the
/// root and the name section are left out.
fn dominators_table(rows: &[Vec<String>], total: usize) -> Result<String> {
    let mut subtrees: Vec<(&str, usize)> = Vec::new();
    for row in rows {
        let [_, name, _, _, retained, ..] = row.as_slice() else {
            return Err(format!("twiggy dominators row too short: {row:?}").into());
        };
        let structural = name.starts_with('<') && name.ends_with("root>")
            || name.starts_with("table[")
            || name.starts_with("elem[")
            || name.ends_with("subsection")
            || name.starts_with("custom section");
        if !structural {
            subtrees.push((name, retained.parse()?));
        }
    }
    subtrees.sort_by_key(|s| std::cmp::Reverse(s.1));
    let mut t = format!(
        "### The {TOP_ITEMS} largest retained subtrees (`twiggy dominators`)\n\n| item | retained bytes | share |\n|---|---:|---:|\n"
    );
    for (name, retained) in subtrees.iter().take(TOP_ITEMS) {
        // twiggy sees no reference to data reached by address, so the data segments land here.
        let note = if name.contains("Unreachable Items") {
            " (mostly the data segments, which code reaches by address)"
        } else {
            ""
        };
        let _ = writeln!(
            t,
            "| `{}`{note} | {} | {} |",
            short(name),
            bytes(*retained),
            share(*retained, total)
        );
    }
    Ok(t)
}

/// Long generic names cut to fit a table; `|` would end the cell.
fn short(name: &str) -> String {
    let name = name.replace('|', "\\|");
    if name.chars().count() > 140 {
        format!("{}…", name.chars().take(140).collect::<String>())
    } else {
        name
    }
}

/// The top-level files of `dir` whose name ends in `.ext`, sorted.
pub fn files_with_extension(dir: &Path, ext: &str) -> Result<Vec<PathBuf>> {
    let mut found: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(|e| format!("{}: {e} (build it first)", dir.display()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    found.sort();
    if found.is_empty() {
        return Err(format!("no .{ext} file in {}", dir.display()).into());
    }
    Ok(found)
}

pub fn gzip(data: &[u8]) -> Result<usize> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(data)?;
    Ok(encoder.finish()?.len())
}

pub fn brotli(data: &[u8]) -> Result<usize> {
    let mut out = Vec::new();
    {
        // Quality 11 with a 4 MiB window: what a precompressing server would use.
        let mut writer = brotli::CompressorWriter::new(&mut out, 4096, 11, 22);
        writer.write_all(data)?;
    }
    Ok(out.len())
}

/// Kilobytes of 1,000 bytes, as the issue's budget counts them.
fn kb(n: usize) -> String {
    format!("{:.1} KB", n as f64 / 1000.0)
}

fn bytes(n: usize) -> String {
    kb(n)
}

fn share(part: usize, total: usize) -> String {
    format!("{:.1} %", 100.0 * part as f64 / total.max(1) as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_compressors_shrink_repetitive_text() {
        let text = "L.circle(center, { radius: 60000 });\n".repeat(200);
        assert!(gzip(text.as_bytes()).unwrap() < text.len() / 10);
        assert!(brotli(text.as_bytes()).unwrap() < text.len() / 10);
    }

    #[test]
    fn csv_fields_undo_quotes_and_keep_commas_inside_them() {
        assert_eq!(
            csv_fields(r#""<either_of::EitherOf6<A,B> as X>::choose",50779,1.17,,"#),
            [
                "<either_of::EitherOf6<A,B> as X>::choose",
                "50779",
                "1.17",
                "",
                ""
            ]
        );
        assert_eq!(
            csv_fields(r#""""function names"" subsection",2205401"#),
            ["\"function names\" subsection", "2205401"]
        );
    }

    #[test]
    fn an_item_counts_for_the_crate_that_defines_it() {
        assert_eq!(
            crate_of("passerelle::main::hef63810412508d83"),
            "passerelle"
        );
        assert_eq!(
            crate_of("<either_of::EitherOf6<A,B,C,D,E,F> as leptos_router::matching::ChooseView>::choose"),
            "either_of"
        );
        assert_eq!(
            crate_of("<&mut serde_json::de::Deserializer<R>>::f"),
            "serde_json"
        );
        assert_eq!(crate_of("<dyn core::any::Any>::type_id"), "core");
        assert_eq!(crate_of("data segment \".rodata.150\""), "[data segments]");
        assert_eq!(
            crate_of("import ./passerelle_bg.js::__wbg_set_timeout"),
            "[wasm-bindgen imports]"
        );
        assert_eq!(crate_of("code[9148]"), "[code]");
        assert_eq!(
            crate_of("<T as tachys::view::any_view::IntoAny>::into_any"),
            "tachys"
        );
        assert_eq!(crate_of("<f64 as core::fmt::Display>::fmt"), "core");
        assert_eq!(
            crate_of(
                "<dlmalloc[e24a2770]::dlmalloc::Dlmalloc<dlmalloc[e24a2770]::sys::System>>::malloc"
            ),
            "dlmalloc"
        );
        assert_eq!(crate_of("elem[0]"), "[elem]");
    }

    #[test]
    fn the_budget_line_says_over_or_under_and_by_how_much() {
        assert_eq!(
            budget_line(354_000),
            "app shell 354.0 KB brotli: OVER the 250 KB budget by 104.0 KB"
        );
        assert_eq!(
            budget_line(249_500),
            "app shell 249.5 KB brotli: under the 250 KB budget by 0.5 KB"
        );
    }
}
