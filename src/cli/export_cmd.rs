//! `pathways export hsds DIR [--format csv|json] [--force]`: the catalogue in use as HSDS
//! 3.0. Exit 0 written, 2 the catalogue cannot be read, 3 DIR is not empty (without
//! `--force`) or a file cannot be written.

use super::args::{ExportFileFormat, ExportHsdsArgs};
use super::{CliError, CliResult, Context, Exit};
use crate::error::msg;
use crate::hsds::export::{self, Format};

pub fn run(context: &Context, args: &ExportHsdsArgs) -> CliResult {
    let catalogue = context.catalogue()?;
    let format = match args.format {
        ExportFileFormat::Csv => Format::Csv,
        ExportFileFormat::Json => Format::Json,
    };
    let written =
        export::export(&catalogue, &args.dir, format, args.force).map_err(export_error)?;
    let said = msg!(
        "cli-exported",
        services = catalogue.services.len(),
        files = written.len(),
        dir = args.dir.display()
    );
    eprintln!("{}", said.render(context.lang()));
    Ok(Exit::Done)
}

/// A directory that is not empty (without `--force`), a file that cannot be written: exit 3.
fn export_error(error: export::ExportError) -> CliError {
    let message = match &error {
        export::ExportError::NotEmpty(dir) => {
            msg!("cli-export-not-empty", dir = super::texts::shown(dir))
        }
        export::ExportError::Io { path, source } => super::texts::cannot_write(path, source),
    };
    CliError::could_not_act(message)
}
