//! SVG output of the same shapes the canvas paints: rectangles, circles and paths as vector
//! elements, text as text, icons as glyph outlines (so they need no icon font), and the
//! document in `<metadata>`.

use epaint::{Color32, Pos2, Shape, TextureId};
use std::fmt::Write as _;

const FONT_STACK: &str = "Ubuntu, 'Ubuntu Light', 'Segoe UI', 'Helvetica Neue', Arial, sans-serif";

/// Escapes text for XML content and attribute values.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 forbids even escaped.
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\r' | '\t') => {}
            c => out.push(c),
        }
    }
    out
}

fn unesc(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// `fill="…" fill-opacity="…"` style paint for a premultiplied colour.
fn paint_attr(name: &str, c: Color32) -> String {
    let [r, g, b, a] = c.to_srgba_unmultiplied();
    if a == 255 {
        format!(r##"{name}="#{r:02x}{g:02x}{b:02x}""##)
    } else {
        format!(
            r##"{name}="#{r:02x}{g:02x}{b:02x}" {name}-opacity="{:.3}""##,
            f32::from(a) / 255.0
        )
    }
}

fn n(v: f32) -> String {
    let r = (v * 100.0).round() / 100.0;
    if r == r.trunc() {
        format!("{}", r as i64)
    } else {
        format!("{r}")
    }
}

struct Outline<'a> {
    d: &'a mut String,
    origin: Pos2,
    scale: f32,
}

impl ttf_parser::OutlineBuilder for Outline<'_> {
    fn move_to(&mut self, x: f32, y: f32) {
        let _ = write!(
            self.d,
            "M{} {}",
            n(self.origin.x + x * self.scale),
            n(self.origin.y - y * self.scale)
        );
    }
    fn line_to(&mut self, x: f32, y: f32) {
        let _ = write!(
            self.d,
            "L{} {}",
            n(self.origin.x + x * self.scale),
            n(self.origin.y - y * self.scale)
        );
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let (o, s) = (self.origin, self.scale);
        let _ = write!(
            self.d,
            "Q{} {} {} {}",
            n(o.x + x1 * s),
            n(o.y - y1 * s),
            n(o.x + x * s),
            n(o.y - y * s)
        );
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        let (o, s) = (self.origin, self.scale);
        let _ = write!(
            self.d,
            "C{} {} {} {} {} {}",
            n(o.x + x1 * s),
            n(o.y - y1 * s),
            n(o.x + x2 * s),
            n(o.y - y2 * s),
            n(o.x + x * s),
            n(o.y - y * s)
        );
    }
    fn close(&mut self) {
        self.d.push('Z');
    }
}

struct Writer<'a> {
    out: String,
    icons: Option<ttf_parser::Face<'a>>,
    photos: &'a [(TextureId, String)],
    clip_id: usize,
}

