//! Checks a loaded document for what serde cannot: references, ranges, uniqueness.
//! Everything the UI relies on is checked here once, so later code never meets a dangling id.

use super::{Journey, Slot};
use std::collections::HashSet;
use std::fmt;

/// Where in the document a problem is: the id of the object that has it (which the file
/// loader finds in the text to report a line and column) and the field at fault.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Anchor {
    /// The id written in the file for the object (`"c4"`), or `None` for the document itself.
    pub id: Option<String>,
    /// The field name inside that object (`phase`, `lane`, `points`).
    pub field: &'static str,
}

/// One thing wrong with a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidationError {
    /// Which object, in words: `card "c4"`.
    pub subject: String,
    /// What is wrong and what was expected.
    pub message: String,
    /// Where to point in the file.
    pub anchor: Anchor,
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.subject, self.message)
    }
}

/// Column widths outside this range are refused (layout units).
pub const COLUMN_WIDTH: std::ops::RangeInclusive<f32> = 60.0..=1000.0;

/// Lane heights outside this range are refused (layout units).
pub const LANE_HEIGHT: std::ops::RangeInclusive<f32> = 24.0..=2000.0;

struct Checker<'a> {
    doc: &'a Journey,
    errors: Vec<ValidationError>,
}

impl Checker<'_> {
    fn push(&mut self, subject: String, id: Option<&str>, field: &'static str, message: String) {
        self.errors.push(ValidationError {
            subject,
            message,
            anchor: Anchor {
                id: id.map(str::to_owned),
                field,
            },
        });
    }

    fn unique<'b>(&mut self, kind: &str, ids: impl Iterator<Item = &'b str>) {
        let mut seen = HashSet::new();
        for id in ids {
            if id.trim().is_empty() {
                self.push(
                    kind.to_owned(),
                    Some(id),
                    "id",
                    "has an empty id".to_owned(),
                );
            } else if !seen.insert(id) {
                self.push(
                    format!("{kind} {id:?}"),
                    Some(id),
                    "id",
                    format!("the id {id:?} is used twice; every {kind} needs its own id"),
                );
            }
        }
    }

    fn list(names: impl Iterator<Item = String>) -> String {
        let all: Vec<String> = names.map(|n| format!("{n:?}")).collect();
        if all.is_empty() {
            "none exist".to_owned()
        } else if all.len() > 12 {
            format!("one of {} …", all[..12].join(", "))
        } else {
            format!("one of {}", all.join(", "))
        }
    }

    /// Checks that a slot names an existing phase (and step of it); returns its column.
    fn slot(&mut self, subject: &str, id: &str, field: &'static str, slot: &Slot) -> Option<usize> {
        let doc = self.doc;
        let Some(phase) = doc.phase(&slot.phase) else {
            let known = Self::list(doc.phases.iter().map(|p| p.id.0.clone()));
            self.push(
                subject.to_owned(),
                Some(id),
                field,
                format!("expected a phase id ({known}), found {:?}", slot.phase.0),
            );
            return None;
        };
        if let Some(step) = &slot.step
            && !phase.steps.iter().any(|s| &s.id == step)
        {
            let known = Self::list(phase.steps.iter().map(|s| s.id.0.clone()));
            self.push(
                subject.to_owned(),
                Some(id),
                field,
                format!(
                    "expected a step id of phase {:?} ({known}), found {:?}",
                    phase.id.0, step.0
                ),
            );
            return None;
        }
        doc.column_of(slot)
    }

    fn run(mut self) -> Vec<ValidationError> {
        let doc = self.doc;
        self.unique("phase", doc.phases.iter().map(|p| p.id.as_str()));
        self.unique(
            "step",
            doc.phases
                .iter()
                .flat_map(|p| p.steps.iter().map(|s| s.id.as_str())),
        );
        self.unique("lane", doc.lanes.iter().map(|l| l.id.as_str()));
        self.unique("card", doc.cards.iter().map(|c| c.id.as_str()));
        self.unique("persona", doc.personas.iter().map(|p| p.id.as_str()));
        self.unique(
            "emotion curve",
            doc.emotion_curves.iter().map(|c| c.id.as_str()),
        );
        self.unique("kpi", doc.kpis.iter().map(|k| k.id.as_str()));
        self.unique("loop-back", doc.loops.iter().map(|l| l.id.as_str()));

        for lane in &doc.lanes {
            if !lane.height.is_finite() || !LANE_HEIGHT.contains(&lane.height) {
                self.push(
                    format!("lane {:?}", lane.id.0),
                    Some(lane.id.as_str()),
                    "height",
                    format!(
                        "expected a height from {} to {}, found {}",
                        LANE_HEIGHT.start(),
                        LANE_HEIGHT.end(),
                        lane.height
                    ),
                );
            }
        }

        for phase in &doc.phases {
            if let Some(w) = phase.column_width
                && !(w.is_finite() && COLUMN_WIDTH.contains(&w))
            {
                self.push(
                    format!("phase {:?}", phase.id.0),
                    Some(phase.id.as_str()),
                    "column_width",
                    format!(
                        "expected a column width from {} to {}, found {w}",
                        COLUMN_WIDTH.start(),
                        COLUMN_WIDTH.end()
                    ),
                );
            }
        }

        let columns = doc.columns().len();
        for card in &doc.cards {
            let subject = format!("card {:?}", card.id.0);
            let id = card.id.as_str();
            if let Some(img) = &card.image {
                let side = 1..=super::CardImage::MAX_SIDE;
                let problem = if !side.contains(&img.width) || !side.contains(&img.height) {
                    Some(format!(
                        "expected a picture of at most {0}×{0} pixels, found {1}×{2}",
                        super::CardImage::MAX_SIDE,
                        img.width,
                        img.height
                    ))
                } else {
                    img.photo.bytes().err()
                };
                if let Some(message) = problem {
                    self.push(subject.clone(), Some(id), "image", message);
                }
            }
            if let Some(v) = card.sentiment
                && (!v.is_finite() || v.abs() > 100.0)
            {
                self.push(
                    subject.clone(),
                    Some(id),
                    "sentiment",
                    format!("expected a level of the emotion scale, found {v}"),
                );
            }
            if doc.lane(&card.lane).is_none() {
                let known = Self::list(doc.lanes.iter().map(|l| l.id.0.clone()));
                self.push(
                    subject.clone(),
                    Some(id),
                    "lane",
                    format!("expected a lane id ({known}), found {:?}", card.lane.0),
                );
            }
            if let Some(super::Channel::Custom {
                icon: Some(icon), ..
            }) = &card.channel
                && super::Channel::from_key(icon).is_none()
            {
                self.push(
                    subject.clone(),
                    Some(id),
                    "icon",
                    format!(
                        "expected the name of a built-in channel for the icon (see `journey-map \
                         channels`), found {icon:?}"
                    ),
                );
            }
            if let Some(col) = self.slot(&subject, id, "at", &card.at)
                && (card.span == 0 || col + card.span as usize > columns)
            {
                self.push(
                    subject,
                    Some(id),
                    "span",
                    format!(
                        "expected a span from 1 to {} (the columns left from where the card \
                         starts), found {}",
                        columns - col,
                        card.span
                    ),
                );
            }
        }

        for persona in &doc.personas {
            if let Some(photo) = &persona.photo
                && let Err(e) = photo.bytes()
            {
                self.push(
                    format!("persona {:?}", persona.id.0),
                    Some(persona.id.as_str()),
                    "photo",
                    e,
                );
            }
        }

        for curve in &doc.emotion_curves {
            let subject = format!("emotion curve {:?}", curve.id.0);
            let id = curve.id.as_str();
            if !doc.personas.iter().any(|p| p.id == curve.persona) {
                let known = Self::list(doc.personas.iter().map(|p| p.id.0.clone()));
                self.push(
                    subject.clone(),
                    Some(id),
                    "persona",
                    format!(
                        "expected a persona id ({known}), found {:?}",
                        curve.persona.0
                    ),
                );
            }
            let scale = &curve.scale;
            let levels = scale.levels();
            if curve.kind == super::CurveKind::Engagement && (scale.min, scale.max) != (1, 5) {
                self.push(
                    subject.clone(),
                    Some(id),
                    "scale",
                    format!(
                        "expected the engagement scale of a dramatic arc, 1 to 5, found {} to {}",
                        scale.min, scale.max
                    ),
                );
            } else if !super::Scale::LEVELS.contains(&levels) {
                self.push(
                    subject.clone(),
                    Some(id),
                    "scale",
                    format!(
                        "expected a scale of 3 to 10 levels, found {} to {} ({levels} levels)",
                        scale.min, scale.max
                    ),
                );
            } else if !scale.labels.is_empty() && scale.labels.len() as i64 != levels {
                self.push(
                    subject.clone(),
                    Some(id),
                    "labels",
                    format!(
                        "expected {levels} level labels (one per level) or none, found {}",
                        scale.labels.len()
                    ),
                );
            }
            let mut seen = HashSet::new();
            for point in &curve.points {
                if let Some(col) = self.slot(&subject, id, "points", &point.at)
                    && !seen.insert(col)
                {
                    self.push(
                        subject.clone(),
                        Some(id),
                        "points",
                        format!(
                            "has two points in the same column (phase {:?}); expected at most one",
                            point.at.phase.0
                        ),
                    );
                }
                if !scale.contains(point.value) {
                    self.push(
                        subject.clone(),
                        Some(id),
                        "points",
                        format!(
                            "expected a value from {} to {}, found {}",
                            scale.min, scale.max, point.value
                        ),
                    );
                }
            }
        }

        for kpi in &doc.kpis {
            if doc.phase(&kpi.phase).is_none() {
                let known = Self::list(doc.phases.iter().map(|p| p.id.0.clone()));
                self.push(
                    format!("kpi {:?}", kpi.id.0),
                    Some(kpi.id.as_str()),
                    "phase",
                    format!("expected a phase id ({known}), found {:?}", kpi.phase.0),
                );
            }
        }
        for l in &doc.loops {
            for (field, phase) in [("from", &l.from), ("to", &l.to)] {
                if doc.phase(phase).is_none() {
                    let known = Self::list(doc.phases.iter().map(|p| p.id.0.clone()));
                    self.push(
                        format!("loop-back {:?}", l.id.0),
                        Some(l.id.as_str()),
                        field,
                        format!("expected a phase id ({known}), found {:?}", phase.0),
                    );
                }
            }
        }
        self.errors
    }
}

impl Journey {
    /// Every problem in the document; empty when it is sound.
    pub fn validate(&self) -> Vec<ValidationError> {
        Checker {
            doc: self,
            errors: Vec::new(),
        }
        .run()
    }
}
