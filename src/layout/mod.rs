//! Pure geometry: a journey plus settings becomes rectangles and points in map space
//! (logical points at 100 % zoom, origin at the map's top-left). No egui, no painting: the
//! canvas, the export and the hit-testing all read the same [`MapLayout`].

use crate::model::{
    CardId, Channel, CurveId, CurveKind, Journey, KpiId, LaneId, LaneKind, PhaseId, Slot, StepId,
};
use emath::{Pos2, Rangef, Rect, Vec2, pos2};

pub mod fit;
pub mod funnel;
pub mod loops;
mod stages;

/// How many persona cards the header shows.
pub const MAX_HEADER_PERSONAS: usize = 3;

/// Width of a persona card in the header.
pub const PERSONA_CARD_WIDTH: f32 = 330.0;

/// Sizes that decide how a map is laid out.
#[derive(Clone, Debug, PartialEq)]
pub struct LayoutSettings {
    /// Space around the whole map.
    pub margin: f32,
    /// Height of the title and persona band; 0 leaves it out.
    pub header_height: f32,
    /// Width of the lane titles at the left.
    pub lane_title_width: f32,
    /// Width of one column (a step, or a phase without steps).
    pub column_width: f32,
    /// Height of the phase band.
    pub phase_header_height: f32,
    /// Height of the step band, used when any phase has steps.
    pub step_header_height: f32,
    /// Height of one card.
    pub card_height: f32,
    /// Space between cards and around them in a cell.
    pub gap: f32,
    /// Height of one KPI row.
    pub kpi_height: f32,
    /// Height of one channel chip in a channels lane.
    pub chip_height: f32,
    /// Whether to lay out the legend under the map.
    pub legend: bool,
    /// Width of one legend entry.
    pub legend_item_width: f32,
    /// Narrowest a card gets when cards share a row in a wide column.
    pub min_card_width: f32,
    /// Overrides every lane's minimum height (export reflows lanes to the page).
    pub lane_height: Option<f32>,
    /// Overrides the emotion lane's height when `lane_height` is set.
    pub emotion_height: Option<f32>,
    /// At most this many lines of a card's text (the rest shortened, and counted); `None`
    /// shows all of it, the card growing to fit. Titles are never shortened.
    pub body_lines: Option<usize>,
    /// At most this many lines of a card's title (a step smaller first, then shortened and
    /// counted); `None` keeps every title whole. Only a page too small for the map sets it.
    pub title_lines: Option<usize>,
    /// Height of a footer band under everything (a page's "2 / 4 · …"); 0 leaves it out.
    pub footer_height: f32,
    /// The grid is at least this wide (a page of one phase still has room for its legend).
    pub min_grid_width: f32,
    /// Cards name their channel in a line at their foot (an overview page leaves it to the
    /// channels lane and the legend).
    pub card_channels: bool,
    /// The height of one level of loop-back arrows above the phases.
    pub loop_height: f32,
}

impl Default for LayoutSettings {
    fn default() -> Self {
        Self {
            margin: 24.0,
            header_height: 150.0,
            lane_title_width: 150.0,
            column_width: 200.0,
            phase_header_height: 64.0,
            step_header_height: 28.0,
            card_height: 68.0,
            gap: 8.0,
            kpi_height: 40.0,
            chip_height: 26.0,
            legend: true,
            legend_item_width: 200.0,
            min_card_width: 170.0,
            lane_height: None,
            emotion_height: None,
            body_lines: None,
            title_lines: None,
            footer_height: 0.0,
            min_grid_width: 0.0,
            card_channels: true,
            loop_height: 30.0,
        }
    }
}

