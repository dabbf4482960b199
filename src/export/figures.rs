//! The report's and the slides' charts as SVG: the same [`crate::charts`] data the window
//! draws, framed with title, metric, unit, scenario name and date.

use super::Analysis;
use super::svg::{self, Caption};
use crate::charts;
use crate::engine::Metric;
use crate::engine::cost_analysis::CostAnalysis;
use crate::engine::uncertainty::Outcome;
use crate::explain::metric_label;
use crate::i18n::{Lang, tr};
use crate::model::Scenario;
use crate::units::{Money, Units};

/// Which lower chart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LowerChart {
    BySource,
    BySite,
    Wedges,
    Bridge,
}

impl LowerChart {
    pub fn file_part(self) -> &'static str {
        match self {
            LowerChart::BySource => "by-source",
            LowerChart::BySite => "by-site",
            LowerChart::Wedges => "wedges",
            LowerChart::Bridge => "bridge",
        }
    }
}

/// Where a chart goes and in which language and units.
pub struct Frame<'a> {
    pub lang: Lang,
    pub units: Units,
    pub date: &'a str,
}

fn caption<'a>(s: &'a Scenario, title: &'a str, metric: &'a str, f: &Frame<'a>) -> Caption<'a> {
    Caption {
        title,
        metric,
        scenario: &s.meta.name,
        date: f.date,
        units: f.units,
        lang: f.lang,
    }
}

/// The trajectory on `metric` (targets on other metrics are named in a note).
pub fn trajectory_svg(s: &Scenario, a: &Analysis, metric: &Metric, f: &Frame) -> String {
    trajectory_fan_svg(s, a, metric, None, f)
}

/// The trajectory with the Monte Carlo fan when `fan` is on the same metric.
pub fn trajectory_fan_svg(
    s: &Scenario,
    a: &Analysis,
    metric: &Metric,
    fan: Option<&Outcome>,
    f: &Frame,
) -> String {
    let mut c = charts::trajectory(s, &a.projection, &a.results, metric, f.lang, &[]);
    if let Some(o) = fan.filter(|o| &o.metric == metric) {
        charts::fan::add_fan(&mut c, o, f.lang);
    }
    svg::line_chart(&c, &caption(s, &c.title, &c.metric, f))
}

/// The tornado of an analysis; `None` when no input moves the metric.
pub fn tornado_svg(s: &Scenario, o: &Outcome, f: &Frame) -> Option<String> {
    let t = charts::fan::tornado(o, f.lang);
    if t.bars.is_empty() {
        return None;
    }
    let metric = metric_label(&o.metric, f.lang);
    Some(svg::tornado_chart(&t, &caption(s, &t.title, &metric, f)))
}

/// The bridge years of the report and the slides: from the first relative target's reference
/// year (else the base year) to the first target's year (else FY2030).
pub fn default_bridge_years(s: &Scenario) -> (i32, i32) {
    let from = s
        .targets
        .iter()
        .find_map(|t| match t.kind {
            crate::model::TargetKind::Absolute { reference_year, .. }
            | crate::model::TargetKind::Intensity { reference_year, .. } => Some(reference_year),
            crate::model::TargetKind::Level { .. } => None,
        })
        .unwrap_or(s.base_year);
    let to = s
        .targets
        .first()
        .map_or(2030, |t| t.year)
        .clamp(s.base_year, s.last_year.max(s.base_year));
    (from, to)
}

/// A lower chart on the analysis's metric. The bridge falls back to the base year when the
/// reference year has no figure; `Err` names why it cannot be drawn.
pub fn lower_svg(
    s: &Scenario,
    a: &Analysis,
    which: LowerChart,
    years: (i32, i32),
    f: &Frame,
) -> Result<String, String> {
    let p = &a.projection;
    let m = &a.metric;
    Ok(match which {
        LowerChart::BySource => {
            let c = charts::by_source(p, m, f.lang);
            svg::stack_chart(&c, &caption(s, &c.title, &c.metric, f))
        }
        LowerChart::BySite => {
            let c = charts::by_site(s, p, m, f.lang);
            svg::stack_chart(&c, &caption(s, &c.title, &c.metric, f))
        }
        LowerChart::Wedges => {
            let c = charts::wedges(p, &a.wedges, &a.runs.groups, m, f.lang);
            svg::stack_chart(&c, &caption(s, &c.title, &c.metric, f))
        }
        LowerChart::Bridge => {
            let b = a
                .bridge(s, years.0, years.1)
                .or_else(|_| a.bridge(s, s.base_year, years.1))?;
            let c = charts::bridge(&b, &a.results, m, f.lang, f.units);
            svg::bridge_chart(&c, &caption(s, &c.title, &c.metric, f))
        }
    })
}

