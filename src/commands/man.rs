//! `diptych man`: the manual page.

use super::print;
use crate::cli::Cli;
use anyhow::Result;
use std::process::ExitCode;

pub fn run() -> Result<ExitCode> {
    let cmd = <Cli as clap::CommandFactory>::command();
    let mut buf = Vec::new();
    clap_mangen::Man::new(cmd).render(&mut buf)?;
    print(&String::from_utf8_lossy(&buf))?;
    Ok(ExitCode::SUCCESS)
}
