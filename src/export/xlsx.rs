//! The XLSX workbook: one sheet per table of [`super::tables`], units in the headers.

use super::tables::{Cell, tables};
use crate::model::Scenario;
use rust_xlsxwriter::{Format, Workbook};

/// The workbook as bytes.
pub fn workbook(s: &Scenario) -> Result<Vec<u8>, String> {
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let err = |e: rust_xlsxwriter::XlsxError| format!("could not write the workbook: {e}");
    for t in tables(s) {
        let ws = wb.add_worksheet();
        ws.set_name(t.name).map_err(err)?;
        for (c, h) in t.header.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, h, &bold).map_err(err)?;
            ws.set_column_width(c as u16, (h.chars().count().clamp(10, 40)) as f64)
                .map_err(err)?;
        }
        for (r, row) in t.rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = ((r + 1) as u32, c as u16);
                match cell {
                    Cell::Num(x) => {
                        ws.write_number(r, c, *x).map_err(err)?;
                    }
                    Cell::Text(t) => {
                        ws.write_string(r, c, t).map_err(err)?;
                    }
                    Cell::Empty => {}
                }
            }
        }
    }
    wb.save_to_buffer().map_err(err)
}
