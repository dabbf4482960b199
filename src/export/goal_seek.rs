//! The goal seek's answer in words (ANALYSES.md §3.6 step 5): the status sentence the window
//! shows, and the CLI's report.

use crate::engine::goal_seek::{Answer, Bound, RowResult, Status, StoppedBy};
use crate::engine::targets::TargetUnit;
use crate::i18n::Lang;
use crate::units::{Money, Units, group};

/// A lever's value in its unit: shares as %, MW and t/yr grouped, rates as %/yr.
pub fn value_text(unit: &str, v: f64) -> String {
    match unit {
        "share" => format!("{:.1} %", v * 100.0),
        "MW" => format!("{} MW", group(v, 1)),
        "%/yr" => format!("{v:.2} %/yr"),
        _ => format!("{} {unit}", group(v, 0)),
    }
}

fn yen_per_t(v: f64) -> String {
    if v.is_finite() {
        format!("{} 円", group(v, 0))
    } else {
        "n/a".into()
    }
}

/// Names joined with "and" (or "・").
fn join(names: &[String], lang: Lang) -> String {
    match lang {
        Lang::Ja => names.join("・"),
        Lang::En => match names {
            [] => String::new(),
            [a] => a.clone(),
            [init @ .., last] => format!("{} and {last}", init.join(", ")),
        },
    }
}

/// The status in one plain sentence ("Met at 23.4億円 NPV; the last tonne costs 8,200円;
/// CO2-free power at Saganoseki and Hitachi is at its upper bound").
pub fn sentence(a: &Answer, lang: Lang, money: Money) -> String {
    let at_upper: Vec<String> = a
        .vars
        .iter()
        .filter(|v| v.at == Bound::Upper)
        .map(|v| v.name.clone())
        .collect();
    let last = a.marginal.first();
    let stopped = match a.stopped_by {
        Some(StoppedBy::Budget) => match lang {
            Lang::En => " (best found within the evaluation budget)",
            Lang::Ja => "（評価回数の上限内での最良解）",
        },
        Some(StoppedBy::Time) => match lang {
            Lang::En => " (best found before the time limit)",
            Lang::Ja => "（時間制限内での最良解）",
        },
        Some(StoppedBy::Solver) => match lang {
            Lang::En => " (best found before the LP solver failed on a step)",
            Lang::Ja => "（LPソルバーが失敗するまでの最良解）",
        },
        None => "",
    };
    let mut out = match (a.status, a.unchanged, lang) {
        (_, true, Lang::En) => format!(
            "Already met: the plan meets every listed target and is least-cost within the bounds ({} NPV)",
            money.fmt(a.npv_plan_jpy)
        ),
        (_, true, Lang::Ja) => format!(
            "達成済み: 計画はすべての目標を満たし、範囲内で最小費用です（NPV {}）",
            money.fmt(a.npv_plan_jpy)
        ),
        (Status::Infeasible, _, Lang::En) if a.stopped_by.is_some() => format!(
            "No setting that meets every target was found before the search stopped{stopped}; the closest found misses by {}",
            join(
                &a.misses
                    .iter()
                    .map(|m| format!("{}{}", miss_text(m), pct_in(m.miss_pct)))
                    .collect::<Vec<_>>(),
                lang
            )
        ),
        (Status::Infeasible, _, Lang::Ja) if a.stopped_by.is_some() => {
            format!("探索が止まるまでにすべての目標を満たす設定は見つかりませんでした{stopped}")
        }
        (Status::Infeasible, _, Lang::En) => {
            let miss: Vec<String> = a
                .misses
                .iter()
                .map(|m| {
                    format!(
                        "\"{}\" FY{} by {}{}",
                        m.label,
                        m.year,
                        miss_text(m),
                        pct_in(m.miss_pct)
                    )
                })
                .collect();
            format!(
                "Out of reach within the bounds: the closest setting misses {}",
                join(&miss, lang)
            )
        }
        (Status::Infeasible, _, Lang::Ja) => {
            let miss: Vec<String> = a
                .misses
                .iter()
                .map(|m| {
                    format!(
                        "「{}」FY{}で{}{}",
                        m.label,
                        m.year,
                        miss_text(m),
                        pct_in(m.miss_pct)
                    )
                })
                .collect();
            format!(
                "範囲内では届きません: 最も近い設定でも{}不足します",
                join(&miss, lang)
            )
        }
        (_, false, Lang::En) => {
            let mut t = format!(
                "{}Met at {} NPV ({} against the plan){stopped}",
                if a.already_met {
                    "Already met by the plan, which over-delivers. "
                } else {
                    ""
                },
                money.fmt(a.npv_jpy),
                signed(money, a.npv_difference_jpy())
            );
            if let Some(m) = last {
                match m.levelised_jpy_per_t {
                    Some(l) => t.push_str(&format!(
                        "; the last tonne costs {}/t levelised ({} NPV per t cut in FY{})",
                        yen_per_t(l),
                        yen_per_t(m.npv_per_unit_in_year),
                        m.year
                    )),
                    None => t.push_str(&format!(
                        "; the last tonne costs {} NPV per t cut in FY{}",
                        yen_per_t(m.npv_per_unit_in_year),
                        m.year
                    )),
                }
            }
            t
        }
        (_, false, Lang::Ja) => {
            let mut t = format!(
                "{}NPV {}で達成（計画比 {}）{stopped}",
                if a.already_met {
                    "計画は目標を超過達成しています。"
                } else {
                    ""
                },
                money.fmt(a.npv_jpy),
                signed(money, a.npv_difference_jpy())
            );
            if let Some(m) = last {
                match m.levelised_jpy_per_t {
                    Some(l) => t.push_str(&format!(
                        "。最後の1トンの費用は平準化で{}/t（FY{}の削減1トンあたりNPV {}）",
                        yen_per_t(l),
                        m.year,
                        yen_per_t(m.npv_per_unit_in_year)
                    )),
                    None => t.push_str(&format!(
                        "。最後の1トンの費用はFY{}の削減1トンあたりNPV {}",
                        m.year,
                        yen_per_t(m.npv_per_unit_in_year)
                    )),
                }
            }
            t
        }
    };
    if !a.others.is_empty() {
        match lang {
            Lang::En => out.push_str(&format!(
                "; {} other target{} get{} worse (see below)",
                a.others.len(),
                if a.others.len() == 1 { "" } else { "s" },
                if a.others.len() == 1 { "s" } else { "" }
            )),
            Lang::Ja => out.push_str(&format!("。ほかの目標{}件が悪化します", a.others.len())),
        }
    }
    let at_upper: Vec<String> = if at_upper.len() > 4 {
        let n = at_upper.len() - 3;
        let mut v = at_upper[..3].to_vec();
        v.push(match lang {
            Lang::En => format!("{n} more"),
            Lang::Ja => format!("ほか{n}件"),
        });
        v
    } else {
        at_upper
    };
    if !at_upper.is_empty() && !a.unchanged {
        match lang {
            Lang::En => out.push_str(&format!(
                "; {} {} at {} upper bound",
                join(&at_upper, lang),
                if at_upper.len() == 1 { "is" } else { "are" },
                if at_upper.len() == 1 { "its" } else { "their" }
            )),
            Lang::Ja => out.push_str(&format!("。{}は上限です", join(&at_upper, lang))),
        }
    }
    out
}

