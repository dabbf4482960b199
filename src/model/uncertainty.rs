//! The uncertainty block of a scenario (ANALYSES.md §2.3 with §9.19–9.27): which inputs are
//! uncertain, by how much, and how the draws are made. Every input is a dimensionless
//! multiplier `k` (1 = the deterministic scenario) on whole paths after the last known year.

use super::scenario::GenerationKind;
use serde::{Deserialize, Serialize};

fn default_draws() -> u32 {
    1000
}
fn default_seed() -> u64 {
    1
}
fn one() -> u32 {
    1
}
fn yes() -> bool {
    true
}
fn is_false(b: &bool) -> bool {
    !*b
}
fn is_true(b: &bool) -> bool {
    *b
}
fn is_one(x: &u32) -> bool {
    *x == 1
}

/// How the uniform numbers of the draws are laid out.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Sampling {
    /// One draw in each of N equal strata of every input (McKay, Beckman & Conover 1979).
    #[default]
    LatinHypercube,
    /// Independent uniforms.
    Random,
}

/// The uncertainty settings and inputs of a scenario. Empty by default: no input, the fan
/// collapses to the deterministic line.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Uncertainty {
    /// Number of draws N (the window's live fan and the CLI use it; reports at most 10,000).
    #[serde(default = "default_draws")]
    pub draws: u32,
    /// Seed of every stream: part of the scenario, so a saved file reproduces its fan.
    #[serde(default = "default_seed")]
    pub seed: u64,
    #[serde(default)]
    pub sampling: Sampling,
    #[serde(default)]
    pub inputs: Vec<UncertainInput>,
}

impl Default for Uncertainty {
    fn default() -> Self {
        Uncertainty {
            draws: default_draws(),
            seed: default_seed(),
            sampling: Sampling::LatinHypercube,
            inputs: Vec::new(),
        }
    }
}

impl Uncertainty {
    pub fn is_default(&self) -> bool {
        *self == Uncertainty::default()
    }
}

/// A distribution of a multiplier, drawn through its inverse CDF (ANALYSES.md §2.4).
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq)]
pub enum Dist {
    Uniform {
        min: f64,
        max: f64,
    },
    Triangular {
        min: f64,
        mode: f64,
        max: f64,
    },
    /// Normal, truncated at 0.
    Normal {
        mean: f64,
        sd: f64,
    },
    LogNormal {
        median: f64,
        sigma: f64,
    },
}

/// Which emission factor of a material a `MaterialEf` input scales.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Route {
    #[default]
    All,
    Primary,
    Recycled,
    LowCarbon,
}

/// The lever groups of MODEL.md §6, as a `LeverDelivery` input names them.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum LeverName {
    Co2Free,
    Recycling,
    FuelSwitch,
    Ppa,
    Efficiency,
    ProcessChange,
    Credits,
}

/// What a multiplier scales. An empty list means every member (every region, site, …).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub enum UncertainTarget {
    /// Market and location grid factors together, after the last known year.
    GridEf {
        #[serde(default)]
        regions: Vec<String>,
    },
    /// The activity (production index) of sites; with `scale_revenue`, the revenue path too
    /// (§9.22), so intensities per revenue stay coherent.
    Activity {
        #[serde(default)]
        sites: Vec<String>,
        #[serde(default = "yes", skip_serializing_if = "is_true")]
        scale_revenue: bool,
    },
    /// The yield of PPAs (scales BAU's output too, §9.20).
    PpaYield {
        #[serde(default)]
        ppas: Vec<String>,
    },
    /// The output of sites' own generation, optionally of one kind only.
    OwnGeneration {
        #[serde(default)]
        sites: Vec<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        kind: Option<GenerationKind>,
    },
    /// The level of sites' process (non-energy) emissions.
    ProcessEmissions {
        #[serde(default)]
        sites: Vec<String>,
    },
    /// Materials' emission factors of one route (or all).
    MaterialEf {
        #[serde(default)]
        materials: Vec<String>,
        #[serde(default)]
        route: Route,
    },
    FuelPrice {
        #[serde(default)]
        fuels: Vec<String>,
    },
    PowerPrice {
        #[serde(default)]
        regions: Vec<String>,
    },
    /// Sites' CO2-free premium, after the region fallback (§9.37).
    Co2FreePremium {
        #[serde(default)]
        sites: Vec<String>,
    },
    PpaPrice {
        #[serde(default)]
        ppas: Vec<String>,
    },
    /// The recycled and low-carbon price differences of materials.
    MaterialPrice {
        #[serde(default)]
        materials: Vec<String>,
    },
    CarbonPrice,
    CreditPrice,
    /// The discount rate (no ramp; scales `r` in the discount factors and the CRF).
    DiscountRate,
    /// How much of a lever's deviation from its base-year value is delivered:
    /// `x_BAU + k·(x − x_BAU)`, shares clamped to [0, 1]. `ids` are sites (CO2-free, fuel
    /// switching, efficiency, process change), materials (recycling) or PPAs.
    LeverDelivery {
        group: LeverName,
        #[serde(default)]
        ids: Vec<String>,
    },
}

/// One uncertain input: one draw per draw of the analysis, shared by every path it lists
/// (perfectly correlated); different inputs are independent.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct UncertainInput {
    pub id: String,
    pub target: UncertainTarget,
    pub dist: Dist,
    /// Years up to this one are reported, not uncertain; default the latest `Actual` history
    /// year ≥ the base year, else the base year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub known_until: Option<i32>,
    /// Years over which the multiplier ramps in after `known_until` (1 = a step).
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub ramp_years: u32,
    /// One independent draw per listed member instead of one shared draw.
    #[serde(default, skip_serializing_if = "is_false")]
    pub each: bool,
    #[serde(default)]
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assumption: Option<String>,
}
