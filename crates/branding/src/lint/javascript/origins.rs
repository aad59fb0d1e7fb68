//! Origins of the absolute http(s) URLs a plugin names (fetch targets, script and link tags in
//! HTML strings, XMLHttpRequest URLs): what a Content Security Policy would have to allow.

/// Pushes `scheme://host[:port]` of every absolute http(s) URL in `text`.
pub(super) fn push_origins(text: &str, origins: &mut Vec<String>) {
    for (index, _) in text.match_indices("://") {
        let Some(scheme) = scheme_before(text, index) else {
            continue;
        };
        let rest = text.get(index + 3..).unwrap_or("");
        if let Some(origin) = origin(scheme, rest) {
            origins.push(origin);
        }
    }
}

/// `http` or `https` (any case) right before `index`, not the tail of a longer scheme.
fn scheme_before(text: &str, index: usize) -> Option<&'static str> {
    let before = text.get(..index)?;
    ["https", "http"].into_iter().find(|scheme| {
        let Some(start) = before.len().checked_sub(scheme.len()) else {
            return false;
        };
        let matches = before
            .get(start..)
            .is_some_and(|candidate| candidate.eq_ignore_ascii_case(scheme));
        let previous = before
            .get(..start)
            .and_then(|head| head.chars().next_back());
        matches
            && !previous.is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    })
}

fn origin(scheme: &str, rest: &str) -> Option<String> {
    let end = rest
        .find(|c: char| !is_authority_char(c))
        .unwrap_or(rest.len());
    let authority = rest.get(..end)?;
    let host_port = authority.rsplit('@').next()?;
    let (host, port) = split_port(host_port)?;
    if !valid_host(host) || port.len() > 5 || !port.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let host = host.to_lowercase();
    // XML namespace names (`http://www.w3.org/2000/svg` for createElementNS) are never fetched.
    if scheme == "http" && host == "www.w3.org" {
        return None;
    }
    let default_port = if scheme == "https" { "443" } else { "80" };
    Some(if port.is_empty() || port == default_port {
        format!("{scheme}://{host}")
    } else {
        format!("{scheme}://{host}:{port}")
    })
}

fn is_authority_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '.' | '_' | '~' | '%' | ':' | '@' | '[' | ']')
}

/// `(host, port)`; the port is empty when absent. IPv6 hosts keep their brackets.
fn split_port(host_port: &str) -> Option<(&str, &str)> {
    if host_port.starts_with('[') {
        let close = host_port.find(']')?;
        let (host, after) = host_port.split_at(close + 1);
        return match after.strip_prefix(':') {
            Some(port) => Some((host, port)),
            None if after.is_empty() => Some((host, "")),
            None => None,
        };
    }
    Some(host_port.split_once(':').unwrap_or((host_port, "")))
}

fn valid_host(host: &str) -> bool {
    if let Some(inner) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        return !inner.is_empty()
            && inner
                .chars()
                .all(|c| c.is_ascii_hexdigit() || matches!(c, ':' | '.'));
    }
    !host.is_empty()
        && !host.starts_with('.')
        && host
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '.' | '_'))
}
