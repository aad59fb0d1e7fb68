//! `webapp_branding/`: branding packages, keyed by uuid. Uploaded as multipart forms, checked with the
//! linter, stored with their zip; refused for deletion while a web app path serves them.

use axum::body::Body;
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::de::IgnoredAny;
use serde::Deserialize;
use serde_json::{json, Value};
use uuid::Uuid;

use super::body::read_json;
use super::error::{AdminError, FieldErrors};
use super::uri::BRANDINGS;
use super::{created, list, upload};
use crate::branding_upload::{self, Accepted};
use crate::db::aliases;
use crate::db::brandings::{self, Branding};
use crate::management::Management;

pub const WEBAPP2: &str = "webapp2";
const FILTERS: &[&str] = &["name", "uuid", "webapp_type"];
const MAX_NAME: usize = 100;
const MAX_DESCRIPTION: usize = 250;
const NO_FILE: &str = "This field is required: the package as a zip";

/// The API's view of a stored package.
pub fn view(branding: &Branding) -> Value {
    json!({
        "name": branding.name,
        "description": branding.description,
        "uuid": branding.uuid,
        "webapp_type": branding.webapp_type,
        "is_default": false,
        "last_updated": branding.last_updated,
        "resource_uri": BRANDINGS.uri(&branding.uuid),
    })
}

pub async fn list(
    State(management): State<Management>,
    RawQuery(query): RawQuery,
) -> Result<Response, AdminError> {
    list::answer(
        &management,
        query,
        BRANDINGS,
        FILTERS,
        |connection, filters, page| {
            let (rows, total) = brandings::list(connection, filters, page)?;
            Ok((rows.iter().map(view).collect(), total))
        },
    )
    .await
}