impl LayoutSettings {
    /// Every length times `f`; text keeps its size, so `f` < 1 gives text more room relative
    /// to the boxes (used to keep text at least 12 px when a dense map must shrink to fit).
    pub fn scaled(self, f: f32) -> Self {
        Self {
            margin: self.margin * f,
            header_height: self.header_height.max(100.0 / f.max(0.01)) * f,
            lane_title_width: self.lane_title_width.max(104.0 / f.max(0.01)) * f,
            column_width: self.column_width * f,
            phase_header_height: self.phase_header_height.max(46.0 / f.max(0.01)) * f,
            step_header_height: self.step_header_height.max(24.0 / f.max(0.01)) * f,
            card_height: self.card_height.max(46.0 / f.max(0.01)) * f,
            gap: self.gap * f,
            kpi_height: self.kpi_height.max(38.0 / f.max(0.01)) * f,
            chip_height: self.chip_height.max(24.0 / f.max(0.01)) * f,
            legend: self.legend,
            legend_item_width: self.legend_item_width.max(150.0 / f.max(0.01)) * f,
            // Text keeps its size, so a card needs its width for it however small the boxes get.
            min_card_width: self.min_card_width,
            lane_height: self.lane_height.map(|h| h * f),
            emotion_height: self.emotion_height.map(|h| h.max(116.0 / f.max(0.01)) * f),
            body_lines: self.body_lines,
            title_lines: self.title_lines,
            footer_height: self.footer_height,
            min_grid_width: self.min_grid_width * f,
            card_channels: self.card_channels,
            loop_height: self.loop_height.max(24.0 / f.max(0.01)) * f,
        }
    }

    /// Compact sizes for a picture: shorter cards (titles, bodies where they fit), lanes only as
    /// tall as their cards, and columns `column_width` wide.
    pub fn compact(column_width: f32) -> Self {
        Self {
            margin: 16.0,
            header_height: 112.0,
            lane_title_width: 118.0,
            column_width,
            phase_header_height: 50.0,
            step_header_height: 26.0,
            card_height: 46.0,
            gap: 6.0,
            kpi_height: 38.0,
            chip_height: 24.0,
            legend: true,
            legend_item_width: 180.0,
            min_card_width: 180.0,
            lane_height: Some(58.0),
            emotion_height: Some(140.0),
            body_lines: Some(2),
            title_lines: None,
            footer_height: 0.0,
            min_grid_width: 0.0,
            card_channels: true,
            loop_height: 26.0,
        }
    }
}

/// A phase's header band and the columns it covers.
#[derive(Clone, Debug, PartialEq)]
pub struct PhaseGeom {
    pub id: PhaseId,
    pub rect: Rect,
    pub first_column: usize,
    pub column_count: usize,
    /// The phase's name, whole, in lines.
    pub name: fit::Fitted,
    /// Its duration, whole, in lines.
    pub duration: fit::Fitted,
}

/// Font size of a phase's name.
pub const PHASE_NAME_SIZE: f32 = 16.0;
/// Font size of a lane's title.
pub const LANE_TITLE_SIZE: f32 = 14.0;
/// Font sizes of a KPI's name and figure.
pub const KPI_NAME_SIZE: f32 = 12.0;
pub const KPI_VALUE_SIZE: f32 = 15.0;

impl PhaseGeom {
    /// Where the name's first line starts.
    pub fn name_pos(&self) -> Pos2 {
        self.rect.min + emath::vec2(12.0, 8.0)
    }

    /// Where the duration's first line starts.
    pub fn duration_pos(&self) -> Pos2 {
        self.name_pos() + emath::vec2(0.0, self.name.height() + 2.0)
    }
}

/// A step's header.
#[derive(Clone, Debug, PartialEq)]
pub struct StepGeom {
    pub phase: PhaseId,
    pub id: StepId,
    pub rect: Rect,
    /// The step's name, whole, in lines.
    pub name: fit::Fitted,
}

/// Font size of a step's name.
pub const STEP_NAME_SIZE: f32 = 12.0;

impl StepGeom {
    /// The box its name is centred in (inside the step's band).
    pub fn name_rect(&self) -> Rect {
        self.rect.shrink2(emath::vec2(8.0, 6.5))
    }
}

/// One column: a slot and its horizontal extent.
#[derive(Clone, Debug, PartialEq)]
pub struct ColumnGeom {
    pub slot: Slot,
    pub x: Rangef,
}

