//! The compare view as a user drives it (egui_kittest): File → Compare with… another version,
//! the markers on the canvas for each kind of difference, the side list, stepping with F8,
//! and taking a difference over as one undo step. The markers are found as a screen reader
//! finds them: widgets named by the difference's sentence, where the card is.

use egui::{Key, Modifiers, Rect, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use journey_map::compare::Mark;
use journey_map::io;
use journey_map::model::{Card, CardId, Journey, Language, Slot};
use journey_map::templates::Template;
use journey_map::ui::{App, NoPicker, Prefs, mark_geometry};
use std::path::{Path, PathBuf};

fn card(j: &Journey, id: &str, lane: &str, phase: &str, title: &str) -> Card {
    let mut c = journey_map::edit::new_card(j, lane.into(), Slot::phase(phase), title);
    c.id = CardId::new(id);
    c
}

/// Ours on disk, and a colleague's version beside it: Alpha retitled, Bravo moved to the
/// next phase, Charlie gone, Delta new, the first curve point lower, a phase renamed.
struct Versions {
    _dir: tempfile::TempDir,
    ours: PathBuf,
    theirs: PathBuf,
}

fn versions() -> Versions {
    let mut j = Template::Blank.build(Language::En);
    j.title = "Test map".into();
    j.cards = vec![
        card(&j, "c1", "l1", "p1", "Alpha"),
        card(&j, "c2", "l1", "p1", "Bravo"),
        card(&j, "c3", "l2", "p2", "Charlie"),
    ];
    let curve = &mut j.emotion_curves[0];
    curve.points = vec![journey_map::model::EmotionPoint {
        at: Slot::phase("p1"),
        value: 1.0,
        label: String::new(),
        critical: false,
    }];
    let mut theirs = j.clone();
    theirs.cards[0].title = "Alpha, sharper".into();
    theirs.cards[1].at = Slot::phase("p2");
    theirs.cards.remove(2);
    let delta = card(&theirs, "c4", "l2", "p3", "Delta");
    theirs.cards.push(delta);
    theirs.emotion_curves[0].points[0].value = -2.0;
    theirs.phases[1].name = "Their phase name".into();
    assert!(theirs.validate().is_empty(), "{:?}", theirs.validate());
    let dir = tempfile::tempdir().expect("temp dir");
    let ours = dir.path().join("ours.journey.ron");
    let theirs_path = dir.path().join("colleague.journey.ron");
    io::save(&ours, &j).expect("saves");
    io::save(&theirs_path, &theirs).expect("saves");
    Versions {
        _dir: dir,
        ours,
        theirs: theirs_path,
    }
}

fn harness(path: &Path) -> Harness<'static, App> {
    let path = path.to_owned();
    let mut h = Harness::builder()
        .with_size(Vec2::new(1600.0, 1000.0))
        .with_step_dt(1.0 / 60.0)
        .build_eframe(move |_cc| {
            App::with_picker(Some(path), Prefs::default(), Box::new(NoPicker))
        });
    h.run_steps(3);
    h
}

/// Opens the comparison the way a user without a file dialog does: File → Compare with…,
/// the path typed into the field, Enter.
fn compare_through_the_menu(h: &mut Harness<'_, App>, other: &Path) {
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Compare with…").click();
    h.run();
    // The path field has the focus as the dialog opens: typing goes there.
    h.event(egui::Event::Text(other.display().to_string()));
    h.run();
    h.key_press(Key::Enter);
    h.run_steps(3);
}

/// A card's rectangle on screen, from the canvas' last layout (ghosts included).
fn card_rect(h: &Harness<'_, App>, id: &str) -> Rect {
    let (layout, t) = h.state().canvas.last.clone().expect("canvas painted");
    let g = layout
        .cards
        .iter()
        .find(|c| c.id.as_str() == id)
        .unwrap_or_else(|| panic!("card {id} not on the canvas"));
    t.mul_rect(g.rect)
}

