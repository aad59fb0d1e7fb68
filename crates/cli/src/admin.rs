//! `plugboard admin …`: helpers for the management node's configuration.

use std::io::{IsTerminal, Read};

use anyhow::{bail, Context};
use clap::Subcommand;

#[derive(Subcommand)]
pub enum AdminCommand {
    /// Read a password (or API token) on stdin and print its argon2 hash for `[[admin.users]]`
    /// `password_hash` (or `[[admin.tokens]]` `token_hash`) in the config file.
    HashPassword,
}

pub fn run(command: AdminCommand) -> anyhow::Result<()> {
    match command {
        AdminCommand::HashPassword => hash_password(),
    }
}

fn hash_password() -> anyhow::Result<()> {
    let secret = if std::io::stdin().is_terminal() {
        rpassword::prompt_password("Password: ").context("cannot read the password")?
    } else {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .context("cannot read the password from stdin")?;
        text.trim_end_matches(['\r', '\n']).to_owned()
    };
    if secret.is_empty() {
        bail!("the password is empty");
    }
    let hash = plugboard_management::hash_secret(&secret)?;
    println!("{hash}");
    Ok(())
}
