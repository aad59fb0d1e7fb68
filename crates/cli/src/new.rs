//! `plugboard new branding DIR` and `plugboard new plugin NAME [--location L] [--dir DIR]`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, Subcommand};
use plugboard_branding::scaffold::{self, MenuLocation, PluginName, ScaffoldError};
use plugboard_branding::BrandingId;

use crate::check::USAGE_ERROR;

#[derive(Subcommand)]
pub enum NewCommand {
    /// Create a branding package folder: webapp2/manifest.json, settings.json and plugins/, with a README
    /// of the next commands.
    Branding(BrandingArgs),
    /// Add a plugin (package file, script, icon, jsconfig.json) to a branding folder and list it in
    /// settings.json.
    Plugin(PluginArgs),
}

#[derive(Args)]
pub struct BrandingArgs {
    /// The folder to create; it must not exist, or be empty.
    dir: PathBuf,
}

#[derive(Args)]
pub struct PluginArgs {
    /// The plugin's id, folder and file names: lowercase letters, digits and hyphens, e.g. `raise-hand`.
    #[arg(value_parser = parse_name)]
    name: PluginName,
    /// Where its menu item appears: a toolbar button (its action gets the participants), the conference
    /// menu (gets the conference details), or each participant's menu (gets that participant).
    #[arg(
        long,
        default_value = "toolbar",
        value_parser = PossibleValuesParser::new(MenuLocation::ALL.map(MenuLocation::key))
            .try_map(|key| key.parse::<MenuLocation>())
    )]
    location: MenuLocation,
    /// The branding folder, or its webapp2/ folder.
    #[arg(long, default_value = ".")]
    dir: PathBuf,
}

fn parse_name(text: &str) -> Result<PluginName, String> {
    PluginName::parse(text).map_err(|error| error.to_string())
}

/// Exit 0 when created, 2 when refused (the folder exists, the plugin is there already, …), 1 when
/// writing failed.
pub fn run(command: NewCommand) -> ExitCode {
    let result = match command {
        NewCommand::Branding(args) => new_branding(&args.dir),
        NewCommand::Plugin(args) => new_plugin(&args.name, args.location, &args.dir),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            if error.is_refusal() {
                ExitCode::from(USAGE_ERROR)
            } else {
                ExitCode::FAILURE
            }
        }
    }
}

fn new_branding(dir: &Path) -> Result<(), ScaffoldError> {
    let branding_id = BrandingId::next(BrandingId::now_millis(), []);
    let created = scaffold::new_branding(dir, branding_id)?;
    let shown = created.root.display();
    println!(
        "created the branding package {shown} (brandingID {}):",
        created.branding_id
    );
    for file in &created.files {
        println!("  {file}");
    }
    println!("next: plugboard new plugin hello --dir {shown}   (see {shown}/README.md)");
    Ok(())
}

fn new_plugin(name: &PluginName, location: MenuLocation, dir: &Path) -> Result<(), ScaffoldError> {
    let created = scaffold::new_plugin(dir, name, location)?;
    println!(
        "created the plugin `{name}` ({location} menu) in {}:",
        created.folder.display()
    );
    for file in &created.files {
        println!("  {file}");
    }
    println!("listed it in {}", created.settings.display());
    if let Some(typings) = &created.typings_written {
        println!(
            "wrote the window.PEX typings its jsconfig.json uses: {}",
            typings.display()
        );
    }
    let root = created.branding.root.display();
    println!("next: plugboard check {root} --strict, then plugboard dev {root}");
    Ok(())
}
