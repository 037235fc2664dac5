//! Layout → epaint shapes: the infographic look. The canvas and every export call
//! [`paint_map`]; nothing else draws a map, so screen and picture cannot drift apart.

mod curve;
mod icons;
mod theme;

pub use curve::monotone_curve;
pub use icons::{ICON_FAMILY, channel_icon, font_definitions, icon_font};
pub use theme::{Theme, color, lerp};

use crate::layout::{CurveGeom, MapLayout, value_to_y};
use crate::model::{
    Card, Channel, CurveKind, CurveVariant, Evidence, Journey, LaneKind, Language, Scale,
};
use emath::{Align, Pos2, Rect, TSTransform, Vec2, pos2, vec2};
use epaint::text::{FontsView, LayoutJob, TextFormat, TextWrapping};
use epaint::{Color32, CornerRadius, FontId, Shape, Stroke, StrokeKind};

/// What to paint and how.
#[derive(Clone, Debug)]
pub struct PaintOptions {
    pub theme: Theme,
    /// The language of fixed words (legend, labels); the map's own text is as written.
    pub lang: Language,
    /// The curve being edited: drawn on top with its labels; others recede. `None` draws every
    /// curve alike (export).
    pub active_curve: Option<crate::model::CurveId>,
    /// The dramatic arc being edited (the active persona's), drawn like `active_curve`.
    pub active_arc: Option<crate::model::CurveId>,
    /// Persona photos already uploaded as textures; personas without one get a monogram.
    pub photos: Vec<(crate::model::PersonaId, epaint::TextureId)>,
    /// Fill the map's background (off for a transparent export).
    pub background: bool,
    /// A page's footer ("2 / 4 · Overweging – Beslissing"), drawn in the layout's footer band.
    pub footer: Option<String>,
}

impl Default for PaintOptions {
    fn default() -> Self {
        Self {
            theme: Theme::light(),
            lang: Language::En,
            active_curve: None,
            active_arc: None,
            photos: Vec::new(),
            background: true,
            footer: None,
        }
    }
}

/// Measures text with the painter's fonts, for the layout's text fitting: the sum of the
/// glyphs' widths, cached per character and size (a 10,000-card map is fitted in one pass).
pub struct GlyphMeasure<'a, 'f> {
    fonts: std::cell::RefCell<&'a mut FontsView<'f>>,
    cache: Widths,
}

/// Where a measure keeps the widths it has looked up.
enum Widths {
    Own(std::cell::RefCell<WidthCache>),
    /// The export's, kept for the life of the process.
    Shared(&'static std::sync::Mutex<WidthCache>),
}

/// Glyph widths per size: a table for the first 256 characters (nearly all text of a Dutch
/// or English map, looked up without hashing), a map for the rest.
#[derive(Default)]
pub struct WidthCache {
    tables: Vec<(u32, Box<[f32; 256]>)>,
    others: std::collections::HashMap<(char, u32), f32>,
}

impl WidthCache {
    fn width(&mut self, fonts: &mut FontsView<'_>, text: &str, size: f32) -> f32 {
        let font = FontId::proportional(size);
        let key = size.to_bits();
        let table = match self.tables.iter().position(|(k, _)| *k == key) {
            Some(i) => i,
            None => {
                self.tables.push((key, Box::new([f32::NAN; 256])));
                self.tables.len() - 1
            }
        };
        let (_, table) = &mut self.tables[table];
        let others = &mut self.others;
        text.chars()
            .map(|ch| match usize::try_from(u32::from(ch)) {
                Ok(i) if i < 256 => {
                    if table[i].is_nan() {
                        table[i] = fonts.glyph_width(&font, ch);
                    }
                    table[i]
                }
                _ => *others
                    .entry((ch, key))
                    .or_insert_with(|| fonts.glyph_width(&font, ch)),
            })
            .sum()
    }
}

impl<'a, 'f> GlyphMeasure<'a, 'f> {
    pub fn new(fonts: &'a mut FontsView<'f>) -> Self {
        Self {
            fonts: std::cell::RefCell::new(fonts),
            cache: Widths::Own(Default::default()),
        }
    }

    /// A measure for `fonts` built from [`font_definitions`] at one pixel per point (the
    /// export's): widths are kept for the life of the process, so the next page or export
    /// measures nothing twice (looking a glyph up the first time is most of the cost).
    pub fn for_export(fonts: &'a mut FontsView<'f>) -> Self {
        static SHARED: std::sync::OnceLock<std::sync::Mutex<WidthCache>> =
            std::sync::OnceLock::new();
        Self {
            fonts: std::cell::RefCell::new(fonts),
            cache: Widths::Shared(SHARED.get_or_init(Default::default)),
        }
    }
}

impl crate::layout::fit::Measure for GlyphMeasure<'_, '_> {
    fn width(&self, text: &str, size: f32) -> f32 {
        let mut fonts = self.fonts.borrow_mut();
        match &self.cache {
            Widths::Own(cache) => cache.borrow_mut().width(&mut fonts, text, size),
            // A poisoned lock only means another thread panicked mid-lookup: the widths in
            // it are still right.
            Widths::Shared(cache) => cache
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .width(&mut fonts, text, size),
        }
    }
}

/// Text smaller than this many pixels on screen is skipped: it would be unreadable, and
/// laying it out is the costliest part of a zoomed-out frame.
const MIN_TEXT_PX: f32 = 3.0;

/// Colours for several personas' curves.
const CURVE_COLORS: [Color32; 5] = [
    Color32::from_rgb(0x1F, 0x6F, 0xEB),
    Color32::from_rgb(0xC2, 0x41, 0x0C),
    Color32::from_rgb(0x82, 0x50, 0xDF),
    Color32::from_rgb(0x0E, 0x8A, 0x7E),
    Color32::from_rgb(0xBF, 0x39, 0x89),
];

struct Canvas<'a, 'f> {
    fonts: &'a mut FontsView<'f>,
    t: TSTransform,
    clip: Rect,
    shapes: Vec<Shape>,
    /// Whether the icon font is installed (a bare egui context may lack it).
    icons: bool,
}

impl<'a, 'f> Canvas<'a, 'f> {
    fn new(fonts: &'a mut FontsView<'f>, t: TSTransform, clip: Rect) -> Self {
        let icons = fonts
            .families()
            .contains(&epaint::FontFamily::Name(ICON_FAMILY.into()));
        Self {
            fonts,
            t,
            clip,
            shapes: Vec::new(),
            icons,
        }
    }

    /// Draws a channel's icon with its top-left at `pos` (map space), `size` high; a dot when
    /// the icon font is missing.
    fn icon(&mut self, channel: &Channel, pos: Pos2, size: f32, color: Color32) {
        let s = self.t.scaling;
        if size * s < MIN_TEXT_PX {
            return;
        }
        if !self.icons {
            let center = self.t.mul_pos(pos + vec2(size / 2.0, size / 2.0));
            self.shapes
                .push(Shape::circle_filled(center, size * s * 0.3, color));
            return;
        }
        let galley = self.fonts.layout_no_wrap(
            channel_icon(channel).to_string(),
            icon_font(size * s),
            color,
        );
        self.shapes
            .push(Shape::galley(self.t.mul_pos(pos), galley, color));
    }

