//! The two languages the product speaks.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The language of a map's own text (templates, lane titles) and of the UI.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// Nederlands.
    Nl,
    /// English.
    #[default]
    En,
}

impl Language {
    /// Both languages, in menu order.
    pub const ALL: [Language; 2] = [Language::En, Language::Nl];

    /// The ISO 639-1 code, as used on the command line and in files.
    pub fn code(self) -> &'static str {
        match self {
            Language::Nl => "nl",
            Language::En => "en",
        }
    }

    /// Picks the text for this language.
    pub fn pick<'a>(self, en: &'a str, nl: &'a str) -> &'a str {
        match self {
            Language::Nl => nl,
            Language::En => en,
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Language {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "nl" | "nederlands" | "dutch" => Ok(Language::Nl),
            "en" | "english" | "engels" => Ok(Language::En),
            other => Err(format!(
                "unknown language {other:?}: expected \"nl\" or \"en\""
            )),
        }
    }
}
