//! File → Export: format, size, background and parts; the export runs on a worker thread so the
//! window stays responsive, and the written path is shown afterwards.

use crate::io::export::{ExportOptions, ExportTheme, Format, PRESETS, Size, export_file};
use crate::model::{Journey, Language};
use egui::Ui;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, channel};

/// The dialog's choices.
#[derive(Clone, Debug)]
pub struct ExportDialog {
    pub format: Format,
    /// Index into [`PRESETS`], or `None` for a custom width (or scale).
    pub preset: Option<usize>,
    pub width: u32,
    /// With no preset: the map's own size times this, instead of a width.
    pub scale: Option<f32>,
    pub transparent: bool,
    pub dark: bool,
    pub header: bool,
    pub legend: bool,
    pub path: String,
    /// Where the Export button was last drawn (for `--layout-json`).
    pub export_button: Option<egui::Rect>,
    /// How many texts the chosen options shorten, for the options it was worked out for.
    shortened: Option<(ExportOptions, usize)>,
    /// With a preset: an overview and detail pages when not every text fits one page.
    pub pages_auto: bool,
}

impl ExportDialog {
    /// A dialog proposing `<map>.png` beside the map.
    pub fn new(map_path: Option<&std::path::Path>, title: &str) -> Self {
        let stem = map_path
            .and_then(|p| p.file_name())
            .map(|n| {
                n.to_string_lossy()
                    .trim_end_matches(crate::io::EXTENSION)
                    .to_owned()
            })
            .unwrap_or_else(|| {
                title
                    .chars()
                    .filter(|c| c.is_alphanumeric() || *c == ' ')
                    .collect::<String>()
                    .replace(' ', "-")
            });
        let dir = map_path
            .and_then(|p| p.parent())
            .map(PathBuf::from)
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or_else(|| std::env::current_dir().unwrap_or_default());
        Self {
            format: Format::Png,
            preset: Some(0),
            width: 2400,
            scale: None,
            transparent: false,
            dark: false,
            header: true,
            legend: true,
            path: dir
                .join(format!(
                    "{}.png",
                    if stem.is_empty() { "journey" } else { &stem }
                ))
                .display()
                .to_string(),
            export_button: None,
            shortened: None,
            pages_auto: false,
        }
    }

    /// The export options these choices mean.
    pub fn options(&self) -> ExportOptions {
        ExportOptions {
            size: match self.preset.and_then(|i| PRESETS.get(i)) {
                Some(p) => Size::Fit {
                    width: p.width,
                    height: p.height,
                },
                None => match self.scale {
                    Some(s) => Size::Scale(s),
                    None => Size::Width(self.width),
                },
            },
            transparent: self.transparent && self.format == Format::Png,
            theme: if self.dark {
                ExportTheme::Dark
            } else {
                ExportTheme::Light
            },
            lang: None,
            header: self.header,
            legend: self.legend,
            dpi: self
                .preset
                .and_then(|i| PRESETS.get(i))
                .map_or(96.0, |p| p.dpi),
            ..ExportOptions::default()
        }
    }

    /// How many texts of `j` the chosen options shorten (worked out again when they change).
    pub fn shortened(&mut self, j: &Journey) -> usize {
        let options = self.options();
        match &self.shortened {
            Some((o, n)) if *o == options => *n,
            _ => {
                let n = crate::io::export::plan(j, &options).map_or(0, |p| p.layout.shortened);
                self.shortened = Some((options, n));
                n
            }
        }
    }

    /// Size, look and pages: only for pictures of the map.
    fn picture_options(&mut self, ui: &mut Ui, lang: Language) {
        ui.label(lang.pick("Size", "Afmeting"));
        for (i, p) in PRESETS.iter().enumerate() {
            let label = format!(
                "{} — {} × {} ({})",
                p.name, p.width, p.height, p.description
            );
            if ui.radio(self.preset == Some(i), label).clicked() {
                self.preset = Some(i);
                self.scale = None;
            }
        }
        ui.horizontal(|ui| {
            let custom_width = self.preset.is_none() && self.scale.is_none();
            if ui
                .radio(custom_width, lang.pick("Custom width", "Eigen breedte"))
                .clicked()
            {
                self.preset = None;
                self.scale = None;
            }
            ui.add_enabled(
                custom_width,
                egui::DragValue::new(&mut self.width)
                    .range(200..=16_384)
                    .suffix(" px"),
            );
        });
        ui.horizontal(|ui| {
            if ui
                .radio(
                    self.scale.is_some(),
                    lang.pick("Scale of the map", "Schaal van de kaart"),
                )
                .clicked()
            {
                self.preset = None;
                self.scale.get_or_insert(2.0);
            }
            let mut scale = self.scale.unwrap_or(2.0);
            if ui
                .add_enabled(
                    self.scale.is_some(),
                    egui::DragValue::new(&mut scale)
                        .range(0.25..=8.0)
                        .speed(0.05)
                        .prefix("× "),
                )
                .changed()
            {
                self.scale = Some(scale);
            }
        });
        ui.separator();
        ui.add_enabled(
            self.format == Format::Png,
            egui::Checkbox::new(
                &mut self.transparent,
                lang.pick("Transparent background", "Transparante achtergrond"),
            ),
        );
        ui.checkbox(&mut self.dark, lang.pick("Dark theme", "Donker thema"));
        ui.checkbox(
            &mut self.header,
            lang.pick("Title and persona header", "Titel en persona"),
        );
        ui.checkbox(&mut self.legend, lang.pick("Legend", "Legenda"));
        if self.preset.is_some() {
            ui.checkbox(
                &mut self.pages_auto,
                lang.pick(
                    "Overview and detail pages when not every text fits one page (map-1, map-2, …)",
                    "Overzicht en detailpagina's als niet alle tekst op één pagina past (kaart-1, kaart-2, …)",
                ),
            );
        }
    }

