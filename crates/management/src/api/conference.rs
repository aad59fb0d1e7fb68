//! `conference/`: rooms, keyed by integer id. Each change is checked with the engine's own rules
//! ([`VmrConfig::validate`](plugboard_conference::VmrConfig::validate)) and goes live through [`RoomSync`](crate::RoomSync) before it is committed:
//! a room the node refuses is not stored.

use axum::body::Body;
use axum::extract::{Path, RawQuery, State};
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use plugboard_conference::{RoomField, VmrServiceType};
use rusqlite::Connection;
use serde::de::IgnoredAny;
use serde::Deserialize;
use serde_json::{json, Map, Value};

use super::body::{present, read_json};
use super::error::{AdminError, FieldErrors};
use super::uri::CONFERENCES;
use super::{created, list, Change};
use crate::db::conferences::{self, Conference, ConferenceAlias, ConferenceRow};
use crate::management::Management;
use crate::rooms::vmr_config;

const FILTERS: &[&str] = &["name", "service_type"];
const MAX_TEXT: usize = 250;
const MAX_PIN: usize = 20;
const MAX_ALIASES: usize = 100;
/// Keys of an alias object as `GET` writes them that input may carry back but that mean nothing here.
const READ_ONLY_ALIAS_KEYS: &[&str] = &["conference", "id", "resource_uri", "creation_time"];

fn view(row: &ConferenceRow) -> Value {
    let resource_uri = CONFERENCES.uri(row.id);
    let conference = &row.conference;
    let aliases: Vec<Value> = conference
        .aliases
        .iter()
        .map(|alias| {
            json!({
                "alias": alias.alias,
                "conference": resource_uri,
                "description": alias.description,
            })
        })
        .collect();
    json!({
        "id": row.id,
        "name": conference.name,
        "description": conference.description,
        "aliases": aliases,
        "pin": conference.pin,
        "guest_pin": conference.guest_pin,
        "allow_guests": conference.allow_guests,
        "service_type": conference.service_type,
        "participant_limit": conference.participant_limit,
        "resource_uri": resource_uri,
    })
}

/// A room as `POST`, `PUT` and `PATCH` send it. Aliases are `{"alias": …}` objects as Pexip writes them,
/// or plain strings; PINs are `""` or `null` for none.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConferenceInput {
    name: Option<String>,
    description: Option<String>,
    aliases: Option<Vec<Value>>,
    #[serde(default, deserialize_with = "present")]
    pin: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    guest_pin: Option<Option<String>>,
    allow_guests: Option<bool>,
    service_type: Option<String>,
    #[serde(default, deserialize_with = "present")]
    participant_limit: Option<Option<u32>>,
    #[serde(rename = "id")]
    _id: Option<IgnoredAny>,
    #[serde(rename = "resource_uri")]
    _resource_uri: Option<IgnoredAny>,
}

impl ConferenceInput {
    /// `base` with what the input gives, each field checked on its own.
    fn apply(self, base: Conference) -> Result<Conference, AdminError> {
        let mut errors = FieldErrors::default();
        let name = self.name.unwrap_or(base.name);
        if name.is_empty() {
            errors.add("name", "This field is required");
        }
        errors.check_length("name", &name, MAX_TEXT);
        let description = self.description.unwrap_or(base.description);
        errors.check_length("description", &description, MAX_TEXT);
        let aliases = match self.aliases {
            Some(values) => aliases_of(values, &mut errors),
            None => base.aliases,
        };
        let pin = self.pin.map_or(base.pin, Option::unwrap_or_default);
        errors.check_length("pin", &pin, MAX_PIN);
        let guest_pin = self
            .guest_pin
            .map_or(base.guest_pin, Option::unwrap_or_default);
        errors.check_length("guest_pin", &guest_pin, MAX_PIN);
        let service_type = self.service_type.unwrap_or(base.service_type);
        if ![VmrServiceType::Conference, VmrServiceType::Lecture]
            .iter()
            .any(|known| known.as_str() == service_type)
        {
            errors.add(
                "service_type",
                format!("{service_type:?} is not a service type; use conference or lecture"),
            );
        }
        errors.into_result()?;
        Ok(Conference {
            name,
            description,
            aliases,
            pin,
            guest_pin,
            allow_guests: self.allow_guests.unwrap_or(base.allow_guests),
            service_type,
            participant_limit: self.participant_limit.unwrap_or(base.participant_limit),
        })
    }
}

