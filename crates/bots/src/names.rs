//! Full names for simulated people: first and last names of many cultures, mostly paired within one
//! (as most people's are), now and then across two, and a few written in their own script, so that a
//! roster looks, sorts and wraps like a real one.

use std::collections::HashSet;

use rand::seq::IndexedRandom;
use rand::Rng;

/// First and last names that go together.
struct Culture {
    first: &'static [&'static str],
    last: &'static [&'static str],
}

const CULTURES: &[Culture] = &[
    // English-speaking countries
    Culture {
        first: &[
            "Olivia",
            "James",
            "Emily",
            "Thomas",
            "Charlotte",
            "William",
            "Grace",
            "Jack",
            "Sophie",
            "Harry",
            "Megan",
            "Daniel",
            "Hannah",
            "Ryan",
            "Chloe",
            "Liam",
        ],
        last: &[
            "Smith", "Johnson", "Williams", "Brown", "Taylor", "Wilson", "Davies", "Evans",
            "Walker", "Wright", "Thompson", "Robinson", "Clarke", "Hughes", "Murphy", "O'Connor",
        ],
    },
    // Spain and Latin America
    Culture {
        first: &[
            "Alejandro",
            "Lucía",
            "Mateo",
            "Valentina",
            "Santiago",
            "Camila",
            "Diego",
            "Sofía",
            "Javier",
            "Isabela",
            "Andrés",
            "Carmen",
            "Pablo",
            "Daniela",
            "José",
            "Ximena",
        ],
        last: &[
            "García",
            "Rodríguez",
            "Martínez",
            "Hernández",
            "López",
            "González",
            "Pérez",
            "Sánchez",
            "Ramírez",
            "Torres",
            "Flores",
            "Rivera",
            "Morales",
            "Ortiz",
            "Castillo",
            "Núñez",
        ],
    },
    // Portugal and Brazil
    Culture {
        first: &[
            "João", "Beatriz", "Gabriel", "Mariana", "Rafael", "Larissa", "Tiago", "Inês",
            "Gustavo", "Fernanda", "Rodrigo", "Letícia",
        ],
        last: &[
            "Silva",
            "Santos",
            "Oliveira",
            "Souza",
            "Ferreira",
            "Pereira",
            "Costa",
            "Carvalho",
            "Almeida",
            "Ribeiro",
            "Gonçalves",
            "Barbosa",
        ],
    },
    // France, Belgium, Québec
    Culture {
        first: &[
            "Camille", "Louis", "Chloé", "Hugo", "Manon", "Théo", "Léa", "Antoine", "Margaux",
            "Julien", "Élodie", "Mathis",
        ],
        last: &[
            "Martin", "Bernard", "Dubois", "Moreau", "Laurent", "Lefèvre", "Girard", "Roux",
            "Fontaine", "Rousseau", "Lambert", "Tremblay",
        ],
    },
    // Germany, Austria, Switzerland, the Netherlands
    Culture {
        first: &[
            "Lukas",
            "Anna",
            "Felix",
            "Lena",
            "Jonas",
            "Marie",
            "Maximilian",
            "Sophie",
            "Jan",
            "Katharina",
            "Sebastian",
            "Femke",
            "Daan",
            "Sanne",
        ],
        last: &[
            "Müller",
            "Schmidt",
            "Schneider",
            "Fischer",
            "Weber",
            "Becker",
            "Hoffmann",
            "Wagner",
            "Zimmermann",
            "de Vries",
            "van den Berg",
            "Jansen",
            "Bakker",
            "Visser",
        ],
    },
    // The Nordic countries
    Culture {
        first: &[
            "Lars", "Ingrid", "Erik", "Astrid", "Magnus", "Sigrid", "Anders", "Freja", "Mikkel",
            "Saga", "Oskar", "Aino",
        ],
        last: &[
            "Hansen",
            "Johansson",
            "Andersson",
            "Nielsen",
            "Larsen",
            "Lindqvist",
            "Berg",
            "Virtanen",
            "Korhonen",
            "Sigurðsson",
            "Halvorsen",
            "Nyström",
        ],
    },
    // Italy
    Culture {
        first: &[
            "Giulia",
            "Marco",
            "Francesca",
            "Lorenzo",
            "Chiara",
            "Alessandro",
            "Martina",
            "Matteo",
            "Elena",
            "Davide",
            "Sara",
            "Federico",
        ],
        last: &[
            "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci",
            "Marino", "Greco", "Conti", "De Luca",
        ],
    },
    // Central and Eastern Europe
    Culture {
        first: &[
            "Katarzyna",
            "Piotr",
            "Agnieszka",
            "Tomasz",
            "Olga",
            "Dmitri",
            "Natalia",
            "Ivan",
            "Petra",
            "Jakub",
            "Zuzana",
            "Mihai",
            "Ioana",
            "Bogdan",
        ],
        last: &[
            "Kowalski",
            "Nowak",
            "Wiśniewska",
            "Novák",
            "Dvořák",
            "Horváth",
            "Popescu",
            "Ivanova",
            "Petrov",
            "Kovalenko",
            "Shevchenko",
            "Jovanović",
            "Kovačić",
            "Nagy",
        ],
    },
    // Greece and Turkey
    Culture {
        first: &[
            "Dimitris", "Eleni", "Nikos", "Katerina", "Yannis", "Sofia", "Emre", "Elif", "Mehmet",
            "Zeynep", "Can", "Ayşe",
        ],
        last: &[
            "Papadopoulos",
            "Georgiou",
            "Nikolaidis",
            "Karagiannis",
            "Vlachos",
            "Yılmaz",
            "Kaya",
            "Demir",
            "Şahin",
            "Çelik",
            "Öztürk",
            "Aydın",
        ],
    },
    // The Arab world
    Culture {
        first: &[
            "Omar", "Layla", "Youssef", "Fatima", "Khalid", "Noor", "Ahmed", "Mariam", "Hassan",
            "Yasmin", "Karim", "Salma",
        ],
        last: &[
            "Haddad", "Khoury", "Mansour", "Al-Sayed", "Nasser", "Farouk", "Saleh", "Hamdan",
            "Aziz", "El-Amin", "Rahman", "Ibrahim",
        ],
    },
    // Iran and Afghanistan
    Culture {
        first: &[
            "Dariush", "Shirin", "Reza", "Parisa", "Kian", "Neda", "Arash", "Laleh",
        ],
        last: &[
            "Hosseini", "Rahimi", "Karimi", "Moradi", "Tehrani", "Jafari", "Sadeghi", "Ahmadi",
        ],
    },
    // India, Pakistan, Bangladesh, Sri Lanka
    Culture {
        first: &[
            "Priya", "Arjun", "Ananya", "Rohan", "Kavya", "Vikram", "Aisha", "Rahul", "Deepika",
            "Sanjay", "Meera", "Imran", "Nusrat", "Tharindu",
        ],
        last: &[
            "Sharma",
            "Patel",
            "Iyer",
            "Reddy",
            "Gupta",
            "Nair",
            "Singh",
            "Chatterjee",
            "Khan",
            "Mukherjee",
            "Desai",
            "Qureshi",
            "Chowdhury",
            "Perera",
        ],
    },
    // China, Taiwan, Singapore
    Culture {
        first: &[
            "Wei", "Fang", "Jun", "Xiu Ying", "Hao", "Mei", "Lei", "Jing", "Yong", "Li Na",
            "Zhi Hao", "Hui Min",
        ],
        last: &[
            "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Lin",
            "Tan",
        ],
    },
    // Japan
    Culture {
        first: &[
            "Haruto", "Yui", "Kenji", "Aoi", "Takumi", "Sakura", "Ren", "Hina", "Daiki", "Mio",
            "Sota", "Emi",
        ],
        last: &[
            "Sato",
            "Suzuki",
            "Takahashi",
            "Tanaka",
            "Watanabe",
            "Ito",
            "Yamamoto",
            "Nakamura",
            "Kobayashi",
            "Kato",
            "Yoshida",
            "Matsumoto",
        ],
    },
    // Korea
    Culture {
        first: &[
            "Min-jun", "Seo-yeon", "Ji-ho", "Ha-eun", "Do-yun", "Soo-ah", "Jae-won", "Ye-jin",
        ],
        last: &["Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon"],
    },
    // South-East Asia
    Culture {
        first: &[
            "Minh",
            "Linh",
            "Tuan",
            "Thao",
            "Nguyet",
            "Bao",
            "Maria Clara",
            "Jose Miguel",
            "Siti",
            "Budi",
            "Putri",
            "Somchai",
        ],
        last: &[
            "Nguyen",
            "Tran",
            "Le",
            "Pham",
            "Santos",
            "Reyes",
            "Cruz",
            "Bautista",
            "Wijaya",
            "Santoso",
            "Rahmawati",
            "Srisuk",
        ],
    },
    // West Africa
    Culture {
        first: &[
            "Chinedu",
            "Amara",
            "Kwame",
            "Adwoa",
            "Emeka",
            "Ngozi",
            "Kofi",
            "Abena",
            "Oluwaseun",
            "Folake",
            "Moussa",
            "Aminata",
        ],
        last: &[
            "Okafor", "Adeyemi", "Mensah", "Owusu", "Eze", "Nwosu", "Boateng", "Diallo", "Traoré",
            "Balogun", "Asante", "Okonkwo",
        ],
    },
    // East and Southern Africa
    Culture {
        first: &[
            "Wanjiru", "Baraka", "Amani", "Zawadi", "Tendai", "Thabo", "Naledi", "Sipho", "Abebe",
            "Makeda", "Lindiwe", "Jabari",
        ],
        last: &[
            "Kamau", "Otieno", "Mwangi", "Njoroge", "Moyo", "Dlamini", "Nkosi", "Ndlovu",
            "Tesfaye", "Bekele", "Okello", "Mutua",
        ],
    },
    // Israel
    Culture {
        first: &[
            "Noa", "Eitan", "Tamar", "Yonatan", "Shira", "Avi", "Maya", "Ori",
        ],
        last: &[
            "Cohen", "Levi", "Mizrahi", "Peretz", "Biton", "Friedman", "Avraham", "Katz",
        ],
    },
];

