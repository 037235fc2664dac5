//! Loop-back arrows: the journey as a cycle, drawn above the phase band.

use super::canvas::Canvas;
use super::theme::Theme;
use crate::layout::MapLayout;
use crate::layout::loops::LoopGeom;
use emath::{pos2, vec2};
use epaint::{Shape, Stroke};

/// Paints every loop-back: legs and run as one line, a head where it comes down, the label
/// on a chip over the run.
pub(super) fn paint_loops(c: &mut Canvas<'_, '_>, l: &MapLayout, th: &Theme) {
    for g in &l.loops {
        if c.visible(g.bounds().expand(4.0)) {
            paint_loop(c, g, th);
        }
    }
}

fn paint_loop(c: &mut Canvas<'_, '_>, g: &LoopGeom, th: &Theme) {
    let color = th.accent;
    let head = 7.0;
    let bottom = g.base_y - 2.0;
    let points = [
        pos2(g.from_x, bottom),
        pos2(g.from_x, g.y),
        pos2(g.to_x, g.y),
        pos2(g.to_x, bottom - head),
    ];
    let screen: Vec<_> = points.iter().map(|p| c.t.mul_pos(*p)).collect();
    let width = 2.0 * c.t.scaling.max(0.5);
    c.shapes
        .push(Shape::line(screen, Stroke::new(width, color)));
    let tip = pos2(g.to_x, bottom);
    let triangle = [
        tip,
        tip + vec2(-head * 0.7, -head),
        tip + vec2(head * 0.7, -head),
    ]
    .iter()
    .map(|p| c.t.mul_pos(*p))
    .collect();
    c.shapes
        .push(Shape::convex_polygon(triangle, color, Stroke::NONE));
    if g.label_rect.width() > 0.0 {
        c.rect(g.label_rect, 8.0, th.background);
        c.outline(g.label_rect, 8.0, 1.0, color);
        c.lines(&g.label, g.label_pos(), th.text);
    }
}
