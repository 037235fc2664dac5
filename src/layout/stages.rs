//! The stages of [`super::MapLayout::compute`], each a function of what the stages before it
//! found: the phase and step headers with their columns, the channels used per column, the
//! lanes (channel chips, KPI tiles, cards, then the lane's own box), the curves in a curve lane,
//! the legend and the header. Each is tested on its own below.

use super::fit::{Fitted, Measure, fit, fit_whole, line_height, wrap};
use super::{
    CARD_BODY_SIZE, CARD_FOOTER, CARD_TEXT_LEFT, CARD_TITLE_SIZE, CardGeom, ChipGeom, ColumnGeom,
    CurveGeom, CurvePoint, EvidencePoint, KPI_NAME_SIZE, KPI_VALUE_SIZE, KpiGeom, LANE_TITLE_SIZE,
    LaneGeom, LayoutSettings, LegendGeom, MAX_HEADER_PERSONAS, PERSONA_CARD_WIDTH, PHASE_NAME_SIZE,
    PhaseGeom, STEP_NAME_SIZE, StepGeom, column_index, value_to_y,
};
use crate::model::{
    Channel, CurveKind, Journey, Lane, LaneKind, Language, PersonaId, PhaseId, Slot,
};
use emath::{Rangef, Rect, pos2, vec2};
use std::collections::HashMap;

/// The phase band, the step band and the columns under them.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Columns {
    pub phases: Vec<PhaseGeom>,
    pub steps: Vec<StepGeom>,
    pub columns: Vec<ColumnGeom>,
    /// Where the headers end and the lanes begin.
    pub header_bottom: f32,
    /// The right edge of the grid (at least one default column wide).
    pub right: f32,
}

/// Stage 1: phases from `left` and `top`, each `column_count` columns of its own width; the
/// phase band as tall as the longest name and duration need, wrapped whole.
pub(super) fn columns(
    j: &Journey,
    s: &LayoutSettings,
    left: f32,
    top: f32,
    m: &dyn Measure,
) -> Columns {
    let has_steps = j.phases.iter().any(|p| !p.steps.is_empty());
    let texts: Vec<(Fitted, Fitted)> = j
        .phases
        .iter()
        .map(|p| {
            let width = p.column_count() as f32 * p.column_width.unwrap_or(s.column_width);
            let w = (width - 24.0).max(10.0) * 0.97;
            // A long name is set a little smaller before it takes a second line.
            let name = fit_whole(&p.name, w, PHASE_NAME_SIZE, 13.0, 1, j.language, m);
            let duration = fit(&p.duration, w, 12.0, 12.0, None, j.language, m);
            (name, duration)
        })
        .collect();
    let band = texts
        .iter()
        .map(|(n, d)| 8.0 + n.height() + 2.0 + d.height() + 6.0)
        .fold(s.phase_header_height, f32::max);
    // Step names whole, centred in their column: the step band as tall as the longest needs.
    let step_names: Vec<Vec<Fitted>> = j
        .phases
        .iter()
        .map(|p| {
            let w = (p.column_width.unwrap_or(s.column_width) - 16.0).max(10.0) * 0.97;
            p.steps
                .iter()
                .map(|st| {
                    fit_whole(
                        &st.name,
                        w,
                        STEP_NAME_SIZE,
                        STEP_NAME_SIZE,
                        1,
                        j.language,
                        m,
                    )
                })
                .collect()
        })
        .collect();
    let step_band = step_names
        .iter()
        .flatten()
        .map(|n| n.height() + 13.0)
        .fold(s.step_header_height, f32::max);
    let step_top = top + band;
    let header_bottom = step_top + if has_steps { step_band } else { 0.0 };
    let (mut phases, mut steps, mut columns) = (Vec::new(), Vec::new(), Vec::new());
    let mut x = left;
    for ((phase, (name, duration)), mut names) in j.phases.iter().zip(texts).zip(step_names) {
        let n = phase.column_count();
        let col_w = phase.column_width.unwrap_or(s.column_width);
        let width = n as f32 * col_w;
        phases.push(PhaseGeom {
            id: phase.id.clone(),
            rect: Rect::from_min_max(pos2(x, top), pos2(x + width, step_top)),
            first_column: columns.len(),
            column_count: n,
            name,
            duration,
        });
        if phase.steps.is_empty() {
            columns.push(ColumnGeom {
                slot: Slot::phase(phase.id.clone()),
                x: Rangef::new(x, x + col_w),
            });
        }
        for (i, (step, name)) in phase.steps.iter().zip(names.drain(..)).enumerate() {
            let sx = x + i as f32 * col_w;
            steps.push(StepGeom {
                phase: phase.id.clone(),
                id: step.id.clone(),
                rect: Rect::from_min_max(pos2(sx, step_top), pos2(sx + col_w, header_bottom)),
                name,
            });
            columns.push(ColumnGeom {
                slot: Slot {
                    phase: phase.id.clone(),
                    step: Some(step.id.clone()),
                },
                x: Rangef::new(sx, sx + col_w),
            });
        }
        x += width;
    }
    Columns {
        phases,
        steps,
        columns,
        header_bottom,
        right: x.max(left + s.column_width).max(left + s.min_grid_width),
    }
}