/// Some people write their name in their own script.
const IN_THEIR_OWN_SCRIPT: &[&str] = &[
    "王芳",
    "李伟",
    "陈静",
    "佐藤 花子",
    "高橋 健",
    "김민준",
    "이서연",
    "Анна Смирнова",
    "Дмитрий Волков",
    "Ελένη Παπαδοπούλου",
    "محمد العلي",
    "ليلى حداد",
    "נועה כהן",
    "प्रिया शर्मा",
    "สมชาย ศรีสุข",
];

/// How often a first name goes with a last name of another culture.
const MIXED: f64 = 0.15;
/// How often someone writes their name in their own script.
const OWN_SCRIPT: f64 = 0.04;
/// Attempts at a name nobody in the room has before settling for a numbered one.
const ATTEMPTS: usize = 64;

/// A realistic full name that is not in `taken`.
pub(crate) fn full_name(rng: &mut impl Rng, taken: &HashSet<String>) -> String {
    for _ in 0..ATTEMPTS {
        let name = any_name(rng);
        if !taken.contains(&name) {
            return name;
        }
    }
    // A room of thousands has used up the likely names: number a common one.
    let base = any_name(rng);
    (2..)
        .map(|n| format!("{base} ({n})"))
        .find(|name| !taken.contains(name))
        .unwrap_or(base)
}

