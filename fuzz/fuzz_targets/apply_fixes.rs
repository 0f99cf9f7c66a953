#![no_main]
//! Arbitrary text linted with the full built-in pack, every fix (unsafe
//! included) applied until stable; the result re-lints cleanly under the
//! `lint_bytes` invariants and `remaining` is the lint of the final text.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    artlint_fuzz::checks::apply_fixes(data);
});
