use crate::config::DialRule;
use crate::participant::Protocol;

/// The `protocol` of a `dial` request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DialProtocol {
    Auto,
    Sip,
    H323,
    Rtmp,
    Mssip,
}

impl DialProtocol {
    pub fn parse(text: &str) -> Option<Self> {
        Some(match text {
            "auto" => DialProtocol::Auto,
            "sip" => DialProtocol::Sip,
            "h323" => DialProtocol::H323,
            "rtmp" => DialProtocol::Rtmp,
            "mssip" => DialProtocol::Mssip,
            _ => return None,
        })
    }

    /// The protocol the far end is reached with; `auto` decides from the destination's form.
    pub(crate) fn resolve(self, destination: &str) -> Protocol {
        match self {
            DialProtocol::Sip => Protocol::Sip,
            DialProtocol::H323 => Protocol::H323,
            DialProtocol::Rtmp => Protocol::Rtmp,
            DialProtocol::Mssip => Protocol::Mssip,
            DialProtocol::Auto => guess_protocol(destination),
        }
    }
}

fn guess_protocol(destination: &str) -> Protocol {
    let lower = destination.to_ascii_lowercase();
    if lower.starts_with("rtmp://") || lower.starts_with("rtmps://") {
        Protocol::Rtmp
    } else if lower.starts_with("h323:") {
        Protocol::H323
    } else if lower.starts_with("mssip:") {
        Protocol::Mssip
    } else {
        // `sip:`, `user@host`, and bare numbers all go out over SIP.
        Protocol::Sip
    }
}

/// The `call_type` of a `dial` request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CallType {
    #[default]
    Video,
    VideoOnly,
    Audio,
}

impl CallType {
    pub fn parse(text: &str) -> Option<Self> {
        Some(match text {
            "video" => CallType::Video,
            "video-only" => CallType::VideoOnly,
            "audio" => CallType::Audio,
            _ => return None,
        })
    }
}

/// What the simulated far end will do: answer after so many milliseconds, or fail at once.
pub(crate) fn outcome(rules: &[DialRule], destination: &str) -> Option<u64> {
    let lower = destination.to_ascii_lowercase();
    rules
        .iter()
        .find(|rule| lower.contains(&rule.pattern.to_ascii_lowercase()))
        .and_then(|rule| rule.answer.then_some(rule.after_ms))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auto_chooses_from_the_destination() {
        assert_eq!(DialProtocol::Auto.resolve("rtmp://live/x"), Protocol::Rtmp);
        assert_eq!(
            DialProtocol::Auto.resolve("sip:alice@example.com"),
            Protocol::Sip
        );
        assert_eq!(DialProtocol::Auto.resolve("bob@example.com"), Protocol::Sip);
        assert_eq!(DialProtocol::Auto.resolve("h323:10.0.0.1"), Protocol::H323);
        assert_eq!(DialProtocol::Rtmp.resolve("sip:x"), Protocol::Rtmp);
    }

    #[test]
    fn default_rules_reject_busy_and_answer_the_rest() {
        let rules = DialRule::defaults();
        assert_eq!(outcome(&rules, "sip:busy@example.com"), None);
        assert_eq!(outcome(&rules, "sip:REJECT@example.com"), None);
        assert_eq!(outcome(&rules, "sip:alice@example.com"), Some(1000));
    }
}
