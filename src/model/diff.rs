//! Differences between two scenarios, input by input and lever by lever (paths compared whole).
//! Sites, regions, fuels, materials and PPAs are matched by id, history by year, targets by label.

use super::scenario::Scenario;
use serde::Serialize;

/// One input that differs; `None` where the item exists in only one scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct Difference {
    pub path: String,
    pub a: Option<String>,
    pub b: Option<String>,
}

fn compact<T: Serialize>(x: &T) -> String {
    ron::to_string(x).unwrap_or_else(|e| format!("<{e}>"))
}

/// Splits compact RON `(f: v, g: w)` into its top-level fields.
fn fields(text: &str) -> Vec<(String, String)> {
    let inner = text
        .strip_prefix('(')
        .and_then(|t| t.strip_suffix(')'))
        .unwrap_or(text);
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut in_str = false;
    let mut escaped = false;
    let mut start = 0;
    let bytes: Vec<char> = inner.chars().collect();
    let push = |piece: String, out: &mut Vec<(String, String)>| {
        if let Some((k, v)) = piece.split_once(':') {
            out.push((k.trim().to_string(), v.trim().to_string()));
        }
    };
    for (i, &c) in bytes.iter().enumerate() {
        if in_str {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_str = false;
            }
            continue;
        }
        match c {
            '"' => in_str = true,
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => {
                push(bytes[start..i].iter().collect(), &mut out);
                start = i + 1;
            }
            _ => {}
        }
    }
    if start < bytes.len() {
        push(bytes[start..].iter().collect(), &mut out);
    }
    out
}

fn compare_struct<T: Serialize>(out: &mut Vec<Difference>, prefix: &str, a: &T, b: &T, skip: &[&str]) {
    let fa = fields(&compact(a));
    let fb = fields(&compact(b));
    for (k, va) in &fa {
        if skip.contains(&k.as_str()) {
            continue;
        }
        let vb = fb.iter().find(|(kb, _)| kb == k).map(|(_, v)| v);
        if vb != Some(va) {
            out.push(Difference {
                path: format!("{prefix}{k}"),
                a: Some(va.clone()),
                b: vb.cloned(),
            });
        }
    }
    for (k, vb) in &fb {
        if !skip.contains(&k.as_str()) && !fa.iter().any(|(ka, _)| ka == k) {
            out.push(Difference {
                path: format!("{prefix}{k}"),
                a: None,
                b: Some(vb.clone()),
            });
        }
    }
}

fn compare_list<T: Serialize>(
    out: &mut Vec<Difference>,
    name: &str,
    a: &[T],
    b: &[T],
    key: impl Fn(&T) -> String,
) {
    for x in a {
        let k = key(x);
        match b.iter().find(|y| key(y) == k) {
            Some(y) => compare_struct(out, &format!("{name}[{k}]."), x, y, &[]),
            None => out.push(Difference {
                path: format!("{name}[{k}]"),
                a: Some("present".into()),
                b: None,
            }),
        }
    }
    for y in b {
        let k = key(y);
        if !a.iter().any(|x| key(x) == k) {
            out.push(Difference {
                path: format!("{name}[{k}]"),
                a: None,
                b: Some("present".into()),
            });
        }
    }
}

/// Every input and lever that differs between `a` and `b`.
pub fn diff(a: &Scenario, b: &Scenario) -> Vec<Difference> {
    let mut out = Vec::new();
    compare_struct(
        &mut out,
        "",
        a,
        b,
        &[
            "meta",
            "credits",
            "regions",
            "fuels",
            "sites",
            "materials",
            "ppas",
            "history",
            "targets",
        ],
    );
    compare_struct(&mut out, "meta.", &a.meta, &b.meta, &[]);
    compare_struct(&mut out, "credits.", &a.credits, &b.credits, &[]);
    compare_list(&mut out, "regions", &a.regions, &b.regions, |x| x.id.clone());
    compare_list(&mut out, "fuels", &a.fuels, &b.fuels, |x| x.id.clone());
    compare_list(&mut out, "sites", &a.sites, &b.sites, |x| x.id.clone());
    compare_list(&mut out, "materials", &a.materials, &b.materials, |x| {
        x.id.clone()
    });
    compare_list(&mut out, "ppas", &a.ppas, &b.ppas, |x| x.id.clone());
    compare_list(&mut out, "history", &a.history, &b.history, |x| {
        x.year.to_string()
    });
    compare_list(&mut out, "targets", &a.targets, &b.targets, |x| x.label.clone());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_changed_paths_and_nothing_for_itself() {
        let a = crate::model::from_str(crate::DEFAULT_SCENARIO).unwrap();
        assert!(diff(&a, &a).is_empty());
        let mut b = a.clone();
        b.sites[0].co2_free_share = crate::model::Path(vec![(2030, 0.5)]);
        b.meta.name = "Other, with \"quotes\", (parens)".into();
        b.ppas.clear();
        let d = diff(&a, &b);
        let paths: Vec<&str> = d.iter().map(|x| x.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "meta.name",
                "sites[saganoseki].co2_free_share",
                "ppas[kurami_offsite_pv]"
            ]
        );
        assert_eq!(d[1].b.as_deref(), Some("[(2030,0.5)]"));
    }
}
