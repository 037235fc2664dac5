//! Where an open map came from, so Save knows whether it may write there. A `.journey.ron`
//! may be saved over; a picture, a deck, an import or a recovery copy never: saving such a map
//! makes a new `.journey.ron` (Save acts as Save As). Every way of opening a file returns its
//! [`Origin`] with the map, so a new importer only adds a [`SourceKind`].

use super::document::{EXTENSION, LoadError, read_limited};
use super::import::{ImportFormat, ImportOptions, Warning, import_file};
use crate::model::{Journey, Language};
use std::path::{Path, PathBuf};

/// A kind of file a map can be read from that is not a `.journey.ron`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceKind {
    /// A PNG exported by journey-map, with the map inside.
    Png,
    /// An SVG exported by journey-map, with the map inside.
    Svg,
    /// A PDF exported by journey-map, with the map attached.
    Pdf,
    /// A PowerPoint deck exported by journey-map, with the map inside.
    Pptx,
    /// A copy the editor wrote to its recovery folder after a crash.
    Recovery,
    /// A spreadsheet or mermaid diagram, imported into a new map.
    Import(ImportFormat),
    /// A map another journey-map window has open, opened to read: saved as a new map.
    ReadOnly,
}

impl SourceKind {
    /// What the file is, in the user's words ("picture", "recovery copy").
    pub fn label(self, lang: Language) -> &'static str {
        match self {
            SourceKind::Png => lang.pick("PNG picture", "PNG-afbeelding"),
            SourceKind::Svg => lang.pick("SVG picture", "SVG-afbeelding"),
            SourceKind::Pdf => lang.pick("PDF document", "PDF-document"),
            SourceKind::Pptx => lang.pick("PowerPoint deck", "PowerPoint-presentatie"),
            SourceKind::Recovery => lang.pick("recovered copy", "herstelde kopie"),
            SourceKind::Import(ImportFormat::Mermaid) => {
                lang.pick("imported mermaid journey", "geïmporteerde mermaid-journey")
            }
            SourceKind::Import(_) => lang.pick("imported spreadsheet", "geïmporteerd rekenblad"),
            SourceKind::ReadOnly => lang.pick("read-only", "alleen lezen"),
        }
    }
}

/// Where the map in a window came from.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum Origin {
    /// A new map, never saved.
    #[default]
    New,
    /// A `.journey.ron` file: Save writes here.
    Map(PathBuf),
    /// Read from another kind of file, which Save must not overwrite.
    Derived { source: PathBuf, kind: SourceKind },
}

impl Origin {
    /// The file Save may write to without asking: only a `.journey.ron` the map came from.
    pub fn save_path(&self) -> Option<&Path> {
        match self {
            Origin::Map(p) => Some(p),
            _ => None,
        }
    }

    /// The file the map was read from, if any.
    pub fn source(&self) -> Option<&Path> {
        match self {
            Origin::New => None,
            Origin::Map(p) | Origin::Derived { source: p, .. } => Some(p),
        }
    }

    /// Where Save As proposes to save: the map itself; beside a picture or import, under its
    /// name with `.journey.ron` (never over an existing file); a new or recovered map by its
    /// title in `dir`.
    pub fn proposed_save_path(&self, title_slug: &str, dir: &Path) -> PathBuf {
        match self {
            Origin::Map(p) => p.clone(),
            Origin::Derived {
                source,
                kind:
                    SourceKind::Png
                    | SourceKind::Svg
                    | SourceKind::Pdf
                    | SourceKind::Pptx
                    | SourceKind::Import(_)
                    | SourceKind::ReadOnly,
            } => {
                let stem = source.file_stem().map_or_else(
                    || title_slug.to_owned(),
                    |s| s.to_string_lossy().into_owned(),
                );
                free_path(source.parent().unwrap_or(dir), &stem)
            }
            Origin::New
            | Origin::Derived {
                kind: SourceKind::Recovery,
                ..
            } => free_path(dir, title_slug),
        }
    }

    /// The file name and what it is, for the title bar: "kiosk.png (PNG picture)".
    pub fn describe(&self, lang: Language) -> String {
        let name = |p: &Path| {
            p.file_name().map_or_else(
                || p.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            )
        };
        match self {
            Origin::New => lang.pick("Untitled", "Naamloos").to_owned(),
            Origin::Map(p) => name(p),
            Origin::Derived {
                kind: SourceKind::Recovery,
                ..
            } => format!(
                "{} ({})",
                lang.pick("Untitled", "Naamloos"),
                SourceKind::Recovery.label(lang)
            ),
            Origin::Derived { source, kind } => format!("{} ({})", name(source), kind.label(lang)),
        }
    }
}

/// `<dir>/<stem>.journey.ron`, or with " 2", " 3"… when that file exists.
fn free_path(dir: &Path, stem: &str) -> PathBuf {
    let first = dir.join(format!("{stem}{EXTENSION}"));
    if !first.exists() {
        return first;
    }
    (2..1000)
        .map(|n| dir.join(format!("{stem} {n}{EXTENSION}")))
        .find(|p| !p.exists())
        .unwrap_or(first)
}

