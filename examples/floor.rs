//! The floor for benchmarks: a bare Typst compile and PDF export of the classic layout over a
//! document already in JSON, with the same bundled fonts and nothing else: no YAML, no checks,
//! no DOCX, no verification. `rescc build` is measured against this.
//!
//! `floor IR.json OUT.pdf` typesets; `floor --ir RESUME.yaml` prints the IR JSON to feed it.

use std::sync::Arc;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

struct Floor {
    library: LazyHash<Library>,
    fonts: Arc<rescc::fonts::Fonts>,
    main: Source,
    data: Bytes,
}

fn id(path: &str) -> FileId {
    RootedPath::new(VirtualRoot::Project, VirtualPath::new(path).unwrap()).intern()
}

impl World for Floor {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }
    fn book(&self) -> &LazyHash<FontBook> {
        &self.fonts.book
    }
    fn main(&self) -> FileId {
        self.main.id()
    }
    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() { Ok(self.main.clone()) } else { Err(FileError::AccessDenied) }
    }
    fn file(&self, _id: FileId) -> FileResult<Bytes> {
        Ok(self.data.clone())
    }
    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.font(index)
    }
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Datetime::from_ymd(2000, 1, 1)
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--ir") {
        let loaded =
            rescc::load::load(std::path::Path::new(&args[1])).unwrap_or_else(|f| panic!("{}", f.diagnostics()));
        let doc = rescc::ir::build(&loaded.resume, rescc::cli::today());
        println!("{}", serde_json::to_string(&doc).unwrap());
        return;
    }
    let [ir, out] = &args[..] else { panic!("usage: floor IR.json OUT.pdf | floor --ir RESUME.yaml") };
    let world = Floor {
        library: LazyHash::new(Library::builder().build()),
        fonts: rescc::fonts::Fonts::bundled(),
        main: Source::new(id("layout.typ"), rescc::layouts::builtin("classic").unwrap().source.to_string()),
        data: Bytes::new(std::fs::read(ir).unwrap()),
    };
    let doc = typst::compile::<typst_layout::PagedDocument>(&world).output.expect("the layout compiles");
    let pdf = typst_pdf::pdf(&doc, &typst_pdf::PdfOptions::default()).expect("the PDF exports");
    std::fs::write(out, pdf).unwrap();
}
