//! Emotion curves: how a persona feels at each step of the journey.

use super::{CurveId, PersonaId, Slot};
use serde::{Deserialize, Serialize};

/// Today's journey or the one we want.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CurveVariant {
    /// The journey as customers experience it now.
    #[default]
    AsIs,
    /// The journey as it should be.
    ToBe,
}

/// What a curve measures, and so which lane shows it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CurveKind {
    /// How the persona feels: the emotion lane.
    #[default]
    Emotion,
    /// How engaged the persona is, 1 (barely) to 5 (fully): Smaply's dramatic arc, drawn in a
    /// dramatic-arc lane.
    Engagement,
}

impl CurveKind {
    /// For serde: emotion curves, the common case, leave the field out.
    pub fn is_emotion(&self) -> bool {
        *self == CurveKind::Emotion
    }
}

/// The range an emotion value lives in: whole levels from `min` to `max`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scale {
    pub min: i32,
    pub max: i32,
    /// Optional names for the levels, lowest first ("gefrustreerd" … "enthousiast").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub labels: Vec<String>,
}

impl Default for Scale {
    fn default() -> Self {
        Self {
            min: -2,
            max: 2,
            labels: Vec::new(),
        }
    }
}

impl Scale {
    /// Fewest and most levels a scale may have.
    pub const LEVELS: std::ops::RangeInclusive<i64> = 3..=10;

    /// Number of levels, `max - min + 1`.
    pub fn levels(&self) -> i64 {
        i64::from(self.max) - i64::from(self.min) + 1
    }

    /// The dramatic arc's fixed scale: engagement from 1 to 5.
    pub fn engagement() -> Self {
        Self {
            min: 1,
            max: 5,
            labels: Vec::new(),
        }
    }

    /// Whether a value lies on the scale.
    pub fn contains(&self, v: f32) -> bool {
        v.is_finite() && v >= self.min as f32 && v <= self.max as f32
    }
}

/// One persona's emotion along the journey.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmotionCurve {
    pub id: CurveId,
    pub persona: PersonaId,
    #[serde(default)]
    pub variant: CurveVariant,
    /// Emotion (the default) or engagement (a dramatic arc).
    #[serde(default, skip_serializing_if = "CurveKind::is_emotion")]
    pub kind: CurveKind,
    #[serde(default)]
    pub scale: Scale,
    /// At most one point per column; columns without a point are gaps in the curve.
    #[serde(default)]
    pub points: Vec<EmotionPoint>,
    /// Draw beside it the curve the cards' sentiments give, weighted by their evidence.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub evidence: bool,
}

/// A value at one column of the map.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmotionPoint {
    pub at: Slot,
    pub value: f32,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
    /// A moment of truth: drawn as a star.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub critical: bool,
}
