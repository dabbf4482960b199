//! The limits of README "Limits and safety": each count, bound and length accepted at the limit
//! and refused one beyond, with the field named; the error list capped and suggestions ranked.

use decarb::model::validate::{limits, validate};
use decarb::model::{self, Path, Scenario};

fn minimal() -> Scenario {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/minimal.ron");
    decarb::file::load(&path).unwrap()
}

/// The paths validation names for `s` (empty: accepted).
fn refused(s: &Scenario) -> Vec<String> {
    validate(s).into_iter().map(|p| p.path).collect()
}

fn with(change: impl Fn(&mut Scenario)) -> Scenario {
    let mut s = minimal();
    change(&mut s);
    s
}

#[test]
fn counts_are_accepted_at_the_limit_and_refused_beyond() {
    type Grow = fn(&mut Scenario, usize);
    let grow: Vec<(&str, usize, Grow)> = vec![
        ("sites", limits::SITES, |s, n| {
            let site = s.sites[0].clone();
            for i in s.sites.len()..n {
                let mut x = site.clone();
                x.id = format!("site{i}");
                s.sites.push(x);
            }
        }),
        ("regions", limits::REGIONS, |s, n| {
            let r = s.regions[0].clone();
            for i in s.regions.len()..n {
                let mut x = r.clone();
                x.id = format!("r{i}");
                s.regions.push(x);
            }
        }),
        ("fuels", limits::FUELS, |s, n| {
            let f = s.fuels[1].clone();
            for i in s.fuels.len()..n {
                let mut x = f.clone();
                x.id = format!("f{i}");
                s.fuels.push(x);
            }
        }),
        ("materials", limits::MATERIALS, |s, n| {
            let m = s.materials[0].clone();
            for i in s.materials.len()..n {
                let mut x = m.clone();
                x.id = format!("m{i}");
                x.site = None;
                x.fuel_saving_share = 0.0;
                x.recycled_feed_t_co2_per_t = 0.0;
                s.materials.push(x);
            }
        }),
        ("ppas", limits::PPAS, |s, n| {
            let p = s.ppas[0].clone();
            for i in s.ppas.len()..n {
                let mut x = p.clone();
                x.id = format!("p{i}");
                s.ppas.push(x);
            }
        }),
        ("targets", limits::TARGETS, |s, n| {
            let t = s.targets[0].clone();
            s.targets.resize(n, t);
        }),
        ("history", limits::HISTORY, |s, n| {
            // Distinct years in 1900..=2168, a 150-year horizon (the base year's entry is
            // there already).
            s.last_year = 2168;
            let h = s.history[0].clone();
            for i in s.history.len()..n {
                let mut x = h.clone();
                let y = 1900 + i as i32;
                x.year = if y >= h.year { y + 1 } else { y };
                s.history.push(x);
            }
        }),
    ];
    for (name, max, f) in grow {
        let at = with(|s| f(s, max));
        assert!(refused(&at).is_empty(), "{name} at {max}: {:?}", refused(&at));
        let beyond = with(|s| f(s, max + 1));
        assert_eq!(refused(&beyond), vec![name.to_string()], "{name} at {}", max + 1);
        let text = validate(&beyond)[0].message.clone();
        assert!(text.contains(&format!("has {} entries", max + 1)), "{text}");
    }
}

