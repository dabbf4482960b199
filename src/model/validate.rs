//! Validation of a scenario (MODEL.md §7 and references). Every problem of a file is
//! reported, each with the path of the field it is about.

use super::path::Path;
use super::scenario::*;
use std::collections::HashSet;

mod goal_seek;
mod uncertainty;
pub use goal_seek::{domain as lever_domain, glimits};
pub use uncertainty::{check_work, ulimits};

/// One problem in a scenario. `locate` is the most precise path for finding the offending
/// value in the text (it may go down to a keyframe's element).
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub path: String,
    pub locate: String,
    pub message: String,
}

/// What a scenario may hold: far above any company's figures, low enough that loading,
/// running and exporting any accepted file stays within seconds and a few hundred megabytes
/// (README, "Limits and safety"). A file beyond a limit is refused with the field named.
pub mod limits {
    pub const SITES: usize = 2_000;
    pub const REGIONS: usize = 200;
    pub const FUELS: usize = 200;
    pub const MATERIALS: usize = 2_000;
    pub const PPAS: usize = 1_000;
    pub const TARGETS: usize = 100;
    pub const HISTORY: usize = 200;
    /// Fuels, fuel switches, measures and own generation of one site; sites a PPA is split over.
    pub const PER_SITE: usize = 200;
    /// Keyframes of one path: one per year of the longest horizon.
    pub const KEYFRAMES: usize = 151;
    /// Years from the base year to the last year.
    pub const HORIZON_YEARS: i64 = 150;
    pub const FIRST_YEAR: i32 = 1900;
    pub const LAST_YEAR: i32 = 2200;
    /// Characters of an id (sites, fuels, regions, materials, PPAs).
    pub const ID_CHARS: usize = 64;
    /// Characters of a name, label, unit or currency.
    pub const NAME_CHARS: usize = 200;
    /// Characters of a description, source or assumption note.
    pub const TEXT_CHARS: usize = 20_000;
    /// Largest amount of any kind (t, MWh, GJ, JPY, MW): 10¹⁵.
    pub const AMOUNT: f64 = 1e15;
    /// Largest emission factors: 10 t-CO2/GJ, 10 kg-CO2/kWh, 1,000 t-CO2/t of material.
    pub const EF_T_PER_GJ: f64 = 10.0;
    pub const EF_KG_PER_KWH: f64 = 10.0;
    pub const EF_T_PER_T: f64 = 1_000.0;
    /// Largest activity index (× the base year).
    pub const ACTIVITY: f64 = 1_000.0;
    /// Largest calorific value [GJ per unit] and fuel-switch ratio.
    pub const GJ_PER_UNIT: f64 = 1e6;
    pub const SWITCH_RATIO: f64 = 100.0;
    pub const PRIMARY_GJ_PER_MWH: f64 = 100.0;
    pub const LIFETIME_YEARS: u32 = 200;
    /// Problems collected from one file; the rest are counted.
    pub const PROBLEMS: usize = 1_000;
    /// Ids listed as suggestions in an unknown-reference message.
    pub const SUGGESTIONS: usize = 10;
    /// Unknown references that get suggestions; later ones list none (each costs an edit
    /// distance to every id).
    pub const SUGGESTED_REFERENCES: usize = 20;
}

#[derive(Clone, Copy)]
enum Range {
    /// [0, 1]
    Share,
    /// 0 ..= limits::AMOUNT
    NonNegative,
    /// 0 ..= the given bound
    UpTo(f64),
    /// (−100, 100) %/yr
    Rate,
    /// −limits::AMOUNT ..= limits::AMOUNT
    Finite,
}

impl Range {
    fn check(self, v: f64) -> Option<String> {
        if !v.is_finite() {
            return Some("is not a finite number".into());
        }
        let over = |max: f64| {
            format!(
                "is more than {}, the largest value this field accepts",
                fmt_num(max)
            )
        };
        match self {
            Range::Share if !(0.0..=1.0).contains(&v) => Some("outside 0..1".into()),
            Range::NonNegative | Range::UpTo(_) if v < 0.0 => Some("is negative".into()),
            Range::NonNegative if v > limits::AMOUNT => Some(over(limits::AMOUNT)),
            Range::UpTo(max) if v > max => Some(over(max)),
            Range::Rate if v <= -100.0 || v >= 100.0 => Some("outside the open range −100..100 %/yr".into()),
            Range::Finite if v.abs() > limits::AMOUNT => Some(format!(
                "is beyond ±{}, the largest value this field accepts",
                fmt_num(limits::AMOUNT)
            )),
            _ => None,
        }
    }
}

/// Bidirectional controls, which can make an id or a name read as another one.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Levenshtein distance over the first 64 characters (suggestions only).
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().take(64).collect();
    let b: Vec<char> = b.chars().take(64).collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// At most [`limits::SUGGESTIONS`] of `known`, nearest to `id` first, and how many there are.
fn suggest<'k>(id: &str, known: impl Iterator<Item = &'k str>) -> String {
    let mut all: Vec<(usize, &str)> = known.map(|k| (distance(id, k), k)).collect();
    all.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(b.1)));
    let n = all.len();
    let shown: Vec<String> = all.iter().take(limits::SUGGESTIONS).map(|x| short(x.1)).collect();
    match n {
        0 => "there are none".into(),
        n if n <= limits::SUGGESTIONS => shown.join(", "),
        n => format!("nearest: {} … of {n}", shown.join(", ")),
    }
}

