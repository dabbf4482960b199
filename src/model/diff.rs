//! Differences between two scenarios, input by input and lever by lever (paths compared whole).
//! Sites, regions, fuels, materials and PPAs are matched by id, history by year, targets by
//! label. Each difference carries its machine path and a readable form: the item's name, the
//! field's name and unit, both values and the change.

use super::scenario::Scenario;
use serde::Serialize;

/// One input that differs; `None` where the item exists in only one scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct Difference {
    /// Machine path, e.g. `sites[other_japan].co2_free_share`.
    pub path: String,
    /// The item, by name: `Site "Other domestic sites"`, `Target "−50 % vs FY2018"`, `Scenario`.
    pub item: String,
    /// The field, readable: `CO2-free share`; empty for a whole item.
    pub field: String,
    /// Compact RON text of each side.
    pub a: Option<String>,
    pub b: Option<String>,
}

/// A value read back from its RON text.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Num(f64),
    /// A time path's keyframes.
    Keys(Vec<(i32, f64)>),
    Text(String),
    Absent,
    /// Anything else, as RON.
    Other(String),
}

/// The unit of a field, from its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldUnit {
    Share,
    PctPerYr,
    Mwh,
    Gj,
    TCo2,
    T,
    KgPerKwh,
    TPerGj,
    TPerT,
    Mw,
    MwhPerMw,
    /// Primary energy per unit of electricity.
    GjPerMwh,
    Jpy,
    JpyPer(&'static str),
    TCo2PerYr,
    Index,
    /// A fiscal year.
    Year,
    /// A percentage (not per year).
    Pct,
    None,
}

impl FieldUnit {
    pub fn of(field: &str) -> FieldUnit {
        let f = field;
        if f == "year" || f.ends_with("_year") {
            FieldUnit::Year
        } else if f == "discount_rate_pct" {
            FieldUnit::Pct
        } else if f.starts_with("scope") && f.ends_with("_t") {
            FieldUnit::TCo2
        } else if f == "t_co2_per_yr" {
            FieldUnit::TCo2PerYr
        } else if f.ends_with("_share") || f == "fuel_saving_share" {
            FieldUnit::Share
        } else if f.ends_with("_pct") {
            FieldUnit::PctPerYr
        } else if f == "activity" || f == "ownership" {
            FieldUnit::Index
        } else if f.ends_with("_t_co2_per_yr") {
            FieldUnit::TCo2PerYr
        } else if f.ends_with("_jpy_per_mwh") {
            FieldUnit::JpyPer("MWh")
        } else if f.ends_with("_jpy_per_gj") {
            FieldUnit::JpyPer("GJ")
        } else if f.ends_with("_jpy_per_t") {
            FieldUnit::JpyPer("t")
        } else if f.ends_with("_jpy_per_mw") {
            FieldUnit::JpyPer("MW")
        } else if f.ends_with("_jpy_per_yr") {
            FieldUnit::JpyPer("yr")
        } else if f.ends_with("_jpy") {
            FieldUnit::Jpy
        } else if f.ends_with("_kg_per_kwh") {
            FieldUnit::KgPerKwh
        } else if f.ends_with("_t_per_gj") {
            FieldUnit::TPerGj
        } else if f.ends_with("_t_co2_per_t") || f.ends_with("_t_per_t") {
            FieldUnit::TPerT
        } else if f.ends_with("_gj_per_mwh") {
            FieldUnit::GjPerMwh
        } else if f.ends_with("_mwh_per_mw") {
            FieldUnit::MwhPerMw
        } else if f.ends_with("_mwh") {
            FieldUnit::Mwh
        } else if f.ends_with("_gj") {
            FieldUnit::Gj
        } else if f.ends_with("_t_co2") {
            FieldUnit::TCo2
        } else if f.ends_with("_mw") {
            FieldUnit::Mw
        } else if f.ends_with("_t") {
            FieldUnit::T
        } else {
            FieldUnit::None
        }
    }

    /// The value a path takes when empty.
    pub fn path_default(self) -> f64 {
        if self == FieldUnit::Index { 1.0 } else { 0.0 }
    }

