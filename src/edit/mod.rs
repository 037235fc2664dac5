//! Every change to a map is an [`Edit`] applied through a [`Document`], which keeps unlimited
//! undo/redo and knows whether the map differs from what was last saved.
//!
//! Undo keeps a snapshot of the map before each edit (a journey map is small: a 1,000-card
//! map is a few hundred KB) together with the edit's name, so the Edit menu can say
//! "Undo move card". Snapshots make undo exact by construction, which inverse operations
//! would only be by care.

mod fields;

pub use fields::{CardField, LaneField, PersonaField, PhaseField, PointField};

use crate::model::{
    Card, CardId, CurveId, CurveKind, CurveVariant, EmotionCurve, Journey, Kpi, Lane, LaneId,
    MapStyle, Persona, PersonaId, Phase, PhaseId, Scale, Slot, ValidationError,
};

/// One user-level change to a map.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Move cards (keeping their order) into a lane and column, inserted before the card at
    /// `before`, or at the end of that cell.
    MoveCards {
        ids: Vec<CardId>,
        lane: LaneId,
        at: Slot,
        before: Option<CardId>,
    },
    /// Add a card; it goes after the last card of its cell.
    AddCard(Card),
    /// Add several cards at once (paste, duplicate).
    AddCards(Vec<Card>),
    /// Remove cards.
    DeleteCards(Vec<CardId>),
    /// Replace a card's contents (same id).
    UpdateCard(Card),
    /// Add a phase at a position.
    AddPhase { phase: Phase, index: usize },
    /// Replace a phase's contents (same id).
    UpdatePhase(Phase),
    /// Move a phase to a new position.
    MovePhase { id: PhaseId, index: usize },
    /// Remove a phase with its cards, points and KPIs.
    DeletePhase(PhaseId),
    /// Add a lane at a position.
    AddLane { lane: Lane, index: usize },
    /// Replace a lane's contents (same id).
    UpdateLane(Lane),
    /// Move a lane to a new position.
    MoveLane { id: LaneId, index: usize },
    /// Remove a lane with its cards.
    DeleteLane(LaneId),
    /// Set (or with `None`, remove) an emotion point's value.
    SetEmotion {
        curve: CurveId,
        at: Slot,
        value: Option<f32>,
    },
    /// Set a point of a persona's dramatic arc (engagement 1 to 5), adding the arc when the
    /// persona has none for `variant` yet.
    SetEngagement {
        persona: PersonaId,
        variant: CurveVariant,
        at: Slot,
        value: f32,
    },
    /// Replace a curve's contents (same id): labels, moments of truth, variant.
    UpdateCurve(EmotionCurve),
    /// Add a curve.
    AddCurve(EmotionCurve),
    /// Remove a curve.
    DeleteCurve(CurveId),
    /// Give every emotion curve this scale; values outside it are pulled inside. (A dramatic
    /// arc keeps its 1 to 5.)
    SetScale(Scale),
    /// Replace a persona's fields (same id).
    UpdatePersona(Persona),
    /// Add a persona.
    AddPersona(Persona),
    /// Remove a persona and its curves.
    DeletePersona(PersonaId),
    /// Change how the map is drawn.
    SetStyle(MapStyle),
    /// Replace KPIs wholesale.
    SetKpis(Vec<Kpi>),
    /// Replaces the loop-back arrows.
    SetLoops(Vec<crate::model::LoopBack>),
    /// Change the map's title.
    SetTitle(String),
    /// Change the map's description.
    SetDescription(String),
    /// Change the map's notes.
    SetNotes(String),
    /// Change one field of a card.
    SetCard { id: CardId, field: CardField },
    /// Change one field of a phase.
    SetPhase { id: PhaseId, field: PhaseField },
    /// Change one field of a lane.
    SetLane { id: LaneId, field: LaneField },
    /// Change one field of a persona.
    SetPersona { id: PersonaId, field: PersonaField },
    /// Change one field of the point of `curve` in the column of `at`.
    SetPoint {
        curve: CurveId,
        at: Slot,
        field: PointField,
    },
    /// Replace the whole journey. Only for operations that start from the *full* current map
    /// (revert, bulk changes): built from a partial copy (say, one without cards) it silently
    /// deletes whatever the copy lacked. Field edits use the `Set…` edits above.
    Replace(Box<Journey>),
    /// One difference taken over from another version in the compare view: the whole map as
    /// [`crate::compare::Review::take_over`] made it from the current one.
    TakeOver(Box<Journey>),
}

