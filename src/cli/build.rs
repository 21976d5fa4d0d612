//! `rescc build`: load, render, check and write.

use std::process::ExitCode;

use std::path::Path;

use super::{BuildArgs, fail, report};
use crate::build::{self, Options};
use crate::fonts::{FontOptions, Fonts};
use crate::load;

/// Runs `rescc build`.
pub fn run(args: &BuildArgs) -> ExitCode {
    if args.watch {
        return super::watch::run(args);
    }
    let options = options(args);
    if !args.job.is_empty() {
        return super::batch::run(args, &options);
    }
    let result = load::load(&args.resume).and_then(|loaded| {
        let mut built = build::render(&loaded, &options)?;
        build::write(&mut built)?;
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
                    if !output.format.paged() {
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

/// The build options `args` ask for, resolved once: the output directory (`out/` beside the
/// resume unless `-o` names one), today's date, the PDF timestamp and the fonts.
pub(crate) fn options(args: &BuildArgs) -> Options {
    let fonts = FontOptions { paths: args.font_path.clone(), system: args.system_fonts };
    let beside = || args.resume.parent().unwrap_or(Path::new("")).join("out");
    Options {
        out_dir: args.out.clone().unwrap_or_else(beside),
        formats: args.format.iter().map(|&f| f.into()).collect(),
        force: args.force,
        fit: !args.no_fit,
        strict: args.strict,
        today: super::today(),
        timestamp: super::source_date_epoch(),
        fonts: Fonts::with(&fonts),
        pdf_standard: args.pdf_standard.map(Into::into),
        // A batch's writer threads wait on the disk; a single build writes while it reads back.
        stage: args.job.is_empty(),
    }
}
