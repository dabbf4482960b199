//! Text ⇄ scenario: parsing with field paths and positions, schema versions, validation,
//! and the canonical pretty form written on save. No file I/O here (see `crate::file`).

use super::locate::{Position, locate, locate_exact, top_level_token};
use super::scenario::{SCHEMA_VERSION, Scenario};
use super::validate::validate;
use ron::extensions::Extensions;
use std::fmt;

/// Largest scenario text accepted [bytes]. Real scenarios are tens of kilobytes.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// Errors of one file printed or shown; the rest are counted.
pub const MAX_ERROR_LINES: usize = 50;

/// One error of a scenario file, naming the field and, where found, the place in the text.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldError {
    /// Field path such as `sites[2].co2_free_share`; empty when the error is about the whole text.
    pub path: String,
    pub message: String,
    pub position: Option<Position>,
}

/// Characters of one error message shown; a parser message quoting a 200,000-character
/// field name is cut here.
pub const MAX_MESSAGE_CHARS: usize = 300;

fn cut(t: &str, max: usize) -> std::borrow::Cow<'_, str> {
    match t.char_indices().nth(max) {
        None => t.into(),
        Some((i, _)) => format!("{}… ({} characters)", &t[..i], t.chars().count()).into(),
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let message = cut(&self.message, MAX_MESSAGE_CHARS);
        if self.path.is_empty() {
            write!(f, "{message}")?;
        } else {
            write!(f, "{}: {message}", cut(&self.path, MAX_MESSAGE_CHARS))?;
        }
        if let Some(p) = self.position {
            write!(f, " (line {}, column {})", p.line, p.col)?;
        }
        Ok(())
    }
}

/// Why a scenario could not be loaded. Every variant lists what is wrong, never panics.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadError {
    /// The file could not be read.
    Io(String),
    TooLarge {
        bytes: u64,
    },
    NotText {
        offset: usize,
    },
    /// The file was written by a newer decarb.
    NewerSchema {
        found: u32,
    },
    /// Syntax or validation errors: all of them.
    Invalid(Vec<FieldError>),
}

impl LoadError {
    /// Every message, one per line.
    pub fn lines(&self) -> Vec<String> {
        match self {
            LoadError::Io(e) => vec![e.clone()],
            LoadError::TooLarge { bytes } => vec![format!(
                "the file is {bytes} bytes; scenario files are limited to {} MiB",
                MAX_FILE_BYTES / (1024 * 1024)
            )],
            LoadError::NotText { offset } => vec![format!(
                "the file is not UTF-8 text (invalid byte at offset {offset}); is it a scenario (.ron) file?"
            )],
            LoadError::NewerSchema { found } => vec![format!(
                "schema_version: the file needs schema version {found}, this build of decarb reads up to version {SCHEMA_VERSION}; open it with a newer decarb"
            )],
            LoadError::Invalid(errs) => {
                let mut lines: Vec<String> =
                    errs.iter().take(MAX_ERROR_LINES).map(|e| e.to_string()).collect();
                if errs.len() > MAX_ERROR_LINES {
                    // Validation ends a list it cut short with a line of its own (empty path).
                    let cut = errs
                        .last()
                        .filter(|e| e.path.is_empty() && e.message.starts_with('…'));
                    let hidden = errs.len() - MAX_ERROR_LINES - usize::from(cut.is_some());
                    lines.push(format!(
                        "… {hidden} more errors not shown (the first {MAX_ERROR_LINES} are above)"
                    ));
                    lines.extend(cut.map(|e| e.to_string()));
                }
                lines
            }
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.lines().join("\n"))
    }
}

impl std::error::Error for LoadError {}

fn ron_options() -> ron::Options {
    ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME)
        .with_recursion_limit(64)
}

/// Parses bytes (checks size and UTF-8 first).
pub fn from_bytes(bytes: &[u8]) -> Result<Scenario, LoadError> {
    from_bytes_noting(bytes).map(|(s, _)| s)
}

/// Like [`from_bytes`], with the migration notes of [`from_str_noting`].
pub fn from_bytes_noting(bytes: &[u8]) -> Result<(Scenario, Vec<String>), LoadError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            bytes: bytes.len() as u64,
        });
    }
    let text = std::str::from_utf8(bytes).map_err(|e| LoadError::NotText {
        offset: e.valid_up_to(),
    })?;
    from_str_noting(text)
}

/// Parses and validates a scenario text, reporting every error.
pub fn from_str(text: &str) -> Result<Scenario, LoadError> {
    from_str_noting(text).map(|(s, _)| s)
}

