//! Display names for simulated participants: varied, realistic names by default, so that a roster looks
//! and sorts like a real one, or numbered names under a chosen prefix.

const FIRST_NAMES: [&str; 48] = [
    "Aisha",
    "Alejandro",
    "Amara",
    "Anders",
    "Ana",
    "Benjamin",
    "Chen",
    "Chiara",
    "Daniel",
    "Dmitri",
    "Elena",
    "Emeka",
    "Fatima",
    "Felix",
    "Grace",
    "Hana",
    "Hugo",
    "Ines",
    "Ivan",
    "Jamal",
    "Julia",
    "Kenji",
    "Laila",
    "Lars",
    "Lucia",
    "Mateo",
    "Maya",
    "Mehmet",
    "Nadia",
    "Noah",
    "Olga",
    "Omar",
    "Priya",
    "Rafael",
    "Ravi",
    "Sara",
    "Sebastian",
    "Sofia",
    "Tariq",
    "Thomas",
    "Uma",
    "Victor",
    "Wei",
    "Yara",
    "Yusuf",
    "Zainab",
    "Zoltan",
    "Ingrid",
];

const LAST_NAMES: [&str; 42] = [
    "Abbott",
    "Adeyemi",
    "Andersen",
    "Bauer",
    "Bianchi",
    "Costa",
    "Da Silva",
    "Dubois",
    "Eriksson",
    "Fischer",
    "García",
    "Haddad",
    "Hansen",
    "Ivanova",
    "Jensen",
    "Kaur",
    "Kowalski",
    "Lee",
    "Lindqvist",
    "López",
    "Martin",
    "Moreau",
    "Müller",
    "Nakamura",
    "Nguyen",
    "Novak",
    "O'Brien",
    "Okafor",
    "Patel",
    "Petrov",
    "Quinn",
    "Rossi",
    "Santos",
    "Schmidt",
    "Singh",
    "Tanaka",
    "Van Dijk",
    "Wang",
    "Weber",
    "Yilmaz",
    "Zhang",
    "Żak",
];

/// How participants are named.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum NameStyle {
    /// First and last names from built-in lists, all different for the first 2,016 participants (then
    /// the same again with a number).
    #[default]
    Realistic,
    /// `<prefix> 0042`.
    Numbered { prefix: String },
}

impl NameStyle {
    /// The display name of participant `index` (counted from 0).
    pub fn name(&self, index: usize) -> String {
        match self {
            NameStyle::Realistic => realistic_name(index),
            NameStyle::Numbered { prefix } => format!("{prefix} {index:04}"),
        }
    }
}

fn realistic_name(index: usize) -> String {
    let pairs = FIRST_NAMES.len() * LAST_NAMES.len();
    let (cycle, within) = (index / pairs, index % pairs);
    let first = within % FIRST_NAMES.len();
    // Shifting the last name by the cycle through the first names varies both names from one
    // participant to the next, and still gives each of the `pairs` indices its own pair.
    let last = (within / FIRST_NAMES.len() + first) % LAST_NAMES.len();
    let name = format!("{} {}", FIRST_NAMES[first], LAST_NAMES[last]);
    if cycle == 0 {
        name
    } else {
        format!("{name} {}", cycle + 1)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn realistic_names_are_all_different() {
        let names: HashSet<String> = (0..5_000)
            .map(|index| NameStyle::Realistic.name(index))
            .collect();
        assert_eq!(names.len(), 5_000);
    }

    #[test]
    fn consecutive_realistic_names_differ_in_both_parts() {
        let first = NameStyle::Realistic.name(0);
        let second = NameStyle::Realistic.name(1);
        let (first_given, first_family) = first.split_once(' ').unwrap();
        let (second_given, second_family) = second.split_once(' ').unwrap();
        assert_ne!(first_given, second_given);
        assert_ne!(first_family, second_family);
    }

    #[test]
    fn names_repeat_with_a_number_after_every_pair_is_used() {
        let pairs = FIRST_NAMES.len() * LAST_NAMES.len();
        assert_eq!(
            NameStyle::Realistic.name(pairs),
            format!("{} 2", NameStyle::Realistic.name(0))
        );
    }

    #[test]
    fn numbered_names_are_padded() {
        let style = NameStyle::Numbered {
            prefix: "Churn".into(),
        };
        assert_eq!(style.name(42), "Churn 0042");
        assert_eq!(style.name(12_345), "Churn 12345");
    }
}
