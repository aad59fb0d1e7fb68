//! `GET …/events`: the conference's event stream.

use axum::http::Method;

use super::Call;
use crate::envelope::{ApiError, ApiResult};
use crate::stream::event_stream;

pub(super) async fn open(call: Call) -> ApiResult {
    call.expect_method(Method::GET)?;
    let token = call.token()?;
    let last_event_id = call
        .headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    match call.conference.subscribe(token, last_event_id).await {
        Some(Ok(subscription)) => Ok(event_stream(subscription)),
        Some(Err(error)) => Err(error.into()),
        None => Err(ApiError::Unavailable),
    }
}
