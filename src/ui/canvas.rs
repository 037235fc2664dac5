//! The map canvas: paints the map with [`crate::paint`], adds selection and drag overlays, and
//! turns pointer and keyboard gestures into [`Edit`]s. It never draws map content itself.

mod keys;

pub use keys::{KeyFocus, card_description, point_name};

use super::selection::Selection;
use crate::edit::{CardField, Document, Edit, LaneField, PhaseField, new_card};
use crate::layout::{DropTarget, LayoutSettings, MapLayout, y_to_level};
use crate::model::{CardId, CurveId, CurveKind, LaneId, LaneKind, Language, PhaseId, Scale, Slot};
use crate::paint::{PaintOptions, paint_map, paint_pinned_headers};
use egui::accesskit;
use egui::emath::TSTransform;
use egui::{
    Color32, CornerRadius, CursorIcon, Key, Pos2, Rect, Response, Sense, Stroke, StrokeKind, Ui,
    Vec2, pos2, vec2,
};

/// Something the canvas asks the app to do.
#[derive(Clone, Debug, PartialEq)]
pub enum CanvasAction {
    Copy,
    Cut,
    Paste(Option<(LaneId, Slot)>),
    Duplicate,
    Delete,
    /// Show a message in the status bar.
    Status(String),
    /// A compare marker was clicked: show that difference.
    Review(usize),
}

#[derive(Clone, Debug)]
struct CardDrag {
    ids: Vec<CardId>,
    /// Pointer position in map space when the drag began.
    start: Pos2,
}

#[derive(Clone, Debug)]
struct InlineEdit {
    card: CardId,
    text: String,
    focused_once: bool,
}

/// View state of the canvas: zoom, pan and any gesture in progress.
#[derive(Debug)]
pub struct Canvas {
    pub zoom: f32,
    /// Where the map's origin is, relative to the canvas' top-left, in points.
    pub pan: Vec2,
    /// Fit the map into the view on the next frame (after opening a map).
    pub fit_pending: bool,
    pub settings: LayoutSettings,
    drag: Option<CardDrag>,
    phase_drag: Option<PhaseId>,
    lane_drag: Option<LaneId>,
    rubber_band: Option<Pos2>,
    editing: Option<InlineEdit>,
    context_at: Option<Pos2>,
    gesture: u64,
    /// The last layout and transform, for hit-testing between frames and for tests.
    pub last: Option<(std::sync::Arc<MapLayout>, TSTransform)>,
    /// The emotion curve whose points can be dragged (the app sets it each frame).
    pub active_curve: Option<crate::model::CurveId>,
    /// The dramatic arc whose points can be dragged (the app sets it each frame).
    pub active_arc: Option<crate::model::CurveId>,
    /// Whose dramatic arc a click in that lane adds to, and which variant.
    pub active_persona: Option<crate::model::PersonaId>,
    pub active_variant: crate::model::CurveVariant,
    /// Shared, not copied, between frames: a 10,000-card layout took milliseconds to clone.
    layout_cache: Option<CachedLayout>,
    /// The comparison to mark on the map (the app sets it each frame).
    pub review: Option<super::compare::ReviewOverlay>,
    /// The card under the pointer in the last frame.
    pub hovered_card: Option<CardId>,
    /// Where the keyboard is on the map (see `keys`).
    pub key_focus: Option<KeyFocus>,
    /// The widget of that stop in the last frame.
    focused_stop: Option<egui::Id>,
    /// Give the keyboard back to this card (after editing its title).
    return_focus: Option<CardId>,
    /// Scroll the view to the keyboard's stop.
    reveal_focus: bool,
    /// Open the focused card's menu (Shift+F10) in the next frame.
    key_menu: bool,
    /// The layout's key this frame, and the cards' reading order for it.
    layout_key: (u64, u64, u64),
    reading_order: Option<ReadingOrder>,
    /// Whether a screen reader asks for the accessibility tree (AccessKit is on).
    listening: bool,
    /// Per card of the cached layout, what a listener hears besides its title.
    descriptions: Vec<String>,
    /// Build the screen reader's nodes (cells, cards out of view, KPIs) when AccessKit is on.
    /// Benches turn it off to time the frame as it is without a screen reader.
    pub screen_reader_nodes: bool,
}

impl Default for Canvas {
    fn default() -> Self {
        Self {
            zoom: 1.0,
            pan: Vec2::ZERO,
            fit_pending: true,
            settings: LayoutSettings::default(),
            drag: None,
            phase_drag: None,
            lane_drag: None,
            rubber_band: None,
            editing: None,
            context_at: None,
            gesture: 0,
            last: None,
            active_curve: None,
            active_arc: None,
            active_persona: None,
            active_variant: crate::model::CurveVariant::AsIs,
            layout_cache: None,
            review: None,
            hovered_card: None,
            key_focus: None,
            focused_stop: None,
            return_focus: None,
            reveal_focus: false,
            key_menu: false,
            layout_key: (0, 0, 0),
            reading_order: None,
            listening: false,
            descriptions: Vec::new(),
            screen_reader_nodes: true,
        }
    }
}

/// The last layout with the document state and settings it was made for.
type CachedLayout = ((u64, u64, u64), LayoutSettings, std::sync::Arc<MapLayout>);

/// The cards' reading order (indexes into the layout's cards) for a layout key and settings.
type ReadingOrder = ((u64, u64, u64), LayoutSettings, Vec<usize>);

/// Zoom limits.
pub const ZOOM_RANGE: std::ops::RangeInclusive<f32> = 0.1..=4.0;

fn accent(ui: &Ui) -> Color32 {
    ui.visuals().selection.stroke.color
}

impl Canvas {
    /// Starts editing a card's title in place.
    pub fn edit_title(&mut self, card: CardId, current: &str) {
        self.editing = Some(InlineEdit {
            card,
            text: current.to_owned(),
            focused_once: false,
        });
    }

    /// Whether a card drag is in progress.
    pub fn is_dragging(&self) -> bool {
        self.drag.is_some()
    }

    /// Sets zoom and pan so the whole map fits the view.
    pub fn zoom_to_fit(&mut self, view: Vec2, map: Vec2) {
        let z = (view.x / map.x.max(1.0))
            .min(view.y / map.y.max(1.0))
            .clamp(*ZOOM_RANGE.start(), 1.5);
        self.zoom = z;
        self.pan = ((view - map * z) / 2.0).max(Vec2::ZERO);
    }

    /// Zooms by `factor` keeping the map point under `anchor` (relative to the canvas) still.
    pub fn zoom_by(&mut self, factor: f32, anchor: Vec2) {
        let new = (self.zoom * factor).clamp(*ZOOM_RANGE.start(), *ZOOM_RANGE.end());
        let map_point = (anchor - self.pan) / self.zoom;
        self.zoom = new;
        self.pan = anchor - map_point * new;
    }

