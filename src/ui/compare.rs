//! The compare view: the open map beside another version of it. A side list steps through
//! the differences; the canvas marks each one (see [`Canvas`](super::canvas::Canvas)); any
//! difference can be taken over into the open map as one undo step.

use crate::compare::{Mark, Review};
use crate::edit::{Document, Edit};
use crate::model::{CardId, Journey, Language};
use egui::Ui;
use std::sync::Arc;

/// What the canvas needs to mark the differences, rebuilt when the open map changes.
#[derive(Clone, Debug)]
pub struct ReviewOverlay {
    /// The open map with the cards only in the other version added as ghosts.
    pub shown: Arc<Journey>,
    pub ghosts: Vec<CardId>,
    /// Where each difference shows, with its sentence (the marker's name for screen readers
    /// and tests).
    pub marks: Vec<(Mark, String)>,
    pub current: Option<usize>,
    /// Changes whenever `shown` does (the canvas' layout cache key).
    pub generation: u64,
    /// Scroll the view to the current difference this frame.
    pub reveal: bool,
}

/// One comparison in progress.
pub struct CompareView {
    pub review: Review,
    /// What the other version is, in words ("the file on disk", a file name).
    pub label: String,
    pub current: Option<usize>,
    /// The document and state the differences were computed for.
    state: (u64, u64),
    overlay: ReviewOverlay,
    reveal: bool,
    /// Why the last take-over was refused, in words.
    pub refusal: Option<String>,
}

/// What the side list asks the app to do.
#[derive(Clone, Debug, PartialEq)]
pub enum CompareAction {
    Close,
}

impl CompareView {
    pub fn new(
        doc: &Document,
        other: Journey,
        label: String,
        lang: Language,
    ) -> Result<Self, String> {
        let review = Review::new(doc.journey(), other)?;
        let mut view = CompareView {
            review,
            label,
            current: None,
            state: doc.state_key(),
            overlay: ReviewOverlay {
                shown: Arc::new(doc.journey().clone()),
                ghosts: Vec::new(),
                marks: Vec::new(),
                current: None,
                generation: 0,
                reveal: false,
            },
            reveal: false,
            refusal: None,
        };
        view.rebuild(doc.journey(), lang);
        view.current = (!view.review.changes.is_empty()).then_some(0);
        view.reveal = true;
        Ok(view)
    }

    /// Whether this comparison belongs to `doc` (a map opened since ends it).
    pub fn belongs_to(&self, doc: &Document) -> bool {
        self.state.0 == doc.state_key().0
    }

    fn rebuild(&mut self, ours: &Journey, lang: Language) {
        let (shown, ghosts) = self.review.display(ours);
        let marks = (0..self.review.changes.len())
            .map(|i| (self.review.mark(i), self.review.sentence(i, ours, lang)))
            .collect();
        self.overlay = ReviewOverlay {
            shown: Arc::new(shown),
            ghosts,
            marks,
            current: self.current,
            generation: self.overlay.generation + 1,
            reveal: false,
        };
    }

    /// Follows edits of the open map (a take-over, an undo, any edit): the differences are
    /// computed again when the map changed.
    pub fn sync(&mut self, doc: &Document, lang: Language) {
        if self.state != doc.state_key() {
            self.state = doc.state_key();
            if let Err(e) = self.review.refresh(doc.journey()) {
                self.refusal = Some(e);
            }
            self.rebuild(doc.journey(), lang);
            let n = self.review.changes.len();
            self.current = self
                .current
                .map(|c| c.min(n.saturating_sub(1)))
                .filter(|_| n > 0);
        }
    }

    /// The canvas' view of the comparison for this frame.
    pub fn overlay(&mut self) -> ReviewOverlay {
        let mut o = self.overlay.clone();
        o.current = self.current;
        o.reveal = std::mem::take(&mut self.reveal);
        o
    }

    /// Steps to the next (or previous) difference, wrapping around.
    pub fn step(&mut self, forward: bool) {
        let n = self.review.changes.len();
        if n == 0 {
            return;
        }
        self.current = Some(match (self.current, forward) {
            (None, true) => 0,
            (None, false) => n - 1,
            (Some(c), true) => (c + 1) % n,
            (Some(c), false) => (c + n - 1) % n,
        });
        self.reveal = true;
    }

    /// Shows difference `i` (a click on its marker).
    pub fn select(&mut self, i: usize) {
        if i < self.review.changes.len() {
            self.current = Some(i);
            self.refusal = None;
        }
    }

