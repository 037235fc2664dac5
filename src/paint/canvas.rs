//! The painter's drawing surface: map-space shapes and text placed through a transform
//! (zoom and pan, or an export's scale), and the glyph measure the layout fits text with.

use emath::{Align, Pos2, Rect, TSTransform, Vec2, pos2, vec2};
use epaint::text::{FontsView, LayoutJob, TextFormat, TextWrapping};
use epaint::{Color32, CornerRadius, FontId, Shape, Stroke, StrokeKind};

use super::{ICON_FAMILY, channel_icon, icon_font};
use crate::model::Channel;

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
    pub(super) fn width(&mut self, fonts: &mut FontsView<'_>, text: &str, size: f32) -> f32 {
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
pub(super) const MIN_TEXT_PX: f32 = 3.0;

pub(super) struct Canvas<'a, 'f> {
    pub(super) fonts: &'a mut FontsView<'f>,
    pub(super) t: TSTransform,
    pub(super) clip: Rect,
    pub(super) shapes: Vec<Shape>,
    /// Whether the icon font is installed (a bare egui context may lack it).
    pub(super) icons: bool,
}

impl<'a, 'f> Canvas<'a, 'f> {
    pub(super) fn new(fonts: &'a mut FontsView<'f>, t: TSTransform, clip: Rect) -> Self {
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
    pub(super) fn icon(&mut self, channel: &Channel, pos: Pos2, size: f32, color: Color32) {
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
    pub(super) fn star(&mut self, center: Pos2, radius: f32, fill: Color32, outline: Color32) {
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

    pub(super) fn visible(&self, map_rect: Rect) -> bool {
        self.clip.intersects(self.t.mul_rect(map_rect))
    }

    pub(super) fn rect(&mut self, r: Rect, radius: f32, fill: Color32) {
        let r = self.t.mul_rect(r);
        self.shapes.push(Shape::rect_filled(
            r,
            CornerRadius::same((radius * self.t.scaling).round().clamp(0.0, 255.0) as u8),
            fill,
        ));
    }

    pub(super) fn outline(&mut self, r: Rect, radius: f32, width: f32, color: Color32) {
        let r = self.t.mul_rect(r);
        self.shapes.push(Shape::rect_stroke(
            r,
            CornerRadius::same((radius * self.t.scaling).round().clamp(0.0, 255.0) as u8),
            Stroke::new(width, color),
            StrokeKind::Inside,
        ));
    }

    /// A dashed rectangle outline (the compare view's ghost cards).
    pub(super) fn dashed(&mut self, r: Rect, width: f32, color: Color32) {
        let r = self.t.mul_rect(r);
        let path = [
            r.left_top(),
            r.right_top(),
            r.right_bottom(),
            r.left_bottom(),
            r.left_top(),
        ];
        let dash = (6.0 * self.t.scaling).max(2.0);
        self.shapes.extend(Shape::dashed_line(
            &path,
            Stroke::new(width, color),
            dash,
            dash * 0.7,
        ));
    }

    pub(super) fn line(&mut self, a: Pos2, b: Pos2, width: f32, color: Color32) {
        self.shapes.push(Shape::line_segment(
            [self.t.mul_pos(a), self.t.mul_pos(b)],
            Stroke::new(width * self.t.scaling.max(0.5), color),
        ));
    }

    /// Lays out text at `size` map units inside `width`, at most `rows` rows, ending in "…"
    /// when it does not fit. Returns the map-space size it took.
    pub(super) fn text(&mut self, job: TextJob<'_>) -> Vec2 {
        self.place(job, true).0
    }

    /// Draws `job` only when it fits whole in its rows (nothing would end in "…"); returns the
    /// size it took, or `None` when nothing was drawn.
    pub(super) fn text_whole(&mut self, job: TextJob<'_>) -> Option<Vec2> {
        let (_, whole) = self.place(job, false);
        whole.then(|| self.place(job, true).0)
    }

    /// Draws lines fitted by the layout, one under the other from `pos`.
    pub(super) fn lines(&mut self, f: &crate::layout::fit::Fitted, pos: Pos2, color: Color32) {
        let step = crate::layout::fit::line_height(f.size);
        for (i, line) in f.lines.iter().enumerate() {
            let at = pos + vec2(0.0, i as f32 * step);
            self.text(TextJob::new(&line.text, at, f.size, color, f32::INFINITY));
        }
    }

    /// Draws fitted lines centred in `r`'s width, one under the other from its top.
    pub(super) fn lines_centered(
        &mut self,
        f: &crate::layout::fit::Fitted,
        r: Rect,
        color: Color32,
    ) {
        let step = crate::layout::fit::line_height(f.size);
        for (i, line) in f.lines.iter().enumerate() {
            let at = pos2(r.left(), r.top() + i as f32 * step);
            let job = TextJob::new(&line.text, at, f.size, color, r.width()).align(Align::Center);
            self.text(job);
        }
    }

    /// The map-space size `job` would take, without drawing it.
    pub(super) fn measure(&mut self, job: TextJob<'_>) -> Vec2 {
        self.place(job, false).0
    }

    /// Lays `job` out, drawing it when `draw`; returns its map-space size and whether it is
    /// whole (not shortened with "…"; text too small to draw counts as whole).
    pub(super) fn place(&mut self, job: TextJob<'_>, draw: bool) -> (Vec2, bool) {
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
pub(super) struct TextJob<'a> {
    pub(super) text: &'a str,
    pub(super) pos: Pos2,
    pub(super) size: f32,
    pub(super) color: Color32,
    pub(super) width: f32,
    pub(super) rows: usize,
    pub(super) align: Align,
}

impl<'a> TextJob<'a> {
    pub(super) fn new(text: &'a str, pos: Pos2, size: f32, color: Color32, width: f32) -> Self {
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

    pub(super) fn rows(mut self, rows: usize) -> Self {
        self.rows = rows.max(1);
        self
    }

    pub(super) fn align(mut self, align: Align) -> Self {
        self.align = align;
        self
    }
}
