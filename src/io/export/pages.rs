//! Page-split export (`--pages auto`): a map that cannot show all its text legibly on one page
//! becomes an overview page (the whole map, as a single-page export draws it) followed by
//! detail pages, each covering consecutive phases at a size where every text is whole and at
//! its designed size (at least 12 px on a 1920×1080 slide), each with the lane titles, the
//! persona header, the emotion curve and a footer ("2 / 4 · Overweging – Beslissing").
//!
//! The [`PagePlan`] is what every paged format reads: PNG and SVG write one file per page,
//! and the PDF and PowerPoint exports to come make one page or slide per page.

use super::{ExportError, ExportOptions, Plan, plan};
use crate::model::{Journey, PhaseId};
use std::path::{Path, PathBuf};

/// One page of a paged export.
#[derive(Clone, Debug)]
pub struct Page {
    /// What the page shows: the whole map, or the map cut to some phases.
    pub journey: Journey,
    /// How it is drawn (the page's footer among them).
    pub options: ExportOptions,
    /// The page's layout and size.
    pub plan: Plan,
    /// The phases the page covers (all of them on an overview).
    pub phases: Vec<PhaseId>,
    /// Whether this is the overview of a split map.
    pub overview: bool,
}

/// The pages of an export, in order.
#[derive(Clone, Debug)]
pub struct PagePlan {
    pub pages: Vec<Page>,
}

impl PagePlan {
    /// Texts shortened anywhere but on the overview (none, unless one phase alone is too big
    /// for a page).
    pub fn shortened_on_details(&self) -> usize {
        self.pages
            .iter()
            .filter(|p| !p.overview)
            .map(|p| p.plan.layout.shortened)
            .sum()
    }
}

/// The map cut to the columns `range` (phases, or steps of a phase): their cards (spans kept
/// inside), curve points and KPIs.
pub fn only_columns(j: &Journey, range: std::ops::Range<usize>) -> Journey {
    let columns = j.columns();
    let kept = &columns[range.clone()];
    let in_range = |at: &crate::model::Slot| j.column_of(at).is_some_and(|c| range.contains(&c));
    let mut out = j.clone();
    out.phases = j
        .phases
        .iter()
        .filter(|p| kept.iter().any(|s| s.phase == p.id))
        .map(|p| {
            let mut p = p.clone();
            p.steps
                .retain(|st| kept.iter().any(|s| s.step.as_ref() == Some(&st.id)));
            p
        })
        .collect();
    out.cards.retain(|c| in_range(&c.at));
    let phases: Vec<PhaseId> = out.phases.iter().map(|p| p.id.clone()).collect();
    out.kpis.retain(|k| phases.contains(&k.phase));
    // A detail page shows the loops inside its phases; the overview shows them all.
    out.loops
        .retain(|l| phases.contains(&l.from) && phases.contains(&l.to));
    for curve in &mut out.emotion_curves {
        curve.points.retain(|p| in_range(&p.at));
    }
    out.clamp_spans();
    out
}

/// Plans the pages: one when the map shows every text whole and legible on one page (or the
/// size is not a page), else an overview and detail pages of as many consecutive phases as fit.
pub fn plan_pages(j: &Journey, opts: &ExportOptions) -> Result<PagePlan, ExportError> {
    let all: Vec<PhaseId> = j.phases.iter().map(|p| p.id.clone()).collect();
    let single = plan(j, opts)?;
    let is_page = matches!(opts.size, super::Size::Fit { .. });
    if !is_page || single.complete() || j.phases.len() <= 1 {
        return Ok(PagePlan {
            pages: vec![Page {
                journey: j.clone(),
                options: opts.clone(),
                plan: single,
                phases: all,
                overview: false,
            }],
        });
    }
    // Greedy: each detail page takes phases while every text stays whole and legible.
    let detail_opts = ExportOptions {
        whole_text: true,
        footer: Some(String::new()),
        ..opts.clone()
    };
    // Pages are ranges of columns: whole phases where they fit, a phase too big for a page
    // split at its steps.
    let bounds: Vec<usize> = j
        .phases
        .iter()
        .scan(0, |at, p| {
            *at += p.column_count();
            Some(*at)
        })
        .collect();
    let fits = |range: std::ops::Range<usize>| -> Result<bool, ExportError> {
        Ok(plan(&only_columns(j, range), &detail_opts)?.complete())
    };
    let columns = j.columns().len();
    let mut groups: Vec<std::ops::Range<usize>> = Vec::new();
    let mut start = 0;
    while start < columns {
        // The next phase boundaries after `start`, nearest first.
        let ends: Vec<usize> = bounds.iter().copied().filter(|&b| b > start).collect();
        let mut end = ends.first().copied().unwrap_or(columns);
        if fits(start..end)? {
            for &next in &ends[1..] {
                if !fits(start..next)? {
                    break;
                }
                end = next;
            }
        } else {
            // Steps of one phase, as many to a page as fit (at least one).
            let phase_end = end;
            end = start + 1;
            while end < phase_end && fits(start..end + 1)? {
                end += 1;
            }
        }
        groups.push(start..end);
        start = end;
    }
    let total = groups.len() + 1;
    let overview = ExportOptions {
        footer: Some(format!("1 / {total}")),
        overview: true,
        ..opts.clone()
    };
    let mut pages = vec![Page {
        journey: j.clone(),
        plan: plan(j, &overview)?,
        options: overview,
        phases: all,
        overview: true,
    }];
    for (i, range) in groups.into_iter().enumerate() {
        let journey = only_columns(j, range.clone());
        let names: Vec<&str> = journey.phases.iter().map(|p| p.name.as_str()).collect();
        let mut span = match (names.first(), names.last()) {
            (Some(a), Some(b)) if names.len() > 1 => format!("{a} – {b}"),
            (Some(a), _) => (*a).to_owned(),
            _ => String::new(),
        };
        // Part of a phase: say which steps.
        if let [phase] = journey.phases.as_slice()
            && let Some(full) = j.phase(&phase.id)
            && phase.steps.len() < full.steps.len()
            && let (Some(a), Some(b)) = (phase.steps.first(), phase.steps.last())
        {
            let steps = if a.id == b.id {
                a.name.clone()
            } else {
                format!("{} – {}", a.name, b.name)
            };
            span = format!("{span} ({steps})");
        }
        let mut options = ExportOptions {
            footer: Some(format!("{} / {total} · {span}", i + 2)),
            ..detail_opts.clone()
        };
        let mut plan = plan(&journey, &options)?;
        if !plan.complete() {
            // One phase alone is too much for a page: keep its text at its size and shorten
            // card texts, counted, rather than shrink it out of reading.
            options.whole_text = false;
            plan = super::plan(&journey, &options)?;
        }
        pages.push(Page {
            phases: journey.phases.iter().map(|p| p.id.clone()).collect(),
            journey,
            options,
            plan,
            overview: false,
        });
    }
    Ok(PagePlan { pages })
}