/// A visible lane: the whole row, its title box and the area right of the title.
#[derive(Clone, Debug, PartialEq)]
pub struct LaneGeom {
    pub id: LaneId,
    pub kind: LaneKind,
    pub rect: Rect,
    pub title_rect: Rect,
    pub body_rect: Rect,
    /// In an emotion or dramatic-arc lane, the vertical extent its curves' scales map onto
    /// (known even before the lane has a curve, so a click can add the first point).
    pub curve_y: Option<Rangef>,
    /// The lane's title, whole, in lines.
    pub title: fit::Fitted,
}

impl LaneGeom {
    /// Where the title's first line starts.
    pub fn title_pos(&self) -> Pos2 {
        self.title_rect.min + emath::vec2(14.0, 10.0)
    }
}

/// Where a card sits, and its text as it fits the card.
#[derive(Clone, Debug, PartialEq)]
pub struct CardGeom {
    pub id: CardId,
    /// Where the card is in `Journey::cards` (so painting never searches for it).
    pub index: usize,
    pub lane: LaneId,
    pub rect: Rect,
    /// The title, whole, in lines.
    pub title: fit::Fitted,
    /// The text under the title, when there is one.
    pub body: Option<fit::Fitted>,
    /// Whether the card's channel line is drawn at its foot.
    pub channel_line: bool,
    /// Where the card's picture is drawn, above its title.
    pub image: Option<Rect>,
}

/// Font size of a card's title.
pub const CARD_TITLE_SIZE: f32 = 13.0;
/// Font size of a card's text, and the smallest text on a slide.
pub const CARD_BODY_SIZE: f32 = 12.0;
/// Space from a card's left edge to its text.
pub const CARD_TEXT_LEFT: f32 = 12.0;
/// Height of the channel line at the foot of a card.
pub const CARD_FOOTER: f32 = 17.0;

impl CardGeom {
    /// Where the title's first line starts.
    pub fn title_pos(&self) -> Pos2 {
        let below_image = self.image.map_or(0.0, |r| r.bottom() - self.rect.top());
        self.rect.min + emath::vec2(CARD_TEXT_LEFT, 6.0 + below_image)
    }

    /// Where the body's first line starts.
    pub fn body_pos(&self) -> Pos2 {
        self.title_pos() + emath::vec2(0.0, self.title.height() + 2.0)
    }
}

/// A KPI figure inside a KPI lane.
#[derive(Clone, Debug, PartialEq)]
pub struct KpiGeom {
    pub id: KpiId,
    pub rect: Rect,
    /// What is measured, whole, in lines.
    pub name: fit::Fitted,
    /// The figure, whole, in lines.
    pub value: fit::Fitted,
}

impl KpiGeom {
    /// Where the name's first line starts.
    pub fn name_pos(&self) -> Pos2 {
        self.rect.min + emath::vec2(8.0, 4.0)
    }

    /// Where the figure's first line starts.
    pub fn value_pos(&self) -> Pos2 {
        self.name_pos() + emath::vec2(0.0, self.name.height())
    }
}

/// A point of an emotion curve in map space.
#[derive(Clone, Debug, PartialEq)]
pub struct CurvePoint {
    pub column: usize,
    pub pos: Pos2,
    pub value: f32,
}

/// An emotion curve placed in one emotion lane.
#[derive(Clone, Debug, PartialEq)]
pub struct CurveGeom {
    pub id: CurveId,
    pub kind: CurveKind,
    pub lane: LaneId,
    /// Points left to right; gaps (columns without a point) are simply absent.
    pub points: Vec<CurvePoint>,
    /// The vertical extent the scale maps onto: `max` at the top, `min` at the bottom.
    pub y: Rangef,
    /// The curve the cards' sentiments give (when the curve asks for it), per column.
    pub evidence: Vec<EvidencePoint>,
}

