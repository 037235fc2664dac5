//! PowerPoint output (`.pptx`): one slide per page, every shape the painter draws as a native
//! DrawingML shape — boxes as (rounded) rectangles, circles as ellipses, lines, curves and
//! icons as freeform paths, text as text boxes in the editor's font — so a colleague can fix a
//! typo or move a card in PowerPoint, Keynote or Google Slides. Each slide's notes say which
//! phases it shows; the map travels inside the deck as a custom XML part, so the deck opens
//! again as the map.

use super::pdf::Photo;
use epaint::{Color32, Pos2, Rect, Shape, TextureId};
use quick_xml::escape::escape;
use std::fmt::Write as _;
use std::io::{Read, Write};

/// One slide: its shapes in pixels, its size in pixels, and the presenter's notes.
pub struct Slide {
    pub shapes: Vec<Shape>,
    pub width: u32,
    pub height: u32,
    pub background: Option<Color32>,
    pub photos: Vec<Photo>,
    pub notes: String,
}

/// Width of every slide: PowerPoint's 16:9 (13.333 inches), in EMU.
const SLIDE_CX: i64 = 12_192_000;
/// EMU in a point.
const EMU_PER_PT: f64 = 12_700.0;
/// The text font, and what PowerPoint substitutes where it is missing (a sans-serif).
const FONT: &str =
    r#"<a:latin typeface="Ubuntu Light" pitchFamily="34" charset="0"/><a:cs typeface="Arial"/>"#;
/// The root of the custom XML part that carries the map.
const MAP_ROOT: &str = r#"<document xmlns="https://journey-map.invalid/ns">"#;
const MAP_PART: &str = "customXml/item1.xml";

const NS: &str = r#"xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main""#;
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const CT: &str = "application/vnd.openxmlformats-officedocument";

/// A path command in pixels.
#[derive(Clone, Copy)]
enum Cmd {
    Move(Pos2),
    Line(Pos2),
    Quad(Pos2, Pos2),
    Cubic(Pos2, Pos2, Pos2),
    Close,
}

impl Cmd {
    fn points(&self) -> Vec<Pos2> {
        match *self {
            Cmd::Move(p) | Cmd::Line(p) => vec![p],
            Cmd::Quad(a, b) => vec![a, b],
            Cmd::Cubic(a, b, c) => vec![a, b, c],
            Cmd::Close => Vec::new(),
        }
    }
}

/// Glyph outlines (font units, y up) as path commands at `origin` (pixels, y down).
struct Outline {
    cmds: Vec<Cmd>,
    origin: Pos2,
    scale: f32,
}

impl Outline {
    fn at(&self, x: f32, y: f32) -> Pos2 {
        Pos2::new(
            self.origin.x + x * self.scale,
            self.origin.y - y * self.scale,
        )
    }
}

impl ttf_parser::OutlineBuilder for Outline {
    fn move_to(&mut self, x: f32, y: f32) {
        let p = self.at(x, y);
        self.cmds.push(Cmd::Move(p));
    }
    fn line_to(&mut self, x: f32, y: f32) {
        let p = self.at(x, y);
        self.cmds.push(Cmd::Line(p));
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let (a, b) = (self.at(x1, y1), self.at(x, y));
        self.cmds.push(Cmd::Quad(a, b));
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        let (a, b, c) = (self.at(x1, y1), self.at(x2, y2), self.at(x, y));
        self.cmds.push(Cmd::Cubic(a, b, c));
    }
    fn close(&mut self) {
        self.cmds.push(Cmd::Close);
    }
}

/// `<a:solidFill>` of a colour (with its alpha), or `<a:noFill/>`.
fn fill(c: Color32) -> String {
    let [r, g, b, a] = c.to_srgba_unmultiplied();
    if a == 0 {
        return "<a:noFill/>".into();
    }
    let alpha = if a < 255 {
        format!(r#"<a:alpha val="{}"/>"#, u32::from(a) * 100_000 / 255)
    } else {
        String::new()
    };
    format!(
        r#"<a:solidFill><a:srgbClr val="{r:02X}{g:02X}{b:02X}">{alpha}</a:srgbClr></a:solidFill>"#
    )
}

/// The shapes of one slide as `<p:spTree>` children, and the pictures they use.
struct SlideWriter<'a> {
    out: String,
    next_id: u32,
    /// EMU per pixel.
    emu: f64,
    icons: Option<&'a ttf_parser::Face<'a>>,
    photos: &'a [Photo],
    /// Pictures to put in the package: (relationship id, PNG bytes).
    media: Vec<(String, Vec<u8>)>,
}