impl Edit {
    /// What the edit does, for "Undo …" and "Redo …".
    pub fn name(&self) -> &'static str {
        match self {
            Edit::MoveCards { ids, .. } if ids.len() > 1 => "move cards",
            Edit::MoveCards { .. } => "move card",
            Edit::AddCard(_) => "add card",
            Edit::AddCards(_) => "paste cards",
            Edit::DeleteCards(ids) if ids.len() > 1 => "delete cards",
            Edit::DeleteCards(_) => "delete card",
            Edit::UpdateCard(_) => "edit card",
            Edit::AddPhase { .. } => "add phase",
            Edit::UpdatePhase(_) => "edit phase",
            Edit::MovePhase { .. } => "move phase",
            Edit::DeletePhase(_) => "delete phase",
            Edit::AddLane { .. } => "add lane",
            Edit::UpdateLane(_) => "edit lane",
            Edit::MoveLane { .. } => "move lane",
            Edit::DeleteLane(_) => "delete lane",
            Edit::SetEmotion { .. } => "change emotion",
            Edit::SetEngagement { .. } => "change engagement",
            Edit::UpdateCurve(_) => "edit emotion curve",
            Edit::AddCurve(_) => "add emotion curve",
            Edit::DeleteCurve(_) => "delete emotion curve",
            Edit::SetScale(_) => "change emotion scale",
            Edit::UpdatePersona(_) => "edit persona",
            Edit::AddPersona(_) => "add persona",
            Edit::DeletePersona(_) => "delete persona",
            Edit::SetStyle(_) => "change map style",
            Edit::SetKpis(_) => "edit KPIs",
            Edit::SetLoops(_) => "edit loop-backs",
            Edit::SetTitle(_) => "rename map",
            Edit::SetDescription(_) => "edit map description",
            Edit::SetNotes(_) => "edit map notes",
            Edit::SetCard { field, .. } => field.name(),
            Edit::SetPhase { field, .. } => field.name(),
            Edit::SetLane { field, .. } => field.name(),
            Edit::SetPersona { field, .. } => field.name(),
            Edit::SetPoint { field, .. } => field.name(),
            Edit::Replace(_) => "change map",
            Edit::TakeOver(_) => "take over change",
        }
    }

    /// What the edit changes, as far as merging undo steps goes: consecutive edits of one
    /// gesture merge only when they change the same field of the same thing, so changing card
    /// A's colour and then card B's is two undo steps.
    pub fn target(&self) -> String {
        match self {
            Edit::SetCard { id, field } => format!("card {id} {}", field.key()),
            Edit::SetPhase { id, field } => format!("phase {id} {}", field.key()),
            Edit::SetLane { id, field } => format!("lane {id} {}", field.key()),
            Edit::SetPersona { id, field } => format!("persona {id} {}", field.key()),
            Edit::SetPoint { curve, at, field } => {
                format!("point {curve} {} {:?} {}", at.phase, at.step, field.key())
            }
            Edit::UpdateCard(c) => format!("card {}", c.id),
            Edit::UpdatePhase(p) => format!("phase {}", p.id),
            Edit::UpdateLane(l) => format!("lane {}", l.id),
            Edit::UpdatePersona(p) => format!("persona {}", p.id),
            Edit::UpdateCurve(c) => format!("curve {}", c.id),
            Edit::SetEmotion { curve, at, .. } => {
                format!("point {curve} {} {:?}", at.phase, at.step)
            }
            Edit::SetEngagement {
                persona,
                variant,
                at,
                ..
            } => format!("arc {persona} {variant:?} {} {:?}", at.phase, at.step),
            other => other.name().to_owned(),
        }
    }

    /// Applies the edit to `j`. Fails (leaving `j` possibly changed; [`Document`] restores it)
    /// when the edit refers to something that does not exist.
    fn apply(self, j: &mut Journey) -> Result<(), String> {
        match self {
            Edit::MoveCards {
                ids,
                lane,
                at,
                before,
            } => {
                let mut moving = Vec::new();
                for id in &ids {
                    let i = j
                        .cards
                        .iter()
                        .position(|c| &c.id == id)
                        .ok_or_else(|| format!("no card {id}"))?;
                    moving.push(j.cards.remove(i));
                }
                for c in &mut moving {
                    c.lane = lane.clone();
                    c.at = at.clone();
                }
                let index = match before.filter(|b| !ids.contains(b)) {
                    Some(b) => j
                        .cards
                        .iter()
                        .position(|c| c.id == b)
                        .unwrap_or(j.cards.len()),
                    None => end_of_cell(j, &lane, &at),
                };
                j.cards.splice(index..index, moving);
                j.clamp_spans();
            }
            Edit::AddCard(card) => {
                let index = end_of_cell(j, &card.lane, &card.at);
                j.cards.insert(index, card);
            }
            Edit::AddCards(cards) => {
                for card in cards {
                    let index = end_of_cell(j, &card.lane, &card.at);
                    j.cards.insert(index, card);
                }
            }
            Edit::DeleteCards(ids) => j.cards.retain(|c| !ids.contains(&c.id)),
            Edit::UpdateCard(card) => {
                let id = card.id.clone();
                replace(&mut j.cards, card, |c| c.id == id, "card", &id)?;
                j.clamp_spans();
            }
            Edit::AddPhase { phase, index } => {
                let index = index.min(j.phases.len());
                j.phases.insert(index, phase);
            }
            Edit::UpdatePhase(phase) => {
                let id = phase.id.clone();
                replace(&mut j.phases, phase, |p| p.id == id, "phase", &id)?;
                forget_missing_steps(j);
            }
            Edit::MovePhase { id, index } => {
                move_to(&mut j.phases, |p| p.id == id, index, "phase", &id)?;
                j.clamp_spans();
            }
            Edit::DeletePhase(id) => {
                j.phases.retain(|p| p.id != id);
                j.cards.retain(|c| c.at.phase != id);
                j.kpis.retain(|k| k.phase != id);
                j.loops.retain(|l| l.from != id && l.to != id);
                for curve in &mut j.emotion_curves {
                    curve.points.retain(|p| p.at.phase != id);
                }
                j.clamp_spans();
            }
            Edit::AddLane { lane, index } => {
                let index = index.min(j.lanes.len());
                j.lanes.insert(index, lane);
            }
            Edit::UpdateLane(lane) => {
                let id = lane.id.clone();
                replace(&mut j.lanes, lane, |l| l.id == id, "lane", &id)?;
            }
            Edit::MoveLane { id, index } => {
                move_to(&mut j.lanes, |l| l.id == id, index, "lane", &id)?;
            }
            Edit::DeleteLane(id) => {
                j.lanes.retain(|l| l.id != id);
                j.cards.retain(|c| c.lane != id);
            }
            Edit::SetEmotion { curve, at, value } => {
                let c = j
                    .emotion_curves
                    .iter()
                    .position(|c| c.id == curve)
                    .ok_or_else(|| format!("no curve {curve}"))?;
                set_point(j, c, &at, value)?;
            }
            Edit::SetEngagement {
                persona,
                variant,
                at,
                value,
            } => {
                if !j.personas.iter().any(|p| p.id == persona) {
                    return Err(format!("no persona {persona}"));
                }
                let mine = |c: &EmotionCurve| {
                    c.kind == CurveKind::Engagement && c.persona == persona && c.variant == variant
                };
                let c = match j.emotion_curves.iter().position(mine) {
                    Some(c) => c,
                    None => {
                        let id = CurveId(crate::model::fresh_id(
                            CurveId::PREFIX,
                            j.emotion_curves.iter().map(|c| c.id.as_str()),
                        ));
                        j.emotion_curves.push(EmotionCurve {
                            id,
                            persona,
                            variant,
                            kind: CurveKind::Engagement,
                            scale: Scale::engagement(),
                            points: Vec::new(),
                            evidence: false,
                        });
                        j.emotion_curves.len() - 1
                    }
                };
                set_point(j, c, &at, Some(value))?;
            }
            Edit::UpdateCurve(curve) => {
                let id = curve.id.clone();
                replace(&mut j.emotion_curves, curve, |c| c.id == id, "curve", &id)?;
            }
            Edit::AddCurve(curve) => j.emotion_curves.push(curve),
            Edit::DeleteCurve(id) => j.emotion_curves.retain(|c| c.id != id),
            Edit::SetScale(scale) => {
                for curve in &mut j.emotion_curves {
                    if curve.kind != CurveKind::Emotion {
                        continue;
                    }
                    for p in &mut curve.points {
                        p.value = p.value.clamp(scale.min as f32, scale.max as f32);
                    }
                    curve.scale = scale.clone();
                }
            }
            Edit::UpdatePersona(persona) => {
                let id = persona.id.clone();
                replace(&mut j.personas, persona, |p| p.id == id, "persona", &id)?;
            }
            Edit::AddPersona(persona) => j.personas.push(persona),
            Edit::DeletePersona(id) => {
                j.personas.retain(|p| p.id != id);
                j.emotion_curves.retain(|c| c.persona != id);
            }
            Edit::SetStyle(style) => j.style = style,
            Edit::SetKpis(kpis) => j.kpis = kpis,
            Edit::SetLoops(loops) => j.loops = loops,
            Edit::SetTitle(title) => j.title = title,
            Edit::SetDescription(text) => j.description = text,
            Edit::SetNotes(text) => j.notes = text,
            Edit::SetCard { id, field } => {
                field.set(find(&mut j.cards, |c| c.id == id, "card", &id)?);
                j.clamp_spans();
            }
            Edit::SetPhase { id, field } => {
                field.set(find(&mut j.phases, |p| p.id == id, "phase", &id)?)?;
                forget_missing_steps(j);
            }
            Edit::SetLane { id, field } => {
                field.set(find(&mut j.lanes, |l| l.id == id, "lane", &id)?);
            }
            Edit::SetPersona { id, field } => {
                field.set(find(&mut j.personas, |p| p.id == id, "persona", &id)?);
            }
            Edit::SetPoint { curve, at, field } => {
                let col = j.column_of(&at).ok_or("no such column")?;
                let columns = j.columns();
                let c = find(&mut j.emotion_curves, |c| c.id == curve, "curve", &curve)?;
                let point = c
                    .points
                    .iter_mut()
                    .find(|p| columns.iter().position(|s| s == &p.at) == Some(col))
                    .ok_or_else(|| format!("curve {curve} has no point in this column"))?;
                field.set(point);
            }
            Edit::Replace(new) | Edit::TakeOver(new) => *j = *new,
        }
        Ok(())
    }
}

