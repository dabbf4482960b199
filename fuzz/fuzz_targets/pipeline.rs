//! Loader → engine → summary → report on every input the loader accepts.
#![no_main]
use decarb::export;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = decarb::file::parse(data) else {
        return;
    };
    let p = decarb::engine::project(&s);
    let _ = decarb::report::summary_text(&s, &p, decarb::units::Units::ManT);
    let _ = decarb::report::csv(&s, &p);
    let _ = export::html::report(&s, decarb::i18n::Lang::En, decarb::units::Units::ManT, "2026-01-01");
    for t in export::tables::tables(&s) {
        let _ = t.to_csv();
    }
    // The text written on Save reads back as the same scenario.
    let text = decarb::model::to_string(&s).expect("a loaded scenario can be written");
    let again = decarb::model::from_str(&text).expect("a saved scenario loads again");
    assert_eq!(s, again);
});
