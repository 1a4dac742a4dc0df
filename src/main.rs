//! The `tolk` binary: parses the command line and runs a subcommand.

mod cli;

use clap::Parser;

/// Tolk: a translation-alignment workbench.
#[derive(Debug, Parser)]
#[command(name = "tolk", version, about)]
enum Cli {
    Align(cli::align::AlignArgs),
    EvalAlign(cli::eval_align::EvalAlignArgs),
}

fn main() -> std::process::ExitCode {
    let result = match Cli::parse() {
        Cli::Align(args) => cli::align::run(&args),
        Cli::EvalAlign(args) => cli::eval_align::run(&args),
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
