//! Files: `.journey.ron` load/save with versions and atomic writes.

mod atomic;
mod document;
mod text;

pub use atomic::{SaveError, atomic_write};
pub use document::{
    EXTENSION, FORMAT_VERSION, LoadError, LoadErrorKind, MAX_FILE_BYTES, from_bytes, from_ron_str,
    is_journey_path, load, save, to_ron_string,
};
pub use text::line_col;
