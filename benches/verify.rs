//! What verification costs against the build it guards: the example resume's build (PDF and
//! DOCX, every check), warm and with Typst's memo cache evicted as in a fresh process, next to
//! reading both files back and comparing every field.
//! Run with `cargo bench --bench verify`; prints medians and the ratio.

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use rescc::build::{self, Options};
use rescc::load;
use rescc::render::Format;
use rescc::verify;

/// Median time of `runs` calls to `f`, after two warm-up calls.
fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    f();
    f();
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

fn main() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/example.yaml");
    let options = Options::new("out", rescc::cli::today());
    let loaded = load::load(&path).unwrap_or_else(|f| panic!("{}", f.diagnostics()));
    let built = build::render(&loaded, &options).unwrap_or_else(|f| panic!("{}", f.diagnostics()));
    let document = &built.document;
    let bytes = |format: Format| &built.outputs.iter().find(|o| o.format == format).unwrap().bytes;
    let (pdf, docx) = (bytes(Format::Pdf), bytes(Format::Docx));
    let check = |bytes: &[u8]| {
        let reading = verify::read(black_box(bytes)).unwrap();
        assert!(verify::check(&reading, Some(document), Some(document.style.margins)).is_empty());
    };
    let runs = 30;
    let build = median(runs, || drop(black_box(build::render(&loaded, &options))));
    // Typst memoizes compilations across calls; evicting its cache is what a fresh process sees.
    let cold = median(runs, || {
        typst::comemo::evict(0);
        drop(black_box(build::render(&loaded, &options)))
    });
    let read_pdf = median(runs, || drop(black_box(verify::read(pdf).unwrap())));
    let pdf_time = median(runs, || check(pdf));
    let docx_time = median(runs, || check(docx));
    let verification = pdf_time + docx_time;
    println!("build (PDF + DOCX, checks, verification): {build:>10.2?} warm, {cold:>.2?} with Typst's cache evicted");
    println!("  read the PDF back (lopdf):              {read_pdf:>10.2?}");
    println!("  verify the PDF (read + compare):        {pdf_time:>10.2?}");
    println!("  verify the DOCX (read + compare):       {docx_time:>10.2?}");
    for (what, total) in [("warm", build), ("cold", cold)] {
        let share = verification.as_secs_f64() / total.as_secs_f64();
        println!(
            "verification is {:.0}% of a {what} build ({:.2}x the rest of it)",
            share * 100.0,
            share / (1.0 - share)
        );
    }
}