/// Sets (or with `None`, removes) the point of curve number `c` in the column of `at`.
fn set_point(j: &mut Journey, c: usize, at: &Slot, value: Option<f32>) -> Result<(), String> {
    let col = j.column_of(at).ok_or("no such column")?;
    let columns = j.columns();
    let c = &mut j.emotion_curves[c];
    let existing = c
        .points
        .iter()
        .position(|p| columns.iter().position(|s| s == &p.at) == Some(col) || &p.at == at);
    match (existing, value) {
        (Some(i), Some(v)) => c.points[i].value = v,
        (Some(i), None) => {
            c.points.remove(i);
        }
        (None, Some(v)) => {
            // Keep points in column order so files read left to right.
            let insert_at = c
                .points
                .iter()
                .position(|p| columns.iter().position(|s| s == &p.at) > Some(col))
                .unwrap_or(c.points.len());
            c.points.insert(
                insert_at,
                crate::model::EmotionPoint {
                    at: columns[col].clone(),
                    value: v,
                    label: String::new(),
                    critical: false,
                },
            );
        }
        (None, None) => {}
    }
    Ok(())
}

/// The item `is` finds.
fn find<'a, T>(
    items: &'a mut [T],
    is: impl Fn(&T) -> bool,
    kind: &str,
    id: &dyn std::fmt::Display,
) -> Result<&'a mut T, String> {
    items
        .iter_mut()
        .find(|x| is(x))
        .ok_or_else(|| format!("no {kind} {id}"))
}

