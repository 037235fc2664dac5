//! The journey map document: phases (columns) crossed by lanes (rows), with cards in the cells.

use super::{
    CardId, Channel, CurveId, EmotionCurve, KpiId, LaneId, Language, LoopId, Persona, PhaseId, Rgb,
    StepId,
};
use serde::{Deserialize, Serialize};

/// A whole customer journey map: what a `.journey.ron` file holds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Journey {
    /// The map's title, shown in its header.
    pub title: String,
    /// A sentence or two on what the map is about.
    #[serde(default)]
    pub description: String,
    /// The language the map's text is written in.
    #[serde(default)]
    pub language: Language,
    /// Who takes this journey. The first is the one the map is headed by.
    #[serde(default)]
    pub personas: Vec<Persona>,
    /// The columns, left to right.
    pub phases: Vec<Phase>,
    /// The rows, top to bottom.
    pub lanes: Vec<Lane>,
    /// Cards in the cells. Their order in this list is their order inside a cell.
    #[serde(default)]
    pub cards: Vec<Card>,
    /// How each persona feels along the way.
    #[serde(default)]
    pub emotion_curves: Vec<EmotionCurve>,
    /// Figures per phase ("conversie 2.4%").
    #[serde(default)]
    pub kpis: Vec<Kpi>,
    /// Free notes on the map as a whole (sources, open questions).
    #[serde(default)]
    pub notes: String,
    /// Drawing choices.
    #[serde(default, skip_serializing_if = "MapStyle::is_default")]
    pub style: MapStyle,
    /// Arrows from a phase back to an earlier one: the journey as a cycle.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub loops: Vec<LoopBack>,
}

/// A column of the map: one stage of the customer's journey.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Phase {
    pub id: PhaseId,
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub color: Rgb,
    /// Free text: "10 seconden", "6 maanden". How long a phase lasts depends on risk and routine.
    #[serde(default)]
    pub duration: String,
    /// Optional sub-columns. A phase without steps is one column.
    #[serde(default)]
    pub steps: Vec<Step>,
    /// Width of each of the phase's columns in layout units; the map's default when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column_width: Option<f32>,
}

impl Phase {
    /// How many columns the phase occupies (at least one).
    pub fn column_count(&self) -> usize {
        self.steps.len().max(1)
    }
}

/// A sub-column of a phase.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub id: StepId,
    pub name: String,
}

/// What a lane (row) is for; decides how it is drawn and what a new card in it looks like.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LaneKind {
    /// What the customer does.
    Actions,
    /// What the customer thinks or asks.
    Thoughts,
    /// Where customer and company meet.
    Touchpoints,
    /// The channels used in each phase.
    Channels,
    /// The emotion curve.
    Emotion,
    /// The dramatic arc: how engaged the persona is, 1 to 5 (Smaply's engagement curve).
    DramaticArc,
    /// What goes wrong.
    PainPoints,
    /// What could be better.
    Opportunities,
    /// What the company does behind the scenes.
    Backstage,
    /// Figures per phase.
    Kpis,
    /// Anything else.
    Notes,
    /// Pictures: a screenshot of the checkout, a photo of the shelf, a workshop sketch.
    Storyboard,
}

impl LaneKind {
    /// Every kind, in the order a new map lists them.
    pub const ALL: [LaneKind; 12] = [
        LaneKind::Actions,
        LaneKind::Thoughts,
        LaneKind::Touchpoints,
        LaneKind::Channels,
        LaneKind::Emotion,
        LaneKind::DramaticArc,
        LaneKind::PainPoints,
        LaneKind::Opportunities,
        LaneKind::Backstage,
        LaneKind::Kpis,
        LaneKind::Notes,
        LaneKind::Storyboard,
    ];

    /// The kind of curve the lane shows, for the emotion and dramatic-arc lanes; they hold no
    /// cards.
    pub fn curve_kind(self) -> Option<super::CurveKind> {
        match self {
            LaneKind::Emotion => Some(super::CurveKind::Emotion),
            LaneKind::DramaticArc => Some(super::CurveKind::Engagement),
            _ => None,
        }
    }

    /// Whether the lane shows a curve rather than cards.
    pub fn is_curve(self) -> bool {
        self.curve_kind().is_some()
    }

