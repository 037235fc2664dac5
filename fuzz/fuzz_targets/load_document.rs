//! Any bytes given to the document loader: a document or an error, never a panic or a hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    if let Ok(j) = journey_map::io::from_bytes(data, Path::new("fuzz.journey.ron")) {
        // Whatever loads must be sound and survive a round trip.
        assert!(j.validate().is_empty());
        let text = journey_map::io::to_ron_string(&j).expect("a loaded map serializes");
        let back = journey_map::io::from_ron_str(&text, Path::new("again.journey.ron"))
            .expect("a saved map loads");
        assert_eq!(back, j);
    }
});
