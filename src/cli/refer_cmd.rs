//! STUB
use super::{CliError, CliResult, Context};
pub fn run(_c: &Context, _a: &super::args::ReferArgs) -> CliResult {
    Err(CliError::bad_input("todo"))
}
