//! What a test or bench runner says it ran, read from its output. A step that ran nothing has
//! tested nothing, whatever its exit code: `wasm-bindgen-test-runner` prints `no tests to run!`
//! and exits 0, and `cargo bench` is as happy with no benchmark as with ten.

use crate::steps::Done;
use crate::tools::Result;

/// Tests that passed or failed, over every `test result:` line of libtest or
/// wasm-bindgen-test (`test result: ok. 10 passed; 0 failed; 0 ignored; …`).
pub fn tests_run(output: &str) -> usize {
    output
        .lines()
        .filter_map(|line| line.trim().strip_prefix("test result: "))
        .map(|summary| count_before(summary, " passed") + count_before(summary, " failed"))
        .sum()
}

/// Benchmarks criterion measured: one `time:   [low estimate high]` line each (the change
/// against a saved baseline is also a `time:` line, but ends in `(p = …)`).
pub fn benchmarks_measured(output: &str) -> usize {
    output
        .lines()
        .filter(|line| line.contains("time:   [") && !line.contains("(p = "))
        .count()
}

/// `12` from `ok. 12 passed; 0 failed` for `" passed"`; 0 when absent.
fn count_before(summary: &str, label: &str) -> usize {
    summary
        .split(';')
        .find_map(|part| part.trim().split_once(label))
        .and_then(|(number, _)| number.rsplit(' ').next()?.parse().ok())
        .unwrap_or(0)
}

/// The step's outcome: a failure when nothing ran, otherwise a note of how much did.
/// `what` names a unit (`wasm-bindgen test`), `why_none` says where to look.
pub fn at_least_one(count: usize, what: &str, why_none: &str) -> Result<Done> {
    match count {
        0 => Err(format!("no {what} ran: {why_none}").into()),
        1 => Ok(Done::Note(format!("1 {what}"))),
        n => Ok(Done::Note(format!("{n} {what}s"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WASM_OUTPUT: &str = "\
no tests to run!
running 10 tests

test storage::tests::a_draft_round_trips ... ok
test result: ok. 9 passed; 1 failed; 2 ignored; 0 filtered out; finished in 0.12s
";

    #[test]
    fn tests_run_adds_every_summary_and_counts_failures_as_run() {
        let cargo =
            "test result: ok. 197 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out\n\
                     test result: ok. 0 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out\n";
        assert_eq!(tests_run(cargo), 197);
        assert_eq!(tests_run(WASM_OUTPUT), 10);
    }

    #[test]
    fn a_runner_that_found_no_test_ran_none() {
        assert_eq!(tests_run("no tests to run!\nno tests to run!\n"), 0);
        assert_eq!(tests_run(""), 0);
        assert_eq!(
            tests_run("test result: ok. 0 passed; 0 failed; 3 ignored; 0 measured; 9 filtered out"),
            0
        );
    }

    #[test]
    fn benchmarks_measured_counts_results_not_comparisons_or_progress() {
        let criterion = "\
Benchmarking filter/100k: Collecting 100 samples in estimated 5.2 s (20k iterations)
filter/100k             time:   [1.2034 ms 1.2101 ms 1.2188 ms]
                        change: [-1.2% +0.3% +1.9%] (p = 0.71 > 0.05)
clustering/zoom 9 of 100000 vacancies
                        time:   [4.1 ms 4.2 ms 4.3 ms]
                        thrpt:  [23.2 Melem/s 23.8 Melem/s 24.4 Melem/s]
                 change:
                        time:   [-2.0% -1.0% +0.1%] (p = 0.06 > 0.05)
running 0 tests
test result: ok. 0 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out
";
        assert_eq!(benchmarks_measured(criterion), 2);
        assert_eq!(benchmarks_measured("running 0 tests\n"), 0);
    }

    #[test]
    fn a_step_whose_runner_found_nothing_fails_the_whole_run() {
        let mut p = crate::steps::Pipeline::new("test");
        p.step("wasm-bindgen tests of the app", || {
            at_least_one(
                tests_run("no tests to run!\n"),
                "wasm-bindgen test",
                "none linked",
            )
        });
        assert!(p.finish().is_err());
    }

    #[test]
    fn nothing_run_is_a_failure_that_says_so_and_anything_run_is_counted() {
        let error = at_least_one(0, "wasm-bindgen test", "check src/").unwrap_err();
        assert_eq!(error.to_string(), "no wasm-bindgen test ran: check src/");
        assert!(matches!(at_least_one(10, "test", ""), Ok(Done::Note(n)) if n == "10 tests"));
        assert!(
            matches!(at_least_one(1, "benchmark", ""), Ok(Done::Note(n)) if n == "1 benchmark")
        );
    }
}
