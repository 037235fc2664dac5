//! The editor window: menus, panels, dialogs, shortcuts, and the file life cycle.

use super::canvas::{Canvas, CanvasAction, add_lane, add_phase};
use super::export_dialog::{ExportDialog, RunningExport, open_folder};
use super::files::{FilePicker, NativePicker, Picked, with_journey_extension};
use super::inspector::{Inspector, InspectorAction};
use super::prefs::{Prefs, ThemeChoice};
use super::selection::Selection;
use crate::edit::{Document, Edit, cards_from_clipboard, cards_to_clipboard, copies_for};
use crate::io;
use crate::model::{Card, LaneId, LaneKind, Language, Slot};
use crate::paint::{PaintOptions, Picture, Theme};
use crate::templates::Template;
use egui::{Key, KeyboardShortcut, Modifiers, Ui};
use std::path::{Path, PathBuf};

/// An action that waits for the answer to "save changes?".
#[derive(Clone, Debug, PartialEq)]
enum Pending {
    Close,
    Open(PathBuf),
    OpenDialog,
    ImportDialog,
    New(Template, Language),
}

/// Why the path field is shown.
#[derive(Clone, Debug, PartialEq, Eq)]
enum PathPurpose {
    Open,
    Import,
    CardImage(crate::model::CardId),
    SaveAs,
    Photo(crate::model::PersonaId),
    Compare,
}

#[derive(Clone, Debug)]
struct PathDialog {
    purpose: PathPurpose,
    text: String,
    reason: String,
    /// Whether the field has been given the keyboard focus (once, when the dialog opens).
    focused: bool,
}

#[derive(Clone, Debug)]
struct NewDialog {
    template: Template,
    lang: Language,
}

/// The journey-map application.
pub struct App {
    /// The open map and its history.
    pub doc: Document,
    /// Where the map came from: the `.journey.ron` Save writes to, or a picture or recovery
    /// copy that Save must not overwrite.
    pub origin: io::Origin,
    pub sel: Selection,
    pub canvas: Canvas,
    inspector: Inspector,
    pub prefs: Prefs,
    picker: Box<dyn FilePicker>,
    /// The last message for the status bar.
    pub status: String,
    /// An error shown in a dialog until dismissed.
    pub error: Option<String>,
    /// What the last import had to bend, shown in a window until closed: "line 4: …".
    pub import_notes: Vec<String>,
    /// Where this editor's map locks live (beside the recovery folder); `None`: no locking.
    lock_dir: Option<PathBuf>,
    /// The lock on the map open here, so a second window says it is open.
    map_lock: Option<io::lock::MapLock>,
    /// A map another window has open, waiting for: read-only, open anyway, or cancel.
    pub already_open: Option<PathBuf>,
    /// The changes a recovery copy makes to its file on disk, while the user looks at them.
    recovery_diff: Option<(usize, Vec<String>)>,
    /// The text last put on the clipboard (also sent to the system clipboard).
    pub last_copied: String,
    pending: Option<Pending>,
    path_dialog: Option<PathDialog>,
    new_dialog: Option<NewDialog>,
    title_sent: String,
    closing: bool,
    /// Whose emotion curve the canvas edits.
    pub active_persona: Option<crate::model::PersonaId>,
    /// As-is or to-be.
    pub active_variant: crate::model::CurveVariant,
    /// Pictures uploaded as textures, keyed by whose they are and a fingerprint of the data.
    photos: Vec<((Picture, usize, String), egui::TextureHandle)>,
    fonts_installed: bool,
    /// File → Export, while open.
    pub export_dialog: Option<ExportDialog>,
    running_export: Option<RunningExport>,
    /// The last picture written, for "Open folder".
    pub last_export: Option<PathBuf>,
    recovery: Option<io::RecoveryStore>,
    /// Maps an editor left behind when it crashed, offered back at start.
    pub recovered: Vec<io::Recovered>,
    autosaved_revision: Option<u64>,
    changed_at: Option<f64>,
    was_focused: bool,
    /// Modification time and size of the file when it was opened or last saved.
    disk_stamp: Option<(std::time::SystemTime, u64)>,
    /// A save that found the file changed on disk, waiting for the user's choice.
    pub conflict: Option<PathBuf>,
    /// The older format version the open file was migrated from, in memory; the first save
    /// keeps the original as `<file>.bak`.
    pub migrated_from: Option<u32>,
    /// `--layout-json`: where to write the screen geometry of cards, cells and key widgets
    /// each frame, so an end-to-end test can drive the real window without guessing pixels.
    pub debug_layout: Option<PathBuf>,
    /// Quit once a frame showing the map has been painted (for timing start-up).
    pub quit_after_first_frame: bool,
    /// The first frame with the map has been handed to the painter (start-up benchmark).
    first_frame_shown: bool,
    debug_widgets: Vec<(String, egui::Rect)>,
    debug_written: String,
    /// The graphics path drawing the window, for Help → About.
    pub renderer: String,
    /// Help → About, while open.
    pub about_open: bool,
    /// The comparison with another version, while one is open.
    pub compare: Option<super::compare::CompareView>,
    ui_scale_applied: bool,
    /// The map given at start-up, being read while the window opens.
    preload: Option<io::Preload>,
}

/// Unsaved changes are written to the recovery folder this long after the last edit.
pub const AUTOSAVE_AFTER_SECS: f64 = 3.0;

fn stamp(path: &Path) -> Option<(std::time::SystemTime, u64)> {
    let m = std::fs::metadata(path).ok()?;
    Some((m.modified().ok()?, m.len()))
}

impl App {
    /// Creates the app inside eframe, reading preferences from its storage.
    pub fn new(cc: &eframe::CreationContext<'_>, file: Option<PathBuf>) -> Self {
        Self::new_preloaded(cc, file, None)
    }

    /// [`App::new`] with the map already being read (see [`io::Preload`]).
    pub fn new_preloaded(
        cc: &eframe::CreationContext<'_>,
        file: Option<PathBuf>,
        preload: Option<io::Preload>,
    ) -> Self {
        let prefs: Prefs = cc
            .storage
            .and_then(|s| eframe::get_value(s, Prefs::KEY))
            .unwrap_or_default();
        let recovery = eframe::storage_dir("journey-map").map(|d| d.join("recovery"));
        let mut app = Self::with_preload(file, prefs, Box::new(NativePicker), recovery, preload);
        app.apply_theme(&cc.egui_ctx);
        // Installed before the first frame, so the map is drawn once, with its icons.
        cc.egui_ctx.set_fonts(crate::paint::font_definitions());
        app.fonts_installed = true;
        app
    }

    /// Creates the app with a given file picker (tests use one without dialogs).
    pub fn with_picker(file: Option<PathBuf>, prefs: Prefs, picker: Box<dyn FilePicker>) -> Self {
        Self::with_recovery(file, prefs, picker, None)
    }

    /// Creates the app with a recovery folder: unsaved changes are autosaved there, and maps
    /// left there by an editor that crashed are offered back.
    pub fn with_recovery(
        file: Option<PathBuf>,
        prefs: Prefs,
        picker: Box<dyn FilePicker>,
        recovery_dir: Option<PathBuf>,
    ) -> Self {
        Self::with_preload(file, prefs, picker, recovery_dir, None)
    }

    fn with_preload(
        file: Option<PathBuf>,
        prefs: Prefs,
        picker: Box<dyn FilePicker>,
        recovery_dir: Option<PathBuf>,
        preload: Option<io::Preload>,
    ) -> Self {
        let lang = prefs.language.unwrap_or_default();
        let mut app = Self {
            doc: Document::new(Template::Blank.build(lang)),
            origin: io::Origin::New,
            sel: Selection::default(),
            canvas: Canvas::default(),
            inspector: Inspector::default(),
            prefs,
            picker,
            status: String::new(),
            error: None,
            import_notes: Vec::new(),
            recovery_diff: None,
            lock_dir: recovery_dir
                .as_ref()
                .and_then(|d| d.parent().map(|p| p.join("open"))),
            map_lock: None,
            already_open: None,
            last_copied: String::new(),
            pending: None,
            path_dialog: None,
            new_dialog: None,
            title_sent: String::new(),
            closing: false,
            active_persona: None,
            active_variant: crate::model::CurveVariant::AsIs,
            photos: Vec::new(),
            fonts_installed: false,
            export_dialog: None,
            running_export: None,
            last_export: None,
            recovery: recovery_dir.map(io::RecoveryStore::new),
            recovered: Vec::new(),
            autosaved_revision: None,
            changed_at: None,
            was_focused: true,
            disk_stamp: None,
            conflict: None,
            migrated_from: None,
            debug_layout: None,
            quit_after_first_frame: false,
            first_frame_shown: false,
            debug_widgets: Vec::new(),
            debug_written: String::new(),
            renderer: String::new(),
            about_open: false,
            compare: None,
            ui_scale_applied: false,
            preload,
        };
        app.recovered = app
            .recovery
            .as_ref()
            .map(io::RecoveryStore::orphans)
            .unwrap_or_default();
        let start = file.or_else(|| app.prefs.recent.first().cloned().filter(|p| p.exists()));
        if let Some(path) = start {
            app.open_now(&path);
        } else {
            app.status = app.lang().pick("New map", "Nieuwe kaart").into();
        }
        // Read at start-up only: a later open reads the file as it is then.
        app.preload = None;
        app
    }

    /// Puts edits the document refused into the status bar: a click that did nothing must say
    /// why. In debug builds (the tests) a refusal is a bug in the interface, which should not
    /// have offered the edit, and fails loudly.
    fn report_refused(&mut self, ctx: &egui::Context) {
        let refused = self.doc.take_refused();
        if let Some(last) = refused.last() {
            self.status = format!(
                "{} {last}",
                self.lang().pick("Not changed:", "Niet gewijzigd:")
            );
            ctx.request_repaint();
        }
        debug_assert!(
            refused.is_empty(),
            "the interface made edits the map refused: {refused:?}"
        );
    }

    /// Embeds the image at `path` as a persona's photo, or says why not.
    pub fn set_photo(&mut self, persona: &crate::model::PersonaId, path: &Path) {
        match io::load_photo(path) {
            Ok(photo) => {
                let edit = Edit::SetPersona {
                    id: persona.clone(),
                    field: crate::edit::PersonaField::Photo(Some(photo)),
                };
                if let Err(e) = self.doc.apply(edit) {
                    self.error = Some(e.to_string());
                }
            }
            Err(e) => self.error = Some(e),
        }
    }