#[test]
fn per_site_lists_and_ppa_splits_are_limited() {
    let fuels = |n: usize| {
        with(move |s| {
            // The site burns its first fuel and n − 1 new ones; the scenario has n fuels.
            let f = s.fuels.remove(1);
            s.sites[0].fuels.truncate(1);
            s.sites[0].fuel_switches.clear();
            for i in 0..n - 1 {
                let mut x = f.clone();
                x.id = format!("f{i}");
                s.fuels.push(x);
                s.sites[0].fuels.push(model::FuelUse {
                    fuel: format!("f{i}"),
                    gj: Some(1.0),
                    quantity: None,
                });
            }
        })
    };
    let at = fuels(limits::PER_SITE);
    assert!(refused(&at).is_empty(), "{:?}", refused(&at));
    assert!(refused(&fuels(limits::PER_SITE + 1)).contains(&"sites[0].fuels".to_string()));
    for (field, grow) in [("measures", 0), ("own_generation", 1), ("fuel_switches", 2)] {
        let list = |n: usize| {
            with(move |s| {
                let site = &mut s.sites[0];
                match grow {
                    0 => site.measures = vec![model::Measure { ..measure() }; n],
                    1 => site.own_generation = vec![generator(); n],
                    _ => {
                        let rule = site.fuel_switches[0].clone();
                        site.fuel_switches = vec![
                            model::FuelSwitch {
                                share: Path(vec![(2025, 0.0)]),
                                ..rule
                            };
                            n
                        ];
                    }
                }
            })
        };
        assert!(
            refused(&list(limits::PER_SITE)).is_empty(),
            "{field}: {:?}",
            refused(&list(limits::PER_SITE))
        );
        assert_eq!(
            refused(&list(limits::PER_SITE + 1)),
            vec![format!("sites[0].{field}")]
        );
    }
    let split = |n: usize| {
        with(move |s| {
            let site = s.sites[0].clone();
            s.ppas[0].allocation.clear();
            for i in 0..n {
                let mut x = site.clone();
                x.id = format!("s{i}");
                s.sites.push(x);
                s.ppas[0].allocation.push((format!("s{i}"), 1.0 / n as f64));
            }
            let sum: f64 = s.ppas[0].allocation.iter().map(|a| a.1).sum();
            s.ppas[0].allocation[0].1 += 1.0 - sum;
        })
    };
    assert!(
        refused(&split(limits::PER_SITE)).is_empty(),
        "{:?}",
        refused(&split(limits::PER_SITE))
    );
    assert_eq!(
        refused(&split(limits::PER_SITE + 1)),
        vec!["ppas[0].allocation".to_string()]
    );
}

fn measure() -> model::Measure {
    decarb::model::from_str(
        &std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/minimal.ron"))
            .unwrap()
            .replace(
                "process_t_co2: 500.0,",
                "process_t_co2: 500.0, measures: [(name: \"m\", year: 2025, electricity_saving: Percent(0.1))],",
            ),
    )
    .unwrap()
    .sites[0]
        .measures[0]
        .clone()
}

fn generator() -> model::OwnGeneration {
    decarb::model::from_str(
        &std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/minimal.ron"))
            .unwrap()
            .replace(
                "process_t_co2: 500.0,",
                "process_t_co2: 500.0, own_generation: [(name: \"pv\", kind: Solar, output_mwh: [(2018, 1.0)])],",
            ),
    )
    .unwrap()
    .sites[0]
        .own_generation[0]
        .clone()
}

#[test]
fn years_horizons_keyframes_and_lifetimes_at_their_limits() {
    // Years: 1900 and 2200 accepted, one beyond refused, the extremes too.
    for (base, last, ok) in [
        (1900, 2000, true),
        (2100, 2200, true),
        (1899, 2000, false),
        (2100, 2201, false),
        (i32::MIN, 2050, false),
        (2018, i32::MAX, false),
        (i32::MAX, i32::MAX, false),
    ] {
        let s = with(|s| {
            s.base_year = base;
            s.last_year = last;
            s.sites[0].co2_free_share = Path::default();
            s.sites[0].fuel_switches.clear();
            s.materials[0].recycled_share = Path::default();
            s.ppas[0].capacity_mw = Path::default();
            s.history.clear();
            s.targets.clear();
            s.regions[0].ef_kg_per_kwh = Path(vec![(base.clamp(1900, 2200), 0.4)]);
        });
        let r = refused(&s);
        assert_eq!(r.is_empty(), ok, "{base}..{last}: {r:?}");
        if !ok {
            assert!(r.iter().all(|p| p == "base_year" || p == "last_year"), "{r:?}");
        }
    }
    // A horizon of 150 years, with a keyframe in each of its 151 years, is accepted.
    let long = |years: i32| {
        with(move |s| {
            s.base_year = 1950;
            s.last_year = 1950 + years;
            s.history.clear();
            s.targets.clear();
            s.regions[0].ef_kg_per_kwh = Path((1950..=1950 + years.min(150)).map(|y| (y, 0.4)).collect());
            s.sites[0].co2_free_share = Path::default();
            s.sites[0].fuel_switches.clear();
            s.materials[0].recycled_share = Path::default();
            s.ppas[0].capacity_mw = Path::default();
        })
    };
    assert!(refused(&long(150)).is_empty(), "{:?}", refused(&long(150)));
    assert_eq!(refused(&long(151)), vec!["last_year".to_string()]);
    // 152 keyframes: refused by count, before the years are compared (one error).
    let many = with(|s| {
        s.sites[0].co2_free_share = Path((0..152).map(|i| (2018 + i % 33, 0.5)).collect());
    });
    let p = validate(&many);
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(p[0].message.contains("has 152 keyframes"));
    // Lifetimes 1 and 200 accepted; 0 and 201 refused.
    for (life, ok) in [
        (1, true),
        (200, true),
        (0, false),
        (201, false),
        (u32::MAX, false),
    ] {
        let s = with(|s| {
            let mut m = measure();
            m.lifetime_years = Some(life);
            s.sites[0].measures = vec![m];
        });
        assert_eq!(refused(&s).is_empty(), ok, "{life}: {:?}", refused(&s));
    }
}