    /// A number in this unit: `50.6 %`, `420,000 MWh`, `0.463 kg-CO2/kWh`.
    pub fn fmt(self, v: f64) -> String {
        use crate::units::group;
        let n = |d: usize| group(v, d);
        let adaptive = || {
            let a = v.abs();
            if a >= 100.0 || a == 0.0 {
                n(0)
            } else if a >= 1.0 {
                n(2)
            } else {
                n(4)
            }
        };
        match self {
            FieldUnit::Share => format!("{} %", group(v * 100.0, 1)),
            FieldUnit::PctPerYr => format!("{} %/yr", n(2)),
            FieldUnit::Mwh => format!("{} MWh", adaptive()),
            FieldUnit::Gj => format!("{} GJ", adaptive()),
            FieldUnit::TCo2 => format!("{} t-CO2", adaptive()),
            FieldUnit::T => format!("{} t", adaptive()),
            FieldUnit::KgPerKwh => format!("{} kg-CO2/kWh", n(3)),
            FieldUnit::TPerGj => format!("{} t-CO2/GJ", n(4)),
            FieldUnit::TPerT => format!("{} t-CO2/t", adaptive()),
            FieldUnit::Mw => format!("{} MW", adaptive()),
            FieldUnit::MwhPerMw => format!("{} MWh/MW", n(0)),
            FieldUnit::GjPerMwh => format!("{} GJ/MWh", n(2)),
            FieldUnit::Jpy => format!("{} JPY", n(0)),
            FieldUnit::JpyPer(x) => format!("{} JPY/{x}", adaptive()),
            FieldUnit::TCo2PerYr => format!("{} t-CO2/yr", adaptive()),
            FieldUnit::Index => format!("×{}", n(3)),
            FieldUnit::Year => format!("FY{v}"),
            FieldUnit::Pct => format!("{} %", n(2)),
            FieldUnit::None => adaptive(),
        }
    }

    /// A difference in this unit (percentage points for shares).
    pub fn fmt_delta(self, d: f64) -> String {
        let sign = if d > 0.0 { "+" } else { "" };
        match self {
            FieldUnit::Share => format!("{sign}{} pt", crate::units::group(d * 100.0, 1)),
            FieldUnit::Year => format!("{sign}{d} years"),
            _ => format!("{sign}{}", self.fmt(d)),
        }
    }
}

/// Reads a compact RON value back.
pub fn parse_value(raw: &str) -> Value {
    let r = raw.trim();
    if r == "None" {
        return Value::Absent;
    }
    if let Some(inner) = r.strip_prefix("Some(").and_then(|x| x.strip_suffix(')')) {
        return parse_value(inner);
    }
    if let Ok(n) = r.parse::<f64>() {
        return Value::Num(n);
    }
    if r == "[]" {
        return Value::Keys(Vec::new());
    }
    if let Some(inner) = r.strip_prefix("[(").and_then(|x| x.strip_suffix(")]")) {
        let keys: Option<Vec<(i32, f64)>> = inner
            .split("),(")
            .map(|kv| {
                let (y, v) = kv.split_once(',')?;
                Some((y.trim().parse().ok()?, v.trim().parse().ok()?))
            })
            .collect();
        if let Some(k) = keys {
            return Value::Keys(k);
        }
    }
    if let Some(s) = r.strip_prefix('"').and_then(|x| x.strip_suffix('"')) {
        return Value::Text(s.replace("\\\"", "\"").replace("\\\\", "\\"));
    }
    Value::Other(r.to_string())
}

fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let t: String = s.chars().take(max).collect();
        format!("{t}…")
    }
}

/// A value as a planner reads it: numbers with units, paths as keyframes.
pub fn fmt_value(v: &Value, unit: FieldUnit) -> String {
    match v {
        Value::Num(x) => unit.fmt(*x),
        Value::Keys(k) if k.is_empty() => format!("— (default {})", unit.fmt(unit.path_default())),
        Value::Keys(k) if k.len() == 1 => format!("{} (every year)", unit.fmt(k[0].1)),
        Value::Keys(k) => {
            let item = |(y, v): &(i32, f64)| format!("FY{y} {}", unit.fmt(*v));
            if k.len() <= 6 {
                k.iter().map(item).collect::<Vec<_>>().join(", ")
            } else {
                let head: Vec<String> = k[..3].iter().map(item).collect();
                let tail: Vec<String> = k[k.len() - 2..].iter().map(item).collect();
                format!("{}, … {}", head.join(", "), tail.join(", "))
            }
        }
        Value::Text(s) if s.is_empty() => "(empty)".into(),
        Value::Text(s) => shorten(&s.replace("\\n", " "), 140),
        Value::Absent => "—".into(),
        Value::Other(s) => shorten(s, 140),
    }
}