    /// Puts the picture at `path` on `card` (checked, scaled, embedded), as one undo step.
    pub fn set_card_image(&mut self, card: &crate::model::CardId, path: &Path) {
        match io::load_card_image(path) {
            Ok(img) => {
                let edit = Edit::SetCard {
                    id: card.clone(),
                    field: crate::edit::CardField::Image(Some(img)),
                };
                if let Err(e) = self.doc.apply(edit) {
                    self.error = Some(e.to_string());
                }
            }
            Err(e) => self.error = Some(e),
        }
    }

    /// A new card in the cell under `pos` (map space) with the picture at `path`: what
    /// dropping an image on the canvas does. Off the grid, the selected cell is used.
    pub fn drop_image(&mut self, path: &Path, pos: Option<egui::Pos2>) {
        let cell = pos
            .zip(self.canvas.last.as_ref())
            .and_then(|(p, (layout, t))| {
                let at = t.inverse().mul_pos(p);
                let (lane, col, _) = layout.cell_at(at)?;
                Some((lane.id.clone(), layout.columns.get(col)?.slot.clone()))
            });
        let j = self.doc.journey();
        let cell = cell.or_else(|| {
            let lane = self.sel.lane.clone()?;
            let at = self
                .sel
                .cards
                .first()
                .and_then(|c| j.card(c))
                .map(|c| c.at.clone())?;
            Some((lane, at))
        });
        let Some((lane, at)) = cell.filter(|(l, _)| j.lane(l).is_some_and(|l| !l.kind.is_curve()))
        else {
            self.error = Some(
                self.lang()
                    .pick(
                        "Drop the picture on a cell of a card lane (a storyboard lane, say).",
                        "Sleep de afbeelding op een cel van een kaartenrij (bijvoorbeeld een storyboardrij).",
                    )
                    .to_owned(),
            );
            return;
        };
        match io::load_card_image(path) {
            Ok(img) => {
                let title = path
                    .file_stem()
                    .map(|s| s.to_string_lossy().replace(['_', '-'], " "))
                    .unwrap_or_default();
                self.add_picture_card(img, lane, at, title);
            }
            Err(e) => self.error = Some(e),
        }
    }

    /// A picture pasted from the clipboard (Ctrl+V with an image, no text, on it): a new card
    /// in the selected card's cell, else the first cell of a storyboard lane.
    pub fn paste_image(&mut self, image: &egui::ColorImage) {
        let j = self.doc.journey();
        let board = j
            .lanes
            .iter()
            .find(|l| l.kind == LaneKind::Storyboard && l.visible)
            .and_then(|l| Some((l.id.clone(), j.columns().first()?.clone())));
        let Some((lane, at)) = self.selected_cell().or(board) else {
            self.status = self
                .lang()
                .pick(
                    "Select a card, or add a storyboard lane, to paste the picture into",
                    "Kies een kaart, of voeg een storyboardrij toe, om de afbeelding in te plakken",
                )
                .into();
            return;
        };
        let rgba: Vec<u8> = image
            .pixels
            .iter()
            .flat_map(|c| c.to_srgba_unmultiplied())
            .collect();
        match io::card_image_from_rgba(image.size[0] as u32, image.size[1] as u32, rgba) {
            Ok(img) => {
                let title = self.lang().pick("Pasted picture", "Geplakte afbeelding");
                self.add_picture_card(img, lane, at, title.to_owned());
            }
            Err(e) => self.error = Some(e),
        }
    }

    /// Adds a card holding `img` in a cell and selects it (one undo step).
    fn add_picture_card(
        &mut self,
        img: crate::model::CardImage,
        lane: LaneId,
        at: Slot,
        title: String,
    ) {
        let mut card = crate::edit::new_card(self.doc.journey(), lane, at, title);
        card.image = Some(img);
        let id = card.id.clone();
        if let Err(e) = self.doc.apply(Edit::AddCard(card)) {
            self.error = Some(e.to_string());
        } else {
            self.sel = Selection {
                cards: vec![id],
                ..Selection::default()
            };
        }
    }

    /// Uploads persona photos and card images as textures (once per picture) and lists them
    /// for the painter; textures of pictures no longer in the map are let go.
    fn photo_textures(&mut self, ctx: &egui::Context) -> Vec<(Picture, egui::TextureId)> {
        let mut out = Vec::new();
        let pictures = Picture::all(self.doc.journey());
        for (pic, photo) in &pictures {
            // The length and the start of the data tell a replaced picture from the old one.
            let key = (
                pic.clone(),
                photo.base64.len(),
                photo.base64.get(..64).unwrap_or("").to_owned(),
            );
            if let Some((_, tex)) = self.photos.iter().find(|(k, _)| k == &key) {
                out.push((pic.clone(), tex.id()));
                continue;
            }
            if let Ok((w, h, rgba)) = io::decode_photo(photo) {
                let image =
                    egui::ColorImage::from_rgba_unmultiplied([w as usize, h as usize], &rgba);
                let name = match pic {
                    Picture::Persona(id) => format!("photo-{id}"),
                    Picture::Card(id) => format!("card-image-{id}"),
                };
                let tex = ctx.load_texture(name, image, egui::TextureOptions::LINEAR);
                out.push((pic.clone(), tex.id()));
                self.photos.retain(|(k, _)| &k.0 != pic);
                self.photos.push((key, tex));
            }
        }
        self.photos
            .retain(|(k, _)| pictures.iter().any(|(p, _)| p == &k.0));
        out
    }

    /// Writes the geometry for `--layout-json` when it changed (atomically: a reader never sees
    /// half a file).
    fn write_debug_layout(&mut self) {
        let Some(path) = self.debug_layout.clone() else {
            return;
        };
        let Some((layout, t)) = &self.canvas.last else {
            return;
        };
        let j = self.doc.journey();
        let r = |r: egui::Rect| {
            format!(
                "[{:.1},{:.1},{:.1},{:.1}]",
                r.min.x, r.min.y, r.max.x, r.max.y
            )
        };
        let esc = |s: &str| s.replace('\\', "\\\\").replace('"', "\\\"");
        let mut cards = Vec::new();
        for g in &layout.cards {
            if let Some(c) = j.card(&g.id) {
                cards.push(format!(
                    r#"{{"id":"{}","title":"{}","lane":"{}","phase":"{}","rect":{}}}"#,
                    esc(c.id.as_str()),
                    esc(&c.title),
                    esc(c.lane.as_str()),
                    esc(c.at.phase.as_str()),
                    r(t.mul_rect(g.rect))
                ));
            }
        }
        let mut cells = Vec::new();
        for lane in &layout.lanes {
            for (i, col) in layout.columns.iter().enumerate() {
                let rect = egui::Rect::from_x_y_ranges(col.x, lane.rect.y_range());
                cells.push(format!(
                    r#"{{"lane":"{}","column":{i},"phase":"{}","rect":{}}}"#,
                    esc(lane.id.as_str()),
                    esc(col.slot.phase.as_str()),
                    r(t.mul_rect(rect))
                ));
            }
        }
        let widgets: Vec<String> = self
            .debug_widgets
            .iter()
            .map(|(name, rect)| format!(r#""{}":{}"#, esc(name), r(*rect)))
            .collect();
        let text = format!(
            "{{\"dragging\":{},\"hover\":\"{}\",\"title\":\"{}\",\"dirty\":{},\"dialog\":\"{}\",\"differences\":{},\"cards\":[{}],\"cells\":[{}],\"widgets\":{{{}}}}}\n",
            self.canvas.is_dragging(),
            esc(self.canvas.hovered_card.as_ref().map_or("", |c| c.as_str())),
            esc(&self.window_title()),
            self.doc.is_dirty(),
            self.dialog_name(),
            self.compare
                .as_ref()
                .map_or_else(|| "null".to_owned(), |c| c.review.changes.len().to_string()),
            cards.join(","),
            cells.join(","),
            widgets.join(",")
        );
        if text != self.debug_written && io::atomic_write(&path, text.as_bytes()).is_ok() {
            self.debug_written = text;
        }
    }

    /// Which question is on screen, for the real-window test ("" when none).
    fn dialog_name(&self) -> &'static str {
        if !self.recovered.is_empty() {
            if self.recovered.iter().any(|r| r.source_moved_on().is_some()) {
                "recovered-moved-on"
            } else {
                "recovered"
            }
        } else if self.already_open.is_some() {
            "already-open"
        } else if self.conflict.is_some() {
            "conflict"
        } else if self.pending.is_some() {
            "save-changes"
        } else if self.error.is_some() {
            "error"
        } else {
            ""
        }
    }

    /// Deletes this editor's recovery copy.
    fn forget_recovery(&mut self) {
        if let Some(r) = &self.recovery {
            r.clear();
        }
        self.autosaved_revision = None;
        self.changed_at = None;
    }

    /// Writes unsaved changes to the recovery folder now.
    pub fn autosave_now(&mut self) {
        let Some(r) = &self.recovery else { return };
        if !self.doc.is_dirty() || self.autosaved_revision == Some(self.doc.revision()) {
            return;
        }
        let based_on = self.disk_stamp.map(|(t, _)| t);
        match r.save(self.doc.journey(), self.origin.save_path(), based_on) {
            Ok(()) => self.autosaved_revision = Some(self.doc.revision()),
            Err(e) => {
                self.status = format!(
                    "{} {e}",
                    self.lang()
                        .pick("Autosave failed:", "Automatisch opslaan mislukt:")
                )
            }
        }
    }

    /// Autosaves a few seconds after the last change, and when the window loses focus.
    fn autosave_tick(&mut self, ctx: &egui::Context) {
        let (now, focused) = ctx.input(|i| (i.time, i.focused));
        let lost_focus = self.was_focused && !focused;
        self.was_focused = focused;
        if !self.doc.is_dirty() {
            if self.autosaved_revision.is_some() {
                // Undone back to the saved state: nothing to recover.
                self.forget_recovery();
            }
            return;
        }
        if self.autosaved_revision == Some(self.doc.revision()) {
            return;
        }
        let since = *self.changed_at.get_or_insert(now);
        if lost_focus || now - since >= AUTOSAVE_AFTER_SECS {
            self.autosave_now();
            self.changed_at = None;
        } else {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(
                AUTOSAVE_AFTER_SECS - (now - since),
            ));
        }
    }

