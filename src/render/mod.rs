//! Renderers: each turns the IR into one output format.

pub mod docx;
pub mod text;
pub mod typst;
