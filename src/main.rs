//! The `artlint` binary: parse arguments, call the library, map the result to
//! an exit code. All of it lives in the `cli` module.

#[cfg(feature = "cli")]
mod cli;

fn main() -> std::process::ExitCode {
    cli::run()
}