    /// Shows the canvas in all of `ui`'s space.
    pub fn show(
        &mut self,
        ui: &mut Ui,
        doc: &mut Document,
        sel: &mut Selection,
        opts: &PaintOptions,
    ) -> Vec<CanvasAction> {
        let mut actions = Vec::new();
        let (rect, bg) = ui.allocate_exact_size(ui.available_size(), Sense::click_and_drag());
        // Laying out is only needed when the map or the settings changed. In a comparison the
        // map shown is the open map plus the other version's ghosts.
        let review = self.review.take();
        let shown = review.as_ref().map(|r| r.shown.clone());
        let (uid, revision) = doc.state_key();
        let key = (uid, revision, review.as_ref().map_or(0, |r| r.generation));
        let layout = match &self.layout_cache {
            Some((k, s, l)) if *k == key && s == &self.settings => l.clone(),
            _ => {
                let l = std::sync::Arc::new(ui.ctx().fonts_mut(|f| {
                    let m = crate::paint::GlyphMeasure::new(f);
                    let j = shown.as_deref().unwrap_or(doc.journey());
                    MapLayout::compute(j, &self.settings, &m)
                }));
                self.layout_cache = Some((key, self.settings.clone(), l.clone()));
                l
            }
        };
        self.layout_key = key;
        if self.fit_pending && rect.width() > 10.0 {
            self.zoom_to_fit(rect.size(), layout.size());
            self.fit_pending = false;
        }
        self.navigate(ui, &bg, rect);
        // Never let the map leave the view entirely.
        let keep = 80.0;
        let size = layout.size() * self.zoom;
        self.pan.x = self.pan.x.clamp(keep - size.x, rect.width() - keep);
        self.pan.y = self.pan.y.clamp(keep - size.y, rect.height() - keep);
        let t = TSTransform::new(rect.min.to_vec2() + self.pan, self.zoom);
        let from_screen = t.inverse();
        let (shapes, pinned) = ui.ctx().fonts_mut(|f| {
            let j = shown.as_deref().unwrap_or(doc.journey());
            (
                paint_map(j, &layout, f, opts, t, rect),
                paint_pinned_headers(j, &layout, f, opts, t, rect),
            )
        });
        let painter = ui.painter_at(rect);
        // The area around the map is not filled here: it is the window's clear colour
        // (`Theme::surround`, see `App::clear_color`).
        painter.extend(shapes);
        // The comparison's markers go here, under the pinned headers (filled in below).
        let marks_slot = painter.add(egui::Shape::Noop);
        painter.extend(pinned);

        let pointer = ui.input(|i| i.pointer.interact_pos().or(i.pointer.hover_pos()));
        let lang = opts.lang;

        self.keyboard_begin(ui, doc, &layout);
        self.background(ui, &bg, doc, sel, &layout, t, lang, &mut actions);
        self.phase_headers(ui, rect, doc, sel, &layout, t, lang);
        self.lane_titles(ui, rect, doc, sel, &layout, t, lang);
        self.cards(ui, rect, doc, sel, &layout, t, lang, &mut actions);
        self.emotion_points(ui, rect, doc, sel, &layout, t, lang);
        if self.listening {
            keys::kpi_nodes(ui, doc.journey(), &layout, t, lang);
        }
        self.personas(ui, rect, doc, sel, &layout, t);
        if self.drag.is_none() && !self.is_editing() {
            self.add_button(ui, rect, doc, sel, &layout, t, lang);
        }

        // Drag overlay: where the cards would land, and ghosts under the pointer.
        if let Some(drag) = self.drag.clone() {
            let released = ui.input(|i| !i.pointer.primary_down());
            let target =
                pointer.and_then(|p| layout.drop_target(from_screen.mul_pos(p), &drag.ids));
            if ui.input(|i| i.key_pressed(Key::Escape)) {
                self.drag = None;
                actions.push(CanvasAction::Status("Drag cancelled".into()));
            } else if released {
                self.drag = None;
                if let Some(target) = target {
                    self.drop_cards(doc, drag.ids, target, &mut actions);
                }
            } else {
                if let Some(target) = &target {
                    let cell = t.mul_rect(target.cell).shrink(2.0);
                    painter.rect_filled(cell, 4.0, accent(ui).gamma_multiply(0.12));
                    painter.rect_stroke(
                        cell,
                        4.0,
                        Stroke::new(2.0, accent(ui)),
                        StrokeKind::Inside,
                    );
                    if let Some(before) = target
                        .before
                        .as_ref()
                        .and_then(|b| layout.cards.iter().find(|c| &c.id == b))
                    {
                        let r = t.mul_rect(before.rect);
                        painter.line_segment(
                            [
                                pos2(r.left(), r.top() - 4.0 * self.zoom),
                                pos2(r.right(), r.top() - 4.0 * self.zoom),
                            ],
                            Stroke::new(3.0, accent(ui)),
                        );
                    }
                }
                if let Some(p) = pointer {
                    let delta = from_screen.mul_pos(p) - drag.start;
                    for g in layout.cards.iter().filter(|c| drag.ids.contains(&c.id)) {
                        let r = t.mul_rect(g.rect.translate(delta));
                        painter.rect_filled(r, 6.0, ui.visuals().window_fill.gamma_multiply(0.85));
                        painter.rect_stroke(
                            r,
                            6.0,
                            Stroke::new(1.5, accent(ui)),
                            StrokeKind::Inside,
                        );
                        let title = doc
                            .journey()
                            .card(&g.id)
                            .map(|c| c.title.clone())
                            .unwrap_or_default();
                        painter.text(
                            r.left_top() + vec2(8.0, 6.0),
                            egui::Align2::LEFT_TOP,
                            title,
                            egui::FontId::proportional((13.0 * self.zoom).clamp(8.0, 40.0)),
                            ui.visuals().text_color(),
                        );
                    }
                }
                ui.ctx().set_cursor_icon(CursorIcon::Grabbing);
            }
        }
        // Selection outlines.
        for g in layout.cards.iter().filter(|c| sel.has_card(&c.id)) {
            let r = t.mul_rect(g.rect).expand(2.0);
            painter.rect_stroke(
                r,
                CornerRadius::same(8),
                Stroke::new(2.5, accent(ui)),
                StrokeKind::Outside,
            );
        }
        if let Some(p) = &sel.phase
            && let Some(g) = layout.phases.iter().find(|g| &g.id == p)
        {
            painter.rect_stroke(
                t.mul_rect(g.rect).expand(2.0),
                8.0,
                Stroke::new(2.5, accent(ui)),
                StrokeKind::Outside,
            );
        }
        if let Some(l) = &sel.lane
            && let Some(g) = layout.lanes.iter().find(|g| &g.id == l)
        {
            painter.rect_stroke(
                t.mul_rect(g.title_rect).expand(1.0),
                6.0,
                Stroke::new(2.5, accent(ui)),
                StrokeKind::Outside,
            );
        }
        if let Some(r) = &review {
            let marks = self.review_marks(ui, rect, r, &layout, t, &mut actions);
            painter.set(marks_slot, egui::Shape::Vec(marks));
        }
        self.review = review;
        self.keyboard(ui, rect, doc, sel, &layout, t, lang, &mut actions);
        self.inline_editor(ui, doc, &layout, t);
        self.last = Some((layout, t));
        actions
    }