impl SlideWriter<'_> {
    fn e(&self, px: f32) -> i64 {
        (f64::from(px) * self.emu).round() as i64
    }

    fn id(&mut self) -> u32 {
        self.next_id += 1;
        self.next_id
    }

    fn xfrm(&self, r: Rect) -> String {
        format!(
            r#"<a:xfrm><a:off x="{}" y="{}"/><a:ext cx="{}" cy="{}"/></a:xfrm>"#,
            self.e(r.min.x),
            self.e(r.min.y),
            self.e(r.width()).max(1),
            self.e(r.height()).max(1)
        )
    }

    fn line(&self, c: Color32, width: f32) -> String {
        if width <= 0.0 || c.a() == 0 {
            return "<a:ln><a:noFill/></a:ln>".into();
        }
        format!(
            r#"<a:ln w="{}" cap="rnd">{}<a:round/></a:ln>"#,
            self.e(width).max(1),
            fill(c)
        )
    }

    /// A shape: `geom` its geometry, `paint` its fill and line, `text` an optional text body.
    fn sp(&mut self, name: &str, r: Rect, geom: &str, paint: &str, text: Option<&str>) {
        let id = self.id();
        let tx = if text.is_some() { r#" txBox="1""# } else { "" };
        let _ = write!(
            self.out,
            r#"<p:sp><p:nvSpPr><p:cNvPr id="{id}" name="{} {id}"/><p:cNvSpPr{tx}/><p:nvPr/></p:nvSpPr><p:spPr>{}{geom}{paint}</p:spPr>"#,
            escape(name),
            self.xfrm(r)
        );
        if let Some(text) = text {
            self.out.push_str(text);
        }
        self.out.push_str("</p:sp>");
    }

    fn rect(&mut self, r: Rect, radius: f32, fill_c: Color32, line: String) {
        let short = r.width().min(r.height()).max(0.01);
        let geom = if radius > 0.01 {
            let adj = ((radius / short) * 100_000.0).clamp(0.0, 50_000.0) as i64;
            format!(
                r#"<a:prstGeom prst="roundRect"><a:avLst><a:gd name="adj" fmla="val {adj}"/></a:avLst></a:prstGeom>"#
            )
        } else {
            r#"<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>"#.into()
        };
        let paint = format!("{}{line}", fill(fill_c));
        self.sp("Box", r, &geom, &paint, None);
    }

    /// A freeform shape of `cmds` (pixels), filled and/or stroked.
    fn path(&mut self, name: &str, cmds: &[Cmd], fill_c: Option<Color32>, line: String) {
        let pts: Vec<Pos2> = cmds.iter().flat_map(Cmd::points).collect();
        let Some(first) = pts.first() else { return };
        let bounds = pts.iter().fold(Rect::from_min_max(*first, *first), |b, p| {
            b.union(Rect::from_min_max(*p, *p))
        });
        let (w, h) = (
            self.e(bounds.width()).max(1),
            self.e(bounds.height()).max(1),
        );
        let pt = |p: Pos2| {
            format!(
                r#"<a:pt x="{}" y="{}"/>"#,
                self.e(p.x - bounds.min.x),
                self.e(p.y - bounds.min.y)
            )
        };
        let mut d = String::new();
        for c in cmds {
            match *c {
                Cmd::Move(p) => {
                    let _ = write!(d, "<a:moveTo>{}</a:moveTo>", pt(p));
                }
                Cmd::Line(p) => {
                    let _ = write!(d, "<a:lnTo>{}</a:lnTo>", pt(p));
                }
                Cmd::Quad(a, b) => {
                    let _ = write!(d, "<a:quadBezTo>{}{}</a:quadBezTo>", pt(a), pt(b));
                }
                Cmd::Cubic(a, b, cc) => {
                    let _ = write!(
                        d,
                        "<a:cubicBezTo>{}{}{}</a:cubicBezTo>",
                        pt(a),
                        pt(b),
                        pt(cc)
                    );
                }
                Cmd::Close => d.push_str("<a:close/>"),
            }
        }
        let fill_attr = if fill_c.is_some() {
            ""
        } else {
            r#" fill="none""#
        };
        let geom = format!(
            r#"<a:custGeom><a:avLst/><a:gdLst/><a:ahLst/><a:cxnLst/><a:rect l="0" t="0" r="r" b="b"/><a:pathLst><a:path w="{w}" h="{h}"{fill_attr}>{d}</a:path></a:pathLst></a:custGeom>"#
        );
        let paint = format!(
            "{}{line}",
            fill_c.map_or_else(|| "<a:noFill/>".into(), fill)
        );
        self.sp(name, bounds, &geom, &paint, None);
    }

    fn shape(&mut self, shape: &Shape) {
        match shape {
            Shape::Vec(shapes) => shapes.iter().for_each(|s| self.shape(s)),
            Shape::Rect(r) => {
                let radius = f32::from(r.corner_radius.nw);
                let texture = r.fill_texture_id();
                if texture != TextureId::default() {
                    self.picture(texture, r.rect, radius);
                    return;
                }
                let mut rect = r.rect;
                if r.stroke.width > 0.0 && r.stroke_kind == epaint::StrokeKind::Inside {
                    rect = rect.shrink(r.stroke.width / 2.0);
                }
                let line = self.line(r.stroke.color, r.stroke.width);
                self.rect(rect, radius, r.fill, line);
            }
            Shape::Circle(c) => {
                let r = Rect::from_center_size(c.center, epaint::Vec2::splat(2.0 * c.radius));
                let paint = format!(
                    "{}{}",
                    fill(c.fill),
                    self.line(c.stroke.color, c.stroke.width)
                );
                self.sp(
                    "Point",
                    r,
                    r#"<a:prstGeom prst="ellipse"><a:avLst/></a:prstGeom>"#,
                    &paint,
                    None,
                );
            }
            Shape::LineSegment { points, stroke } => {
                let line = self.line(stroke.color, stroke.width);
                self.path(
                    "Line",
                    &[Cmd::Move(points[0]), Cmd::Line(points[1])],
                    None,
                    line,
                );
            }
            Shape::Path(p) => {
                let Some(first) = p.points.first() else {
                    return;
                };
                let mut cmds = vec![Cmd::Move(*first)];
                cmds.extend(p.points[1..].iter().map(|q| Cmd::Line(*q)));
                if p.closed {
                    cmds.push(Cmd::Close);
                }
                let color = match &p.stroke.color {
                    epaint::ColorMode::Solid(c) => *c,
                    epaint::ColorMode::UV(_) => Color32::GRAY,
                };
                let line = self.line(color, p.stroke.width);
                let fill_c = (p.fill.a() > 0).then_some(p.fill);
                self.path("Curve", &cmds, fill_c, line);
            }
            Shape::Mesh(mesh) => {
                // Triangles of one colour (the dramatic arc's area) as one freeform shape.
                let mut by_colour: Vec<(Color32, Vec<Cmd>)> = Vec::new();
                for tri in mesh.indices.chunks_exact(3) {
                    let v: Vec<&epaint::Vertex> = tri
                        .iter()
                        .filter_map(|i| mesh.vertices.get(*i as usize))
                        .collect();
                    let [a, b, c] = v.as_slice() else { continue };
                    let cmds = [
                        Cmd::Move(a.pos),
                        Cmd::Line(b.pos),
                        Cmd::Line(c.pos),
                        Cmd::Close,
                    ];
                    match by_colour.iter_mut().find(|(col, _)| *col == b.color) {
                        Some((_, list)) => list.extend(cmds),
                        None => by_colour.push((b.color, cmds.to_vec())),
                    }
                }
                for (col, cmds) in by_colour {
                    let line = self.line(Color32::TRANSPARENT, 0.0);
                    self.path("Area", &cmds, Some(col), line);
                }
            }
            Shape::Text(t) => self.text(t),
            _ => {}
        }
    }

    fn picture(&mut self, texture: TextureId, r: Rect, radius: f32) {
        let Some(photo) = self.photos.iter().find(|p| p.id == texture) else {
            return;
        };
        let [w, h] = photo.size;
        if w == 0 || h == 0 {
            return;
        }
        let mut png = Vec::new();
        {
            let mut enc = png::Encoder::new(&mut png, w as u32, h as u32);
            enc.set_color(png::ColorType::Rgba);
            enc.set_depth(png::BitDepth::Eight);
            let Ok(mut writer) = enc.write_header() else {
                return;
            };
            if writer.write_image_data(&photo.rgba).is_err() {
                return;
            }
        }
        let rid = format!("rIdImg{}", self.media.len() + 1);
        self.media.push((rid.clone(), png));
        // Cover the box, centred: crop the longer side (in thousandths of a percent).
        let (iw, ih) = (w as f32, h as f32);
        let (crop_x, crop_y) = if iw / ih > r.width() / r.height().max(0.01) {
            (
                ((1.0 - (r.width() / r.height().max(0.01)) * ih / iw) / 2.0 * 100_000.0) as i64,
                0,
            )
        } else {
            (
                0,
                ((1.0 - (r.height() / r.width().max(0.01)) * iw / ih) / 2.0 * 100_000.0) as i64,
            )
        };
        let short = r.width().min(r.height()).max(0.01);
        let adj = ((radius / short) * 100_000.0).clamp(0.0, 50_000.0) as i64;
        let id = self.id();
        let _ = write!(
            self.out,
            r#"<p:pic><p:nvPicPr><p:cNvPr id="{id}" name="Photo {id}"/><p:cNvPicPr><a:picLocks noChangeAspect="1"/></p:cNvPicPr><p:nvPr/></p:nvPicPr><p:blipFill><a:blip r:embed="{rid}"/><a:srcRect l="{crop_x}" t="{crop_y}" r="{crop_x}" b="{crop_y}"/><a:stretch><a:fillRect/></a:stretch></p:blipFill><p:spPr>{}<a:prstGeom prst="roundRect"><a:avLst><a:gd name="adj" fmla="val {adj}"/></a:avLst></a:prstGeom></p:spPr></p:pic>"#,
            self.xfrm(r)
        );
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
        if is_icon {
            for placed in &t.galley.rows {
                for g in &placed.row.glyphs {
                    let baseline = t.pos + placed.pos.to_vec2() + g.pos.to_vec2();
                    self.icon(g.chr, baseline, size, color);
                }
            }
            return;
        }
        let rows: Vec<(String, f32)> = t
            .galley
            .rows
            .iter()
            .map(|r| {
                let text: String = r.row.glyphs.iter().map(|g| g.chr).collect();
                (text, r.rect().height())
            })
            .collect();
        if rows.iter().all(|(s, _)| s.trim().is_empty()) {
            return;
        }
        let sz = ((f64::from(size) * self.emu / EMU_PER_PT) * 100.0)
            .round()
            .max(100.0) as i64;
        let algn = match t.galley.job.halign {
            emath::Align::Center => "ctr",
            emath::Align::Max => "r",
            emath::Align::Min => "l",
        };
        let mut body = String::from(
            r#"<p:txBody><a:bodyPr wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="t"><a:normAutofit/></a:bodyPr><a:lstStyle/>"#,
        );
        for (text, height) in &rows {
            let spacing = ((f64::from(*height) * self.emu / EMU_PER_PT) * 100.0).round() as i64;
            let _ = write!(
                body,
                r#"<a:p><a:pPr algn="{algn}"><a:lnSpc><a:spcPts val="{spacing}"/></a:lnSpc></a:pPr><a:r><a:rPr lang="nl-NL" sz="{sz}" dirty="0">{}{FONT}</a:rPr><a:t>{}</a:t></a:r></a:p>"#,
                fill(color),
                escape(text.as_str())
            );
        }
        body.push_str("</p:txBody>");
        // The painter's box, a hair wider for rounding: where the reader lacks the font and
        // substitutes a wider one, the text wraps inside the box and autofit shrinks it to fit.
        let r = t.galley.rect.translate(t.pos.to_vec2());
        let extra = epaint::vec2(r.width() * 0.02 + 1.0, 0.0);
        let r = match t.galley.job.halign {
            emath::Align::Center => r.expand2(extra * 0.5),
            emath::Align::Max => Rect::from_min_max(r.min - extra, r.max),
            emath::Align::Min => Rect::from_min_max(r.min, r.max + extra),
        };
        self.sp(
            "Text",
            r,
            r#"<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>"#,
            "<a:noFill/><a:ln><a:noFill/></a:ln>",
            Some(&body),
        );
    }

    fn icon(&mut self, chr: char, baseline: Pos2, size: f32, color: Color32) {
        let Some(face) = self.icons else { return };
        let Some(id) = face.glyph_index(chr) else {
            return;
        };
        let mut o = Outline {
            cmds: Vec::new(),
            origin: baseline,
            scale: size / f32::from(face.units_per_em()),
        };
        face.outline_glyph(id, &mut o);
        let line = self.line(Color32::TRANSPARENT, 0.0);
        self.path("Icon", &o.cmds, Some(color), line);
    }
}