    /// A five-pointed star (a moment of truth) centred at `center` (map space).
    fn star(&mut self, center: Pos2, radius: f32, fill: Color32, outline: Color32) {
        let c = self.t.mul_pos(center);
        let r = radius * self.t.scaling;
        let points: Vec<Pos2> = (0..10)
            .map(|i| {
                let angle = -std::f32::consts::FRAC_PI_2 + i as f32 * std::f32::consts::PI / 5.0;
                let rr = if i % 2 == 0 { r } else { r * 0.45 };
                c + vec2(angle.cos(), angle.sin()) * rr
            })
            .collect();
        let mut mesh = epaint::Mesh::default();
        mesh.colored_vertex(c, fill);
        for p in &points {
            mesh.colored_vertex(*p, fill);
        }
        for i in 0..10u32 {
            mesh.add_triangle(0, 1 + i, 1 + (i + 1) % 10);
        }
        self.shapes.push(Shape::mesh(mesh));
        let mut closed = points.clone();
        closed.push(points[0]);
        self.shapes.push(Shape::line(
            closed,
            Stroke::new(1.2 * self.t.scaling.max(0.5), outline),
        ));
    }

    fn visible(&self, map_rect: Rect) -> bool {
        self.clip.intersects(self.t.mul_rect(map_rect))
    }

    fn rect(&mut self, r: Rect, radius: f32, fill: Color32) {
        let r = self.t.mul_rect(r);
        self.shapes.push(Shape::rect_filled(
            r,
            CornerRadius::same((radius * self.t.scaling).round().clamp(0.0, 255.0) as u8),
            fill,
        ));
    }

    fn outline(&mut self, r: Rect, radius: f32, width: f32, color: Color32) {
        let r = self.t.mul_rect(r);
        self.shapes.push(Shape::rect_stroke(
            r,
            CornerRadius::same((radius * self.t.scaling).round().clamp(0.0, 255.0) as u8),
            Stroke::new(width, color),
            StrokeKind::Inside,
        ));
    }

    fn line(&mut self, a: Pos2, b: Pos2, width: f32, color: Color32) {
        self.shapes.push(Shape::line_segment(
            [self.t.mul_pos(a), self.t.mul_pos(b)],
            Stroke::new(width * self.t.scaling.max(0.5), color),
        ));
    }

    /// Lays out text at `size` map units inside `width`, at most `rows` rows, ending in "…"
    /// when it does not fit. Returns the map-space size it took.
    fn text(&mut self, job: TextJob<'_>) -> Vec2 {
        self.place(job, true).0
    }

    /// Draws `job` only when it fits whole in its rows (nothing would end in "…"); returns the
    /// size it took, or `None` when nothing was drawn.
    fn text_whole(&mut self, job: TextJob<'_>) -> Option<Vec2> {
        let (_, whole) = self.place(job, false);
        whole.then(|| self.place(job, true).0)
    }

    /// Draws lines fitted by the layout, one under the other from `pos`.
    fn lines(&mut self, f: &crate::layout::fit::Fitted, pos: Pos2, color: Color32) {
        let step = crate::layout::fit::line_height(f.size);
        for (i, line) in f.lines.iter().enumerate() {
            let at = pos + vec2(0.0, i as f32 * step);
            self.text(TextJob::new(&line.text, at, f.size, color, f32::INFINITY));
        }
    }

    /// Draws fitted lines centred in `r`'s width, one under the other from its top.
    fn lines_centered(&mut self, f: &crate::layout::fit::Fitted, r: Rect, color: Color32) {
        let step = crate::layout::fit::line_height(f.size);
        for (i, line) in f.lines.iter().enumerate() {
            let at = pos2(r.left(), r.top() + i as f32 * step);
            let job = TextJob::new(&line.text, at, f.size, color, r.width()).align(Align::Center);
            self.text(job);
        }
    }

    /// The map-space size `job` would take, without drawing it.
    fn measure(&mut self, job: TextJob<'_>) -> Vec2 {
        self.place(job, false).0
    }

    /// Lays `job` out, drawing it when `draw`; returns its map-space size and whether it is
    /// whole (not shortened with "…"; text too small to draw counts as whole).
    fn place(&mut self, job: TextJob<'_>, draw: bool) -> (Vec2, bool) {
        let s = self.t.scaling;
        if job.size * s < MIN_TEXT_PX || job.text.is_empty() {
            return (vec2(0.0, job.size * 1.3 * job.rows.min(1) as f32), true);
        }
        let mut layout = LayoutJob::single_section(
            job.text.to_owned(),
            TextFormat::simple(FontId::proportional(job.size * s), job.color),
        );
        layout.wrap = TextWrapping {
            max_width: (job.width * s).max(1.0),
            max_rows: job.rows,
            break_anywhere: false,
            overflow_character: Some('…'),
        };
        layout.halign = job.align;
        let galley = self.fonts.layout_job(layout);
        let size = galley.size() / s;
        let whole = !galley.elided;
        let anchor = match job.align {
            Align::Center => job.pos + vec2(job.width / 2.0, 0.0),
            Align::Max => job.pos + vec2(job.width, 0.0),
            Align::Min => job.pos,
        };
        if draw {
            self.shapes
                .push(Shape::galley(self.t.mul_pos(anchor), galley, job.color));
        }
        (size, whole)
    }
}

#[derive(Clone, Copy)]
struct TextJob<'a> {
    text: &'a str,
    pos: Pos2,
    size: f32,
    color: Color32,
    width: f32,
    rows: usize,
    align: Align,
}

impl<'a> TextJob<'a> {
    fn new(text: &'a str, pos: Pos2, size: f32, color: Color32, width: f32) -> Self {
        Self {
            text,
            pos,
            size,
            color,
            width,
            rows: 1,
            align: Align::Min,
        }
    }

    fn rows(mut self, rows: usize) -> Self {
        self.rows = rows.max(1);
        self
    }

    fn align(mut self, align: Align) -> Self {
        self.align = align;
        self
    }
}