/// Like [`from_str`], with what migrating an older file changed (one line each; empty for a
/// file of this build's version).
pub fn from_str_noting(text: &str) -> Result<(Scenario, Vec<String>), LoadError> {
    if text.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            bytes: text.len() as u64,
        });
    }
    if text.trim().is_empty() {
        return Err(LoadError::Invalid(vec![FieldError {
            path: String::new(),
            message: "the file is empty; a scenario starts with `(schema_version: 2, meta: (...), ...)`"
                .into(),
            position: None,
        }]));
    }
    let found = check_version(text)?;
    let mut scenario = parse(text)?;
    let notes = match found {
        Some(1) => upgrade_from_1(
            &mut scenario,
            top_level_token(text, "discount_rate_pct").is_some(),
        ),
        _ => Vec::new(),
    };
    let problems = validate(&scenario);
    if problems.is_empty() {
        return Ok((scenario, notes));
    }
    // Positions only for the fields with errors, found in one pass.
    let positions = locate(text, problems.iter().map(|p| p.locate.as_str()));
    Err(LoadError::Invalid(
        problems
            .into_iter()
            .zip(positions)
            .map(|(p, position)| FieldError {
                position: position.filter(|_| !p.locate.is_empty()),
                path: p.path,
                message: p.message,
            })
            .collect(),
    ))
}

/// The version a file declares, refusing a newer one than this build's and version 0.
/// `None` when the text has no readable version (the parser then reports it).
fn check_version(text: &str) -> Result<Option<u32>, LoadError> {
    let Some(token) = top_level_token(text, "schema_version") else {
        return Ok(None);
    };
    let Ok(found) = token.parse::<u32>() else {
        return Ok(None); // the parser reports the wrong type
    };
    if found > SCHEMA_VERSION {
        return Err(LoadError::NewerSchema { found });
    }
    if found == 0 {
        return Err(LoadError::Invalid(vec![FieldError {
            path: "schema_version".into(),
            message: format!("0 is not a schema version (this build reads 1..={SCHEMA_VERSION})"),
            position: locate_exact(text, "schema_version"),
        }]));
    }
    Ok(Some(found))
}

/// Schema 1 → 2 (ANALYSES.md §5, §9.14, §9.32). Every field added in version 2 has a default,
/// so a version-1 text parses as version 2; what changes is the meaning of two things:
/// - the discount rate: version 1 could not store 0 (it was not written), so a version-1 file
///   gets the default 4 % real where it had none or 0;
/// - capex: version 1 could not say "not given", so a capex of 0 becomes "not given" (a PPA
///   with a price stays complete: its missing capex then counts as 0, §9.45).
fn upgrade_from_1(s: &mut Scenario, discount_given: bool) -> Vec<String> {
    let mut notes = vec![
        "schema_version: version 1 read and upgraded to version 2 (saving writes version 2)".to_string(),
    ];
    s.schema_version = SCHEMA_VERSION;
    if !discount_given || s.discount_rate_pct == 0.0 {
        s.discount_rate_pct = 4.0;
        notes.push("discount_rate_pct: version 1 had none; set to the default 4 % real".into());
    }
    let mut cleared = 0usize;
    let mut clear = |v: &mut Option<f64>| {
        if *v == Some(0.0) {
            *v = None;
            cleared += 1;
        }
    };
    for site in &mut s.sites {
        clear(&mut site.process_change_capex_jpy);
        for m in &mut site.measures {
            clear(&mut m.capex_jpy);
        }
    }
    for p in &mut s.ppas {
        clear(&mut p.capex_jpy_per_mw);
    }
    if cleared > 0 {
        notes.push(format!(
            "capex: {cleared} capex field(s) of 0 read as \"not given\" (version 1 could not tell them apart)"
        ));
    }
    notes
}

fn parse(text: &str) -> Result<Scenario, LoadError> {
    let opts = ron_options();
    let mut de =
        ron::Deserializer::from_str_with_options(text, &opts).map_err(|e| spanned(text, e, String::new()))?;
    let result: Result<Scenario, _> = serde_path_to_error::deserialize(&mut de);
    match result {
        Ok(s) => {
            if let Err(e) = de.end() {
                return Err(spanned(text, de.span_error(e), String::new()));
            }
            Ok(s)
        }
        Err(e) => {
            let path = e.path().to_string();
            let path = if path == "." { String::new() } else { path };
            let code = e.into_inner();
            Err(spanned(text, de.span_error(code), path))
        }
    }
}

fn spanned(text: &str, e: ron::error::SpannedError, path: String) -> LoadError {
    let end = text.trim_end();
    let end_line = 1 + end.matches('\n').count();
    let end_col = 1 + end.chars().rev().take_while(|&c| c != '\n').count();
    let at_end = (e.span.end.line, e.span.end.col) >= (end_line, end_col);
    let message = match &e.code {
        ron::Error::Eof => "the text ends too early (truncated file?)".to_string(),
        other if at_end => format!("{other}: the text ends here (truncated file?)"),
        other => other.to_string(),
    };
    LoadError::Invalid(vec![FieldError {
        path,
        message,
        position: Some(Position {
            line: e.span.start.line,
            col: e.span.start.col,
        }),
    }])
}

