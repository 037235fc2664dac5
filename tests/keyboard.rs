//! Every hand and every eye: a whole editing session with the keyboard alone (no pointer
//! event at all), the map as a screen reader's tree (AccessKit: every card named with its lane
//! and phase, in reading order, scrolled-out cards included; curve points by their level's
//! name), the interface size and the high-contrast theme.

use egui::{Key, Modifiers, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use journey_map::io;
use journey_map::model::{CardId, Journey, LaneKind, Language, Slot};
use journey_map::templates::Template;
use journey_map::ui::{App, NoPicker, Prefs, ThemeChoice};
use std::path::{Path, PathBuf};

fn harness(path: &Path, prefs: Prefs) -> Harness<'static, App> {
    let path = path.to_owned();
    let mut h = Harness::builder()
        .with_size(Vec2::new(1600.0, 1000.0))
        .with_step_dt(1.0 / 60.0)
        .build_eframe(move |_cc| App::with_picker(Some(path), prefs, Box::new(NoPicker)));
    h.run_steps(3);
    h
}

fn fixture() -> (tempfile::TempDir, PathBuf) {
    let mut j = Template::Blank.build(Language::En);
    j.title = "Keyboard map".into();
    let lane = j.lanes[0].id.clone();
    for (id, title) in [("c1", "Alpha"), ("c2", "Bravo")] {
        let mut c = journey_map::edit::new_card(&j, lane.clone(), Slot::phase("p1"), title);
        c.id = CardId::new(id);
        j.cards.push(c);
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("keys.journey.ron");
    io::save(&path, &j).expect("saves");
    (dir, path)
}

fn key(h: &mut Harness<'_, App>, m: Modifiers, k: Key) {
    h.key_press_modifiers(m, k);
    h.run_steps(2);
}

/// Whether the map (its one Tab stop) has the keyboard.
fn map_has_keyboard(h: &Harness<'_, App>) -> bool {
    h.state().canvas.has_keyboard(&h.ctx)
}

fn lane_kind(h: &Harness<'_, App>) -> LaneKind {
    let k = h.state().canvas.key_focus.clone().expect("a stop");
    h.state().doc.journey().lane(&k.lane).expect("lane").kind
}

#[test]
fn a_whole_session_with_the_keyboard_alone() {
    let (_dir, path) = fixture();
    let mut h = harness(&path, Prefs::default());
    // Tab through the interface until the map has the keyboard (one stop for the whole map).
    let mut tabs = 0;
    while !map_has_keyboard(&h) {
        key(&mut h, Modifiers::NONE, Key::Tab);
        tabs += 1;
        assert!(tabs < 80, "Tab never reached the map");
    }
    let start = h.state().canvas.key_focus.clone().expect("stop");
    assert_eq!(
        start.card,
        Some(CardId::new("c1")),
        "the first card of the first lane"
    );
    // Down: the next card in the cell; right twice: the same lane two phases on, empty.
    key(&mut h, Modifiers::NONE, Key::ArrowDown);
    assert_eq!(
        h.state().canvas.key_focus.clone().and_then(|k| k.card),
        Some(CardId::new("c2"))
    );
    key(&mut h, Modifiers::NONE, Key::ArrowRight);
    key(&mut h, Modifiers::NONE, Key::ArrowRight);
    let cell = h.state().canvas.key_focus.clone().expect("stop");
    assert_eq!(
        (cell.column, cell.card.clone()),
        (2, None),
        "an empty cell of phase 3"
    );
    assert!(map_has_keyboard(&h), "arrows keep the keyboard on the map");
    // Insert adds a card there and edits its title.
    key(&mut h, Modifiers::NONE, Key::Insert);
    h.event(egui::Event::Text("Typed on a train".into()));
    h.run();
    key(&mut h, Modifiers::NONE, Key::Enter);
    let j = h.state().doc.journey().clone();
    let card = j
        .cards
        .iter()
        .find(|c| c.title == "Typed on a train")
        .expect("the new card")
        .clone();
    assert_eq!(
        (card.lane.clone(), card.at.phase.as_str()),
        (cell.lane.clone(), "p3")
    );
    assert!(map_has_keyboard(&h), "back on the map after the title");
    assert_eq!(
        h.state().canvas.key_focus.clone().and_then(|k| k.card),
        Some(card.id.clone())
    );
    // Move it two cells to the left: select (Space), Alt+Left twice.
    key(&mut h, Modifiers::NONE, Key::Space);
    assert_eq!(h.state().sel.cards, vec![card.id.clone()]);
    key(&mut h, Modifiers::ALT, Key::ArrowLeft);
    key(&mut h, Modifiers::ALT, Key::ArrowLeft);
    let moved = h
        .state()
        .doc
        .journey()
        .card(&card.id)
        .expect("card")
        .clone();
    assert_eq!(moved.at.phase.as_str(), "p1", "two cells to the left");
    // Down to the emotion curve's lane, raise its point a level.
    let mut downs = 0;
    while lane_kind(&h) != LaneKind::Emotion {
        key(&mut h, Modifiers::NONE, Key::ArrowDown);
        downs += 1;
        assert!(downs < 30, "no emotion lane below");
    }
    let column = h.state().canvas.key_focus.clone().expect("stop").column;
    let level = |j: &Journey| {
        let slot = j.columns()[column].clone();
        j.emotion_curves[0]
            .points
            .iter()
            .find(|p| p.at == slot)
            .map(|p| p.value)
    };
    let before = level(h.state().doc.journey());
    key(&mut h, Modifiers::COMMAND, Key::ArrowUp);
    let raised = level(h.state().doc.journey());
    assert_eq!(raised, before.map(|v| v + 1.0), "one level up");
    // Undo takes the point back; the card stays where it was moved.
    key(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(level(h.state().doc.journey()), before);
    // Save.
    key(&mut h, Modifiers::COMMAND, Key::S);
    assert!(!h.state().doc.is_dirty());
    let saved = io::load(&path).expect("saved");
    let c = saved.card(&card.id).expect("saved card");
    assert_eq!(
        (c.title.as_str(), c.at.phase.as_str()),
        ("Typed on a train", "p1")
    );
    assert_eq!(level(&saved), before);
}

#[test]
fn delete_and_the_context_menu_from_the_keyboard() {
    let (_dir, path) = fixture();
    let mut h = harness(&path, Prefs::default());
    while !map_has_keyboard(&h) {
        key(&mut h, Modifiers::NONE, Key::Tab);
    }
    // Delete deletes the card the keyboard is on (nothing selected); the keyboard stays on
    // the map, on the next card.
    assert!(h.state().sel.cards.is_empty());
    key(&mut h, Modifiers::NONE, Key::Delete);
    assert!(h.state().doc.journey().card(&CardId::new("c1")).is_none());
    assert!(h.state().doc.journey().card(&CardId::new("c2")).is_some());
    assert!(map_has_keyboard(&h), "the keyboard stays on the map");
    assert_eq!(
        h.state().canvas.key_focus.clone().and_then(|k| k.card),
        Some(CardId::new("c2"))
    );
    // Shift+F10 opens the focused card's menu; its items work from the keyboard too.
    key(&mut h, Modifiers::SHIFT, Key::F10);
    h.get_by_label("Edit title").click();
    h.run_steps(2);
    assert!(h.state().canvas.is_editing());
}

/// The example as a screen reader gets it: every card a node named by its title, described
/// by its lane and phase, in reading order, also the ones scrolled out of view; every point
/// of the curve named with its level.
#[test]
fn the_accessibility_tree_reads_the_map_in_order() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/chocolate-bar.journey.ron");
    let mut h = harness(&path, Prefs::default());
    // At 100 % most of the map is out of view.
    key(&mut h, Modifiers::COMMAND, Key::Num1);
    h.run_steps(2);
    let j = h.state().doc.journey().clone();
    let lanes: Vec<_> = j.lanes.iter().filter(|l| l.visible).collect();
    let mut expected: Vec<(usize, usize, &str, String)> = j
        .cards
        .iter()
        .filter_map(|c| {
            let lane = lanes.iter().position(|l| l.id == c.lane)?;
            let col = j.column_of(&c.at)?;
            let phase = j.phase(&c.at.phase)?;
            Some((
                lane,
                col,
                c.title.as_str(),
                format!("{}, {}", lanes[lane].title, phase.name),
            ))
        })
        .collect();
    expected.sort_by_key(|(lane, col, _, _)| (*lane, *col));
    let view = egui::Rect::from_min_size(egui::Pos2::ZERO, Vec2::new(1600.0, 1000.0));
    let nodes: Vec<(String, String, bool)> = h
        .get_all_by_role(egui::Role::Button)
        .filter_map(|n| {
            let a = n.accesskit_node();
            let d = a.description()?.to_owned();
            Some((a.label().unwrap_or_default(), d, !view.intersects(n.rect())))
        })
        .collect();
    assert!(
        nodes.iter().any(|n| n.2),
        "cards out of view are in the tree too"
    );
    for (_, _, title, place) in &expected {
        let found = nodes
            .iter()
            .find(|(l, _, _)| l == title)
            .unwrap_or_else(|| panic!("no node for card {title:?}"));
        assert!(
            found.1.starts_with(place.as_str()),
            "{title}: {} (expected {place})",
            found.1
        );
    }
    // In reading order: lane by lane, phase by phase.
    let order: Vec<&str> = nodes
        .iter()
        .filter(|(l, _, _)| expected.iter().any(|e| e.2 == l))
        .map(|(l, _, _)| l.as_str())
        .collect();
    let want: Vec<&str> = expected.iter().map(|e| e.2).collect();
    assert_eq!(order, want);
    // Cells are nodes too, saying how many cards they hold.
    let first = &j.cards[0];
    let in_cell = j
        .cards
        .iter()
        .filter(|c| c.lane == first.lane && c.at == first.at)
        .count();
    let lane = &j.lane(&first.lane).expect("lane").title;
    let phase = &j.phase(&first.at.phase).expect("phase").name;
    // (In the map's language, as the map itself speaks: this one is Dutch.)
    let cards = match (in_cell, j.language) {
        (1, Language::Nl) => "1 kaartje".to_owned(),
        (n, Language::Nl) => format!("{n} kaartjes"),
        (1, Language::En) => "1 card".to_owned(),
        (n, Language::En) => format!("{n} cards"),
    };
    h.get_by_label(&format!("{lane}, {phase}: {cards}"));
    // KPIs are nodes too, with their value.
    for kpi in &j.kpis {
        h.get_by_label(&format!("KPI {}: {}", kpi.name, kpi.value));
    }
    // Curve points say their level by name.
    let curve = &j.emotion_curves[0];
    let persona = &j
        .personas
        .iter()
        .find(|p| p.id == curve.persona)
        .expect("persona")
        .name;
    h.state_mut().canvas.fit_pending = true;
    h.run_steps(3);
    for p in &curve.points {
        let phase = &j.phase(&p.at.phase).expect("phase").name;
        let level = &curve.scale.labels[(p.value.round() as i32 - curve.scale.min) as usize];
        h.get_by_label(&format!("{persona}, {phase}: {level}"));
    }
}

#[test]
fn focus_from_a_screen_reader_lands_on_the_card() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/chocolate-bar.journey.ron");
    let mut h = harness(&path, Prefs::default());
    key(&mut h, Modifiers::COMMAND, Key::Num1);
    let j = h.state().doc.journey().clone();
    // A card far down the map, out of view at 100 %.
    let far = j
        .cards
        .iter()
        .rev()
        .find(|c| j.lane(&c.lane).is_some_and(|l| l.visible))
        .expect("card");
    h.get_by_label(&far.title).focus();
    h.run_steps(3);
    assert_eq!(
        h.state().canvas.key_focus.clone().and_then(|k| k.card),
        Some(far.id.clone())
    );
    assert!(map_has_keyboard(&h));
    // And the keyboard acts on it: Enter edits its title.
    key(&mut h, Modifiers::NONE, Key::Enter);
    assert!(h.state().canvas.is_editing());
}