/// A map read from a file, with where it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Opened {
    pub journey: Journey,
    pub origin: Origin,
    /// What an import had to bend (empty for maps read as they were saved).
    pub warnings: Vec<Warning>,
}

/// A map being read on another thread while the editor's window is created, so start-up waits
/// for the slower of the two instead of both in turn.
#[derive(Debug)]
pub struct Preload {
    path: PathBuf,
    reading: std::thread::JoinHandle<Result<Opened, LoadError>>,
}

impl Preload {
    /// Starts reading `path`.
    pub fn start(path: &Path) -> Preload {
        let p = path.to_owned();
        Preload {
            path: path.to_owned(),
            reading: std::thread::spawn(move || open(&p)),
        }
    }

    /// What [`open`] gives for `path`, from the reading started earlier when it was for the same
    /// path (and did not fail to run), else read now.
    pub fn open(self, path: &Path) -> Result<Opened, LoadError> {
        if self.path == path
            && let Ok(opened) = self.reading.join()
        {
            return opened;
        }
        open(path)
    }
}

/// Opens any file the editor can read a map from (a `.journey.ron`, an exported PNG, SVG, PDF
/// or deck, a spreadsheet or mermaid diagram to import), with the same limits as
/// [`super::load`], and says where the map came from.
pub fn open(path: &Path) -> Result<Opened, LoadError> {
    if let Some(format) = ImportFormat::of_path(path) {
        let imported = import_file(path, ImportOptions::default())?;
        return Ok(Opened {
            journey: imported.journey,
            origin: Origin::Derived {
                source: path.to_owned(),
                kind: SourceKind::Import(format),
            },
            warnings: imported.warnings,
        });
    }
    let bytes = read_limited(path)?;
    let kind = if super::export::is_png(&bytes) {
        Some(SourceKind::Png)
    } else if super::export::is_svg(&bytes) {
        Some(SourceKind::Svg)
    } else if super::export::pdf::is_pdf(&bytes) {
        Some(SourceKind::Pdf)
    } else if super::export::pptx::is_pptx(&bytes) {
        Some(SourceKind::Pptx)
    } else {
        None
    };
    let journey = super::from_bytes(&bytes, path)?;
    let origin = match kind {
        Some(kind) => Origin::Derived {
            source: path.to_owned(),
            kind,
        },
        None => Origin::Map(path.to_owned()),
    };
    Ok(Opened {
        journey,
        origin,
        warnings: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_preloaded_map_is_the_map_open_reads_and_only_for_its_path() {
        let dir = tempfile::tempdir().expect("temp dir");
        let a = dir.path().join("a.journey.ron");
        let b = dir.path().join("b.journey.ron");
        let mut j = crate::templates::Template::Blank.build(Language::En);
        j.title = "A".into();
        super::super::save(&a, &j).expect("saves");
        j.title = "B".into();
        super::super::save(&b, &j).expect("saves");
        let opened = Preload::start(&a).open(&a).expect("opens");
        assert_eq!(opened, open(&a).expect("opens"));
        // Asked for another file, it reads that one.
        let other = Preload::start(&a).open(&b).expect("opens");
        assert_eq!(other.journey.title, "B");
        // A refusal comes through as it would from open.
        let missing = dir.path().join("gone.journey.ron");
        assert_eq!(
            Preload::start(&missing)
                .open(&missing)
                .expect_err("missing")
                .to_string(),
            open(&missing).expect_err("missing").to_string()
        );
    }

    #[test]
    fn only_a_journey_file_may_be_saved_over() {
        let dir = tempfile::tempdir().expect("temp dir");
        let png = dir.path().join("kiosk.png");
        let picture = Origin::Derived {
            source: png.clone(),
            kind: SourceKind::Png,
        };
        assert_eq!(picture.save_path(), None);
        assert_eq!(picture.source(), Some(png.as_path()));
        assert_eq!(
            picture.proposed_save_path("x", Path::new("/elsewhere")),
            dir.path().join("kiosk.journey.ron")
        );
        std::fs::write(dir.path().join("kiosk.journey.ron"), "taken").expect("write");
        assert_eq!(
            picture.proposed_save_path("x", Path::new("/elsewhere")),
            dir.path().join("kiosk 2.journey.ron"),
            "never proposes to overwrite the map the picture was exported from"
        );
        assert_eq!(picture.describe(Language::En), "kiosk.png (PNG picture)");
        let map = Origin::Map(dir.path().join("a.journey.ron"));
        assert_eq!(
            map.save_path(),
            Some(dir.path().join("a.journey.ron").as_path())
        );
        assert_eq!(Origin::New.save_path(), None);
        let sheet = Origin::Derived {
            source: dir.path().join("draft.csv"),
            kind: SourceKind::Import(ImportFormat::Csv),
        };
        assert_eq!(
            sheet.save_path(),
            None,
            "an import never overwrites its source"
        );
        assert_eq!(
            sheet.proposed_save_path("x", Path::new("/elsewhere")),
            dir.path().join("draft.journey.ron")
        );
        assert_eq!(
            sheet.describe(Language::Nl),
            "draft.csv (geïmporteerd rekenblad)"
        );
        assert_eq!(
            Origin::New.proposed_save_path("my-map", dir.path()),
            dir.path().join("my-map.journey.ron")
        );
    }
}
