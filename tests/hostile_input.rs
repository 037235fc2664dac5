//! Whatever the bytes, loading returns a document or an error; it never panics or hangs.

use journey_map::io;
use proptest::prelude::*;
use std::path::Path;

fn load(bytes: &[u8]) -> Result<journey_map::model::Journey, io::LoadError> {
    io::from_bytes(bytes, Path::new("hostile.journey.ron"))
}

fn example_bytes() -> Vec<u8> {
    std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/fulfilment-partner.journey.ron"
    ))
    .expect("example exists")
}

#[test]
fn every_truncation_of_an_example_is_an_error_not_a_panic() {
    let bytes = example_bytes();
    let step = (bytes.len() / 400).max(1);
    for cut in (0..bytes.len() - 2).step_by(step) {
        let e = load(&bytes[..cut]).expect_err("truncated file must not load");
        assert!(!e.message.is_empty());
    }
}

#[test]
fn deep_nesting_is_refused_quickly() {
    let deep = "(".repeat(100_000);
    let e = load(deep.as_bytes()).expect_err("refused");
    assert!(!e.message.is_empty());
    let deep_list = format!("(version: 1, journey: {}", "[".repeat(50_000));
    assert!(load(deep_list.as_bytes()).is_err());
}

#[test]
fn odd_inputs_are_errors() {
    for input in [
        &b""[..],
        b"\0\0\0",
        b"\xFF\xFE\x00",
        b"(version: 99999999999999999999999)",
        b"(version: -1)",
        b"(version: 1, journey: ())",
        b"(version: 1, journey: (title: 5))",
        b"[1, 2, 3]",
        b"\"just a string\"",
    ] {
        assert!(load(input).is_err(), "{input:?}");
    }
    let huge_string = format!(
        "(version: 1, journey: (title: \"{}\"))",
        "x".repeat(5_000_000)
    );
    assert!(
        load(huge_string.as_bytes()).is_err(),
        "missing fields still refused"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = load(&bytes);
    }

    #[test]
    fn mutated_examples_never_panic(
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8)
    ) {
        let mut bytes = example_bytes();
        for (at, byte) in edits {
            let i = at.index(bytes.len());
            bytes[i] = byte;
        }
        let _ = load(&bytes);
    }
}

/// Inputs the fuzz targets found crashing, kept so they never crash again.
#[test]
fn fuzz_findings_import_without_a_panic() {
    use io::import::{ImportFormat, ImportOptions, import_bytes};
    // A workbook whose header names a scale in brackets starting with a multi-byte letter.
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/hostile/import-sheet-multibyte-scale.xlsx"
    ))
    .expect("finding kept");
    for format in ImportFormat::ALL {
        if let Ok(imported) = import_bytes(&bytes, format, ImportOptions::default()) {
            assert!(imported.journey.validate().is_empty());
        }
    }
    // A mermaid task naming the same actor twice gave that persona two points in one column.
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/hostile/mermaid-actor-twice.mmd"
    ))
    .expect("finding kept");
    let imported =
        import_bytes(&bytes, ImportFormat::Mermaid, ImportOptions::default()).expect("imports");
    assert!(
        imported.journey.validate().is_empty(),
        "{:?}",
        imported.journey.validate().first()
    );
    // A description holding a Markdown fence: its mermaid export must import back.
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/hostile/mermaid-fence-in-description.mmd"
    ))
    .expect("finding kept");
    let imported =
        import_bytes(&bytes, ImportFormat::Mermaid, ImportOptions::default()).expect("imports");
    let text =
        io::export::data_bytes(&imported.journey, io::export::Format::Mermaid).expect("exports");
    import_bytes(&text, ImportFormat::Mermaid, ImportOptions::default()).expect("imports back");
}

/// What the loader says about files that are no journey map, in words a user reads: never the
/// reader's type names or a library's sentence.
#[test]
fn refusals_are_in_the_users_words() {
    let msg = |bytes: &[u8]| load(bytes).expect_err("refused").to_string();
    assert!(msg(b"").contains("the file is empty"), "{}", msg(b""));
    assert!(msg(b"  \n").contains("the file is empty"));
    assert!(msg(br#"{"title": "x"}"#).contains("looks like JSON"));
    assert!(msg(b"[1, 2, 3]").contains("looks like JSON"));
    let deep = format!("(version: 1, journey: {}", "(".repeat(10_000));
    assert!(
        msg(deep.as_bytes()).contains("nests more than"),
        "{}",
        msg(deep.as_bytes())
    );
    assert!(msg(b"hello").contains("not a journey map"));
    // A map cut short is still a map: it says where it ends, not "not a journey map".
    let example = example_bytes();
    let cut = msg(&example[..example.len() / 2]);
    assert!(!cut.contains("not a journey map"), "{cut}");
    assert!(
        cut.starts_with("hostile.journey.ron:") && cut.matches(':').count() >= 3,
        "{cut}"
    );
    let m = msg(&example[..example.len() - 2]);
    assert!(m.contains("ends too early"), "{m}");
    for bad in [
        &b""[..],
        b"{}",
        b"(version: 1, journey: 5)",
        b"(version: 1, journey: (title: \"x\", phases: [5]))",
        b"(version: 1, journey: (title: \"x\", phases: [], lanes: [], cards: [(id: 5)]))",
    ] {
        let m = msg(bad);
        for internal in ["VersionProbe", "FileV1", "struct `", "Option<"] {
            assert!(!m.contains(internal), "{m}");
        }
    }
    // A PNG whose map chunk unpacks to more than any map: said so, not "out of
    // decompression space".
    let mut bytes = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut bytes, 1, 1);
        encoder.set_color(png::ColorType::Rgba);
        let mut writer = encoder.write_header().expect("header");
        let mut chunk = png::text_metadata::ITXtChunk::new(
            journey_map::io::export::EMBED_KEY,
            "(".repeat(70 * 1024 * 1024),
        );
        chunk.compress_text().expect("compresses");
        writer.write_text_chunk(&chunk).expect("chunk");
        writer.write_image_data(&[0, 0, 0, 0]).expect("pixel");
    }
    let m = io::from_bytes(&bytes, Path::new("bomb.png"))
        .expect_err("refused")
        .to_string();
    assert!(
        m.contains("more than 64 MiB") && m.contains("more than any journey map"),
        "{m}"
    );
    assert!(!m.contains("limits are exceeded"), "{m}");
    assert!(!m.contains("decompression space"), "{m}");
}