fn aliases_of(values: Vec<Value>, errors: &mut FieldErrors) -> Vec<ConferenceAlias> {
    if values.len() > MAX_ALIASES {
        errors.add(
            "aliases",
            format!("A room has at most {MAX_ALIASES} aliases"),
        );
        return Vec::new();
    }
    let mut aliases: Vec<ConferenceAlias> = Vec::new();
    for (index, value) in values.into_iter().enumerate() {
        let field = format!("aliases[{index}]");
        let alias = match value {
            Value::String(alias) => ConferenceAlias {
                alias,
                description: String::new(),
            },
            Value::Object(object) => match alias_object(object) {
                Ok(alias) => alias,
                Err(message) => {
                    errors.add(&field, message);
                    continue;
                }
            },
            _ => {
                errors.add(&field, "Expected {\"alias\": \"…\"} or a string");
                continue;
            }
        };
        errors.check_length(&field, &alias.alias, MAX_TEXT);
        errors.check_length(&field, &alias.description, MAX_TEXT);
        if aliases
            .iter()
            .any(|other| other.alias.to_lowercase() == alias.alias.to_lowercase())
        {
            errors.add(
                &field,
                format!("The alias {:?} is listed twice", alias.alias),
            );
        }
        aliases.push(alias);
    }
    aliases
}

fn alias_object(mut object: Map<String, Value>) -> Result<ConferenceAlias, String> {
    let Some(Value::String(alias)) = object.remove("alias") else {
        return Err("Expected {\"alias\": \"…\"}: `alias` is missing or not a string".to_owned());
    };
    let description = match object.remove("description") {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(description)) => description,
        Some(_) => return Err("`description` must be a string".to_owned()),
    };
    if let Some(unknown) = object
        .keys()
        .find(|key| !READ_ONLY_ALIAS_KEYS.contains(&key.as_str()))
    {
        return Err(format!(
            "unknown field `{unknown}`, expected `alias` or `description`"
        ));
    }
    Ok(ConferenceAlias { alias, description })
}

fn new_conference() -> Conference {
    Conference {
        name: String::new(),
        description: String::new(),
        aliases: Vec::new(),
        pin: String::new(),
        guest_pin: String::new(),
        allow_guests: false,
        service_type: VmrServiceType::Conference.as_str().to_owned(),
        participant_limit: None,
    }
}

/// The admin API's name of the setting that a refusal of `VmrConfig::validate` is about.
fn field_of(field: RoomField) -> &'static str {
    match field {
        RoomField::Name => "name",
        RoomField::Aliases => "aliases",
        RoomField::Pin => "pin",
        RoomField::GuestPin => "guest_pin",
        RoomField::AllowGuests => "allow_guests",
        RoomField::ParticipantLimit => "participant_limit",
    }
}

/// Applies `input`; the room goes live before the change is committed, and the node's refusal leaves
/// nothing stored.
fn store(
    connection: &mut Connection,
    management: &Management,
    change: Change,
    input: ConferenceInput,
) -> Result<ConferenceRow, AdminError> {
    let transaction = connection.transaction()?;
    let current = match change {
        Change::Create => None,
        Change::Replace(id) | Change::Update(id) => {
            Some(conferences::get(&transaction, id)?.ok_or_else(|| CONFERENCES.missing(id))?)
        }
    };
    let base = match (&current, change) {
        (Some(row), Change::Update(_)) => row.conference.clone(),
        _ => new_conference(),
    };
    let conference = input.apply(base)?;
    let room = vmr_config(&conference);
    room.validate()
        .map_err(|error| AdminError::field(field_of(error.field), error.reason))?;
    let id = current.as_ref().map(|row| row.id);
    let names: Vec<&str> = std::iter::once(conference.name.as_str())
        .chain(conference.aliases.iter().map(|alias| alias.alias.as_str()))
        .collect();
    if let Some((taken, owner)) = conferences::taken_alias(&transaction, &names, id)? {
        let field = if taken == conference.name {
            "name"
        } else {
            "aliases"
        };
        return Err(AdminError::field(
            field,
            format!("{taken:?} already reaches the conference {owner:?}"),
        ));
    }
    let id = match id {
        Some(id) => {
            conferences::update(&transaction, id, &conference)?;
            id
        }
        None => conferences::insert(&transaction, &conference)?,
    };
    let previous_name = current.as_ref().map(|row| row.conference.name.as_str());
    management
        .rooms()
        .upsert(previous_name, room.clone())
        .map_err(|reason| AdminError::BadRequest(format!("The node refused the room: {reason}")))?;
    if let Err(error) = transaction.commit() {
        match &current {
            Some(row) => {
                let _ = management
                    .rooms()
                    .upsert(Some(&room.name), vmr_config(&row.conference));
            }
            None => management.rooms().remove(&room.name),
        }
        return Err(error.into());
    }
    Ok(ConferenceRow { id, conference })
}

