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
    #[serde(default)]
    pub scale: Scale,
    /// At most one point per column; columns without a point are gaps in the curve.
    #[serde(default)]
    pub points: Vec<EmotionPoint>,
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