/// A point of an evidence curve: the evidence-weighted sentiment of a column's cards.
#[derive(Clone, Debug, PartialEq)]
pub struct EvidencePoint {
    pub column: usize,
    pub pos: Pos2,
    pub value: f32,
    /// The hand-set curve is a level or more away here: the story runs ahead of the research.
    pub disagrees: bool,
}

/// A channel used in a column, shown in a channels lane.
#[derive(Clone, Debug, PartialEq)]
pub struct ChipGeom {
    pub lane: LaneId,
    pub column: usize,
    pub channel: Channel,
    pub rect: Rect,
}

/// The legend under the map: channels used, evidence levels, curves and moments of truth.
#[derive(Clone, Debug, PartialEq)]
pub struct LegendGeom {
    pub rect: Rect,
    /// The channels the map uses, in first-use order.
    pub channels: Vec<Channel>,
    /// Legend entries per row.
    pub per_row: usize,
}

/// Where a dragged card would land.
#[derive(Clone, Debug, PartialEq)]
pub struct DropTarget {
    pub lane: LaneId,
    pub at: Slot,
    /// Insert before this card; `None` for the end of the cell.
    pub before: Option<CardId>,
    /// The cell's rectangle, for highlighting.
    pub cell: Rect,
}

/// The laid-out map.
#[derive(Clone, Debug, PartialEq)]
pub struct MapLayout {
    /// The whole map, from the origin.
    pub bounds: Rect,
    /// Title and persona band, when shown.
    pub header: Option<Rect>,
    /// Persona cards in the header (at most three), right to left.
    pub personas: Vec<(crate::model::PersonaId, Rect)>,
    pub phases: Vec<PhaseGeom>,
    pub steps: Vec<StepGeom>,
    pub columns: Vec<ColumnGeom>,
    pub lanes: Vec<LaneGeom>,
    pub cards: Vec<CardGeom>,
    pub kpis: Vec<KpiGeom>,
    pub curves: Vec<CurveGeom>,
    /// Channels used per column, in channels lanes.
    pub chips: Vec<ChipGeom>,
    /// The legend, when shown.
    pub legend: Option<LegendGeom>,
    /// The grid area: lanes by columns (no titles, no headers).
    pub grid: Rect,
    /// How many texts were shortened to fit (card texts beyond `body_lines` and `title_lines`).
    pub shortened: usize,
    /// The footer band, when there is one.
    pub footer: Option<Rect>,
    /// Loop-back arrows above the phases.
    pub loops: Vec<loops::LoopGeom>,
    /// KPI lanes shown as funnels.
    pub funnels: Vec<funnel::FunnelGeom>,
}

