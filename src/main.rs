//! The `tolk` binary: parses the command line and runs a subcommand; errors are printed with
//! their causes on stderr and give a non-zero exit code.

mod cli;

use clap::Parser;

fn main() -> std::process::ExitCode {
    let parsed = cli::Cli::parse();
    match cli::run(parsed) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("tolk: {error:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
