//! Spreadsheets in: CSV and TSV (comma, semicolon or tab; UTF-8 or Windows-1252, as Dutch
//! Excel writes them) and workbooks (.xlsx, .ods, read with calamine), into the grid that
//! [`crate::io::grid`] reads as a map.

use super::{Place, Warning};
use crate::io::grid::{Grid, MAX_CELL_CHARS, MAX_COLUMNS, MAX_ROWS};
use std::io::{Cursor, Read};

/// The most a workbook's parts may hold once unpacked, together: a real journey's workbook
/// is well under a megabyte; a zip bomb claims (or unpacks to) gigabytes.
pub const MAX_UNPACKED_BYTES: u64 = 100 * 1024 * 1024;
/// The most parts a workbook may have.
const MAX_PARTS: usize = 2_000;

/// Why a spreadsheet could not be read.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetError {
    pub place: Option<Place>,
    pub message: String,
}

impl SheetError {
    fn new(message: impl Into<String>) -> Self {
        Self {
            place: None,
            message: message.into(),
        }
    }
}

/// Reads CSV or TSV text bytes: the separator is a tab for TSV, otherwise the one the first
/// line uses most (comma or semicolon). Bytes that are not UTF-8 are read as Windows-1252.
pub fn read_csv(bytes: &[u8], tab: bool, warnings: &mut Vec<Warning>) -> Result<Grid, SheetError> {
    let text = match crate::io::text::decode(bytes) {
        Ok(t) => t,
        Err(_) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            warnings.push(Warning {
                place: Place::Row(1),
                message: "the file is not UTF-8; read as Windows-1252 (what Excel on Windows \
                          writes)"
                    .into(),
            });
            text.replace("\r\n", "\n")
        }
    };
    let separator = if tab { b'\t' } else { separator_of(&text) };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(separator)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut row_numbers = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        let line = reader.position().line() as usize;
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map_or(line, |p| p.line() as usize);
                return Err(SheetError {
                    place: Some(Place::Line(line)),
                    message: "the line is not CSV a spreadsheet program reads (a quote is \
                              never closed?)"
                        .into(),
                });
            }
        }
        if rows.len() >= MAX_ROWS {
            return Err(SheetError {
                place: Some(Place::Line(line)),
                message: format!("more than {MAX_ROWS} rows; a journey map has far fewer"),
            });
        }
        let row = cells(record.iter().map(str::to_owned), line)?;
        rows.push(row);
        row_numbers.push(line);
    }
    Ok(Grid { rows, row_numbers })
}

/// Trims cells and checks the row's limits.
fn cells(cells: impl Iterator<Item = String>, row: usize) -> Result<Vec<String>, SheetError> {
    let mut out = Vec::new();
    for (i, c) in cells.enumerate() {
        if i >= MAX_COLUMNS {
            return Err(SheetError {
                place: Some(Place::Row(row)),
                message: format!("more than {MAX_COLUMNS} columns; a journey map has far fewer"),
            });
        }
        if c.chars().count() > MAX_CELL_CHARS {
            return Err(SheetError {
                place: Some(Place::Cell { row, col: i + 1 }),
                message: format!("the cell holds more than {MAX_CELL_CHARS} characters"),
            });
        }
        out.push(c.replace("\r\n", "\n").trim().to_owned());
    }
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    Ok(out)
}

/// The separator the first line uses most, outside quotes: `;` or `,` (or a tab).
fn separator_of(text: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' if !quoted => break,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], 2 - i)).unwrap_or(0);
    [b',', b';', b'\t'][best]
}

/// Reads the first sheet of an .xlsx or .ods workbook, after checking that the package is
/// not a zip bomb.
pub fn read_workbook(bytes: &[u8]) -> Result<Grid, SheetError> {
    check_package(bytes)?;
    use calamine::Reader as _;
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|_| {
        SheetError::new("the file is not a workbook journey-map can read (.xlsx or .ods)")
    })?;
    let range = book
        .worksheet_range_at(0)
        .ok_or_else(|| SheetError::new("the workbook has no sheets"))?
        .map_err(|_| SheetError::new("the workbook's first sheet cannot be read"))?;
    let (row0, col0) = range.start().unwrap_or((0, 0));
    let (row0, col0) = (row0 as usize, col0 as usize);
    if range.height() > MAX_ROWS {
        return Err(SheetError::new(format!(
            "more than {MAX_ROWS} rows; a journey map has far fewer"
        )));
    }
    let mut rows = Vec::new();
    let mut row_numbers = Vec::new();
    // The grid starts at column A: empty columns before the data keep their places.
    for (i, r) in range.rows().enumerate() {
        let row = row0 + i + 1;
        let lead = std::iter::repeat_n(String::new(), col0);
        let row_cells = cells(lead.chain(r.iter().map(cell_text)), row)?;
        rows.push(row_cells);
        row_numbers.push(row);
    }
    Ok(Grid { rows, row_numbers })
}

