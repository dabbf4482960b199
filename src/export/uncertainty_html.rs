//! The report's "How sure is the plan" section (ANALYSES.md §2.7): what the fan and P(met)
//! mean, the chance of meeting every target, the cost spread, the tornado and the uncertain
//! inputs with their sources. The numbers are the engine's ([`Outcome`]).

use super::figures::{self, Frame};
use super::svg::esc;
use super::uncertainty::{dist_text, input_what};
use crate::charts::fan::fan_note;
use crate::engine::uncertainty::{Outcome, Spread, default_known_until};
use crate::explain::metric_label;
use crate::i18n::{Lang, fy, tr};
use crate::model::{Sampling, Scenario};
use crate::units::Money;
use std::fmt::Write;

/// What P(met) is, under the targets table.
pub fn p_met_note(lang: Lang, draws: usize) -> String {
    match lang {
        Lang::En => format!(
            "P(met): the share of {draws} draws of the uncertain inputs in which the target's own rule says met, ± one standard error. Met / missed and the value are the plan's deterministic run."
        ),
        Lang::Ja => format!(
            "達成確率：不確実な入力の{draws}回の抽出のうち、目標の判定規則で達成となった割合（± 標準誤差）。達成／未達と値は計画の確定的な計算による。"
        ),
    }
}

/// "79 % ± 1.3": a chance and its standard error in percent.
pub(super) fn pct(p: f64, se: f64) -> String {
    format!("{:.0} % ± {:.1}", 100.0 * p, 100.0 * se)
}

/// Writes the section; returns the number of charts drawn.
pub fn section(
    o: &mut String,
    s: &Scenario,
    u: &Outcome,
    cost_note: Option<&str>,
    frame: &Frame,
    cite: &mut dyn FnMut(String, &str, Option<&str>) -> String,
) -> usize {
    let lang = frame.lang;
    let mut charts = 0;
    let _ = write!(o, "<h2>{}</h2>", tr(lang, "How sure is the plan"));
    let sampling = match (s.uncertainty.sampling, lang) {
        (Sampling::LatinHypercube, Lang::En) => "Latin hypercube",
        (Sampling::LatinHypercube, Lang::Ja) => "ラテン超方格",
        (Sampling::Random, Lang::En) => "random sampling",
        (Sampling::Random, Lang::Ja) => "単純無作為",
    };
    let _ = write!(
        o,
        r#"<p class="note">{} {}: <b>{}</b>. {} {}, {} {}.</p>"#,
        esc(&fan_note(lang, u.draws)),
        tr(lang, "Metric"),
        esc(&metric_label(&u.metric, lang)),
        tr(lang, "Seed"),
        u.seed,
        esc(sampling),
        if u.kernel {
            ""
        } else {
            tr(lang, "(full engine per draw)")
        }
    );
    // The chance of meeting the targets.
    if !u.targets.is_empty() {
        let _ = write!(
            o,
            r#"<table><tr><th>{}</th><th class="n">{}</th><th class="n">P(met)</th><th>{}</th></tr>"#,
            tr(lang, "Target"),
            tr(lang, "Fiscal year"),
            tr(lang, "Deterministic run")
        );
        for t in &u.targets {
            let _ = write!(
                o,
                r#"<tr><td>{}</td><td class="n">{}</td><td class="n">{}</td><td class="t {c}">{}</td></tr>"#,
                esc(&t.label),
                fy(lang, t.year),
                pct(t.p_met, t.se),
                tr(lang, if t.met_deterministic { "met" } else { "missed" }),
                c = if t.met_deterministic { "met" } else { "missed" }
            );
        }
        if let Some((p, se)) = u.all_met
            && u.targets.len() > 1
        {
            let _ = write!(
                o,
                r#"<tr><td><b>{}</b></td><td></td><td class="n"><b>{}</b></td><td></td></tr>"#,
                tr(lang, "All targets"),
                pct(p, se)
            );
        }
        o.push_str("</table>");
    }
    // The cost spread.
    if let Some(c) = &u.cost {
        let money = Money::OkuYen;
        let _ = write!(
            o,
            r#"<h3>{} ({})</h3><table><tr><th></th><th class="n">P5</th><th class="n">P50</th><th class="n">P95</th><th class="n">{}</th></tr>"#,
            tr(lang, "NPV of the plan's cost"),
            money.label(),
            tr(lang, "Deterministic")
        );
        let row = |o: &mut String, name: &str, x: &Spread| {
            let _ = write!(
                o,
                r#"<tr><td>{}</td><td class="n">{}</td><td class="n">{}</td><td class="n">{}</td><td class="n">{}</td></tr>"#,
                esc(name),
                money.fmt(x.p5),
                money.fmt(x.p50),
                money.fmt(x.p95),
                money.fmt(x.deterministic)
            );
        };
        row(o, tr(lang, "Cost against BAU"), &c.npv_cost);
        if let Some(x) = &c.npv_exposure {
            row(o, tr(lang, "Carbon-price exposure change"), x);
        }
        o.push_str("</table>");
        if let Some(n) = cost_note {
            let _ = write!(o, r#"<p class="note">{}</p>"#, esc(n));
        }
    }
    // The tornado.
    if let Some(svg) = figures::tornado_svg(s, u, frame) {
        let _ = write!(
            o,
            r#"<h3>{} — {}</h3><p class="note">{}</p>{svg}"#,
            tr(lang, "What matters most"),
            fy(lang, u.tornado_year),
            esc(tr(
                lang,
                "Each bar: the metric with one input at its P10 and at its P90, every other input at the scenario's value."
            ))
        );
        charts += 1;
    }
    // The inputs and their sources.
    let _ = write!(
        o,
        r#"<h3>{}</h3><table><tr><th>{}</th><th>{}</th><th>{}</th><th class="n">{}</th><th></th></tr>"#,
        tr(lang, "Uncertain inputs"),
        tr(lang, "Input"),
        tr(lang, "Multiplies"),
        tr(lang, "Distribution of the multiplier"),
        tr(lang, "Known until")
    );
    let known = default_known_until(s);
    for i in &s.uncertainty.inputs {
        let c = cite(i.id.clone(), &i.source, i.assumption.as_deref());
        let _ = write!(
            o,
            r#"<tr><td>{}</td><td class="t">{}</td><td class="t">{}</td><td class="n">{}</td><td class="t">{c}</td></tr>"#,
            esc(&i.id),
            esc(&input_what(i)),
            esc(&dist_text(&i.dist)),
            fy(lang, i.known_until.unwrap_or(known)),
        );
    }
    o.push_str("</table>");
    charts
}
