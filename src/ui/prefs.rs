//! Preferences kept between runs (never documents: a broken preference must never cost work).

use crate::model::Language;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// Light, dark, or whatever the system uses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThemeChoice {
    #[default]
    System,
    Light,
    Dark,
    /// Black on white, strong outlines, for low vision.
    HighContrast,
}

/// What the app remembers.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    pub language: Option<Language>,
    pub theme: ThemeChoice,
    /// Most recent first.
    pub recent: Vec<PathBuf>,
    /// The interface's size against the system's scale factor (`None`: as the system says).
    pub ui_scale: Option<f32>,
}

impl Prefs {
    /// How many recent files are remembered.
    pub const MAX_RECENT: usize = 10;

    /// The storage key.
    pub const KEY: &'static str = "journey-map-prefs";

    /// The interface sizes View → Interface size steps through.
    pub const UI_SCALES: [f32; 9] = [0.75, 0.85, 1.0, 1.15, 1.3, 1.5, 1.75, 2.0, 2.5];

    /// The interface's size factor, within what the menu offers.
    pub fn ui_scale(&self) -> f32 {
        self.ui_scale
            .filter(|s| s.is_finite())
            .map_or(1.0, |s| s.clamp(Self::UI_SCALES[0], Self::UI_SCALES[8]))
    }

    /// One step larger (`up`) or smaller from the current size.
    pub fn step_ui_scale(&mut self, up: bool) {
        let now = self.ui_scale();
        let next = if up {
            Self::UI_SCALES.iter().copied().find(|s| *s > now + 0.01)
        } else {
            Self::UI_SCALES
                .iter()
                .rev()
                .copied()
                .find(|s| *s < now - 0.01)
        };
        if let Some(s) = next {
            self.ui_scale = (s != 1.0).then_some(s);
        }
    }

    /// Puts `path` at the top of the recent list.
    pub fn remember(&mut self, path: PathBuf) {
        let path = std::fs::canonicalize(&path).unwrap_or(path);
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(Self::MAX_RECENT);
    }
}
