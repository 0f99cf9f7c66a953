//! The `artlint` binary: parse arguments, call the library, map the result to
//! an exit code. All of it lives in the `cli` module.

#[cfg(feature = "cli")]
mod cli;

/// jemalloc: see Cargo.toml for why and what it costs in memory.
#[cfg(all(feature = "cli", not(target_env = "msvc")))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> std::process::ExitCode {
    cli::run()
}
