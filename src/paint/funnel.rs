//! A KPI lane's funnel: the band narrowing through the phases' centres, each phase's count
//! and share under it, notes where a count could not be read.

use super::canvas::Canvas;
use super::theme::Theme;
use crate::layout::MapLayout;
use crate::layout::fit::{Fitted, line_height};
use crate::layout::funnel::FunnelGeom;
use crate::model::LaneKind;
use emath::{Rect, pos2};
use epaint::{Shape, Stroke};

pub(super) fn paint_funnels(c: &mut Canvas<'_, '_>, l: &MapLayout, th: &Theme) {
    for f in &l.funnels {
        let area = Rect::from_x_y_ranges(l.grid.x_range(), f.band);
        if c.visible(area.expand(60.0)) {
            paint_funnel(c, f, th);
        }
    }
}

fn paint_funnel(c: &mut Canvas<'_, '_>, f: &FunnelGeom, th: &Theme) {
    let color = th.lane_color(LaneKind::Kpis);
    let fill = color.gamma_multiply(0.55);
    let axis = f.band.center();
    // The band's outline: flat across the first and last phase's outer halves, straight
    // between the centres.
    let mut knots: Vec<(f32, f32)> = Vec::new();
    if let (Some(first), Some(last)) = (f.steps.first(), f.steps.last()) {
        knots.push((first.x.min + 6.0, first.thickness));
        knots.extend(f.steps.iter().map(|s| (s.x.center(), s.thickness)));
        knots.push((last.x.max - 6.0, last.thickness));
    }
    for pair in knots.windows(2) {
        let ((x0, t0), (x1, t1)) = (pair[0], pair[1]);
        let quad = [
            pos2(x0, axis - t0 / 2.0),
            pos2(x1, axis - t1 / 2.0),
            pos2(x1, axis + t1 / 2.0),
            pos2(x0, axis + t0 / 2.0),
        ]
        .iter()
        .map(|p| c.t.mul_pos(*p))
        .collect();
        c.shapes
            .push(Shape::convex_polygon(quad, fill, Stroke::NONE));
    }
    for s in &f.steps {
        // A tick at the centre, where the count belongs.
        c.line(
            pos2(s.x.center(), axis - s.thickness / 2.0),
            pos2(s.x.center(), axis + s.thickness / 2.0),
            1.5,
            color,
        );
        let mut y = s.text_top;
        centered(c, &s.count, s.x, y, th.text);
        y += s.count.height();
        if let Some(share) = &s.share {
            centered(c, share, s.x, y, th.text_muted);
        }
    }
    for n in &f.notes {
        c.lines(&n.text, n.pos, th.text_muted);
    }
}

fn centered(
    c: &mut Canvas<'_, '_>,
    f: &Fitted,
    x: emath::Rangef,
    top: f32,
    color: epaint::Color32,
) {
    let r = Rect::from_x_y_ranges(x, top..=top + f.lines.len() as f32 * line_height(f.size));
    c.lines_centered(f, r, color);
}