/// The canvas marker named `sentence` (the list's entry has the same name; the marker is the
/// one not in the side panel).
fn marker(h: &Harness<'_, App>, sentence: &str) -> Rect {
    let all: Vec<Rect> = h.get_all_by_label(sentence).map(|n| n.rect()).collect();
    assert_eq!(
        all.len(),
        2,
        "{sentence:?}: a list entry and a marker, found {}",
        all.len()
    );
    // The side panel is on the left; the marker is the one further right.
    all.into_iter()
        .max_by(|a, b| a.center().x.total_cmp(&b.center().x))
        .expect("two")
}

#[test]
fn each_kind_of_difference_is_marked_where_it_is() {
    let v = versions();
    let mut h = harness(&v.ours);
    compare_through_the_menu(&mut h, &v.theirs);
    assert!(h.state().compare.is_some(), "the compare view opened");
    h.get_by_label("This map (here) and colleague.journey.ron (there)");
    assert!(h.get_all_by_label_contains("6 differences").count() >= 1);

    // Retitled there: a marker on the card here.
    let alpha = marker(
        &h,
        "Card “Alpha”, title: here “Alpha”, there “Alpha, sharper”",
    );
    assert!(card_rect(&h, "c1").expand(12.0).contains(alpha.center()));
    // Only here: the card is outlined and marked.
    let charlie = marker(&h, "Card “Charlie”: only here");
    assert!(card_rect(&h, "c3").expand(12.0).contains(charlie.center()));
    // Only there: a ghost in its cell (Touchpoints? lane l2, third phase), not a card of the map.
    let ghost = card_rect(&h, "c4");
    let delta = marker(&h, "Card “Delta”: only there");
    assert!(
        delta.contains_rect(ghost.shrink(1.0)),
        "the whole ghost answers as its marker"
    );
    assert!(h.state().doc.journey().card(&CardId::new("c4")).is_none());
    let (layout, t) = h.state().canvas.last.clone().expect("layout");
    let cell = t.mul_rect(
        layout
            .cell_rect(&"l2".into(), &Slot::phase("p3"))
            .expect("cell"),
    );
    assert!(cell.contains_rect(ghost), "the ghost sits in its old cell");
    // Moved: marked on the card, with an arrow from the cell it has there.
    let bravo_sentence = h
        .get_all_by_label_contains("Card “Bravo”: here in")
        .next()
        .expect("bravo in the list")
        .accesskit_node()
        .label()
        .unwrap_or_default();
    let bravo = marker(&h, &bravo_sentence);
    assert!(card_rect(&h, "c2").expand(12.0).contains(bravo.center()));
    let compare = h.state().compare.as_ref().expect("compare");
    let moved = (0..compare.review.changes.len())
        .map(|i| compare.review.mark(i))
        .find(|m| matches!(m, Mark::Moved { .. }))
        .expect("a move");
    let g = mark_geometry(&moved, &layout).expect("on the map");
    // The arrow starts in the cell the card has there (the next phase) and ends at the card.
    assert_eq!(g.from, layout.cell_rect(&"l1".into(), &Slot::phase("p2")));
    // A curve point at another level: a marker at the point.
    let point = marker(&h, "Curve “Persona (as-is)”, Phase 1: here 1.0, there -2.0");
    let curve = layout.curves.first().expect("curve");
    let p = t.mul_pos(curve.points[0].pos);
    assert!(point.expand(14.0).contains(p), "{point:?} vs {p:?}");
    // A renamed phase: a marker on its header.
    let phase = marker(
        &h,
        "Phase “Phase 2”, name: here “Phase 2”, there “Their phase name”",
    );
    let header = t.mul_rect(layout.phases[1].rect);
    assert!(header.expand(12.0).contains(phase.center()));
}

