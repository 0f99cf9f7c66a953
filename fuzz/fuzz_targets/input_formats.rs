#![no_main]
//! Markdown, HTML and JSONL inputs (the first byte picks the format): spans
//! mapped back into the source in bounds and on char boundaries, fixes apply
//! to the source, linting twice gives the same result, JSONL errors say where.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    artlint_fuzz::checks::input_formats(data);
});
