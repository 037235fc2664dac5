//! The map as a spreadsheet: the grid of [`crate::io::grid`] (what the spreadsheet importer
//! reads back) as CSV, and as an .xlsx a consultant can hand round: phase colours as header
//! fills, wrapped text, the first row and column frozen.

use super::ExportError;
use crate::io::grid::{Grid, from_journey};
use crate::model::Journey;
use rust_xlsxwriter::{Color, Format as CellFormat, FormatAlign, FormatBorder, Workbook};

/// The grid as CSV: UTF-8 with a byte-order mark (so Excel reads the accents), comma-separated,
/// quoted where needed.
pub fn csv_bytes(j: &Journey) -> Result<Vec<u8>, ExportError> {
    let grid = from_journey(j);
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    for row in &grid.rows {
        w.write_record(row)
            .map_err(|e| ExportError::Encode(e.to_string()))?;
    }
    w.into_inner()
        .map_err(|e| ExportError::Encode(e.to_string()))
}

/// The grid as an Excel workbook of one sheet.
pub fn xlsx_bytes(j: &Journey) -> Result<Vec<u8>, ExportError> {
    let grid = from_journey(j);
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let failed = |e: rust_xlsxwriter::XlsxError| ExportError::Encode(e.to_string());
    sheet
        .set_name(j.language.pick("Journey", "Klantreis"))
        .map_err(failed)?;
    let wrap = CellFormat::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_border(FormatBorder::Thin)
        .set_border_color(Color::RGB(0xD0D0D0));
    let lane = wrap
        .clone()
        .set_bold()
        .set_background_color(Color::RGB(0xF2F2F2));
    let steps = wrap
        .clone()
        .set_italic()
        .set_background_color(Color::RGB(0xF7F7F7));
    let has_steps = j.phases.iter().any(|p| !p.steps.is_empty());
    write_rows(sheet, &grid, &wrap, &lane, &steps, has_steps)?;
    // Phase names over their columns, in the phase's colour.
    let mut col: u16 = 1;
    for p in &j.phases {
        let n = p.column_count() as u16;
        let fill = CellFormat::new()
            .set_bold()
            .set_font_color(Color::White)
            .set_background_color(Color::RGB(
                (u32::from(p.color.0) << 16) | (u32::from(p.color.1) << 8) | u32::from(p.color.2),
            ))
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter)
            .set_text_wrap();
        let name = grid.rows[0]
            .get(usize::from(col))
            .map_or("", String::as_str);
        if n > 1 {
            sheet
                .merge_range(0, col, 0, col + n - 1, name, &fill)
                .map_err(failed)?;
        } else {
            sheet
                .write_string_with_format(0, col, name, &fill)
                .map_err(failed)?;
        }
        col += n;
    }
    let title = CellFormat::new().set_bold().set_font_size(13);
    sheet
        .write_string_with_format(0, 0, &grid.rows[0][0], &title)
        .map_err(failed)?;
    sheet.set_column_width(0, 26).map_err(failed)?;
    sheet
        .set_column_range_width(1, col.max(2) - 1, 30)
        .map_err(failed)?;
    sheet.set_row_height(0, 28).map_err(failed)?;
    sheet
        .set_freeze_panes(if has_steps { 2 } else { 1 }, 1)
        .map_err(failed)?;
    book.save_to_buffer().map_err(failed)
}

/// Every cell but the phase names: lane titles bold, numbers as numbers.
fn write_rows(
    sheet: &mut rust_xlsxwriter::Worksheet,
    grid: &Grid,
    wrap: &CellFormat,
    lane: &CellFormat,
    steps: &CellFormat,
    has_steps: bool,
) -> Result<(), ExportError> {
    let failed = |e: rust_xlsxwriter::XlsxError| ExportError::Encode(e.to_string());
    for (r, row) in grid.rows.iter().enumerate().skip(1) {
        let r32 = r as u32;
        let is_steps = has_steps && r == 1;
        // Rows as tall as their longest cell wraps to (a 30-wide column takes ~32 characters a
        // line): not every reader grows a row to its wrapped text when it opens the file.
        let lines = row
            .iter()
            .map(|t| {
                t.lines()
                    .map(|l| l.chars().count().div_ceil(32).max(1))
                    .sum::<usize>()
            })
            .max()
            .unwrap_or(1);
        sheet
            .set_row_height(r32, 15.0 * lines.min(400) as f64)
            .map_err(failed)?;
        for (c, text) in row.iter().enumerate() {
            let c16 = c as u16;
            let format = if is_steps {
                steps
            } else if c == 0 {
                lane
            } else {
                wrap
            };
            match text.parse::<f64>() {
                // Only what reads back as the same text ("1.50" stays text).
                Ok(v) if c > 0 && !is_steps && v.is_finite() && format!("{v}") == *text => {
                    sheet.write_number_with_format(r32, c16, v, format)
                }
                _ => sheet.write_string_with_format(r32, c16, text, format),
            }
            .map_err(failed)?;
        }
    }
    Ok(())
}
