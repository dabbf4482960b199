//! Inverse CDFs of the multiplier distributions (ANALYSES.md §2.4, §9.27). Every draw goes
//! through one, so Latin hypercube strata map to quantiles. Transcendental functions come from
//! `libm` (a port of musl's), so draws are the same bits on every machine.

use crate::model::Dist;

/// Φ⁻¹(p) by Wichura's AS241 (PPND16), relative error about 1e-16; `p` in (0, 1). The
/// coefficients are written as published (more digits than an f64 holds).
#[allow(clippy::excessive_precision)]
pub fn normal_quantile(p: f64) -> f64 {
    let q = p - 0.5;
    if q.abs() <= 0.425 {
        let r = 0.180625 - q * q;
        let num = ((((((2509.0809287301226727 * r + 33430.575583588128105) * r + 67265.770927008700853)
            * r
            + 45921.953931549871457)
            * r
            + 13731.693765509461125)
            * r
            + 1971.5909503065514427)
            * r
            + 133.14166789178437745)
            * r
            + 3.387132872796366608;
        let den = ((((((5226.495278852545925 * r + 28729.085735721942674) * r + 39307.89580009271061) * r
            + 21213.794301586595867)
            * r
            + 5394.1960214247511077)
            * r
            + 687.1870074920579083)
            * r
            + 42.313330701600911252)
            * r
            + 1.0;
        return q * num / den;
    }
    let tail = if q < 0.0 { p } else { 1.0 - p };
    if tail <= 0.0 {
        return if q < 0.0 { f64::NEG_INFINITY } else { f64::INFINITY };
    }
    let mut r = libm::sqrt(-libm::log(tail));
    let v = if r <= 5.0 {
        r -= 1.6;
        let num = ((((((7.7454501427834140764e-4 * r + 0.0227238449892691845833) * r
            + 0.24178072517745061177)
            * r
            + 1.27045825245236838258)
            * r
            + 3.64784832476320460504)
            * r
            + 5.7694972214606914055)
            * r
            + 4.6303378461565452959)
            * r
            + 1.42343711074968357734;
        let den = ((((((1.05075007164441684324e-9 * r + 5.475938084995344946e-4) * r
            + 0.0151986665636164571966)
            * r
            + 0.14810397642748007459)
            * r
            + 0.68976733498510000455)
            * r
            + 1.6763848301838038494)
            * r
            + 2.05319162663775882187)
            * r
            + 1.0;
        num / den
    } else {
        r -= 5.0;
        let num = ((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r
            + 0.0012426609473880784386)
            * r
            + 0.026532189526576123093)
            * r
            + 0.29656057182850489123)
            * r
            + 1.7848265399172913358)
            * r
            + 5.4637849111641143699)
            * r
            + 6.6579046435011037772;
        let den = ((((((2.04426310338993978564e-15 * r + 1.4215117583164458887e-7) * r
            + 1.8463183175100546818e-5)
            * r
            + 7.868691311456132591e-4)
            * r
            + 0.0148753612908506148525)
            * r
            + 0.13692988092273580531)
            * r
            + 0.59983220655588793769)
            * r
            + 1.0;
        num / den
    };
    if q < 0.0 { -v } else { v }
}

/// Φ(x), the standard normal CDF.
pub fn normal_cdf(x: f64) -> f64 {
    0.5 * libm::erfc(-x / std::f64::consts::SQRT_2)
}

/// The multiplier at quantile `u` ∈ (0, 1) of a distribution.
pub fn quantile(d: &Dist, u: f64) -> f64 {
    match *d {
        Dist::Uniform { min, max } => min + u * (max - min),
        Dist::Triangular { min, mode, max } => {
            let w = max - min;
            if w <= 0.0 {
                return mode;
            }
            let fc = (mode - min) / w;
            if u < fc {
                min + libm::sqrt(u * w * (mode - min))
            } else {
                max - libm::sqrt((1.0 - u) * w * (max - mode))
            }
        }
        Dist::Normal { mean, sd } => {
            if sd <= 0.0 {
                return mean;
            }
            let lo = normal_cdf(-mean / sd);
            (mean + sd * normal_quantile((lo + u * (1.0 - lo)).min(super::design::BELOW_ONE))).max(0.0)
        }
        Dist::LogNormal { median, sigma } => median * libm::exp(sigma * normal_quantile(u)),
    }
}

/// [`quantile`] of every `u` in place, with the distribution's constants (the truncation
/// point of a normal: one `erfc`) computed once for the column. The same arithmetic per value,
/// so the same bits.
pub fn quantiles_in_place(d: &Dist, us: &mut [f64]) {
    match *d {
        Dist::Normal { mean, sd } if sd > 0.0 => {
            let lo = normal_cdf(-mean / sd);
            for u in us {
                *u = (mean + sd * normal_quantile((lo + *u * (1.0 - lo)).min(super::design::BELOW_ONE)))
                    .max(0.0);
            }
        }
        _ => {
            for u in us {
                *u = quantile(d, *u);
            }
        }
    }
}

/// Whether a distribution is a single value (every draw the same multiplier).
pub fn is_degenerate(d: &Dist) -> bool {
    match *d {
        Dist::Uniform { min, max } => min == max,
        Dist::Triangular { min, max, .. } => min == max,
        Dist::Normal { sd, .. } => sd == 0.0,
        Dist::LogNormal { sigma, .. } => sigma == 0.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normal_quantile_known_values() {
        assert!((normal_quantile(0.975) - 1.959963984540054).abs() < 1e-14);
        assert!((normal_quantile(0.5)).abs() < 1e-16);
        assert!((normal_quantile(0.05) + 1.6448536269514722).abs() < 1e-14);
        assert!((normal_quantile(1e-10) + 6.361340902404056).abs() < 1e-11);
        for k in 1..1000 {
            let p = k as f64 / 1000.0;
            assert!((normal_cdf(normal_quantile(p)) - p).abs() < 1e-14, "{p}");
        }
    }

    #[test]
    fn quantiles_of_each_distribution() {
        let t = Dist::Triangular {
            min: 0.7,
            mode: 1.0,
            max: 1.5,
        };
        // F(mode) = 0.3/0.8
        assert!((quantile(&t, 0.375) - 1.0).abs() < 1e-12);
        assert_eq!(quantile(&Dist::Uniform { min: 1.0, max: 3.0 }, 0.25), 1.5);
        let ln = Dist::LogNormal {
            median: 2.0,
            sigma: 0.5,
        };
        assert!((quantile(&ln, 0.5) - 2.0).abs() < 1e-15);
        // a normal far from 0 is hardly truncated: its median is its mean
        let n = Dist::Normal { mean: 1.0, sd: 0.08 };
        assert!((quantile(&n, 0.5) - 1.0).abs() < 1e-12);
        // truncated at 0: every quantile ≥ 0, the median above the mean
        let wide = Dist::Normal { mean: 1.0, sd: 2.0 };
        assert!(quantile(&wide, 1e-9) >= 0.0);
        assert!(quantile(&wide, 0.5) > 1.0);
        assert_eq!(
            quantile(
                &Dist::Triangular {
                    min: 1.0,
                    mode: 1.0,
                    max: 1.0
                },
                0.3
            ),
            1.0
        );
    }
}
