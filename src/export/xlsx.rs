//! The XLSX workbook a planner pastes from: one sheet per table of [`super::tables`], numbers
//! formatted (thousands separators, sensible decimals), units in the headers, the header row
//! frozen, columns sized, and native Excel charts of the trajectory and the wedges. Text cells
//! are written as strings, never as formulas.

use super::tables::{Cell, Table, tables_on};
use crate::model::Scenario;
use rust_xlsxwriter::{Chart, ChartType, Format, FormatAlign, Workbook, Worksheet, XlsxError};

/// Number format of a column, from its header's unit.
fn num_format(header: &str) -> &'static str {
    let h = header.to_lowercase();
    if h.starts_with("fiscal year") {
        "0"
    } else if h.contains("t-co2/t")
        || h.contains("t-co2/million")
        || h.contains("share")
        || h.contains("p(met)")
        || h.contains("standard error")
        || h.contains("multiplier")
        || h.contains("sobol")
        || h.contains("[target unit]")
    {
        "#,##0.000"
    } else {
        "#,##0"
    }
}

/// Format of a value cell of the KPI sheet, by the row's unit.
fn kpi_format(unit: &str) -> &'static str {
    if unit == "t-CO2" { "#,##0" } else { "#,##0.000" }
}

fn err(e: XlsxError) -> String {
    format!("could not write the workbook: {e}")
}

fn write_table(ws: &mut Worksheet, t: &Table) -> Result<(), XlsxError> {
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_background_color(0xEEEEEE)
        .set_border_bottom(rust_xlsxwriter::FormatBorder::Thin);
    ws.set_name(t.name)?;
    ws.set_row_height(0, 45)?;
    let formats: Vec<Format> = t
        .header
        .iter()
        .map(|h| Format::new().set_num_format(num_format(h)))
        .collect();
    let unit_col = t.header.iter().position(|h| h == "unit");
    for (c, h) in t.header.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, &head)?;
    }
    for (r, row) in t.rows.iter().enumerate() {
        let kpi = unit_col.and_then(|u| match row.get(u) {
            Some(Cell::Text(unit)) => Some(Format::new().set_num_format(kpi_format(unit))),
            _ => None,
        });
        for (c, cell) in row.iter().enumerate() {
            let (rr, cc) = ((r + 1) as u32, c as u16);
            match cell {
                Cell::Num(x) => {
                    let f = match (&kpi, t.header.get(c).map(String::as_str)) {
                        (Some(k), Some("value" | "level" | "gap")) => k,
                        _ => &formats[c],
                    };
                    ws.write_number_with_format(rr, cc, *x, f)?;
                }
                Cell::Text(s) => {
                    ws.write_string(rr, cc, s)?;
                }
                Cell::Empty => {}
            }
        }
    }
    ws.set_freeze_panes(1, 1)?;
    // Printed (or converted to PDF): landscape, one page wide, the header on every page.
    ws.set_landscape();
    if t.header.len() <= 12 {
        ws.set_print_fit_to_pages(1, 0);
    }
    ws.set_repeat_rows(0, 0)?;
    // Headers wrap; numbers need at least 12 characters.
    for (c, h) in t.header.iter().enumerate() {
        // Wide enough for the header's unit in brackets on one line.
        let unit = h.find('[').map_or(0, |i| h[i..].chars().count());
        let w = (h.chars().count() as f64 / 2.0)
            .max(unit as f64 + 1.0)
            .clamp(12.0, 40.0);
        let longest = t
            .rows
            .iter()
            .filter_map(|r| match r.get(c) {
                Some(Cell::Text(s)) => Some(s.chars().count() as f64),
                _ => None,
            })
            .fold(0.0, f64::max)
            .min(60.0);
        ws.set_column_width(c as u16, w.max(longest + 1.0))?;
    }
    Ok(())
}

/// A line chart of some columns of the Trajectories sheet over the fiscal years.
fn trajectory_chart(t: &Table, cols: &[usize], title: &str) -> Chart {
    let mut chart = Chart::new(ChartType::Line);
    let n = t.rows.len() as u32;
    for &c in cols {
        chart
            .add_series()
            .set_categories((t.name, 1, 0, n, 0))
            .set_values((t.name, 1, c as u16, n, c as u16))
            .set_name((t.name, 0, c as u16));
    }
    chart.title().set_name(title);
    chart.x_axis().set_name("Fiscal year");
    chart.y_axis().set_name("t-CO2").set_num_format("#,##0");
    chart.set_width(760).set_height(420);
    chart
}