    /// The comparison's markers; a clicked one becomes the current difference, and the view
    /// scrolls to the current one when asked.
    fn review_marks(
        &mut self,
        ui: &mut Ui,
        rect: Rect,
        review: &super::compare::ReviewOverlay,
        layout: &MapLayout,
        t: TSTransform,
        actions: &mut Vec<CanvasAction>,
    ) -> Vec<egui::Shape> {
        let (shapes, clicked, current) = super::compare::draw_marks(ui, rect, review, layout, t);
        if let Some(i) = clicked {
            actions.push(CanvasAction::Review(i));
        }
        if review.reveal
            && let Some(r) = current
            && !rect.shrink(20.0).contains_rect(r)
        {
            self.pan += rect.center() - r.center();
            ui.ctx().request_repaint();
        }
        shapes
    }

    fn navigate(&mut self, ui: &Ui, bg: &Response, rect: Rect) {
        let (scroll, zoom, hover) =
            ui.input(|i| (i.smooth_scroll_delta, i.zoom_delta(), i.pointer.hover_pos()));
        let Some(hover) = hover.filter(|p| rect.contains(*p)) else {
            return;
        };
        if zoom != 1.0 {
            self.zoom_by(zoom, hover - rect.min);
        } else if scroll != Vec2::ZERO {
            self.pan += scroll;
        }
        let middle = bg.dragged_by(egui::PointerButton::Middle);
        let shift = ui.input(|i| i.modifiers.shift || i.modifiers.command);
        if middle
            || (bg.dragged_by(egui::PointerButton::Primary) && !shift && self.rubber_band.is_none())
        {
            self.pan += bg.drag_delta();
            if bg.dragged() {
                ui.ctx().set_cursor_icon(CursorIcon::Grabbing);
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn background(
        &mut self,
        ui: &Ui,
        bg: &Response,
        doc: &mut Document,
        sel: &mut Selection,
        layout: &MapLayout,
        t: TSTransform,
        lang: Language,
        actions: &mut Vec<CanvasAction>,
    ) {
        let from_screen = t.inverse();
        let shift = ui.input(|i| i.modifiers.shift || i.modifiers.command);
        // Rubber band selection: Shift- or Ctrl-drag on empty space.
        if bg.drag_started_by(egui::PointerButton::Primary) && shift {
            self.rubber_band = bg.interact_pointer_pos();
        }
        if let (Some(start), Some(now)) = (self.rubber_band, ui.input(|i| i.pointer.hover_pos())) {
            let band = Rect::from_two_pos(start, now);
            ui.painter()
                .rect_filled(band, 0.0, accent(ui).gamma_multiply(0.1));
            ui.painter()
                .rect_stroke(band, 0.0, Stroke::new(1.0, accent(ui)), StrokeKind::Inside);
            if !ui.input(|i| i.pointer.primary_down()) {
                let map_band = from_screen.mul_rect(band);
                for c in layout.cards.iter().filter(|c| map_band.intersects(c.rect)) {
                    if !sel.has_card(&c.id) {
                        sel.toggle(c.id.clone());
                    }
                }
                self.rubber_band = None;
            }
        }
        let pos = bg
            .interact_pointer_pos()
            .or(bg.hover_pos())
            .map(|p| from_screen.mul_pos(p));
        if bg.double_clicked()
            && let Some(pos) = pos
            && let Some((lane, col, _)) = layout.cell_at(pos)
            && !lane.kind.is_curve()
        {
            let card = new_card(
                doc.journey(),
                lane.id.clone(),
                layout.columns[col].slot.clone(),
                "",
            );
            let id = card.id.clone();
            if doc.submit(Edit::AddCard(card)) {
                *sel = Selection::card(id.clone());
                self.edit_title(id, "");
            }
        } else if bg.clicked()
            && let Some(pos) = pos
        {
            if !shift {
                *sel = Selection::default();
            }
            // A click in a curve lane where a column has no point adds one there.
            if let Some((lane, col, _)) = layout.cell_at(pos)
                && lane.kind.is_curve()
            {
                self.add_point(doc, layout, &lane.id, col, pos.y, actions, lang);
            }
        }
        if bg.secondary_clicked() {
            self.context_at = pos;
        }
        bg.context_menu(|ui| {
            let Some(at) = self.context_at else { return };
            let cell = layout
                .cell_at(at)
                .map(|(l, c, _)| (l.id.clone(), l.kind, layout.columns[c].slot.clone()));
            if let Some((lane, kind, slot)) = cell.clone()
                && !kind.is_curve()
                && ui
                    .button(lang.pick("Add card here", "Kaart hier toevoegen"))
                    .clicked()
            {
                let card = new_card(doc.journey(), lane, slot, "");
                let id = card.id.clone();
                if doc.submit(Edit::AddCard(card)) {
                    *sel = Selection::card(id.clone());
                    self.edit_title(id, "");
                }
                ui.close();
            }
            if ui.button(lang.pick("Paste", "Plakken")).clicked() {
                actions.push(CanvasAction::Paste(cell.map(|(l, _, s)| (l, s))));
                ui.close();
            }
            if ui
                .button(lang.pick("Zoom to fit", "Passend maken"))
                .clicked()
            {
                self.fit_pending = true;
                ui.close();
            }
        });
    }

    /// A "+" in the corner of the empty cell under the pointer: click to add a card there.
    #[allow(clippy::too_many_arguments)]
    fn add_button(
        &mut self,
        ui: &mut Ui,
        clip: Rect,
        doc: &mut Document,
        sel: &mut Selection,
        layout: &MapLayout,
        t: TSTransform,
        lang: Language,
    ) {
        let Some(hover) = ui
            .input(|i| i.pointer.hover_pos())
            .filter(|p| clip.contains(*p))
        else {
            return;
        };
        let pos = t.inverse().mul_pos(hover);
        if layout.card_at(pos).is_some() {
            return;
        }
        let Some((lane, col, cell)) = layout.cell_at(pos) else {
            return;
        };
        if lane.kind.is_curve() {
            return;
        }
        let cell = t.mul_rect(cell);
        let size = 22.0;
        let at = Rect::from_min_size(
            cell.right_bottom() - vec2(size + 6.0, size + 6.0),
            vec2(size, size),
        );
        if !clip.contains_rect(at) {
            return;
        }
        let button = egui::Button::new("+")
            .corner_radius(size / 2.0)
            .min_size(vec2(size, size));
        let resp = ui
            .put(at, button)
            .on_hover_text(lang.pick("Add a card here", "Hier een kaart toevoegen"));
        if resp.clicked() {
            let card = new_card(
                doc.journey(),
                lane.id.clone(),
                layout.columns[col].slot.clone(),
                "",
            );
            let id = card.id.clone();
            if doc.submit(Edit::AddCard(card)) {
                *sel = Selection::card(id.clone());
                self.edit_title(id, "");
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn add_point(
        &mut self,
        doc: &mut Document,
        layout: &MapLayout,
        lane: &LaneId,
        col: usize,
        y: f32,
        actions: &mut Vec<CanvasAction>,
        lang: Language,
    ) {
        let Some(geom) = layout.lanes.iter().find(|g| &g.id == lane) else {
            return;
        };
        let (Some(yr), Some(kind)) = (geom.curve_y, geom.kind.curve_kind()) else {
            return;
        };
        let at = layout.columns[col].slot.clone();
        let taken = |id: &CurveId| {
            layout
                .curves
                .iter()
                .any(|c| &c.id == id && &c.lane == lane && c.points.iter().any(|p| p.column == col))
        };
        let (edit, done) = match kind {
            CurveKind::Emotion => {
                let active = self.active_curve.clone();
                let Some(curve) = layout
                    .curves
                    .iter()
                    .find(|c| &c.lane == lane && active.as_ref().is_none_or(|a| a == &c.id))
                else {
                    return;
                };
                let Some(model) = doc.journey().curve(&curve.id) else {
                    return;
                };
                if taken(&curve.id) {
                    return;
                }
                let value = y_to_level(y, model.scale.min, model.scale.max, yr);
                let edit = Edit::SetEmotion {
                    curve: curve.id.clone(),
                    at,
                    value: Some(value),
                };
                (
                    edit,
                    lang.pick("Emotion point added", "Emotiepunt toegevoegd"),
                )
            }
            CurveKind::Engagement => {
                let Some(persona) = self.active_persona.clone() else {
                    actions.push(CanvasAction::Status(
                        lang.pick(
                            "A dramatic arc belongs to a persona: add one first",
                            "Een spanningsboog hoort bij een persona: voeg er eerst een toe",
                        )
                        .into(),
                    ));
                    return;
                };
                if self.active_arc.as_ref().is_some_and(taken) {
                    return;
                }
                let scale = Scale::engagement();
                let edit = Edit::SetEngagement {
                    persona,
                    variant: self.active_variant,
                    at,
                    value: y_to_level(y, scale.min, scale.max, yr),
                };
                (
                    edit,
                    lang.pick("Engagement point added", "Betrokkenheidspunt toegevoegd"),
                )
            }
        };
        match doc.apply(edit) {
            Ok(()) => actions.push(CanvasAction::Status(done.into())),
            Err(e) => actions.push(CanvasAction::Status(e.to_string())),
        }
    }

    fn drop_cards(
        &mut self,
        doc: &mut Document,
        ids: Vec<CardId>,
        target: DropTarget,
        actions: &mut Vec<CanvasAction>,
    ) {
        // A compare ghost is not a card of this map to land before.
        let before = target.before.filter(|b| doc.journey().card(b).is_some());
        let edit = Edit::MoveCards {
            ids,
            lane: target.lane,
            at: target.at,
            before,
        };
        if let Err(e) = doc.apply(edit) {
            actions.push(CanvasAction::Status(e.to_string()));
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn cards(
        &mut self,
        ui: &mut Ui,
        clip: Rect,
        doc: &mut Document,
        sel: &mut Selection,
        layout: &MapLayout,
        t: TSTransform,
        lang: Language,
        actions: &mut Vec<CanvasAction>,
    ) {
        let from_screen = t.inverse();
        self.hovered_card = None;
        // Cards out of view are nodes too (only built when a screen reader asks for a tree).
        let canvas_node = ui.scope_id().with("map-canvas");
        let listening = ui
            .ctx()
            .accesskit_node_builder(canvas_node, |n| {
                n.set_role(accesskit::Role::Group);
                n.set_label(lang.pick("Journey map", "Klantreiskaart"));
            })
            .is_some()
            && self.screen_reader_nodes;
        self.listening = listening;
        // Registered in reading order (lane by lane, phase by phase), so a screen reader
        // reads the map as a person does.
        // Sorted once per layout, not per frame (a 10,000-card map draws in a couple of ms).
        let fresh = self
            .reading_order
            .as_ref()
            .is_some_and(|(k, s, _)| *k == self.layout_key && *s == self.settings);
        if listening && !fresh {
            let rank: std::collections::HashMap<&LaneId, usize> = layout
                .lanes
                .iter()
                .enumerate()
                .map(|(i, l)| (&l.id, i))
                .collect();
            let mut order: Vec<usize> = (0..layout.cards.len()).collect();
            order.sort_by(|&a, &b| {
                let (a, b) = (&layout.cards[a], &layout.cards[b]);
                (rank.get(&a.lane), a.rect.left(), a.rect.top())
                    .partial_cmp(&(rank.get(&b.lane), b.rect.left(), b.rect.top()))
                    .unwrap_or(std::cmp::Ordering::Equal)
            });
            self.reading_order = Some((self.layout_key, self.settings.clone(), order));
            self.descriptions.clear();
        }
        if listening && self.descriptions.len() != layout.cards.len() {
            // What a listener hears about each card besides its title, once per layout.
            self.descriptions = layout
                .cards
                .iter()
                .map(|g| card_description(doc.journey(), &g.id, lang))
                .collect();
        }

        // For a screen reader, each cell is a node too, before the cards in it: "Touchpoints,
        // Aankoop: 2 cards". Hover only, so it never takes a click or a drag from the map.
        let mut cells = if listening {
            keys::CellNode::all(layout, doc.journey())
        } else {
            Vec::new()
        }
        .into_iter()
        .peekable();
        // Without a screen reader the layout's own order will do: walking the cards in memory
        // order is what keeps a 10,000-card frame at a few milliseconds.
        let order: Vec<(usize, &crate::layout::CardGeom)> = match &self.reading_order {
            Some((_, _, o)) if listening => o
                .iter()
                .filter_map(|&i| Some((i, layout.cards.get(i)?)))
                .collect(),
            _ => layout.cards.iter().enumerate().collect(),
        };
        for (index, g) in order {
            if listening {
                let key = keys::CellNode::key_of(layout, doc.journey(), g);
                while let Some(cell) = cells.next_if(|c| key.is_some_and(|k| c.key <= k)) {
                    cell.register(ui, doc.journey(), layout, t, lang);
                }
            }
            let r = t.mul_rect(g.rect);
            let Some(card_ref) = doc.journey().cards.get(g.index) else {
                continue;
            };
            let offscreen = !clip.intersects(r);
            // Out of view and nobody listening: nothing to do (a 10,000-card map at 100 %).
            if offscreen && !listening && !self.is_stop(&card_ref.id) {
                continue;
            }
            let id = ui.scope_id().with(("card", g.id.as_str()));
            let title = if card_ref.title.is_empty() {
                lang.pick("(untitled card)", "(kaart zonder titel)")
                    .to_owned()
            } else {
                card_ref.title.clone()
            };
            let selected = sel.has_card(&card_ref.id);
            let description = self.descriptions.get(index).cloned().unwrap_or_default();
            let describe = |n: &mut accesskit::Node| {
                n.set_description(description);
                if selected {
                    n.set_selected(true);
                }
            };
            if offscreen {
                if self.is_stop(&card_ref.id) {
                    // The map's Tab stop stays one when scrolled away.
                    let resp = ui.interact(r, id, Sense::FOCUSABLE);
                    resp.widget_info(|| {
                        egui::WidgetInfo::labeled(egui::Role::Button, true, &title)
                    });
                    ui.ctx().accesskit_node_builder(id, describe);
                    continue;
                }
                if listening {
                    // A node in its place in the reading order; out of view, so never hit.
                    let resp = ui.interact(r, id, Sense::hover());
                    resp.widget_info(|| {
                        egui::WidgetInfo::labeled(egui::Role::Button, true, &title)
                    });
                    ui.ctx().accesskit_node_builder(id, |n| {
                        n.add_action(accesskit::Action::Focus);
                        describe(n);
                    });
                }
                continue;
            }
            // Only the id is kept: copying each card in view every frame was a good part of a
            // zoomed-out 10,000-card frame. What a gesture needs is looked up when it happens.
            let card_id = card_ref.id.clone();
            // One Tab stop for the whole map: only the card the keyboard is on takes focus.
            let sense = if self.is_stop(&card_id) {
                Sense::click_and_drag()
            } else {
                Sense::CLICK | Sense::DRAG
            };
            let resp = ui.interact(r.intersect(clip), id, sense);
            resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &title));
            if listening {
                ui.ctx().accesskit_node_builder(id, |n| {
                    describe(n);
                    n.add_action(accesskit::Action::Focus);
                });
            }
            if resp.hovered() {
                self.hovered_card = Some(card_id.clone());
            }
            if resp.hovered() && self.drag.is_none() {
                ui.ctx().set_cursor_icon(CursorIcon::Grab);
            }
            let modifiers = ui.input(|i| i.modifiers);
            if resp.clicked() {
                if modifiers.shift || modifiers.command {
                    sel.toggle(card_id.clone());
                } else {
                    *sel = Selection::card(card_id.clone());
                }
            }
            if resp.double_clicked() {
                *sel = Selection::card(card_id.clone());
                let current = doc.journey().cards.get(g.index).map(|c| c.title.clone());
                self.edit_title(card_id.clone(), current.as_deref().unwrap_or_default());
            }
            if resp.drag_started_by(egui::PointerButton::Primary) {
                if !sel.has_card(&card_id) {
                    *sel = Selection::card(card_id.clone());
                }
                let start = resp
                    .interact_pointer_pos()
                    .map_or(g.rect.center(), |p| from_screen.mul_pos(p));
                self.drag = Some(CardDrag {
                    ids: sel.cards_in_order(doc.journey()),
                    start,
                });
            }
            resp.context_menu(|ui| self.card_menu(ui, doc, sel, g.index, lang, actions));
            // Shift+F10 or the menu key: the same menu, beside the card (looked at only when
            // asked for or open: a popup per card in view costs a frame of 10,000 cards dearly).
            let key_menu = self.is_stop(&card_id) && std::mem::take(&mut self.key_menu);
            let key_menu_id = id.with("key-menu");
            if key_menu || egui::Popup::is_id_open(ui.ctx(), key_menu_id) {
                egui::Popup::menu(&resp)
                    .id(key_menu_id)
                    .open_memory(key_menu.then_some(egui::SetOpenCommand::Bool(true)))
                    .show(|ui| self.card_menu(ui, doc, sel, g.index, lang, actions));
            }
            // Span handle on the right edge of a selected card.
            if sel.cards.len() == 1
                && sel.has_card(&card_id)
                && let Some((card_at, card_span)) = doc
                    .journey()
                    .cards
                    .get(g.index)
                    .map(|c| (c.at.clone(), c.span))
            {
                let handle = Rect::from_min_max(
                    pos2(r.right() - 6.0, r.top() + 6.0),
                    pos2(r.right() + 3.0, r.bottom() - 6.0),
                );
                ui.painter()
                    .rect_filled(handle.shrink2(vec2(2.0, 8.0)), 2.0, accent(ui));
                let label = format!("Resize {title}");
                if let Some(p) = self.handle(
                    ui,
                    doc,
                    handle,
                    id.with("span"),
                    CursorIcon::ResizeHorizontal,
                    Some(&label),
                ) && let (Some(start), Some(end)) = (
                    doc.journey().column_of(&card_at),
                    layout.column_at(from_screen.mul_pos(p).x),
                ) {
                    let span = (end.max(start) - start + 1) as u32;
                    if span != card_span {
                        let edit = Edit::SetCard {
                            id: card_id.clone(),
                            field: CardField::Span(span),
                        };
                        doc.submit_in_gesture(edit, Some(self.gesture));
                    }
                }
            }
        }
        for cell in cells {
            cell.register(ui, doc.journey(), layout, t, lang);
        }
    }

    /// A card's menu (right-click, Shift+F10, the menu key).
    #[allow(clippy::too_many_arguments)]
    fn card_menu(
        &mut self,
        ui: &mut Ui,
        doc: &mut Document,
        sel: &mut Selection,
        index: usize,
        lang: Language,
        actions: &mut Vec<CanvasAction>,
    ) {
        let Some(card) = doc.journey().cards.get(index).cloned() else {
            return;
        };
        if !sel.has_card(&card.id) {
            *sel = Selection::card(card.id.clone());
        }
        if ui
            .button(lang.pick("Edit title", "Titel bewerken"))
            .clicked()
        {
            self.edit_title(card.id.clone(), &card.title);
            ui.close();
        }
        for (label, action) in [
            (
                lang.pick("Duplicate", "Dupliceren"),
                CanvasAction::Duplicate,
            ),
            (lang.pick("Copy", "Kopiëren"), CanvasAction::Copy),
            (lang.pick("Cut", "Knippen"), CanvasAction::Cut),
            (lang.pick("Delete", "Verwijderen"), CanvasAction::Delete),
        ] {
            if ui.button(label).clicked() {
                actions.push(action);
                ui.close();
            }
        }
        ui.menu_button(lang.pick("Evidence", "Onderbouwing"), |ui| {
            for e in crate::model::Evidence::ALL {
                if ui.radio(card.evidence == e, e.label(lang)).clicked() {
                    doc.submit(Edit::SetCard {
                        id: card.id.clone(),
                        field: CardField::Evidence(e),
                    });
                    ui.close();
                }
            }
        });
    }

    #[allow(clippy::too_many_arguments)]
    fn phase_headers(
        &mut self,
        ui: &mut Ui,
        clip: Rect,
        doc: &mut Document,
        sel: &mut Selection,
        layout: &MapLayout,
        t: TSTransform,
        lang: Language,
    ) {
        let from_screen = t.inverse();
        for g in &layout.phases {
            let r = t.mul_rect(g.rect);
            if !clip.intersects(r) {
                continue;
            }
            let Some(phase) = doc.journey().phase(&g.id).cloned() else {
                continue;
            };
            let resp = header_region(
                ui,
                r.intersect(clip),
                ("phase", g.id.as_str()),
                format!("Phase {}", phase.name),
            );
            if resp.clicked() {
                *sel = Selection {
                    phase: Some(g.id.clone()),
                    ..Selection::default()
                };
            }
            if resp.drag_started() {
                self.phase_drag = Some(g.id.clone());
            }
            // Width handle on the header's right edge.
            let handle = Rect::from_min_max(
                pos2(r.right() - 4.0, r.top()),
                pos2(r.right() + 3.0, r.bottom()),
            );
            let id = ui.scope_id().with(("phase-width", g.id.as_str()));
            if let Some(p) = self.handle(
                ui,
                doc,
                handle.intersect(clip),
                id,
                CursorIcon::ResizeHorizontal,
                None,
            ) {
                let width = ((from_screen.mul_pos(p).x - g.rect.left()) / g.column_count as f32)
                    .clamp(*crate::model::COLUMN_WIDTH.start() + 20.0, 800.0)
                    .round();
                if phase.column_width.is_none_or(|w| (w - width).abs() >= 1.0) {
                    let edit = Edit::SetPhase {
                        id: phase.id.clone(),
                        field: PhaseField::ColumnWidth(Some(width)),
                    };
                    doc.submit_in_gesture(edit, Some(self.gesture));
                }
            }
            resp.context_menu(|ui| {
                *sel = Selection {
                    phase: Some(g.id.clone()),
                    ..Selection::default()
                };
                let index = doc
                    .journey()
                    .phases
                    .iter()
                    .position(|p| p.id == g.id)
                    .unwrap_or(0);
                if ui
                    .button(lang.pick("Add phase before", "Fase ervoor toevoegen"))
                    .clicked()
                {
                    add_phase(doc, sel, index, lang);
                    ui.close();
                }
                if ui
                    .button(lang.pick("Add phase after", "Fase erna toevoegen"))
                    .clicked()
                {
                    add_phase(doc, sel, index + 1, lang);
                    ui.close();
                }
                if ui.button(lang.pick("Add step", "Stap toevoegen")).clicked() {
                    let mut p = phase.clone();
                    add_step(doc.journey(), &mut p, lang);
                    doc.submit(Edit::SetPhase {
                        id: p.id,
                        field: PhaseField::Steps(p.steps),
                    });
                    ui.close();
                }
                ui.menu_button(lang.pick("Loop back to", "Terugkoppelen naar"), |ui| {
                    let earlier: Vec<(PhaseId, String)> = doc.journey().phases[..=index]
                        .iter()
                        .map(|p| (p.id.clone(), p.name.clone()))
                        .collect();
                    for (to, name) in earlier {
                        if ui.button(name).clicked() {
                            add_loop(doc, &g.id, &to, lang);
                            ui.close();
                        }
                    }
                });
                if ui
                    .button(lang.pick("Delete phase", "Fase verwijderen"))
                    .clicked()
                {
                    doc.submit(Edit::DeletePhase(g.id.clone()));
                    ui.close();
                }
            });
        }
        if let Some(id) = self.phase_drag.clone() {
            let pointer = ui
                .input(|i| i.pointer.hover_pos())
                .map(|p| from_screen.mul_pos(p));
            let index = pointer.map(|p| {
                layout
                    .phases
                    .iter()
                    .filter(|g| g.id != id && g.rect.center().x < p.x)
                    .count()
            });
            if let Some(i) = index {
                let x = layout
                    .phases
                    .iter()
                    .filter(|g| g.id != id)
                    .nth(i)
                    .map_or_else(
                        || layout.phases.last().map_or(0.0, |g| g.rect.right()),
                        |g| g.rect.left(),
                    );
                let top = layout.phases.first().map_or(0.0, |g| g.rect.top());
                let a = t.mul_pos(pos2(x, top));
                let b = t.mul_pos(pos2(x, layout.grid.bottom()));
                ui.painter()
                    .line_segment([a, b], Stroke::new(3.0, accent(ui)));
            }
            if let Some(dropped) = reorder_end(ui) {
                self.phase_drag = None;
                if let (true, Some(index)) = (dropped, index) {
                    doc.submit(Edit::MovePhase { id, index });
                }
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn lane_titles(
        &mut self,
        ui: &mut Ui,
        clip: Rect,
        doc: &mut Document,
        sel: &mut Selection,
        layout: &MapLayout,
        t: TSTransform,
        lang: Language,
    ) {
        let from_screen = t.inverse();
        for g in &layout.lanes {
            let r = t.mul_rect(g.title_rect);
            if !clip.intersects(r) {
                continue;
            }
            let Some(lane) = doc.journey().lane(&g.id).cloned() else {
                continue;
            };
            let resp = header_region(
                ui,
                r.intersect(clip),
                ("lane", g.id.as_str()),
                format!("Lane {}", lane.title),
            );
            if resp.clicked() {
                *sel = Selection {
                    lane: Some(g.id.clone()),
                    ..Selection::default()
                };
            }
            if resp.drag_started() {
                self.lane_drag = Some(g.id.clone());
            }
            resp.context_menu(|ui| {
                *sel = Selection {
                    lane: Some(g.id.clone()),
                    ..Selection::default()
                };
                let index = doc
                    .journey()
                    .lanes
                    .iter()
                    .position(|l| l.id == g.id)
                    .unwrap_or(0);
                if ui.button(lang.pick("Hide lane", "Rij verbergen")).clicked() {
                    doc.submit(Edit::SetLane {
                        id: lane.id.clone(),
                        field: LaneField::Visible(false),
                    });
                    ui.close();
                }
                ui.menu_button(lang.pick("Add lane below", "Rij eronder toevoegen"), |ui| {
                    for kind in LaneKind::ALL {
                        if ui.button(kind.label(lang)).clicked() {
                            add_lane(doc, sel, kind, index + 1, lang);
                            ui.close();
                        }
                    }
                });
                if ui
                    .button(lang.pick("Delete lane", "Rij verwijderen"))
                    .clicked()
                {
                    doc.submit(Edit::DeleteLane(g.id.clone()));
                    ui.close();
                }
            });
            // Height handle along the bottom of the title.
            let handle = Rect::from_min_max(
                pos2(r.left(), r.bottom() - 4.0),
                pos2(r.right(), r.bottom() + 3.0),
            );
            let id = ui.scope_id().with(("lane-height", g.id.as_str()));
            if let Some(p) = self.handle(
                ui,
                doc,
                handle.intersect(clip),
                id,
                CursorIcon::ResizeVertical,
                None,
            ) {
                let height = (from_screen.mul_pos(p).y - g.rect.top())
                    .clamp(40.0, 1200.0)
                    .round();
                if (height - lane.height).abs() >= 1.0 {
                    let edit = Edit::SetLane {
                        id: lane.id.clone(),
                        field: LaneField::Height(height),
                    };
                    doc.submit_in_gesture(edit, Some(self.gesture));
                }
            }
        }
        if let Some(id) = self.lane_drag.clone() {
            let pointer = ui
                .input(|i| i.pointer.hover_pos())
                .map(|p| from_screen.mul_pos(p));
            // Index among all lanes (hidden ones included) of the visible lane the pointer is over.
            let index = pointer.map(|p| {
                let visible_before = layout
                    .lanes
                    .iter()
                    .filter(|g| g.id != id && g.rect.center().y < p.y)
                    .count();
                let ids: Vec<_> = layout
                    .lanes
                    .iter()
                    .filter(|g| g.id != id)
                    .map(|g| g.id.clone())
                    .collect();
                let others: Vec<_> = doc.journey().lanes.iter().filter(|l| l.id != id).collect();
                match ids.get(visible_before) {
                    Some(next) => others
                        .iter()
                        .position(|l| &l.id == next)
                        .unwrap_or(others.len()),
                    None => others.len(),
                }
            });
            if let Some(p) = pointer {
                let y = layout
                    .lanes
                    .iter()
                    .rfind(|g| g.id != id && g.rect.center().y < p.y)
                    .map_or_else(
                        || layout.lanes.first().map_or(0.0, |g| g.rect.top()),
                        |g| g.rect.bottom(),
                    );
                let a = t.mul_pos(pos2(layout.bounds.left() + self.settings.margin, y));
                let b = t.mul_pos(pos2(layout.grid.right(), y));
                ui.painter()
                    .line_segment([a, b], Stroke::new(3.0, accent(ui)));
            }
            if let Some(dropped) = reorder_end(ui) {
                self.lane_drag = None;
                if let (true, Some(index)) = (dropped, index) {
                    doc.submit(Edit::MoveLane { id, index });
                }
            }
        }
    }

    /// Persona cards in the header: click to edit the persona.
    fn personas(
        &mut self,
        ui: &mut Ui,
        clip: Rect,
        doc: &Document,
        sel: &mut Selection,
        layout: &MapLayout,
        t: TSTransform,
    ) {
        for (id, r) in &layout.personas {
            let r = t.mul_rect(*r);
            if !clip.intersects(r) {
                continue;
            }
            let name = doc
                .journey()
                .personas
                .iter()
                .find(|p| &p.id == id)
                .map(|p| p.name.clone())
                .unwrap_or_default();
            let resp = ui.interact(
                r.intersect(clip),
                ui.scope_id().with(("persona", id.as_str())),
                Sense::click(),
            );
            resp.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::Button, true, format!("Persona {name}"))
            });
            if resp.clicked() {
                *sel = Selection {
                    persona: Some(id.clone()),
                    ..Selection::default()
                };
            }
            if sel.persona.as_ref() == Some(id) {
                ui.painter().rect_stroke(
                    r.expand(2.0),
                    8.0,
                    Stroke::new(2.5, accent(ui)),
                    StrokeKind::Outside,
                );
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn emotion_points(
        &mut self,
        ui: &mut Ui,
        clip: Rect,
        doc: &mut Document,
        sel: &mut Selection,
        layout: &MapLayout,
        t: TSTransform,
        lang: Language,
    ) {
        let from_screen = t.inverse();
        let (active, arc) = (self.active_curve.clone(), self.active_arc.clone());
        for curve in layout.curves.iter().filter(|c| match c.kind {
            CurveKind::Emotion => active.as_ref().is_none_or(|a| a == &c.id),
            // Only the arc being edited; other personas' arcs recede, as their curves do.
            CurveKind::Engagement => {
                arc.as_ref() == Some(&c.id) || (arc.is_none() && active.is_none())
            }
        }) {
            let Some(model) = doc.journey().curve(&curve.id).cloned() else {
                continue;
            };
            let persona = doc
                .journey()
                .personas
                .iter()
                .find(|p| p.id == model.persona)
                .map(|p| p.name.clone())
                .unwrap_or_default();
            for p in &curve.points {
                let center = t.mul_pos(p.pos);
                let r = Rect::from_center_size(center, Vec2::splat((18.0 * self.zoom).max(12.0)));
                if !clip.contains(center) {
                    continue;
                }
                let column = &layout.columns[p.column];
                let phase = doc
                    .journey()
                    .phase(&column.slot.phase)
                    .map(|p| p.name.clone())
                    .unwrap_or_default();
                let id = ui.scope_id().with(("point", curve.id.as_str(), p.column));
                // Not a Tab stop: the keyboard reaches points through their lane's cells.
                let resp = ui.interact(r, id, Sense::CLICK | Sense::DRAG);
                let what = match curve.kind {
                    CurveKind::Emotion => lang.pick("emotion curve", "emotiecurve"),
                    CurveKind::Engagement => lang.pick("dramatic arc", "spanningsboog"),
                };
                // Its level by name: "Sanne de Vries, Aankoop: ontevreden".
                let label = point_name(doc.journey(), &curve.id, p.column, lang)
                    .unwrap_or_else(|| format!("{persona}, {phase}"));
                resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Slider, true, &label));
                ui.ctx().accesskit_node_builder(id, |n| {
                    n.set_description(format!("{what}, {}", p.column + 1));
                });
                if resp.hovered() || resp.dragged() {
                    ui.ctx().set_cursor_icon(CursorIcon::ResizeVertical);
                }
                if resp.clicked() || resp.drag_started() {
                    *sel = Selection {
                        point: Some((curve.id.clone(), p.column)),
                        ..Selection::default()
                    };
                }
                if sel.point.as_ref() == Some(&(curve.id.clone(), p.column)) {
                    ui.painter().circle_stroke(
                        center,
                        13.0 * self.zoom.max(0.6),
                        Stroke::new(2.5, accent(ui)),
                    );
                }
                if resp.drag_started() {
                    self.gesture += 1;
                }
                if resp.dragged()
                    && let Some(pos) = resp.interact_pointer_pos()
                {
                    let v = y_to_level(
                        from_screen.mul_pos(pos).y,
                        model.scale.min,
                        model.scale.max,
                        curve.y,
                    );
                    if v != p.value {
                        let edit = Edit::SetEmotion {
                            curve: curve.id.clone(),
                            at: column.slot.clone(),
                            value: Some(v),
                        };
                        doc.submit_in_gesture(edit, Some(self.gesture));
                    }
                }
                if resp.drag_stopped() {
                    doc.end_gesture();
                }
                resp.context_menu(|ui| {
                    if ui
                        .button(lang.pick("Delete point", "Punt verwijderen"))
                        .clicked()
                    {
                        let edit = Edit::SetEmotion {
                            curve: curve.id.clone(),
                            at: column.slot.clone(),
                            value: None,
                        };
                        doc.submit(edit);
                        ui.close();
                    }
                });
                if resp.hovered() {
                    ui.painter().circle_stroke(
                        center,
                        11.0 * self.zoom.max(0.6),
                        Stroke::new(2.0, accent(ui)),
                    );
                }
            }
        }
    }

    fn inline_editor(
        &mut self,
        ui: &mut Ui,
        doc: &mut Document,
        layout: &MapLayout,
        t: TSTransform,
    ) {
        let Some(edit) = &mut self.editing else {
            return;
        };
        let Some(g) = layout.cards.iter().find(|c| c.id == edit.card) else {
            // A card added this frame is laid out next frame; one that is gone ends the edit.
            if doc.journey().card(&edit.card).is_none() {
                self.editing = None;
            }
            ui.ctx().request_repaint();
            return;
        };
        let r = t.mul_rect(g.rect);
        let field = Rect::from_min_size(
            r.min + vec2(6.0, 4.0),
            vec2(r.width().max(160.0) - 12.0, 24.0),
        );
        let id = ui.scope_id().with("inline-title");
        let resp = ui
            .put(
                field,
                egui::TextEdit::singleline(&mut edit.text)
                    .id(id)
                    .hint_text("Title")
                    .desired_width(field.width()),
            )
            // The field is named by the card it edits.
            .labelled_by(ui.scope_id().with(("card", edit.card.as_str())));
        if !edit.focused_once {
            resp.request_focus();
            edit.focused_once = true;
            return;
        }
        let (enter, escape) = ui.input(|i| (i.key_pressed(Key::Enter), i.key_pressed(Key::Escape)));
        if escape {
            self.return_focus = self.editing.take().map(|e| e.card);
        } else if enter || resp.lost_focus() {
            let done = self.editing.take();
            if enter {
                self.return_focus = done.as_ref().map(|d| d.card.clone());
            }
            if let Some(done) = done
                && doc
                    .journey()
                    .card(&done.card)
                    .is_some_and(|c| c.title != done.text)
            {
                doc.submit(Edit::SetCard {
                    id: done.card,
                    field: CardField::Title(done.text),
                });
            }
        }
    }

    /// A resize handle: while it is dragged, returns the pointer (screen space); the edits made
    /// in one drag share `self.gesture`, so the whole drag is one undo step.
    fn handle(
        &mut self,
        ui: &mut Ui,
        doc: &mut Document,
        rect: Rect,
        id: egui::Id,
        cursor: CursorIcon,
        label: Option<&str>,
    ) -> Option<Pos2> {
        let h = ui.interact(rect, id, Sense::drag());
        if let Some(label) = label {
            h.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Splitter, true, label));
        }
        if h.hovered() || h.dragged() {
            ui.ctx().set_cursor_icon(cursor);
        }
        if h.drag_started() {
            self.gesture += 1;
        }
        if h.drag_stopped() {
            doc.end_gesture();
        }
        h.dragged().then(|| h.interact_pointer_pos()).flatten()
    }

    /// Whether a title is being edited in place.
    pub fn is_editing(&self) -> bool {
        self.editing.is_some()
    }
}

/// A clickable, draggable header (phase band or lane title), named for screen readers and tests.
fn header_region(ui: &mut Ui, rect: Rect, salt: (&str, &str), label: String) -> Response {
    // Not a Tab stop (the map is one, see `keys`); still a named node a screen reader reads.
    let resp = ui.interact(rect, ui.scope_id().with(salt), Sense::CLICK | Sense::DRAG);
    resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
    resp
}

/// How a header reorder drag ends this frame: `Some(true)` dropped, `Some(false)` cancelled
/// with Esc, `None` still dragging.
fn reorder_end(ui: &Ui) -> Option<bool> {
    if ui.input(|i| i.key_pressed(Key::Escape)) {
        Some(false)
    } else if ui.input(|i| !i.pointer.primary_down()) {
        Some(true)
    } else {
        None
    }
}

/// Adds a new phase at `index` and selects it.
pub fn add_phase(doc: &mut Document, sel: &mut Selection, index: usize, lang: Language) {
    let j = doc.journey();
    let id = PhaseId(crate::model::fresh_id(
        PhaseId::PREFIX,
        j.phases.iter().map(|p| p.id.as_str()),
    ));
    let palette = crate::templates::PHASE_PALETTE;
    let phase = crate::model::Phase {
        id: id.clone(),
        name: lang.pick("New phase", "Nieuwe fase").to_owned(),
        description: String::new(),
        color: palette[j.phases.len() % palette.len()],
        duration: String::new(),
        steps: Vec::new(),
        column_width: None,
    };
    if doc.submit(Edit::AddPhase { phase, index }) {
        *sel = Selection {
            phase: Some(id),
            ..Selection::default()
        };
    }
}

/// Adds a step to a phase (the first step of a phase without steps takes its cards).
/// Adds a loop-back arrow from phase `from` back to `to`, labelled "Back to …" until the user
/// names it, as one undo step.
pub fn add_loop(doc: &mut Document, from: &PhaseId, to: &PhaseId, lang: Language) {
    let j = doc.journey();
    let name = j.phase(to).map(|p| p.name.clone()).unwrap_or_default();
    let id = crate::model::fresh_id(
        crate::model::LoopId::PREFIX,
        j.loops.iter().map(|l| l.id.as_str()),
    );
    let mut loops = j.loops.clone();
    loops.push(crate::model::LoopBack {
        id: crate::model::LoopId(id),
        from: from.clone(),
        to: to.clone(),
        label: format!("{} {name}", lang.pick("Back to", "Terug naar")),
    });
    doc.submit(Edit::SetLoops(loops));
}

pub fn add_step(j: &crate::model::Journey, phase: &mut crate::model::Phase, lang: Language) {
    let taken = j
        .phases
        .iter()
        .flat_map(|p| p.steps.iter().map(|s| s.id.as_str()));
    let id = crate::model::StepId(crate::model::fresh_id(crate::model::StepId::PREFIX, taken));
    let n = phase.steps.len() + 1;
    phase.steps.push(crate::model::Step {
        id,
        name: format!("{} {n}", lang.pick("Step", "Stap")),
    });
}

/// Adds a lane of `kind` at `index` and selects it.
pub fn add_lane(
    doc: &mut Document,
    sel: &mut Selection,
    kind: LaneKind,
    index: usize,
    lang: Language,
) {
    let j = doc.journey();
    let id = LaneId(crate::model::fresh_id(
        LaneId::PREFIX,
        j.lanes.iter().map(|l| l.id.as_str()),
    ));
    let lane = crate::model::Lane {
        id: id.clone(),
        title: kind.label(lang).to_owned(),
        kind,
        visible: true,
        height: kind.default_height(),
        funnel: None,
    };
    if doc.submit(Edit::AddLane { lane, index }) {
        *sel = Selection {
            lane: Some(id),
            ..Selection::default()
        };
    }
}