/// The change from `a` to `b`: numbers directly; paths in the year they differ most (of their
/// keyframe years and `year`). Shares change in points, so they get no %. `None` when it
/// cannot be stated as a number.
pub fn delta(a: &Value, b: &Value, unit: FieldUnit, year: i32) -> Option<(String, Option<f64>, f64)> {
    let at = |v: &Value, y: i32| -> Option<f64> {
        match v {
            Value::Num(x) => Some(*x),
            Value::Keys(k) => Some(crate::model::Path(k.clone()).value_or(y, unit.path_default())),
            _ => None,
        }
    };
    let is_path = matches!(a, Value::Keys(_)) || matches!(b, Value::Keys(_));
    let year = if is_path {
        let mut years = vec![year];
        for v in [a, b] {
            if let Value::Keys(k) = v {
                years.extend(k.iter().map(|k| k.0));
            }
        }
        let diff = |y: i32| (at(b, y).unwrap_or(0.0) - at(a, y).unwrap_or(0.0)).abs();
        // The first year with the largest difference (the year asked first, then keyframes).
        years
            .into_iter()
            .fold(year, |best, y| if diff(y) > diff(best) { y } else { best })
    } else {
        year
    };
    let (x, y) = (at(a, year)?, at(b, year)?);
    let d = y - x;
    let pct = (x.abs() > 0.0 && unit != FieldUnit::Share && unit != FieldUnit::Year).then(|| d / x * 100.0);
    let when = if is_path {
        format!("FY{year}: ")
    } else {
        String::new()
    };
    Some((format!("{when}{}", unit.fmt_delta(d)), pct, d))
}

/// A field name as a planner says it.
pub fn field_name(field: &str) -> String {
    let known = match field {
        "co2_free_share" => Some("CO2-free share"),
        "co2_free_premium_jpy_per_mwh" => Some("CO2-free premium"),
        "ef_kg_per_kwh" => Some("Emission factor"),
        "ef_location_kg_per_kwh" => Some("Location-based emission factor"),
        "ef_t_per_gj" => Some("Emission factor"),
        "ef_primary_t_per_t" => Some("Primary route factor"),
        "ef_recycled_t_per_t" => Some("Recycled route factor"),
        "ef_low_carbon_t_per_t" => Some("Low-carbon route factor"),
        "recycled_feed_t_co2_per_t" => Some("Recycled-feed combustion κ"),
        "fuel_saving_share" => Some("Fuel saved by recycling λ"),
        "efficiency_electricity_pct" => Some("Electricity efficiency"),
        "efficiency_fuel_pct" => Some("Fuel efficiency"),
        "process_t_co2" => Some("Process emissions"),
        "gj_per_unit" => Some("Calorific value (GJ per unit)"),
        "t_co2_per_yr" => Some("Credits"),
        "scope12_t" => Some("Scope 1+2"),
        "scope1_t" => Some("Scope 1"),
        "scope2_t" => Some("Scope 2 (market)"),
        "scope2_location_t" => Some("Scope 2 (location)"),
        "scope3_t" => Some("Scope 3"),
        "primary_gj_per_mwh" => Some("Primary energy per MWh"),
        _ => None,
    };
    if let Some(k) = known {
        return k.to_string();
    }
    let mut words: Vec<&str> = field.split('_').collect();
    // Drop unit words at the end.
    while words.len() > 1
        && matches!(
            *words.last().expect("non-empty"),
            "t" | "mwh" | "gj" | "co2" | "jpy" | "pct" | "mw" | "per" | "kwh" | "kg" | "yr"
        )
    {
        words.pop();
    }
    let s = words.join(" ");
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => s,
    }
}

