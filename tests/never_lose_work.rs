//! The promise: a crash, a kill, a full or read-only disk, or a colleague's newer file never
//! costs work.

use egui::{Key, Modifiers, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use journey_map::edit::Edit;
use journey_map::io;
use journey_map::model::Language;
use journey_map::templates::Template;
use journey_map::ui::{App, NoPicker, Prefs};
use std::path::{Path, PathBuf};

fn harness(file: &Path, recovery: &Path) -> Harness<'static, App> {
    let (file, recovery) = (file.to_owned(), recovery.to_owned());
    let mut h = Harness::builder()
        .with_size(Vec2::new(1400.0, 900.0))
        .with_step_dt(1.0 / 60.0)
        .build_eframe(move |_| {
            App::with_recovery(
                Some(file),
                Prefs::default(),
                Box::new(NoPicker),
                Some(recovery),
            )
        });
    h.run_steps(2);
    h
}

fn map_file(dir: &Path) -> PathBuf {
    let path = dir.join("client.journey.ron");
    let mut j = Template::Pondres9.build(Language::Nl);
    j.title = "Klantreis".into();
    io::save(&path, &j).expect("saves");
    path
}

/// Makes the recovery copies look like they were left by a process that has died.
fn pretend_the_editor_died(recovery: &Path) {
    for entry in std::fs::read_dir(recovery)
        .expect("recovery folder")
        .filter_map(Result::ok)
    {
        let p = entry.path();
        if p.extension().is_some_and(|e| e == "source") {
            let text = std::fs::read_to_string(&p).expect("read");
            let rest = text.split_once('\n').map_or("", |(_, r)| r);
            std::fs::write(&p, format!("pid 999999999\n{rest}")).expect("write");
        }
    }
}

#[test]
fn unsaved_edits_survive_a_crash_and_are_offered_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    let recovery = dir.path().join("recovery");
    let path = map_file(dir.path());
    let on_disk = std::fs::read(&path).expect("read");
    {
        let mut h = harness(&path, &recovery);
        h.state_mut()
            .doc
            .apply(Edit::SetTitle("Klantreis, bijna af".into()))
            .expect("edit");
        // Autosave happens a few seconds after the last change.
        for _ in 0..(60.0 * (journey_map::ui::AUTOSAVE_AFTER_SECS + 1.0)) as usize {
            h.step();
        }
        assert_eq!(
            std::fs::read(&path).expect("read"),
            on_disk,
            "the user's file is not touched"
        );
        // The process dies here: no save, no clean quit.
    }
    pretend_the_editor_died(&recovery);
    let mut h = harness(&path, &recovery);
    h.get_by_label("Recovered work");
    assert_eq!(h.state().recovered.len(), 1);
    assert_eq!(
        h.state().recovered[0].source.as_deref(),
        Some(path.as_path())
    );
    h.get_by_label("Restore").click();
    h.run();
    assert_eq!(h.state().doc.journey().title, "Klantreis, bijna af");
    assert!(h.state().doc.is_dirty(), "restored work still needs saving");
    assert_eq!(h.state().path(), Some(path.as_path()));
    // Saving it clears the recovery copy.
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert_eq!(io::load(&path).expect("loads").title, "Klantreis, bijna af");
    let left: Vec<_> = std::fs::read_dir(&recovery)
        .expect("list")
        .filter_map(Result::ok)
        .collect();
    assert!(
        left.is_empty(),
        "a clean save leaves nothing to recover: {left:?}"
    );
}

#[test]
fn discarding_a_recovered_map_deletes_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let recovery = dir.path().join("recovery");
    let path = map_file(dir.path());
    {
        let mut h = harness(&path, &recovery);
        h.state_mut()
            .doc
            .apply(Edit::SetTitle("weg".into()))
            .expect("edit");
        h.state_mut().autosave_now();
    }
    pretend_the_editor_died(&recovery);
    let mut h = harness(&path, &recovery);
    h.get_by_label("Discard").click();
    h.run();
    assert!(h.state().recovered.is_empty());
    assert_eq!(h.state().doc.journey().title, "Klantreis");
    assert_eq!(std::fs::read_dir(&recovery).expect("list").count(), 0);
}

