//! Any bytes given to the reader of a PDF's attached map: the map's text, a refusal, or
//! nothing — never a panic, a hang, or more than the limit read.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limit = 1 << 16;
    if let Some(Ok(text)) = journey_map::io::export::pdf::embedded(data, limit) {
        assert!(text.len() <= limit);
    }
    // And through the loader, as opening a .pdf does.
    let mut pdf = b"%PDF-1.7\n".to_vec();
    pdf.extend_from_slice(data);
    let _ = journey_map::io::from_bytes(&pdf, std::path::Path::new("fuzz.pdf"));
});