fn signed(money: Money, jpy: f64) -> String {
    if jpy > 0.0 {
        format!("+{}", money.fmt(jpy))
    } else {
        money.fmt(jpy).replace('-', "−")
    }
}

/// The CLI's report: status, levers, rows, cost, the last tonne, the miss and what to relax.
pub fn text(a: &Answer, units: Units, money: Money) -> String {
    let mut o = String::new();
    let status = match a.status {
        Status::Optimal => "Optimal (every listed target met; converged — best found, a local optimum)",
        Status::Feasible => "Feasible (every listed target met; stopped before converging)",
        Status::Infeasible if a.stopped_by.is_some() => {
            "Not met (no setting meeting every target found before the search stopped; the closest found)"
        }
        Status::Infeasible => "Infeasible (closest achievable setting within the bounds)",
    };
    o.push_str(&format!("Goal seek from the FY{} freeze\n", a.freeze_year));
    o.push_str(&format!("Status: {status}\n"));
    if let Some(s) = a.stopped_by {
        o.push_str(&format!(
            "Stopped by: {}\n",
            match s {
                StoppedBy::Budget => "the evaluation budget (max_evaluations)",
                StoppedBy::Time => "the time guard (2 s)",
                StoppedBy::Solver => "the LP solver failing on a step",
            }
        ));
    }
    o.push_str(&format!("{}\n", sentence(a, Lang::En, money)));
    if a.already_met {
        // one row per target: its own year's (a glide path has one per year)
        let last_rows: Vec<&RowResult> = a
            .plan_rows
            .iter()
            .filter(|r| !a.plan_rows.iter().any(|o| o.label == r.label && o.year > r.year))
            .collect();
        let spare: Vec<String> = last_rows
            .iter()
            .map(|r| {
                format!(
                    "\"{}\" FY{} by {}",
                    r.label,
                    r.year,
                    target_value(r.unit, units, r.slack)
                )
            })
            .collect();
        o.push_str(&format!(
            "The plan already met every listed target before the search: it over-delivers {}.\n",
            join(&spare, Lang::En)
        ));
    }
    if !a.priced {
        o.push_str(
            "The file has no price: every lever is free, so any setting that meets the targets is as good.\n",
        );
    }
    o.push_str(&format!(
        "\nNPV of cost against BAU from FY{} ({}; as `decarb cost` from that year): answer {}, plan {}, difference {}\n",
        a.freeze_year + 1,
        money.label(),
        money.fmt(a.npv_jpy),
        money.fmt(a.npv_plan_jpy),
        signed(money, a.npv_difference_jpy())
    ));
    o.push_str("\nLevers\n");
    o.push_str(&format!(
        "{:<56} {:>14} {:>14} {:>16} {:>8}  {}\n",
        "Lever", "plan", "answer", "bounds", "by FY", "where"
    ));
    for v in &a.vars {
        let at = match v.at {
            Bound::Lower => "at lower bound",
            Bound::Upper => "at upper bound",
            Bound::Inside => "inside",
            Bound::NoRoom => "no room (fixed)",
        };
        o.push_str(&format!(
            "{:<56} {:>14} {:>14} {:>16} {:>8}  {}{}\n",
            cut(&v.name, 56),
            value_text(v.unit, v.current),
            value_text(v.unit, v.value),
            format!("{}–{}", short(v.unit, v.lo), short(v.unit, v.hi)),
            v.reach_year,
            at,
            if v.free { " (free: no price)" } else { "" }
        ));
    }
    o.push_str("\nTargets\n");
    o.push_str(&format!(
        "{:<56} {:>6} {:>16} {:>16} {:>16}  {}\n",
        "Target", "FY", "value", "level", "slack", ""
    ));
    for r in &a.rows {
        o.push_str(&format!(
            "{:<56} {:>6} {:>16} {:>16} {:>16}  {}\n",
            cut(&r.label, 56),
            r.year,
            target_value(r.unit, units, r.value),
            target_value(r.unit, units, r.level),
            target_value(r.unit, units, r.slack),
            if !r.met {
                "missed"
            } else if r.binding {
                "met, binding"
            } else {
                "met"
            }
        ));
    }
    if !a.marginal.is_empty() {
        o.push_str("\nMarginal cost of the last tonne\n");
        for m in &a.marginal {
            o.push_str(&format!(
                "  \"{}\" FY{}: {} NPV per t cut in FY{}; levelised {} per t (comparable with the MACC), read from {}\n",
                m.label,
                m.year,
                yen_per_t(m.npv_per_unit_in_year),
                m.year,
                m.levelised_jpy_per_t.map_or("n/a".into(), yen_per_t),
                m.lever
            ));
        }
    }
    if !a.misses.is_empty() {
        o.push_str("\nMiss at the closest achievable setting\n");
        for m in &a.misses {
            o.push_str(&format!(
                "  \"{}\" FY{}: {} over the level{}\n",
                m.label,
                m.year,
                target_value(m.unit, units, m.miss),
                pct_in(m.miss_pct)
            ));
        }
        if !a.relax.is_empty() {
            o.push_str("Bounds to relax (levers at an upper bound below the top of their domain, and what one more unit cuts):\n");
            for (name, cut) in &a.relax {
                let unit = a.vars.iter().find(|v| &v.name == name).map_or("unit", |v| v.unit);
                o.push_str(&format!("  {name}: {}\n", cut_text(unit, *cut)));
            }
        }
    }
    if !a.others.is_empty() {
        o.push_str("\nOther targets the answer makes worse (not listed in the goal seek)\n");
        for t in &a.others {
            o.push_str(&format!(
                "  \"{}\" FY{}: {} → {} ({} → {})\n",
                t.label,
                t.year,
                target_value(t.unit, units, t.plan_value),
                target_value(t.unit, units, t.answer_value),
                if t.plan_met { "met" } else { "missed" },
                if t.answer_met { "met" } else { "missed" }
            ));
        }
    }
    for w in &a.warnings {
        o.push_str(&format!("Note: {w}\n"));
    }
    o.push_str(&format!(
        "\n{} engine runs, {} iterations, {:.0} ms\n",
        a.evaluations,
        a.iterations,
        a.elapsed.as_secs_f64() * 1000.0
    ));
    o
}

