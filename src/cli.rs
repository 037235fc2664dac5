//! The command line: `journey-map [FILE]`, `check`, `new`, `import`, `export`, `templates`,
//! `fmt`.

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
    /// Open the editor comparing the map with this other version of it (a colleague's file,
    /// an older copy, an exported picture or deck), as File → Compare with… does.
    #[arg(long, value_name = "OTHER", requires = "file")]
    pub compare: Option<PathBuf>,
    /// Editor theme for this run (default: as last chosen, else the system's).
    #[arg(long, value_enum)]
    pub theme: Option<ThemeArg>,
    /// Debugging and end-to-end tests: write the screen rectangles of cards, cells and key
    /// widgets to this JSON file whenever they change.
    #[arg(long, value_name = "FILE")]
    pub layout_json: Option<PathBuf>,
    /// Start-up measurement: quit as soon as the first frame with the map is painted.
    #[arg(long)]
    pub quit_after_first_frame: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// A theme named on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ThemeArg {
    Light,
    Dark,
    /// Black on white with strong outlines (low vision).
    HighContrast,
}

/// Options of `journey-map export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// The maps to export.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// The output: a .png or .svg file, or a folder when exporting several maps.
    #[arg(long, short)]
    pub output: PathBuf,
    /// Output width in pixels (height follows the map).
    #[arg(long, group = "size")]
    pub width: Option<u32>,
    /// Output height in pixels (width follows the map).
    #[arg(long, group = "size")]
    pub height: Option<u32>,
    /// Output size as a multiple of the map's own size.
    #[arg(long, group = "size")]
    pub scale: Option<f32>,
    /// A named size: slide (1920×1080), slide-4k (3840×2160), a4, a3 (landscape, 300 dpi),
    /// posters a2, a1, a0 (landscape; a PDF page is the paper's size).
    #[arg(long, group = "size")]
    pub preset: Option<String>,
    /// No background (PNG with alpha).
    #[arg(long)]
    pub transparent: bool,
    /// Light or dark picture.
    #[arg(long, value_enum, default_value = "light")]
    pub theme: ThemeArg,
    /// Language of the legend's words (default: the map's language).
    #[arg(long)]
    pub lang: Option<Language>,
    /// Format when the output is a folder (otherwise the output's extension says it).
    #[arg(long, default_value = "png", value_parser = export_formats())]
    pub format: String,
    /// Leave out the title and persona band.
    #[arg(long)]
    pub no_header: bool,
    /// Leave out the legend.
    #[arg(long)]
    pub no_legend: bool,
    /// `one`: the whole map on one page, card texts shortened where needed (counted).
    /// `auto`: when not every text fits legibly, an overview page and detail pages where every
    /// text is whole and at least 12 px (`-o map.png` writes map-1.png, map-2.png, …).
    #[arg(long, default_value = "one", value_parser = ["one", "auto"])]
    pub pages: String,
}

