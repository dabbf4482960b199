//! Engine benchmarks: one projection of the JX scenario and of a generated 100-site company.

use criterion::{Criterion, criterion_group, criterion_main};
use decarb::engine::{Engine, LeverSet, Run, project, wedges};
use decarb::{model, synthetic};
use std::hint::black_box;

fn engine(c: &mut Criterion) {
    let jx = model::from_str(decarb::DEFAULT_SCENARIO).expect("embedded scenario");
    c.bench_function("jx/project (compile + scenario + BAU)", |b| {
        b.iter(|| project(black_box(&jx)))
    });
    let compiled = Engine::new(&jx);
    let mut run = Run::new(&compiled);
    c.bench_function("jx/run_into (one run, reused buffers)", |b| {
        b.iter(|| compiled.run_into(black_box(LeverSet::ALL), &mut run))
    });

    // The same file without any price: the cost pass is skipped (ANALYSES.md §1.13).
    let mut bare = jx.clone();
    for r in &mut bare.regions {
        r.power_price_jpy_per_mwh = model::Path::default();
        r.co2_free_premium_jpy_per_mwh = model::Path::default();
    }
    bare.carbon_price_jpy_per_t = model::Path::default();
    assert!(!decarb::engine::cost::has_prices(&bare));
    let compiled_bare = Engine::new(&bare);
    let mut run_bare = Run::new(&compiled_bare);
    c.bench_function("jx-without-prices/run_into (one run, no cost pass)", |b| {
        b.iter(|| compiled_bare.run_into(black_box(LeverSet::ALL), &mut run_bare))
    });
    let targets = decarb::engine::targets::evaluate(&jx, &project(&jx));
    let metric = decarb::engine::Metric::default_for(&jx);
    c.bench_function("jx/wedges + cost Shapley (runs, wedges, cost analysis)", |b| {
        b.iter(|| {
            let runs = compiled.lever_runs();
            let w = runs.wedges(black_box(&metric));
            let a = runs.cost(&jx, &compiled, &metric, &targets);
            (w, a)
        })
    });

    // The two halves of the above: the 2^k runs with the Shapley detail, then the analysis.
    c.bench_function("jx/lever runs (2^k runs, cost detail accumulated)", |b| {
        b.iter(|| compiled.lever_runs())
    });
    let runs = compiled.lever_runs();
    c.bench_function("jx/cost analysis from the lever runs", |b| {
        b.iter(|| runs.cost(&jx, &compiled, black_box(&metric), &targets))
    });

    c.bench_function(
        "jx/wedges (Shapley over every active lever group, all years)",
        |b| {
            b.iter(|| {
                let runs = compiled.lever_runs();
                runs.wedges(black_box(&wedges::Metric::net(&jx)))
            })
        },
    );

    let big = synthetic::scenario(100, 7);
    assert!(model::validate::validate(&big).is_empty());
    c.bench_function("synthetic-100-sites/project", |b| {
        b.iter(|| project(black_box(&big)))
    });
    let compiled = Engine::new(&big);
    let mut run = Run::new(&compiled);
    c.bench_function("synthetic-100-sites/run_into", |b| {
        b.iter(|| compiled.run_into(black_box(LeverSet::ALL), &mut run))
    });
}

/// A lever moved in the window on a 1,000-site company: the edited site recompiled, the
/// scenario run again, BAU reused (what `Document::apply_edits` does on every frame of a drag).
fn big_company(c: &mut Criterion) {
    let big = synthetic::company(1000);
    c.bench_function("synthetic-1000-sites/project (full)", |b| {
        b.iter(|| project(black_box(&big)))
    });
    let mut engine = Engine::new(&big);
    let p = engine.project(&big);
    let mut s = big.clone();
    let mut k = 0u32;
    c.bench_function(
        "synthetic-1000-sites/lever edit (1 site recompiled, BAU reused)",
        |b| {
            b.iter(|| {
                k += 1;
                let share = f64::from(k % 100) / 100.0;
                s.sites[0].co2_free_share = model::Path(vec![(2029, 0.0), (2030, share)]);
                engine.recompile_sites(&s, &[0]);
                engine.project_with_bau(&s, Some(p.bau.clone()))
            })
        },
    );
    let jx = model::from_str(decarb::DEFAULT_SCENARIO).expect("embedded scenario");
    let pj = project(&jx);
    let m = decarb::engine::Metric::default_for(&jx);
    c.bench_function("jx/one lever's effect (tooltip)", |b| {
        b.iter(|| {
            decarb::engine::levers::effect(
                &jx,
                &pj,
                black_box(decarb::engine::levers::LeverRef::Co2Free { site: 10 }),
                &m,
            )
        })
    });
}

