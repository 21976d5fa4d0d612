//! `rescc layouts`: list the built-in layouts.

use std::process::ExitCode;

use super::term::outln;
use crate::layouts::BUILTIN;

/// Prints each built-in layout with its one-line description.
pub fn run() -> ExitCode {
    let width = BUILTIN.iter().map(|l| l.name.len()).max().unwrap_or(0);
    for layout in BUILTIN {
        let default = if layout.name == crate::layouts::DEFAULT { " (default)" } else { "" };
        outln!("{:width$}  {}{default}", layout.name, layout.description);
    }
    outln!("\nUse one with `layout: {{template: NAME}}`, or give a path to your own .typ file.");
    ExitCode::SUCCESS
}
