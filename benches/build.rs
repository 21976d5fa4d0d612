//! In-process build costs on the example resume, against the floor: a bare Typst compile and
//! PDF export of the same layout and data. Also auto-fit on a resume that overflows by a little,
//! reporting how many Typst compilations the fit needed.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use rescc::build::{self, Options};
use rescc::load::{self, Loaded};
use rescc::render::typst::Pdf;
use rescc::render::{Format, Renderer};

fn fixture(name: &str) -> Loaded {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(name);
    load::load(&path).unwrap_or_else(|f| panic!("{}", f.diagnostics()))
}

fn benches(c: &mut Criterion) {
    let example = fixture("example.yaml");
    let document = rescc::ir::build(&example.resume, rescc::cli::today());
    let layout = rescc::render::typst::LayoutSource {
        name: "classic".into(),
        text: rescc::layouts::builtin("classic").unwrap().source.into(),
        root: None,
        timeout: rescc::render::typst::DEFAULT_TIMEOUT,
    };
    let fonts = rescc::fonts::Fonts::bundled();
    c.bench_function("floor: typst compile + PDF", |b| {
        b.iter(|| {
            let typeset = rescc::render::typst::typeset(&layout, black_box(&document), fonts.clone()).unwrap();
            black_box(Pdf { typeset: &typeset, timestamp: None, standard: None }.render(&document).unwrap())
        })
    });
    let options = Options::new("out", rescc::cli::today());
    let pdf_only = Options { formats: vec![Format::Pdf], ..options.clone() };
    c.bench_function("build: PDF, checks, verification", |b| b.iter(|| black_box(build::render(&example, &pdf_only))));
    c.bench_function("build: PDF + DOCX, checks, verification", |b| {
        b.iter(|| black_box(build::render(&example, &options)))
    });

    let slight = fixture("overflow-slight.yaml");
    let built = build::render(&slight, &pdf_only).unwrap_or_else(|f| panic!("{}", f.diagnostics()));
    eprintln!("auto-fit on overflow-slight.yaml: {} Typst compilations, {:?}", built.compilations, built.fitted);
    c.bench_function("build with auto-fit (overflow-slight)", |b| {
        b.iter(|| black_box(build::render(&slight, &pdf_only)))
    });
}

criterion_group!(build_benches, benches);
criterion_main!(build_benches);
