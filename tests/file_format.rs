//! The `.journey.ron` format: examples, templates, round trips, errors and atomic saves.

use journey_map::io::{self, LoadErrorKind};
use journey_map::model::{CurveKind, Journey, LaneKind, Language, Scale};
use journey_map::templates::Template;
use std::path::{Path, PathBuf};

fn examples() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/examples"))
            .expect("examples folder")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| io::is_journey_path(p))
            .collect();
    files.sort();
    files
}

fn load_example(name: &str) -> Journey {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name);
    io::load(&path).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn every_example_loads_validates_and_is_rich() {
    let files = examples();
    assert!(
        files.len() >= 3,
        "at least three example maps, found {files:?}"
    );
    let mut arcs = 0;
    let mut storyboards = 0;
    for path in files {
        let j = io::load(&path).unwrap_or_else(|e| panic!("{e}"));
        assert!(j.validate().is_empty());
        let name = path.display();
        assert!(!j.personas.is_empty(), "{name}: has a persona");
        assert!(j.cards.len() >= 15, "{name}: at least 15 cards");
        assert!(
            j.emotion_curves
                .iter()
                .any(|c| c.points.len() == j.columns().len()),
            "{name}: a full emotion curve"
        );
        assert!(
            j.cards.iter().any(|c| c.channel.is_some()),
            "{name}: channels"
        );
        // Every kind of lane, except Smaply's dramatic arc and the storyboard: optional.
        for kind in journey_map::model::LaneKind::ALL {
            assert!(
                matches!(kind, LaneKind::DramaticArc | LaneKind::Storyboard)
                    || j.lanes.iter().any(|l| l.kind == kind),
                "{name}: has a {kind:?} lane"
            );
        }
        if let Some(board) = j.lanes.iter().find(|l| l.kind == LaneKind::Storyboard) {
            storyboards += 1;
            assert!(
                j.cards
                    .iter()
                    .filter(|c| c.lane == board.id && c.image.is_some())
                    .count()
                    >= 2,
                "{name}: a storyboard with pictures"
            );
        }
        if j.lanes.iter().any(|l| l.kind == LaneKind::DramaticArc) {
            assert!(
                j.emotion_curves.iter().any(|c| c.kind == CurveKind::Engagement
                    && c.points.len() == j.columns().len()),
                "{name}: a dramatic arc lane has a full arc"
            );
            arcs += 1;
        }
    }
    assert!(arcs >= 1, "one example shows a dramatic arc");
    assert!(storyboards >= 1, "one example shows a storyboard");
}

#[test]
fn examples_are_in_canonical_layout() {
    // So that saving an unchanged example in the editor changes no byte (clean diffs).
    for path in examples() {
        let j = io::load(&path).unwrap_or_else(|e| panic!("{e}"));
        let on_disk = std::fs::read_to_string(&path).expect("readable");
        let canonical = io::to_ron_string(&j).expect("serializes");
        assert!(
            on_disk == canonical,
            "{} is not canonical: run `journey-map fmt {}`",
            path.display(),
            path.display()
        );
    }
}

#[test]
fn the_three_worked_examples_say_what_the_articles_say() {
    let choc = load_example("chocolate-bar.journey.ron");
    assert_eq!(choc.language, Language::Nl);
    let fulfil = load_example("fulfilment-partner.journey.ron");
    assert_eq!(fulfil.language, Language::Nl);
    assert_eq!(fulfil.phases.len(), 10, "Van der Kooi's ten phases");
    assert_eq!(fulfil.phases[0].name, "Latente behoefte");
    assert!(
        fulfil.phases.iter().any(|p| !p.steps.is_empty()),
        "a phase with steps"
    );
    let shop = load_example("webshop-see-think-do-care.journey.ron");
    assert_eq!(shop.language, Language::En);
    let names: Vec<_> = shop.phases.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["See", "Think", "Do", "Care", "Advocacy"]);
    assert!(!shop.kpis.is_empty());
}

