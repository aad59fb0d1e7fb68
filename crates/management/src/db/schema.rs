//! The schema, as a list of migrations: the database's `user_version` is how many have run.

use std::path::Path;

use rusqlite::Connection;

use crate::error::ManagementError;

/// Append only: a released migration is never edited.
const MIGRATIONS: &[&str] = &[
    // 1: branding packages (with their zips), web app paths, rooms and their aliases.
    "CREATE TABLE webapp_branding (
        uuid TEXT PRIMARY KEY NOT NULL,
        name TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        webapp_type TEXT NOT NULL,
        branding_id TEXT,
        sha256 TEXT NOT NULL,
        size INTEGER NOT NULL,
        last_updated TEXT NOT NULL,
        zip BLOB NOT NULL
    );
    CREATE TABLE webapp_alias (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        slug TEXT NOT NULL UNIQUE,
        description TEXT NOT NULL DEFAULT '',
        webapp_type TEXT NOT NULL,
        is_enabled INTEGER NOT NULL,
        is_default INTEGER NOT NULL,
        branding TEXT REFERENCES webapp_branding (uuid) ON DELETE RESTRICT
    );
    CREATE UNIQUE INDEX webapp_alias_one_default ON webapp_alias (is_default) WHERE is_default;
    CREATE INDEX webapp_alias_branding ON webapp_alias (branding);
    CREATE TABLE conference (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        description TEXT NOT NULL DEFAULT '',
        pin TEXT NOT NULL DEFAULT '',
        guest_pin TEXT NOT NULL DEFAULT '',
        allow_guests INTEGER NOT NULL,
        service_type TEXT NOT NULL,
        participant_limit INTEGER
    );
    CREATE TABLE conference_alias (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        conference_id INTEGER NOT NULL REFERENCES conference (id) ON DELETE CASCADE,
        alias TEXT NOT NULL UNIQUE COLLATE NOCASE,
        description TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX conference_alias_conference ON conference_alias (conference_id);",
];

/// Runs the migrations the database has not seen, each in its own transaction.
pub fn migrate(connection: &mut Connection, path: &Path) -> Result<(), ManagementError> {
    let known = i64::try_from(MIGRATIONS.len()).unwrap_or(i64::MAX);
    let found: i64 = connection.pragma_query_value(None, "user_version", |row| row.get(0))?;
    if found > known {
        return Err(ManagementError::SchemaTooNew {
            path: path.to_path_buf(),
            found,
            known,
        });
    }
    for (version, sql) in (1..)
        .zip(MIGRATIONS)
        .skip(usize::try_from(found).unwrap_or(0))
    {
        let transaction = connection.transaction()?;
        transaction.execute_batch(sql)?;
        transaction.pragma_update(None, "user_version", version)?;
        transaction.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_run_once_and_newer_databases_are_refused() -> Result<(), ManagementError> {
        let mut connection = Connection::open_in_memory()?;
        let path = Path::new("test.db");
        migrate(&mut connection, path)?;
        migrate(&mut connection, path)?;
        let version: i64 = connection.pragma_query_value(None, "user_version", |row| row.get(0))?;
        assert_eq!(version, 1);
        connection.pragma_update(None, "user_version", 99)?;
        assert!(matches!(
            migrate(&mut connection, path),
            Err(ManagementError::SchemaTooNew { found: 99, .. })
        ));
        Ok(())
    }
}
