//! Choosing files: native dialogs where the desktop offers them, a path field where it does not.

use std::path::{Path, PathBuf};

/// What a file chooser answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Picked {
    /// The user chose this path.
    Path(PathBuf),
    /// The user closed the dialog.
    Cancelled,
    /// No dialog can be shown here; the reason, for the user.
    Unavailable(String),
}

/// Shows file dialogs. Behind a trait so the app works (and is tested) without a desktop.
pub trait FilePicker {
    /// Choose a map to open.
    fn open(&self, start: Option<&Path>) -> Picked;
    /// Choose a spreadsheet or mermaid diagram to import.
    fn import(&self, start: Option<&Path>) -> Picked;
    /// Choose where to save a map.
    fn save(&self, start: Option<&Path>, file_name: &str) -> Picked;
    /// Choose a photo (PNG or JPEG).
    fn open_image(&self) -> Picked;
}

/// Native dialogs through rfd (the XDG desktop portal on Linux).
pub struct NativePicker;

impl NativePicker {
    fn availability() -> Result<(), String> {
        // rfd talks to the desktop portal over the session bus. Without a bus it returns
        // "cancelled" immediately, which would look to the user as if nothing happened.
        #[cfg(target_os = "linux")]
        if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_none() {
            return Err(
                "No file dialog is available here (no desktop session bus, so no XDG \
                        desktop portal). Type the path instead."
                    .into(),
            );
        }
        Ok(())
    }

    fn dialog(start: Option<&Path>) -> rfd::FileDialog {
        // Exported pictures carry their map, so they open too.
        let mut d = rfd::FileDialog::new()
            .add_filter("Journey map", &["ron"])
            .add_filter(
                "Journey map in a picture, PDF or deck",
                &["png", "svg", "pdf", "pptx"],
            )
            .add_filter(
                "Spreadsheet or mermaid journey (imported)",
                &crate::io::ImportFormat::all_extensions(),
            );
        if let Some(dir) = start.and_then(Path::parent).filter(|d| d.is_dir()) {
            d = d.set_directory(dir);
        }
        d
    }
}

impl FilePicker for NativePicker {
    fn open_image(&self) -> Picked {
        if let Err(why) = Self::availability() {
            return Picked::Unavailable(why);
        }
        rfd::FileDialog::new()
            .add_filter("Image", &["png", "jpg", "jpeg", "webp"])
            .pick_file()
            .map_or(Picked::Cancelled, Picked::Path)
    }

    fn open(&self, start: Option<&Path>) -> Picked {
        if let Err(why) = Self::availability() {
            return Picked::Unavailable(why);
        }
        Self::dialog(start)
            .pick_file()
            .map_or(Picked::Cancelled, Picked::Path)
    }

    fn import(&self, start: Option<&Path>) -> Picked {
        if let Err(why) = Self::availability() {
            return Picked::Unavailable(why);
        }
        let mut d = rfd::FileDialog::new().add_filter(
            "Spreadsheet or mermaid journey",
            &crate::io::ImportFormat::all_extensions(),
        );
        if let Some(dir) = start.and_then(Path::parent).filter(|d| d.is_dir()) {
            d = d.set_directory(dir);
        }
        d.pick_file().map_or(Picked::Cancelled, Picked::Path)
    }

    fn save(&self, start: Option<&Path>, file_name: &str) -> Picked {
        if let Err(why) = Self::availability() {
            return Picked::Unavailable(why);
        }
        Self::dialog(start)
            .set_file_name(file_name)
            .save_file()
            .map_or(Picked::Cancelled, Picked::Path)
    }
}

/// A picker that never has a dialog: the app falls back to its path field.
pub struct NoPicker;

impl FilePicker for NoPicker {
    fn open_image(&self) -> Picked {
        Picked::Unavailable("No file dialog in this session; type the path.".into())
    }

    fn open(&self, _: Option<&Path>) -> Picked {
        Picked::Unavailable("No file dialog in this session; type the path.".into())
    }

    fn import(&self, _: Option<&Path>) -> Picked {
        Picked::Unavailable("No file dialog in this session; type the path.".into())
    }

    fn save(&self, _: Option<&Path>, _: &str) -> Picked {
        Picked::Unavailable("No file dialog in this session; type the path.".into())
    }
}

/// Adds `.journey.ron` to a path typed without it.
pub fn with_journey_extension(path: PathBuf) -> PathBuf {
    if crate::io::is_journey_path(&path) {
        return path;
    }
    let mut s = path.into_os_string();
    if s.to_string_lossy().ends_with(".journey") {
        s.push(".ron");
    } else {
        s.push(crate::io::EXTENSION);
    }
    PathBuf::from(s)
}
