//! The eframe application.

use std::path::PathBuf;

/// Starts the editor window, opening `file` if given.
pub fn run_app(file: Option<PathBuf>) -> Result<(), String> {
    let _ = file;
    Err("the editor is not built yet".into())
}
