//! `journey-map import` and the data exports, through the binary: a corpus of mermaid journeys
//! covering the grammar and what the wild bends; spreadsheets written by independent programs
//! (openpyxl, LibreOffice Calc, a Dutch Excel's semicolons in Windows-1252); every example out
//! as CSV, Excel and mermaid and back; hostile files refused fast.

use journey_map::model::{Journey, LaneKind};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn journey_map(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_journey-map"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs")
}

fn tempdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("jm-import-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn corpus(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/import")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

/// Exports the map `map` to `file` (its extension says the format); fails the test if it fails.
fn export(map: &Path, file: &Path) -> Output {
    let o = journey_map(&[
        "export",
        &map.to_string_lossy(),
        "-o",
        &file.to_string_lossy(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    o
}

/// Imports `file` into `dir` and loads the map; the command's stderr too (its warnings).
fn import(file: &str, dir: &Path, extra: &[&str]) -> (Journey, String) {
    let out = dir.join("out.journey.ron");
    let o = journey_map(
        &[
            &["import", file, "-o", &out.to_string_lossy(), "--force"][..],
            extra,
        ]
        .concat(),
    );
    let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(o.status.success(), "import {file}: {stderr}");
    let j = journey_map::io::load(&out).expect("the imported map loads");
    assert!(j.validate().is_empty(), "{:?}", j.validate());
    (j, stderr)
}

fn names<T>(items: &[T], f: impl Fn(&T) -> &str) -> Vec<String> {
    items.iter().map(|x| f(x).to_owned()).collect()
}

fn curve_values(j: &Journey, persona: &str) -> Vec<f32> {
    let id = &j
        .personas
        .iter()
        .find(|p| p.name == persona)
        .expect("persona")
        .id;
    j.emotion_curves
        .iter()
        .find(|c| &c.persona == id)
        .expect("curve")
        .points
        .iter()
        .map(|p| p.value)
        .collect()
}

#[test]
fn mermaid_journeys_import_with_every_construct_and_bent_scores_warned_by_line() {
    let dir = tempdir("mermaid");
    let (j, stderr) = import(&corpus("basic.mmd"), &dir, &[]);
    assert_eq!(j.title, "My working day");
    assert_eq!(names(&j.phases, |p| &p.name), ["Go to work", "Go home"]);
    assert_eq!(j.phases[0].steps.len(), 3, "a step per task");
    assert_eq!(
        names(&j.cards, |c| &c.title),
        [
            "Make tea",
            "Go upstairs",
            "Do work",
            "Go downstairs",
            "Sit down"
        ]
    );
    let actions = j
        .lanes
        .iter()
        .find(|l| l.kind == LaneKind::Actions)
        .expect("lane");
    assert!(j.cards.iter().all(|c| c.lane == actions.id));
    assert!(
        j.lanes.iter().any(|l| l.kind == LaneKind::PainPoints),
        "the template's other lanes are there, empty"
    );
    assert_eq!(names(&j.personas, |p| &p.name), ["Me", "Cat"]);
    assert_eq!(curve_values(&j, "Me"), [2.0, 0.0, -2.0, 2.0, 2.0]);
    assert_eq!(curve_values(&j, "Cat"), [-2.0]);
    assert!(stderr.is_empty(), "{stderr}");

    // BOM, CRLF, tabs, a task before the first section, no spaces round colons, empty
    // sections, a task without actors, scores of 0 and 9, a one-line accDescr, Dutch.
    let (j, stderr) = import(&corpus("wild.mmd"), &dir, &[]);
    assert_eq!(j.language, journey_map::model::Language::Nl, "guessed");
    assert_eq!(j.description, "Een dag op kantoor");
    assert_eq!(
        names(&j.phases, |p| &p.name),
        ["Reis", "Ochtend", "Middag", "Avond"]
    );
    assert_eq!(names(&j.personas, |p| &p.name), ["Ik", "Kat", "Persona"]);
    assert_eq!(curve_values(&j, "Persona"), [-2.0], "0 read as 1");
    assert_eq!(curve_values(&j, "Ik"), [0.0, 1.0, 2.0], "9 read as 5");
    assert!(stderr.contains("line 10: score 0"), "{stderr}");
    assert!(stderr.contains("line 11: score 9"), "{stderr}");

    // Markdown: the first journey, or the one asked for.
    let (j, _) = import(&corpus("notes.md"), &dir, &[]);
    assert_eq!(j.title, "Onboarding");
    assert_eq!(j.description, "New hires,\ntheir first week.");
    assert_eq!(names(&j.personas, |p| &p.name), ["New hire", "IT"]);
    let (j, _) = import(&corpus("notes.md"), &dir, &["--index", "2"]);
    assert_eq!(j.title, "Offboarding");
}

#[test]
fn a_line_that_does_not_parse_is_refused_with_its_line_and_column_and_nothing_written() {
    let dir = tempdir("bad");
    let out = dir.join("bad.journey.ron");
    let o = journey_map(&["import", &corpus("bad.mmd"), "-o", &out.to_string_lossy()]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr.contains("bad.mmd:4:15"), "{stderr}");
    assert!(stderr.contains("score from 1 to 5"), "{stderr}");
    assert!(!out.exists());
    // An existing map is never overwritten without --force.
    std::fs::write(&out, "mine").expect("write");
    let o = journey_map(&["import", &corpus("basic.mmd"), "-o", &out.to_string_lossy()]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&out).expect("read"), "mine");
}

/// What a map holds, compared independently of the grid module: phases with steps, lanes with
/// kinds, the cards of every cell (title, body, channel), every curve's points, every KPI.
fn content(j: &Journey) -> Vec<String> {
    let mut out = Vec::new();
    for p in &j.phases {
        let steps: Vec<&str> = p.steps.iter().map(|s| s.name.as_str()).collect();
        out.push(format!("phase {} {steps:?}", p.name));
    }
    let columns = j.columns();
    for l in &j.lanes {
        out.push(format!("lane {} {:?}", l.title, l.kind));
        for (i, slot) in columns.iter().enumerate() {
            for c in j.cards.iter().filter(|c| c.lane == l.id && &c.at == slot) {
                out.push(format!(
                    "  card {i} {:?} {:?} {:?}",
                    c.title,
                    c.body,
                    c.channel.as_ref().map(|ch| ch.label(j.language))
                ));
            }
        }
    }
    for c in &j.emotion_curves {
        let who = j
            .personas
            .iter()
            .find(|p| p.id == c.persona)
            .map(|p| &p.name);
        let points: Vec<String> = columns
            .iter()
            .map(|s| {
                c.points
                    .iter()
                    .find(|p| &p.at == s)
                    .map_or("-".into(), |p| p.value.to_string())
            })
            .collect();
        out.push(format!(
            "curve {who:?} {:?} {:?} {}..{} {points:?}",
            c.kind, c.variant, c.scale.min, c.scale.max
        ));
    }
    for k in &j.kpis {
        let phase = j.phases.iter().position(|p| p.id == k.phase);
        out.push(format!("kpi {phase:?} {} = {}", k.name, k.value));
    }
    out
}

fn examples() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples"))
            .expect("examples")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.to_string_lossy().ends_with(".journey.ron"))
            .collect();
    v.sort();
    v
}

