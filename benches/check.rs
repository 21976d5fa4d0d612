//! How long `rescc check` takes on the example resume: load (parse, decode, validate) plus the
//! content rules. It runs on every save, so it should take a few milliseconds at most.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};

fn check(c: &mut Criterion) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/example.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    c.bench_function("check example.yaml", |b| {
        b.iter(|| {
            let source = std::sync::Arc::new(rescc::source::Source::new("example.yaml", black_box(text.as_str())));
            let loaded = rescc::load::load_source(source).unwrap_or_else(|_| panic!("the example is valid"));
            black_box(rescc::rules::content_checks(&loaded.resume, rescc::cli::today()))
        })
    });
}

criterion_group!(benches, check);
criterion_main!(benches);
