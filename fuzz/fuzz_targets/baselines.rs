#![no_main]
//! Arbitrary bytes as a baseline file: read or refused with an error, never
//! a panic; what reads renders back unchanged and hides what it records.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    artlint_fuzz::checks::baselines(data);
});