#[test]
fn saving_over_a_file_a_colleague_changed_asks_first() {
    let dir = tempfile::tempdir().expect("temp dir");
    let recovery = dir.path().join("recovery");
    let path = map_file(dir.path());
    let mut h = harness(&path, &recovery);
    h.state_mut()
        .doc
        .apply(Edit::SetTitle("Mijn versie".into()))
        .expect("edit");
    // A colleague's sync writes a new version meanwhile.
    let mut theirs = io::load(&path).expect("loads");
    theirs.title = "Versie van een collega, met meer tekst".into();
    io::save(&path, &theirs).expect("saves");
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert_eq!(
        io::load(&path).expect("loads"),
        theirs,
        "not silently overwritten"
    );
    h.get_by_label("The file changed on disk");
    h.get_by_label("Reload from disk (lose my changes)").click();
    h.run();
    assert_eq!(h.state().doc.journey(), &theirs);
    // Now edit again and choose to overwrite after a second change on disk.
    h.state_mut()
        .doc
        .apply(Edit::SetTitle("Toch de mijne".into()))
        .expect("edit");
    theirs.title = "Nog een versie van de collega".into();
    io::save(&path, &theirs).expect("saves");
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    h.get_by_label("Overwrite").click();
    h.run();
    assert_eq!(io::load(&path).expect("loads").title, "Toch de mijne");
    assert!(!h.state().doc.is_dirty());
}

#[test]
fn a_failed_save_keeps_the_changes_and_says_why() {
    let dir = tempfile::tempdir().expect("temp dir");
    let recovery = dir.path().join("recovery");
    let path = map_file(dir.path());
    let mut perms = std::fs::metadata(&path).expect("meta").permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&path, perms).expect("chmod");
    let mut h = harness(&path, &recovery);
    h.state_mut()
        .doc
        .apply(Edit::SetTitle("Onopgeslagen".into()))
        .expect("edit");
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let err = h.state().error.clone().expect("the reason is shown");
    assert!(err.contains("read-only"), "{err}");
    assert!(h.state().doc.is_dirty(), "the changes are still there");
    assert_eq!(h.state().doc.journey().title, "Onopgeslagen");
    assert_eq!(io::load(&path).expect("loads").title, "Klantreis");
}

#[test]
fn the_first_save_after_a_migration_keeps_the_original_as_bak() {
    // Format version 1 is the first, so no file needs migrating yet; this drives the mechanism
    // the way opening an older file will.
    let dir = tempfile::tempdir().expect("temp dir");
    let recovery = dir.path().join("recovery");
    let path = map_file(dir.path());
    let original = std::fs::read(&path).expect("read");
    let mut h = harness(&path, &recovery);
    assert_eq!(
        h.state().migrated_from,
        None,
        "a current file is not migrated"
    );
    h.state_mut().migrated_from = Some(0);
    h.state_mut()
        .doc
        .apply(Edit::SetTitle("Na migratie".into()))
        .expect("edit");
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let bak = dir.path().join("client.journey.ron.bak");
    assert_eq!(std::fs::read(&bak).expect("a .bak"), original);
    assert_eq!(io::load(&path).expect("loads").title, "Na migratie");
    // Only the first save.
    std::fs::remove_file(&bak).expect("rm");
    h.state_mut()
        .doc
        .apply(Edit::SetTitle("Later".into()))
        .expect("edit");
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(!bak.exists());
}

