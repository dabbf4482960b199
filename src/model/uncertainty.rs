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

/// The inputs of ANALYSES.md §2.2, with their sources, for the "add input" menu: every member
/// (empty lists), marked as assumptions where the spread is one.
pub fn presets() -> Vec<(&'static str, UncertainInput)> {
    let input = |id: &str, target: UncertainTarget, dist: Dist, source: &str, assumed: bool| UncertainInput {
        id: id.into(),
        target,
        dist,
        known_until: None,
        ramp_years: 1,
        each: false,
        source: source.into(),
        assumption: assumed.then(|| "The spread is an assumption (ANALYSES.md §2.2).".into()),
    };
    let tri = |min, mode, max| Dist::Triangular { min, mode, max };
    vec![
        (
            "Grid emission factors",
            input(
                "grid_ef",
                UncertainTarget::GridEf { regions: Vec::new() },
                Dist::LogNormal {
                    median: 1.0,
                    sigma: 0.15,
                },
                "σ 0.15 as the reference Monte Carlo; Japan's factor swung from 0.4125 (FY2010) to 0.570 (FY2013) after Fukushima (001:L1719-1721).",
                true,
            ),
        ),
        (
            "Activity (company-wide demand)",
            input(
                "demand",
                UncertainTarget::Activity {
                    sites: Vec::new(),
                    scale_revenue: true,
                },
                Dist::Normal { mean: 1.0, sd: 0.08 },
                "sd 0.08 as the reference Monte Carlo; production shocks of the Lehman crisis, the earthquake and COVID (001:L607-619).",
                true,
            ),
        ),
        (
            "Activity capped at capacity",
            input(
                "production_capped",
                UncertainTarget::Activity {
                    sites: Vec::new(),
                    scale_revenue: true,
                },
                tri(0.85, 1.0, 1.0),
                "A plan at capacity can fall short but not exceed it (the association's FY2030 280万t is capacity, 001:L110-112).",
                true,
            ),
        ),
        (
            "PPA yield",
            input(
                "ppa_yield",
                UncertainTarget::PpaYield { ppas: Vec::new() },
                Dist::Normal { mean: 1.0, sd: 0.10 },
                "sd 0.10 as the reference Monte Carlo (ANALYSES.md §2.2).",
                true,
            ),
        ),
        (
            "Own generation (hydro)",
            input(
                "hydro_output",
                UncertainTarget::OwnGeneration {
                    sites: Vec::new(),
                    kind: Some(super::GenerationKind::Hydro),
                },
                tri(0.85, 1.0, 1.05),
                "Kakinosawa hydro −13.8 % FY2020→FY2023 (000:L279; 003:L3369).",
                true,
            ),
        ),
        (
            "Process emissions",
            input(
                "process_level",
                UncertainTarget::ProcessEmissions { sites: Vec::new() },
                tri(0.8, 1.0, 1.2),
                "Non-energy emissions FY2018→FY2023 not explained by the seeds (ANALYSES.md §2.2).",
                true,
            ),
        ),
        (
            "Material emission factors",
            input(
                "material_ef",
                UncertainTarget::MaterialEf {
                    materials: Vec::new(),
                    route: Route::All,
                },
                tri(0.7, 1.0, 1.1),
                "NLM's bridges imply 4–5 t/t saved per t of recycled or green aluminium against 12 t/t primary (data/jx-nlm.md §2.4, G9).",
                true,
            ),
        ),
        (
            "Fuel prices",
            input(
                "fuel_prices",
                UncertainTarget::FuelPrice { fuels: Vec::new() },
                tri(0.7, 1.0, 1.5),
                "Right-skewed energy prices (ANALYSES.md §2.2).",
                true,
            ),
        ),
        (
            "Grid power prices",
            input(
                "power_prices",
                UncertainTarget::PowerPrice { regions: Vec::new() },
                tri(0.7, 1.0, 1.5),
                "Right-skewed energy prices (ANALYSES.md §2.2).",
                true,
            ),
        ),
        (
            "CO2-free premiums",
            input(
                "co2_free_premium",
                UncertainTarget::Co2FreePremium { sites: Vec::new() },
                tri(0.7, 1.0, 1.5),
                "Right-skewed energy prices (ANALYSES.md §2.2).",
                true,
            ),
        ),
        (
            "Carbon price",
            input(
                "carbon_price",
                UncertainTarget::CarbonPrice,
                tri(0.7, 1.0, 1.5),
                "Right-skewed prices (ANALYSES.md §2.2).",
                true,
            ),
        ),
        (
            "Discount rate",
            input(
                "discount_rate",
                UncertainTarget::DiscountRate,
                tri(0.5, 1.0, 2.0),
                "Between half and twice the rate (ANALYSES.md §2.2).",
                true,
            ),
        ),
        (
            "Delivery of CO2-free power",
            input(
                "co2_free_delivery",
                UncertainTarget::LeverDelivery {
                    group: LeverName::Co2Free,
                    ids: Vec::new(),
                },
                tri(0.7, 1.0, 1.0),
                "Implementation risk: a lever delivers up to its plan (ANALYSES.md §2.2).",
                true,
            ),
        ),
    ]
}

impl UncertainTarget {
    /// What the input multiplies, in a few words.
    pub fn what(&self) -> &'static str {
        match self {
            UncertainTarget::GridEf { .. } => "grid emission factors",
            UncertainTarget::Activity { .. } => "activity",
            UncertainTarget::PpaYield { .. } => "PPA yield",
            UncertainTarget::OwnGeneration { .. } => "own generation",
            UncertainTarget::ProcessEmissions { .. } => "process emissions",
            UncertainTarget::MaterialEf { .. } => "material emission factors",
            UncertainTarget::FuelPrice { .. } => "fuel prices",
            UncertainTarget::PowerPrice { .. } => "grid power prices",
            UncertainTarget::Co2FreePremium { .. } => "CO2-free premiums",
            UncertainTarget::PpaPrice { .. } => "PPA prices",
            UncertainTarget::MaterialPrice { .. } => "material price differences",
            UncertainTarget::CarbonPrice => "carbon price",
            UncertainTarget::CreditPrice => "credit price",
            UncertainTarget::DiscountRate => "discount rate",
            UncertainTarget::LeverDelivery { .. } => "lever delivery",
        }
    }

    /// The member list and what its members are (`None` for inputs without members).
    pub fn members_mut(&mut self) -> Option<(&mut Vec<String>, &'static str)> {
        Some(match self {
            UncertainTarget::GridEf { regions } | UncertainTarget::PowerPrice { regions } => {
                (regions, "regions")
            }
            UncertainTarget::Activity { sites, .. }
            | UncertainTarget::OwnGeneration { sites, .. }
            | UncertainTarget::ProcessEmissions { sites }
            | UncertainTarget::Co2FreePremium { sites } => (sites, "sites"),
            UncertainTarget::PpaYield { ppas } | UncertainTarget::PpaPrice { ppas } => (ppas, "ppas"),
            UncertainTarget::MaterialEf { materials, .. } | UncertainTarget::MaterialPrice { materials } => {
                (materials, "materials")
            }
            UncertainTarget::FuelPrice { fuels } => (fuels, "fuels"),
            UncertainTarget::LeverDelivery { group, ids } => (
                ids,
                match group {
                    LeverName::Recycling => "materials",
                    LeverName::Ppa => "ppas",
                    LeverName::Credits => return None,
                    _ => "sites",
                },
            ),
            UncertainTarget::CarbonPrice | UncertainTarget::CreditPrice | UncertainTarget::DiscountRate => {
                return None;
            }
        })
    }
}