/// The parts of the package that do not change with the map.
fn theme() -> String {
    let font = r#"<a:latin typeface="Ubuntu Light" pitchFamily="34" charset="0"/><a:ea typeface=""/><a:cs typeface=""/>"#;
    let solid = r#"<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>"#;
    let ln = r#"<a:ln w="9525"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln>"#;
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="journey-map"><a:themeElements><a:clrScheme name="journey-map"><a:dk1><a:srgbClr val="1F2328"/></a:dk1><a:lt1><a:srgbClr val="FFFFFF"/></a:lt1><a:dk2><a:srgbClr val="44546A"/></a:dk2><a:lt2><a:srgbClr val="F5F6F8"/></a:lt2><a:accent1><a:srgbClr val="1F6FEB"/></a:accent1><a:accent2><a:srgbClr val="C2410C"/></a:accent2><a:accent3><a:srgbClr val="8250DF"/></a:accent3><a:accent4><a:srgbClr val="0E8A7E"/></a:accent4><a:accent5><a:srgbClr val="BF3989"/></a:accent5><a:accent6><a:srgbClr val="F2B11B"/></a:accent6><a:hlink><a:srgbClr val="0563C1"/></a:hlink><a:folHlink><a:srgbClr val="954F72"/></a:folHlink></a:clrScheme><a:fontScheme name="journey-map"><a:majorFont>{font}</a:majorFont><a:minorFont>{font}</a:minorFont></a:fontScheme><a:fmtScheme name="journey-map"><a:fillStyleLst>{solid}{solid}{solid}</a:fillStyleLst><a:lnStyleLst>{ln}{ln}{ln}</a:lnStyleLst><a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst><a:bgFillStyleLst>{solid}{solid}{solid}</a:bgFillStyleLst></a:fmtScheme></a:themeElements></a:theme>"#
    )
}

