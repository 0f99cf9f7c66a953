//! The `artlint` binary: parse arguments, call the library, map the result to
//! an exit code. All of it lives in the `cli` module.

mod cli;

fn main() -> std::process::ExitCode {
    cli::run()
}