#[test]
fn saving_a_map_opened_from_a_picture_leaves_the_picture_alone() {
    for ext in ["png", "svg"] {
        let dir = tempfile::tempdir().expect("temp dir");
        let recovery = dir.path().join("recovery");
        let map = map_file(dir.path());
        let j = io::load(&map).expect("loads");
        let picture = dir.path().join(format!("kiosk.{ext}"));
        io::export::export_file(&j, &picture, &io::export::ExportOptions::default())
            .expect("exports");
        let bytes = std::fs::read(&picture).expect("read");
        let mut h = harness(&picture, &recovery);
        assert_eq!(h.state().doc.journey(), &j, "{ext}: the map inside opens");
        assert_eq!(h.state().path(), None, "{ext}: nothing Save may write over");
        let title = h.state().window_title();
        assert!(title.contains(&format!("kiosk.{ext} (")), "{title}");
        h.state_mut()
            .doc
            .apply(Edit::SetTitle("Bewerkt".into()))
            .expect("edit");
        h.run();
        h.key_press_modifiers(Modifiers::COMMAND, Key::S);
        h.run();
        h.run();
        // Save acts as Save As, proposing a journey map beside the picture.
        let proposed = dir.path().join("kiosk.journey.ron");
        let shown = proposed.display().to_string();
        h.get_by(|n| {
            n.role() == egui::Role::TextInput && n.value().as_deref() == Some(shown.as_str())
        });
        h.get_by_label("OK").click();
        h.run();
        h.run();
        assert_eq!(
            std::fs::read(&picture).expect("read"),
            bytes,
            "{ext} untouched"
        );
        assert_eq!(io::load(&proposed).expect("saved").title, "Bewerkt");
        assert_eq!(h.state().path(), Some(proposed.as_path()));
        assert!(!h.state().doc.is_dirty());
        // From now on Ctrl+S saves the journey map, still never the picture.
        h.state_mut()
            .doc
            .apply(Edit::SetTitle("Nog eens".into()))
            .expect("edit");
        h.key_press_modifiers(Modifiers::COMMAND, Key::S);
        h.run();
        assert_eq!(io::load(&proposed).expect("saved").title, "Nog eens");
        assert_eq!(
            std::fs::read(&picture).expect("read"),
            bytes,
            "{ext} untouched"
        );
    }
}

#[test]
fn a_new_map_nobody_touched_is_clean_and_leaves_no_recovery_copy() {
    let dir = tempfile::tempdir().expect("temp dir");
    let recovery = dir.path().join("recovery");
    let mut h = Harness::builder()
        .with_size(Vec2::new(1400.0, 900.0))
        .with_step_dt(1.0 / 60.0)
        .build_eframe({
            let recovery = recovery.clone();
            move |_| App::with_recovery(None, Prefs::default(), Box::new(NoPicker), Some(recovery))
        });
    h.run_steps(3);
    assert!(!h.state().doc.is_dirty(), "no phantom changes");
    assert!(!h.state().window_title().starts_with('*'));
    assert!(h.query_by_label("Unsaved changes").is_none());
    h.state_mut().autosave_now();
    let copies = std::fs::read_dir(&recovery).map_or(0, |d| d.count());
    assert_eq!(copies, 0, "nothing to recover from a map nobody made");
    // The first edit makes it a map worth keeping.
    h.state_mut()
        .doc
        .apply(journey_map::edit::Edit::SetTitle("Mijn kaart".into()))
        .expect("edit");
    h.run();
    assert!(h.state().doc.is_dirty());
    h.state_mut().autosave_now();
    let copies = std::fs::read_dir(&recovery).map_or(0, |d| d.count());
    assert!(copies > 0, "an edited new map is kept for recovery");
}