/// The start of a text as it may appear in a message: at most 64 characters, control and
/// bidirectional characters as `\u{..}` (a reference cannot start a line of its own).
fn short(t: &str) -> String {
    let mut out: String = t
        .chars()
        .take(64)
        .map(|c| {
            if c.is_control() || is_bidi_control(c) {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect();
    if t.chars().nth(64).is_some() {
        out.push('…');
    }
    out
}

struct V<'a> {
    s: &'a Scenario,
    problems: Vec<Problem>,
    /// Problems found beyond [`limits::PROBLEMS`].
    dropped: usize,
    /// Unknown references given suggestions so far (at most [`limits::SUGGESTED_REFERENCES`]).
    suggested: usize,
}

/// A number as typed, but 1e308 rather than 309 digits.
fn fmt_num(v: f64) -> String {
    if v.is_nan() {
        "NaN".into()
    } else if v.is_finite() && v != 0.0 && !(1e-6..1e9).contains(&v.abs()) {
        format!("{v:e}")
    } else {
        format!("{v}")
    }
}

impl<'a> V<'a> {
    /// An optional amount (price or capex): absent is "not given", a value is checked.
    fn amount(&mut self, path: &str, v: Option<f64>) {
        if let Some(x) = v {
            self.number(path, x, Range::NonNegative);
        }
    }

    /// An annualisation period or lifetime [years], 1..=[`limits::LIFETIME_YEARS`].
    fn lifetime(&mut self, path: &str, l: u32) {
        if !(1..=limits::LIFETIME_YEARS).contains(&l) {
            self.err(path, format!("{l} is outside 1..{}", limits::LIFETIME_YEARS));
        }
    }

    /// A note that is present only when given.
    fn opt_note(&mut self, path: &str, t: &Option<String>) {
        if let Some(t) = t {
            self.note(path, t);
        }
    }

    /// The suggestion part of an unknown-reference message, for the first few only.
    fn known<'k>(&mut self, id: &str, known: impl Iterator<Item = &'k str>) -> String {
        self.suggested += 1;
        if self.suggested > limits::SUGGESTED_REFERENCES {
            return "see the ids of the file".into();
        }
        suggest(id, known)
    }

    fn full(&self) -> bool {
        self.problems.len() >= limits::PROBLEMS
    }

    fn err(&mut self, path: impl Into<String>, message: impl Into<String>) {
        if self.full() {
            self.dropped += 1;
            return;
        }
        let path = path.into();
        self.problems.push(Problem {
            locate: path.clone(),
            path,
            message: message.into(),
        });
    }
    fn err_at(&mut self, path: impl Into<String>, locate: impl Into<String>, message: impl Into<String>) {
        if self.full() {
            self.dropped += 1;
            return;
        }
        self.problems.push(Problem {
            path: path.into(),
            locate: locate.into(),
            message: message.into(),
        });
    }

    fn number(&mut self, path: &str, v: f64, range: Range) {
        if let Some(why) = range.check(v) {
            self.err(path, format!("{} {why}", fmt_num(v)));
        }
    }

    fn path(&mut self, path: &str, p: &Path, range: Range) {
        if p.0.len() > limits::KEYFRAMES {
            self.err(
                path,
                format!(
                    "has {} keyframes; a path holds at most {} (one per year)",
                    p.0.len(),
                    limits::KEYFRAMES
                ),
            );
            return;
        }
        let (b, l) = (self.s.base_year, self.s.last_year);
        let mut prev: Option<i32> = None;
        for (k, &(year, v)) in p.0.iter().enumerate() {
            if let Some(py) = prev {
                let why = match year.cmp(&py) {
                    std::cmp::Ordering::Equal => Some(format!("keyframe year {year} appears twice")),
                    std::cmp::Ordering::Less => {
                        Some(format!("keyframe years must increase: {year} comes after {py}"))
                    }
                    std::cmp::Ordering::Greater => None,
                };
                if let Some(why) = why {
                    self.err_at(path, format!("{path}[{k}][0]"), why);
                }
            }
            prev = Some(year);
            if year < b || year > l {
                self.err_at(
                    path,
                    format!("{path}[{k}][0]"),
                    format!("keyframe {year} is outside the horizon {b}..{l}"),
                );
            }
            if let Some(why) = range.check(v) {
                self.err_at(
                    path,
                    format!("{path}[{k}][1]"),
                    format!("keyframe {year} has {}, {why}", fmt_num(v)),
                );
            }
        }
    }

    fn text(&mut self, path: &str, t: &str) {
        if t.trim().is_empty() {
            self.err(path, "must not be empty");
        } else {
            self.line(path, t, limits::NAME_CHARS);
        }
    }

    /// A one-line text (name, label, id, unit): no control characters, at most `max` chars.
    fn line(&mut self, path: &str, t: &str, max: usize) {
        if t.chars().nth(max).is_some() {
            self.err(path, format!("is longer than {max} characters"));
        } else if let Some(c) = t.chars().find(|&c| c.is_control() || is_bidi_control(c)) {
            self.err(
                path,
                format!(
                    "holds the control character U+{:04X}; a one-line text cannot",
                    u32::from(c)
                ),
            );
        }
    }

    /// A note (description, source, assumption): at most [`limits::TEXT_CHARS`], and no
    /// control characters but line breaks and tabs.
    fn note(&mut self, path: &str, t: &str) {
        if t.chars().nth(limits::TEXT_CHARS).is_some() {
            self.err(path, format!("is longer than {} characters", limits::TEXT_CHARS));
        } else if let Some(c) = t.chars().find(|&c| c.is_control() && c != '\n' && c != '\t') {
            self.err(
                path,
                format!("holds the control character U+{:04X}", u32::from(c)),
            );
        }
    }

    fn notes(&mut self, path: &str, source: &str, assumption: &Option<String>) {
        self.note(&format!("{path}.source"), source);
        if let Some(a) = assumption {
            self.note(&format!("{path}.assumption"), a);
        }
    }

    fn ids<'b>(&mut self, what: &str, ids: impl Iterator<Item = &'b String>) {
        let mut seen = HashSet::new();
        for (i, id) in ids.enumerate() {
            let p = format!("{what}[{i}].id");
            if id.trim().is_empty() {
                self.err(&p, "must not be empty");
            } else if id.chars().nth(limits::ID_CHARS).is_some()
                || id.chars().any(|c| c.is_control() || is_bidi_control(c))
            {
                self.line(&p, id, limits::ID_CHARS);
            } else if !seen.insert(id.as_str()) {
                self.err(&p, format!("\"{id}\" is used twice"));
            }
        }
    }

    fn fuel_ref(&mut self, path: &str, id: &str) -> Option<&'a Fuel> {
        match self.s.fuels.iter().find(|f| f.id == id) {
            Some(f) => Some(f),
            None => {
                if !self.full() {
                    let known = self.known(id, self.s.fuels.iter().map(|f| f.id.as_str()));
                    self.err(path, format!("unknown fuel \"{}\" (fuels: {known})", short(id)));
                } else {
                    self.dropped += 1;
                }
                None
            }
        }
    }

    fn site_ref(&mut self, path: &str, id: &str) -> bool {
        if self.s.sites.iter().any(|s| s.id == id) {
            true
        } else {
            if !self.full() {
                let known = self.known(id, self.s.sites.iter().map(|s| s.id.as_str()));
                self.err(path, format!("unknown site \"{}\" (sites: {known})", short(id)));
            } else {
                self.dropped += 1;
            }
            false
        }
    }

    fn horizon_years(&self) -> std::ops::RangeInclusive<i32> {
        self.s.base_year..=self.s.last_year
    }
}