const CLR_MAP: &str = r#"<p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" accent3="accent3" accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" folHlink="folHlink"/>"#;
const EMPTY_TREE: &str = r#"<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>"#;

fn rels(list: &[(String, String, String)]) -> String {
    let mut out = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    for (id, kind, target) in list {
        let _ = write!(
            out,
            r#"<Relationship Id="{id}" Type="{kind}" Target="{}"/>"#,
            escape(target.as_str())
        );
    }
    out.push_str("</Relationships>");
    out
}

fn rel(id: &str, kind: &str, target: &str) -> (String, String, String) {
    (id.to_owned(), format!("{REL}/{kind}"), target.to_owned())
}

fn notes_xml(text: &str) -> String {
    let mut paragraphs = String::new();
    for line in text.lines() {
        let _ = write!(
            paragraphs,
            r#"<a:p><a:r><a:rPr lang="nl-NL" dirty="0"/><a:t>{}</a:t></a:r></a:p>"#,
            escape(line)
        );
    }
    if paragraphs.is_empty() {
        paragraphs.push_str("<a:p/>");
    }
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<p:notes {NS}><p:cSld><p:spTree>{EMPTY_TREE}<p:sp><p:nvSpPr><p:cNvPr id="2" name="Slide Image Placeholder 1"/><p:cNvSpPr><a:spLocks noGrp="1" noRot="1" noChangeAspect="1"/></p:cNvSpPr><p:nvPr><p:ph type="sldImg"/></p:nvPr></p:nvSpPr><p:spPr/></p:sp><p:sp><p:nvSpPr><p:cNvPr id="3" name="Notes Placeholder 2"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="body" idx="1"/></p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/>{paragraphs}</p:txBody></p:sp></p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:notes>"#
    )
}