/// Paints the whole map. `to_screen` maps layout space to pixels (zoom and pan, or the export's
/// scale); `clip` is the visible area in those pixels: anything outside is skipped.
pub fn paint_map(
    j: &Journey,
    l: &MapLayout,
    fonts: &mut FontsView<'_>,
    opts: &PaintOptions,
    to_screen: TSTransform,
    clip: Rect,
) -> Vec<Shape> {
    let mut c = Canvas::new(fonts, to_screen, clip);
    let th = &opts.theme;
    if opts.background {
        c.rect(l.bounds, 0.0, th.background);
    }
    if let Some(h) = l.header
        && c.visible(h)
    {
        paint_header(&mut c, j, l, h, opts);
    }
    paint_phases(&mut c, j, l, th);
    paint_lanes(&mut c, j, l, th, opts.lang);
    if let (Some(r), Some(text)) = (l.footer, &opts.footer) {
        c.text(
            TextJob::new(text, r.min + vec2(0.0, 4.0), 14.0, th.text_muted, r.width())
                .align(Align::Max),
        );
    }
    for kpi in &l.kpis {
        if c.visible(kpi.rect) {
            let r = kpi.rect;
            c.rect(r, 6.0, th.lane_bg[0]);
            c.outline(r, 6.0, 1.0, th.lane_color(LaneKind::Kpis));
            c.lines(&kpi.name, kpi.name_pos(), th.text_muted);
            c.lines(&kpi.value, kpi.value_pos(), th.text);
        }
    }
    for geom in &l.cards {
        // Visible first: the lookup is by index, but even that is skipped off-screen.
        if c.visible(geom.rect)
            && let Some(card) = j.cards.get(geom.index)
        {
            let kind = j.lane(&card.lane).map_or(LaneKind::Notes, |l| l.kind);
            paint_card(&mut c, card, geom, kind, th, opts.lang);
        }
    }
    for chip in &l.chips {
        if c.visible(chip.rect) {
            let r = chip.rect;
            c.rect(r, r.height() / 2.0, th.lane_bg[0]);
            c.outline(r, r.height() / 2.0, 1.0, th.card_border);
            let accent = th.lane_color(LaneKind::Channels);
            c.icon(&chip.channel, r.min + vec2(8.0, 5.0), 16.0, accent);
            let label = chip.channel.label(opts.lang);
            channel_label(
                &mut c,
                &label,
                TextJob::new("", r.min + vec2(30.0, 5.0), 12.0, th.text, r.width() - 36.0),
            );
        }
    }
    // The active curve last, so it is drawn on top.
    let mut order: Vec<usize> = (0..l.curves.len()).collect();
    order.sort_by_key(|i| Some(&l.curves[*i].id) == opts.active_curve.as_ref());
    // Labels placed so far, so no label lands on another (map space).
    let mut labels: Vec<Rect> = Vec::new();
    for i in order {
        paint_curve(&mut c, j, l, &l.curves[i], i, opts, &mut labels);
    }
    if let Some(legend) = &l.legend
        && c.visible(legend.rect)
    {
        paint_legend(&mut c, j, legend, opts);
    }
    c.shapes
}

fn paint_legend(
    c: &mut Canvas<'_, '_>,
    j: &Journey,
    g: &crate::layout::LegendGeom,
    opts: &PaintOptions,
) {
    let th = &opts.theme;
    let lang = opts.lang;
    let r = g.rect;
    c.rect(r, 10.0, th.header_bg);
    c.outline(r, 10.0, 1.0, th.grid_line);
    let item_w = (r.width() - 32.0) / g.per_row as f32;
    let mut y = r.top() + 12.0;
    if !g.channels.is_empty() {
        c.text(TextJob::new(
            lang.pick("Channels", "Kanalen"),
            pos2(r.left() + 16.0, y),
            13.0,
            th.text_muted,
            300.0,
        ));
        y += 24.0;
        for (i, ch) in g.channels.iter().enumerate() {
            let x = r.left() + 16.0 + (i % g.per_row) as f32 * item_w;
            let iy = y + (i / g.per_row) as f32 * 26.0;
            c.icon(ch, pos2(x, iy), 16.0, th.lane_color(LaneKind::Channels));
            c.text(TextJob::new(
                &ch.label(lang),
                pos2(x + 22.0, iy + 1.0),
                12.0,
                th.text,
                item_w - 28.0,
            ));
        }
        y += g.channels.len().div_ceil(g.per_row) as f32 * 26.0 + 4.0;
    }
    // One row: evidence levels, the curves, moments of truth.
    let mut x = r.left() + 16.0;
    c.text(TextJob::new(
        lang.pick("Evidence:", "Onderbouwing:"),
        pos2(x, y),
        12.0,
        th.text_muted,
        120.0,
    ));
    x += 100.0;
    for e in Evidence::ALL {
        evidence_marker(c, pos2(x + 6.0, y + 8.0), e, th);
        x += 18.0
            + c.text(TextJob::new(
                e.label(lang),
                pos2(x + 16.0, y),
                12.0,
                th.text,
                170.0,
            ))
            .x
            + 14.0;
    }
    x += 20.0;
    for (i, curve) in j
        .emotion_curves
        .iter()
        .filter(|cv| cv.kind == CurveKind::Emotion)
        .enumerate()
    {
        let name = j
            .personas
            .iter()
            .find(|p| p.id == curve.persona)
            .map_or("", |p| p.name.as_str());
        let variant = match curve.variant {
            CurveVariant::AsIs => lang.pick("as-is", "huidig"),
            CurveVariant::ToBe => lang.pick("to-be", "gewenst"),
        };
        let color = curve_color(j, curve, i);
        let a = c.t.mul_pos(pos2(x, y + 8.0));
        let b = c.t.mul_pos(pos2(x + 28.0, y + 8.0));
        let stroke = Stroke::new(3.0 * c.t.scaling.max(0.4), color);
        if curve.variant == CurveVariant::ToBe {
            c.shapes.extend(Shape::dashed_line(
                &[a, b],
                stroke,
                6.0 * c.t.scaling,
                4.0 * c.t.scaling,
            ));
        } else {
            c.shapes.push(Shape::line_segment([a, b], stroke));
        }
        let label = format!("{name} ({variant})");
        x += 34.0
            + c.text(TextJob::new(
                &label,
                pos2(x + 34.0, y),
                12.0,
                th.text,
                220.0,
            ))
            .x
            + 18.0;
    }
    let any_critical = j.cards.iter().any(|c| c.critical)
        || j.emotion_curves
            .iter()
            .any(|cv| cv.points.iter().any(|p| p.critical));
    if any_critical {
        c.star(pos2(x + 7.0, y + 8.0), 7.0, STAR, th.card_bg);
        c.text(TextJob::new(
            lang.pick("Moment of truth", "Moment van de waarheid"),
            pos2(x + 20.0, y),
            12.0,
            th.text,
            200.0,
        ));
    }
}

/// The gold of a moment-of-truth star.
const STAR: Color32 = Color32::from_rgb(0xF2, 0xB1, 0x1B);

/// The colour of a curve's line when several curves share a lane.
fn curve_color(j: &Journey, curve: &crate::model::EmotionCurve, index: usize) -> Color32 {
    let persona_index = j
        .personas
        .iter()
        .position(|p| p.id == curve.persona)
        .unwrap_or(index);
    CURVE_COLORS[persona_index % CURVE_COLORS.len()]
}

