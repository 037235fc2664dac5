//! Who takes the journey.

use super::PersonaId;
use serde::{Deserialize, Serialize};

/// The largest photo a map may embed, in bytes of the image file. Keeps maps small enough to
/// mail and diff; the editor scales pictures down before embedding them.
pub const MAX_PHOTO_BYTES: usize = 512 * 1024;

/// A persona: the person the map is about, made tangible.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Persona {
    pub id: PersonaId,
    pub name: String,
    /// Role or job title ("inkoper", "founder of a webshop").
    #[serde(default)]
    pub role: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age: Option<u32>,
    #[serde(default)]
    pub gender: String,
    #[serde(default)]
    pub location: String,
    #[serde(default)]
    pub living_situation: String,
    #[serde(default)]
    pub hobbies: String,
    #[serde(default)]
    pub salary_band: String,
    #[serde(default)]
    pub goals: Vec<String>,
    #[serde(default)]
    pub frustrations: Vec<String>,
    #[serde(default)]
    pub quote: String,
    /// A photo embedded in the document itself, so a map never points at a file elsewhere.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub photo: Option<Photo>,
}

impl Default for PersonaId {
    fn default() -> Self {
        PersonaId::new("persona1")
    }
}

/// An embedded image: its media type and its bytes as base64 text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Photo {
    /// `image/png` or `image/jpeg`.
    pub mime: String,
    /// The image file, base64-encoded (standard alphabet, with padding). Shared, so the
    /// snapshots of the undo history hold one copy of each photo.
    pub base64: std::sync::Arc<str>,
}

impl Photo {
    /// The media types a photo may have.
    pub const MIME_TYPES: [&'static str; 2] = ["image/png", "image/jpeg"];

    /// Decodes the image bytes, checking type and size.
    pub fn bytes(&self) -> Result<Vec<u8>, String> {
        use base64::Engine as _;
        if !Self::MIME_TYPES.contains(&self.mime.as_str()) {
            return Err(format!(
                "expected a photo of type \"image/png\" or \"image/jpeg\", found {:?}",
                self.mime
            ));
        }
        // base64 is 4/3 the size of the data: refuse before decoding anything huge.
        if self.base64.len() / 4 * 3 > MAX_PHOTO_BYTES + 3 {
            return Err(format!(
                "the photo is larger than {} KiB; scale it down before embedding it",
                MAX_PHOTO_BYTES / 1024
            ));
        }
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(self.base64.trim())
            .map_err(|e| format!("the photo is not valid base64 ({e})"))?;
        if bytes.len() > MAX_PHOTO_BYTES {
            return Err(format!(
                "the photo is larger than {} KiB",
                MAX_PHOTO_BYTES / 1024
            ));
        }
        Ok(bytes)
    }
}
