//! `diptych config`: checks the config file and says where it is.

use super::print;
use anyhow::Result;
use std::process::ExitCode;

pub fn run() -> Result<ExitCode> {
    let Some(path) = crate::config::config_path() else {
        anyhow::bail!("no config directory on this system");
    };
    match std::fs::read_to_string(&path) {
        Ok(text) => {
            crate::config::parse(&text, &path.display().to_string())
                .map_err(|e| anyhow::anyhow!(e))?;
            print(&format!("{}: ok\n", path.display()))?;
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => print(&format!(
            "{}: not present (defaults are used)\n",
            path.display()
        ))?,
        Err(e) => anyhow::bail!("{}: {e}", path.display()),
    }
    Ok(ExitCode::SUCCESS)
}
