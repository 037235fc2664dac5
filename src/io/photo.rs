//! Persona photos: read an image the user picks, refuse what is too big or broken, scale it
//! down and embed it in the document (never a path to read later).

use crate::model::{MAX_PHOTO_BYTES, Photo};
use base64::Engine as _;
use std::io::Cursor;
use std::path::Path;

/// Image files larger than this are refused before decoding.
pub const MAX_PHOTO_FILE_BYTES: u64 = 25 * 1024 * 1024;

/// Images wider or taller than this are refused (decompression bombs declare huge sizes).
pub const MAX_PHOTO_SIDE: u32 = 12_000;

/// The side of the embedded, scaled-down photo in pixels.
pub const PHOTO_SIDE: u32 = 256;

/// Reads an image file and turns it into an embedded photo.
pub fn load_photo(path: &Path) -> Result<Photo, String> {
    let name = path.display();
    let meta = std::fs::metadata(path).map_err(|e| format!("{name}: {e}"))?;
    if meta.len() > MAX_PHOTO_FILE_BYTES {
        return Err(format!(
            "{name}: the image file is {} MiB; pick one under {} MiB",
            meta.len() / (1024 * 1024),
            MAX_PHOTO_FILE_BYTES / (1024 * 1024)
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("{name}: {e}"))?;
    photo_from_bytes(&bytes).map_err(|e| format!("{name}: {e}"))
}

/// Decodes image bytes (PNG or JPEG) within limits, scales them down and encodes a photo.
pub fn photo_from_bytes(bytes: &[u8]) -> Result<Photo, String> {
    let mut reader = image::ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| format!("cannot read the image: {e}"))?;
    match reader.format() {
        Some(image::ImageFormat::Png | image::ImageFormat::Jpeg) => {}
        Some(other) => return Err(format!("expected a PNG or JPEG image, found {other:?}")),
        None => return Err("expected a PNG or JPEG image; this is not an image".into()),
    }
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_PHOTO_SIDE);
    limits.max_image_height = Some(MAX_PHOTO_SIDE);
    limits.max_alloc = Some(512 * 1024 * 1024);
    reader.limits(limits);
    let img = reader.decode().map_err(|e| match e {
        image::ImageError::Limits(_) => format!(
            "the image is larger than {MAX_PHOTO_SIDE}×{MAX_PHOTO_SIDE} pixels or needs too much memory"
        ),
        other => format!("the image is damaged or unsupported ({other})"),
    })?;
    let small = img.thumbnail(PHOTO_SIDE, PHOTO_SIDE).to_rgb8();
    let mut out = Vec::new();
    let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85);
    small
        .write_with_encoder(encoder)
        .map_err(|e| format!("cannot encode the photo: {e}"))?;
    if out.len() > MAX_PHOTO_BYTES {
        return Err("the scaled photo is still too large to embed".into());
    }
    Ok(Photo {
        mime: "image/jpeg".into(),
        base64: base64::engine::general_purpose::STANDARD
            .encode(&out)
            .into(),
    })
}

/// Decodes an embedded photo to RGBA pixels for display: `(width, height, pixels)`.
pub fn decode_photo(photo: &Photo) -> Result<(u32, u32, Vec<u8>), String> {
    let bytes = photo.bytes()?;
    let mut reader = image::ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| e.to_string())?;
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(2048);
    limits.max_image_height = Some(2048);
    reader.limits(limits);
    let img = reader.decode().map_err(|e| e.to_string())?.to_rgba8();
    Ok((img.width(), img.height(), img.into_raw()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let img = image::RgbImage::from_fn(w, h, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
        });
        let mut out = Vec::new();
        img.write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)
            .expect("encodes");
        out
    }

    #[test]
    fn photos_are_scaled_down_and_embedded() {
        let photo = photo_from_bytes(&png(1200, 800)).expect("loads");
        assert_eq!(photo.mime, "image/jpeg");
        let (w, h, px) = decode_photo(&photo).expect("decodes");
        assert_eq!((w, h), (256, 171));
        assert_eq!(px.len(), (w * h * 4) as usize);
    }

    #[test]
    fn broken_and_hostile_images_are_refused_clearly() {
        assert!(
            photo_from_bytes(b"not an image")
                .unwrap_err()
                .contains("PNG or JPEG")
        );
        let mut truncated = png(300, 300);
        truncated.truncate(truncated.len() / 2);
        assert!(
            photo_from_bytes(&truncated)
                .unwrap_err()
                .contains("damaged")
        );
        // A PNG header that claims 100,000 × 100,000 pixels: refused before any allocation.
        let mut bomb = png(1, 1);
        bomb[16..20].copy_from_slice(&100_000u32.to_be_bytes());
        bomb[20..24].copy_from_slice(&100_000u32.to_be_bytes());
        let err = photo_from_bytes(&bomb).unwrap_err();
        assert!(
            err.contains("larger than") || err.contains("damaged"),
            "{err}"
        );
    }
}
