//! The eframe application: panels, menus, the canvas and dialogs. It changes the map only
//! through [`crate::edit`] and draws it only through [`crate::paint`].

mod about;
mod app;
mod canvas;
mod compare;
mod export_dialog;
mod files;
mod inspector;
mod prefs;
mod selection;
mod window;

pub use crate::io::export::Format;
pub use app::{AUTOSAVE_AFTER_SECS, App};
pub use canvas::{Canvas, CanvasAction, ZOOM_RANGE};
pub use compare::{CompareAction, CompareView, MarkGeom, ReviewOverlay, mark_geometry};
pub use export_dialog::ExportDialog;
pub use files::{FilePicker, NativePicker, NoPicker, Picked, with_journey_extension};
pub use prefs::{Prefs, ThemeChoice};
pub use selection::Selection;
pub use window::{icon, run_app};

use std::path::PathBuf;

/// How to start the editor.
#[derive(Debug, Default)]
pub struct RunOptions {
    /// The map to open (else the last file, else a new map).
    pub file: Option<PathBuf>,
    /// Another version to compare the map with from the start.
    pub compare: Option<PathBuf>,
    /// A theme for this run.
    pub theme: Option<crate::cli::ThemeArg>,
    /// Write screen geometry here (see `App::debug_layout`).
    pub layout_json: Option<PathBuf>,
    /// Quit once the first frame with the map has been painted (start-up benchmark).
    pub quit_after_first_frame: bool,
}
