#![no_main]
//! See [`artlint_fuzz::checks::lint_options`].

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    artlint_fuzz::checks::lint_options(data);
});
