//! PDF output of the same shapes the canvas paints: vector paths, real text in the painter's
//! own fonts (embedded and subset by `krilla`, so text is selectable and searchable), icons as
//! glyph outlines, and the map itself as an attached file so the PDF opens again as the map.

use epaint::{Color32, FontFamily, Pos2, Rect, Shape, TextureId};
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Size, Transform};
use krilla::num::NormalizedF32;
use krilla::paint::{Fill, FillRule, LineCap, LineJoin, Stroke};
use krilla::text::{Font, TextDirection};

/// The name of the attached map inside a PDF.
pub const ATTACHMENT: &str = "map.journey.ron";

/// One page: its shapes in pixels and its size in pixels.
pub struct PdfPage {
    pub shapes: Vec<Shape>,
    pub width: u32,
    pub height: u32,
    pub background: Option<Color32>,
    /// Persona photos by the texture ids the shapes use.
    pub photos: Vec<Photo>,
}

/// A picture the shapes refer to by texture id: its size and RGBA pixels.
pub struct Photo {
    pub id: TextureId,
    pub size: [usize; 2],
    pub rgba: Vec<u8>,
}

/// The bytes of a font the painter uses.
type FontBytes = std::sync::Arc<dyn AsRef<[u8]> + Send + Sync>;

/// The fonts text is drawn in, in the painter's fallback order: the first that has a
/// character draws it (as egui does on screen).
struct Fonts {
    text: Vec<(Font, FontBytes, u32)>,
    icons: Option<ttf_parser::Face<'static>>,
    /// Which font draws a character, once looked up.
    chosen: std::cell::RefCell<std::collections::HashMap<char, usize>>,
}

impl Fonts {
    fn new() -> Self {
        let defs = crate::paint::font_definitions();
        let order = defs
            .families
            .get(&FontFamily::Proportional)
            .cloned()
            .unwrap_or_default();
        let text = order
            .iter()
            .filter_map(|name| {
                let data = defs.font_data.get(name)?;
                let bytes: FontBytes = data.font.clone();
                let font = Font::new(bytes.clone().into(), data.index)?;
                Some((font, bytes, data.index))
            })
            .collect();
        Self {
            text,
            icons: ttf_parser::Face::parse(lucide_icons::LUCIDE_FONT_BYTES, 0).ok(),
            chosen: Default::default(),
        }
    }

    /// The index of the font that draws `c` (the first font when none has it).
    fn for_char(&self, c: char) -> usize {
        *self.chosen.borrow_mut().entry(c).or_insert_with(|| {
            self.text
                .iter()
                .position(|(_, bytes, index)| {
                    ttf_parser::Face::parse((**bytes).as_ref(), *index)
                        .is_ok_and(|face| face.glyph_index(c).is_some())
                })
                .unwrap_or(0)
        })
    }
}

fn fill(c: Color32) -> Fill {
    let [r, g, b, a] = c.to_srgba_unmultiplied();
    Fill {
        paint: rgb::Color::new(r, g, b).into(),
        opacity: NormalizedF32::new(f32::from(a) / 255.0).unwrap_or(NormalizedF32::ONE),
        rule: FillRule::NonZero,
    }
}

fn stroke(c: Color32, width: f32) -> Stroke {
    let [r, g, b, a] = c.to_srgba_unmultiplied();
    Stroke {
        paint: rgb::Color::new(r, g, b).into(),
        width,
        line_cap: LineCap::Round,
        line_join: LineJoin::Round,
        opacity: NormalizedF32::new(f32::from(a) / 255.0).unwrap_or(NormalizedF32::ONE),
        ..Stroke::default()
    }
}

/// A rectangle with rounded corners (radius clamped to half the shorter side).
fn rounded_rect(pb: &mut PathBuilder, r: Rect, radius: f32) {
    let radius = radius.min(r.width() / 2.0).min(r.height() / 2.0).max(0.0);
    if radius < 0.01 {
        pb.move_to(r.min.x, r.min.y);
        pb.line_to(r.max.x, r.min.y);
        pb.line_to(r.max.x, r.max.y);
        pb.line_to(r.min.x, r.max.y);
        pb.close();
        return;
    }
    // A quarter circle as one cubic: the usual 0.5523 handle length.
    let k = radius * 0.552_284_8;
    let (l, t, rt, b) = (r.min.x, r.min.y, r.max.x, r.max.y);
    pb.move_to(l + radius, t);
    pb.line_to(rt - radius, t);
    pb.cubic_to(rt - radius + k, t, rt, t + radius - k, rt, t + radius);
    pb.line_to(rt, b - radius);
    pb.cubic_to(rt, b - radius + k, rt - radius + k, b, rt - radius, b);
    pb.line_to(l + radius, b);
    pb.cubic_to(l + radius - k, b, l, b - radius + k, l, b - radius);
    pb.line_to(l, t + radius);
    pb.cubic_to(l, t + radius - k, l + radius - k, t, l + radius, t);
    pb.close();
}

