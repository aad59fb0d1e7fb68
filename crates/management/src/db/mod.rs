//! The SQLite database in the data directory: one file, WAL mode, schema versions in `user_version`.

pub mod aliases;
pub mod brandings;
pub mod conferences;
mod schema;

use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use rusqlite::{Connection, ToSql};

use crate::error::ManagementError;

pub const FILE_NAME: &str = "plugboard.db";

/// The database, shared by every request.
///
/// One connection behind a mutex, used from `spawn_blocking`: SQLite lets one writer in at a time anyway,
/// admin requests are few, and serving web app paths never reads the database (they are kept in memory),
/// so a pool would only add `SQLITE_BUSY` handling. Holding the lock across a whole change also orders
/// the in-memory state after the commits.
#[derive(Clone)]
pub struct Db {
    connection: Arc<Mutex<Connection>>,
}

impl Db {
    /// Opens (creating) `<data_dir>/plugboard.db` and brings its schema up to date.
    pub fn open(data_dir: &Path) -> Result<Self, ManagementError> {
        std::fs::create_dir_all(data_dir).map_err(|source| ManagementError::DataDir {
            path: data_dir.to_path_buf(),
            source,
        })?;
        let path = data_dir.join(FILE_NAME);
        let opened = |source| ManagementError::Open {
            path: path.clone(),
            source,
        };
        let mut connection = Connection::open(&path).map_err(opened)?;
        configure(&connection).map_err(opened)?;
        schema::migrate(&mut connection, &path)?;
        Ok(Self {
            connection: Arc::new(Mutex::new(connection)),
        })
    }

    // A panic while the lock is held drops its open transaction, which rolls back: the connection is
    // still consistent, so a poisoned lock is used as is.
    pub fn lock(&self) -> MutexGuard<'_, Connection> {
        self.connection
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }
}

fn configure(connection: &Connection) -> rusqlite::Result<()> {
    connection.pragma_update(None, "journal_mode", "WAL")?;
    // Admin changes are rare; each one is on disk before it is answered.
    connection.pragma_update(None, "synchronous", "FULL")?;
    connection.pragma_update(None, "foreign_keys", true)?;
    connection.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(())
}

/// Which rows of a list to return: `limit` of them (all when `None`) after skipping `offset`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    pub limit: Option<u64>,
    pub offset: u64,
}

/// Exact-match filters on columns; the column names are the resource's own constants, never input.
pub type Filters = Vec<(&'static str, String)>;

/// One page of `table`'s rows matching `filters`, in insertion order, and how many match in all.
pub fn list<T>(
    connection: &Connection,
    table: &str,
    columns: &str,
    filters: &Filters,
    page: Page,
    row: impl Fn(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
) -> rusqlite::Result<(Vec<T>, u64)> {
    let condition = if filters.is_empty() {
        String::new()
    } else {
        let terms: Vec<String> = filters
            .iter()
            .enumerate()
            .map(|(index, (column, _))| format!("{column} = ?{}", index + 1))
            .collect();
        format!("WHERE {}", terms.join(" AND "))
    };
    let values: Vec<&dyn ToSql> = filters
        .iter()
        .map(|(_, value)| value as &dyn ToSql)
        .collect();
    let total: i64 = connection.query_row(
        &format!("SELECT COUNT(*) FROM {table} {condition}"),
        values.as_slice(),
        |row| row.get(0),
    )?;
    let total = u64::try_from(total).unwrap_or(0);
    let limit = page
        .limit
        .map_or(-1, |limit| i64::try_from(limit).unwrap_or(i64::MAX));
    let offset = i64::try_from(page.offset).unwrap_or(i64::MAX);
    let sql = format!(
        "SELECT {columns} FROM {table} {condition} ORDER BY rowid LIMIT {limit} OFFSET {offset}"
    );
    let mut statement = connection.prepare(&sql)?;
    let rows = statement
        .query_map(values.as_slice(), |r| row(r))?
        .collect::<rusqlite::Result<Vec<T>>>()?;
    Ok((rows, total))
}
