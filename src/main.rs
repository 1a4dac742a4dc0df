//! The `tolk` binary: parses the command line and runs a subcommand. Errors are printed as one
//! `tolk: ...` line with their causes on stderr and exit 1 (clap's own argument errors exit 2);
//! a closed standard output (`tolk stats P | head`) ends the command quietly.

mod cli;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let parsed = cli::Cli::parse();
    // Ctrl+C or a kill: remove the lock files and half-written temporary files this process
    // holds, so nothing is left behind (the files being saved are whole either way).
    let _ = ctrlc::set_handler(|| {
        tolk::clean_up_before_exit();
        std::process::exit(130);
    });
    let result =
        cli::run(parsed).and_then(|()| Ok(std::io::stdout().flush().map_err(cli::on_stdout)?));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) if error.is::<cli::FindingsExist>() => ExitCode::from(3),
        Err(error) => {
            let _ = writeln!(std::io::stderr(), "tolk: {error:#}");
            ExitCode::FAILURE
        }
    }
}

/// Whether the command failed only because whoever read its output stopped reading.
fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        let io = cause
            .downcast_ref::<std::io::Error>()
            .or_else(|| {
                cause
                    .downcast_ref::<tolk::OutputError>()
                    .and_then(tolk::OutputError::io_cause)
            })
            .or_else(|| {
                cause
                    .downcast_ref::<tolk::ExportFileError>()
                    .and_then(tolk::ExportFileError::io_cause)
            });
        io.is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
