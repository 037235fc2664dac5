//! Imports: maps made elsewhere, read into a new unsaved map with the warnings of what had to
//! bend. One list of import formats, read by the CLI's `import`, File → Import and the drop on
//! the window.

pub mod kpis;
pub mod mermaid;
pub mod sheet;

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
    /// Where in the source it is.
    pub place: Place,
    pub message: String,
}

/// A place in an imported file, as its own program shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// A line of a text file (from 1).
    Line(usize),
    /// A row of a spreadsheet (from 1).
    Row(usize),
    /// A cell of a spreadsheet (row and column from 1): written "C4".
    Cell { row: usize, col: usize },
}

impl Place {
    /// The line or row (from 1).
    pub fn line(self) -> usize {
        match self {
            Place::Line(n) | Place::Row(n) | Place::Cell { row: n, .. } => n,
        }
    }
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            Place::Line(n) => write!(f, "line {n}"),
            Place::Row(n) => write!(f, "row {n}"),
            Place::Cell { row, col } => write!(f, "cell {}{row}", column_name(col)),
        }
    }
}

/// A spreadsheet column's letters: 1 → A, 27 → AA.
pub fn column_name(mut col: usize) -> String {
    let mut letters = Vec::new();
    while col > 0 {
        let rem = (col - 1) % 26;
        letters.push(b'A' + rem as u8);
        col = (col - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.place, self.message)
    }
}

/// The formats maps are imported from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ImportFormat {
    /// A mermaid `journey` diagram, alone or in Markdown.
    Mermaid,
    /// Comma- or semicolon-separated values.
    Csv,
    /// Tab-separated values.
    Tsv,
    /// An Excel workbook.
    Xlsx,
    /// An OpenDocument spreadsheet (LibreOffice Calc).
    Ods,
}

impl ImportFormat {
    pub const ALL: [ImportFormat; 5] = [
        ImportFormat::Mermaid,
        ImportFormat::Csv,
        ImportFormat::Tsv,
        ImportFormat::Xlsx,
        ImportFormat::Ods,
    ];

    /// The file extensions it is recognised by (lower case, without the dot).
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            ImportFormat::Mermaid => &["mmd", "mermaid", "md", "markdown"],
            ImportFormat::Csv => &["csv"],
            ImportFormat::Tsv => &["tsv", "tab"],
            ImportFormat::Xlsx => &["xlsx", "xlsm"],
            ImportFormat::Ods => &["ods"],
        }
    }

    /// What it is, for a file dialog or a message.
    pub fn label(self) -> &'static str {
        match self {
            ImportFormat::Mermaid => "mermaid journey (.mmd, .md)",
            ImportFormat::Csv => "CSV spreadsheet (.csv)",
            ImportFormat::Tsv => "tab-separated spreadsheet (.tsv)",
            ImportFormat::Xlsx => "Excel workbook (.xlsx)",
            ImportFormat::Ods => "OpenDocument spreadsheet (.ods)",
        }
    }

    /// Whether it is a spreadsheet (a grid of phases and lanes).
    pub fn is_spreadsheet(self) -> bool {
        self != ImportFormat::Mermaid
    }

    /// The format a file's name says, if any.
    pub fn of_path(path: &Path) -> Option<ImportFormat> {
        let ext = path.extension()?.to_string_lossy().to_lowercase();
        Self::ALL
            .into_iter()
            .find(|f| f.extensions().contains(&ext.as_str()))
    }

    /// Every extension, for a file dialog's filter.
    pub fn all_extensions() -> Vec<&'static str> {
        Self::ALL
            .iter()
            .flat_map(|f| f.extensions().iter().copied())
            .collect()
    }
}

/// How to import.
#[derive(Debug, Clone, Copy, Default)]
pub struct ImportOptions {
    /// The language of the new map's labels (lanes, scale); guessed from the text when
    /// `None`.
    pub lang: Option<Language>,
    /// Which diagram of a Markdown file (from 1).
    pub index: Option<usize>,
}

/// The title a spreadsheet without one in its corner gets: its file's name.
fn title_of(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
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
    import_named(&bytes, format, opts, &title_of(path)).map_err(|mut e| {
        e.path = path.to_owned();
        e
    })
}

