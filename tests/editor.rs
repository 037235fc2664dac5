//! The editor as a user drives it: pointer drags, clicks, typing and shortcuts through
//! egui_kittest, asserting on the document.

use egui::{Key, Modifiers, Pos2, Rect, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use journey_map::edit::Edit;
use journey_map::io;
use journey_map::model::{Card, CardId, CurveKind, Journey, Lane, LaneKind, Language, Scale, Slot};
use journey_map::templates::Template;
use journey_map::ui::{App, NoPicker, Prefs};
use std::path::{Path, PathBuf};

struct Fixture {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

fn card(id: &str, lane: &str, phase: &str, title: &str) -> Card {
    let mut c = journey_map::edit::new_card(
        &Journey::empty("", Language::En),
        lane.into(),
        Slot::phase(phase),
        title,
    );
    c.id = CardId::new(id);
    c
}

/// A small map: three phases, the blank template's lanes, three cards.
fn fixture() -> Fixture {
    let mut j = Template::Blank.build(Language::En);
    j.title = "Test map".into();
    j.cards = vec![
        card("c1", "l1", "p1", "Alpha"),
        card("c2", "l1", "p1", "Bravo"),
        card("c3", "l2", "p2", "Charlie"),
    ];
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("test.journey.ron");
    io::save(&path, &j).expect("fixture saves");
    Fixture { _dir: dir, path }
}

fn harness(path: Option<&Path>) -> Harness<'static, App> {
    let path = path.map(Path::to_owned);
    let mut h = Harness::builder()
        .with_size(Vec2::new(1600.0, 1000.0))
        // Real frame times, so two clicks in a row make a double-click.
        .with_step_dt(1.0 / 60.0)
        .build_eframe(move |_cc| App::with_picker(path, Prefs::default(), Box::new(NoPicker)));
    h.run_steps(3);
    h
}

fn doc(h: &Harness<'_, App>) -> Journey {
    h.state().doc.journey().clone()
}

fn card_of<'a>(j: &'a Journey, title: &str) -> &'a Card {
    j.cards
        .iter()
        .find(|c| c.title == title)
        .unwrap_or_else(|| panic!("no card {title}"))
}

/// The screen rectangle of a cell (lane id, column index), from the canvas' last layout.
fn cell_rect(h: &Harness<'_, App>, lane: &str, column: usize) -> Rect {
    let (layout, t) = h.state().canvas.last.clone().expect("canvas painted");
    let lane = layout
        .lanes
        .iter()
        .find(|l| l.id.as_str() == lane)
        .expect("lane laid out");
    t.mul_rect(Rect::from_x_y_ranges(
        layout.columns[column].x,
        lane.rect.y_range(),
    ))
}

fn drag(h: &mut Harness<'_, App>, from: Pos2, to: Pos2) {
    h.hover_at(from);
    h.run();
    h.drag_at(from);
    h.run();
    h.hover_at(from + (to - from) * 0.3);
    h.run();
    h.hover_at(to);
    h.run();
    h.drop_at(to);
    h.run();
}

/// The text field whose current text is `value`.
fn text_field<'a>(h: &'a Harness<'_, App>, value: &'a str) -> egui_kittest::Node<'a> {
    h.get_by(move |n| {
        matches!(
            n.role(),
            egui::Role::TextInput | egui::Role::MultilineTextInput
        ) && n.value().as_deref() == Some(value)
    })
}

fn center_of(h: &Harness<'_, App>, label: &str) -> Pos2 {
    h.get_by_label(label).rect().center()
}

#[test]
fn opens_the_file_given_on_the_command_line() {
    let f = fixture();
    let h = harness(Some(&f.path));
    assert_eq!(doc(&h).title, "Test map");
    assert!(!h.state().doc.is_dirty());
    assert_eq!(h.state().window_title(), "test.journey.ron — journey-map");
    h.get_by_label("Alpha");
}

#[test]
fn a_broken_file_shows_the_loader_error_and_is_not_touched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bad = dir.path().join("bad.journey.ron");
    std::fs::write(&bad, "(version: 1, journey: (title: 5))").expect("write");
    let h = harness(Some(&bad));
    let err = h.state().error.clone().expect("error shown");
    assert!(err.contains("bad.journey.ron:1:"), "{err}");
    h.get_by_label("Something went wrong");
    assert_eq!(
        std::fs::read_to_string(&bad).expect("read"),
        "(version: 1, journey: (title: 5))"
    );
}

#[test]
fn a_dutch_user_reads_the_refusal_in_dutch() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bad = dir.path().join("leeg.journey.ron");
    std::fs::write(&bad, "").expect("write");
    let prefs = Prefs {
        language: Some(Language::Nl),
        ..Prefs::default()
    };
    let path = bad.clone();
    let mut h = Harness::builder()
        .with_size(Vec2::new(1600.0, 1000.0))
        .build_eframe(move |_cc| App::with_picker(Some(path), prefs, Box::new(NoPicker)));
    h.run_steps(3);
    h.get_by_label("Er ging iets mis");
    h.get_by_label_contains("het bestand is leeg; een journey map begint met");
    assert!(h.query_by_label_contains("the file is empty").is_none());
}

#[test]
fn drag_a_card_to_another_phase() {
    let f = fixture();
    let mut h = harness(Some(&f.path));
    let from = center_of(&h, "Alpha");
    let to = cell_rect(&h, "l1", 2).center();
    drag(&mut h, from, to);
    let j = doc(&h);
    assert_eq!(card_of(&j, "Alpha").at, Slot::phase("p3"));
    assert_eq!(card_of(&j, "Alpha").lane.as_str(), "l1");
    assert!(h.state().doc.is_dirty());
    assert!(
        h.state().window_title().starts_with('*'),
        "dirty marker in the title"
    );
    assert_eq!(h.state().doc.undo_name(), Some("move card"));
}

