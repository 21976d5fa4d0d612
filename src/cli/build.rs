//! `rescc build`: load, render, check and write.

use std::process::ExitCode;

use std::path::{Path, PathBuf};

use super::term::{error, outln};
use super::{BuildArgs, fail, report};
use crate::build::{self, Options};
use crate::fonts::{FontOptions, Fonts};
use crate::load;
use crate::write::Inputs;
use std::sync::Arc;

/// Runs `rescc build`.
pub fn run(args: &BuildArgs) -> ExitCode {
    if let [_, _, ..] = args.resumes.as_slice() {
        let single = [("--watch", args.watch), ("--job", !args.job.is_empty()), ("-o", args.out.is_some())];
        if let Some((flag, _)) = single.iter().find(|(_, given)| *given) {
            error!("{flag} takes one resume, and {} were given", args.resumes.len());
            return ExitCode::from(2);
        }
    }
    if args.watch {
        return super::watch::run(args);
    }
    if !args.job.is_empty() {
        return super::batch::run(args, &options(args, args.resume()));
    }
    // Settings, fonts among them, are resolved once; each resume writes beside itself.
    let shared = options(args, args.resume());
    let codes: Vec<u8> = args
        .resumes
        .iter()
        .map(|resume| build_one(resume, &Options { out_dir: out_dir(args, resume), ..shared.clone() }))
        .collect();
    ExitCode::from(codes.into_iter().max().unwrap_or(0))
}

/// Builds one resume and reports its outputs; returns the exit code.
fn build_one(resume: &Path, options: &Options) -> u8 {
    let result = load::load(resume).and_then(|loaded| {
        let mut built = build::render(&loaded, options)?;
        build::write(&mut built)?;
        Ok(built)
    });
    match result {
        Ok(built) => {
            report(&built.diagnostics);
            if !super::term::quiet() {
                if let Some(fitted) = &built.fitted {
                    let (pages, limit) = (built.metrics.pages, built.document.style.max_pages);
                    if pages < usize::from(limit) {
                        // Auto-fit moved a nearly empty last page onto the others.
                        let plural = if pages == 1 { "" } else { "s" };
                        outln!("fitted onto {pages} page{plural}, so no page is nearly empty: {fitted}");
                    } else {
                        outln!("fitted to the {limit}-page limit: {fitted}");
                    }
                }
                for output in &built.outputs {
                    if !output.format.paged() {
                        outln!("wrote {}", output.path.display());
                        continue;
                    }
                    let size = built.metrics.body_size;
                    // Word and LibreOffice lay out a DOCX themselves: its pages are not ours to count.
                    if output.format == crate::render::Format::Docx {
                        outln!("wrote {}: body {size} pt", output.path.display());
                        continue;
                    }
                    let pages = built.metrics.pages;
                    let plural = if pages == 1 { "" } else { "s" };
                    outln!("wrote {}: {pages} page{plural}, body {size} pt", output.path.display());
                }
            }
            u8::from(build::checks_failed(&built))
        }
        Err(failure) => {
            let usage = "to tailor the resume for a posting: `rescc build resume.yaml --job {}`";
            match super::misplaced(resume, super::Kind::Resume, usage) {
                Some(_) => 2,
                None => {
                    fail(&failure);
                    failure.exit_code()
                }
            }
        }
    }
}

/// The build options `args` ask for, resolved once: the output directory (`out/` beside the
/// resume unless `-o` names one), today's date, the PDF timestamp and the fonts.
pub(crate) fn options(args: &BuildArgs, resume: &Path) -> Options {
    let fonts = Fonts::with(&FontOptions { paths: args.font_path.clone(), system: args.system_fonts });
    let mut inputs = Inputs::default();
    fonts.files().for_each(|file| inputs.add(file));
    Options {
        out_dir: out_dir(args, resume),
        formats: args.format.iter().map(|&f| f.into()).collect(),
        force: args.force,
        fit: !args.no_fit,
        strict: args.strict,
        today: super::today(),
        timestamp: super::source_date_epoch(),
        fonts,
        pdf_standard: args.pdf_standard.map(Into::into),
        // A batch's writer threads wait on the disk; a single build writes while it reads back.
        stage: args.job.is_empty(),
        layout_timeout: args.layout_timeout,
        inputs: Arc::new(inputs),
    }
}

/// `-o DIR`, or `out/` beside the resume.
fn out_dir(args: &BuildArgs, resume: &Path) -> PathBuf {
    args.out.clone().unwrap_or_else(|| resume.parent().unwrap_or(Path::new("")).join("out"))
}
