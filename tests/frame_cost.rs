//! How many pixels one editor frame shades. Without a GPU (a VM, a remote desktop, CI under
//! Mesa's llvmpipe) every full-window fill costs about 37 ms of start-up (README, Performance),
//! so the frame must not stack layers: the canvas's surround is the window's clear colour, not a
//! fill. Geometry, not timing: the tessellated triangles' area, clipped as the GPU clips them.

use egui::{Pos2, Rect, epaint::Primitive};
use egui_kittest::Harness;
use journey_map::generate::generate;
use journey_map::model::Language;
use journey_map::paint::Theme;
use journey_map::ui::{App, NoPicker, Prefs};

/// The part of a convex polygon inside `r` (clipped against one edge after another).
fn clip(mut poly: Vec<Pos2>, r: Rect) -> Vec<Pos2> {
    // Each edge: a signed distance that is ≥ 0 inside.
    let edges: [&dyn Fn(Pos2) -> f32; 4] = [
        &|p| p.x - r.min.x,
        &|p| r.max.x - p.x,
        &|p| p.y - r.min.y,
        &|p| r.max.y - p.y,
    ];
    for d in edges {
        let mut out = Vec::with_capacity(poly.len() + 1);
        for (i, &a) in poly.iter().enumerate() {
            let b = poly[(i + 1) % poly.len()];
            let (da, db) = (d(a), d(b));
            if da >= 0.0 {
                out.push(a);
            }
            if (da >= 0.0) != (db >= 0.0) {
                out.push(a + (b - a) * (da / (da - db)));
            }
        }
        poly = out;
        if poly.is_empty() {
            break;
        }
    }
    poly
}

fn area(p: &[Pos2]) -> f32 {
    let twice: f32 = (0..p.len())
        .map(|i| {
            let (u, v) = (p[i], p[(i + 1) % p.len()]);
            u.x * v.y - v.x * u.y
        })
        .sum();
    twice.abs() / 2.0
}

/// Pixels shaded by one frame: every triangle, clipped to its primitive's clip rectangle.
fn shaded_pixels(h: &Harness<'_, App>) -> f32 {
    let prims = h.ctx.tessellate(h.output().shapes.clone(), 1.0);
    prims
        .iter()
        .filter_map(|cp| match &cp.primitive {
            Primitive::Mesh(m) => Some((m, cp.clip_rect)),
            Primitive::Callback(_) => None,
        })
        .flat_map(|(m, r)| {
            m.indices.chunks(3).map(move |t| {
                let tri = t.iter().map(|&k| m.vertices[k as usize].pos).collect();
                area(&clip(tri, r))
            })
        })
        .sum()
}

#[test]
fn the_area_helpers_measure_what_they_should() {
    let r = Rect::from_min_max(Pos2::ZERO, Pos2::new(10.0, 10.0));
    let square = vec![
        Pos2::new(0.0, 0.0),
        Pos2::new(20.0, 0.0),
        Pos2::new(20.0, 20.0),
        Pos2::new(0.0, 20.0),
    ];
    assert_eq!(area(&square), 400.0);
    assert_eq!(area(&clip(square, r)), 100.0);
    let tri = vec![
        Pos2::new(5.0, 5.0),
        Pos2::new(15.0, 5.0),
        Pos2::new(5.0, 15.0),
    ];
    assert_eq!(area(&tri), 50.0);
    assert!((area(&clip(tri, r)) - 25.0).abs() < 1e-3);
    let outside = vec![
        Pos2::new(30.0, 30.0),
        Pos2::new(40.0, 30.0),
        Pos2::new(30.0, 40.0),
    ];
    assert!(clip(outside, r).is_empty());
}

#[test]
fn a_frame_of_a_big_map_shades_less_than_one_window_of_pixels() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("big.journey.ron");
    journey_map::io::save(&path, &generate(1000, 42, Language::Nl)).expect("saves");
    let size = egui::vec2(1440.0, 900.0);
    let mut h = Harness::builder()
        .with_size(size)
        .build_eframe(move |_| App::with_picker(Some(path), Prefs::default(), Box::new(NoPicker)));
    h.run_steps(2);
    let window = size.x * size.y;
    let shaded = shaded_pixels(&h);
    // The map, its lanes and cards, the inspector and the bars; they overlap little. With the
    // surround filled as well this was 1.65 windows.
    assert!(
        shaded < window,
        "one frame shades {:.2} windows of pixels",
        shaded / window
    );
    // And the map is really there: at least a third of the window.
    assert!(shaded > window / 3.0, "{:.2} windows", shaded / window);
}

#[test]
fn the_window_is_cleared_to_the_canvas_surround() {
    let h = Harness::builder()
        .build_eframe(|_| App::with_picker(None, Prefs::default(), Box::new(NoPicker)));
    for (visuals, theme) in [
        (egui::Visuals::dark(), Theme::dark()),
        (egui::Visuals::light(), Theme::light()),
    ] {
        let clear = eframe::App::clear_color(h.state(), &visuals);
        assert_eq!(clear, theme.surround().to_normalized_gamma_f32());
        assert_ne!(theme.surround(), theme.background, "the map stands out");
    }
}
