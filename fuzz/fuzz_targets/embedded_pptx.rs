//! Any bytes given to the reader of a deck's map: the map's text, a refusal, or nothing —
//! never a panic, a hang, or more than the limit read (a zip bomb included).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limit = 1 << 16;
    if let Some(Ok(text)) = journey_map::io::export::pptx::embedded(data, limit) {
        assert!(text.len() <= limit);
    }
    let _ = journey_map::io::from_bytes(data, std::path::Path::new("fuzz.pptx"));
});
