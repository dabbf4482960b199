//! The runs behind the wedges and the cost Shapley (MODEL.md §6, ANALYSES.md §1.8): the totals
//! and the cost of every subset of the active lever groups, and the exact Shapley shares by
//! (group, site) and by priced item.
//!
//! A site's results depend only on the groups that change something there (its own levers,
//! its linked materials, the PPAs serving it, its capex): the other groups are null players
//! at that site, with a Shapley share of exactly 0, and its share among the groups that do act
//! there equals its share among all of them. So each site is run once per subset of its own
//! groups (often 4 or 8 runs, not 2^k), each of the 2^k runs is assembled from its sites in the
//! order a whole run sums them (bit for bit the same totals as [`Engine::run_into`]), and each
//! site's shares are taken over its own groups only.

use super::compile::{Engine, LeverGroup, LeverSet};
use super::cost::{CostYear, Quantity};
use super::run::{At, SiteRun, Totals};
use super::wedges::{
    LeverRuns, SITE_SLOTS, SLOT_COST, SLOT_CREDITS, SLOT_S1, SLOT_S2L, SLOT_S2M, SLOT_S3, shapley_weight,
};

/// Shapley shares by (group, site) and of the priced items; `None` in [`LeverRuns`] without
/// prices.
#[derive(Clone, Debug)]
pub(crate) struct Detail {
    pub n_sites: usize,
    pub years: usize,
    /// `[((gi * years + y) * (n_sites + 1) + site) * SITE_SLOTS + slot]`, `gi` over the
    /// active groups; site `n_sites` is the organisation. Read through [`Detail::site_share`].
    pub site: Vec<f64>,
    /// `[(y * n_items + item) * 8 + gi]`, read through [`Detail::item_share`].
    pub items: Vec<f64>,
    /// `[y * n_items + item]`: the scale of an item's quantity, the sum over the sites and
    /// the organisation of the largest quantity of each in any run (0 = never used).
    pub item_max: Vec<f64>,
    /// Shapley shares of the cost by group and component, `[y][group as usize]`.
    pub by_group: Vec<[CostYear; 7]>,
    /// The cost of BAU and of the scenario (every group on), by component, `[y]`.
    pub bau: Vec<CostYear>,
    pub scenario: Vec<CostYear>,
}

impl Detail {
    /// Shapley shares of group `gi` at a site in a year, by slot.
    pub fn site_share(&self, gi: usize, y: usize, si: usize) -> [f64; SITE_SLOTS] {
        let at = ((gi * self.years + y) * (self.n_sites + 1) + si) * SITE_SLOTS;
        std::array::from_fn(|k| self.site[at + k])
    }

    /// Shapley share of group `gi` in a priced item's quantity in a year.
    pub fn item_share(&self, gi: usize, y: usize, item: usize, n_items: usize) -> f64 {
        self.items[(y * n_items + item) * 8 + gi]
    }
}

/// The groups that act at one site (or at the organisation), as indices into the active
/// groups, with the Shapley weights of a game among them alone.
struct Local {
    groups: Vec<usize>,
    /// Shapley weight of a coalition of `k` of the local groups.
    weights: Vec<f64>,
}

impl Local {
    fn new(groups: Vec<usize>) -> Local {
        let m = groups.len() as u32;
        Local {
            weights: (0..m).map(|k| shapley_weight(k, m)).collect(),
            groups,
        }
    }

    /// The subset of the local groups that a subset of all active groups contains.
    fn sub(&self, mask: usize) -> usize {
        let mut sub = 0;
        for (j, &gi) in self.groups.iter().enumerate() {
            if mask & (1 << gi) != 0 {
                sub |= 1 << j;
            }
        }
        sub
    }

    /// The lever set of a local subset.
    fn set(&self, sub: usize, groups: &[LeverGroup]) -> LeverSet {
        self.groups
            .iter()
            .enumerate()
            .filter(|(j, _)| sub & (1 << j) != 0)
            .fold(LeverSet::BAU, |acc, (_, &gi)| acc.with(groups[gi]))
    }

