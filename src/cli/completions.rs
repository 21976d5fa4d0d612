//! `rescc completions` and `rescc man`: shell completions and the manual page, from the clap model.

use std::process::ExitCode;

use clap::CommandFactory;
use clap_complete::Shell;

use super::Cli;

/// Arguments of `rescc completions`.
#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: Shell,
}

/// Prints the completion script for a shell on standard output.
pub fn run(args: &CompletionsArgs) -> ExitCode {
    clap_complete::generate(args.shell, &mut Cli::command(), "rescc", &mut std::io::stdout());
    ExitCode::SUCCESS
}

/// Arguments of `rescc man`.
#[derive(Debug, clap::Args)]
pub struct ManArgs {
    /// A subcommand whose own page to print, e.g. `build`.
    pub command: Option<String>,
}

/// Prints a manual page (roff) on standard output: rescc's, or one subcommand's.
pub fn man(args: &ManArgs) -> ExitCode {
    let mut command = Cli::command();
    command.build();
    if let Some(name) = &args.command {
        let Some(sub) = command.find_subcommand(name).cloned() else {
            let names: Vec<&str> = command.get_subcommands().map(|c| c.get_name()).collect();
            eprintln!("error: no command is called `{name}`; one of: {}", names.join(", "));
            return ExitCode::from(2);
        };
        command = sub;
    }
    match clap_mangen::Man::new(command).render(&mut std::io::stdout().lock()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: cannot write the manual page: {err}");
            ExitCode::from(2)
        }
    }
}
