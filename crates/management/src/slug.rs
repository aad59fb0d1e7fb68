//! The rule for web app path slugs (`/<slug>/`), shared by the admin API and `plugboard deploy`.

/// Slugs the node serves itself (compared ignoring case).
const RESERVED_SLUGS: &[&str] = &["api", "static", "webapp", "webapp1", "webapp2", "webapp3"];
const MAX_SLUG: usize = 100;

/// What is wrong with `slug` as a web app path, or `None` when it can be one.
pub fn slug_problem(slug: &str) -> Option<String> {
    if slug.is_empty() {
        Some("This field is required".to_owned())
    } else if slug.len() > MAX_SLUG
        || !slug
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_')
    {
        Some(format!(
            "A slug is 1 to {MAX_SLUG} of the characters a-z, A-Z, 0-9, - and _"
        ))
    } else if RESERVED_SLUGS
        .iter()
        .any(|reserved| reserved.eq_ignore_ascii_case(slug))
    {
        Some(format!(
            "{slug:?} is a path the node serves itself (reserved: {})",
            RESERVED_SLUGS.join(", ")
        ))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_short_plain_and_not_the_nodes_own_paths() {
        assert_eq!(slug_problem("sales-2_b"), None);
        assert!(slug_problem("").is_some());
        assert!(slug_problem("a b").is_some());
        assert!(slug_problem("../x").is_some());
        assert!(slug_problem(&"x".repeat(101)).is_some());
        assert!(slug_problem("WebApp2").is_some_and(|problem| problem.contains("reserved")));
    }
}
