//! One full frame of the editor (UI, layout, paint and tessellation), headless, at 100, 1,000 and
//! 10,000 cards, with the map at 100 % (what a user scrolls through) and zoomed to fit; and one
//! step of dragging a card across a 10,000-card map.
//!
//! Most people use the editor without a screen reader, and then egui builds no accessibility
//! tree: those rows run the app in a plain egui context, as eframe does. egui_kittest always
//! has AccessKit on, so the rows "screen reader" use it, with every card, cell and KPI a node.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use egui::{Event, PointerButton, Pos2, pos2, vec2};
use egui_kittest::Harness;
use journey_map::generate::generate;
use journey_map::model::Language;
use journey_map::ui::{App, NoPicker, Prefs};
use std::path::{Path, PathBuf};

const WINDOW: egui::Vec2 = vec2(1600.0, 1000.0);

/// The editor in a plain egui context (no AccessKit), driven as eframe drives it: input in,
/// one pass of `logic` and `ui`, shapes out and tessellated.
struct Plain {
    ctx: egui::Context,
    app: App,
    frame: eframe::Frame,
    events: Vec<Event>,
    pointer: Pos2,
}

impl Plain {
    fn new(path: &Path) -> Plain {
        let ctx = egui::Context::default();
        let mut app = App::with_picker(Some(path.to_owned()), Prefs::default(), Box::new(NoPicker));
        app.canvas.screen_reader_nodes = false;
        Plain {
            ctx,
            app,
            // eframe's own stand-in for tests (what egui_kittest uses).
            frame: eframe::Frame::_new_kittest(),
            events: Vec::new(),
            pointer: pos2(800.0, 500.0),
        }
    }

    /// Runs one frame; returns the number of vertices drawn.
    fn step(&mut self) -> usize {
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(Pos2::ZERO, WINDOW)),
            events: std::mem::take(&mut self.events),
            ..Default::default()
        };
        let (app, frame) = (&mut self.app, &mut self.frame);
        let out = self.ctx.run_ui(input, |ui| {
            eframe::App::logic(app, ui.ctx(), frame);
            eframe::App::ui(app, ui, frame);
        });
        let meshes = self.ctx.tessellate(out.shapes, out.pixels_per_point);
        meshes
            .iter()
            .map(|m| match &m.primitive {
                epaint::Primitive::Mesh(mesh) => mesh.vertices.len(),
                epaint::Primitive::Callback(_) => 0,
            })
            .sum()
    }

    fn move_to(&mut self, p: Pos2) {
        self.pointer = p;
        self.events.push(Event::PointerMoved(p));
    }

    fn button(&mut self, pressed: bool) {
        self.events.push(Event::PointerButton {
            pos: self.pointer,
            button: PointerButton::Primary,
            pressed,
            modifiers: Default::default(),
        });
    }
}

fn map_file(dir: &Path, cards: usize) -> PathBuf {
    let path = dir.join(format!("big-{cards}.journey.ron"));
    journey_map::io::save(&path, &generate(cards, 42, Language::Nl)).expect("saves");
    path
}

fn frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("frame");
    group.sample_size(20);
    let dir = tempfile::tempdir().expect("temp dir");
    for cards in [100usize, 1_000, 10_000] {
        let path = map_file(dir.path(), cards);
        for zoom in ["100%", "fit"] {
            let mut p = Plain::new(&path);
            for _ in 0..3 {
                p.step();
            }
            if zoom == "100%" {
                p.app.canvas.zoom = 1.0;
            }
            assert!(p.step() > 1_000, "the map is drawn");
            let mut x = 400.0;
            group.bench_with_input(BenchmarkId::new(zoom, cards), &cards, |b, _| {
                b.iter(|| {
                    // A pointer move makes egui run a full frame, as when the user moves the
                    // mouse.
                    x = if x > 900.0 { 400.0 } else { x + 7.0 };
                    p.move_to(pos2(x, 500.0));
                    std::hint::black_box(p.step());
                });
            });
        }
    }
    // With a screen reader listening: every cell, every card out of view and every KPI a node,
    // each frame.
    for cards in [1_000usize, 10_000] {
        let path = map_file(dir.path(), cards);
        for zoom in ["100%", "fit"] {
            let p = path.clone();
            let mut h = Harness::builder().with_size(WINDOW).build_eframe(move |_| {
                App::with_picker(Some(p), Prefs::default(), Box::new(NoPicker))
            });
            h.run_steps(3);
            if zoom == "100%" {
                h.state_mut().canvas.zoom = 1.0;
            }
            h.run_steps(2);
            let mut x = 400.0;
            let name = format!("{zoom} screen reader");
            group.bench_with_input(BenchmarkId::new(name, cards), &cards, |b, _| {
                b.iter(|| {
                    x = if x > 900.0 { 400.0 } else { x + 7.0 };
                    h.hover_at(pos2(x, 500.0));
                    h.step();
                    let shapes = h.output().shapes.clone();
                    std::hint::black_box(h.ctx.tessellate(shapes, 1.0));
                });
            });
        }
    }
    group.finish();
}

/// One step of dragging a card across a 10,000-card map: the pointer moves, the drop target and
/// the card's shadow follow. Nothing in the map changes until the drop, so the step must reuse
/// the cached layout (checked below), not lay out the map again.
fn drag_step(c: &mut Criterion) {
    let mut group = c.benchmark_group("drag step");
    group.sample_size(20);
    let cards = 10_000;
    let dir = tempfile::tempdir().expect("temp dir");
    let path = map_file(dir.path(), cards);
    for zoom in ["100%", "fit"] {
        let mut p = Plain::new(&path);
        for _ in 0..3 {
            p.step();
        }
        if zoom == "100%" {
            p.app.canvas.zoom = 1.0;
        }
        p.step();
        // Press on a card in view and start dragging it.
        let (layout, t) = p.app.canvas.last.clone().expect("painted");
        let view = egui::Rect::from_min_size(Pos2::ZERO, WINDOW).shrink(250.0);
        let from = layout
            .cards
            .iter()
            .map(|c| t.mul_rect(c.rect).center())
            .find(|c| view.contains(*c))
            .expect("a card in view");
        p.move_to(from);
        p.step();
        p.button(true);
        p.step();
        p.move_to(from + vec2(12.0, 0.0));
        p.step();
        p.move_to(from + vec2(24.0, 0.0));
        p.step();
        assert!(p.app.canvas.is_dragging(), "the card is being dragged");
        let mut dx = 24.0;
        group.bench_with_input(BenchmarkId::new(zoom, cards), &cards, |b, _| {
            b.iter(|| {
                // Back and forth over a few cells.
                dx = if dx > 500.0 { 24.0 } else { dx + 9.0 };
                p.move_to(from + vec2(dx, dx * 0.3));
                std::hint::black_box(p.step());
            });
        });
        assert!(p.app.canvas.is_dragging(), "still dragging");
        let (after, _) = p.app.canvas.last.clone().expect("painted");
        assert!(
            std::sync::Arc::ptr_eq(&layout, &after),
            "a drag step laid the map out again"
        );
    }
    group.finish();
}

criterion_group!(benches, frame, drag_step);
criterion_main!(benches);
