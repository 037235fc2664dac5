//! Ready-made maps: the phase models from the articles our users work with, in Dutch and English.

use crate::model::{
    CurveId, CurveVariant, EmotionCurve, EmotionPoint, Journey, Lane, LaneId, LaneKind, Language,
    LoopBack, LoopId, Persona, PersonaId, Phase, PhaseId, Rgb, Scale, Slot,
};

/// One phase of a template: names and a one-line description in both languages.
struct PhaseText {
    en: &'static str,
    nl: &'static str,
    en_desc: &'static str,
    nl_desc: &'static str,
}

const fn ph(
    en: &'static str,
    nl: &'static str,
    en_desc: &'static str,
    nl_desc: &'static str,
) -> PhaseText {
    PhaseText {
        en,
        nl,
        en_desc,
        nl_desc,
    }
}

/// A template a new map can start from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Template {
    /// Three empty phases.
    Blank,
    /// Pondres' nine phases, from need to ambassador.
    Pondres9,
    /// Bart van der Kooi's ten phases, from latent need to ambassador.
    VanDerKooi10,
    /// The five data steps: awareness, consideration, purchase, service, loyalty.
    DataSteps5,
    /// Google's See-Think-Do-Care, plus Advocacy.
    SeeThinkDoCare,
}

/// A calm, slide-friendly palette for phase headers; dark enough for white text (WCAG AA).
pub const PHASE_PALETTE: [Rgb; 10] = [
    Rgb::hex(0x1F5F99),
    Rgb::hex(0x2D7D6F),
    Rgb::hex(0x6A4C93),
    Rgb::hex(0xA2402B),
    Rgb::hex(0x8A5A00),
    Rgb::hex(0x2F6B3A),
    Rgb::hex(0x8E3B63),
    Rgb::hex(0x3E5C76),
    Rgb::hex(0x5B5F14),
    Rgb::hex(0x7A3E9D),
];

impl Template {
    /// Every template, in menu order.
    pub const ALL: [Template; 5] = [
        Template::Blank,
        Template::Pondres9,
        Template::VanDerKooi10,
        Template::DataSteps5,
        Template::SeeThinkDoCare,
    ];

