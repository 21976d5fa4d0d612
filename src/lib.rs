//! rescc: a resume compiler. YAML in; a checked, ATS-friendly PDF and DOCX out.
//!
//! The pipeline runs one way, one module per stage, and each module imports only the stages
//! before it:
//!
//! [`source`] (files and spans) -> [`yaml`] (the syntax tree) -> [`model`] (via [`decode`]) ->
//! [`validate`] -> [`load`] (a [`load::Loaded`] resume, or a [`load::Failure`]) -> [`tailor`]
//! (for a [`job`]) -> [`ir`] (the normalized document and its reading order) -> [`render`]
//! (Typst for PDF and PNG, DOCX, text; [`fit`] tightens the Typst layout to the page limit) ->
//! [`rules`] (content and page checks) -> [`verify`] (each output read back as an ATS reads it)
//! -> [`write`] (atomic).
//!
//! [`build`] runs the pipeline for one resume and [`batch`] once per job; [`keywords`] measures how
//! a resume covers a posting. Below them all: [`diag`] (diagnostics), [`guidance`] (the hiring
//! guidance's numbers), [`text`] (words, sentences, addresses), [`lexicon`] (skill names and
//! aliases), [`layouts`] and [`fonts`] (embedded data), and [`schema`] (JSON Schemas for
//! editors). Only [`cli`] reads the environment, prints or exits.

// Only the command line talks to the terminal or ends the process; the library returns results.
#![deny(clippy::print_stdout, clippy::print_stderr, clippy::exit)]

pub mod batch;
pub mod build;
#[allow(clippy::print_stdout, clippy::print_stderr, clippy::exit)]
pub mod cli;
pub mod decode;
pub mod diag;
pub mod fit;
pub mod fonts;
pub mod formats;
pub mod guidance;
pub mod ir;
pub mod job;
pub mod keywords;
pub mod layouts;
pub mod letter;
pub mod lexicon;
pub mod load;
pub mod model;
pub mod render;
pub mod rules;
pub mod schema;
pub mod source;
pub mod tailor;
pub mod text;
pub mod validate;
pub mod verify;
pub mod write;
pub mod yaml;