/// Checks every rule; returns all problems found (empty = valid).
pub fn validate(s: &Scenario) -> Vec<Problem> {
    let mut v = V {
        s,
        problems: Vec::new(),
        dropped: 0,
        suggested: 0,
    };
    checks(&mut v);
    if v.dropped > 0 {
        v.problems.push(Problem {
            path: String::new(),
            locate: String::new(),
            message: format!("… and {} more problems not listed; fix these first", v.dropped),
        });
    }
    v.problems
}

/// Every rule, in the order of the file.
fn checks(v: &mut V) {
    let s = v.s;
    if s.schema_version != SCHEMA_VERSION {
        v.err(
            "schema_version",
            format!(
                "{} is not supported (this build reads version {SCHEMA_VERSION})",
                s.schema_version
            ),
        );
    }
    v.text("meta.name", &s.meta.name);
    v.text("meta.currency", &s.meta.currency);
    v.note("meta.description", &s.meta.description);
    v.note("notes", &s.notes);
    v.line("meta.author", &s.meta.author, limits::NAME_CHARS);
    v.line("meta.organisation", &s.meta.organisation, limits::NAME_CHARS);
    v.note("revenue_source", &s.revenue_source);
    v.note("credits.source", &s.credits.source);
    // Years first: every later check computes with them. Stop at a bad one.
    let years = limits::FIRST_YEAR..=limits::LAST_YEAR;
    let mut bad_year = false;
    for (name, y) in [("base_year", s.base_year), ("last_year", s.last_year)] {
        if !years.contains(&y) {
            v.err(
                name,
                format!("{y} is outside {}..{}", limits::FIRST_YEAR, limits::LAST_YEAR),
            );
            bad_year = true;
        }
    }
    if bad_year {
        return;
    }
    if s.last_year < s.base_year {
        v.err(
            "last_year",
            format!("{} is before the base year {}", s.last_year, s.base_year),
        );
        // Every path check would repeat this; stop here.
        return;
    }
    if i64::from(s.last_year) - i64::from(s.base_year) > limits::HORIZON_YEARS {
        v.err(
            "last_year",
            format!(
                "{} is more than {} years after the base year",
                s.last_year,
                limits::HORIZON_YEARS
            ),
        );
        return;
    }
    // Counts next: the checks below compare lists with lists.
    let counts = [
        ("regions", s.regions.len(), limits::REGIONS),
        ("fuels", s.fuels.len(), limits::FUELS),
        ("sites", s.sites.len(), limits::SITES),
        ("materials", s.materials.len(), limits::MATERIALS),
        ("ppas", s.ppas.len(), limits::PPAS),
        ("history", s.history.len(), limits::HISTORY),
        ("targets", s.targets.len(), limits::TARGETS),
    ];
    let mut too_many = false;
    for (name, n, max) in counts {
        if n > max {
            v.err(name, format!("has {n} entries; a scenario holds at most {max}"));
            too_many = true;
        }
    }
    for (i, site) in s.sites.iter().enumerate() {
        for (name, n) in [
            ("fuels", site.fuels.len()),
            ("fuel_switches", site.fuel_switches.len()),
            ("measures", site.measures.len()),
            ("own_generation", site.own_generation.len()),
        ] {
            if n > limits::PER_SITE {
                v.err(
                    format!("sites[{i}].{name}"),
                    format!("has {n} entries; a site holds at most {}", limits::PER_SITE),
                );
                too_many = true;
            }
        }
    }
    for (i, ppa) in s.ppas.iter().enumerate() {
        if ppa.allocation.len() > limits::PER_SITE {
            v.err(
                format!("ppas[{i}].allocation"),
                format!(
                    "names {} sites; a PPA is split over at most {}",
                    ppa.allocation.len(),
                    limits::PER_SITE
                ),
            );
            too_many = true;
        }
    }
    if too_many {
        return;
    }
    if !(s.primary_gj_per_mwh.is_finite()
        && s.primary_gj_per_mwh > 0.0
        && s.primary_gj_per_mwh <= limits::PRIMARY_GJ_PER_MWH)
    {
        v.err(
            "primary_gj_per_mwh",
            format!(
                "{} must be a positive number up to {}",
                fmt_num(s.primary_gj_per_mwh),
                limits::PRIMARY_GJ_PER_MWH
            ),
        );
    }
    if !(s.discount_rate_pct.is_finite() && s.discount_rate_pct > -100.0 && s.discount_rate_pct < 100.0) {
        v.err(
            "discount_rate_pct",
            format!(
                "{} is outside the open range −100..100 %",
                fmt_num(s.discount_rate_pct)
            ),
        );
    }
    // A negative real rate compounds over the horizon: (1 + r)^−n beyond a million would make
    // a yen of the last year outweigh the whole plan (and, further, every NPV infinite).
    let r = s.discount_rate_pct / 100.0;
    let n = f64::from(s.last_year - s.base_year);
    if r.is_finite() && r > -1.0 && r < 0.0 && -n * r.ln_1p() > 6.0 * std::f64::consts::LN_10 {
        let min = (10f64.powf(-6.0 / n) - 1.0) * 100.0;
        v.err(
            "discount_rate_pct",
            format!(
                "{} % over the {n} years of the horizon discounts by a factor beyond 10⁶; give a rate above {} %",
                fmt_num(s.discount_rate_pct),
                fmt_num((min * 10.0).ceil() / 10.0)
            ),
        );
    }
    if s.meta.currency != "JPY" && !s.meta.currency.trim().is_empty() {
        v.err(
            "meta.currency",
            format!(
                "\"{}\": money is JPY throughout (convert other currencies in the file and give the rate in `source`)",
                short(&s.meta.currency)
            ),
        );
    }
    cost(v);

    regions(v);
    fuels(v);
    sites(v);
    materials(v);
    ppas(v);
    v.path(
        "credits.t_co2_per_yr",
        &s.credits.t_co2_per_yr,
        Range::NonNegative,
    );
    v.path(
        "credits.price_jpy_per_t",
        &s.credits.price_jpy_per_t,
        Range::NonNegative,
    );
    v.path(
        "carbon_price_jpy_per_t",
        &s.carbon_price_jpy_per_t,
        Range::NonNegative,
    );
    v.path("revenue_jpy", &s.revenue_jpy, Range::NonNegative);
    history(v);
    targets(v);
    uncertainty::uncertainty(v);
    goal_seek::goal_seek(v);
}