    /// The name used on the command line (`journey-map new --template NAME`).
    pub fn key(self) -> &'static str {
        match self {
            Template::Blank => "blank",
            Template::Pondres9 => "pondres-9",
            Template::VanDerKooi10 => "van-der-kooi-10",
            Template::DataSteps5 => "data-5",
            Template::SeeThinkDoCare => "see-think-do-care",
        }
    }

    /// Finds a template by its key.
    pub fn from_key(key: &str) -> Option<Template> {
        Self::ALL.into_iter().find(|t| t.key() == key.trim())
    }

    /// A human description for menus and `journey-map templates`.
    pub fn describe(self, lang: Language) -> &'static str {
        match self {
            Template::Blank => {
                lang.pick("Blank map with three phases", "Lege kaart met drie fases")
            }
            Template::Pondres9 => lang.pick(
                "Pondres' 9 phases, from need to ambassador",
                "De 9 fases van Pondres, van behoefte tot ambassadeur",
            ),
            Template::VanDerKooi10 => lang.pick(
                "Van der Kooi's 10 phases, from latent need to advocacy",
                "De 10 fases van Van der Kooi, van latente behoefte tot ambassadeursfase",
            ),
            Template::DataSteps5 => lang.pick(
                "The 5 data steps: awareness, consideration, purchase, service, loyalty",
                "De 5 datastappen: bewustzijn, overweging, aankoop, service, loyaliteit",
            ),
            Template::SeeThinkDoCare => lang.pick(
                "Google's See-Think-Do-Care, plus Advocacy",
                "See-Think-Do-Care van Google, plus Advocacy",
            ),
        }
    }

    fn phases(self) -> &'static [PhaseText] {
        match self {
            Template::Blank => &BLANK,
            Template::Pondres9 => &PONDRES,
            Template::VanDerKooi10 => &VAN_DER_KOOI,
            Template::DataSteps5 => &DATA_STEPS,
            Template::SeeThinkDoCare => &STDC,
        }
    }

    fn lanes(self) -> &'static [LaneKind] {
        use LaneKind::*;
        match self {
            Template::Blank | Template::Pondres9 | Template::VanDerKooi10 => &[
                Actions,
                Thoughts,
                Touchpoints,
                Emotion,
                PainPoints,
                Opportunities,
                Backstage,
            ],
            Template::DataSteps5 | Template::SeeThinkDoCare => &[
                Actions,
                Touchpoints,
                Channels,
                Emotion,
                PainPoints,
                Opportunities,
                Kpis,
            ],
        }
    }

    /// A new map from this template, in `lang`: phases, default lanes, a persona to fill in and
    /// a neutral emotion curve.
    pub fn build(self, lang: Language) -> Journey {
        let mut j = Journey::empty(lang.pick("New customer journey", "Nieuwe klantreis"), lang);
        j.description = self.describe(lang).to_owned();
        j.phases = self
            .phases()
            .iter()
            .enumerate()
            .map(|(i, t)| Phase {
                id: PhaseId(format!("p{}", i + 1)),
                name: lang.pick(t.en, t.nl).to_owned(),
                description: lang.pick(t.en_desc, t.nl_desc).to_owned(),
                color: PHASE_PALETTE[i % PHASE_PALETTE.len()],
                duration: String::new(),
                steps: Vec::new(),
                column_width: None,
            })
            .collect();
        j.lanes = self
            .lanes()
            .iter()
            .enumerate()
            .map(|(i, kind)| Lane {
                id: LaneId(format!("l{}", i + 1)),
                title: kind.label(lang).to_owned(),
                kind: *kind,
                visible: true,
                height: kind.default_height(),
                funnel: None,
            })
            .collect();
        let persona = PersonaId::new("persona1");
        j.personas = vec![Persona {
            id: persona.clone(),
            name: lang.pick("Persona", "Persona").to_owned(),
            role: lang
                .pick("Who is your customer?", "Wie is je klant?")
                .to_owned(),
            ..Persona::default()
        }];
        j.emotion_curves = vec![EmotionCurve {
            id: CurveId::new("curve1"),
            persona,
            variant: CurveVariant::AsIs,
            kind: Default::default(),
            scale: default_scale(lang),
            points: j
                .phases
                .iter()
                .map(|p| EmotionPoint {
                    at: Slot::phase(p.id.clone()),
                    value: 0.0,
                    label: String::new(),
                    critical: false,
                })
                .collect(),
            evidence: false,
        }];
        // The models that call the journey a cycle come with their loop-back.
        let phase = |i: usize| PhaseId(format!("p{i}"));
        let looped = |from: usize, to: usize, en: &str, nl: &str| LoopBack {
            id: LoopId::new("loop1"),
            from: phase(from),
            to: phase(to),
            label: lang.pick(en, nl).to_owned(),
        };
        j.loops = match self {
            Template::VanDerKooi10 => vec![looped(
                10,
                1,
                "Recommends → new customer",
                "Beveelt aan → nieuwe klant",
            )],
            Template::SeeThinkDoCare => vec![looped(
                5,
                1,
                "Recommends → the cycle starts again",
                "Beveelt aan → de cirkel is rond",
            )],
            _ => Vec::new(),
        };
        j
    }
}

/// The five-level scale from the first article's vocabulary.
pub fn default_scale(lang: Language) -> Scale {
    let labels: [&str; 5] = match lang {
        Language::Nl => [
            "gefrustreerd",
            "ontevreden",
            "neutraal",
            "tevreden",
            "enthousiast",
        ],
        Language::En => ["frustrated", "unhappy", "neutral", "satisfied", "delighted"],
    };
    Scale {
        min: -2,
        max: 2,
        labels: labels.iter().map(|s| (*s).to_owned()).collect(),
    }
}

static BLANK: [PhaseText; 3] = [
    ph("Phase 1", "Fase 1", "", ""),
    ph("Phase 2", "Fase 2", "", ""),
    ph("Phase 3", "Fase 3", "", ""),
];