fn circle(pb: &mut PathBuilder, c: Pos2, radius: f32) {
    rounded_rect(
        pb,
        Rect::from_center_size(c, epaint::Vec2::splat(2.0 * radius)),
        radius,
    );
}

/// Glyph outlines (font units, y up) into a path at `origin` (pixels, y down).
struct Outline<'a> {
    pb: &'a mut PathBuilder,
    origin: Pos2,
    scale: f32,
}

impl ttf_parser::OutlineBuilder for Outline<'_> {
    fn move_to(&mut self, x: f32, y: f32) {
        let (o, s) = (self.origin, self.scale);
        self.pb.move_to(o.x + x * s, o.y - y * s);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        let (o, s) = (self.origin, self.scale);
        self.pb.line_to(o.x + x * s, o.y - y * s);
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let (o, s) = (self.origin, self.scale);
        self.pb
            .quad_to(o.x + x1 * s, o.y - y1 * s, o.x + x * s, o.y - y * s);
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        let (o, s) = (self.origin, self.scale);
        self.pb.cubic_to(
            o.x + x1 * s,
            o.y - y1 * s,
            o.x + x2 * s,
            o.y - y2 * s,
            o.x + x * s,
            o.y - y * s,
        );
    }
    fn close(&mut self) {
        self.pb.close();
    }
}

struct Writer<'s, 'p> {
    surface: &'s mut krilla::surface::Surface<'p>,
    fonts: &'s Fonts,
    photos: &'s [Photo],
}

impl Writer<'_, '_> {
    fn fill_path(&mut self, pb: PathBuilder, color: Color32) {
        if color.a() == 0 {
            return;
        }
        if let Some(path) = pb.finish() {
            self.surface.set_stroke(None);
            self.surface.set_fill(Some(fill(color)));
            self.surface.draw_path(&path);
        }
    }

    fn stroke_path(&mut self, pb: PathBuilder, color: Color32, width: f32) {
        if color.a() == 0 || width <= 0.0 {
            return;
        }
        if let Some(path) = pb.finish() {
            self.surface.set_fill(None);
            self.surface.set_stroke(Some(stroke(color, width)));
            self.surface.draw_path(&path);
            self.surface.set_stroke(None);
        }
    }

