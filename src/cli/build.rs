//! `rescc build`: load, render, check and write.

use std::process::ExitCode;

use super::{BuildArgs, fail, report};
use crate::build::{self, Options};

/// Runs `rescc build`.
pub fn run(args: &BuildArgs) -> ExitCode {
    let options = Options {
        out_dir: args.out.clone(),
        force: args.force,
        timestamp: std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|s| s.trim().parse().ok()),
    };
    let result = build::load(&args.resume).and_then(|loaded| {
        let built = build::render(&loaded, &options)?;
        build::write(&built)?;
        Ok(built)
    });
    match result {
        Ok(built) => {
            report(&built.diagnostics);
            if !args.quiet {
                for output in &built.outputs {
                    println!(
                        "wrote {}: {} page{}, body {} pt",
                        output.path.display(),
                        built.metrics.pages,
                        if built.metrics.pages == 1 { "" } else { "s" },
                        built.metrics.body_size
                    );
                }
            }
            ExitCode::from(if build::checks_failed(&built) { 1 } else { 0 })
        }
        Err(failure) => fail(&failure),
    }
}