    /// Restores a recovered map into the window (unsaved, with its original path).
    pub fn restore(&mut self, index: usize) {
        let Some(r) = self.recovered.get(index).cloned() else {
            return;
        };
        match io::load(&r.file) {
            Ok(j) => {
                self.doc = Document::unsaved(j);
                // Save goes back to the map the copy was made of; a map never saved before
                // gets a new file, never the recovery folder.
                self.origin = match r.source.clone() {
                    Some(p) if io::is_journey_path(&p) => io::Origin::Map(p),
                    _ => io::Origin::Derived {
                        source: r.file.clone(),
                        kind: io::SourceKind::Recovery,
                    },
                };
                // When the file moved on after these edits began, remember the older time:
                // the first save then asks before writing over the newer file.
                self.disk_stamp = match (r.source_moved_on(), r.based_on) {
                    (Some(_), Some(then)) => Some((then, 0)),
                    _ => r.source.as_deref().and_then(stamp),
                };
                self.sel = Selection::default();
                self.canvas = Canvas::default();
                // Keep a copy of our own before letting go of the old one.
                self.autosave_now();
                r.discard();
                self.recovered.remove(index);
                self.status = self
                    .lang()
                    .pick(
                        "Recovered unsaved changes",
                        "Niet-opgeslagen wijzigingen hersteld",
                    )
                    .into();
            }
            Err(e) => self.error = Some(e.to_string()),
        }
    }

    /// File → Compare with…: another file, the file as it is on disk, or closing the
    /// comparison.
    fn compare_menu(&mut self, ui: &mut Ui) {
        let lang = self.lang();
        let b = ui.button(lang.pick("Compare with…", "Vergelijken met…"));
        self.debug_widgets
            .push(("menu.file.compare".into(), b.rect));
        if b.on_hover_text(lang.pick(
            "Another version of this map: a colleague's file, an older copy, an exported picture or deck",
            "Een andere versie van deze kaart: het bestand van een collega, een oudere kopie, een geëxporteerde afbeelding of presentatie",
        ))
        .clicked()
        {
            match self.picker.open(self.origin.source()) {
                Picked::Path(p) => self.compare_with(&p, None),
                Picked::Cancelled => {}
                Picked::Unavailable(reason) => {
                    self.path_dialog = Some(PathDialog {
                        purpose: PathPurpose::Compare,
                        text: String::new(),
                        reason,
                        focused: false,
                    });
                }
            }
        }
        let on_disk = self
            .origin
            .save_path()
            .filter(|p| p.exists())
            .map(Path::to_owned);
        if ui
            .add_enabled(
                on_disk.is_some(),
                egui::Button::new(lang.pick(
                    "Compare with the file on disk",
                    "Vergelijken met het bestand op schijf",
                )),
            )
            .clicked()
            && let Some(p) = on_disk
        {
            self.compare_with_disk(&p);
        }
        if self.compare.is_some()
            && ui
                .button(lang.pick("Close comparison", "Vergelijking sluiten"))
                .clicked()
        {
            self.compare = None;
        }
    }

    /// Opens the compare view with the map in `path` (anything the editor opens); `label`
    /// says what it is when its name alone would not.
    pub fn compare_with(&mut self, path: &Path, label: Option<String>) {
        let lang = self.lang();
        match io::open(path) {
            Ok(opened) => {
                let label = label.unwrap_or_else(|| {
                    path.file_name().map_or_else(
                        || path.display().to_string(),
                        |n| n.to_string_lossy().into_owned(),
                    )
                });
                match super::compare::CompareView::new(&self.doc, opened.journey, label, lang) {
                    Ok(view) => {
                        self.status = match view.review.changes.len() {
                            0 => lang.pick("No differences", "Geen verschillen").to_owned(),
                            n => format!("{n} {}", lang.pick("differences", "verschillen")),
                        };
                        self.compare = Some(view);
                    }
                    Err(e) => self.error = Some(e),
                }
            }
            Err(e) => self.error = Some(e.to_string()),
        }
    }

    /// Compares the open map with its file as it is on disk now (a colleague's sync, another
    /// window's save).
    pub fn compare_with_disk(&mut self, path: &Path) {
        let label = self
            .lang()
            .pick("the file on disk", "het bestand op schijf")
            .to_owned();
        self.compare_with(path, Some(label));
    }

    /// The compare view's side list, its keys (F8 / Shift+F8 step through the differences)
    /// and what the canvas marks this frame.
    fn compare_ui(&mut self, ui: &mut Ui) {
        let lang = self.lang();
        if self
            .compare
            .as_ref()
            .is_some_and(|c| !c.belongs_to(&self.doc))
        {
            // Another map was opened: the comparison was of the one before.
            self.compare = None;
        }
        let Some(view) = self.compare.as_mut() else {
            self.canvas.review = None;
            return;
        };
        view.sync(&self.doc, lang);
        if !ui.ctx().text_edit_focused() {
            // Shift+F8 first: a plain F8 pattern also matches it logically.
            let (prev, next) = ui.input_mut(|i| {
                (
                    i.consume_key(Modifiers::SHIFT, Key::F8),
                    i.consume_key(Modifiers::NONE, Key::F8),
                )
            });
            if next || prev {
                view.step(!prev);
            }
        }
        let actions = egui::Panel::left("compare")
            .default_size(320.0)
            .resizable(true)
            .show(ui, |ui| view.panel(ui, &mut self.doc, lang))
            .inner;
        if actions.contains(&super::compare::CompareAction::Close) {
            self.compare = None;
            self.canvas.review = None;
            return;
        }
        self.canvas.review = Some(view.overlay());
    }

    /// What the recovery copy `i` changes against the file on disk now, in sentences.
    fn recovery_changes(&self, i: usize) -> Vec<String> {
        let Some(r) = self.recovered.get(i) else {
            return Vec::new();
        };
        let lang = self.lang();
        let (Some(source), Ok(copy)) = (r.source.as_ref(), io::load(&r.file)) else {
            return Vec::new();
        };
        match io::load(source) {
            Ok(disk) => crate::compare::diff(&disk, &copy)
                .map(|changes| {
                    changes
                        .iter()
                        .map(|c| crate::compare::describe(c, &copy, lang))
                        .collect()
                })
                .unwrap_or_default(),
            Err(e) => vec![e.to_string()],
        }
    }

    /// Shows maps recovered from a crash and the save conflict question.
    fn recovery_ui(&mut self, ctx: &egui::Context) {
        let lang = self.lang();
        if !self.recovered.is_empty() {
            let mut action = None;
            let mut compare = None;
            let mut restore_and_compare = None;
            let mut widgets = Vec::new();
            egui::Modal::new(egui::Id::unique("recovered")).show(ctx, |ui| {
                ui.heading(lang.pick("Recovered work", "Herstelde wijzigingen"));
                ui.label(lang.pick(
                    "journey-map did not close cleanly. These maps had changes that were not saved:",
                    "journey-map is niet netjes afgesloten. Deze kaarten hadden niet-opgeslagen wijzigingen:",
                ));
                for (i, r) in self.recovered.iter().enumerate() {
                    ui.separator();
                    ui.label(egui::RichText::new(&r.title).strong());
                    let from = r.source.as_ref().map_or_else(|| lang.pick("never saved", "nooit opgeslagen").to_owned(), |p| p.display().to_string());
                    ui.weak(format!("{from} — {} {}", lang.pick("last edited", "laatst bewerkt"), r.age()));
                    let moved_on = r.source_moved_on();
                    if let (Some(then), Some(began)) = (moved_on, r.based_on) {
                        // Newer work on disk: say so, with both times, before anything is restored.
                        ui.colored_label(
                            ui.visuals().warn_fg_color,
                            match lang {
                                Language::En => format!(
                                    "The file changed on disk {} ago, after these edits began ({} ago). Restoring keeps both: saving will ask before writing over the newer file.",
                                    io::recovery_ago(then),
                                    io::recovery_ago(began)
                                ),
                                Language::Nl => format!(
                                    "Het bestand is {} geleden op schijf gewijzigd, nadat deze wijzigingen begonnen ({} geleden). Herstellen bewaart beide: opslaan vraagt eerst voordat het nieuwere bestand wordt overschreven.",
                                    io::recovery_ago(then),
                                    io::recovery_ago(began)
                                ),
                            },
                        );
                    }
                    ui.horizontal(|ui| {
                        if ui.button(lang.pick("Restore", "Herstellen")).clicked() {
                            action = Some((i, true));
                        }
                        if ui.button(lang.pick("Discard", "Weggooien")).clicked() {
                            action = Some((i, false));
                        }
                        if moved_on.is_some()
                            && ui
                                .button(lang.pick("Compare with the file", "Vergelijken met het bestand"))
                                .clicked()
                        {
                            compare = Some(i);
                        }
                        let restore_compare = moved_on.is_some().then(|| {
                            ui.button(lang.pick("Restore and compare", "Herstellen en vergelijken"))
                        });
                        if let Some(b) = &restore_compare {
                            widgets.push(("recovered.restore-compare".to_owned(), b.rect));
                        }
                        if let Some(b) = restore_compare
                            && b.on_hover_text(lang.pick(
                                "Restore these edits, then step through what the newer file has and take over what you want",
                                "Deze wijzigingen herstellen, dan langs wat het nieuwere bestand heeft lopen en overnemen wat je wilt",
                            ))
                            .clicked()
                        {
                            restore_and_compare = Some(i);
                        }
                    });
                    if let Some((shown, lines)) = &self.recovery_diff
                        && *shown == i
                    {
                        egui::ScrollArea::vertical()
                            .id_salt(("recovery-diff", i))
                            .max_height(220.0)
                            .show(ui, |ui| {
                                if lines.is_empty() {
                                    ui.label(lang.pick(
                                        "The copy and the file hold the same map.",
                                        "De kopie en het bestand bevatten dezelfde kaart.",
                                    ));
                                }
                                for l in lines {
                                    ui.label(l);
                                }
                            });
                    }
                }
            });
            if let Some(i) = compare {
                self.recovery_diff = Some((i, self.recovery_changes(i)));
            }
            self.debug_widgets.extend(widgets);
            if let Some(i) = restore_and_compare {
                let source = self.recovered.get(i).and_then(|r| r.source.clone());
                self.recovery_diff = None;
                self.restore(i);
                if let Some(p) = source {
                    self.compare_with_disk(&p);
                }
            }
            if action.is_some() {
                self.recovery_diff = None;
            }
            match action {
                Some((i, true)) => self.restore(i),
                Some((i, false)) => {
                    self.recovered[i].discard();
                    self.recovered.remove(i);
                }
                None => {}
            }
        }
        if let Some(path) = self.conflict.clone() {
            // Enter takes the choice that loses nothing (Save As…), Esc cancels.
            let (enter, esc) = dialog_keys(ctx);
            let text = format!(
                "{} {}",
                path.display(),
                lang.pick(
                    "was changed by someone else since you opened it (a colleague's sync?).",
                    "is door iemand anders gewijzigd sinds je het opende (synchronisatie van een collega?).",
                )
            );
            let choices = [
                lang.pick("Overwrite", "Overschrijven"),
                lang.pick("Save As…", "Opslaan als…"),
                lang.pick(
                    "Reload from disk (lose my changes)",
                    "Opnieuw laden (mijn wijzigingen vervallen)",
                ),
                lang.pick("Compare", "Vergelijken"),
                lang.pick("Cancel", "Annuleren"),
            ];
            let heading = lang.pick(
                "The file changed on disk",
                "Het bestand is op schijf gewijzigd",
            );
            let answer = choice_dialog(
                ctx,
                "conflict",
                heading,
                &text,
                &choices,
                (enter, 1),
                (esc, 4),
            );
            if let Some(a) = answer {
                self.conflict = None;
                match a {
                    0 => {
                        self.save_over(&path);
                    }
                    1 => {
                        self.save_as();
                    }
                    2 => self.open_now(&path),
                    3 => self.compare_with_disk(&path),
                    _ => {}
                }
            }
        }
    }