/// Reads a spreadsheet file (CSV, TSV, Excel, OpenDocument) as a grid of trimmed cells, with
/// the loader's size limit and the warnings of reading it.
pub fn read_table(path: &Path) -> Result<(crate::io::grid::Grid, Vec<Warning>), LoadError> {
    let error = |position: Option<(usize, usize)>, message: String| LoadError {
        path: path.to_owned(),
        position,
        message,
        kind: LoadErrorKind::Syntax,
    };
    let format = ImportFormat::of_path(path)
        .filter(|f| f.is_spreadsheet())
        .ok_or_else(|| {
            error(
                None,
                "expected a spreadsheet (.csv, .tsv, .xlsx or .ods)".into(),
            )
        })?;
    let bytes = super::document::read_limited(path)?;
    let mut warnings = Vec::new();
    let grid = match format {
        ImportFormat::Xlsx | ImportFormat::Ods => sheet::read_workbook(&bytes),
        _ => sheet::read_csv(&bytes, format == ImportFormat::Tsv, &mut warnings),
    }
    .map_err(|e| {
        let message = match e.place {
            Some(p) => format!("{p}: {}", e.message),
            None => e.message,
        };
        error(None, message)
    })?;
    Ok((grid, warnings))
}

/// Imports bytes of a known format (the path in an error is left empty).
pub fn import_bytes(
    bytes: &[u8],
    format: ImportFormat,
    opts: ImportOptions,
) -> Result<Imported, LoadError> {
    import_named(bytes, format, opts, "")
}

fn import_named(
    bytes: &[u8],
    format: ImportFormat,
    opts: ImportOptions,
    name: &str,
) -> Result<Imported, LoadError> {
    if bytes.len() as u64 > super::MAX_FILE_BYTES {
        return Err(LoadError {
            path: Default::default(),
            position: None,
            message: "the file is too large to import".into(),
            kind: LoadErrorKind::TooLarge,
        });
    }
    let syntax = |place: Option<Place>, message: String| LoadError {
        path: Default::default(),
        // "map.xlsx: cell C4: …", as the spreadsheet names its places.
        position: None,
        message: match place {
            Some(p) => format!("{p}: {message}"),
            None => message,
        },
        kind: LoadErrorKind::Syntax,
    };
    let mut warnings = Vec::new();
    let grid = match format {
        ImportFormat::Mermaid => {
            let text = super::text::decode(bytes).map_err(|e| LoadError {
                path: Default::default(),
                position: Some((e.line, e.col)),
                message: e.message,
                kind: LoadErrorKind::Encoding,
            })?;
            let lang = opts.lang.unwrap_or_else(|| guess_language(&text));
            return mermaid::import(&text, opts.index, lang).map_err(|e| LoadError {
                path: Default::default(),
                position: Some((e.line, e.column)),
                message: e.message,
                kind: LoadErrorKind::Syntax,
            });
        }
        ImportFormat::Csv | ImportFormat::Tsv => {
            sheet::read_csv(bytes, format == ImportFormat::Tsv, &mut warnings)
        }
        ImportFormat::Xlsx | ImportFormat::Ods => sheet::read_workbook(bytes),
    }
    .map_err(|e| syntax(e.place, e.message))?;
    let lang = opts.lang.unwrap_or_else(|| {
        let words: Vec<&str> = grid.rows.iter().flatten().map(String::as_str).collect();
        guess_language(&words.join(" "))
    });
    let title = if name.is_empty() {
        lang.pick("Imported map", "Geïmporteerde kaart")
    } else {
        name
    };
    let (journey, more) = crate::io::grid::to_journey(&grid, lang, title)
        .map_err(|e| syntax(Some(e.place), e.message))?;
    warnings.extend(more);
    Ok(Imported { journey, warnings })
}

/// Dutch when the text has more of Dutch's most common little words than of English's.
pub fn guess_language(text: &str) -> Language {
    const NL: [&str; 14] = [
        "de", "het", "een", "en", "van", "is", "op", "niet", "naar", "voor", "met", "doen",
        "denken", "klant",
    ];
    const EN: [&str; 12] = [
        "the", "a", "and", "of", "to", "is", "for", "with", "not", "on", "customer", "actions",
    ];
    let (mut nl, mut en) = (0, 0);
    for w in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(20_000)
    {
        let w = w.to_lowercase();
        nl += usize::from(NL.contains(&w.as_str()));
        en += usize::from(EN.contains(&w.as_str()));
    }
    if nl > en { Language::Nl } else { Language::En }
}