/// The canonical text of a scenario (what Save writes).
pub fn to_string(s: &Scenario) -> Result<String, String> {
    let config = ron::ser::PrettyConfig::new()
        .indentor("  ")
        .struct_names(false)
        .compact_arrays(false)
        .separate_tuple_members(false)
        .extensions(Extensions::IMPLICIT_SOME);
    let mut text = ron_options()
        .to_string_pretty(s, config)
        .map_err(|e| format!("could not write the scenario as text: {e}"))?;
    text.push('\n');
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(text: &str) -> String {
        from_str(text).unwrap_err().to_string()
    }

    #[test]
    fn the_size_limit_is_8_mib_exactly() {
        let max = MAX_FILE_BYTES as usize;
        for n in [max, max - 1] {
            // At the limit: read (and found empty), not refused for its size.
            let text = " ".repeat(n);
            assert!(messages(&text).contains("the file is empty"), "{n}");
            assert!(
                from_bytes(text.as_bytes())
                    .unwrap_err()
                    .to_string()
                    .contains("the file is empty")
            );
        }
        for n in [max + 1, max + 100] {
            let text = " ".repeat(n);
            assert_eq!(
                from_str(&text).unwrap_err(),
                LoadError::TooLarge { bytes: n as u64 }
            );
            assert_eq!(
                from_bytes(text.as_bytes()).unwrap_err(),
                LoadError::TooLarge { bytes: n as u64 }
            );
        }
    }

    #[test]
    fn only_an_error_at_the_end_of_the_text_is_called_a_truncation() {
        // An error in the middle of a one-line text, and on the line before a short last one.
        for text in [
            "(schema_version: 1, bogus: 2, more: 3, and_more: 4)",
            "(schema_version: 1,\n bogus: 2,\n)",
        ] {
            // The whole message (Display would cut this long one before its end).
            let LoadError::Invalid(errs) = from_str(text).unwrap_err() else {
                panic!("{text:?}")
            };
            let m = &errs[0].message;
            assert!(m.contains("bogus") && !m.contains("truncated"), "{text:?}: {m}");
        }
        // Cut off after a value: the message says so.
        let m = messages("(schema_version: 1,\n meta: (name: \"x\"),");
        assert!(m.contains("truncated"), "{m}");
    }

    #[test]
    fn the_end_of_the_text_is_its_last_character_before_trailing_blanks() {
        use ron::error::{Position as P, Span, SpannedError};
        // "abc\nde" then blanks: the text ends at line 2, column 3 (just after "de").
        let text = "abc\nde  \n\n";
        let at = |line: usize, col: usize| {
            let e = SpannedError {
                code: ron::Error::ExpectedComma,
                span: Span {
                    start: P { line: 1, col: 1 },
                    end: P { line, col },
                },
            };
            let LoadError::Invalid(errs) = spanned(text, e, String::new()) else {
                unreachable!()
            };
            errs[0].message.contains("the text ends here")
        };
        assert!(at(2, 3));
        assert!(at(3, 1));
        assert!(!at(2, 2));
        assert!(!at(1, 9));
    }

    #[test]
    fn messages_are_cut_and_counted() {
        let long = FieldError {
            path: "p".repeat(400),
            message: "m".repeat(1000),
            position: None,
        };
        let shown = long.to_string();
        assert!(
            shown.chars().count() < 2 * MAX_MESSAGE_CHARS + 60,
            "{}",
            shown.len()
        );
        assert!(shown.contains("(1000 characters)") && shown.contains("(400 characters)"));
        let errs: Vec<FieldError> = (0..120)
            .map(|i| FieldError {
                path: format!("sites[{i}]"),
                message: "wrong".into(),
                position: None,
            })
            .collect();
        let lines = LoadError::Invalid(errs.clone()).lines();
        assert_eq!(lines.len(), MAX_ERROR_LINES + 1);
        assert_eq!(
            lines[MAX_ERROR_LINES],
            "… 70 more errors not shown (the first 50 are above)"
        );
        // Exactly 50: all shown, no count.
        assert_eq!(LoadError::Invalid(errs[..50].to_vec()).lines().len(), 50);
        // Validation's own "… and N more" line stays last and is not counted as an error.
        let mut cut = errs[..60].to_vec();
        cut.push(FieldError {
            path: String::new(),
            message: "… and 5 more problems not listed; fix these first".into(),
            position: None,
        });
        let lines = LoadError::Invalid(cut.clone()).lines();
        assert_eq!(lines.len(), MAX_ERROR_LINES + 2);
        assert_eq!(
            lines[MAX_ERROR_LINES],
            "… 10 more errors not shown (the first 50 are above)"
        );
        assert_eq!(
            lines[MAX_ERROR_LINES + 1],
            "… and 5 more problems not listed; fix these first"
        );
        // A last error about the whole text (no path) is an error like the others.
        let last = cut.len() - 1;
        cut[last].message = "the text ends too early".into();
        let lines = LoadError::Invalid(cut.clone()).lines();
        assert_eq!(lines.len(), MAX_ERROR_LINES + 1);
        assert_eq!(
            lines[MAX_ERROR_LINES],
            "… 11 more errors not shown (the first 50 are above)"
        );
        // And one with a path whose message starts with an ellipsis, too.
        cut[last].path = "meta.name".into();
        cut[last].message = "… odd".into();
        assert_eq!(LoadError::Invalid(cut).lines().len(), MAX_ERROR_LINES + 1);
    }
}