    /// Whether the app has decided to close its window.
    pub fn is_closing(&self) -> bool {
        self.closing
    }

    /// Whether the "save changes?" question is showing.
    pub fn is_asking_to_save(&self) -> bool {
        self.pending.is_some()
    }

    /// The curve the canvas edits: the active persona's curve of the active variant, if any.
    pub fn active_curve(&self) -> Option<crate::model::CurveId> {
        self.active_of(crate::model::CurveKind::Emotion)
    }

    /// The dramatic arc the canvas edits: the active persona's, of the active variant.
    pub fn active_arc(&self) -> Option<crate::model::CurveId> {
        self.active_of(crate::model::CurveKind::Engagement)
    }

    /// The persona whose curves the canvas edits.
    pub fn editing_persona(&self) -> Option<crate::model::PersonaId> {
        let j = self.doc.journey();
        self.active_persona
            .clone()
            .filter(|p| j.personas.iter().any(|x| &x.id == p))
            .or_else(|| j.personas.first().map(|p| p.id.clone()))
    }

    fn active_of(&self, kind: crate::model::CurveKind) -> Option<crate::model::CurveId> {
        let j = self.doc.journey();
        let persona = self.editing_persona()?;
        let mine = || {
            j.emotion_curves
                .iter()
                .filter(|c| c.persona == persona && c.kind == kind)
        };
        let found = mine().find(|c| c.variant == self.active_variant);
        // An emotion curve of the other variant still beats editing nothing; an arc is added
        // per variant by clicking in its lane.
        match kind {
            crate::model::CurveKind::Emotion => found.or_else(|| mine().next()),
            crate::model::CurveKind::Engagement => found,
        }
        .map(|c| c.id.clone())
    }

    /// The UI language.
    pub fn lang(&self) -> Language {
        self.prefs.language.unwrap_or_default()
    }

    /// The interface one size larger, smaller, or (`None`) as the system has it; remembered.
    pub fn step_ui_scale(&mut self, ctx: &egui::Context, up: Option<bool>) {
        match up {
            Some(up) => self.prefs.step_ui_scale(up),
            None => self.prefs.ui_scale = None,
        }
        ctx.set_zoom_factor(self.prefs.ui_scale());
        self.status = format!(
            "{} {:.0} %",
            self.lang()
                .pick("Interface size", "Grootte van de interface"),
            self.prefs.ui_scale() * 100.0
        );
    }

    /// Applies the theme preference to egui.
    pub fn apply_theme(&self, ctx: &egui::Context) {
        let high = self.prefs.theme == ThemeChoice::HighContrast;
        ctx.style_mut_of(egui::Theme::Light, |s| {
            s.visuals = if high {
                high_contrast_visuals()
            } else {
                egui::Visuals::light()
            };
        });
        ctx.set_theme(match self.prefs.theme {
            ThemeChoice::System => egui::ThemePreference::System,
            ThemeChoice::Light | ThemeChoice::HighContrast => egui::ThemePreference::Light,
            ThemeChoice::Dark => egui::ThemePreference::Dark,
        });
    }

    /// The map's colours for the chosen theme.
    fn map_theme(&self, visuals: &egui::Visuals) -> Theme {
        if self.prefs.theme == ThemeChoice::HighContrast {
            Theme::high_contrast()
        } else if visuals.dark_mode {
            Theme::dark()
        } else {
            Theme::light()
        }
    }

    /// The file shown in the title ("Untitled" before the first save; a picture says it is
    /// one: "kiosk.png (PNG picture)").
    pub fn display_name(&self) -> String {
        self.origin.describe(self.lang())
    }

    /// The `.journey.ron` that Save writes to without asking, if any.
    pub fn path(&self) -> Option<&Path> {
        self.origin.save_path()
    }

    /// The window title: file name, a `*` when there are unsaved changes, and the app name.
    pub fn window_title(&self) -> String {
        let dirty = if self.doc.is_dirty() { "*" } else { "" };
        format!("{dirty}{} — journey-map", self.display_name())
    }

    /// Opens `path` now, replacing the current map. A map another journey-map has open asks
    /// first (read-only, open anyway, cancel). A failed load keeps the current map and shows
    /// the loader's message.
    pub fn open_now(&mut self, path: &Path) {
        if io::is_journey_path(path)
            && let Some(dir) = &self.lock_dir
        {
            let mine = self
                .map_lock
                .as_ref()
                .is_some_and(|l| std::fs::canonicalize(path).is_ok_and(|p| p == l.map));
            if !mine {
                match io::lock::MapLock::acquire(dir, path) {
                    Ok(lock) => {
                        self.open_unlocked(path, false);
                        if self.origin.save_path() == Some(path) {
                            self.map_lock = lock;
                        }
                    }
                    Err(io::lock::HeldElsewhere) => self.already_open = Some(path.to_owned()),
                }
                return;
            }
        }
        self.open_unlocked(path, false);
    }

    /// Opens `path` without looking at locks; `read_only` opens it as a copy that saves as a
    /// new map.
    fn open_unlocked(&mut self, path: &Path, read_only: bool) {
        let opened = match self.preload.take() {
            Some(preload) => preload.open(path),
            None => io::open(path),
        };
        match opened {
            Ok(io::Opened {
                journey,
                origin,
                warnings,
            }) => {
                let imported = matches!(
                    origin,
                    io::Origin::Derived {
                        kind: io::SourceKind::Import(_),
                        ..
                    }
                );
                let lang = self.lang();
                if imported {
                    // A new map made from the sheet: unsaved until it is saved as a map.
                    self.doc = Document::unsaved(journey);
                    let bent = match warnings.len() {
                        0 => String::new(),
                        1 => lang.pick(" (1 warning)", " (1 waarschuwing)").to_owned(),
                        n => format!(" ({n} {})", lang.pick("warnings", "waarschuwingen")),
                    };
                    self.status = format!(
                        "{} {}{bent}",
                        lang.pick("Imported", "Geïmporteerd:"),
                        path.display(),
                    );
                } else {
                    self.doc = Document::new(journey);
                    self.prefs.remember(path.to_owned());
                    self.status = format!("{} {}", lang.pick("Opened", "Geopend:"), path.display());
                }
                self.import_notes = warnings
                    .iter()
                    .map(|w| format!("{}: {}", w.place, w.message))
                    .collect();
                self.map_lock = None;
                self.origin = if read_only {
                    io::Origin::Derived {
                        source: path.to_owned(),
                        kind: io::SourceKind::ReadOnly,
                    }
                } else {
                    origin
                };
                self.disk_stamp = stamp(path);
                self.migrated_from = io::file_version(path).filter(|v| *v < io::FORMAT_VERSION);
                self.forget_recovery();
                self.sel = Selection::default();
                self.canvas = Canvas::default();
            }
            Err(e) => {
                self.error = Some(e.to_string());
            }
        }
    }

    /// Opens `path`, asking first if there are unsaved changes.
    pub fn request_open(&mut self, path: PathBuf) {
        self.guard(Pending::Open(path));
    }

    /// Runs `action` now if the map is clean, otherwise asks Save / Don't save / Cancel.
    fn guard(&mut self, action: Pending) {
        if self.doc.is_dirty()
            && !(self.origin == io::Origin::New && self.doc.undo_name().is_none())
        {
            self.pending = Some(action);
        } else {
            self.run_pending(action);
        }
    }

    fn run_pending(&mut self, action: Pending) {
        // The user has decided about the current map's changes (saved or discarded).
        if !matches!(action, Pending::OpenDialog | Pending::ImportDialog) {
            self.forget_recovery();
        }
        match action {
            Pending::Close => self.closing = true,
            Pending::Open(path) => self.open_now(&path),
            Pending::OpenDialog | Pending::ImportDialog => {
                let (picked, purpose) = if action == Pending::ImportDialog {
                    (
                        self.picker.import(self.origin.source()),
                        PathPurpose::Import,
                    )
                } else {
                    (self.picker.open(self.origin.source()), PathPurpose::Open)
                };
                match picked {
                    Picked::Path(p) => self.open_now(&p),
                    Picked::Cancelled => {}
                    Picked::Unavailable(reason) => {
                        self.path_dialog = Some(PathDialog {
                            purpose,
                            text: String::new(),
                            reason,
                            focused: false,
                        });
                    }
                }
            }
            Pending::New(t, lang) => {
                self.doc = Document::new(t.build(lang));
                self.origin = io::Origin::New;
                self.map_lock = None;
                self.sel = Selection::default();
                self.canvas = Canvas::default();
                self.status = self.lang().pick("New map", "Nieuwe kaart").into();
            }
        }
    }

    /// Saves to the `.journey.ron` the map came from, or asks for one (a new map, or one
    /// opened from a picture, which Save never overwrites). Returns whether the map was saved.
    pub fn save(&mut self) -> bool {
        match self.origin.save_path().map(Path::to_owned) {
            Some(p) => self.save_to(&p),
            None => self.save_as(),
        }
    }

    /// Asks for a path and saves there. Returns whether the map was saved now.
    pub fn save_as(&mut self) -> bool {
        let dir = std::env::current_dir().unwrap_or_default();
        let proposed = self
            .origin
            .proposed_save_path(&slug(&self.doc.journey().title), &dir);
        let name = proposed
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        match self.picker.save(Some(&proposed), &name) {
            Picked::Path(p) => self.save_to(&with_journey_extension(p)),
            Picked::Cancelled => false,
            Picked::Unavailable(reason) => {
                let reason = match &self.origin {
                    io::Origin::Derived { source, kind } => format!(
                        "{} ({}) {} {reason}",
                        source.display(),
                        kind.label(self.lang()),
                        self.lang().pick(
                            "stays as it is: the map is saved as a journey map (.journey.ron).",
                            "blijft zoals het is: de kaart wordt opgeslagen als reiskaart (.journey.ron).",
                        ),
                    ),
                    _ => reason,
                };
                let start = proposed;
                self.path_dialog = Some(PathDialog {
                    purpose: PathPurpose::SaveAs,
                    text: start.display().to_string(),
                    reason,
                    focused: false,
                });
                false
            }
        }
    }