#[test]
fn every_template_in_both_languages_validates_and_round_trips() {
    for t in Template::ALL {
        for lang in Language::ALL {
            let j = t.build(lang);
            assert!(
                j.validate().is_empty(),
                "{} {lang}: {:?}",
                t.key(),
                j.validate()
            );
            let text = io::to_ron_string(&j).expect("serializes");
            let back = io::from_ron_str(&text, Path::new("t.journey.ron")).expect("loads");
            assert_eq!(back, j);
        }
    }
    let vdk = Template::VanDerKooi10.build(Language::Nl);
    assert_eq!(
        vdk.phases.first().map(|p| p.name.as_str()),
        Some("Latente behoefte")
    );
    assert_eq!(
        vdk.phases.last().map(|p| p.name.as_str()),
        Some("Ambassadeursfase")
    );
    assert_eq!(Template::Pondres9.build(Language::En).phases.len(), 9);
    let data = Template::DataSteps5.build(Language::Nl);
    let names: Vec<_> = data.phases.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Bewustzijn",
            "Overweging",
            "Aankoop",
            "Service",
            "Loyaliteit"
        ]
    );
}

#[test]
fn output_is_deterministic_and_starts_with_the_version() {
    let j = load_example("fulfilment-partner.journey.ron");
    let a = io::to_ron_string(&j).expect("serializes");
    let b = io::to_ron_string(&j.clone()).expect("serializes");
    assert_eq!(a, b);
    assert!(
        a.starts_with("(\n    version: 1,\n"),
        "version first: {}",
        &a[..40]
    );
}

fn err_of(text: &str) -> io::LoadError {
    io::from_ron_str(text, Path::new("map.journey.ron")).expect_err("should be refused")
}

fn minimal() -> String {
    io::to_ron_string(&Template::Blank.build(Language::En)).expect("serializes")
}

#[test]
fn syntax_errors_name_file_line_and_column() {
    // Drop the comma after the title: the parser stops on the next line.
    let text = minimal().replacen("\",\n", "\"\n", 1);
    let e = err_of(&text);
    assert_eq!(e.kind, LoadErrorKind::Syntax);
    let (line, col) = e.position.expect("has a position");
    assert!(line >= 3, "{e}");
    assert!(col >= 1);
    assert!(
        e.to_string()
            .starts_with(&format!("map.journey.ron:{line}:{col}: ")),
        "{e}"
    );
}

#[test]
fn unknown_fields_are_named_with_what_was_expected() {
    let text = minimal().replacen("title:", "titel:", 1);
    let e = err_of(&text);
    let msg = e.to_string();
    assert!(msg.contains("titel") && msg.contains("`title`"), "{msg}");
    assert_eq!(e.position.map(|p| p.0), Some(4), "{msg}");
}

#[test]
fn dangling_ids_point_at_the_bad_reference() {
    let mut j = Template::Blank.build(Language::En);
    j.kpis.push(journey_map::model::Kpi {
        id: "k1".into(),
        phase: "x".into(),
        name: "visits".into(),
        value: "12".into(),
    });
    let text = io::to_ron_string(&j).expect("serializes");
    let e = err_of(&text);
    assert_eq!(e.kind, LoadErrorKind::Invalid);
    let (line, col) = e.position.expect("located");
    let line_text = text.lines().nth(line - 1).expect("line exists");
    assert!(
        line_text.contains("phase: \"x\""),
        "line {line}: {line_text}"
    );
    assert_eq!(&line_text[col - 1..col + 5], "phase:", "{line_text}");
    assert!(e.message.contains("expected a phase id"), "{e}");
    assert!(e.message.contains("found \"x\""), "{e}");
}

#[test]
fn a_newer_format_is_refused_naming_both_versions() {
    let text = minimal().replacen("version: 1", "version: 7", 1);
    let e = err_of(&text);
    assert_eq!(e.kind, LoadErrorKind::NewerVersion);
    assert!(
        e.message.contains("version 7") && e.message.contains("up to 1"),
        "{e}"
    );
}

#[test]
fn a_file_without_version_is_refused_clearly() {
    let e = err_of("(title: \"x\")");
    assert!(e.message.contains("version"), "{e}");
}