    /// The default lane title in `lang`.
    pub fn label(self, lang: Language) -> &'static str {
        match self {
            LaneKind::Actions => lang.pick("Actions", "Doen"),
            LaneKind::Thoughts => lang.pick("Thoughts", "Denken"),
            LaneKind::Touchpoints => lang.pick("Touchpoints", "Touchpoints"),
            LaneKind::Channels => lang.pick("Channels", "Kanalen"),
            LaneKind::Emotion => lang.pick("Emotion", "Beleving"),
            LaneKind::DramaticArc => lang.pick("Dramatic arc", "Spanningsboog"),
            LaneKind::PainPoints => lang.pick("Pain points", "Knelpunten"),
            LaneKind::Opportunities => lang.pick("Opportunities", "Kansen"),
            LaneKind::Backstage => lang.pick("Backstage", "Backstage / workflow"),
            LaneKind::Kpis => lang.pick("KPIs", "KPI's"),
            LaneKind::Notes => lang.pick("Notes", "Notities"),
            LaneKind::Storyboard => lang.pick("Storyboard", "Storyboard"),
        }
    }

    /// A sensible row height in layout units for a new lane of this kind.
    pub fn default_height(self) -> f32 {
        match self {
            LaneKind::Emotion => 160.0,
            LaneKind::DramaticArc => 140.0,
            LaneKind::Channels | LaneKind::Kpis => 80.0,
            LaneKind::Storyboard => 180.0,
            _ => 120.0,
        }
    }
}

/// A row of the map.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lane {
    pub id: LaneId,
    pub title: String,
    pub kind: LaneKind,
    #[serde(default = "default_true")]
    pub visible: bool,
    /// Row height in layout units.
    pub height: f32,
    /// A KPI lane drawn as a funnel: the name of the KPI that counts people per phase
    /// ("bezoekers").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub funnel: Option<String>,
}

fn default_true() -> bool {
    true
}

fn default_span() -> u32 {
    1
}

fn is_one(v: &u32) -> bool {
    *v == 1
}

/// How well a card's content is backed by research.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Evidence {
    /// Nobody checked yet.
    #[default]
    Assumption,
    /// Some interviews or data back it.
    PartlyResearched,
    /// Confirmed by research.
    Researched,
}

impl Evidence {
    /// All levels, weakest first.
    pub const ALL: [Evidence; 3] = [
        Evidence::Assumption,
        Evidence::PartlyResearched,
        Evidence::Researched,
    ];

    /// The name shown to people.
    pub fn label(self, lang: Language) -> &'static str {
        match self {
            Evidence::Assumption => lang.pick("Assumption", "Aanname"),
            Evidence::PartlyResearched => lang.pick("Partly researched", "Deels onderzocht"),
            Evidence::Researched => lang.pick("Researched", "Onderzocht"),
        }
    }
}

/// Where a card (or an emotion point) sits along the journey: a phase, and a step when the
/// phase has steps.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Slot {
    pub phase: PhaseId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<StepId>,
}

impl Slot {
    /// A slot at a phase without steps.
    pub fn phase(phase: impl Into<PhaseId>) -> Self {
        Self {
            phase: phase.into(),
            step: None,
        }
    }
}

/// A card in a cell: a touchpoint, a thought, a pain point…
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Card {
    pub id: CardId,
    pub lane: LaneId,
    /// The column the card starts in.
    pub at: Slot,
    /// How many columns the card covers, starting at `at` (1 unless it spans steps).
    #[serde(default = "default_span", skip_serializing_if = "is_one")]
    pub span: u32,
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub body: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<Channel>,
    #[serde(default)]
    pub evidence: Evidence,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<Rgb>,
    /// A moment of truth: where the customer needs extra information to decide.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub critical: bool,
    /// How the customer feels in this thought, pain point or opportunity, on the emotion
    /// scale: research that an evidence curve is computed from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sentiment: Option<f32>,
    /// A picture on the card (embedded, never linked), above its title as caption.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<CardImage>,
}

/// A card's picture: scaled to at most [`CardImage::MAX_SIDE`] pixels a side and re-encoded
/// when it was added, with its size so the layout needs no decoding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CardImage {
    pub width: u32,
    pub height: u32,
    pub photo: super::Photo,
}

impl CardImage {
    /// The longest side an embedded card image may have.
    pub const MAX_SIDE: u32 = 1024;
}

/// How a map is drawn: choices that travel with the document, so a colleague's export looks
/// the same.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MapStyle {
    /// Faces on the emotion curve (true) or plain dots (false).
    pub emotion_faces: bool,
    /// A legend of the channels the map uses, under the map.
    pub channel_legend: bool,
}

impl Default for MapStyle {
    fn default() -> Self {
        Self {
            emotion_faces: true,
            channel_legend: true,
        }
    }
}

impl MapStyle {
    fn is_default(&self) -> bool {
        self == &Self::default()
    }
}