#[test]
fn drag_a_card_to_another_lane() {
    let f = fixture();
    let mut h = harness(Some(&f.path));
    let from = center_of(&h, "Alpha");
    let to = cell_rect(&h, "l3", 0).center();
    drag(&mut h, from, to);
    let j = doc(&h);
    assert_eq!(card_of(&j, "Alpha").lane.as_str(), "l3");
    assert_eq!(card_of(&j, "Alpha").at, Slot::phase("p1"));
}

#[test]
fn reorder_within_a_cell() {
    let f = fixture();
    let mut h = harness(Some(&f.path));
    let alpha = h.get_by_label("Alpha").rect();
    let from = center_of(&h, "Bravo");
    drag(&mut h, from, Pos2::new(alpha.center().x, alpha.top() + 3.0));
    let order: Vec<_> = doc(&h).cards.iter().map(|c| c.title.clone()).collect();
    assert_eq!(order, ["Bravo", "Alpha", "Charlie"]);
}

#[test]
fn a_drag_is_one_undo_step_and_undo_redo_restore_the_exact_document() {
    let f = fixture();
    let mut h = harness(Some(&f.path));
    let original = doc(&h);
    let from = center_of(&h, "Charlie");
    let to = cell_rect(&h, "l5", 2).center();
    drag(&mut h, from, to);
    let moved = doc(&h);
    assert_ne!(moved, original);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(doc(&h), original, "one Ctrl+Z undoes the whole drag");
    assert!(!h.state().doc.is_dirty(), "back to the saved state");
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(doc(&h), moved);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    assert_eq!(doc(&h), moved, "Ctrl+Y redoes too");
}

#[test]
fn escape_cancels_a_drag() {
    let f = fixture();
    let mut h = harness(Some(&f.path));
    let original = doc(&h);
    let from = center_of(&h, "Alpha");
    let to = cell_rect(&h, "l1", 2).center();
    h.hover_at(from);
    h.run();
    h.drag_at(from);
    h.run();
    h.hover_at(to);
    h.run();
    h.key_press(Key::Escape);
    h.run();
    h.drop_at(to);
    h.run();
    assert_eq!(doc(&h), original);
}

#[test]
fn create_edit_and_delete_a_card() {
    let f = fixture();
    let mut h = harness(Some(&f.path));
    let cell = cell_rect(&h, "l3", 1);
    let at = cell.center();
    h.hover_at(at);
    h.run();
    for _ in 0..2 {
        h.event(egui::Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Primary,
            pressed: true,
            modifiers: Modifiers::NONE,
        });
        h.step();
        h.event(egui::Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Primary,
            pressed: false,
            modifiers: Modifiers::NONE,
        });
        h.step();
    }
    h.run();
    h.run();
    assert_eq!(doc(&h).cards.len(), 4, "double-click adds a card");
    assert!(
        h.state().canvas.is_editing(),
        "the new card's title is being edited"
    );
    let focused = h.get_by(|n| n.role() == egui::Role::TextInput && n.is_focused());
    assert!(
        cell.contains(focused.rect().center()),
        "the focused field sits on the new card"
    );
    h.event(egui::Event::Text("Delta".into()));
    h.run();
    h.key_press(Key::Enter);
    h.run();
    h.run();
    let j = doc(&h);
    let delta = card_of(&j, "Delta");
    assert_eq!(delta.lane.as_str(), "l3");
    assert_eq!(delta.at, Slot::phase("p2"));
    // Select it and delete it.
    h.get_by_label("Delta").click();
    h.run();
    h.key_press(Key::Delete);
    h.run();
    assert!(doc(&h).cards.iter().all(|c| c.title != "Delta"));
    assert_eq!(h.state().doc.undo_name(), Some("delete card"));
}

#[test]
fn edit_a_card_in_the_inspector() {
    let f = fixture();
    let mut h = harness(Some(&f.path));
    h.get_by_label("Charlie").click();
    h.run();
    let field = text_field(&h, "Charlie");
    field.focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(egui::Event::Text("Charlie Two".into()));
    h.run();
    h.key_press(Key::Tab);
    h.run();
    assert_eq!(card_of(&doc(&h), "Charlie Two").id.as_str(), "c3");
    assert_eq!(h.state().doc.undo_name(), Some("edit card title"));
    // Typing a title is one undo step.
    h.state_mut().doc.undo();
    assert!(doc(&h).cards.iter().any(|c| c.title == "Charlie"));
}

#[test]
fn rename_and_reorder_a_phase() {
    let f = fixture();
    let mut h = harness(Some(&f.path));
    h.get_by_label("Phase Phase 1").click();
    h.run();
    text_field(&h, "Phase 1").focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(egui::Event::Text("Intake".into()));
    h.run();
    h.key_press(Key::Tab);
    h.run();
    assert_eq!(doc(&h).phases[0].name, "Intake");
    // Drag its header past the last phase.
    let from = center_of(&h, "Phase Intake");
    let last = h.get_by_label("Phase Phase 3").rect();
    drag(&mut h, from, Pos2::new(last.right() - 5.0, last.center().y));
    let names: Vec<_> = doc(&h).phases.iter().map(|p| p.name.clone()).collect();
    assert_eq!(names, ["Phase 2", "Phase 3", "Intake"]);
    // The cards went with their phase.
    assert_eq!(card_of(&doc(&h), "Alpha").at, Slot::phase("p1"));
}

