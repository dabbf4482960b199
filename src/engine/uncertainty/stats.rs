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

/// The bits of `x` as an unsigned key in [`f64::total_cmp`]'s order (and back).
fn key(x: f64) -> u64 {
    let b = x.to_bits();
    if b >> 63 == 1 { !b } else { b | (1 << 63) }
}
fn unkey(k: u64) -> f64 {
    f64::from_bits(if k >> 63 == 1 { k & !(1 << 63) } else { !k })
}

/// Several percentiles of `v` at once, `ps` ascending: the values become integer keys in the
/// same order (selection on integers is several times faster than through `total_cmp`), and
/// each selection runs on the part above the previous one. The same bits as [`percentile`] one
/// by one.
pub fn percentiles<const N: usize>(v: &[f64], ps: [f64; N]) -> [f64; N] {
    percentiles_of(v.iter().copied(), ps)
}

/// [`percentiles`] of the values an iterator gives (a column of the draws' rows, read in
/// place).
pub fn percentiles_of<const N: usize>(v: impl ExactSizeIterator<Item = f64>, ps: [f64; N]) -> [f64; N] {
    let n = v.len();
    let mut out = [f64::NAN; N];
    if n == 0 {
        return out;
    }
    let mut keys: Vec<u64> = v.map(key).collect();
    let mut start = 0;
    for (slot, p) in out.iter_mut().zip(ps) {
        let h = (n - 1) as f64 * p.clamp(0.0, 1.0);
        let lo = (h.floor() as usize).min(n - 1);
        let frac = h - lo as f64;
        if lo < start {
            // not ascending: select again from the whole
            start = 0;
        }
        let (_, &mut a, rest) = keys[start..].select_nth_unstable(lo - start);
        let a = unkey(a);
        *slot = if frac == 0.0 || rest.is_empty() {
            a
        } else {
            let b = rest.iter().copied().min().map_or(a, unkey);
            a + frac * (b - a)
        };
        start = lo;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{percentile, percentiles};

    #[test]
    fn several_at_once_equal_one_by_one() {
        let mut x: u64 = 12345;
        for n in [1usize, 2, 3, 7, 20, 101, 1000] {
            let v: Vec<f64> = (0..n)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    (x % 50) as f64 - 25.0 + if x.is_multiple_of(7) { -0.0 } else { 0.5 }
                })
                .collect();
            let ps = [0.05, 0.25, 0.5, 0.75, 0.95];
            let got = percentiles(&v, ps);
            for (g, p) in got.iter().zip(ps) {
                assert_eq!(
                    g.to_bits(),
                    percentile(&mut v.clone(), p).to_bits(),
                    "n {n} p {p}"
                );
            }
            // out of order still right
            let got = percentiles(&v, [0.9, 0.1]);
            assert_eq!(got[1].to_bits(), percentile(&mut v.clone(), 0.1).to_bits());
        }
    }

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
