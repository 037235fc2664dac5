//! Export of the largest example to a 3840×2160 PNG (paint, tessellate, rasterize, encode), and
//! to slide pages with `--pages auto`, and to PDF.

use criterion::{Criterion, criterion_group, criterion_main};
use journey_map::io::export::{ExportOptions, Size};
use journey_map::io::{self, export};
use std::path::Path;

fn largest_example() -> journey_map::model::Journey {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut maps: Vec<_> = std::fs::read_dir(dir)
        .expect("examples")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| io::is_journey_path(p))
        .map(|p| io::load(&p).expect("loads"))
        .collect();
    maps.sort_by_key(|j| j.cards.len());
    maps.pop().expect("an example")
}

fn export_4k(c: &mut Criterion) {
    let j = largest_example();
    let opts = ExportOptions {
        size: Size::Fit {
            width: 3840,
            height: 2160,
        },
        ..Default::default()
    };
    let mut group = c.benchmark_group("export");
    group.sample_size(10);
    group.bench_function("png 3840x2160 (largest example)", |b| {
        b.iter(|| export::render_png(&j, &opts).expect("renders"))
    });
    group.bench_function("svg 3840x2160 (largest example)", |b| {
        b.iter(|| export::render_svg(&j, &opts).expect("renders"))
    });
    // --pages auto at the slide preset: plan every page and render each as a PNG (the figure
    // to compare per page is this divided by the number of pages).
    let slide = ExportOptions::default();
    let pages = export::plan_pages(&j, &slide).expect("plans").pages.len();
    group.bench_function(
        format!("png --pages auto 1920x1080, {pages} pages (largest example)"),
        |b| {
            b.iter(|| {
                let plan = export::plan_pages(&j, &slide).expect("plans");
                for page in &plan.pages {
                    export::render_png(&page.journey, &page.options).expect("renders");
                }
            })
        },
    );
    // PDF of the largest example: one slide page, and every page of --pages auto in one file.
    group.bench_function("pdf 1920x1080 one page (largest example)", |b| {
        b.iter(|| export::render_pdf_page(&j, &slide).expect("renders"))
    });
    group.bench_function(
        format!("pdf --pages auto 1920x1080, {pages} pages (largest example)"),
        |b| {
            b.iter(|| {
                let plan = export::plan_pages(&j, &slide).expect("plans");
                let drawn: Vec<_> = plan
                    .pages
                    .iter()
                    .map(|p| (&p.journey, &p.options))
                    .collect();
                export::render_pdf(&drawn, &j).expect("renders")
            })
        },
    );
    // The same as a PowerPoint deck.
    group.bench_function("pptx 1920x1080 one slide (largest example)", |b| {
        b.iter(|| export::render_pptx_page(&j, &slide).expect("renders"))
    });
    group.bench_function(
        format!("pptx --pages auto 1920x1080, {pages} slides (largest example)"),
        |b| {
            b.iter(|| {
                let plan = export::plan_pages(&j, &slide).expect("plans");
                let drawn: Vec<_> = plan
                    .pages
                    .iter()
                    .map(|p| (&p.journey, &p.options))
                    .collect();
                export::render_pptx(&drawn, &j).expect("renders")
            })
        },
    );
    group.finish();
}

criterion_group!(benches, export_4k);
criterion_main!(benches);