#[test]
fn taking_a_difference_over_is_one_undo_step() {
    let v = versions();
    let mut h = harness(&v.ours);
    h.state_mut().compare_with(&v.theirs, None);
    h.run_steps(2);
    let sentence = "Card “Alpha”, title: here “Alpha”, there “Alpha, sharper”";
    let before = h.state().doc.undo_len();
    let n = h
        .state()
        .compare
        .as_ref()
        .expect("compare")
        .review
        .changes
        .len();
    // Pick it in the list, take it over.
    h.get_all_by_label(sentence)
        .next()
        .expect("in the list")
        .click();
    h.run();
    h.get_by_label("Take over").click();
    h.run_steps(2);
    let j = h.state().doc.journey().clone();
    assert_eq!(
        j.card(&CardId::new("c1")).expect("c1").title,
        "Alpha, sharper"
    );
    assert_eq!(h.state().doc.undo_len(), before + 1, "one undo step");
    assert_eq!(h.state().doc.undo_name(), Some("take over change"));
    assert_eq!(
        h.state()
            .compare
            .as_ref()
            .expect("compare")
            .review
            .changes
            .len(),
        n - 1
    );
    assert!(
        h.query_by_label(sentence).is_none(),
        "no longer a difference"
    );
    // Nothing else changed.
    let mut expect = io::load(&v.ours).expect("ours");
    expect.cards[0].title = "Alpha, sharper".into();
    assert_eq!(j, expect);
    // Undo brings it back, as a difference too.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(
        h.state()
            .doc
            .journey()
            .card(&CardId::new("c1"))
            .expect("c1")
            .title,
        "Alpha"
    );
    assert!(marker(&h, sentence).width() > 0.0);

    // The ghost taken over becomes a card of the map, in its cell there.
    h.get_all_by_label("Card “Delta”: only there")
        .next()
        .expect("listed")
        .click();
    h.run();
    h.get_by_label("Take over").click();
    h.run_steps(2);
    let theirs = io::load(&v.theirs).expect("theirs");
    assert_eq!(
        h.state().doc.journey().card(&CardId::new("c4")),
        theirs.card(&CardId::new("c4"))
    );
    // Taking everything over leaves the colleague's map.
    for _ in 0..20 {
        let Some(c) = h.state().compare.as_ref() else {
            break;
        };
        if c.review.changes.is_empty() {
            break;
        }
        h.get_by_label("Take over").click();
        h.run_steps(2);
    }
    assert_eq!(
        journey_map::compare::diff(h.state().doc.journey(), &theirs).expect("diff"),
        vec![]
    );
    h.get_by_label("No differences: both hold the same map.");
}

#[test]
fn f8_steps_through_the_differences_and_close_ends_the_comparison() {
    let v = versions();
    let mut h = harness(&v.ours);
    h.state_mut().compare_with(&v.theirs, None);
    h.run_steps(2);
    assert_eq!(h.state().compare.as_ref().expect("on").current, Some(0));
    h.key_press(Key::F8);
    h.run();
    assert_eq!(h.state().compare.as_ref().expect("on").current, Some(1));
    h.key_press_modifiers(Modifiers::SHIFT, Key::F8);
    h.run();
    h.key_press_modifiers(Modifiers::SHIFT, Key::F8);
    h.run();
    let n = h.state().compare.as_ref().expect("on").review.changes.len();
    assert_eq!(
        h.state().compare.as_ref().expect("on").current,
        Some(n - 1),
        "wraps around"
    );
    // A click on a marker on the canvas picks that difference.
    let sentence = "Card “Charlie”: only here";
    h.get_all_by_label(sentence)
        .max_by(|a, b| a.rect().center().x.total_cmp(&b.rect().center().x))
        .expect("marker")
        .click();
    h.run();
    let c = h.state().compare.as_ref().expect("on");
    let charlie = (0..n)
        .find(|i| c.review.sentence(*i, h.state().doc.journey(), Language::En) == sentence)
        .expect("listed");
    assert_eq!(c.current, Some(charlie));
    h.get_by_label("Close").click();
    h.run_steps(2);
    assert!(h.state().compare.is_none());
    assert!(
        h.query_by_label("Card “Charlie”: only here").is_none(),
        "markers gone"
    );
    assert!(h.state().canvas.review.is_none());
}