/// Replaces the item `is` finds with `item`.
fn replace<T>(
    items: &mut [T],
    item: T,
    is: impl Fn(&T) -> bool,
    kind: &str,
    id: &dyn std::fmt::Display,
) -> Result<(), String> {
    let slot = items
        .iter_mut()
        .find(|x| is(x))
        .ok_or_else(|| format!("no {kind} {id}"))?;
    *slot = item;
    Ok(())
}

/// Moves the item `is` finds to `index` (clamped to the end).
fn move_to<T>(
    items: &mut Vec<T>,
    is: impl Fn(&T) -> bool,
    index: usize,
    kind: &str,
    id: &dyn std::fmt::Display,
) -> Result<(), String> {
    let from = items
        .iter()
        .position(is)
        .ok_or_else(|| format!("no {kind} {id}"))?;
    let item = items.remove(from);
    items.insert(index.min(items.len()), item);
    Ok(())
}

/// The index in `j.cards` just after the last card of a cell.
fn end_of_cell(j: &Journey, lane: &LaneId, at: &Slot) -> usize {
    j.cards
        .iter()
        .rposition(|c| &c.lane == lane && &c.at == at)
        .map_or(j.cards.len(), |i| i + 1)
}

/// After a phase lost steps, cards and points on those steps move to the phase's first column.
fn forget_missing_steps(j: &mut Journey) {
    let phases = j.phases.clone();
    let fix = |slot: &mut Slot| {
        if let (Some(step), Some(phase)) = (&slot.step, phases.iter().find(|p| p.id == slot.phase))
            && !phase.steps.iter().any(|s| &s.id == step)
        {
            slot.step = phase.steps.first().map(|s| s.id.clone());
        }
    };
    for c in &mut j.cards {
        fix(&mut c.at);
    }
    for curve in &mut j.emotion_curves {
        for p in &mut curve.points {
            fix(&mut p.at);
        }
        // Two points may now share a column: keep the first.
        let mut seen = std::collections::HashSet::new();
        curve.points.retain(|p| seen.insert(p.at.clone()));
    }
    j.clamp_spans();
}

/// A past state of the map and the name of the edit that left it.
#[derive(Clone, Debug)]
struct Entry {
    name: &'static str,
    journey: Journey,
    revision: u64,
    /// Edits made during one gesture (a drag, typing into one field) to the same target merge
    /// into one entry: the gesture's id and [`Edit::target`].
    gesture: Option<(u64, String)>,
    /// What the snapshot holds on the heap beyond what it shares with the others.
    bytes: usize,
}

/// How much memory the undo history may hold. Persona photos are shared between snapshots, so
/// this is text and structure: about 2,000 steps of the largest example, far more of a
/// typical map. The oldest steps go first.
pub const HISTORY_BYTES: usize = 64 * 1024 * 1024;

