//! Structural edits of a scenario, as the inventory editor makes them: rename an item's id
//! (every reference follows), remove an item (what refers to it changes, and the edit says
//! what), move an item up or down. Pure functions of the scenario; the window previews a
//! removal on a copy to ask first.

use super::goal_seek::LeverRef;
use super::scenario::Scenario;

/// A kind of item with an id that others refer to (or, for targets, a label).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Region,
    Fuel,
    Site,
    Material,
    Ppa,
    Target,
    History,
}

impl Kind {
    pub fn noun(self) -> &'static str {
        match self {
            Kind::Region => "region",
            Kind::Fuel => "fuel",
            Kind::Site => "site",
            Kind::Material => "material",
            Kind::Ppa => "PPA",
            Kind::Target => "target",
            Kind::History => "history year",
        }
    }

    /// Number of items of the kind.
    pub fn count(self, s: &Scenario) -> usize {
        match self {
            Kind::Region => s.regions.len(),
            Kind::Fuel => s.fuels.len(),
            Kind::Site => s.sites.len(),
            Kind::Material => s.materials.len(),
            Kind::Ppa => s.ppas.len(),
            Kind::Target => s.targets.len(),
            Kind::History => s.history.len(),
        }
    }

    /// The id (label, year) of item `i`.
    pub fn id(self, s: &Scenario, i: usize) -> Option<String> {
        Some(match self {
            Kind::Region => s.regions.get(i)?.id.clone(),
            Kind::Fuel => s.fuels.get(i)?.id.clone(),
            Kind::Site => s.sites.get(i)?.id.clone(),
            Kind::Material => s.materials.get(i)?.id.clone(),
            Kind::Ppa => s.ppas.get(i)?.id.clone(),
            Kind::Target => s.targets.get(i)?.label.clone(),
            Kind::History => format!("FY{}", s.history.get(i)?.year),
        })
    }
}

fn swap_in<T>(v: &mut [T], i: usize, j: usize) -> bool {
    if i < v.len() && j < v.len() && i != j {
        v.swap(i, j);
        true
    } else {
        false
    }
}

/// Moves item `i` one place up (`up`) or down; false when it cannot move.
pub fn move_item(s: &mut Scenario, kind: Kind, i: usize, up: bool) -> bool {
    let Some(j) = (if up { i.checked_sub(1) } else { i.checked_add(1) }) else {
        return false;
    };
    match kind {
        Kind::Region => swap_in(&mut s.regions, i, j),
        Kind::Fuel => swap_in(&mut s.fuels, i, j),
        Kind::Site => swap_in(&mut s.sites, i, j),
        Kind::Material => swap_in(&mut s.materials, i, j),
        Kind::Ppa => swap_in(&mut s.ppas, i, j),
        Kind::Target => swap_in(&mut s.targets, i, j),
        Kind::History => swap_in(&mut s.history, i, j),
    }
}

/// The uncertainty and goal-seek references to an id of `kind` (their members and levers).
fn for_each_member(s: &mut Scenario, kind: Kind, mut f: impl FnMut(&mut String)) {
    let what = match kind {
        Kind::Region => "regions",
        Kind::Fuel => "fuels",
        Kind::Site => "sites",
        Kind::Material => "materials",
        Kind::Ppa => "ppas",
        Kind::Target | Kind::History => "",
    };
    for input in &mut s.uncertainty.inputs {
        if let Some((members, w)) = input.target.members_mut()
            && w == what
        {
            members.iter_mut().for_each(&mut f);
        }
    }
    if let Some(g) = &mut s.goal_seek {
        if kind == Kind::Target {
            g.targets.iter_mut().for_each(&mut f);
        }
        for l in &mut g.levers {
            match (&mut l.lever, kind) {
                (
                    LeverRef::Co2Free { site }
                    | LeverRef::FuelSwitch { site, .. }
                    | LeverRef::ProcessChange { site }
                    | LeverRef::EfficiencyElectricity { site }
                    | LeverRef::EfficiencyFuel { site },
                    Kind::Site,
                ) => f(site),
                (LeverRef::Recycled { material } | LeverRef::LowCarbon { material }, Kind::Material) => {
                    f(material)
                }
                (LeverRef::Ppa { ppa }, Kind::Ppa) => f(ppa),
                _ => {}
            }
        }
    }
}

