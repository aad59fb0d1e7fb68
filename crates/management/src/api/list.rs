//! Lists in Tastypie's shape: `{"meta": {limit, next, offset, previous, total_count}, "objects": […]}`,
//! paged with `?limit=&offset=` (`limit=0`: everything) and filtered by exact field values.

use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use super::error::AdminError;
use super::uri::Collection;
use crate::db::{Filters, Page};
use crate::management::Management;

pub const DEFAULT_LIMIT: u64 = 20;

/// What a list request asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListQuery {
    pub page: Page,
    pub filters: Filters,
}

impl ListQuery {
    /// Reads the query string; `filterable` are the fields that may be filtered on.
    pub fn parse(query: Option<&str>, filterable: &[&'static str]) -> Result<Self, AdminError> {
        let mut limit = Some(DEFAULT_LIMIT);
        let mut offset = 0;
        let mut filters = Filters::new();
        for (key, value) in form_urlencoded::parse(query.unwrap_or_default().as_bytes()) {
            match key.as_ref() {
                "limit" => limit = Some(number("limit", &value)?).filter(|limit| *limit > 0),
                "offset" => offset = number("offset", &value)?,
                "format" if value == "json" => {}
                "format" => {
                    return Err(AdminError::BadRequest(
                        "Only format=json is supported".to_owned(),
                    ))
                }
                other => match filterable.iter().find(|field| **field == other) {
                    Some(field) => filters.push((field, value.into_owned())),
                    None => {
                        return Err(AdminError::BadRequest(format!(
                            "Unknown query parameter `{other}`: use limit, offset, format or a filter on {}",
                            filterable.join(", ")
                        )))
                    }
                },
            }
        }
        Ok(Self {
            page: Page { limit, offset },
            filters,
        })
    }

    /// The list response for `objects`, the page of `total_count` matches at `path`.
    pub fn response(&self, path: &str, total_count: u64, objects: Vec<Value>) -> Response {
        let Page { limit, offset } = self.page;
        let link = |offset: u64| {
            let mut query = form_urlencoded::Serializer::new(String::new());
            query.append_pair("limit", &limit.unwrap_or(0).to_string());
            query.append_pair("offset", &offset.to_string());
            for (field, value) in &self.filters {
                query.append_pair(field, value);
            }
            Value::String(format!("{path}?{}", query.finish()))
        };
        let (next, previous) = match limit {
            Some(limit) => (
                (offset.saturating_add(limit) < total_count).then(|| link(offset + limit)),
                (offset > 0).then(|| link(offset.saturating_sub(limit))),
            ),
            None => (None, None),
        };
        Json(json!({
            "meta": {
                "limit": limit.unwrap_or(0),
                "next": next,
                "offset": offset,
                "previous": previous,
                "total_count": total_count,
            },
            "objects": objects,
        }))
        .into_response()
    }
}

/// Answers a list request for `collection`: `fetch` reads the page the query asks for, as the API's
/// objects, and how many match in all.
pub async fn answer<F>(
    management: &Management,
    query: Option<String>,
    collection: Collection,
    filterable: &'static [&'static str],
    fetch: F,
) -> Result<Response, AdminError>
where
    F: FnOnce(&rusqlite::Connection, &Filters, Page) -> Result<(Vec<Value>, u64), AdminError>
        + Send
        + 'static,
{
    let query = ListQuery::parse(query.as_deref(), filterable)?;
    let (filters, page) = (query.filters.clone(), query.page);
    let (objects, total) = management
        .with_db(move |connection, _| fetch(connection, &filters, page))
        .await?;
    Ok(query.response(collection.path, total, objects))
}

fn number(name: &str, value: &str) -> Result<u64, AdminError> {
    value.parse().map_err(|_| {
        AdminError::BadRequest(format!("`{name}` must be a whole number, not {value:?}"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paging_and_filters_are_read() -> Result<(), AdminError> {
        let query = ListQuery::parse(Some("limit=5&offset=10&slug=sales&format=json"), &["slug"])?;
        assert_eq!(
            query.page,
            Page {
                limit: Some(5),
                offset: 10
            }
        );
        assert_eq!(query.filters, vec![("slug", "sales".to_owned())]);
        assert_eq!(ListQuery::parse(Some("limit=0"), &[])?.page.limit, None);
        assert_eq!(ListQuery::parse(None, &[])?.page.limit, Some(DEFAULT_LIMIT));
        assert!(ListQuery::parse(Some("limit=x"), &[]).is_err());
        assert!(ListQuery::parse(Some("colour=red"), &["slug"]).is_err());
        Ok(())
    }
}