/// The export formats' names, from the one list of formats.
fn export_formats() -> clap::builder::PossibleValuesParser {
    clap::builder::PossibleValuesParser::new(
        crate::io::export::Format::ALL.map(crate::io::export::Format::ext),
    )
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
    /// Export maps as PNG or SVG infographics, PDF documents or PowerPoint decks (headless: no
    /// GPU, no display), or their content as mermaid, CSV or Excel.
    Export(ExportArgs),
    /// Write a large, realistic map (for benchmarks and stress tests).
    Generate {
        /// Number of cards.
        #[arg(long, default_value_t = 1000)]
        cards: usize,
        /// Seed: the same seed gives the same map.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Language of the generated text.
        #[arg(long, default_value = "nl")]
        lang: Language,
        /// The file to write.
        #[arg(long, short)]
        output: PathBuf,
        /// Overwrite an existing file.
        #[arg(long)]
        force: bool,
    },
    /// Import a mermaid journey (.mmd, or the first in a Markdown file) or a spreadsheet
    /// (.csv, .tsv, .xlsx, .ods) as a new map; prints what had to bend, by line or cell.
    Import {
        /// The file to import.
        file: PathBuf,
        /// The map to write (default: beside the file, named like it, ending in .journey.ron).
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Language of the new map's labels (default: guessed from the file's words).
        #[arg(long)]
        lang: Option<Language>,
        /// Which mermaid journey of a Markdown file (from 1).
        #[arg(long)]
        index: Option<usize>,
        /// Overwrite an existing file.
        #[arg(long)]
        force: bool,
    },
    /// Update a map's KPIs from a table of phase, KPI name and value (an analytics export as
    /// .csv, .tsv, .xlsx or .ods); prints what changed, and rows it could not place by row.
    Kpis {
        /// The table: phase (name or id), KPI name, value; a header row is skipped.
        table: PathBuf,
        /// The map to update (a .journey.ron).
        #[arg(long, short)]
        map: PathBuf,
        /// Only print what would change.
        #[arg(long)]
        dry_run: bool,
    },
    /// What changed between two versions of a map, by ids: cards added, removed, moved,
    /// re-texted; phases and lanes renamed or reordered; curve points; personas, KPIs. Exits 0
    /// when they are the same, 1 when they differ (like diff). Any file the editor opens works.
    Diff {
        /// The older version.
        a: PathBuf,
        /// The newer version.
        b: PathBuf,
        /// Machine-readable changes, one JSON array.
        #[arg(long)]
        json: bool,
        /// Language of the sentences (default: the newer map's).
        #[arg(long)]
        lang: Option<Language>,
    },
    /// Three-way merge of two versions made from a common one. The same thing changed two ways
    /// keeps ours and gets a red conflict note card in its cell; exits 1 when there were
    /// conflicts. As a git merge driver: `journey-map merge %O %A %B -o %A`.
    Merge {
        /// The common ancestor.
        base: PathBuf,
        /// Our version.
        ours: PathBuf,
        /// Their version.
        theirs: PathBuf,
        /// Where to write the merged map.
        #[arg(long, short)]
        output: PathBuf,
    },
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
        Command::Diff { a, b, json, lang } => diff(&a, &b, json, lang, out, err),
        Command::Merge {
            base,
            ours,
            theirs,
            output,
        } => merge(&base, &ours, &theirs, &output, out, err),
        Command::Kpis {
            table,
            map,
            dry_run,
        } => kpis(&table, &map, dry_run, out, err),
        Command::Import {
            file,
            output,
            lang,
            index,
            force,
        } => import(&file, output, lang, index, force, out, err),
        Command::Export(args) => export(&args, out, err),
        Command::Generate {
            cards,
            seed,
            lang,
            output,
            force,
        } => write_new(
            &output,
            force,
            || crate::generate::generate(cards, seed, lang),
            "generated",
            out,
            err,
        ),
    }
}

/// `diff`: exit 0 the same, 1 different, 2 when a file cannot be read.
fn diff(
    a: &std::path::Path,
    b: &std::path::Path,
    json: bool,
    lang: Option<Language>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let (ja, jb) = match (io::load(a), io::load(b)) {
        (Ok(x), Ok(y)) => (x, y),
        (Err(e), _) | (_, Err(e)) => {
            let _ = writeln!(err, "error {}", e.in_language(user_language()));
            return 2;
        }
    };
    let changes = match crate::compare::diff(&ja, &jb) {
        Ok(c) => c,
        Err(e) => {
            let _ = writeln!(err, "error: cannot compare the maps: {e}");
            return 2;
        }
    };
    if json {
        let text = serde_json::to_string_pretty(&changes).unwrap_or_else(|_| "[]".into());
        let _ = writeln!(out, "{text}");
    } else {
        let lang = lang.unwrap_or(jb.language);
        for c in &changes {
            let _ = writeln!(out, "{}", crate::compare::describe(c, &jb, lang));
        }
    }
    i32::from(!changes.is_empty())
}

