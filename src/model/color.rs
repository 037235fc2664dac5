//! Colours as they appear in a file: `"#RRGGBB"`, readable and diffable.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// An opaque sRGB colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// Builds a colour from a `0xRRGGBB` literal.
    pub const fn hex(v: u32) -> Self {
        Self((v >> 16) as u8, (v >> 8) as u8, v as u8)
    }

    /// Relative luminance (WCAG 2), 0 for black to 1 for white.
    pub fn luminance(self) -> f32 {
        fn lin(c: u8) -> f32 {
            let c = f32::from(c) / 255.0;
            if c <= 0.040_45 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        }
        0.2126 * lin(self.0) + 0.7152 * lin(self.1) + 0.0722 * lin(self.2)
    }
}

impl fmt::Display for Rgb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02X}{:02X}{:02X}", self.0, self.1, self.2)
    }
}

/// Why a colour string was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("expected a colour like \"#1F6FEB\", found {0:?}")]
pub struct BadColor(pub String);

impl FromStr for Rgb {
    type Err = BadColor;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || BadColor(s.to_owned());
        let hex = s.trim().strip_prefix('#').ok_or_else(bad)?;
        if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(bad());
        }
        let v = u32::from_str_radix(hex, 16).map_err(|_| bad())?;
        Ok(Self::hex(v))
    }
}

impl Serialize for Rgb {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for Rgb {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints() {
        let c: Rgb = "#1f6FeB".parse().expect("valid colour");
        assert_eq!(c, Rgb(0x1F, 0x6F, 0xEB));
        assert_eq!(c.to_string(), "#1F6FEB");
        assert!("1F6FEB".parse::<Rgb>().is_err());
        assert!("#1F6FE".parse::<Rgb>().is_err());
        assert!("#GGGGGG".parse::<Rgb>().is_err());
    }

    #[test]
    fn luminance_bounds() {
        assert!(Rgb(0, 0, 0).luminance() < 0.001);
        assert!(Rgb(255, 255, 255).luminance() > 0.999);
    }
}
