//! Finds where a field path (`sites[2].co2_free_share[1][1]`) stands in a RON text, so that
//! validation errors can give a line and column. A tolerant scanner of RON's structure, not
//! a second parser: anything it does not understand simply yields no position.

use std::collections::{HashMap, HashSet};

/// 1-based line and column (columns count characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub col: usize,
}

/// Positions of the given field paths in `text`: for each path, where its value starts, or
/// where its nearest located ancestor starts. One pass over the text; memory is the text's
/// characters plus the wanted paths and their ancestors, never a copy of every value's path
/// (a file of 100,000 values under a 200,000-character name costs what it weighs).
pub fn locate<'a>(text: &str, paths: impl IntoIterator<Item = &'a str>) -> Vec<Option<Position>> {
    let paths: Vec<&str> = paths.into_iter().collect();
    let found = scan(text, &paths);
    paths
        .iter()
        .map(|p| {
            let mut q: &str = p;
            loop {
                if let Some(pos) = found.get(q) {
                    return Some(*pos);
                }
                let cut = q.rfind(['.', '['])?;
                q = &q[..cut];
            }
        })
        .collect()
}

/// Position of exactly `path` (not of an ancestor).
pub fn locate_exact(text: &str, path: &str) -> Option<Position> {
    scan(text, &[path]).get(path).copied()
}

/// Positions of `paths` and of their ancestors that the text holds.
fn scan<'a>(text: &str, paths: &[&'a str]) -> HashMap<String, Position> {
    let mut wanted: HashSet<&'a str> = HashSet::new();
    wanted.insert("");
    for &p in paths {
        wanted.insert(p);
        let mut q: &'a str = p;
        while let Some(cut) = q.rfind(['.', '[']) {
            q = &q[..cut];
            wanted.insert(q);
        }
    }
    let longest = wanted.iter().map(|p| p.len()).max().unwrap_or(0);
    let mut s = Scanner {
        chars: text.chars().collect(),
        i: 0,
        line: 1,
        col: 1,
        out: HashMap::new(),
        depth: 0,
        wanted,
        longest,
        path: String::new(),
    };
    s.skip_ws();
    s.value(true);
    s.out
}

/// Text of the top-level field `name` when its value is a plain token (a number).
pub fn top_level_token(text: &str, name: &str) -> Option<String> {
    let pos = locate_exact(text, name)?;
    let line = text.lines().nth(pos.line - 1)?;
    let rest = line.chars().skip(pos.col - 1);
    let token: String = rest
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-' || *c == '.')
        .take(64)
        .collect();
    Some(token)
}

struct Scanner<'a> {
    chars: Vec<char>,
    i: usize,
    line: usize,
    col: usize,
    /// Positions found, only for wanted paths.
    out: HashMap<String, Position>,
    depth: usize,
    /// The paths to find and all their ancestors.
    wanted: HashSet<&'a str>,
    longest: usize,
    /// Path of the value being scanned, kept only while it is wanted.
    path: String,
}

const MAX_DEPTH: usize = 128;