/// Channels per column (from every card outside channels lanes, in map order) and every
/// channel the map uses, in first-use order.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct ChannelUse {
    pub per_column: Vec<Vec<Channel>>,
    pub used: Vec<Channel>,
}

/// Stage 2: which channels each column uses.
pub(super) fn channel_use(j: &Journey, columns: &[ColumnGeom]) -> ChannelUse {
    let channels_lanes: Vec<&crate::model::LaneId> = j
        .lanes
        .iter()
        .filter(|l| l.kind == LaneKind::Channels)
        .map(|l| &l.id)
        .collect();
    let mut out = ChannelUse {
        per_column: vec![Vec::new(); columns.len()],
        used: Vec::new(),
    };
    for card in j
        .cards
        .iter()
        .filter(|c| !channels_lanes.contains(&&c.lane))
    {
        if let (Some(ch), Some(col)) = (&card.channel, column_index(columns, &card.at)) {
            if !out.per_column[col].contains(ch) {
                out.per_column[col].push(ch.clone());
            }
            if !out.used.contains(ch) {
                out.used.push(ch.clone());
            }
        }
    }
    out
}

/// The cards of each lane and each card's column, found once (a map may have thousands).
pub(super) struct CardIndex<'a> {
    pub by_lane: HashMap<&'a str, Vec<usize>>,
    pub column: Vec<Option<usize>>,
}

impl<'a> CardIndex<'a> {
    pub fn new(j: &'a Journey, columns: &[ColumnGeom]) -> Self {
        let mut by_lane: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, c) in j.cards.iter().enumerate() {
            by_lane.entry(c.lane.as_str()).or_default().push(i);
        }
        let lookup: HashMap<(&str, Option<&str>), usize> = columns
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let step = c.slot.step.as_ref().map(|s| s.as_str());
                ((c.slot.phase.as_str(), step), i)
            })
            .collect();
        let column = j
            .cards
            .iter()
            .map(|c| {
                lookup
                    .get(&(c.at.phase.as_str(), c.at.step.as_ref().map(|s| s.as_str())))
                    .copied()
                    .or_else(|| column_index(columns, &c.at))
            })
            .collect();
        Self { by_lane, column }
    }

    fn of_lane(&self, lane: &Lane) -> &[usize] {
        self.by_lane
            .get(lane.id.as_str())
            .map_or(&[][..], Vec::as_slice)
    }
}

/// What a lane holds, laid out from its top.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct LaneContent {
    pub chips: Vec<ChipGeom>,
    pub kpis: Vec<KpiGeom>,
    pub cards: Vec<CardGeom>,
    /// A KPI lane's funnel, when it is shown as one.
    pub funnel: Option<super::funnel::FunnelGeom>,
    /// The height the content needs, from the lane's top.
    pub needed: f32,
}

/// Stage 3a: a lane's channel chips, KPI tiles and cards from `top`. A per-column skyline
/// keeps spanning cards clear of the cards in the columns they cover.
#[allow(clippy::too_many_arguments)]
pub(super) fn lane_content(
    j: &Journey,
    s: &LayoutSettings,
    lane: &Lane,
    top: f32,
    cols: &Columns,
    channels: &ChannelUse,
    index: &CardIndex<'_>,
    m: &dyn Measure,
) -> LaneContent {
    let mut out = LaneContent::default();
    let mut sky = vec![top + s.gap; cols.columns.len()];
    if lane.kind == LaneKind::Channels {
        chips(s, lane, cols, channels, &mut sky, &mut out.chips);
    }
    if lane.kind == LaneKind::Kpis {
        // A funnel first, then the tiles of the KPIs it does not count.
        let mut tiles_top = top;
        if let Some((f, height)) = super::funnel::funnel(j, s, lane, top, cols, m) {
            tiles_top = top + height - s.gap;
            for c in &mut sky {
                *c = c.max(top + height);
            }
            out.funnel = Some(f);
        }
        let counted = lane.funnel.as_deref();
        kpis(j, s, tiles_top, counted, cols, m, &mut sky, &mut out.kpis);
    }
    cards(j, s, lane, top, cols, index, m, &mut sky, &mut out.cards);
    out.needed = sky.iter().fold(top + s.gap, |a, b| a.max(*b)) - top;
    out
}