    /// Shows the choices. Returns `Some(true)` on Export, `Some(false)` on Cancel.
    pub fn ui(&mut self, ui: &mut Ui, lang: Language, j: &Journey) -> Option<bool> {
        let mut answer = None;
        ui.heading(lang.pick("Export the map", "Kaart exporteren"));
        ui.horizontal(|ui| {
            ui.label(lang.pick("Format", "Formaat"));
            for f in Format::ALL {
                if ui.radio(self.format == f, f.name()).clicked() && self.format != f {
                    self.format = f;
                    let path = std::path::Path::new(&self.path);
                    if Format::of_path(path).is_some()
                        && let Some((stem, _)) = self.path.rsplit_once('.')
                    {
                        self.path = format!("{stem}.{}", f.ext());
                    }
                }
            }
        });
        let picture = self.format.is_picture();
        if picture {
            self.picture_options(ui, lang);
        } else {
            ui.label(lang.pick(
                "The map's content as data (phases, lanes, cards, curves, KPIs) for another \
                 program to draw; it imports back into journey-map.",
                "De inhoud van de kaart als gegevens (fasen, banen, kaarten, curves, KPI's) \
                 voor een ander programma; te importeren in journey-map.",
            ));
        }
        let shortened = if !picture || (self.pages_auto && self.preset.is_some()) {
            0
        } else {
            self.shortened(j)
        };
        if shortened > 0 {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                match lang {
                    Language::En => format!(
                        "{shortened} texts are shortened to fit one page; detail pages show them all."
                    ),
                    Language::Nl => format!(
                        "{shortened} teksten worden ingekort om op één pagina te passen; detailpagina's tonen ze allemaal."
                    ),
                },
            );
        }
        ui.separator();
        let label = ui.label(lang.pick("Save to", "Opslaan als"));
        ui.add(
            egui::TextEdit::singleline(&mut self.path)
                .id_salt("export-path")
                .desired_width(460.0),
        )
        .labelled_by(label.id);
        ui.horizontal(|ui| {
            let export = ui.button(lang.pick("Export", "Exporteren"));
            self.export_button = Some(export.rect);
            if export.clicked() {
                answer = Some(true);
            }
            if ui.button(lang.pick("Cancel", "Annuleren")).clicked() {
                answer = Some(false);
            }
        });
        answer
    }
}

/// An export running on a worker thread.
pub struct RunningExport {
    rx: Receiver<Result<PathBuf, String>>,
    pub target: PathBuf,
}

impl RunningExport {
    /// Starts exporting `journey` to `target`.
    /// With `pages_auto`, a map that does not fit one page is written as pages beside
    /// `target` (the first page's path is the result).
    pub fn start(
        journey: Journey,
        target: PathBuf,
        options: ExportOptions,
        pages_auto: bool,
    ) -> Self {
        let (tx, rx) = channel();
        let path = target.clone();
        std::thread::spawn(move || {
            let written = if pages_auto {
                crate::io::export::export_pages(&journey, &path, &options)
                    .map(|(paths, _)| paths.into_iter().next().unwrap_or_else(|| path.clone()))
            } else {
                export_file(&journey, &path, &options).map(|()| path.clone())
            };
            let result = written.map_err(|e| format!("{}: {e}", path.display()));
            let _ = tx.send(result);
        });
        Self { rx, target }
    }

    /// The result, once the worker is done.
    pub fn poll(&self) -> Option<Result<PathBuf, String>> {
        match self.rx.try_recv() {
            Ok(r) => Some(r),
            Err(std::sync::mpsc::TryRecvError::Empty) => None,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                Some(Err("the export stopped unexpectedly".into()))
            }
        }
    }
}

/// Opens the folder holding `path` in the platform's file manager, where there is one.
pub fn open_folder(path: &std::path::Path) -> Result<(), String> {
    let dir = path.parent().unwrap_or(path);
    let program = if cfg!(target_os = "windows") {
        "explorer"
    } else if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    std::process::Command::new(program)
        .arg(dir)
        .spawn()
        .map(|_| ())
        .map_err(|e| format!("cannot open {} with {program}: {e}", dir.display()))
}
