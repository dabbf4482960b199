//! The draws (ANALYSES.md §2.6, §9.27): one ChaCha8 stream per input, seeded from the file
//! and selected by a hash of a tagged id, so adding, removing or reordering other inputs
//! never changes an input's draws; Latin hypercube or random uniforms; every number made by
//! own code from the stream's `u64`s, so no dependency release can change a value.

use rand_chacha::ChaCha8Rng;
use rand_core::{Rng, SeedableRng};

/// FNV-1a, 64 bits.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// The stream of a tag (`"input:" + id`, `"member:" + id + "\0" + member`, `"sobol:A:" + id`).
pub fn stream(seed: u64, tag: &str) -> ChaCha8Rng {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(fnv1a64(tag.as_bytes()));
    rng
}

/// The largest f64 below 1: every uniform is clamped to it (§9.27, `u < 1`).
pub const BELOW_ONE: f64 = 1.0 - f64::EPSILON / 2.0;

/// `u64 → (0, 1)`: the top 53 bits, centred in their interval. The last interval's centre,
/// 1 − 2⁻⁵⁴, rounds to 1.0 in f64: it is kept below 1, so no inverse CDF is asked for 1.
pub fn unit(x: u64) -> f64 {
    (((x >> 11) as f64 + 0.5) * (1.0 / 9_007_199_254_740_992.0)).min(BELOW_ONE)
}

/// A uniform integer in `0..n` by Lemire's multiply-shift with rejection (`n ≥ 1`).
fn bounded(rng: &mut ChaCha8Rng, n: u64) -> u64 {
    let mut m = u128::from(rng.next_u64()) * u128::from(n);
    if (m as u64) < n {
        let t = n.wrapping_neg() % n;
        while (m as u64) < t {
            m = u128::from(rng.next_u64()) * u128::from(n);
        }
    }
    (m >> 64) as u64
}

/// `n` uniforms of one input into `out`: a Latin hypercube column (one value in each stratum
/// `[j/n, (j+1)/n)`, in a Fisher–Yates-shuffled order) or plain random numbers.
pub fn column(rng: &mut ChaCha8Rng, n: usize, latin: bool, out: &mut Vec<f64>) {
    out.clear();
    if !latin {
        out.extend((0..n).map(|_| unit(rng.next_u64())));
        return;
    }
    let mut perm: Vec<u32> = (0..n as u32).collect();
    for i in (1..n).rev() {
        let j = bounded(rng, i as u64 + 1) as usize;
        perm.swap(i, j);
    }
    let inv = 1.0 / n as f64;
    out.extend(
        perm.iter()
            .map(|&p| ((f64::from(p) + unit(rng.next_u64())) * inv).min(BELOW_ONE)),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_reference_values() {
        assert_eq!(fnv1a64(b""), 0xcbf29ce484222325);
        assert_eq!(fnv1a64(b"a"), 0xaf63dc4c8601ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x85944171f73967e8);
    }

    #[test]
    fn latin_hypercube_one_value_per_stratum() {
        for n in [1usize, 2, 7, 1000] {
            let mut rng = stream(42, "input:x");
            let mut col = Vec::new();
            column(&mut rng, n, true, &mut col);
            let mut hit = vec![0u32; n];
            for &u in &col {
                assert!(u > 0.0 && u < 1.0);
                hit[(u * n as f64) as usize] += 1;
            }
            assert!(hit.iter().all(|&h| h == 1), "n = {n}");
        }
    }

    #[test]
    fn bounded_is_in_range_and_covers_it() {
        let mut rng = stream(7, "t");
        let mut seen = [false; 5];
        for _ in 0..200 {
            let v = bounded(&mut rng, 5);
            seen[v as usize] = true;
        }
        assert!(seen.iter().all(|&s| s));
    }
}
