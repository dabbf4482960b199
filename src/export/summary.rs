//! Views of a projection shared by the CLI and the window: key figures, the text summary
//! and the CSV of the yearly series. No emissions math beyond reading the projection.

use crate::engine::LeverGroup;
use crate::engine::targets::{self, Baseline, Origin, TargetResult, TargetUnit};
use crate::engine::wedges::Wedges;
use crate::engine::{Projection, Totals};
use crate::i18n::{Lang, pct, tr};
use crate::model::{Scenario, Scope, Scope2Method};
use crate::units::{Units, group};
use std::fmt::Write;

/// The reference years of the planners' targets.
pub const BASELINE_YEARS: [i32; 2] = [2013, 2018];
/// The milestone years shown in summaries.
pub const KEY_YEARS: [i32; 2] = [2030, 2050];

const S12: [Scope; 2] = [Scope::Scope1, Scope::Scope2];

/// Scope 1+2 (market) baselines of 2013 and 2018.
pub fn baselines(s: &Scenario, p: &Projection) -> Vec<(i32, Option<Baseline>)> {
    BASELINE_YEARS
        .iter()
        .map(|&y| (y, targets::baseline(s, p, y, &S12, Scope2Method::Market)))
        .collect()
}

/// Scope 3 baselines, when the scenario has materials.
pub fn scope3_baselines(s: &Scenario, p: &Projection) -> Vec<(i32, Option<Baseline>)> {
    BASELINE_YEARS
        .iter()
        .map(|&y| {
            (
                y,
                targets::baseline(s, p, y, &[Scope::Scope3], Scope2Method::Market),
            )
        })
        .collect()
}

/// Change in % of `value` against `base` (negative = reduction).
pub fn change_pct(value: f64, base: f64) -> Option<f64> {
    (base > 0.0 && value.is_finite()).then(|| (value / base - 1.0) * 100.0)
}

/// Net emissions summed from the base year to `to_year` inclusive [t-CO2].
pub fn cumulative_net(p: &Projection, to_year: i32) -> Option<f64> {
    let last = p.index(to_year)?;
    Some(p.scenario.totals[..=last].iter().map(|t| t.net).sum())
}

/// The metric summed from the base year to `to_year` inclusive [t-CO2].
pub fn cumulative(p: &Projection, metric: &crate::engine::Metric, to_year: i32) -> Option<f64> {
    cumulative_between(p, metric, p.base_year, to_year)
}

/// The metric summed over `from..=to` [t-CO2]; `None` when a year is outside the projection.
pub fn cumulative_between(p: &Projection, metric: &crate::engine::Metric, from: i32, to: i32) -> Option<f64> {
    let (a, b) = (p.index(from)?, p.index(to)?);
    (a <= b).then(|| p.scenario.totals[a..=b].iter().map(|t| metric.of(t)).sum())
}

/// Scope 1+2 (market) intensity of a year per t of production and per million JPY of revenue.
pub fn intensities(p: &Projection, year: i32) -> (Option<f64>, Option<f64>) {
    let Some(i) = p.index(year) else {
        return (None, None);
    };
    let t = &p.scenario.totals[i];
    let e = &p.scenario.energy[i];
    let per_t = (e.production_t > 0.0).then(|| t.scope12() / e.production_t);
    let per_m = p.revenue(i).filter(|r| *r > 0.0).map(|r| t.scope12() / (r / 1e6));
    (per_t, per_m)
}

/// "intensity met, absolute missed" for intensity targets.
pub fn intensity_met_absolute_missed(r: &TargetResult) -> bool {
    r.met && r.absolute_equivalent.is_some_and(|a| !a.met)
}

fn origin(o: Origin) -> &'static str {
    match o {
        Origin::History => "history",
        Origin::Model => "model",
    }
}

fn fmt_pct(v: Option<f64>) -> String {
    match v {
        Some(x) if x.is_finite() => format!("{}{:.1} %", if x > 0.0 { "+" } else { "" }, x).replace('-', "−"),
        _ => "n/a".into(),
    }
}

/// A target value in its unit.
pub fn fmt_target_value(unit: TargetUnit, v: f64, units: Units) -> String {
    if !v.is_finite() {
        return "n/a".into();
    }
    match unit {
        TargetUnit::TCo2 => units.fmt(v),
        TargetUnit::PerTonne => format!("{} t-CO2/t", group(v, 3)),
        TargetUnit::PerMillionJpy => format!("{} t-CO2/百万円", group(v, 3)),
    }
}

