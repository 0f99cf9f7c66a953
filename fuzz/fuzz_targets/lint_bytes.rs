#![no_main]
//! Arbitrary bytes linted with the full built-in pack (lossy UTF-8 decoding):
//! spans and fix edits in bounds and on char boundaries, edits of one fix
//! disjoint, output sorted, and linting twice gives the same result.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    artlint_fuzz::checks::lint_bytes(data);
});
