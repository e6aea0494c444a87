//! STUB: `pathways history` and `pathways stats` (referral work).
use super::{CliError, CliResult, Context};

pub fn run(_c: &Context, _a: &super::args::HistoryArgs) -> CliResult {
    Err(CliError::bad_input("todo"))
}

pub fn stats(_c: &Context, _a: &super::args::StatsArgs) -> CliResult {
    Err(CliError::bad_input("todo"))
}
