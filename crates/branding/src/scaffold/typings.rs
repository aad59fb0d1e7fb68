//! Plugboard's TypeScript declarations of `window.PEX` (`types/pex.d.ts` of the repository), embedded so
//! that `plugboard new` can give every branding folder a copy for editors and `tsc`.

/// The declarations.
pub const PEX_D_TS: &str = include_str!("../../../../types/pex.d.ts");

/// Where the copy goes, relative to the branding folder: beside `webapp2/`, so it is never uploaded.
pub const TYPINGS_PATH: &str = "types/pex.d.ts";

/// The copy as a plugin folder (`webapp2/plugins/<name>/`) refers to it.
pub const TYPINGS_FROM_PLUGIN: &str = "../../../types/pex.d.ts";
