//! Stored web app paths (`webapp_alias`): a slug, and the branding package it serves.

use rusqlite::{params, Connection, OptionalExtension, Row, ToSql};

use super::{Filters, Page};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    pub slug: String,
    pub description: String,
    pub webapp_type: String,
    pub is_enabled: bool,
    pub is_default: bool,
    /// The uuid of its branding package; `None` for the node's default branding.
    pub branding: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AliasRow {
    pub id: i64,
    pub alias: Alias,
}

const COLUMNS: &str = "id, slug, description, webapp_type, is_enabled, is_default, branding";
const TABLE: &str = "webapp_alias";

fn from_row(row: &Row<'_>) -> rusqlite::Result<AliasRow> {
    Ok(AliasRow {
        id: row.get(0)?,
        alias: Alias {
            slug: row.get(1)?,
            description: row.get(2)?,
            webapp_type: row.get(3)?,
            is_enabled: row.get(4)?,
            is_default: row.get(5)?,
            branding: row.get(6)?,
        },
    })
}

/// The stored columns, in the order of [`fields`].
const FIELDS: &str = "slug, description, webapp_type, is_enabled, is_default, branding";

fn fields(alias: &Alias) -> [&dyn ToSql; 6] {
    [
        &alias.slug,
        &alias.description,
        &alias.webapp_type,
        &alias.is_enabled,
        &alias.is_default,
        &alias.branding,
    ]
}

/// Stores a new path; its id.
pub fn insert(connection: &Connection, alias: &Alias) -> rusqlite::Result<i64> {
    connection.execute(
        &format!("INSERT INTO {TABLE} ({FIELDS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"),
        fields(alias).as_slice(),
    )?;
    Ok(connection.last_insert_rowid())
}

pub fn update(connection: &Connection, id: i64, alias: &Alias) -> rusqlite::Result<bool> {
    let mut values = fields(alias).to_vec();
    values.push(&id);
    let changed = connection.execute(
        &format!("UPDATE {TABLE} SET ({FIELDS}) = (?1, ?2, ?3, ?4, ?5, ?6) WHERE id = ?7"),
        values.as_slice(),
    )?;
    Ok(changed > 0)
}

/// Makes no path but `id` (if any) the default.
pub fn clear_default_except(connection: &Connection, id: Option<i64>) -> rusqlite::Result<()> {
    connection.execute(
        &format!("UPDATE {TABLE} SET is_default = 0 WHERE is_default AND id IS NOT ?1"),
        [id],
    )?;
    Ok(())
}

pub fn get(connection: &Connection, id: i64) -> rusqlite::Result<Option<AliasRow>> {
    connection
        .query_row(
            &format!("SELECT {COLUMNS} FROM {TABLE} WHERE id = ?1"),
            [id],
            from_row,
        )
        .optional()
}

/// The id of the path with this slug, other than `except`.
pub fn with_slug(
    connection: &Connection,
    slug: &str,
    except: Option<i64>,
) -> rusqlite::Result<Option<i64>> {
    connection
        .query_row(
            &format!("SELECT id FROM {TABLE} WHERE slug = ?1 AND id IS NOT ?2"),
            params![slug, except],
            |row| row.get(0),
        )
        .optional()
}

/// The slugs of the paths that serve this branding package.
pub fn using_branding(connection: &Connection, uuid: &str) -> rusqlite::Result<Vec<String>> {
    let mut statement = connection.prepare(&format!(
        "SELECT slug FROM {TABLE} WHERE branding = ?1 ORDER BY slug"
    ))?;
    let slugs = statement
        .query_map([uuid], |row| row.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(slugs)
}

pub fn list(
    connection: &Connection,
    filters: &Filters,
    page: Page,
) -> rusqlite::Result<(Vec<AliasRow>, u64)> {
    super::list(connection, TABLE, COLUMNS, filters, page, from_row)
}

/// Every enabled path.
pub fn enabled(connection: &Connection) -> rusqlite::Result<Vec<AliasRow>> {
    let mut statement = connection.prepare(&format!(
        "SELECT {COLUMNS} FROM {TABLE} WHERE is_enabled ORDER BY id"
    ))?;
    let rows = statement
        .query_map([], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn delete(connection: &Connection, id: i64) -> rusqlite::Result<bool> {
    let deleted = connection.execute(&format!("DELETE FROM {TABLE} WHERE id = ?1"), [id])?;
    Ok(deleted > 0)
}
