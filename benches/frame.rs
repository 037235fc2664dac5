//! One full frame of the editor (UI, layout, paint and tessellation), headless, at 100, 1,000 and
//! 10,000 cards, with the map at 100 % (what a user scrolls through) and zoomed to fit.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use egui_kittest::Harness;
use journey_map::generate::generate;
use journey_map::model::Language;
use journey_map::ui::{App, NoPicker, Prefs};

fn frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("frame");
    group.sample_size(20);
    // As most people use the editor (no screen reader: egui_kittest always has AccessKit on,
    // so the screen reader's extra nodes are switched off), and with a screen reader listening
    // (every cell, every card out of view and every KPI a node, each frame).
    for (reader, sizes) in [
        (false, &[100usize, 1_000, 10_000][..]),
        (true, &[1_000, 10_000][..]),
    ] {
        for &cards in sizes {
            let dir = tempfile::tempdir().expect("temp dir");
            let path = dir.path().join("big.journey.ron");
            journey_map::io::save(&path, &generate(cards, 42, Language::Nl)).expect("saves");
            for zoom in ["100%", "fit"] {
                let p = path.clone();
                let mut h = Harness::builder()
                    .with_size(egui::vec2(1600.0, 1000.0))
                    .build_eframe(move |_| {
                        App::with_picker(Some(p), Prefs::default(), Box::new(NoPicker))
                    });
                h.state_mut().canvas.screen_reader_nodes = reader;
                h.run_steps(3);
                if zoom == "100%" {
                    h.state_mut().canvas.zoom = 1.0;
                }
                h.run_steps(2);
                let mut x = 400.0;
                let name = if reader {
                    format!("{zoom} screen reader")
                } else {
                    zoom.to_owned()
                };
                group.bench_with_input(BenchmarkId::new(name, cards), &cards, |b, _| {
                    b.iter(|| {
                        // A pointer move makes egui run a full frame, as when the user moves
                        // the mouse.
                        x = if x > 900.0 { 400.0 } else { x + 7.0 };
                        h.hover_at(egui::pos2(x, 500.0));
                        h.step();
                        let shapes = h.output().shapes.clone();
                        std::hint::black_box(h.ctx.tessellate(shapes, 1.0));
                    });
                });
            }
        }
    }
    group.finish();
}

criterion_group!(benches, frame);
criterion_main!(benches);
