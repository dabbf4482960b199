//! The uncertainty analysis as text (CLI) and tables (CSV, workbook, report): per-year
//! percentiles of the fan, the chance of meeting each target, cost percentiles, the tornado
//! and Sobol indices. The numbers are the engine's; nothing is computed here.

use super::tables::{Cell, Table};
use crate::engine::uncertainty::{Options, Outcome, Progress, Study};
use crate::engine::{Engine, Metric};
use crate::explain::metric_label;
use crate::i18n::Lang;
use crate::model::{Dist, Sampling, Scenario, UncertainInput};
use crate::units::{Money, Units, group};

fn num(x: f64) -> Cell {
    if x.is_finite() { Cell::Num(x) } else { Cell::Empty }
}

/// What the fan is, in one sentence: the chart note and the CLI's first lines.
pub const FAN_NOTE: &str = "Per-year marginal percentiles of the draws, not a set of trajectories: the P50 line is the median of each year on its own.";

/// Most draws an export runs (§9.26).
pub const EXPORT_DRAWS: usize = 10_000;

/// The exports' analysis on `metric`: the file's draws, seed and sampling, the tornado, and
/// the cost percentiles when the file has prices (the same numbers as `decarb uncertainty` on
/// the scenario's metric). `None` when the file has no uncertain input.
pub fn outcome(s: &Scenario, engine: &Engine, metric: &Metric) -> Option<Outcome> {
    if s.uncertainty.inputs.is_empty() {
        return None;
    }
    let opt = Options {
        // reports and exports take at most 10,000 draws (§9.26)
        draws: Some((s.uncertainty.draws as usize).clamp(1, EXPORT_DRAWS)),
        cost: crate::engine::cost::has_prices(s),
        tornado: true,
        ..Options::default()
    };
    Study::new(s)
        .with_metric(metric.clone())
        .run(s, engine, opt, &Progress::default())
        .ok()
}

/// A distribution of a multiplier in a few characters: "lognormal, median 1, σ 0.1".
pub fn dist_text(d: &Dist) -> String {
    let g = |x: f64| {
        let t = format!("{x:.4}");
        t.trim_end_matches('0').trim_end_matches('.').to_string()
    };
    match *d {
        Dist::Uniform { min, max } => format!("uniform {}–{}", g(min), g(max)),
        Dist::Triangular { min, mode, max } => {
            format!("triangular {}–{}–{}", g(min), g(mode), g(max))
        }
        Dist::Normal { mean, sd } => format!("normal, mean {}, sd {} (truncated at 0)", g(mean), g(sd)),
        Dist::LogNormal { median, sigma } => format!("lognormal, median {}, σ {}", g(median), g(sigma)),
    }
}

/// What an input multiplies and on which members: "grid emission factors: japan".
pub fn input_what(i: &UncertainInput) -> String {
    let mut t = i.target.clone();
    let what = t.what();
    match t.members_mut() {
        Some((m, _)) if !m.is_empty() => format!("{what}: {}", m.join(", ")),
        Some((_, kind)) => format!("{what}: every one of the {kind}"),
        None => what.to_string(),
    }
}

/// The uncertain inputs of the file: what each multiplies, its distribution, from when, and
/// its source.
pub fn inputs_table(s: &Scenario) -> Table {
    Table {
        name: "Uncertain inputs",
        header: [
            "input",
            "multiplies",
            "distribution of the multiplier",
            "known until (fiscal year)",
            "ramp [years]",
            "one draw per member",
            "source",
            "assumption",
        ]
        .map(String::from)
        .into(),
        rows: s
            .uncertainty
            .inputs
            .iter()
            .map(|i| {
                vec![
                    Cell::Text(i.id.clone()),
                    Cell::Text(input_what(i)),
                    Cell::Text(dist_text(&i.dist)),
                    Cell::Num(f64::from(
                        i.known_until
                            .unwrap_or_else(|| crate::engine::uncertainty::default_known_until(s)),
                    )),
                    Cell::Num(f64::from(i.ramp_years)),
                    Cell::Text(if i.each { "yes" } else { "no" }.into()),
                    Cell::Text(i.source.clone()),
                    i.assumption.clone().map_or(Cell::Empty, Cell::Text),
                ]
            })
            .collect(),
    }
}

