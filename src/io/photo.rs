//! Persona photos: read an image the user picks, refuse what is too big or broken, scale it
//! down and embed it in the document (never a path to read later).

use crate::model::{CardImage, MAX_PHOTO_BYTES, Photo};
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
    let bytes = read_image_file(path)?;
    photo_from_bytes(&bytes).map_err(|e| format!("{}: {e}", path.display()))
}

/// An image file's bytes, refused when it is larger than any image we embed.
fn read_image_file(path: &Path) -> Result<Vec<u8>, String> {
    let name = path.display();
    let meta = std::fs::metadata(path).map_err(|e| format!("{name}: {e}"))?;
    if meta.len() > MAX_PHOTO_FILE_BYTES {
        return Err(format!(
            "{name}: the image file is {} MiB; pick one under {} MiB",
            meta.len() / (1024 * 1024),
            MAX_PHOTO_FILE_BYTES / (1024 * 1024)
        ));
    }
    std::fs::read(path).map_err(|e| format!("{name}: {e}"))
}

/// Decodes image bytes (PNG or JPEG) within limits, scales them down and encodes a photo.
pub fn photo_from_bytes(bytes: &[u8]) -> Result<Photo, String> {
    let img = decode_limited(bytes)?;
    let small = img.thumbnail(PHOTO_SIDE, PHOTO_SIDE).to_rgb8();
    jpeg_photo(&small)
}

/// Reads an image file the user drops or picks for a card.
pub fn load_card_image(path: &Path) -> Result<CardImage, String> {
    let bytes = read_image_file(path)?;
    card_image_from_bytes(&bytes).map_err(|e| format!("{}: {e}", path.display()))
}

/// A card's picture from image bytes (PNG, JPEG or WebP), checked like a persona photo, scaled
/// to at most [`CardImage::MAX_SIDE`] pixels a side and re-encoded as JPEG.
pub fn card_image_from_bytes(bytes: &[u8]) -> Result<CardImage, String> {
    card_image_from(decode_limited(bytes)?)
}

/// A card's picture from pixels (a picture pasted from the clipboard): RGBA, unpremultiplied.
pub fn card_image_from_rgba(width: u32, height: u32, rgba: Vec<u8>) -> Result<CardImage, String> {
    if width > MAX_PHOTO_SIDE || height > MAX_PHOTO_SIDE {
        return Err(format!(
            "the picture is larger than {MAX_PHOTO_SIDE}×{MAX_PHOTO_SIDE} pixels"
        ));
    }
    let img = image::RgbaImage::from_raw(width, height, rgba)
        .ok_or("the picture on the clipboard is incomplete")?;
    card_image_from(image::DynamicImage::ImageRgba8(img))
}

fn card_image_from(img: image::DynamicImage) -> Result<CardImage, String> {
    let side = CardImage::MAX_SIDE;
    let small = if img.width() > side || img.height() > side {
        img.resize(side, side, image::imageops::FilterType::Triangle)
    } else {
        img
    };
    // Transparent pixels over white, as the card under them.
    let rgba = small.to_rgba8();
    let rgb = image::RgbImage::from_fn(rgba.width(), rgba.height(), |x, y| {
        let p = rgba.get_pixel(x, y).0;
        let a = u16::from(p[3]);
        let over = |c: u8| ((u16::from(c) * a + 255 * (255 - a)) / 255) as u8;
        image::Rgb([over(p[0]), over(p[1]), over(p[2])])
    });
    Ok(CardImage {
        width: rgb.width(),
        height: rgb.height(),
        photo: jpeg_photo(&rgb)?,
    })
}

/// JPEG at quality 85, or lower while it is over the embedding limit.
fn jpeg_photo(img: &image::RgbImage) -> Result<Photo, String> {
    for quality in [85, 70, 55] {
        let mut out = Vec::new();
        let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality);
        img.write_with_encoder(encoder)
            .map_err(|e| format!("cannot encode the image: {e}"))?;
        if out.len() <= MAX_PHOTO_BYTES {
            return Ok(Photo {
                mime: "image/jpeg".into(),
                base64: base64::engine::general_purpose::STANDARD
                    .encode(&out)
                    .into(),
            });
        }
    }
    Err("the scaled image is still too large to embed".into())
}

/// Decodes PNG, JPEG or WebP bytes, refusing other types and images too large to decode
/// safely (sizes are checked before any pixel is allocated).
fn decode_limited(bytes: &[u8]) -> Result<image::DynamicImage, String> {
    let mut reader = image::ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| format!("cannot read the image: {e}"))?;
    match reader.format() {
        Some(image::ImageFormat::Png | image::ImageFormat::Jpeg | image::ImageFormat::WebP) => {}
        Some(other) => {
            return Err(format!(
                "expected a PNG, JPEG or WebP image, found {}",
                other
                    .extensions_str()
                    .first()
                    .unwrap_or(&"another type")
                    .to_uppercase()
            ));
        }
        None => return Err("expected a PNG, JPEG or WebP image; this is not an image".into()),
    }
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_PHOTO_SIDE);
    limits.max_image_height = Some(MAX_PHOTO_SIDE);
    limits.max_alloc = Some(512 * 1024 * 1024);
    reader.limits(limits);
    reader.decode().map_err(|e| match e {
        image::ImageError::Limits(_) => format!(
            "the image is larger than {MAX_PHOTO_SIDE}×{MAX_PHOTO_SIDE} pixels or needs too much memory"
        ),
        _ => "the image is damaged or cut short; save it again and retry".into(),
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
    fn card_images_keep_their_shape_up_to_1024_pixels() {
        let img = card_image_from_bytes(&png(3000, 1500)).expect("loads");
        assert_eq!((img.width, img.height), (1024, 512));
        let (w, h, _) = decode_photo(&img.photo).expect("decodes");
        assert_eq!((w, h), (1024, 512));
        let small = card_image_from_bytes(&png(300, 200)).expect("loads");
        assert_eq!((small.width, small.height), (300, 200), "never enlarged");
        // WebP too.
        let mut webp = Vec::new();
        image::RgbaImage::from_pixel(40, 30, image::Rgba([10, 200, 30, 255]))
            .write_to(&mut Cursor::new(&mut webp), image::ImageFormat::WebP)
            .expect("encodes");
        assert_eq!(card_image_from_bytes(&webp).map(|i| i.width), Ok(40));
        let gif = b"GIF89a\x01\x00\x01\x00\x00\x00\x00;";
        let err = card_image_from_bytes(gif).unwrap_err();
        assert!(
            err.contains("PNG, JPEG or WebP") && err.contains("GIF"),
            "{err}"
        );
    }

    #[test]
    fn broken_and_hostile_images_are_refused_clearly() {
        assert!(
            photo_from_bytes(b"not an image")
                .unwrap_err()
                .contains("PNG, JPEG or WebP")
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