fn paint_header(c: &mut Canvas<'_, '_>, j: &Journey, l: &MapLayout, h: Rect, opts: &PaintOptions) {
    let th = &opts.theme;
    c.rect(h, 10.0, th.header_bg);
    c.outline(h, 10.0, 1.0, th.grid_line);
    let personas_w = l
        .personas
        .iter()
        .map(|(_, r)| r.left())
        .fold(h.right(), f32::min);
    let text_w = (personas_w - h.left() - 40.0).max(200.0);
    let mut y = h.top() + 16.0;
    // The title whole: a size smaller rather than cut short (at the last size, as it must).
    let title = |size: f32| TextJob::new(&j.title, pos2(h.left() + 20.0, y), size, th.text, text_w);
    y += [28.0, 24.0, 20.0]
        .into_iter()
        .find_map(|size| c.text_whole(title(size).rows(2)))
        .unwrap_or_else(|| c.text(title(16.0).rows(3)))
        .y
        + 6.0;
    // As many whole sentences of the description as fit; none when not even one does.
    let rows = rows_left(y, h.bottom() - 8.0, 14.0).min(4);
    if rows > 0 {
        for text in sentence_prefixes(&j.description) {
            let job = TextJob::new(text, pos2(h.left() + 20.0, y), 14.0, th.text_muted, text_w);
            if c.text_whole(job.rows(rows)).is_some() {
                break;
            }
        }
    }
    for (id, r) in &l.personas {
        if let Some(p) = j.personas.iter().find(|p| &p.id == id) {
            paint_persona(c, j, p, *r, opts);
        }
    }
}

fn paint_persona(
    c: &mut Canvas<'_, '_>,
    j: &Journey,
    p: &crate::model::Persona,
    r: Rect,
    opts: &PaintOptions,
) {
    let th = &opts.theme;
    c.rect(r, 8.0, th.lane_bg[1]);
    // A monogram in the persona's curve colour stands in for the photo.
    let index = j.personas.iter().position(|x| x.id == p.id).unwrap_or(0);
    let avatar = Rect::from_min_size(r.min + vec2(12.0, 12.0), vec2(56.0, 56.0));
    if let Some((_, tex)) = opts.photos.iter().find(|(id, _)| id == &p.id) {
        let screen = c.t.mul_rect(avatar);
        let radius = (28.0 * c.t.scaling).round().clamp(0.0, 255.0) as u8;
        let shape = epaint::RectShape::filled(screen, CornerRadius::same(radius), Color32::WHITE)
            .with_texture(*tex, Rect::from_min_max(Pos2::ZERO, pos2(1.0, 1.0)));
        c.shapes.push(Shape::Rect(shape));
    } else {
        c.rect(avatar, 28.0, CURVE_COLORS[index % CURVE_COLORS.len()]);
        let initials: String = p
            .name
            .split_whitespace()
            .filter_map(|w| w.chars().next())
            .take(2)
            .collect();
        c.text(
            TextJob::new(
                &initials,
                avatar.min + vec2(0.0, 16.0),
                20.0,
                Color32::WHITE,
                56.0,
            )
            .align(Align::Center),
        );
    }
    let tx = avatar.right() + 12.0;
    let tw = r.right() - tx - 12.0;
    let mut y = r.top() + 10.0;
    y += c
        .text(TextJob::new(&p.name, pos2(tx, y), 18.0, th.text, tw))
        .y
        + 2.0;
    let mut facts = vec![p.role.clone()];
    if let Some(age) = p.age {
        facts.push(
            opts.lang
                .pick(&format!("{age} years"), &format!("{age} jaar"))
                .to_owned(),
        );
    }
    facts.push(p.location.clone());
    let facts: Vec<String> = facts.into_iter().filter(|f| !f.is_empty()).collect();
    // Each further line only where the card has room for it.
    let bottom = r.bottom() - 6.0;
    let rows = rows_left(y, bottom, 12.0).min(2);
    if rows == 0 {
        return;
    }
    // As many facts as fit whole, the role first; a fact that does not fit is left out, never
    // cut short (the persona's own panel has them all).
    if let Some(size) = (1..=facts.len()).rev().find_map(|n| {
        let line = facts[..n].join(" · ");
        c.text_whole(TextJob::new(&line, pos2(tx, y), 12.0, th.text_muted, tw).rows(rows))
    }) {
        y += size.y + 4.0;
    }
    let rows = rows_left(y, bottom, 13.0).min(2);
    if !p.quote.is_empty() && rows > 0 {
        let quote = format!("“{}”", p.quote);
        if let Some(size) =
            c.text_whole(TextJob::new(&quote, pos2(tx, y), 13.0, th.text, tw).rows(rows))
        {
            y += size.y + 4.0;
        }
    }
    if let Some(goal) = p.goals.first()
        && rows_left(y, bottom, 12.0) > 0
    {
        let goal = format!("{} {goal}", opts.lang.pick("Goal:", "Doel:"));
        c.text_whole(TextJob::new(&goal, pos2(tx, y), 12.0, th.text_muted, tw).rows(1));
    }
}

/// A channel's name beside its icon: whole, or its first part ("Telefoon" of "Telefoon /
/// callcenter"), or nothing (the icon and the legend say it), never cut short.
fn channel_label(c: &mut Canvas<'_, '_>, label: &str, job: TextJob<'_>) {
    if c.text_whole(TextJob { text: label, ..job }).is_none()
        && let Some((short, _)) = label.split_once(" / ")
    {
        c.text_whole(TextJob { text: short, ..job });
    }
}

/// `text`, then each shorter prefix of it that ends a sentence, longest first.
fn sentence_prefixes(text: &str) -> impl Iterator<Item = &str> {
    let text = text.trim();
    let ends = text.char_indices().filter_map(move |(i, ch)| {
        let next = text[i + ch.len_utf8()..].chars().next();
        (matches!(ch, '.' | '!' | '?') && next.is_some_and(char::is_whitespace))
            .then_some(i + ch.len_utf8())
    });
    let mut ends: Vec<usize> = ends.collect();
    ends.reverse();
    std::iter::once(text).chain(ends.into_iter().map(move |e| &text[..e]))
}

/// How many rows of text of `size` fit between `y` and `bottom`.
fn rows_left(y: f32, bottom: f32, size: f32) -> usize {
    ((bottom - y) / (size * 1.3)).floor().max(0.0) as usize
}

fn paint_phases(c: &mut Canvas<'_, '_>, j: &Journey, l: &MapLayout, th: &Theme) {
    for geom in &l.phases {
        let Some(phase) = j.phase(&geom.id) else {
            continue;
        };
        if !c.visible(geom.rect) {
            continue;
        }
        let fill = color(phase.color);
        let r = geom.rect.shrink2(vec2(2.0, 0.0));
        c.rect(r, 8.0, fill);
        c.lines(&geom.name, geom.name_pos(), th.phase_text);
        c.lines(
            &geom.duration,
            geom.duration_pos(),
            th.phase_text.gamma_multiply(0.9),
        );
    }
    for step in &l.steps {
        let fill = j.phase(&step.phase).map_or(th.lane_title_bg, |p| {
            lerp(color(p.color), th.background, 0.78)
        });
        let r = step.rect.shrink2(vec2(2.0, 2.0));
        c.rect(r, 4.0, fill);
        c.lines_centered(&step.name, step.name_rect(), th.text);
    }
}

