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
    /// A mermaid `journey` diagram (text).
    Mermaid,
    /// The spreadsheet grid as comma-separated values.
    Csv,
    /// The spreadsheet grid as an Excel workbook.
    Xlsx,
}

impl Format {
    /// Every export format, in the order menus show them.
    pub const ALL: [Format; 7] = [
        Format::Png,
        Format::Svg,
        Format::Pdf,
        Format::Pptx,
        Format::Mermaid,
        Format::Csv,
        Format::Xlsx,
    ];

    /// The file extension (lower case, no dot), also the format's name on the command line.
    pub fn ext(self) -> &'static str {
        match self {
            Format::Png => "png",
            Format::Svg => "svg",
            Format::Pdf => "pdf",
            Format::Pptx => "pptx",
            Format::Mermaid => "mmd",
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
        }
    }

    /// Its short name, as a choice in the export dialog.
    pub fn name(self) -> &'static str {
        match self {
            Format::Png => "PNG",
            Format::Svg => "SVG",
            Format::Pdf => "PDF",
            Format::Pptx => "PowerPoint",
            Format::Mermaid => "mermaid",
            Format::Csv => "CSV",
            Format::Xlsx => "Excel",
        }
    }

    /// What it is, for a menu or a file dialog.
    pub fn label(self) -> &'static str {
        match self {
            Format::Png => "PNG picture",
            Format::Svg => "SVG drawing",
            Format::Pdf => "PDF document",
            Format::Pptx => "PowerPoint deck",
            Format::Mermaid => "mermaid journey diagram",
            Format::Csv => "CSV spreadsheet",
            Format::Xlsx => "Excel workbook",
        }
    }

    /// The format an extension names (any case); `mermaid` is also mermaid's.
    pub fn from_ext(ext: &str) -> Option<Format> {
        let ext = ext.trim_start_matches('.');
        if ext.eq_ignore_ascii_case("mermaid") {
            return Some(Format::Mermaid);
        }
        Self::ALL
            .into_iter()
            .find(|f| f.ext().eq_ignore_ascii_case(ext))
    }

    /// Whether it is a picture of the map (sized, paged), rather than its content as data
    /// (mermaid, a spreadsheet) that another program draws.
    pub fn is_picture(self) -> bool {
        matches!(self, Format::Png | Format::Svg | Format::Pdf | Format::Pptx)
    }

    /// The format of a file name, by its extension.
    pub fn of_path(path: &Path) -> Option<Format> {
        Self::from_ext(path.extension()?.to_str()?)
    }

    /// Whether every page goes into one file (a PDF, a deck), rather than a file per page.
    pub fn one_file(self) -> bool {
        !matches!(self, Format::Png | Format::Svg)
    }

    /// "`.png`, `.svg`, … or `.xlsx`", for messages.
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
        assert_eq!(
            Format::names(),
            ".png, .svg, .pdf, .pptx, .mmd, .csv or .xlsx"
        );
        assert_eq!(Format::from_ext("MERMAID"), Some(Format::Mermaid));
        for f in Format::ALL {
            assert_eq!(Format::from_ext(f.ext()), Some(f));
        }
    }
}
