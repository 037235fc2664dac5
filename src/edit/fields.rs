//! Precise edits: one field of one thing. The inspector and the canvas change the map through
//! these, so typing into a field can never touch anything but that field (a whole-map
//! [`super::Edit::Replace`] built from a partial copy once deleted every card).

use crate::model::{
    Card, Channel, EmotionPoint, Evidence, Lane, LaneKind, Persona, Phase, Photo, Rgb, Step, StepId,
};

/// A new value for one field of a card.
#[derive(Clone, Debug, PartialEq)]
pub enum CardField {
    Title(String),
    Body(String),
    Span(u32),
    Channel(Option<Channel>),
    Evidence(Evidence),
    Color(Option<Rgb>),
    Critical(bool),
    /// How the customer feels in it, on the emotion scale (`None`: not known).
    Sentiment(Option<f32>),
    /// Its picture (`None` removes it).
    Image(Option<crate::model::CardImage>),
}

/// A new value for one field of a phase.
#[derive(Clone, Debug, PartialEq)]
pub enum PhaseField {
    Name(String),
    Duration(String),
    Description(String),
    Color(Rgb),
    ColumnWidth(Option<f32>),
    /// Rename one step.
    StepName(StepId, String),
    /// The whole list of steps (add or remove a step).
    Steps(Vec<Step>),
}

/// A new value for one field of a lane.
#[derive(Clone, Debug, PartialEq)]
pub enum LaneField {
    Title(String),
    Kind(LaneKind),
    Visible(bool),
    Height(f32),
    /// Show a KPI lane as a funnel of this KPI, or as tiles (`None`).
    Funnel(Option<String>),
}

/// A new value for one field of a persona.
#[derive(Clone, Debug, PartialEq)]
pub enum PersonaField {
    Name(String),
    Role(String),
    Gender(String),
    Location(String),
    LivingSituation(String),
    Hobbies(String),
    SalaryBand(String),
    Quote(String),
    Age(Option<u32>),
    Goals(Vec<String>),
    Frustrations(Vec<String>),
    Photo(Option<Photo>),
}

/// A new value for one field of an emotion point.
#[derive(Clone, Debug, PartialEq)]
pub enum PointField {
    Label(String),
    Critical(bool),
}

impl CardField {
    pub(super) fn name(&self) -> &'static str {
        match self {
            CardField::Title(_) => "edit card title",
            CardField::Body(_) => "edit card text",
            CardField::Span(_) => "change card span",
            CardField::Channel(_) => "change channel",
            CardField::Evidence(_) => "change evidence",
            CardField::Color(_) => "change card colour",
            CardField::Critical(_) => "mark moment of truth",
            CardField::Sentiment(_) => "set sentiment",
            CardField::Image(Some(_)) => "set picture",
            CardField::Image(None) => "remove picture",
        }
    }

    pub(super) fn key(&self) -> &'static str {
        match self {
            CardField::Title(_) => "title",
            CardField::Body(_) => "body",
            CardField::Span(_) => "span",
            CardField::Channel(_) => "channel",
            CardField::Evidence(_) => "evidence",
            CardField::Color(_) => "color",
            CardField::Critical(_) => "critical",
            CardField::Sentiment(_) => "sentiment",
            CardField::Image(_) => "image",
        }
    }

    pub(super) fn set(self, c: &mut Card) {
        match self {
            CardField::Title(v) => c.title = v,
            CardField::Body(v) => c.body = v,
            CardField::Span(v) => c.span = v,
            CardField::Channel(v) => c.channel = v,
            CardField::Evidence(v) => c.evidence = v,
            CardField::Color(v) => c.color = v,
            CardField::Critical(v) => c.critical = v,
            CardField::Sentiment(v) => c.sentiment = v,
            CardField::Image(v) => c.image = v,
        }
    }
}