fn chips(
    s: &LayoutSettings,
    lane: &Lane,
    cols: &Columns,
    channels: &ChannelUse,
    sky: &mut [f32],
    out: &mut Vec<ChipGeom>,
) {
    for (col, used) in channels.per_column.iter().enumerate() {
        let x = cols.columns[col].x;
        for ch in used {
            let rect = Rect::from_min_max(
                pos2(x.min + s.gap, sky[col]),
                pos2(x.max - s.gap, sky[col] + s.chip_height),
            );
            sky[col] = rect.bottom() + s.gap * 0.5;
            out.push(ChipGeom {
                lane: lane.id.clone(),
                column: col,
                channel: ch.clone(),
                rect,
            });
        }
        if !used.is_empty() {
            sky[col] += s.gap * 0.5;
        }
    }
}

/// KPIs fill their phase's width, several to a row where the phase is wide; all tiles of the
/// lane as tall as the tallest name and figure need.
#[allow(clippy::too_many_arguments)]
fn kpis(
    j: &Journey,
    s: &LayoutSettings,
    top: f32,
    counted: Option<&str>,
    cols: &Columns,
    m: &dyn Measure,
    sky: &mut [f32],
    out: &mut Vec<KpiGeom>,
) {
    let mut placed: Vec<(PhaseId, usize)> = Vec::new();
    let mut tiles = Vec::new();
    let shown =
        |k: &&crate::model::Kpi| counted.is_none_or(|c| !super::funnel::is_count(&k.name, c));
    for kpi in j.kpis.iter().filter(shown) {
        let Some(p) = cols.phases.iter().find(|p| p.id == kpi.phase) else {
            continue;
        };
        let most = ((p.rect.width() - s.gap) / (s.min_card_width + s.gap))
            .floor()
            .max(1.0) as usize;
        let width = |per_row: usize| {
            let w = (p.rect.width() - s.gap * (per_row as f32 + 1.0)) / per_row as f32;
            (w, (w - 16.0).max(10.0) * 0.97)
        };
        // Fewer tiles to a row where a name of the phase would take more than two lines.
        let per_row = (1..=most)
            .rev()
            .find(|&n| {
                j.kpis
                    .iter()
                    .filter(shown)
                    .filter(|k| k.phase == p.id)
                    .all(|k| wrap(&k.name, width(n).1, KPI_NAME_SIZE, j.language, m).len() <= 2)
            })
            .unwrap_or(1);
        let (w, tw) = width(per_row);
        let name = fit(
            &kpi.name,
            tw,
            KPI_NAME_SIZE,
            KPI_NAME_SIZE,
            None,
            j.language,
            m,
        );
        let value = fit(
            &kpi.value,
            tw,
            KPI_VALUE_SIZE,
            KPI_VALUE_SIZE,
            None,
            j.language,
            m,
        );
        tiles.push((kpi, p, per_row, w, name, value));
    }
    let tile_h = tiles
        .iter()
        .map(|(.., name, value)| 4.0 + name.height() + value.height() + 4.0)
        .fold(s.kpi_height, f32::max);
    for (kpi, p, per_row, w, name, value) in tiles {
        let index = match placed.iter_mut().find(|(id, _)| id == &p.id) {
            Some((_, n)) => {
                *n += 1;
                *n - 1
            }
            None => {
                placed.push((p.id.clone(), 1));
                0
            }
        };
        let ky = top + s.gap + (index / per_row) as f32 * (tile_h + s.gap);
        let left = p.rect.left() + s.gap + (index % per_row) as f32 * (w + s.gap);
        let rect = Rect::from_min_max(pos2(left, ky), pos2(left + w, ky + tile_h));
        for c in &mut sky[p.first_column..p.first_column + p.column_count] {
            *c = c.max(rect.bottom() + s.gap);
        }
        out.push(KpiGeom {
            id: kpi.id.clone(),
            rect,
            name,
            value,
        });
    }
}

