//! The eframe application: panels, menus, the canvas and dialogs. It changes the map only
//! through [`crate::edit`] and draws it only through [`crate::paint`].

mod app;
mod canvas;
mod export_dialog;
mod files;
mod inspector;
mod prefs;
mod selection;

pub use crate::io::export::Format;
pub use app::{AUTOSAVE_AFTER_SECS, App};
pub use canvas::{Canvas, CanvasAction, ZOOM_RANGE};
pub use export_dialog::ExportDialog;
pub use files::{FilePicker, NativePicker, NoPicker, Picked, with_journey_extension};
pub use prefs::{Prefs, ThemeChoice};
pub use selection::Selection;

use std::path::PathBuf;

/// How to start the editor.
#[derive(Debug, Default)]
pub struct RunOptions {
    /// The map to open (else the last file, else a new map).
    pub file: Option<PathBuf>,
    /// A theme for this run.
    pub theme: Option<crate::cli::ThemeArg>,
    /// Write screen geometry here (see `App::debug_layout`).
    pub layout_json: Option<PathBuf>,
    /// Quit once the first frame with the map has been painted (start-up benchmark).
    pub quit_after_first_frame: bool,
}

/// Starts the editor window.
pub fn run_app(run: RunOptions) -> Result<(), String> {
    let RunOptions {
        file,
        theme,
        layout_json,
        quit_after_first_frame,
    } = run;
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("journey-map")
            .with_app_id("journey-map")
            .with_inner_size([1440.0, 900.0])
            .with_min_inner_size([640.0, 400.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "journey-map",
        options,
        Box::new(move |cc| {
            let mut app = App::new(cc, file);
            app.debug_layout = layout_json;
            app.quit_after_first_frame = quit_after_first_frame;
            if let Some(theme) = theme {
                app.prefs.theme = match theme {
                    crate::cli::ThemeArg::Light => ThemeChoice::Light,
                    crate::cli::ThemeArg::Dark => ThemeChoice::Dark,
                };
                app.apply_theme(&cc.egui_ctx);
            }
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| format!("cannot open a window: {e}"))
}
