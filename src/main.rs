//! `decarb`: the planner window, or the command line when given a command.

use clap::CommandFactory;
use decarb::cli;

fn main() {
    let code = match cli::parse(std::env::args_os()) {
        Err(code) => code,
        Ok(args) => match args.command {
            Some(cmd) => cli::run_command(cmd),
            None => {
                let _ = cli::Cli::command().print_long_help();
                cli::EXIT_OK
            }
        },
    };
    std::process::exit(code);
}