fn paint_lane_title(
    c: &mut Canvas<'_, '_>,
    lane: &crate::model::Lane,
    geom: &crate::layout::LaneGeom,
    th: &Theme,
) {
    let title = geom.title_rect.shrink2(vec2(0.0, 1.0));
    c.rect(title, 6.0, th.lane_title_bg);
    let accent = th.lane_color(lane.kind);
    c.rect(
        Rect::from_min_size(title.min, vec2(5.0, title.height())),
        2.0,
        accent,
    );
    c.lines(&geom.title, geom.title_pos(), th.text);
}

fn paint_lanes(c: &mut Canvas<'_, '_>, j: &Journey, l: &MapLayout, th: &Theme, lang: Language) {
    for (i, geom) in l.lanes.iter().enumerate() {
        if !c.visible(geom.rect) {
            continue;
        }
        let Some(lane) = j.lane(&geom.id) else {
            continue;
        };
        c.rect(geom.body_rect, 0.0, th.lane_bg[i % 2]);
        paint_lane_title(c, lane, geom, th);
        // Column lines; phase boundaries a little stronger.
        for (ci, col) in l.columns.iter().enumerate().skip(1) {
            let boundary = l.phases.iter().any(|p| p.first_column == ci);
            let color = if boundary {
                th.grid_line
            } else {
                th.grid_line.gamma_multiply(0.5)
            };
            c.line(
                pos2(col.x.min, geom.rect.top()),
                pos2(col.x.min, geom.rect.bottom()),
                1.0,
                color,
            );
        }
        c.line(
            geom.body_rect.left_bottom(),
            geom.body_rect.right_bottom(),
            1.0,
            th.grid_line,
        );
        if lane.kind.is_curve() {
            paint_emotion_grid(c, j, l, geom.id.as_str(), th, lang);
        }
    }
}

/// Paints the phase band at the top of `clip` and the lane titles at its left when the map is
/// scrolled past them, so a consultant never loses track of where they are. Returns nothing
/// when the headers are already in view.
pub fn paint_pinned_headers(
    j: &Journey,
    l: &MapLayout,
    fonts: &mut FontsView<'_>,
    opts: &PaintOptions,
    to_screen: TSTransform,
    clip: Rect,
) -> Vec<Shape> {
    let th = &opts.theme;
    let mut shapes = Vec::new();
    let band_top = l.phases.first().map(|p| p.rect.top());
    let band_bottom = l
        .steps
        .iter()
        .map(|s| s.rect.bottom())
        .chain(l.phases.iter().map(|p| p.rect.bottom()))
        .fold(f32::NEG_INFINITY, f32::max);
    let title_left = l.lanes.first().map(|g| g.title_rect.left());
    let title_right = l.lanes.first().map_or(0.0, |g| g.title_rect.right());
    let grid_bottom = to_screen.mul_pos(pos2(0.0, l.grid.bottom())).y;
    if let Some(left) = title_left {
        let dx = clip.left() - to_screen.mul_pos(pos2(left, 0.0)).x;
        if dx > 0.0 {
            let t = TSTransform::new(to_screen.translation + vec2(dx, 0.0), to_screen.scaling);
            let mut c = Canvas::new(&mut *fonts, t, clip);
            let strip = Rect::from_min_max(
                pos2(clip.left(), clip.top()),
                pos2(
                    t.mul_pos(pos2(title_right, 0.0)).x + 2.0,
                    grid_bottom.min(clip.bottom()),
                ),
            );
            c.shapes
                .push(Shape::rect_filled(strip, CornerRadius::ZERO, th.background));
            for geom in &l.lanes {
                if let Some(lane) = j.lane(&geom.id)
                    && c.visible(geom.rect)
                {
                    paint_lane_title(&mut c, lane, geom, th);
                }
            }
            shapes.extend(c.shapes);
        }
    }
    if let Some(top) = band_top {
        let dy = clip.top() - to_screen.mul_pos(pos2(0.0, top)).y;
        if dy > 0.0 {
            let t = TSTransform::new(to_screen.translation + vec2(0.0, dy), to_screen.scaling);
            let mut c = Canvas::new(&mut *fonts, t, clip);
            let strip = Rect::from_min_max(
                pos2(clip.left(), clip.top()),
                pos2(clip.right(), t.mul_pos(pos2(0.0, band_bottom)).y + 4.0),
            );
            c.shapes
                .push(Shape::rect_filled(strip, CornerRadius::ZERO, th.background));
            paint_phases(&mut c, j, l, th);
            shapes.extend(c.shapes);
        }
    }
    shapes
}

fn paint_emotion_grid(
    c: &mut Canvas<'_, '_>,
    j: &Journey,
    l: &MapLayout,
    lane: &str,
    th: &Theme,
    _lang: Language,
) {
    let Some(geom) = l.lanes.iter().find(|g| g.id.as_str() == lane) else {
        return;
    };
    let Some(yr) = geom.curve_y else { return };
    let first = l
        .curves
        .iter()
        .find(|g| g.lane.as_str() == lane)
        .and_then(|g| j.curve(&g.id));
    let engagement = Scale::engagement();
    let scale = match first {
        Some(model) => &model.scale,
        // An empty dramatic arc still shows its levels, to be clicked on.
        None if geom.kind == LaneKind::DramaticArc => &engagement,
        None => return,
    };
    let numbered = geom.kind == LaneKind::DramaticArc && scale.labels.is_empty();
    for level in scale.min..=scale.max {
        let y = value_to_y(level as f32, scale.min, scale.max, yr);
        let a = c.t.mul_pos(pos2(geom.body_rect.left(), y));
        let b = c.t.mul_pos(pos2(geom.body_rect.right(), y));
        let stroke = Stroke::new(
            1.0,
            if level == 0 {
                th.grid_line
            } else {
                th.grid_line.gamma_multiply(0.6)
            },
        );
        c.shapes
            .extend(Shape::dashed_line(&[a, b], stroke, 6.0, 6.0));
        // Where levels sit closer than a line of text, name every other one (always the ends).
        let spacing = (yr.span() / (scale.max - scale.min).max(1) as f32) * c.t.scaling;
        let every = (16.0 * c.t.scaling / spacing.max(0.1)).ceil().max(1.0) as i32;
        let named =
            ((level - scale.min) % every == 0 && scale.max - level >= every) || level == scale.max;
        let number = level.to_string();
        let label = if numbered {
            Some(&number)
        } else {
            scale.labels.get((level - scale.min) as usize)
        };
        if named && let Some(label) = label {
            let w = geom.title_rect.width() - 20.0;
            c.text(
                TextJob::new(
                    label,
                    pos2(geom.title_rect.left() + 10.0, y - 8.0),
                    12.0,
                    th.text_muted,
                    w,
                )
                .align(Align::Max),
            );
        }
    }
}