#[test]
fn every_input_has_an_upper_bound() {
    type Set = fn(&mut Scenario, f64);
    let fields: Vec<(&str, f64, Set)> = vec![
        ("sites[0].electricity_mwh", limits::AMOUNT, |s, v| {
            s.sites[0].electricity_mwh = v
        }),
        ("sites[0].production_t", limits::AMOUNT, |s, v| {
            s.sites[0].production_t = v
        }),
        ("fuels[1].ef_t_per_gj", limits::EF_T_PER_GJ, |s, v| {
            s.fuels[1].ef_t_per_gj = v
        }),
        ("regions[0].ef_kg_per_kwh", limits::EF_KG_PER_KWH, |s, v| {
            s.regions[0].ef_kg_per_kwh = Path(vec![(2018, v)])
        }),
        (
            "regions[0].ef_location_kg_per_kwh",
            limits::EF_KG_PER_KWH,
            |s, v| s.regions[0].ef_location_kg_per_kwh = Path(vec![(2018, v)]),
        ),
        ("materials[0].ef_primary_t_per_t", limits::EF_T_PER_T, |s, v| {
            s.materials[0].ef_primary_t_per_t = v
        }),
        ("materials[0].ef_recycled_t_per_t", limits::EF_T_PER_T, |s, v| {
            s.materials[0].ef_recycled_t_per_t = v
        }),
        (
            "materials[0].ef_low_carbon_t_per_t",
            limits::EF_T_PER_T,
            |s, v| s.materials[0].ef_low_carbon_t_per_t = v,
        ),
        (
            "materials[0].recycled_feed_t_co2_per_t",
            limits::EF_T_PER_T,
            |s, v| s.materials[0].recycled_feed_t_co2_per_t = v,
        ),
        ("fuels[0].gj_per_unit", limits::GJ_PER_UNIT, |s, v| {
            s.fuels[0].gj_per_unit = Some(v)
        }),
        ("sites[0].fuel_switches[0].ratio", limits::SWITCH_RATIO, |s, v| {
            s.sites[0].fuel_switches[0].ratio = v
        }),
        ("primary_gj_per_mwh", limits::PRIMARY_GJ_PER_MWH, |s, v| {
            s.primary_gj_per_mwh = v
        }),
        ("sites[0].activity", limits::ACTIVITY, |s, v| {
            s.sites[0].activity = Path(vec![(2018, 1.0), (2030, v)])
        }),
        (
            "sites[0].process_change_opex_jpy_per_yr",
            limits::AMOUNT,
            |s, v| s.sites[0].process_change_opex_jpy_per_yr = Path(vec![(2020, v)]),
        ),
    ];
    for (path, max, set) in fields {
        let at = with(|s| set(s, max));
        assert!(refused(&at).is_empty(), "{path} = {max}: {:?}", refused(&at));
        for beyond in [max * (1.0 + 1e-9), 1e300, f64::INFINITY] {
            let s = with(|s| set(s, beyond));
            assert!(
                refused(&s).iter().any(|p| p == path),
                "{path} = {beyond}: {:?}",
                refused(&s)
            );
        }
    }
    // The message says the bound in plain figures.
    let s = with(|s| s.fuels[1].ef_t_per_gj = 11.0);
    assert!(
        validate(&s)[0]
            .message
            .contains("is more than 10, the largest value"),
        "{:?}",
        validate(&s)
    );
    let s = with(|s| s.sites[0].electricity_mwh = 2e15);
    assert!(
        validate(&s)[0].message.contains("2e15 is more than 1e15"),
        "{:?}",
        validate(&s)
    );
    let s = with(|s| s.sites[0].electricity_mwh = 123_456_789.0);
    assert!(refused(&s).is_empty());
}