fn regions(v: &mut V) {
    let s = v.s;
    if s.regions.is_empty() {
        v.err("regions", "at least one grid region is needed");
    }
    v.ids("regions", s.regions.iter().map(|r| &r.id));
    for (i, r) in s.regions.iter().enumerate() {
        let p = format!("regions[{i}]");
        v.text(&format!("{p}.name"), &r.name);
        v.notes(&p, &r.source, &r.assumption);
        if r.ef_kg_per_kwh.is_empty() {
            v.err(format!("{p}.ef_kg_per_kwh"), "needs at least one keyframe");
        }
        v.path(
            &format!("{p}.ef_kg_per_kwh"),
            &r.ef_kg_per_kwh,
            Range::UpTo(limits::EF_KG_PER_KWH),
        );
        v.path(
            &format!("{p}.ef_location_kg_per_kwh"),
            &r.ef_location_kg_per_kwh,
            Range::UpTo(limits::EF_KG_PER_KWH),
        );
        v.path(
            &format!("{p}.power_price_jpy_per_mwh"),
            &r.power_price_jpy_per_mwh,
            Range::NonNegative,
        );
        v.path(
            &format!("{p}.co2_free_premium_jpy_per_mwh"),
            &r.co2_free_premium_jpy_per_mwh,
            Range::NonNegative,
        );
        v.opt_note(&format!("{p}.price_assumption"), &r.price_assumption);
    }
}

fn fuels(v: &mut V) {
    let s = v.s;
    v.ids("fuels", s.fuels.iter().map(|f| &f.id));
    for (i, f) in s.fuels.iter().enumerate() {
        let p = format!("fuels[{i}]");
        v.text(&format!("{p}.name"), &f.name);
        if let Some(u) = &f.unit {
            v.line(&format!("{p}.unit"), u, limits::NAME_CHARS);
        }
        v.notes(&p, &f.source, &f.assumption);
        if f.id == ELECTRICITY {
            v.err(
                format!("{p}.id"),
                "\"electricity\" is reserved for fuel switching to electricity",
            );
        }
        v.number(
            &format!("{p}.ef_t_per_gj"),
            f.ef_t_per_gj,
            Range::UpTo(limits::EF_T_PER_GJ),
        );
        if let Some(g) = f.gj_per_unit
            && !(g.is_finite() && g > 0.0 && g <= limits::GJ_PER_UNIT)
        {
            v.err(
                format!("{p}.gj_per_unit"),
                format!(
                    "{} must be a positive number up to {}",
                    fmt_num(g),
                    fmt_num(limits::GJ_PER_UNIT)
                ),
            );
        }
        v.path(
            &format!("{p}.price_jpy_per_gj"),
            &f.price_jpy_per_gj,
            Range::NonNegative,
        );
        v.opt_note(&format!("{p}.price_assumption"), &f.price_assumption);
    }
}

fn saving(v: &mut V, path: &str, sv: Option<Saving>, base_demand: f64, unit: &str) {
    match sv {
        None => {}
        Some(Saving::Percent(x)) if !(x.is_finite() && (0.0..=100.0).contains(&x)) => {
            v.err(path, format!("{} % is outside 0..100", fmt_num(x)));
        }
        Some(Saving::Percent(_)) => {}
        Some(Saving::Absolute(x)) => {
            if !(x.is_finite() && x >= 0.0) {
                v.err(
                    path,
                    format!("{} {unit} must be a non-negative number", fmt_num(x)),
                );
            } else if x > base_demand {
                v.err(
                    path,
                    format!("{x} {unit} is more than the site's base-year demand ({base_demand} {unit})"),
                );
            }
        }
    }
}

