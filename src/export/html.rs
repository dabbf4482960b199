//! One self-contained HTML report an executive can forward: summary, targets, key figures on
//! one metric, the model against reported actuals, the charts (one trajectory per target
//! metric, so each target is drawn on its own scopes), readable input tables and an appendix of
//! sources and assumptions. No scripts, no external resources; English or Japanese.

use super::figures::{self, Frame, LowerChart};
use super::svg::esc;
use crate::engine::Metric;
use crate::engine::targets::{self, TargetResult};
use crate::explain::{self, metric_label};
use crate::i18n::{Lang, fy, tr};
use crate::model::{HistoryKind, Path, Scenario};
use crate::report::{self, fmt_target_value};
use crate::units::{Units, group};
use std::fmt::Write;

/// Everything the report shows, computed once.
pub struct Report {
    pub html: String,
    /// The number of charts (SVG) in the report.
    pub charts: usize,
}

/// A number, or "—" when missing.
fn num_or_dash(v: Option<f64>, decimals: usize) -> String {
    match v {
        Some(x) if x.is_finite() => group(x, decimals),
        _ => "—".into(),
    }
}

/// A path as keyframes: "FY2018 0.463, FY2030 0.25"; "—" when empty.
fn keyframes(p: &Path, scale: f64, suffix: &str, decimals: usize) -> String {
    if p.is_empty() {
        return "—".into();
    }
    p.0.iter()
        .map(|(y, v)| {
            format!(
                "FY{y}\u{a0}{}{}",
                group(v * scale, decimals),
                suffix.replace(' ', "\u{a0}")
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Numbered citations: "[3]" links to the appendix; items with the same source and assumption
/// share one entry.
struct Sources {
    items: Vec<(Vec<String>, String, Option<String>)>,
}

impl Sources {
    fn cite(&mut self, item: String, source: &str, assumption: Option<&str>) -> String {
        let assumption = assumption.filter(|a| !a.trim().is_empty()).map(str::to_string);
        if source.trim().is_empty() && assumption.is_none() {
            return String::new();
        }
        let n = match self
            .items
            .iter()
            .position(|(_, s, a)| s == source && *a == assumption)
        {
            Some(k) => {
                self.items[k].0.push(item);
                k + 1
            }
            None => {
                self.items
                    .push((vec![item], source.to_string(), assumption.clone()));
                self.items.len()
            }
        };
        let mark = if assumption.is_some() { "*" } else { "" };
        format!(r##"<a href="#src{n}">[{n}]{mark}</a>"##)
    }
}

const STYLE: &str = r#"
body{font-family:system-ui,"Hiragino Sans","Yu Gothic","Meiryo",sans-serif;max-width:1040px;margin:2em auto;color:#1a1a1a;padding:0 1em;line-height:1.45}
h1{font-size:1.55em;margin-bottom:.2em} h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ccc} h3{font-size:1.02em;margin:1.2em 0 .4em}
table{border-collapse:collapse;margin:.5em 0 1em} td,th{border:1px solid #d0d0d0;padding:.25em .6em;text-align:right;vertical-align:top}
th{background:#f3f3f3;text-align:left} th.n{text-align:right} td:first-child,td.t{text-align:left} td.n,th.n{white-space:nowrap}
.met{color:#00805a;font-weight:bold} .missed{color:#c0392b;font-weight:bold} .note{color:#555;font-size:.9em} .notes{border-left:4px solid #0072b2;background:#f3f8fc;padding:.3em 1em;margin:1em 0}
.kf{text-align:left;font-size:.88em;max-width:30em} svg{max-width:100%;height:auto;display:block;margin:.5em 0 1.5em;border:1px solid #eee}
ol.src li{margin:.3em 0;font-size:.9em} .asm{color:#8a5a00}
"#;

/// Builds the report on the scenario's metric (its first target's). `date` is printed on the
/// charts and in the footer.
pub fn report(s: &Scenario, lang: Lang, units: Units, date: &str) -> Report {
    report_on(s, &Metric::default_for(s), lang, units, date)
}

/// Builds the report with the key figures, wedges and bridge on `metric` (the window's).
pub fn report_on(s: &Scenario, metric: &Metric, lang: Lang, units: Units, date: &str) -> Report {
    let a = super::Analysis::with_metric(s, metric.clone());
    let unc = super::uncertainty::outcome(s, &a.engine, &a.metric);
    let p = &a.projection;
    let results = &a.results;
    let metric = a.metric.clone();
    let mlabel = metric_label(&metric, lang);
    let frame = Frame { lang, units, date };
    let mut src = Sources { items: Vec::new() };
    let mut charts = 0;
    let mut o = String::new();
    let _ = write!(
        o,
        r#"<!doctype html><html lang="{l}"><head><meta charset="utf-8"><title>{t}</title><style>{STYLE}</style></head><body>"#,
        l = if lang == Lang::Ja { "ja" } else { "en" },
        t = esc(&s.meta.name)
    );
    let _ = write!(o, "<h1>{}</h1>", esc(&s.meta.name));
    if !s.meta.organisation.is_empty() {
        let _ = write!(o, "<p>{}</p>", esc(&s.meta.organisation));
    }
    // What the scenario assumes, in the planner's words, before any figure (plain text: each
    // line a paragraph, escaped).
    if !s.notes.trim().is_empty() {
        let _ = write!(
            o,
            r#"<section class="notes" id="notes"><h2>{}</h2>"#,
            tr(lang, "Notes")
        );
        for line in s.notes.lines().filter(|l| !l.trim().is_empty()) {
            let _ = write!(o, "<p>{}</p>", esc(line));
        }
        o.push_str("</section>");
    }
    if !s.meta.description.is_empty() {
        let _ = write!(o, r#"<p class="note">{}</p>"#, esc(&s.meta.description));
    }
    let _ = write!(
        o,
        r#"<p class="note">{}: <b>{}</b>. {} {}–{}. {} {}.</p>"#,
        tr(lang, "Metric of the key figures, wedges and bridge"),
        esc(&mlabel),
        tr(lang, "Projection"),
        fy(lang, s.base_year),
        fy(lang, s.last_year),
        tr(lang, "Prepared"),
        esc(date)
    );

    // Summary.
    let _ = write!(o, "<h2>{}</h2><ul>", tr(lang, "Summary"));
    for line in report::review_text(s, p, results, &a.wedges, &metric, lang, units) {
        let _ = write!(o, "<li>{}</li>", esc(line.trim()));
    }
    o.push_str("</ul>");

    // Targets.
    let _ = write!(
        o,
        r#"<h2>{}</h2><table><tr><th>{}</th><th>{}</th><th class="n">{}</th><th class="n">{}</th><th class="n">{}</th><th></th>{}</tr>"#,
        tr(lang, "Targets"),
        tr(lang, "Target"),
        tr(lang, "Metric"),
        tr(lang, "value"),
        tr(lang, "level"),
        tr(lang, "gap"),
        if unc.is_some() {
            format!(r#"<th class="n">{}</th>"#, tr(lang, "P(met)"))
        } else {
            String::new()
        }
    );
    // P(met) ± SE of the k-th target, from the Monte Carlo (ANALYSES.md §2.7); the absolute
    // equivalent's row gets an empty cell.
    let chance = |k: usize, r: &TargetResult| -> String {
        unc.as_ref().map_or(String::new(), |u| {
            let c = u.chance_of(k, &r.label, r.year);
            format!(
                r#"<td class="n">{}</td>"#,
                c.map_or("—".into(), |c| super::uncertainty_html::pct(c.p_met, c.se))
            )
        })
    };
    let pad = if unc.is_some() { "<td></td>" } else { "" };
    for (k, r) in results.iter().enumerate() {
        let _ = write!(
            o,
            r#"<tr><td>{} ({})</td><td class="t">{}</td><td class="n">{}</td><td class="n">{}</td><td class="n">{}</td><td class="{} n">{}</td>{}</tr>"#,
            esc(&r.label),
            fy(lang, r.year),
            esc(&metric_label(&Metric::of_result(r), lang)),
            fmt_target_value(r.unit, r.value, units),
            fmt_target_value(r.unit, r.level, units),
            fmt_target_value(r.unit, r.gap, units),
            if r.met { "met" } else { "missed" },
            tr(lang, if r.met { "met" } else { "missed" }),
            chance(k, r)
        );
        if let Some(x) = r.absolute_equivalent {
            let _ = write!(
                o,
                r#"<tr><td class="note">↳ {}{}</td><td></td><td class="n">{}</td><td class="n">{}</td><td class="n">{}</td><td class="{} n">{}</td>{pad}</tr>"#,
                tr(lang, "absolute equivalent"),
                if report::intensity_met_absolute_missed(r) {
                    format!(" — {}", tr(lang, "intensity met, absolute missed"))
                } else {
                    String::new()
                },
                units.fmt(x.value_t),
                units.fmt(x.level_t),
                units.fmt(x.gap_t),
                if x.met { "met" } else { "missed" },
                tr(lang, if x.met { "met" } else { "missed" })
            );
        }
    }
    o.push_str("</table>");
    if let Some(u) = &unc {
        let _ = write!(
            o,
            r#"<p class="note">{}</p>"#,
            esc(&super::uncertainty_html::p_met_note(lang, u.draws))
        );
    }

    // Key figures on the metric.
    let _ = write!(
        o,
        "<h2>{} — {}</h2><table><tr><th></th>",
        tr(lang, "Key figures"),
        esc(&mlabel)
    );
    for y in report::KEY_YEARS {
        let _ = write!(o, r#"<th class="n">{}</th>"#, fy(lang, y));
    }
    o.push_str("</tr>");
    let row = |o: &mut String, label: String, f: &dyn Fn(i32) -> String| {
        let _ = write!(o, "<tr><td>{}</td>", esc(&label));
        for y in report::KEY_YEARS {
            let _ = write!(o, r#"<td class="n">{}</td>"#, f(y));
        }
        o.push_str("</tr>");
    };
    row(&mut o, tr(lang, "Plan").into(), &|y| {
        p.totals(y).map_or("—".into(), |t| units.fmt(metric.of(t)))
    });
    row(&mut o, tr(lang, "BAU").into(), &|y| {
        p.bau_totals(y)
            .map_or("—".into(), |t| units.fmt(metric.gross().of(t)))
    });
    for by in report::BASELINE_YEARS {
        row(
            &mut o,
            tr(lang, if by == 2013 { "vs FY2013" } else { "vs FY2018" }).into(),
            &|y| {
                let b = targets::baseline(s, p, by, &metric.scopes, metric.method);
                match (p.totals(y), b) {
                    (Some(t), Some(b)) => {
                        report::change_pct(metric.of(t), b.value_t).map_or("—".into(), crate::i18n::pct)
                    }
                    _ => "—".into(),
                }
            },
        );
    }
    row(
        &mut o,
        format!("{} {}–", tr(lang, "Cumulative"), fy(lang, s.base_year)),
        &|y| report::cumulative(p, &metric, y).map_or("—".into(), |v| units.fmt(v)),
    );
    for (name, f) in [
        (
            "Scope 1",
            (|t: &crate::engine::Totals| t.scope1) as fn(&crate::engine::Totals) -> f64,
        ),
        ("Scope 2 (market)", |t| t.scope2_market),
        ("Scope 2 (location)", |t| t.scope2_location),
        ("Scope 3", |t| t.scope3),
        ("Credits", |t| t.credits),
    ] {
        row(&mut o, tr(lang, name).into(), &|y| {
            p.totals(y).map_or("—".into(), |t| units.fmt(f(t)))
        });
    }
    o.push_str("</table>");

    // Model against reported.
    let res = explain::residuals(s, p);
    if !res.is_empty() {
        let _ = write!(
            o,
            r#"<h2>{}</h2><table><tr><th>{}</th><th></th><th class="n">{}</th><th class="n">{}</th><th class="n">{}</th><th class="n">%</th></tr>"#,
            tr(lang, "Model against reported actuals"),
            tr(lang, "Fiscal year"),
            tr(lang, "Reported"),
            tr(lang, "Model"),
            tr(lang, "Model − reported"),
        );
        for r in &res {
            let _ = write!(
                o,
                r#"<tr><td>{}</td><td class="t">{}</td><td class="n">{}</td><td class="n">{}</td><td class="n">{}</td><td class="n">{}</td></tr>"#,
                fy(lang, r.year),
                r.what.label(),
                units.fmt(r.reported_t),
                units.fmt(r.model_t),
                explain::signed(units, r.diff_t()),
                r.diff_pct().map_or("—".into(), crate::i18n::pct)
            );
        }
        o.push_str("</table>");
    }

    // Charts.
    let _ = write!(o, "<h2>{}</h2>", tr(lang, "Charts"));
    for m in figures::target_metrics(s) {
        let _ = write!(
            o,
            "<h3>{} — {}</h3>{}",
            tr(lang, "Trajectory"),
            esc(&metric_label(&m, lang)),
            figures::trajectory_fan_svg(s, &a, &m, unc.as_ref(), &frame)
        );
        charts += 1;
    }
    for (which, title) in [
        (LowerChart::BySource, tr(lang, "By source")),
        (LowerChart::Wedges, tr(lang, "Wedges against BAU")),
        (LowerChart::Bridge, tr(lang, "Bridge")),
    ] {
        match figures::lower_svg(s, &a, which, figures::default_bridge_years(s), &frame) {
            Ok(svg) => {
                let _ = write!(o, "<h3>{title} — {}</h3>{svg}", esc(&mlabel));
                charts += 1;
            }
            Err(e) => {
                let _ = write!(o, r#"<h3>{title}</h3><p class="note">{}</p>"#, esc(&e));
            }
        }
    }

    // Cost (ANALYSES.md §1.10), when the file has prices.
    if let Some(c) = &a.cost {
        o.push_str(&super::cost::cost_html(
            c,
            lang,
            crate::units::Money::OkuYen,
            units,
        ));
        let svgs = figures::cost_svgs(s, c, crate::units::Money::OkuYen, &frame);
        let macc = svgs.len() > 1;
        for (_, svg) in svgs {
            o.push_str(&svg);
            charts += 1;
        }
        if !macc {
            let _ = write!(
                o,
                r#"<p class="note">MACC: {}</p>"#,
                esc(tr(
                    lang,
                    "No bar: every lever group misses a price or has no cost per tonne."
                ))
            );
        }
    }

    // How sure the plan is (ANALYSES.md §2.7), when the file has uncertain inputs.
    if let Some(u) = &unc {
        let note = a
            .cost
            .as_ref()
            .and_then(|c| super::cost::incomplete_note(c, lang));
        charts += super::uncertainty_html::section(
            &mut o,
            s,
            u,
            note.as_deref(),
            &frame,
            &mut |item, source, assumption| src.cite(item, source, assumption),
        );
    }

    inputs(&mut o, s, lang, &mut src);
    if crate::engine::cost::has_prices(s) {
        o.push_str(&super::cost_inputs::cost_inputs_html(
            s,
            lang,
            keyframes,
            &mut |item, source, assumption| src.cite(item, source, assumption),
        ));
    }

    // Appendix.
    let _ = write!(
        o,
        r#"<h2 id="sources">{}</h2><p class="note">{}</p><ol class="src">"#,
        tr(lang, "Sources and assumptions"),
        tr(
            lang,
            "* marks an assumption: a figure the sources do not give, chosen by the planner."
        )
    );
    for (k, (items, source, assumption)) in src.items.iter().enumerate() {
        let _ = write!(o, r#"<li id="src{}"><b>{}</b>"#, k + 1, esc(&items.join("; ")));
        if !source.trim().is_empty() {
            let _ = write!(o, " — {}", esc(source));
        }
        if let Some(a) = assumption {
            let _ = write!(
                o,
                r#"<br><span class="asm">{}: {}</span>"#,
                tr(lang, "Assumption"),
                esc(a)
            );
        }
        o.push_str("</li>");
    }
    o.push_str("</ol>");
    let _ = write!(
        o,
        r#"<p class="note">Decarb Planner — {} — {}</p></body></html>"#,
        esc(&s.meta.name),
        esc(date)
    );
    Report { html: o, charts }
}

/// The input tables: names and readable values, each row citing the appendix.
fn inputs<'a>(o: &mut String, s: &'a Scenario, lang: Lang, src: &mut Sources) {
    let region_name = |id: &'a str| -> &'a str {
        s.regions
            .iter()
            .find(|r| r.id == id)
            .map_or(id, |r| r.name.as_str())
    };
    let _ = write!(
        o,
        r#"<h2>{}</h2><h3>{}</h3><table><tr><th>{}</th><th>{}</th><th class="n">{} [t]</th><th class="n">{} [MWh]</th><th class="n">{} [GJ]</th><th class="n">{} [t-CO2]</th><th>{}</th><th></th></tr>"#,
        tr(lang, "Inputs"),
        tr(lang, "Sites (base year)"),
        tr(lang, "Site"),
        tr(lang, "Region"),
        tr(lang, "Production"),
        tr(lang, "Electricity"),
        tr(lang, "Fuel"),
        tr(lang, "Process"),
        tr(lang, "CO2-free share"),
    );
    for site in &s.sites {
        let gj: f64 = site.fuels.iter().map(|f| s.fuel_use_gj(f)).sum();
        let cite = src.cite(site.name.clone(), &site.source, site.assumption.as_deref());
        let _ = write!(
            o,
            r#"<tr><td>{}</td><td class="t">{}</td><td class="n">{}</td><td class="n">{}</td><td class="n">{}</td><td class="n">{}</td><td class="kf">{}</td><td>{cite}</td></tr>"#,
            esc(&site.name),
            esc(region_name(&site.region)),
            num_or_dash((site.production_t > 0.0).then_some(site.production_t), 0),
            num_or_dash(Some(site.electricity_mwh), 0),
            num_or_dash(Some(gj), 0),
            num_or_dash(Some(site.process_t_co2), 0),
            esc(&keyframes(&site.co2_free_share, 100.0, " %", 1)),
        );
    }
    o.push_str("</table>");
    let _ = write!(
        o,
        r#"<h3>{}</h3><table><tr><th>{}</th><th>{} [kg-CO2/kWh]</th><th></th></tr>"#,
        tr(lang, "Grid regions"),
        tr(lang, "Region"),
        tr(lang, "Emission factor"),
    );
    for r in &s.regions {
        let cite = src.cite(r.name.clone(), &r.source, r.assumption.as_deref());
        let _ = write!(
            o,
            r#"<tr><td>{}</td><td class="kf">{}</td><td>{cite}</td></tr>"#,
            esc(&r.name),
            esc(&keyframes(&r.ef_kg_per_kwh, 1.0, "", 3))
        );
    }
    o.push_str("</table>");
    let _ = write!(
        o,
        r#"<h3>{}</h3><table><tr><th>{}</th><th class="n">t-CO2/GJ</th><th class="n">{}</th><th class="n">GJ/{}</th><th></th></tr>"#,
        tr(lang, "Fuels"),
        tr(lang, "Fuel"),
        tr(lang, "Unit"),
        tr(lang, "unit"),
    );
    for f in &s.fuels {
        let cite = src.cite(f.name.clone(), &f.source, f.assumption.as_deref());
        let _ = write!(
            o,
            r#"<tr><td>{}</td><td class="n">{}</td><td class="n">{}</td><td class="n">{}</td><td>{cite}</td></tr>"#,
            esc(&f.name),
            group(f.ef_t_per_gj, 4),
            esc(f.unit.as_deref().unwrap_or("—")),
            num_or_dash(f.gj_per_unit, 1)
        );
    }
    o.push_str("</table>");
    if !s.materials.is_empty() {
        let _ = write!(
            o,
            r#"<h3>{}</h3><table><tr><th>{}</th><th class="n">{} [t]</th><th class="n">{}</th><th>{}</th><th></th></tr>"#,
            tr(lang, "Materials (Scope 3)"),
            tr(lang, "Material"),
            tr(lang, "Quantity"),
            tr(lang, "primary / recycled / low-carbon [t-CO2/t]"),
            tr(lang, "Recycled share"),
        );
        for m in &s.materials {
            let cite = src.cite(m.name.clone(), &m.source, m.assumption.as_deref());
            let _ = write!(
                o,
                r#"<tr><td>{}</td><td class="n">{}</td><td class="n">{} / {} / {}</td><td class="kf">{}</td><td>{cite}</td></tr>"#,
                esc(&m.name),
                group(m.quantity_t, 0),
                m.ef_primary_t_per_t,
                m.ef_recycled_t_per_t,
                m.ef_low_carbon_t_per_t,
                esc(&keyframes(&m.recycled_share, 100.0, " %", 1))
            );
        }
        o.push_str("</table>");
    }
    if !s.ppas.is_empty() {
        let _ = write!(
            o,
            r#"<h3>{}</h3><table><tr><th>PPA</th><th>{}</th><th>{} [MW]</th><th class="n">MWh/MW</th><th></th></tr>"#,
            tr(lang, "PPA and own renewables"),
            tr(lang, "Kind"),
            tr(lang, "Capacity")
        );
        for p in &s.ppas {
            let cite = src.cite(p.name.clone(), &p.source, p.assumption.as_deref());
            let _ = write!(
                o,
                r#"<tr><td>{}</td><td class="t">{}</td><td class="kf">{}</td><td class="n">{}</td><td>{cite}</td></tr>"#,
                esc(&p.name),
                tr(
                    lang,
                    match p.kind {
                        crate::model::PpaKind::OnSite => "On-site",
                        crate::model::PpaKind::OffSite => "Off-site",
                        crate::model::PpaKind::Virtual => "Virtual (certificates)",
                    }
                ),
                esc(&keyframes(&p.capacity_mw, 1.0, "", 1)),
                group(p.yield_mwh_per_mw, 0)
            );
        }
        o.push_str("</table>");
    }
    // Every other lever and assumption that changes over time, one row a path.
    let mut rows: Vec<(String, &str, String)> = Vec::new();
    let fuel_name = |id: &str| explain::carrier_name(s, id, tr(lang, "Electricity"));
    for site in &s.sites {
        for (lever, p, scale, suffix, d) in [
            (
                "Electricity efficiency",
                &site.efficiency_electricity_pct,
                1.0,
                " %/yr",
                2,
            ),
            ("Fuel efficiency", &site.efficiency_fuel_pct, 1.0, " %/yr", 2),
            ("Process change", &site.process_change_share, 100.0, " %", 1),
            ("Activity", &site.activity, 1.0, "", 3),
            ("Ownership", &site.ownership, 100.0, " %", 1),
        ] {
            if !p.is_empty() {
                rows.push((site.name.clone(), tr(lang, lever), keyframes(p, scale, suffix, d)));
            }
        }
        for r in &site.fuel_switches {
            rows.push((
                site.name.clone(),
                tr(lang, "Fuel switching"),
                format!(
                    "{} → {} (×{}): {}",
                    fuel_name(&r.from),
                    fuel_name(&r.to),
                    r.ratio,
                    keyframes(&r.share, 100.0, " %", 1)
                ),
            ));
        }
    }
    for m in &s.materials {
        if !m.low_carbon_share.is_empty() {
            rows.push((
                m.name.clone(),
                tr(lang, "Low-carbon primary share"),
                keyframes(&m.low_carbon_share, 100.0, " %", 1),
            ));
        }
    }
    if !s.credits.t_co2_per_yr.is_empty() {
        rows.push((
            tr(lang, "Credits").into(),
            "t-CO2/yr",
            keyframes(&s.credits.t_co2_per_yr, 1.0, "", 0),
        ));
    }
    if !s.carbon_price_jpy_per_t.is_empty() {
        rows.push((
            tr(lang, "Carbon price").into(),
            "JPY/t-CO2",
            keyframes(&s.carbon_price_jpy_per_t, 1.0, "", 0),
        ));
    }
    if !s.revenue_jpy.is_empty() {
        rows.push((
            tr(lang, "Revenue").into(),
            "億円",
            keyframes(&s.revenue_jpy, 1e-8, "", 0),
        ));
    }
    if !rows.is_empty() {
        let _ = write!(
            o,
            r#"<h3>{}</h3><table><tr><th>{}</th><th>{}</th><th>{}</th></tr>"#,
            tr(lang, "Levers and assumptions over time"),
            tr(lang, "Item"),
            tr(lang, "Lever"),
            tr(lang, "Keyframes (linear in between, held after the last)")
        );
        for (item, lever, path) in rows {
            let _ = write!(
                o,
                r#"<tr><td>{}</td><td class="t">{}</td><td class="kf">{}</td></tr>"#,
                esc(&item),
                esc(lever),
                esc(&path)
            );
        }
        o.push_str("</table>");
    }
    if !s.history.is_empty() {
        let _ = write!(
            o,
            r#"<h3>{}</h3><table><tr><th>{}</th><th>{}</th><th class="n">Scope 1</th><th class="n">Scope 2</th><th class="n">Scope 1+2</th><th class="n">Scope 3</th><th></th></tr>"#,
            tr(lang, "Reported figures [t-CO2]"),
            tr(lang, "Fiscal year"),
            tr(lang, "Kind"),
        );
        let mut h: Vec<_> = s.history.iter().collect();
        h.sort_by_key(|x| x.year);
        for e in h {
            let kind = tr(
                lang,
                match e.kind {
                    HistoryKind::Actual => "Reported actual",
                    HistoryKind::Outlook => "Published outlook",
                    HistoryKind::Plan => "Published plan",
                },
            );
            let cite = src.cite(
                format!("{} {kind}", fy(lang, e.year)),
                &e.source,
                e.assumption.as_deref(),
            );
            let _ = write!(
                o,
                r#"<tr><td>{}</td><td class="t">{kind}</td><td class="n">{}</td><td class="n">{}</td><td class="n">{}</td><td class="n">{}</td><td>{cite}</td></tr>"#,
                fy(lang, e.year),
                num_or_dash(e.scope1_t, 0),
                num_or_dash(e.scope2_t, 0),
                num_or_dash(e.scope12_t, 0),
                num_or_dash(e.scope3_t, 0),
            );
        }
        o.push_str("</table>");
    }
    if !s.targets.is_empty() {
        let _ = write!(o, "<h3>{}</h3><ul>", tr(lang, "Targets as set"));
        for t in &s.targets {
            let cite = src.cite(t.label.clone(), &t.source, None);
            let _ = write!(o, "<li>{} ({}) {cite}</li>", esc(&t.label), fy(lang, t.year));
        }
        o.push_str("</ul>");
    }
}
