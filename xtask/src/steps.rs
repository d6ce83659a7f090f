//! A list of named, timed steps with a summary at the end.
//!
//! Independent checks keep going after a failure so one run shows every problem; a step that
//! needs another one's output (Playwright needs the built dist/) is skipped instead, and that
//! is the only way a step is skipped: a step itself passes or fails. One that finds nothing to
//! do fails (see `ran`), so a summary never shows a check as done that checked nothing.

use std::time::{Duration, Instant};

use crate::tools::Result;

/// What a step that did not fail reports.
#[derive(Debug)]
pub enum Done {
    Ran,
    /// Passed; the note (`already installed`, `10 tests`) goes into the summary.
    Note(String),
}

enum Status {
    Passed(Option<String>),
    Failed(String),
    Skipped(String),
}

struct Record {
    name: String,
    status: Status,
    elapsed: Duration,
}

pub struct Pipeline {
    title: &'static str,
    records: Vec<Record>,
    /// Set once a step that everything depends on (an install) failed.
    halted: Option<String>,
    started: Instant,
}

impl Pipeline {
    pub fn new(title: &'static str) -> Self {
        Pipeline {
            title,
            records: Vec::new(),
            halted: None,
            started: Instant::now(),
        }
    }

    /// Runs a step unless the pipeline halted.
    pub fn step(&mut self, name: &str, body: impl FnOnce() -> Result<Done>) -> &mut Self {
        self.step_after(name, &[], body)
    }

    /// Runs a step unless the pipeline halted or one of `needs` did not pass.
    pub fn step_after(
        &mut self,
        name: &str,
        needs: &[&str],
        body: impl FnOnce() -> Result<Done>,
    ) -> &mut Self {
        if let Some(reason) = self.reason_to_skip(needs) {
            println!("\n==> {name}: skipped ({reason})");
            self.push(name, Status::Skipped(reason), Duration::ZERO);
            return self;
        }
        println!("\n==> {name}");
        let started = Instant::now();
        let status = match body() {
            Ok(Done::Ran) => Status::Passed(None),
            Ok(Done::Note(note)) => Status::Passed(Some(note)),
            Err(e) => Status::Failed(e.to_string()),
        };
        let elapsed = started.elapsed();
        if let Status::Failed(why) = &status {
            println!("<== {name}: FAILED ({}): {why}", human(elapsed));
        } else {
            println!("<== {name}: ok ({})", human(elapsed));
        }
        self.push(name, status, elapsed);
        self
    }

    /// After this, if any step so far failed, every later step is skipped.
    pub fn halt_if_failed(&mut self, reason: &str) -> &mut Self {
        if self.halted.is_none() && self.failures() > 0 {
            self.halted = Some(reason.to_string());
        }
        self
    }

    /// Prints the summary; fails if any step failed.
    pub fn finish(&self) -> Result {
        println!("\n---- cargo xtask {}: summary ----", self.title);
        for record in &self.records {
            let (label, note) = match &record.status {
                Status::Passed(None) => ("ok", String::new()),
                Status::Passed(Some(note)) => ("ok", format!(" ({note})")),
                Status::Failed(_) => ("FAILED", String::new()),
                Status::Skipped(why) => ("skipped", format!(" ({why})")),
            };
            println!(
                "  {label:<8}{:>9}  {}{note}",
                human(record.elapsed),
                record.name
            );
        }
        let count = |f: fn(&Status) -> bool| self.records.iter().filter(|r| f(&r.status)).count();
        let failed = self.failures();
        println!(
            "  total {}: {} passed, {failed} failed, {} skipped",
            human(self.started.elapsed()),
            count(|s| matches!(s, Status::Passed(_))),
            count(|s| matches!(s, Status::Skipped(_))),
        );
        for record in &self.records {
            if let Status::Failed(why) = &record.status {
                println!("  failed: {}: {why}", record.name);
            }
        }
        if failed == 0 {
            Ok(())
        } else {
            Err(format!("{failed} step(s) failed").into())
        }
    }

    fn reason_to_skip(&self, needs: &[&str]) -> Option<String> {
        if let Some(reason) = &self.halted {
            return Some(reason.clone());
        }
        needs.iter().find_map(|need| {
            let passed = self
                .records
                .iter()
                .any(|r| r.name == *need && matches!(r.status, Status::Passed(_)));
            (!passed).then(|| format!("needs `{need}`"))
        })
    }

    fn failures(&self) -> usize {
        self.records
            .iter()
            .filter(|r| matches!(r.status, Status::Failed(_)))
            .count()
    }

    fn push(&mut self, name: &str, status: Status, elapsed: Duration) {
        self.records.push(Record {
            name: name.to_string(),
            status,
            elapsed,
        });
    }
}

/// `0.4s`, `12.3s`, `3m07s`.
pub fn human(d: Duration) -> String {
    let secs = d.as_secs_f64();
    if secs < 60.0 {
        format!("{secs:.1}s")
    } else {
        let whole = d.as_secs();
        format!("{}m{:02}s", whole / 60, whole % 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_step_whose_prerequisite_failed_is_skipped_and_the_run_fails() {
        let mut p = Pipeline::new("test");
        p.step("build", || Err("boom".into()));
        let mut ran = false;
        p.step_after("e2e", &["build"], || {
            ran = true;
            Ok(Done::Ran)
        });
        assert!(!ran);
        assert!(p.finish().is_err());
    }

    #[test]
    fn independent_steps_keep_going_after_a_failure_until_a_halt() {
        let mut p = Pipeline::new("test");
        p.step("fmt", || Err("unformatted".into()));
        let mut clippy_ran = false;
        p.step("clippy", || {
            clippy_ran = true;
            Ok(Done::Ran)
        });
        assert!(clippy_ran);
        p.halt_if_failed("an earlier step failed");
        let mut later_ran = false;
        p.step("later", || {
            later_ran = true;
            Ok(Done::Ran)
        });
        assert!(!later_ran);
    }

    #[test]
    fn durations_read_as_seconds_then_minutes() {
        assert_eq!(human(Duration::from_millis(1234)), "1.2s");
        assert_eq!(human(Duration::from_secs(187)), "3m07s");
    }
}
