//! `.journey.ron` files: versioned, pretty, deterministic RON; loading that never panics and
//! reports file, line and column; saving that is atomic.

use super::atomic::{SaveError, atomic_write};
use super::text::{decode, line_col};
use crate::model::{Journey, ValidationError};
use ron::extensions::Extensions;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::{Path, PathBuf};

/// The format version this program writes. Files with a higher version are refused.
pub const FORMAT_VERSION: u32 = 1;

/// The file name ending of a journey map.
pub const EXTENSION: &str = ".journey.ron";

/// Files larger than this are refused before they are read (a journey map with 10,000 cards
/// is about 3 MiB).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// How deeply a file may nest; the model itself nests about five levels.
const RECURSION_LIMIT: usize = 64;

/// What kind of problem stopped a load.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoadErrorKind {
    /// The file could not be read at all.
    Io,
    /// The file is larger than [`MAX_FILE_BYTES`].
    TooLarge,
    /// The bytes are not text.
    Encoding,
    /// The text is not a journey map in RON.
    Syntax,
    /// The file was written by a newer version of the program.
    NewerVersion,
    /// The map parsed but contradicts itself (dangling ids, values out of range…).
    Invalid,
}

/// A load that failed, with enough detail to fix the file by hand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    /// The file, as the user named it.
    pub path: PathBuf,
    /// Where in the file, when known (line and column from 1).
    pub position: Option<(usize, usize)>,
    /// What went wrong and what was expected.
    pub message: String,
    /// The class of problem.
    pub kind: LoadErrorKind,
}