/// Stacked columns of the wedges (negative wedges stack below zero) and the gap as a line;
/// none when no lever moves (a chart needs a series: a new company's inventory has none).
fn wedges_chart(t: &Table) -> Option<Chart> {
    let mut chart = Chart::new(ChartType::ColumnStacked);
    let n = t.rows.len() as u32;
    let last = t.header.len().checked_sub(1)?;
    let mut any = false;
    for c in 1..last {
        let active = t
            .rows
            .iter()
            .any(|r| matches!(r.get(c), Some(Cell::Num(x)) if x.abs() > 0.5));
        if !active {
            continue;
        }
        any = true;
        chart
            .add_series()
            .set_categories((t.name, 1, 0, n, 0))
            .set_values((t.name, 1, c as u16, n, c as u16))
            .set_name((t.name, 0, c as u16));
    }
    let mut gap = Chart::new(ChartType::Line);
    gap.add_series()
        .set_categories((t.name, 1, 0, n, 0))
        .set_values((t.name, 1, last as u16, n, last as u16))
        .set_name((t.name, 0, last as u16));
    chart.combine(&gap);
    chart.title().set_name("Wedges against BAU");
    chart.x_axis().set_name("Fiscal year");
    chart.y_axis().set_name("t-CO2").set_num_format("#,##0");
    chart.set_width(760).set_height(420);
    any.then_some(chart)
}

/// The workbook as bytes, on the scenario's metric.
pub fn workbook(s: &Scenario) -> Result<Vec<u8>, String> {
    workbook_on(s, &crate::engine::Metric::default_for(s))
}

/// The workbook with the metric columns, wedges, bridge and KPIs on `metric`.
pub fn workbook_on(s: &Scenario, metric: &crate::engine::Metric) -> Result<Vec<u8>, String> {
    workbook_from(tables_on(s, metric), metric, s)
}

/// The workbook of tables already built on `metric` (the CLI builds them once for XLSX and CSV),
/// followed by the scenario's inputs as the sheets of the inventory workbook, so that
/// `decarb import` reads the export back into the same scenario.
pub fn workbook_from(
    tables: Vec<super::tables::Table>,
    metric: &crate::engine::Metric,
    inputs: &Scenario,
) -> Result<Vec<u8>, String> {
    super::tables::check_limits(&tables)?;
    let mut wb = Workbook::new();
    for t in tables {
        let ws = wb.add_worksheet();
        write_table(ws, &t).map_err(err)?;
        let right = t.header.len() as u16 + 1;
        match t.name {
            "Trajectories" => {
                // Scope 1, Scope 2 market, the metric and its BAU.
                let metric_col = t.header.len() - 2;
                let title = format!(
                    "Trajectory and BAU — {}",
                    crate::explain::metric_label(metric, crate::i18n::Lang::En)
                );
                let chart = trajectory_chart(&t, &[metric_col, metric_col + 1, 1, 2], &title);
                ws.insert_chart(1, right, &chart).map_err(err)?;
            }
            "Wedges" => {
                if let Some(mut chart) = wedges_chart(&t) {
                    chart.title().set_name(&format!(
                        "Wedges against BAU — {}",
                        crate::explain::metric_label(metric, crate::i18n::Lang::En)
                    ));
                    ws.insert_chart(1, right, &chart).map_err(err)?;
                }
            }
            "Uncertainty fan" => {
                // P95 … P5 and the deterministic run: per-year marginal percentiles.
                let title = format!(
                    "Fan — {}",
                    crate::explain::metric_label(metric, crate::i18n::Lang::En)
                );
                let chart = trajectory_chart(&t, &[5, 4, 3, 2, 1, 6], &title);
                ws.insert_chart(1, right, &chart).map_err(err)?;
            }
            _ => {}
        }
    }
    crate::workbook::io::add_sheets(&mut wb, &crate::workbook::write::sheets(inputs), false)?;
    wb.save_to_buffer().map_err(err)
}