/// Cards in wide columns sit side by side; spanning cards start below everything in the
/// columns they cover.
#[allow(clippy::too_many_arguments)]
fn cards(
    j: &Journey,
    s: &LayoutSettings,
    lane: &Lane,
    top: f32,
    cols: &Columns,
    index: &CardIndex<'_>,
    m: &dyn Measure,
    sky: &mut [f32],
    out: &mut Vec<CardGeom>,
) {
    let columns = &cols.columns;
    // `row[c]`: the top of the open row in column c and how many cards it holds.
    let mut row: Vec<(f32, usize)> = vec![(top + s.gap, usize::MAX); columns.len()];
    // Single-column cards per column: a lone card takes the full width.
    let mut count = vec![0usize; columns.len()];
    for &i in index.of_lane(lane) {
        if j.cards[i].span <= 1
            && let Some(col) = index.column[i]
        {
            count[col] += 1;
        }
    }
    for &i in index.of_lane(lane) {
        let card = &j.cards[i];
        let Some(col) = index.column[i] else {
            continue;
        };
        let end = (col + card.span.max(1) as usize).min(columns.len());
        let x = columns[col].x;
        let per_row = (((x.span() - s.gap) / (s.min_card_width + s.gap))
            .floor()
            .max(1.0) as usize)
            .min(count[col].max(1));
        let shares_row = end - col == 1 && per_row > 1;
        let width = if shares_row {
            (x.span() - s.gap * (per_row as f32 + 1.0)) / per_row as f32
        } else {
            columns[end - 1].x.max - x.min - 2.0 * s.gap
        };
        let text = card_text(card, width, s, j.language, m);
        let picture = card_picture(card, width, s.card_height * 2.6);
        let height = (text.height + picture.map_or(0.0, |(_, h)| h + 6.0)).max(s.card_height);
        let rect = if shares_row {
            let (row_top, used) = &mut row[col];
            if *used >= per_row {
                *row_top = sky[col];
                *used = 0;
            }
            let left = x.min + s.gap + *used as f32 * (width + s.gap);
            *used += 1;
            Rect::from_min_max(pos2(left, *row_top), pos2(left + width, *row_top + height))
        } else {
            let cy = (col..end).map(|c| sky[c]).fold(top + s.gap, f32::max);
            for r in &mut row[col..end] {
                r.1 = usize::MAX;
            }
            Rect::from_min_max(
                pos2(x.min + s.gap, cy),
                pos2(x.min + s.gap + width, cy + height),
            )
        };
        for c in &mut sky[col..end] {
            *c = c.max(rect.bottom() + s.gap);
        }
        out.push(CardGeom {
            id: card.id.clone(),
            index: i,
            lane: lane.id.clone(),
            rect,
            title: text.title,
            body: text.body,
            channel_line: text.channel_line,
            image: picture.map(|(w, h)| {
                let left = rect.left() + (rect.width() - w) / 2.0;
                Rect::from_min_size(pos2(left, rect.top() + 6.0), vec2(w, h))
            }),
        });
    }
}

/// The size a card's picture is drawn at in a card `width` wide: the card's inner width at
/// its own aspect ratio, at most `tallest` high (a taller picture narrows instead), so a
/// storyboard lane never outgrows the slide.
fn card_picture(card: &crate::model::Card, width: f32, tallest: f32) -> Option<(f32, f32)> {
    let img = card.image.as_ref()?;
    let inner = (width - 12.0).max(10.0);
    let aspect = img.height.max(1) as f32 / img.width.max(1) as f32;
    let h = (inner * aspect).min(tallest).min(inner);
    Some((h / aspect, h))
}

/// A card's text fitted to its width, and the card height it needs.
pub(super) struct CardText {
    pub title: Fitted,
    pub body: Option<Fitted>,
    pub height: f32,
    pub channel_line: bool,
}

