//! The `journey-map` program: the editor, or a subcommand of the CLI.

use clap::Parser as _;
use journey_map::cli::{Cli, run};

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Some(command) => run(command, &mut std::io::stdout(), &mut std::io::stderr()),
        None => match journey_map::ui::run_app(journey_map::ui::RunOptions {
            file: cli.file,
            theme: cli.theme,
            layout_json: cli.layout_json,
            quit_after_first_frame: cli.quit_after_first_frame,
        }) {
            Ok(()) => 0,
            Err(e) => {
                eprintln!("error: {e}");
                1
            }
        },
    };
    std::process::ExitCode::from(u8::try_from(code).unwrap_or(1))
}
