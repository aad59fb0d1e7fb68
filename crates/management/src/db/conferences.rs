//! Stored rooms (`conference`) and their aliases (`conference_alias`).

use rusqlite::{params, Connection, OptionalExtension, Row, ToSql};

use super::{Filters, Page};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conference {
    pub name: String,
    pub description: String,
    pub aliases: Vec<ConferenceAlias>,
    /// Empty for none, as Pexip writes it.
    pub pin: String,
    pub guest_pin: String,
    pub allow_guests: bool,
    pub service_type: String,
    pub participant_limit: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConferenceAlias {
    pub alias: String,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConferenceRow {
    pub id: i64,
    pub conference: Conference,
}

const COLUMNS: &str =
    "id, name, description, pin, guest_pin, allow_guests, service_type, participant_limit";
const TABLE: &str = "conference";

/// A row without its aliases, which [`with_aliases`] adds.
fn from_row(row: &Row<'_>) -> rusqlite::Result<ConferenceRow> {
    Ok(ConferenceRow {
        id: row.get(0)?,
        conference: Conference {
            name: row.get(1)?,
            description: row.get(2)?,
            aliases: Vec::new(),
            pin: row.get(3)?,
            guest_pin: row.get(4)?,
            allow_guests: row.get(5)?,
            service_type: row.get(6)?,
            participant_limit: row.get(7)?,
        },
    })
}

fn with_aliases(
    connection: &Connection,
    mut row: ConferenceRow,
) -> rusqlite::Result<ConferenceRow> {
    let mut statement = connection.prepare_cached(
        "SELECT alias, description FROM conference_alias WHERE conference_id = ?1 ORDER BY id",
    )?;
    row.conference.aliases = statement
        .query_map([row.id], |alias| {
            Ok(ConferenceAlias {
                alias: alias.get(0)?,
                description: alias.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(row)
}

fn insert_aliases(
    connection: &Connection,
    id: i64,
    aliases: &[ConferenceAlias],
) -> rusqlite::Result<()> {
    let mut statement = connection.prepare_cached(
        "INSERT INTO conference_alias (conference_id, alias, description) VALUES (?1, ?2, ?3)",
    )?;
    for alias in aliases {
        statement.execute(params![id, alias.alias, alias.description])?;
    }
    Ok(())
}

/// The stored columns of `conference`, in the order of [`fields`].
const FIELDS: &str =
    "name, description, pin, guest_pin, allow_guests, service_type, participant_limit";

fn fields(conference: &Conference) -> [&dyn ToSql; 7] {
    [
        &conference.name,
        &conference.description,
        &conference.pin,
        &conference.guest_pin,
        &conference.allow_guests,
        &conference.service_type,
        &conference.participant_limit,
    ]
}

/// Stores a new room with its aliases; its id. Run it in a transaction.
pub fn insert(connection: &Connection, conference: &Conference) -> rusqlite::Result<i64> {
    connection.execute(
        &format!("INSERT INTO {TABLE} ({FIELDS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"),
        fields(conference).as_slice(),
    )?;
    let id = connection.last_insert_rowid();
    insert_aliases(connection, id, &conference.aliases)?;
    Ok(id)
}

/// Replaces a room and its aliases. Run it in a transaction.
pub fn update(connection: &Connection, id: i64, conference: &Conference) -> rusqlite::Result<bool> {
    let mut values = fields(conference).to_vec();
    values.push(&id);
    let changed = connection.execute(
        &format!("UPDATE {TABLE} SET ({FIELDS}) = (?1, ?2, ?3, ?4, ?5, ?6, ?7) WHERE id = ?8"),
        values.as_slice(),
    )?;
    if changed == 0 {
        return Ok(false);
    }
    connection.execute(
        "DELETE FROM conference_alias WHERE conference_id = ?1",
        [id],
    )?;
    insert_aliases(connection, id, &conference.aliases)?;
    Ok(true)
}

pub fn get(connection: &Connection, id: i64) -> rusqlite::Result<Option<ConferenceRow>> {
    let row = connection
        .query_row(
            &format!("SELECT {COLUMNS} FROM {TABLE} WHERE id = ?1"),
            [id],
            from_row,
        )
        .optional()?;
    row.map(|row| with_aliases(connection, row)).transpose()
}

pub fn list(
    connection: &Connection,
    filters: &Filters,
    page: Page,
) -> rusqlite::Result<(Vec<ConferenceRow>, u64)> {
    let (rows, total) = super::list(connection, TABLE, COLUMNS, filters, page, from_row)?;
    let rows = rows
        .into_iter()
        .map(|row| with_aliases(connection, row))
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok((rows, total))
}

/// Every stored room.
pub fn all(connection: &Connection) -> rusqlite::Result<Vec<ConferenceRow>> {
    let page = Page {
        limit: None,
        offset: 0,
    };
    list(connection, &Vec::new(), page).map(|(rows, _)| rows)
}

pub fn delete(connection: &Connection, id: i64) -> rusqlite::Result<bool> {
    let deleted = connection.execute(&format!("DELETE FROM {TABLE} WHERE id = ?1"), [id])?;
    Ok(deleted > 0)
}

/// The first of `names` (a room's name and aliases) that another room than `except` already answers to
/// (by name or alias, ignoring case), with that room's name.
pub fn taken_alias(
    connection: &Connection,
    names: &[&str],
    except: Option<i64>,
) -> rusqlite::Result<Option<(String, String)>> {
    let mut statement = connection.prepare_cached(
        "SELECT name FROM conference WHERE name = ?1 AND id IS NOT ?2
         UNION ALL
         SELECT conference.name FROM conference_alias JOIN conference ON conference.id = conference_id
         WHERE alias = ?1 AND conference_id IS NOT ?2
         LIMIT 1",
    )?;
    for name in names {
        let owner: Option<String> = statement
            .query_row(params![name, except], |row| row.get(0))
            .optional()?;
        if let Some(owner) = owner {
            return Ok(Some(((*name).to_owned(), owner)));
        }
    }
    Ok(None)
}