/// An arrow from a phase back to an earlier phase (or the first), drawn above the phase band:
/// the ambassador who brings in the next customer ("Beveelt aan → nieuwe klant").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LoopBack {
    pub id: LoopId,
    /// The phase the arrow leaves.
    pub from: PhaseId,
    /// The phase it returns to.
    pub to: PhaseId,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
}

/// A named figure for one phase ("conversie", "2.4%").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Kpi {
    pub id: KpiId,
    pub phase: PhaseId,
    pub name: String,
    pub value: String,
}

impl Journey {
    /// Shortens card spans that would run past the last column (after a move, or when the map
    /// is cut to some of its columns).
    pub fn clamp_spans(&mut self) {
        let columns = self.columns().len();
        let starts: Vec<Option<usize>> = self.cards.iter().map(|c| self.column_of(&c.at)).collect();
        for (card, start) in self.cards.iter_mut().zip(starts) {
            if let Some(start) = start {
                card.span = card.span.clamp(1, (columns - start).max(1) as u32);
            }
        }
    }

    /// An empty map with a title and no columns or rows.
    pub fn empty(title: impl Into<String>, language: Language) -> Self {
        Self {
            title: title.into(),
            description: String::new(),
            language,
            personas: Vec::new(),
            phases: Vec::new(),
            lanes: Vec::new(),
            cards: Vec::new(),
            emotion_curves: Vec::new(),
            kpis: Vec::new(),
            notes: String::new(),
            style: MapStyle::default(),
            loops: Vec::new(),
        }
    }

    /// A copy of everything but the cards: cheap even for a map with thousands of cards, for UI
    /// code that reads phases, lanes, personas or curves every frame.
    pub fn without_cards(&self) -> Journey {
        Journey {
            title: self.title.clone(),
            description: self.description.clone(),
            language: self.language,
            personas: self.personas.clone(),
            phases: self.phases.clone(),
            lanes: self.lanes.clone(),
            cards: Vec::new(),
            emotion_curves: self.emotion_curves.clone(),
            kpis: self.kpis.clone(),
            notes: self.notes.clone(),
            style: self.style.clone(),
            loops: self.loops.clone(),
        }
    }

    /// Every column of the map, left to right, as slots.
    pub fn columns(&self) -> Vec<Slot> {
        let mut out = Vec::new();
        for phase in &self.phases {
            if phase.steps.is_empty() {
                out.push(Slot::phase(phase.id.clone()));
            } else {
                out.extend(phase.steps.iter().map(|s| Slot {
                    phase: phase.id.clone(),
                    step: Some(s.id.clone()),
                }));
            }
        }
        out
    }

    /// The column index of a slot, if the slot exists. A slot naming only the phase of a phase
    /// with steps means its first step.
    pub fn column_of(&self, slot: &Slot) -> Option<usize> {
        let mut col = 0;
        for phase in &self.phases {
            if phase.id == slot.phase {
                return match &slot.step {
                    None => Some(col),
                    Some(step) => phase
                        .steps
                        .iter()
                        .position(|s| &s.id == step)
                        .map(|i| col + i),
                };
            }
            col += phase.column_count();
        }
        None
    }

    /// Looks up a phase.
    pub fn phase(&self, id: &PhaseId) -> Option<&Phase> {
        self.phases.iter().find(|p| &p.id == id)
    }

    /// Looks up a lane.
    pub fn lane(&self, id: &LaneId) -> Option<&Lane> {
        self.lanes.iter().find(|l| &l.id == id)
    }

    /// Looks up a card.
    pub fn card(&self, id: &CardId) -> Option<&Card> {
        self.cards.iter().find(|c| &c.id == id)
    }

    /// Looks up a curve.
    pub fn curve(&self, id: &CurveId) -> Option<&EmotionCurve> {
        self.emotion_curves.iter().find(|c| &c.id == id)
    }

    /// Number of emotion points over all curves.
    pub fn emotion_point_count(&self) -> usize {
        self.emotion_curves.iter().map(|c| c.points.len()).sum()
    }

    /// A short summary: "10 phases, 8 lanes, 34 cards, 1 persona, 10 emotion points".
    pub fn summary(&self) -> String {
        fn n(count: usize, one: &str, many: &str) -> String {
            format!("{count} {}", if count == 1 { one } else { many })
        }
        format!(
            "{}, {}, {}, {}, {}",
            n(self.phases.len(), "phase", "phases"),
            n(self.lanes.len(), "lane", "lanes"),
            n(self.cards.len(), "card", "cards"),
            n(self.personas.len(), "persona", "personas"),
            n(
                self.emotion_point_count(),
                "emotion point",
                "emotion points"
            ),
        )
    }
}
