//! Keys as the app sees them (no terminal types), and the keymap: key sequences → actions.
//! The help overlay and the README table are generated from this same table.

use super::{Action, Mode};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Code {
    Char(char),
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: Code,
    pub ctrl: bool,
}

impl Key {
    pub fn ch(c: char) -> Key {
        Key {
            code: Code::Char(c),
            ctrl: false,
        }
    }
    pub fn ctrl(c: char) -> Key {
        Key {
            code: Code::Char(c),
            ctrl: true,
        }
    }
    pub fn code(code: Code) -> Key {
        Key { code, ctrl: false }
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            write!(f, "Ctrl-")?;
        }
        match self.code {
            Code::Char(' ') => write!(f, "Space"),
            Code::Char(c) => write!(f, "{c}"),
            Code::Enter => write!(f, "Enter"),
            Code::Esc => write!(f, "Esc"),
            Code::Tab => write!(f, "Tab"),
            Code::BackTab => write!(f, "S-Tab"),
            Code::Backspace => write!(f, "Backspace"),
            Code::Up => write!(f, "Up"),
            Code::Down => write!(f, "Down"),
            Code::Left => write!(f, "Left"),
            Code::Right => write!(f, "Right"),
            Code::PageUp => write!(f, "PgUp"),
            Code::PageDown => write!(f, "PgDn"),
            Code::Home => write!(f, "Home"),
            Code::End => write!(f, "End"),
        }
    }
}

/// Parse a key sequence as written in config and tests: "j", "gg", "]t", "<C-d>", "<Tab>",
/// "<Space>", "<PgDn>", "<Up>".
pub fn parse_keys(s: &str) -> Result<Vec<Key>, String> {
    let mut out = Vec::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '<' && chars.peek().is_some() && s.contains('>') {
            let mut name = String::new();
            for d in chars.by_ref() {
                if d == '>' {
                    break;
                }
                name.push(d);
            }
            let key = match name.as_str() {
                "Tab" => Key::code(Code::Tab),
                "S-Tab" => Key::code(Code::BackTab),
                "Enter" | "CR" => Key::code(Code::Enter),
                "Esc" => Key::code(Code::Esc),
                "Space" => Key::ch(' '),
                "BS" | "Backspace" => Key::code(Code::Backspace),
                "Up" => Key::code(Code::Up),
                "Down" => Key::code(Code::Down),
                "Left" => Key::code(Code::Left),
                "Right" => Key::code(Code::Right),
                "PgUp" => Key::code(Code::PageUp),
                "PgDn" => Key::code(Code::PageDown),
                "Home" => Key::code(Code::Home),
                "End" => Key::code(Code::End),
                "lt" => Key::ch('<'),
                n if n.starts_with("C-") && n.chars().count() == 3 => {
                    Key::ctrl(n.chars().nth(2).unwrap_or(' ').to_ascii_lowercase())
                }
                other => return Err(format!("unknown key <{other}>")),
            };
            out.push(key);
        } else {
            out.push(Key::ch(c));
        }
    }
    if out.is_empty() {
        return Err("empty key sequence".into());
    }
    Ok(out)
}

/// A key sequence as people write it: "gg", "]t", "Space a", "Ctrl-d".
pub fn keys_to_string(keys: &[Key]) -> String {
    let parts: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
    let mut out = String::new();
    for (i, p) in parts.iter().enumerate() {
        if i > 0 && (p.chars().count() > 1 || parts[i - 1].chars().count() > 1) {
            out.push(' ');
        }
        out.push_str(p);
    }
    out
}

/// The keymap as Markdown tables (reading, then selection): what the README shows.
pub fn markdown_table(km: &Keymap) -> String {
    let mut out = String::new();
    for (mode, title) in [
        (Mode::Normal, "Reading"),
        (Mode::Visual, "In a selection (after `v` or `V`)"),
    ] {
        out.push_str(&format!(
            "**{title}**\n\n| keys | action | does |\n|---|---|---|\n"
        ));
        for (k, a) in km.help_rows_for(mode) {
            let name = serde_json::to_value(a)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            let keys: Vec<String> = k
                .split(" / ")
                .map(|x| format!("`{}`", x.replace('|', "\\|")))
                .collect();
            out.push_str(&format!(
                "| {} | `{name}` | {} |\n",
                keys.join(" "),
                a.describe()
            ));
        }
        out.push('\n');
    }
    out
}

/// One binding: in which mode, which keys, what action.
pub type Binding = (Mode, Vec<Key>, Action);

#[derive(Debug, Clone)]
pub struct Keymap {
    pub bindings: Vec<Binding>,
}

pub enum Lookup {
    Found(Action),
    /// The keys are a prefix of a longer binding; if they are also bound themselves, that
    /// action runs when the next key does not continue the sequence (or after a pause).
    Pending(Option<Action>),
    None,
}

