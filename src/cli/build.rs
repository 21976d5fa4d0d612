//! `rescc build`: load, render, check and write.

use std::process::ExitCode;

use super::{BuildArgs, fail, report};
use crate::build::{self, Options};

/// Runs `rescc build`.
pub fn run(args: &BuildArgs) -> ExitCode {
    if args.watch {
        return super::watch::run(args);
    }
    let options = options(args);
    if !args.job.is_empty() {
        return super::batch::run(args, &options);
    }
    let result = build::load(&args.resume).and_then(|loaded| {
        let built = build::render(&loaded, &options)?;
        build::write(&built)?;
        Ok(built)
    });
    match result {
        Ok(built) => {
            report(&built.diagnostics);
            if !args.quiet {
                if let Some(fitted) = &built.fitted {
                    println!("fitted to the {}-page limit: {fitted}", built.document.style.max_pages);
                }
                for output in &built.outputs {
                    // Text outputs have no pages.
                    if output.path.extension().is_some_and(|e| e == "txt" || e == "md") {
                        println!("wrote {}", output.path.display());
                        continue;
                    }
                    let pages = built.metrics.pages;
                    let plural = if pages == 1 { "" } else { "s" };
                    let size = built.metrics.body_size;
                    println!("wrote {}: {pages} page{plural}, body {size} pt", output.path.display());
                }
            }
            ExitCode::from(if build::checks_failed(&built) { 1 } else { 0 })
        }
        Err(failure) => fail(&failure),
    }
}

/// The build options `args` ask for.
pub(crate) fn options(args: &BuildArgs) -> Options {
    Options {
        out_dir: args.out.clone(),
        formats: args.format.clone(),
        force: args.force,
        fit: !args.no_fit,
        fonts: crate::fonts::FontOptions { paths: args.font_path.clone(), system: args.system_fonts },
        strict: args.strict,
        timestamp: std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|s| s.trim().parse().ok()),
        pdf_standard: args.pdf_standard,
    }
}