#[test]
fn texts_are_limited_in_length_and_control_characters() {
    type Set = fn(&mut Scenario, String);
    let single: Vec<(&str, usize, Set)> = vec![
        ("regions[0].id", limits::ID_CHARS, |s, t| {
            s.sites[0].region = t.clone();
            s.regions[0].id = t;
        }),
        ("sites[0].name", limits::NAME_CHARS, |s, t| s.sites[0].name = t),
        ("meta.name", limits::NAME_CHARS, |s, t| s.meta.name = t),
        ("meta.author", limits::NAME_CHARS, |s, t| s.meta.author = t),
        ("fuels[0].unit", limits::NAME_CHARS, |s, t| {
            s.fuels[0].unit = Some(t)
        }),
        ("targets[0].label", limits::NAME_CHARS, |s, t| {
            s.targets[0].label = t
        }),
        ("meta.description", limits::TEXT_CHARS, |s, t| {
            s.meta.description = t
        }),
        ("sites[0].source", limits::TEXT_CHARS, |s, t| {
            s.sites[0].source = t
        }),
        ("ppas[0].assumption", limits::TEXT_CHARS, |s, t| {
            s.ppas[0].assumption = Some(t)
        }),
    ];
    for (path, max, set) in single {
        // Characters, not bytes: a limit of Japanese text is as long as one of Latin.
        let at = with(|s| set(s, "銅".repeat(max)));
        assert!(refused(&at).is_empty(), "{path} at {max}: {:?}", refused(&at));
        let beyond = with(|s| set(s, "銅".repeat(max + 1)));
        assert!(
            refused(&beyond).contains(&path.to_string()),
            "{path}: {:?}",
            refused(&beyond)
        );
        let escape = with(|s| set(s, "a\u{1b}]0;x\u{7}".into()));
        assert!(
            refused(&escape).contains(&path.to_string()),
            "{path}: {:?}",
            refused(&escape)
        );
    }
    // Bidirectional overrides, which make an id or a name read as another, are refused too.
    for c in ['\u{202e}', '\u{2066}', '\u{200f}'] {
        let id = with(|s| s.regions[0].id = format!("ja{c}pan"));
        assert!(refused(&id).contains(&"regions[0].id".to_string()), "{c:?}");
        let name = with(|s| s.sites[0].name = format!("Wo{c}rks"));
        assert_eq!(refused(&name), vec!["sites[0].name"], "{c:?}");
    }
    // Notes keep line breaks and tabs; names do not.
    assert!(refused(&with(|s| s.meta.description = "one\n\ttwo".into())).is_empty());
    assert_eq!(
        refused(&with(|s| s.sites[0].name = "one\ntwo".into())),
        vec!["sites[0].name"]
    );
}