impl MapLayout {
    /// Lays out `j`, stage by stage (see [`stages`]): the headers and columns, the lanes
    /// with what they hold, the curves, the legend and the title band.
    pub fn compute(j: &Journey, s: &LayoutSettings, m: &dyn fit::Measure) -> Self {
        let left = s.margin;
        let mut y = s.margin;
        if s.header_height > 0.0 {
            y += s.header_height + s.gap * 2.0;
        }
        let grid_left = left + s.lane_title_width;
        let mut cols = stages::columns(j, s, grid_left, y, m);
        // Loop-backs need a band above the phases as tall as their levels: lay the columns
        // out again under it (cheap: phases only).
        let (mut loop_geoms, band) = loops::loops(j, s, &cols.phases, m);
        if band > 0.0 {
            y += band;
            cols = stages::columns(j, s, grid_left, y, m);
            loop_geoms = loops::loops(j, s, &cols.phases, m).0;
        }
        let channels = stages::channel_use(j, &cols.columns);
        let index = stages::CardIndex::new(j, &cols.columns);
        let mut out = MapLayout {
            bounds: Rect::ZERO,
            header: None,
            personas: Vec::new(),
            phases: Vec::new(),
            steps: Vec::new(),
            columns: Vec::new(),
            lanes: Vec::new(),
            cards: Vec::new(),
            kpis: Vec::new(),
            curves: Vec::new(),
            chips: Vec::new(),
            legend: None,
            grid: Rect::ZERO,
            shortened: 0,
            footer: None,
            loops: loop_geoms,
            funnels: Vec::new(),
        };
        y = cols.header_bottom + s.gap;
        let grid_top = y;
        for lane in j.lanes.iter().filter(|l| l.visible) {
            let content = stages::lane_content(j, s, lane, y, &cols, &channels, &index, m);
            let title = stages::lane_title(j, s, lane, m);
            let geom = stages::lane_box(
                s,
                lane,
                y,
                left,
                grid_left,
                cols.right,
                content.needed,
                title,
            );
            out.curves.extend(stages::curves(j, &geom, &cols.columns));
            out.chips.extend(content.chips);
            out.kpis.extend(content.kpis);
            out.funnels.extend(content.funnel);
            out.shortened += content
                .cards
                .iter()
                .map(|c| {
                    usize::from(c.title.shortened)
                        + usize::from(c.body.as_ref().is_some_and(|b| b.shortened))
                })
                .sum::<usize>();
            out.cards.extend(content.cards);
            y = geom.rect.bottom();
            out.lanes.push(geom);
        }
        out.grid = Rect::from_min_max(pos2(grid_left, grid_top), pos2(cols.right, y.max(grid_top)));
        if s.legend {
            let legend = stages::legend(j, s, left, cols.right, y + s.gap * 2.0, &channels.used, m);
            y = legend.rect.bottom();
            out.legend = Some(legend);
        }
        if s.header_height > 0.0 {
            let (header, personas) = stages::header(j, s, left, cols.right);
            out.header = Some(header);
            out.personas = personas;
        }
        if s.footer_height > 0.0 {
            let footer = Rect::from_min_max(
                pos2(left, y + s.gap),
                pos2(cols.right, y + s.gap + s.footer_height),
            );
            y = footer.bottom();
            out.footer = Some(footer);
        }
        out.bounds = Rect::from_min_max(Pos2::ZERO, pos2(cols.right + s.margin, y + s.margin));
        out.phases = cols.phases;
        out.steps = cols.steps;
        out.columns = cols.columns;
        out
    }

    /// The card under a point, topmost first.
    pub fn card_at(&self, pos: Pos2) -> Option<&CardGeom> {
        self.cards.iter().rev().find(|c| c.rect.contains(pos))
    }

    /// The lane under a point.
    pub fn lane_at(&self, pos: Pos2) -> Option<&LaneGeom> {
        self.lanes.iter().find(|l| l.rect.y_range().contains(pos.y))
    }

    /// The column under a point.
    pub fn column_at(&self, x: f32) -> Option<usize> {
        self.columns.iter().position(|c| c.x.contains(x))
    }

    /// The phase whose header band is under a point.
    pub fn phase_header_at(&self, pos: Pos2) -> Option<&PhaseGeom> {
        self.phases.iter().find(|p| p.rect.contains(pos))
    }

    /// The cell (lane and column) under a point, with its rectangle.
    pub fn cell_at(&self, pos: Pos2) -> Option<(&LaneGeom, usize, Rect)> {
        if !self.grid.contains(pos) {
            return None;
        }
        let lane = self.lane_at(pos)?;
        let col = self.column_at(pos.x)?;
        let x = self.columns[col].x;
        Some((lane, col, Rect::from_x_y_ranges(x, lane.rect.y_range())))
    }

    /// The cell of `lane` in the column `at`, when both are on the map.
    pub fn cell_rect(&self, lane: &LaneId, at: &Slot) -> Option<Rect> {
        let lane = self.lanes.iter().find(|l| &l.id == lane)?;
        let col = self.columns.iter().find(|c| &c.slot == at)?;
        Some(Rect::from_x_y_ranges(col.x, lane.rect.y_range()))
    }