/// Why an edit was refused. The map is unchanged.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum EditError {
    /// The edit named something that does not exist.
    #[error("cannot {0}: {1}")]
    Missing(&'static str, String),
    /// The edit would leave the map inconsistent.
    #[error("cannot {0}: {1}")]
    Invalid(&'static str, String),
}

/// The map being edited, with its history.
#[derive(Clone, Debug)]
pub struct Document {
    /// Unique per document value, so caches keyed on it never mix two maps.
    uid: u64,
    journey: Journey,
    undo: Vec<Entry>,
    redo: Vec<Entry>,
    revision: u64,
    next_revision: u64,
    saved_revision: Option<u64>,
    /// The heap bytes of `undo` and `redo` together.
    history_bytes: usize,
    /// At most this many bytes of history are kept ([`HISTORY_BYTES`] unless set).
    history_limit: usize,
    /// Edits the user interface asked for that were refused, for the status bar.
    refused: Vec<EditError>,
}

impl Document {
    /// A document as loaded from disk (not dirty).
    pub fn new(journey: Journey) -> Self {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        Self {
            uid: NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            journey,
            undo: Vec::new(),
            redo: Vec::new(),
            revision: 0,
            next_revision: 1,
            saved_revision: Some(0),
            history_bytes: 0,
            history_limit: HISTORY_BYTES,
            refused: Vec::new(),
        }
    }

    /// A document that has never been saved (dirty until it is).
    pub fn unsaved(journey: Journey) -> Self {
        let mut d = Self::new(journey);
        d.saved_revision = None;
        d
    }

    /// The map as it is now.
    pub fn journey(&self) -> &Journey {
        &self.journey
    }

    /// Applies an edit as its own undo step.
    pub fn apply(&mut self, edit: Edit) -> Result<(), EditError> {
        self.apply_in_gesture(edit, None)
    }

    /// Applies an edit; consecutive edits with the same `gesture` id to the same target (see
    /// [`Edit::target`]) form one undo step (so a drag that changes a value every frame undoes
    /// in one go).
    pub fn apply_in_gesture(&mut self, edit: Edit, gesture: Option<u64>) -> Result<(), EditError> {
        let name = edit.name();
        let key = gesture.map(|g| (g, edit.target()));
        let mut next = self.journey.clone();
        edit.apply(&mut next)
            .map_err(|e| EditError::Missing(name, e))?;
        if let Some(problem) = next.validate().first() {
            return Err(EditError::Invalid(name, describe(problem)));
        }
        if next == self.journey {
            return Ok(());
        }
        let merge = key.is_some()
            && self.undo.last().is_some_and(|e| e.gesture == key)
            && self.redo.is_empty();
        if !merge {
            let bytes = snapshot_bytes(&self.journey);
            self.history_bytes += bytes;
            self.undo.push(Entry {
                name,
                journey: std::mem::replace(&mut self.journey, next),
                revision: self.revision,
                gesture: key,
                bytes,
            });
        } else {
            self.journey = next;
        }
        self.history_bytes -= self.redo.iter().map(|e| e.bytes).sum::<usize>();
        self.redo.clear();
        self.revision = self.next_revision;
        self.next_revision += 1;
        self.trim_history();
        Ok(())
    }

    /// Applies an edit the user asked for in the interface. A refusal is kept for
    /// [`Document::take_refused`] (the status bar shows it) rather than dropped.
    pub fn submit(&mut self, edit: Edit) -> bool {
        self.submit_in_gesture(edit, None)
    }

    /// [`Document::submit`] as part of a gesture (see [`Document::apply_in_gesture`]).
    pub fn submit_in_gesture(&mut self, edit: Edit, gesture: Option<u64>) -> bool {
        match self.apply_in_gesture(edit, gesture) {
            Ok(()) => true,
            Err(e) => {
                self.refused.push(e);
                false
            }
        }
    }

    /// The edits refused since the last call, oldest first.
    pub fn take_refused(&mut self) -> Vec<EditError> {
        std::mem::take(&mut self.refused)
    }

    /// Sets how many bytes of history to keep, dropping the oldest steps beyond it.
    pub fn set_history_limit(&mut self, bytes: usize) {
        self.history_limit = bytes;
        self.trim_history();
    }

    /// Drops the oldest undo steps while the history holds more than its limit.
    fn trim_history(&mut self) {
        let mut drop = 0;
        while self.history_bytes > self.history_limit && drop < self.undo.len() {
            self.history_bytes -= self.undo[drop].bytes;
            drop += 1;
        }
        self.undo.drain(..drop);
    }

    /// How many undo steps are kept.
    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }

    /// The heap memory the undo and redo history holds (an estimate that counts each string's
    /// and list's capacity; shared photos once).
    pub fn history_bytes(&self) -> usize {
        self.history_bytes
    }

    /// Ends any gesture so the next edit starts a new undo step.
    pub fn end_gesture(&mut self) {
        if let Some(e) = self.undo.last_mut() {
            e.gesture = None;
        }
    }

    /// The name of the edit Undo would revert.
    pub fn undo_name(&self) -> Option<&'static str> {
        self.undo.last().map(|e| e.name)
    }

    /// The name of the edit Redo would repeat.
    pub fn redo_name(&self) -> Option<&'static str> {
        self.redo.last().map(|e| e.name)
    }

    /// Reverts the last edit. Returns its name, or `None` if there was nothing to undo.
    pub fn undo(&mut self) -> Option<&'static str> {
        let (from, to) = (&mut self.undo, &mut self.redo);
        Self::step(
            &mut self.journey,
            &mut self.revision,
            &mut self.history_bytes,
            from,
            to,
        )
    }

    /// Repeats the last undone edit.
    pub fn redo(&mut self) -> Option<&'static str> {
        let (from, to) = (&mut self.redo, &mut self.undo);
        Self::step(
            &mut self.journey,
            &mut self.revision,
            &mut self.history_bytes,
            from,
            to,
        )
    }

    /// Moves to the state at the top of `from`, keeping the current one on `to`.
    fn step(
        journey: &mut Journey,
        revision: &mut u64,
        history_bytes: &mut usize,
        from: &mut Vec<Entry>,
        to: &mut Vec<Entry>,
    ) -> Option<&'static str> {
        let entry = from.pop()?;
        let bytes = snapshot_bytes(journey);
        *history_bytes = *history_bytes - entry.bytes + bytes;
        to.push(Entry {
            name: entry.name,
            journey: std::mem::replace(journey, entry.journey),
            revision: *revision,
            gesture: None,
            bytes,
        });
        *revision = entry.revision;
        Some(entry.name)
    }

    /// A number that changes with every change to the map (and returns with undo).
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Identifies this document and its current state: equal keys mean an identical map.
    pub fn state_key(&self) -> (u64, u64) {
        (self.uid, self.revision)
    }

    /// Whether the map differs from the last save (undoing back to it makes it clean again).
    pub fn is_dirty(&self) -> bool {
        self.saved_revision != Some(self.revision)
    }

    /// Records that the map as it is now was saved.
    pub fn mark_saved(&mut self) {
        self.saved_revision = Some(self.revision);
    }
}

