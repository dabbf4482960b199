#!/usr/bin/env python3
"""The Monte Carlo fan in vectorised numpy, against the Rust kernel (ANALYSES.md §9.25).

Runs `cargo bench --bench mc_reference` (the Rust analysis of 10,000 draws of the 20-site
synthetic company, timed on 1 thread and on every core, which writes the kernel's stored
arrays and the draws' multipliers to JSON), then evaluates the same draws with the same
formulas in numpy (whole arrays of draws × years, no Python loop over draws), checks that the
P5/P50/P95 of the metric agree with Rust's, and prints the timings and the ratio.

numpy's time covers the kernel and the percentiles; the draws' multipliers come ready from
the JSON. Two ratios are printed: against Rust's whole analysis (which also draws the Latin
hypercube and the inverse CDFs) and against Rust from the same ready multipliers (the same
work).

    python3 benches/mc_numpy.py                    # builds and runs the Rust side too
    python3 benches/mc_numpy.py --json F --rust-line '{"rust_ms_1_thread": ...}'

numpy is installed by this script (pip --user) when missing; CI does not run it.
"""

import json
import os
import subprocess
import sys
import time


def ensure_numpy():
    try:
        import numpy  # noqa: F401
    except ImportError:
        subprocess.check_call(
            [sys.executable, "-m", "pip", "install", "--user", "--quiet", "numpy"]
        )
    import numpy

    return numpy


np = ensure_numpy()


def rust_side(out):
    """Runs the Rust reference bench; returns its JSON line."""
    cmd = [
        "cargo", "bench", "--no-default-features", "--bench", "mc_reference", "--", out,
    ]
    text = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    line = [l for l in text.splitlines() if l.startswith("{")][-1]
    return json.loads(line)


def arr(v):
    return np.asarray(v, dtype=np.float64)


def prepare(doc):
    """The JSON's lists as numpy arrays, once (not timed)."""
    k = doc["kernel"]
    years = int(k["years"])
    n, ni = doc["draws"], doc["inputs"]
    km = arr(doc["km"]).reshape(n, ni, years)
    regions = len(k["region_inputs"])
    prep = {
        "years": years,
        "n": n,
        "km": km,
        "net_s3": bool(k["net_s3"]),
        "ef": arr(k["ef"]).reshape(regions, years),
        "ef_loc": arr(k["ef_loc"]).reshape(regions, years),
        "credits": arr(k["credits"]),
        "region_inputs": [list(map(int, r)) for r in k["region_inputs"]],
        "org_weights": bool(k["org_weights"]),
        "metric": arr(doc["metric"]),
    }

    def mats(lst):
        out = []
        for m in lst:
            ins = [int(x) for x in m["inputs"]]
            out.append({
                "q": arr(m["q"]),
                "sum": arr(m["sum"]),
                "terms": arr(m["terms"]).reshape(years, 3),
                "inputs": list(zip(ins[0::2], ins[1::2])),
            })
        return out

    sites = []
    for s in k["sites"]:
        site = {key: arr(s[key]) for key in
                ("e2", "re", "vre", "c", "fuel", "process", "kappa", "o", "weight")}
        site["region"] = int(s["region"])
        site["act"] = [int(i) for i in s["act_inputs"]]
        site["proc"] = [int(i) for i in s["proc_inputs"]]
        site["assets"] = [{
            "out": arr(a["out"]), "virtual": bool(a["virtual"]),
            "inputs": [int(i) for i in a["inputs"]], "k_max": float(a["k_max"]),
        } for a in s["assets"]]
        site["mats"] = mats(s["mats"])
        sites.append(site)
    prep["sites"] = sites
    prep["org"] = mats(k["org"])
    return prep


# Route codes of the JSON (Route as u8): All, Primary, Recycled, LowCarbon.
ROUTES = {0: (1, 1, 1), 1: (1, 0, 0), 2: (0, 1, 0), 3: (0, 0, 1)}


def product(km, inputs, base):
    f = base
    for i in inputs:
        f = f * km[:, i, :]
    return f


def mat(m, km, ka, o):
    if not m["inputs"]:
        return m["q"] * ka * m["sum"] * o
    tp, tr, tl = (m["terms"][:, j] for j in range(3))
    tp, tr, tl = (np.broadcast_to(t, ka.shape) for t in (tp, tr, tl))
    for i, route in m["inputs"]:
        k = km[:, i, :]
        a, b, c = ROUTES[route]
        tp = tp * k if a else tp
        tr = tr * k if b else tr
        tl = tl * k if c else tl
    return m["q"] * ka * (tp + tr + tl) * o


