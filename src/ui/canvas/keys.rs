//! The canvas from the keyboard and for screen readers: one Tab stop for the whole map, a
//! focus that the arrow keys move between cells and cards (a visible ring, the view follows),
//! the keys that act on it, and focus requests from assistive technology (AT-SPI grabFocus,
//! through AccessKit) landing on the card they name.

use super::{Canvas, CanvasAction};
use crate::edit::{Document, Edit, new_card};
use crate::layout::MapLayout;
use crate::model::{CardId, CurveKind, Journey, LaneId, LaneKind, Language};
use crate::ui::selection::Selection;
use egui::accesskit;
use egui::emath::TSTransform;
use egui::{Key, Modifiers, Rect, Sense, Stroke, Ui};

/// Where the keyboard is on the map: a lane's cell in a column, or a card in it.
#[derive(Clone, Debug, PartialEq)]
pub struct KeyFocus {
    pub lane: LaneId,
    pub column: usize,
    pub card: Option<CardId>,
}

impl KeyFocus {
    /// The stops of column `col`, top to bottom: per lane its cards that start there (in
    /// their order), or the lane's cell when none does.
    pub fn column_items(layout: &MapLayout, j: &Journey, col: usize) -> Vec<KeyFocus> {
        let mut out = Vec::new();
        for lane in &layout.lanes {
            let mut cards: Vec<(f32, &CardId)> = layout
                .cards
                .iter()
                .filter(|g| g.lane == lane.id)
                .filter(|g| {
                    j.cards
                        .get(g.index)
                        .is_some_and(|c| c.id == g.id && j.column_of(&c.at) == Some(col))
                })
                .map(|g| (g.rect.top(), &g.id))
                .collect();
            cards.sort_by(|a, b| a.0.total_cmp(&b.0));
            if cards.is_empty() {
                out.push(KeyFocus {
                    lane: lane.id.clone(),
                    column: col,
                    card: None,
                });
            }
            out.extend(cards.into_iter().map(|(_, id)| KeyFocus {
                lane: lane.id.clone(),
                column: col,
                card: Some(id.clone()),
            }));
        }
        out
    }

    /// The first stop of the map: the first lane's first card or cell.
    pub fn first(layout: &MapLayout, j: &Journey) -> Option<KeyFocus> {
        (!layout.columns.is_empty())
            .then(|| Self::column_items(layout, j, 0).into_iter().next())
            .flatten()
    }

    /// The same stop on the map as it is now (a card may have moved, a lane gone).
    pub fn refresh(&self, layout: &MapLayout, j: &Journey) -> Option<KeyFocus> {
        if let Some(id) = &self.card {
            if let Some(c) = j.card(id)
                && layout.cards.iter().any(|g| &g.id == id)
                && let Some(col) = j.column_of(&c.at)
            {
                return Some(KeyFocus {
                    lane: c.lane.clone(),
                    column: col,
                    card: Some(id.clone()),
                });
            }
        } else if layout.lanes.iter().any(|l| l.id == self.lane)
            && self.column < layout.columns.len()
        {
            // A cell that has cards now (one was added) stays a cell stop until moved from.
            return Some(self.clone());
        }
        // Gone: the cell it was in, else the start.
        let col = self.column.min(layout.columns.len().saturating_sub(1));
        Self::column_items(layout, j, col)
            .into_iter()
            .find(|k| k.lane == self.lane)
            .or_else(|| Self::first(layout, j))
    }

    /// Where an arrow key takes the focus: up and down through the column's stops, left and
    /// right to the same lane in the next column.
    pub fn step(&self, layout: &MapLayout, j: &Journey, dx: i32, dy: i32) -> KeyFocus {
        if dy != 0 {
            let items = Self::column_items(layout, j, self.column);
            let here = items.iter().position(|k| k == self).unwrap_or(0);
            let to = (here as i64 + i64::from(dy)).clamp(0, items.len() as i64 - 1) as usize;
            return items.get(to).cloned().unwrap_or_else(|| self.clone());
        }
        let last = layout.columns.len().saturating_sub(1) as i64;
        let col = (self.column as i64 + i64::from(dx)).clamp(0, last) as usize;
        if col == self.column {
            return self.clone();
        }
        Self::column_items(layout, j, col)
            .into_iter()
            .find(|k| k.lane == self.lane)
            .unwrap_or_else(|| self.clone())
    }

