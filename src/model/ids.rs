//! Stable identifiers. References between parts of a map use these ids, never vector positions,
//! so reordering or deleting one thing never silently re-targets another.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident, $prefix:literal) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// The prefix used for ids this program generates (`p1`, `c17`, …).
            pub const PREFIX: &'static str = $prefix;

            /// Wraps an existing id string.
            pub fn new(s: impl Into<String>) -> Self {
                Self(s.into())
            }

            /// The id as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                Self(s.to_owned())
            }
        }
    };
}

id_type!(
    /// Identifies a [`crate::model::Phase`].
    PhaseId,
    "p"
);
id_type!(
    /// Identifies a [`crate::model::Step`] inside a phase.
    StepId,
    "s"
);
id_type!(
    /// Identifies a [`crate::model::Lane`].
    LaneId,
    "l"
);
id_type!(
    /// Identifies a [`crate::model::Card`].
    CardId,
    "c"
);
id_type!(
    /// Identifies a [`crate::model::Persona`].
    PersonaId,
    "persona"
);
id_type!(
    /// Identifies an [`crate::model::EmotionCurve`].
    CurveId,
    "curve"
);
id_type!(
    /// Identifies a [`crate::model::Kpi`].
    KpiId,
    "k"
);

id_type!(
    /// Identifies a [`crate::model::LoopBack`].
    LoopId,
    "loop"
);

/// Makes a fresh id with `prefix` that `taken` does not contain: `prefix1`, `prefix2`, …
pub fn fresh_id<'a>(prefix: &str, taken: impl Iterator<Item = &'a str>) -> String {
    let mut highest = 0u64;
    for id in taken {
        if let Some(n) = id
            .strip_prefix(prefix)
            .and_then(|rest| rest.parse::<u64>().ok())
        {
            highest = highest.max(n);
        }
    }
    format!("{prefix}{}", highest.saturating_add(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fresh_id_skips_taken_numbers() {
        let taken = ["c1", "c7", "x9", "c"];
        assert_eq!(fresh_id("c", taken.iter().copied()), "c8");
        assert_eq!(fresh_id("p", std::iter::empty()), "p1");
    }
}
