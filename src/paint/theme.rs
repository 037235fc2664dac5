//! Colours of the infographic, light and dark.

use crate::model::{Evidence, LaneKind, Rgb};
use epaint::Color32;

/// The palette one map is painted with.
#[derive(Clone, Debug, PartialEq)]
pub struct Theme {
    pub dark: bool,
    pub background: Color32,
    pub header_bg: Color32,
    pub lane_bg: [Color32; 2],
    pub lane_title_bg: Color32,
    pub grid_line: Color32,
    pub text: Color32,
    pub text_muted: Color32,
    pub card_bg: Color32,
    pub card_border: Color32,
    pub phase_text: Color32,
    pub accent: Color32,
}

impl Theme {
    /// Light background: the default for slides.
    pub fn light() -> Self {
        Self {
            dark: false,
            background: Color32::from_rgb(0xF6, 0xF7, 0xF9),
            header_bg: Color32::WHITE,
            lane_bg: [
                Color32::from_rgb(0xFF, 0xFF, 0xFF),
                Color32::from_rgb(0xF1, 0xF3, 0xF6),
            ],
            lane_title_bg: Color32::from_rgb(0xE6, 0xE9, 0xEE),
            grid_line: Color32::from_rgb(0xD5, 0xDA, 0xE1),
            text: Color32::from_rgb(0x1C, 0x22, 0x2B),
            text_muted: Color32::from_rgb(0x4F, 0x5A, 0x68),
            card_bg: Color32::WHITE,
            card_border: Color32::from_rgb(0xC4, 0xCB, 0xD4),
            phase_text: Color32::WHITE,
            accent: Color32::from_rgb(0x1F, 0x6F, 0xEB),
        }
    }

    /// Dark background, for dark-mode screens and dark slide decks.
    pub fn dark() -> Self {
        Self {
            dark: true,
            background: Color32::from_rgb(0x16, 0x19, 0x1E),
            header_bg: Color32::from_rgb(0x20, 0x24, 0x2B),
            lane_bg: [
                Color32::from_rgb(0x1C, 0x20, 0x26),
                Color32::from_rgb(0x22, 0x27, 0x2E),
            ],
            lane_title_bg: Color32::from_rgb(0x2A, 0x30, 0x38),
            grid_line: Color32::from_rgb(0x36, 0x3D, 0x47),
            text: Color32::from_rgb(0xE8, 0xEB, 0xEF),
            text_muted: Color32::from_rgb(0xA9, 0xB2, 0xBD),
            card_bg: Color32::from_rgb(0x2B, 0x31, 0x3A),
            card_border: Color32::from_rgb(0x45, 0x4E, 0x5A),
            phase_text: Color32::WHITE,
            accent: Color32::from_rgb(0x58, 0x9B, 0xFF),
        }
    }

    /// High contrast for low vision: white ground, black text and borders, nothing muted.
    pub fn high_contrast() -> Self {
        Self {
            dark: false,
            background: Color32::WHITE,
            header_bg: Color32::WHITE,
            lane_bg: [Color32::WHITE, Color32::from_rgb(0xEE, 0xEE, 0xEE)],
            lane_title_bg: Color32::from_rgb(0xDD, 0xDD, 0xDD),
            grid_line: Color32::from_rgb(0x55, 0x55, 0x55),
            text: Color32::BLACK,
            text_muted: Color32::from_rgb(0x1A, 0x1A, 0x1A),
            card_bg: Color32::WHITE,
            card_border: Color32::BLACK,
            phase_text: Color32::WHITE,
            accent: Color32::from_rgb(0x00, 0x33, 0xCC),
        }
    }

    /// The editor's area around the map, a shade off the map's own background.
    pub fn surround(&self) -> Color32 {
        lerp(self.background, self.text, 0.06)
    }

    /// The accent colour of a lane kind (the bar on its cards and title).
    pub fn lane_color(&self, kind: LaneKind) -> Color32 {
        let c = match kind {
            LaneKind::Actions => 0x1F6FEB,
            LaneKind::Thoughts => 0x8250DF,
            LaneKind::Touchpoints => 0x0E8A7E,
            LaneKind::Channels => 0x3E5C76,
            LaneKind::Emotion => 0xD4A017,
            LaneKind::DramaticArc => 0xBF3989,
            LaneKind::PainPoints => 0xCF222E,
            LaneKind::Opportunities => 0x1A7F37,
            LaneKind::Backstage => 0x6E7781,
            LaneKind::Kpis => 0x9A6700,
            LaneKind::Notes => 0x8C959F,
            LaneKind::Storyboard => 0x3B7A57,
        };
        color(Rgb::hex(c))
    }

    /// How filled the evidence marker is, and its colour.
    pub fn evidence_color(&self, e: Evidence) -> Color32 {
        match e {
            Evidence::Assumption => Color32::from_rgb(0xBF, 0x87, 0x00),
            Evidence::PartlyResearched => Color32::from_rgb(0x3B, 0x82, 0xC4),
            Evidence::Researched => Color32::from_rgb(0x1A, 0x7F, 0x37),
        }
    }

    /// The colour of an emotion value: red when low, amber in the middle, green when high.
    pub fn emotion_color(&self, value: f32, min: i32, max: i32) -> Color32 {
        let t = ((value - min as f32) / (max - min).max(1) as f32).clamp(0.0, 1.0);
        let low = Color32::from_rgb(0xD0, 0x3A, 0x2F);
        let mid = Color32::from_rgb(0xE0, 0xA1, 0x1B);
        let high = Color32::from_rgb(0x2A, 0x9D, 0x4B);
        if t < 0.5 {
            lerp(low, mid, t * 2.0)
        } else {
            lerp(mid, high, (t - 0.5) * 2.0)
        }
    }
}

/// A model colour as a paint colour.
pub fn color(c: Rgb) -> Color32 {
    Color32::from_rgb(c.0, c.1, c.2)
}

/// Mixes two colours; `t` = 0 gives `a`.
pub fn lerp(a: Color32, b: Color32, t: f32) -> Color32 {
    let m = |x: u8, y: u8| (f32::from(x) + (f32::from(y) - f32::from(x)) * t).round() as u8;
    Color32::from_rgb(m(a.r(), b.r()), m(a.g(), b.g()), m(a.b(), b.b()))
}
