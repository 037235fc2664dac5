//! Typing into any inspector field changes that field and nothing else. (Typing into the map's
//! description once replaced the whole map with a copy that had no cards.)

use egui::{Key, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use journey_map::io;
use journey_map::model::Journey;
use journey_map::ui::{App, NoPicker, Prefs, Selection};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn harness(path: &Path) -> Harness<'static, App> {
    let path = path.to_owned();
    let mut h = Harness::builder()
        .with_size(Vec2::new(1600.0, 1400.0))
        .with_step_dt(1.0 / 60.0)
        .build_eframe(move |_| App::with_picker(Some(path), Prefs::default(), Box::new(NoPicker)));
    h.run_steps(2);
    h
}

fn examples() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir("examples")
        .expect("examples folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| io::is_journey_path(p))
        .collect();
    v.sort();
    assert!(v.len() >= 3, "the examples are there");
    v
}

/// The map as leaf paths ("/cards/3/title") and values.
fn leaves(j: &Journey) -> BTreeMap<String, String> {
    fn walk(v: &serde_json::Value, path: String, out: &mut BTreeMap<String, String>) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, v) in m {
                    walk(v, format!("{path}/{k}"), out);
                }
            }
            serde_json::Value::Array(a) => {
                out.insert(format!("{path}#len"), a.len().to_string());
                for (i, v) in a.iter().enumerate() {
                    walk(v, format!("{path}/{i}"), out);
                }
            }
            other => {
                out.insert(path, other.to_string());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(
        &serde_json::to_value(j).expect("serialises"),
        String::new(),
        &mut out,
    );
    out
}

/// The fields whose values differ: a leaf's path without list positions or lengths at its
/// end, so one line more in a persona's goals is one field.
fn changed_fields(a: &Journey, b: &Journey) -> Vec<String> {
    let (a, b) = (leaves(a), leaves(b));
    let mut fields: Vec<String> = a
        .keys()
        .chain(b.keys())
        .filter(|k| a.get(*k) != b.get(*k))
        .map(|k| {
            let mut k = k.trim_end_matches("#len").to_owned();
            while let Some((head, tail)) = k.rsplit_once('/') {
                if tail.parse::<usize>().is_ok() {
                    k = head.to_owned();
                } else {
                    break;
                }
            }
            // The emotion scale is one setting of the map, kept in each emotion curve.
            if let Some(rest) = k.strip_prefix("/emotion_curves/")
                && let Some((_, field)) = rest.split_once('/')
                && field.starts_with("scale")
            {
                k = format!("/emotion_curves/*/{field}");
            }
            k
        })
        .collect();
    fields.sort();
    fields.dedup();
    fields
}

/// Every id in the map, by kind.
fn ids(j: &Journey) -> Vec<Vec<String>> {
    vec![
        j.cards.iter().map(|c| c.id.0.clone()).collect(),
        j.phases.iter().map(|p| p.id.0.clone()).collect(),
        j.phases
            .iter()
            .flat_map(|p| p.steps.iter().map(|s| s.id.0.clone()))
            .collect(),
        j.lanes.iter().map(|l| l.id.0.clone()).collect(),
        j.personas.iter().map(|p| p.id.0.clone()).collect(),
        j.emotion_curves.iter().map(|c| c.id.0.clone()).collect(),
        j.emotion_curves
            .iter()
            .map(|c| c.points.len().to_string())
            .collect(),
        j.kpis.iter().map(|k| k.id.0.clone()).collect(),
    ]
}

/// What the inspector can show for a map: the map itself, a phase (one with steps when there
/// is one), a lane, a card (one with a custom channel when there is one), every persona and
/// an emotion point.
fn targets(j: &Journey) -> Vec<(String, Selection)> {
    let mut t = vec![("map".to_owned(), Selection::default())];
    let phase = j
        .phases
        .iter()
        .find(|p| !p.steps.is_empty())
        .or(j.phases.first());
    if let Some(p) = phase {
        let sel = Selection {
            phase: Some(p.id.clone()),
            ..Selection::default()
        };
        t.push((format!("phase {}", p.id), sel));
    }
    if let Some(l) = j.lanes.first() {
        let sel = Selection {
            lane: Some(l.id.clone()),
            ..Selection::default()
        };
        t.push((format!("lane {}", l.id), sel));
    }
    let custom = j
        .cards
        .iter()
        .find(|c| matches!(c.channel, Some(journey_map::model::Channel::Custom { .. })));
    if let Some(c) = custom.or(j.cards.iter().find(|c| !c.body.is_empty())) {
        t.push((format!("card {}", c.id), Selection::card(c.id.clone())));
    }
    for p in &j.personas {
        let sel = Selection {
            persona: Some(p.id.clone()),
            ..Selection::default()
        };
        t.push((format!("persona {}", p.id), sel));
    }
    if let Some((curve, col)) = j.emotion_curves.iter().find_map(|c| {
        c.points
            .first()
            .and_then(|p| j.column_of(&p.at))
            .map(|col| (c.id.clone(), col))
    }) {
        let sel = Selection {
            point: Some((curve.clone(), col)),
            ..Selection::default()
        };
        t.push((format!("point {curve} {col}"), sel));
    }
    t
}