impl PhaseField {
    pub(super) fn name(&self) -> &'static str {
        match self {
            PhaseField::Name(_) => "rename phase",
            PhaseField::Duration(_) => "edit phase duration",
            PhaseField::Description(_) => "edit phase description",
            PhaseField::Color(_) => "change phase colour",
            PhaseField::ColumnWidth(_) => "resize phase",
            PhaseField::StepName(..) => "rename step",
            PhaseField::Steps(_) => "change steps",
        }
    }

    pub(super) fn key(&self) -> String {
        match self {
            PhaseField::Name(_) => "name".into(),
            PhaseField::Duration(_) => "duration".into(),
            PhaseField::Description(_) => "description".into(),
            PhaseField::Color(_) => "color".into(),
            PhaseField::ColumnWidth(_) => "column_width".into(),
            PhaseField::StepName(step, _) => format!("step {step}"),
            PhaseField::Steps(_) => "steps".into(),
        }
    }

    pub(super) fn set(self, p: &mut Phase) -> Result<(), String> {
        match self {
            PhaseField::Name(v) => p.name = v,
            PhaseField::Duration(v) => p.duration = v,
            PhaseField::Description(v) => p.description = v,
            PhaseField::Color(v) => p.color = v,
            PhaseField::ColumnWidth(v) => p.column_width = v,
            PhaseField::StepName(step, name) => {
                p.steps
                    .iter_mut()
                    .find(|s| s.id == step)
                    .ok_or_else(|| format!("no step {step} in phase {}", p.id))?
                    .name = name;
            }
            PhaseField::Steps(v) => p.steps = v,
        }
        Ok(())
    }
}

impl LaneField {
    pub(super) fn name(&self) -> &'static str {
        match self {
            LaneField::Title(_) => "rename lane",
            LaneField::Kind(_) => "change lane kind",
            LaneField::Visible(true) => "show lane",
            LaneField::Visible(false) => "hide lane",
            LaneField::Height(_) => "resize lane",
            LaneField::Funnel(Some(_)) => "show lane as funnel",
            LaneField::Funnel(None) => "show lane as tiles",
        }
    }

    pub(super) fn key(&self) -> &'static str {
        match self {
            LaneField::Title(_) => "title",
            LaneField::Kind(_) => "kind",
            LaneField::Visible(_) => "visible",
            LaneField::Height(_) => "height",
            LaneField::Funnel(_) => "funnel",
        }
    }

    pub(super) fn set(self, l: &mut Lane) {
        match self {
            LaneField::Title(v) => l.title = v,
            LaneField::Kind(v) => l.kind = v,
            LaneField::Visible(v) => l.visible = v,
            LaneField::Funnel(v) => l.funnel = v,
            LaneField::Height(v) => l.height = v,
        }
    }
}

impl PersonaField {
    pub(super) fn name(&self) -> &'static str {
        match self {
            PersonaField::Photo(Some(_)) => "set persona photo",
            PersonaField::Photo(None) => "remove persona photo",
            _ => "edit persona",
        }
    }

    pub(super) fn key(&self) -> &'static str {
        match self {
            PersonaField::Name(_) => "name",
            PersonaField::Role(_) => "role",
            PersonaField::Gender(_) => "gender",
            PersonaField::Location(_) => "location",
            PersonaField::LivingSituation(_) => "living_situation",
            PersonaField::Hobbies(_) => "hobbies",
            PersonaField::SalaryBand(_) => "salary_band",
            PersonaField::Quote(_) => "quote",
            PersonaField::Age(_) => "age",
            PersonaField::Goals(_) => "goals",
            PersonaField::Frustrations(_) => "frustrations",
            PersonaField::Photo(_) => "photo",
        }
    }

    pub(super) fn set(self, p: &mut Persona) {
        match self {
            PersonaField::Name(v) => p.name = v,
            PersonaField::Role(v) => p.role = v,
            PersonaField::Gender(v) => p.gender = v,
            PersonaField::Location(v) => p.location = v,
            PersonaField::LivingSituation(v) => p.living_situation = v,
            PersonaField::Hobbies(v) => p.hobbies = v,
            PersonaField::SalaryBand(v) => p.salary_band = v,
            PersonaField::Quote(v) => p.quote = v,
            PersonaField::Age(v) => p.age = v,
            PersonaField::Goals(v) => p.goals = v,
            PersonaField::Frustrations(v) => p.frustrations = v,
            PersonaField::Photo(v) => p.photo = v,
        }
    }
}

impl PointField {
    pub(super) fn name(&self) -> &'static str {
        match self {
            PointField::Label(_) => "label emotion point",
            PointField::Critical(_) => "mark moment of truth",
        }
    }

    pub(super) fn key(&self) -> &'static str {
        match self {
            PointField::Label(_) => "label",
            PointField::Critical(_) => "critical",
        }
    }

    pub(super) fn set(self, point: &mut EmotionPoint) {
        match self {
            PointField::Label(v) => point.label = v,
            PointField::Critical(v) => point.critical = v,
        }
    }
}