fn paint_curve(
    c: &mut Canvas<'_, '_>,
    j: &Journey,
    l: &MapLayout,
    g: &CurveGeom,
    index: usize,
    opts: &PaintOptions,
    labels: &mut Vec<Rect>,
) {
    let th = &opts.theme;
    let Some(model) = j.curve(&g.id) else { return };
    let (min, max) = (model.scale.min, model.scale.max);
    let arc = model.kind == CurveKind::Engagement;
    let single = j
        .emotion_curves
        .iter()
        .filter(|cv| cv.kind == model.kind)
        .count()
        == 1;
    let (active, labelled) = curve_emphasis(j, opts, model);
    let fade = if active { 1.0 } else { 0.45 };
    // One emotion curve runs from red to green with its values; a dramatic arc, or one of
    // several curves, has one colour.
    let plain = match (arc, single) {
        (true, true) => Some(th.lane_color(LaneKind::DramaticArc)),
        (false, true) => None,
        (_, false) => Some(curve_color(j, model, index)),
    };
    let pts: Vec<Pos2> = g.points.iter().map(|p| p.pos).collect();
    let smooth = monotone_curve(&pts, 16);
    let screen: Vec<Pos2> = smooth.iter().map(|p| c.t.mul_pos(*p)).collect();
    let width = 3.0 * c.t.scaling.max(0.4);
    let dashed = model.variant == CurveVariant::ToBe;
    if arc && let Some(color) = plain {
        // The arc's area, down to its lowest level: the shape of the story at a glance.
        fill_under(c, &screen, c.t.mul_pos(pos2(0.0, g.y.max)).y, {
            color.gamma_multiply(if dashed { 0.08 } else { 0.16 } * fade)
        });
    }
    for (s, m) in screen.windows(2).zip(smooth.windows(2)) {
        let col = plain
            .unwrap_or_else(|| {
                th.emotion_color(y_value(m[0].y.midpoint(m[1].y), g, min, max), min, max)
            })
            .gamma_multiply(fade);
        if dashed {
            c.shapes.extend(Shape::dashed_line(
                &[s[0], s[1]],
                Stroke::new(width, col),
                8.0,
                6.0,
            ));
        } else {
            c.shapes
                .push(Shape::line_segment([s[0], s[1]], Stroke::new(width, col)));
        }
    }
    let lowest = g
        .points
        .iter()
        .map(|p| p.value)
        .fold(f32::INFINITY, f32::min);
    let highest = g
        .points
        .iter()
        .map(|p| p.value)
        .fold(f32::NEG_INFINITY, f32::max);
    let columns = j.columns();
    for p in &g.points {
        let point = model.points.iter().find(|mp| {
            j.column_of(&mp.at) == Some(p.column) || columns.get(p.column) == Some(&mp.at)
        });
        let fill = plain
            .filter(|_| arc)
            .unwrap_or_else(|| th.emotion_color(p.value, min, max))
            .gamma_multiply(fade);
        let extreme =
            g.points.len() > 1 && (p.value == lowest || p.value == highest) && lowest < highest;
        let r = if extreme { 10.0 } else { 7.5 };
        let center = c.t.mul_pos(p.pos);
        if extreme && active {
            // The lowest and highest moments: a halo, where a consultant looks first.
            c.shapes.push(Shape::circle_filled(
                center,
                (r + 5.0) * c.t.scaling,
                fill.gamma_multiply(0.25),
            ));
        }
        c.shapes
            .push(Shape::circle_filled(center, r * c.t.scaling, fill));
        c.shapes.push(Shape::circle_stroke(
            center,
            r * c.t.scaling,
            Stroke::new(2.0 * c.t.scaling, th.card_bg),
        ));
        if j.style.emotion_faces && !arc {
            face(
                c,
                p.pos,
                r,
                (p.value - min as f32) / (max - min).max(1) as f32,
                th.card_bg,
            );
        }
        if point.is_some_and(|mp| mp.critical) {
            c.star(p.pos + vec2(r + 2.0, -r - 2.0), 7.0, STAR, th.card_bg);
        }
        if labelled && let Some(label) = point.map(|mp| mp.label.as_str()).filter(|s| !s.is_empty())
        {
            // As wide as the column, so labels of neighbouring points never overlap.
            let w = l
                .columns
                .get(p.column)
                .map_or(150.0, |c| c.x.span() - 8.0)
                .min(170.0);
            let lane = l.lanes.iter().find(|x| x.id == g.lane);
            let body = lane.map_or(l.bounds, |x| x.body_rect);
            let obstacles = curve_obstacles(l, &g.lane);
            let spot = place_label(c, label, p.pos, r, w, body, &obstacles, labels, th);
            if let Some((rect, job)) = spot {
                // Moved away from its point: a thin leader line says whose label it is.
                let gap = (rect.center().y - p.pos.y).abs() - rect.height() / 2.0;
                if gap > r + 10.0 {
                    let to = pos2(
                        p.pos.x,
                        if rect.top() > p.pos.y {
                            rect.top()
                        } else {
                            rect.bottom()
                        },
                    );
                    let from = p.pos + vec2(0.0, if to.y > p.pos.y { r + 2.0 } else { -r - 2.0 });
                    c.line(from, to, 1.0, th.text_muted.gamma_multiply(0.6));
                }
                labels.push(rect);
                c.text(job);
            }
        }
    }
}

/// Whether a curve is drawn in full (else it recedes) and whether its point labels show: the
/// curve being edited, or in a picture the first curve of its kind only, so labels of several
/// curves never pile up.
fn curve_emphasis(
    j: &Journey,
    opts: &PaintOptions,
    model: &crate::model::EmotionCurve,
) -> (bool, bool) {
    let first = || {
        j.emotion_curves
            .iter()
            .find(|cv| cv.kind == model.kind)
            .is_some_and(|f| f.id == model.id)
    };
    let editing = match model.kind {
        CurveKind::Emotion => opts.active_curve.as_ref(),
        CurveKind::Engagement => opts.active_arc.as_ref(),
    };
    match (editing, &opts.active_curve) {
        (Some(a), _) => (a == &model.id, a == &model.id),
        // In the editor, a persona without an arc of its own: other personas' arcs recede.
        (None, Some(_)) => (false, false),
        (None, None) => (true, first()),
    }
}