/// The hostile corpus: the files in tests/hostile and tests/import, the example cut every
/// `step` bytes, and `copies` copies of it with `flips` bytes changed (a xorshift from `seed`).
fn hostile_corpus(step: usize, seed: u64, copies: usize, flips: usize) -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut inputs: Vec<Vec<u8>> = Vec::new();
    for dir in ["tests/hostile", "tests/import"] {
        for e in std::fs::read_dir(root.join(dir))
            .expect("corpus")
            .filter_map(Result::ok)
        {
            inputs.push(std::fs::read(e.path()).expect("read"));
        }
    }
    let example = example_bytes();
    for cut in (0..example.len()).step_by(step) {
        inputs.push(example[..cut].to_vec());
    }
    let mut r = seed;
    for _ in 0..copies {
        let mut bytes = example.clone();
        for _ in 0..flips {
            r ^= r << 13;
            r ^= r >> 7;
            r ^= r << 17;
            let i = (r as usize) % bytes.len();
            bytes[i] = (r >> 32) as u8;
        }
        inputs.push(bytes);
    }
    inputs
}

/// Every refusal of the loader and the importers over a corpus of hostile inputs, checked for
/// a library's wording or a Rust type name leaking to the user.
#[test]
fn no_refusal_leaks_a_library_or_type_name() {
    use io::import::{ImportFormat, ImportOptions, import_bytes};
    let inputs = hostile_corpus(997, 7, 200, 8);
    let leaks = [
        "struct `",
        "enum `",
        "VersionProbe",
        "FileV1",
        "Option<",
        "Vec<",
        "ParseIntError",
        "ParseFloatError",
        "Utf8Error",
        "Error {",
        "Error(",
        "kind:",
        "io::",
        "::",
        "decompression space",
        "limits are exceeded",
    ];
    let mut found = Vec::new();
    for bytes in &inputs {
        let mut messages = Vec::new();
        if let Err(e) = load(bytes) {
            messages.push(e.to_string());
        }
        for f in ImportFormat::ALL {
            if let Err(e) = import_bytes(bytes, f, ImportOptions::default()) {
                messages.push(e.to_string());
            }
        }
        for m in messages {
            if let Some(l) = leaks.iter().find(|l| m.contains(*l)) {
                found.push(format!("{l}: {m}"));
            }
        }
    }
    found.sort();
    found.dedup();
    assert!(
        found.is_empty(),
        "{} leaks:\n{}",
        found.len(),
        found
            .iter()
            .take(30)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// Every refusal and import warning over the hostile corpus, in Dutch for a Dutch user: no
/// English sentence is left (what the file itself says, in quotes, passes as it is).
#[test]
fn every_refusal_speaks_dutch_to_a_dutch_user() {
    use io::import::{ImportFormat, ImportOptions, import_bytes};
    use journey_map::model::Language;
    let mut inputs = hostile_corpus(499, 11, 300, 6);
    for odd in [
        &b""[..],
        b"{}",
        b"[1]",
        b"hello",
        b"(version: 99, journey: ())",
    ] {
        inputs.push(odd.to_vec());
    }
    let mut messages = Vec::new();
    for bytes in &inputs {
        if let Err(e) = load(bytes) {
            messages.push(e.message.clone());
        }
        for f in ImportFormat::ALL {
            match import_bytes(bytes, f, ImportOptions::default()) {
                Err(e) => messages.push(e.message.clone()),
                Ok(imported) => {
                    messages.extend(imported.warnings.iter().map(|w| w.message.clone()))
                }
            }
        }
    }
    messages.sort();
    messages.dedup();
    // English words that never appear in a Dutch sentence of ours.
    // (Not "is", "in", "of": Dutch has them too.)
    let english = [
        " the ", "The ", "the file", " not ", "expected", "found", " and ", " with ", " from ",
        " to ", " an ", " a ", "missing", "unknown", "cannot", " or ", " too ", " has ", "empty",
        "column", "only", " no ", "cell ", "sheet", "must", " be ", "read as", "named", " file",
    ];
    let strip_quotes = |s: &str| {
        let mut out = String::new();
        let mut quote: Option<char> = None;
        for c in s.chars() {
            match (quote, c) {
                (None, '"' | '`') => quote = Some(c),
                (None, '“') => quote = Some('”'),
                (Some(q), c) if c == q => quote = None,
                (None, c) => out.push(c),
                _ => {}
            }
        }
        format!(" {out} ")
    };
    let mut left = Vec::new();
    for m in &messages {
        let nl = io::words::in_language(m, Language::Nl);
        let bare = strip_quotes(&nl);
        if let Some(w) = english.iter().find(|w| bare.contains(*w)) {
            left.push(format!("[{w}] {m}  =>  {nl}"));
        }
    }
    assert!(
        left.is_empty(),
        "{} of {} messages still English in Dutch:\n{}",
        left.len(),
        messages.len(),
        left.join("\n")
    );
}
