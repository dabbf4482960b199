//! The goal-seek block of a scenario (ANALYSES.md §3.2, §9.1–9.12): which targets must be
//! met, which levers may move, within which bounds and by when. Stored in the file so a CLI
//! run reproduces the window's answer.

use serde::{Deserialize, Serialize};

/// What the answer must meet, and with which levers.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct GoalSeek {
    /// Labels of the targets to meet; empty = every target of the scenario after the freeze
    /// year.
    #[serde(default)]
    pub targets: Vec<String>,
    #[serde(default)]
    pub mode: SeekMode,
    /// Last year that does not change; none = the latest `Actual` history year at or after
    /// the base year, else the base year (§9.9).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub freeze_year: Option<i32>,
    /// Add the carbon-price exposure to the cost that is minimised (off by default, §9.1).
    #[serde(default)]
    pub include_carbon_cost: bool,
    /// Engine runs the search may use (the budget; counted, not timed).
    #[serde(default = "default_evaluations")]
    pub max_evaluations: u32,
    pub levers: Vec<SeekLever>,
}

fn default_evaluations() -> u32 {
    40_000
}

impl Default for GoalSeek {
    fn default() -> Self {
        GoalSeek {
            targets: Vec::new(),
            mode: SeekMode::TargetYear,
            freeze_year: None,
            include_carbon_cost: false,
            max_evaluations: default_evaluations(),
            levers: Vec::new(),
        }
    }
}

/// Where a target must hold: in its year only, or on the glide line from the freeze year (or
/// `from_year`) to its year (§3.5).
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SeekMode {
    #[default]
    TargetYear,
    Path {
        #[serde(default)]
        from_year: Option<i32>,
    },
}

/// One lever the goal seek may move (a `"*"` site or material expands to every member).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SeekLever {
    pub lever: LeverRef,
    /// Lower bound; none = the path's value in the freeze year (for efficiency rates, in the
    /// year after it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    /// Upper bound; none = the top of the lever's domain (shares 1, efficiency 99 %/yr).
    /// PPA capacity [MW] and credits [t/yr] need one (§9.12).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// Year the value is reached (a straight ramp from the freeze year); none = the earliest
    /// year of the listed targets. Not used by efficiency rates (a constant rate).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reach_year: Option<i32>,
}

/// A lever path of the scenario. Units: shares in [0, 1], MW, %/yr, t/yr.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Hash)]
pub enum LeverRef {
    Co2Free { site: String },
    Ppa { ppa: String },
    Recycled { material: String },
    LowCarbon { material: String },
    FuelSwitch { site: String, rule: String },
    ProcessChange { site: String },
    EfficiencyElectricity { site: String },
    EfficiencyFuel { site: String },
    Credits,
}

impl LeverRef {
    /// Short English name of the lever kind.
    pub fn kind_name(&self) -> &'static str {
        match self {
            LeverRef::Co2Free { .. } => "CO2-free power",
            LeverRef::Ppa { .. } => "PPA capacity",
            LeverRef::Recycled { .. } => "recycled share",
            LeverRef::LowCarbon { .. } => "low-carbon share",
            LeverRef::FuelSwitch { .. } => "fuel switch",
            LeverRef::ProcessChange { .. } => "process change",
            LeverRef::EfficiencyElectricity { .. } => "electricity efficiency",
            LeverRef::EfficiencyFuel { .. } => "fuel efficiency",
            LeverRef::Credits => "credits",
        }
    }

    /// The unit of its value.
    pub fn unit(&self) -> &'static str {
        match self {
            LeverRef::Ppa { .. } => "MW",
            LeverRef::EfficiencyElectricity { .. } | LeverRef::EfficiencyFuel { .. } => "%/yr",
            LeverRef::Credits => "t/yr",
            _ => "share",
        }
    }

    /// Whether the value is a share in [0, 1].
    pub fn is_share(&self) -> bool {
        self.unit() == "share"
    }
}