fn sites(v: &mut V) {
    let s = v.s;
    v.ids("sites", s.sites.iter().map(|x| &x.id));
    for (i, site) in s.sites.iter().enumerate() {
        let p = format!("sites[{i}]");
        v.text(&format!("{p}.name"), &site.name);
        v.notes(&p, &site.source, &site.assumption);
        if !s.regions.iter().any(|r| r.id == site.region) {
            if v.full() {
                v.dropped += 1;
            } else {
                let known = v.known(&site.region, s.regions.iter().map(|r| r.id.as_str()));
                v.err(
                    format!("{p}.region"),
                    format!("unknown region \"{}\" (regions: {known})", short(&site.region)),
                );
            }
        }
        v.number(
            &format!("{p}.production_t"),
            site.production_t,
            Range::NonNegative,
        );
        v.number(
            &format!("{p}.electricity_mwh"),
            site.electricity_mwh,
            Range::NonNegative,
        );
        v.number(
            &format!("{p}.process_t_co2"),
            site.process_t_co2,
            Range::NonNegative,
        );
        let mut seen = HashSet::new();
        for (k, fu) in site.fuels.iter().enumerate() {
            let fp = format!("{p}.fuels[{k}]");
            let fuel = v.fuel_ref(&format!("{fp}.fuel"), &fu.fuel);
            if !seen.insert(fu.fuel.as_str()) {
                v.err(
                    format!("{fp}.fuel"),
                    format!("fuel \"{}\" is listed twice for this site", fu.fuel),
                );
            }
            match (fu.gj, fu.quantity) {
                (Some(_), Some(_)) => v.err(&fp, "give either gj or quantity, not both"),
                (None, None) => v.err(&fp, "give gj or quantity"),
                (Some(g), None) => v.number(&format!("{fp}.gj"), g, Range::NonNegative),
                (None, Some(q)) => {
                    v.number(&format!("{fp}.quantity"), q, Range::NonNegative);
                    if let Some(f) = fuel
                        && f.gj_per_unit.is_none()
                    {
                        v.err(
                            format!("{fp}.quantity"),
                            format!("fuel \"{}\" has no gj_per_unit; give gj instead", f.id),
                        );
                    }
                }
            }
        }
        for (k, g) in site.own_generation.iter().enumerate() {
            v.text(&format!("{p}.own_generation[{k}].name"), &g.name);
            v.notes(&format!("{p}.own_generation[{k}]"), &g.source, &g.assumption);
            v.path(
                &format!("{p}.own_generation[{k}].output_mwh"),
                &g.output_mwh,
                Range::NonNegative,
            );
        }
        v.path(
            &format!("{p}.activity"),
            &site.activity,
            Range::UpTo(limits::ACTIVITY),
        );
        if !site.activity.is_empty() {
            let a0 = site.activity.value_or(s.base_year, 1.0);
            if (a0 - 1.0).abs() > 1e-9 && a0.is_finite() {
                v.err(
                    format!("{p}.activity"),
                    format!(
                        "is {a0} in the base year {}; an activity index must be 1 there",
                        s.base_year
                    ),
                );
            }
        }
        v.path(&format!("{p}.ownership"), &site.ownership, Range::Share);
        v.path(&format!("{p}.co2_free_share"), &site.co2_free_share, Range::Share);
        v.path(
            &format!("{p}.co2_free_premium_jpy_per_mwh"),
            &site.co2_free_premium_jpy_per_mwh,
            Range::NonNegative,
        );
        let mut rule_ids = HashSet::new();
        for (k, sw) in site.fuel_switches.iter().enumerate() {
            let sp = format!("{p}.fuel_switches[{k}]");
            v.notes(&sp, &sw.source, &sw.assumption);
            // Given ids name one rule each (rules without one are told apart by position).
            if let Some(id) = &sw.id {
                v.text(&format!("{sp}.id"), id);
                if !rule_ids.insert(id.as_str()) {
                    v.err(
                        format!("{sp}.id"),
                        format!(
                            "\"{}\" names two rules of this site; give each rule its own id",
                            short(id)
                        ),
                    );
                }
            }
            v.amount(&format!("{sp}.capex_jpy"), sw.capex_jpy);
            v.lifetime(&format!("{sp}.lifetime_years"), sw.lifetime_years);
            v.fuel_ref(&format!("{sp}.from"), &sw.from);
            if sw.to != ELECTRICITY {
                v.fuel_ref(&format!("{sp}.to"), &sw.to);
            }
            if sw.from == sw.to {
                v.err(format!("{sp}.to"), "switches a fuel to itself");
            }
            v.path(&format!("{sp}.share"), &sw.share, Range::Share);
            if !(sw.ratio.is_finite() && sw.ratio > 0.0 && sw.ratio <= limits::SWITCH_RATIO) {
                v.err(
                    format!("{sp}.ratio"),
                    format!(
                        "{} must be greater than 0 and at most {}",
                        fmt_num(sw.ratio),
                        limits::SWITCH_RATIO
                    ),
                );
            }
        }
        // Rules for the same `from` fuel must not move more than 100 %.
        let froms: HashSet<&str> = site.fuel_switches.iter().map(|r| r.from.as_str()).collect();
        for from in froms {
            for year in v.horizon_years() {
                let total: f64 = site
                    .fuel_switches
                    .iter()
                    .filter(|r| r.from == from)
                    .map(|r| r.share.value_or(year, 0.0))
                    .sum();
                if total > 1.0 + 1e-9 {
                    v.err(
                        format!("{p}.fuel_switches"),
                        format!(
                            "rules from \"{from}\" move {:.1} % of it in {year}, more than 100 %",
                            total * 100.0
                        ),
                    );
                    break;
                }
            }
        }
        v.path(
            &format!("{p}.efficiency_electricity_pct"),
            &site.efficiency_electricity_pct,
            Range::Rate,
        );
        v.path(
            &format!("{p}.efficiency_fuel_pct"),
            &site.efficiency_fuel_pct,
            Range::Rate,
        );
        let base_fuel_gj: f64 = site.fuels.iter().map(|f| s.fuel_use_gj(f)).sum();
        for (k, m) in site.measures.iter().enumerate() {
            let mp = format!("{p}.measures[{k}]");
            v.text(&format!("{mp}.name"), &m.name);
            v.note(&format!("{mp}.source"), &m.source);
            if m.year <= s.base_year || m.year > s.last_year {
                v.err(
                    format!("{mp}.year"),
                    format!(
                        "{} is outside {}..{} (after the base year)",
                        m.year,
                        s.base_year + 1,
                        s.last_year
                    ),
                );
            }
            saving(
                v,
                &format!("{mp}.electricity_saving"),
                m.electricity_saving,
                site.electricity_mwh,
                "MWh",
            );
            saving(v, &format!("{mp}.fuel_saving"), m.fuel_saving, base_fuel_gj, "GJ");
            v.amount(&format!("{mp}.capex_jpy"), m.capex_jpy);
            if let Some(l) = m.lifetime_years
                && !(1..=limits::LIFETIME_YEARS).contains(&l)
            {
                v.err(
                    format!("{mp}.lifetime_years"),
                    format!("{l} is outside 1..{}", limits::LIFETIME_YEARS),
                );
            }
        }
        v.path(
            &format!("{p}.process_change_share"),
            &site.process_change_share,
            Range::Share,
        );
        v.amount(
            &format!("{p}.process_change_capex_jpy"),
            site.process_change_capex_jpy,
        );
        v.lifetime(
            &format!("{p}.process_change_lifetime_years"),
            site.process_change_lifetime_years,
        );
        v.path(
            &format!("{p}.process_change_opex_jpy_per_yr"),
            &site.process_change_opex_jpy_per_yr,
            Range::NonNegative,
        );
        v.amount(
            &format!("{p}.efficiency_capex_jpy_per_mwh_yr"),
            site.efficiency_capex_jpy_per_mwh_yr,
        );
        v.amount(
            &format!("{p}.efficiency_capex_jpy_per_gj_yr"),
            site.efficiency_capex_jpy_per_gj_yr,
        );
        v.lifetime(
            &format!("{p}.efficiency_lifetime_years"),
            site.efficiency_lifetime_years,
        );
        v.opt_note(&format!("{p}.price_assumption"), &site.price_assumption);
    }
}

