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

criterion_group!(benches, engine);
criterion_main!(benches);
