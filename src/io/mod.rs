//! Files: `.journey.ron` load/save with versions and atomic writes.

mod atomic;
mod document;
pub mod export;
pub mod grid;
pub mod import;
pub mod lock;
mod origin;
mod photo;
mod recovery;
mod text;
pub mod words;

pub use atomic::{SaveError, atomic_write};
pub use document::{
    EXTENSION, FORMAT_VERSION, LoadError, LoadErrorKind, MAX_FILE_BYTES, file_version, from_bytes,
    from_ron_str, is_journey_path, load, save, to_ron_string,
};
pub use import::ImportFormat;
pub use origin::{Opened, Origin, Preload, SourceKind, open};
pub use photo::{
    card_image_from_bytes, card_image_from_rgba, decode_photo, load_card_image, load_photo,
    photo_from_bytes,
};
pub use recovery::{Recovered, RecoveryStore, ago as recovery_ago};
pub use text::line_col;