fn materials(v: &mut V) {
    let s = v.s;
    v.ids("materials", s.materials.iter().map(|m| &m.id));
    for (i, m) in s.materials.iter().enumerate() {
        let p = format!("materials[{i}]");
        v.text(&format!("{p}.name"), &m.name);
        v.notes(&p, &m.source, &m.assumption);
        if let Some(site) = &m.site {
            v.site_ref(&format!("{p}.site"), site);
        } else {
            if m.fuel_saving_share != 0.0 {
                v.err(format!("{p}.fuel_saving_share"), "needs a linked site");
            }
            if m.recycled_feed_t_co2_per_t != 0.0 {
                v.err(format!("{p}.recycled_feed_t_co2_per_t"), "needs a linked site");
            }
        }
        v.number(&format!("{p}.quantity_t"), m.quantity_t, Range::NonNegative);
        v.number(
            &format!("{p}.ef_primary_t_per_t"),
            m.ef_primary_t_per_t,
            Range::UpTo(limits::EF_T_PER_T),
        );
        v.number(
            &format!("{p}.ef_recycled_t_per_t"),
            m.ef_recycled_t_per_t,
            Range::UpTo(limits::EF_T_PER_T),
        );
        v.number(
            &format!("{p}.ef_low_carbon_t_per_t"),
            m.ef_low_carbon_t_per_t,
            Range::UpTo(limits::EF_T_PER_T),
        );
        v.path(&format!("{p}.recycled_share"), &m.recycled_share, Range::Share);
        v.path(
            &format!("{p}.low_carbon_share"),
            &m.low_carbon_share,
            Range::Share,
        );
        for year in v.horizon_years() {
            let sum = m.recycled_share.value_or(year, 0.0) + m.low_carbon_share.value_or(year, 0.0);
            if sum > 1.0 + 1e-9 {
                v.err(
                    format!("{p}.low_carbon_share"),
                    format!("recycled + low-carbon shares are {sum:.3} in {year}, more than 1"),
                );
                break;
            }
        }
        v.number(
            &format!("{p}.fuel_saving_share"),
            m.fuel_saving_share,
            Range::Share,
        );
        v.number(
            &format!("{p}.recycled_feed_t_co2_per_t"),
            m.recycled_feed_t_co2_per_t,
            Range::UpTo(limits::EF_T_PER_T),
        );
        v.path(
            &format!("{p}.recycled_price_diff_jpy_per_t"),
            &m.recycled_price_diff_jpy_per_t,
            Range::Finite,
        );
        v.path(
            &format!("{p}.low_carbon_price_diff_jpy_per_t"),
            &m.low_carbon_price_diff_jpy_per_t,
            Range::Finite,
        );
        v.opt_note(&format!("{p}.price_assumption"), &m.price_assumption);
    }
}

