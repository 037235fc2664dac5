//! The command line: `journey-map [FILE]`, `check`, `new`, `templates`, `fmt`.

use crate::io;
use crate::model::Language;
use crate::templates::Template;
use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::PathBuf;

/// journey-map: an offline editor for customer journey maps.
#[derive(Debug, Parser)]
#[command(
    name = "journey-map",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// A `.journey.ron` map to open in the editor.
    pub file: Option<PathBuf>,
    /// Editor theme for this run (default: as last chosen, else the system's).
    #[arg(long, value_enum)]
    pub theme: Option<ThemeArg>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// A theme named on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ThemeArg {
    Light,
    Dark,
}

/// What to do instead of opening the editor.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate maps; print one summary line per file. Exits non-zero if any file has an error.
    Check {
        /// The maps to check.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Create a new map from a template.
    New {
        /// Template name (see `journey-map templates`).
        #[arg(long, short)]
        template: String,
        /// Language of the new map.
        #[arg(long, default_value = "en")]
        lang: Language,
        /// The file to write (ends in `.journey.ron`).
        #[arg(long, short)]
        output: PathBuf,
        /// The map's title.
        #[arg(long)]
        title: Option<String>,
        /// Overwrite an existing file.
        #[arg(long)]
        force: bool,
    },
    /// List the templates `new` accepts.
    Templates,
    /// List the built-in channels: the names a map file may use, with English and Dutch labels.
    Channels,
    /// Rewrite maps in the canonical layout (what the editor writes), for clean diffs.
    Fmt {
        /// The maps to rewrite.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Only report files that are not in canonical layout; change nothing.
        #[arg(long)]
        check: bool,
    },
}

/// Runs a subcommand, writing results to `out` and problems to `err`. Returns the exit code.
pub fn run(command: Command, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    match command {
        Command::Check { files } => check(&files, out, err),
        Command::New {
            template,
            lang,
            output,
            title,
            force,
        } => new(&template, lang, &output, title, force, out, err),
        Command::Templates => {
            for t in Template::ALL {
                let _ = writeln!(out, "{:<20} {}", t.key(), t.describe(Language::En));
            }
            0
        }
        Command::Channels => {
            for c in crate::model::Channel::builtins() {
                let _ = writeln!(out, "{}", c.describe());
            }
            0
        }
        Command::Fmt { files, check } => fmt(&files, check, out, err),
    }
}

fn check(files: &[PathBuf], out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let mut code = 0;
    for path in files {
        match io::load(path) {
            Ok(j) => {
                let _ = writeln!(out, "ok {}: {}", path.display(), j.summary());
            }
            Err(e) => {
                let _ = writeln!(err, "error {e}");
                code = 1;
            }
        }
    }
    code
}

fn new(
    template: &str,
    lang: Language,
    output: &std::path::Path,
    title: Option<String>,
    force: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let Some(t) = Template::from_key(template) else {
        let names: Vec<_> = Template::ALL.iter().map(|t| t.key()).collect();
        let _ = writeln!(
            err,
            "error: unknown template {template:?}; expected one of: {}",
            names.join(", ")
        );
        return 2;
    };
    if output.exists() && !force {
        let _ = writeln!(
            err,
            "error: {} already exists; pass --force to overwrite it",
            output.display()
        );
        return 1;
    }
    let mut journey = t.build(lang);
    if let Some(title) = title {
        journey.title = title;
    }
    match io::save(output, &journey) {
        Ok(()) => {
            let _ = writeln!(out, "created {}: {}", output.display(), journey.summary());
            0
        }
        Err(e) => {
            let _ = writeln!(err, "error: {e}");
            1
        }
    }
}

fn fmt(files: &[PathBuf], check_only: bool, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let mut code = 0;
    for path in files {
        let result = io::load(path).map_err(|e| e.to_string()).and_then(|j| {
            let canonical = io::to_ron_string(&j).map_err(|e| e.to_string())?;
            let current = std::fs::read(path).map_err(|e| e.to_string())?;
            Ok((canonical, current))
        });
        match result {
            Ok((canonical, current)) if canonical.as_bytes() == current => {}
            Ok((canonical, _)) if check_only => {
                let _ = writeln!(out, "would reformat {}", path.display());
                drop(canonical);
                code = 1;
            }
            Ok((canonical, _)) => match io::atomic_write(path, canonical.as_bytes()) {
                Ok(()) => {
                    let _ = writeln!(out, "reformatted {}", path.display());
                }
                Err(e) => {
                    let _ = writeln!(err, "error: {e}");
                    code = 1;
                }
            },
            Err(e) => {
                let _ = writeln!(err, "error {e}");
                code = 1;
            }
        }
    }
    code
}