    fn shape(&mut self, shape: &Shape) {
        match shape {
            Shape::Vec(shapes) => shapes.iter().for_each(|s| self.shape(s)),
            Shape::Rect(r) => {
                let radius = f32::from(r.corner_radius.nw);
                let texture = r.fill_texture_id();
                if texture != TextureId::default() {
                    self.photo(texture, r.rect, radius);
                    return;
                }
                let mut rect = r.rect;
                if r.stroke.width > 0.0 && r.stroke_kind == epaint::StrokeKind::Inside {
                    rect = rect.shrink(r.stroke.width / 2.0);
                }
                if r.fill.a() > 0 {
                    let mut pb = PathBuilder::new();
                    rounded_rect(&mut pb, r.rect, radius);
                    self.fill_path(pb, r.fill);
                }
                if r.stroke.width > 0.0 {
                    let mut pb = PathBuilder::new();
                    rounded_rect(&mut pb, rect, radius);
                    self.stroke_path(pb, r.stroke.color, r.stroke.width);
                }
            }
            Shape::Circle(c) => {
                if c.fill.a() > 0 {
                    let mut pb = PathBuilder::new();
                    circle(&mut pb, c.center, c.radius);
                    self.fill_path(pb, c.fill);
                }
                if c.stroke.width > 0.0 {
                    let mut pb = PathBuilder::new();
                    circle(&mut pb, c.center, c.radius);
                    self.stroke_path(pb, c.stroke.color, c.stroke.width);
                }
            }
            Shape::LineSegment { points, stroke } => {
                let mut pb = PathBuilder::new();
                pb.move_to(points[0].x, points[0].y);
                pb.line_to(points[1].x, points[1].y);
                self.stroke_path(pb, stroke.color, stroke.width);
            }
            Shape::Path(p) => {
                let Some(first) = p.points.first() else {
                    return;
                };
                let build = || {
                    let mut pb = PathBuilder::new();
                    pb.move_to(first.x, first.y);
                    for pt in &p.points[1..] {
                        pb.line_to(pt.x, pt.y);
                    }
                    if p.closed {
                        pb.close();
                    }
                    pb
                };
                if p.fill.a() > 0 {
                    self.fill_path(build(), p.fill);
                }
                let color = match &p.stroke.color {
                    epaint::ColorMode::Solid(c) => *c,
                    epaint::ColorMode::UV(_) => Color32::GRAY,
                };
                self.stroke_path(build(), color, p.stroke.width);
            }
            Shape::Mesh(mesh) if mesh.vertices.windows(2).all(|v| v[0].color == v[1].color) => {
                // One colour (the dramatic arc's area): one path, so a translucent fill is not
                // laid twice along the triangles' shared edges.
                let Some(first) = mesh.vertices.first() else {
                    return;
                };
                let mut pb = PathBuilder::new();
                for tri in mesh.indices.chunks_exact(3) {
                    for (k, i) in tri.iter().enumerate() {
                        let Some(v) = mesh.vertices.get(*i as usize) else {
                            return;
                        };
                        if k == 0 {
                            pb.move_to(v.pos.x, v.pos.y);
                        } else {
                            pb.line_to(v.pos.x, v.pos.y);
                        }
                    }
                    pb.close();
                }
                self.fill_path(pb, first.color);
            }
            Shape::Mesh(mesh) => {
                for tri in mesh.indices.chunks_exact(3) {
                    let v: Vec<&epaint::Vertex> = tri
                        .iter()
                        .filter_map(|i| mesh.vertices.get(*i as usize))
                        .collect();
                    if let [a, b, c] = v.as_slice() {
                        let mut pb = PathBuilder::new();
                        pb.move_to(a.pos.x, a.pos.y);
                        pb.line_to(b.pos.x, b.pos.y);
                        pb.line_to(c.pos.x, c.pos.y);
                        pb.close();
                        self.fill_path(pb, b.color);
                    }
                }
            }
            Shape::Text(t) => self.text(t),
            _ => {}
        }
    }

    fn photo(&mut self, texture: TextureId, rect: Rect, radius: f32) {
        let Some(Photo {
            size: [w, h], rgba, ..
        }) = self.photos.iter().find(|p| p.id == texture)
        else {
            return;
        };
        let (w, h) = (*w as f32, *h as f32);
        if w < 1.0 || h < 1.0 {
            return;
        }
        let mut clip = PathBuilder::new();
        rounded_rect(&mut clip, rect, radius);
        let Some(clip) = clip.finish() else { return };
        // Cover the box, centred (as the SVG's "xMidYMid slice").
        let scale = (rect.width() / w).max(rect.height() / h);
        let size = (w * scale, h * scale);
        let at = rect.center() - epaint::vec2(size.0, size.1) / 2.0;
        let image = krilla::image::Image::from_rgba8(rgba.to_vec(), w as u32, h as u32);
        let Some(size) = Size::from_wh(size.0, size.1) else {
            return;
        };
        self.surface.push_clip_path(&clip, &FillRule::NonZero);
        self.surface
            .push_transform(&Transform::from_translate(at.x, at.y));
        self.surface.draw_image(image, size);
        self.surface.pop();
        self.surface.pop();
    }