/// The heap bytes a snapshot of `j` holds of its own: every string's and list's capacity.
/// Photos are shared (`Arc`) between snapshots and not counted.
fn snapshot_bytes(j: &Journey) -> usize {
    use std::mem::size_of;
    let s = |s: &String| s.capacity();
    let list =
        |l: &Vec<String>| l.capacity() * size_of::<String>() + l.iter().map(s).sum::<usize>();
    let slot = |x: &Slot| x.phase.0.capacity() + x.step.as_ref().map_or(0, |st| st.0.capacity());
    let mut n = s(&j.title) + s(&j.description) + s(&j.notes);
    n += j.phases.capacity() * size_of::<Phase>();
    for p in &j.phases {
        n += s(&p.id.0) + s(&p.name) + s(&p.description) + s(&p.duration);
        n += p.steps.capacity() * size_of::<crate::model::Step>();
        n += p
            .steps
            .iter()
            .map(|st| s(&st.id.0) + s(&st.name))
            .sum::<usize>();
    }
    n += j.lanes.capacity() * size_of::<Lane>();
    n += j
        .lanes
        .iter()
        .map(|l| s(&l.id.0) + s(&l.title))
        .sum::<usize>();
    n += j.cards.capacity() * size_of::<Card>();
    for c in &j.cards {
        n += s(&c.id.0) + s(&c.lane.0) + slot(&c.at) + s(&c.title) + s(&c.body);
        if let Some(crate::model::Channel::Custom { name, icon }) = &c.channel {
            n += s(name) + icon.as_ref().map_or(0, s);
        }
    }
    n += j.personas.capacity() * size_of::<Persona>();
    for p in &j.personas {
        n += s(&p.id.0) + s(&p.name) + s(&p.role) + s(&p.gender) + s(&p.location);
        n += s(&p.living_situation) + s(&p.hobbies) + s(&p.salary_band) + s(&p.quote);
        n += list(&p.goals) + list(&p.frustrations);
        n += p.photo.as_ref().map_or(0, |ph| s(&ph.mime));
    }
    n += j.emotion_curves.capacity() * size_of::<EmotionCurve>();
    for c in &j.emotion_curves {
        n += s(&c.id.0) + s(&c.persona.0) + list(&c.scale.labels);
        n += c.points.capacity() * size_of::<crate::model::EmotionPoint>();
        n += c
            .points
            .iter()
            .map(|p| slot(&p.at) + s(&p.label))
            .sum::<usize>();
    }
    n += j.kpis.capacity() * size_of::<Kpi>();
    n += j
        .kpis
        .iter()
        .map(|k| s(&k.id.0) + s(&k.phase.0) + s(&k.name) + s(&k.value))
        .sum::<usize>();
    n + size_of::<Journey>()
}