    /// Shapley share of local group `j` in a quantity known for every local subset:
    /// `Σ_{S ∌ j} w(|S|, m)·(v(S ∪ j) − v(S))`.
    fn share(&self, j: usize, v: impl Fn(usize) -> f64) -> f64 {
        let bit = 1usize << j;
        let mut acc = 0.0;
        for sub in 0..1usize << self.groups.len() {
            if sub & bit == 0 {
                acc += self.weights[sub.count_ones() as usize] * (v(sub | bit) - v(sub));
            }
        }
        acc
    }
}

/// The organisation's part of a run in one year: its materials' Scope 3, the credits, and
/// their cost.
#[derive(Clone, Copy, Default)]
struct OrgYear {
    scope3: f64,
    credits: f64,
    cost: CostYear,
    total: f64,
}

impl Engine {
    /// The lever groups that change anything at a site (its emissions, its cost or the
    /// quantities of its priced items): the other groups are null players there.
    pub(crate) fn site_groups(&self, si: usize) -> LeverSet {
        let s = &self.sites[si];
        let moves = |v: &[f64], off: f64| v.iter().any(|&x| x != off);
        let mut set = LeverSet::BAU;
        let mut add = |on: bool, g: LeverGroup| {
            if on {
                set = set.with(g);
            }
        };
        add(moves(&s.co2_free, s.co2_free_off), LeverGroup::Co2Free);
        add(
            s.materials.iter().any(|&mi| {
                let m = &self.materials[mi];
                moves(&m.rho, m.rho_off) || moves(&m.gamma, m.gamma_off)
            }),
            LeverGroup::Recycling,
        );
        add(
            s.rules.iter().any(|r| moves(&r.share, r.share_off)),
            LeverGroup::FuelSwitch,
        );
        add(
            s.physical_re != s.physical_re_off || s.virtual_re != s.virtual_re_off,
            LeverGroup::Ppa,
        );
        add(
            moves(&s.eta_el, 1.0) || moves(&s.eta_fu, 1.0),
            LeverGroup::Efficiency,
        );
        add(
            moves(&s.process_change, s.process_change_off),
            LeverGroup::ProcessChange,
        );
        if let Some(cc) = &self.cost {
            let k = &cc.sites[si];
            add(k.ppa_on != k.ppa_off, LeverGroup::Ppa);
            for (g, _) in &k.annuities {
                add(true, *g);
            }
            for (_, q) in &k.items {
                match q {
                    Quantity::Ppa { on, off } => add(on != off, LeverGroup::Ppa),
                    Quantity::Capacity { group, on } => add(moves(on, 0.0), *group),
                    Quantity::Grid | Quantity::Co2Free | Quantity::Material { .. } => {}
                }
            }
        }
        set
    }

    /// The organisation's part of a run (its materials, the credits) in every year.
    fn org_run(&self, levers: LeverSet, out: &mut [OrgYear], items: &mut [f64]) {
        let rec = levers.has(LeverGroup::Recycling);
        let crd = levers.has(LeverGroup::Credits);
        let n_items = self.cost.as_ref().map_or(0, |c| c.items.len());
        items.fill(0.0);
        for (y, o) in out.iter_mut().enumerate() {
            let mut scope3 = 0.0;
            for m in self.materials.iter().filter(|m| m.site.is_none()) {
                scope3 += self.org_material(m, At::year(y), rec);
            }
            *o = OrgYear {
                scope3,
                credits: if crd { self.credits[y] } else { 0.0 },
                ..OrgYear::default()
            };
            if let Some(cc) = &self.cost {
                let it = &mut items[y * n_items..(y + 1) * n_items];
                o.total = self.org_cost(cc, y, rec, crd, &mut o.cost, it);
            }
        }
    }

