//! Every participant holds a socket (and the spawned node one per participant too), so the default
//! soft limit of 1024 open files is far too low.

use crate::progress::note;

/// Raises this process's soft RLIMIT_NOFILE to the hard limit; a node spawned afterwards inherits it.
pub(crate) fn raise_open_file_limit(participants: usize) {
    match rlimit::increase_nofile_limit(u64::MAX) {
        Ok(limit) => {
            let needed = participants as u64 * 2 + 256;
            if limit < needed {
                note(&format!(
                    "open-file limit is {limit}; {participants} participants may need about {needed}"
                ));
            }
        }
        Err(error) => note(&format!("could not raise the open-file limit: {error}")),
    }
}