impl Default for Keymap {
    fn default() -> Self {
        use Action::*;
        let table: &[(&str, Action)] = &[
            ("j", ScrollDown),
            ("<Down>", ScrollDown),
            ("k", ScrollUp),
            ("<Up>", ScrollUp),
            ("<C-d>", HalfPageDown),
            ("<C-u>", HalfPageUp),
            ("<Space>", PageDown),
            ("<PgDn>", PageDown),
            ("b", PageUp),
            ("<PgUp>", PageUp),
            ("gg", Top),
            ("<Home>", Top),
            ("G", Bottom),
            ("<End>", Bottom),
            ("}", NextParagraph),
            ("{", PrevParagraph),
            ("<Tab>", FocusOther),
            ("x", SwapSides),
            ("<lt>", PrevSource),
            (">", NextSource),
            ("s", SourcePicker),
            ("]t", NextTopic),
            ("[t", PrevTopic),
            ("]u", NextUnique),
            ("[u", PrevUnique),
            ("]d", NextDiscrepancy),
            ("[d", PrevDiscrepancy),
            ("/", SearchStart),
            ("n", SearchNext),
            ("N", SearchPrev),
            ("c", Coverage),
            ("S", ToggleSync),
            ("=", Realign),
            ("?", Help),
            ("q", Close),
            ("<C-c>", Quit),
            (")", NextSentence),
            ("(", PrevSentence),
            ("v", Visual),
            ("V", VisualParagraph),
            ("H", Highlight),
            ("1", HighlightColor1),
            ("2", HighlightColor2),
            ("3", HighlightColor3),
            ("4", HighlightColor4),
            ("5", HighlightColor5),
            ("a", Note),
            ("A", NoteInEditor),
            ("t", Tags),
            ("L", Link),
            ("gl", FollowLink),
            ("d", Delete),
            ("u", Undo),
            ("<C-r>", Redo),
            ("]a", NextAnnotation),
            ("[a", PrevAnnotation),
            ("<Space>a", AnnotationList),
            ("<Space>e", ExportPrompt),
            (":", CommandLine),
        ];
        let visual: &[(&str, Action)] = &[
            (")", NextSentence),
            ("(", PrevSentence),
            ("w", WordForward),
            ("b", WordBack),
            ("e", WordEnd),
            ("l", CharForward),
            ("h", CharBack),
            ("V", VisualParagraph),
            ("<Esc>", Cancel),
            ("v", Cancel),
            ("H", Highlight),
            ("1", HighlightColor1),
            ("2", HighlightColor2),
            ("3", HighlightColor3),
            ("4", HighlightColor4),
            ("5", HighlightColor5),
            ("a", Note),
            ("t", Tags),
            ("L", Link),
            ("<C-c>", Quit),
        ];
        let mut bindings: Vec<Binding> = table
            .iter()
            .filter_map(|(k, a)| parse_keys(k).ok().map(|ks| (Mode::Normal, ks, *a)))
            .collect();
        bindings.extend(
            visual
                .iter()
                .filter_map(|(k, a)| parse_keys(k).ok().map(|ks| (Mode::Visual, ks, *a))),
        );
        Keymap { bindings }
    }
}

impl Keymap {
    pub fn lookup(&self, mode: Mode, pending: &[Key]) -> Lookup {
        let mut prefix = false;
        let mut exact = None;
        for (m, ks, a) in &self.bindings {
            if *m != mode {
                continue;
            }
            if ks.as_slice() == pending {
                exact = Some(*a);
            } else if ks.len() > pending.len() && ks[..pending.len()] == *pending {
                prefix = true;
            }
        }
        match (exact, prefix) {
            (e, true) => Lookup::Pending(e),
            (Some(a), false) => Lookup::Found(a),
            (None, false) => Lookup::None,
        }
    }

    /// Rebind an action by name: replaces its default keys. Errors name the action or key.
    pub fn bind(&mut self, action: &str, keys: &[String]) -> Result<(), String> {
        let a: Action = serde_json::from_value(serde_json::Value::String(action.to_string()))
            .map_err(|_| format!("unknown action \"{action}\""))?;
        let mut parsed = Vec::new();
        for k in keys {
            parsed.push(parse_keys(k).map_err(|e| format!("{action}: {e}"))?);
        }
        let mut modes: Vec<Mode> = self
            .bindings
            .iter()
            .filter(|b| b.2 == a)
            .map(|b| b.0)
            .collect();
        modes.dedup();
        if modes.is_empty() {
            modes.push(Mode::Normal);
        }
        self.bindings
            .retain(|(m, ks, b)| !(modes.contains(m) && (*b == a || parsed.contains(ks))));
        for m in modes {
            for ks in &parsed {
                self.bindings.push((m, ks.clone(), a));
            }
        }
        Ok(())
    }

    /// Keys bound to each action, in table order: what `?` shows.
    pub fn help_rows(&self) -> Vec<(String, Action)> {
        self.help_rows_for(Mode::Normal)
    }

    /// Keys bound to each action in one mode, in table order.
    pub fn help_rows_for(&self, mode: Mode) -> Vec<(String, Action)> {
        let mut rows: Vec<(String, Action)> = Vec::new();
        for (m, ks, a) in &self.bindings {
            if *m != mode {
                continue;
            }
            let k = keys_to_string(ks);
            match rows.iter_mut().find(|(_, b)| b == a) {
                Some(row) => {
                    row.0.push_str(" / ");
                    row.0.push_str(&k);
                }
                None => rows.push((k, *a)),
            }
        }
        rows
    }
}
