//! Layout → epaint shapes: the infographic look. The canvas and every export call
//! [`paint_map`]; nothing else draws a map, so screen and picture cannot drift apart.

mod canvas;
mod curve;
mod emotion;
mod funnel;
mod header;
mod icons;
mod loops;
mod theme;

use canvas::{Canvas, TextJob};
pub use canvas::{GlyphMeasure, WidthCache};
use emotion::*;
use header::*;

pub use curve::monotone_curve;
pub use icons::{ICON_FAMILY, channel_icon, font_definitions, icon_font};
pub use theme::{Theme, color, lerp};

use crate::layout::{CurveGeom, MapLayout, value_to_y};
use crate::model::{Card, CurveKind, CurveVariant, Evidence, Journey, LaneKind, Language, Scale};
use emath::{Align, Pos2, Rect, TSTransform, pos2, vec2};
use epaint::text::FontsView;
use epaint::{Color32, CornerRadius, Shape, Stroke};

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
    /// Pictures already uploaded as textures: persona photos (a persona without one gets a
    /// monogram) and card images (a card whose image is not uploaded yet shows a frame).
    pub photos: Vec<(Picture, epaint::TextureId)>,
    /// Fill the map's background (off for a transparent export).
    pub background: bool,
    /// A page's footer ("2 / 4 · Overweging – Beslissing"), drawn in the layout's footer band.
    pub footer: Option<String>,
    /// Cards of another version shown by the compare view: veiled and dashed, as ghosts.
    pub ghosts: Vec<crate::model::CardId>,
}

/// Whose picture a texture shows.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Picture {
    Persona(crate::model::PersonaId),
    Card(crate::model::CardId),
}

impl Picture {
    /// Every picture `j` embeds, with its image.
    pub fn all(j: &Journey) -> Vec<(Picture, &crate::model::Photo)> {
        let personas = j
            .personas
            .iter()
            .filter_map(|p| Some((Picture::Persona(p.id.clone()), p.photo.as_ref()?)));
        let cards = j
            .cards
            .iter()
            .filter_map(|c| Some((Picture::Card(c.id.clone()), &c.image.as_ref()?.photo)));
        personas.chain(cards).collect()
    }
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
            ghosts: Vec::new(),
        }
    }
}

/// Colours for several personas' curves: any two stay apart (CIELAB ΔE ≥ 25) for normal
/// vision and simulated deuteranopia, protanopia and tritanopia (`tests/keyboard.rs`); the
/// last three are from Paul Tol's and Okabe & Ito's colour-blind-safe sets.
pub const CURVE_COLORS: [Color32; 5] = [
    Color32::from_rgb(0x1F, 0x6F, 0xEB),
    Color32::from_rgb(0xC2, 0x41, 0x0C),
    Color32::from_rgb(0x33, 0x22, 0x88),
    Color32::from_rgb(0xCC, 0x79, 0xA7),
    Color32::from_rgb(0x88, 0x22, 0x55),
];

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
    loops::paint_loops(&mut c, l, th);
    paint_lanes(&mut c, j, l, th, opts.lang);
    funnel::paint_funnels(&mut c, l, th);
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
            paint_card(&mut c, card, geom, kind, opts);
            if opts.ghosts.contains(&geom.id) {
                c.rect(geom.rect, 6.0, th.background.gamma_multiply(0.6));
                c.dashed(geom.rect, 1.5, th.text_muted);
            }
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
        x += 20.0
            + c.text(TextJob::new(
                lang.pick("Moment of truth", "Moment van de waarheid"),
                pos2(x + 20.0, y),
                12.0,
                th.text,
                200.0,
            ))
            .x
            + 18.0;
    }
    let evidence = lang.pick("Evidence curve", "Bewijscurve");
    let ahead = lang.pick("story ahead of research", "verhaal loopt voor op onderzoek");
    // Only where the row has room: the legend's height is one row.
    let room = r.right() - 16.0 - x;
    if j.emotion_curves.iter().any(|cv| cv.evidence) && room > 420.0 {
        let (a, b) = (
            c.t.mul_pos(pos2(x, y + 8.0)),
            c.t.mul_pos(pos2(x + 28.0, y + 8.0)),
        );
        let s = c.t.scaling.max(0.5);
        c.shapes.extend(Shape::dashed_line(
            &[a, b],
            Stroke::new(1.5 * s, th.text_muted),
            3.0 * s,
            3.0 * s,
        ));
        x += 34.0
            + c.text(TextJob::new(
                evidence,
                pos2(x + 34.0, y),
                12.0,
                th.text,
                200.0,
            ))
            .x
            + 18.0;
        let tip = c.t.mul_pos(pos2(x + 6.0, y + 2.0));
        let tri = vec![
            tip,
            tip + vec2(6.0, 11.0) * c.t.scaling,
            tip + vec2(-6.0, 11.0) * c.t.scaling,
        ];
        c.shapes
            .push(Shape::convex_polygon(tri, emotion::DISAGREE, Stroke::NONE));
        c.text(TextJob::new(ahead, pos2(x + 18.0, y), 12.0, th.text, 240.0));
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
    opts: &PaintOptions,
) {
    let (th, lang) = (&opts.theme, opts.lang);
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
    if let Some(pic) = geom.image {
        let mine = Picture::Card(card.id.clone());
        match opts.photos.iter().find(|(p, _)| p == &mine) {
            Some((_, tex)) => {
                let shape = epaint::RectShape::filled(
                    c.t.mul_rect(pic),
                    CornerRadius::same((3.0 * c.t.scaling).round().clamp(0.0, 255.0) as u8),
                    Color32::WHITE,
                )
                .with_texture(*tex, Rect::from_min_max(Pos2::ZERO, pos2(1.0, 1.0)));
                c.shapes.push(Shape::Rect(shape));
            }
            // Not uploaded (yet): the picture's frame, so the card keeps its shape.
            None => c.rect(pic, 3.0, th.lane_bg[1]),
        }
    }
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
