//! The linear subproblem of each SLP step (ANALYSES.md §3.6 b), solved by `microlp` (pure
//! Rust). The solver is guarded: a panic or an error returns `None` and the caller stops the
//! step rather than trusting it, and every solution is checked against the rows before use.

use microlp::{ComparisonOp, OptimizationDirection, Problem, SolveOutcome};

/// `min c·x` subject to `lo ≤ x ≤ hi` and rows `a·x ≤ b`.
#[derive(Clone, Debug, Default)]
pub struct Lp {
    pub c: Vec<f64>,
    pub lo: Vec<f64>,
    pub hi: Vec<f64>,
    /// Sparse rows: (column, coefficient) pairs and the right-hand side.
    pub rows: Vec<(Vec<(usize, f64)>, f64)>,
}

impl Lp {
    /// A column with its cost and bounds; its index.
    pub fn col(&mut self, c: f64, lo: f64, hi: f64) -> usize {
        self.c.push(c);
        self.lo.push(lo);
        self.hi.push(hi);
        self.c.len() - 1
    }

    pub fn row(&mut self, terms: Vec<(usize, f64)>, b: f64) {
        self.rows.push((terms, b));
    }

    /// Whether `x` holds every bound and row within `tol` (scaled by each row's size).
    pub fn holds(&self, x: &[f64], tol: f64) -> bool {
        x.len() == self.c.len()
            && x.iter().zip(self.lo.iter().zip(&self.hi)).all(|(&v, (&l, &h))| {
                v.is_finite() && v >= l - tol * (1.0 + l.abs()) && v <= h + tol * (1.0 + h.abs())
            })
            && self.rows.iter().all(|(t, b)| {
                let lhs: f64 = t.iter().map(|&(j, a)| a * x[j]).sum();
                let size: f64 = t.iter().map(|&(j, a)| (a * x[j]).abs()).sum::<f64>() + b.abs() + 1.0;
                lhs <= b + tol * size
            })
    }

    pub fn objective(&self, x: &[f64]) -> f64 {
        self.c.iter().zip(x).map(|(c, v)| c * v).sum()
    }

    /// The optimum, or `None` when the solver fails, panics, finds the problem infeasible or
    /// returns a point that breaks a row.
    pub fn solve(&self) -> Option<Vec<f64>> {
        if self
            .c
            .iter()
            .chain(&self.lo)
            .chain(&self.hi)
            .any(|v| !v.is_finite())
            || self
                .rows
                .iter()
                .any(|(t, b)| !b.is_finite() || t.iter().any(|(_, a)| !a.is_finite()))
        {
            return None;
        }
        let x = std::panic::catch_unwind(|| self.solve_unguarded())
            .ok()
            .flatten()?;
        self.holds(&x, 1e-7).then_some(x)
    }

    fn solve_unguarded(&self) -> Option<Vec<f64>> {
        let mut p = Problem::new(OptimizationDirection::Minimize);
        let vars: Vec<_> = (0..self.c.len())
            .map(|j| p.add_var(self.c[j], (self.lo[j], self.hi[j])))
            .collect();
        for (terms, b) in &self.rows {
            let expr: Vec<_> = terms.iter().map(|&(j, a)| (vars[j], a)).collect();
            p.add_constraint(expr.as_slice(), ComparisonOp::Le, *b);
        }
        match p.solve().ok()? {
            SolveOutcome::Solution(sol) => Some(vars.iter().map(|&v| sol.var_value(v)).collect()),
            SolveOutcome::Interrupted(_) => None,
        }
    }
}