#[test]
fn every_example_goes_out_as_csv_excel_and_mermaid_and_comes_back() {
    let dir = tempdir("examples");
    for map in examples() {
        let original = journey_map::io::load(&map).expect("example loads");
        for ext in ["csv", "xlsx"] {
            let file = dir.join(format!("map.{ext}"));
            let o = export(&map, &file);
            let stdout = String::from_utf8_lossy(&o.stdout);
            assert!(!stdout.contains("shortened"), "data has no pages: {stdout}");
            let (back, warnings) = import(&file.to_string_lossy(), &dir, &[]);
            assert_eq!(back.language, original.language, "{}", map.display());
            assert!(warnings.is_empty(), "{}: {warnings}", map.display());
            let (a, b) = (content(&original), content(&back));
            for (x, y) in a.iter().zip(&b) {
                assert_eq!(x, y, "{} via {ext}", map.display());
            }
            assert_eq!(a.len(), b.len(), "{} via {ext}", map.display());
            if ext == "csv" {
                assert_eq!(back.title, original.title);
            }
        }
        let file = dir.join("map.mmd");
        export(&map, &file);
        let text = std::fs::read_to_string(&file).expect("mermaid");
        assert!(text.starts_with("journey\n"), "{text}");
        let (back, _) = import(&file.to_string_lossy(), &dir, &[]);
        assert_eq!(
            names(&back.phases, |p| &p.name),
            names(&original.phases, |p| &p.name)
        );
        assert_eq!(
            names(&back.personas, |p| &p.name),
            names(&original.personas, |p| &p.name)
        );
    }
}