/// Fills the area between a curve (in screen space, left to right) and the line `y = base`.
/// What a curve label must not cover in a curve lane: every point's marker (with its halo and
/// star) and the curves' lines, as small rectangles in map space.
fn curve_obstacles(l: &MapLayout, lane: &crate::model::LaneId) -> Vec<Rect> {
    let mut out = Vec::new();
    for g in l.curves.iter().filter(|g| &g.lane == lane) {
        for p in &g.points {
            out.push(Rect::from_center_size(p.pos, vec2(30.0, 30.0)));
            // The moment-of-truth star up and to the right.
            out.push(Rect::from_center_size(
                p.pos + vec2(12.0, -12.0),
                vec2(14.0, 14.0),
            ));
        }
        let pts: Vec<Pos2> = g.points.iter().map(|p| p.pos).collect();
        for q in monotone_curve(&pts, 16) {
            out.push(Rect::from_center_size(q, vec2(4.0, 4.0)));
        }
    }
    out
}

/// Finds where a point's label goes: under the point, above it, then further down or up
/// (the caller draws a leader line), then the same at half the width, wrapped to more lines;
/// never over a marker, a curve or another label, and inside the lane. `None` when there is
/// no such place at all (the label is left out rather than drawn over a marker).
#[allow(clippy::too_many_arguments)]
fn place_label<'a>(
    c: &mut Canvas<'_, '_>,
    label: &'a str,
    at: Pos2,
    r: f32,
    width: f32,
    lane: Rect,
    obstacles: &[Rect],
    placed: &[Rect],
    th: &Theme,
) -> Option<(Rect, TextJob<'a>)> {
    for (w, rows) in [(width, 3), (width * 0.6, 5)] {
        let job = || {
            TextJob::new(label, at, 12.0, th.text, w)
                .rows(rows)
                .align(Align::Center)
        };
        let size = c.measure(job());
        let h = size.y;
        let mut offsets = vec![r + 4.0, -(r + 6.0 + h)];
        for step in 1..12 {
            let d = step as f32 * 9.0;
            offsets.push(r + 4.0 + d);
            offsets.push(-(r + 6.0 + h + d));
        }
        for dy in offsets {
            let y = at.y + dy;
            let rect = Rect::from_min_size(pos2(at.x - size.x / 2.0, y), size);
            let free = lane.shrink(1.0).contains_rect(rect)
                && !obstacles.iter().any(|o| o.intersects(rect))
                && !placed.iter().any(|o| o.intersects(rect.expand(2.0)));
            if free {
                return Some((
                    rect,
                    TextJob {
                        pos: pos2(at.x - w / 2.0, y),
                        ..job()
                    },
                ));
            }
        }
    }
    None
}

fn fill_under(c: &mut Canvas<'_, '_>, curve: &[Pos2], base: f32, color: Color32) {
    if curve.len() < 2 {
        return;
    }
    // One mesh of quads: no anti-aliased seams between them, and it need not be convex.
    let mut mesh = epaint::Mesh::default();
    for p in curve {
        mesh.colored_vertex(*p, color);
        mesh.colored_vertex(pos2(p.x, base), color);
    }
    for i in 0..(curve.len() as u32 - 1) {
        let k = 2 * i;
        mesh.add_triangle(k, k + 1, k + 2);
        mesh.add_triangle(k + 1, k + 3, k + 2);
    }
    c.shapes.push(Shape::mesh(mesh));
}

/// A face inside a point: eyes and a mouth that smiles as `t` (0 = lowest, 1 = highest) rises.
fn face(c: &mut Canvas<'_, '_>, center: Pos2, r: f32, t: f32, color: Color32) {
    let s = c.t.scaling;
    if r * s < 4.0 {
        return;
    }
    let stroke = Stroke::new((r * 0.14 * s).max(0.8), color);
    for dx in [-0.33, 0.33] {
        let eye = c.t.mul_pos(center + vec2(dx * r, -0.25 * r));
        c.shapes
            .push(Shape::circle_filled(eye, r * 0.11 * s, color));
    }
    let curve = (t.clamp(0.0, 1.0) - 0.5) * 2.0; // -1 frown … +1 smile
    let mouth: Vec<Pos2> = (0..=8)
        .map(|i| {
            let x = -0.42 + 0.84 * i as f32 / 8.0;
            let y = 0.32 + curve * 0.22 * (1.0 - (x / 0.42).powi(2)) - curve * 0.05;
            c.t.mul_pos(center + vec2(x * r, y * r))
        })
        .collect();
    c.shapes.push(Shape::line(mouth, stroke));
}

fn y_value(y: f32, g: &CurveGeom, min: i32, max: i32) -> f32 {
    let t = ((g.y.max - y) / (g.y.max - g.y.min).max(1.0)).clamp(0.0, 1.0);
    min as f32 + t * (max - min) as f32
}

fn evidence_marker(c: &mut Canvas<'_, '_>, center: Pos2, e: Evidence, th: &Theme) {
    let col = th.evidence_color(e);
    let p = c.t.mul_pos(center);
    let r = 5.0 * c.t.scaling;
    match e {
        Evidence::Assumption => c.shapes.push(Shape::circle_stroke(
            p,
            r,
            Stroke::new(1.6 * c.t.scaling, col),
        )),
        Evidence::PartlyResearched => {
            c.shapes.push(Shape::circle_stroke(
                p,
                r,
                Stroke::new(1.6 * c.t.scaling, col),
            ));
            c.shapes.push(Shape::circle_filled(p, r * 0.5, col));
        }
        Evidence::Researched => c.shapes.push(Shape::circle_filled(p, r, col)),
    }
}

