//! Load and save of a 1,000-card map, with serde_json on the same document as a reference;
//! import of a 1,000-row spreadsheet (CSV and Excel) as `journey-map import` reads it.

use criterion::{Criterion, criterion_group, criterion_main};
use journey_map::generate::generate;
use journey_map::io;
use journey_map::model::Language;
use std::path::Path;

fn files(c: &mut Criterion) {
    let j = generate(1_000, 42, Language::Nl);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("map.journey.ron");
    io::save(&path, &j).expect("saves");
    let text = io::to_ron_string(&j).expect("ron");
    let json = serde_json::to_string(&j).expect("json");
    let mut group = c.benchmark_group("files_1000_cards");
    group.bench_function("load (read, parse, validate)", |b| {
        b.iter(|| io::load(&path).expect("loads"))
    });
    group.bench_function("save (serialize, write, fsync, rename)", |b| {
        b.iter(|| io::save(&path, &j).expect("saves"))
    });
    group.bench_function("ron parse+validate (no disk)", |b| {
        b.iter(|| io::from_ron_str(&text, Path::new("m.journey.ron")).expect("parses"))
    });
    group.bench_function("ron serialize (no disk)", |b| {
        b.iter(|| io::to_ron_string(&j).expect("ron"))
    });
    group.bench_function("serde_json parse (reference)", |b| {
        b.iter(|| serde_json::from_str::<journey_map::model::Journey>(&json).expect("json"))
    });
    group.bench_function("serde_json serialize (reference)", |b| {
        b.iter(|| serde_json::to_string(&j).expect("json"))
    });
    group.finish();
}

/// A consultant's sheet grown to 1,000 rows: eight phases across, lanes of every kind down,
/// two cards with bodies per cell, an emotion row every tenth row.
fn big_sheet() -> String {
    let mut csv = String::from("Klantreis");
    for p in 1..=8 {
        csv.push_str(&format!(",Fase {p}"));
    }
    csv.push('\n');
    let kinds = [
        "Doen",
        "Denken",
        "Touchpoints",
        "Pijnpunten",
        "Kansen",
        "Notities",
    ];
    for row in 1..1_000 {
        if row % 10 == 0 {
            csv.push_str(&format!("Emotie {row}"));
            for p in 1..=8 {
                csv.push_str(&format!(",{}", (row + p) % 5 + 1));
            }
        } else {
            csv.push_str(&format!("{} {row}", kinds[row % kinds.len()]));
            for p in 1..=8 {
                csv.push_str(&format!(
                    ",\"Kaart {row}.{p} – wat de klant hier doet en denkt\nTweede kaart {row}.{p}\""
                ));
            }
        }
        csv.push('\n');
    }
    csv
}

fn import(c: &mut Criterion) {
    use io::import::{ImportFormat, ImportOptions, import_bytes, import_file};
    let csv = big_sheet();
    let opts = ImportOptions::default();
    let j = import_bytes(csv.as_bytes(), ImportFormat::Csv, opts)
        .expect("imports")
        .journey;
    assert_eq!(j.lanes.len(), 999, "every row a lane");
    let xlsx = io::export::data_bytes(&j, io::export::Format::Xlsx).expect("xlsx");
    let dir = tempfile::tempdir().expect("temp dir");
    let (csv_path, xlsx_path) = (dir.path().join("sheet.csv"), dir.path().join("sheet.xlsx"));
    std::fs::write(&csv_path, &csv).expect("write");
    std::fs::write(&xlsx_path, &xlsx).expect("write");
    let mut group = c.benchmark_group("import_1000_rows");
    group.bench_function("csv file (read, parse, map)", |b| {
        b.iter(|| import_file(&csv_path, opts).expect("imports"))
    });
    group.bench_function("xlsx file (read, unzip, parse, map)", |b| {
        b.iter(|| import_file(&xlsx_path, opts).expect("imports"))
    });
    group.finish();
}

/// Two colleagues' versions of a 1,000-card map: each retitles and moves some cards.
fn compare(c: &mut Criterion) {
    let base = generate(1_000, 42, Language::Nl);
    let columns = base.columns();
    let mut ours = base.clone();
    let mut theirs = base.clone();
    for (i, card) in ours
        .cards
        .iter_mut()
        .enumerate()
        .filter(|(i, _)| i % 10 == 0)
    {
        card.title = format!("ours {i}");
    }
    for (i, card) in theirs
        .cards
        .iter_mut()
        .enumerate()
        .filter(|(i, _)| i % 10 == 5)
    {
        card.at = columns[i % columns.len()].clone();
        card.span = 1;
    }
    let mut group = c.benchmark_group("compare_1000_cards");
    group.bench_function("diff", |b| {
        b.iter(|| journey_map::compare::diff(&base, &theirs).expect("diff"))
    });
    group.bench_function("merge", |b| {
        b.iter(|| journey_map::compare::merge(&base, &ours, &theirs).expect("merge"))
    });
    group.finish();
}

criterion_group!(benches, files, import, compare);
criterion_main!(benches);
