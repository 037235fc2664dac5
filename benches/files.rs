//! Load and save of a 1,000-card map, with serde_json on the same document as a reference.

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

criterion_group!(benches, files);
criterion_main!(benches);