pub async fn create(
    State(management): State<Management>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, AdminError> {
    let form = upload::read(multipart).await?;
    let mut errors = FieldErrors::default();
    let name = form.name.unwrap_or_default();
    if name.trim().is_empty() {
        errors.add("name", "This field is required");
    }
    errors.check_length("name", &name, MAX_NAME);
    let description = form.description.unwrap_or_default();
    errors.check_length("description", &description, MAX_DESCRIPTION);
    let webapp_type = form.webapp_type.unwrap_or_else(|| WEBAPP2.to_owned());
    check_webapp_type(&mut errors, &webapp_type);
    if form.file.is_none() {
        errors.add("branding_file", NO_FILE);
    }
    errors.into_result()?;
    let file = form
        .file
        .ok_or_else(|| AdminError::field("branding_file", NO_FILE))?;
    let bytes = file.bytes;
    let checked = {
        let bytes = bytes.clone();
        tokio::task::spawn_blocking(move || branding_upload::check(file.name.as_deref(), &bytes))
            .await
            .map_err(|error| AdminError::Internal(format!("checking an upload failed: {error}")))?
            .map_err(|error| AdminError::Internal(format!("checking an upload: {error}")))?
    };
    let Accepted {
        branding_id,
        sha256,
    } = checked.map_err(|refused| AdminError::BrandingRefused(refused.findings))?;
    let branding = Branding {
        uuid: Uuid::new_v4().hyphenated().to_string(),
        name,
        description,
        webapp_type,
        branding_id,
        sha256,
        size: i64::try_from(bytes.len()).unwrap_or(i64::MAX),
        last_updated: String::new(),
    };
    let stored = management
        .with_db(move |connection, _| {
            brandings::insert(connection, &branding, &bytes)?;
            brandings::get(connection, &branding.uuid)?
                .ok_or_else(|| AdminError::Internal("a stored branding vanished".to_owned()))
        })
        .await?;
    Ok(created(BRANDINGS.uri(&stored.uuid), view(&stored)))
}

fn check_webapp_type(errors: &mut FieldErrors, webapp_type: &str) {
    match webapp_type {
        WEBAPP2 => {}
        "webapp1" | "webapp3" => errors.add(
            "webapp_type",
            "Only webapp2 branding packages are supported",
        ),
        other => errors.add(
            "webapp_type",
            format!("{other:?} is not a web app type; use webapp2"),
        ),
    }
}

pub async fn detail(
    State(management): State<Management>,
    Path(uuid): Path<String>,
) -> Result<Response, AdminError> {
    let uuid = BRANDINGS.uuid(&uuid)?;
    let branding = management
        .with_db(move |connection, _| {
            brandings::get(connection, &uuid)?.ok_or_else(|| BRANDINGS.missing(&uuid))
        })
        .await?;
    Ok(Json(view(&branding)).into_response())
}

pub async fn download(
    State(management): State<Management>,
    Path(uuid): Path<String>,
) -> Result<Response, AdminError> {
    let uuid = BRANDINGS.uuid(&uuid)?;
    let zip = {
        let uuid = uuid.clone();
        management
            .with_db(move |connection, _| {
                brandings::zip(connection, &uuid)?.ok_or_else(|| BRANDINGS.missing(&uuid))
            })
            .await?
    };
    let disposition = format!("attachment; filename=\"branding-{uuid}.zip\"");
    Ok((
        [
            (header::CONTENT_TYPE, "application/zip".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        zip,
    )
        .into_response())
}

/// What `PATCH` may change; the read-only fields of a fetched object are accepted and ignored so that
/// it can be sent back as it came.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BrandingPatch {
    name: Option<String>,
    description: Option<String>,
    webapp_type: Option<String>,
    #[serde(rename = "uuid")]
    _uuid: Option<IgnoredAny>,
    #[serde(rename = "resource_uri")]
    _resource_uri: Option<IgnoredAny>,
    #[serde(rename = "last_updated")]
    _last_updated: Option<IgnoredAny>,
    #[serde(rename = "is_default")]
    _is_default: Option<IgnoredAny>,
}

pub async fn patch(
    State(management): State<Management>,
    Path(uuid): Path<String>,
    body: Body,
) -> Result<Response, AdminError> {
    let uuid = BRANDINGS.uuid(&uuid)?;
    let patch: BrandingPatch = read_json(body).await?;
    let branding = management
        .with_db(move |connection, _| {
            let current =
                brandings::get(connection, &uuid)?.ok_or_else(|| BRANDINGS.missing(&uuid))?;
            let mut errors = FieldErrors::default();
            let name = patch.name.unwrap_or(current.name);
            if name.trim().is_empty() {
                errors.add("name", "This field may not be blank");
            }
            errors.check_length("name", &name, MAX_NAME);
            let description = patch.description.unwrap_or(current.description);
            errors.check_length("description", &description, MAX_DESCRIPTION);
            if patch
                .webapp_type
                .is_some_and(|webapp_type| webapp_type != current.webapp_type)
            {
                errors.add(
                    "webapp_type",
                    "The web app type of a package cannot change; upload it as a new package",
                );
            }
            errors.into_result()?;
            brandings::update(connection, &uuid, &name, &description)?;
            brandings::get(connection, &uuid)?.ok_or_else(|| BRANDINGS.missing(&uuid))
        })
        .await?;
    Ok((StatusCode::ACCEPTED, Json(view(&branding))).into_response())
}

pub async fn delete(
    State(management): State<Management>,
    Path(uuid): Path<String>,
) -> Result<Response, AdminError> {
    let uuid = BRANDINGS.uuid(&uuid)?;
    management
        .with_db(move |connection, _| {
            let transaction = connection.transaction()?;
            let slugs = aliases::using_branding(&transaction, &uuid)?;
            if !slugs.is_empty() {
                return Err(AdminError::Conflict(format!(
                    "The branding package is used by the web app path(s) {}; bind them to another package (or none) first",
                    slugs.join(", ")
                )));
            }
            if !brandings::delete(&transaction, &uuid)? {
                return Err(BRANDINGS.missing(&uuid));
            }
            transaction.commit()?;
            Ok(())
        })
        .await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