#[test]
fn add_a_lane_from_the_menu_and_hide_it() {
    let f = fixture();
    let mut h = harness(Some(&f.path));
    let lanes = doc(&h).lanes.len();
    h.get_by_label("Insert").click();
    h.run();
    h.get_by_label("Lane").click();
    h.run();
    h.get_by_label("KPIs").click();
    h.run();
    let j = doc(&h);
    assert_eq!(j.lanes.len(), lanes + 1);
    let added = j.lanes.last().expect("added").clone();
    assert_eq!(added.kind, journey_map::model::LaneKind::Kpis);
    h.get_by_label("Lane KPIs").click_secondary();
    h.run();
    h.get_by_label("Hide lane").click();
    h.run();
    assert!(!doc(&h).lane(&added.id).expect("still there").visible);
    assert!(
        h.query_by_label("Lane KPIs").is_none(),
        "hidden lanes are not drawn"
    );
}

#[test]
fn copy_and_paste_cards_through_clipboard_text() {
    let f = fixture();
    let mut h = harness(Some(&f.path));
    h.get_by_label("Alpha").click();
    h.run();
    h.event(egui::Event::Copy);
    h.run();
    let text = h.state().last_copied.clone();
    assert!(
        text.contains("journey_map_cards") && text.contains("Alpha"),
        "{text}"
    );
    // Paste next to Charlie: the copy lands in Charlie's cell with a fresh id.
    h.get_by_label("Charlie").click();
    h.run();
    h.event(egui::Event::Paste(text));
    h.run();
    let j = doc(&h);
    let alphas: Vec<_> = j.cards.iter().filter(|c| c.title == "Alpha").collect();
    assert_eq!(alphas.len(), 2);
    assert_ne!(alphas[0].id, alphas[1].id);
    assert!(
        alphas
            .iter()
            .any(|c| c.lane.as_str() == "l2" && c.at == Slot::phase("p2"))
    );
    // Text that is not cards changes nothing.
    let before = doc(&h);
    h.event(egui::Event::Paste("hello".into()));
    h.run();
    assert_eq!(doc(&h), before);
    // Duplicate.
    h.key_press_modifiers(Modifiers::COMMAND, Key::D);
    h.run();
    assert_eq!(doc(&h).cards.len(), before.cards.len() + 1);
}

#[test]
fn alt_arrows_move_the_selection_between_cells() {
    let f = fixture();
    let mut h = harness(Some(&f.path));
    h.get_by_label("Charlie").click();
    h.run();
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowRight);
    h.run();
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowDown);
    h.run();
    let j = doc(&h);
    assert_eq!(card_of(&j, "Charlie").at, Slot::phase("p3"));
    assert_eq!(card_of(&j, "Charlie").lane.as_str(), "l3");
}

#[test]
fn unsaved_changes_prompt_cancel_dont_save_and_save() {
    let f = fixture();
    let mut h = harness(Some(&f.path));
    h.state_mut()
        .doc
        .apply(Edit::SetTitle("Changed".into()))
        .expect("edit");
    h.run();
    assert!(h.state().window_title().starts_with("*test.journey.ron"));
    // Cancel keeps everything.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Q);
    h.run();
    assert!(h.state().is_asking_to_save());
    h.get_by_label("Cancel").click();
    h.run();
    assert!(!h.state().is_closing());
    assert!(h.state().doc.is_dirty());
    // Save writes the file, then closes.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Q);
    h.run();
    h.get_by_label("Save").click();
    h.run_steps(2);
    assert!(h.state().is_closing());
    assert_eq!(io::load(&f.path).expect("saved").title, "Changed");
}

#[test]
fn dont_save_closes_without_writing() {
    let f = fixture();
    let mut h = harness(Some(&f.path));
    let on_disk = std::fs::read(&f.path).expect("read");
    h.state_mut()
        .doc
        .apply(Edit::SetTitle("Changed".into()))
        .expect("edit");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Q);
    h.run();
    h.get_by_label("Don't save").click();
    h.run_steps(2);
    assert!(h.state().is_closing());
    assert_eq!(std::fs::read(&f.path).expect("read"), on_disk);
}

#[test]
fn save_as_without_a_dialog_uses_the_path_field() {
    let f = fixture();
    let mut h = harness(Some(&f.path));
    h.state_mut()
        .doc
        .apply(Edit::SetTitle("Copy".into()))
        .expect("edit");
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run();
    let target = f.path.with_file_name("copy");
    let shown = f.path.display().to_string();
    let field = text_field(&h, &shown);
    field.focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(egui::Event::Text(target.display().to_string()));
    h.run();
    h.get_by_label("OK").click();
    h.run();
    let written = target.with_file_name("copy.journey.ron");
    assert_eq!(io::load(&written).expect("saved").title, "Copy");
    assert!(!h.state().doc.is_dirty());
    assert_eq!(h.state().window_title(), "copy.journey.ron — journey-map");
}

#[test]
fn dragging_an_emotion_point_snaps_to_a_level_in_one_undo_step() {
    let f = fixture();
    let mut h = harness(Some(&f.path));
    let point = h
        .get_by_label_contains("Persona, Phase 2: ")
        .rect()
        .center();
    let (layout, t) = h.state().canvas.last.clone().expect("painted");
    let top = t.mul_pos(Pos2::new(0.0, layout.curves[0].y.min)).y;
    drag(&mut h, point, Pos2::new(point.x, top + 3.0));
    let j = doc(&h);
    let p = &j.emotion_curves[0].points[1];
    assert_eq!(p.value, 2.0, "snapped to the top level");
    h.state_mut().doc.undo();
    assert_eq!(doc(&h).emotion_curves[0].points[1].value, 0.0);
}