/// The Monte Carlo (ANALYSES.md §9.25): the kernel per draw, 1,000 and 10,000 draws of the
/// 20-site synthetic company with the numpy reference's inputs (one multiplier per region,
/// site and PPA), and JX's own inputs.
fn monte_carlo(c: &mut Criterion) {
    use decarb::engine::uncertainty::{Evaluator, Options, Progress, Study};
    let mut s = synthetic::scenario(20, 7);
    synthetic::reference_uncertainty(&mut s);
    let e = Engine::new(&s);
    let study = Study::new(&s);
    let eval = Evaluator::new(&study, &s, &e, false);
    let k = study.design(1, 1);
    let mut scr = eval.scratch();
    let mut out = vec![0.0; eval.per_draw()];
    c.bench_function("mc/kernel, one draw (20-site synthetic, 33 years)", |b| {
        b.iter(|| eval.one(black_box(&k), &mut out, &mut scr))
    });
    for n in [1_000usize, 10_000] {
        c.bench_function(
            &format!("mc/{n} draws (20-site synthetic: design, kernel, percentiles, P(met))"),
            |b| {
                b.iter(|| {
                    study
                        .run(
                            &s,
                            &e,
                            Options {
                                draws: Some(n),
                                ..Options::default()
                            },
                            &Progress::default(),
                        )
                        .unwrap()
                })
            },
        );
    }
    let jx = model::from_str(decarb::DEFAULT_SCENARIO).expect("embedded scenario");
    let ej = Engine::new(&jx);
    let sj = Study::new(&jx);
    c.bench_function("mc/jx 1,000 draws (its own inputs, kernel)", |b| {
        b.iter(|| {
            sj.run(&jx, &ej, Options::default(), &Progress::default())
                .unwrap()
        })
    });
    c.bench_function("mc/jx 1,000 draws with cost percentiles (generic path)", |b| {
        b.iter(|| {
            sj.run(
                &jx,
                &ej,
                Options {
                    cost: true,
                    ..Options::default()
                },
                &Progress::default(),
            )
            .unwrap()
        })
    });
}

/// JX with every site's CO2-free share, the PPA, recycling and process change as levers
/// (ANALYSES.md §3.8), against `level`: its own FY2030 target, or a Level target.
fn jx_goal_seek(level_t: Option<f64>) -> model::Scenario {
    use decarb::model::{GoalSeek, LeverRef, SeekLever, Target, TargetKind};
    let mut s = model::from_str(decarb::DEFAULT_SCENARIO).expect("embedded scenario");
    let label = match level_t {
        None => s.targets[0].label.clone(),
        Some(t) => {
            let mut tg: Target = s.targets[0].clone();
            tg.label = "Level".into();
            tg.kind = TargetKind::Level { t_co2: t };
            s.targets.push(tg);
            "Level".into()
        }
    };
    let l = |lever, max| SeekLever {
        lever,
        min: None,
        max,
        reach_year: None,
    };
    s.goal_seek = Some(GoalSeek {
        targets: vec![label],
        levers: vec![
            l(LeverRef::Co2Free { site: "*".into() }, None),
            l(LeverRef::ProcessChange { site: "*".into() }, None),
            l(LeverRef::Recycled { material: "*".into() }, None),
            l(
                LeverRef::Ppa {
                    ppa: "kurami_offsite_pv".into(),
                },
                Some(100.0),
            ),
        ],
        ..GoalSeek::default()
    });
    s
}

fn goal_seek(c: &mut Criterion) {
    use decarb::engine::goal_seek::{Options, seek};
    let opts = Options::default();
    for seed in [11, 13, 7] {
        let s = synthetic::goal_seek_case(20, seed);
        c.bench_function(
            &format!("goal_seek/synthetic 20 sites seed {seed} (−30 %)"),
            |b| b.iter(|| seek(black_box(&s), &opts, None).unwrap()),
        );
    }
    let jx = jx_goal_seek(None);
    c.bench_function("goal_seek/jx own target (already met)", |b| {
        b.iter(|| seek(black_box(&jx), &opts, None).unwrap())
    });
    let plan = project(&jx);
    let y2030 = plan.totals(2030).expect("FY2030");
    let jx = jx_goal_seek(Some(0.6 * (y2030.scope1 + y2030.scope2_market)));
    c.bench_function("goal_seek/jx level 60 % of the plan's FY2030", |b| {
        b.iter(|| seek(black_box(&jx), &opts, None).unwrap())
    });
}

criterion_group!(benches, engine, big_company, monte_carlo, goal_seek);
criterion_main!(benches);
