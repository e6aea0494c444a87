//! Two themes: a restrained colour one readable on dark and light backgrounds, and a
//! monochrome one that carries every meaning with reverse, bold and underline.
//!
//! The monochrome theme sets no colour at all, on purpose: under NO_COLOR crossterm 0.29
//! turns a colour reset into a bare `ESC[m`, which also wipes bold and reverse, and the
//! selection would silently vanish (dua-cli#238). With no colours, no reset is ever sent.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Theme {
    /// Titles and labels.
    pub title: Style,
    /// Secondary text (organisation, hints).
    pub dim: Style,
    /// Matched characters of the query.
    pub matched: Style,
    /// The selected row.
    pub selected: Style,
    /// Border of the pane with focus, and of others.
    pub focused: Style,
    pub border: Style,
    /// Alerts, temporarily closed, STALE.
    pub warning: Style,
    /// The error banner.
    pub error: Style,
    /// A filter chip.
    pub chip: Style,
    /// A key in hints and help.
    pub key: Style,
    /// The item under a picker's cursor.
    pub cursor: Style,
}

impl Theme {
    pub fn new(color: bool) -> Theme {
        if color {
            Theme::colour()
        } else {
            Theme::mono()
        }
    }

    /// Named ANSI colours only, so the terminal's own palette decides the exact shade.
    pub fn colour() -> Theme {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Theme {
            title: bold.fg(Color::Cyan),
            dim: Style::new().fg(Color::DarkGray),
            matched: bold.fg(Color::Magenta),
            selected: bold.fg(Color::White).bg(Color::Blue),
            focused: Style::new().fg(Color::Cyan),
            border: Style::new().fg(Color::DarkGray),
            warning: bold.fg(Color::Red),
            error: bold.fg(Color::White).bg(Color::Red),
            chip: Style::new().fg(Color::Black).bg(Color::Cyan),
            key: bold.fg(Color::Cyan),
            cursor: bold.fg(Color::White).bg(Color::Blue),
        }
    }

    /// Modifiers only.
    pub fn mono() -> Theme {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let reverse = Style::new().add_modifier(Modifier::REVERSED);
        Theme {
            title: bold,
            dim: Style::new(),
            matched: bold.add_modifier(Modifier::UNDERLINED),
            selected: reverse.add_modifier(Modifier::BOLD),
            focused: bold,
            border: Style::new(),
            warning: bold,
            error: reverse.add_modifier(Modifier::BOLD),
            chip: reverse,
            key: bold,
            cursor: reverse.add_modifier(Modifier::BOLD),
        }
    }
}