fn describe(problem: &ValidationError) -> String {
    problem.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Language;
    use crate::templates::Template;

    fn doc() -> Document {
        let mut j = Template::Blank.build(Language::En);
        let lane = j.lanes[0].id.clone();
        for (i, phase) in ["p1", "p1", "p2"].iter().enumerate() {
            j.cards.push(Card {
                id: CardId(format!("c{i}")),
                lane: lane.clone(),
                at: Slot::phase(*phase),
                span: 1,
                title: format!("card {i}"),
                body: String::new(),
                channel: None,
                evidence: Default::default(),
                color: None,
                critical: false,
                sentiment: None,
                image: None,
            });
        }
        Document::new(j)
    }

    #[test]
    fn the_first_engagement_point_starts_the_personas_dramatic_arc() {
        let mut d = doc();
        let persona = d.journey().personas[0].id.clone();
        let set = |at: &str, value: f32| Edit::SetEngagement {
            persona: persona.clone(),
            variant: CurveVariant::AsIs,
            at: Slot::phase(at),
            value,
        };
        d.apply(set("p2", 4.0)).expect("valid");
        d.apply(set("p1", 2.0)).expect("valid");
        d.apply(set("p2", 5.0)).expect("valid");
        let arcs: Vec<_> = d
            .journey()
            .emotion_curves
            .iter()
            .filter(|c| c.kind == CurveKind::Engagement)
            .collect();
        assert_eq!(arcs.len(), 1, "one arc per persona and variant");
        assert_eq!(arcs[0].scale, Scale::engagement());
        let values: Vec<_> = arcs[0].points.iter().map(|p| p.value).collect();
        assert_eq!(values, [2.0, 5.0], "in column order");
        assert!(d.journey().validate().is_empty());
        assert_eq!(d.undo_name(), Some("change engagement"));
        for _ in 0..3 {
            d.undo();
        }
        assert!(
            d.journey()
                .emotion_curves
                .iter()
                .all(|c| c.kind == CurveKind::Emotion)
        );
        let e = d
            .apply(Edit::SetEngagement {
                persona: "nobody".into(),
                variant: CurveVariant::AsIs,
                at: Slot::phase("p1"),
                value: 3.0,
            })
            .expect_err("no such persona");
        assert!(e.to_string().contains("nobody"), "{e}");
    }

    #[test]
    fn a_new_emotion_scale_leaves_the_dramatic_arc_on_one_to_five() {
        let mut d = doc();
        let persona = d.journey().personas[0].id.clone();
        d.apply(Edit::SetEngagement {
            persona,
            variant: CurveVariant::AsIs,
            at: Slot::phase("p1"),
            value: 5.0,
        })
        .expect("valid");
        d.apply(Edit::SetScale(Scale {
            min: 0,
            max: 2,
            labels: Vec::new(),
        }))
        .expect("valid");
        let j = d.journey();
        let arc = j
            .emotion_curves
            .iter()
            .find(|c| c.kind == CurveKind::Engagement)
            .expect("arc");
        assert_eq!(arc.scale, Scale::engagement());
        assert_eq!(
            arc.points[0].value, 5.0,
            "not pulled into the emotion scale"
        );
        assert!(
            j.emotion_curves
                .iter()
                .filter(|c| c.kind == CurveKind::Emotion)
                .all(|c| c.scale.max == 2)
        );
    }

    #[test]
    fn move_undo_redo_restore_exact_documents() {
        let mut d = doc();
        let before = d.journey().clone();
        d.apply(Edit::MoveCards {
            ids: vec!["c0".into()],
            lane: "l2".into(),
            at: Slot::phase("p3"),
            before: None,
        })
        .expect("valid move");
        let after = d.journey().clone();
        assert_eq!(
            after.card(&"c0".into()).map(|c| c.at.phase.as_str()),
            Some("p3")
        );
        assert!(d.is_dirty());
        assert_eq!(d.undo_name(), Some("move card"));
        d.undo();
        assert_eq!(d.journey(), &before);
        assert!(!d.is_dirty(), "back at the saved state");
        d.redo();
        assert_eq!(d.journey(), &after);
    }

    #[test]
    fn reorder_within_a_cell() {
        let mut d = doc();
        d.apply(Edit::MoveCards {
            ids: vec!["c1".into()],
            lane: "l1".into(),
            at: Slot::phase("p1"),
            before: Some("c0".into()),
        })
        .expect("valid");
        let order: Vec<_> = d.journey().cards.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(order, ["c1", "c0", "c2"]);
    }

    #[test]
    fn invalid_edits_are_refused_and_change_nothing() {
        let mut d = doc();
        let before = d.journey().clone();
        let e = d
            .apply(Edit::MoveCards {
                ids: vec!["c0".into()],
                lane: "nope".into(),
                at: Slot::phase("p1"),
                before: None,
            })
            .expect_err("dangling lane");
        assert!(e.to_string().contains("lane"), "{e}");
        assert_eq!(d.journey(), &before);
        assert!(d.undo_name().is_none());
    }

    #[test]
    fn a_gesture_is_one_undo_step() {
        let mut d = doc();
        for v in [0.5, 1.0, 1.5, 2.0] {
            d.apply_in_gesture(
                Edit::SetEmotion {
                    curve: "curve1".into(),
                    at: Slot::phase("p2"),
                    value: Some(v),
                },
                Some(7),
            )
            .expect("valid");
        }
        d.end_gesture();
        assert_eq!(d.journey().emotion_curves[0].points[1].value, 2.0);
        d.undo();
        assert_eq!(d.journey().emotion_curves[0].points[1].value, 0.0);
        assert!(d.undo_name().is_none());
    }

    #[test]
    fn deleting_a_phase_takes_its_cards_and_undo_brings_them_back() {
        let mut d = doc();
        let before = d.journey().clone();
        d.apply(Edit::DeletePhase("p1".into())).expect("valid");
        assert_eq!(d.journey().cards.len(), 1);
        assert_eq!(d.journey().emotion_curves[0].points.len(), 2);
        d.undo();
        assert_eq!(d.journey(), &before);
    }

    #[test]
    fn field_edits_change_one_field_and_merge_only_on_the_same_target() {
        let mut d = doc();
        let before = d.journey().clone();
        let set = |id: &str, text: &str| Edit::SetCard {
            id: CardId(id.into()),
            field: CardField::Body(text.into()),
        };
        d.apply_in_gesture(set("c0", "a"), Some(7)).expect("valid");
        d.apply_in_gesture(set("c0", "ab"), Some(7)).expect("valid");
        assert_eq!(d.undo_len(), 1, "typing into one field is one step");
        d.apply_in_gesture(set("c1", "x"), Some(7)).expect("valid");
        assert_eq!(
            d.undo_len(),
            2,
            "the same gesture on another card is a new step"
        );
        let mut expected = before.clone();
        expected.cards[0].body = "ab".into();
        expected.cards[1].body = "x".into();
        assert_eq!(d.journey(), &expected, "nothing but the two bodies changed");
        d.apply(Edit::SetDescription("over".into())).expect("valid");
        d.apply(Edit::SetNotes("bronnen".into())).expect("valid");
        assert_eq!(d.journey().cards, expected.cards);
        assert_eq!(d.undo_name(), Some("edit map notes"));
        let e = d
            .apply(Edit::SetPhase {
                id: "p1".into(),
                field: PhaseField::StepName("nope".into(), "x".into()),
            })
            .expect_err("no such step");
        assert!(e.to_string().contains("nope"), "{e}");
        assert!(!d.submit(set("gone", "x")), "a refused edit says so");
        assert_eq!(d.take_refused().len(), 1);
        assert!(d.take_refused().is_empty());
    }

    #[test]
    fn the_history_is_bounded_by_memory_and_keeps_the_newest_steps() {
        let mut d = doc();
        let one = snapshot_bytes(d.journey());
        d.set_history_limit(one * 10);
        for i in 0..100 {
            d.apply(Edit::SetTitle(format!("title {i}")))
                .expect("valid");
        }
        assert!(d.undo_len() <= 10 && d.undo_len() >= 8, "{}", d.undo_len());
        assert!(d.history_bytes() <= one * 10);
        d.undo();
        assert_eq!(d.journey().title, "title 98", "the newest steps are kept");
        d.redo();
        let kept = d.undo_len();
        while d.undo().is_some() {}
        assert_eq!(
            d.journey().title,
            format!("title {}", 99 - kept),
            "undoes to the oldest kept step"
        );
    }

    #[test]
    fn photos_are_shared_between_snapshots() {
        let mut d = doc();
        let mut j = d.journey().clone();
        j.personas[0].photo = Some(crate::model::Photo {
            mime: "image/png".into(),
            base64: "A".repeat(400_000).into(),
        });
        d = Document::new(j);
        for i in 0..50 {
            d.apply(Edit::SetTitle(format!("t{i}"))).expect("valid");
        }
        assert!(
            d.history_bytes() < 50 * 100_000,
            "50 steps do not hold 50 photos: {} bytes",
            d.history_bytes()
        );
    }
}