#[test]
fn problems_are_capped_and_unknown_ids_suggest_the_nearest_ten() {
    // 1,000 problems are listed; beyond that, one line counts the rest.
    let errors = |n: usize| {
        with(move |s| {
            s.sites[0].co2_free_share = Path::default();
            s.sites[0].fuel_switches.clear();
            s.materials.clear();
            s.ppas.clear();
            let site = s.sites[0].clone();
            s.sites = (0..n)
                .map(|i| model::Site {
                    id: format!("s{i}"),
                    region: "nowhere".into(),
                    ..site.clone()
                })
                .collect();
        })
    };
    assert_eq!(validate(&errors(limits::PROBLEMS)).len(), limits::PROBLEMS);
    let p = validate(&errors(limits::PROBLEMS + 7));
    assert_eq!(p.len(), limits::PROBLEMS + 1);
    assert_eq!(
        p[limits::PROBLEMS].message,
        "… and 7 more problems not listed; fix these first"
    );
    assert_eq!(p[limits::PROBLEMS].path, "");
    // The count is the same whichever check found the problems beyond the cap.
    type Spoil = fn(&mut model::Site);
    let spoil: [Spoil; 3] = [
        |x| x.electricity_mwh = -1.0,
        |x| x.co2_free_share = Path(vec![(1900, 0.5)]),
        |x| x.fuels[1].fuel = "peat".into(),
    ];
    for f in spoil {
        let s = with(|s| {
            s.materials.clear();
            s.ppas.clear();
            let mut site = s.sites[0].clone();
            f(&mut site);
            s.sites = (0..limits::PROBLEMS + 7)
                .map(|i| model::Site {
                    id: format!("s{i}"),
                    ..site.clone()
                })
                .collect();
        });
        let p = validate(&s);
        assert_eq!(p.len(), limits::PROBLEMS + 1);
        assert_eq!(
            p[limits::PROBLEMS].message,
            "… and 7 more problems not listed; fix these first"
        );
    }
    // Unknown sites, from materials, beyond the cap too.
    let s = with(|s| {
        let m = s.materials[0].clone();
        s.materials = (0..limits::PROBLEMS + 7)
            .map(|i| model::Material {
                id: format!("m{i}"),
                site: Some("nowhere".into()),
                ..m.clone()
            })
            .collect();
    });
    let p = validate(&s);
    assert_eq!(p.len(), limits::PROBLEMS + 1);
    assert_eq!(
        p[limits::PROBLEMS].message,
        "… and 7 more problems not listed; fix these first"
    );
    // Suggestions: nearest first (edit distance: japan and japn 1, jpan 2, usa 3, then the
    // 4s in order; chile 5 and germany 6 are left out), at most ten, and how many there are.
    let s = with(|s| {
        let r = s.regions[0].clone();
        s.regions = [
            "japan", "japn", "jpan", "china", "chile", "korea", "taiwan", "germany", "usa", "uk", "india",
            "italy",
        ]
        .iter()
        .map(|id| model::GridRegion {
            id: id.to_string(),
            ..r.clone()
        })
        .collect();
        s.sites[0].region = "japa".into();
    });
    let m = &validate(&s)[0].message;
    assert_eq!(
        m,
        "unknown region \"japa\" (regions: nearest: japan, japn, jpan, usa, china, india, italy, korea, taiwan, uk … of 12)"
    );
    let few = with(|s| s.sites[0].region = "x".repeat(100));
    let m = &validate(&few)[0].message;
    assert_eq!(
        m,
        &format!("unknown region \"{}…\" (regions: japan)", "x".repeat(64))
    );
}

#[test]
fn only_the_first_unknown_references_get_suggestions_and_none_can_break_a_line() {
    let s = with(|s| {
        let site = s.sites[0].clone();
        s.materials.clear();
        s.ppas.clear();
        s.sites = (0..limits::SUGGESTED_REFERENCES + 1)
            .map(|i| model::Site {
                id: format!("s{i}"),
                region: format!("nowhere{i}\nplan.ron: ok"),
                ..site.clone()
            })
            .collect();
    });
    let p = validate(&s);
    let regions: Vec<&str> = p
        .iter()
        .filter(|p| p.path.ends_with(".region"))
        .map(|p| p.message.as_str())
        .collect();
    assert_eq!(regions.len(), limits::SUGGESTED_REFERENCES + 1);
    assert!(regions[0].ends_with("(regions: japan)"), "{}", regions[0]);
    let last = limits::SUGGESTED_REFERENCES - 1;
    assert!(regions[last].ends_with("(regions: japan)"), "{}", regions[last]);
    assert!(regions[limits::SUGGESTED_REFERENCES].ends_with("(regions: see the ids of the file)"));
    // The line break of the reference is shown, not printed.
    assert!(
        regions.iter().all(|m| !m.contains('\n') && m.contains("nowhere")),
        "{regions:?}"
    );
    assert!(regions[0].contains("\\u{a}plan.ron: ok"), "{}", regions[0]);
}

