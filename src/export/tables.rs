//! The series behind each chart and the KPI and input tables, as plain tables: written as CSV
//! (one file per chart) and as the sheets of the XLSX workbook. Units are in the headers.

use crate::engine::LeverGroup;
use crate::engine::targets::TargetUnit;
use crate::engine::wedges::bridge;
use crate::model::Scenario;
use crate::report;

#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Num(f64),
    Text(String),
    Empty,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// Sheet / file name.
    pub name: &'static str,
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// Excel's limits of a sheet: rows (the header included), columns, characters in a cell.
pub const EXCEL_ROWS: usize = 1_048_576;
pub const EXCEL_COLUMNS: usize = 16_384;
pub const EXCEL_CELL_CHARS: usize = 32_767;

/// Refuses, before anything is written, tables that a spreadsheet could not open whole.
pub fn check_limits(tables: &[Table]) -> Result<(), String> {
    for t in tables {
        let cols = t
            .rows
            .iter()
            .map(Vec::len)
            .chain([t.header.len()])
            .max()
            .unwrap_or(0);
        if t.rows.len() + 1 > EXCEL_ROWS || cols > EXCEL_COLUMNS {
            return Err(format!(
                "the {} table has {} rows and {cols} columns; a spreadsheet holds at most {EXCEL_ROWS} rows and {EXCEL_COLUMNS} columns",
                t.name,
                t.rows.len() + 1
            ));
        }
        let long = t
            .header
            .iter()
            .chain(t.rows.iter().flatten().filter_map(|c| match c {
                Cell::Text(x) => Some(x),
                _ => None,
            }));
        for text in long {
            if text.chars().nth(EXCEL_CELL_CHARS).is_some() {
                return Err(format!(
                    "the {} table has a cell of more than {EXCEL_CELL_CHARS} characters, more than a spreadsheet cell holds",
                    t.name
                ));
            }
        }
    }
    Ok(())
}

impl Table {
    /// `by_site.csv` for the "By site" table.
    pub fn file_name(&self) -> String {
        format!("{}.csv", self.name.to_lowercase().replace(' ', "_"))
    }

    /// The table as CSV: numbers stay numbers, text cannot start a spreadsheet formula.
    pub fn to_csv(&self) -> String {
        use crate::report::{csv_rows, defuse};
        let header = self
            .header
            .iter()
            .map(|h| defuse(h).into_owned())
            .collect::<Vec<_>>();
        let rows = self.rows.iter().map(|r| {
            r.iter()
                .map(|c| match c {
                    // `+ 0.0` turns −0 into 0: no "-0" in a table.
                    Cell::Num(x) if x.is_finite() => format!("{}", x + 0.0),
                    Cell::Num(_) | Cell::Empty => String::new(),
                    Cell::Text(t) => defuse(t).into_owned(),
                })
                .collect::<Vec<_>>()
        });
        csv_rows(std::iter::once(header).chain(rows))
    }
}

fn num(x: f64) -> Cell {
    if x.is_finite() { Cell::Num(x) } else { Cell::Empty }
}

/// Every table of the exports, in sheet order.
pub fn tables(s: &Scenario) -> Vec<Table> {
    tables_on(s, &crate::engine::Metric::default_for(s))
}

