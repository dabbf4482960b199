//! The scenario: every input and lever of MODEL.md §2–3. These types are the file format
//! (RON via serde); `load` validates a file once, the engine then trusts it.
//!
//! Units are in the field names: `_t` tonnes (product or material), `_t_co2` tonnes CO2,
//! `_mwh`, `_gj`, `_jpy`, `_kg_per_kwh` (= t-CO2/MWh), `_pct` percent.
//! Citations and assumption marks are data (`source`, `assumption`), not comments, so that
//! they survive a save from the window.

use super::path::Path;
use serde::{Deserialize, Serialize};

/// The schema version this build writes and reads.
pub const SCHEMA_VERSION: u32 = 2;

/// Reserved target carrier of a fuel-switch rule that electrifies a process.
pub const ELECTRICITY: &str = "electricity";

fn default_primary_gj_per_mwh() -> f64 {
    9.76
}
fn is_false(b: &bool) -> bool {
    !*b
}
fn is_zero(x: &f64) -> bool {
    *x == 0.0
}
fn default_discount_rate_pct() -> f64 {
    4.0
}
fn lifetime_15() -> u32 {
    15
}
fn lifetime_20() -> u32 {
    20
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub schema_version: u32,
    pub meta: Meta,
    /// What the scenario assumes, in plain text for the reader (shown in review mode and at
    /// the top of the report).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    /// Fiscal year of the activity inventory everything is projected from.
    pub base_year: i32,
    /// Last projected fiscal year (typically 2050).
    pub last_year: i32,
    /// Primary energy per MWh of electricity for the factor analysis (9.76 = Japan's
    /// receiving-end convention; 3.6 gives final energy).
    #[serde(default = "default_primary_gj_per_mwh")]
    pub primary_gj_per_mwh: f64,
    /// Real discount rate of the cost analysis [%/yr] (ANALYSES.md §1.3); 4 when absent,
    /// always written.
    #[serde(default = "default_discount_rate_pct")]
    pub discount_rate_pct: f64,
    pub regions: Vec<GridRegion>,
    pub fuels: Vec<Fuel>,
    pub sites: Vec<Site>,
    #[serde(default)]
    pub materials: Vec<Material>,
    /// PPAs and own renewable projects beyond the sites' existing own generation.
    #[serde(default)]
    pub ppas: Vec<Ppa>,
    #[serde(default)]
    pub credits: Credits,
    /// Internal carbon price or tax [JPY/t-CO2].
    #[serde(default)]
    pub carbon_price_jpy_per_t: Path,
    /// Settings of the cost analysis (ANALYSES.md §1.2).
    #[serde(default)]
    pub cost: CostSettings,
    /// Uncertain inputs of the Monte Carlo analysis (ANALYSES.md §2.3).
    #[serde(default, skip_serializing_if = "super::uncertainty::Uncertainty::is_default")]
    pub uncertainty: super::uncertainty::Uncertainty,
    /// Least-cost levers that meet targets (ANALYSES.md §3.2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goal_seek: Option<super::goal_seek::GoalSeek>,
    /// Revenue [JPY] for intensity per million yen; empty when not used.
    #[serde(default)]
    pub revenue_jpy: Path,
    #[serde(default)]
    pub revenue_source: String,
    #[serde(default)]
    pub history: Vec<HistoryEntry>,
    #[serde(default)]
    pub targets: Vec<Target>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub author: String,
    #[serde(default)]
    pub organisation: String,
    /// Currency of every price and cost in the file (the engine works in it as given).
    #[serde(default = "default_currency")]
    pub currency: String,
}

fn default_currency() -> String {
    "JPY".to_string()
}

