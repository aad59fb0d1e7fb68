//! `webapp_alias/`: web app paths, keyed by integer id. A slug, the branding package it serves (or the
//! node's default), whether it is enabled, and which one `/webapp2/` follows.

use axum::body::Body;
use axum::extract::{Path, RawQuery, State};
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use rusqlite::Connection;
use serde::de::IgnoredAny;
use serde::Deserialize;
use serde_json::{json, Value};

use super::body::{present, read_json};
use super::branding::{self, WEBAPP2};
use super::error::{AdminError, FieldErrors};
use super::uri::{self, ALIASES, BRANDINGS};
use super::{created, list, Change};
use crate::db::aliases::{self, Alias, AliasRow};
use crate::db::brandings;
use crate::management::Management;
use crate::slug::slug_problem;

const MAX_DESCRIPTION: usize = 250;
const FILTERS: &[&str] = &["slug", "webapp_type"];

/// A path as the API writes it, with its branding package nested.
fn view(connection: &Connection, row: &AliasRow) -> Result<Value, AdminError> {
    let branding = match &row.alias.branding {
        Some(uuid) => brandings::get(connection, uuid)?
            .as_ref()
            .map(branding::view),
        None => None,
    };
    let alias = &row.alias;
    Ok(json!({
        "id": row.id,
        "slug": alias.slug,
        "description": alias.description,
        "webapp_type": alias.webapp_type,
        "is_enabled": alias.is_enabled,
        "is_default": alias.is_default,
        "branding": branding,
        "bundle": null,
        "resource_uri": ALIASES.uri(row.id),
    }))
}

/// A path as `POST`, `PUT` and `PATCH` send it; the read-only fields of a fetched object are accepted and
/// ignored so that it can be sent back as it came.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AliasInput {
    slug: Option<String>,
    description: Option<String>,
    webapp_type: Option<String>,
    is_enabled: Option<bool>,
    is_default: Option<bool>,
    /// A resource URI, `null`, or a nested branding object as `GET` returns it.
    #[serde(default, deserialize_with = "present")]
    branding: Option<Option<Value>>,
    #[serde(default, deserialize_with = "present")]
    bundle: Option<Option<Value>>,
    #[serde(rename = "id")]
    _id: Option<IgnoredAny>,
    #[serde(rename = "resource_uri")]
    _resource_uri: Option<IgnoredAny>,
}

impl AliasInput {
    /// `base` with what the input gives, checked; `except` is the path's own id when it exists.
    fn apply(
        self,
        connection: &Connection,
        base: Alias,
        except: Option<i64>,
    ) -> Result<Alias, AdminError> {
        let mut errors = FieldErrors::default();
        let slug = self.slug.unwrap_or(base.slug);
        check_slug(&mut errors, &slug);
        if errors.is_clear("slug") && aliases::with_slug(connection, &slug, except)?.is_some() {
            errors.add("slug", "A web app path with this slug already exists");
        }
        let description = self.description.unwrap_or(base.description);
        errors.check_length("description", &description, MAX_DESCRIPTION);
        let webapp_type = self.webapp_type.unwrap_or(base.webapp_type);
        if webapp_type != WEBAPP2 {
            errors.add("webapp_type", "Only webapp2 paths are supported");
        }
        let branding = match self.branding {
            None => base.branding,
            Some(None) => None,
            Some(Some(value)) => branding_of(connection, &value, &mut errors)?,
        };
        if matches!(self.bundle, Some(Some(_))) {
            errors.add(
                "bundle",
                "Software bundles are not supported; leave it null",
            );
        }
        errors.into_result()?;
        Ok(Alias {
            slug,
            description,
            webapp_type,
            is_enabled: self.is_enabled.unwrap_or(base.is_enabled),
            is_default: self.is_default.unwrap_or(base.is_default),
            branding,
        })
    }
}

fn check_slug(errors: &mut FieldErrors, slug: &str) {
    if let Some(problem) = slug_problem(slug) {
        errors.add("slug", problem);
    }
}

