//! rescc: a resume compiler. YAML in; a checked, ATS-friendly PDF out.
//!
//! The pipeline runs one way, one module per stage:
//! [`source`] -> [`model`] (via [`decode`]) -> [`validate`] -> [`tailor`] (for a [`job`]) -> [`ir`]
//! -> [`render`] -> [`rules`] -> [`write`], orchestrated by [`build`] (and [`batch`], one build per
//! job) and driven by [`cli`]; [`keywords`] measures how a resume covers a posting.

pub mod batch;
pub mod build;
pub mod cli;
pub mod decode;
pub mod diag;
pub mod fit;
pub mod fonts;
pub mod ir;
pub mod job;
pub mod jsonresume;
pub mod keywords;
pub mod layouts;
pub mod model;
pub mod render;
pub mod rules;
pub mod schema;
pub mod source;
pub mod tailor;
pub mod validate;
pub mod verify;
pub mod write;
