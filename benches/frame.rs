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
    for cards in [100usize, 1_000, 10_000] {
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
            h.run_steps(3);
            if zoom == "100%" {
                h.state_mut().canvas.zoom = 1.0;
            }
            h.run_steps(2);
            let mut x = 400.0;
            group.bench_with_input(BenchmarkId::new(zoom, cards), &cards, |b, _| {
                b.iter(|| {
                    // A pointer move makes egui run a full frame, as when the user moves the mouse.
                    x = if x > 900.0 { 400.0 } else { x + 7.0 };
                    h.hover_at(egui::pos2(x, 500.0));
                    h.step();
                    let shapes = h.output().shapes.clone();
                    std::hint::black_box(h.ctx.tessellate(shapes, 1.0));
                });
            });
        }
    }
    group.finish();
}

criterion_group!(benches, frame);
criterion_main!(benches);