/// Fits a card's title (whole, always) and body (at most `s.body_lines` lines) into a card
/// `width` wide. The painter draws exactly these lines.
pub(super) fn card_text(
    card: &crate::model::Card,
    width: f32,
    s: &LayoutSettings,
    lang: crate::model::Language,
    m: &dyn Measure,
) -> CardText {
    // Title beside the evidence marker; the body may use the width under it. A little slack
    // for the painter's kerning, which a sum of glyph widths does not see.
    let title_w = (width - CARD_TEXT_LEFT - 18.0).max(10.0) * 0.97;
    let body_w = (width - CARD_TEXT_LEFT - 6.0).max(10.0) * 0.97;
    let title = fit(
        &card.title,
        title_w,
        CARD_TITLE_SIZE,
        CARD_BODY_SIZE,
        s.title_lines,
        lang,
        m,
    );
    let body = (!card.body.trim().is_empty()).then(|| match s.body_lines {
        // No room for text at all: the body is left out, and counted as shortened.
        Some(0) => Fitted {
            lines: Vec::new(),
            size: CARD_BODY_SIZE,
            shortened: true,
        },
        lines => fit(
            &card.body,
            body_w,
            CARD_BODY_SIZE,
            CARD_BODY_SIZE,
            lines,
            lang,
            m,
        ),
    });
    let channel_line = s.card_channels && card.channel.is_some();
    let footer = if channel_line { CARD_FOOTER } else { 0.0 };
    let body_h = body
        .as_ref()
        .filter(|b| !b.lines.is_empty())
        .map_or(0.0, |b| 2.0 + b.height());
    let height = 6.0 + title.height() + body_h + 6.0 + footer;
    CardText {
        title,
        body,
        height,
        channel_line,
    }
}

/// A lane's title, whole, in the title column.
pub(super) fn lane_title(j: &Journey, s: &LayoutSettings, lane: &Lane, m: &dyn Measure) -> Fitted {
    let w = (s.lane_title_width - 22.0).max(10.0) * 0.97;
    fit_whole(&lane.title, w, LANE_TITLE_SIZE, 12.0, 2, j.language, m)
}

/// Stage 3b: the lane's box, `needed` tall at least and tall enough for its title, and where
/// a curve lane's scale maps (below the title, so the level names never run into it).
#[allow(clippy::too_many_arguments)]
pub(super) fn lane_box(
    s: &LayoutSettings,
    lane: &Lane,
    top: f32,
    left: f32,
    grid_left: f32,
    right: f32,
    needed: f32,
    title: Fitted,
) -> LaneGeom {
    let min_height = match (s.lane_height, lane.kind) {
        (Some(_), LaneKind::Emotion) => s.emotion_height.unwrap_or(lane.height),
        // One curve with no faces: it reads well a little flatter.
        (Some(_), LaneKind::DramaticArc) => s.emotion_height.map_or(lane.height, |h| h * 0.8),
        (Some(h), _) => h,
        (None, _) => lane.height,
    };
    let title_h = 10.0 + title.height() + 8.0;
    // A curve lane keeps its scale's height below a title of more lines.
    let extra_title = (title.height() - line_height(LANE_TITLE_SIZE)).max(0.0);
    let height = if lane.kind.is_curve() {
        min_height + extra_title
    } else {
        min_height.max(title_h)
    }
    .max(needed)
    .max(s.card_height * 0.5);
    let rect = Rect::from_min_max(pos2(left, top), pos2(right, top + height));
    let pad = (height * 0.14).clamp(10.0, 28.0);
    let yr = Rangef::new(
        top + pad + 26.0 + extra_title,
        (top + height - pad).max(top + pad + 27.0 + extra_title),
    );
    LaneGeom {
        id: lane.id.clone(),
        kind: lane.kind,
        rect,
        title_rect: Rect::from_min_max(rect.min, pos2(grid_left, rect.bottom())),
        body_rect: Rect::from_min_max(pos2(grid_left, top), rect.max),
        curve_y: lane.kind.curve_kind().map(|_| yr),
        title,
    }
}

/// Stage 4: the curves a curve lane shows, their points at column centres.
pub(super) fn curves(j: &Journey, lane: &LaneGeom, columns: &[ColumnGeom]) -> Vec<CurveGeom> {
    let (Some(kind), Some(yr)) = (lane.kind.curve_kind(), lane.curve_y) else {
        return Vec::new();
    };
    j.emotion_curves
        .iter()
        .filter(|c| c.kind == kind)
        .map(|curve| {
            let mut points: Vec<CurvePoint> = curve
                .points
                .iter()
                .filter_map(|p| {
                    let column = column_index(columns, &p.at)?;
                    Some(CurvePoint {
                        column,
                        pos: pos2(
                            columns[column].x.center(),
                            value_to_y(p.value, curve.scale.min, curve.scale.max, yr),
                        ),
                        value: p.value,
                    })
                })
                .collect();
            points.sort_by_key(|p| p.column);
            let evidence = if curve.evidence && kind == CurveKind::Emotion {
                evidence_points(j, curve, &points, columns, yr)
            } else {
                Vec::new()
            };
            CurveGeom {
                id: curve.id.clone(),
                kind,
                lane: lane.id.clone(),
                points,
                y: yr,
                evidence,
            }
        })
        .collect()
}