#[test]
fn the_interface_size_steps_and_is_remembered() {
    let (_dir, path) = fixture();
    let mut h = harness(&path, Prefs::default());
    assert_eq!(h.ctx.zoom_factor(), 1.0);
    key(&mut h, Modifiers::COMMAND | Modifiers::ALT, Key::Equals);
    assert!((h.ctx.zoom_factor() - 1.15).abs() < 1e-3);
    assert_eq!(h.state().prefs.ui_scale, Some(1.15));
    // The map's zoom is untouched.
    let zoom = h.state().canvas.zoom;
    key(&mut h, Modifiers::COMMAND | Modifiers::ALT, Key::Minus);
    key(&mut h, Modifiers::COMMAND | Modifiers::ALT, Key::Minus);
    assert!((h.ctx.zoom_factor() - 0.85).abs() < 1e-3);
    assert_eq!(h.state().canvas.zoom, zoom);
    key(&mut h, Modifiers::COMMAND | Modifiers::ALT, Key::Num0);
    assert_eq!(h.state().prefs.ui_scale, None);
    // A remembered size applies at the next start.
    let prefs = Prefs {
        ui_scale: Some(1.5),
        ..Prefs::default()
    };
    let h2 = harness(&path, prefs);
    assert!((h2.ctx.zoom_factor() - 1.5).abs() < 1e-3);
}

