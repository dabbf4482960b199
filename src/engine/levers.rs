//! One lever at a time: what a single lever (one site's CO2-free share, one material's
//! recycled share, one PPA …) does to the metric, given every other lever as it is. The lever
//! is held at its BAU value (MODEL.md §5) and the scenario is run again; the difference is the
//! lever's effect. Used by the window's lever tooltips and its "why does this raise emissions"
//! notes; pure, like the rest of the engine.

use super::metric::Metric;
use super::{LeverGroup, Projection, project};
use crate::model::{Path, Scenario};

/// A single lever of the scenario, by index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LeverRef {
    Co2Free { site: usize },
    Recycled { material: usize },
    LowCarbon { material: usize },
    FuelSwitch { site: usize, rule: usize },
    Ppa { ppa: usize },
    EfficiencyElectricity { site: usize },
    EfficiencyFuel { site: usize },
    ProcessChange { site: usize },
    Credits,
}

/// A path held at its base-year value (its BAU state).
fn held(p: &Path, base: i32, default: f64) -> Path {
    if p.is_empty() {
        Path::default()
    } else {
        Path(vec![(base, p.value_or(base, default))])
    }
}

impl LeverRef {
    /// The lever group whose wedge this lever is part of.
    pub fn group(self) -> LeverGroup {
        match self {
            LeverRef::Co2Free { .. } => LeverGroup::Co2Free,
            LeverRef::Recycled { .. } | LeverRef::LowCarbon { .. } => LeverGroup::Recycling,
            LeverRef::FuelSwitch { .. } => LeverGroup::FuelSwitch,
            LeverRef::Ppa { .. } => LeverGroup::Ppa,
            LeverRef::EfficiencyElectricity { .. } | LeverRef::EfficiencyFuel { .. } => {
                LeverGroup::Efficiency
            }
            LeverRef::ProcessChange { .. } => LeverGroup::ProcessChange,
            LeverRef::Credits => LeverGroup::Credits,
        }
    }

    /// The lever's path in the scenario, if the lever exists.
    pub fn path(self, s: &Scenario) -> Option<&Path> {
        Some(match self {
            LeverRef::Co2Free { site } => &s.sites.get(site)?.co2_free_share,
            LeverRef::Recycled { material } => &s.materials.get(material)?.recycled_share,
            LeverRef::LowCarbon { material } => &s.materials.get(material)?.low_carbon_share,
            LeverRef::FuelSwitch { site, rule } => &s.sites.get(site)?.fuel_switches.get(rule)?.share,
            LeverRef::Ppa { ppa } => &s.ppas.get(ppa)?.capacity_mw,
            LeverRef::EfficiencyElectricity { site } => &s.sites.get(site)?.efficiency_electricity_pct,
            LeverRef::EfficiencyFuel { site } => &s.sites.get(site)?.efficiency_fuel_pct,
            LeverRef::ProcessChange { site } => &s.sites.get(site)?.process_change_share,
            LeverRef::Credits => &s.credits.t_co2_per_yr,
        })
    }

    /// The scenario with this lever in its BAU state and every other input unchanged; `None`
    /// when the lever does not exist.
    pub fn held_at_bau(self, s: &Scenario) -> Option<Scenario> {
        let base = s.base_year;
        let mut out = s.clone();
        match self {
            LeverRef::Co2Free { site } => {
                let x = out.sites.get_mut(site)?;
                x.co2_free_share = held(&x.co2_free_share, base, 0.0);
            }
            LeverRef::Recycled { material } => {
                let m = out.materials.get_mut(material)?;
                m.recycled_share = held(&m.recycled_share, base, 0.0);
            }
            LeverRef::LowCarbon { material } => {
                let m = out.materials.get_mut(material)?;
                m.low_carbon_share = held(&m.low_carbon_share, base, 0.0);
            }
            LeverRef::FuelSwitch { site, rule } => {
                let r = out.sites.get_mut(site)?.fuel_switches.get_mut(rule)?;
                r.share = held(&r.share, base, 0.0);
            }
            LeverRef::Ppa { ppa } => {
                let p = out.ppas.get_mut(ppa)?;
                p.capacity_mw = held(&p.capacity_mw, base, 0.0);
            }
            LeverRef::EfficiencyElectricity { site } => {
                let x = out.sites.get_mut(site)?;
                x.efficiency_electricity_pct = Path::default();
                for m in &mut x.measures {
                    m.electricity_saving = None;
                }
            }
            LeverRef::EfficiencyFuel { site } => {
                let x = out.sites.get_mut(site)?;
                x.efficiency_fuel_pct = Path::default();
                for m in &mut x.measures {
                    m.fuel_saving = None;
                }
            }
            LeverRef::ProcessChange { site } => {
                let x = out.sites.get_mut(site)?;
                x.process_change_share = held(&x.process_change_share, base, 0.0);
            }
            LeverRef::Credits => out.credits.t_co2_per_yr = Path::default(),
        }
        Some(out)
    }
}

/// The effect of one lever on the metric, per projected year [t-CO2]: the metric of the
/// scenario minus the metric with this lever in its BAU state (negative = the lever cuts
/// emissions). `p` is the scenario's own projection. `None` when the lever does not exist.
pub fn effect(s: &Scenario, p: &Projection, lever: LeverRef, metric: &Metric) -> Option<Vec<f64>> {
    let without = project(&lever.held_at_bau(s)?);
    Some(
        p.scenario
            .totals
            .iter()
            .zip(&without.scenario.totals)
            .map(|(with, wo)| metric.of(with) - metric.of(wo))
            .collect(),
    )
}
