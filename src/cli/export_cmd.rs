//! `pathways export hsds DIR [--format csv|json] [--force]`: the catalogue in use as HSDS
//! 3.0. Exit 0 written, 2 the catalogue cannot be read, 3 DIR is not empty (without
//! `--force`) or a file cannot be written.

use super::args::{ExportFileFormat, ExportHsdsArgs};
use super::{CliError, CliResult, Context, Exit};
use crate::hsds::export::{self, Format};

pub fn run(context: &Context, args: &ExportHsdsArgs) -> CliResult {
    let catalogue = context.catalogue()?;
    let format = match args.format {
        ExportFileFormat::Csv => Format::Csv,
        ExportFileFormat::Json => Format::Json,
    };
    let written = export::export(&catalogue, &args.dir, format, args.force)
        .map_err(|e| CliError::could_not_act(crate::text::one_line(&e.to_string())))?;
    eprintln!(
        "wrote {} services as HSDS 3.0 ({} file{}) to {}",
        catalogue.services.len(),
        written.len(),
        if written.len() == 1 { "" } else { "s" },
        args.dir.display()
    );
    Ok(Exit::Done)
}
