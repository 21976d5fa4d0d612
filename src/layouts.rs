//! Built-in Typst layouts, embedded in the binary.
//!
//! A layout reads the document as JSON from `/resume.json`; see `layouts/classic.typ`.

/// A layout shipped with rescc.
#[derive(Debug, Clone, Copy)]
pub struct Builtin {
    pub name: &'static str,
    pub description: &'static str,
    pub source: &'static str,
}

/// The layout used when `layout.template` is absent.
pub const DEFAULT: &str = "classic";

/// Every built-in layout.
pub const BUILTIN: &[Builtin] = &[
    Builtin {
        name: "classic",
        description: "single column, bold upper-case headings over a rule, dates under each title",
        source: include_str!("../layouts/classic.typ"),
    },
    Builtin {
        name: "compact",
        description: "denser single column for long careers: title, dates and place on one line",
        source: include_str!("../layouts/compact.typ"),
    },
    Builtin {
        name: "modern",
        description: "single column with a restrained accent colour and thin rules",
        source: include_str!("../layouts/modern.typ"),
    },
];

/// The built-in layout called `name`.
pub fn builtin(name: &str) -> Option<&'static Builtin> {
    BUILTIN.iter().find(|l| l.name == name)
}