    /// Takes difference `i` over into the open map, as one undo step.
    pub fn take_over(&mut self, doc: &mut Document, i: usize, lang: Language) {
        match self.review.take_over(doc.journey(), i) {
            Ok(j) => match doc.apply(Edit::TakeOver(Box::new(j))) {
                Ok(()) => {
                    self.refusal = None;
                    self.sync(doc, lang);
                    self.reveal = true;
                }
                Err(e) => self.refusal = Some(e.to_string()),
            },
            Err(e) => self.refusal = Some(e),
        }
    }

    /// The side list: where the other version comes from, the differences in sentences,
    /// stepping and taking over.
    pub fn panel(&mut self, ui: &mut Ui, doc: &mut Document, lang: Language) -> Vec<CompareAction> {
        let mut actions = Vec::new();
        ui.heading(lang.pick("Compare", "Vergelijken"));
        ui.label(match lang {
            Language::En => format!("This map (here) and {} (there)", self.label),
            Language::Nl => format!("Deze kaart (hier) en {} (daar)", self.label),
        });
        let n = self.review.changes.len();
        ui.strong(match (lang, n) {
            (Language::En, 0) => "No differences: both hold the same map.".to_owned(),
            (Language::Nl, 0) => "Geen verschillen: beide bevatten dezelfde kaart.".to_owned(),
            (Language::En, 1) => "1 difference".to_owned(),
            (Language::Nl, 1) => "1 verschil".to_owned(),
            (Language::En, n) => format!("{n} differences"),
            (Language::Nl, n) => format!("{n} verschillen"),
        });
        ui.horizontal_wrapped(|ui| {
            if ui
                .add_enabled(n > 0, egui::Button::new(lang.pick("◀ Previous", "◀ Vorige")))
                .on_hover_text("Shift+F8")
                .clicked()
            {
                self.step(false);
            }
            if ui
                .add_enabled(n > 0, egui::Button::new(lang.pick("Next ▶", "Volgende ▶")))
                .on_hover_text("F8")
                .clicked()
            {
                self.step(true);
            }
            let current = self.current.filter(|c| *c < n);
            if ui
                .add_enabled(current.is_some(), egui::Button::new(lang.pick("Take over", "Overnemen")))
                .on_hover_text(lang.pick(
                    "Make this map like the other version in this one difference (Ctrl+Z undoes it)",
                    "Maak deze kaart gelijk aan de andere versie in dit ene verschil (Ctrl+Z maakt het ongedaan)",
                ))
                .clicked()
                && let Some(c) = current
            {
                self.take_over(doc, c, lang);
            }
            if ui.button(lang.pick("Close", "Sluiten")).clicked() {
                actions.push(CompareAction::Close);
            }
        });
        if let Some(r) = &self.refusal {
            ui.colored_label(ui.visuals().warn_fg_color, r);
        }
        ui.separator();
        let mut picked = None;
        egui::ScrollArea::vertical()
            .id_salt("compare-list")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                for (i, (_, sentence)) in self.overlay.marks.iter().enumerate() {
                    let on = self.current == Some(i);
                    let r = ui.add(egui::Button::selectable(on, sentence).wrap());
                    if on && self.reveal {
                        r.scroll_to_me(None);
                    }
                    if r.clicked() {
                        picked = Some(i);
                    }
                }
            });
        if let Some(i) = picked {
            self.select(i);
            self.reveal = true;
        }
        actions
    }
}

/// Where a difference shows on the laid-out map (map space).
#[derive(Clone, Debug, PartialEq)]
pub struct MarkGeom {
    /// What it is about: the card, the ghost, the point, the header.
    pub target: egui::Rect,
    /// The marker's centre.
    pub badge: egui::Pos2,
    /// A moved card's cell in the other version.
    pub from: Option<egui::Rect>,
}