    /// Saves to `path`. On failure the map stays dirty and the reason is shown.
    pub fn save_to(&mut self, path: &Path) -> bool {
        // Someone else (a colleague's sync) changed the file since we read it: ask first.
        if self.origin.save_path() == Some(path)
            && self.disk_stamp.is_some()
            && stamp(path) != self.disk_stamp
        {
            self.conflict = Some(path.to_owned());
            return false;
        }
        self.save_over(path)
    }

    /// Saves to `path` even if it changed on disk.
    fn save_over(&mut self, path: &Path) -> bool {
        // The first save after a migration keeps the original, which older versions can read.
        // Only ever a `.journey.ron`: a picture or deck the map came from stays as it is.
        if !io::is_journey_path(path) {
            return self.save_as();
        }
        if self.migrated_from.is_some() && self.origin.save_path() == Some(path) {
            let mut bak = path.as_os_str().to_owned();
            bak.push(".bak");
            if let Err(e) = std::fs::copy(path, &bak) {
                self.error = Some(format!(
                    "cannot keep a copy of the original as {}: {e}",
                    PathBuf::from(bak).display()
                ));
                return false;
            }
            self.migrated_from = None;
        }
        match io::save(path, self.doc.journey()) {
            Ok(()) => {
                self.doc.mark_saved();
                self.disk_stamp = stamp(path);
                self.forget_recovery();
                // Saved under a new name: that file is now ours to lock.
                let locked = self
                    .map_lock
                    .as_ref()
                    .is_some_and(|l| std::fs::canonicalize(path).is_ok_and(|p| p == l.map));
                if !locked && let Some(dir) = &self.lock_dir {
                    self.map_lock = io::lock::MapLock::acquire(dir, path).ok().flatten();
                }
                self.origin = io::Origin::Map(path.to_owned());
                self.prefs.remember(path.to_owned());
                self.status = format!(
                    "{} {}",
                    self.lang().pick("Saved", "Opgeslagen:"),
                    path.display()
                );
                true
            }
            Err(e) => {
                self.error = Some(e.to_string());
                false
            }
        }
    }

    fn copy(&mut self, ctx: &egui::Context) {
        let j = self.doc.journey();
        let cards: Vec<Card> = self
            .sel
            .cards_in_order(j)
            .iter()
            .filter_map(|id| j.card(id).cloned())
            .collect();
        if cards.is_empty() {
            return;
        }
        self.last_copied = cards_to_clipboard(&cards);
        ctx.copy_text(self.last_copied.clone());
        self.status = format!(
            "{} {}",
            cards.len(),
            self.lang().pick("card(s) copied", "kaart(en) gekopieerd")
        );
    }

    /// Pastes cards from clipboard text; into `target` if given, else where they came from.
    pub fn paste(&mut self, text: &str, target: Option<(LaneId, Slot)>) {
        let Some(cards) = cards_from_clipboard(text) else {
            self.status = self
                .lang()
                .pick(
                    "Nothing to paste: the clipboard holds no cards",
                    "Niets te plakken: geen kaarten op het klembord",
                )
                .into();
            return;
        };
        let target = target.or_else(|| self.selected_cell());
        let mut cards = cards;
        if let Some((lane, at)) = &target {
            for c in &mut cards {
                c.lane = lane.clone();
                c.at = at.clone();
            }
        }
        let copies = copies_for(
            self.doc.journey(),
            &cards,
            target.or_else(|| self.first_cell()),
        );
        self.add_copies(copies);
    }

    fn duplicate(&mut self) {
        let j = self.doc.journey();
        let cards: Vec<Card> = self
            .sel
            .cards_in_order(j)
            .iter()
            .filter_map(|id| j.card(id).cloned())
            .collect();
        let copies = copies_for(j, &cards, None);
        self.add_copies(copies);
    }

    fn add_copies(&mut self, copies: Vec<Card>) {
        if copies.is_empty() {
            return;
        }
        let ids = copies.iter().map(|c| c.id.clone()).collect();
        match self.doc.apply(Edit::AddCards(copies)) {
            Ok(()) => {
                self.sel = Selection {
                    cards: ids,
                    ..Selection::default()
                };
            }
            Err(e) => self.status = e.to_string(),
        }
    }

    fn delete_selection(&mut self) {
        if self.sel.cards.is_empty() {
            return;
        }
        let ids = std::mem::take(&mut self.sel.cards);
        if let Err(e) = self.doc.apply(Edit::DeleteCards(ids)) {
            self.status = e.to_string();
        }
    }

    fn selected_cell(&self) -> Option<(LaneId, Slot)> {
        let j = self.doc.journey();
        let card = self.sel.cards.first().and_then(|id| j.card(id))?;
        Some((card.lane.clone(), card.at.clone()))
    }

    fn first_cell(&self) -> Option<(LaneId, Slot)> {
        let j = self.doc.journey();
        let lane = j.lanes.iter().find(|l| !l.kind.is_curve())?;
        Some((lane.id.clone(), j.columns().first()?.clone()))
    }

    /// Moves the selected cards one cell left, right, up or down.
    fn nudge(&mut self, dx: i32, dy: i32) {
        let j = self.doc.journey();
        let ids = self.sel.cards_in_order(j);
        let Some(first) = ids.first().and_then(|id| j.card(id)) else {
            return;
        };
        let columns = j.columns();
        let Some(col) = j.column_of(&first.at) else {
            return;
        };
        let lanes: Vec<_> = j
            .lanes
            .iter()
            .filter(|l| l.visible && !l.kind.is_curve())
            .collect();
        let Some(row) = lanes.iter().position(|l| l.id == first.lane) else {
            return;
        };
        let col = (col as i32 + dx).clamp(0, columns.len() as i32 - 1) as usize;
        let row = (row as i32 + dy).clamp(0, lanes.len() as i32 - 1) as usize;
        let edit = Edit::MoveCards {
            ids,
            lane: lanes[row].id.clone(),
            at: columns[col].clone(),
            before: None,
        };
        if let Err(e) = self.doc.apply(edit) {
            self.status = e.to_string();
        }
    }

    fn undo(&mut self) {
        if let Some(name) = self.doc.undo() {
            self.status = format!("{} {name}", self.lang().pick("Undid", "Ongedaan gemaakt:"));
        }
    }

    fn redo(&mut self) {
        if let Some(name) = self.doc.redo() {
            self.status = format!("{} {name}", self.lang().pick("Redid", "Opnieuw:"));
        }
    }

    fn shortcuts(&mut self, ctx: &egui::Context) {
        // Typing into a field takes the keys; a focused card or button does not (Delete,
        // Ctrl+Z and Alt+arrows still act on the map).
        let typing = ctx.text_edit_focused() || self.canvas.is_editing();
        let cmd = Modifiers::COMMAND;
        let cmd_shift = Modifiers::COMMAND | Modifiers::SHIFT;
        let pressed = |m: Modifiers, k: Key| {
            ctx.input_mut(|i| i.consume_shortcut(&KeyboardShortcut::new(m, k)))
        };
        // Shift variants first: Ctrl+Shift+S also matches Ctrl+S logically.
        if pressed(cmd_shift, Key::S) {
            self.save_as();
        }
        if pressed(cmd, Key::S) {
            self.save();
        }
        if pressed(cmd, Key::O) {
            self.guard(Pending::OpenDialog);
        }
        if pressed(cmd, Key::N) {
            self.new_dialog = Some(NewDialog {
                template: Template::Blank,
                lang: self.lang(),
            });
        }
        if pressed(cmd, Key::Q) {
            self.guard(Pending::Close);
        }
        if pressed(cmd, Key::E) {
            self.open_export_dialog();
        }
        if pressed(cmd_shift, Key::C) {
            self.copy_map_image(ctx);
        }
        // Interface size: Ctrl+Alt with +, − and 0 (Ctrl alone zooms the map).
        let cmd_alt = Modifiers::COMMAND | Modifiers::ALT;
        if pressed(cmd_alt, Key::Equals) || pressed(cmd_alt, Key::Plus) {
            self.step_ui_scale(ctx, Some(true));
        }
        if pressed(cmd_alt, Key::Minus) {
            self.step_ui_scale(ctx, Some(false));
        }
        if pressed(cmd_alt, Key::Num0) {
            self.step_ui_scale(ctx, None);
        }
        if pressed(cmd, Key::Num0) {
            self.canvas.fit_pending = true;
        }
        if pressed(cmd, Key::Num1) {
            self.canvas.zoom = 1.0;
        }
        if typing {
            return;
        }
        if pressed(cmd_shift, Key::Z) || pressed(cmd, Key::Y) {
            self.redo();
        }
        if pressed(cmd, Key::Z) {
            self.undo();
        }
        if pressed(cmd, Key::D) {
            self.duplicate();
        }
        if pressed(cmd, Key::A) {
            self.sel = Selection {
                cards: self
                    .doc
                    .journey()
                    .cards
                    .iter()
                    .map(|c| c.id.clone())
                    .collect(),
                ..Selection::default()
            };
        }
        for (key, dx, dy) in [
            (Key::ArrowLeft, -1, 0),
            (Key::ArrowRight, 1, 0),
            (Key::ArrowUp, 0, -1),
            (Key::ArrowDown, 0, 1),
        ] {
            if pressed(Modifiers::ALT, key) {
                self.nudge(dx, dy);
            }
        }
        if pressed(Modifiers::NONE, Key::Delete) || pressed(Modifiers::NONE, Key::Backspace) {
            // From the keyboard, the card it is on when nothing is selected.
            if self.sel.cards.is_empty()
                && let Some(card) = self.canvas.keyboard_card(ctx)
            {
                self.sel = Selection::card(card);
            }
            self.delete_selection();
        }
        if pressed(Modifiers::NONE, Key::F2)
            && let Some(card) = self
                .sel
                .cards
                .first()
                .and_then(|id| self.doc.journey().card(id))
                .cloned()
        {
            self.canvas.edit_title(card.id, &card.title);
        }
        // Copy, cut and paste arrive as events (the platform turns Ctrl+C/X/V into them).
        let events = ctx.input(|i| i.events.clone());
        for event in events {
            match event {
                egui::Event::Copy => self.copy(ctx),
                egui::Event::Cut => {
                    self.copy(ctx);
                    self.delete_selection();
                }
                egui::Event::Paste(text) => self.paste(&text, None),
                egui::Event::PasteImage(image) => self.paste_image(&image),
                _ => {}
            }
        }
    }