/// The fixture with an empty dramatic-arc lane under the first lane.
fn arc_fixture() -> Fixture {
    let f = fixture();
    let mut j = io::load(&f.path).expect("fixture loads");
    j.lanes.insert(
        1,
        Lane {
            id: "arc".into(),
            title: "Dramatic arc".into(),
            kind: LaneKind::DramaticArc,
            visible: true,
            height: 140.0,
            funnel: None,
        },
    );
    io::save(&f.path, &j).expect("fixture saves");
    f
}

fn click_at(h: &mut Harness<'_, App>, p: Pos2) {
    h.hover_at(p);
    h.run();
    h.drag_at(p);
    h.run();
    h.drop_at(p);
    h.run();
}

/// Where engagement level `v` (1 to 5) of column `col` is on screen.
fn arc_spot(h: &Harness<'_, App>, col: usize, v: f32) -> Pos2 {
    let (layout, t) = h.state().canvas.last.clone().expect("painted");
    let lane = layout
        .lanes
        .iter()
        .find(|l| l.id.as_str() == "arc")
        .expect("arc lane");
    let y = journey_map::layout::value_to_y(v, 1, 5, lane.curve_y.expect("a curve lane"));
    t.mul_pos(Pos2::new(layout.columns[col].x.center(), y))
}

fn arc_values(h: &Harness<'_, App>) -> Option<Vec<f32>> {
    doc(h)
        .emotion_curves
        .iter()
        .find(|c| c.kind == CurveKind::Engagement)
        .map(|c| c.points.iter().map(|p| p.value).collect())
}

#[test]
fn a_click_in_the_dramatic_arc_lane_starts_the_arc_and_its_points_drag() {
    let f = arc_fixture();
    let mut h = harness(Some(&f.path));
    let emotion = doc(&h).emotion_curves;
    assert_eq!(arc_values(&h), None);
    let at = arc_spot(&h, 1, 4.0);
    click_at(&mut h, at);
    let j = doc(&h);
    let arc = j
        .emotion_curves
        .iter()
        .find(|c| c.kind == CurveKind::Engagement)
        .expect("the click started an arc");
    assert_eq!(arc.persona, j.personas[0].id, "the active persona's");
    assert_eq!(arc.scale, Scale::engagement());
    assert_eq!(arc.points[0].at, Slot::phase("p2"));
    assert_eq!(arc_values(&h), Some(vec![4.0]));
    assert_eq!(h.state().doc.undo_name(), Some("change engagement"));
    let at = arc_spot(&h, 2, 2.0);
    click_at(&mut h, at);
    assert_eq!(arc_values(&h), Some(vec![4.0, 2.0]));
    // Its points drag like the emotion curve's, snapping to whole levels.
    let point = h
        .get_by(|n| {
            n.label().is_some_and(|l| {
                l.starts_with("Persona, Phase 2: ") && l.ends_with("(dramatic arc)")
            })
        })
        .rect()
        .center();
    let to = arc_spot(&h, 1, 1.2);
    drag(&mut h, point, to);
    assert_eq!(arc_values(&h), Some(vec![1.0, 2.0]));
    assert_eq!(
        doc(&h).emotion_curves[..emotion.len()],
        emotion[..],
        "the emotion curve is untouched"
    );
    h.state_mut().doc.undo();
    assert_eq!(arc_values(&h), Some(vec![4.0, 2.0]), "one drag, one undo");
    h.state_mut().doc.undo();
    h.state_mut().doc.undo();
    assert_eq!(arc_values(&h), None);
}

#[test]
fn resize_a_phase_by_dragging_its_right_edge() {
    let f = fixture();
    let mut h = harness(Some(&f.path));
    let header = h.get_by_label("Phase Phase 2").rect();
    let zoom = h.state().canvas.zoom;
    let from = Pos2::new(header.right() - 1.0, header.center().y);
    drag(&mut h, from, from + Vec2::new(100.0, 0.0));
    let width = doc(&h).phases[1].column_width.expect("width set");
    let expected = (header.width() + 100.0) / zoom;
    assert!((width - expected).abs() < 6.0, "{width} vs {expected}");
    assert_eq!(h.state().doc.undo_name(), Some("resize phase"));
    h.state_mut().doc.undo();
    assert_eq!(
        doc(&h).phases[1].column_width,
        None,
        "one drag, one undo step"
    );
}

#[test]
fn the_plus_on_an_empty_cell_adds_a_card() {
    let f = fixture();
    let mut h = harness(Some(&f.path));
    let cell = cell_rect(&h, "l6", 2);
    h.hover_at(cell.center());
    h.run();
    h.get_by_label("+").click();
    h.run();
    let j = doc(&h);
    assert_eq!(j.cards.len(), 4);
    let added = j
        .cards
        .iter()
        .find(|c| c.lane.as_str() == "l6")
        .expect("added in the hovered lane");
    assert_eq!(added.at, Slot::phase("p3"));
    assert!(h.state().canvas.is_editing());
}

/// The fixture plus a second persona with its own as-is curve.
fn two_persona_fixture() -> Fixture {
    let f = fixture();
    let mut j = io::load(&f.path).expect("fixture loads");
    let mut p2 = j.personas[0].clone();
    p2.id = journey_map::model::PersonaId::new("persona2");
    p2.name = "Bram".into();
    j.personas.push(p2);
    let mut c2 = j.emotion_curves[0].clone();
    c2.id = journey_map::model::CurveId::new("curve2");
    c2.persona = journey_map::model::PersonaId::new("persona2");
    j.emotion_curves.push(c2);
    io::save(&f.path, &j).expect("saves");
    f
}

