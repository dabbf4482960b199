//! The bodies of the `cargo fuzz` targets (`fuzz/`), here so that CI replays every corpus
//! file through the same code on the stable toolchain (`tests/cli/hostile.rs`).

use crate::export;
use crate::i18n::Lang;
use crate::units::Units;

/// Any bytes through the loader: a scenario or an error that can be shown.
pub fn load(data: &[u8]) {
    if let Err(e) = crate::file::parse(data) {
        let _ = e.lines();
    }
}

/// An accepted file through the engine, the summary, the CSV, the HTML report and the tables;
/// the text written on Save reads back as the same scenario.
pub fn pipeline(data: &[u8]) {
    let Ok(s) = crate::file::parse(data) else {
        return;
    };
    let p = crate::engine::project(&s);
    let _ = crate::report::summary_text(&s, &p, Units::ManT);
    let _ = crate::report::csv(&s, &p);
    let _ = export::html::report(&s, Lang::En, Units::ManT, "2026-01-01");
    for t in export::tables::tables(&s) {
        let _ = t.to_csv();
    }
    let text = crate::model::to_string(&s).expect("a loaded scenario can be written");
    let again = crate::model::from_str(&text).expect("a saved scenario loads again");
    assert_eq!(s, again, "the saved text reads back as another scenario");
}