    /// Its rectangle on the map (map space).
    pub fn rect(&self, layout: &MapLayout) -> Option<Rect> {
        match &self.card {
            Some(id) => layout.cards.iter().find(|g| &g.id == id).map(|g| g.rect),
            None => {
                let slot = &layout.columns.get(self.column)?.slot;
                layout.cell_rect(&self.lane, slot)
            }
        }
    }
}

/// What a listener hears about a card besides its title: where it is and what it says about
/// itself ("Touchpoints, Oriëntatie en overweging; researched; channel Store").
pub fn card_description(j: &Journey, id: &CardId, lang: Language) -> String {
    let Some(card) = j.card(id) else {
        return String::new();
    };
    let lane = j.lane(&card.lane).map_or("", |l| l.title.as_str());
    let phase = j.phase(&card.at.phase);
    let mut place = phase.map_or_else(String::new, |p| p.name.clone());
    if let Some(step) = card
        .at
        .step
        .as_ref()
        .and_then(|s| phase?.steps.iter().find(|x| &x.id == s))
    {
        place = format!("{place} / {}", step.name);
    }
    let mut parts = vec![
        format!("{lane}, {place}"),
        card.evidence.label(lang).to_lowercase(),
    ];
    if let Some(ch) = &card.channel {
        parts.push(format!(
            "{} {}",
            lang.pick("channel", "kanaal"),
            ch.label(lang)
        ));
    }
    if !card.body.is_empty() {
        parts.push(card.body.clone());
    }
    parts.join("; ")
}

/// A curve's level at a column by name, "Sanne de Vries, Aankoop: ontevreden" (a dramatic arc
/// says so after it); `None` where the curve has no point there.
pub fn point_name(
    j: &Journey,
    curve: &crate::model::CurveId,
    column: usize,
    lang: Language,
) -> Option<String> {
    let c = j.curve(curve)?;
    let slot = j.columns().get(column)?.clone();
    let p = c.points.iter().find(|p| p.at == slot)?;
    let who = j
        .personas
        .iter()
        .find(|x| x.id == c.persona)
        .map_or("", |x| x.name.as_str());
    let phase = j.phase(&slot.phase).map_or("", |x| x.name.as_str());
    let index = (p.value.round() as i32 - c.scale.min) as usize;
    let level = c
        .scale
        .labels
        .get(index)
        .filter(|l| !l.is_empty())
        .cloned()
        .unwrap_or_else(|| format!("{}", p.value));
    Some(match c.kind {
        CurveKind::Emotion => format!("{who}, {phase}: {level}"),
        CurveKind::Engagement => format!(
            "{who}, {phase}: {level} ({})",
            lang.pick("dramatic arc", "spanningsboog")
        ),
    })
}

/// The KPIs as nodes a screen reader reads ("KPI Conversie: 3,1 % — Aankoop"); drawn by the
/// painter, they have no widget of their own. Only while a screen reader listens.
pub(super) fn kpi_nodes(
    ui: &mut Ui,
    j: &Journey,
    layout: &MapLayout,
    t: TSTransform,
    lang: Language,
) {
    for g in &layout.kpis {
        let Some(kpi) = j.kpis.iter().find(|k| k.id == g.id) else {
            continue;
        };
        let id = ui.scope_id().with(("kpi", kpi.id.as_str()));
        // Hover only: never takes a click or a drag from the map.
        let resp = ui.interact(t.mul_rect(g.rect), id, Sense::hover());
        let label = format!("KPI {}: {}", kpi.name, kpi.value);
        resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &label));
        let phase = j.phase(&kpi.phase).map_or("", |p| p.name.as_str());
        ui.ctx().accesskit_node_builder(id, |n| {
            n.set_description(format!("{} {phase}", lang.pick("phase", "fase")));
        });
    }
}

/// A cell as a node of the accessibility tree.
pub(super) struct CellNode {
    /// Lane rank and column: the reading order.
    pub key: (usize, usize),
    lane: LaneId,
    cards: usize,
}

impl CellNode {
    /// Every cell of the map's visible lanes, in reading order, with its number of cards.
    pub fn all(layout: &MapLayout, j: &Journey) -> Vec<CellNode> {
        let mut counts = std::collections::HashMap::new();
        for g in &layout.cards {
            if let Some(k) = Self::key_of(layout, j, g) {
                *counts.entry(k).or_insert(0usize) += 1;
            }
        }
        let mut out = Vec::new();
        for (rank, lane) in layout.lanes.iter().enumerate() {
            if lane.kind.is_curve() {
                continue;
            }
            for col in 0..layout.columns.len() {
                out.push(CellNode {
                    key: (rank, col),
                    lane: lane.id.clone(),
                    cards: counts.get(&(rank, col)).copied().unwrap_or(0),
                });
            }
        }
        out
    }