/// Every table, with the metric columns, wedges, bridge and KPIs on `metric`.
pub fn tables_on(s: &Scenario, metric: &crate::engine::Metric) -> Vec<Table> {
    let super::Analysis {
        engine,
        projection: p,
        results,
        runs,
        metric,
        wedges: w,
        cost,
    } = super::Analysis::with_metric(s, metric.clone());
    let years = 0..p.years();
    let mlabel = crate::explain::metric_label(&metric, crate::i18n::Lang::En);
    let mut out = Vec::new();

    out.push(Table {
        name: "Trajectories",
        header: [
            "fiscal year",
            "Scope 1 [t-CO2]",
            "Scope 2 market [t-CO2]",
            "Scope 2 location [t-CO2]",
            "Scope 3 [t-CO2]",
            "Credits [t-CO2]",
            "Net [t-CO2]",
            "BAU net [t-CO2]",
        ]
        .map(String::from)
        .into_iter()
        .chain([format!("{mlabel} [t-CO2]"), format!("BAU, {mlabel} [t-CO2]")])
        .collect(),
        rows: years
            .clone()
            .map(|i| {
                let t = &p.scenario.totals[i];
                vec![
                    Cell::Num(f64::from(p.year(i))),
                    num(t.scope1),
                    num(t.scope2_market),
                    num(t.scope2_location),
                    num(t.scope3),
                    num(t.credits),
                    num(t.net),
                    num(p.bau.totals[i].net),
                    num(metric.of(t)),
                    num(metric.gross().of(&p.bau.totals[i])),
                ]
            })
            .collect(),
    });

    let mut header = vec!["fiscal year".to_string()];
    header.extend(p.sources.iter().map(|l| format!("{} [t-CO2]", l.name)));
    out.push(Table {
        name: "By source",
        header,
        rows: years
            .clone()
            .map(|i| {
                let mut r = vec![Cell::Num(f64::from(p.year(i)))];
                r.extend((0..p.scenario.source_count()).map(|k| num(p.scenario.source(i, k))));
                r
            })
            .collect(),
    });

    let mut header = vec!["fiscal year".to_string()];
    for n in &p.site_names {
        header.push(format!("{n} Scope 1+2 market [t-CO2]"));
        header.push(format!("{n} Scope 3 [t-CO2]"));
    }
    out.push(Table {
        name: "By site",
        header,
        rows: years
            .clone()
            .map(|i| {
                let mut r = vec![Cell::Num(f64::from(p.year(i)))];
                for si in 0..p.site_ids.len() {
                    let x = p.scenario.site(i, si);
                    r.push(num(x.scope1 + x.scope2_market));
                    r.push(num(x.scope3));
                }
                r
            })
            .collect(),
    });

    let mut header = vec!["fiscal year".to_string()];
    header.extend(
        LeverGroup::ALL
            .iter()
            .map(|g| format!("{} [t-CO2]", report::group_name(crate::i18n::Lang::En, g.key()))),
    );
    header.push(format!("gap BAU − scenario [t-CO2, {mlabel}]"));
    out.push(Table {
        name: "Wedges",
        header,
        rows: years
            .clone()
            .map(|i| {
                let mut r = vec![Cell::Num(f64::from(p.year(i)))];
                r.extend(w.values[i].iter().map(|v| num(*v)));
                r.push(num(w.gap[i]));
                r
            })
            .collect(),
    });

    let (from, to) = super::figures::default_bridge_years(s);
    let b = bridge(s, &engine, &p, &runs, &metric, from, to)
        .or_else(|_| bridge(s, &engine, &p, &runs, &metric, s.base_year, to));
    out.push(Table {
        name: "Bridge",
        header: vec!["step".into(), format!("value [t-CO2, {mlabel}]")],
        rows: match b {
            Ok(b) => {
                let mut r = vec![vec![Cell::Text(format!("FY{} start", b.from)), num(b.start_t)]];
                r.extend(b.bars.iter().map(|x| {
                    vec![
                        Cell::Text(report::group_name(crate::i18n::Lang::En, &x.key).to_string()),
                        num(x.value_t),
                    ]
                }));
                r.push(vec![Cell::Text(format!("FY{} end", b.to)), num(b.end_t)]);
                r
            }
            Err(e) => vec![vec![Cell::Text(e), Cell::Empty]],
        },
    });

    let mut kpis = Vec::new();
    for r in &results {
        let unit = match r.unit {
            TargetUnit::TCo2 => "t-CO2",
            TargetUnit::PerTonne => "t-CO2/t",
            TargetUnit::PerMillionJpy => "t-CO2/million JPY",
        };
        kpis.push(vec![
            Cell::Text(r.label.clone()),
            Cell::Num(f64::from(r.year)),
            Cell::Text(unit.into()),
            num(r.value),
            num(r.level),
            num(r.gap),
            Cell::Text(if r.met { "met" } else { "missed" }.into()),
        ]);
        if let Some(a) = r.absolute_equivalent {
            kpis.push(vec![
                Cell::Text(format!("{} (absolute equivalent)", r.label)),
                Cell::Num(f64::from(r.year)),
                Cell::Text("t-CO2".into()),
                num(a.value_t),
                num(a.level_t),
                num(a.gap_t),
                Cell::Text(if a.met { "met" } else { "missed" }.into()),
            ]);
        }
    }
    for y in report::KEY_YEARS {
        if let Some(t) = p.totals(y) {
            kpis.push(vec![
                Cell::Text(mlabel.clone()),
                Cell::Num(f64::from(y)),
                Cell::Text("t-CO2".into()),
                num(metric.of(t)),
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
            ]);
        }
    }
    out.push(Table {
        name: "KPIs",
        header: ["KPI", "fiscal year", "unit", "value", "level", "gap", "status"]
            .map(String::from)
            .to_vec(),
        rows: kpis,
    });

    out.push(Table {
        name: "Inputs",
        header: [
            "site id",
            "site",
            "region",
            "production [t]",
            "electricity [MWh]",
            "fuel [GJ]",
            "process [t-CO2]",
            "source",
            "assumption",
        ]
        .map(String::from)
        .to_vec(),
        rows: s
            .sites
            .iter()
            .map(|x| {
                vec![
                    Cell::Text(x.id.clone()),
                    Cell::Text(x.name.clone()),
                    Cell::Text(
                        s.regions
                            .iter()
                            .find(|r| r.id == x.region)
                            .map_or(x.region.clone(), |r| r.name.clone()),
                    ),
                    // not reported is not zero
                    if x.production_t > 0.0 {
                        num(x.production_t)
                    } else {
                        Cell::Empty
                    },
                    num(x.electricity_mwh),
                    num(x.fuels.iter().map(|f| s.fuel_use_gj(f)).sum()),
                    num(x.process_t_co2),
                    Cell::Text(x.source.clone()),
                    Cell::Text(x.assumption.clone().unwrap_or_default()),
                ]
            })
            .collect(),
    });
    // The cost analysis (ANALYSES.md §1.10), when the file has prices.
    if let Some(a) = cost {
        let names: Vec<String> = s.sites.iter().map(|x| x.name.clone()).collect();
        out.push(super::cost::cost_table(&a));
        out.push(super::cost::macc_table(&a, &names));
    }
    // The uncertainty analysis (ANALYSES.md §2.7), when the file has uncertain inputs.
    if let Some(o) = super::uncertainty::outcome(s, &engine, &metric) {
        out.extend(super::uncertainty::tables(s, &o));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(rows: usize, cols: usize, text: &str) -> Table {
        Table {
            name: "By site",
            header: (0..cols).map(|c| format!("c{c}")).collect(),
            rows: vec![vec![Cell::Text(text.into())]; rows],
        }
    }

    #[test]
    fn tables_beyond_a_spreadsheets_limits_are_refused_before_writing() {
        assert!(check_limits(&[table(EXCEL_ROWS - 1, EXCEL_COLUMNS, "x")]).is_ok());
        let rows = check_limits(&[table(EXCEL_ROWS, 1, "x")]).unwrap_err();
        assert!(rows.contains("1048577 rows"), "{rows}");
        assert!(check_limits(&[table(1, EXCEL_COLUMNS + 1, "x")]).is_err());
        assert!(check_limits(&[table(1, 1, &"y".repeat(EXCEL_CELL_CHARS))]).is_ok());
        let cell = check_limits(&[table(1, 1, &"y".repeat(EXCEL_CELL_CHARS + 1))]).unwrap_err();
        assert!(cell.contains("more than 32767 characters"), "{cell}");
    }

    #[test]
    fn csv_text_cannot_start_a_formula_and_numbers_stay_numbers() {
        let t = Table {
            name: "Inputs",
            header: vec!["=h".into(), "name".into(), "value".into()],
            rows: vec![
                vec![
                    Cell::Text("@SUM(A1)".into()),
                    Cell::Text("a,\"b\"".into()),
                    Cell::Num(-0.0),
                ],
                vec![Cell::Text("+1".into()), Cell::Text("\tx".into()), Cell::Num(-2.5)],
            ],
        };
        assert_eq!(
            t.to_csv(),
            "'=h,name,value\n'@SUM(A1),\"a,\"\"b\"\"\",0\n'+1,'\tx,-2.5\n"
        );
    }
}
