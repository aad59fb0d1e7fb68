//! Progress bars on stderr (drawn only when stderr is a terminal; stdout stays free for `--json`).

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

pub(crate) fn bar(len: usize, label: &'static str) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(Some(len as u64), ProgressDrawTarget::stderr());
    if let Ok(style) =
        ProgressStyle::with_template("{prefix:>10} [{bar:40}] {pos}/{len} {per_sec} {elapsed}")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_prefix(label);
    bar
}

/// A phase message. Goes to stderr so that stdout carries only the report.
pub(crate) fn note(message: &str) {
    eprintln!("bench: {message}");
}