/// Why a deck could not be written.
#[derive(Debug)]
pub struct PptxError(pub String);

/// Writes `slides` as a PowerPoint deck titled `title`, carrying `document` (the map).
pub fn write(slides: &[Slide], title: &str, document: &str) -> Result<Vec<u8>, PptxError> {
    let err = |e: zip::result::ZipError| PptxError(format!("the deck could not be written ({e})"));
    let io_err = |e: std::io::Error| PptxError(format!("the deck could not be written ({e})"));
    let first = slides
        .first()
        .ok_or_else(|| PptxError("a deck needs a slide".into()))?;
    let cy =
        (SLIDE_CX as f64 * f64::from(first.height) / f64::from(first.width.max(1))).round() as i64;
    let icon_face = ttf_parser::Face::parse(lucide_icons::LUCIDE_FONT_BYTES, 0).ok();
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let put = |zip: &mut zip::ZipWriter<std::io::Cursor<Vec<u8>>>, name: &str, data: &[u8]| {
        zip.start_file(name, options).map_err(err)?;
        zip.write_all(data).map_err(io_err)
    };
    let n = slides.len();
    // [Content_Types].xml
    let mut types = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/>"#,
    );
    let over = |t: &mut String, part: &str, kind: &str| {
        let _ = write!(t, r#"<Override PartName="/{part}" ContentType="{kind}"/>"#);
    };
    over(
        &mut types,
        "ppt/presentation.xml",
        &format!("{CT}.presentationml.presentation.main+xml"),
    );
    over(
        &mut types,
        "ppt/slideMasters/slideMaster1.xml",
        &format!("{CT}.presentationml.slideMaster+xml"),
    );
    over(
        &mut types,
        "ppt/slideLayouts/slideLayout1.xml",
        &format!("{CT}.presentationml.slideLayout+xml"),
    );
    over(
        &mut types,
        "ppt/notesMasters/notesMaster1.xml",
        &format!("{CT}.presentationml.notesMaster+xml"),
    );
    over(
        &mut types,
        "ppt/theme/theme1.xml",
        &format!("{CT}.theme+xml"),
    );
    over(
        &mut types,
        "ppt/theme/theme2.xml",
        &format!("{CT}.theme+xml"),
    );
    over(
        &mut types,
        "docProps/core.xml",
        "application/vnd.openxmlformats-package.core-properties+xml",
    );
    over(
        &mut types,
        "docProps/app.xml",
        &format!("{CT}.extended-properties+xml"),
    );
    over(
        &mut types,
        "customXml/itemProps1.xml",
        &format!("{CT}.customXmlProperties+xml"),
    );
    for i in 1..=n {
        over(
            &mut types,
            &format!("ppt/slides/slide{i}.xml"),
            &format!("{CT}.presentationml.slide+xml"),
        );
        over(
            &mut types,
            &format!("ppt/notesSlides/notesSlide{i}.xml"),
            &format!("{CT}.presentationml.notesSlide+xml"),
        );
    }
    types.push_str("</Types>");
    put(&mut zip, "[Content_Types].xml", types.as_bytes())?;
    put(
        &mut zip,
        "_rels/.rels",
        rels(&[
            rel("rId1", "officeDocument", "ppt/presentation.xml"),
            (
                "rId2".into(),
                "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties".into(),
                "docProps/core.xml".into(),
            ),
            rel("rId3", "extended-properties", "docProps/app.xml"),
        ])
        .as_bytes(),
    )?;
    put(
        &mut zip,
        "docProps/core.xml",
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{}</dc:title><dc:creator>journey-map</dc:creator></cp:coreProperties>"#,
            escape(title)
        )
        .as_bytes(),
    )?;
    put(
        &mut zip,
        "docProps/app.xml",
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>journey-map</Application><Slides>{n}</Slides></Properties>"#
        )
        .as_bytes(),
    )?;
    // The map, as the text of a custom XML part.
    put(
        &mut zip,
        MAP_PART,
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
{MAP_ROOT}{}</document>"#,
            escape(document)
        )
        .as_bytes(),
    )?;
    put(
        &mut zip,
        "customXml/itemProps1.xml",
        br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<ds:datastoreItem ds:itemID="{6A1D3C52-2E0B-4F55-9C39-3B1A0E5D7C11}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs><ds:schemaRef ds:uri="https://journey-map.invalid/ns"/></ds:schemaRefs></ds:datastoreItem>"#,
    )?;
    put(
        &mut zip,
        "customXml/_rels/item1.xml.rels",
        rels(&[rel("rId1", "customXmlProps", "itemProps1.xml")]).as_bytes(),
    )?;
    // presentation.xml and its relationships.
    let mut pres_rels = vec![
        rel("rIdMaster", "slideMaster", "slideMasters/slideMaster1.xml"),
        rel("rIdNotes", "notesMaster", "notesMasters/notesMaster1.xml"),
        rel("rIdTheme", "theme", "theme/theme1.xml"),
        rel("rIdMap", "customXml", "../customXml/item1.xml"),
    ];
    let mut ids = String::new();
    for i in 1..=n {
        pres_rels.push(rel(
            &format!("rIdSlide{i}"),
            "slide",
            &format!("slides/slide{i}.xml"),
        ));
        let _ = write!(ids, r#"<p:sldId id="{}" r:id="rIdSlide{i}"/>"#, 255 + i);
    }
    put(
        &mut zip,
        "ppt/presentation.xml",
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<p:presentation {NS} saveSubsetFonts="1"><p:sldMasterIdLst><p:sldMasterId id="2147483648" r:id="rIdMaster"/></p:sldMasterIdLst><p:notesMasterIdLst><p:notesMasterId r:id="rIdNotes"/></p:notesMasterIdLst><p:sldIdLst>{ids}</p:sldIdLst><p:sldSz cx="{SLIDE_CX}" cy="{cy}"/><p:notesSz cx="6858000" cy="9144000"/></p:presentation>"#
        )
        .as_bytes(),
    )?;
    put(
        &mut zip,
        "ppt/_rels/presentation.xml.rels",
        rels(&pres_rels).as_bytes(),
    )?;
    put(&mut zip, "ppt/theme/theme1.xml", theme().as_bytes())?;
    put(&mut zip, "ppt/theme/theme2.xml", theme().as_bytes())?;
    put(
        &mut zip,
        "ppt/slideMasters/slideMaster1.xml",
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<p:sldMaster {NS}><p:cSld><p:spTree>{EMPTY_TREE}</p:spTree></p:cSld>{CLR_MAP}<p:sldLayoutIdLst><p:sldLayoutId id="2147483649" r:id="rId1"/></p:sldLayoutIdLst></p:sldMaster>"#
        )
        .as_bytes(),
    )?;
    put(
        &mut zip,
        "ppt/slideMasters/_rels/slideMaster1.xml.rels",
        rels(&[
            rel("rId1", "slideLayout", "../slideLayouts/slideLayout1.xml"),
            rel("rId2", "theme", "../theme/theme1.xml"),
        ])
        .as_bytes(),
    )?;
    put(
        &mut zip,
        "ppt/slideLayouts/slideLayout1.xml",
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<p:sldLayout {NS} type="blank" preserve="1"><p:cSld name="Blank"><p:spTree>{EMPTY_TREE}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>"#
        )
        .as_bytes(),
    )?;
    put(
        &mut zip,
        "ppt/slideLayouts/_rels/slideLayout1.xml.rels",
        rels(&[rel(
            "rId1",
            "slideMaster",
            "../slideMasters/slideMaster1.xml",
        )])
        .as_bytes(),
    )?;
    put(
        &mut zip,
        "ppt/notesMasters/notesMaster1.xml",
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<p:notesMaster {NS}><p:cSld><p:spTree>{EMPTY_TREE}</p:spTree></p:cSld>{CLR_MAP}</p:notesMaster>"#
        )
        .as_bytes(),
    )?;
    put(
        &mut zip,
        "ppt/notesMasters/_rels/notesMaster1.xml.rels",
        rels(&[rel("rId1", "theme", "../theme/theme2.xml")]).as_bytes(),
    )?;
    for (i, slide) in slides.iter().enumerate() {
        let i = i + 1;
        let mut w = SlideWriter {
            out: String::new(),
            next_id: 1,
            emu: SLIDE_CX as f64 / f64::from(slide.width.max(1)),
            icons: icon_face.as_ref(),
            photos: &slide.photos,
            media: Vec::new(),
        };
        let bg = match slide.background {
            Some(c) => format!("<p:bg><p:bgPr>{}<a:effectLst/></p:bgPr></p:bg>", fill(c)),
            None => String::new(),
        };
        for s in &slide.shapes {
            w.shape(s);
        }
        put(
            &mut zip,
            &format!("ppt/slides/slide{i}.xml"),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<p:sld {NS}><p:cSld>{bg}<p:spTree>{EMPTY_TREE}{}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>"#,
                w.out
            )
            .as_bytes(),
        )?;
        let mut slide_rels = vec![
            rel("rId1", "slideLayout", "../slideLayouts/slideLayout1.xml"),
            rel(
                "rId2",
                "notesSlide",
                &format!("../notesSlides/notesSlide{i}.xml"),
            ),
        ];
        for (k, (rid, png)) in w.media.iter().enumerate() {
            let name = format!("ppt/media/slide{i}-photo{}.png", k + 1);
            put(&mut zip, &name, png)?;
            slide_rels.push(rel(
                rid,
                "image",
                &format!("../media/slide{i}-photo{}.png", k + 1),
            ));
        }
        put(
            &mut zip,
            &format!("ppt/slides/_rels/slide{i}.xml.rels"),
            rels(&slide_rels).as_bytes(),
        )?;
        put(
            &mut zip,
            &format!("ppt/notesSlides/notesSlide{i}.xml"),
            notes_xml(&slide.notes).as_bytes(),
        )?;
        put(
            &mut zip,
            &format!("ppt/notesSlides/_rels/notesSlide{i}.xml.rels"),
            rels(&[
                rel("rId1", "notesMaster", "../notesMasters/notesMaster1.xml"),
                rel("rId2", "slide", &format!("../slides/slide{i}.xml")),
            ])
            .as_bytes(),
        )?;
    }
    let cursor = zip.finish().map_err(err)?;
    Ok(cursor.into_inner())
}

