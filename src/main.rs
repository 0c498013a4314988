//! Entry point: parse the command line, run the chosen job, map errors to one clear line and a
//! non-zero exit code.
#![forbid(unsafe_code)]

use clap::Parser;
use diptych::cli::Cli;
use diptych::commands::say;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            use clap::error::ErrorKind;
            if matches!(
                e.kind(),
                ErrorKind::DisplayHelp
                    | ErrorKind::DisplayVersion
                    | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
            ) {
                let _ = e.print();
                return ExitCode::SUCCESS;
            }
            // one clear line instead of a usage block
            let text = e.render().to_string();
            let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
            let mut first = lines
                .next()
                .unwrap_or("invalid arguments")
                .trim_start_matches("error: ")
                .to_string();
            if first.ends_with(':') {
                if let Some(next) = lines.next() {
                    first = format!("{first} {next}");
                }
            }
            say(&format!("diptych: error: {first} (see diptych --help)"));
            return ExitCode::from(2);
        }
    };
    match diptych::commands::run(cli) {
        Ok(code) => code,
        Err(e) => {
            let msg = format!("{e:#}");
            say(&format!("diptych: error: {msg}"));
            ExitCode::from(1)
        }
    }
}