/// The stored uuid of the branding package `value` names.
fn branding_of(
    connection: &Connection,
    value: &Value,
    errors: &mut FieldErrors,
) -> Result<Option<String>, AdminError> {
    let named = match value {
        Value::String(text) => Some(text.as_str()),
        Value::Object(object) => object
            .get("resource_uri")
            .or_else(|| object.get("uuid"))
            .and_then(Value::as_str),
        _ => None,
    };
    let Some(named) = named else {
        errors.add(
            "branding",
            format!(
                "Expected the resource URI of a branding ({}<uuid>/) or null",
                BRANDINGS.path
            ),
        );
        return Ok(None);
    };
    match uri::branding_uuid(named) {
        Some(uuid) if brandings::get(connection, &uuid)?.is_some() => Ok(Some(uuid)),
        _ => {
            errors.add("branding", format!("No webapp_branding at {named:?}"));
            Ok(None)
        }
    }
}

fn new_alias() -> Alias {
    Alias {
        slug: String::new(),
        description: String::new(),
        webapp_type: WEBAPP2.to_owned(),
        is_enabled: true,
        is_default: false,
        branding: None,
    }
}

/// Applies `input`, keeping at most one default path; the id and view of the path.
fn store(
    connection: &mut Connection,
    management: &Management,
    change: Change,
    input: AliasInput,
) -> Result<(i64, Value), AdminError> {
    let transaction = connection.transaction()?;
    let (id, base) = match change {
        Change::Create => (None, new_alias()),
        Change::Replace(id) | Change::Update(id) => {
            let current = aliases::get(&transaction, id)?.ok_or_else(|| ALIASES.missing(id))?;
            let base = match change {
                Change::Update(_) => current.alias,
                _ => new_alias(),
            };
            (Some(id), base)
        }
    };
    let alias = input.apply(&transaction, base, id)?;
    if alias.is_default {
        aliases::clear_default_except(&transaction, id)?;
    }
    let id = match id {
        Some(id) => {
            aliases::update(&transaction, id, &alias)?;
            id
        }
        None => aliases::insert(&transaction, &alias)?,
    };
    transaction.commit()?;
    management.refresh_paths(connection)?;
    let row = AliasRow { id, alias };
    Ok((id, view(connection, &row)?))
}

pub async fn list(
    State(management): State<Management>,
    RawQuery(query): RawQuery,
) -> Result<Response, AdminError> {
    list::answer(
        &management,
        query,
        ALIASES,
        FILTERS,
        |connection, filters, page| {
            let (rows, total) = aliases::list(connection, filters, page)?;
            let objects = rows
                .iter()
                .map(|row| view(connection, row))
                .collect::<Result<Vec<_>, _>>()?;
            Ok((objects, total))
        },
    )
    .await
}

pub async fn create(
    State(management): State<Management>,
    body: Body,
) -> Result<Response, AdminError> {
    let input: AliasInput = read_json(body).await?;
    let (id, view) = management
        .with_db(move |connection, management| store(connection, management, Change::Create, input))
        .await?;
    Ok(created(ALIASES.uri(id), view))
}

pub async fn detail(
    State(management): State<Management>,
    Path(id): Path<String>,
) -> Result<Response, AdminError> {
    let id = ALIASES.id(&id)?;
    let view = management
        .with_db(move |connection, _| {
            let row = aliases::get(connection, id)?.ok_or_else(|| ALIASES.missing(id))?;
            view(connection, &row)
        })
        .await?;
    Ok(Json(view).into_response())
}

/// `PUT` replaces the path (defaults for what is left out), `PATCH` changes what it gives.
pub async fn change(
    State(management): State<Management>,
    method: Method,
    Path(id): Path<String>,
    body: Body,
) -> Result<Response, AdminError> {
    let (change, status) = Change::of(&method, ALIASES.id(&id)?);
    let input: AliasInput = read_json(body).await?;
    let (_, view) = management
        .with_db(move |connection, management| store(connection, management, change, input))
        .await?;
    Ok((status, Json(view)).into_response())
}

pub async fn delete(
    State(management): State<Management>,
    Path(id): Path<String>,
) -> Result<Response, AdminError> {
    let id = ALIASES.id(&id)?;
    management
        .with_db(move |connection, management| {
            if !aliases::delete(connection, id)? {
                return Err(ALIASES.missing(id));
            }
            management.refresh_paths(connection)?;
            Ok(())
        })
        .await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