#[test]
fn high_contrast_is_a_theme_of_its_own() {
    let (_dir, path) = fixture();
    let prefs = Prefs {
        theme: ThemeChoice::HighContrast,
        ..Prefs::default()
    };
    let mut h = harness(&path, prefs);
    h.state().apply_theme(&h.ctx);
    h.run_steps(2);
    let v = h.ctx.style_of(egui::Theme::Light).visuals.clone();
    assert_eq!(v.override_text_color, Some(egui::Color32::BLACK));
    assert!(!v.dark_mode);
}

/// Colour-vision deficiencies as Machado et al. (2009) simulate them at full severity, on
/// linear RGB.
const CVD: [(&str, [[f32; 3]; 3]); 4] = [
    (
        "normal vision",
        [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]],
    ),
    (
        "deuteranopia",
        [
            [0.367322, 0.860646, -0.227968],
            [0.280085, 0.672501, 0.047413],
            [-0.011820, 0.042940, 0.968881],
        ],
    ),
    (
        "protanopia",
        [
            [0.152286, 1.052583, -0.204868],
            [0.114503, 0.786281, 0.099216],
            [-0.003882, -0.048116, 1.051998],
        ],
    ),
    (
        "tritanopia",
        [
            [1.255528, -0.076749, -0.178779],
            [-0.078411, 0.930809, 0.147602],
            [0.004733, 0.691367, 0.303900],
        ],
    ),
];

