//! The command line's subcommands, one file each: an `Args` struct (clap derive, whose doc
//! comments are the help text) and a `run` function.

pub mod align;
pub mod eval_align;