/// A new, empty card with a fresh id for a cell.
pub fn new_card(j: &Journey, lane: LaneId, at: Slot, title: impl Into<String>) -> Card {
    Card {
        id: CardId(crate::model::fresh_id(
            CardId::PREFIX,
            j.cards.iter().map(|c| c.id.as_str()),
        )),
        lane,
        at,
        span: 1,
        title: title.into(),
        body: String::new(),
        channel: None,
        evidence: Default::default(),
        color: None,
        critical: false,
        sentiment: None,
        image: None,
    }
}

/// Copies of `cards` with fresh ids, ready to add to `j` (paste, duplicate). Cards whose lane
/// or column does not exist in `j` go to `fallback`.
pub fn copies_for(j: &Journey, cards: &[Card], fallback: Option<(LaneId, Slot)>) -> Vec<Card> {
    let mut taken: Vec<String> = j.cards.iter().map(|c| c.id.0.clone()).collect();
    let mut out = Vec::new();
    for card in cards {
        let mut c = card.clone();
        c.id = CardId(crate::model::fresh_id(
            CardId::PREFIX,
            taken.iter().map(String::as_str),
        ));
        taken.push(c.id.0.clone());
        let fits = j.lane(&c.lane).is_some() && j.column_of(&c.at).is_some();
        if let Some((lane, at)) = fallback.clone().filter(|_| !fits) {
            c.lane = lane;
            c.at = at;
        }
        if j.lane(&c.lane).is_none() || j.column_of(&c.at).is_none() {
            continue;
        }
        c.span = 1.max(c.span);
        out.push(c);
    }
    out
}

/// The clipboard form of cards: RON text another window of the app can paste.
#[derive(serde::Serialize, serde::Deserialize)]
struct ClipboardCards {
    journey_map_cards: Vec<Card>,
}

/// Cards as clipboard text.
pub fn cards_to_clipboard(cards: &[Card]) -> String {
    ron::ser::to_string_pretty(
        &ClipboardCards {
            journey_map_cards: cards.to_vec(),
        },
        ron::ser::PrettyConfig::default(),
    )
    .unwrap_or_default()
}

/// Cards from clipboard text, if it holds any (anything else on the clipboard is ignored).
pub fn cards_from_clipboard(text: &str) -> Option<Vec<Card>> {
    if text.len() > 4 * 1024 * 1024 {
        return None;
    }
    ron::Options::default()
        .with_recursion_limit(32)
        .from_str::<ClipboardCards>(text)
        .ok()
        .map(|c| c.journey_map_cards)
}