impl LoadError {
    /// The whole refusal (file, line, column, what is wrong) in `lang`.
    pub fn in_language(&self, lang: crate::model::Language) -> String {
        let mut s = self.path.display().to_string();
        if let Some((line, col)) = self.position {
            s.push_str(&format!(":{line}:{col}"));
        }
        format!("{s}: {}", super::words::in_language(&self.message, lang))
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some((line, col)) = self.position {
            write!(f, ":{line}:{col}")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for LoadError {}

/// Just enough of a file to read its version before committing to a layout.
#[derive(Deserialize)]
struct VersionProbe {
    version: Option<u32>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileV1 {
    #[allow(dead_code)] // checked through the probe
    version: u32,
    journey: Journey,
}

#[derive(Serialize)]
struct FileOut<'a> {
    version: u32,
    journey: &'a Journey,
}

fn read_options() -> ron::Options {
    // `implicit_some` lets a hand-written file say `channel: Website` as well as
    // `channel: Some(Website)`.
    ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME)
        .with_recursion_limit(RECURSION_LIMIT)
}

fn pretty() -> ron::ser::PrettyConfig {
    ron::ser::PrettyConfig::new()
        .indentor("    ".to_owned())
        .new_line("\n".to_owned())
        .struct_names(false)
        .separate_tuple_members(false)
        .enumerate_arrays(false)
}

/// The document as the bytes a `.journey.ron` file holds. The same document always gives the
/// same text.
pub fn to_ron_string(journey: &Journey) -> Result<String, ron::Error> {
    let mut text = ron::ser::to_string_pretty(
        &FileOut {
            version: FORMAT_VERSION,
            journey,
        },
        pretty(),
    )?;
    text.push('\n');
    Ok(text)
}

/// Reads a document from text. `path` is only used in messages.
pub fn from_ron_str(text: &str, path: &Path) -> Result<Journey, LoadError> {
    let err = |position, message: String, kind| LoadError {
        path: path.to_owned(),
        position,
        message,
        kind,
    };
    let probe: VersionProbe = read_options().from_str(text).map_err(|e| {
        // A map broken further on (cut short, a stray bracket) is still a map: say what is
        // wrong where, as the full reader sees it, not "this is not a journey map".
        let t = text.trim_start_matches('\u{feff}').trim_start();
        let head: String = t.chars().take(200).collect();
        if t.starts_with('(')
            && head.contains("version")
            && !matches!(e.code, ron::Error::ExceededRecursionLimit)
            && let Err(full) = read_options().from_str::<FileV1>(text)
        {
            return err(
                Some(position(&full)),
                syntax_message(&full),
                LoadErrorKind::Syntax,
            );
        }
        err(
            Some(position(&e)),
            probe_message(text, &e),
            LoadErrorKind::Syntax,
        )
    })?;
    let journey = match probe.version {
        None => {
            return Err(err(
                Some((1, 1)),
                "expected a `version: 1` field at the top of the map; is this a journey map?"
                    .into(),
                LoadErrorKind::Syntax,
            ));
        }
        Some(v) if v > FORMAT_VERSION => {
            return Err(err(
                None,
                format!(
                    "this map was written in format version {v} by a newer journey-map; this \
                     journey-map reads format versions up to {FORMAT_VERSION}. Update \
                     journey-map to open it; the file has not been changed."
                ),
                LoadErrorKind::NewerVersion,
            ));
        }
        Some(0) => {
            return Err(err(
                None,
                "format version 0 does not exist; expected 1".into(),
                LoadErrorKind::Syntax,
            ));
        }
        // Version 1 is the first format; future versions migrate older files here.
        Some(_) => {
            read_options()
                .from_str::<FileV1>(text)
                .map_err(|e| {
                    err(
                        Some(position(&e)),
                        syntax_message(&e),
                        LoadErrorKind::Syntax,
                    )
                })?
                .journey
        }
    };
    let problems = journey.validate();
    if let Some(first) = problems.first() {
        return Err(err(
            locate(text, first),
            invalid_message(&problems),
            LoadErrorKind::Invalid,
        ));
    }
    Ok(journey)
}

/// The format version a file was written in, read without loading the map (`None` when the
/// text has no version field or does not parse).
pub fn file_version(path: &Path) -> Option<u32> {
    let bytes = std::fs::read(path).ok()?;
    let text = decode(&bytes).ok()?;
    read_options().from_str::<VersionProbe>(&text).ok()?.version
}

/// Reads bytes (as found in a file) into a document. A PNG, SVG, PDF or PowerPoint deck
/// exported by journey-map is read through the map embedded in it.
pub fn from_bytes(bytes: &[u8], path: &Path) -> Result<Journey, LoadError> {
    if super::export::is_png(bytes)
        || super::export::is_svg(bytes)
        || super::export::pdf::is_pdf(bytes)
        || super::export::pptx::is_pptx(bytes)
    {
        let text = super::export::embedded_document(bytes).map_err(|message| LoadError {
            path: path.to_owned(),
            position: None,
            message,
            kind: LoadErrorKind::Syntax,
        })?;
        return from_ron_str(&text, path);
    }
    let text = decode(bytes).map_err(|e| LoadError {
        path: path.to_owned(),
        position: Some((e.line, e.col)),
        message: e.message,
        kind: LoadErrorKind::Encoding,
    })?;
    from_ron_str(&text, path)
}

/// Loads a `.journey.ron` file (or a picture with a map inside). Never panics, and never
/// changes the file.
pub fn load(path: &Path) -> Result<Journey, LoadError> {
    from_bytes(&read_limited(path)?, path)
}

/// Reads a file of at most [`MAX_FILE_BYTES`], with errors in the user's words.
pub(super) fn read_limited(path: &Path) -> Result<Vec<u8>, LoadError> {
    use std::io::Read;
    let io_err = |e: std::io::Error| LoadError {
        path: path.to_owned(),
        position: None,
        message: match e.kind() {
            std::io::ErrorKind::NotFound => "no such file".to_owned(),
            std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
            _ => format!("cannot read the file: {e}"),
        },
        kind: LoadErrorKind::Io,
    };
    let file = std::fs::File::open(path).map_err(io_err)?;
    let too_large = |size: u64| LoadError {
        path: path.to_owned(),
        position: None,
        message: format!(
            "the file is {} MiB; a journey map may be at most {} MiB",
            size / (1024 * 1024),
            MAX_FILE_BYTES / (1024 * 1024)
        ),
        kind: LoadErrorKind::TooLarge,
    };
    let meta = file.metadata().map_err(io_err)?;
    if meta.is_dir() {
        return Err(LoadError {
            path: path.to_owned(),
            position: None,
            message: "this is a folder, not a journey map".into(),
            kind: LoadErrorKind::Io,
        });
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large(meta.len()));
    }
    // Read at most one byte past the limit, in case the file grows while we read it.
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io_err)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Saves a document atomically: the old file stays intact unless the new one is complete.
pub fn save(path: &Path, journey: &Journey) -> Result<(), SaveError> {
    let text = to_ron_string(journey)
        .map_err(|e| SaveError::new(path, format!("the map cannot be written as RON: {e}")))?;
    atomic_write(path, text.as_bytes())
}

fn position(e: &ron::error::SpannedError) -> (usize, usize) {
    (e.span.start.line.max(1), e.span.start.col.max(1))
}

/// Rewrites ron's messages into the words of this format where they are unclear.
/// Why a file is not a journey map at all, in words (never the reader's type names).
fn probe_message(text: &str, e: &ron::error::SpannedError) -> String {
    const START: &str = "a journey map starts with `(version: 1, journey: (…))`";
    let t = text.trim_start_matches('\u{feff}').trim();
    if t.is_empty() {
        format!("the file is empty; {START}")
    } else if t.starts_with('{') || t.starts_with('[') {
        format!("this looks like JSON, not a journey map; {START}")
    } else if matches!(e.code, ron::Error::ExceededRecursionLimit) {
        syntax_message(e)
    } else {
        format!("this is not a journey map; {START}")
    }
}

fn syntax_message(e: &ron::error::SpannedError) -> String {
    use ron::Error as E;
    match &e.code {
        E::Eof => "the file ends too early (a bracket or quote is not closed?)".into(),
        E::ExceededRecursionLimit => {
            format!(
                "the file nests more than {RECURSION_LIMIT} levels deep; a journey map never does"
            )
        }
        E::NoSuchStructField {
            expected,
            found,
            outer,
        } => format!(
            "unknown field `{found}`{}; expected one of {}",
            outer
                .as_ref()
                .map(|o| format!(" in {}", model_name(o)))
                .unwrap_or_default(),
            expected
                .iter()
                .map(|f| format!("`{f}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        E::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => format!(
            "unknown value `{found}`{}; expected one of {}",
            outer
                .as_ref()
                .map(|o| format!(" for {}", model_name(o)))
                .unwrap_or_default(),
            expected
                .iter()
                .map(|f| format!("`{f}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        E::DuplicateStructField { field, outer } => format!(
            "the field `{field}` appears twice{}",
            outer
                .as_ref()
                .map(|o| format!(" in {}", model_name(o)))
                .unwrap_or_default()
        ),
        E::ExpectedNamedStructLike(name) if !name.is_empty() => {
            format!("expected opening `(` for {}", model_name(name))
        }
        E::ExpectedMapColon => "expected a colon `:`".into(),
        E::ExpectedStringEnd => "a text is not closed with `\"`".into(),
        E::SuggestRawIdentifier(id) | E::InvalidIdentifier(id) => {
            format!("`{id}` cannot be used as a name here")
        }
        E::InvalidValueForType { expected, found } => format!("expected {expected}, found {found}"),
        E::UnexpectedChar(c) => format!("unexpected character {c:?}"),
        E::TrailingCharacters => "there is more text after the end of the map".into(),
        E::IntegerOutOfBounds => "a number is too large".into(),
        E::MissingStructField { field, outer } => format!(
            "missing field `{field}`{}",
            outer
                .as_ref()
                .map(|o| format!(" in {}", model_name(o)))
                .unwrap_or_default()
        ),
        other => {
            // The reader names our Rust types ("for struct `Card`"): say what they are.
            let mut text = other.to_string();
            while let Some(at) = text.find("struct `") {
                let start = at + "struct `".len();
                let Some(len) = text[start..].find('`') else {
                    break;
                };
                let name = model_name(&text[start..start + len]);
                text.replace_range(at..start + len + 1, &name);
            }
            let mut chars = text.chars();
            match chars.next() {
                Some(c) => c.to_lowercase().chain(chars).collect(),
                None => "the file is not a journey map".into(),
            }
        }
    }
}

/// Rust type names as a map author knows them.
fn model_name(type_name: &str) -> String {
    match type_name {
        "FileV1" => "the file".into(),
        "Journey" => "the journey".into(),
        "EmotionCurve" => "an emotion curve".into(),
        "EmotionPoint" => "an emotion point".into(),
        "Kpi" => "a KPI".into(),
        "Slot" => "a position (`at`)".into(),
        "LoopBack" => "a loop-back".into(),
        "Rgb" => "a colour".into(),
        "CardImage" | "Photo" => "a picture".into(),
        "MapStyle" => "the map's style".into(),
        "Scale" => "a scale".into(),
        "LaneKind" => "a lane kind".into(),
        "CurveKind" => "a curve kind".into(),
        "CurveVariant" => "a curve variant (as-is or to-be)".into(),
        "Evidence" => "an evidence level".into(),
        "Channel" | "ChannelGroup" => "a channel".into(),
        "Language" => "a language".into(),
        other => format!("a {}", other.to_lowercase()),
    }
}

fn invalid_message(problems: &[ValidationError]) -> String {
    let mut msg = problems[0].to_string();
    if problems.len() > 1 {
        msg.push_str(&format!(" (and {} more problems:", problems.len() - 1));
        for p in problems.iter().skip(1).take(9) {
            msg.push_str(&format!("\n  - {p}"));
        }
        if problems.len() > 10 {
            msg.push_str("\n  - …");
        }
        msg.push(')');
    }
    msg
}

/// Finds where a validation problem sits in the text: the object's `id: "…"`, then the field
/// named by the problem after it. Best effort: a hand-edited file may be laid out any way.
fn locate(text: &str, problem: &ValidationError) -> Option<(usize, usize)> {
    let Some(id) = &problem.anchor.id else {
        return None;
    };
    let quoted = format!("{id:?}");
    let mut search_from = 0;
    let object = loop {
        let found = search_from + text.get(search_from..)?.find(&quoted)?;
        let before = text[..found].trim_end();
        if let Some(b) = before.strip_suffix(':')
            && b.trim_end().ends_with("id")
        {
            break found;
        }
        search_from = found + quoted.len();
    };
    let rest = &text[object..];
    let field_at = find_field(rest, problem.anchor.field).map(|i| object + i);
    Some(line_col(text, field_at.unwrap_or(object)))
}

/// Offset of `field:` in `text`, as a whole word.
fn find_field(text: &str, field: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = text.get(from..)?.find(field) {
        let at = from + i;
        let before_ok = text[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric() && c != '_');
        let after = text[at + field.len()..].trim_start();
        if before_ok && after.starts_with(':') {
            return Some(at);
        }
        from = at + field.len();
    }
    None
}

/// Whether a path names a journey map by its file name.
pub fn is_journey_path(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.to_lowercase().ends_with(EXTENSION))
}
