//! Times in scenario files: a number of seconds (`12`, `2.5`), or a duration with units (`"1m30s"`,
//! `"2.5s"`, `"500ms"`, `"1h"`).

use std::fmt;
use std::time::Duration;

use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;

/// A point in a scenario (from its start) or a length of time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Time(pub Duration);

/// What a time looks like, for error messages.
const EXPECTED: &str =
    "a number of seconds (such as 12 or 2.5) or a duration such as \"1m30s\", \"2.5s\" or \"500ms\"";
/// Beyond any meeting, and far from overflowing.
const MAX_SECS: f64 = 366.0 * 24.0 * 3600.0;

impl<'de> Deserialize<'de> for Time {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(TimeVisitor)
    }
}

struct TimeVisitor;

impl Visitor<'_> for TimeVisitor {
    type Value = Time;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(EXPECTED)
    }

    fn visit_i64<E: de::Error>(self, secs: i64) -> Result<Time, E> {
        // Any i64 converts to f64 closely enough for a range check and whole seconds.
        seconds(secs as f64).map_err(E::custom)
    }

    fn visit_u64<E: de::Error>(self, secs: u64) -> Result<Time, E> {
        seconds(secs as f64).map_err(E::custom)
    }

    fn visit_f64<E: de::Error>(self, secs: f64) -> Result<Time, E> {
        seconds(secs).map_err(E::custom)
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Time, E> {
        parse(text).map_err(E::custom)
    }
}

fn seconds(secs: f64) -> Result<Time, String> {
    if secs.is_finite() && (0.0..=MAX_SECS).contains(&secs) {
        Ok(Time(Duration::from_secs_f64(secs)))
    } else {
        Err(format!(
            "a time must be 0 to {MAX_SECS} seconds, not {secs}"
        ))
    }
}

/// `"1m30s"`, `"2.5s"`, `"500ms"`, `"1h 5m"`: numbers each followed by a unit (h, m, s or ms).
fn parse(text: &str) -> Result<Time, String> {
    let invalid = || format!("{text:?} is not a time; write {EXPECTED}");
    let mut rest = text.trim();
    if rest.is_empty() {
        return Err(invalid());
    }
    let mut total = 0.0;
    while !rest.is_empty() {
        let number_end = rest
            .find(|c: char| !c.is_ascii_digit() && c != '.')
            .ok_or_else(invalid)?;
        let number: f64 = rest[..number_end].parse().map_err(|_| invalid())?;
        rest = &rest[number_end..];
        let unit_end = rest
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(rest.len());
        let unit = match &rest[..unit_end] {
            "h" => 3600.0,
            "m" | "min" => 60.0,
            "s" => 1.0,
            "ms" => 0.001,
            _ => return Err(invalid()),
        };
        total += number * unit;
        rest = rest[unit_end..].trim_start();
    }
    seconds(total)
}

/// `m:ss`, with milliseconds when there are any: how reports and messages show a point in a scenario.
pub(crate) fn clock(at: Duration) -> String {
    let secs = at.as_secs();
    let millis = at.subsec_millis();
    if millis == 0 {
        format!("{}:{:02}", secs / 60, secs % 60)
    } else {
        format!("{}:{:02}.{millis:03}", secs / 60, secs % 60)
    }
}

/// `6s`, `1.5s`, `2m`: how a length of time reads.
pub(crate) fn length(duration: Duration) -> String {
    let secs = duration.as_secs_f64();
    if secs >= 60.0 && secs % 60.0 == 0.0 {
        format!("{}m", secs / 60.0)
    } else {
        format!("{secs}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(s: f64) -> Result<Time, String> {
        Ok(Time(Duration::from_secs_f64(s)))
    }

    #[test]
    fn times_have_units_or_are_seconds() {
        assert_eq!(parse("1m30s"), secs(90.0));
        assert_eq!(parse("2.5s"), secs(2.5));
        assert_eq!(parse("500ms"), secs(0.5));
        assert_eq!(parse(" 1h 5m "), secs(3900.0));
        assert_eq!(parse("2min"), secs(120.0));
        assert_eq!(seconds(12.0), secs(12.0));
    }

    #[test]
    fn anything_else_is_refused_with_what_a_time_looks_like() {
        for bad in ["", "5", "5 minutes", "1m30", "s", "-5s", "1.2.3s", "5d"] {
            let error = parse(bad).unwrap_err();
            assert!(error.contains("1m30s"), "{bad:?}: {error}");
        }
        assert!(seconds(-1.0).is_err());
        assert!(seconds(f64::NAN).is_err());
        assert!(seconds(1e30).is_err());
    }

    #[test]
    fn times_read_as_a_clock_and_lengths_with_units() {
        assert_eq!(clock(Duration::from_secs(75)), "1:15");
        assert_eq!(clock(Duration::from_millis(2500)), "0:02.500");
        assert_eq!(length(Duration::from_secs(6)), "6s");
        assert_eq!(length(Duration::from_millis(1500)), "1.5s");
        assert_eq!(length(Duration::from_secs(120)), "2m");
    }
}