/// The distinct metrics of the scenario's targets, in target order (the default metric when
/// there are no targets): one trajectory chart each, so every target is drawn on its own.
pub fn target_metrics(s: &Scenario) -> Vec<Metric> {
    let mut out: Vec<Metric> = Vec::new();
    for t in &s.targets {
        let m = Metric::of_target(t);
        if !out.iter().any(|x| x.same_scopes(&m)) {
            out.push(m);
        }
    }
    if out.is_empty() {
        out.push(Metric::default_for(s));
    }
    out
}

/// Every chart of a scenario for slides: one trajectory per target metric, then the metric by
/// source, the wedges and the bridge, the tornado (with the fan on the trajectory) when the file
/// has uncertain inputs, then the cost charts when the file has prices. `(file part, SVG)`.
pub fn all_svgs(s: &Scenario, f: &Frame) -> Vec<(String, String)> {
    let a = Analysis::new(s);
    let fan = super::uncertainty::outcome(s, &a.engine, &a.metric);
    let mut out = Vec::new();
    for (k, m) in target_metrics(s).iter().enumerate() {
        let name = if k == 0 {
            "trajectory".to_string()
        } else {
            format!("trajectory-{}", m.key())
        };
        out.push((name, trajectory_fan_svg(s, &a, m, fan.as_ref(), f)));
    }
    for which in [LowerChart::BySource, LowerChart::Wedges, LowerChart::Bridge] {
        if let Ok(svg) = lower_svg(s, &a, which, default_bridge_years(s), f) {
            out.push((which.file_part().to_string(), svg));
        }
    }
    if let Some(svg) = fan.as_ref().and_then(|o| tornado_svg(s, o, f)) {
        out.push(("tornado".to_string(), svg));
    }
    if let Some(c) = &a.cost {
        out.extend(cost_svgs(s, c, Money::OkuYen, f));
    }
    out
}

/// The cost charts of a costed analysis: the plan cost per year by lever group with the
/// exposure change, and the MACC by group (widths in the MACC year, heights = cost per
/// discounted tonne, the carbon price and the target gap as lines) when it has a bar.
/// `(file part, SVG)`.
pub fn cost_svgs(s: &Scenario, c: &CostAnalysis, money: Money, f: &Frame) -> Vec<(String, String)> {
    use crate::charts::cost::{self as cc, MaccOptions};
    let lang = f.lang;
    let metric = metric_label(&c.metric, lang);
    let caveat = tr(
        lang,
        "Each group's figures are its Shapley share, order-free, not the cost of adding it last; a cheap bar is not a reason to do it first, and a negative cost usually hides barriers the model does not price.",
    )
    .to_string();
    let (years, layers) = cc::plan_layers(c, false, lang);
    let exposure = cc::exposure_line(c);
    let title = format!("{} [{}]", tr(lang, "Plan cost against BAU"), money.label());
    let plan = svg::plan_cost_chart(
        &years,
        &layers,
        exposure.as_deref(),
        tr(lang, "Exposure change"),
        &caption(s, &title, &metric, f),
        money,
        &[format!(
            "{} {} %, {} FY{}–FY{}.",
            tr(lang, "discount rate"),
            crate::units::group(c.rate * 100.0, 2),
            tr(lang, "Real JPY against BAU over"),
            c.from_year,
            c.last_year
        )],
    );
    let o = MaccOptions::default();
    let (bars, left_out) = cc::macc_bars(s, c, o, lang);
    // A MACC without a bar is no chart: the report says why instead.
    if bars.is_empty() {
        return vec![("cost".into(), plan)];
    }
    let range = cc::y_range(&bars, cc::carbon_line(c, o));
    let gap = cc::gap_line(c, lang);
    let macc_title = format!("MACC {}", crate::i18n::fy(lang, c.macc_year));
    let x_label = format!(
        "{} [{}-CO2/{}]",
        tr(lang, "abatement a year"),
        f.units.label(),
        tr(lang, "yr")
    );
    // The caveat first (§1.8), then the groups not drawn, by name, on one line.
    let mut notes = vec![caveat];
    if !left_out.is_empty() {
        let names: Vec<&str> = left_out
            .iter()
            .map(|l| l.split(':').next().unwrap_or(l))
            .collect();
        notes.push(format!(
            "{} {}",
            tr(lang, "Not drawn (see the table):"),
            names.join(", ")
        ));
    }
    let carbon_name = tr(lang, "Carbon price");
    let macc = svg::macc_chart(
        &bars,
        &svg::MaccFrame {
            carbon: cc::carbon_line(c, o).map(|p| (carbon_name, p)),
            gap: gap.as_ref().map(|(l, t)| (l.as_str(), *t)),
            range,
            x_label: &x_label,
            y_label: &format!("{} [円/t-CO2]", tr(lang, "cost per tonne")),
        },
        &caption(s, &macc_title, &metric, f),
        &notes,
    );
    vec![("cost".into(), plan), ("macc".into(), macc)]
}

/// The title of the metric for headings ("Scope 1+2 (market), gross").
pub fn metric_heading(m: &Metric, lang: Lang) -> String {
    format!("{} {}", tr(lang, "Metric"), metric_label(m, lang))
}