/// Whether bytes look like a PowerPoint deck (a zip with a presentation part).
pub fn is_pptx(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
        && bytes
            .windows(b"ppt/".len())
            .take(1 << 20)
            .any(|w| w == b"ppt/")
}

/// The map inside a deck written by [`write`], read with limits: at most `limit` bytes of it
/// and a bounded number of parts. `None` when the deck has no map.
pub fn embedded(bytes: &[u8], limit: usize) -> Option<Result<String, String>> {
    let mut archive = match zip::ZipArchive::new(std::io::Cursor::new(bytes)) {
        Ok(a) => a,
        Err(_) => {
            return Some(Err(
                "the deck is damaged: it is not a readable zip file".into()
            ));
        }
    };
    if archive.len() > 100_000 {
        return Some(Err("the deck has too many parts".into()));
    }
    let mut file = archive.by_name(MAP_PART).ok()?;
    let mut text = Vec::new();
    if (&mut file)
        .take(limit as u64 + 1)
        .read_to_end(&mut text)
        .is_err()
    {
        return Some(Err("the map inside the deck is damaged".into()));
    }
    if text.len() > limit {
        return Some(Err(format!(
            "the map inside the deck is larger than {} MiB",
            limit / (1024 * 1024)
        )));
    }
    let Ok(text) = String::from_utf8(text) else {
        return Some(Err("the map inside the deck is not UTF-8 text".into()));
    };
    let start = text.find(MAP_ROOT)? + MAP_ROOT.len();
    let end = text[start..].rfind("</document>")? + start;
    Some(
        quick_xml::escape::unescape(&text[start..end])
            .map(|s| s.into_owned())
            .map_err(|_| "the map inside the deck is damaged".to_owned()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deck_carries_its_map_and_damage_is_refused() {
        let shapes = vec![Shape::rect_filled(
            Rect::from_min_size(Pos2::new(10.0, 10.0), epaint::vec2(100.0, 50.0)),
            4.0,
            Color32::RED,
        )];
        let slide = Slide {
            shapes,
            width: 1920,
            height: 1080,
            background: Some(Color32::WHITE),
            photos: Vec::new(),
            notes: "Behoefte (2 seconden)\nZe heeft trek & <haast>".into(),
        };
        let doc = "(version: 1, title: \"Ëén <kaart> & \\\"zo\\\"\")";
        let deck = write(&[slide], "Ëén kaart", doc).expect("writes");
        assert!(is_pptx(&deck));
        assert_eq!(embedded(&deck, 1 << 20), Some(Ok(doc.to_owned())));
        assert!(matches!(embedded(&deck, 4), Some(Err(_))));
        assert!(matches!(
            embedded(&deck[..deck.len() / 2], 1 << 20),
            Some(Err(_)) | None
        ));
        assert!(matches!(
            embedded(b"PK\x03\x04ppt/ junk", 1 << 20),
            Some(Err(_))
        ));
    }
}