/// Renames item `i`'s id (label for a target) to `new`, and every reference to it: sites'
/// regions, fuel uses and switches, reported fuels, materials' sites, PPA allocations,
/// uncertainty members and goal-seek levers and targets. Returns how many references moved.
pub fn rename(s: &mut Scenario, kind: Kind, i: usize, new: &str) -> usize {
    let Some(old) = kind.id(s, i) else { return 0 };
    if old == new {
        return 0;
    }
    let mut n = 0;
    // references that are not the id itself (a rule named after its fuels)
    let mut extra = 0;
    let mut follow = |x: &mut String| {
        if *x == old {
            *x = new.to_string();
            n += 1;
        }
    };
    match kind {
        Kind::Region => {
            s.regions[i].id = new.to_string();
            s.sites.iter_mut().for_each(|site| follow(&mut site.region));
        }
        Kind::Fuel => {
            s.fuels[i].id = new.to_string();
            // A rule without an id is named "from→to": the goal seek's levers name it so.
            let mut rules: Vec<(String, String, String)> = Vec::new();
            for site in &mut s.sites {
                site.fuels.iter_mut().for_each(|u| follow(&mut u.fuel));
                for r in &mut site.fuel_switches {
                    let before = r.id_or_default();
                    follow(&mut r.from);
                    follow(&mut r.to);
                    if r.id.is_none() && r.id_or_default() != before {
                        rules.push((site.id.clone(), before, r.id_or_default()));
                    }
                }
            }
            if let Some(g) = &mut s.goal_seek {
                for l in &mut g.levers {
                    if let LeverRef::FuelSwitch { site, rule } = &mut l.lever
                        && let Some((_, _, to)) = rules.iter().find(|(s, from, _)| s == site && from == rule)
                    {
                        *rule = to.clone();
                        extra += 1;
                    }
                }
            }
            for h in &mut s.history {
                h.fuel_use.iter_mut().for_each(|f| follow(&mut f.fuel));
            }
        }
        Kind::Site => {
            s.sites[i].id = new.to_string();
            for m in &mut s.materials {
                if let Some(site) = &mut m.site {
                    follow(site);
                }
            }
            for p in &mut s.ppas {
                p.allocation.iter_mut().for_each(|(site, _)| follow(site));
            }
        }
        Kind::Material => s.materials[i].id = new.to_string(),
        Kind::Ppa => s.ppas[i].id = new.to_string(),
        Kind::Target => s.targets[i].label = new.to_string(),
        Kind::History => return 0,
    }
    for_each_member(s, kind, &mut follow);
    n + extra
}

