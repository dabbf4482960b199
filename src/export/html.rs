//! One self-contained HTML report: summary, KPIs, trajectory, sources, wedges and bridge as
//! inline SVG, and the input tables. Opens offline in any browser, in English or Japanese.

use super::svg::{self, COLORS, Series, esc};
use crate::engine::targets::TargetUnit;
use crate::engine::wedges::{Bridge, bridge};
use crate::engine::{LeverGroup, covered, targets};
use crate::i18n::{Lang, fy, tr};
use crate::model::{Scenario, Scope, Scope2Method};
use crate::report::{self, fmt_target_value, group_name};
use crate::units::{Units, group};
use std::fmt::Write;

/// Everything the report shows, computed once.
pub struct Report {
    pub html: String,
    pub bridge: Option<Bridge>,
}

fn source_name(lang: Lang, key: &str, name: &str) -> String {
    match key {
        "electricity" => tr(lang, "Electricity (market)").to_string(),
        "process" => tr(lang, "Process (non-energy)").to_string(),
        "recycled_feed" => tr(lang, "Recycled feed combustion").to_string(),
        _ => name.to_string(),
    }
}

/// Builds the report. `date` is printed in the footer (e.g. today's date).
pub fn report(s: &Scenario, lang: Lang, units: Units, date: &str) -> Report {
    let super::Analysis {
        engine,
        projection: p,
        results,
        runs,
        metric,
        wedges: w,
    } = super::Analysis::new(s);
    let to = 2030.clamp(s.base_year, s.last_year);
    // From the reference year of the first relative target, else from the base year.
    let from = s
        .targets
        .iter()
        .find_map(|t| match t.kind {
            crate::model::TargetKind::Absolute { reference_year, .. }
            | crate::model::TargetKind::Intensity { reference_year, .. } => Some(reference_year),
            crate::model::TargetKind::Level { .. } => None,
        })
        .unwrap_or(s.base_year);
    let b = bridge(s, &engine, &p, &runs, &metric, from, to)
        .or_else(|_| bridge(s, &engine, &p, &runs, &metric, s.base_year, to))
        .ok();
    let u = units.tonnes();
    let years: Vec<f64> = (0..p.years()).map(|i| f64::from(p.year(i))).collect();
    let s12 = [Scope::Scope1, Scope::Scope2];

    let mut o = String::new();
    let _ = write!(
        o,
        r#"<!doctype html><html lang="{l}"><head><meta charset="utf-8"><title>{t}</title><style>
body{{font-family:system-ui,"Hiragino Sans","Yu Gothic",sans-serif;max-width:1000px;margin:2em auto;color:#222;padding:0 1em}}
h1{{font-size:1.5em}} h2{{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ccc}}
table{{border-collapse:collapse;margin:.5em 0}} td,th{{border:1px solid #ccc;padding:.25em .6em;text-align:right}}
th:first-child,td:first-child{{text-align:left}} .met{{color:#2a7d2e;font-weight:bold}} .missed{{color:#c0392b;font-weight:bold}}
.note{{color:#666;font-size:.9em}} svg{{max-width:100%;height:auto}}
</style></head><body>"#,
        l = if lang == Lang::Ja { "ja" } else { "en" },
        t = esc(&s.meta.name)
    );
    let _ = write!(o, "<h1>{}</h1>", esc(&s.meta.name));
    if !s.meta.organisation.is_empty() {
        let _ = write!(o, "<p>{}</p>", esc(&s.meta.organisation));
    }
    if !s.meta.description.is_empty() {
        let _ = write!(o, r#"<p class="note">{}</p>"#, esc(&s.meta.description));
    }

    // Summary.
    let _ = write!(o, "<h2>{}</h2><ul>", tr(lang, "Summary"));
    for line in report::review_text(s, &p, &results, &w, lang, units) {
        let _ = write!(o, "<li>{}</li>", esc(line.trim()));
    }
    o.push_str("</ul>");

    // KPIs.
    let _ = write!(
        o,
        "<h2>{}</h2><table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th></th></tr>",
        tr(lang, "Targets"),
        tr(lang, "Target"),
        tr(lang, "value"),
        tr(lang, "level"),
        tr(lang, "gap")
    );
    for r in &results {
        let _ = write!(
            o,
            r#"<tr><td>{} ({})</td><td>{}</td><td>{}</td><td>{}</td><td class="{}">{}</td></tr>"#,
            esc(&r.label),
            fy(lang, r.year),
            fmt_target_value(r.unit, r.value, units),
            fmt_target_value(r.unit, r.level, units),
            fmt_target_value(r.unit, r.gap, units),
            if r.met { "met" } else { "missed" },
            tr(lang, if r.met { "met" } else { "missed" })
        );
        if let Some(a) = r.absolute_equivalent {
            let _ = write!(
                o,
                r#"<tr><td class="note">↳ absolute equivalent{}</td><td>{}</td><td>{}</td><td>{}</td><td class="{}">{}</td></tr>"#,
                if report::intensity_met_absolute_missed(r) {
                    format!(" — {}", tr(lang, "intensity met, absolute missed"))
                } else {
                    String::new()
                },
                units.fmt(a.value_t),
                units.fmt(a.level_t),
                units.fmt(a.gap_t),
                if a.met { "met" } else { "missed" },
                tr(lang, if a.met { "met" } else { "missed" })
            );
        }
    }
    o.push_str("</table><table><tr><th></th>");
    for y in report::KEY_YEARS {
        let _ = write!(o, "<th>{}</th>", fy(lang, y));
    }
    o.push_str("</tr>");
    let bases = report::baselines(s, &p);
    let kpi_row = |o: &mut String, label: String, f: &dyn Fn(i32) -> String| {
        let _ = write!(o, "<tr><td>{}</td>", esc(&label));
        for y in report::KEY_YEARS {
            let _ = write!(o, "<td>{}</td>", f(y));
        }
        o.push_str("</tr>");
    };
    kpi_row(&mut o, tr(lang, "Net").into(), &|y| {
        p.totals(y).map_or("n/a".into(), |t| units.fmt(t.net))
    });
    kpi_row(&mut o, "Scope 1+2".into(), &|y| {
        p.totals(y).map_or("n/a".into(), |t| units.fmt(t.scope12()))
    });
    kpi_row(&mut o, tr(lang, "BAU").into(), &|y| {
        p.bau_totals(y).map_or("n/a".into(), |t| units.fmt(t.net))
    });
    for (by, base) in &bases {
        kpi_row(
            &mut o,
            format!(
                "Scope 1+2 {}",
                tr(lang, if *by == 2013 { "vs FY2013" } else { "vs FY2018" })
            ),
            &|y| match (p.totals(y), base) {
                (Some(t), Some(b)) => {
                    report::change_pct(t.scope12(), b.value_t).map_or("n/a".into(), crate::i18n::pct)
                }
                _ => "n/a".into(),
            },
        );
    }
    kpi_row(
        &mut o,
        format!("{} ({})", tr(lang, "Cumulative to"), tr(lang, "Net")),
        &|y| report::cumulative_net(&p, y).map_or("n/a".into(), |v| units.fmt(v)),
    );
    o.push_str("</table>");

    // Trajectory.
    let scopes = if p.net_includes_scope3 {
        vec![Scope::Scope1, Scope::Scope2, Scope::Scope3]
    } else {
        s12.to_vec()
    };
    let series = vec![
        Series {
            name: tr(lang, "Projection").into(),
            color: COLORS[0],
            values: p
                .scenario
                .totals
                .iter()
                .map(|t| covered(t, &scopes, Scope2Method::Market, false) / u)
                .collect(),
            dashed: false,
        },
        Series {
            name: tr(lang, "BAU").into(),
            color: COLORS[7],
            values: p
                .bau
                .totals
                .iter()
                .map(|t| covered(t, &scopes, Scope2Method::Market, false) / u)
                .collect(),
            dashed: true,
        },
    ];
    let hlines: Vec<(String, f64)> = [2013, 2018]
        .iter()
        .filter_map(|&y| {
            targets::baseline(s, &p, y, &scopes, Scope2Method::Market)
                .map(|b| (format!("{} {}", tr(lang, "Baseline"), fy(lang, y)), b.value_t / u))
        })
        .collect();
    let mut points: Vec<(String, f64, f64, &str)> = s
        .history
        .iter()
        .filter_map(|h| h.emissions(&scopes, Scope2Method::Market).map(|v| (h, v)))
        .map(|(h, v)| {
            (
                format!("{} {}", tr(lang, "History"), fy(lang, h.year)),
                f64::from(h.year),
                v / u,
                COLORS[1],
            )
        })
        .collect();
    for r in &results {
        let covers3 = r.scopes.contains(&Scope::Scope3);
        if covers3 != scopes.contains(&Scope::Scope3) {
            continue;
        }
        let level = match r.unit {
            TargetUnit::TCo2 => Some(r.level),
            _ => r.absolute_equivalent.map(|a| a.level_t),
        };
        if let Some(l) = level.filter(|l| l.is_finite()) {
            points.push((
                format!("{}: {}", r.label, units.fmt(l)),
                f64::from(r.year),
                l / u,
                if r.met { COLORS[2] } else { COLORS[3] },
            ));
        }
    }
    let _ = write!(
        o,
        "<h2>{}</h2>{}",
        tr(lang, "Trajectory"),
        svg::lines(
            &format!("{} — {}", tr(lang, "Trajectory"), s.meta.name),
            units.label(),
            &years,
            &series,
            &hlines,
            &points
        )
    );

    // Sources.
    let n_src = p.scenario.source_count();
    let layers: Vec<(String, Vec<f64>)> = (0..n_src)
        .filter(|&k| p.sources[k].scope != Scope::Scope3 || p.net_includes_scope3)
        .map(|k| {
            (
                source_name(lang, &p.sources[k].key, &p.sources[k].name),
                (0..p.years())
                    .map(|i| p.scenario.source(i, k) / u)
                    .collect::<Vec<f64>>(),
            )
        })
        .filter(|(_, v)| v.iter().any(|x| *x != 0.0))
        .collect();
    let _ = write!(
        o,
        "<h2>{}</h2>{}",
        tr(lang, "By source"),
        svg::stacked(
            &format!("{} — {}", tr(lang, "By source"), s.meta.name),
            units.label(),
            &years,
            &layers
        )
    );

    // Wedges.
    let wl: Vec<(String, Vec<f64>)> = LeverGroup::ALL
        .iter()
        .filter(|g| runs.groups.contains(g))
        .map(|g| {
            (
                group_name(lang, g.key()).to_string(),
                w.values.iter().map(|x| x[*g as usize] / u).collect(),
            )
        })
        .collect();
    let _ = write!(
        o,
        "<h2>{}</h2>{}",
        tr(lang, "Wedges"),
        svg::stacked(
            &format!("{} — {}", tr(lang, "Wedges"), s.meta.name),
            units.label(),
            &years,
            &wl
        )
    );

    // Bridge.
    if let Some(b) = &b {
        let bars: Vec<(String, f64)> = b
            .bars
            .iter()
            .map(|x| (group_name(lang, &x.key).to_string(), x.value_t / u))
            .collect();
        let levels: Vec<(String, f64)> = results
            .iter()
            .filter(|r| r.year == b.to && r.unit == TargetUnit::TCo2 && r.level.is_finite())
            .map(|r| (r.label.clone(), r.level / u))
            .collect();
        let _ = write!(
            o,
            "<h2>{} {} → {}</h2>{}",
            tr(lang, "Bridge"),
            fy(lang, b.from),
            fy(lang, b.to),
            svg::waterfall(
                &format!("{} — {}", tr(lang, "Bridge"), s.meta.name),
                units.label(),
                (fy(lang, b.from), b.start_t / u),
                &bars,
                (fy(lang, b.to), b.end_t / u),
                &levels
            )
        );
    }

    // Inputs.
    let _ = write!(
        o,
        "<h2>{}</h2><table><tr><th>Site</th><th>Region</th><th>t</th><th>MWh</th><th>GJ</th><th>t-CO2 process</th><th>Source / assumption</th></tr>",
        tr(lang, "Levers").replace("レバー", "入力")
    );
    for site in &s.sites {
        let gj: f64 = site.fuels.iter().map(|f| s.fuel_use_gj(f)).sum();
        let _ = write!(
            o,
            r#"<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class="note" style="text-align:left">{} {}</td></tr>"#,
            esc(&site.name),
            esc(&site.region),
            group(site.production_t, 0),
            group(site.electricity_mwh, 0),
            group(gj, 0),
            group(site.process_t_co2, 0),
            esc(&site.source),
            esc(site.assumption.as_deref().unwrap_or(""))
        );
    }
    o.push_str("</table><table><tr><th>Region</th><th>kg-CO2/kWh</th><th>Source</th></tr>");
    for r in &s.regions {
        let kf: Vec<String> = r
            .ef_kg_per_kwh
            .0
            .iter()
            .map(|(y, v)| format!("{y}: {v}"))
            .collect();
        let _ = write!(
            o,
            r#"<tr><td>{}</td><td>{}</td><td class="note" style="text-align:left">{}</td></tr>"#,
            esc(&r.name),
            esc(&kf.join(", ")),
            esc(&r.source)
        );
    }
    o.push_str("</table>");
    let _ = write!(
        o,
        r#"<p class="note">Decarb Planner — {} — {}</p></body></html>"#,
        esc(&s.meta.name),
        esc(date)
    );
    Report { html: o, bridge: b }
}