    fn text(&mut self, t: &epaint::TextShape) {
        let Some(super::TextStyle {
            color,
            size,
            is_icon,
        }) = super::text_style(t)
        else {
            return;
        };
        for placed in &t.galley.rows {
            let glyphs = &placed.row.glyphs;
            if is_icon {
                for g in glyphs {
                    let baseline = t.pos + placed.pos.to_vec2() + g.pos.to_vec2();
                    self.icon(g.chr, baseline, size, color);
                }
                continue;
            }
            // Runs of characters one font draws, each at the painter's position for its first
            // glyph, so the PDF's lines and wrapping are the picture's.
            let mut start = 0;
            while start < glyphs.len() {
                let font = self.fonts.for_char(glyphs[start].chr);
                let mut end = start + 1;
                while end < glyphs.len() && self.fonts.for_char(glyphs[end].chr) == font {
                    end += 1;
                }
                let text: String = glyphs[start..end].iter().map(|g| g.chr).collect();
                if !text.trim().is_empty()
                    && let Some((font, _, _)) = self.fonts.text.get(font)
                {
                    let origin = t.pos + placed.pos.to_vec2() + glyphs[start].pos.to_vec2();
                    self.surface.set_stroke(None);
                    self.surface.set_fill(Some(fill(color)));
                    self.surface.draw_text(
                        Point::from_xy(origin.x, origin.y),
                        font.clone(),
                        size,
                        &text,
                        false,
                        TextDirection::Auto,
                    );
                }
                start = end;
            }
        }
    }

    fn icon(&mut self, chr: char, baseline: Pos2, size: f32, color: Color32) {
        let Some(face) = &self.fonts.icons else {
            return;
        };
        let Some(id) = face.glyph_index(chr) else {
            return;
        };
        let mut pb = PathBuilder::new();
        face.outline_glyph(
            id,
            &mut Outline {
                pb: &mut pb,
                origin: baseline,
                scale: size / f32::from(face.units_per_em()),
            },
        );
        self.fill_path(pb, color);
    }
}

/// Why a PDF could not be written.
#[derive(Debug)]
pub struct PdfError(pub String);

/// Writes `pages` as one PDF, each `points_per_pixel` points to a pixel, titled `title`, with
/// `document` (the map) attached.
pub fn write(
    pages: &[PdfPage],
    points_per_pixel: f32,
    title: &str,
    document: &str,
) -> Result<Vec<u8>, PdfError> {
    let fonts = Fonts::new();
    let mut doc = krilla::Document::new();
    doc.set_metadata(
        krilla::metadata::Metadata::new()
            .title(title.to_owned())
            .creator("journey-map".to_owned()),
    );
    doc.embed_file(krilla::embed::EmbeddedFile {
        path: ATTACHMENT.to_owned(),
        mime_type: krilla::embed::MimeType::new("text/plain"),
        description: Some("The journey map: open this PDF in journey-map to edit it".to_owned()),
        association_kind: krilla::embed::AssociationKind::Source,
        data: document.as_bytes().to_vec().into(),
        modification_date: None,
        // Kept uncompressed, so the map can be read back without a PDF library.
        compress: Some(false),
        location: None,
    })
    .ok_or_else(|| PdfError("the map could not be attached".into()))?;
    for page in pages {
        let (w, h) = (
            page.width as f32 * points_per_pixel,
            page.height as f32 * points_per_pixel,
        );
        let settings = krilla::page::PageSettings::from_wh(w, h)
            .ok_or_else(|| PdfError(format!("a page of {w}×{h} points is not possible")))?;
        let mut p = doc.start_page_with(settings);
        let mut surface = p.surface();
        surface.push_transform(&Transform::from_scale(points_per_pixel, points_per_pixel));
        let mut writer = Writer {
            surface: &mut surface,
            fonts: &fonts,
            photos: &page.photos,
        };
        if let Some(bg) = page.background {
            let mut pb = PathBuilder::new();
            rounded_rect(
                &mut pb,
                Rect::from_min_size(
                    Pos2::ZERO,
                    epaint::vec2(page.width as f32, page.height as f32),
                ),
                0.0,
            );
            writer.fill_path(pb, bg);
        }
        for s in &page.shapes {
            writer.shape(s);
        }
        surface.pop();
        surface.finish();
        p.finish();
    }
    doc.finish()
        .map_err(|e| PdfError(format!("the PDF could not be written ({e:?})")))
}

/// Whether bytes look like a PDF file.
pub fn is_pdf(bytes: &[u8]) -> bool {
    bytes.starts_with(b"%PDF-")
}