/// Where `mark` shows on `layout`; `None` when it has no place on the canvas.
pub fn mark_geometry(mark: &Mark, layout: &crate::layout::MapLayout) -> Option<MarkGeom> {
    use egui::{Rect, pos2, vec2};
    let card = |id: &CardId| layout.cards.iter().find(|c| &c.id == id).map(|c| c.rect);
    let corner = |r: Rect| pos2(r.right() - 2.0, r.top() + 2.0);
    match mark {
        Mark::Added(id) | Mark::Ghost(id) | Mark::Card(id) => {
            let r = card(id)?;
            Some(MarkGeom {
                target: r,
                badge: corner(r),
                from: None,
            })
        }
        Mark::Moved {
            card: id,
            from_lane,
            from,
        } => {
            let r = card(id)?;
            Some(MarkGeom {
                target: r,
                badge: corner(r),
                from: layout.cell_rect(from_lane, from),
            })
        }
        Mark::Point { curve, at } => {
            let g = layout.curves.iter().find(|c| &c.id == curve)?;
            let col = layout.columns.iter().position(|c| &c.slot == at)?;
            let pos = g.points.iter().find(|p| p.column == col).map_or_else(
                || pos2(layout.columns[col].x.center(), g.y.center()),
                |p| p.pos,
            );
            let r = Rect::from_center_size(pos, vec2(22.0, 22.0));
            Some(MarkGeom {
                target: r,
                badge: pos2(r.right(), r.top()),
                from: None,
            })
        }
        Mark::Phase(id) => {
            let r = layout.phases.iter().find(|p| &p.id == id)?.rect;
            Some(MarkGeom {
                target: r,
                badge: corner(r),
                from: None,
            })
        }
        Mark::Lane(id) => {
            let r = layout.lanes.iter().find(|l| &l.id == id)?.title_rect;
            Some(MarkGeom {
                target: r,
                badge: corner(r),
                from: None,
            })
        }
        Mark::Listed => None,
    }
}

/// The colour of a kind of difference: added green, only-there grey, moved blue, changed
/// orange (each also has its own marker shape, so colour is never the only sign).
fn mark_color(mark: &Mark) -> egui::Color32 {
    match mark {
        Mark::Added(_) => egui::Color32::from_rgb(0x2E, 0x7D, 0x32),
        Mark::Ghost(_) => egui::Color32::from_rgb(0x6B, 0x72, 0x80),
        Mark::Moved { .. } => egui::Color32::from_rgb(0x1F, 0x6F, 0xEB),
        _ => egui::Color32::from_rgb(0xD9, 0x77, 0x06),
    }
}

/// Draws the markers of a comparison over the canvas and makes each one a named, clickable
/// widget. Returns the difference clicked, and where the current one is on screen.
pub(super) fn draw_marks(
    ui: &mut Ui,
    clip: egui::Rect,
    overlay: &ReviewOverlay,
    layout: &crate::layout::MapLayout,
    t: egui::emath::TSTransform,
) -> (Vec<egui::Shape>, Option<usize>, Option<egui::Rect>) {
    use egui::{Sense, Stroke, StrokeKind, pos2, vec2};
    let mut pen = Pen(Vec::new());
    let painter = &mut pen;
    let mut clicked = None;
    let mut current_rect = None;
    for (i, (mark, sentence)) in overlay.marks.iter().enumerate() {
        let Some(g) = mark_geometry(mark, layout) else {
            continue;
        };
        let on = overlay.current == Some(i);
        let color = mark_color(mark);
        let target = t.mul_rect(g.target);
        if on {
            current_rect = Some(target);
        }
        let width = if on { 3.0 } else { 1.5 };
        match mark {
            Mark::Added(_) => {
                painter.rect_stroke(
                    target.expand(3.0),
                    8.0,
                    Stroke::new(width + 0.5, color),
                    StrokeKind::Outside,
                );
            }
            Mark::Moved { .. } => {
                if let Some(from) = g.from {
                    let from = t.mul_rect(from).shrink(3.0);
                    let dash = Stroke::new(1.5, color);
                    let path = [
                        from.left_top(),
                        from.right_top(),
                        from.right_bottom(),
                        from.left_bottom(),
                        from.left_top(),
                    ];
                    painter.extend(egui::Shape::dashed_line(&path, dash, 6.0, 4.0));
                    // An arrow from the old cell to the card, ending at the card's edge.
                    let (a, b) = (from.center(), target.center());
                    let dir = (b - a).normalized();
                    let end = edge_point(target, a, b);
                    painter.line_segment([a, end], Stroke::new(width, color));
                    let side = vec2(-dir.y, dir.x) * 6.0;
                    painter.add(egui::Shape::convex_polygon(
                        vec![end, end - dir * 12.0 + side, end - dir * 12.0 - side],
                        color,
                        Stroke::NONE,
                    ));
                }
                if on {
                    painter.rect_stroke(
                        target.expand(3.0),
                        8.0,
                        Stroke::new(width, color),
                        StrokeKind::Outside,
                    );
                }
            }
            Mark::Point { .. } => {
                painter.circle_stroke(target.center(), 11.0, Stroke::new(width + 0.5, color));
            }
            _ => {
                if on {
                    painter.rect_stroke(
                        target.expand(3.0),
                        8.0,
                        Stroke::new(width, color),
                        StrokeKind::Outside,
                    );
                }
            }
        }
        // The marker: a round badge with the kind's sign.
        let c = t.mul_pos(g.badge);
        let r = if on { 10.0 } else { 8.0 };
        painter.circle(c, r, color, Stroke::new(1.5, egui::Color32::WHITE));
        let s = Stroke::new(2.0, egui::Color32::WHITE);
        let h = r * 0.5;
        match mark {
            Mark::Added(_) => {
                painter.line_segment([pos2(c.x - h, c.y), pos2(c.x + h, c.y)], s);
                painter.line_segment([pos2(c.x, c.y - h), pos2(c.x, c.y + h)], s);
            }
            Mark::Ghost(_) => {
                painter.line_segment([pos2(c.x - h, c.y), pos2(c.x + h, c.y)], s);
            }
            Mark::Moved { .. } => {
                painter.line_segment([pos2(c.x - h, c.y), pos2(c.x + h, c.y)], s);
                painter.line_segment([pos2(c.x + h, c.y), pos2(c.x, c.y - h * 0.8)], s);
                painter.line_segment([pos2(c.x + h, c.y), pos2(c.x, c.y + h * 0.8)], s);
            }
            _ => {
                painter.circle_filled(c, r * 0.3, egui::Color32::WHITE);
            }
        }
        // A ghost is not a card of this map: all of it answers as its marker.
        let hit = match mark {
            Mark::Ghost(_) => target.union(egui::Rect::from_center_size(c, vec2(2.0 * r, 2.0 * r))),
            _ => egui::Rect::from_center_size(c, vec2(2.0 * r + 4.0, 2.0 * r + 4.0)),
        };
        if !clip.intersects(hit) {
            continue;
        }
        let resp = ui.interact(
            hit.intersect(clip),
            ui.scope_id().with(("review-mark", i)),
            Sense::click(),
        );
        resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, sentence));
        if resp.clicked() {
            clicked = Some(i);
        }
        resp.on_hover_text(sentence);
    }
    (pen.0, clicked, current_rect)
}

