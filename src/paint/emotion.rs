//! Curve lanes: the scale's levels, the emotion curves and the dramatic arc with their faces,
//! stars and point labels placed clear of every marker.

use super::*;

pub(super) fn paint_emotion_grid(
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

pub(super) fn paint_curve(
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
    paint_evidence(
        c,
        g,
        plain.unwrap_or(th.text_muted).gamma_multiply(fade),
        th,
    );
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

/// Where the story runs ahead of the research: an orange mark.
pub(super) const DISAGREE: Color32 = Color32::from_rgb(0xD9, 0x77, 0x06);

/// The evidence curve: thin and dotted beside the hand-set one, small diamonds at its points;
/// where the two are a level or more apart, an orange connector and a mark.
fn paint_evidence(c: &mut Canvas<'_, '_>, g: &CurveGeom, color: Color32, th: &Theme) {
    let s = c.t.scaling;
    let screen: Vec<Pos2> = g.evidence.iter().map(|p| c.t.mul_pos(p.pos)).collect();
    for pair in screen.windows(2) {
        c.shapes.extend(Shape::dashed_line(
            pair,
            Stroke::new(1.5 * s.max(0.5), color),
            3.0 * s.max(0.5),
            3.0 * s.max(0.5),
        ));
    }
    for (p, at) in g.evidence.iter().zip(&screen) {
        if p.disagrees
            && let Some(hand) = g.points.iter().find(|h| h.column == p.column)
        {
            c.shapes.extend(Shape::dashed_line(
                &[c.t.mul_pos(hand.pos), *at],
                Stroke::new(1.5 * s.max(0.5), DISAGREE),
                4.0 * s.max(0.5),
                3.0 * s.max(0.5),
            ));
            let tip = *at + vec2(9.0, -10.0) * s;
            let warn = vec![tip, tip + vec2(6.0, 10.0) * s, tip + vec2(-6.0, 10.0) * s];
            c.shapes
                .push(Shape::convex_polygon(warn, DISAGREE, Stroke::NONE));
        }
        let r = 4.5 * s;
        let diamond = vec![
            *at + vec2(0.0, -r),
            *at + vec2(r, 0.0),
            *at + vec2(0.0, r),
            *at + vec2(-r, 0.0),
        ];
        let outline = if p.disagrees { DISAGREE } else { color };
        c.shapes.push(Shape::convex_polygon(
            diamond,
            th.card_bg,
            Stroke::new(1.5 * s.max(0.5), outline),
        ));
    }
}

/// Whether a curve is drawn in full (else it recedes) and whether its point labels show: the
/// curve being edited, or in a picture the first curve of its kind only, so labels of several
/// curves never pile up.
pub(super) fn curve_emphasis(
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
pub(super) fn curve_obstacles(l: &MapLayout, lane: &crate::model::LaneId) -> Vec<Rect> {
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
pub(super) fn place_label<'a>(
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

pub(super) fn fill_under(c: &mut Canvas<'_, '_>, curve: &[Pos2], base: f32, color: Color32) {
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
pub(super) fn face(c: &mut Canvas<'_, '_>, center: Pos2, r: f32, t: f32, color: Color32) {
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

pub(super) fn y_value(y: f32, g: &CurveGeom, min: i32, max: i32) -> f32 {
    let t = ((g.y.max - y) / (g.y.max - g.y.min).max(1.0)).clamp(0.0, 1.0);
    min as f32 + t * (max - min) as f32
}
