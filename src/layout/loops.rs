//! Loop-back arrows above the phase band: each arrow leaves its phase upwards, runs back
//! along its own level and comes down into the earlier phase, its label on the line. Shorter
//! loops sit nearer the phases, so no two arrows cross and no label covers another.

use super::fit::{Fitted, Measure, fit_whole};
use super::{LayoutSettings, PhaseGeom};
use crate::model::{Journey, LoopId};
use emath::{Rect, pos2, vec2};

/// Font size of a loop-back's label.
pub const LOOP_LABEL_SIZE: f32 = 13.0;

/// One loop-back arrow, laid out.
#[derive(Clone, Debug, PartialEq)]
pub struct LoopGeom {
    pub id: LoopId,
    /// Where the arrow leaves the phase it starts from (x), at `base_y`.
    pub from_x: f32,
    /// Where it comes down into the phase it returns to (x), at `base_y`, with its head.
    pub to_x: f32,
    /// The height of its horizontal run.
    pub y: f32,
    /// The top of the phase band, where both legs end.
    pub base_y: f32,
    /// The label, whole, centred on the run.
    pub label: Fitted,
    /// The label's box (empty when there is no label).
    pub label_rect: Rect,
}

impl LoopGeom {
    /// Where the label's first line starts.
    pub fn label_pos(&self) -> emath::Pos2 {
        self.label_rect.min + vec2(8.0, 3.0)
    }

    /// The arrow's outline for hit-testing: the legs and the run, as one box.
    pub fn bounds(&self) -> Rect {
        Rect::from_x_y_ranges(
            self.from_x.min(self.to_x)..=self.from_x.max(self.to_x),
            self.y..=self.base_y,
        )
        .union(self.label_rect)
    }
}

/// A loop with its legs placed, before its level is known.
struct Placed {
    index: usize,
    from_x: f32,
    to_x: f32,
    label: Fitted,
    label_width: f32,
}

impl Placed {
    /// The horizontal room it takes: its run and its label.
    fn span(&self) -> (f32, f32) {
        let (a, b) = (self.from_x.min(self.to_x), self.from_x.max(self.to_x));
        let mid = (a + b) / 2.0;
        let half = self.label_width / 2.0;
        (a.min(mid - half) - 6.0, b.max(mid + half) + 6.0)
    }
}

/// The loops of `j` over phases laid out as `phases` (whose tops are the band's bottom), and
/// the height the band above the phases needs (0 without loops). Loops whose phases are not
/// in `phases` (a detail page) are left out.
pub(super) fn loops(
    j: &Journey,
    s: &LayoutSettings,
    phases: &[PhaseGeom],
    m: &dyn Measure,
) -> (Vec<LoopGeom>, f32) {
    let base_y = phases.first().map_or(0.0, |p| p.rect.top());
    let find = |id| phases.iter().find(|p| &p.id == id);
    let mut placed: Vec<Placed> = Vec::new();
    for (index, l) in j.loops.iter().enumerate() {
        let (Some(from), Some(to)) = (find(&l.from), find(&l.to)) else {
            continue;
        };
        let (from_x, to_x) = if from.id == to.id {
            // A phase that repeats itself: out on the right, back in on the left.
            let r = from.rect;
            (r.left() + r.width() * 0.7, r.left() + r.width() * 0.3)
        } else {
            // Legs off-centre, so an arrow in and an arrow out of a phase stay apart.
            let side = if from.rect.center().x > to.rect.center().x {
                1.0
            } else {
                -1.0
            };
            (
                from.rect.center().x + side * 14.0,
                to.rect.center().x - side * 14.0,
            )
        };
        let run = (from_x - to_x).abs();
        let width = (run - 24.0).max(140.0);
        let label = fit_whole(
            l.label.trim(),
            width,
            LOOP_LABEL_SIZE,
            11.0,
            1,
            j.language,
            m,
        );
        let label_width = label
            .lines
            .iter()
            .map(|line| m.width(&line.text, label.size))
            .fold(0.0, f32::max);
        let label_width = if label_width > 0.0 {
            label_width + 16.0
        } else {
            0.0
        };
        placed.push(Placed {
            index,
            from_x,
            to_x,
            label,
            label_width,
        });
    }
    if placed.is_empty() {
        return (Vec::new(), 0.0);
    }
    // Shortest runs first, each on the lowest level where it overlaps nothing.
    placed.sort_by(|a, b| {
        let w = |p: &Placed| p.span().1 - p.span().0;
        w(a).total_cmp(&w(b)).then(a.index.cmp(&b.index))
    });
    let mut levels: Vec<Vec<(f32, f32)>> = Vec::new();
    let mut level_of = Vec::with_capacity(placed.len());
    for p in &placed {
        let (a, b) = p.span();
        let free = levels
            .iter()
            .position(|spans| spans.iter().all(|&(x, y)| b <= x || a >= y));
        let level = free.unwrap_or_else(|| {
            levels.push(Vec::new());
            levels.len() - 1
        });
        levels[level].push((a, b));
        level_of.push(level);
    }
    let mut heights = vec![s.loop_height; levels.len()];
    for (p, &level) in placed.iter().zip(&level_of) {
        let text = p.label.height() + 8.0;
        heights[level] = heights[level].max(text + 6.0);
    }
    let band = heights.iter().sum::<f32>() + s.gap;
    let mut out: Vec<(usize, LoopGeom)> = placed
        .into_iter()
        .zip(level_of)
        .map(|(p, level)| {
            let below: f32 = heights[..level].iter().sum();
            let y = base_y - s.gap - below - heights[level] / 2.0;
            let mid = (p.from_x + p.to_x) / 2.0;
            let h = if p.label_width > 0.0 {
                p.label.height() + 6.0
            } else {
                0.0
            };
            let label_rect = Rect::from_center_size(pos2(mid, y), vec2(p.label_width, h));
            (
                p.index,
                LoopGeom {
                    id: j.loops[p.index].id.clone(),
                    from_x: p.from_x,
                    to_x: p.to_x,
                    y,
                    base_y,
                    label: p.label,
                    label_rect,
                },
            )
        })
        .collect();
    out.sort_by_key(|(i, _)| *i);
    (out.into_iter().map(|(_, g)| g).collect(), band)
}

