//! The loader on any bytes: a scenario or an error, never a panic, a hang or a blow-up.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(e) = decarb::file::parse(data) {
        // Every error can be shown.
        let _ = e.lines();
    }
});