/// The evidence curve of `curve`: per column, the mean sentiment of its thought, pain-point
/// and opportunity cards weighted by evidence (researched 3, partly researched 2, assumption
/// 1), on the curve's scale; marked where the hand-set point is a level or more away.
fn evidence_points(
    j: &Journey,
    curve: &crate::model::EmotionCurve,
    hand: &[CurvePoint],
    columns: &[ColumnGeom],
    yr: Rangef,
) -> Vec<EvidencePoint> {
    use crate::model::Evidence;
    let mut sums = vec![(0.0f32, 0.0f32); columns.len()];
    for card in &j.cards {
        let Some(v) = card.sentiment.filter(|v| v.is_finite()) else {
            continue;
        };
        let counts = j.lane(&card.lane).is_some_and(|l| {
            matches!(
                l.kind,
                LaneKind::Thoughts | LaneKind::PainPoints | LaneKind::Opportunities
            )
        });
        let Some(col) = column_index(columns, &card.at).filter(|_| counts) else {
            continue;
        };
        let w = match card.evidence {
            Evidence::Researched => 3.0,
            Evidence::PartlyResearched => 2.0,
            Evidence::Assumption => 1.0,
        };
        sums[col].0 += w * v;
        sums[col].1 += w;
    }
    let (min, max) = (curve.scale.min as f32, curve.scale.max as f32);
    sums.iter()
        .enumerate()
        .filter(|(_, (_, w))| *w > 0.0)
        .map(|(column, (sum, w))| {
            let value = (sum / w).clamp(min, max);
            let disagrees = hand
                .iter()
                .find(|p| p.column == column)
                .is_some_and(|p| (p.value - value).abs() >= 1.0);
            EvidencePoint {
                column,
                pos: pos2(
                    columns[column].x.center(),
                    value_to_y(value, curve.scale.min, curve.scale.max, yr),
                ),
                value,
                disagrees,
            }
        })
        .collect()
}

/// Stage 5: the legend under the grid, from `top`, as tall as its rows.
pub(super) fn legend(
    j: &Journey,
    s: &LayoutSettings,
    left: f32,
    right: f32,
    top: f32,
    used: &[Channel],
    m: &dyn Measure,
) -> LegendGeom {
    let width = right - left;
    // Each item as wide as the longest channel name needs beside its icon (in either
    // language: a picture may name them in the other one), so no name is cut short.
    let longest = used
        .iter()
        .flat_map(|c| [c.label(Language::En), c.label(Language::Nl)])
        .map(|label| m.width(&label, 12.0) + 40.0)
        .fold(s.legend_item_width, f32::max);
    let per_row = ((width - 2.0 * s.gap) / longest).floor().max(1.0) as usize;
    let channels = if j.style.channel_legend {
        used.to_vec()
    } else {
        Vec::new()
    };
    let channel_rows = channels.len().div_ceil(per_row);
    // As the painter fills it: a margin, the channels' title and rows, one row for evidence,
    // curves and moments of truth, a margin. No empty band.
    let channels_h = if channel_rows > 0 {
        28.0 + 26.0 * channel_rows as f32
    } else {
        0.0
    };
    let height = 12.0 + channels_h + 18.0 + 12.0;
    LegendGeom {
        rect: Rect::from_min_size(pos2(left, top), vec2(width, height)),
        channels,
        per_row,
    }
}

