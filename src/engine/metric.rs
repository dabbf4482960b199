//! The one metric every chart and analysis reads (ANALYSES.md §8.12): which scopes are
//! covered, which Scope 2 method, and whether credits are netted. Its default is the first
//! target's; without targets it is Scope 1 + market Scope 2, credits not counted (§9.51).

use super::covered;
use super::run::{SiteYear, Totals};
use crate::model::{Scenario, Scope, Scope2Method, Target};

/// What is measured: emissions of some scopes, before or after credits.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Metric {
    /// Covered scopes, in order (Scope 1, 2, 3).
    pub scopes: Vec<Scope>,
    pub method: Scope2Method,
    /// Credits are subtracted.
    pub credits: bool,
}

impl Default for Metric {
    fn default() -> Self {
        Metric {
            scopes: vec![Scope::Scope1, Scope::Scope2],
            method: Scope2Method::Market,
            credits: false,
        }
    }
}

impl Metric {
    /// The scenario's `net` (MODEL.md §4.9): Scope 1 + market Scope 2 (+ Scope 3 when a target
    /// covers it) − credits.
    pub fn net(s: &Scenario) -> Metric {
        let mut scopes = vec![Scope::Scope1, Scope::Scope2];
        if s.net_includes_scope3() {
            scopes.push(Scope::Scope3);
        }
        Metric {
            scopes,
            method: Scope2Method::Market,
            credits: true,
        }
    }

    /// The metric a target is measured on.
    pub fn of_target(t: &Target) -> Metric {
        let mut scopes = t.scopes.clone();
        scopes.sort_unstable();
        scopes.dedup();
        Metric {
            scopes,
            method: t.scope2_method,
            credits: t.credits_count,
        }
    }

    /// The metric a target's result is measured on.
    pub fn of_result(r: &super::targets::TargetResult) -> Metric {
        let mut scopes = r.scopes.clone();
        scopes.sort_unstable();
        scopes.dedup();
        Metric {
            scopes,
            method: r.scope2_method,
            credits: r.credits_count,
        }
    }

    /// The default of a scenario: its first target's metric, else Scope 1 + market Scope 2
    /// before credits.
    pub fn default_for(s: &Scenario) -> Metric {
        s.targets.first().map_or_else(Metric::default, Metric::of_target)
    }

    pub fn has(&self, scope: Scope) -> bool {
        self.scopes.contains(&scope)
    }

    /// Sets whether a scope is covered (keeps the scopes in order).
    pub fn set(&mut self, scope: Scope, on: bool) {
        self.scopes.retain(|s| *s != scope);
        if on {
            self.scopes.push(scope);
            self.scopes.sort_unstable();
        }
    }

    /// The same scopes and method, before credits.
    pub fn gross(&self) -> Metric {
        Metric {
            credits: false,
            ..self.clone()
        }
    }

    /// Whether a target is measured on the same scopes and Scope 2 method (credits aside).
    pub fn same_scopes(&self, other: &Metric) -> bool {
        self.scopes == other.scopes && (!self.has(Scope::Scope2) || self.method == other.method)
    }

    /// The metric of a year's totals [t-CO2].
    pub fn of(&self, t: &Totals) -> f64 {
        covered(t, &self.scopes, self.method, self.credits)
    }

    /// A site's part of the metric [t-CO2] (credits are not allocated to sites).
    pub fn of_site(&self, y: &SiteYear) -> f64 {
        let mut v = 0.0;
        if self.has(Scope::Scope1) {
            v += y.scope1;
        }
        if self.has(Scope::Scope2) {
            v += match self.method {
                Scope2Method::Market => y.scope2_market,
                Scope2Method::Location => y.scope2_location,
            };
        }
        if self.has(Scope::Scope3) {
            v += y.scope3;
        }
        v
    }

    /// Short machine key, e.g. `s12-market-gross`.
    pub fn key(&self) -> String {
        let scopes: String = self
            .scopes
            .iter()
            .map(|s| match s {
                Scope::Scope1 => '1',
                Scope::Scope2 => '2',
                Scope::Scope3 => '3',
            })
            .collect();
        format!(
            "s{scopes}-{}-{}",
            match self.method {
                Scope2Method::Market => "market",
                Scope2Method::Location => "location",
            },
            if self.credits { "net" } else { "gross" }
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_is_the_first_targets_metric_or_scope_12_gross() {
        let s = crate::model::from_str(crate::DEFAULT_SCENARIO).unwrap();
        let m = Metric::default_for(&s);
        assert_eq!(m.scopes, [Scope::Scope1, Scope::Scope2]);
        assert!(!m.credits);
        let mut none = s.clone();
        none.targets.clear();
        assert_eq!(Metric::default_for(&none), Metric::default());
        let t = Totals {
            scope1: 1.0,
            scope2_market: 2.0,
            scope2_location: 4.0,
            scope3: 8.0,
            credits: 16.0,
            net: 0.0,
        };
        let mut m = Metric::default();
        assert_eq!(m.of(&t), 3.0);
        m.set(Scope::Scope3, true);
        m.method = Scope2Method::Location;
        m.credits = true;
        assert_eq!(m.of(&t), 1.0 + 4.0 + 8.0 - 16.0);
        assert_eq!(m.key(), "s123-location-net");
    }
}
