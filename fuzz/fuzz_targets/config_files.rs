#![no_main]
//! See [`artlint_fuzz::checks::config_files`].

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    artlint_fuzz::checks::config_files(data);
});
