//! Running a plan of named steps: headers, timing, stop at the first failure.

use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

type Action<'a> = Box<dyn FnOnce() -> Result<()> + 'a>;

/// An ordered list of named steps.
pub struct Plan<'a> {
    steps: Vec<(&'static str, Action<'a>)>,
}

impl<'a> Plan<'a> {
    pub fn new() -> Self {
        Plan { steps: Vec::new() }
    }

    pub fn step(&mut self, name: &'static str, action: impl FnOnce() -> Result<()> + 'a) {
        self.steps.push((name, Box::new(action)));
    }

    /// Runs the steps in order; the first failing step ends the run with its error.
    pub fn run(self) -> Result<()> {
        let started = Instant::now();
        let total = self.steps.len();
        let mut timings = Vec::new();
        for (index, (name, action)) in self.steps.into_iter().enumerate() {
            print_header(index + 1, total, name);
            let step_started = Instant::now();
            let outcome = action();
            let elapsed = step_started.elapsed();
            timings.push((name, elapsed));
            if let Err(error) = outcome {
                println!("\n✗ step `{name}` failed after {}", seconds(elapsed));
                print_summary(&timings, started.elapsed());
                return Err(error.context(format!("step `{name}` failed")));
            }
            println!("✓ {name} ({})", seconds(elapsed));
        }
        print_summary(&timings, started.elapsed());
        println!("all {total} steps passed");
        Ok(())
    }
}

fn print_header(number: usize, total: usize, name: &str) {
    let title = format!("[{number}/{total}] {name}");
    println!("\n{}\n==> {title}\n{}", "=".repeat(72), "=".repeat(72));
}

fn print_summary(timings: &[(&str, Duration)], total: Duration) {
    println!("\n--- summary ---");
    for (name, elapsed) in timings {
        println!("{:>9}  {name}", seconds(*elapsed));
    }
    println!("{:>9}  total", seconds(total));
}

fn seconds(duration: Duration) -> String {
    format!("{:.1}s", duration.as_secs_f64())
}

/// Runs a command with inherited stdio, echoing it first; a non-zero exit is an error.
pub fn run(command: &mut Command) -> Result<()> {
    let shown = describe(command);
    println!("$ {shown}");
    let status = command
        .status()
        .with_context(|| format!("could not start `{shown}`"))?;
    if !status.success() {
        bail!("`{shown}` exited with {status}");
    }
    Ok(())
}

/// Whether a program can be found on PATH (by running it with `--version`).
pub fn has_program(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok()
}

fn describe(command: &Command) -> String {
    std::iter::once(command.get_program())
        .chain(command.get_args())
        .map(|part| part.to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;

    #[test]
    fn stops_at_first_failing_step() {
        let ran = RefCell::new(Vec::new());
        let mut plan = Plan::new();
        plan.step("one", || {
            ran.borrow_mut().push("one");
            Ok(())
        });
        plan.step("two", || {
            ran.borrow_mut().push("two");
            bail!("boom")
        });
        plan.step("three", || {
            ran.borrow_mut().push("three");
            Ok(())
        });
        let error = plan.run().unwrap_err();
        assert_eq!(*ran.borrow(), vec!["one", "two"]);
        assert!(format!("{error:#}").contains("step `two` failed"));
    }

    #[test]
    fn describes_commands() {
        let mut command = Command::new("cargo");
        command.args(["fmt", "--all"]);
        assert_eq!(describe(&command), "cargo fmt --all");
    }
}