/// A cell as the text a person sees: whole numbers without ".0".
fn cell_text(d: &calamine::Data) -> String {
    use calamine::Data;
    match d {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => format!("{f}"),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => d.to_string(),
        Data::Error(e) => format!("{e}"),
    }
}

/// Refuses a package whose parts are too many or unpack to too much, by what they say and by
/// what they do (a part's header may lie about its size).
fn check_package(bytes: &[u8]) -> Result<(), SheetError> {
    let not_workbook =
        || SheetError::new("the file is not a workbook journey-map can read (.xlsx or .ods)");
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| not_workbook())?;
    if zip.len() > MAX_PARTS {
        return Err(SheetError::new(format!(
            "the workbook has more than {MAX_PARTS} parts; it is not a journey map"
        )));
    }
    let too_big = || {
        SheetError::new(format!(
            "the workbook unpacks to more than {} MB; it is not a journey map (a zip bomb?)",
            MAX_UNPACKED_BYTES / 1024 / 1024
        ))
    };
    let declared: u64 = (0..zip.len())
        .filter_map(|i| zip.by_index_raw(i).ok().map(|f| f.size()))
        .fold(0u64, u64::saturating_add);
    if declared > MAX_UNPACKED_BYTES {
        return Err(too_big());
    }
    let mut left = MAX_UNPACKED_BYTES;
    for i in 0..zip.len() {
        let part = zip.by_index(i).map_err(|_| not_workbook())?;
        let read = std::io::copy(&mut part.take(left + 1), &mut std::io::sink())
            .map_err(|_| not_workbook())?;
        if read > left {
            return Err(too_big());
        }
        left -= read;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_excel_csv_reads_with_semicolons_and_windows_1252() {
        // "Oriëntatie;Aankoop" in Windows-1252: ë is 0xEB.
        let bytes = b"Kaart;Ori\xebntatie;Aankoop\r\nDoen;\"Zoekt;\nvergelijkt\";Betaalt\r\n";
        let mut warnings = Vec::new();
        let g = read_csv(bytes, false, &mut warnings).expect("reads");
        assert_eq!(g.rows[0], ["Kaart", "Oriëntatie", "Aankoop"]);
        assert_eq!(g.rows[1][1], "Zoekt;\nvergelijkt");
        assert_eq!(g.row_numbers, [1, 2]);
        assert_eq!(warnings.len(), 1);
    }

    #[test]
    fn separators_are_found_outside_quotes() {
        assert_eq!(separator_of("a,b,c\n"), b',');
        assert_eq!(separator_of("\"a,b,c\";d;e\n"), b';');
        assert_eq!(separator_of("a\tb\n"), b'\t');
        assert_eq!(separator_of("alone\n"), b',');
    }

    #[test]
    fn a_zip_that_unpacks_to_too_much_is_refused() {
        use std::io::Write;
        let mut buf = Cursor::new(Vec::new());
        {
            let mut z = zip::ZipWriter::new(&mut buf);
            let opts = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated)
                .large_file(true);
            z.start_file("xl/worksheets/sheet1.xml", opts)
                .expect("part");
            let zeros = vec![0u8; 1024 * 1024];
            for _ in 0..=(MAX_UNPACKED_BYTES / zeros.len() as u64) {
                z.write_all(&zeros).expect("write");
            }
            z.finish().expect("finish");
        }
        let bytes = buf.into_inner();
        assert!(bytes.len() < 1024 * 1024, "{} bytes", bytes.len());
        let e = read_workbook(&bytes).expect_err("refused");
        assert!(e.message.contains("zip bomb"), "{}", e.message);
    }
}