    fn menu_bar(&mut self, ui: &mut Ui) {
        let lang = self.lang();
        egui::MenuBar::new().ui(ui, |ui| {
            let file_menu = ui.menu_button(lang.pick("File", "Bestand"), |ui| {
                if ui
                    .add(egui::Button::new(lang.pick("New…", "Nieuw…")).shortcut_text("Ctrl+N"))
                    .clicked()
                {
                    self.new_dialog = Some(NewDialog {
                        template: Template::Blank,
                        lang,
                    });
                }
                if ui
                    .add(egui::Button::new(lang.pick("Open…", "Openen…")).shortcut_text("Ctrl+O"))
                    .clicked()
                {
                    self.guard(Pending::OpenDialog);
                }
                let import = ui.button(lang.pick("Import…", "Importeren…"));
                self.debug_widgets
                    .push(("menu.file.import".into(), import.rect));
                if import
                    .on_hover_text(lang.pick(
                        "A spreadsheet (CSV, Excel, LibreOffice) or a mermaid journey, as a new map",
                        "Een rekenblad (CSV, Excel, LibreOffice) of een mermaid-journey, als nieuwe kaart",
                    ))
                    .clicked()
                {
                    self.guard(Pending::ImportDialog);
                }
                ui.menu_button(lang.pick("Open Recent", "Recent geopend"), |ui| {
                    if self.prefs.recent.is_empty() {
                        ui.weak(lang.pick("No recent maps", "Geen recente kaarten"));
                    }
                    for p in self.prefs.recent.clone() {
                        if ui.button(p.display().to_string()).clicked() {
                            self.guard(Pending::Open(p));
                        }
                    }
                });
                ui.separator();
                if ui
                    .add(egui::Button::new(lang.pick("Save", "Opslaan")).shortcut_text("Ctrl+S"))
                    .clicked()
                {
                    self.save();
                }
                if ui
                    .add(
                        egui::Button::new(lang.pick("Save As…", "Opslaan als…"))
                            .shortcut_text("Ctrl+Shift+S"),
                    )
                    .clicked()
                {
                    self.save_as();
                }
                let export = ui.add(
                    egui::Button::new(lang.pick("Export…", "Exporteren…")).shortcut_text("Ctrl+E"),
                );
                self.debug_widgets
                    .push(("menu.file.export".into(), export.rect));
                if export.clicked() {
                    self.open_export_dialog();
                }
                ui.separator();
                self.compare_menu(ui);
                ui.separator();
                if ui
                    .add(egui::Button::new(lang.pick("Quit", "Afsluiten")).shortcut_text("Ctrl+Q"))
                    .clicked()
                {
                    self.guard(Pending::Close);
                }
            });
            self.debug_widgets
                .push(("menu.file".into(), file_menu.response.rect));
            ui.menu_button(lang.pick("Edit", "Bewerken"), |ui| {
                // "Undo move card" / "Redo move card": the menu names the step.
                let undo_redo = [
                    (
                        lang.pick("Undo", "Ongedaan maken"),
                        self.doc.undo_name(),
                        "Ctrl+Z",
                        true,
                    ),
                    (
                        lang.pick("Redo", "Opnieuw"),
                        self.doc.redo_name(),
                        "Ctrl+Shift+Z",
                        false,
                    ),
                ];
                for (verb, name, keys, is_undo) in undo_redo {
                    let sep = lang.pick(" ", ": ");
                    let label = name.map_or_else(|| verb.to_owned(), |n| format!("{verb}{sep}{n}"));
                    let button = egui::Button::new(label).shortcut_text(keys);
                    if ui.add_enabled(name.is_some(), button).clicked() {
                        if is_undo {
                            self.undo();
                        } else {
                            self.redo();
                        }
                    }
                }
                ui.separator();
                let has = !self.sel.cards.is_empty();
                if ui
                    .add_enabled(
                        has,
                        egui::Button::new(lang.pick("Cut", "Knippen")).shortcut_text("Ctrl+X"),
                    )
                    .clicked()
                {
                    self.copy(ui.ctx());
                    self.delete_selection();
                }
                if ui
                    .add_enabled(
                        has,
                        egui::Button::new(lang.pick("Copy", "Kopiëren")).shortcut_text("Ctrl+C"),
                    )
                    .clicked()
                {
                    self.copy(ui.ctx());
                }
                if ui
                    .add(
                        egui::Button::new(
                            lang.pick("Copy map as image", "Kaart kopiëren als afbeelding"),
                        )
                        .shortcut_text("Ctrl+Shift+C"),
                    )
                    .clicked()
                {
                    self.copy_map_image(ui.ctx());
                }
                if ui
                    .add(egui::Button::new(lang.pick("Paste", "Plakken")).shortcut_text("Ctrl+V"))
                    .clicked()
                {
                    let text = self.last_copied.clone();
                    self.paste(&text, None);
                }
                if ui
                    .add_enabled(
                        has,
                        egui::Button::new(lang.pick("Duplicate", "Dupliceren"))
                            .shortcut_text("Ctrl+D"),
                    )
                    .clicked()
                {
                    self.duplicate();
                }
                if ui
                    .add_enabled(
                        has,
                        egui::Button::new(lang.pick("Delete", "Verwijderen")).shortcut_text("Del"),
                    )
                    .clicked()
                {
                    self.delete_selection();
                }
            });
            ui.menu_button(lang.pick("Insert", "Invoegen"), |ui| {
                if ui.button(lang.pick("Phase", "Fase")).clicked() {
                    let n = self.doc.journey().phases.len();
                    add_phase(&mut self.doc, &mut self.sel, n, lang);
                }
                ui.menu_button(lang.pick("Lane", "Rij"), |ui| {
                    for kind in LaneKind::ALL {
                        if ui.button(kind.label(lang)).clicked() {
                            let n = self.doc.journey().lanes.len();
                            add_lane(&mut self.doc, &mut self.sel, kind, n, lang);
                        }
                    }
                });
            });
            ui.menu_button(lang.pick("View", "Beeld"), |ui| {
                if ui
                    .add(
                        egui::Button::new(lang.pick("Zoom to fit", "Passend maken"))
                            .shortcut_text("Ctrl+0"),
                    )
                    .clicked()
                {
                    self.canvas.fit_pending = true;
                }
                if ui
                    .add(egui::Button::new("100 %").shortcut_text("Ctrl+1"))
                    .clicked()
                {
                    self.canvas.zoom = 1.0;
                }
                ui.separator();
                ui.menu_button(lang.pick("Interface size", "Grootte van de interface"), |ui| {
                    for (label, keys, up) in [
                        (lang.pick("Larger", "Groter"), "Ctrl+Alt+=", Some(true)),
                        (lang.pick("Smaller", "Kleiner"), "Ctrl+Alt+−", Some(false)),
                        (lang.pick("As the system", "Zoals het systeem"), "Ctrl+Alt+0", None),
                    ] {
                        if ui.add(egui::Button::new(label).shortcut_text(keys)).clicked() {
                            self.step_ui_scale(ui.ctx(), up);
                        }
                    }
                    ui.weak(format!("{:.0} %", self.prefs.ui_scale() * 100.0));
                });
                ui.separator();
                for (choice, label) in [
                    (
                        ThemeChoice::System,
                        lang.pick("System theme", "Systeemthema"),
                    ),
                    (ThemeChoice::Light, lang.pick("Light", "Licht")),
                    (ThemeChoice::Dark, lang.pick("Dark", "Donker")),
                    (
                        ThemeChoice::HighContrast,
                        lang.pick("High contrast", "Hoog contrast"),
                    ),
                ] {
                    if ui.radio(self.prefs.theme == choice, label).clicked() {
                        self.prefs.theme = choice;
                        self.apply_theme(ui.ctx());
                    }
                }
                ui.separator();
                for (l, label) in [(Language::En, "English"), (Language::Nl, "Nederlands")] {
                    if ui.radio(lang == l, label).clicked() {
                        self.prefs.language = Some(l);
                    }
                }
            });
            ui.menu_button(lang.pick("Help", "Help"), |ui| {
                if ui
                    .button(lang.pick("About journey-map", "Over journey-map"))
                    .clicked()
                {
                    self.about_open = true;
                }
            });
        });
    }

    /// Edit → Copy map as image: the whole map as a 1920×1080 slide picture on the system
    /// clipboard, to paste into a deck or a mail.
    pub fn copy_map_image(&mut self, ctx: &egui::Context) {
        let lang = self.lang();
        let opts = crate::io::export::ExportOptions::default();
        match crate::io::export::render(self.doc.journey(), &opts) {
            Ok(pixmap) => {
                let (w, h) = (pixmap.width, pixmap.height);
                let image = egui::ColorImage::from_rgba_unmultiplied([w, h], &pixmap.to_rgba8());
                ctx.copy_image(image);
                self.status = match lang {
                    Language::En => {
                        format!("Copied the map as a {w}×{h} picture: paste it into a slide")
                    }
                    Language::Nl => {
                        format!("Kaart gekopieerd als afbeelding van {w}×{h}: plak hem in een dia")
                    }
                };
            }
            Err(e) => self.error = Some(e.to_string()),
        }
    }

    /// Opens File → Export with a file name beside the map.
    pub fn open_export_dialog(&mut self) {
        self.export_dialog = Some(ExportDialog::new(
            self.origin.source(),
            &self.doc.journey().title,
        ));
    }

    /// Whether an export is still being written.
    pub fn is_exporting(&self) -> bool {
        self.running_export.is_some()
    }

    /// Shows the export dialog, the progress of a running export and its result.
    fn export_ui(&mut self, ctx: &egui::Context) {
        let lang = self.lang();
        if let Some(mut d) = self.export_dialog.take() {
            if let Some(rect) = d.export_button {
                self.debug_widgets.push(("export.button".into(), rect));
            }
            let (enter, esc) = dialog_keys(ctx);
            let answer = egui::Modal::new(egui::Id::unique("export"))
                .show(ctx, |ui| d.ui(ui, lang, self.doc.journey()))
                .inner
                .or(enter.then_some(true))
                .or(esc.then_some(false));
            match answer {
                Some(true) => {
                    let target = PathBuf::from(d.path.trim());
                    self.running_export = Some(RunningExport::start(
                        self.doc.journey().clone(),
                        target,
                        d.options(),
                        d.pages_auto && d.preset.is_some(),
                    ));
                    self.status = lang.pick("Exporting…", "Bezig met exporteren…").into();
                }
                Some(false) => {}
                None => self.export_dialog = Some(d),
            }
        }
        if let Some(running) = &self.running_export {
            match running.poll() {
                None => {
                    egui::Modal::new(egui::Id::unique("exporting")).show(ctx, |ui| {
                        ui.horizontal(|ui| {
                            ui.spinner();
                            ui.label(format!(
                                "{} {}",
                                lang.pick("Exporting to", "Exporteren naar"),
                                running.target.display()
                            ));
                        });
                    });
                    ctx.request_repaint_after(std::time::Duration::from_millis(50));
                }
                Some(Ok(path)) => {
                    self.status = format!(
                        "{} {}",
                        lang.pick("Exported to", "Geëxporteerd naar"),
                        path.display()
                    );
                    self.last_export = Some(path);
                    self.running_export = None;
                }
                Some(Err(e)) => {
                    self.error = Some(e);
                    self.running_export = None;
                }
            }
        }
    }

