//! Target templates (ANALYSES.md §4 with §9.39): SBTi's absolute-contraction targets and the
//! long-term net-zero pair, written as ordinary [`Target`]s. Linear contraction: a share of
//! the reference year's level per year, not compounded. The rates are presets: SBTi's newer
//! tool computes near-term rates from the base and net-zero years, so the rate is editable.

use crate::model::{Scope, Scope2Method, Target, TargetKind};

/// Which template.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Template {
    /// Absolute contraction in line with 1.5 °C: 4.2 %/yr, Scope 1+2.
    Sbti15,
    /// Absolute contraction, well-below 2 °C: 2.5 %/yr, the SBTi minimum for Scope 3
    /// near-term targets (SBTi no longer accepts it for Scope 1+2).
    WellBelow2,
    /// Long-term net zero: −90 % against the reference year by 2050 at the latest, the residual
    /// neutralised by removals (SBTi Corporate Net-Zero Standard).
    NetZero,
}

impl Template {
    pub const ALL: [Template; 3] = [Template::Sbti15, Template::WellBelow2, Template::NetZero];

    /// The preset rate [% of the reference year's emissions per year]; for net zero, the
    /// reduction by its year.
    pub fn default_rate_pct(self) -> f64 {
        match self {
            Template::Sbti15 => 4.2,
            Template::WellBelow2 => 2.5,
            Template::NetZero => 90.0,
        }
    }

    /// The scopes the template covers.
    pub fn scopes(self) -> Vec<Scope> {
        match self {
            Template::Sbti15 | Template::NetZero => vec![Scope::Scope1, Scope::Scope2],
            Template::WellBelow2 => vec![Scope::Scope3],
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Template::Sbti15 => "SBTi absolute contraction, 1.5 °C",
            Template::WellBelow2 => "SBTi absolute contraction, well-below 2 °C",
            Template::NetZero => "SBTi long-term net zero",
        }
    }
}

/// The reduction [%] of a linear contraction of `rate_pct` a year from `reference_year` to
/// `year`, at most 100 and never negative.
pub fn reduction_pct(rate_pct: f64, reference_year: i32, year: i32) -> f64 {
    (rate_pct * f64::from(year - reference_year)).clamp(0.0, 100.0)
}

/// What a template writes and what the planner should know about it.
#[derive(Clone, Debug, PartialEq)]
pub struct Written {
    pub targets: Vec<Target>,
    /// Warnings in plain words (a reference year before 2015, a rate beyond the preset's).
    pub warnings: Vec<String>,
}

/// The targets of `template` from `reference_year` to `year` at `rate_pct` (for net zero:
/// the reduction by `year`, which is at the latest 2050).
pub fn write(template: Template, reference_year: i32, year: i32, rate_pct: f64) -> Written {
    let mut warnings = Vec::new();
    if reference_year < 2015 {
        warnings.push(format!(
            "FY{reference_year} is before 2015: SBTi asks for a base year no earlier than 2015"
        ));
    }
    if year <= reference_year {
        warnings.push(format!(
            "the target year FY{year} is not after the reference year FY{reference_year}"
        ));
    }
    let scopes = template.scopes();
    let source = format!(
        "{} template (ANALYSES.md §4): {}",
        template.name(),
        match template {
            Template::NetZero => format!("−{rate_pct} % against FY{reference_year} by FY{year}"),
            _ => format!("{rate_pct} %/yr linear from FY{reference_year}"),
        }
    );
    let targets = match template {
        Template::Sbti15 | Template::WellBelow2 => {
            if rate_pct < template.default_rate_pct() {
                warnings.push(format!(
                    "{rate_pct} %/yr is below the template's {} %/yr",
                    template.default_rate_pct()
                ));
            }
            let r = reduction_pct(rate_pct, reference_year, year);
            vec![Target {
                label: format!("{} −{} % vs FY{reference_year}", short(template), round1(r)),
                year,
                scopes,
                scope2_method: Scope2Method::Market,
                credits_count: false,
                kind: TargetKind::Absolute {
                    reduction_pct: r,
                    reference_year,
                },
                source,
            }]
        }
        Template::NetZero => {
            if year > 2050 {
                warnings.push(format!(
                    "FY{year} is after 2050: SBTi's net zero is by 2050 at the latest"
                ));
            }
            let r = rate_pct.clamp(0.0, 100.0);
            vec![
                Target {
                    label: format!("Net zero: −{} % vs FY{reference_year}", round1(r)),
                    year,
                    scopes: scopes.clone(),
                    scope2_method: Scope2Method::Market,
                    credits_count: false,
                    kind: TargetKind::Absolute {
                        reduction_pct: r,
                        reference_year,
                    },
                    source: source.clone(),
                },
                Target {
                    label: "Net zero: residual neutralised by removals".into(),
                    year,
                    scopes,
                    scope2_method: Scope2Method::Market,
                    credits_count: true,
                    kind: TargetKind::Level { t_co2: 0.0 },
                    source: format!("{source}; credits count as removals"),
                },
            ]
        }
    };
    Written { targets, warnings }
}

fn short(t: Template) -> &'static str {
    match t {
        Template::Sbti15 => "SBTi 1.5 °C",
        Template::WellBelow2 => "SBTi WB2C",
        Template::NetZero => "SBTi net zero",
    }
}

fn round1(x: f64) -> String {
    let t = format!("{x:.1}");
    t.trim_end_matches(".0").to_string()
}