/// Removes item `i` and what depends on it, returning what else changed (one line each).
/// A region still used by sites moves them to the first other region; with no other region
/// the removal is refused (`Err` says why) and nothing changes.
pub fn remove(s: &mut Scenario, kind: Kind, i: usize) -> Result<Vec<String>, String> {
    let Some(id) = kind.id(s, i) else {
        return Err(format!("no {} {i}", kind.noun()));
    };
    let mut out = Vec::new();
    match kind {
        Kind::Region => {
            let users: Vec<usize> = (0..s.sites.len()).filter(|&k| s.sites[k].region == id).collect();
            if !users.is_empty() {
                let Some(other) = s.regions.iter().find(|r| r.id != id).map(|r| r.id.clone()) else {
                    return Err(format!(
                        "region \"{id}\" is the only region and {} site(s) are in it: add another region first",
                        users.len()
                    ));
                };
                for k in users {
                    out.push(format!("site \"{}\" moves to region \"{other}\"", s.sites[k].id));
                    s.sites[k].region = other.clone();
                }
            }
            s.regions.remove(i);
        }
        Kind::Fuel => {
            let mut gone_rules: Vec<(String, String)> = Vec::new();
            for site in &mut s.sites {
                let before = site.fuels.len();
                site.fuels.retain(|u| u.fuel != id);
                if site.fuels.len() < before {
                    out.push(format!(
                        "site \"{}\" loses its base-year use of \"{id}\"",
                        site.id
                    ));
                }
                let before = site.fuel_switches.len();
                for r in site.fuel_switches.iter().filter(|r| r.from == id || r.to == id) {
                    gone_rules.push((site.id.clone(), r.id_or_default()));
                }
                site.fuel_switches.retain(|r| r.from != id && r.to != id);
                if site.fuel_switches.len() < before {
                    out.push(format!(
                        "site \"{}\" loses {} fuel switch(es) from or to \"{id}\"",
                        site.id,
                        before - site.fuel_switches.len()
                    ));
                }
            }
            for h in &mut s.history {
                let before = h.fuel_use.len();
                h.fuel_use.retain(|f| f.fuel != id);
                if h.fuel_use.len() < before {
                    out.push(format!("FY{} loses its reported use of \"{id}\"", h.year));
                }
            }
            s.fuels.remove(i);
            let mut clear = false;
            if let Some(g) = &mut s.goal_seek {
                let before = g.levers.len();
                g.levers.retain(|l| {
                    !matches!(&l.lever, LeverRef::FuelSwitch { site, rule }
                        if gone_rules.iter().any(|(s, r)| s == site && r == rule))
                });
                if g.levers.len() < before {
                    out.push(format!(
                        "the goal seek loses {} fuel-switch lever(s)",
                        before - g.levers.len()
                    ));
                }
                clear = g.levers.is_empty();
            }
            if clear {
                s.goal_seek = None;
                out.push("the goal-seek settings had no lever left and are removed".into());
            }
        }
        Kind::Site => {
            for m in &mut s.materials {
                if m.site.as_deref() == Some(id.as_str()) {
                    m.site = None;
                    out.push(format!(
                        "material \"{}\" becomes company-wide (no linked site)",
                        m.id
                    ));
                    if m.fuel_saving_share != 0.0 || m.recycled_feed_t_co2_per_t != 0.0 {
                        m.fuel_saving_share = 0.0;
                        m.recycled_feed_t_co2_per_t = 0.0;
                        out.push(format!(
                            "material \"{}\" loses its effects at the site (fuel saved, recycled-feed CO2)",
                            m.id
                        ));
                    }
                }
            }
            let mut dropped = Vec::new();
            for p in &mut s.ppas {
                let before = p.allocation.len();
                p.allocation.retain(|(site, _)| *site != id);
                if p.allocation.len() < before {
                    let sum: f64 = p.allocation.iter().map(|a| a.1).sum();
                    if p.allocation.is_empty() || sum <= 0.0 {
                        dropped.push(p.id.clone());
                    } else {
                        p.allocation.iter_mut().for_each(|a| a.1 /= sum);
                        out.push(format!(
                            "PPA \"{}\" no longer serves it; its other sites share the output",
                            p.id
                        ));
                    }
                }
            }
            for d in dropped {
                out.push(format!("PPA \"{d}\" served only this site and is removed"));
                s.ppas.retain(|p| p.id != d);
                out.extend(drop_members(s, Kind::Ppa, &d));
            }
            s.sites.remove(i);
        }
        Kind::Material => {
            s.materials.remove(i);
        }
        Kind::Ppa => {
            s.ppas.remove(i);
        }
        Kind::Target => {
            s.targets.remove(i);
        }
        Kind::History => {
            s.history.remove(i);
        }
    }
    out.extend(drop_members(s, kind, &id));
    Ok(out)
}

/// Drops uncertainty members and goal-seek levers and targets that name `id`. An uncertain
/// input left with no member would mean "every member": it is removed instead.
fn drop_members(s: &mut Scenario, kind: Kind, id: &str) -> Vec<String> {
    let mut out = Vec::new();
    let what = kind.noun();
    let mut emptied = Vec::new();
    for input in &mut s.uncertainty.inputs {
        let mut touched = false;
        let mut empty = false;
        if let Some((members, w)) = input.target.members_mut()
            && w == format!("{}s", what.to_lowercase())
            && members.iter().any(|m| m == id)
        {
            members.retain(|m| m != id);
            touched = true;
            empty = members.is_empty();
        }
        if empty {
            emptied.push(input.id.clone());
        } else if touched {
            out.push(format!("uncertain input \"{}\" no longer covers it", input.id));
        }
    }
    for e in &emptied {
        out.push(format!(
            "uncertain input \"{e}\" covered only this {what} and is removed"
        ));
    }
    s.uncertainty.inputs.retain(|u| !emptied.contains(&u.id));
    let mut clear = false;
    let mut probe = s.clone_goal_refs(kind, id);
    if let Some(g) = &mut s.goal_seek {
        if kind == Kind::Target && g.targets.iter().any(|t| t == id) {
            g.targets.retain(|t| t != id);
            if g.targets.is_empty() {
                // an empty list would mean every target: the settings go instead
                clear = true;
                out.push("the goal seek listed only this target".into());
            } else {
                out.push("the goal seek no longer lists this target".into());
            }
        }
        let before = g.levers.len();
        g.levers.retain(|l| !probe.remove(&l.lever));
        if g.levers.len() < before {
            out.push(format!(
                "the goal seek loses {} lever(s) of it",
                before - g.levers.len()
            ));
        }
        if g.levers.is_empty() {
            clear = true;
        }
    }
    if clear {
        s.goal_seek = None;
        out.push("the goal-seek settings had no lever left and are removed".into());
    }
    out
}

