# Messages of the directory (the TUI). Owned by the TUI; ids start with tui-.
