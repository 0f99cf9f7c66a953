#![no_main]
//! Arbitrary bytes as a rule file `f.toml`: `load_pack` returns Ok or Err,
//! never panics or hangs; a pack that loads is compiled and run on a fixed
//! sample text (and on its own source) under the same invariants as `lint_bytes`.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    artlint_fuzz::checks::load_rules(data);
});
