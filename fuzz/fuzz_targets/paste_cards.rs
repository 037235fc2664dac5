//! Any clipboard text pasted into the editor: cards or nothing, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = journey_map::edit::cards_from_clipboard(text);
    }
});
