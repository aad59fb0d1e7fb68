//! Stored branding packages: metadata and the zip as uploaded.

use rusqlite::{params, Connection, OptionalExtension, Row};

use super::{Filters, Page};

/// A stored package, without its zip.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Branding {
    pub uuid: String,
    pub name: String,
    pub description: String,
    pub webapp_type: String,
    /// The manifest's `brandingID`.
    pub branding_id: Option<String>,
    /// Of the zip, lower-case hex.
    pub sha256: String,
    /// Of the zip, in bytes.
    pub size: i64,
    /// ISO 8601, UTC.
    pub last_updated: String,
}

const COLUMNS: &str =
    "uuid, name, description, webapp_type, branding_id, sha256, size, last_updated";
const TABLE: &str = "webapp_branding";
/// Now, as `2024-05-01T12:34:56.789Z`.
const NOW: &str = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Branding> {
    Ok(Branding {
        uuid: row.get(0)?,
        name: row.get(1)?,
        description: row.get(2)?,
        webapp_type: row.get(3)?,
        branding_id: row.get(4)?,
        sha256: row.get(5)?,
        size: row.get(6)?,
        last_updated: row.get(7)?,
    })
}

/// Stores a package in one statement (so in one transaction): afterwards it is there completely or not
/// at all.
pub fn insert(connection: &Connection, branding: &Branding, zip: &[u8]) -> rusqlite::Result<()> {
    connection.execute(
        &format!(
            "INSERT INTO {TABLE} (uuid, name, description, webapp_type, branding_id, sha256, size, \
             last_updated, zip) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, {NOW}, ?8)"
        ),
        params![
            branding.uuid,
            branding.name,
            branding.description,
            branding.webapp_type,
            branding.branding_id,
            branding.sha256,
            branding.size,
            zip
        ],
    )?;
    Ok(())
}

pub fn get(connection: &Connection, uuid: &str) -> rusqlite::Result<Option<Branding>> {
    connection
        .query_row(
            &format!("SELECT {COLUMNS} FROM {TABLE} WHERE uuid = ?1"),
            [uuid],
            from_row,
        )
        .optional()
}

pub fn list(
    connection: &Connection,
    filters: &Filters,
    page: Page,
) -> rusqlite::Result<(Vec<Branding>, u64)> {
    super::list(connection, TABLE, COLUMNS, filters, page, from_row)
}

pub fn zip(connection: &Connection, uuid: &str) -> rusqlite::Result<Option<Vec<u8>>> {
    connection
        .query_row(
            &format!("SELECT zip FROM {TABLE} WHERE uuid = ?1"),
            [uuid],
            |row| row.get(0),
        )
        .optional()
}

/// Changes the name and description; false when there is no such package.
pub fn update(
    connection: &Connection,
    uuid: &str,
    name: &str,
    description: &str,
) -> rusqlite::Result<bool> {
    let changed = connection.execute(
        &format!(
            "UPDATE {TABLE} SET name = ?2, description = ?3, last_updated = {NOW} WHERE uuid = ?1"
        ),
        params![uuid, name, description],
    )?;
    Ok(changed > 0)
}

/// False when there is no such package.
pub fn delete(connection: &Connection, uuid: &str) -> rusqlite::Result<bool> {
    let deleted = connection.execute(&format!("DELETE FROM {TABLE} WHERE uuid = ?1"), [uuid])?;
    Ok(deleted > 0)
}
