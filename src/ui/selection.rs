//! What the user has selected: some cards, or a phase, or a lane.

use crate::model::{CardId, CurveId, Journey, LaneId, PersonaId, PhaseId};

/// The current selection. Cards, a phase, a lane, an emotion point and a persona are mutually
/// exclusive.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Selection {
    pub cards: Vec<CardId>,
    pub phase: Option<PhaseId>,
    pub lane: Option<LaneId>,
    /// An emotion point: its curve and column.
    pub point: Option<(CurveId, usize)>,
    pub persona: Option<PersonaId>,
}

impl Selection {
    /// Selects exactly one card.
    pub fn card(id: CardId) -> Self {
        Self {
            cards: vec![id],
            ..Self::default()
        }
    }

    /// Adds or removes a card (Ctrl/Shift-click).
    pub fn toggle(&mut self, id: CardId) {
        self.phase = None;
        self.lane = None;
        self.point = None;
        self.persona = None;
        if let Some(i) = self.cards.iter().position(|c| c == &id) {
            self.cards.remove(i);
        } else {
            self.cards.push(id);
        }
    }

    /// Whether a card is selected.
    pub fn has_card(&self, id: &CardId) -> bool {
        self.cards.contains(id)
    }

    /// Drops ids that no longer exist (after undo, delete, load).
    pub fn retain_existing(&mut self, j: &Journey) {
        self.cards.retain(|id| j.card(id).is_some());
        if self.phase.as_ref().is_some_and(|p| j.phase(p).is_none()) {
            self.phase = None;
        }
        if self.lane.as_ref().is_some_and(|l| j.lane(l).is_none()) {
            self.lane = None;
        }
        let columns = j.columns().len();
        if self
            .point
            .as_ref()
            .is_some_and(|(c, col)| j.curve(c).is_none() || *col >= columns)
        {
            self.point = None;
        }
        if self
            .persona
            .as_ref()
            .is_some_and(|p| !j.personas.iter().any(|x| &x.id == p))
        {
            self.persona = None;
        }
    }

    /// Selected cards in document order (the order they keep when moved together).
    pub fn cards_in_order(&self, j: &Journey) -> Vec<CardId> {
        j.cards
            .iter()
            .filter(|c| self.cards.contains(&c.id))
            .map(|c| c.id.clone())
            .collect()
    }

    /// Whether nothing is selected.
    pub fn is_empty(&self) -> bool {
        self.cards.is_empty()
            && self.phase.is_none()
            && self.lane.is_none()
            && self.point.is_none()
            && self.persona.is_none()
    }
}