/// The guard behind the bounds: a scenario built in code past validation, whose run overflows,
/// is named by site and year.
#[test]
fn a_run_that_is_not_finite_is_refused_with_its_site() {
    let mut s = minimal();
    assert_eq!(decarb::engine::check_finite(&s), Ok(()));
    s.fuels[0].gj_per_unit = Some(1e308);
    let (path, message) = decarb::engine::check_finite(&s).unwrap_err();
    assert_eq!(path, "sites[0]");
    assert!(
        message.contains("site \"works\"") && message.contains("FY2018"),
        "{message}"
    );
}

/// Compiled fuel slots are sparse: a site's fuels are summed per fuel, the same fuel listed
/// twice (which validation refuses, but the engine may be handed) counts twice.
#[test]
fn a_sites_fuels_are_summed_per_fuel() {
    let mut s = minimal();
    s.sites[0].fuel_switches.clear();
    s.sites[0].fuels = vec![
        model::FuelUse {
            fuel: "city_gas".into(),
            gj: Some(1000.0),
            quantity: None,
        },
        model::FuelUse {
            fuel: "city_gas".into(),
            gj: Some(500.0),
            quantity: None,
        },
    ];
    s.sites[0].process_t_co2 = 0.0;
    let p = decarb::engine::project(&s);
    let t = p.totals(2018).unwrap();
    // 1,500 GJ × 0.0499 t/GJ
    assert!((t.scope1 - 1500.0 * 0.0499).abs() < 1e-9, "{}", t.scope1);
}

/// Rules from one fuel may move up to 100 % of it, to within 1e-9: a sum of exactly 1 + 1e-9
/// is accepted, anything above refused.
#[test]
fn switch_rules_from_one_fuel_sum_to_at_most_one_within_1e_9() {
    let rules = |a: f64, b: f64| {
        with(move |s| {
            let r = s.sites[0].fuel_switches[0].clone();
            s.sites[0].fuel_switches = vec![
                model::FuelSwitch {
                    share: Path(vec![(2025, a)]),
                    ..r.clone()
                },
                model::FuelSwitch {
                    to: "electricity".into(),
                    share: Path(vec![(2025, b)]),
                    ..r
                },
            ];
        })
    };
    let edge = (1.0 + 1e-9) - 0.5;
    assert_eq!(0.5 + edge, 1.0 + 1e-9);
    assert!(
        refused(&rules(0.5, edge)).is_empty(),
        "{:?}",
        refused(&rules(0.5, edge))
    );
    let over = f64::from_bits(edge.to_bits() + 4);
    assert_eq!(refused(&rules(0.5, over)), vec!["sites[0].fuel_switches"]);
}

/// Recycled and low-carbon shares of a material sum to at most 1, to within 1e-9.
#[test]
fn material_shares_sum_to_at_most_one_within_1e_9() {
    let shares = |a: f64, b: f64| {
        with(move |s| {
            s.materials[0].recycled_share = Path(vec![(2025, a)]);
            s.materials[0].low_carbon_share = Path(vec![(2025, b)]);
        })
    };
    let edge = (1.0 + 1e-9) - 0.5;
    assert!(refused(&shares(0.5, edge)).is_empty());
    let over = f64::from_bits(edge.to_bits() + 4);
    assert_eq!(refused(&shares(0.5, over)), vec!["materials[0].low_carbon_share"]);
}