/// Runs a Python script with arguments; skips nothing: CI installs openpyxl.
fn python(script: &str, args: &[&str]) -> String {
    let o = Command::new("python3")
        .arg("-c")
        .arg(script)
        .args(args)
        .output()
        .expect("python3 runs (openpyxl: .ci/run installs it)");
    assert!(
        o.status.success(),
        "python: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A consultant's sheet as openpyxl writes it: merged phase headers over two step columns,
/// multi-line cells, a 1–5 emotion row of numbers, a KPI row.
const OPENPYXL_SHEET: &str = r#"
import sys
from openpyxl import Workbook
from openpyxl.styles import Alignment
wb = Workbook()
ws = wb.active
ws.title = "Klantreis"
ws.append(["Fase", "Oriëntatie", None, "Aankoop", "Gebruik"])
ws.merge_cells("B1:C1")
ws.append(["Stappen", "Zoeken", "Vergelijken", None, None])
ws.append(["Doen", "Googelt naar repen\nVraagt collega's – bij de koffie", "Leest reviews", "Betaalt", "Eet"])
ws.append(["Contactmomenten", "Website: Productpagina", None, "Kassa: pinnen", None])
ws.append(["Emotie", 3, 2, 5, 4])
ws.append(["Pijnpunten", None, "Te veel keuze", None, None])
ws.append(["KPI's", "bezoekers: 1200", None, "conversie: 2%", None])
for row in ws.iter_rows():
    for c in row:
        c.alignment = Alignment(wrap_text=True)
wb.save(sys.argv[1])
"#;

#[test]
fn a_workbook_written_by_openpyxl_imports_as_the_map_it_draws() {
    let dir = tempdir("openpyxl");
    let file = dir.join("klantreis.xlsx");
    python(OPENPYXL_SHEET, &[&file.to_string_lossy()]);
    let (j, warnings) = import(&file.to_string_lossy(), &dir, &[]);
    assert!(warnings.is_empty(), "{warnings}");
    assert_eq!(
        j.title, "klantreis",
        "the file's name when the corner says Fase"
    );
    assert_eq!(j.language, journey_map::model::Language::Nl);
    assert_eq!(
        names(&j.phases, |p| &p.name),
        ["Oriëntatie", "Aankoop", "Gebruik"]
    );
    assert_eq!(
        names(&j.phases[0].steps, |s| &s.name),
        ["Zoeken", "Vergelijken"]
    );
    let kinds: Vec<LaneKind> = j.lanes.iter().map(|l| l.kind).collect();
    assert_eq!(
        kinds,
        [
            LaneKind::Actions,
            LaneKind::Touchpoints,
            LaneKind::Emotion,
            LaneKind::PainPoints,
            LaneKind::Kpis
        ]
    );
    let card = |t: &str| j.cards.iter().find(|c| c.title == t).expect(t);
    assert_eq!(card("Vraagt collega's").body, "bij de koffie");
    assert_eq!(
        card("Productpagina").channel,
        Some(journey_map::model::Channel::Website)
    );
    let values: Vec<f32> = j.emotion_curves[0].points.iter().map(|p| p.value).collect();
    assert_eq!(values, [0.0, -1.0, 2.0, 1.0], "1–5 onto the five levels");
    assert_eq!(j.kpis.len(), 2);
    assert_eq!(j.kpis[1].value, "2%");
}

#[test]
fn dutch_excel_csv_and_libreoffice_workbooks_of_it_import_alike() {
    let dir = tempdir("calc");
    // What Dutch Excel saves as "CSV (puntkomma)": semicolons, Windows-1252, CRLF.
    let rows = "Kioskreis;Oriëntatie;Aankoop\r\nDoen;\"Zoekt; vergelijkt\nLeest – op de app\";Betaalt\r\nBeleving;2;-1\r\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(rows);
    let csv = dir.join("kiosk.csv");
    std::fs::write(&csv, &bytes).expect("write");
    assert!(std::str::from_utf8(&bytes).is_err(), "really Windows-1252");
    let (from_csv, warnings) = import(&csv.to_string_lossy(), &dir, &[]);
    assert!(warnings.contains("Windows-1252"), "{warnings}");
    assert_eq!(from_csv.title, "Kioskreis");
    assert_eq!(
        names(&from_csv.phases, |p| &p.name),
        ["Oriëntatie", "Aankoop"]
    );
    assert_eq!(
        names(&from_csv.cards, |c| &c.title),
        ["Zoekt; vergelijkt", "Leest", "Betaalt"]
    );
    let values: Vec<f32> = from_csv.emotion_curves[0]
        .points
        .iter()
        .map(|p| p.value)
        .collect();
    assert_eq!(values, [2.0, -1.0], "numbers with a sign are on -2..2");
    // LibreOffice Calc reads the same CSV (semicolons, Windows-1252) into .xlsx and .ods.
    for ext in ["xlsx", "ods"] {
        let o = Command::new("soffice")
            .args([
                "--headless",
                "--infilter=CSV:59,34,1",
                "--convert-to",
                ext,
                "--outdir",
            ])
            .arg(&dir)
            .arg(&csv)
            .env("HOME", &dir)
            .output()
            .expect("soffice runs (libreoffice-calc: .ci/run installs it)");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let book = dir.join(format!("kiosk.{ext}"));
        assert!(book.exists(), "LibreOffice wrote {}", book.display());
        let (j, _) = import(&book.to_string_lossy(), &dir, &[]);
        assert_eq!(content(&j), content(&from_csv), "{ext}");
        assert_eq!(j.title, "Kioskreis");
    }
}

const READ_XLSX: &str = r#"
import json, sys
from openpyxl import load_workbook
ws = load_workbook(sys.argv[1]).active
print(json.dumps({
    "corner": ws["A1"].value,
    "first_phase": ws["B1"].value,
    "fill": ws["B1"].fill.fgColor.rgb,
    "wrap": ws["B3"].alignment.wrap_text,
    "freeze": ws.freeze_panes,
    "merged": [str(r) for r in ws.merged_cells.ranges],
    "rows": ws.max_row,
}))
"#;

#[test]
fn our_excel_export_reads_in_openpyxl_styled_for_people() {
    let dir = tempdir("styled");
    let map = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/webshop-see-think-do-care.journey.ron");
    let j = journey_map::io::load(&map).expect("loads");
    let file = dir.join("map.xlsx");
    export(&map, &file);
    let got: serde_json::Value =
        serde_json::from_str(&python(READ_XLSX, &[&file.to_string_lossy()])).expect("json");
    assert_eq!(got["corner"], j.title.as_str());
    assert_eq!(got["first_phase"], j.phases[0].name.as_str());
    let c = j.phases[0].color;
    assert_eq!(
        got["fill"].as_str().map(|s| s[2..].to_owned()),
        Some(format!("{:02X}{:02X}{:02X}", c.0, c.1, c.2)),
        "the phase's colour fills its header"
    );
    assert_eq!(got["wrap"], true);
    let has_steps = j.phases.iter().any(|p| !p.steps.is_empty());
    assert_eq!(got["freeze"], if has_steps { "B3" } else { "B2" });
    let multi = j.phases.iter().filter(|p| p.steps.len() > 1).count();
    assert_eq!(
        got["merged"].as_array().map(Vec::len),
        Some(multi),
        "a phase of several steps is one merged header"
    );
}

#[test]
fn hostile_spreadsheets_are_refused_fast_in_plain_words() {
    let dir = tempdir("hostile");
    // A 1 GB "spreadsheet" (sparse: no disk is spent).
    let huge = dir.join("huge.csv");
    std::fs::File::create(&huge)
        .and_then(|f| f.set_len(1 << 30))
        .expect("sparse file");
    let o = journey_map(&["import", &huge.to_string_lossy(), "-o", "/dev/null"]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr.contains("may be at most 64 MiB"), "{stderr}");
    // A zip bomb dressed as a workbook: 300 MB of zeros in a few hundred kilobytes.
    let bomb = dir.join("bomb.xlsx");
    python(
        "import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED)\nz.writestr('[Content_Types].xml', '<Types/>')\nwith z.open('xl/worksheets/sheet1.xml', 'w', force_zip64=True) as f:\n    block = bytes(1 << 20)\n    for _ in range(300):\n        f.write(block)\nz.close()\n",
        &[&bomb.to_string_lossy()],
    );
    let o = journey_map(&["import", &bomb.to_string_lossy(), "-o", "/dev/null"]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr.contains("zip bomb"), "{stderr}");
    // Not a workbook at all; a CSV with a quote never closed.
    let fake = dir.join("fake.xlsx");
    std::fs::write(&fake, b"PK\x03\x04 this is not a zip").expect("write");
    let o = journey_map(&["import", &fake.to_string_lossy(), "-o", "/dev/null"]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("not a workbook"), "{stderr}");
    let empty = dir.join("empty.csv");
    std::fs::write(&empty, b"\n\n").expect("write");
    let o = journey_map(&["import", &empty.to_string_lossy(), "-o", "/dev/null"]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("empty.csv: row 1: the sheet is empty"),
        "{stderr}"
    );
    for s in ["Error", "Zip", "calamine", "csv::"] {
        assert!(!stderr.contains(s), "library words in {stderr}");
    }
}

#[test]
fn the_example_sheet_imports_whole_in_dutch() {
    let dir = tempdir("example-sheet");
    let sheet = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/bike-repair-workshop.csv");
    let (j, warnings) = import(&sheet.to_string_lossy(), &dir, &[]);
    assert!(warnings.is_empty(), "{warnings}");
    assert_eq!(j.language, journey_map::model::Language::Nl);
    assert_eq!(j.title, "Fietsreparatie");
    assert_eq!(
        names(&j.phases, |p| &p.name),
        [
            "Oriëntatie",
            "Afspraak",
            "Inleveren",
            "Reparatie",
            "Ophalen"
        ]
    );
    assert_eq!(
        curve_values(&j, "Mila"),
        [3.0, 2.0, 3.0, 1.0, 5.0],
        "the scale the sheet names"
    );
    let offer = j
        .cards
        .iter()
        .find(|c| c.title == "Offerte pas na twee dagen")
        .expect("pain point");
    assert_eq!(offer.body, "niemand belt terug");
    assert_eq!(j.kpis.len(), 3);
    assert!(
        j.cards.iter().any(|c| c.title == "openingstijden"
            && c.channel == Some(journey_map::model::Channel::Website))
    );
}

#[test]
fn monthly_figures_update_the_funnel_from_an_analytics_export() {
    let dir = tempdir("kpis");
    let map = dir.join("webshop.journey.ron");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("examples/webshop-see-think-do-care.journey.ron"),
        &map,
    )
    .expect("copy");
    // As an analytics tool exports it: a header, semicolons, the phases by name.
    let table = dir.join("march.csv");
    std::fs::write(
        &table,
        "Phase;KPI;Value\nSee;people;500,000\nthink;People;40,000\nDo;people;924\n\
         Do;returning visitors;1,150\nCheckout;people;12\n",
    )
    .expect("write");
    let (map_s, table_s) = (map.to_string_lossy(), table.to_string_lossy());
    let dry = journey_map(&["kpis", &table_s, "--map", &map_s, "--dry-run"]);
    assert_eq!(
        std::fs::read(&map).expect("read"),
        std::fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("examples/webshop-see-think-do-care.journey.ron")
        )
        .expect("read"),
        "a dry run writes nothing"
    );
    assert!(String::from_utf8_lossy(&dry.stdout).contains("left as it is"));
    let o = journey_map(&["kpis", &table_s, "--map", &map_s]);
    let (stdout, stderr) = (
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr),
    );
    assert_eq!(o.status.code(), Some(1), "a row was skipped: {stderr}");
    assert!(
        stdout.contains("See: people: 420,000 → 500,000"),
        "{stdout}"
    );
    assert!(
        stdout.contains("Think: people: 38,500 → 40,000"),
        "{stdout}"
    );
    assert!(
        stdout.contains("Do: returning visitors: 1,150 (new)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("2 changed, 1 added, 1 unchanged"),
        "{stdout}"
    );
    assert!(
        stderr.contains("march.csv: row 6: the map has no phase “Checkout”"),
        "{stderr}"
    );
    // The map's funnel now shows the new counts and shares.
    let j = journey_map::io::load(&map).expect("loads");
    assert!(j.validate().is_empty());
    let layout = journey_map::layout::MapLayout::compute(&j, &Default::default(), &Chars);
    let f = &layout.funnels[0];
    assert_eq!(f.steps[0].value, 500_000.0);
    assert_eq!(
        f.steps[1].share.as_ref().map(|s| s.joined()).as_deref(),
        Some("→ 8.0 %")
    );
}

/// Every character 7 units wide: enough to lay a map out without fonts.
struct Chars;

impl journey_map::layout::fit::Measure for Chars {
    fn width(&self, text: &str, _size: f32) -> f32 {
        text.chars().count() as f32 * 7.0
    }
}
