//! `decarb`: the planner window, or the command line when given a command.

use decarb::{app, cli, model};

fn main() {
    let code = match cli::parse(std::env::args_os()) {
        Err(code) => code,
        Ok(args) => match args.command {
            Some(cmd) => cli::run_command(cmd),
            None => window(args),
        },
    };
    std::process::exit(code);
}

/// Opens the window on FILE, or on the embedded JX Metals scenario.
fn window(args: cli::Cli) -> i32 {
    let (scenario, path) = match &args.file {
        Some(path) => match cli::load_or_report(path) {
            Some(s) => (s, Some(path.clone())),
            None => return cli::EXIT_INVALID,
        },
        None => match model::from_str(decarb::DEFAULT_SCENARIO) {
            Ok(s) => (s, None),
            Err(e) => {
                eprintln!("embedded scenario: {e}");
                return cli::EXIT_INVALID;
            }
        },
    };
    let mode = match (args.screenshot, args.bench_frames, args.export_png) {
        (Some(out), _, _) => app::Mode::Screenshot { out },
        (None, Some(frames), _) => app::Mode::Bench {
            frames: frames.max(1),
        },
        (None, None, Some(out)) => app::Mode::ExportPng { out },
        (None, None, None) => app::Mode::Normal,
    };
    let lang = args.lang.as_deref().map(|l| match l {
        "ja" => app::i18n::Lang::Ja,
        _ => app::i18n::Lang::En,
    });
    app::run(scenario, path, mode, lang, args.review)
}
