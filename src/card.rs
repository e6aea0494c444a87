//! The service card: one formatter for the TUI's details pane and `pathways show`, so the
//! two can never drift apart.