#[test]
fn switching_the_active_persona_edits_that_personas_curve() {
    let f = two_persona_fixture();
    let mut h = harness(Some(&f.path));
    assert!(
        h.query_by_label_contains("Emotion Bram").is_none(),
        "only the active curve is draggable"
    );
    h.get_by_label("Emotion curve of").click();
    h.run();
    h.get_by_label("Bram").click();
    h.run();
    let point = h.get_by_label_contains("Bram, Phase 3: ").rect().center();
    let (layout, t) = h.state().canvas.last.clone().expect("painted");
    let bottom = t.mul_pos(Pos2::new(0.0, layout.curves[0].y.max)).y;
    drag(&mut h, point, Pos2::new(point.x, bottom - 2.0));
    let j = doc(&h);
    assert_eq!(
        j.curve(&"curve2".into()).expect("curve2").points[2].value,
        -2.0
    );
    assert_eq!(
        j.curve(&"curve1".into()).expect("curve1").points[2].value,
        0.0,
        "the other curve is untouched"
    );
}

#[test]
fn a_to_be_curve_can_be_added_and_starts_from_today() {
    let f = fixture();
    let mut h = harness(Some(&f.path));
    h.get_by_label("to-be").click();
    h.run();
    h.get_by_label("Add this curve").click();
    h.run();
    let j = doc(&h);
    assert_eq!(j.emotion_curves.len(), 2);
    let to_be = &j.emotion_curves[1];
    assert_eq!(to_be.variant, journey_map::model::CurveVariant::ToBe);
    assert_eq!(to_be.points, j.emotion_curves[0].points);
    assert_eq!(h.state().active_curve(), Some(to_be.id.clone()));
}

fn painted_texts(h: &Harness<'_, App>) -> Vec<String> {
    h.output()
        .shapes
        .iter()
        .filter_map(|s| match &s.shape {
            egui::Shape::Text(t) => Some(t.galley.text().to_owned()),
            _ => None,
        })
        .collect()
}

#[test]
fn choosing_a_channel_on_a_card_shows_its_icon() {
    let f = fixture();
    let mut h = harness(Some(&f.path));
    let globe = journey_map::paint::channel_icon(&journey_map::model::Channel::Website).to_string();
    assert!(!painted_texts(&h).contains(&globe));
    h.get_by_label("Charlie").click();
    h.run();
    h.get_by_label("Channel").click();
    h.run();
    h.get_by_label("Website").click();
    h.run();
    assert_eq!(
        card_of(&doc(&h), "Charlie").channel,
        Some(journey_map::model::Channel::Website)
    );
    let texts = painted_texts(&h);
    assert!(texts.contains(&globe), "the globe icon is painted");
    assert!(
        texts.iter().any(|t| t == "Website"),
        "with the channel name"
    );
}

#[test]
fn persona_fields_edit_in_the_inspector() {
    let f = fixture();
    let mut h = harness(Some(&f.path));
    h.get_by_label("Persona Persona").click();
    h.run();
    text_field(&h, "Persona").focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(egui::Event::Text("Eva Jansen".into()));
    h.run();
    h.key_press(Key::Tab);
    h.run();
    let quote = h.get_by_label("Quote");
    let _ = quote;
    assert_eq!(doc(&h).personas[0].name, "Eva Jansen");
    h.get_by_label("Persona Eva Jansen"); // the header shows the new name
}

#[test]
fn a_photo_is_embedded_and_a_broken_one_is_refused() {
    let f = fixture();
    let mut h = harness(Some(&f.path));
    let dir = f.path.parent().expect("dir");
    let png = dir.join("face.png");
    let img = vec![0x80u8; 64 * 64 * 3];
    image_png(&png, 64, 64, &img);
    let persona = doc(&h).personas[0].id.clone();
    h.state_mut().set_photo(&persona, &png);
    h.run();
    assert!(doc(&h).personas[0].photo.is_some());
    let bad = dir.join("bad.png");
    std::fs::write(&bad, b"\x89PNG\r\n\x1a\nnot really").expect("write");
    h.state_mut().set_photo(&persona, &bad);
    h.run();
    let err = h.state().error.clone().expect("refused");
    assert!(err.contains("bad.png"), "{err}");
}

fn image_png(path: &Path, w: u32, h: u32, rgb: &[u8]) {
    let file = std::fs::File::create(path).expect("create");
    let mut enc = png::Encoder::new(file, w, h);
    enc.set_color(png::ColorType::Rgb);
    enc.set_depth(png::BitDepth::Eight);
    enc.write_header()
        .expect("header")
        .write_image_data(rgb)
        .expect("data");
}

#[test]
fn a_moment_of_truth_is_marked_on_the_point() {
    let f = fixture();
    let mut h = harness(Some(&f.path));
    h.get_by_label_contains("Persona, Phase 2: ").click();
    h.run();
    h.get_by_label("Moment of truth").click();
    h.run();
    assert!(doc(&h).emotion_curves[0].points[1].critical);
    h.get_by_label("Label").focus();
    h.run();
    h.event(egui::Event::Text("Kassa".into()));
    h.run();
    assert_eq!(doc(&h).emotion_curves[0].points[1].label, "Kassa");
}

#[test]
fn export_from_the_file_menu_writes_a_picture_that_opens_as_the_map() {
    let f = fixture();
    let mut h = harness(Some(&f.path));
    h.get_by_label("File").click();
    h.run();
    h.get_by_label_contains("Export…").click();
    h.run();
    h.get_by_label("Transparent background").click();
    h.run();
    h.get_by_label("Export").click();
    h.step();
    for _ in 0..500 {
        if !h.state().is_exporting() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.step();
    }
    h.run();
    let png = f.path.with_file_name("test.png");
    assert_eq!(h.state().last_export.as_deref(), Some(png.as_path()));
    assert!(
        h.state().status.starts_with("Exported to"),
        "{}",
        h.state().status
    );
    assert_eq!(
        io::load(&png).expect("the picture opens as the map"),
        doc(&h)
    );
    h.get_by_label("Open folder"); // offered once something was written
}