fn compact<T: Serialize>(x: &T) -> String {
    ron::to_string(x).unwrap_or_else(|e| format!("<{e}>"))
}

/// Splits compact RON `(f: v, g: w)` into its top-level fields.
fn fields(text: &str) -> Vec<(String, String)> {
    let inner = text
        .strip_prefix('(')
        .and_then(|t| t.strip_suffix(')'))
        .unwrap_or(text);
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut in_str = false;
    let mut escaped = false;
    let mut start = 0;
    let bytes: Vec<char> = inner.chars().collect();
    let push = |piece: String, out: &mut Vec<(String, String)>| {
        if let Some((k, v)) = piece.split_once(':') {
            out.push((k.trim().to_string(), v.trim().to_string()));
        }
    };
    for (i, &c) in bytes.iter().enumerate() {
        if in_str {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_str = false;
            }
            continue;
        }
        match c {
            '"' => in_str = true,
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => {
                push(bytes[start..i].iter().collect(), &mut out);
                start = i + 1;
            }
            _ => {}
        }
    }
    // the last field (an empty tail adds nothing: it has no `:`)
    push(bytes[start..].iter().collect(), &mut out);
    out
}

fn compare_struct<T: Serialize>(
    out: &mut Vec<Difference>,
    prefix: &str,
    item: &str,
    a: &T,
    b: &T,
    skip: &[&str],
) {
    let fa = fields(&compact(a));
    let fb = fields(&compact(b));
    for (k, va) in &fa {
        if skip.contains(&k.as_str()) {
            continue;
        }
        let vb = fb.iter().find(|(kb, _)| kb == k).map(|(_, v)| v);
        if vb != Some(va) {
            out.push(Difference {
                path: format!("{prefix}{k}"),
                item: item.to_string(),
                field: field_name(k),
                a: Some(va.clone()),
                b: vb.cloned(),
            });
        }
    }
    for (k, vb) in &fb {
        if !skip.contains(&k.as_str()) && !fa.iter().any(|(ka, _)| ka == k) {
            out.push(Difference {
                path: format!("{prefix}{k}"),
                item: item.to_string(),
                field: field_name(k),
                a: None,
                b: Some(vb.clone()),
            });
        }
    }
}

fn compare_list<T: Serialize>(
    out: &mut Vec<Difference>,
    name: &str,
    kind: &str,
    a: &[T],
    b: &[T],
    key: impl Fn(&T) -> String,
    title: impl Fn(&T) -> String,
) {
    for x in a {
        let k = key(x);
        match b.iter().find(|y| key(y) == k) {
            Some(y) => compare_struct(
                out,
                &format!("{name}[{k}]."),
                &format!("{kind} {}", title(x)),
                x,
                y,
                &[],
            ),
            None => out.push(Difference {
                path: format!("{name}[{k}]"),
                item: format!("{kind} {}", title(x)),
                field: String::new(),
                a: Some("present".into()),
                b: None,
            }),
        }
    }
    for y in b {
        let k = key(y);
        if !a.iter().any(|x| key(x) == k) {
            out.push(Difference {
                path: format!("{name}[{k}]"),
                item: format!("{kind} {}", title(y)),
                field: String::new(),
                a: None,
                b: Some("present".into()),
            });
        }
    }
}

fn quoted(s: &str) -> String {
    format!("“{s}”")
}