fn any_name(rng: &mut impl Rng) -> String {
    if rng.random_bool(OWN_SCRIPT) {
        if let Some(name) = IN_THEIR_OWN_SCRIPT.choose(rng) {
            return (*name).to_owned();
        }
    }
    let (Some(culture), Some(other)) = (CULTURES.choose(rng), CULTURES.choose(rng)) else {
        return "Alex Morgan".to_owned();
    };
    let surname_from = if rng.random_bool(MIXED) {
        other
    } else {
        culture
    };
    let first = culture.first.choose(rng).copied().unwrap_or("Alex");
    let last = surname_from.last.choose(rng).copied().unwrap_or("Morgan");
    format!("{first} {last}")
}

/// The name someone is addressed by in chat: the first word of their name.
pub(crate) fn first_name(full_name: &str) -> &str {
    full_name.split_whitespace().next().unwrap_or(full_name)
}

#[cfg(test)]
mod tests {
    use rand::rngs::StdRng;
    use rand::SeedableRng;

    use super::*;

    #[test]
    fn there_are_hundreds_of_first_and_last_names() {
        let firsts: HashSet<_> = CULTURES.iter().flat_map(|c| c.first).collect();
        let lasts: HashSet<_> = CULTURES.iter().flat_map(|c| c.last).collect();
        assert!(firsts.len() >= 200, "{} first names", firsts.len());
        assert!(lasts.len() >= 200, "{} last names", lasts.len());
    }

    #[test]
    fn names_are_varied_unique_in_the_room_and_the_same_for_the_same_seed() {
        let draw = |seed| {
            let mut rng = StdRng::seed_from_u64(seed);
            let mut taken = HashSet::new();
            for _ in 0..300 {
                let name = full_name(&mut rng, &taken);
                assert!(!name.trim().is_empty() && name.chars().count() < 60);
                assert!(taken.insert(name), "a name was given twice");
            }
            let mut names: Vec<String> = taken.into_iter().collect();
            names.sort();
            names
        };
        assert_eq!(draw(1), draw(1));
        assert_ne!(draw(1), draw(2));
        let names = draw(3);
        let initials: HashSet<char> = names.iter().filter_map(|n| n.chars().next()).collect();
        assert!(initials.len() > 15, "names start with only {initials:?}");
    }

    #[test]
    fn a_full_room_still_gets_new_names() {
        let mut rng = StdRng::seed_from_u64(0);
        let mut taken = HashSet::new();
        for _ in 0..5_000 {
            let name = full_name(&mut rng, &taken);
            assert!(taken.insert(name));
        }
    }

    #[test]
    fn people_are_addressed_by_their_first_name() {
        assert_eq!(first_name("Amara Okafor"), "Amara");
        assert_eq!(first_name("王芳"), "王芳");
    }
}