fn scopes_label(s: &Scenario, i: usize) -> String {
    let t = &s.targets[i];
    let mut parts: Vec<&str> = Vec::new();
    for sc in [Scope::Scope1, Scope::Scope2, Scope::Scope3] {
        if t.scopes.contains(&sc) {
            parts.push(match sc {
                Scope::Scope1 => "1",
                Scope::Scope2 => "2",
                Scope::Scope3 => "3",
            });
        }
    }
    let mut l = format!("Scope {}", parts.join("+"));
    if t.scopes.contains(&Scope::Scope2) && t.scope2_method == Scope2Method::Location {
        l.push_str(" (location)");
    }
    if t.credits_count {
        l.push_str(", net of credits");
    }
    l
}

/// The text of `decarb summary`.
pub fn summary_text(s: &Scenario, p: &Projection, units: Units) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "{}", s.meta.name);
    if !s.meta.organisation.is_empty() {
        let _ = writeln!(o, "Organisation: {}", s.meta.organisation);
    }
    let _ = writeln!(
        o,
        "Base year: FY{}   projection FY{}–FY{}   units: {}",
        s.base_year,
        s.base_year,
        s.last_year,
        units.label()
    );
    let _ = writeln!(
        o,
        "Net = Scope 1 + Scope 2 (market){} − credits",
        if p.net_includes_scope3 { " + Scope 3" } else { "" }
    );

    let _ = writeln!(o, "\nBaselines (Scope 1+2, market)");
    let base12 = baselines(s, p);
    for (y, b) in &base12 {
        match b {
            Some(b) => {
                let _ = writeln!(o, "  FY{y}  {:>16}  ({})", units.fmt(b.value_t), origin(b.origin));
            }
            None => {
                let _ = writeln!(o, "  FY{y}  {:>16}", "n/a");
            }
        }
    }
    let base3 = scope3_baselines(s, p);
    if !s.materials.is_empty() {
        let _ = writeln!(o, "Baselines (Scope 3)");
        for (y, b) in &base3 {
            match b {
                Some(b) => {
                    let _ = writeln!(o, "  FY{y}  {:>16}  ({})", units.fmt(b.value_t), origin(b.origin));
                }
                None => {
                    let _ = writeln!(o, "  FY{y}  {:>16}", "n/a");
                }
            }
        }
    }

    let _ = write!(o, "\n{:<28}", "");
    for y in KEY_YEARS {
        let _ = write!(o, "{:>18}", format!("FY{y}"));
    }
    let _ = writeln!(o);
    let key: Vec<(Option<&Totals>, Option<&Totals>)> = KEY_YEARS
        .iter()
        .map(|&y| (p.totals(y), p.bau_totals(y)))
        .collect();
    let row = |o: &mut String, name: &str, f: &dyn Fn(&Totals) -> f64, bau: bool| {
        let _ = write!(o, "{name:<28}");
        for (t, b) in &key {
            let v = if bau { b.map(f) } else { t.map(f) };
            let _ = write!(o, "{:>18}", v.map_or("n/a".into(), |v| units.fmt(v)));
        }
        let _ = writeln!(o);
    };
    row(&mut o, "Scope 1", &|t| t.scope1, false);
    row(&mut o, "Scope 2 (market)", &|t| t.scope2_market, false);
    row(&mut o, "Scope 2 (location)", &|t| t.scope2_location, false);
    row(&mut o, "Scope 1+2 (market)", &|t| t.scope12(), false);
    if !s.materials.is_empty() {
        row(&mut o, "Scope 3", &|t| t.scope3, false);
    }
    row(&mut o, "Credits", &|t| t.credits, false);
    row(&mut o, "Net", &|t| t.net, false);
    row(&mut o, "BAU net", &|t| t.net, true);
    for (y, b) in &base12 {
        let _ = write!(o, "{:<28}", format!("Scope 1+2 vs FY{y}"));
        for (t, _) in &key {
            let v = match (t, b) {
                (Some(t), Some(b)) => change_pct(t.scope12(), b.value_t),
                _ => None,
            };
            let _ = write!(o, "{:>18}", fmt_pct(v));
        }
        let _ = writeln!(o);
    }
    if !s.materials.is_empty() {
        for (y, b) in &base3 {
            let _ = write!(o, "{:<28}", format!("Scope 3 vs FY{y}"));
            for (t, _) in &key {
                let v = match (t, b) {
                    (Some(t), Some(b)) => change_pct(t.scope3, b.value_t),
                    _ => None,
                };
                let _ = write!(o, "{:>18}", fmt_pct(v));
            }
            let _ = writeln!(o);
        }
    }
    let _ = write!(o, "{:<28}", "Cumulative net from base");
    for y in KEY_YEARS {
        let _ = write!(
            o,
            "{:>18}",
            cumulative_net(p, y).map_or("n/a".into(), |v| units.fmt(v))
        );
    }
    let _ = writeln!(o);

    let results = targets::evaluate(s, p);
    let _ = writeln!(o, "\nTargets");
    if results.is_empty() {
        let _ = writeln!(o, "  (none)");
    }
    let mut flagged = Vec::new();
    for (i, r) in results.iter().enumerate() {
        let t = &s.targets[i];
        let what = match t.kind {
            crate::model::TargetKind::Absolute {
                reduction_pct,
                reference_year,
            } => format!("−{reduction_pct} % vs FY{reference_year}"),
            crate::model::TargetKind::Intensity {
                reduction_pct,
                reference_year,
                ..
            } => format!("intensity −{reduction_pct} % vs FY{reference_year}"),
            crate::model::TargetKind::Level { .. } => "level".into(),
        };
        let _ = writeln!(
            o,
            "  {} (FY{}, {}, {})",
            r.label,
            r.year,
            scopes_label(s, i),
            what
        );
        let _ = writeln!(
            o,
            "    level {}   value {}   gap {}   {}",
            fmt_target_value(r.unit, r.level, units),
            fmt_target_value(r.unit, r.value, units),
            fmt_target_value(r.unit, r.gap, units),
            if r.met { "MET" } else { "NOT MET" }
        );
        if let Some(a) = &r.absolute_equivalent {
            let _ = writeln!(
                o,
                "    absolute equivalent: level {}   value {}   gap {}   {}",
                units.fmt(a.level_t),
                units.fmt(a.value_t),
                units.fmt(a.gap_t),
                if a.met { "MET" } else { "NOT MET" }
            );
        }
        if intensity_met_absolute_missed(r) {
            flagged.push(r.label.clone());
            let _ = writeln!(o, "    ! intensity met, absolute missed");
        }
    }
    if !flagged.is_empty() {
        let _ = writeln!(
            o,
            "\nNote: {} target(s) met on intensity while absolute emissions miss the same reduction: {}",
            flagged.len(),
            flagged.join("; ")
        );
    }
    let res = crate::explain::residuals(s, p);
    if !res.is_empty() {
        let _ = writeln!(o, "\nModel against reported actuals (model − reported)");
        for r in res {
            let _ = writeln!(o, "  {}", r.line(Lang::En, units));
        }
    }
    o
}

