//! Colors and text styles. With colors off (NO_COLOR, --color never) every meaning is still
//! carried by a modifier or a marker character.

use crate::store::Kind;
use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
    pub dark: bool,
}

const TOPIC_DARK: [Color; 8] = [
    Color::Rgb(102, 187, 255),
    Color::Rgb(255, 170, 90),
    Color::Rgb(130, 220, 130),
    Color::Rgb(230, 130, 230),
    Color::Rgb(240, 220, 100),
    Color::Rgb(110, 220, 220),
    Color::Rgb(255, 140, 140),
    Color::Rgb(180, 170, 255),
];
const TOPIC_LIGHT: [Color; 8] = [
    Color::Rgb(0, 90, 180),
    Color::Rgb(190, 90, 0),
    Color::Rgb(20, 130, 40),
    Color::Rgb(150, 40, 150),
    Color::Rgb(140, 120, 0),
    Color::Rgb(0, 130, 130),
    Color::Rgb(190, 30, 30),
    Color::Rgb(80, 60, 200),
];

impl Theme {
    pub fn new(color: bool, dark: bool) -> Theme {
        Theme { color, dark }
    }
    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::default().fg(c)
        } else {
            Style::default()
        }
    }
    pub fn topic_color(&self, id: usize) -> Option<Color> {
        self.color.then(|| {
            if self.dark {
                TOPIC_DARK[id % 8]
            } else {
                TOPIC_LIGHT[id % 8]
            }
        })
    }
    pub fn topic(&self, id: usize) -> Style {
        match self.topic_color(id) {
            Some(c) => Style::default().fg(c),
            None => Style::default(),
        }
    }
    pub fn unique(&self) -> Style {
        self.fg(if self.dark {
            Color::Rgb(255, 215, 0)
        } else {
            Color::Rgb(160, 110, 0)
        })
        .add_modifier(Modifier::BOLD)
    }
    pub fn conflict(&self) -> Style {
        if self.color {
            Style::default()
                .fg(Color::White)
                .bg(Color::Rgb(170, 30, 30))
                .add_modifier(Modifier::BOLD)
        } else {
            Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }
    pub fn conflict_marker(&self) -> Style {
        self.fg(Color::Rgb(255, 80, 80))
            .add_modifier(Modifier::BOLD)
    }
    pub fn shared(&self) -> Style {
        Style::default().add_modifier(Modifier::UNDERLINED)
    }
    pub fn search(&self, current: bool) -> Style {
        if self.color {
            let bg = if current {
                Color::Rgb(255, 200, 0)
            } else {
                Color::Rgb(120, 100, 20)
            };
            Style::default().bg(bg).fg(Color::Black)
        } else if current {
            Style::default().add_modifier(Modifier::REVERSED | Modifier::UNDERLINED)
        } else {
            Style::default().add_modifier(Modifier::REVERSED)
        }
    }
    pub fn kind(&self, k: Kind) -> Style {
        match k {
            Kind::Title => Style::default().add_modifier(Modifier::BOLD),
            Kind::Standfirst => Style::default().add_modifier(Modifier::ITALIC),
            Kind::Dateline => self.fg(Color::Gray).add_modifier(Modifier::ITALIC),
            Kind::Body => Style::default(),
            Kind::Boilerplate => self.fg(Color::DarkGray).add_modifier(Modifier::DIM),
        }
    }
    pub fn dim(&self) -> Style {
        self.fg(Color::Gray).add_modifier(Modifier::DIM)
    }
    pub fn accent(&self) -> Style {
        self.fg(if self.dark { Color::Cyan } else { Color::Blue })
    }
    pub fn outlet(&self, focus: bool) -> Style {
        let s = Style::default().add_modifier(Modifier::BOLD);
        if focus {
            s.add_modifier(Modifier::UNDERLINED)
        } else {
            s
        }
    }
    /// A background that depends on the theme, or a modifier when colors are off.
    fn shade(&self, dark: Color, light: Color, plain: Modifier) -> Style {
        if self.color {
            Style::default().bg(if self.dark { dark } else { light })
        } else {
            Style::default().add_modifier(plain)
        }
    }
    pub fn title_bar(&self) -> Style {
        self.shade(
            Color::Rgb(40, 44, 52),
            Color::Rgb(225, 228, 235),
            Modifier::REVERSED,
        )
    }
    pub fn mode(&self) -> Style {
        if self.color {
            Style::default()
                .bg(Color::Blue)
                .fg(Color::White)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }
    pub fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }
    pub fn selected(&self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }

    /// Background of a highlight color (1..=5); underlined without colors.
    pub fn highlight(&self, color: u8) -> Style {
        if !self.color {
            return Style::default().add_modifier(Modifier::UNDERLINED);
        }
        let dark = [
            Color::Rgb(92, 84, 20),
            Color::Rgb(30, 84, 40),
            Color::Rgb(30, 60, 110),
            Color::Rgb(100, 40, 80),
            Color::Rgb(110, 60, 20),
        ];
        let light = [
            Color::Rgb(255, 240, 150),
            Color::Rgb(200, 240, 200),
            Color::Rgb(200, 220, 255),
            Color::Rgb(255, 210, 235),
            Color::Rgb(255, 220, 180),
        ];
        let i = (color.clamp(1, 5) - 1) as usize;
        Style::default().bg(if self.dark { dark[i] } else { light[i] })
    }
    /// The margin marker of an annotation in its color.
    pub fn marker(&self, color: u8) -> Style {
        if !self.color {
            return Style::default().add_modifier(Modifier::BOLD);
        }
        let fg = [
            Color::Rgb(240, 210, 60),
            Color::Rgb(90, 200, 110),
            Color::Rgb(100, 150, 255),
            Color::Rgb(240, 120, 200),
            Color::Rgb(250, 150, 60),
        ];
        Style::default().fg(fg[(color.clamp(1, 5) - 1) as usize])
    }
    pub fn cursor(&self) -> Style {
        self.shade(
            Color::Rgb(44, 48, 62),
            Color::Rgb(228, 232, 242),
            Modifier::BOLD,
        )
    }
    pub fn selection(&self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }
}