    /// Which persona's curve the canvas edits, as-is or to-be.
    fn curve_bar(&mut self, ui: &mut Ui) {
        let lang = self.lang();
        let j = self.doc.journey().without_cards();
        if j.personas.is_empty() {
            return;
        }
        ui.horizontal(|ui| {
            let label = ui.label(lang.pick("Emotion curve of", "Emotiecurve van"));
            let Some(active) = self.editing_persona() else {
                return;
            };
            let name = j
                .personas
                .iter()
                .find(|p| p.id == active)
                .map(|p| p.name.clone())
                .unwrap_or_default();
            egui::ComboBox::from_id_salt("active-persona")
                .selected_text(name)
                .show_ui(ui, |ui| {
                    for p in &j.personas {
                        if ui.selectable_label(p.id == active, &p.name).clicked() {
                            self.active_persona = Some(p.id.clone());
                        }
                    }
                })
                .response
                .labelled_by(label.id);
            use crate::model::CurveVariant;
            for (v, text) in [
                (CurveVariant::AsIs, lang.pick("as-is", "huidig")),
                (CurveVariant::ToBe, lang.pick("to-be", "gewenst")),
            ] {
                if ui.radio(self.active_variant == v, text).clicked() {
                    self.active_variant = v;
                }
            }
            let emotion = || {
                j.emotion_curves
                    .iter()
                    .filter(|c| c.kind == crate::model::CurveKind::Emotion)
            };
            let has = emotion().any(|c| c.persona == active && c.variant == self.active_variant);
            if !has
                && ui
                    .button(lang.pick("Add this curve", "Deze curve toevoegen"))
                    .clicked()
            {
                let template = emotion().find(|c| c.persona == active).or(emotion().next());
                let curve = crate::model::EmotionCurve {
                    id: crate::model::CurveId(crate::model::fresh_id(
                        crate::model::CurveId::PREFIX,
                        j.emotion_curves.iter().map(|c| c.id.as_str()),
                    )),
                    persona: active.clone(),
                    variant: self.active_variant,
                    kind: crate::model::CurveKind::Emotion,
                    scale: template
                        .map(|c| c.scale.clone())
                        .unwrap_or_else(|| crate::templates::default_scale(j.language)),
                    // Start from the persona's other curve, so "to-be" begins as today's journey.
                    points: template
                        .filter(|c| c.persona == active)
                        .map(|c| c.points.clone())
                        .unwrap_or_default(),
                    evidence: false,
                };
                if let Err(e) = self.doc.apply(Edit::AddCurve(curve)) {
                    self.status = e.to_string();
                }
            }
            let current = emotion()
                .find(|c| c.persona == active && c.variant == self.active_variant)
                .cloned();
            if let Some(curve) = current {
                let mut on = curve.evidence;
                if ui
                    .checkbox(&mut on, lang.pick("Evidence curve", "Bewijscurve"))
                    .on_hover_text(lang.pick(
                        "The feelings the research gives: the sentiments of the thought, pain-point \
                         and opportunity cards per column, weighted by their evidence. An orange mark \
                         where your curve is a level or more away.",
                        "Het gevoel volgens het onderzoek: het sentiment van de denk-, pijnpunt- en \
                         kansenkaarten per kolom, gewogen naar onderbouwing. Een oranje markering \
                         waar je curve een niveau of meer afwijkt.",
                    ))
                    .changed()
                {
                    let mut c = curve;
                    c.evidence = on;
                    if let Err(e) = self.doc.apply(Edit::UpdateCurve(c)) {
                        self.status = e.to_string();
                    }
                }
            }
        });
    }

    fn dialogs(&mut self, ctx: &egui::Context) {
        let lang = self.lang();
        if self.about_open {
            super::about::show(ctx, &mut self.about_open, lang, &self.renderer);
        }
        if !self.import_notes.is_empty() {
            let mut open = true;
            egui::Window::new(lang.pick("Import warnings", "Waarschuwingen bij importeren"))
                .open(&mut open)
                .default_width(420.0)
                .show(ctx, |ui| {
                    ui.label(lang.pick(
                        "The map was imported; these parts had to be changed:",
                        "De kaart is geïmporteerd; deze delen zijn aangepast:",
                    ));
                    egui::ScrollArea::vertical()
                        .max_height(300.0)
                        .show(ui, |ui| {
                            for note in &self.import_notes {
                                ui.label(io::words::in_language(note, lang));
                            }
                        });
                });
            if !open {
                self.import_notes.clear();
            }
        }
        if let Some(pending) = self.pending.clone() {
            let name = self.display_name();
            // Enter saves (nothing lost), Esc cancels.
            let (enter, esc) = dialog_keys(ctx);
            let mut answer = enter.then_some(1).or(esc.then_some(0));
            egui::Modal::new(egui::Id::unique("unsaved")).show(ctx, |ui| {
                ui.heading(lang.pick("Save changes?", "Wijzigingen opslaan?"));
                ui.label(format!(
                    "{} “{name}” {}",
                    lang.pick("The map", "De kaart"),
                    lang.pick(
                        "has unsaved changes. Save them first?",
                        "heeft niet-opgeslagen wijzigingen. Eerst opslaan?"
                    )
                ));
                ui.horizontal(|ui| {
                    if ui.button(lang.pick("Save", "Opslaan")).clicked() {
                        answer = Some(1);
                    }
                    if ui.button(lang.pick("Don't save", "Niet opslaan")).clicked() {
                        answer = Some(2);
                    }
                    if ui.button(lang.pick("Cancel", "Annuleren")).clicked() {
                        answer = Some(0);
                    }
                });
            });
            match answer {
                Some(1) => {
                    self.pending = None;
                    if self.save() {
                        self.run_pending(pending);
                    }
                }
                Some(2) => {
                    self.pending = None;
                    self.run_pending(pending);
                }
                Some(_) => self.pending = None,
                None => {}
            }
        }
        if let Some(mut d) = self.path_dialog.clone() {
            // Enter is the field's own (it confirms below); Esc cancels.
            let esc = ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape));
            let mut done = esc.then_some(false);
            egui::Modal::new(egui::Id::unique("path")).show(ctx, |ui| {
                ui.heading(match d.purpose {
                    PathPurpose::Open => lang.pick("Open map", "Kaart openen"),
                    PathPurpose::Import => lang.pick(
                        "Import a spreadsheet or mermaid journey",
                        "Rekenblad of mermaid-journey importeren",
                    ),
                    PathPurpose::SaveAs => lang.pick("Save map as", "Kaart opslaan als"),
                    PathPurpose::Photo(_) => lang.pick("Choose a photo", "Foto kiezen"),
                    PathPurpose::CardImage(_) => lang.pick("Choose a picture", "Afbeelding kiezen"),
                    PathPurpose::Compare => {
                        lang.pick("Compare with a file", "Vergelijken met een bestand")
                    }
                });
                let reason = ui.label(&d.reason);
                let r = ui
                    .add(
                        egui::TextEdit::singleline(&mut d.text)
                            .id_salt("path-field")
                            .desired_width(460.0)
                            .hint_text("/home/me/maps/client.journey.ron"),
                    )
                    .labelled_by(reason.id);
                self.debug_widgets.push(("path.field".into(), r.rect));
                if !d.focused {
                    // Typing goes straight into the field, as in any file dialog.
                    r.request_focus();
                    d.focused = true;
                }
                let enter = r.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
                ui.horizontal(|ui| {
                    let ok = ui.button(lang.pick("OK", "OK"));
                    self.debug_widgets.push(("path.ok".into(), ok.rect));
                    if ok.clicked() || enter {
                        done = Some(true);
                    }
                    if ui.button(lang.pick("Cancel", "Annuleren")).clicked() {
                        done = Some(false);
                    }
                });
            });
            match done {
                Some(true) => {
                    self.path_dialog = None;
                    let path = PathBuf::from(d.text.trim());
                    match d.purpose {
                        PathPurpose::Photo(persona) => self.set_photo(&persona, &path),
                        PathPurpose::CardImage(card) => self.set_card_image(&card, &path),
                        PathPurpose::Open | PathPurpose::Import => self.open_now(&path),
                        PathPurpose::Compare => self.compare_with(&path, None),
                        PathPurpose::SaveAs => {
                            let path = with_journey_extension(path);
                            if self.save_to(&path)
                                && let Some(p) = self.pending.take()
                            {
                                self.run_pending(p);
                            }
                        }
                    }
                }
                Some(false) => self.path_dialog = None,
                None => self.path_dialog = Some(d),
            }
        }
        if let Some(mut d) = self.new_dialog.clone() {
            let (enter, esc) = dialog_keys(ctx);
            let mut done = enter.then_some(true).or(esc.then_some(false));
            egui::Modal::new(egui::Id::unique("new")).show(ctx, |ui| {
                ui.heading(lang.pick("New map", "Nieuwe kaart"));
                for t in Template::ALL {
                    ui.radio_value(&mut d.template, t, t.describe(lang));
                }
                ui.separator();
                ui.horizontal(|ui| {
                    ui.label(lang.pick("Language of the map:", "Taal van de kaart:"));
                    ui.radio_value(&mut d.lang, Language::En, "English");
                    ui.radio_value(&mut d.lang, Language::Nl, "Nederlands");
                });
                ui.horizontal(|ui| {
                    if ui.button(lang.pick("Create", "Maken")).clicked() {
                        done = Some(true);
                    }
                    if ui.button(lang.pick("Cancel", "Annuleren")).clicked() {
                        done = Some(false);
                    }
                });
            });
            match done {
                Some(true) => {
                    self.new_dialog = None;
                    self.guard(Pending::New(d.template, d.lang));
                }
                Some(false) => self.new_dialog = None,
                None => self.new_dialog = Some(d),
            }
        }
        if let Some(path) = self.already_open.clone() {
            // Enter: read-only, which loses nothing; Esc: cancel.
            let (enter, esc) = dialog_keys(ctx);
            let text = format!(
                "“{}” {}",
                path.display(),
                lang.pick(
                    "is open in another journey-map window. Two windows saving one file would write over each other's work.",
                    "is geopend in een ander journey-map-venster. Twee vensters die één bestand opslaan, schrijven over elkaars werk heen.",
                )
            );
            let choices = [
                lang.pick(
                    "Open read-only (save as a new map)",
                    "Alleen lezen (opslaan als nieuwe kaart)",
                ),
                lang.pick("Open anyway", "Toch openen"),
                lang.pick("Cancel", "Annuleren"),
            ];
            let heading = lang.pick("Already open", "Al geopend");
            let answer = choice_dialog(
                ctx,
                "already-open",
                heading,
                &text,
                &choices,
                (enter, 0),
                (esc, 2),
            );
            if let Some(a) = answer {
                self.already_open = None;
                match a {
                    0 => self.open_unlocked(&path, true),
                    // The second save meets the changed-on-disk question if the other saved.
                    1 => self.open_unlocked(&path, false),
                    _ => {}
                }
            }
        }
        if let Some(msg) = self.error.clone() {
            // The readers speak English; the user reads their own language.
            let msg = io::words::in_language(&msg, lang);
            let (enter, esc) = dialog_keys(ctx);
            if enter || esc {
                self.error = None;
            }
            egui::Modal::new(egui::Id::unique("error")).show(ctx, |ui| {
                ui.heading(lang.pick("Something went wrong", "Er ging iets mis"));
                ui.label(egui::RichText::new(&msg).monospace());
                ui.label(lang.pick(
                    "Nothing was changed on disk.",
                    "Er is niets op schijf gewijzigd.",
                ));
                if ui.button("OK").clicked() {
                    self.error = None;
                }
            });
        }
    }
}