/// The files of a paged export to `path`: `path` itself for one page, else `map-1.png`,
/// `map-2.png`… beside it.
pub fn page_paths(path: &Path, pages: usize) -> Vec<PathBuf> {
    if pages <= 1 {
        return vec![path.to_owned()];
    }
    let stem = path
        .file_stem()
        .map_or_else(|| "map".into(), |s| s.to_string_lossy().into_owned());
    let ext = path
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    (1..=pages)
        .map(|n| path.with_file_name(format!("{stem}-{n}{ext}")))
        .collect()
}

/// Writes a paged export of `j` to `path` (by its extension: PNG and SVG a file per page, PDF
/// and PowerPoint one file of all pages). Every file carries the whole map, so any page opens as the map.
/// Returns the files written and the plan.
pub fn export_pages(
    j: &Journey,
    path: &Path,
    opts: &ExportOptions,
) -> Result<(Vec<PathBuf>, PagePlan), ExportError> {
    let format = super::Format::of_path(path);
    // Data has no pages: the whole map in one file.
    if let Some(format) = format.filter(|f| !f.is_picture()) {
        crate::io::atomic_write(path, &super::data_bytes(j, format)?)?;
        return Ok((vec![path.to_owned()], PagePlan { pages: Vec::new() }));
    }
    let pages = plan_pages(j, opts)?;
    // A PDF or a deck holds every page in one file.
    if let Some(format) = format.filter(|f| f.one_file()) {
        let drawn: Vec<(&Journey, &ExportOptions)> = pages
            .pages
            .iter()
            .map(|p| (&p.journey, &p.options))
            .collect();
        let bytes = match format {
            super::Format::Pptx => super::render_pptx(&drawn, j)?,
            super::Format::Pdf => super::render_pdf(&drawn, j)?,
            other => super::data_bytes(j, other)?,
        };
        crate::io::atomic_write(path, &bytes)?;
        return Ok((vec![path.to_owned()], pages));
    }
    let paths = page_paths(path, pages.pages.len());
    for (page, target) in pages.pages.iter().zip(&paths) {
        super::export_page(&page.journey, j, target, &page.options)?;
    }
    Ok((paths, pages))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The map cut to the phases `range`.
    fn only_phases(j: &Journey, range: std::ops::Range<usize>) -> Journey {
        let first: usize = j.phases[..range.start]
            .iter()
            .map(|p| p.column_count())
            .sum();
        let n: usize = j.phases[range].iter().map(|p| p.column_count()).sum();
        only_columns(j, first..first + n)
    }

    #[test]
    fn page_files_are_numbered_beside_the_target() {
        let p = Path::new("/out/map.png");
        assert_eq!(page_paths(p, 1), vec![PathBuf::from("/out/map.png")]);
        assert_eq!(
            page_paths(p, 3),
            ["/out/map-1.png", "/out/map-2.png", "/out/map-3.png"].map(PathBuf::from)
        );
    }

    #[test]
    fn a_map_cut_to_steps_keeps_only_what_is_in_them() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/fulfilment-partner.journey.ron"
        );
        let j = crate::io::load(Path::new(path)).expect("loads");
        let with_steps = j
            .phases
            .iter()
            .position(|p| p.steps.len() > 1)
            .expect("steps");
        let first: usize = j.phases[..with_steps]
            .iter()
            .map(|p| p.column_count())
            .sum();
        let part = only_columns(&j, first + 1..first + 2);
        assert_eq!(part.phases.len(), 1);
        assert_eq!(part.phases[0].steps.len(), 1);
        assert!(part.validate().is_empty(), "{:?}", part.validate());
        assert!(part.cards.iter().all(|c| part.column_of(&c.at) == Some(0)));
    }

    #[test]
    fn a_map_cut_to_phases_keeps_only_what_is_in_them() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/fulfilment-partner.journey.ron"
        );
        let j = crate::io::load(Path::new(path)).expect("loads");
        let part = only_phases(&j, 2..4);
        assert_eq!(part.phases.len(), 2);
        assert!(part.cards.iter().all(|c| part.phase(&c.at.phase).is_some()));
        assert!(part.validate().is_empty(), "{:?}", part.validate());
        assert!(!part.cards.is_empty());
    }
}
