//! `decarb`: the planner window, or the command line when given a command.

use decarb::cli;
#[cfg(feature = "gui")]
use decarb::{app, model};

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

/// The scenario to show or export: FILE (its errors printed), a generated company
/// (`--synthetic N`), or the embedded JX Metals scenario. Err is the exit code.
fn scenario_from_args(args: &cli::Cli) -> Result<decarb::model::Scenario, i32> {
    match (&args.file, args.synthetic) {
        (Some(path), _) => cli::load_or_report(path).ok_or(cli::EXIT_INVALID),
        (None, Some(n)) => Ok(decarb::synthetic::company(usize::from(n))),
        (None, None) => decarb::model::from_str(decarb::DEFAULT_SCENARIO).map_err(|e| {
            cli::warn_line(&format!("embedded scenario: {e}"));
            cli::EXIT_INVALID
        }),
    }
}

/// Built without the `gui` feature: the commands and `--export-png` work, the window does not.
#[cfg(not(feature = "gui"))]
fn window(args: cli::Cli) -> i32 {
    let scenario = match scenario_from_args(&args) {
        Ok(s) => s,
        Err(code) => return code,
    };
    if let Some(out) = &args.export_png {
        let lang = args.lang.as_deref().map(cli::parse_lang).unwrap_or_default();
        return cli::export_pngs(&scenario, out, lang);
    }
    eprintln!(
        "decarb: this build has no window (built without the `gui` feature); see `decarb --help` for the commands"
    );
    cli::EXIT_INVALID
}

/// Opens the window on FILE, on a generated company (`--synthetic N`), or on the embedded JX
/// Metals scenario. `--export-png` writes the chart PNGs without opening a window.
#[cfg(feature = "gui")]
fn window(args: cli::Cli) -> i32 {
    let window_wanted = args.export_png.is_none() && args.screenshot.is_none() && args.bench_frames.is_none();
    let mut startup_errors = Vec::new();
    let (scenario, path) = match &args.file {
        // A file opened from the desktop: the window opens and says what is wrong.
        Some(path) if window_wanted && app::display_available() => match decarb::file::load(path) {
            Ok(s) => (s, Some(path.clone())),
            Err(e) => {
                startup_errors.push(path.display().to_string());
                startup_errors.extend(e.lines());
                match model::from_str(app::TEMPLATE) {
                    Ok(s) => (s, None),
                    Err(_) => return cli::EXIT_INVALID,
                }
            }
        },
        _ => match scenario_from_args(&args) {
            Ok(s) => (s, args.file.clone()),
            Err(code) => return code,
        },
    };
    let lang = args.lang.as_deref().map(cli::parse_lang);
    if let Some(out) = &args.export_png {
        return cli::export_pngs(&scenario, out, lang.unwrap_or_default());
    }
    let mode = match (args.screenshot, args.bench_frames) {
        (Some(out), _) => app::Mode::Screenshot { out },
        (None, Some(frames)) => app::Mode::Bench {
            frames: frames.max(1),
        },
        (None, None) => app::Mode::Normal,
    };
    let view = args.view.as_deref().map(|v| match v {
        "by-site" => (app::panels::Lower::Stacked, true),
        "wedges" => (app::panels::Lower::Wedges, false),
        "bridge" => (app::panels::Lower::Bridge, false),
        "factors" => (app::panels::Lower::Factors, false),
        "cost" => (app::panels::Lower::Cost, false),
        "uncertainty" => (app::panels::Lower::Uncertainty, false),
        "goal-seek" => (app::panels::Lower::Compare, false),
        _ => (app::panels::Lower::Stacked, false),
    });
    // Views that open a dialog: the goal seek (run at once) and the target template.
    let startup = match args.view.as_deref() {
        Some("goal-seek") => vec![app::Command::OpenGoalSeek, app::Command::RunGoalSeek],
        Some("template") => vec![app::Command::OpenTemplate],
        Some("inventory") => vec![app::Command::Inventory(app::inventory::InventoryCommand::Open)],
        Some("inventory-sites") => vec![
            app::Command::Inventory(app::inventory::InventoryCommand::Open),
            app::Command::Inventory(app::inventory::InventoryCommand::ShowTab(
                app::inventory::Tab::Sites,
            )),
        ],
        Some("new-company") => vec![app::Command::Inventory(
            app::inventory::InventoryCommand::NewCompany,
        )],
        _ => Vec::new(),
    };
    let view = app::StartView {
        lower: view,
        commands: startup,
    };
    app::run(scenario, path, mode, lang, args.review, view, startup_errors)
}