fn to_linear(c: u8) -> f32 {
    let c = f32::from(c) / 255.0;
    if c <= 0.04045 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}

/// CIELAB of a linear RGB colour (D65).
fn lab(rgb: [f32; 3]) -> [f32; 3] {
    let [r, g, b] = rgb.map(|v| v.clamp(0.0, 1.0));
    let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
    let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
    let f = |t: f32| {
        if t > 0.008856 {
            t.cbrt()
        } else {
            7.787 * t + 16.0 / 116.0
        }
    };
    [
        116.0 * f(y) - 16.0,
        500.0 * (f(x) - f(y)),
        200.0 * (f(y) - f(z)),
    ]
}

fn seen_as(c: [u8; 3], m: &[[f32; 3]; 3]) -> [f32; 3] {
    let l = c.map(to_linear);
    lab([0, 1, 2].map(|i| m[i][0] * l[0] + m[i][1] * l[1] + m[i][2] * l[2]))
}

fn delta_e(a: [f32; 3], b: [f32; 3]) -> f32 {
    ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2) + (a[2] - b[2]).powi(2)).sqrt()
}

/// The persona curves of an exported picture stay apart for colour-blind readers: each
/// persona's colour is on the picture, and any two, as each deficiency sees them, differ
/// clearly (ΔE ≥ 25; 10 is already "clearly different" side by side).
#[test]
fn persona_curves_stay_distinguishable_for_colour_blind_readers() {
    use journey_map::io::export::{ExportOptions, render_png};
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/fulfilment-partner.journey.ron");
    let mut j = io::load(&path).expect("example");
    // Five personas, so every colour of the palette is drawn.
    let first = j.emotion_curves[0].clone();
    while j.personas.len() < 5 {
        let n = j.personas.len();
        let mut p = j.personas[0].clone();
        p.id = journey_map::model::PersonaId::new(format!("extra{n}"));
        p.name = format!("Persona {n}");
        let mut c = first.clone();
        c.id = journey_map::model::CurveId::new(format!("extra-curve{n}"));
        c.persona = p.id.clone();
        for (i, point) in c.points.iter_mut().enumerate() {
            point.value = ((i + n) % 5) as f32 - 2.0;
            point.label.clear();
        }
        j.personas.push(p);
        j.emotion_curves.push(c);
    }
    assert!(j.validate().is_empty(), "{:?}", j.validate());
    let png = render_png(&j, &ExportOptions::default()).expect("exports");
    let mut decoder = png::Decoder::new(std::io::Cursor::new(png));
    decoder.set_transformations(png::Transformations::EXPAND);
    let mut reader = decoder.read_info().expect("png");
    let mut buf = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut buf).expect("pixels");
    let step = info.color_type.samples();
    let pixels: Vec<[u8; 3]> = buf[..info.buffer_size()]
        .chunks(step)
        .map(|p| [p[0], p[1], p[2]])
        .collect();
    let colours: Vec<[u8; 3]> = journey_map::paint::CURVE_COLORS
        .iter()
        .map(|c| [c.r(), c.g(), c.b()])
        .collect();
    for c in &colours {
        let n = pixels.iter().filter(|p| *p == c).count();
        assert!(
            n > 100,
            "the curve colour {c:?} is on the picture ({n} pixels)"
        );
    }
    for (name, m) in &CVD {
        for (i, a) in colours.iter().enumerate() {
            for b in &colours[i + 1..] {
                let d = delta_e(seen_as(*a, m), seen_as(*b, m));
                assert!(d >= 25.0, "{name}: {a:?} and {b:?} look alike (ΔE {d:.1})");
            }
        }
    }
}

