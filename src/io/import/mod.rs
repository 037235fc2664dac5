//! Imports: maps made elsewhere, read into a new unsaved map with the warnings of what had to
//! bend. One list of import formats, read by the CLI's `import`, File → Import and the drop on
//! the window.

pub mod mermaid;

use super::{LoadError, LoadErrorKind};
use crate::model::{Journey, Language};
use std::path::Path;

/// A map read from another format, and what was bent on the way (never silent).
#[derive(Debug, Clone)]
pub struct Imported {
    pub journey: Journey,
    pub warnings: Vec<Warning>,
}

/// Something the importer understood but had to change (a score clamped into range).
#[derive(Debug, Clone, PartialEq)]
pub struct Warning {
    /// The line of the source it concerns (from 1).
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// The formats maps are imported from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportFormat {
    /// A mermaid `journey` diagram, alone or in Markdown.
    Mermaid,
}

impl ImportFormat {
    pub const ALL: [ImportFormat; 1] = [ImportFormat::Mermaid];

    /// The file extensions it is recognised by (lower case, without the dot).
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            ImportFormat::Mermaid => &["mmd", "mermaid", "md", "markdown"],
        }
    }

    /// What it is, for a file dialog.
    pub fn label(self) -> &'static str {
        match self {
            ImportFormat::Mermaid => "mermaid journey (.mmd, .md)",
        }
    }

    /// The format a file's name says, if any.
    pub fn of_path(path: &Path) -> Option<ImportFormat> {
        let ext = path.extension()?.to_string_lossy().to_lowercase();
        Self::ALL
            .into_iter()
            .find(|f| f.extensions().contains(&ext.as_str()))
    }
}

/// How to import.
#[derive(Debug, Clone, Copy, Default)]
pub struct ImportOptions {
    /// The language of the new map's labels (lanes, scale).
    pub lang: Language,
    /// Which diagram of a Markdown file (from 1).
    pub index: Option<usize>,
}

/// Imports `path` (read with the loader's size limit) as the format its name says.
pub fn import_file(path: &Path, opts: ImportOptions) -> Result<Imported, LoadError> {
    let format = ImportFormat::of_path(path).ok_or_else(|| LoadError {
        path: path.to_owned(),
        position: None,
        message: format!(
            "not a file journey-map imports; it reads {}",
            ImportFormat::ALL
                .iter()
                .map(|f| f.label())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        kind: LoadErrorKind::Syntax,
    })?;
    let bytes = super::document::read_limited(path)?;
    import_bytes(&bytes, format, opts).map_err(|mut e| {
        e.path = path.to_owned();
        e
    })
}

/// Imports bytes of a known format (the path in an error is left empty).
pub fn import_bytes(
    bytes: &[u8],
    format: ImportFormat,
    opts: ImportOptions,
) -> Result<Imported, LoadError> {
    if bytes.len() as u64 > super::MAX_FILE_BYTES {
        return Err(LoadError {
            path: Default::default(),
            position: None,
            message: "the file is too large to import".into(),
            kind: LoadErrorKind::TooLarge,
        });
    }
    let text = super::text::decode(bytes).map_err(|e| LoadError {
        path: Default::default(),
        position: Some((e.line, e.col)),
        message: e.message,
        kind: LoadErrorKind::Encoding,
    })?;
    match format {
        ImportFormat::Mermaid => {
            mermaid::import(&text, opts.index, opts.lang).map_err(|e| LoadError {
                path: Default::default(),
                position: Some((e.line, e.column)),
                message: e.message,
                kind: LoadErrorKind::Syntax,
            })
        }
    }
}