    /// Where cards dragged to `pos` would land; `dragged` are ignored as insertion anchors.
    pub fn drop_target(&self, pos: Pos2, dragged: &[CardId]) -> Option<DropTarget> {
        let (lane, col, cell) = self.cell_at(pos)?;
        if lane.kind.is_curve() {
            return None;
        }
        let slot = self.columns[col].slot.clone();
        let before = self
            .cards
            .iter()
            .filter(|c| c.lane == lane.id && !dragged.contains(&c.id))
            .filter(|c| self.column_at(c.rect.left()) == Some(col))
            .find(|c| {
                // Cards sharing a row are ordered left to right; stacked ones top to bottom.
                let shares_row = c.rect.width() < self.columns[col].x.span() * 0.75;
                if shares_row {
                    pos.y < c.rect.top()
                        || (c.rect.y_range().contains(pos.y) && pos.x < c.rect.center().x)
                } else {
                    pos.y < c.rect.center().y
                }
            })
            .map(|c| c.id.clone());
        Some(DropTarget {
            lane: lane.id.clone(),
            at: slot,
            before,
            cell,
        })
    }

    /// The size of the map.
    pub fn size(&self) -> Vec2 {
        self.bounds.size()
    }
}

fn column_index(columns: &[ColumnGeom], at: &Slot) -> Option<usize> {
    columns
        .iter()
        .position(|c| &c.slot == at)
        // A slot naming only the phase of a phase with steps means its first step.
        .or_else(|| {
            if at.step.is_none() {
                columns.iter().position(|c| c.slot.phase == at.phase)
            } else {
                None
            }
        })
}

/// Maps a value on the scale `min..=max` to a y inside `y` (max at the top).
pub fn value_to_y(value: f32, min: i32, max: i32, y: Rangef) -> f32 {
    let span = (max - min).max(1) as f32;
    let t = ((value - min as f32) / span).clamp(0.0, 1.0);
    y.max - t * (y.max - y.min)
}

