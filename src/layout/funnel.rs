//! A KPI lane shown as a funnel: one KPI per phase counts the people who got that far
//! ("bezoekers"), drawn as a band that narrows from phase to phase in line with the columns,
//! each phase with its count and the share of the previous one ("→ 18 %"), computed. A KPI
//! whose text is not a number gets a note in its place, never a guessed value.

use super::LayoutSettings;
use super::fit::{Fitted, Measure, fit, fit_whole};
use super::stages::Columns;
use crate::model::{Journey, Lane, LaneId, PhaseId, format_percent, parse_number};
use emath::{Pos2, Rangef, pos2};

/// Font sizes of a funnel's count and conversion.
pub const FUNNEL_COUNT_SIZE: f32 = 15.0;
pub const FUNNEL_SHARE_SIZE: f32 = 12.0;
/// The thinnest a step of the band is drawn, however small its count.
pub const FUNNEL_MIN_THICKNESS: f32 = 4.0;

/// A funnel, laid out.
#[derive(Clone, Debug, PartialEq)]
pub struct FunnelGeom {
    pub lane: LaneId,
    /// The band's height range; its middle is the funnel's axis.
    pub band: Rangef,
    /// The phases with a count, left to right.
    pub steps: Vec<FunnelStep>,
    /// Notes where a count could not be read (or none was found).
    pub notes: Vec<FunnelNote>,
}

/// One phase of a funnel.
#[derive(Clone, Debug, PartialEq)]
pub struct FunnelStep {
    pub phase: PhaseId,
    /// The phase's width.
    pub x: Rangef,
    /// The count as read.
    pub value: f64,
    /// How thick the band is here.
    pub thickness: f32,
    /// The count as typed, centred under the band.
    pub count: Fitted,
    /// "→ 18 %": the share of the previous counted phase.
    pub share: Option<Fitted>,
    /// Where the count's first line starts (the top of the text block, centred on `x`).
    pub text_top: f32,
}

/// A visible note in a phase's place: "“veel” is not a number".
#[derive(Clone, Debug, PartialEq)]
pub struct FunnelNote {
    pub phase: PhaseId,
    pub text: Fitted,
    pub pos: Pos2,
}

/// Whether KPI `name` is the one a funnel counts (names compared as a person would).
pub fn is_count(kpi_name: &str, funnel: &str) -> bool {
    kpi_name.trim().to_lowercase() == funnel.trim().to_lowercase()
}

/// Lays out `lane`'s funnel from `top`; returns it and the height it takes from `top`.
pub(super) fn funnel(
    j: &Journey,
    s: &LayoutSettings,
    lane: &Lane,
    top: f32,
    cols: &Columns,
    m: &dyn Measure,
) -> Option<(FunnelGeom, f32)> {
    let name = lane.funnel.as_deref()?;
    let band_h = (s.kpi_height * 1.5).max(40.0);
    let band = Rangef::new(top + s.gap, top + s.gap + band_h);
    let mut steps: Vec<FunnelStep> = Vec::new();
    let mut notes = Vec::new();
    for p in &cols.phases {
        let Some(kpi) = j
            .kpis
            .iter()
            .find(|k| k.phase == p.id && is_count(&k.name, name))
        else {
            continue;
        };
        let w = (p.rect.width() - s.gap * 2.0).max(10.0);
        match parse_number(&kpi.value, j.language) {
            Ok(n) if n.value >= 0.0 => {
                let count = fit_whole(
                    kpi.value.trim(),
                    w,
                    FUNNEL_COUNT_SIZE,
                    12.0,
                    1,
                    j.language,
                    m,
                );
                let share = steps.last().filter(|prev| prev.value > 0.0).map(|prev| {
                    let text = format!("→ {}", format_percent(n.value / prev.value, j.language));
                    fit_whole(&text, w, FUNNEL_SHARE_SIZE, 11.0, 1, j.language, m)
                });
                steps.push(FunnelStep {
                    phase: p.id.clone(),
                    x: Rangef::new(p.rect.left(), p.rect.right()),
                    value: n.value,
                    thickness: 0.0,
                    count,
                    share,
                    text_top: band.max + 4.0,
                });
            }
            result => {
                let why = match result {
                    Err(e) => e.describe(kpi.value.trim(), j.language),
                    Ok(_) => j
                        .language
                        .pick(
                            "a count cannot be negative",
                            "een aantal kan niet negatief zijn",
                        )
                        .to_owned(),
                };
                notes.push(FunnelNote {
                    phase: p.id.clone(),
                    text: fit(&why, w, 11.0, 11.0, None, j.language, m),
                    pos: pos2(p.rect.left() + s.gap, band.min + 4.0),
                });
            }
        }
    }
    if steps.is_empty()
        && notes.is_empty()
        && let Some(first) = cols.phases.first()
    {
        let text = match j.language {
            crate::model::Language::En => format!("No phase has a KPI named “{name}” to count"),
            crate::model::Language::Nl => format!("Geen fase heeft een KPI “{name}” om te tellen"),
        };
        let w = (cols.right - first.rect.left() - s.gap * 2.0).max(10.0);
        notes.push(FunnelNote {
            phase: first.id.clone(),
            text: fit(&text, w, 11.0, 11.0, None, j.language, m),
            pos: pos2(first.rect.left() + s.gap, band.min + 4.0),
        });
    }
    let thick = thickness(&steps.iter().map(|st| st.value).collect::<Vec<_>>());
    for (st, t) in steps.iter_mut().zip(thick) {
        st.thickness = (band_h * t).max(FUNNEL_MIN_THICKNESS);
    }
    let text_h = steps
        .iter()
        .map(|st| st.count.height() + st.share.as_ref().map_or(0.0, Fitted::height))
        .chain(notes.iter().map(|n| n.text.height() + 4.0 - band_h))
        .fold(0.0, f32::max);
    let bottom = band.max + 4.0 + text_h + s.gap;
    Some((
        FunnelGeom {
            lane: lane.id.clone(),
            band,
            steps,
            notes,
        },
        bottom - top,
    ))
}

