//! Synthetic catalogues for benchmarks and tests (every id and the title say "synthetic").
//!
//! STUB: filled in by the search work.
