//! Checks of plugin JavaScript (written by a helper).
