//! Loader → engine → summary → report on every input the loader accepts.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| decarb::fuzzing::pipeline(data));