/// A grid (or country) whose emission factor applies to the sites in it.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct GridRegion {
    pub id: String,
    pub name: String,
    /// Market (adjusted) factor of the supplier [kg-CO2/kWh = t-CO2/MWh].
    pub ef_kg_per_kwh: Path,
    /// Location-based factor; empty = same as `ef_kg_per_kwh`.
    #[serde(default)]
    pub ef_location_kg_per_kwh: Path,
    /// Price of grid purchases, energy + network + levies [real JPY/MWh]; empty = not given.
    #[serde(default)]
    pub power_price_jpy_per_mwh: Path,
    /// Default CO2-free premium over the power price for the region's sites [JPY/MWh].
    #[serde(default)]
    pub co2_free_premium_jpy_per_mwh: Path,
    #[serde(default)]
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assumption: Option<String>,
    /// Marks the prices and capex of this entry as assumptions (why, and how to replace them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price_assumption: Option<String>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Fuel {
    pub id: String,
    pub name: String,
    /// Emission factor [t-CO2/GJ].
    pub ef_t_per_gj: f64,
    /// Physical unit in which use may be entered (kl, t, 千m³N …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Net calorific value [GJ per physical unit].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gj_per_unit: Option<f64>,
    /// Delivered price [real JPY/GJ]; empty = not given.
    #[serde(default)]
    pub price_jpy_per_gj: Path,
    #[serde(default)]
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assumption: Option<String>,
    /// Marks the prices and capex of this entry as assumptions (why, and how to replace them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price_assumption: Option<String>,
}

/// Base-year use of one fuel at a site: either in GJ or in the fuel's physical unit.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FuelUse {
    pub fuel: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gj: Option<f64>,
    /// Quantity in the fuel's `unit` (converted with its `gj_per_unit`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity: Option<f64>,
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum GenerationKind {
    Hydro,
    Solar,
    Wind,
    Geothermal,
    Binary,
    Biomass,
    Other,
}

/// An existing own generation asset (physical supply to its site).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct OwnGeneration {
    pub name: String,
    pub kind: GenerationKind,
    /// Annual output [MWh].
    pub output_mwh: Path,
    #[serde(default)]
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assumption: Option<String>,
}

/// Fuel switching rule (lever 3): move `share` of the pre-switch demand of `from` to `to`.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FuelSwitch {
    /// Name of the rule, unique in its site (default `"<from>→<to>"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub from: String,
    /// A fuel id, or `"electricity"`.
    pub to: String,
    /// Share of the pre-switch demand moved, in [0, 1].
    pub share: Path,
    /// GJ (or MWh-equivalent GJ) of the new carrier per GJ of the old one.
    pub ratio: f64,
    /// Capex for moving 100 % of the site's base-year use of `from` [JPY]; none = not given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capex_jpy: Option<f64>,
    /// Annualisation period of the capex [years].
    #[serde(default = "lifetime_20")]
    pub lifetime_years: u32,
    #[serde(default)]
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assumption: Option<String>,
}