    /// Runs every subset of the active lever groups: each site once per subset of its own
    /// groups, assembled into the 2^k runs (see the module's note).
    // (a year index reads the same year of every subset's run at once)
    #[allow(clippy::needless_range_loop)]
    pub fn lever_runs(&self) -> LeverRuns {
        let groups: Vec<LeverGroup> = LeverGroup::ALL
            .into_iter()
            .filter(|&g| self.group_active(g))
            .collect();
        let n = groups.len();
        let runs = 1usize << n;
        let years = self.years;
        let n_sites = self.sites.len();
        let cost = self.cost.as_ref();
        let n_items = cost.map_or(0, |c| c.items.len());
        // Shares before the cost window are never read, so never taken.
        let start = cost.map_or(0, |c| c.window_start.min(years));
        let mut totals = vec![vec![Totals::default(); years]; runs];
        let mut detail = cost.map(|_| Detail {
            n_sites,
            years,
            site: vec![0.0; n * (n_sites + 1) * years * SITE_SLOTS],
            items: vec![0.0; n_items * years * 8],
            item_max: vec![0.0; n_items * years],
            by_group: vec![[CostYear::default(); 7]; years],
            bau: vec![CostYear::default(); years],
            scenario: vec![CostYear::default(); years],
        });

        let mut cache: Vec<SiteRun> = Vec::new();
        for si in 0..n_sites {
            let own = self.site_groups(si);
            let local = Local::new((0..n).filter(|&gi| own.has(groups[gi])).collect());
            let subs = 1usize << local.groups.len();
            // (grown to the largest number of runs a site has needed, buffers reused)
            cache.resize_with(cache.len().max(subs), || SiteRun::new(self));
            for (sub, run) in cache.iter_mut().enumerate().take(subs) {
                self.site_run(si, local.set(sub, &groups), run);
            }
            // The site's items (each once), for the item sums and shares.
            let site_items: Vec<usize> = cost.map_or_else(Vec::new, |cc| {
                let k = &cc.sites[si];
                let mut v: Vec<usize> = k
                    .items
                    .iter()
                    .map(|(i, _)| *i)
                    .chain(k.fuel_items.iter().map(|(i, _)| *i))
                    .collect();
                v.sort_unstable();
                v.dedup();
                v
            });
            for (mask, run) in totals.iter_mut().enumerate() {
                let c = &cache[local.sub(mask)];
                for (t, q) in run.iter_mut().zip(&c.years) {
                    t.scope1 += q.scope1;
                    t.scope2_market += q.scope2_market;
                    t.scope2_location += q.scope2_location;
                    t.scope3 += q.scope3;
                }
            }
            let Some(d) = detail.as_mut() else { continue };
            // BAU and the scenario, site by site as a whole run sums them.
            for y in 0..years {
                d.bau[y].add(&cache[0].cost[y]);
                d.scenario[y].add(&cache[subs - 1].cost[y]);
                for &item in &site_items {
                    let at = y * n_items + item;
                    d.item_max[at] += (0..subs)
                        .map(|sub| cache[sub].items[at].abs())
                        .fold(0.0, f64::max);
                }
            }
            for (j, &gi) in local.groups.iter().enumerate() {
                let g = groups[gi] as usize;
                for y in 0..years {
                    let c: [f64; 8] =
                        std::array::from_fn(|k| local.share(j, |sub| cache[sub].cost[y].as_array()[k]));
                    let acc = &mut d.by_group[y][g];
                    *acc = CostYear::from_array(std::array::from_fn(|k| acc.as_array()[k] + c[k]));
                }
            }
            for (j, &gi) in local.groups.iter().enumerate() {
                for y in start..years {
                    let at = ((gi * years + y) * (n_sites + 1) + si) * SITE_SLOTS;
                    let slot = &mut d.site[at..at + SITE_SLOTS];
                    slot[SLOT_S1] = local.share(j, |sub| cache[sub].years[y].scope1);
                    slot[SLOT_S2M] = local.share(j, |sub| cache[sub].years[y].scope2_market);
                    slot[SLOT_S2L] = local.share(j, |sub| cache[sub].years[y].scope2_location);
                    slot[SLOT_S3] = local.share(j, |sub| cache[sub].years[y].scope3);
                    slot[SLOT_COST] = local.share(j, |sub| cache[sub].total[y]);
                    for &item in &site_items {
                        let at = y * n_items + item;
                        d.items[at * 8 + gi] += local.share(j, |sub| cache[sub].items[at]);
                    }
                }
            }
        }

        // The organisation (its materials and the credits), then each run's net.
        let org_groups = |g: LeverGroup| match g {
            LeverGroup::Recycling => self.materials.iter().any(|m| m.site.is_none()),
            LeverGroup::Credits => true,
            _ => false,
        };
        let local = Local::new((0..n).filter(|&gi| org_groups(groups[gi])).collect());
        let subs = 1usize << local.groups.len();
        let mut org = vec![vec![OrgYear::default(); years]; subs];
        let mut org_items = vec![vec![0.0; years * n_items]; subs];
        for sub in 0..subs {
            self.org_run(local.set(sub, &groups), &mut org[sub], &mut org_items[sub]);
        }
        for (mask, run) in totals.iter_mut().enumerate() {
            let sub = local.sub(mask);
            let rec = local.set(sub, &groups).has(LeverGroup::Recycling);
            for (y, t) in run.iter_mut().enumerate() {
                // material by material, as a whole run adds them
                for m in self.materials.iter().filter(|m| m.site.is_none()) {
                    t.scope3 += self.org_material(m, At::year(y), rec);
                }
                t.credits = org[sub][y].credits;
                self.set_net(t);
            }
        }
        if let Some(d) = detail.as_mut() {
            for y in 0..years {
                // (the organisation's cost is its materials and credits; the rest is 0)
                d.bau[y].add(&org[0][y].cost);
                d.scenario[y].add(&org[subs - 1][y].cost);
                for item in 0..n_items {
                    let at = y * n_items + item;
                    d.item_max[at] += (0..subs).map(|sub| org_items[sub][at].abs()).fold(0.0, f64::max);
                }
            }
            for (j, &gi) in local.groups.iter().enumerate() {
                let g = groups[gi] as usize;
                for y in 0..years {
                    let acc = &mut d.by_group[y][g];
                    acc.materials += local.share(j, |sub| org[sub][y].cost.materials);
                    acc.credits += local.share(j, |sub| org[sub][y].cost.credits);
                }
                for y in start..years {
                    let at = ((gi * years + y) * (n_sites + 1) + n_sites) * SITE_SLOTS;
                    let slot = &mut d.site[at..at + SITE_SLOTS];
                    slot[SLOT_S3] = local.share(j, |sub| org[sub][y].scope3);
                    slot[SLOT_CREDITS] = local.share(j, |sub| org[sub][y].credits);
                    slot[SLOT_COST] = local.share(j, |sub| org[sub][y].total);
                    for item in 0..n_items {
                        let at = y * n_items + item;
                        d.items[at * 8 + gi] += local.share(j, |sub| org_items[sub][at]);
                    }
                }
            }
        }
        LeverRuns {
            groups,
            totals,
            detail,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One site, FY2020–FY2024, with only its CO2-free share moving (and, in the second
    /// site, nothing).
    const TWO_SITES: &str = r#"(
      schema_version: 2,
      meta: (name: "Site groups"),
      base_year: 2020,
      last_year: 2024,
      regions: [(id: "grid", name: "Grid", ef_kg_per_kwh: [(2020, 0.5)])],
      fuels: [(id: "coal", name: "Coal", ef_t_per_gj: 0.09)],
      sites: [
        (id: "a", name: "A", region: "grid", production_t: 1.0, electricity_mwh: 100.0,
         fuels: [(fuel: "coal", gj: 10.0)], co2_free_share: [(2020, 0.0), (2023, 1.0)]),
        (id: "b", name: "B", region: "grid", production_t: 1.0, electricity_mwh: 100.0,
         fuels: [(fuel: "coal", gj: 10.0)]),
      ],
    )"#;

    #[test]
    fn a_site_acts_only_in_the_groups_whose_inputs_move_there() {
        let s = crate::model::from_str(TWO_SITES).unwrap();
        let e = Engine::new(&s);
        assert_eq!(e.site_groups(0), LeverSet::BAU.with(LeverGroup::Co2Free));
        assert_eq!(e.site_groups(1), LeverSet::BAU);
    }
}