/// A question with a row of answers: the index of the one clicked, or of the one Enter
/// (`enter.1`) or Esc (`esc.1`) stands for when that key was pressed (`.0`).
fn choice_dialog(
    ctx: &egui::Context,
    id: &str,
    heading: &str,
    text: &str,
    choices: &[&str],
    enter: (bool, usize),
    esc: (bool, usize),
) -> Option<usize> {
    let mut answer = enter.0.then_some(enter.1).or(esc.0.then_some(esc.1));
    egui::Modal::new(egui::Id::unique(id)).show(ctx, |ui| {
        ui.heading(heading);
        ui.label(text);
        ui.horizontal(|ui| {
            for (i, label) in choices.iter().enumerate() {
                if ui.button(*label).clicked() {
                    answer = Some(i);
                }
            }
        });
    });
    answer
}

/// Enter and Esc pressed for the dialog on top (taken, so nothing behind it acts on them).
fn dialog_keys(ctx: &egui::Context) -> (bool, bool) {
    ctx.input_mut(|i| {
        (
            i.consume_key(Modifiers::NONE, Key::Enter),
            i.consume_key(Modifiers::NONE, Key::Escape),
        )
    })
}

/// A file-name-friendly version of a title.
fn slug(title: &str) -> String {
    let s: String = title
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let s = s
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if s.is_empty() { "journey".into() } else { s }
}

impl eframe::App for App {
    fn logic(&mut self, _ctx: &egui::Context, _frame: &mut eframe::Frame) {
        // The start-up benchmark ends when the first frame with the map is on screen, not after
        // tearing the window down (the baseline window, benches/support, exits the same way).
        if self.first_frame_shown {
            std::process::exit(0);
        }
    }

    fn clear_color(&self, visuals: &egui::Visuals) -> [f32; 4] {
        // The canvas's surround is the window's clear colour rather than a filled rectangle: a
        // clear costs next to nothing, while a full-window fill is the most expensive thing a
        // software renderer (a VM, a remote desktop, Mesa's llvmpipe) draws.
        self.map_theme(visuals).surround().to_normalized_gamma_f32()
    }

    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.debug_widgets.clear();
        if !self.ui_scale_applied {
            // The interface size is ours to set (View → Interface size, remembered); egui's
            // own Ctrl+0 would also reset it when the map is fitted.
            ctx.options_mut(|o| o.zoom_with_keyboard = false);
            ctx.set_zoom_factor(self.prefs.ui_scale());
            self.ui_scale_applied = true;
        }
        if !self.fonts_installed {
            // The icon font; the painter draws dots until it is in (from the next frame).
            ctx.set_fonts(crate::paint::font_definitions());
            self.fonts_installed = true;
            ctx.request_repaint();
        }
        // Files dropped on the window.
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_owned())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if let Some(p) = dropped.into_iter().next() {
            let picture = p.extension().is_some_and(|e| {
                ["png", "jpg", "jpeg", "webp"]
                    .contains(&e.to_string_lossy().to_lowercase().as_str())
            });
            // A picture exported by journey-map carries its map: it opens. Any other picture
            // becomes an image card where it was dropped.
            let is_map = picture && io::open(&p).is_ok();
            if picture && !is_map {
                let pos = ctx.input(|i| i.pointer.hover_pos().or(i.pointer.latest_pos()));
                self.drop_image(&p, pos);
            } else {
                self.request_open(p);
            }
        }
        if ctx.input(|i| i.viewport().close_requested()) && !self.closing {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.guard(Pending::Close);
        }
        if self.pending.is_none()
            && self.path_dialog.is_none()
            && self.new_dialog.is_none()
            && self.error.is_none()
            && self.export_dialog.is_none()
            && self.running_export.is_none()
            && self.recovered.is_empty()
            && self.conflict.is_none()
            && self.already_open.is_none()
        {
            self.shortcuts(&ctx);
        }
        egui::Panel::top("menu").show(ui, |ui| {
            self.menu_bar(ui);
            self.curve_bar(ui);
        });
        let lang = self.lang();
        egui::Panel::bottom("status").show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.label(&self.status);
                if let Some(path) = self.last_export.clone()
                    && ui
                        .small_button(lang.pick("Open folder", "Map openen"))
                        .clicked()
                    && let Err(e) = open_folder(&path)
                {
                    self.status = e;
                }
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    ui.label(format!("{:.0} %", self.canvas.zoom * 100.0));
                    if self.doc.is_dirty() {
                        ui.label(lang.pick("Unsaved changes", "Niet opgeslagen"));
                    }
                });
            });
        });
        self.compare_ui(ui);
        let inspector_actions = egui::Panel::right("inspector")
            .default_size(300.0)
            .resizable(true)
            .show(ui, |ui| {
                self.inspector.ui(ui, &mut self.doc, &mut self.sel, lang)
            })
            .inner;
        self.debug_widgets
            .extend(self.inspector.debug_rects.iter().cloned());
        for action in inspector_actions {
            match action {
                InspectorAction::PickPhoto(persona) => match self.picker.open_image() {
                    Picked::Path(path) => self.set_photo(&persona, &path),
                    Picked::Cancelled => {}
                    Picked::Unavailable(reason) => {
                        self.path_dialog = Some(PathDialog {
                            purpose: PathPurpose::Photo(persona),
                            text: String::new(),
                            reason,
                            focused: false,
                        });
                    }
                },
                InspectorAction::PickCardImage(card) => match self.picker.open_image() {
                    Picked::Path(path) => self.set_card_image(&card, &path),
                    Picked::Cancelled => {}
                    Picked::Unavailable(reason) => {
                        self.path_dialog = Some(PathDialog {
                            purpose: PathPurpose::CardImage(card),
                            text: String::new(),
                            reason,
                            focused: false,
                        });
                    }
                },
            }
        }
        let opts = PaintOptions {
            theme: self.map_theme(ui.visuals()),
            // The map speaks its own language on screen, as it will on the slide.
            lang: self.doc.journey().language,
            active_curve: self.active_curve(),
            active_arc: self.active_arc(),
            photos: self.photo_textures(&ctx),
            background: true,
            footer: None,
            ghosts: self
                .canvas
                .review
                .as_ref()
                .map(|r| r.ghosts.clone())
                .unwrap_or_default(),
        };
        self.canvas.active_curve = self.active_curve();
        self.canvas.active_arc = self.active_arc();
        self.canvas.active_persona = self.editing_persona();
        self.canvas.active_variant = self.active_variant;
        let actions = egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| {
                self.canvas.show(ui, &mut self.doc, &mut self.sel, &opts)
            })
            .inner;
        for action in actions {
            match action {
                CanvasAction::Copy => self.copy(&ctx),
                CanvasAction::Cut => {
                    self.copy(&ctx);
                    self.delete_selection();
                }
                CanvasAction::Paste(target) => {
                    let text = self.last_copied.clone();
                    self.paste(&text, target);
                }
                CanvasAction::Duplicate => self.duplicate(),
                CanvasAction::Delete => self.delete_selection(),
                CanvasAction::Status(s) => self.status = s,
                CanvasAction::Review(i) => {
                    if let Some(c) = self.compare.as_mut() {
                        c.select(i);
                    }
                }
            }
        }
        self.report_refused(&ctx);
        self.sel.retain_existing(self.doc.journey());
        self.dialogs(&ctx);
        self.export_ui(&ctx);
        self.recovery_ui(&ctx);
        self.autosave_tick(&ctx);
        self.write_debug_layout();
        // eframe paints this frame right after `ui`; `logic` exits at the start of the next.
        if self.quit_after_first_frame && self.canvas.last.is_some() {
            self.first_frame_shown = true;
            ctx.request_repaint();
        }
        if self.closing {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        let title = self.window_title();
        if title != self.title_sent {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title_sent = title;
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, Prefs::KEY, &self.prefs);
    }
}

/// Black on white with strong outlines and a dark blue selection: the interface for low
/// vision, beside the map's [`Theme::high_contrast`].
fn high_contrast_visuals() -> egui::Visuals {
    use egui::{Color32, Stroke};
    let mut v = egui::Visuals::light();
    v.override_text_color = Some(Color32::BLACK);
    v.panel_fill = Color32::WHITE;
    v.window_fill = Color32::WHITE;
    v.extreme_bg_color = Color32::WHITE;
    v.faint_bg_color = Color32::from_rgb(0xEE, 0xEE, 0xEE);
    v.window_stroke = Stroke::new(2.0, Color32::BLACK);
    v.selection.bg_fill = Color32::from_rgb(0x00, 0x33, 0xCC);
    v.selection.stroke = Stroke::new(2.0, Color32::from_rgb(0x00, 0x33, 0xCC));
    v.hyperlink_color = Color32::from_rgb(0x00, 0x00, 0xAA);
    for w in [
        &mut v.widgets.noninteractive,
        &mut v.widgets.inactive,
        &mut v.widgets.hovered,
        &mut v.widgets.active,
        &mut v.widgets.open,
    ] {
        w.fg_stroke = Stroke::new(1.5, Color32::BLACK);
        w.bg_stroke = Stroke::new(1.5, Color32::BLACK);
    }
    v.widgets.inactive.weak_bg_fill = Color32::WHITE;
    v.widgets.inactive.bg_fill = Color32::WHITE;
    v.widgets.hovered.weak_bg_fill = Color32::from_rgb(0xFF, 0xEE, 0x88);
    v.widgets.hovered.bg_stroke = Stroke::new(2.5, Color32::BLACK);
    v
}