static PONDRES: [PhaseText; 9] = [
    ph(
        "Need",
        "Behoefte",
        "The customer becomes aware of a need.",
        "De klant ervaart een behoefte.",
    ),
    ph(
        "Orientation",
        "Oriëntatie",
        "Looking around for ways to meet the need.",
        "Rondkijken naar manieren om de behoefte te vervullen.",
    ),
    ph(
        "Consideration",
        "Overweging",
        "Weighing the options against each other.",
        "De opties tegen elkaar afwegen.",
    ),
    ph(
        "Decision",
        "Beslissing",
        "Having weighed the options, the prospect decides.",
        "De prospect heeft de opties overwogen en maakt een beslissing.",
    ),
    ph(
        "Purchase",
        "Aankoop",
        "Buying the product or service.",
        "Het product of de dienst aanschaffen.",
    ),
    ph(
        "Delivery",
        "Levering",
        "Receiving what was bought.",
        "Het gekochte ontvangen.",
    ),
    ph(
        "Use",
        "Gebruik",
        "Using the product or service.",
        "Het product of de dienst gebruiken.",
    ),
    ph(
        "Loyalty",
        "Loyaliteit",
        "Buying again out of satisfaction or routine.",
        "Opnieuw kopen uit tevredenheid of routine.",
    ),
    ph(
        "Ambassador",
        "Ambassadeur",
        "Recommending the brand to others.",
        "Het merk aanbevelen bij anderen.",
    ),
];

static VAN_DER_KOOI: [PhaseText; 10] = [
    ph(
        "Latent need",
        "Latente behoefte",
        "A need the customer is not yet aware of.",
        "Een behoefte waar de klant zich nog niet bewust van is.",
    ),
    ph(
        "Concrete need",
        "Concrete behoefte",
        "The need is spoken and made as sharp as possible.",
        "De behoefte wordt uitgesproken en zo scherp mogelijk gemaakt.",
    ),
    ph(
        "Orientation",
        "Oriëntatiefase",
        "Exploring the possibilities.",
        "De mogelijkheden verkennen.",
    ),
    ph(
        "Consideration",
        "Overwegingsfase",
        "Comparing providers.",
        "Aanbieders met elkaar vergelijken.",
    ),
    ph(
        "Moment of decision",
        "Beslismoment",
        "The choice is made.",
        "De keuze wordt gemaakt.",
    ),
    ph(
        "Purchase",
        "Koopfase",
        "Ordering and contracting.",
        "Bestellen en contracteren.",
    ),
    ph(
        "Delivery",
        "Leveringsfase",
        "Delivery and onboarding.",
        "Levering en ingebruikname.",
    ),
    ph(
        "Use",
        "Gebruiksfase",
        "Daily use and service.",
        "Dagelijks gebruik en service.",
    ),
    ph(
        "Loyalty",
        "Loyaliteitsfase",
        "Staying and buying again.",
        "Blijven en opnieuw kopen.",
    ),
    ph(
        "Advocacy",
        "Ambassadeursfase",
        "Recommending to others.",
        "Aanbevelen bij anderen.",
    ),
];

static DATA_STEPS: [PhaseText; 5] = [
    ph(
        "Awareness",
        "Bewustzijn",
        "Customers first meet the brand.",
        "Klanten komen voor het eerst in aanraking met het merk.",
    ),
    ph(
        "Consideration",
        "Overweging",
        "Customers weigh buying from you or a competitor.",
        "Klanten overwegen bij jou of bij de concurrent te kopen.",
    ),
    ph(
        "Purchase",
        "Aankoop",
        "Customers buy; where do they get stuck?",
        "Klanten kopen; waar lopen ze vast?",
    ),
    ph(
        "Service",
        "Service",
        "Support, returns, warranties, complaints.",
        "Ondersteuning, ruilen, garanties, klachtenafhandeling.",
    ),
    ph(
        "Loyalty",
        "Loyaliteit",
        "Transactional and emotional loyalty.",
        "Transactionele en emotionele loyaliteit.",
    ),
];

static STDC: [PhaseText; 5] = [
    ph(
        "See",
        "See",
        "How do prospects learn that you exist?",
        "Hoe worden potentiële klanten zich bewust van je bedrijf?",
    ),
    ph(
        "Think",
        "Think",
        "How do you make them consider you?",
        "Hoe zorg je dat de potentiële klant jou overweegt?",
    ),
    ph(
        "Do",
        "Do",
        "How do you convince them to buy?",
        "Hoe overtuig je de potentiële klant om te kopen?",
    ),
    ph(
        "Care",
        "Care",
        "How do customers become and stay loyal?",
        "Hoe worden en blijven klanten loyaal?",
    ),
    ph(
        "Advocacy",
        "Advocacy",
        "Customers recommend you to others.",
        "Klanten bevelen je aan bij anderen.",
    ),
];