impl Writer<'_> {
    fn shape(&mut self, shape: &Shape) {
        match shape {
            Shape::Vec(shapes) => shapes.iter().for_each(|s| self.shape(s)),
            Shape::Rect(r) => {
                let radius = f32::from(r.corner_radius.nw);
                let texture = r.fill_texture_id();
                if texture != TextureId::default()
                    && let Some((_, href)) = self.photos.iter().find(|(id, _)| *id == texture)
                {
                    self.clip_id += 1;
                    let id = self.clip_id;
                    let _ = writeln!(
                        self.out,
                        r#"<clipPath id="c{id}"><rect x="{}" y="{}" width="{}" height="{}" rx="{}"/></clipPath><image x="{}" y="{}" width="{}" height="{}" href="{}" clip-path="url(#c{id})" preserveAspectRatio="xMidYMid slice"/>"#,
                        n(r.rect.min.x),
                        n(r.rect.min.y),
                        n(r.rect.width()),
                        n(r.rect.height()),
                        n(radius),
                        n(r.rect.min.x),
                        n(r.rect.min.y),
                        n(r.rect.width()),
                        n(r.rect.height()),
                        esc(href)
                    );
                    return;
                }
                let mut rect = r.rect;
                if r.stroke.width > 0.0 && r.stroke_kind == epaint::StrokeKind::Inside {
                    rect = rect.shrink(r.stroke.width / 2.0);
                }
                let fill = if r.fill.a() > 0 {
                    paint_attr("fill", r.fill)
                } else {
                    r#"fill="none""#.into()
                };
                let stroke = if r.stroke.width > 0.0 && r.stroke.color.a() > 0 {
                    format!(
                        r#" {} stroke-width="{}""#,
                        paint_attr("stroke", r.stroke.color),
                        n(r.stroke.width)
                    )
                } else {
                    String::new()
                };
                let _ = writeln!(
                    self.out,
                    r#"<rect x="{}" y="{}" width="{}" height="{}" rx="{}" {fill}{stroke}/>"#,
                    n(rect.min.x),
                    n(rect.min.y),
                    n(rect.width().max(0.0)),
                    n(rect.height().max(0.0)),
                    n(radius)
                );
            }
            Shape::Circle(c) => {
                let fill = if c.fill.a() > 0 {
                    paint_attr("fill", c.fill)
                } else {
                    r#"fill="none""#.into()
                };
                let stroke = if c.stroke.width > 0.0 {
                    format!(
                        r#" {} stroke-width="{}""#,
                        paint_attr("stroke", c.stroke.color),
                        n(c.stroke.width)
                    )
                } else {
                    String::new()
                };
                let _ = writeln!(
                    self.out,
                    r#"<circle cx="{}" cy="{}" r="{}" {fill}{stroke}/>"#,
                    n(c.center.x),
                    n(c.center.y),
                    n(c.radius)
                );
            }
            Shape::LineSegment { points, stroke } => {
                let _ = writeln!(
                    self.out,
                    r#"<line x1="{}" y1="{}" x2="{}" y2="{}" {} stroke-width="{}" stroke-linecap="round"/>"#,
                    n(points[0].x),
                    n(points[0].y),
                    n(points[1].x),
                    n(points[1].y),
                    paint_attr("stroke", stroke.color),
                    n(stroke.width)
                );
            }
            Shape::Path(p) => {
                if p.points.is_empty() {
                    return;
                }
                let mut d = String::new();
                for (i, pt) in p.points.iter().enumerate() {
                    let _ = write!(
                        d,
                        "{}{} {}",
                        if i == 0 { 'M' } else { 'L' },
                        n(pt.x),
                        n(pt.y)
                    );
                }
                if p.closed {
                    d.push('Z');
                }
                let fill = if p.fill.a() > 0 {
                    paint_attr("fill", p.fill)
                } else {
                    r#"fill="none""#.into()
                };
                let color = match &p.stroke.color {
                    epaint::ColorMode::Solid(c) => *c,
                    epaint::ColorMode::UV(_) => Color32::GRAY,
                };
                let _ = writeln!(
                    self.out,
                    r#"<path d="{d}" {fill} {} stroke-width="{}" stroke-linejoin="round" stroke-linecap="round"/>"#,
                    paint_attr("stroke", color),
                    n(p.stroke.width)
                );
            }
            Shape::Mesh(mesh) if mesh.vertices.windows(2).all(|v| v[0].color == v[1].color) => {
                // One colour (the dramatic arc's area): one path, so a translucent fill is not
                // laid twice along the triangles' shared edges, which would show as seams.
                let Some(first) = mesh.vertices.first() else {
                    return;
                };
                let mut d = String::new();
                for tri in mesh.indices.chunks_exact(3) {
                    for (k, i) in tri.iter().enumerate() {
                        let p = mesh.vertices[*i as usize].pos;
                        let _ =
                            write!(d, "{}{} {}", if k == 0 { 'M' } else { 'L' }, n(p.x), n(p.y));
                    }
                    d.push('Z');
                }
                let _ = writeln!(
                    self.out,
                    r#"<path d="{d}" {}/>"#,
                    paint_attr("fill", first.color)
                );
            }
            Shape::Mesh(mesh) => {
                for tri in mesh.indices.chunks_exact(3) {
                    let v: Vec<&epaint::Vertex> =
                        tri.iter().map(|i| &mesh.vertices[*i as usize]).collect();
                    let _ = writeln!(
                        self.out,
                        r#"<path d="M{} {}L{} {}L{} {}Z" {}/>"#,
                        n(v[0].pos.x),
                        n(v[0].pos.y),
                        n(v[1].pos.x),
                        n(v[1].pos.y),
                        n(v[2].pos.x),
                        n(v[2].pos.y),
                        paint_attr("fill", v[1].color)
                    );
                }
            }
            Shape::Text(t) => self.text(t),
            _ => {}
        }
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
            let row = &placed.row;
            let Some(first) = row.glyphs.first() else {
                continue;
            };
            if is_icon {
                for g in &row.glyphs {
                    let baseline = t.pos + placed.pos.to_vec2() + g.pos.to_vec2();
                    self.icon(g.chr, baseline, size, color);
                }
                continue;
            }
            let text: String = row.glyphs.iter().map(|g| g.chr).collect();
            if text.trim().is_empty() {
                continue;
            }
            let origin = t.pos + placed.pos.to_vec2() + first.pos.to_vec2();
            let width: f32 = row.glyphs.iter().map(|g| g.advance_width).sum();
            let _ = writeln!(
                self.out,
                r#"<text x="{}" y="{}" font-size="{}" textLength="{}" lengthAdjust="spacingAndGlyphs" {}>{}</text>"#,
                n(origin.x),
                n(origin.y),
                n(size),
                n(width),
                paint_attr("fill", color),
                esc(&text)
            );
        }
    }

    fn icon(&mut self, chr: char, baseline: Pos2, size: f32, color: Color32) {
        let Some(face) = &self.icons else { return };
        let Some(id) = face.glyph_index(chr) else {
            return;
        };
        let scale = size / f32::from(face.units_per_em());
        let mut d = String::new();
        face.outline_glyph(
            id,
            &mut Outline {
                d: &mut d,
                origin: baseline,
                scale,
            },
        );
        if !d.is_empty() {
            let _ = writeln!(self.out, r#"<path d="{d}" {}/>"#, paint_attr("fill", color));
        }
    }
}