/// A target's figure in its unit: tonnes in the chosen unit, intensities as they are.
pub fn target_value(unit: TargetUnit, units: Units, v: f64) -> String {
    match unit {
        TargetUnit::TCo2 => units.fmt(v),
        TargetUnit::PerTonne => format!("{v:.4} t/t"),
        TargetUnit::PerMillionJpy => format!("{v:.4} t/百万円"),
    }
}

fn miss_text(m: &crate::engine::goal_seek::Miss) -> String {
    match m.unit {
        TargetUnit::TCo2 => format!("{} t", group(m.miss, 0)),
        TargetUnit::PerTonne => format!("{:.4} t/t", m.miss),
        TargetUnit::PerMillionJpy => format!("{:.4} t/百万円", m.miss),
    }
}

/// At most `n` characters, with an ellipsis when cut.
fn cut(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(n - 1).collect::<String>())
    }
}

/// A miss in % of the level, when the level is not 0.
fn pct_in(p: f64) -> String {
    if p.is_finite() {
        format!(" ({p:.1} %)")
    } else {
        String::new()
    }
}

/// What one more unit of a lever cuts: per percentage point for shares.
fn cut_text(unit: &str, cut: f64) -> String {
    match unit {
        "share" => format!("{} t per percentage point", group(cut / 100.0, 1)),
        "MW" => format!("{} t per MW", group(cut, 1)),
        "%/yr" => format!("{} t per %/yr", group(cut, 1)),
        _ => format!("{} t per {unit}", group(cut, 2)),
    }
}

fn short(unit: &str, v: f64) -> String {
    match unit {
        "share" => format!("{:.1}%", v * 100.0),
        _ => group(v, 1),
    }
}