/// Each count's thickness as a share of the band: in proportion while the counts are within a
/// factor of ten of each other; over wider ranges (420,000 reached, 924 bought) on a
/// logarithmic scale from 0.15 to 1, so every step stays visible (the numbers say the rest).
fn thickness(counts: &[f64]) -> Vec<f32> {
    let most = counts.iter().copied().fold(0.0, f64::max);
    let least = counts
        .iter()
        .copied()
        .filter(|v| *v > 0.0)
        .fold(f64::INFINITY, f64::min);
    if most <= 0.0 {
        return vec![0.0; counts.len()];
    }
    if most / least <= 10.0 {
        return counts.iter().map(|v| (v / most) as f32).collect();
    }
    let span = most.log10() - least.log10();
    counts
        .iter()
        .map(|v| {
            if *v <= 0.0 {
                0.0
            } else {
                (0.15 + 0.85 * (v.log10() - least.log10()) / span) as f32
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::layout::fit::tests::Mono;
    use crate::layout::{LayoutSettings, MapLayout};
    use crate::model::{Journey, Kpi, KpiId, LaneKind, Language};
    use crate::templates::Template;

    fn map(values: &[&str]) -> Journey {
        let mut j = Template::DataSteps5.build(Language::Nl);
        let lane = j
            .lanes
            .iter_mut()
            .find(|l| l.kind == LaneKind::Kpis)
            .expect("a KPI lane");
        lane.funnel = Some("Bezoekers".into());
        j.kpis = j
            .phases
            .iter()
            .zip(values)
            .enumerate()
            .map(|(i, (p, v))| Kpi {
                id: KpiId(format!("k{i}")),
                phase: p.id.clone(),
                name: "bezoekers".into(),
                value: (*v).into(),
            })
            .collect();
        j.kpis.push(Kpi {
            id: KpiId("other".into()),
            phase: j.phases[0].id.clone(),
            name: "budget".into(),
            value: "€ 4.000".into(),
        });
        j
    }

    #[test]
    fn the_band_narrows_with_the_counts_and_the_shares_are_computed() {
        let j = map(&["12.000", "3.000", "veel", "1.500", "1,2k"]);
        let l = MapLayout::compute(&j, &LayoutSettings::default(), &Mono);
        assert_eq!(l.funnels.len(), 1);
        let f = &l.funnels[0];
        let counts: Vec<f64> = f.steps.iter().map(|s| s.value).collect();
        assert_eq!(counts, [12_000.0, 3_000.0, 1_500.0, 1_200.0]);
        assert_eq!(
            f.steps[0].thickness,
            f.band.span(),
            "the largest fills the band"
        );
        assert!((f.steps[1].thickness - f.band.span() / 4.0).abs() < 0.01);
        let shares: Vec<Option<String>> = f
            .steps
            .iter()
            .map(|s| s.share.as_ref().map(|t| t.joined()))
            .collect();
        assert_eq!(
            shares,
            [
                None,
                Some("→ 25 %".into()),
                Some("→ 50 %".into()),
                Some("→ 80 %".into())
            ]
        );
        // "veel" is not guessed: a note in its phase.
        assert_eq!(f.notes.len(), 1);
        assert_eq!(f.notes[0].phase, j.phases[2].id);
        assert_eq!(f.notes[0].text.joined(), "“veel” is geen getal");
        // Each step sits in its phase; the texts under the band, inside the lane.
        let lane = l.lanes.iter().find(|g| g.id == f.lane).expect("lane");
        for st in &f.steps {
            let p = l.phases.iter().find(|p| p.id == st.phase).expect("phase");
            assert_eq!(st.x.min, p.rect.left());
            assert!(st.text_top > f.band.max);
            assert!(st.text_top + st.count.height() < lane.rect.bottom());
        }
        // The counted KPI is not repeated as a tile; the others still are.
        assert_eq!(l.kpis.len(), 1);
        assert!(l.kpis[0].rect.top() > f.band.max, "tiles under the funnel");
    }

    #[test]
    fn counts_over_orders_of_magnitude_stay_visible_and_in_order() {
        let t = super::thickness(&[420_000.0, 38_500.0, 924.0, 880.0, 150.0]);
        assert_eq!(t[0], 1.0);
        assert!((t[4] - 0.15).abs() < 1e-6);
        assert!(t.windows(2).all(|w| w[0] > w[1]), "{t:?}");
        assert_eq!(super::thickness(&[10.0, 5.0]), [1.0, 0.5], "in proportion");
    }

    #[test]
    fn a_funnel_of_a_kpi_nobody_has_says_so() {
        let mut j = map(&[]);
        j.kpis.clear();
        let l = MapLayout::compute(&j, &LayoutSettings::default(), &Mono);
        let f = &l.funnels[0];
        assert!(f.steps.is_empty());
        assert!(f.notes[0].text.joined().contains("Bezoekers"));
    }
}
