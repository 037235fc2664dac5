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
}

/// What the app remembers.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    pub language: Option<Language>,
    pub theme: ThemeChoice,
    /// Most recent first.
    pub recent: Vec<PathBuf>,
}

impl Prefs {
    /// How many recent files are remembered.
    pub const MAX_RECENT: usize = 10;

    /// The storage key.
    pub const KEY: &'static str = "journey-map-prefs";

    /// Puts `path` at the top of the recent list.
    pub fn remember(&mut self, path: PathBuf) {
        let path = std::fs::canonicalize(&path).unwrap_or(path);
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(Self::MAX_RECENT);
    }
}