/// `merge`: exit 0 merged cleanly, 1 merged with conflicts (noted in the map), 2 not merged.
fn merge(
    base: &std::path::Path,
    ours: &std::path::Path,
    theirs: &std::path::Path,
    output: &std::path::Path,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let load = |p: &std::path::Path| io::load(p);
    let (b, o, t) = match (load(base), load(ours), load(theirs)) {
        (Ok(b), Ok(o), Ok(t)) => (b, o, t),
        (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => {
            let _ = writeln!(err, "error {}", e.in_language(user_language()));
            return 2;
        }
    };
    let merged = match crate::compare::merge(&b, &o, &t) {
        Ok(m) => m,
        Err(e) => {
            let _ = writeln!(err, "error: cannot merge the maps: {e}");
            return 2;
        }
    };
    if let Err(e) = io::save(output, &merged.journey) {
        let _ = writeln!(err, "error: {e}");
        return 2;
    }
    for c in &merged.conflicts {
        let _ = writeln!(err, "conflict: {}", c.sentence());
    }
    let _ = writeln!(
        out,
        "merged {}: {}; {} conflict{}",
        output.display(),
        merged.journey.summary(),
        merged.conflicts.len(),
        if merged.conflicts.len() == 1 { "" } else { "s" }
    );
    i32::from(!merged.conflicts.is_empty())
}

/// `kpis`: applies the table, saves the map (unless `dry_run`), reports. Exit 1 when a row
/// could not be applied (the others are), 2 when nothing could be read.
fn kpis(
    table: &std::path::Path,
    map: &std::path::Path,
    dry_run: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    if !io::is_journey_path(map) {
        let _ = writeln!(
            err,
            "error: {}: expected a map ending in .journey.ron",
            map.display()
        );
        return 2;
    }
    let mut j = match io::load(map) {
        Ok(j) => j,
        Err(e) => {
            let _ = writeln!(err, "error {}", e.in_language(user_language()));
            return 2;
        }
    };
    let (grid, read_warnings) = match io::import::read_table(table) {
        Ok(t) => t,
        Err(e) => {
            let _ = writeln!(err, "error {}", e.in_language(user_language()));
            return 2;
        }
    };
    let report = io::import::kpis::update_kpis(&mut j, &grid);
    for w in read_warnings.iter().chain(&report.warnings) {
        let _ = writeln!(
            err,
            "warning {}: {}: {}",
            table.display(),
            w.place,
            w.message
        );
    }
    for c in &report.changes {
        let _ = writeln!(out, "{c}");
    }
    let added = report.changes.iter().filter(|c| c.old.is_none()).count();
    let summary = format!(
        "{} changed, {added} added, {} unchanged",
        report.changes.len() - added,
        report.unchanged
    );
    if dry_run || report.changes.is_empty() {
        let _ = writeln!(out, "{} left as it is: {summary}", map.display());
    } else if let Err(e) = io::save(map, &j) {
        let _ = writeln!(err, "error: {e}");
        return 2;
    } else {
        let _ = writeln!(out, "updated {}: {summary}", map.display());
    }
    i32::from(!report.warnings.is_empty())
}

fn check(files: &[PathBuf], out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let mut code = 0;
    for path in files {
        match io::load(path) {
            Ok(j) => {
                let _ = writeln!(out, "ok {}: {}", path.display(), j.summary());
            }
            Err(e) => {
                let _ = writeln!(err, "error {}", e.in_language(user_language()));
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
    let build = || {
        let mut journey = t.build(lang);
        if let Some(title) = title {
            journey.title = title;
        }
        journey
    };
    write_new(output, force, build, "created", out, err)
}

/// Writes a newly made map, refusing to overwrite an existing file unless `force`.
fn write_new(
    output: &std::path::Path,
    force: bool,
    make: impl FnOnce() -> crate::model::Journey,
    done: &str,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    if output.exists() && !force {
        let _ = writeln!(
            err,
            "error: {} already exists; pass --force to overwrite it",
            output.display()
        );
        return 1;
    }
    let journey = make();
    match io::save(output, &journey) {
        Ok(()) => {
            let _ = writeln!(out, "{done} {}: {}", output.display(), journey.summary());
            0
        }
        Err(e) => {
            let _ = writeln!(err, "error: {e}");
            1
        }
    }
}

fn import(
    file: &std::path::Path,
    output: Option<PathBuf>,
    lang: Option<Language>,
    index: Option<usize>,
    force: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let output = output.unwrap_or_else(|| {
        let stem = file
            .file_stem()
            .map_or_else(|| "map".into(), |s| s.to_string_lossy().into_owned());
        file.with_file_name(format!("{stem}{}", io::EXTENSION))
    });
    let imported = match io::import::import_file(file, io::import::ImportOptions { lang, index }) {
        Ok(i) => i,
        Err(e) => {
            let _ = writeln!(err, "error {}", e.in_language(user_language()));
            return 1;
        }
    };
    for w in &imported.warnings {
        let _ = writeln!(
            err,
            "warning {}: {}",
            file.display(),
            crate::io::words::in_language(&w.to_string(), user_language())
        );
    }
    write_new(&output, force, || imported.journey, "imported", out, err)
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
                let _ = writeln!(
                    err,
                    "error {}",
                    crate::io::words::in_language(&e, user_language())
                );
                code = 1;
            }
        }
    }
    code
}

fn export(args: &ExportArgs, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    use crate::io::export::{ExportOptions, ExportTheme, Preset, Size, export_file, export_pages};
    let mut dpi = 96.0;
    let size = if let Some(w) = args.width {
        Size::Width(w)
    } else if let Some(h) = args.height {
        Size::Height(h)
    } else if let Some(s) = args.scale {
        Size::Scale(s)
    } else {
        let name = args.preset.as_deref().unwrap_or("slide");
        let Some(p) = Preset::find(name) else {
            let names: Vec<_> = crate::io::export::PRESETS.iter().map(|p| p.name).collect();
            let _ = writeln!(
                err,
                "error: unknown preset {name:?}; expected one of: {}",
                names.join(", ")
            );
            return 2;
        };
        dpi = p.dpi;
        Size::Fit {
            width: p.width,
            height: p.height,
        }
    };
    let opts = ExportOptions {
        size,
        transparent: args.transparent,
        theme: match args.theme {
            ThemeArg::Light => ExportTheme::Light,
            ThemeArg::Dark => ExportTheme::Dark,
            ThemeArg::HighContrast => ExportTheme::HighContrast,
        },
        lang: args.lang,
        header: !args.no_header,
        legend: !args.no_legend,
        dpi,
        ..ExportOptions::default()
    };
    let to_folder = args.files.len() > 1 || args.output.is_dir();
    if to_folder && !args.output.is_dir() {
        let _ = writeln!(
            err,
            "error: {} is not a folder; several maps export into a folder",
            args.output.display()
        );
        return 2;
    }
    let mut code = 0;
    for file in &args.files {
        let target = if to_folder {
            let stem = file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "map".into());
            let stem = stem
                .strip_suffix(crate::io::EXTENSION)
                .or_else(|| stem.rsplit_once('.').map(|(a, _)| a))
                .unwrap_or(&stem)
                .to_owned();
            args.output.join(format!("{stem}.{}", args.format))
        } else {
            args.output.clone()
        };
        let result = crate::io::load(file)
            .map_err(|e| e.to_string())
            .and_then(|j| {
                let failed = |e| format!("{}: {e}", target.display());
                let format = crate::io::export::Format::of_path(&target);
                if format.is_some_and(|f| !f.is_picture()) {
                    export_file(&j, &target, &opts).map_err(failed)?;
                    Ok((vec![target.clone()], 0, false))
                } else if args.pages == "auto" {
                    let (paths, pages) = export_pages(&j, &target, &opts).map_err(failed)?;
                    Ok((paths, pages.shortened_on_details(), false))
                } else {
                    export_file(&j, &target, &opts).map_err(failed)?;
                    let plan = crate::io::export::plan(&j, &opts).map_err(failed)?;
                    Ok((vec![target.clone()], plan.layout.shortened, !plan.legible()))
                }
            });
        match result {
            Ok((paths, shortened, small)) => {
                let written: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
                let _ = writeln!(out, "exported {} -> {}", file.display(), written.join(", "));
                if shortened > 0 && args.pages == "auto" {
                    let _ = writeln!(out, "{shortened} texts shortened on the detail pages");
                } else if shortened > 0 {
                    let _ = writeln!(
                        out,
                        "{shortened} texts shortened to fit one page; --pages auto shows them all"
                    );
                }
                if small {
                    let _ = writeln!(
                        out,
                        "text is smaller than its size to fit one page; --pages auto keeps it \
                         at 12 px or more"
                    );
                }
            }
            Err(e) => {
                let _ = writeln!(
                    err,
                    "error {}",
                    crate::io::words::in_language(&e, user_language())
                );
                code = 1;
            }
        }
    }
    code
}

/// The language of the person at the terminal, from the locale (`LC_ALL`, `LC_MESSAGES`,
/// `LANG`): Dutch for `nl_*`, else English. Refusals of the readers are said in it.
pub fn user_language() -> Language {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .find(|v| !v.is_empty())
        .map_or(Language::En, |v| {
            if v.to_lowercase().starts_with("nl") {
                Language::Nl
            } else {
                Language::En
            }
        })
}
