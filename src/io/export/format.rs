//! The export formats: the one list the command line, the export dialog and the file dialogs
//! read, so a new format is added here and nowhere else names them.

use std::path::Path;

/// A file format a map exports to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    Png,
    Svg,
    Pdf,
    Pptx,
}

impl Format {
    /// Every export format, in the order menus show them.
    pub const ALL: [Format; 4] = [Format::Png, Format::Svg, Format::Pdf, Format::Pptx];

    /// The file extension (lower case, no dot), also the format's name on the command line.
    pub fn ext(self) -> &'static str {
        match self {
            Format::Png => "png",
            Format::Svg => "svg",
            Format::Pdf => "pdf",
            Format::Pptx => "pptx",
        }
    }

    /// Its short name, as a choice in the export dialog.
    pub fn name(self) -> &'static str {
        match self {
            Format::Png => "PNG",
            Format::Svg => "SVG",
            Format::Pdf => "PDF",
            Format::Pptx => "PowerPoint",
        }
    }

    /// What it is, for a menu or a file dialog.
    pub fn label(self) -> &'static str {
        match self {
            Format::Png => "PNG picture",
            Format::Svg => "SVG drawing",
            Format::Pdf => "PDF document",
            Format::Pptx => "PowerPoint deck",
        }
    }

    /// The format an extension names (any case).
    pub fn from_ext(ext: &str) -> Option<Format> {
        Self::ALL
            .into_iter()
            .find(|f| f.ext().eq_ignore_ascii_case(ext.trim_start_matches('.')))
    }

    /// The format of a file name, by its extension.
    pub fn of_path(path: &Path) -> Option<Format> {
        Self::from_ext(path.extension()?.to_str()?)
    }

    /// Whether every page goes into one file (a PDF, a deck), rather than a file per page.
    pub fn one_file(self) -> bool {
        matches!(self, Format::Pdf | Format::Pptx)
    }

    /// "`.png`, `.svg`, `.pdf` or `.pptx`", for messages.
    pub fn names() -> String {
        let exts: Vec<String> = Self::ALL.iter().map(|f| format!(".{}", f.ext())).collect();
        match exts.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
            _ => exts.join(""),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_found_by_extension_in_any_case() {
        assert_eq!(Format::of_path(Path::new("a/map.PDF")), Some(Format::Pdf));
        assert_eq!(Format::of_path(Path::new("map.svg")), Some(Format::Svg));
        assert_eq!(Format::of_path(Path::new("map.journey.ron")), None);
        assert_eq!(Format::of_path(Path::new("map")), None);
        assert_eq!(Format::names(), ".png, .svg, .pdf or .pptx");
        for f in Format::ALL {
            assert_eq!(Format::from_ext(f.ext()), Some(f));
        }
    }
}