/// A saving of a discrete efficiency measure.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq)]
pub enum Saving {
    /// Percent of the site's demand.
    Percent(f64),
    /// MWh (electricity) or GJ (fuel) a year, counted as the percentage it is of the
    /// site's base-year demand.
    Absolute(f64),
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    pub name: String,
    /// First fiscal year in force.
    pub year: i32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub electricity_saving: Option<Saving>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fuel_saving: Option<Saving>,
    /// Capex [JPY]; none = not given (0 is a real zero).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capex_jpy: Option<f64>,
    /// Years in force (and annualisation period of the capex); none = for ever (annualised
    /// over `cost.default_lifetime_years`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lifetime_years: Option<u32>,
    #[serde(default)]
    pub source: String,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Site {
    pub id: String,
    pub name: String,
    pub region: String,
    /// Base-year production [t].
    #[serde(default)]
    pub production_t: f64,
    /// Base-year electricity consumption [MWh] (grid purchases plus own generation used).
    #[serde(default)]
    pub electricity_mwh: f64,
    #[serde(default)]
    pub fuels: Vec<FuelUse>,
    /// Base-year non-energy process emissions [t-CO2] (reductants, additives, electrodes,
    /// waste and recycled-feed combustion).
    #[serde(default)]
    pub process_t_co2: f64,
    #[serde(default)]
    pub own_generation: Vec<OwnGeneration>,
    /// Production index, 1 in the base year (empty = 1).
    #[serde(default)]
    pub activity: Path,
    /// Share of the site inside the reporting boundary (empty = 1).
    #[serde(default)]
    pub ownership: Path,
    /// Lever 1: share of grid purchases contracted CO2-free (empty = 0).
    #[serde(default)]
    pub co2_free_share: Path,
    /// Premium over the power price per MWh contracted CO2-free [JPY/MWh]; empty = the
    /// region's default.
    #[serde(default)]
    pub co2_free_premium_jpy_per_mwh: Path,
    /// Lever 3.
    #[serde(default)]
    pub fuel_switches: Vec<FuelSwitch>,
    /// Lever 5: annual electricity intensity improvement [%/yr] (empty = 0).
    #[serde(default)]
    pub efficiency_electricity_pct: Path,
    /// Lever 5: annual fuel intensity improvement [%/yr] (empty = 0).
    #[serde(default)]
    pub efficiency_fuel_pct: Path,
    #[serde(default)]
    pub measures: Vec<Measure>,
    /// Capex per MWh/yr of electricity saved by the rate lever [JPY per MWh/yr].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub efficiency_capex_jpy_per_mwh_yr: Option<f64>,
    /// Capex per GJ/yr of fuel saved by the rate lever [JPY per GJ/yr].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub efficiency_capex_jpy_per_gj_yr: Option<f64>,
    /// Annualisation period of the efficiency capex [years].
    #[serde(default = "lifetime_15")]
    pub efficiency_lifetime_years: u32,
    /// Lever 6: share of process emissions removed (empty = 0).
    #[serde(default)]
    pub process_change_share: Path,
    /// Capex of a process change of the whole site (share 1) [JPY]; none = not given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub process_change_capex_jpy: Option<f64>,
    /// Annualisation period of the process-change capex [years].
    #[serde(default = "lifetime_20")]
    pub process_change_lifetime_years: u32,
    /// Opex at share 1 and base-year activity [JPY/yr]; empty = 0.
    #[serde(default)]
    pub process_change_opex_jpy_per_yr: Path,
    #[serde(default)]
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assumption: Option<String>,
    /// Marks the prices and capex of this entry as assumptions (why, and how to replace them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price_assumption: Option<String>,
}

/// A purchased material (Scope 3, lever 2).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Material {
    pub id: String,
    pub name: String,
    /// Linked site id; none = the whole organisation (production-weighted activity).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site: Option<String>,
    /// Base-year quantity [t].
    pub quantity_t: f64,
    pub ef_primary_t_per_t: f64,
    pub ef_recycled_t_per_t: f64,
    /// Low-carbon primary route ("green aluminium").
    pub ef_low_carbon_t_per_t: f64,
    /// ρ: recycled share (empty = 0).
    #[serde(default)]
    pub recycled_share: Path,
    /// γ: low-carbon primary share (empty = 0).
    #[serde(default)]
    pub low_carbon_share: Path,
    /// λ: share of the linked site's fuel saved as ρ goes from 0 to 1.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub fuel_saving_share: f64,
    /// κ: extra Scope 1 at the linked site per extra recycled tonne [t-CO2/t].
    #[serde(default, skip_serializing_if = "is_zero")]
    pub recycled_feed_t_co2_per_t: f64,
    /// Price of the recycled route minus the primary route [JPY/t]; empty = not given.
    #[serde(default)]
    pub recycled_price_diff_jpy_per_t: Path,
    /// Price of the low-carbon primary route minus the primary route [JPY/t].
    #[serde(default)]
    pub low_carbon_price_diff_jpy_per_t: Path,
    #[serde(default)]
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assumption: Option<String>,
    /// Marks the prices and capex of this entry as assumptions (why, and how to replace them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price_assumption: Option<String>,
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum PpaKind {
    /// Physical supply on the site's premises.
    OnSite,
    /// Physical supply from elsewhere (off-site PPA, self-wheeling).
    OffSite,
    /// Certificates only: counts against market-based Scope 2.
    Virtual,
}

/// A PPA or own renewable project (lever 4).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Ppa {
    pub id: String,
    pub name: String,
    pub kind: PpaKind,
    pub capacity_mw: Path,
    /// Specific yield [MWh per MW per year] (capacity factor × 8760).
    pub yield_mwh_per_mw: f64,
    /// `(site id, share)`, shares summing to 1.
    pub allocation: Vec<(String, f64)>,
    /// Price per MWh delivered (virtual: net certificate cost) [JPY/MWh]; empty = not given.
    #[serde(default)]
    pub price_jpy_per_mwh: Path,
    /// Capex of an own project per MW added [JPY/MW]; none = not given (0 when a price is
    /// given: a third-party PPA's price covers its capex).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capex_jpy_per_mw: Option<f64>,
    /// Annualisation period of the capex [years].
    #[serde(default = "lifetime_20")]
    pub lifetime_years: u32,
    /// O&M of an own project [JPY per MW per year]; empty = 0.
    #[serde(default)]
    pub opex_jpy_per_mw_yr: Path,
    #[serde(default)]
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assumption: Option<String>,
    /// Marks the prices and capex of this entry as assumptions (why, and how to replace them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price_assumption: Option<String>,
}