fn ppas(v: &mut V) {
    let s = v.s;
    v.ids("ppas", s.ppas.iter().map(|x| &x.id));
    for (i, ppa) in s.ppas.iter().enumerate() {
        let p = format!("ppas[{i}]");
        v.text(&format!("{p}.name"), &ppa.name);
        v.notes(&p, &ppa.source, &ppa.assumption);
        v.path(&format!("{p}.capacity_mw"), &ppa.capacity_mw, Range::NonNegative);
        if !(ppa.yield_mwh_per_mw.is_finite() && (0.0..=8784.0).contains(&ppa.yield_mwh_per_mw)) {
            v.err(
                format!("{p}.yield_mwh_per_mw"),
                format!("{} is outside 0..8784 MWh per MW", fmt_num(ppa.yield_mwh_per_mw)),
            );
        }
        if ppa.allocation.is_empty() {
            v.err(format!("{p}.allocation"), "must name at least one site");
        }
        let mut sum = 0.0;
        for (k, (site, share)) in ppa.allocation.iter().enumerate() {
            v.site_ref(&format!("{p}.allocation[{k}][0]"), site);
            v.number(&format!("{p}.allocation[{k}][1]"), *share, Range::Share);
            sum += share;
        }
        if !ppa.allocation.is_empty() && (sum - 1.0).abs() > 1e-6 {
            v.err(format!("{p}.allocation"), format!("shares sum to {sum}, not 1"));
        }
        v.path(
            &format!("{p}.price_jpy_per_mwh"),
            &ppa.price_jpy_per_mwh,
            Range::NonNegative,
        );
        v.amount(&format!("{p}.capex_jpy_per_mw"), ppa.capex_jpy_per_mw);
        v.lifetime(&format!("{p}.lifetime_years"), ppa.lifetime_years);
        v.path(
            &format!("{p}.opex_jpy_per_mw_yr"),
            &ppa.opex_jpy_per_mw_yr,
            Range::NonNegative,
        );
        v.opt_note(&format!("{p}.price_assumption"), &ppa.price_assumption);
    }
}

/// The `cost` block (ANALYSES.md §1.9): years inside the horizon, a known carbon-price metric.
fn cost(v: &mut V) {
    let s = v.s;
    let c = &s.cost;
    v.note("cost.source", &c.source);
    v.opt_note("cost.assumption", &c.assumption);
    v.opt_note("credits.price_assumption", &s.credits.price_assumption);
    if let Some(y) = c.price_year
        && !(limits::FIRST_YEAR..=limits::LAST_YEAR).contains(&y)
    {
        v.err(
            "cost.price_year",
            format!("{y} is outside {}..{}", limits::FIRST_YEAR, limits::LAST_YEAR),
        );
    }
    for (name, y) in [("cost.from_year", c.from_year), ("cost.macc_year", c.macc_year)] {
        if let Some(y) = y
            && !v.horizon_years().contains(&y)
        {
            v.err(
                name,
                format!("{y} is outside the horizon {}..{}", s.base_year, s.last_year),
            );
        }
    }
    v.lifetime("cost.default_lifetime_years", c.default_lifetime_years);
    let m = &c.carbon_price_metric;
    if m.scopes.is_empty() {
        v.err(
            "cost.carbon_price_metric.scopes",
            "must name at least one scope (Scope1, Scope2, Scope3)",
        );
    }
    let mut seen = HashSet::new();
    for (k, sc) in m.scopes.iter().enumerate() {
        if !seen.insert(*sc) {
            v.err(
                format!("cost.carbon_price_metric.scopes[{k}]"),
                format!("{sc:?} is listed twice"),
            );
        }
    }
}

fn history(v: &mut V) {
    let s = v.s;
    let mut seen = HashSet::new();
    for (i, h) in s.history.iter().enumerate() {
        let p = format!("history[{i}]");
        v.notes(&p, &h.source, &h.assumption);
        if !seen.insert(h.year) {
            v.err(
                format!("{p}.year"),
                format!("{} appears twice in history", h.year),
            );
        }
        if h.year < 1900 || h.year > s.last_year {
            v.err(
                format!("{p}.year"),
                format!("{} is outside 1900..{}", h.year, s.last_year),
            );
        }
        let fields = [
            ("scope1_t", h.scope1_t),
            ("scope2_t", h.scope2_t),
            ("scope2_location_t", h.scope2_location_t),
            ("scope12_t", h.scope12_t),
            ("scope3_t", h.scope3_t),
            ("production_t", h.production_t),
            ("primary_energy_gj", h.primary_energy_gj),
            ("fuel_gj", h.fuel_gj),
            ("electricity_mwh", h.electricity_mwh),
            ("revenue_jpy", h.revenue_jpy),
        ];
        for (name, val) in fields {
            if let Some(x) = val {
                v.number(&format!("{p}.{name}"), x, Range::NonNegative);
            }
        }
        for (k, rf) in h.fuel_use.iter().enumerate() {
            let fp = format!("{p}.fuel_use[{k}]");
            v.line(&format!("{fp}.area"), &rf.area, limits::NAME_CHARS);
            if let Some(f) = v.fuel_ref(&format!("{fp}.fuel"), &rf.fuel)
                && f.gj_per_unit.is_none()
            {
                v.err(
                    format!("{fp}.fuel"),
                    format!("fuel \"{}\" has no gj_per_unit", f.id),
                );
            }
            v.number(&format!("{fp}.quantity"), rf.quantity, Range::NonNegative);
        }
    }
}