/// Writes an SVG document of `shapes` (in pixels) on a `width`×`height` canvas.
pub fn write(
    shapes: &[Shape],
    width: u32,
    height: u32,
    background: Option<Color32>,
    document: &str,
    photos: &[(TextureId, String)],
) -> String {
    let mut w = Writer {
        out: String::new(),
        icons: ttf_parser::Face::parse(lucide_icons::LUCIDE_FONT_BYTES, 0).ok(),
        photos,
        clip_id: 0,
    };
    let _ = writeln!(
        w.out,
        r#"<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:journey-map="https://journey-map.invalid/ns" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="{}" font-weight="300">
<metadata><journey-map:document>{}</journey-map:document></metadata>"#,
        esc(FONT_STACK),
        esc(document)
    );
    if let Some(bg) = background {
        let _ = writeln!(
            w.out,
            r#"<rect width="{width}" height="{height}" {}/>"#,
            paint_attr("fill", bg)
        );
    }
    for s in shapes {
        w.shape(s);
    }
    w.out.push_str("</svg>\n");
    w.out
}

/// The document inside an SVG written by [`write`].
pub fn embedded(svg: &str) -> Option<String> {
    let start = svg.find("<journey-map:document>")? + "<journey-map:document>".len();
    let end = start + svg[start..].find("</journey-map:document>")?;
    Some(unesc(&svg[start..end]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_round_trips() {
        let s = "a < b && \"c\" > 'd' — ë";
        assert_eq!(unesc(&esc(s)), s);
    }
}