/// Credits and removals (lever 7): shown apart, netted only where a target says so.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct Credits {
    #[serde(default)]
    pub t_co2_per_yr: Path,
    #[serde(default)]
    pub price_jpy_per_t: Path,
    #[serde(default)]
    pub source: String,
    /// Marks the prices and capex of this entry as assumptions (why, and how to replace them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price_assumption: Option<String>,
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum HistoryKind {
    /// Reported actuals: the only kind used for baselines.
    #[default]
    Actual,
    /// A published outlook for a coming year.
    Outlook,
    /// A published plan value.
    Plan,
}

/// A fuel quantity as reported, in the fuel's physical unit.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ReportedFuel {
    pub fuel: String,
    /// Part of the organisation (e.g. "domestic", "overseas").
    #[serde(default)]
    pub area: String,
    pub quantity: f64,
}

/// Reported figures of one fiscal year. Scope 2 is market-based.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct HistoryEntry {
    pub year: i32,
    #[serde(default)]
    pub kind: HistoryKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope1_t: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope2_t: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope2_location_t: Option<f64>,
    /// Scope 1+2 where only the total is published (wins over scope1 + scope2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope12_t: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope3_t: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub production_t: Option<f64>,
    /// Reported primary energy [GJ]; wins in the factor analysis.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_energy_gj: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fuel_gj: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub electricity_mwh: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revenue_jpy: Option<f64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fuel_use: Vec<ReportedFuel>,
    #[serde(default)]
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assumption: Option<String>,
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scope {
    Scope1,
    Scope2,
    Scope3,
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Scope2Method {
    #[default]
    Market,
    Location,
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Per {
    /// Per tonne of product.
    Tonne,
    /// Per million JPY of revenue.
    MillionJpy,
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub enum TargetKind {
    /// `reduction_pct` % below the baseline of `reference_year`.
    Absolute { reduction_pct: f64, reference_year: i32 },
    /// `reduction_pct` % below the intensity of `reference_year`.
    Intensity {
        reduction_pct: f64,
        reference_year: i32,
        per: Per,
    },
    /// A fixed level [t-CO2] (0 for net zero).
    Level { t_co2: f64 },
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Target {
    pub label: String,
    pub year: i32,
    pub scopes: Vec<Scope>,
    #[serde(default)]
    pub scope2_method: Scope2Method,
    /// Whether credits count toward the target (yes for "net zero").
    #[serde(default, skip_serializing_if = "is_false")]
    pub credits_count: bool,
    pub kind: TargetKind,
    #[serde(default)]
    pub source: String,
}

/// How the tonnes of the levelised cost are counted (ANALYSES.md §1.6).
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Tonnes {
    /// Discounted at the money's rate: the LCOA is the break-even constant carbon price.
    #[default]
    Discounted,
    /// Cumulative tonnes, for comparison with "cost per cumulative tonne" figures.
    Undiscounted,
}

fn default_price_scopes() -> Vec<Scope> {
    vec![Scope::Scope1, Scope::Scope2]
}

/// The emissions a carbon price applies to (ANALYSES.md §9.17): gross Scope 1 + market Scope 2
/// by default, credits not offset.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CarbonPriceMetric {
    #[serde(default = "default_price_scopes")]
    pub scopes: Vec<Scope>,
    #[serde(default)]
    pub scope2_method: Scope2Method,
    /// Credits reduce the priced emissions (only where the scheme allows it).
    #[serde(default, skip_serializing_if = "is_false")]
    pub credits_offset: bool,
}

impl Default for CarbonPriceMetric {
    fn default() -> Self {
        CarbonPriceMetric {
            scopes: default_price_scopes(),
            scope2_method: Scope2Method::Market,
            credits_offset: false,
        }
    }
}

/// Settings of the cost analysis (ANALYSES.md §1.2). Money is real JPY of `price_year`.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CostSettings {
    /// Year whose JPY the prices are in (documentation only; no deflator). None = base year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price_year: Option<i32>,
    /// First year of the cost window; none = the year after the latest `Actual` history
    /// entry at or after the base year, else the base year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_year: Option<i32>,
    #[serde(default)]
    pub carbon_price_metric: CarbonPriceMetric,
    #[serde(default)]
    pub tonnes: Tonnes,
    /// Year of the MACC's widths; none = the first target's year, else the last year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub macc_year: Option<i32>,
    /// Annualisation period of a measure that stays in force for ever [years].
    #[serde(default = "lifetime_15")]
    pub default_lifetime_years: u32,
    /// Citations of the price set, the discount rate and the carbon price.
    #[serde(default)]
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assumption: Option<String>,
}

impl Default for CostSettings {
    fn default() -> Self {
        CostSettings {
            price_year: None,
            from_year: None,
            carbon_price_metric: CarbonPriceMetric::default(),
            tonnes: Tonnes::Discounted,
            macc_year: None,
            default_lifetime_years: 15,
            source: String::new(),
            assumption: None,
        }
    }
}

impl Scenario {
    pub fn site_index(&self, id: &str) -> Option<usize> {
        self.sites.iter().position(|s| s.id == id)
    }
    pub fn fuel_index(&self, id: &str) -> Option<usize> {
        self.fuels.iter().position(|f| f.id == id)
    }
    pub fn region_index(&self, id: &str) -> Option<usize> {
        self.regions.iter().position(|r| r.id == id)
    }
    /// Number of projected years, `base_year..=last_year`.
    pub fn year_count(&self) -> usize {
        (self.last_year - self.base_year + 1).max(0) as usize
    }
    /// Whether any target covers Scope 3 (then `net` includes Scope 3, MODEL.md §4.9).
    pub fn net_includes_scope3(&self) -> bool {
        self.targets.iter().any(|t| t.scopes.contains(&Scope::Scope3))
    }
    /// Base-year energy of a fuel use [GJ] (0 when the fuel or its unit is unknown).
    pub fn fuel_use_gj(&self, fu: &FuelUse) -> f64 {
        if let Some(gj) = fu.gj {
            return gj;
        }
        let per_unit = self
            .fuel_index(&fu.fuel)
            .and_then(|i| self.fuels[i].gj_per_unit)
            .unwrap_or(0.0);
        fu.quantity.unwrap_or(0.0) * per_unit
    }
    /// The first year with a figure: the earliest history entry or the base year.
    pub fn earliest_year(&self) -> i32 {
        self.history
            .iter()
            .map(|h| h.year)
            .min()
            .unwrap_or(self.base_year)
            .min(self.base_year)
    }

    /// First year of the cost window (ANALYSES.md §1.2, §9.51): `cost.from_year`, else the
    /// year after the latest `Actual` history entry at or after the base year, else the base
    /// year; never after the last year.
    pub fn cost_from_year(&self) -> i32 {
        let auto = || {
            self.history
                .iter()
                .filter(|h| h.kind == HistoryKind::Actual && h.year >= self.base_year)
                .map(|h| h.year.saturating_add(1))
                .max()
                .unwrap_or(self.base_year)
        };
        self.cost
            .from_year
            .unwrap_or_else(auto)
            .clamp(self.base_year, self.last_year.max(self.base_year))
    }

    /// Year of the MACC's widths: `cost.macc_year`, else the first target's year, else the
    /// last year (ANALYSES.md §9.51).
    pub fn macc_year(&self) -> i32 {
        self.cost
            .macc_year
            .or_else(|| self.targets.first().map(|t| t.year))
            .unwrap_or(self.last_year)
    }

    /// The goal seek's freeze year (ANALYSES.md §9.9): the block's `freeze_year`, else the
    /// latest `Actual` history year at or after the base year, else the base year.
    pub fn goal_seek_freeze_year(&self) -> i32 {
        self.goal_seek
            .as_ref()
            .and_then(|g| g.freeze_year)
            .unwrap_or_else(|| self.default_freeze_year())
    }

    /// The latest `Actual` history year at or after the base year, else the base year.
    pub fn default_freeze_year(&self) -> i32 {
        self.history
            .iter()
            .filter(|h| h.kind == HistoryKind::Actual && h.year >= self.base_year)
            .map(|h| h.year)
            .max()
            .unwrap_or(self.base_year)
    }

    /// The history entry of a year, if any.
    pub fn history_for(&self, year: i32) -> Option<&HistoryEntry> {
        self.history.iter().find(|h| h.year == year)
    }
}

impl FuelSwitch {
    /// The rule's id, or `"<from>→<to>"` when it has none.
    pub fn id_or_default(&self) -> String {
        self.id
            .clone()
            .unwrap_or_else(|| format!("{}→{}", self.from, self.to))
    }
}

impl HistoryEntry {
    /// Reported emissions of the given scopes, when the entry has them. For Scope 1+2
    /// (market) a published combined total wins over the sum of its parts.
    pub fn emissions(&self, scopes: &[Scope], method: Scope2Method) -> Option<f64> {
        let s1 = scopes.contains(&Scope::Scope1);
        let s2 = scopes.contains(&Scope::Scope2);
        let scope2 = || match method {
            Scope2Method::Market => self.scope2_t,
            Scope2Method::Location => self.scope2_location_t,
        };
        let mut total = match (s1, s2) {
            (true, true) => match (method, self.scope12_t) {
                (Scope2Method::Market, Some(t)) => t,
                _ => self.scope1_t? + scope2()?,
            },
            (true, false) => self.scope1_t?,
            (false, true) => scope2()?,
            (false, false) => 0.0,
        };
        if scopes.contains(&Scope::Scope3) {
            total += self.scope3_t?;
        }
        Some(total)
    }

    /// Primary energy as reported, or from reported fuel and electricity.
    pub fn primary_energy(&self, primary_gj_per_mwh: f64) -> Option<f64> {
        self.primary_energy_gj
            .or(match (self.fuel_gj, self.electricity_mwh) {
                (Some(f), Some(e)) => Some(f + e * primary_gj_per_mwh),
                _ => None,
            })
    }
}
