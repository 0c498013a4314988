//! `diptych completions`: a shell completion script.

use super::print;
use crate::cli::Cli;
use anyhow::Result;
use std::process::ExitCode;

pub fn run(shell: clap_complete::Shell) -> Result<ExitCode> {
    let mut cmd = <Cli as clap::CommandFactory>::command();
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut cmd, "diptych", &mut buf);
    print(&String::from_utf8_lossy(&buf))?;
    Ok(ExitCode::SUCCESS)
}
