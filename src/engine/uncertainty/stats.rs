//! Percentiles of the draws (ANALYSES.md §2.7): Hyndman–Fan type 7 (numpy's default), found
//! by selection, not a sort.

/// The `p` percentile (0..=1) of `v` by linear interpolation between order statistics:
/// `h = (N−1)p`, `x(⌊h⌋) + (h − ⌊h⌋)(x(⌊h⌋+1) − x(⌊h⌋))`. Reorders `v`. NaN when empty.
pub fn percentile(v: &mut [f64], p: f64) -> f64 {
    let n = v.len();
    if n == 0 {
        return f64::NAN;
    }
    let h = (n - 1) as f64 * p.clamp(0.0, 1.0);
    let lo = h.floor() as usize;
    let frac = h - lo as f64;
    let (_, &mut a, rest) = v.select_nth_unstable_by(lo, f64::total_cmp);
    if frac == 0.0 || rest.is_empty() {
        return a;
    }
    let b = rest.iter().copied().min_by(f64::total_cmp).unwrap_or(a);
    a + frac * (b - a)
}

#[cfg(test)]
mod tests {
    use super::percentile;

    #[test]
    fn matches_numpy_linear() {
        // numpy.percentile([3, 1, 4, 1, 5, 9, 2, 6], [5, 25, 50, 75, 95])
        let want = [1.0, 1.75, 3.5, 5.25, 7.95];
        for (p, w) in [0.05, 0.25, 0.5, 0.75, 0.95].into_iter().zip(want) {
            let mut v = [3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0];
            assert!((percentile(&mut v, p) - w).abs() < 1e-12, "{p}");
        }
        assert_eq!(percentile(&mut [2.0], 0.95), 2.0);
        assert!(percentile(&mut [], 0.5).is_nan());
    }
}
