//! Watching the branding folder: editors save in bursts (temporary file, rename, chmod), so changes are
//! gathered for a short moment and handled once.

use std::path::Path;
use std::time::Duration;

use notify::RecursiveMode;
use notify_debouncer_mini::{new_debouncer, DebounceEventResult};

use super::DevMode;

const SETTLE: Duration = Duration::from_millis(150);

/// Reload `dev` after each burst of changes under `path`, for as long as the process runs.
pub fn watch(path: &Path, dev: DevMode) -> Result<(), notify::Error> {
    let mut debouncer = new_debouncer(SETTLE, move |result: DebounceEventResult| match result {
        Ok(events) if events.iter().any(|event| !is_internal(&event.path)) => dev.reload(),
        Ok(_) => {}
        Err(error) => tracing::warn!("watching the branding folder: {error}"),
    })?;
    debouncer.watcher().watch(path, RecursiveMode::Recursive)?;
    // The watcher lives as long as the node: `plugboard dev` serves until it is stopped.
    std::mem::forget(debouncer);
    Ok(())
}

/// Plugboard's own bookkeeping (`.plugboard/`) and editor droppings are not edits of the package.
fn is_internal(path: &Path) -> bool {
    path.components().any(|part| {
        let name = part.as_os_str().to_string_lossy();
        name == ".plugboard" || name == ".git" || name.ends_with('~') || name.ends_with(".swp")
    })
}