#[cfg(test)]
mod tests {
    use crate::layout::fit::tests::Mono;
    use crate::layout::{LayoutSettings, MapLayout};
    use crate::model::{Language, LoopBack, LoopId};
    use crate::templates::Template;

    fn looped(id: &str, from: usize, to: usize, label: &str) -> LoopBack {
        LoopBack {
            id: LoopId::new(id),
            from: format!("p{from}").as_str().into(),
            to: format!("p{to}").as_str().into(),
            label: label.into(),
        }
    }

    #[test]
    fn no_loops_no_band() {
        let j = Template::Pondres9.build(Language::Nl);
        let s = LayoutSettings::default();
        let l = MapLayout::compute(&j, &s, &Mono);
        assert!(l.loops.is_empty());
        let header = l.header.expect("header");
        let top = l.phases[0].rect.top();
        assert!(
            (top - (header.bottom() + s.gap * 2.0)).abs() < 0.01,
            "{top}"
        );
    }

    #[test]
    fn loops_sit_above_the_phases_nested_without_overlap() {
        let mut j = Template::VanDerKooi10.build(Language::Nl);
        j.loops.push(looped("loop2", 4, 2, "Vergelijkt opnieuw"));
        j.loops.push(looped("loop3", 7, 7, "Tweede levering"));
        let s = LayoutSettings::default();
        let plain = {
            let mut k = j.clone();
            k.loops.clear();
            MapLayout::compute(&k, &s, &Mono)
        };
        let l = MapLayout::compute(&j, &s, &Mono);
        assert_eq!(l.loops.len(), 3);
        let band_top = l.header.expect("header").bottom();
        let phases_top = l.phases[0].rect.top();
        assert!(phases_top > plain.phases[0].rect.top(), "a band opens");
        for g in &l.loops {
            assert!(g.y > band_top && g.y < phases_top, "{g:?}");
            assert_eq!(g.base_y, phases_top);
            assert!(!g.label.shortened && g.label.lines.len() == 1);
            assert!(g.label_rect.top() > band_top, "label inside the band");
            let from = l
                .phases
                .iter()
                .find(|p| p.id == j.loops[0].from)
                .map(|p| p.rect);
            assert!(from.is_some());
        }
        // The long loop (10 → 1) runs above the short ones; labels never overlap.
        let long = &l.loops[0];
        assert!(l.loops[1..].iter().all(|g| g.y > long.y));
        for (i, a) in l.loops.iter().enumerate() {
            for b in &l.loops[i + 1..] {
                assert!(!a.label_rect.intersects(b.label_rect), "{a:?} {b:?}");
            }
        }
        // The arrow comes down into the phase it returns to, and leaves the one it starts from.
        let p1 = &l.phases[0].rect;
        let p10 = &l.phases[9].rect;
        assert!(p1.x_range().contains(long.to_x));
        assert!(p10.x_range().contains(long.from_x));
        // A phase that loops on itself: out on the right, in on the left.
        let own = &l.loops[2];
        assert!(own.from_x > own.to_x);
        assert!(l.phases[6].rect.x_range().contains(own.to_x));
    }
}