#[test]
fn notepad_files_with_bom_crlf_and_comments_open() {
    let original = minimal();
    let mut text = String::from("\u{feff}// exported from the client workshop\n");
    text.push_str(&original.replace('\n', "\r\n").replacen(
        "journey: (",
        "/* edited by hand */ journey: (",
        1,
    ));
    let j = io::from_bytes(text.as_bytes(), Path::new("x.journey.ron")).expect("opens");
    assert_eq!(j, Template::Blank.build(Language::En));
    // And as UTF-16, which Notepad calls "Unicode".
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(original.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    assert!(io::from_bytes(&utf16, Path::new("x.journey.ron")).is_ok());
}

#[test]
fn validation_catches_what_the_ui_must_never_see() {
    let mut j = Template::Pondres9.build(Language::Nl);
    j.lanes[0].height = f32::NAN;
    j.emotion_curves[0].points[0].value = 9.0;
    j.phases[1].id = j.phases[0].id.clone();
    let problems = j.validate();
    let all = problems
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n");
    assert!(all.contains("height"), "{all}");
    assert!(
        all.contains("expected a value from -2 to 2, found 9"),
        "{all}"
    );
    assert!(all.contains("used twice"), "{all}");

    // A dramatic arc lives on its own 1 to 5 scale.
    let mut j = Template::Pondres9.build(Language::Nl);
    let mut arc = j.emotion_curves[0].clone();
    arc.id = "arc".into();
    arc.kind = CurveKind::Engagement;
    j.emotion_curves.push(arc);
    let all = j
        .validate()
        .iter()
        .map(ToString::to_string)
        .collect::<String>();
    assert!(
        all.contains("expected the engagement scale of a dramatic arc, 1 to 5, found -2 to 2"),
        "{all}"
    );
    j.emotion_curves[1].scale = Scale::engagement();
    for p in &mut j.emotion_curves[1].points {
        p.value = 3.0;
    }
    assert!(j.validate().is_empty(), "{:?}", j.validate());
}

#[test]
fn a_failed_save_leaves_the_target_untouched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let j = Template::Blank.build(Language::En);
    let missing = dir.path().join("no-such-folder").join("map.journey.ron");
    let e = io::save(&missing, &j).expect_err("folder is missing");
    assert!(e.to_string().contains("does not exist"), "{e}");
    assert!(!missing.exists());

    let target = dir.path().join("map.journey.ron");
    std::fs::write(&target, b"old contents").expect("write");
    let mut perms = std::fs::metadata(&target).expect("meta").permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&target, perms).expect("chmod");
    let e = io::save(&target, &j).expect_err("read-only");
    assert!(e.to_string().contains("read-only"), "{e}");
    assert_eq!(std::fs::read(&target).expect("read"), b"old contents");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("list")
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .collect();
    assert_eq!(leftovers.len(), 1, "no temp files left: {leftovers:?}");
}

#[test]
fn save_replaces_the_file_and_leaves_no_temp_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("map.journey.ron");
    std::fs::write(&target, b"old").expect("write");
    let j = load_example("chocolate-bar.journey.ron");
    io::save(&target, &j).expect("saves");
    assert_eq!(io::load(&target).expect("loads"), j);
    assert_eq!(std::fs::read_dir(dir.path()).expect("list").count(), 1);
}

#[test]
fn loading_a_missing_or_huge_file_says_so() {
    let e = io::load(Path::new("/nonexistent/x.journey.ron")).expect_err("missing");
    assert!(e.to_string().contains("no such file"), "{e}");
    let dir = tempfile::tempdir().expect("temp dir");
    let big = dir.path().join("big.journey.ron");
    let f = std::fs::File::create(&big).expect("create");
    f.set_len(io::MAX_FILE_BYTES + 10).expect("sparse file");
    let e = io::load(&big).expect_err("too large");
    assert_eq!(e.kind, LoadErrorKind::TooLarge);
}

#[test]
fn the_annotated_example_in_the_format_docs_loads() {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/FORMAT.md"))
        .expect("docs/FORMAT.md");
    let start = doc.find("```ron\n").expect("a ron block") + "```ron\n".len();
    let end = start + doc[start..].find("```").expect("closed block");
    let j = io::from_ron_str(&doc[start..end], Path::new("FORMAT.md"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        j.summary(),
        "2 phases, 7 lanes, 3 cards, 1 persona, 5 emotion points"
    );
    assert_eq!(j.emotion_curves[1].kind, CurveKind::Engagement);
    assert_eq!(j.emotion_curves[0].kind, CurveKind::Emotion);
    // This wave's fields, each shown once.
    assert!(j.emotion_curves[0].evidence);
    let c3 = j.cards.iter().find(|c| c.id.as_str() == "c3").expect("c3");
    assert_eq!(c3.sentiment, Some(-1.0));
    assert_eq!(j.lanes[5].funnel.as_deref(), Some("bezoekers"));
    assert_eq!(j.lanes[6].kind, LaneKind::Storyboard);
    assert_eq!(j.loops.len(), 1);
}
