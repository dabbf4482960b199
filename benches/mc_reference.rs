//! The Monte Carlo against a vectorised numpy implementation of the same draws (ANALYSES.md
//! §9.25). Writes the kernel's arrays and the 10,000 draws' multipliers of the 20-site
//! synthetic company (the reference's inputs) to a JSON file, and times the Rust analysis
//! of the same draws on 1 thread and on every core: whole (sampling, kernel, percentiles,
//! P(met)) and from the multipliers on (the numpy side's share of the work).
//! `benches/mc_numpy.py` runs this, then numpy on the JSON, and prints the ratio.
//!
//! `cargo bench --bench mc_reference -- OUT.json`

use decarb::engine::Engine;
use decarb::engine::uncertainty::{Options, Progress, Study, reference_json};
use decarb::synthetic;
use std::time::Instant;

fn median_ms(mut f: impl FnMut(), reps: usize) -> f64 {
    f();
    let mut t: Vec<f64> = (0..reps)
        .map(|_| {
            let s = Instant::now();
            f();
            s.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    t.sort_by(f64::total_cmp);
    t[reps / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // `cargo bench` passes --bench; `cargo test --benches` does not: then one quick pass
    let bench = args.iter().any(|a| a == "--bench");
    let out = args
        .iter()
        .find(|a| a.ends_with(".json"))
        .cloned()
        .unwrap_or_else(|| "target/mc_reference.json".into());
    let (n, reps) = if bench { (10_000, 15) } else { (200, 1) };
    let mut s = synthetic::scenario(20, 7);
    synthetic::reference_uncertainty(&mut s);
    let e = Engine::new(&s);
    let study = Study::new(&s);
    let opt = Options {
        draws: Some(n),
        ..Options::default()
    };
    let run = || {
        study
            .run(&s, &e, opt, &Progress::default())
            .expect("not cancelled");
    };
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("pool");
    let t1 = one.install(|| median_ms(run, reps));
    let tn = median_ms(run, reps);
    // The same work as the numpy side: the draws' multipliers ready, then the kernel and the
    // percentiles.
    let mults = study.design(n, study.seed);
    let eval = || {
        study
            .run_design(&s, &e, &mults, opt, &Progress::default())
            .expect("not cancelled");
    };
    let e1 = one.install(|| median_ms(eval, reps));
    let en = median_ms(eval, reps);
    let json = reference_json(&s, n).expect("kernel inputs");
    std::fs::write(&out, json).expect("write the reference JSON");
    println!(
        "{{\"rust_ms_1_thread\": {t1:.3}, \"rust_ms_all_threads\": {tn:.3}, \"rust_eval_ms_1_thread\": {e1:.3}, \"rust_eval_ms_all_threads\": {en:.3}, \"threads\": {}, \"draws\": {n}, \"sites\": {}, \"years\": {}, \"inputs\": {}, \"json\": \"{out}\"}}",
        rayon::current_num_threads(),
        s.sites.len(),
        study.years,
        study.inputs.len()
    );
}
