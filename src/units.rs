//! Display units for emissions (the engine works in t-CO2).

use std::fmt;
use std::str::FromStr;

/// Unit in which emissions are shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Units {
    T,
    Kt,
    /// 万t = 10 kt, the unit of Japanese reports.
    #[default]
    ManT,
}

impl Units {
    pub const ALL: [Units; 3] = [Units::T, Units::Kt, Units::ManT];

    /// Tonnes per display unit.
    pub fn tonnes(self) -> f64 {
        match self {
            Units::T => 1.0,
            Units::Kt => 1e3,
            Units::ManT => 1e4,
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Units::T => "t",
            Units::Kt => "kt",
            Units::ManT => "万t",
        }
    }
    /// Value in this unit.
    pub fn of(self, t: f64) -> f64 {
        t / self.tonnes()
    }
    /// Decimals that keep about four significant figures for typical company totals.
    pub fn decimals(self) -> usize {
        match self {
            Units::T => 0,
            Units::Kt => 1,
            Units::ManT => 2,
        }
    }
    /// Formats tonnes in this unit, with thousands separators and the unit label.
    pub fn fmt(self, t: f64) -> String {
        if !t.is_finite() {
            return "n/a".into();
        }
        format!("{} {}", group(self.of(t), self.decimals()), self.label())
    }
}

impl fmt::Display for Units {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Units::T => "t",
            Units::Kt => "kt",
            Units::ManT => "man-t",
        })
    }
}

impl FromStr for Units {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "t" => Ok(Units::T),
            "kt" => Ok(Units::Kt),
            "man-t" | "万t" => Ok(Units::ManT),
            other => Err(format!("unknown unit \"{other}\" (t, kt or man-t)")),
        }
    }
}

/// Unit in which money is shown (the engine works in JPY).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Money {
    Yen,
    /// 百万円 = 10⁶ JPY.
    MillionYen,
    /// 億円 = 10⁸ JPY, the unit of Japanese reports' headline figures.
    #[default]
    OkuYen,
}

impl Money {
    pub const ALL: [Money; 3] = [Money::Yen, Money::MillionYen, Money::OkuYen];

    /// JPY per display unit.
    pub fn yen(self) -> f64 {
        match self {
            Money::Yen => 1.0,
            Money::MillionYen => 1e6,
            Money::OkuYen => 1e8,
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Money::Yen => "円",
            Money::MillionYen => "百万円",
            Money::OkuYen => "億円",
        }
    }
    pub fn of(self, jpy: f64) -> f64 {
        jpy / self.yen()
    }
    pub fn decimals(self) -> usize {
        match self {
            Money::Yen => 0,
            Money::MillionYen => 1,
            Money::OkuYen => 2,
        }
    }
    /// Formats JPY in this unit with thousands separators and the unit label.
    pub fn fmt(self, jpy: f64) -> String {
        if !jpy.is_finite() {
            return "n/a".into();
        }
        format!("{} {}", group(self.of(jpy), self.decimals()), self.label())
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Money::Yen => "yen",
            Money::MillionYen => "million-yen",
            Money::OkuYen => "oku-yen",
        })
    }
}

impl FromStr for Money {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "yen" | "円" => Ok(Money::Yen),
            "million-yen" | "百万円" => Ok(Money::MillionYen),
            "oku-yen" | "億円" => Ok(Money::OkuYen),
            other => Err(format!(
                "unknown money unit \"{other}\" (yen, million-yen or oku-yen)"
            )),
        }
    }
}

/// `1234567.891` → `1,234,567.89` (with `decimals` decimals).
pub fn group(v: f64, decimals: usize) -> String {
    if !v.is_finite() {
        return "n/a".into();
    }
    let s = format!("{:.*}", decimals, v.abs());
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (s.clone(), None),
    };
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(&f);
    }
    let negative = v < 0.0 && out.chars().any(|c| c.is_ascii_digit() && c != '0');
    if negative { format!("−{out}") } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn groups_thousands() {
        assert_eq!(group(1234567.891, 2), "1,234,567.89");
        assert_eq!(group(-905.0, 0), "−905");
        assert_eq!(group(-0.001, 1), "0.0");
        assert_eq!(Units::ManT.fmt(1_810_000.0), "181.00 万t");
        assert_eq!(Money::OkuYen.fmt(7.0e9), "70.00 億円");
        assert_eq!(Money::MillionYen.fmt(-1_706e6), "−1,706.0 百万円");
        assert_eq!("oku-yen".parse::<Money>(), Ok(Money::OkuYen));
    }
}