/// Collects shapes with the painter's calls, so the canvas can put them under its pinned
/// headers.
struct Pen(Vec<egui::Shape>);

impl Pen {
    fn add(&mut self, shape: egui::Shape) {
        self.0.push(shape);
    }
    fn extend(&mut self, shapes: Vec<egui::Shape>) {
        self.0.extend(shapes);
    }
    fn rect_stroke(
        &mut self,
        r: egui::Rect,
        radius: f32,
        stroke: egui::Stroke,
        kind: egui::StrokeKind,
    ) {
        self.add(egui::Shape::rect_stroke(r, radius, stroke, kind));
    }
    fn line_segment(&mut self, points: [egui::Pos2; 2], stroke: egui::Stroke) {
        self.add(egui::Shape::line_segment(points, stroke));
    }
    fn circle_stroke(&mut self, c: egui::Pos2, r: f32, stroke: egui::Stroke) {
        self.add(egui::Shape::circle_stroke(c, r, stroke));
    }
    fn circle_filled(&mut self, c: egui::Pos2, r: f32, fill: egui::Color32) {
        self.add(egui::Shape::circle_filled(c, r, fill));
    }
    fn circle(&mut self, c: egui::Pos2, r: f32, fill: egui::Color32, stroke: egui::Stroke) {
        self.add(egui::Shape::Circle(egui::epaint::CircleShape {
            center: c,
            radius: r,
            fill,
            stroke,
        }));
    }
}

/// Where the segment from `a` (outside) to `b` (inside `r`'s centre) crosses `r`'s border.
fn edge_point(r: egui::Rect, a: egui::Pos2, b: egui::Pos2) -> egui::Pos2 {
    let d = b - a;
    let mut t: f32 = 1.0;
    for (lo, hi, p, dd) in [
        (r.left(), r.right(), a.x, d.x),
        (r.top(), r.bottom(), a.y, d.y),
    ] {
        if dd.abs() > f32::EPSILON {
            for edge in [lo, hi] {
                let s = (edge - p) / dd;
                if (0.0..t).contains(&s) {
                    let q = a + d * s;
                    if r.expand(0.5).contains(q) {
                        t = s;
                    }
                }
            }
        }
    }
    a + d * t
}
