//! The loader on any bytes: a scenario or an error, never a panic, a hang or a blow-up.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| decarb::fuzzing::load(data));
