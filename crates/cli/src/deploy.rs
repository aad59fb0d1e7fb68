//! `plugboard deploy PATH_OR_ZIP --to URL [--user U --password P | --token T] [--name NAME] [--path SLUG]`:
//! package a folder (a zip is taken as it is), check it, upload it to a Management Node (Plugboard's or
//! Pexip Infinity's: the same admin API), bind it to a web app path, and print the URL to open.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use clap::Args;
use indicatif::ProgressBar;
use plugboard_branding::pack::{self, PackError, PackOptions};
use plugboard_branding::report::Tally;
use plugboard_branding::{check_path, CheckOptions};

use crate::admin_client::{AdminClient, Credentials};
use crate::check::print_findings;

#[derive(Args)]
pub struct DeployArgs {
    /// A branding folder (packaged first, with a new brandingID) or a zip made by `plugboard package`.
    path: PathBuf,
    /// The Management Node's base URL, e.g. http://127.0.0.1:8080 or https://mgr.example.com.
    #[arg(long, value_name = "URL")]
    to: String,
    /// Admin user (HTTP Basic).
    #[arg(long, env = "PLUGBOARD_ADMIN_USER")]
    user: Option<String>,
    /// The admin user's password (asked for when --user is given without it on a terminal).
    #[arg(
        long,
        env = "PLUGBOARD_ADMIN_PASSWORD",
        hide_env_values = true,
        requires = "user"
    )]
    password: Option<String>,
    /// An API token instead of a user (`Authorization: Token …`).
    #[arg(
        long,
        env = "PLUGBOARD_ADMIN_TOKEN",
        hide_env_values = true,
        conflicts_with = "user"
    )]
    token: Option<String>,
    /// The branding's name on the Management Node (default: the folder or zip name).
    #[arg(long)]
    name: Option<String>,
    /// Its description.
    #[arg(long, default_value = "Uploaded with plugboard deploy")]
    description: String,
    /// The web app path to bind it to (created when missing), e.g. `sales` for /sales/.
    #[arg(long = "path", value_name = "SLUG", value_parser = parse_slug)]
    slug: Option<String>,
    /// Accept a self-signed certificate (a node started with `plugboard serve --tls`).
    #[arg(long)]
    insecure: bool,
    /// Keep the branding the path served before (by default it is deleted when no other path uses it).
    #[arg(long, requires = "slug")]
    keep_previous: bool,
}

fn parse_slug(text: &str) -> Result<String, String> {
    let slug = text.trim_matches('/');
    if slug.is_empty() {
        return Err("a web app path must not be empty".to_owned());
    }
    match plugboard_management::slug_problem(slug) {
        None => Ok(slug.to_owned()),
        Some(problem) => Err(problem),
    }
}

pub async fn run(args: DeployArgs) -> anyhow::Result<()> {
    let credentials = match (&args.user, &args.password, &args.token) {
        (Some(user), Some(password), _) => Some(Credentials::Basic {
            user: user.clone(),
            password: password.clone(),
        }),
        (Some(user), None, _) if std::io::stdin().is_terminal() => Some(Credentials::Basic {
            user: user.clone(),
            password: rpassword::prompt_password(format!("Password for {user}: "))
                .context("cannot read the password")?,
        }),
        (Some(_), None, _) => bail!("--user needs --password (or PLUGBOARD_ADMIN_PASSWORD)"),
        (None, _, Some(token)) => Some(Credentials::Token(token.clone())),
        (None, _, None) => None,
    };
    let client = AdminClient::new(&args.to, credentials, args.insecure)?;
    let zip = zip_of(&args.path)?;
    let name = args
        .name
        .clone()
        .unwrap_or_else(|| default_name(&args.path));
    let progress = ProgressBar::new(0);
    let branding = client
        .upload_branding(zip, &name, &args.description, &progress)
        .await?;
    println!("uploaded branding “{name}”: {branding}");
    match &args.slug {
        Some(slug) => {
            let bound = client.bind_path(slug, &branding).await?;
            if let (Some(previous), false) = (bound.replaced, args.keep_previous) {
                if client.delete_branding(&previous).await? {
                    println!("deleted the branding /{slug}/ served before: {previous}");
                } else {
                    println!("kept the branding /{slug}/ served before (another path uses it): {previous}");
                }
            }
            println!("open {}", client.url(&format!("{slug}/"))?);
        }
        None => println!("bind it to a web app path with --path SLUG to open it"),
    }
    Ok(())
}

/// The zip to upload: a folder is packaged (refused when it has errors); a zip is checked and sent as is.
fn zip_of(path: &Path) -> anyhow::Result<Vec<u8>> {
    let shown = path.display().to_string();
    if path.is_file() {
        let checked = check_path(path, &CheckOptions::default())?;
        print_findings(&shown, &checked);
        if Tally::of(&checked.report.findings).fails(false) {
            bail!("{shown} has errors; nothing was uploaded");
        }
        return std::fs::read(path).with_context(|| format!("cannot read {shown}"));
    }
    let scratch = tempfile::tempdir().context("cannot create a temporary folder")?;
    let output = scratch.path().join("branding.zip");
    match pack::package(path, &output, &PackOptions::default()) {
        Ok(packed) => {
            let checked = &packed.checked;
            print_findings(&shown, checked);
            println!(
                "packaged {} files (brandingID {})",
                packed.files, packed.branding_id
            );
            std::fs::read(&output).with_context(|| format!("cannot read {}", output.display()))
        }
        Err(PackError::HasErrors(checked)) => {
            print_findings(&shown, &checked);
            bail!("{shown} has errors; nothing was uploaded")
        }
        Err(error) => Err(error).with_context(|| format!("cannot package {shown}")),
    }
}

/// `examples/branding` → `branding`; `sales.zip` → `sales`.
fn default_name(path: &Path) -> String {
    let canonical = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    let mut base = canonical.as_path();
    if base.file_name().is_some_and(|name| name == "webapp2") {
        base = base.parent().unwrap_or(base);
    }
    base.file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .filter(|stem| !stem.is_empty())
        .unwrap_or_else(|| "branding".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_plain_path_segments() {
        assert_eq!(parse_slug("sales").unwrap(), "sales");
        assert_eq!(parse_slug("/sales/").unwrap(), "sales");
        assert!(parse_slug("a b").is_err());
        assert!(parse_slug("../x").is_err());
        assert!(parse_slug("").is_err());
        assert!(parse_slug("webapp2").is_err());
    }

    #[test]
    fn the_default_name_is_the_folder_or_zip_name() {
        assert_eq!(default_name(Path::new("/tmp/sales.zip")), "sales");
        assert_eq!(default_name(Path::new("/tmp/acme/webapp2")), "acme");
    }
}