pub async fn list(
    State(management): State<Management>,
    RawQuery(query): RawQuery,
) -> Result<Response, AdminError> {
    list::answer(
        &management,
        query,
        CONFERENCES,
        FILTERS,
        |connection, filters, page| {
            let (rows, total) = conferences::list(connection, filters, page)?;
            Ok((rows.iter().map(view).collect(), total))
        },
    )
    .await
}

pub async fn create(
    State(management): State<Management>,
    body: Body,
) -> Result<Response, AdminError> {
    let input: ConferenceInput = read_json(body).await?;
    let row = management
        .with_db(move |connection, management| store(connection, management, Change::Create, input))
        .await?;
    Ok(created(CONFERENCES.uri(row.id), view(&row)))
}

pub async fn detail(
    State(management): State<Management>,
    Path(id): Path<String>,
) -> Result<Response, AdminError> {
    let id = CONFERENCES.id(&id)?;
    let row = management
        .with_db(move |connection, _| {
            conferences::get(connection, id)?.ok_or_else(|| CONFERENCES.missing(id))
        })
        .await?;
    Ok(Json(view(&row)).into_response())
}

/// `PUT` replaces the room (defaults for what is left out), `PATCH` changes what it gives.
pub async fn change(
    State(management): State<Management>,
    method: Method,
    Path(id): Path<String>,
    body: Body,
) -> Result<Response, AdminError> {
    let (change, status) = Change::of(&method, CONFERENCES.id(&id)?);
    let input: ConferenceInput = read_json(body).await?;
    let row = management
        .with_db(move |connection, management| store(connection, management, change, input))
        .await?;
    Ok((status, Json(view(&row))).into_response())
}

pub async fn delete(
    State(management): State<Management>,
    Path(id): Path<String>,
) -> Result<Response, AdminError> {
    let id = CONFERENCES.id(&id)?;
    management
        .with_db(move |connection, management| {
            let transaction = connection.transaction()?;
            let row = conferences::get(&transaction, id)?.ok_or_else(|| CONFERENCES.missing(id))?;
            conferences::delete(&transaction, id)?;
            transaction.commit()?;
            management.rooms().remove(&row.conference.name);
            Ok(())
        })
        .await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

#[cfg(test)]
mod tests {
    use super::*;
    use plugboard_conference::VmrConfig;

    #[test]
    fn validation_reasons_are_filed_under_their_field() {
        let room = |pin: Option<&str>, guest_pin: Option<&str>| VmrConfig {
            pin: pin.map(str::to_owned),
            guest_pin: guest_pin.map(str::to_owned),
            allow_guests: true,
            ..VmrConfig::open("x")
        };
        let reason = |room: &VmrConfig| room.validate().err().map(|error| field_of(error.field));
        assert_eq!(reason(&room(Some("12a"), None)), Some("pin"));
        assert_eq!(reason(&room(Some("12"), Some("x"))), Some("guest_pin"));
        assert_eq!(reason(&room(Some("12"), Some("12"))), Some("guest_pin"));
        assert_eq!(reason(&room(None, None)), Some("allow_guests"));
        let no_guests = VmrConfig {
            allow_guests: false,
            ..room(Some("1"), Some("2"))
        };
        assert_eq!(reason(&no_guests), Some("guest_pin"));
        let full = VmrConfig {
            participant_limit: Some(0),
            ..VmrConfig::open("x")
        };
        assert_eq!(reason(&full), Some("participant_limit"));
        let blank = VmrConfig {
            aliases: vec![" ".to_owned()],
            ..VmrConfig::open("x")
        };
        assert_eq!(reason(&blank), Some("aliases"));
    }
}
