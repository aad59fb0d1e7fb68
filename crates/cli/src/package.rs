//! `plugboard package PATH -o OUT.zip [--branding-id ID]`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use plugboard_branding::check::CheckError;
use plugboard_branding::pack::{self, PackError, PackOptions};
use plugboard_branding::BrandingId;

use crate::check::{print_findings, USAGE_ERROR};

#[derive(Args)]
pub struct PackageArgs {
    /// A branding folder, its webapp2/ folder, or a zip.
    path: PathBuf,
    /// The zip to write (replaced atomically).
    #[arg(short = 'o', long = "output", value_name = "OUT.zip")]
    output: PathBuf,
    /// The brandingID to write (default: the current Unix time in milliseconds, always greater than the
    /// last one packaged).
    #[arg(long, value_name = "ID", value_parser = parse_branding_id)]
    branding_id: Option<BrandingId>,
}

fn parse_branding_id(text: &str) -> Result<BrandingId, String> {
    BrandingId::parse(text).ok_or_else(|| "a brandingID is a string of decimal digits".to_owned())
}

/// Exit 0 when written, 1 when the package has errors or cannot be written, 2 on usage errors.
pub fn run(args: PackageArgs) -> ExitCode {
    let options = PackOptions {
        branding_id: args.branding_id,
    };
    let shown = args.path.display().to_string();
    match pack::package(&args.path, &args.output, &options) {
        Ok(packed) => {
            let checked = &packed.checked;
            print_findings(&shown, checked);
            println!(
                "packaged {} files into {} (brandingID {})",
                packed.files,
                packed.output.display(),
                packed.branding_id
            );
            ExitCode::SUCCESS
        }
        Err(PackError::HasErrors(checked)) => {
            print_findings(&shown, &checked);
            eprintln!("error: {shown} has errors; nothing was written");
            ExitCode::FAILURE
        }
        Err(PackError::Check(error @ (CheckError::NotFound(_) | CheckError::Previous { .. }))) => {
            eprintln!("error: {error}");
            ExitCode::from(USAGE_ERROR)
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}
