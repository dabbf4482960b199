//! Finds where a field path (`sites[2].co2_free_share[1][1]`) stands in a RON text, so that
//! validation errors can give a line and column. A tolerant scanner of RON's structure, not
//! a second parser: anything it does not understand simply yields no position.

use std::collections::HashMap;

/// 1-based line and column (columns count characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub col: usize,
}

/// Map from field path to the position of the value's first character.
#[derive(Debug, Default)]
pub struct Locator {
    positions: HashMap<String, Position>,
}

impl Locator {
    pub fn new(text: &str) -> Self {
        let mut s = Scanner {
            chars: text.chars().collect(),
            i: 0,
            line: 1,
            col: 1,
            out: HashMap::new(),
            depth: 0,
        };
        s.skip_ws();
        s.value(String::new());
        Locator { positions: s.out }
    }

    /// Position of `path`, or of its nearest located ancestor.
    pub fn find(&self, path: &str) -> Option<Position> {
        let mut p = path;
        loop {
            if let Some(pos) = self.positions.get(p) {
                return Some(*pos);
            }
            let cut = p.rfind(['.', '['])?;
            p = &p[..cut];
        }
    }

    /// Position of exactly `path`.
    pub fn exact(&self, path: &str) -> Option<Position> {
        self.positions.get(path).copied()
    }
}

/// Text of the top-level field `name` when its value is a plain token (a number).
pub fn top_level_token(text: &str, name: &str) -> Option<String> {
    let loc = Locator::new(text);
    let pos = loc.exact(name)?;
    let line = text.lines().nth(pos.line - 1)?;
    let rest: String = line.chars().skip(pos.col - 1).collect();
    let token: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-' || *c == '.')
        .collect();
    Some(token)
}

struct Scanner {
    chars: Vec<char>,
    i: usize,
    line: usize,
    col: usize,
    out: HashMap<String, Position>,
    depth: usize,
}

const MAX_DEPTH: usize = 128;

impl Scanner {
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

    fn ident(&mut self) -> String {
        let mut s = String::new();
        while let Some(c) = self.peek() {
            if c.is_alphanumeric() || c == '_' {
                s.push(c);
                self.bump();
            } else {
                break;
            }
        }
        s
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

    /// Scans one value at the cursor, recording `path` at its start.
    fn value(&mut self, path: String) {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            self.i = self.chars.len();
            return;
        }
        let start = self.pos();
        self.out.entry(path.clone()).or_insert(start);
        match self.peek() {
            Some('(') => self.parens(&path),
            Some('[') => self.list(&path),
            Some('{') => self.map(&path),
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
                let _name = self.ident();
                self.skip_ws();
                if self.peek() == Some('(') {
                    // Named struct, enum variant or `Some(..)`: transparent for paths.
                    self.parens(&path);
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

    fn join_field(path: &str, name: &str) -> String {
        if path.is_empty() {
            name.to_string()
        } else {
            format!("{path}.{name}")
        }
    }

    /// `( ... )`: struct fields when the first item is `ident:`, else tuple elements.
    fn parens(&mut self, path: &str) {
        self.bump(); // '('
        let mut index = 0;
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
                let name = self.ident();
                self.skip_ws();
                if self.peek() == Some(':') && self.peek_at(1) != Some(':') {
                    self.bump();
                    self.skip_ws();
                    is_field = true;
                    self.value(Self::join_field(path, &name));
                }
            }
            if !is_field {
                (self.i, self.line, self.col) = save;
                self.value(format!("{path}[{index}]"));
                index += 1;
            }
            if self.i == before {
                // no progress: skip a character to avoid looping on junk
                self.bump();
            }
        }
    }

    fn list(&mut self, path: &str) {
        self.bump(); // '['
        let mut index = 0;
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
            self.value(format!("{path}[{index}]"));
            index += 1;
            if self.i == before {
                self.bump();
            }
        }
    }

    fn map(&mut self, path: &str) {
        self.bump(); // '{'
        loop {
            self.skip_ws();
            match self.peek() {
                None => return,
                Some('}') => {
                    self.bump();
                    return;
                }
                Some(',') | Some(':') => {
                    self.bump();
                    continue;
                }
                _ => {}
            }
            let before = self.i;
            // Keys are recorded under the map's path; values are not addressed.
            self.value(format!("{path}{{}}"));
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
        let loc = Locator::new(text);
        assert_eq!(loc.exact("schema_version"), Some(Position { line: 2, col: 19 }));
        assert_eq!(loc.exact("sites[0].id"), Some(Position { line: 4, col: 10 }));
        assert_eq!(
            loc.exact("sites[0].share[1][1]"),
            Some(Position { line: 4, col: 43 })
        );
        assert_eq!(loc.find("sites[0].nothing"), Some(Position { line: 4, col: 5 }));
        assert_eq!(top_level_token(text, "schema_version").as_deref(), Some("1"));
    }

    #[test]
    fn survives_garbage() {
        for t in ["", "(((((", "[1,2", "(a: \"unterminated", "/* x", "\u{0}\u{1}"] {
            let _ = Locator::new(t);
        }
        let deep = "(".repeat(10_000);
        let _ = Locator::new(&deep);
    }
}
