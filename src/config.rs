//! The user's config file (`<config dir>/diptych/config.toml`): theme, sync default, keymap
//! overrides by action name. Parsing is pure; a bad file yields defaults plus a message that
//! names the line.

use crate::app::keymap::Keymap;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The colour scheme, chosen in the config file or with `--theme`.
#[derive(Debug, Clone, Copy, clap::ValueEnum, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ThemeName {
    Dark,
    Light,
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub theme: Option<ThemeName>,
    pub sync: Option<bool>,
    #[serde(default)]
    pub keys: BTreeMap<String, KeySpec>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum KeySpec {
    One(String),
    Many(Vec<String>),
}

impl KeySpec {
    pub fn list(&self) -> Vec<String> {
        match self {
            KeySpec::One(s) => vec![s.clone()],
            KeySpec::Many(v) => v.clone(),
        }
    }
}

pub fn config_path() -> Option<PathBuf> {
    if let Ok(p) = std::env::var("DIPTYCH_CONFIG") {
        return Some(PathBuf::from(p));
    }
    directories::ProjectDirs::from("", "", "diptych").map(|d| d.config_dir().join("config.toml"))
}

/// Parse config text; errors name the file's line.
pub fn parse(text: &str, origin: &str) -> Result<(Config, Keymap), String> {
    let cfg: Config = toml::from_str(text).map_err(|e| {
        let line = e
            .span()
            // count newlines in bytes: a span start need not be a char boundary
            .map(|s| {
                let head = &text.as_bytes()[..s.start.min(text.len())];
                head.iter().filter(|&&b| b == b'\n').count() + 1
            });
        match line {
            Some(l) => format!(
                "{origin} line {l}: {}",
                e.message().trim().replace('\n', "; ")
            ),
            None => format!("{origin}: {}", e.message().trim().replace('\n', "; ")),
        }
    })?;
    let mut km = Keymap::default();
    for (action, spec) in &cfg.keys {
        km.bind(action, &spec.list()).map_err(|e| {
            let l = text
                .lines()
                .position(|x| x.trim_start().starts_with(action.as_str()))
                .map(|i| i + 1);
            match l {
                Some(l) => format!("{origin} line {l}: {e}"),
                None => format!("{origin}: {e}"),
            }
        })?;
    }
    Ok((cfg, km))
}

/// Load the config file if there is one. Returns defaults and a warning when it is bad.
pub fn load() -> (Config, Keymap, Option<String>) {
    let Some(path) = config_path() else {
        return (Config::default(), Keymap::default(), None);
    };
    match std::fs::read_to_string(&path) {
        Ok(text) => match parse(&text, &path.display().to_string()) {
            Ok((c, k)) => (c, k, None),
            Err(e) => (
                Config::default(),
                Keymap::default(),
                Some(format!("{e} — using defaults")),
            ),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            (Config::default(), Keymap::default(), None)
        }
        Err(e) => (
            Config::default(),
            Keymap::default(),
            Some(format!("{}: {e} — using defaults", path.display())),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::keymap::{parse_keys, Lookup};
    use crate::app::Action;

    #[test]
    fn rebinds_by_action_name() {
        let (cfg, km) = parse(
            "theme = \"light\"\nsync = false\n[keys]\nscroll_down = [\"e\", \"<C-n>\"]\n",
            "c",
        )
        .expect("ok");
        assert_eq!(cfg.theme, Some(ThemeName::Light));
        assert_eq!(cfg.sync, Some(false));
        let e = parse_keys("e").expect("k");
        assert!(matches!(
            km.lookup(crate::app::Mode::Normal, &e),
            Lookup::Found(Action::ScrollDown)
        ));
        // the default j is replaced
        assert!(matches!(
            km.lookup(crate::app::Mode::Normal, &parse_keys("j").expect("k")),
            Lookup::None
        ));
    }

    #[test]
    fn errors_name_the_line() {
        let e = parse("theme = \"dark\"\nsync = maybe\n", "cfg.toml").unwrap_err();
        assert!(e.starts_with("cfg.toml line 2:"), "{e}");
        let e = parse("[keys]\nfly_away = \"f\"\n", "cfg.toml").unwrap_err();
        assert!(e.contains("line 2") && e.contains("unknown action"), "{e}");
        let e = parse("colour = 1\n", "cfg.toml").unwrap_err();
        assert!(e.contains("line 1"), "{e}");
    }
}
