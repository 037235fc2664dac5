//! The emotion curve's shape: a monotone cubic (Fritsch–Carlson) through the points, so the
//! line never swings above the highest or below the lowest neighbouring point — a plain
//! Catmull-Rom spline would, drawing emotions that nobody felt.

use emath::{Pos2, pos2};

/// Samples a smooth, monotone curve through `points` (sorted by x), `per_segment` samples
/// between each pair.
pub fn monotone_curve(points: &[Pos2], per_segment: usize) -> Vec<Pos2> {
    let n = points.len();
    if n < 3 {
        return points.to_vec();
    }
    let dx: Vec<f32> = points
        .windows(2)
        .map(|w| (w[1].x - w[0].x).max(1e-3))
        .collect();
    let slope: Vec<f32> = points
        .windows(2)
        .zip(&dx)
        .map(|(w, dx)| (w[1].y - w[0].y) / dx)
        .collect();
    // Tangents: zero at extremes and where the slope changes sign (keeps it monotone).
    let mut m = vec![0.0f32; n];
    m[0] = slope[0];
    m[n - 1] = slope[n - 2];
    for i in 1..n - 1 {
        if slope[i - 1] * slope[i] <= 0.0 {
            m[i] = 0.0;
        } else {
            let (w1, w2) = (2.0 * dx[i] + dx[i - 1], dx[i] + 2.0 * dx[i - 1]);
            m[i] = (w1 + w2) / (w1 / slope[i - 1] + w2 / slope[i]);
        }
    }
    let mut out = Vec::with_capacity((n - 1) * per_segment + 1);
    for i in 0..n - 1 {
        let (p0, p1, h) = (points[i], points[i + 1], dx[i]);
        for s in 0..per_segment {
            let t = s as f32 / per_segment as f32;
            let (t2, t3) = (t * t, t * t * t);
            let h00 = 2.0 * t3 - 3.0 * t2 + 1.0;
            let h10 = t3 - 2.0 * t2 + t;
            let h01 = -2.0 * t3 + 3.0 * t2;
            let h11 = t3 - t2;
            let y = h00 * p0.y + h10 * h * m[i] + h01 * p1.y + h11 * h * m[i + 1];
            out.push(pos2(p0.x + t * h, y));
        }
    }
    out.push(points[n - 1]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn never_overshoots_neighbouring_points(ys in prop::collection::vec(-2i32..=2, 3..12)) {
            let pts: Vec<Pos2> = ys.iter().enumerate().map(|(i, y)| pos2(i as f32 * 100.0, *y as f32)).collect();
            let curve = monotone_curve(&pts, 16);
            for p in &curve {
                let i = ((p.x / 100.0).floor() as usize).min(pts.len() - 2);
                let (lo, hi) = (pts[i].y.min(pts[i + 1].y), pts[i].y.max(pts[i + 1].y));
                prop_assert!(p.y >= lo - 1e-3 && p.y <= hi + 1e-3, "{p:?} outside {lo}..{hi}");
            }
        }
    }
}
