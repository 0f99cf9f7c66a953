//! The default rule pack, embedded at build time from `rules/`.

use crate::rule::PackFile;

include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));

/// The built-in pack's files, with paths like `rules/scrape/boilerplate.toml`.
pub fn builtin_pack() -> Vec<PackFile> {
    BUILTIN_FILES
        .iter()
        .map(|(path, text)| PackFile {
            path: (*path).to_string(),
            text: (*text).to_string(),
        })
        .collect()
}

/// True for a file of the built-in pack, unchanged.
pub(crate) fn is_built_in(file: &PackFile) -> bool {
    BUILTIN_FILES
        .iter()
        .any(|(path, text)| *path == file.path && *text == file.text)
}
