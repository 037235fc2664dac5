//! The `journey-map` program: the editor, or a subcommand of the CLI.
// On Windows a GUI program: started from Explorer, no console window flashes up.
#![cfg_attr(windows, windows_subsystem = "windows")]

use clap::Parser as _;
use journey_map::cli::{Cli, run};

/// On Windows, print into the console the program was started from (a GUI program has none of
/// its own); output redirected to a file or pipe already has its handles and is left alone.
#[cfg(windows)]
fn attach_console() {
    use windows_sys::Win32::System::Console::{
        ATTACH_PARENT_PROCESS, AttachConsole, GetStdHandle, STD_OUTPUT_HANDLE,
    };
    // SAFETY: plain Win32 calls without pointers; failure only means there is no console.
    unsafe {
        if GetStdHandle(STD_OUTPUT_HANDLE).is_null() {
            AttachConsole(ATTACH_PARENT_PROCESS);
        }
    }
}

fn main() -> std::process::ExitCode {
    #[cfg(windows)]
    attach_console();
    let cli = Cli::parse();
    let code = match cli.command {
        Some(command) => run(command, &mut std::io::stdout(), &mut std::io::stderr()),
        None => match journey_map::ui::run_app(journey_map::ui::RunOptions {
            file: cli.file,
            compare: cli.compare,
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