fn text_inputs(h: &Harness<'_, App>) -> Vec<String> {
    h.query_all_by(|n| {
        matches!(
            n.role(),
            egui::Role::TextInput | egui::Role::MultilineTextInput
        )
    })
    .map(|n| n.accesskit_node().label().unwrap_or_default())
    .collect()
}

#[test]
fn typing_into_any_inspector_field_changes_that_field_only() {
    let mut fields_typed = 0;
    for example in examples() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("map.journey.ron");
        std::fs::copy(&example, &path).expect("copy");
        let mut h = harness(&path);
        let start = h.state().doc.journey().clone();
        for (what, sel) in targets(&start) {
            h.state_mut().sel = sel.clone();
            h.run();
            let labels = text_inputs(&h);
            assert!(
                !labels.is_empty(),
                "{}: {what} shows fields",
                example.display()
            );
            for i in 0..labels.len() {
                h.state_mut().sel = sel.clone();
                h.run();
                let before = h.state().doc.journey().clone();
                let node = h
                    .query_all_by(|n| {
                        matches!(
                            n.role(),
                            egui::Role::TextInput | egui::Role::MultilineTextInput
                        )
                    })
                    .nth(i)
                    .unwrap_or_else(|| panic!("{what}: field {i} is still there"));
                let label = node.accesskit_node().label().unwrap_or_default();
                node.focus();
                h.run();
                h.event(egui::Event::Text("Ω".into()));
                h.run();
                h.key_press(Key::Tab);
                h.run();
                let after = h.state().doc.journey().clone();
                let at = format!("{}: {what}, field {label:?}", example.display());
                assert_eq!(ids(&before), ids(&after), "{at}: nothing added or removed");
                let changed = changed_fields(&before, &after);
                // A list of level names waits until it has a name per level.
                let waits = label.starts_with("Level names") && changed.is_empty();
                assert!(
                    changed.len() == 1 || waits,
                    "{at}: exactly one field changes, found {changed:?}"
                );
                if !changed.is_empty() {
                    fields_typed += 1;
                    assert!(
                        h.state().doc.undo_name().is_some(),
                        "{at}: typing is an undo step"
                    );
                    h.state_mut().doc.undo();
                    assert_eq!(
                        h.state().doc.journey(),
                        &before,
                        "{at}: undo restores the map"
                    );
                    h.state_mut().doc.redo();
                }
                assert!(
                    h.state_mut().doc.take_refused().is_empty(),
                    "{at}: no edit refused"
                );
            }
        }
        // And the edited map saves and reopens with every card.
        assert!(h.state_mut().save(), "saves");
        let saved = io::load(&path).expect("reopens");
        assert_eq!(
            saved.cards.len(),
            start.cards.len(),
            "{}",
            example.display()
        );
    }
    assert!(fields_typed >= 60, "typed into {fields_typed} fields");
}

#[test]
fn typing_into_the_map_description_keeps_every_card() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("choc.journey.ron");
    std::fs::copy("examples/chocolate-bar.journey.ron", &path).expect("copy");
    let mut h = harness(&path);
    let cards = h.state().doc.journey().cards.len();
    assert!(cards > 30);
    h.get_by_label("Description").focus();
    h.run();
    h.event(egui::Event::Text("x".into()));
    h.run();
    assert!(h.state().doc.journey().description.ends_with('x'));
    assert_eq!(h.state().doc.journey().cards.len(), cards);
    assert!(h.state_mut().save());
    assert_eq!(io::load(&path).expect("reopens").cards.len(), cards);
}