/// The map attached to a PDF written by [`write`], found without a PDF library: the
/// uncompressed embedded-file stream, read by its `/Length`. `None` when there is none.
pub fn embedded(bytes: &[u8], limit: usize) -> Option<Result<String, String>> {
    let at = embedded_file_type(bytes)?;
    // The dictionary around the marker: from its "<<" to the "stream" keyword after it.
    let dict_start = rfind(&bytes[..at], b"<<")?;
    let stream_kw = find(bytes, b"stream", at)?;
    let dict = &bytes[dict_start..stream_kw];
    if find(dict, b"/Filter", 0).is_some() {
        return Some(Err("the map inside the PDF is compressed: \
                         only PDFs exported by journey-map can be opened"
            .into()));
    }
    let length = length_of(dict)?;
    if length > limit {
        return Some(Err(format!(
            "the map inside the PDF is larger than {} MiB",
            limit / (1024 * 1024)
        )));
    }
    // The stream starts after the keyword and one end of line (CR LF or LF).
    let mut start = stream_kw + b"stream".len();
    if bytes.get(start) == Some(&b'\r') {
        start += 1;
    }
    if bytes.get(start) == Some(&b'\n') {
        start += 1;
    }
    let data = bytes.get(start..start.checked_add(length)?)?;
    Some(
        String::from_utf8(data.to_vec())
            .map_err(|_| "the map inside the PDF is not UTF-8 text".to_owned()),
    )
}

/// Where a `/Type /EmbeddedFile` entry is (any spacing; not the `/EmbeddedFiles` name tree).
fn embedded_file_type(bytes: &[u8]) -> Option<usize> {
    let name = b"/EmbeddedFile";
    let mut from = 0;
    while let Some(at) = find(bytes, name, from) {
        from = at + name.len();
        let ends_name = bytes.get(from).is_none_or(|b| !b.is_ascii_alphanumeric());
        let before = bytes[..at].trim_ascii_end();
        if ends_name && before.ends_with(b"/Type") {
            return Some(at);
        }
    }
    None
}

/// The direct integer after `/Length` in a dictionary.
fn length_of(dict: &[u8]) -> Option<usize> {
    let at = find(dict, b"/Length", 0)? + b"/Length".len();
    let rest = &dict[at..];
    let digits: Vec<u8> = rest
        .iter()
        .skip_while(|b| b.is_ascii_whitespace())
        .take_while(|b| b.is_ascii_digit())
        .take(12)
        .copied()
        .collect();
    std::str::from_utf8(&digits).ok()?.parse().ok()
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_attached_map_is_read_back_and_damage_is_refused() {
        let shapes = vec![Shape::rect_filled(
            Rect::from_min_size(Pos2::new(10.0, 10.0), epaint::vec2(100.0, 50.0)),
            4.0,
            Color32::RED,
        )];
        let page = PdfPage {
            shapes,
            width: 200,
            height: 100,
            background: Some(Color32::WHITE),
            photos: Vec::new(),
        };
        let doc = "(version: 1, title: \"Ëén kaart\")";
        let pdf = write(&[page], 0.75, "Ëén kaart", doc).expect("writes");
        assert!(is_pdf(&pdf));
        assert_eq!(embedded(&pdf, 1 << 20), Some(Ok(doc.to_owned())));
        // Too large for the limit: refused, not read.
        assert!(matches!(embedded(&pdf, 4), Some(Err(_))));
        // Cut inside the map: no map rather than a panic or part of one.
        let at = pdf
            .windows(doc.len())
            .position(|w| w == doc.as_bytes())
            .expect("stored as is");
        assert_eq!(embedded(&pdf[..at + 5], 1 << 20), None);
        assert_eq!(embedded(b"%PDF-1.7 nothing here", 1 << 20), None);
    }

    #[test]
    fn damaged_pdfs_never_panic_or_read_past_the_limit() {
        let page = PdfPage {
            shapes: Vec::new(),
            width: 100,
            height: 100,
            background: None,
            photos: Vec::new(),
        };
        let doc = "(version: 1)".repeat(20);
        let pdf = write(&[page], 0.75, "t", &doc).expect("writes");
        // Every cut, and a byte changed at every 7th place: a map, a refusal or nothing.
        for cut in 0..pdf.len() {
            let _ = embedded(&pdf[..cut], 1 << 20);
        }
        for at in (0..pdf.len()).step_by(7) {
            for b in [b'0', b'9', b' ', b'/', 0xFF] {
                let mut bad = pdf.clone();
                bad[at] = b;
                if let Some(Ok(text)) = embedded(&bad, 64) {
                    assert!(text.len() <= 64);
                }
            }
        }
    }
}
