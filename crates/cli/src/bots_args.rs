//! The simulated-participant options `plugboard serve` and `plugboard dev` share.

use std::path::PathBuf;

use anyhow::Context;
use clap::Args;
use plugboard_bots::Scenario;
use plugboard_server::BotsPlan;

#[derive(Args)]
pub struct BotsArgs {
    /// Simulated participants with realistic names who come and go, talk, raise hands and chat.
    #[arg(long, value_name = "N", default_value_t = 0, value_parser = clap::value_parser!(u16).range(0..=500))]
    bots: u16,
    /// A scenario file (TOML) that scripts simulated participants: who joins when, what they say and do.
    /// It plays from the moment someone joins the room, again at each new visit.
    #[arg(long, value_name = "FILE")]
    scenario: Option<PathBuf>,
    /// The room the simulated participants join.
    #[arg(long, value_name = "ALIAS", default_value = "meet")]
    bots_room: String,
    /// Makes the crowd's behaviour repeatable (default: a new one each run).
    #[arg(long, value_name = "N")]
    seed: Option<u64>,
}

impl BotsArgs {
    /// What to start, or `None` for no simulated participants; the scenario is read (and checked) now.
    pub fn plan(&self) -> anyhow::Result<Option<BotsPlan>> {
        if self.bots == 0 && self.scenario.is_none() {
            return Ok(None);
        }
        let scenario = match &self.scenario {
            Some(path) => Some(
                Scenario::load(path)
                    .with_context(|| format!("cannot play the scenario {}", path.display()))?,
            ),
            None => None,
        };
        let seed = self.seed.unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |elapsed| elapsed.as_nanos() as u64)
        });
        Ok(Some(BotsPlan {
            room: self.bots_room.clone(),
            count: usize::from(self.bots),
            seed,
            scenario,
        }))
    }
}