/// The analysis's tables for the workbook and the CSV folder: fan, P(met), tornado, inputs.
pub fn tables(s: &Scenario, o: &Outcome) -> Vec<Table> {
    vec![fan_table(o), chance_table(o), tornado_table(o), inputs_table(s)]
}

/// Per-year percentiles of the metric [t-CO2].
pub fn fan_table(o: &Outcome) -> Table {
    Table {
        name: "Uncertainty fan",
        header: [
            "fiscal year",
            "P5 [t-CO2]",
            "P25 [t-CO2]",
            "P50 [t-CO2]",
            "P75 [t-CO2]",
            "P95 [t-CO2]",
            "deterministic [t-CO2]",
        ]
        .map(String::from)
        .into(),
        rows: o
            .fan
            .iter()
            .map(|f| {
                let mut r = vec![Cell::Num(f64::from(f.year))];
                r.extend(f.p.iter().map(|&v| num(v)));
                r.push(num(f.deterministic));
                r
            })
            .collect(),
    }
}

/// P(met) per target, P(all met), and the cost spread.
pub fn chance_table(o: &Outcome) -> Table {
    let mut rows: Vec<Vec<Cell>> = o
        .targets
        .iter()
        .map(|t| {
            vec![
                Cell::Text(t.label.clone()),
                Cell::Num(f64::from(t.year)),
                num(t.p_met),
                num(t.se),
                Cell::Text(if t.met_deterministic { "met" } else { "missed" }.into()),
                num(t.value_p50),
                num(t.gap_p50),
            ]
        })
        .collect();
    if let Some((p, se)) = o.all_met {
        rows.push(vec![
            Cell::Text("all targets".into()),
            Cell::Empty,
            num(p),
            num(se),
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
        ]);
    }
    Table {
        name: "Chance of meeting targets",
        header: [
            "target",
            "fiscal year",
            "P(met)",
            "standard error",
            "deterministic run",
            "P50 of the value [target unit]",
            "P50 of value − level [target unit]",
        ]
        .map(String::from)
        .into(),
        rows,
    }
}

/// The tornado rows, widest first, and Sobol indices when computed.
pub fn tornado_table(o: &Outcome) -> Table {
    let sobol = |label: &str| {
        o.sobol
            .as_ref()
            .and_then(|v| v.iter().find(|r| r.label == label))
            .map_or((Cell::Empty, Cell::Empty), |r| (num(r.first), num(r.total)))
    };
    Table {
        name: "Tornado",
        header: [
            "input",
            "multiplier at P10",
            "multiplier at P90",
            &format!("metric in FY{} at P10 [t-CO2]", o.tornado_year),
            &format!("metric in FY{} at P90 [t-CO2]", o.tornado_year),
            "swing [t-CO2]",
            "Sobol first order",
            "Sobol total",
        ]
        .map(String::from)
        .into(),
        rows: o
            .tornado
            .iter()
            .map(|r| {
                let (s1, st) = sobol(&r.label);
                vec![
                    Cell::Text(r.label.clone()),
                    num(r.k_low),
                    num(r.k_high),
                    num(r.low),
                    num(r.high),
                    num(r.swing()),
                    s1,
                    st,
                ]
            })
            .collect(),
    }
}