impl Scenario {
    /// The goal-seek lever references that name `id` of `kind`.
    fn clone_goal_refs(&self, kind: Kind, id: &str) -> std::collections::HashSet<LeverRef> {
        let Some(g) = &self.goal_seek else {
            return Default::default();
        };
        g.levers
            .iter()
            .filter(|l| match (&l.lever, kind) {
                (
                    LeverRef::Co2Free { site }
                    | LeverRef::FuelSwitch { site, .. }
                    | LeverRef::ProcessChange { site }
                    | LeverRef::EfficiencyElectricity { site }
                    | LeverRef::EfficiencyFuel { site },
                    Kind::Site,
                ) => site == id,
                (LeverRef::Recycled { material } | LeverRef::LowCarbon { material }, Kind::Material) => {
                    material == id
                }
                (LeverRef::Ppa { ppa }, Kind::Ppa) => ppa == id,
                _ => false,
            })
            .map(|l| l.lever.clone())
            .collect()
    }
}

/// An id not used yet by items of `kind`: `stem`, `stem_2`, `stem_3` …
pub fn fresh_id(s: &Scenario, kind: Kind, stem: &str) -> String {
    let taken = |c: &str| (0..kind.count(s)).any(|i| kind.id(s, i).as_deref() == Some(c));
    if !taken(stem) {
        return stem.to_string();
    }
    (2..)
        .map(|n| format!("{stem}_{n}"))
        .find(|c| !taken(c))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jx() -> Scenario {
        crate::model::from_str(crate::DEFAULT_SCENARIO).unwrap()
    }

    #[test]
    fn renaming_a_site_moves_every_reference_and_the_file_stays_valid() {
        let mut s = jx();
        let i = s.site_index("saganoseki").unwrap();
        let n = rename(&mut s, Kind::Site, i, "oita");
        assert_eq!(n, 1, "the material linked to it");
        let k = s.site_index("kurami").unwrap();
        assert_eq!(rename(&mut s, Kind::Site, k, "samukawa"), 1, "the PPA serving it");
        assert!(s.ppas[0].allocation.iter().any(|a| a.0 == "samukawa"));
        assert_eq!(s.materials[0].site.as_deref(), Some("oita"));
        assert!(
            s.ppas
                .iter()
                .all(|p| p.allocation.iter().all(|a| a.0 != "saganoseki"))
        );
        assert!(crate::model::validate::validate(&s).is_empty());
        // the same emissions under the new name
        let (a, b) = (crate::engine::project(&jx()), crate::engine::project(&s));
        assert_eq!(a.totals(2030), b.totals(2030));
        assert_eq!(rename(&mut s, Kind::Site, k, "samukawa"), 0);
    }

    #[test]
    fn renaming_a_fuel_and_a_region_follows_uses_switches_and_sites() {
        let mut s = jx();
        let f = s.fuel_index("lpg").unwrap();
        rename(&mut s, Kind::Fuel, f, "propane");
        let r = s.region_index("japan").unwrap();
        rename(&mut s, Kind::Region, r, "jp");
        assert!(crate::model::validate::validate(&s).is_empty());
        assert!(
            s.sites
                .iter()
                .any(|x| x.fuels.iter().any(|u| u.fuel == "propane"))
        );
        assert!(s.sites.iter().filter(|x| x.region == "jp").count() > 5);
        assert_eq!(
            crate::engine::project(&jx()).totals(2030),
            crate::engine::project(&s).totals(2030)
        );
    }

    #[test]
    fn removing_says_what_changes_and_leaves_a_valid_scenario() {
        let mut s = jx();
        let f = s.fuel_index("natural_gas").unwrap();
        let out = remove(&mut s, Kind::Fuel, f).unwrap();
        assert!(
            out.iter()
                .any(|l| l.contains("loses its base-year use of \"natural_gas\"")),
            "{out:?}"
        );
        assert!(crate::model::validate::validate(&s).is_empty());

        let mut s = jx();
        let i = s.site_index("saganoseki").unwrap();
        let out = remove(&mut s, Kind::Site, i).unwrap();
        assert!(out.iter().any(|l| l.contains("becomes company-wide")), "{out:?}");
        assert!(
            crate::model::validate::validate(&s).is_empty(),
            "{:?}",
            crate::model::validate::validate(&s)
        );

        let mut s = jx();
        let r = s.region_index("chile").unwrap();
        let out = remove(&mut s, Kind::Region, r).unwrap();
        assert_eq!(
            out,
            vec![
                "site \"caserones\" moves to region \"japan\"".to_string(),
                "uncertain input \"grid_ef_overseas\" no longer covers it".to_string()
            ]
        );
        assert!(crate::model::validate::validate(&s).is_empty());
    }

    #[test]
    fn fuel_switch_levers_of_the_goal_seek_follow_a_fuel_and_go_with_it() {
        use crate::model::{FuelSwitch, GoalSeek, Path, SeekLever};
        let mut s = jx();
        let switch = |id: Option<&str>, from: &str| FuelSwitch {
            id: id.map(String::from),
            from: from.into(),
            to: "electricity".into(),
            share: Path(vec![(2025, 0.0)]),
            ratio: 1.0,
            capex_jpy: None,
            lifetime_years: 20,
            source: String::new(),
            assumption: None,
        };
        // a rule named after its fuels, one with its own name, one of another fuel
        s.sites[0].fuel_switches.push(switch(None, "coke"));
        s.sites[0].fuel_switches.push(switch(Some("kiln"), "coke"));
        s.sites[0].fuel_switches.push(switch(None, "heavy_oil_bc"));
        let lever = |rule: &str| SeekLever {
            lever: LeverRef::FuelSwitch {
                site: "saganoseki".into(),
                rule: rule.into(),
            },
            min: None,
            max: None,
            reach_year: None,
        };
        s.goal_seek = Some(GoalSeek {
            targets: vec![s.targets[0].label.clone()],
            levers: vec![
                lever("coke→electricity"),
                lever("kiln"),
                lever("heavy_oil_bc→electricity"),
            ],
            ..GoalSeek::default()
        });
        assert!(
            crate::model::validate::validate(&s).is_empty(),
            "{:?}",
            crate::model::validate::validate(&s)
        );
        // what the shipped file refers to it by (uses, reported quantities, uncertainty members)
        let f = s.fuel_index("coke").unwrap();
        let shipped = rename(&mut jx(), Kind::Fuel, f, "coke_breeze");
        assert!(shipped >= 1);
        // … and here also the two switches' `from` and the one lever named after the fuel
        assert_eq!(rename(&mut s, Kind::Fuel, f, "coke_breeze"), shipped + 2 + 1);
        let g = s.goal_seek.as_ref().unwrap();
        assert_eq!(
            g.levers.iter().map(|l| l.lever.clone()).collect::<Vec<_>>(),
            vec![
                LeverRef::FuelSwitch {
                    site: "saganoseki".into(),
                    rule: "coke_breeze→electricity".into()
                },
                LeverRef::FuelSwitch {
                    site: "saganoseki".into(),
                    rule: "kiln".into()
                },
                LeverRef::FuelSwitch {
                    site: "saganoseki".into(),
                    rule: "heavy_oil_bc→electricity".into()
                },
            ]
        );
        assert!(crate::model::validate::validate(&s).is_empty());
        let out = remove(&mut s, Kind::Fuel, f).unwrap();
        assert!(
            out.contains(
                &"site \"saganoseki\" loses 2 fuel switch(es) from or to \"coke_breeze\"".to_string()
            ),
            "{out:?}"
        );
        assert!(
            out.contains(&"the goal seek loses 2 fuel-switch lever(s)".to_string()),
            "{out:?}"
        );
        // the other fuel's rule and its lever stay
        assert_eq!(
            s.goal_seek.as_ref().unwrap().levers[0].lever,
            LeverRef::FuelSwitch {
                site: "saganoseki".into(),
                rule: "heavy_oil_bc→electricity".into()
            }
        );
        assert!(crate::model::validate::validate(&s).is_empty());
        // a fuel no lever names: nothing said of the goal seek
        let g = s.fuel_index("gasoline").unwrap();
        let out = remove(&mut s, Kind::Fuel, g).unwrap();
        assert!(out.iter().all(|l| !l.contains("goal seek")), "{out:?}");
        // the last lever's fuel: the settings go
        let h = s.fuel_index("heavy_oil_bc").unwrap();
        let out = remove(&mut s, Kind::Fuel, h).unwrap();
        assert!(
            out.contains(&"the goal-seek settings had no lever left and are removed".to_string()),
            "{out:?}"
        );
        assert!(s.goal_seek.is_none());
        assert!(crate::model::validate::validate(&s).is_empty());
    }

    #[test]
    fn a_site_removal_says_only_what_applies() {
        use crate::model::{GoalSeek, SeekLever};
        let mut s = jx();
        s.goal_seek = Some(GoalSeek {
            targets: vec![s.targets[0].label.clone()],
            levers: vec![SeekLever {
                lever: LeverRef::Co2Free {
                    site: "kurami".into(),
                },
                min: None,
                max: None,
                reach_year: None,
            }],
            ..GoalSeek::default()
        });
        // a material without site effects: no word of them
        s.materials[0].fuel_saving_share = 0.0;
        s.materials[0].recycled_feed_t_co2_per_t = 0.0;
        let i = s.site_index("saganoseki").unwrap();
        let out = remove(&mut s, Kind::Site, i).unwrap();
        assert!(out.iter().all(|l| !l.contains("effects at the site")), "{out:?}");
        assert!(
            out.iter().all(|l| !l.contains("goal seek")),
            "no lever names it: {out:?}"
        );
        assert!(out.iter().any(|l| l.contains("becomes company-wide")), "{out:?}");
        assert_eq!(s.goal_seek.as_ref().unwrap().levers.len(), 1);
    }

    #[test]
    fn removing_the_only_target_a_goal_seek_lists_removes_its_settings_not_widens_them() {
        use crate::model::{GoalSeek, SeekLever};
        let mut s = jx();
        s.goal_seek = Some(GoalSeek {
            targets: vec![s.targets[0].label.clone()],
            levers: vec![SeekLever {
                lever: LeverRef::Co2Free {
                    site: "kurami".into(),
                },
                min: None,
                max: None,
                reach_year: None,
            }],
            ..GoalSeek::default()
        });
        let out = remove(&mut s, Kind::Target, 0).unwrap();
        assert!(s.goal_seek.is_none(), "{out:?}");
        assert!(out.iter().any(|l| l.contains("listed only this target")));
    }

    #[test]
    fn renames_follow_goal_seek_levers_targets_and_uncertainty_members() {
        use crate::model::{GoalSeek, SeekLever};
        let mut s = jx();
        // (a PPA lever needs its maximum)
        let lever = |l: LeverRef| SeekLever {
            max: matches!(l, LeverRef::Ppa { .. }).then_some(100.0),
            lever: l,
            min: None,
            reach_year: None,
        };
        let label = s.targets[0].label.clone();
        s.goal_seek = Some(GoalSeek {
            targets: vec![label.clone()],
            levers: vec![
                lever(LeverRef::Co2Free {
                    site: "kurami".into(),
                }),
                lever(LeverRef::Recycled {
                    material: "copper_feed".into(),
                }),
                lever(LeverRef::Ppa {
                    ppa: s.ppas[0].id.clone(),
                }),
            ],
            ..GoalSeek::default()
        });
        assert!(crate::model::validate::validate(&s).is_empty());
        let k = s.site_index("kurami").unwrap();
        rename(&mut s, Kind::Site, k, "samukawa");
        rename(&mut s, Kind::Material, 0, "cu_feed");
        rename(&mut s, Kind::Ppa, 0, "pv");
        rename(&mut s, Kind::Target, 0, "half by 2030");
        let r = s.region_index("chile").unwrap();
        rename(&mut s, Kind::Region, r, "cl");
        let g = s.goal_seek.as_ref().unwrap();
        assert_eq!(g.targets, vec!["half by 2030".to_string()]);
        assert_eq!(
            g.levers[0].lever,
            LeverRef::Co2Free {
                site: "samukawa".into()
            }
        );
        assert_eq!(
            g.levers[1].lever,
            LeverRef::Recycled {
                material: "cu_feed".into()
            }
        );
        assert_eq!(g.levers[2].lever, LeverRef::Ppa { ppa: "pv".into() });
        // the overseas grid input lists Chile among its regions
        assert!(s.uncertainty.inputs.iter().any(|u| {
            let mut t = u.target.clone();
            t.members_mut()
                .is_some_and(|(m, w)| w == "regions" && m.iter().any(|x| x == "cl"))
        }));
        assert!(
            crate::model::validate::validate(&s).is_empty(),
            "{:?}",
            crate::model::validate::validate(&s)
        );
        // nothing else named like them moved: the site's own id and the levers of other kinds
        assert!(s.site_index("kurami").is_none());
        // an index past the end never moves (nor panics)
        let n = s.sites.len();
        assert!(!move_item(&mut s, Kind::Site, n, true));
        let nr = s.regions.len();
        assert!(!move_item(&mut s, Kind::Region, nr, true));
    }

    #[test]
    fn a_renamed_fuel_counts_every_reference_it_moved() {
        let s0 = jx();
        let id = "lpg";
        let expected = s0
            .sites
            .iter()
            .map(|x| x.fuels.iter().filter(|u| u.fuel == id).count())
            .sum::<usize>()
            + s0.sites
                .iter()
                .flat_map(|x| &x.fuel_switches)
                .map(|r| usize::from(r.from == id) + usize::from(r.to == id))
                .sum::<usize>()
            + s0.history
                .iter()
                .flat_map(|h| &h.fuel_use)
                .filter(|f| f.fuel == id)
                .count()
            + s0.uncertainty
                .inputs
                .iter()
                .map(|u| {
                    let mut t = u.target.clone();
                    t.members_mut().map_or(0, |(m, w)| {
                        if w == "fuels" {
                            m.iter().filter(|x| *x == id).count()
                        } else {
                            0
                        }
                    })
                })
                .sum::<usize>();
        assert!(expected > 3, "{expected}");
        let mut s = s0.clone();
        let f = s.fuel_index(id).unwrap();
        assert_eq!(rename(&mut s, Kind::Fuel, f, "propane"), expected);
    }

    #[test]
    fn removal_outcomes_are_exactly_what_changes() {
        // a fuel: its uses, switches and reported quantities, site by site
        let s0 = jx();
        let id = "natural_gas";
        let mut want = Vec::new();
        for x in &s0.sites {
            if x.fuels.iter().any(|u| u.fuel == id) {
                want.push(format!("site \"{}\" loses its base-year use of \"{id}\"", x.id));
            }
            let n = x
                .fuel_switches
                .iter()
                .filter(|r| r.from == id || r.to == id)
                .count();
            if n > 0 {
                want.push(format!(
                    "site \"{}\" loses {n} fuel switch(es) from or to \"{id}\"",
                    x.id
                ));
            }
        }
        for h in &s0.history {
            if h.fuel_use.iter().any(|f| f.fuel == id) {
                want.push(format!("FY{} loses its reported use of \"{id}\"", h.year));
            }
        }
        let mut s = s0.clone();
        let out = remove(&mut s, Kind::Fuel, s0.fuel_index(id).unwrap()).unwrap();
        let mine: Vec<String> = out
            .iter()
            .filter(|l| !l.starts_with("uncertain input"))
            .cloned()
            .collect();
        assert_eq!(mine, want);
        assert!(s.sites.iter().all(|x| x.fuels.iter().all(|u| u.fuel != id)));
        assert!(
            s.sites.iter().map(|x| x.fuels.len()).sum::<usize>() > 0,
            "other uses stay"
        );

        // a site a PPA shares with another: the other takes the whole output
        let mut s = jx();
        let ppa = s.ppas[0].id.clone();
        s.ppas[0].allocation = vec![("kurami".into(), 0.25), ("hitachi".into(), 0.75)];
        let h = s.site_index("hitachi").unwrap();
        let out = remove(&mut s, Kind::Site, h).unwrap();
        assert_eq!(s.ppas[0].allocation, vec![("kurami".to_string(), 1.0)]);
        assert!(
            out.contains(&format!(
                "PPA \"{ppa}\" no longer serves it; its other sites share the output"
            )),
            "{out:?}"
        );
        // a site no PPA serves and no material names: nothing about PPAs or materials
        let t = s.site_index("tsuruga").unwrap();
        let out = remove(&mut s, Kind::Site, t).unwrap();
        assert!(
            out.iter().all(|l| !l.contains("PPA") && !l.contains("material")),
            "{out:?}"
        );
        assert_eq!(s.ppas[0].allocation, vec![("kurami".to_string(), 1.0)]);
        // the only site of a PPA: the PPA goes too
        let k = s.site_index("kurami").unwrap();
        let out = remove(&mut s, Kind::Site, k).unwrap();
        assert!(
            out.contains(&format!("PPA \"{ppa}\" served only this site and is removed")),
            "{out:?}"
        );
        assert!(s.ppas.is_empty());
        assert!(
            crate::model::validate::validate(&s).is_empty(),
            "{:?}",
            crate::model::validate::validate(&s)
        );
    }

    #[test]
    fn removal_drops_exactly_the_members_and_levers_that_name_the_item() {
        use crate::model::{GoalSeek, SeekLever};
        // (a PPA lever needs its maximum)
        let lever = |l: LeverRef| SeekLever {
            max: matches!(l, LeverRef::Ppa { .. }).then_some(100.0),
            lever: l,
            min: None,
            reach_year: None,
        };
        let mut s = jx();
        let ppa = s.ppas[0].id.clone();
        let all = [
            LeverRef::Co2Free {
                site: "tsuruga".into(),
            },
            LeverRef::Co2Free {
                site: "kurami".into(),
            },
            LeverRef::Recycled {
                material: "copper_feed".into(),
            },
            LeverRef::Ppa { ppa: ppa.clone() },
        ];
        s.goal_seek = Some(GoalSeek {
            targets: vec![s.targets[0].label.clone()],
            levers: all.iter().cloned().map(lever).collect(),
            ..GoalSeek::default()
        });
        // an uncertain input of Chile alone, and the overseas one of several regions
        let i = s
            .uncertainty
            .inputs
            .iter()
            .position(|u| {
                let mut t = u.target.clone();
                t.members_mut()
                    .is_some_and(|(m, w)| w == "regions" && m.iter().any(|x| x == "chile") && m.len() > 1)
            })
            .unwrap();
        let mut alone = s.uncertainty.inputs[i].clone();
        alone.id = "chile_only".into();
        if let Some((m, _)) = alone.target.members_mut() {
            *m = vec!["chile".into()];
        }
        s.uncertainty.inputs.push(alone);
        assert!(
            crate::model::validate::validate(&s).is_empty(),
            "{:?}",
            crate::model::validate::validate(&s)
        );
        let levers = |s: &Scenario| -> Vec<LeverRef> {
            s.goal_seek
                .as_ref()
                .map_or(Vec::new(), |g| g.levers.iter().map(|l| l.lever.clone()).collect())
        };

        let t = s.site_index("tsuruga").unwrap();
        let out = remove(&mut s, Kind::Site, t).unwrap();
        assert!(
            out.contains(&"the goal seek loses 1 lever(s) of it".to_string()),
            "{out:?}"
        );
        assert_eq!(levers(&s), all[1..].to_vec());
        let out = remove(&mut s, Kind::Material, 0).unwrap();
        assert_eq!(
            out,
            vec![
                "uncertain input \"copper_feed_ef\" covered only this material and is removed".to_string(),
                "the goal seek loses 1 lever(s) of it".to_string()
            ]
        );
        assert_eq!(levers(&s), vec![all[1].clone(), all[3].clone()]);
        let out = remove(&mut s, Kind::Ppa, 0).unwrap();
        assert_eq!(
            out.last(),
            Some(&"the goal seek loses 1 lever(s) of it".to_string()),
            "{out:?}"
        );
        assert_eq!(levers(&s), vec![all[1].clone()]);

        let r = s.region_index("chile").unwrap();
        let out = remove(&mut s, Kind::Region, r).unwrap();
        let overseas = s.uncertainty.inputs[i].id.clone();
        assert!(
            out.contains(&format!("uncertain input \"{overseas}\" no longer covers it")),
            "{out:?}"
        );
        assert!(
            out.contains(
                &"uncertain input \"chile_only\" covered only this region and is removed".to_string()
            ),
            "{out:?}"
        );
        assert!(s.uncertainty.inputs.iter().all(|u| u.id != "chile_only"));
        assert!(s.uncertainty.inputs.iter().any(|u| u.id == overseas));
        assert!(
            crate::model::validate::validate(&s).is_empty(),
            "{:?}",
            crate::model::validate::validate(&s)
        );
    }

    #[test]
    fn the_only_region_of_sites_cannot_go_and_nothing_changes() {
        let mut s = jx();
        s.regions.retain(|r| r.id == "japan");
        s.sites.retain(|x| x.region == "japan");
        s.ppas.clear();
        s.materials.clear();
        s.uncertainty = Default::default();
        s.goal_seek = None;
        let before = s.clone();
        assert!(remove(&mut s, Kind::Region, 0).is_err());
        assert_eq!(s, before);
    }

    #[test]
    fn moving_swaps_neighbours_only() {
        let mut s = jx();
        let (a, b) = (s.sites[0].id.clone(), s.sites[1].id.clone());
        assert!(!move_item(&mut s, Kind::Site, 0, true));
        assert!(move_item(&mut s, Kind::Site, 0, false));
        assert_eq!((s.sites[0].id.clone(), s.sites[1].id.clone()), (b, a));
        let last = s.sites.len() - 1;
        assert!(!move_item(&mut s, Kind::Site, last, false));
        assert_eq!(fresh_id(&s, Kind::Site, "kurami"), "kurami_2");
        assert_eq!(fresh_id(&s, Kind::Site, "new_site"), "new_site");
    }
}