    /// Where a card sits, in the same terms.
    pub fn key_of(
        layout: &MapLayout,
        j: &Journey,
        g: &crate::layout::CardGeom,
    ) -> Option<(usize, usize)> {
        let card = j.cards.get(g.index).filter(|c| c.id == g.id)?;
        let rank = layout.lanes.iter().position(|l| l.id == g.lane)?;
        Some((rank, j.column_of(&card.at)?))
    }

    pub fn register(
        &self,
        ui: &mut Ui,
        j: &Journey,
        layout: &MapLayout,
        t: TSTransform,
        lang: Language,
    ) {
        let Some(slot) = layout.columns.get(self.key.1).map(|c| &c.slot) else {
            return;
        };
        let Some(r) = layout.cell_rect(&self.lane, slot) else {
            return;
        };
        let id = ui
            .scope_id()
            .with(("cell-node", self.lane.as_str(), self.key.1));
        let resp = ui.interact(t.mul_rect(r), id, Sense::hover());
        let lane = j.lane(&self.lane).map_or("", |l| l.title.as_str());
        let phase = j.phase(&slot.phase).map_or("", |p| p.name.as_str());
        let what = match (self.cards, lang) {
            (0, _) => lang.pick("empty cell", "lege cel").to_owned(),
            (1, Language::En) => "1 card".to_owned(),
            (1, Language::Nl) => "1 kaartje".to_owned(),
            (n, Language::En) => format!("{n} cards"),
            (n, Language::Nl) => format!("{n} kaartjes"),
        };
        let label = format!("{lane}, {phase}: {what}");
        resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Cell, true, &label));
    }
}

impl Canvas {
    /// The widget id of a stop.
    pub(super) fn stop_id(ui: &Ui, k: &KeyFocus) -> egui::Id {
        match &k.card {
            Some(id) => ui.scope_id().with(("card", id.as_str())),
            None => ui.scope_id().with(("cell", k.lane.as_str(), k.column)),
        }
    }

    /// Whether the card is the canvas' Tab stop (the one card that takes keyboard focus).
    pub(super) fn is_stop(&self, card: &CardId) -> bool {
        self.key_focus
            .as_ref()
            .is_some_and(|k| k.card.as_ref() == Some(card))
    }

    /// Whether the map (its one Tab stop) has the keyboard.
    pub fn has_keyboard(&self, ctx: &egui::Context) -> bool {
        self.focused_stop.is_some() && ctx.memory(|m| m.focused()) == self.focused_stop
    }

    /// The card the keyboard is on, while the canvas has the keyboard.
    pub fn keyboard_card(&self, ctx: &egui::Context) -> Option<CardId> {
        let id = self.key_focus.as_ref()?.card.clone()?;
        self.has_keyboard(ctx).then_some(id)
    }

    /// Before the cards are registered: the stop on the map as it is now, and focus requests
    /// from assistive technology.
    pub(super) fn keyboard_begin(&mut self, ui: &Ui, doc: &Document, layout: &MapLayout) {
        let j = doc.journey();
        let had = self.has_keyboard(ui.ctx());
        self.key_focus = match &self.key_focus {
            Some(k) => k.refresh(layout, j),
            None => KeyFocus::first(layout, j),
        };
        // Its card deleted or moved away: the keyboard stays on the map, on the stop now there.
        if had && let Some(k) = &self.key_focus {
            let id = Self::stop_id(ui, k);
            if Some(id) != self.focused_stop {
                ui.memory_mut(|m| m.request_focus(id));
                self.focused_stop = Some(id);
            }
        }
        // AT-SPI grabFocus on a card (any card, on screen or not) arrives as an AccessKit
        // focus request for its node.
        let requests: Vec<accesskit::NodeId> = ui.input(|i| {
            i.events
                .iter()
                .filter_map(|e| match e {
                    egui::Event::AccessKitActionRequest(r)
                        if r.action == accesskit::Action::Focus =>
                    {
                        Some(r.target_node)
                    }
                    _ => None,
                })
                .collect()
        });
        for target in requests {
            if let Some(g) = layout
                .cards
                .iter()
                .find(|g| ui.scope_id().with(("card", g.id.as_str())).accesskit_id() == target)
                && let Some(k) = (KeyFocus {
                    lane: g.lane.clone(),
                    column: 0,
                    card: Some(g.id.clone()),
                })
                .refresh(layout, j)
            {
                let id = Self::stop_id(ui, &k);
                self.key_focus = Some(k);
                ui.memory_mut(|m| m.request_focus(id));
                self.reveal_focus = true;
            }
        }
    }