#[test]
fn a_custom_channel_gets_a_name_and_a_borrowed_icon() {
    let f = fixture();
    let mut h = harness(Some(&f.path));
    h.get_by_label("Charlie").click();
    h.run();
    h.get_by_label("Channel").click();
    h.run();
    h.get_by_label("Custom…").scroll_to_me();
    h.run();
    h.get_by_label("Custom…").click();
    h.run();
    assert!(
        matches!(
            card_of(&doc(&h), "Charlie").channel,
            Some(journey_map::model::Channel::Custom { .. })
        ),
        "{:?}",
        card_of(&doc(&h), "Charlie").channel
    );
    text_field(&h, "New channel").focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(egui::Event::Text("Loket".into()));
    h.run();
    h.key_press(Key::Tab);
    h.run();
    h.get_by_label("Icon").click();
    h.run();
    h.get_by_label("Physical store").scroll_to_me();
    h.run();
    h.get_by_label("Physical store").click();
    h.run();
    let channel = card_of(&doc(&h), "Charlie").channel.clone();
    assert_eq!(
        channel,
        Some(journey_map::model::Channel::Custom {
            name: "Loket".into(),
            icon: Some("Store".into())
        })
    );
    let store = journey_map::paint::channel_icon(&journey_map::model::Channel::Store).to_string();
    assert!(
        painted_texts(&h).contains(&store),
        "drawn with the borrowed icon"
    );
    assert!(painted_texts(&h).iter().any(|t| t == "Loket"));
}

#[test]
fn span_and_lane_height_handles_are_one_undo_step_each() {
    let f = fixture();
    let mut h = harness(Some(&f.path));
    // Span: select Alpha, drag its handle into the third column.
    h.get_by_label("Alpha").click();
    h.run();
    let handle = h.get_by_label("Resize Alpha").rect().center();
    let third = cell_rect(&h, "l1", 2).center();
    drag(&mut h, handle, Pos2::new(third.x, handle.y));
    assert_eq!(card_of(&doc(&h), "Alpha").span, 3);
    assert_eq!(h.state().doc.undo_name(), Some("change card span"));
    h.state_mut().doc.undo();
    assert_eq!(
        card_of(&doc(&h), "Alpha").span,
        1,
        "one drag, one undo step"
    );
    // Lane height: drag the bottom edge of a lane title down.
    let title = h.get_by_label("Lane Thoughts").rect();
    let before = doc(&h).lane(&"l2".into()).expect("lane").height;
    let from = Pos2::new(title.center().x, title.bottom() - 1.0);
    drag(&mut h, from, from + Vec2::new(0.0, 60.0));
    let after = doc(&h).lane(&"l2".into()).expect("lane").height;
    assert!(after > before + 20.0, "{before} -> {after}");
    h.state_mut().doc.undo();
    assert_eq!(doc(&h).lane(&"l2".into()).expect("lane").height, before);
}

#[test]
fn the_edit_menu_names_what_undo_and_redo_will_do() {
    let f = fixture();
    let mut h = harness(Some(&f.path));
    let from = center_of(&h, "Alpha");
    let to = cell_rect(&h, "l1", 2).center();
    drag(&mut h, from, to);
    h.get_by_label("Edit").click();
    h.run();
    h.get_by_label_contains("Undo move card").click();
    h.run();
    assert_eq!(card_of(&doc(&h), "Alpha").at, Slot::phase("p1"));
    h.get_by_label("Edit").click();
    h.run();
    h.get_by_label_contains("Redo move card").click();
    h.run();
    assert_eq!(card_of(&doc(&h), "Alpha").at, Slot::phase("p3"));
}

/// A file as the window system hands a drop to egui.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn a_spreadsheet_dropped_on_the_window_becomes_a_new_map_saved_beside_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let csv = dir.path().join("draft.csv");
    let sheet = "Klantreis;Oriëntatie;Aankoop\nDoen;Zoekt online;Betaalt aan de kassa\n\
                 Pijnpunten;;Lange rij – twintig minuten wachten\n";
    std::fs::write(&csv, sheet).expect("write");
    let mut h = harness(None);
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(csv.clone())));
    h.run();
    let j = doc(&h);
    let phases: Vec<&str> = j.phases.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(phases, ["Oriëntatie", "Aankoop"]);
    assert_eq!(card_of(&j, "Lange rij").body, "twintig minuten wachten");
    // On the canvas, as a user sees it.
    h.get_by_label("Zoekt online");
    assert!(h.state().doc.is_dirty(), "an import is a new, unsaved map");
    assert_eq!(
        h.state().window_title(),
        "*draft.csv (imported spreadsheet) — journey-map"
    );
    // Save never writes over the sheet: it proposes a map beside it.
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let proposed = dir.path().join("draft.journey.ron");
    text_field(&h, &proposed.display().to_string());
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(io::load(&proposed).expect("saved as a map"), doc(&h));
    assert_eq!(std::fs::read_to_string(&csv).expect("read"), sheet);
    assert!(!h.state().doc.is_dirty());
    assert_eq!(h.state().window_title(), "draft.journey.ron — journey-map");
}