/// Stage 6: the title band across the map's width and its persona cards, the first persona
/// leftmost and the cards flush with the band's right edge.
pub(super) fn header(
    j: &Journey,
    s: &LayoutSettings,
    left: f32,
    right: f32,
) -> (Rect, Vec<(PersonaId, Rect)>) {
    let h = Rect::from_min_size(pos2(left, s.margin), vec2(right - left, s.header_height));
    // The map's title keeps room for itself: on a narrow map (a detail page of one phase)
    // fewer persona cards are shown, never the title cut.
    let room = ((h.width() - 520.0) / (PERSONA_CARD_WIDTH + 12.0))
        .floor()
        .max(1.0) as usize;
    let shown = j.personas.len().min(MAX_HEADER_PERSONAS).min(room);
    let personas = j
        .personas
        .iter()
        .take(shown)
        .enumerate()
        .map(|(i, p)| {
            let r_edge = h.right() - 12.0 - (shown - 1 - i) as f32 * (PERSONA_CARD_WIDTH + 12.0);
            let r = Rect::from_min_max(
                pos2(r_edge - PERSONA_CARD_WIDTH, h.top() + 12.0),
                pos2(r_edge, h.bottom() - 12.0),
            );
            (p.id.clone(), r)
        })
        .collect();
    (h, personas)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::fit::tests::Mono;
    use crate::model::{Card, Kpi, Language, Step};
    use crate::templates::Template;

    fn map() -> Journey {
        let mut j = Template::Blank.build(Language::En);
        j.phases[1].steps = vec![
            Step {
                id: "s1".into(),
                name: "One".into(),
            },
            Step {
                id: "s2".into(),
                name: "Two".into(),
            },
        ];
        j.phases[2].column_width = Some(300.0);
        j
    }

    fn card(id: &str, lane: &str, at: Slot, span: u32, channel: Option<Channel>) -> Card {
        Card {
            id: id.into(),
            lane: lane.into(),
            at,
            span,
            title: id.into(),
            body: String::new(),
            channel,
            evidence: Default::default(),
            color: None,
            critical: false,
            sentiment: None,
            image: None,
        }
    }

    #[test]
    fn columns_follow_phases_steps_and_their_widths() {
        let j = map();
        let s = LayoutSettings::default();
        let c = columns(&j, &s, 100.0, 50.0, &Mono);
        assert_eq!(c.phases.len(), 3);
        assert_eq!(c.columns.len(), 4, "a phase with two steps is two columns");
        assert_eq!(c.steps.len(), 2);
        assert_eq!(c.columns[0].x, Rangef::new(100.0, 300.0));
        assert_eq!(c.phases[1].rect.width(), 400.0);
        assert_eq!(c.phases[1].first_column, 1);
        assert_eq!(c.columns[3].x.span(), 300.0, "its own column width");
        assert_eq!(c.right, 100.0 + 200.0 + 400.0 + 300.0);
        assert_eq!(
            c.header_bottom,
            50.0 + s.phase_header_height + s.step_header_height
        );
        // A step name too long for its column wraps, whole, and the band grows for it.
        let mut long = map();
        long.phases[1].steps[0].name = "A step whose name needs several lines".into();
        let c2 = columns(&long, &s, 100.0, 50.0, &Mono);
        assert!(c2.steps[0].name.lines.len() > 1);
        assert!(!c2.steps[0].name.shortened);
        assert_eq!(
            c2.steps[0].name.joined().replace('\n', " "),
            "A step whose name needs several lines"
        );
        assert!(c2.header_bottom > c.header_bottom);
        assert!(c2.steps[0].name_rect().height() >= c2.steps[0].name.height());
        // Without steps there is no step band.
        let plain = Template::Blank.build(Language::En);
        assert_eq!(
            columns(&plain, &s, 0.0, 0.0, &Mono).header_bottom,
            s.phase_header_height
        );
    }

    #[test]
    fn channels_are_counted_per_column_once_and_in_first_use_order() {
        let mut j = map();
        let store = Some(Channel::Store);
        let web = Some(Channel::Website);
        j.cards = vec![
            card("a", "l1", Slot::phase("p3"), 1, web.clone()),
            card("b", "l2", Slot::phase("p1"), 1, store.clone()),
            card("c", "l1", Slot::phase("p1"), 1, store.clone()),
        ];
        let c = columns(&j, &LayoutSettings::default(), 0.0, 0.0, &Mono);
        let u = channel_use(&j, &c.columns);
        assert_eq!(u.used, vec![Channel::Website, Channel::Store]);
        assert_eq!(u.per_column[0], vec![Channel::Store]);
        assert_eq!(u.per_column[3], vec![Channel::Website]);
        assert!(u.per_column[1].is_empty());
    }

    #[test]
    fn a_spanning_card_starts_below_the_cards_it_covers_and_the_lane_grows() {
        let mut j = map();
        j.cards = vec![
            card("a", "l1", Slot::phase("p1"), 1, None),
            card("b", "l1", Slot::phase("p1"), 1, None),
            card("wide", "l1", Slot::phase("p1"), 3, None),
        ];
        let s = LayoutSettings::default();
        let c = columns(&j, &s, 0.0, 0.0, &Mono);
        let index = CardIndex::new(&j, &c.columns);
        let lane = &j.lanes[0];
        let content = lane_content(
            &j,
            &s,
            lane,
            10.0,
            &c,
            &ChannelUse::default(),
            &index,
            &Mono,
        );
        let rect = |id: &str| {
            content
                .cards
                .iter()
                .find(|g| g.id.as_str() == id)
                .map(|g| g.rect)
                .expect("placed")
        };
        assert!(
            rect("b").top() >= rect("a").bottom(),
            "stacked in a narrow column"
        );
        assert!(rect("wide").top() >= rect("b").bottom());
        assert!(
            rect("wide").right() > c.columns[2].x.min,
            "spans three columns"
        );
        assert_eq!(content.needed, rect("wide").bottom() + s.gap - 10.0);
        let title = lane_title(&j, &s, lane, &Mono);
        let geom = lane_box(&s, lane, 10.0, 0.0, 0.0, c.right, content.needed, title);
        assert!(geom.rect.height() >= content.needed);
        assert!(geom.curve_y.is_none(), "a card lane has no curve scale");
    }

    #[test]
    fn kpis_fill_their_phase_and_chips_stack_per_column() {
        let mut j = map();
        j.kpis = (0..3)
            .map(|i| Kpi {
                id: format!("k{i}").as_str().into(),
                phase: "p2".into(),
                name: "n".into(),
                value: "1".into(),
            })
            .collect();
        let s = LayoutSettings::default();
        let c = columns(&j, &s, 0.0, 0.0, &Mono);
        let mut lane = j.lanes[0].clone();
        lane.kind = LaneKind::Kpis;
        let index = CardIndex::new(&j, &c.columns);
        let content = lane_content(
            &j,
            &s,
            &lane,
            0.0,
            &c,
            &ChannelUse::default(),
            &index,
            &Mono,
        );
        assert_eq!(content.kpis.len(), 3);
        let phase = c.phases[1].rect;
        for k in &content.kpis {
            assert!(k.rect.left() >= phase.left() && k.rect.right() <= phase.right());
        }
        assert!(content.needed >= content.kpis[2].rect.bottom());
        lane.kind = LaneKind::Channels;
        let mut used = ChannelUse {
            per_column: vec![Vec::new(); c.columns.len()],
            used: Vec::new(),
        };
        used.per_column[0] = vec![Channel::Store, Channel::Email];
        let content = lane_content(&j, &s, &lane, 0.0, &c, &used, &index, &Mono);
        assert_eq!(content.chips.len(), 2);
        assert!(content.chips[1].rect.top() > content.chips[0].rect.bottom());
    }

    #[test]
    fn curve_points_sit_at_column_centres_inside_the_lane() {
        let j = Template::Pondres9.build(Language::Nl);
        let s = LayoutSettings::default();
        let c = columns(&j, &s, 0.0, 0.0, &Mono);
        let lane = j
            .lanes
            .iter()
            .find(|l| l.kind == LaneKind::Emotion)
            .expect("an emotion lane");
        let title = lane_title(&j, &s, lane, &Mono);
        let geom = lane_box(&s, lane, 100.0, 0.0, 0.0, c.right, 0.0, title);
        let yr = geom.curve_y.expect("a curve scale");
        assert!(yr.min > geom.rect.top() && yr.max < geom.rect.bottom());
        let cs = curves(&j, &geom, &c.columns);
        assert!(!cs.is_empty());
        for p in cs.iter().flat_map(|c| &c.points) {
            assert_eq!(p.pos.x, c.columns[p.column].x.center());
            assert!(yr.contains(p.pos.y));
        }
    }

    #[test]
    fn the_legend_is_as_tall_as_its_rows_and_the_header_holds_the_personas() {
        let mut j = map();
        let s = LayoutSettings::default();
        let none = legend(&j, &s, 0.0, 1000.0, 0.0, &[], &Mono);
        let some = legend(&j, &s, 0.0, 1000.0, 0.0, &vec![Channel::Store; 9], &Mono);
        assert!(some.rect.height() > none.rect.height());
        j.style.channel_legend = false;
        assert_eq!(
            legend(&j, &s, 0.0, 1000.0, 0.0, &[Channel::Store], &Mono).rect,
            none.rect
        );
        let mut j = Template::Blank.build(Language::En);
        j.personas = (0..5)
            .map(|i| crate::model::Persona {
                id: format!("p{i}").as_str().into(),
                ..Default::default()
            })
            .collect();
        let (h, personas) = header(&j, &s, 10.0, 2000.0);
        assert_eq!(personas.len(), MAX_HEADER_PERSONAS);
        assert!(
            personas[0].1.left() < personas[1].1.left(),
            "first leftmost"
        );
        assert_eq!(personas[2].1.right(), h.right() - 12.0);
        assert!(personas.iter().all(|(_, r)| h.contains_rect(*r)));
        let (_, narrow) = header(&j, &s, 0.0, 900.0);
        assert_eq!(narrow.len(), 1, "a narrow map keeps room for its title");
    }
}