/// Every input and lever that differs between `a` and `b`.
pub fn diff(a: &Scenario, b: &Scenario) -> Vec<Difference> {
    let mut out = Vec::new();
    compare_struct(
        &mut out,
        "",
        "Scenario",
        a,
        b,
        &[
            "meta",
            "credits",
            "regions",
            "fuels",
            "sites",
            "materials",
            "ppas",
            "history",
            "targets",
        ],
    );
    compare_struct(&mut out, "meta.", "Scenario", &a.meta, &b.meta, &[]);
    compare_struct(&mut out, "credits.", "Credits", &a.credits, &b.credits, &[]);
    compare_list(
        &mut out,
        "regions",
        "Region",
        &a.regions,
        &b.regions,
        |x| x.id.clone(),
        |x| quoted(&x.name),
    );
    compare_list(
        &mut out,
        "fuels",
        "Fuel",
        &a.fuels,
        &b.fuels,
        |x| x.id.clone(),
        |x| quoted(&x.name),
    );
    compare_list(
        &mut out,
        "sites",
        "Site",
        &a.sites,
        &b.sites,
        |x| x.id.clone(),
        |x| quoted(&x.name),
    );
    compare_list(
        &mut out,
        "materials",
        "Material",
        &a.materials,
        &b.materials,
        |x| x.id.clone(),
        |x| quoted(&x.name),
    );
    compare_list(
        &mut out,
        "ppas",
        "PPA",
        &a.ppas,
        &b.ppas,
        |x| x.id.clone(),
        |x| quoted(&x.name),
    );
    compare_list(
        &mut out,
        "history",
        "Reported",
        &a.history,
        &b.history,
        |x| x.year.to_string(),
        |x| format!("FY{}", x.year),
    );
    compare_list(
        &mut out,
        "targets",
        "Target",
        &a.targets,
        &b.targets,
        |x| x.label.clone(),
        |x| quoted(&x.label),
    );
    out
}

impl Difference {
    /// The field's unit (from its machine name).
    pub fn unit(&self) -> FieldUnit {
        FieldUnit::of(self.path.rsplit('.').next().unwrap_or(""))
    }
    fn side(&self, v: &Option<String>) -> Value {
        // (a whole item's side reads "present", which parses as itself)
        match v {
            None => Value::Absent,
            Some(t) => parse_value(t),
        }
    }
    /// Side A as a planner reads it.
    pub fn a_text(&self) -> String {
        fmt_value(&self.side(&self.a), self.unit())
    }
    pub fn b_text(&self) -> String {
        fmt_value(&self.side(&self.b), self.unit())
    }
    /// B − A (in `year` for paths) and its % of A, when both are numbers.
    pub fn delta(&self, year: i32) -> Option<(String, Option<f64>)> {
        delta(&self.side(&self.a), &self.side(&self.b), self.unit(), year).map(|(t, p, _)| (t, p))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_changed_paths_and_nothing_for_itself() {
        let a = crate::model::from_str(crate::DEFAULT_SCENARIO).unwrap();
        assert!(diff(&a, &a).is_empty());
        let mut b = a.clone();
        b.sites[0].co2_free_share = crate::model::Path(vec![(2030, 0.5)]);
        b.meta.name = "Other, with \"quotes\", (parens)".into();
        b.ppas.clear();
        let d = diff(&a, &b);
        let paths: Vec<&str> = d.iter().map(|x| x.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "meta.name",
                "sites[saganoseki].co2_free_share",
                "ppas[kurami_offsite_pv]"
            ]
        );
        assert_eq!(d[1].b.as_deref(), Some("[(2030,0.5)]"));
        // Readable: the site's name, the field's name, values with units, the change.
        assert_eq!(
            d[1].item,
            "Site “JX Metals Smelting Saganoseki Smelter & Refinery (佐賀関製錬所)”"
        );
        assert_eq!(d[1].field, "CO2-free share");
        assert_eq!(d[1].a_text(), "FY2020 0.0 %, FY2021 83.3 %, FY2022 100.0 %");
        assert_eq!(d[1].b_text(), "50.0 % (every year)");
        let (text, pct) = d[1].delta(2030).unwrap();
        // The paths differ most in FY2022 and after (100 % → 50 %); a share changes in points.
        assert_eq!(text, "FY2030: −50.0 pt");
        assert_eq!(pct, None);
        assert_eq!(d[0].b_text(), "Other, with \"quotes\", (parens)");
    }

    #[test]
    fn numbers_get_units_and_changes() {
        let a = crate::model::from_str(crate::DEFAULT_SCENARIO).unwrap();
        let mut b = a.clone();
        b.sites[0].electricity_mwh = 500_000.0;
        let d = diff(&a, &b);
        assert_eq!(d[0].field, "Electricity");
        assert_eq!(d[0].a_text(), "420,000 MWh");
        assert_eq!(d[0].b_text(), "500,000 MWh");
        let (text, pct) = d[0].delta(2030).unwrap();
        assert_eq!(text, "+80,000 MWh");
        assert!((pct.unwrap() - 19.047_619).abs() < 1e-5);
    }
}
