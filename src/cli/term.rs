//! The terminal: where output goes, in colour or not, and how much of it.
//!
//! Settled once per process from `--color`, `NO_COLOR` and `-q`; every command prints through
//! here, so a closed pipe (`rescc schema | head`) ends any of them the same quiet way.

use std::fmt;
use std::io::{IsTerminal, Write};
use std::sync::OnceLock;

use clap::ColorChoice;

use crate::diag::{DEFAULT_WIDTH, Diagnostics, Severity};

struct Settings {
    color: bool,
    quiet: bool,
    /// Columns a diagnostic's snippet may take.
    width: usize,
}

static SETTINGS: OnceLock<Settings> = OnceLock::new();

/// The exit status of a command whose standard output was closed under it: what a shell
/// reports for a process ended by SIGPIPE (128 + 13), as for `cat` or `ls`.
pub const CLOSED_PIPE: i32 = 141;

/// Settles the terminal settings; the first call wins.
pub fn init(color: ColorChoice, quiet: bool) {
    let color = match color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            // https://no-color.org: any non-empty value turns colour off.
            let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
            let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
            !no_color && !dumb && std::io::stderr().is_terminal()
        }
    };
    let width = match std::io::stderr().is_terminal() {
        true => console::Term::stderr().size_checked().map_or(DEFAULT_WIDTH, |(_, columns)| usize::from(columns)),
        false => DEFAULT_WIDTH,
    };
    let _ = SETTINGS.set(Settings { color, quiet, width: width.max(40) });
}

fn settings() -> &'static Settings {
    SETTINGS.get_or_init(|| Settings { color: false, quiet: false, width: DEFAULT_WIDTH })
}

/// Whether diagnostics are printed in colour.
pub fn color() -> bool {
    settings().color
}

/// Whether `-q` asked for problems only.
pub fn quiet() -> bool {
    settings().quiet
}

/// Writes to standard output. A closed pipe ends the command quietly with [`CLOSED_PIPE`];
/// any other failure (a full disk) is an error, exit 2.
pub fn emit(text: fmt::Arguments<'_>) {
    write_out(|stdout| stdout.write_fmt(text));
}

/// Writes bytes made by a library (a completion script, a manual page) to standard output.
pub fn emit_bytes(bytes: &[u8]) {
    write_out(|stdout| stdout.write_all(bytes));
}

fn write_out(write: impl FnOnce(&mut std::io::StdoutLock<'static>) -> std::io::Result<()>) {
    let mut stdout = std::io::stdout().lock();
    if let Err(err) = write(&mut stdout).and_then(|()| stdout.flush()) {
        if err.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(CLOSED_PIPE);
        }
        // Written straight to the stream: a failing stderr must not panic either.
        let _ = writeln!(std::io::stderr(), "error: cannot write to standard output: {err}");
        std::process::exit(2);
    }
}

/// Prints diagnostics to standard error, in colour when the terminal takes it.
pub fn report(diagnostics: &Diagnostics) {
    let mut text = String::new();
    for d in &diagnostics.0 {
        text += d.render_styled(color(), settings().width).trim_end();
        text += "\n\n";
    }
    let _ = std::io::stderr().write_all(text.as_bytes());
}

/// `error: message` (or `warning: ...`) on standard error, the word coloured like a diagnostic's.
pub fn line(severity: Severity, message: fmt::Arguments<'_>) {
    let (word, style) = match severity {
        Severity::Error => ("error", "\x1b[1;31m"),
        Severity::Warning => ("warning", "\x1b[1;33m"),
    };
    let word = if color() { format!("{style}{word}\x1b[0m") } else { word.to_string() };
    let _ = writeln!(std::io::stderr(), "{word}: {message}");
}

/// Prints to standard output through [`emit`].
macro_rules! out {
    ($($arg:tt)*) => { $crate::cli::term::emit(format_args!($($arg)*)) };
}

/// Prints a line to standard output through [`emit`].
macro_rules! outln {
    () => { $crate::cli::term::emit(format_args!("\n")) };
    ($($arg:tt)*) => { $crate::cli::term::emit(format_args!("{}\n", format_args!($($arg)*))) };
}

/// `error: ...` on standard error.
macro_rules! error {
    ($($arg:tt)*) => { $crate::cli::term::line($crate::diag::Severity::Error, format_args!($($arg)*)) };
}

pub(crate) use {error, out, outln};
