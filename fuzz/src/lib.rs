//! Support for the fuzz targets. The invariants live in `checks.rs`, which
//! `tests/properties.rs` also compiles, so a saved crash is replayed under
//! plain `cargo test` by exactly the same assertions.

pub mod checks;