#[test]
fn file_import_reads_a_mermaid_journey_and_shows_what_it_bent() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mmd = dir.path().join("onboarding.mmd");
    std::fs::write(
        &mmd,
        "journey\n  title Onboarding\n  section Sign up\n    Fill in the form: 7: Ann\n",
    )
    .expect("write");
    let mut h = harness(None);
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Import…").click();
    h.run();
    h.get_by_label("Import a spreadsheet or mermaid journey");
    // The path field has the focus: typing and Enter import.
    h.event(egui::Event::Text(mmd.display().to_string()));
    h.key_press(Key::Enter);
    h.run();
    let j = doc(&h);
    assert_eq!(j.title, "Onboarding");
    card_of(&j, "Fill in the form");
    h.get_by_label("Import warnings");
    h.get_by_label_contains("line 4:");
    assert!(
        h.state().status.ends_with("(1 warning)"),
        "{}",
        h.state().status
    );
    // A file that does not parse keeps the current map and says where.
    std::fs::write(&mmd, "journey\n  section A\n  Task without score\n").expect("write");
    h.state_mut().open_now(&mmd);
    h.run();
    assert_eq!(doc(&h).title, "Onboarding");
    let err = h.state().error.clone().expect("error shown");
    assert!(err.contains("onboarding.mmd:3:"), "{err}");
}

#[test]
fn exporting_to_excel_offers_no_picture_options_and_imports_back() {
    let f = fixture();
    let mut h = harness(Some(&f.path));
    h.get_by_label("File").click();
    h.run();
    h.get_by_label_contains("Export…").click();
    h.run();
    h.get_by_label("Size");
    h.get_by_label("Excel").click();
    h.run();
    assert!(h.query_by_label("Size").is_none(), "a workbook has no size");
    assert!(h.query_by_label("Transparent background").is_none());
    h.get_by_label("Export").click();
    h.step();
    for _ in 0..500 {
        if !h.state().is_exporting() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.step();
    }
    h.run();
    let xlsx = f.path.with_file_name("test.xlsx");
    assert_eq!(h.state().last_export.as_deref(), Some(xlsx.as_path()));
    let back = io::import::import_file(&xlsx, Default::default()).expect("imports");
    let titles = |j: &Journey| {
        let mut t: Vec<String> = j.cards.iter().map(|c| c.title.clone()).collect();
        t.sort();
        t
    };
    assert_eq!(titles(&back.journey), titles(&doc(&h)));
}

#[test]
fn a_loop_back_is_made_from_the_phase_menu_edited_in_the_inspector_and_undone() {
    let f = fixture();
    let mut h = harness(Some(&f.path));
    h.get_by_label("Phase Phase 3").click_secondary();
    h.run();
    h.get_by_label("Loop back to").click();
    h.run();
    // The submenu offers this phase and the earlier ones.
    h.get_by_label("Phase 1").click();
    h.run();
    let j = doc(&h);
    assert_eq!(j.loops.len(), 1);
    assert_eq!(
        (j.loops[0].from.as_str(), j.loops[0].to.as_str()),
        ("p3", "p1")
    );
    assert_eq!(j.loops[0].label, "Back to Phase 1");
    // Drawn on the canvas, with its label.
    assert!(painted_texts(&h).iter().any(|t| t == "Back to Phase 1"));
    // The phase is selected: its loop-back is in the inspector.
    text_field(&h, "Back to Phase 1").focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(egui::Event::Text("Recommends → new customer".into()));
    h.run();
    h.key_press(Key::Tab);
    h.run();
    assert_eq!(doc(&h).loops[0].label, "Recommends → new customer");
    h.get_by_label("Remove loop-back").click();
    h.run();
    assert!(doc(&h).loops.is_empty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(doc(&h).loops[0].label, "Recommends → new customer");
    // Deleting a phase takes its loop-backs with it, in the same undo step.
    h.state_mut()
        .doc
        .apply(Edit::DeletePhase("p1".into()))
        .expect("edit");
    assert!(doc(&h).loops.is_empty());
    h.state_mut().doc.undo();
    assert_eq!(doc(&h).loops.len(), 1);
}

#[test]
fn a_kpi_lane_switches_to_a_funnel_with_computed_shares_and_back() {
    let f = fixture();
    let mut j = io::load(&f.path).expect("fixture loads");
    j.lanes.push(Lane {
        id: "kpi".into(),
        title: "KPIs".into(),
        kind: LaneKind::Kpis,
        visible: true,
        height: 80.0,
        funnel: None,
    });
    for (i, (phase, value)) in [("p1", "12,000"), ("p2", "3,000"), ("p3", "lots")]
        .iter()
        .enumerate()
    {
        j.kpis.push(journey_map::model::Kpi {
            id: journey_map::model::KpiId(format!("k{i}")),
            phase: (*phase).into(),
            name: "visitors".into(),
            value: (*value).into(),
        });
    }
    io::save(&f.path, &j).expect("saves");
    let mut h = harness(Some(&f.path));
    h.get_by_label("Lane KPIs").click();
    h.run();
    h.get_by_label("Show as").click();
    h.run();
    h.get_by_label("Funnel of visitors").click();
    h.run();
    let lane = |h: &Harness<'_, App>| doc(h).lane(&"kpi".into()).expect("lane").funnel.clone();
    assert_eq!(lane(&h).as_deref(), Some("visitors"));
    // The canvas shows the counts, the computed share and a note for the text that is no number.
    let texts = painted_texts(&h);
    for expected in ["12,000", "3,000", "→ 25 %", "“lots” is not a number"] {
        assert!(
            texts.iter().any(|t| t == expected),
            "{expected} in {texts:?}"
        );
    }
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(lane(&h), None, "one undo step");
}

#[test]
fn a_thought_gets_a_sentiment_and_the_evidence_curve_is_switched_on() {
    let f = fixture();
    let mut h = harness(Some(&f.path));
    h.get_by_label("Charlie").click();
    h.run();
    h.get_by_label("Sentiment").click();
    h.run();
    h.get_by_label("-1 unhappy").click();
    h.run();
    assert_eq!(card_of(&doc(&h), "Charlie").sentiment, Some(-1.0));
    // An action card has no sentiment to set.
    h.get_by_label("Alpha").click();
    h.run();
    assert!(h.query_by_label("Sentiment").is_none());
    h.get_by_label("Evidence curve").click();
    h.run();
    assert!(doc(&h).emotion_curves[0].evidence);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(!doc(&h).emotion_curves[0].evidence, "one undo step");
}

#[test]
fn an_image_dropped_on_a_cell_becomes_a_picture_card_there() {
    let f = fixture();
    let mut h = harness(Some(&f.path));
    let png = f.path.with_file_name("kiosk-shelf.png");
    image_png(&png, 400, 300, &[200, 40, 40].repeat(400 * 300));
    let cell = cell_rect(&h, "l3", 1);
    h.event(egui::Event::PointerMoved(cell.center()));
    h.run();
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(png.clone())));
    h.run();
    h.run();
    let j = doc(&h);
    let card = card_of(&j, "kiosk shelf").clone();
    assert_eq!(
        (card.lane.as_str(), card.at.clone()),
        ("l3", Slot::phase("p2"))
    );
    let img = card.image.as_ref().expect("a picture");
    assert_eq!((img.width, img.height), (400, 300));
    // Drawn from a texture on the canvas.
    let textured = h
        .output()
        .shapes
        .iter()
        .filter(|s| match &s.shape {
            egui::Shape::Rect(r) => r.fill_texture_id() != egui::TextureId::default(),
            _ => false,
        })
        .count();
    assert_eq!(textured, 1, "one picture on the canvas");
    // The inspector removes it, as one undo step.
    h.get_by_label("Remove picture").click();
    h.run();
    assert!(card_of(&doc(&h), "kiosk shelf").image.is_none());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(card_of(&doc(&h), "kiosk shelf").image.is_some());
    // A broken picture is refused in plain words and nothing is added.
    let broken = f.path.with_file_name("broken.png");
    std::fs::write(&broken, b"\x89PNG\r\n\x1a\nnot really").expect("write");
    let cards = doc(&h).cards.len();
    h.state_mut().drop_image(&broken, Some(cell.center()));
    assert_eq!(doc(&h).cards.len(), cards);
    let err = h.state().error.clone().expect("refused");
    assert!(
        err.contains("broken.png") && err.contains("damaged"),
        "{err}"
    );
}