impl<'a> Scanner<'a> {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.i).copied()
    }
    fn peek_at(&self, k: usize) -> Option<char> {
        self.chars.get(self.i + k).copied()
    }
    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.i += 1;
        if c == '\n' {
            self.line += 1;
            self.col = 1;
        } else {
            self.col += 1;
        }
        Some(c)
    }
    fn pos(&self) -> Position {
        Position {
            line: self.line,
            col: self.col,
        }
    }

    fn skip_ws(&mut self) {
        loop {
            match (self.peek(), self.peek_at(1)) {
                (Some(c), _) if c.is_whitespace() => {
                    self.bump();
                }
                (Some('/'), Some('/')) => {
                    while let Some(c) = self.peek() {
                        if c == '\n' {
                            break;
                        }
                        self.bump();
                    }
                }
                (Some('/'), Some('*')) => {
                    self.bump();
                    self.bump();
                    let mut nest = 1;
                    while nest > 0 {
                        match (self.peek(), self.peek_at(1)) {
                            (None, _) => return,
                            (Some('*'), Some('/')) => {
                                self.bump();
                                self.bump();
                                nest -= 1;
                            }
                            (Some('/'), Some('*')) => {
                                self.bump();
                                self.bump();
                                nest += 1;
                            }
                            _ => {
                                self.bump();
                            }
                        }
                    }
                }
                (Some('#'), Some('!')) => {
                    // `#![enable(...)]` attribute
                    while let Some(c) = self.bump() {
                        if c == ']' {
                            break;
                        }
                    }
                }
                _ => return,
            }
        }
    }

    fn skip_ident(&mut self) {
        while let Some(c) = self.peek() {
            if c.is_alphanumeric() || c == '_' {
                self.bump();
            } else {
                break;
            }
        }
    }

    fn string(&mut self) {
        // at '"'
        self.bump();
        while let Some(c) = self.bump() {
            match c {
                '\\' => {
                    self.bump();
                }
                '"' => return,
                _ => {}
            }
        }
    }

    fn raw_string(&mut self) {
        // at 'r', followed by #* and '"'
        self.bump();
        let mut hashes = 0;
        while self.peek() == Some('#') {
            self.bump();
            hashes += 1;
        }
        self.bump(); // '"'
        'outer: while let Some(c) = self.bump() {
            if c == '"' {
                for k in 0..hashes {
                    if self.peek_at(k) != Some('#') {
                        continue 'outer;
                    }
                }
                for _ in 0..hashes {
                    self.bump();
                }
                return;
            }
        }
    }

    /// Scans one value at the cursor; `live` when `self.path` is a wanted path, whose
    /// position is then recorded and whose children are named.
    fn value(&mut self, live: bool) {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            self.i = self.chars.len();
            return;
        }
        if live && !self.out.contains_key(&self.path) {
            let start = self.pos();
            self.out.insert(self.path.clone(), start);
        }
        match self.peek() {
            Some('(') => self.parens(live),
            Some('[') => self.list(live),
            Some('{') => self.map(),
            Some('"') => self.string(),
            Some('r') if matches!(self.peek_at(1), Some('#') | Some('"')) => self.raw_string(),
            Some('\'') => {
                self.bump();
                while let Some(c) = self.bump() {
                    if c == '\\' {
                        self.bump();
                    } else if c == '\'' {
                        break;
                    }
                }
            }
            Some(c) if c.is_alphabetic() || c == '_' => {
                self.skip_ident();
                self.skip_ws();
                if self.peek() == Some('(') {
                    // Named struct, enum variant or `Some(..)`: transparent for paths.
                    self.parens(live);
                }
            }
            Some(_) => {
                // number or other token
                while let Some(c) = self.peek() {
                    if c.is_alphanumeric() || matches!(c, '.' | '-' | '+' | '_') {
                        self.bump();
                    } else {
                        break;
                    }
                }
            }
            None => {}
        }
        self.depth -= 1;
    }

    /// Scans the child value whose path is `self.path` + the text `push` appends, when the
    /// parent is live; the buffer is restored afterwards.
    fn child(&mut self, live: bool, push: impl FnOnce(&mut String)) {
        if !live {
            self.value(false);
            return;
        }
        let keep = self.path.len();
        push(&mut self.path);
        let child_live = self.path.len() <= self.longest && self.wanted.contains(self.path.as_str());
        self.value(child_live);
        self.path.truncate(keep);
    }

    /// Scans the value of the field whose name is `chars[start..end]`. A name longer than any
    /// wanted path cannot be wanted: it is never copied.
    fn field(&mut self, live: bool, start: usize, end: usize) {
        if !live || end - start > self.longest {
            self.value(false);
            return;
        }
        let keep = self.path.len();
        if !self.path.is_empty() {
            self.path.push('.');
        }
        self.path.extend(&self.chars[start..end]);
        let child_live = self.wanted.contains(self.path.as_str());
        self.value(child_live);
        self.path.truncate(keep);
    }

    /// `( ... )`: struct fields when the first item is `ident:`, else tuple elements.
    fn parens(&mut self, live: bool) {
        self.bump(); // '('
        let mut index = 0usize;
        loop {
            self.skip_ws();
            match self.peek() {
                None => return,
                Some(')') => {
                    self.bump();
                    return;
                }
                Some(',') => {
                    self.bump();
                    continue;
                }
                _ => {}
            }
            let before = self.i;
            // Look ahead for `ident :` (but not `::`).
            let save = (self.i, self.line, self.col);
            let mut is_field = false;
            if self.peek().is_some_and(|c| c.is_alphabetic() || c == '_') {
                let name_start = self.i;
                self.skip_ident();
                let name_end = self.i;
                self.skip_ws();
                if self.peek() == Some(':') && self.peek_at(1) != Some(':') {
                    self.bump();
                    self.skip_ws();
                    is_field = true;
                    self.field(live, name_start, name_end);
                }
            }
            if !is_field {
                (self.i, self.line, self.col) = save;
                self.child(live, |p| {
                    use std::fmt::Write;
                    let _ = write!(p, "[{index}]");
                });
                index += 1;
            }
            if self.i == before {
                // no progress: skip a character to avoid looping on junk
                self.bump();
            }
        }
    }

    fn list(&mut self, live: bool) {
        self.bump(); // '['
        let mut index = 0usize;
        loop {
            self.skip_ws();
            match self.peek() {
                None => return,
                Some(']') => {
                    self.bump();
                    return;
                }
                Some(',') => {
                    self.bump();
                    continue;
                }
                _ => {}
            }
            let before = self.i;
            self.child(live, |p| {
                use std::fmt::Write;
                let _ = write!(p, "[{index}]");
            });
            index += 1;
            if self.i == before {
                self.bump();
            }
        }
    }

    /// `{ k: v, ... }`: scanned for structure; no path inside a map is addressed.
    fn map(&mut self) {
        self.bump(); // '{'
        loop {
            self.skip_ws();
            match self.peek() {
                None => return,
                Some('}') => {
                    self.bump();
                    return;
                }
                _ => {}
            }
            // Keys and values alike; a `,` or `:` makes no progress and is stepped over.
            let before = self.i;
            self.value(false);
            if self.i == before {
                self.bump();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_fields_and_tuple_elements() {
        let text = "(\n  schema_version: 1,\n  sites: [\n    (id: \"a\", share: [(2020, 0.0), (2031, 1.4)]),\n  ],\n)";
        assert_eq!(
            locate_exact(text, "schema_version"),
            Some(Position { line: 2, col: 19 })
        );
        let found = locate(
            text,
            [
                "sites[0].id",
                "sites[0].share[1][1]",
                "sites[0].nothing",
                "nothing",
            ],
        );
        assert_eq!(
            found,
            vec![
                Some(Position { line: 4, col: 10 }),
                Some(Position { line: 4, col: 43 }),
                // The nearest ancestor: the site; a top-level field not in the text has none.
                Some(Position { line: 4, col: 5 }),
                None,
            ]
        );
        assert_eq!(locate_exact(text, "sites[0].nothing"), None);
        assert_eq!(top_level_token(text, "schema_version").as_deref(), Some("1"));
    }

    #[test]
    fn survives_garbage() {
        for t in ["", "(((((", "[1,2", "(a: \"unterminated", "/* x", "\u{0}\u{1}"] {
            let _ = locate(t, ["a", "a[0]"]);
        }
        let deep = "(".repeat(10_000);
        let _ = locate(&deep, ["a"]);
    }

    /// A 200,000-character field name holding 100,000 numbers: the path of each number is
    /// never built, so this takes milliseconds and megabytes (it took more than 14 GB when
    /// every value's path was stored).
    #[test]
    fn a_huge_name_over_many_values_is_not_copied_per_value() {
        let name = "a".repeat(200_000);
        let list = vec!["1"; 100_000].join(",");
        let text = format!("(x: 1, {name}: [{list}], y: 2)");
        let found = locate(&text, ["y", "x", "z[3]"]);
        assert_eq!(found[0].map(|p| p.col), Some(text.chars().count() - 1));
        assert_eq!(found[1], Some(Position { line: 1, col: 5 }));
        assert_eq!(found[2], None);
    }

    #[test]
    fn comments_and_attributes_are_skipped_and_tokens_end_at_punctuation() {
        let text =
            "#![enable(implicit_some)]\n(/* a ( [ /* nested ( */ b */ x: 1, // c ( [\n y: 2, z: -1.5e3_0)";
        assert_eq!(locate_exact(text, "y"), Some(Position { line: 3, col: 5 }));
        assert_eq!(top_level_token(text, "z").as_deref(), Some("-1.5e3_0"));
        assert_eq!(top_level_token(text, "x").as_deref(), Some("1"));
    }

    #[test]
    fn strings_raw_strings_and_nested_comments_hide_what_they_hold() {
        let p = |line, col| Some(Position { line, col });
        // Inside a nested comment, a string with an escaped quote, and a raw string holding
        // `"#`, nothing is a field.
        let text = "(/* a /* b */ c: 1 */ x: 2, s: \"q\\\"z: 1, (\", r: r##\"u: 1 \"# v: 2\"##, b: 3)";
        for hidden in ["c", "z", "u", "v"] {
            assert_eq!(locate_exact(text, hidden), None, "{hidden}");
        }
        assert_eq!(locate_exact(text, "x"), p(1, 26));
        let b = text.find("b: 3").unwrap() + 4;
        assert_eq!(locate_exact(text, "b"), p(1, b));
        // A value that starts with `r` but is no raw string is read as a name.
        let named = "(k: rb(c: 1), y: 2)";
        assert_eq!(locate_exact(named, "k.c"), p(1, 11));
        assert_eq!(locate_exact(named, "y"), p(1, 18));
        // Character literals, escaped ones too, hold nothing.
        let chars = "(c: '(', d: '\\'', e: ')', y: 1)";
        assert_eq!(locate_exact(chars, "y"), p(1, chars.find("y: ").unwrap() + 4));
        assert_eq!(locate_exact(chars, "e"), p(1, chars.find("e: ").unwrap() + 4));
        assert_eq!(locate_exact("('a', 'b', 5)", "[2]"), p(1, 12));
        // Numbers are one element each, whatever their signs and points.
        let tuple = "(1.5, -2e-3, +7, _x)";
        assert_eq!(locate_exact(tuple, "[1]"), p(1, 7));
        assert_eq!(locate_exact(tuple, "[2]"), p(1, 14));
        assert_eq!(locate_exact(tuple, "[3]"), p(1, 18));
        assert_eq!(locate_exact(tuple, "[4]"), None);
        // The first of two equal fields is the one found.
        assert_eq!(locate_exact("(x: 1, x: 2)", "x"), p(1, 5));
    }

    #[test]
    fn nesting_is_followed_to_128_levels_and_no_further() {
        // `b` is the 128th value from the top (the text itself is the first).
        let deep = |levels: usize| format!("({}b: 1{})", "a: (".repeat(levels), ")".repeat(levels));
        let path = |levels: usize| format!("{}b", "a.".repeat(levels));
        assert!(locate_exact(&deep(126), &path(126)).is_some());
        assert_eq!(locate_exact(&deep(127), &path(127)), None);
    }

    #[test]
    fn only_wanted_paths_and_their_ancestors_are_recorded() {
        let found = scan("(a: [1, 2], b: 3, _c: (d: 4))", &["a[0]", "_c.d"]);
        let mut keys: Vec<&str> = found.keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(keys, ["", "_c", "_c.d", "a", "a[0]"]);
        assert_eq!(found["_c.d"], Position { line: 1, col: 27 });
        // A field inside an unwanted one is not mistaken for a top-level one of its name.
        assert_eq!(
            locate_exact("(x: (b: 1), b: 2)", "b"),
            Some(Position { line: 1, col: 16 })
        );
        // Maps are stepped over: nothing in them is addressed, and the text after them is read.
        let map = "(m: {y: 5, \"k\": (z: 1)}, y: 2)";
        assert_eq!(locate_exact(map, "y"), Some(Position { line: 1, col: 29 }));
        assert_eq!(locate_exact(map, "z"), None);
        assert_eq!(locate_exact("(m: {y: 5", "y"), None);
        // `A::B` is not a field named A.
        assert_eq!(locate_exact("(A::B, y: 2)", "A"), None);
        // A name as long as the longest wanted path is still compared.
        assert_eq!(
            locate_exact("(abcd: 1)", "abcd"),
            Some(Position { line: 1, col: 8 })
        );
    }
}