#[test]
fn the_export_dialog_says_how_many_texts_a_slide_shortens() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("ful.journey.ron");
    std::fs::copy("examples/fulfilment-partner.journey.ron", &path).expect("copy");
    let mut h = harness(&path);
    h.state_mut().open_export_dialog();
    h.run();
    let expected = io::export::plan(h.state().doc.journey(), &Default::default())
        .expect("plans")
        .layout
        .shortened;
    assert!(expected > 0);
    h.get_by_label_contains(&format!("{expected} texts are shortened to fit one page"));
    // Asking for detail pages writes them, every one carrying the map.
    h.get_by_label_contains("Overview and detail pages").click();
    h.run();
    let target = dir.path().join("ful.png");
    h.state_mut().export_dialog.as_mut().expect("open").path = target.display().to_string();
    h.get_by_label("Export").click();
    let first = dir.path().join("ful-1.png");
    for _ in 0..600 {
        h.step();
        if !h.state().is_exporting() && first.exists() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(first.exists(), "the overview page is written");
    assert!(dir.path().join("ful-3.png").exists(), "and detail pages");
    assert!(!target.exists(), "pages, not one picture");
    assert_eq!(
        io::load(&dir.path().join("ful-3.png")).expect("a page opens as the map"),
        *h.state().doc.journey()
    );
}

/// Exports the fulfilment example through the dialog as the format labelled `label`, all
/// pages, into one file `ful.EXT`; returns the harness, the file and its bytes.
fn export_one_file_through_dialog(
    dir: &Path,
    label: &str,
    ext: &str,
) -> (Harness<'static, App>, PathBuf, Vec<u8>) {
    let path = dir.join("ful.journey.ron");
    std::fs::copy("examples/fulfilment-partner.journey.ron", &path).expect("copy");
    let mut h = harness(&path);
    h.state_mut().open_export_dialog();
    h.run();
    // Choosing the format turns the proposed file name into its extension.
    h.get_by_label(label).click();
    h.run();
    let proposed = h.state().export_dialog.as_ref().expect("open").path.clone();
    assert!(proposed.ends_with(&format!(".{ext}")), "{proposed}");
    h.get_by_label_contains("Overview and detail pages").click();
    h.run();
    let target = dir.join(format!("ful.{ext}"));
    h.state_mut().export_dialog.as_mut().expect("open").path = target.display().to_string();
    h.get_by_label("Export").click();
    for _ in 0..600 {
        h.step();
        if !h.state().is_exporting() && target.exists() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(target.exists(), "one {ext} of all pages");
    assert!(
        !dir.join(format!("ful-1.{ext}")).exists(),
        "not a file per page"
    );
    let bytes = std::fs::read(&target).expect("exported file");
    (h, target, bytes)
}

#[test]
fn the_export_dialog_writes_a_pdf_of_every_page() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (h, target, bytes) = export_one_file_through_dialog(dir.path(), "PDF", "pdf");
    let pages = bytes
        .windows(b"/Type /Page\n".len())
        .filter(|w| w.starts_with(b"/Type /Page") && !w[11].is_ascii_alphabetic())
        .count()
        + bytes
            .windows(b"/Type/Page/".len())
            .filter(|w| w.starts_with(b"/Type/Page") && !w[10].is_ascii_alphabetic())
            .count();
    let plan = io::export::plan_pages(h.state().doc.journey(), &Default::default()).expect("plans");
    assert_eq!(pages, plan.pages.len(), "a PDF page per page");
    assert_eq!(
        io::load(&target).expect("the PDF opens as the map"),
        *h.state().doc.journey()
    );
}

#[test]
fn the_export_dialog_writes_a_deck_of_every_page() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (h, target, bytes) = export_one_file_through_dialog(dir.path(), "PowerPoint", "pptx");
    let zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let slides = zip
        .file_names()
        .filter_map(Result::ok)
        .filter(|n| n.starts_with("ppt/slides/slide") && n.ends_with(".xml"))
        .count();
    let plan = io::export::plan_pages(h.state().doc.journey(), &Default::default()).expect("plans");
    assert_eq!(slides, plan.pages.len(), "a slide per page");
    assert_eq!(
        io::load(&target).expect("the deck opens as the map"),
        *h.state().doc.journey()
    );
}

#[test]
fn help_about_names_the_version_and_the_file_format() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("ful.journey.ron");
    std::fs::copy("examples/fulfilment-partner.journey.ron", &path).expect("copy");
    let mut h = harness(&path);
    h.state_mut().renderer = "Vulkan on a test adapter".into();
    h.get_by_label("Help").click();
    h.run();
    h.get_by_label("About journey-map").click();
    h.run();
    assert!(h.state().about_open);
    h.get_by_label(&format!("journey-map {}", env!("CARGO_PKG_VERSION")));
    h.get_by_label("Vulkan on a test adapter");
    h.get_by_label_contains(".journey.ron, version");
}