#[test]
fn a_picture_pasted_from_the_clipboard_lands_in_the_selected_cell() {
    let f = fixture();
    let mut h = harness(Some(&f.path));
    h.get_by_label("Charlie").click();
    h.run();
    // What egui delivers for Ctrl+V when the clipboard holds an image and no text.
    let image = egui::ColorImage::filled([60, 40], egui::Color32::from_rgb(30, 140, 60));
    h.event(egui::Event::PasteImage(std::sync::Arc::new(image)));
    h.run();
    let j = doc(&h);
    let pasted = card_of(&j, "Pasted picture");
    assert_eq!(
        (pasted.lane.as_str(), pasted.at.clone()),
        ("l2", Slot::phase("p2")),
        "beside Charlie"
    );
    let img = pasted.image.as_ref().expect("a picture");
    assert_eq!((img.width, img.height), (60, 40));
    let (_, _, rgba) = io::decode_photo(&img.photo).expect("decodes");
    assert!(
        rgba[0].abs_diff(30) < 8 && rgba[1].abs_diff(140) < 8,
        "{:?}",
        &rgba[..4]
    );
    assert_eq!(
        h.state().sel.cards,
        std::slice::from_ref(&pasted.id),
        "and selected"
    );
}

#[test]
fn enter_confirms_and_esc_cancels_the_dialogs() {
    let f = fixture();
    let mut h = harness(Some(&f.path));
    // New map: Esc cancels, Enter creates.
    h.get_by_label("File").click();
    h.run();
    h.get_by_label_contains("New…").click();
    h.run();
    h.get_by_label("Language of the map:");
    h.key_press(Key::Escape);
    h.run();
    assert!(
        h.query_by_label("Language of the map:").is_none(),
        "Esc closed it"
    );
    assert_eq!(doc(&h).title, "Test map");
    h.get_by_label("File").click();
    h.run();
    h.get_by_label_contains("New…").click();
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(
        doc(&h).title,
        "New customer journey",
        "Enter created the map"
    );
    assert!(!h.state().doc.is_dirty(), "untouched: no phantom changes");
    // An error: Esc or Enter dismisses it.
    h.state_mut().error = Some("boom".into());
    h.run();
    h.get_by_label("Something went wrong");
    h.key_press(Key::Escape);
    h.run();
    assert!(h.state().error.is_none());
    h.state_mut().error = Some("boom".into());
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert!(h.state().error.is_none());
    // Save changes?: Esc cancels, the map stays.
    h.state_mut()
        .doc
        .apply(Edit::SetTitle("Changed".into()))
        .expect("edit");
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    h.get_by_label("Language of the map:");
    h.key_press(Key::Enter);
    h.run();
    h.get_by_label("Save changes?");
    h.key_press(Key::Escape);
    h.run();
    assert!(!h.state().is_asking_to_save());
    assert_eq!(doc(&h).title, "Changed", "nothing happened to the map");
    // The path field (no file dialog here): Esc cancels.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run();
    h.get_by_label("Save map as");
    h.key_press(Key::Escape);
    h.run();
    assert!(h.query_by_label("Save map as").is_none());
}