fn paint_card(
    c: &mut Canvas<'_, '_>,
    card: &Card,
    geom: &crate::layout::CardGeom,
    kind: LaneKind,
    th: &Theme,
    lang: Language,
) {
    let r = geom.rect;
    let accent = card.color.map_or_else(|| th.lane_color(kind), color);
    let fill = match card.color {
        Some(col) => lerp(th.card_bg, color(col), if th.dark { 0.25 } else { 0.12 }),
        None => th.card_bg,
    };
    // Zoomed far out a card is a few pixels tall: a plain box with its accent reads the same
    // and costs a fraction to draw (no shadow, outline, markers or text).
    if r.height() * c.t.scaling < 20.0 {
        c.rect(r, 0.0, fill);
        c.rect(
            Rect::from_min_size(r.min, vec2(4.0, r.height())),
            0.0,
            accent,
        );
        return;
    }
    c.rect(
        r.translate(vec2(0.0, 1.5)),
        6.0,
        th.grid_line.gamma_multiply(0.6),
    );
    c.rect(r, 6.0, fill);
    c.outline(r, 6.0, 1.0, th.card_border);
    c.rect(
        Rect::from_min_size(r.min, vec2(4.0, r.height())),
        2.0,
        accent,
    );
    evidence_marker(c, pos2(r.right() - 10.0, r.top() + 10.0), card.evidence, th);
    let inner_w = r.width() - 30.0;
    let channel = card.channel.as_ref().map(|ch| ch.label(lang));
    // The lines the layout fitted: the card is as tall as they need.
    c.lines(&geom.title, geom.title_pos(), th.text);
    if let Some(body) = &geom.body {
        c.lines(body, geom.body_pos(), th.text_muted);
    }
    if let (Some(label), Some(ch), true) = (channel, &card.channel, geom.channel_line) {
        let y = r.bottom() - crate::layout::CARD_FOOTER - 4.0;
        // Muted, not the accent: a card's own colour may be too light for a legible icon.
        c.icon(ch, pos2(r.left() + 11.0, y), 14.0, th.text_muted);
        channel_label(
            c,
            &label,
            TextJob::new(
                "",
                pos2(r.left() + 30.0, y + 1.0),
                12.0,
                th.text_muted,
                inner_w - 16.0,
            ),
        );
    }
    if card.critical {
        c.star(
            pos2(r.right() - 26.0, r.top() + 10.0),
            7.0,
            STAR,
            th.card_bg,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::LayoutSettings;
    use crate::templates::Template;

    fn fonts() -> epaint::text::Fonts {
        epaint::text::Fonts::new(Default::default(), epaint::text::FontDefinitions::default())
    }

    /// The editor's layout, its text measured with the painter's fonts.
    fn layout(j: &Journey) -> MapLayout {
        let mut f = epaint::text::Fonts::new(Default::default(), font_definitions());
        let mut view = f.with_pixels_per_point(1.0);
        MapLayout::compute(j, &LayoutSettings::default(), &GlyphMeasure::new(&mut view))
    }

    #[test]
    fn pinned_headers_appear_only_when_scrolled_past() {
        let j = Template::Pondres9.build(Language::Nl);
        let l = layout(&j);
        let mut f = fonts();
        let mut view = f.with_pixels_per_point(1.0);
        let clip = Rect::from_min_size(Pos2::ZERO, vec2(800.0, 600.0));
        let opts = PaintOptions::default();
        let at_origin = TSTransform::IDENTITY;
        assert!(paint_pinned_headers(&j, &l, &mut view, &opts, at_origin, clip).is_empty());
        let scrolled = TSTransform::from_translation(vec2(-400.0, -500.0));
        let pinned = paint_pinned_headers(&j, &l, &mut view, &opts, scrolled, clip);
        assert!(!pinned.is_empty());
        // Lane titles are pulled to the left edge, the phase band to the top edge.
        let title_bg = opts.theme.lane_title_bg;
        let titles: Vec<Rect> = pinned
            .iter()
            .filter_map(|s| match s {
                Shape::Rect(r) if r.fill == title_bg => Some(r.rect),
                _ => None,
            })
            .collect();
        assert!(!titles.is_empty());
        assert!(
            titles.iter().all(|r| (r.left() - clip.left()).abs() < 1.0),
            "{titles:?}"
        );
        let phase_color = color(j.phases[2].color);
        let band = pinned.iter().find_map(|s| match s {
            Shape::Rect(r) if r.fill == phase_color => Some(r.rect),
            _ => None,
        });
        assert_eq!(
            band.map(|r| r.top()),
            Some(clip.top()),
            "phase band at the top"
        );
    }

    #[test]
    fn culling_skips_what_is_off_screen() {
        let j = Template::Pondres9.build(Language::En);
        let l = layout(&j);
        let mut f = fonts();
        let mut view = f.with_pixels_per_point(1.0);
        let opts = PaintOptions::default();
        let all = paint_map(&j, &l, &mut view, &opts, TSTransform::IDENTITY, l.bounds);
        let corner = Rect::from_min_size(Pos2::ZERO, vec2(300.0, 200.0));
        let some = paint_map(&j, &l, &mut view, &opts, TSTransform::IDENTITY, corner);
        assert!(
            some.len() * 3 < all.len(),
            "{} of {}",
            some.len(),
            all.len()
        );
    }

    #[test]
    fn every_examples_curves_stay_inside_their_lane() {
        for name in [
            "chocolate-bar",
            "fulfilment-partner",
            "webshop-see-think-do-care",
        ] {
            let path = format!("{}/examples/{name}.journey.ron", env!("CARGO_MANIFEST_DIR"));
            let j = crate::io::load(std::path::Path::new(&path)).expect("example loads");
            let l = layout(&j);
            assert!(!l.curves.is_empty());
            for g in &l.curves {
                let lane = l.lanes.iter().find(|x| x.id == g.lane).expect("lane");
                let pts: Vec<Pos2> = g.points.iter().map(|p| p.pos).collect();
                for p in monotone_curve(&pts, 24) {
                    assert!(
                        lane.body_rect.contains(p),
                        "{name}: {p:?} outside {:?}",
                        lane.body_rect
                    );
                    assert!(g.y.contains(p.y), "{name}: inside the scale's band");
                }
            }
        }
    }

    #[test]
    fn the_style_switches_faces_and_dots() {
        let mut j = Template::Blank.build(Language::En);
        let l = layout(&j);
        let mut f = epaint::text::Fonts::new(Default::default(), font_definitions());
        let mut view = f.with_pixels_per_point(1.0);
        let opts = PaintOptions::default();
        let faces = paint_map(&j, &l, &mut view, &opts, TSTransform::IDENTITY, l.bounds).len();
        j.style.emotion_faces = false;
        let dots = paint_map(&j, &l, &mut view, &opts, TSTransform::IDENTITY, l.bounds).len();
        // Each face adds two eyes and a mouth to each of the three points.
        assert_eq!(faces - dots, 3 * 3);
    }

    #[test]
    fn a_description_is_cut_at_whole_sentences_only() {
        let text = "Een korte reis. Ze twijfelt! Waarom? Daarom";
        let all: Vec<&str> = sentence_prefixes(text).collect();
        assert_eq!(
            all,
            [
                text,
                "Een korte reis. Ze twijfelt! Waarom?",
                "Een korte reis. Ze twijfelt!",
                "Een korte reis."
            ]
        );
        // A full stop inside a number or at the end is no sentence break.
        assert_eq!(sentence_prefixes("v1.2 is uit.").count(), 1);
    }

    #[test]
    fn channel_names_are_whole_shortened_at_the_slash_or_left_out() {
        let mut f = epaint::text::Fonts::new(Default::default(), font_definitions());
        let mut view = f.with_pixels_per_point(1.0);
        let clip = Rect::from_min_size(Pos2::ZERO, vec2(1000.0, 1000.0));
        let drawn = |view: &mut FontsView<'_>, width: f32| {
            let mut c = Canvas::new(view, TSTransform::IDENTITY, clip);
            let job = TextJob::new("", Pos2::ZERO, 12.0, Color32::BLACK, width);
            channel_label(&mut c, "Telefoon / callcenter", job);
            c.shapes
                .iter()
                .filter_map(|s| match s {
                    Shape::Text(t) => Some(t.galley.text().to_owned()),
                    _ => None,
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(drawn(&mut view, 400.0), ["Telefoon / callcenter"]);
        assert_eq!(drawn(&mut view, 60.0), ["Telefoon"]);
        assert!(drawn(&mut view, 20.0).is_empty());
    }
}
