//! The document model: plain data with serde, no UI types. Everything a `.journey.ron` file holds.

mod channel;
mod color;
mod emotion;
mod ids;
mod journey;
mod language;
mod number;
mod persona;
mod validate;

pub use channel::{Channel, ChannelGroup};
pub use color::{BadColor, Rgb};
pub use emotion::{CurveKind, CurveVariant, EmotionCurve, EmotionPoint, Scale};
pub use ids::{CardId, CurveId, KpiId, LaneId, LoopId, PersonaId, PhaseId, StepId, fresh_id};
pub use journey::{
    Card, CardImage, Evidence, Journey, Kpi, Lane, LaneKind, LoopBack, MapStyle, Phase, Slot, Step,
};
pub use language::Language;
pub use number::{NotANumber, Number, format_percent, parse_number};
pub use persona::{MAX_PHOTO_BYTES, Persona, Photo};
pub use validate::{Anchor, COLUMN_WIDTH, LANE_HEIGHT, ValidationError};