fn targets(v: &mut V) {
    let s = v.s;
    for (i, t) in s.targets.iter().enumerate() {
        let p = format!("targets[{i}]");
        v.text(&format!("{p}.label"), &t.label);
        v.note(&format!("{p}.source"), &t.source);
        if t.year < s.base_year || t.year > s.last_year {
            v.err(
                format!("{p}.year"),
                format!(
                    "{} is outside the horizon {}..{}",
                    t.year, s.base_year, s.last_year
                ),
            );
        }
        if t.scopes.is_empty() {
            v.err(format!("{p}.scopes"), "must name at least one scope");
        }
        let uniq: HashSet<_> = t.scopes.iter().collect();
        if uniq.len() != t.scopes.len() {
            v.err(format!("{p}.scopes"), "names a scope twice");
        }
        match t.kind {
            TargetKind::Absolute {
                reduction_pct,
                reference_year,
            } => {
                reduction(v, &p, reduction_pct);
                reference(v, &p, t, reference_year);
            }
            TargetKind::Intensity {
                reduction_pct,
                reference_year,
                per,
            } => {
                reduction(v, &p, reduction_pct);
                reference(v, &p, t, reference_year);
                let hist = s
                    .history_for(reference_year)
                    .filter(|h| h.kind == HistoryKind::Actual);
                let in_horizon = reference_year >= s.base_year && reference_year <= s.last_year;
                match per {
                    Per::MillionJpy => {
                        if s.revenue_jpy.is_empty() {
                            v.err(
                                format!("{p}.kind.per"),
                                "an intensity per million JPY needs revenue_jpy",
                            );
                        } else if !(hist.is_some_and(|h| h.revenue_jpy.is_some()) || in_horizon) {
                            v.err(
                                format!("{p}.kind.reference_year"),
                                format!("no revenue for {reference_year}: add it to history"),
                            );
                        }
                    }
                    Per::Tonne => {
                        let total: f64 = s.sites.iter().map(|x| x.production_t).sum();
                        if total <= 0.0 {
                            v.err(
                                format!("{p}.kind.per"),
                                "an intensity per tonne needs site production_t",
                            );
                        } else if !(hist.is_some_and(|h| h.production_t.is_some()) || in_horizon) {
                            v.err(
                                format!("{p}.kind.reference_year"),
                                format!("no production for {reference_year}: add it to history"),
                            );
                        }
                    }
                }
            }
            TargetKind::Level { t_co2 } => {
                v.number(&format!("{p}.kind.t_co2"), t_co2, Range::NonNegative);
            }
        }
    }
}

fn reduction(v: &mut V, p: &str, pct: f64) {
    if !(pct.is_finite() && (0.0..=100.0).contains(&pct)) {
        v.err(
            format!("{p}.kind.reduction_pct"),
            format!("{} is outside 0..100 %", fmt_num(pct)),
        );
    }
}

fn reference(v: &mut V, p: &str, t: &Target, year: i32) {
    let s = v.s;
    let from_history = s
        .history_for(year)
        .filter(|h| h.kind == HistoryKind::Actual)
        .and_then(|h| h.emissions(&t.scopes, t.scope2_method))
        .is_some();
    let modelled = year >= s.base_year && year <= s.last_year;
    if !from_history && !modelled {
        v.err(
            format!("{p}.kind.reference_year"),
            format!(
                "{year} is before the base year {} and history has no actual for the target's scopes",
                s.base_year
            ),
        );
    }
}

/// The checks of one lever path, as [`validate`] makes them, with the path's field name: for a
/// lever moved in the window, where re-validating a large scenario on every frame of a drag
/// would cost more than the run. `None` for paths with rules across fields (shares of one
/// material, switch rules of one fuel, activity in the base year): validate the whole scenario.
pub fn validate_path_ref(s: &Scenario, r: super::edit::PathRef) -> Option<(String, Vec<Problem>)> {
    use super::edit::PathRef as R;
    let (name, range) = match r {
        R::SiteCo2Free(i) => (format!("sites[{i}].co2_free_share"), Range::Share),
        R::SiteOwnership(i) => (format!("sites[{i}].ownership"), Range::Share),
        R::SiteEfficiencyElectricity(i) => (format!("sites[{i}].efficiency_electricity_pct"), Range::Rate),
        R::SiteEfficiencyFuel(i) => (format!("sites[{i}].efficiency_fuel_pct"), Range::Rate),
        R::SiteProcessChange(i) => (format!("sites[{i}].process_change_share"), Range::Share),
        R::PpaCapacity(i) => (format!("ppas[{i}].capacity_mw"), Range::NonNegative),
        R::Credits => ("credits.t_co2_per_yr".to_string(), Range::NonNegative),
        R::CarbonPrice => ("carbon_price_jpy_per_t".to_string(), Range::NonNegative),
        R::CreditPrice => ("credits.price_jpy_per_t".to_string(), Range::NonNegative),
        R::RegionPowerPrice(i) => (
            format!("regions[{i}].power_price_jpy_per_mwh"),
            Range::NonNegative,
        ),
        R::FuelPrice(i) => (format!("fuels[{i}].price_jpy_per_gj"), Range::NonNegative),
        R::PpaPrice(i) => (format!("ppas[{i}].price_jpy_per_mwh"), Range::NonNegative),
        R::RegionPremium(_)
        | R::SitePremium(_)
        | R::SiteProcessOpex(_)
        | R::PpaOpex(_)
        | R::MaterialRecycledPrice(_)
        | R::MaterialLowCarbonPrice(_) => return None,
        R::SiteFuelSwitch(..)
        | R::MaterialRecycled(_)
        | R::MaterialLowCarbon(_)
        | R::SiteActivity(_)
        | R::RegionEf(_) => {
            return None;
        }
    };
    let p = r.get(s)?;
    let mut v = V {
        s,
        problems: Vec::new(),
        dropped: 0,
        suggested: 0,
    };
    v.path(&name, p, range);
    Some((name, v.problems))
}
