//! Any bytes imported as a mermaid journey (alone or in Markdown): a sound map or an error with
//! a line, never a panic or a hang; whatever imports survives a mermaid export and re-import.
#![no_main]

use journey_map::io::export::{Format, data_bytes};
use journey_map::io::import::{ImportFormat, ImportOptions, import_bytes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let opts = ImportOptions::default();
    if let Ok(imported) = import_bytes(data, ImportFormat::Mermaid, opts) {
        let j = imported.journey;
        assert!(j.validate().is_empty());
        let text = data_bytes(&j, Format::Mermaid).expect("an imported map exports");
        let again = import_bytes(&text, ImportFormat::Mermaid, opts).expect("an export imports");
        assert_eq!(again.journey.phases.len(), j.phases.len());
    }
});