    /// After the cards: the cell stop's widget, the focus ring, and the keys.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn keyboard(
        &mut self,
        ui: &mut Ui,
        rect: Rect,
        doc: &mut Document,
        sel: &mut Selection,
        layout: &MapLayout,
        t: TSTransform,
        lang: Language,
        actions: &mut Vec<CanvasAction>,
    ) {
        let Some(k) = self.key_focus.clone() else {
            return;
        };
        let id = Self::stop_id(ui, &k);
        self.focused_stop = Some(id);
        if let Some(card) = self.return_focus.take() {
            // Back from editing a title: the keyboard is on that card again.
            let k2 = KeyFocus {
                lane: k.lane.clone(),
                column: k.column,
                card: Some(card),
            };
            if let Some(k2) = k2.refresh(layout, doc.journey()) {
                let id = Self::stop_id(ui, &k2);
                self.key_focus = Some(k2);
                ui.memory_mut(|m| m.request_focus(id));
            }
            return;
        }
        let Some(map_rect) = k.rect(layout) else {
            return;
        };
        let screen = t.mul_rect(map_rect);
        if k.card.is_none() {
            // An empty cell is a stop of its own, named for a listener.
            let resp = ui.interact(screen.intersect(rect), id, Sense::FOCUSABLE);
            let label = self.cell_name(doc.journey(), layout, &k, lang);
            resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Cell, true, &label));
        }
        let focused = ui.memory(|m| m.has_focus(id));
        if !focused {
            return;
        }
        ui.memory_mut(|m| {
            m.set_focus_lock_filter(
                id,
                egui::EventFilter {
                    horizontal_arrows: true,
                    vertical_arrows: true,
                    tab: false,
                    escape: false,
                },
            );
        });
        // The focus ring: dashed, outside any selection outline.
        let ring = screen.expand(6.0);
        let path = [
            ring.left_top(),
            ring.right_top(),
            ring.right_bottom(),
            ring.left_bottom(),
            ring.left_top(),
        ];
        ui.painter_at(rect).extend(egui::Shape::dashed_line(
            &path,
            Stroke::new(2.0, ui.visuals().strong_text_color()),
            6.0,
            4.0,
        ));
        let j = doc.journey().clone();
        let pressed = |m: Modifiers, key: Key| ui.input_mut(|i| i.consume_key(m, key));
        let mut to = None;
        for (key, dx, dy) in [
            (Key::ArrowLeft, -1, 0),
            (Key::ArrowRight, 1, 0),
            (Key::ArrowUp, 0, -1),
            (Key::ArrowDown, 0, 1),
        ] {
            if ui.input(|i| i.modifiers.is_none()) && pressed(Modifiers::NONE, key) {
                to = Some(k.step(layout, &j, dx, dy));
            }
        }
        let lane_kind = layout
            .lanes
            .iter()
            .find(|l| l.id == k.lane)
            .map_or(LaneKind::Notes, |l| l.kind);
        if let Some(card) = k.card.as_ref().and_then(|c| j.card(c)) {
            if pressed(Modifiers::NONE, Key::Enter) || pressed(Modifiers::NONE, Key::F2) {
                *sel = Selection::card(card.id.clone());
                self.edit_title(card.id.clone(), &card.title);
            }
            if pressed(Modifiers::SHIFT, Key::F10) || pressed(Modifiers::NONE, Key::Menu) {
                self.key_menu = true;
                ui.ctx().request_repaint();
            }
        }
        for (m, key, delta) in [
            (Modifiers::COMMAND, Key::ArrowUp, 1.0),
            (Modifiers::COMMAND, Key::ArrowDown, -1.0),
        ] {
            if lane_kind.is_curve() && pressed(m, key) {
                self.nudge_point(doc, layout, &k, lane_kind, delta, actions);
            }
        }
        if (pressed(Modifiers::NONE, Key::Insert) || pressed(Modifiers::NONE, Key::N))
            && !lane_kind.is_curve()
            && let Some(col) = layout.columns.get(k.column)
        {
            let card = new_card(&j, k.lane.clone(), col.slot.clone(), "");
            let new = card.id.clone();
            if doc.submit(Edit::AddCard(card)) {
                *sel = Selection::card(new.clone());
                self.key_focus = Some(KeyFocus {
                    lane: k.lane.clone(),
                    column: k.column,
                    card: Some(new.clone()),
                });
                self.edit_title(new, "");
                self.reveal_focus = true;
            }
        }
        if let Some(next) = to
            && next != k
        {
            let id = Self::stop_id(ui, &next);
            self.key_focus = Some(next);
            ui.memory_mut(|m| m.request_focus(id));
            self.reveal_focus = true;
        }
        if std::mem::take(&mut self.reveal_focus)
            && let Some(r) = self.key_focus.as_ref().and_then(|k| k.rect(layout))
        {
            // The view follows the focus.
            let r = t.mul_rect(r);
            let inner = rect.shrink(24.0);
            if !inner.contains_rect(r) {
                let dx = if r.width() > inner.width() || r.left() < inner.left() {
                    inner.left() - r.left()
                } else if r.right() > inner.right() {
                    inner.right() - r.right()
                } else {
                    0.0
                };
                let dy = if r.height() > inner.height() || r.top() < inner.top() {
                    inner.top() - r.top()
                } else if r.bottom() > inner.bottom() {
                    inner.bottom() - r.bottom()
                } else {
                    0.0
                };
                self.pan += egui::vec2(dx, dy);
            }
            ui.ctx().request_repaint();
        }
    }

    /// "Touchpoints, Aankoop: empty cell", or in a curve lane the active curve's point there.
    fn cell_name(&self, j: &Journey, layout: &MapLayout, k: &KeyFocus, lang: Language) -> String {
        let lane = j.lane(&k.lane);
        let phase = layout
            .columns
            .get(k.column)
            .and_then(|c| j.phase(&c.slot.phase))
            .map_or("", |p| p.name.as_str());
        let curve = match lane.map(|l| l.kind) {
            Some(LaneKind::Emotion) => self.active_curve.clone(),
            Some(LaneKind::DramaticArc) => self.active_arc.clone(),
            _ => None,
        };
        if let Some(c) = curve {
            return point_name(j, &c, k.column, lang).unwrap_or_else(|| {
                format!(
                    "{}, {phase}: {}",
                    lane.map_or("", |l| l.title.as_str()),
                    lang.pick("no point", "geen punt")
                )
            });
        }
        format!(
            "{}, {phase}: {}",
            lane.map_or("", |l| l.title.as_str()),
            lang.pick("empty cell", "lege cel")
        )
    }

    /// Ctrl+Up / Ctrl+Down in a curve lane: the active curve's point in this column a level up
    /// or down (a new point starts at the middle of the scale).
    fn nudge_point(
        &mut self,
        doc: &mut Document,
        layout: &MapLayout,
        k: &KeyFocus,
        kind: LaneKind,
        delta: f32,
        actions: &mut Vec<CanvasAction>,
    ) {
        let Some(slot) = layout.columns.get(k.column).map(|c| c.slot.clone()) else {
            return;
        };
        let j = doc.journey();
        let edit = match kind {
            LaneKind::Emotion => {
                let Some(curve) = self.active_curve.clone().and_then(|c| j.curve(&c).cloned())
                else {
                    return;
                };
                let now = curve.points.iter().find(|p| p.at == slot).map(|p| p.value);
                let mid = ((curve.scale.min + curve.scale.max) / 2) as f32;
                let v = now
                    .map_or(mid, |v| v.round() + delta)
                    .clamp(curve.scale.min as f32, curve.scale.max as f32);
                (now != Some(v)).then_some(Edit::SetEmotion {
                    curve: curve.id,
                    at: slot,
                    value: Some(v),
                })
            }
            _ => {
                let Some(persona) = self.active_persona.clone() else {
                    return;
                };
                let arc = j.emotion_curves.iter().find(|c| {
                    c.kind == CurveKind::Engagement
                        && c.persona == persona
                        && c.variant == self.active_variant
                });
                let now = arc.and_then(|c| c.points.iter().find(|p| p.at == slot).map(|p| p.value));
                let v = now.map_or(3.0, |v| v.round() + delta).clamp(1.0, 5.0);
                (now != Some(v)).then_some(Edit::SetEngagement {
                    persona,
                    variant: self.active_variant,
                    at: slot,
                    value: v,
                })
            }
        };
        if let Some(e) = edit
            && let Err(err) = doc.apply(e)
        {
            actions.push(CanvasAction::Status(err.to_string()));
        }
    }
}