/// A text cell a spreadsheet would read as a formula (starting with = + - @, tab or carriage
/// return) gets a leading apostrophe (OWASP, CSV injection); other text is unchanged.
pub fn defuse(s: &str) -> std::borrow::Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}").into()
    } else {
        s.into()
    }
}

/// CSV text (RFC 4180 quoting by the `csv` crate, `\n` line ends) of rows of fields already
/// rendered: numbers as written, text through [`defuse`].
pub fn csv_rows<I, R, F>(rows: I) -> String
where
    I: IntoIterator<Item = R>,
    R: IntoIterator<Item = F>,
    F: AsRef<[u8]>,
{
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    for r in rows {
        // Writing to a Vec cannot fail.
        let _ = w.write_record(r);
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

fn num(v: f64) -> String {
    if v.is_finite() {
        // `+ 0.0` turns −0 into 0.
        format!("{}", v + 0.0)
    } else {
        String::new()
    }
}

/// The CSV of `decarb run`: one row per projected year, t-CO2 (energy in MWh / GJ).
pub fn csv(s: &Scenario, p: &Projection) -> String {
    let mut header: Vec<String> = [
        "year",
        "scope1_t",
        "scope2_market_t",
        "scope2_location_t",
        "scope3_t",
        "credits_t",
        "net_t",
        "bau_net_t",
        "bau_scope1_t",
        "bau_scope2_market_t",
        "bau_scope3_t",
        "electricity_mwh",
        "grid_purchase_mwh",
        "own_generation_surplus_mwh",
        "fuel_gj",
        "primary_energy_gj",
        "production_t",
        "revenue_jpy",
        "intensity_scope12_t_per_t",
        "intensity_scope12_t_per_mjpy",
    ]
    .iter()
    .map(|h| h.to_string())
    .collect();
    header.extend(
        p.sources
            .iter()
            .map(|l| defuse(&format!("source_{}_t", l.key)).into_owned()),
    );
    for id in &s.sites {
        for part in ["scope1", "scope2_market", "scope2_location", "scope3"] {
            header.push(defuse(&format!("site_{}_{part}_t", id.id)).into_owned());
        }
    }
    let mut rows = vec![header];
    let n_src = p.scenario.source_count();
    for i in 0..p.years() {
        let t = &p.scenario.totals[i];
        let b = &p.bau.totals[i];
        let e = &p.scenario.energy[i];
        let mut row = vec![
            p.year(i).to_string(),
            num(t.scope1),
            num(t.scope2_market),
            num(t.scope2_location),
            num(t.scope3),
            num(t.credits),
            num(t.net),
            num(b.net),
            num(b.scope1),
            num(b.scope2_market),
            num(b.scope3),
            num(e.electricity_mwh),
            num(e.grid_mwh),
            num(e.surplus_mwh),
            num(e.fuel_gj),
            num(p.primary_energy_gj(i)),
            num(e.production_t),
            p.revenue(i).map_or(String::new(), num),
            if e.production_t > 0.0 {
                num(t.scope12() / e.production_t)
            } else {
                String::new()
            },
            p.revenue(i)
                .filter(|r| *r > 0.0)
                .map_or(String::new(), |r| num(t.scope12() / (r / 1e6))),
        ];
        row.extend((0..n_src).map(|k| num(p.scenario.source(i, k))));
        for si in 0..s.sites.len() {
            let sy = p.scenario.site(i, si);
            row.extend([sy.scope1, sy.scope2_market, sy.scope2_location, sy.scope3].map(num));
        }
        rows.push(row);
    }
    csv_rows(rows)
}

/// One key figure of a comparison: its label and its value in each scenario [t-CO2 or %].
pub struct CompareRow {
    pub label: String,
    pub values: Vec<Option<f64>>,
    /// The value is a percentage (Δ in points), not tonnes.
    pub is_pct: bool,
}

/// The key figures compared side by side on one metric: FY2030 and FY2050, against the
/// baselines, and cumulative from the latest of the base years (the same span for all).
pub fn compare_rows(
    items: &[(String, &Scenario, &Projection)],
    metric: &crate::engine::Metric,
) -> Vec<CompareRow> {
    let metric = metric.clone();
    let label = crate::explain::metric_label(&metric, Lang::En);
    let start = items.iter().map(|(_, s, _)| s.base_year).max().unwrap_or(0);
    let mut rows = Vec::new();
    for y in KEY_YEARS {
        rows.push(CompareRow {
            label: format!("{label}, FY{y}"),
            values: items
                .iter()
                .map(|(_, _, p)| p.totals(y).map(|t| metric.of(t)))
                .collect(),
            is_pct: false,
        });
        for by in BASELINE_YEARS {
            rows.push(CompareRow {
                label: format!("  change FY{y} vs FY{by}"),
                values: items
                    .iter()
                    .map(|(_, s, p)| {
                        let b = targets::baseline(s, p, by, &metric.scopes, metric.method)?;
                        change_pct(metric.of(p.totals(y)?), b.value_t)
                    })
                    .collect(),
                is_pct: true,
            });
        }
        rows.push(CompareRow {
            label: format!("  cumulative FY{start}–FY{y}"),
            values: items
                .iter()
                .map(|(_, _, p)| cumulative_between(p, &metric, start, y))
                .collect(),
            is_pct: false,
        });
    }
    rows
}

/// A change B − A with its %: "+1.23 万t (+4.5 %)" or "+1.2 pt".
pub fn fmt_change(a: Option<f64>, b: Option<f64>, is_pct: bool, units: Units) -> String {
    match (a, b) {
        (Some(a), Some(b)) if is_pct => {
            format!("{}{:.1} pt", if b - a > 0.0 { "+" } else { "" }, b - a).replace('-', "−")
        }
        (Some(a), Some(b)) => {
            let pct = change_pct(b, a).map_or(String::new(), |v| format!(" ({})", crate::i18n::pct(v)));
            format!("{}{pct}", crate::explain::signed(units, b - a))
        }
        _ => "—".into(),
    }
}

/// The text of `decarb compare`: the key figures side by side with the change against the
/// first scenario, every target by its full label, then every input that differs from the
/// first scenario, by name, with units and the change.
pub fn compare_text(items: &[(String, &Scenario, &Projection)], units: Units) -> String {
    let mut o = String::new();
    let width = 20;
    let letters: Vec<char> = ('A'..='Z').collect();
    let letter = |i: usize| letters.get(i).copied().unwrap_or('?');
    for (i, (name, s, _)) in items.iter().enumerate() {
        let _ = writeln!(
            o,
            "{}  {name} — {} (base FY{})",
            letter(i),
            s.meta.name,
            s.base_year
        );
    }
    let _ = writeln!(o);
    let _ = write!(o, "{:<46}", "");
    for i in 0..items.len() {
        let _ = write!(o, "{:>width$}", letter(i));
    }
    for i in 1..items.len() {
        let _ = write!(o, "{:>28}", format!("{} − A", letter(i)));
    }
    let _ = writeln!(o);
    let fmt = |v: Option<f64>, is_pct: bool| match v {
        Some(x) if is_pct => fmt_pct(Some(x)),
        Some(x) => units.fmt(x),
        None => "n/a".into(),
    };
    let metric = items
        .first()
        .map_or_else(crate::engine::Metric::default, |(_, s, _)| {
            crate::engine::Metric::default_for(s)
        });
    for r in compare_rows(items, &metric) {
        let _ = write!(o, "{:<46}", r.label);
        for v in &r.values {
            let _ = write!(o, "{:>width$}", fmt(*v, r.is_pct));
        }
        for v in &r.values[1..] {
            let _ = write!(o, "{:>28}", fmt_change(r.values[0], *v, r.is_pct, units));
        }
        let _ = writeln!(o);
    }
    // Targets, matched by label; the full label on its own line.
    let mut labels: Vec<String> = Vec::new();
    for (_, s, _) in items {
        for t in &s.targets {
            if !labels.contains(&t.label) {
                labels.push(t.label.clone());
            }
        }
    }
    let results: Vec<Vec<TargetResult>> = items.iter().map(|(_, s, p)| targets::evaluate(s, p)).collect();
    if !labels.is_empty() {
        let _ = writeln!(o, "\nTargets");
    }
    for label in &labels {
        let _ = writeln!(o, "  {label}");
        for (i, r) in results.iter().enumerate() {
            let cell = r
                .iter()
                .find(|x| &x.label == label)
                .map_or("— (no such target)".into(), |x| {
                    format!(
                        "value {}, level {}, gap {}: {}",
                        fmt_target_value(x.unit, x.value, units),
                        fmt_target_value(x.unit, x.level, units),
                        fmt_target_value(x.unit, x.gap, units),
                        if x.met { "MET" } else { "MISSED" }
                    )
                });
            let _ = writeln!(o, "    {}  {cell}", letter(i));
        }
    }
    // Inputs that differ from the first scenario.
    if let Some((first_name, first, _)) = items.first() {
        for (i, (name, s, _)) in items.iter().enumerate().skip(1) {
            let d = crate::model::diff::diff(first, s);
            let _ = writeln!(
                o,
                "\nInputs and levers, A → {} ({first_name} → {name})",
                letter(i)
            );
            if d.is_empty() {
                let _ = writeln!(o, "  No differences: the scenarios have the same inputs.");
            }
            let year = 2030.clamp(first.base_year, first.last_year);
            for x in d {
                let what = if x.field.is_empty() {
                    x.item.clone()
                } else {
                    format!("{} · {}", x.item, x.field)
                };
                let _ = writeln!(o, "  {what}   [{}]", x.path);
                let _ = writeln!(o, "      A: {}", x.a_text());
                let _ = writeln!(o, "      {}: {}", letter(i), x.b_text());
                if let Some((dt, pct)) = x.delta(year) {
                    let pct = pct.map_or(String::new(), |p| format!(" ({})", crate::i18n::pct(p)));
                    let _ = writeln!(o, "      Δ {dt}{pct}");
                }
            }
        }
    }
    o
}

/// Display name of a lever group or a bridge driver.
pub fn group_name(lang: Lang, key: &str) -> &'static str {
    let en = match key {
        "co2_free_power" => "CO2-free power",
        "recycling" => "Recycling",
        "fuel_switching" => "Fuel switching",
        "ppa_own_renewables" => "PPA and own renewables",
        "efficiency" => "Efficiency",
        "process_change" => "Process change",
        "credits" => "Credits",
        "activity" => "Activity",
        "grid_factor" => "Grid emission factor",
        "ownership" => "Ownership",
        "to_base_year" => "To base year",
        _ => "Other",
    };
    tr(lang, en)
}

/// The plain-language summary of review mode and of the report, on one metric.
#[allow(clippy::too_many_arguments)]
pub fn review_text(
    s: &Scenario,
    p: &Projection,
    results: &[TargetResult],
    w: &Wedges,
    metric: &crate::engine::Metric,
    lang: Lang,
    units: Units,
) -> Vec<String> {
    let mut out = Vec::new();
    let label = crate::explain::metric_label(metric, lang);
    for year in KEY_YEARS {
        let Some(t) = p.totals(year) else { continue };
        let mut parts = Vec::new();
        for by in BASELINE_YEARS {
            let b = targets::baseline(s, p, by, &metric.scopes, metric.method);
            if let Some(v) = b.and_then(|b| change_pct(metric.of(t), b.value_t)) {
                parts.push(match lang {
                    Lang::En => format!("{} against FY{by}", pct(v)),
                    Lang::Ja => format!("{by}年度比 {}", pct(v)),
                });
            }
        }
        out.push(match lang {
            Lang::En => format!(
                "In FY{year} the plan lands at {} ({label}){}.",
                units.fmt(metric.of(t)),
                if parts.is_empty() {
                    String::new()
                } else {
                    format!(", {}", parts.join(", "))
                }
            ),
            Lang::Ja => format!(
                "{year}年度の計画値は{}（{label}{}）。",
                units.fmt(metric.of(t)),
                if parts.is_empty() {
                    String::new()
                } else {
                    format!("、{}", parts.join("、"))
                }
            ),
        });
    }
    for r in results {
        let v = fmt_target_value(r.unit, r.gap.abs(), units);
        out.push(match (lang, r.met) {
            (Lang::En, true) => format!("Target \"{}\" (FY{}) is met with {v} to spare.", r.label, r.year),
            (Lang::En, false) => format!("Target \"{}\" (FY{}) is missed by {v}.", r.label, r.year),
            (Lang::Ja, true) => format!("目標「{}」（{}年度）は達成（余裕 {v}）。", r.label, r.year),
            (Lang::Ja, false) => format!("目標「{}」（{}年度）は未達（不足 {v}）。", r.label, r.year),
        });
        if intensity_met_absolute_missed(r) {
            out.push(match lang {
                Lang::En => "  Its intensity is met, but absolute emissions miss the same reduction.".into(),
                Lang::Ja => "  原単位は達成するが、総量では同じ削減率に届かない。".into(),
            });
        }
    }
    // The three largest contributions in FY2030 (or the last year).
    let year = if p.index(2030).is_some() {
        2030
    } else {
        p.last_year()
    };
    if let Some(i) = p.index(year) {
        let mut c: Vec<(LeverGroup, f64)> = LeverGroup::ALL
            .iter()
            .map(|g| (*g, w.values[i][*g as usize]))
            .collect();
        c.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()));
        let top: Vec<String> = c
            .iter()
            .take(3)
            .filter(|(_, v)| v.abs() > 0.0)
            .map(|(g, v)| format!("{} {}", group_name(lang, g.key()), units.fmt(*v)))
            .collect();
        if !top.is_empty() {
            out.push(match lang {
                Lang::En => format!(
                    "Largest contributions against BAU in FY{year}: {}.",
                    top.join("; ")
                ),
                Lang::Ja => format!("{year}年度のなりゆき比の主な削減要因：{}。", top.join("、")),
            });
        }
    }
    let res = crate::explain::residuals(s, p);
    if !res.is_empty() {
        out.push(match lang {
            Lang::En => "Model against reported actuals:".into(),
            Lang::Ja => "モデルと実績の比較：".into(),
        });
        for r in res {
            out.push(format!("  {}", r.line(lang, units)));
        }
    }
    out
}