/// The value on the scale at a y, snapped to whole levels.
pub fn y_to_level(py: f32, min: i32, max: i32, y: Rangef) -> f32 {
    let span = (max - min).max(1) as f32;
    let t = ((y.max - py) / (y.max - y.min).max(1.0)).clamp(0.0, 1.0);
    (min as f32 + t * span).round()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Card, Language};
    use crate::templates::Template;
    use emath::vec2;

    fn card(id: &str, lane: &str, phase: &str, span: u32) -> Card {
        Card {
            id: id.into(),
            lane: lane.into(),
            at: Slot::phase(phase),
            span,
            title: id.to_owned(),
            body: String::new(),
            channel: None,
            evidence: Default::default(),
            color: None,
            critical: false,
            sentiment: None,
            image: None,
        }
    }

    #[test]
    fn the_evidence_curve_weighs_sentiments_by_evidence_and_marks_disagreement() {
        use crate::model::Evidence;
        // Blank: l1 Actions, l2 Thoughts, l3 Touchpoints, l4 Emotion, l5 Pain points, …
        let mut j = Template::Blank.build(Language::En);
        let felt = |id: &str, lane: &str, phase: &str, v: f32, e: Evidence| {
            let mut c = card(id, lane, phase, 1);
            c.sentiment = Some(v);
            c.evidence = e;
            c
        };
        j.cards = vec![
            // Phase 1: a researched pain (-2) outweighs an assumed thought (+1): (−6 + 1) / 4.
            felt("a", "l5", "p1", -2.0, Evidence::Researched),
            felt("b", "l2", "p1", 1.0, Evidence::Assumption),
            // Phase 2: one partly researched thought; an action's sentiment does not count.
            felt("c", "l2", "p2", -1.0, Evidence::PartlyResearched),
            felt("d", "l1", "p2", 2.0, Evidence::Researched),
            // Phase 3: nothing felt, no point.
        ];
        j.emotion_curves[0].evidence = true;
        for (p, v) in j.emotion_curves[0].points.iter_mut().zip([-1.0, 1.0, 0.0]) {
            p.value = v;
        }
        let l = MapLayout::compute(&j, &LayoutSettings::default(), &fit::tests::Mono);
        let g = &l.curves[0];
        let values: Vec<(usize, f32, bool)> = g
            .evidence
            .iter()
            .map(|p| (p.column, p.value, p.disagrees))
            .collect();
        assert_eq!(values, [(0, -1.25, false), (1, -1.0, true)]);
        // On the curve's own scale, in its lane, at the column's centre.
        let e = &g.evidence[1];
        assert_eq!(e.pos.x, g.points[1].pos.x);
        assert!(
            e.pos.y > g.points[1].pos.y,
            "lower feeling, lower on the lane"
        );
        assert!(g.y.contains(e.pos.y));
        // Off: nothing computed.
        j.emotion_curves[0].evidence = false;
        let l = MapLayout::compute(&j, &LayoutSettings::default(), &fit::tests::Mono);
        assert!(l.curves[0].evidence.is_empty());
    }

    #[test]
    fn a_picture_sits_above_the_title_and_the_card_grows_for_it() {
        let mut j = Template::Blank.build(Language::En);
        let mut c = card("pic", "l1", "p1", 1);
        c.image = Some(crate::model::CardImage {
            width: 1000,
            height: 500,
            photo: crate::model::Photo {
                mime: "image/jpeg".into(),
                base64: "".into(),
            },
        });
        j.cards = vec![c, card("plain", "l1", "p2", 1)];
        let s = LayoutSettings::default();
        let l = MapLayout::compute(&j, &s, &fit::tests::Mono);
        let (pic, plain) = (&l.cards[0], &l.cards[1]);
        let img = pic.image.expect("a picture rect");
        assert!(pic.rect.contains_rect(img));
        assert!(
            (img.width() / img.height() - 2.0).abs() < 0.01,
            "its own shape"
        );
        assert!(pic.title_pos().y > img.bottom(), "the caption under it");
        assert!(pic.rect.height() >= img.height() + pic.title.height() + 6.0);
        assert!(plain.image.is_none());
        // A tall picture narrows rather than stretching the lane.
        j.cards[0].image.as_mut().expect("image").height = 4000;
        let l = MapLayout::compute(&j, &s, &fit::tests::Mono);
        let img = l.cards[0].image.expect("a picture rect");
        assert!(img.height() <= s.card_height * 2.6 + 0.01);
        assert!((img.height() / img.width() - 4.0).abs() < 0.01);
    }

    #[test]
    fn each_curve_lane_shows_its_own_kind_of_curve() {
        let mut j = Template::Blank.build(Language::En);
        let arc_lane = crate::model::Lane {
            id: "arc".into(),
            title: "Arc".into(),
            kind: LaneKind::DramaticArc,
            visible: true,
            height: 140.0,
            funnel: None,
        };
        j.lanes.push(arc_lane);
        let l = MapLayout::compute(&j, &LayoutSettings::default(), &fit::tests::Mono);
        let arc = l
            .lanes
            .iter()
            .find(|g| g.id.as_str() == "arc")
            .expect("lane");
        let yr = arc
            .curve_y
            .expect("an empty arc lane still has its value range");
        assert!(arc.rect.y_range().contains(yr.min) && arc.rect.y_range().contains(yr.max));
        assert!(l.curves.iter().all(|c| c.lane != arc.id), "no arc yet");
        let cards_lane = l.lanes.iter().find(|g| !g.kind.is_curve()).expect("lane");
        assert_eq!(cards_lane.curve_y, None);

        let mut engagement = j.emotion_curves[0].clone();
        engagement.id = "arc1".into();
        engagement.kind = CurveKind::Engagement;
        engagement.scale = crate::model::Scale::engagement();
        for p in &mut engagement.points {
            p.value = 3.0;
        }
        j.emotion_curves.push(engagement);
        let l = MapLayout::compute(&j, &LayoutSettings::default(), &fit::tests::Mono);
        for c in &l.curves {
            let lane = l.lanes.iter().find(|g| g.id == c.lane).expect("lane");
            assert_eq!(lane.kind.curve_kind(), Some(c.kind));
            assert_eq!(Some(c.y), lane.curve_y);
        }
        assert_eq!(l.curves.len(), 2, "one in each lane");
        assert!(l.drop_target(arc.rect.center(), &[]).is_none(), "no cards");
    }

    #[test]
    fn columns_and_lanes_tile_the_grid() {
        let j = Template::Pondres9.build(Language::Nl);
        let l = MapLayout::compute(&j, &LayoutSettings::default(), &fit::tests::Mono);
        assert_eq!(l.columns.len(), 9);
        assert_eq!(l.lanes.len(), j.lanes.len());
        for pair in l.columns.windows(2) {
            assert_eq!(pair[0].x.max, pair[1].x.min);
        }
        for pair in l.lanes.windows(2) {
            assert_eq!(pair[0].rect.bottom(), pair[1].rect.top());
        }
        assert!(l.bounds.contains_rect(l.grid));
    }

    #[test]
    fn cards_stack_without_overlap_and_lanes_grow() {
        let mut j = Template::Blank.build(Language::En);
        for i in 0..5 {
            j.cards.push(card(&format!("c{i}"), "l1", "p1", 1));
        }
        j.cards.push(card("wide", "l1", "p1", 3));
        let s = LayoutSettings::default();
        let l = MapLayout::compute(&j, &s, &fit::tests::Mono);
        for (i, a) in l.cards.iter().enumerate() {
            for b in &l.cards[i + 1..] {
                assert!(
                    !a.rect.intersects(b.rect.shrink(0.5)),
                    "{a:?} overlaps {b:?}"
                );
            }
            assert!(l.lanes[0].rect.contains_rect(a.rect));
        }
        assert!(l.lanes[0].rect.height() > j.lanes[0].height);
        let wide = l
            .cards
            .iter()
            .find(|c| c.id.as_str() == "wide")
            .expect("laid out");
        assert!(wide.rect.width() > 2.5 * s.column_width);
    }

    #[test]
    fn hidden_lanes_take_no_space() {
        let mut j = Template::Blank.build(Language::En);
        let all = MapLayout::compute(&j, &LayoutSettings::default(), &fit::tests::Mono);
        j.lanes[1].visible = false;
        let fewer = MapLayout::compute(&j, &LayoutSettings::default(), &fit::tests::Mono);
        assert_eq!(fewer.lanes.len(), all.lanes.len() - 1);
        assert!(fewer.bounds.height() < all.bounds.height());
    }

    #[test]
    fn drop_target_finds_cell_and_insertion_point() {
        let mut j = Template::Blank.build(Language::En);
        j.cards.push(card("a", "l1", "p2", 1));
        j.cards.push(card("b", "l1", "p2", 1));
        let l = MapLayout::compute(&j, &LayoutSettings::default(), &fit::tests::Mono);
        let b = l.cards.iter().find(|c| c.id.as_str() == "b").expect("b");
        let t = l
            .drop_target(b.rect.center() - vec2(0.0, 10.0), &[])
            .expect("target");
        assert_eq!(t.at, Slot::phase("p2"));
        assert_eq!(t.before.as_ref().map(|c| c.as_str()), Some("b"));
        let below = l.drop_target(pos2(b.rect.center().x, l.lanes[0].rect.bottom() - 2.0), &[]);
        assert_eq!(below.and_then(|t| t.before), None);
        assert!(
            l.drop_target(pos2(1.0, 1.0), &[]).is_none(),
            "outside the grid"
        );
    }

    #[test]
    fn emotion_values_map_inside_the_lane_and_back() {
        let y = Rangef::new(100.0, 200.0);
        assert_eq!(value_to_y(2.0, -2, 2, y), 100.0);
        assert_eq!(value_to_y(-2.0, -2, 2, y), 200.0);
        assert_eq!(value_to_y(9.0, -2, 2, y), 100.0, "clamped");
        for v in -2..=2 {
            assert_eq!(
                y_to_level(value_to_y(v as f32, -2, 2, y), -2, 2, y),
                v as f32
            );
        }
        assert_eq!(
            y_to_level(130.0, -2, 2, y),
            1.0,
            "snaps to the nearest level"
        );
    }
}