def fan(p):
    """The metric's P5, P50, P95 per year for every draw at once: [draws, years] arrays."""
    km, years, n = p["km"], p["years"], p["n"]
    ones = np.ones((n, years))
    efk = [p["ef"][r] * product(km, ins, ones) for r, ins in enumerate(p["region_inputs"])]
    eflk = [p["ef_loc"][r] * product(km, ins, ones) for r, ins in enumerate(p["region_inputs"])]
    s1 = np.zeros((n, years))
    s2m = np.zeros((n, years))
    s2l = np.zeros((n, years))
    s3 = np.zeros((n, years))
    num = np.zeros((n, years))
    den = np.zeros(years)
    for s in p["sites"]:
        fa = product(km, s["act"], ones)
        fp = product(km, s["proc"], fa)
        if s["assets"]:
            re = np.zeros((n, years))
            vre = np.zeros((n, years))
            for a in s["assets"]:
                m = np.minimum(product(km, a["inputs"], ones), a["k_max"])
                if a["virtual"]:
                    vre = vre + a["out"] * m
                else:
                    re = re + a["out"] * m
        else:
            re, vre = s["re"], s["vre"]
        grid = np.maximum(s["e2"] * fa - re, 0.0)
        g = grid * (1.0 - s["c"]) - vre
        s2m += np.maximum(g, 0.0) * efk[s["region"]] * s["o"]
        s2l += grid * eflk[s["region"]] * s["o"]
        s1 += s["fuel"] * fa + s["process"] * fp + s["kappa"] * fa
        if p["org_weights"]:
            num += s["weight"] * fa
            den += s["weight"]
        for m in s["mats"]:
            s3 += mat(m, km, fa, s["o"])
    if p["org"]:
        ka = np.where(den != 0.0, num / np.where(den != 0.0, den, 1.0), 1.0) \
            if p["org_weights"] else ones
        for m in p["org"]:
            s3 += mat(m, km, ka, 1.0)
    w = p["metric"]
    metric = w[0] * s1 + w[1] * s2m + w[2] * s2l + w[3] * s3 + w[4] * p["credits"]
    return np.percentile(metric, [5, 50, 95], axis=0)


def main():
    args = sys.argv[1:]
    out = "target/mc_reference.json"
    rust = None
    if "--json" in args:
        out = args[args.index("--json") + 1]
    if "--rust-line" in args:
        rust = json.loads(args[args.index("--rust-line") + 1])
    if rust is None:
        os.makedirs(os.path.dirname(out) or ".", exist_ok=True)
        rust = rust_side(out)
    with open(out) as f:
        doc = json.load(f)
    p = prepare(doc)
    times = []
    for _ in range(5):
        t = time.perf_counter()
        pct = fan(p)
        times.append((time.perf_counter() - t) * 1e3)
    numpy_ms = sorted(times)[len(times) // 2]
    worst = 0.0
    for row, key in zip(pct, ("p5", "p50", "p95")):
        ref = arr(doc[key])
        rel = np.abs(row - ref) / np.maximum(np.abs(ref), 1.0)
        worst = max(worst, float(rel.max()))
    result = {
        "draws": p["n"],
        "years": p["years"],
        "sites": len(p["sites"]),
        "inputs": int(doc["inputs"]),
        "numpy_ms": round(numpy_ms, 2),
        "numpy_version": np.__version__,
        "rust_ms_1_thread": rust["rust_ms_1_thread"],
        "rust_ms_all_threads": rust["rust_ms_all_threads"],
        "threads": rust.get("threads"),
        "rust_eval_ms_1_thread": rust.get("rust_eval_ms_1_thread"),
        "rust_eval_ms_all_threads": rust.get("rust_eval_ms_all_threads"),
        "ratio_1_thread": round(numpy_ms / rust["rust_ms_1_thread"], 1),
        "ratio_all_threads": round(numpy_ms / rust["rust_ms_all_threads"], 1),
        "ratio_same_work_1_thread": round(numpy_ms / rust["rust_eval_ms_1_thread"], 1),
        "ratio_same_work_all_threads": round(numpy_ms / rust["rust_eval_ms_all_threads"], 1),
        "max_rel_diff_p5_p50_p95": worst,
    }
    print(json.dumps(result, indent=1))
    if worst > 1e-9:
        sys.exit("numpy and Rust disagree on the percentiles")


if __name__ == "__main__":
    main()