#[test]
fn a_recovery_copy_of_a_file_that_moved_on_says_so_and_never_overwrites_it_silently() {
    let dir = tempfile::tempdir().expect("temp dir");
    let recovery = dir.path().join("recovery");
    let path = map_file(dir.path());
    {
        let mut h = harness(&path, &recovery);
        h.state_mut()
            .doc
            .apply(Edit::SetTitle("Mijn versie".into()))
            .expect("edit");
        h.state_mut().autosave_now();
        // The process dies here.
    }
    pretend_the_editor_died(&recovery);
    // Meanwhile a colleague's sync writes a newer version of the file.
    std::thread::sleep(std::time::Duration::from_millis(50));
    let mut theirs = io::load(&path).expect("loads");
    theirs.phases[0].name = "Door een collega".into();
    io::save(&path, &theirs).expect("saves");
    let mut h = harness(&path, &recovery);
    h.get_by_label_contains("The file changed on disk");
    assert!(h.state().recovered[0].source_moved_on().is_some());
    h.get_by_label("Compare with the file").click();
    h.run();
    // What restoring would change, in sentences, before anything happens.
    h.get_by_label("map “Mijn versie” title: “Klantreis” → “Mijn versie”");
    h.get_by_label_contains("name: “Door een collega” →");
    h.get_by_label("Restore").click();
    h.run();
    assert_eq!(h.state().doc.journey().title, "Mijn versie");
    // Saving asks first: the newer file is never silently overwritten.
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    h.get_by_label("The file changed on disk");
    assert_eq!(
        io::load(&path).expect("loads"),
        theirs,
        "the colleague's work is intact"
    );
}

#[test]
fn a_map_open_in_another_window_is_not_opened_twice_without_asking() {
    let dir = tempfile::tempdir().expect("temp dir");
    let recovery = dir.path().join("recovery");
    let path = map_file(dir.path());
    let first = harness(&path, &recovery);
    assert_eq!(first.state().path(), Some(path.as_path()));
    // A second double-click on the same map.
    let mut second = harness(&path, &recovery);
    second.get_by_label("Already open");
    assert_eq!(second.state().already_open.as_deref(), Some(path.as_path()));
    second
        .get_by_label("Open read-only (save as a new map)")
        .click();
    second.run();
    assert_eq!(second.state().doc.journey().title, "Klantreis");
    assert_eq!(second.state().path(), None, "Save never writes over it");
    assert!(
        second.state().window_title().contains("(read-only)"),
        "{}",
        second.state().window_title()
    );
    // Esc cancels; "Open anyway" opens it for editing (its save meets the changed-on-disk
    // question if the other window saved first).
    let mut third = harness(&path, &recovery);
    third.key_press(Key::Escape);
    third.run();
    assert!(third.state().already_open.is_none());
    assert_eq!(third.state().path(), None, "nothing opened");
    // When the first window closes (or dies), the map opens without a question.
    drop(first);
    let fourth = harness(&path, &recovery);
    assert!(fourth.state().already_open.is_none());
    assert_eq!(fourth.state().path(), Some(path.as_path()));
}

#[test]
fn the_changed_on_disk_question_offers_to_compare_with_the_newer_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let recovery = dir.path().join("recovery");
    let path = map_file(dir.path());
    let mut h = harness(&path, &recovery);
    h.state_mut()
        .doc
        .apply(Edit::SetTitle("Mijn versie".into()))
        .expect("edit");
    let mut theirs = io::load(&path).expect("loads");
    theirs.phases[0].name = "Door een collega".into();
    io::save(&path, &theirs).expect("saves");
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    h.get_by_label("The file changed on disk");
    h.get_by_label("Compare").click();
    h.run_steps(2);
    // Both differences listed, from this map's side; nothing written, nothing lost.
    let compare = h.state().compare.as_ref().expect("the compare view");
    assert_eq!(compare.label, "the file on disk");
    assert_eq!(compare.review.changes.len(), 2);
    assert_eq!(
        h.get_all_by_label_contains("name: here “").count(),
        2,
        "in the list and on the header"
    );
    assert_eq!(io::load(&path).expect("loads"), theirs);
    assert_eq!(h.state().doc.journey().title, "Mijn versie");
    // Taking the colleague's phase name over keeps my title.
    let phase = h
        .get_all_by_label_contains("there “Door een collega”")
        .next()
        .expect("listed");
    phase.click();
    h.run();
    h.get_by_label("Take over").click();
    h.run_steps(2);
    let j = h.state().doc.journey();
    assert_eq!(j.title, "Mijn versie");
    assert_eq!(j.phases[0].name, "Door een collega");
}
