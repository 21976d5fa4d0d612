use clap::Parser;

fn main() -> std::process::ExitCode {
    rescc::cli::run(rescc::cli::Cli::parse())
}