/// The menus from the keyboard: Tab to the File menu, Space opens it, Tab reaches its items,
/// Enter runs one (Save), Esc closes a dialog.
#[test]
fn menus_and_dialogs_answer_the_keyboard() {
    let (_dir, path) = fixture();
    let mut h = harness(&path, Prefs::default());
    h.state_mut()
        .doc
        .apply(journey_map::edit::Edit::SetTitle("Changed".into()))
        .expect("edit");
    h.run();
    // Tab until the File menu button has the focus.
    let mut tabs = 0;
    while !h.get_by_label("File").is_focused() {
        key(&mut h, Modifiers::NONE, Key::Tab);
        tabs += 1;
        assert!(tabs < 80, "Tab never reached the File menu");
    }
    key(&mut h, Modifiers::NONE, Key::Space);
    // A menu item's name carries its shortcut, as a screen reader reads it.
    h.get_by_label("Save Ctrl+S");
    let mut tabs = 0;
    while !h.get_by_label("Save Ctrl+S").is_focused() {
        key(&mut h, Modifiers::NONE, Key::Tab);
        tabs += 1;
        assert!(tabs < 20, "Tab never reached File → Save");
    }
    key(&mut h, Modifiers::NONE, Key::Enter);
    assert!(!h.state().doc.is_dirty(), "saved from the menu");
    assert_eq!(io::load(&path).expect("saved").title, "Changed");
    // Ctrl+N opens the New map dialog; Esc closes it.
    key(&mut h, Modifiers::COMMAND, Key::N);
    h.get_by_label("New map");
    key(&mut h, Modifiers::NONE, Key::Escape);
    assert!(h.query_by_label("New map").is_none());
}

/// F8 steps through a comparison while the map has the keyboard too.
#[test]
fn f8_works_while_the_map_has_the_keyboard() {
    let (dir, path) = fixture();
    let mut other = io::load(&path).expect("loads");
    other.cards[0].title = "Elsewhere".into();
    other.cards[1].title = "Also elsewhere".into();
    let other_path = dir.path().join("other.journey.ron");
    io::save(&other_path, &other).expect("saves");
    let mut h = harness(&path, Prefs::default());
    h.state_mut().compare_with(&other_path, None);
    h.run_steps(2);
    while !map_has_keyboard(&h) {
        key(&mut h, Modifiers::NONE, Key::Tab);
    }
    let before = h.state().compare.as_ref().expect("compare").current;
    key(&mut h, Modifiers::NONE, Key::F8);
    assert_ne!(h.state().compare.as_ref().expect("compare").current, before);
    assert!(map_has_keyboard(&h));
}