/// The CLI's report. `cost_note`: what the cost figures leave out (prices not in the file).
pub fn text(s: &Scenario, o: &Outcome, units: Units, money: Money, cost_note: Option<&str>) -> String {
    let u = &s.uncertainty;
    let d = units.decimals();
    let mut out = format!(
        "Uncertainty of {} — {} draws, seed {}, {}; {} inputs{}\nMetric: {}\n{FAN_NOTE}\n\n",
        s.meta.name,
        o.draws,
        o.seed,
        match u.sampling {
            Sampling::LatinHypercube => "Latin hypercube",
            Sampling::Random => "random sampling",
        },
        o.tornado.len().max(u.inputs.len()),
        if o.kernel { "" } else { " (full engine per draw)" },
        metric_label(&o.metric, Lang::En),
    );
    if u.inputs.is_empty() {
        out.push_str(
            "The file has no uncertain inputs: every draw is the deterministic run. Add inputs under `uncertainty.inputs` (ANALYSES.md §2.2 lists defaults).\n\n",
        );
    }
    out.push_str(&format!(
        "{:>6} {:>12} {:>12} {:>12} {:>12} {:>12} {:>14}   ({})\n",
        "FY",
        "P5",
        "P25",
        "P50",
        "P75",
        "P95",
        "deterministic",
        units.label()
    ));
    for f in &o.fan {
        out.push_str(&format!("{:>6}", f.year));
        for v in f.p {
            out.push_str(&format!(" {:>12}", group(units.of(v), d)));
        }
        out.push_str(&format!(" {:>14}\n", group(units.of(f.deterministic), d)));
    }
    if !o.targets.is_empty() {
        out.push_str(
            "\nChance of meeting each target (share of draws in which the target's own rule says met)\n",
        );
        for t in &o.targets {
            out.push_str(&format!(
                "  {} (FY{}): P(met) {:.0} % ± {:.1} (deterministic run: {})\n",
                t.label,
                t.year,
                100.0 * t.p_met,
                100.0 * t.se,
                if t.met_deterministic { "met" } else { "missed" }
            ));
        }
        if let Some((p, se)) = o.all_met {
            out.push_str(&format!(
                "  All targets: P(met) {:.0} % ± {:.1}\n",
                100.0 * p,
                100.0 * se
            ));
        }
    }
    if let Some(c) = &o.cost {
        out.push_str(&format!("\nNPV of the plan's cost ({})\n", money.label()));
        let line = |name: &str, x: &crate::engine::uncertainty::Spread| {
            format!(
                "  {name}: P5 {}, P50 {}, P95 {} (deterministic {})\n",
                money.fmt(x.p5),
                money.fmt(x.p50),
                money.fmt(x.p95),
                money.fmt(x.deterministic)
            )
        };
        if let Some(n) = cost_note {
            out.push_str(&format!("  {n}\n"));
        }
        out.push_str(&line("cost against BAU", &c.npv_cost));
        if let Some(x) = &c.npv_exposure {
            out.push_str(&line("carbon-price exposure change", x));
        }
    }
    if !o.tornado.is_empty() {
        out.push_str(&format!(
            "\nTornado: the metric in FY{} with one input at its P10 and P90, every other at the scenario's value (deterministic {} {})\n",
            o.tornado_year,
            group(units.of(o.tornado_base), d),
            units.label()
        ));
        out.push_str(&format!(
            "  {:<32} {:>9} {:>9} {:>12} {:>12} {:>12}{}\n",
            "input",
            "k at P10",
            "k at P90",
            "at P10",
            "at P90",
            "swing",
            if o.sobol.is_some() { "  Sobol S1   ST" } else { "" }
        ));
        for r in &o.tornado {
            let sob = o
                .sobol
                .as_ref()
                .and_then(|v| v.iter().find(|x| x.label == r.label))
                .map_or(String::new(), |x| format!("  {:>8.3} {:>5.3}", x.first, x.total));
            out.push_str(&format!(
                "  {:<32} {:>9.3} {:>9.3} {:>12} {:>12} {:>12}{sob}\n",
                r.label,
                r.k_low,
                r.k_high,
                group(units.of(r.low), d),
                group(units.of(r.high), d),
                group(units.of(r.swing()), d),
            ));
        }
    }
    out
}

/// Every table as one CSV text, blank-line separated (the CLI's `--csv`).
pub fn csv(o: &Outcome) -> String {
    [fan_table(o), chance_table(o), tornado_table(o)]
        .iter()
        .map(|t| t.to_csv())
        .collect::<Vec<_>>()
        .join("\n")
}
