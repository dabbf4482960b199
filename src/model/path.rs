//! Time paths: sorted keyframes `(fiscal year, value)` with linear interpolation.

use serde::{Deserialize, Serialize};

/// A value that changes over fiscal years (MODEL.md §1).
///
/// Before the first keyframe the first value holds, after the last one the last value holds,
/// and in between values are interpolated linearly. A step is two keyframes in adjacent years.
/// An empty path means "not given": callers evaluate it with [`Path::value_or`] and the
/// field's documented default.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(transparent)]
pub struct Path(pub Vec<(i32, f64)>);

impl Path {
    /// A path with a single keyframe: the same value in every year.
    pub fn constant(year: i32, value: f64) -> Self {
        Path(vec![(year, value)])
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn keyframes(&self) -> &[(i32, f64)] {
        &self.0
    }

    /// Value in `year`, or `default` when the path has no keyframes.
    #[inline]
    pub fn value_or(&self, year: i32, default: f64) -> f64 {
        let k = &self.0;
        match k.len() {
            0 => default,
            1 => k[0].1,
            n => {
                if year <= k[0].0 {
                    return k[0].1;
                }
                if year >= k[n - 1].0 {
                    return k[n - 1].1;
                }
                // Keyframes are few (typically < 10): a linear scan beats a binary search.
                let mut i = 1;
                while k[i].0 < year {
                    i += 1;
                }
                let (y0, v0) = k[i - 1];
                let (y1, v1) = k[i];
                if year == y1 {
                    return v1;
                }
                let f = f64::from(year - y0) / f64::from(y1 - y0);
                v0 + (v1 - v0) * f
            }
        }
    }

    /// Samples the path into `out[i] = value(first_year + i)`.
    pub fn sample_into(&self, first_year: i32, default: f64, out: &mut [f64]) {
        for (i, slot) in out.iter_mut().enumerate() {
            *slot = self.value_or(first_year + i as i32, default);
        }
    }

    /// First year from which the value stays at `value` (used by the UI to show a lever's
    /// "reached in" year); `None` when the path never reaches it.
    pub fn year_reaching(&self, value: f64) -> Option<i32> {
        let k = &self.0;
        let last = k.last()?;
        if (last.1 - value).abs() > 1e-12 {
            return None;
        }
        let mut year = last.0;
        for &(y, v) in k.iter().rev() {
            if (v - value).abs() <= 1e-12 {
                year = y;
            } else {
                break;
            }
        }
        Some(year)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_within_1e_12_counts_as_reached() {
        assert_eq!(Path(vec![(2020, 1e-12)]).year_reaching(0.0), Some(2020));
        assert_eq!(
            Path(vec![(2020, 1e-12), (2030, 0.0)]).year_reaching(0.0),
            Some(2020)
        );
        assert_eq!(
            Path(vec![(2020, 3e-12), (2030, 0.0)]).year_reaching(0.0),
            Some(2030)
        );
        assert_eq!(Path(vec![(2020, 3e-12)]).year_reaching(0.0), None);
    }

    #[test]
    fn interpolates_and_holds() {
        let p = Path(vec![(2020, 0.0), (2030, 1.0)]);
        assert_eq!(p.value_or(2000, 9.0), 0.0);
        assert_eq!(p.value_or(2020, 9.0), 0.0);
        assert!((p.value_or(2025, 9.0) - 0.5).abs() < 1e-15);
        assert_eq!(p.value_or(2030, 9.0), 1.0);
        assert_eq!(p.value_or(2050, 9.0), 1.0);
        assert_eq!(Path::default().value_or(2025, 9.0), 9.0);
    }

    #[test]
    fn step_is_two_adjacent_keyframes() {
        let p = Path(vec![(2020, 0.0), (2021, 1.0)]);
        assert_eq!(p.value_or(2020, 0.0), 0.0);
        assert_eq!(p.value_or(2021, 0.0), 1.0);
        assert_eq!(p.year_reaching(1.0), Some(2021));
    }

    #[test]
    fn interpolates_between_the_right_pair_of_many_keyframes() {
        let p = Path(vec![
            (2020, 10.0),
            (2024, 2.0),
            (2025, 4.0),
            (2035, 4.0),
            (2045, 0.0),
        ]);
        for (year, want) in [
            (2019, 10.0),
            (2020, 10.0),
            (2021, 8.0),
            (2022, 6.0),
            (2023, 4.0),
            (2024, 2.0),
            (2025, 4.0),
            (2030, 4.0),
            (2035, 4.0),
            (2040, 2.0),
            (2044, 0.4),
            (2045, 0.0),
            (2050, 0.0),
        ] {
            assert!(
                (p.value_or(year, 99.0) - want).abs() < 1e-12,
                "FY{year}: {}",
                p.value_or(year, 99.0)
            );
        }
        // one keyframe: that value in every year, the default ignored
        assert_eq!(Path::constant(2030, 7.0).value_or(2000, 1.0), 7.0);
        assert_eq!(Path::constant(2030, 7.0).value_or(2090, 1.0), 7.0);
        assert_eq!(Path::constant(2030, 7.0).keyframes(), &[(2030, 7.0)]);
        assert!(!p.is_empty() && Path::default().is_empty());
        let mut out = [0.0; 6];
        p.sample_into(2019, 99.0, &mut out);
        assert_eq!(out, [10.0, 10.0, 8.0, 6.0, 4.0, 2.0]);
        Path::default().sample_into(2019, 3.0, &mut out);
        assert_eq!(out, [3.0; 6]);
    }

    #[test]
    fn the_year_reached_is_the_start_of_the_final_plateau() {
        let p = Path(vec![(2020, 0.0), (2025, 1.0), (2030, 1.0)]);
        assert_eq!(p.year_reaching(1.0), Some(2025));
        assert_eq!(p.year_reaching(0.0), None, "left again before the end");
        let dip = Path(vec![(2020, 1.0), (2025, 0.5), (2030, 1.0)]);
        assert_eq!(dip.year_reaching(1.0), Some(2030));
        assert_eq!(dip.year_reaching(0.5), None);
        assert_eq!(Path::default().year_reaching(0.0), None);
        // within 1e-12 counts as reached, 1e-9 does not
        let near = Path(vec![(2020, 0.0), (2026, 1.0 - 1e-13), (2030, 1.0)]);
        assert_eq!(near.year_reaching(1.0), Some(2026));
        let far = Path(vec![(2020, 0.0), (2026, 1.0 - 1e-9), (2030, 1.0)]);
        assert_eq!(far.year_reaching(1.0), Some(2030));
        assert_eq!(far.year_reaching(1.0 + 1e-9), None);
    }
}
