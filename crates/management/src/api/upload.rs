//! The multipart form of a branding upload: text fields `name`, `description`, `webapp_type` and the zip
//! in the file field `branding_file`.

use axum::extract::multipart::{Multipart, MultipartError, MultipartRejection};
use axum::http::StatusCode;
use bytes::Bytes;

use super::error::AdminError;

/// Uploads are refused past this size, with 413.
pub const MAX_UPLOAD_BYTES: usize = 64 * 1024 * 1024;

#[derive(Debug, Default)]
pub struct UploadForm {
    pub name: Option<String>,
    pub description: Option<String>,
    pub webapp_type: Option<String>,
    pub file: Option<UploadedFile>,
}

#[derive(Debug)]
pub struct UploadedFile {
    /// As the client named it.
    pub name: Option<String>,
    pub bytes: Bytes,
}

pub async fn read(
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<UploadForm, AdminError> {
    let mut multipart = multipart.map_err(|rejection| {
        AdminError::BadRequest(format!(
            "Send the package as multipart/form-data with the zip in the file field `branding_file` ({})",
            rejection.body_text()
        ))
    })?;
    let mut form = UploadForm::default();
    while let Some(field) = multipart.next_field().await.map_err(refused)? {
        let name = field.name().unwrap_or_default().to_owned();
        let duplicate = || AdminError::field(&name, "The field is given more than once");
        match name.as_str() {
            "branding_file" => {
                if form.file.is_some() {
                    return Err(duplicate());
                }
                let file_name = field.file_name().map(str::to_owned);
                let bytes = field.bytes().await.map_err(refused)?;
                form.file = Some(UploadedFile {
                    name: file_name,
                    bytes,
                });
            }
            "name" | "description" | "webapp_type" => {
                let text = field.text().await.map_err(refused)?;
                let slot = match name.as_str() {
                    "name" => &mut form.name,
                    "description" => &mut form.description,
                    _ => &mut form.webapp_type,
                };
                if slot.replace(text).is_some() {
                    return Err(duplicate());
                }
            }
            other => {
                return Err(AdminError::BadRequest(format!(
                    "Unknown form field `{other}`: use name, description, webapp_type and branding_file"
                )))
            }
        }
    }
    Ok(form)
}

fn refused(error: MultipartError) -> AdminError {
    if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
        AdminError::TooLarge(format!(
            "The upload is larger than {} MiB",
            MAX_UPLOAD_BYTES / (1024 * 1024)
        ))
    } else {
        AdminError::BadRequest(format!("Malformed multipart body: {}", error.body_text()))
    }
}
