//! Any bytes imported as each spreadsheet format (CSV, TSV, an Excel or OpenDocument
//! workbook): a sound map or an error naming a row or cell, never a panic, a hang or a blow-up
//! of memory (zip bombs are refused before they unpack).
#![no_main]

use journey_map::io::import::{ImportFormat, ImportOptions, import_bytes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for format in [
        ImportFormat::Csv,
        ImportFormat::Tsv,
        ImportFormat::Xlsx,
        ImportFormat::Ods,
    ] {
        if let Ok(imported) = import_bytes(data, format, ImportOptions::default()) {
            assert!(imported.journey.validate().is_empty());
        }
    }
});