/// History from 1900 on; an intensity target's reference year before the base year needs the
/// denominator in history.
#[test]
fn history_from_1900_and_intensity_references_before_the_base_year() {
    let year = |y: i32| {
        with(move |s| {
            let mut h = s.history[0].clone();
            h.year = y;
            s.history.push(h);
        })
    };
    assert!(refused(&year(1900)).is_empty());
    assert_eq!(refused(&year(1899)), vec!["history[1].year"]);
    for per in [model::Per::Tonne, model::Per::MillionJpy] {
        let s = with(move |s| {
            let mut h = s.history[0].clone();
            h.year = 2010;
            s.history.push(h);
            s.revenue_jpy = Path(vec![(2018, 1e9)]);
            s.targets[0].kind = model::TargetKind::Intensity {
                reduction_pct: 30.0,
                reference_year: 2010,
                per,
            };
        });
        assert_eq!(refused(&s), vec!["targets[0].kind.reference_year"], "{per:?}");
        // With the denominator in an actual of that year: accepted. In an outlook, neither the
        // emissions nor the denominator count: both are reported.
        for (kind, ok) in [
            (model::HistoryKind::Actual, true),
            (model::HistoryKind::Outlook, false),
        ] {
            let mut t = s.clone();
            let h = t.history.last_mut().unwrap();
            h.production_t = Some(1000.0);
            h.revenue_jpy = Some(1e9);
            h.kind = kind;
            let r = refused(&t);
            let expected: Vec<String> = if ok {
                vec![]
            } else {
                vec!["targets[0].kind.reference_year".into(); 2]
            };
            assert_eq!(r, expected, "{per:?} {kind:?}");
        }
    }
}

/// One lever's path checked alone (while it is dragged), with the field named; paths with
/// rules across fields are left to the whole check.
#[test]
fn a_single_lever_path_is_checked_with_its_field_name() {
    use decarb::model::edit::PathRef;
    use decarb::model::validate::validate_path_ref;
    let mut s = minimal();
    let (name, problems) = validate_path_ref(&s, PathRef::SiteCo2Free(0)).unwrap();
    assert_eq!((name.as_str(), problems.len()), ("sites[0].co2_free_share", 0));
    s.sites[0].co2_free_share = Path(vec![(2020, 1.5)]);
    let (name, problems) = validate_path_ref(&s, PathRef::SiteCo2Free(0)).unwrap();
    assert_eq!(name, "sites[0].co2_free_share");
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0].message.contains("outside 0..1"),
        "{}",
        problems[0].message
    );
    assert!(validate_path_ref(&s, PathRef::SiteActivity(0)).is_none());
}

/// A price path dragged alone: the same field names and checks as the whole file's; prices
/// with a fallback or a sign of their own are left to the whole check.
#[test]
fn a_single_price_path_is_checked_with_its_field_name() {
    use decarb::model::edit::PathRef;
    use decarb::model::validate::{validate, validate_path_ref};
    let mut s = minimal();
    let negative = Path(vec![(2020, -1.0)]);
    for (r, field) in [
        (PathRef::CreditPrice, "credits.price_jpy_per_t"),
        (PathRef::CarbonPrice, "carbon_price_jpy_per_t"),
        (PathRef::RegionPowerPrice(0), "regions[0].power_price_jpy_per_mwh"),
        (PathRef::FuelPrice(1), "fuels[1].price_jpy_per_gj"),
        (PathRef::PpaPrice(0), "ppas[0].price_jpy_per_mwh"),
    ] {
        let (name, problems) = validate_path_ref(&s, r).unwrap();
        assert_eq!((name.as_str(), problems.len()), (field, 0), "{r:?}");
        let mut bad = s.clone();
        *r.get_mut(&mut bad).unwrap() = negative.clone();
        let (_, problems) = validate_path_ref(&bad, r).unwrap();
        assert_eq!(problems.len(), 1, "{r:?}");
        // the same problem as the whole check finds
        assert!(validate(&bad).iter().any(|p| p.path == problems[0].path), "{r:?}");
    }
    for r in [
        PathRef::RegionPremium(0),
        PathRef::SitePremium(0),
        PathRef::SiteProcessOpex(0),
        PathRef::PpaOpex(0),
        PathRef::MaterialRecycledPrice(0),
        PathRef::MaterialLowCarbonPrice(0),
    ] {
        assert!(validate_path_ref(&s, r).is_none(), "{r:?}");
    }
    s.credits.price_jpy_per_t = negative;
    assert!(!validate(&s).is_empty());
}
