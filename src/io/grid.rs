//! The map as the grid a consultant draws in a spreadsheet: phase names across the top (and
//! an optional row of steps), lane titles down the first column, cards in the cells. The one
//! mapping both ways, shared by the CSV/XLSX/ODS importer and the CSV/XLSX export, so that
//! what we write is exactly what we read.
//!
//! - Top-left cell: the map's title (or a word like "Phase", which is not a title).
//! - Row 1: a phase name in the first column of each phase; empty cells after it continue it.
//! - Row 2, when its first cell is empty or says "Steps"/"Stappen": the steps' names.
//! - Other rows: a lane each. The lane's kind is recognised from its title (Dutch or English:
//!   Doen/Actions, Denken/Thoughts, Beleving/Emotion, Knelpunten/Pain points, …), or named in
//!   brackets after it ("Klant [Doen]").
//! - Card cells: a card per line, "title – body"; or bullets ("• title") with the body on the
//!   lines under each. "Website: Productpagina" sets the card's channel.
//! - Curve rows: "Beleving (-2..2): Sanne", one per persona, numbers per column.
//! - KPI rows: "name: value" per line, in a phase's first column.

use crate::io::import::{Place, Warning};
use crate::model::{
    Card, CardId, Channel, CurveId, CurveKind, CurveVariant, EmotionCurve, EmotionPoint, Evidence,
    Journey, Kpi, KpiId, Lane, LaneId, LaneKind, Language, Persona, PersonaId, Phase, PhaseId,
    Scale, Slot, Step, StepId,
};
use crate::templates::{PHASE_PALETTE, default_scale};

/// The most rows, columns, cards and characters in a cell an imported grid may have: far
/// beyond a journey a person draws, small enough that a hostile file cannot choke the editor.
pub const MAX_ROWS: usize = 5_000;
pub const MAX_COLUMNS: usize = 500;
pub const MAX_CELL_CHARS: usize = 20_000;
pub const MAX_CARDS: usize = 50_000;

/// Cells by row, with where each row came from in the file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Grid {
    /// Rows of cells, left to right; cells are trimmed text.
    pub rows: Vec<Vec<String>>,
    /// The file's row (or line, for a CSV record) of each row, from 1.
    pub row_numbers: Vec<usize>,
}

impl Grid {
    /// A grid from rows numbered 1, 2, 3…
    pub fn from_rows(rows: Vec<Vec<String>>) -> Self {
        let row_numbers = (1..=rows.len()).collect();
        Self { rows, row_numbers }
    }

    fn cell(&self, row: usize, col: usize) -> &str {
        self.rows
            .get(row)
            .and_then(|r| r.get(col))
            .map_or("", |s| s.as_str())
    }

    fn place(&self, row: usize, col: usize) -> Place {
        Place::Cell {
            row: self.row_numbers.get(row).copied().unwrap_or(row + 1),
            col: col + 1,
        }
    }
}

/// Why a grid is not a map, with the cell or row it concerns.
#[derive(Debug, Clone, PartialEq)]
pub struct GridError {
    pub place: Place,
    pub message: String,
}

/// The words lane titles are recognised by, in Dutch and English (lower case).
const KIND_WORDS: [(LaneKind, &[&str]); 12] = [
    (
        LaneKind::Actions,
        &[
            "doen",
            "actions",
            "action",
            "acties",
            "activiteiten",
            "doing",
            "customer actions",
            "klantacties",
            "handelingen",
            "wat doet de klant",
        ],
    ),
    (
        LaneKind::Thoughts,
        &[
            "denken",
            "thoughts",
            "thinking",
            "gedachten",
            "vragen",
            "questions",
            "wat denkt de klant",
        ],
    ),
    (
        LaneKind::Touchpoints,
        &[
            "touchpoints",
            "touchpoint",
            "contactmomenten",
            "contactmoment",
            "contactpunten",
            "interacties",
            "interactions",
        ],
    ),
    (
        LaneKind::Channels,
        &["kanalen", "kanaal", "channels", "channel", "media"],
    ),
    (
        LaneKind::Emotion,
        &[
            "beleving",
            "emotie",
            "emoties",
            "emotion",
            "emotions",
            "voelen",
            "gevoel",
            "feeling",
            "feelings",
            "emotiecurve",
            "emotion curve",
            "klantbeleving",
        ],
    ),
    (
        LaneKind::DramaticArc,
        &[
            "spanningsboog",
            "dramatic arc",
            "engagement",
            "betrokkenheid",
        ],
    ),
    (
        LaneKind::PainPoints,
        &[
            "knelpunten",
            "pijnpunten",
            "pain points",
            "painpoints",
            "pains",
            "frustraties",
            "frustrations",
            "problemen",
            "problems",
        ],
    ),
    (
        LaneKind::Opportunities,
        &[
            "kansen",
            "opportunities",
            "verbeterkansen",
            "verbeterpunten",
            "ideeën",
            "ideas",
            "gains",
        ],
    ),
    (
        LaneKind::Backstage,
        &[
            "backstage / workflow",
            "backstage",
            "achter de schermen",
            "backoffice",
            "back office",
            "workflow",
            "processen",
            "processes",
        ],
    ),
    (
        LaneKind::Kpis,
        &["kpi's", "kpis", "kpi", "metrics", "cijfers", "meetpunten"],
    ),
    (
        LaneKind::Notes,
        &["notities", "notes", "opmerkingen", "comments", "notitie"],
    ),
    (
        LaneKind::Storyboard,
        &[
            "storyboard",
            "beelden",
            "images",
            "pictures",
            "afbeeldingen",
            "schetsen",
        ],
    ),
];

/// Words in the top-left cell that name the header row, not the map.
const CORNER_WORDS: [&str; 8] = [
    "fase", "fases", "phase", "phases", "stage", "stages", "fasen", "journey",
];

/// Words that mark the second row as the steps' names.
const STEP_WORDS: [&str; 6] = ["stap", "stappen", "step", "steps", "substap", "substappen"];

/// The kind a lane title names (the whole title, or its start before punctuation).
pub fn kind_of_title(title: &str) -> Option<LaneKind> {
    let t = title.trim().to_lowercase();
    let t = t.trim_end_matches([':', '.', ' ']);
    KIND_WORDS.iter().find_map(|(kind, words)| {
        words
            .iter()
            .any(|w| {
                t == *w
                    || t.strip_prefix(w).is_some_and(|rest| {
                        rest.starts_with(|c: char| !c.is_alphanumeric() && c != '\'')
                    })
            })
            .then_some(*kind)
    })
}

/// A lane row's first cell, taken apart.
#[derive(Debug, Clone, PartialEq)]
struct Header {
    title: String,
    kind: Option<LaneKind>,
    /// For a curve row: the scale written as "(-2..2)".
    scale: Option<(i32, i32)>,
    /// For a curve row: whose curve.
    persona: Option<String>,
    variant: CurveVariant,
}

/// Reads "Title [Kind] (min..max): Persona (to be)"; only the title is required.
fn parse_header(cell: &str) -> Header {
    let cell = cell.trim();
    if let (title, Some(kind)) = split_kind(cell)
        && !kind.is_curve()
    {
        return Header {
            title,
            kind: Some(kind),
            scale: None,
            persona: None,
            variant: CurveVariant::AsIs,
        };
    }
    // A curve row: the persona after the last colon.
    let (front, persona) = match cell.rsplit_once(':') {
        Some((a, b))
            if split_kind(strip_scale(a).0)
                .1
                .is_some_and(LaneKind::is_curve) =>
        {
            (a.trim(), Some(b.trim()))
        }
        _ => (cell, None),
    };
    let (front, scale) = strip_scale(front);
    let (title, kind) = split_kind(front);
    let (persona, variant) = match persona {
        Some(p) => {
            let lower = p.to_lowercase();
            let to_be = ["(to be)", "(to-be)", "(gewenst)", "(wens)"]
                .iter()
                .find(|m| lower.ends_with(*m));
            match to_be {
                Some(m) => (
                    Some(p[..p.len() - m.len()].trim().to_owned()),
                    CurveVariant::ToBe,
                ),
                None => (Some(p.to_owned()), CurveVariant::AsIs),
            }
        }
        None => (None, CurveVariant::AsIs),
    };
    Header {
        title,
        kind,
        scale,
        persona: persona.filter(|p| !p.is_empty()),
        variant,
    }
}

/// "Beleving (-2..2)" → ("Beleving", Some((-2, 2))).
fn strip_scale(s: &str) -> (&str, Option<(i32, i32)>) {
    let s = s.trim();
    let Some(open) = s.rfind('(') else {
        return (s, None);
    };
    let Some(inner) = s[open + 1..].strip_suffix(')') else {
        return (s, None);
    };
    let inner = inner.replace(['–', '—', '…'], "..").replace(" to ", "..");
    let parts: Vec<&str> = if inner.contains("..") {
        inner.split("..").filter(|p| !p.is_empty()).collect()
    } else {
        // "1-5", "-2-2": a dash between two numbers (after the first character, which may be
        // a minus sign, and may be any letter in a file that is no spreadsheet at all).
        let first = inner.chars().next().map_or(0, char::len_utf8);
        match inner[first..].find('-').map(|i| i + first) {
            Some(dash) => vec![&inner[..dash], &inner[dash + 1..]],
            None => return (s, None),
        }
    };
    match parts.as_slice() {
        [a, b] => match (a.trim().parse::<i32>(), b.trim().parse::<i32>()) {
            (Ok(a), Ok(b)) if a < b => (s[..open].trim(), Some((a, b))),
            _ => (s, None),
        },
        _ => (s, None),
    }
}

/// "Klant [Doen]" → ("Klant", Actions); "Beleving" → ("Beleving", Emotion).
fn split_kind(s: &str) -> (String, Option<LaneKind>) {
    let s = s.trim();
    if let Some(inner) = s.strip_suffix(']')
        && let Some(open) = inner.rfind('[')
        && let Some(kind) = kind_of_title(&inner[open + 1..])
    {
        return (inner[..open].trim().to_owned(), Some(kind));
    }
    (s.to_owned(), kind_of_title(s))
}

/// Reads the grid as a map in `lang`; `fallback_title` names it when the corner cell does not.
pub fn to_journey(
    grid: &Grid,
    lang: Language,
    fallback_title: &str,
) -> Result<(Journey, Vec<Warning>), GridError> {
    let mut warnings = Vec::new();
    // Leading empty rows are spacing.
    let Some(head) = grid
        .rows
        .iter()
        .position(|r| r.iter().any(|c| !c.is_empty()))
    else {
        return Err(GridError {
            place: Place::Row(1),
            message: "the sheet is empty; expected phase names in the first row".into(),
        });
    };
    if grid.rows.len() > MAX_ROWS {
        return Err(GridError {
            place: Place::Row(grid.row_numbers.get(MAX_ROWS).copied().unwrap_or(MAX_ROWS)),
            message: format!("more than {MAX_ROWS} rows; a journey map has far fewer"),
        });
    }
    let width = grid.rows.iter().map(Vec::len).max().unwrap_or(0);
    if width > MAX_COLUMNS {
        return Err(GridError {
            place: Place::Row(grid.row_numbers.get(head).copied().unwrap_or(1)),
            message: format!("more than {MAX_COLUMNS} columns; a journey map has far fewer"),
        });
    }
    let mut j = Journey::empty(String::new(), lang);
    let corner = grid.cell(head, 0);
    j.title = if corner.is_empty() || CORNER_WORDS.contains(&corner.to_lowercase().as_str()) {
        fallback_title.to_owned()
    } else {
        corner.to_owned()
    };
    // Steps: the row under the phases, when its first cell says so (or is empty).
    let steps_row = (head + 1 < grid.rows.len())
        .then_some(head + 1)
        .filter(|&r| {
            let first = grid.cell(r, 0).to_lowercase();
            (first.is_empty() && grid.rows[r].iter().any(|c| !c.is_empty()))
                || STEP_WORDS.contains(&first.as_str())
        });
    // Columns: the phases' spans. A column with nothing in it is spacing.
    let mut slot_of: Vec<(usize, Slot)> = Vec::new();
    let mut step_no = 0;
    for col in 1..width {
        let used = grid.rows[head..]
            .iter()
            .any(|r| r.get(col).is_some_and(|c| !c.is_empty()));
        if !used {
            continue;
        }
        let name = grid.cell(head, col);
        if !name.is_empty() || j.phases.is_empty() {
            let n = j.phases.len() + 1;
            let name = if name.is_empty() {
                warnings.push(Warning {
                    place: grid.place(head, col),
                    message: format!(
                        "the column has no phase name; named “{}”",
                        phase_word(lang, n)
                    ),
                });
                phase_word(lang, n)
            } else {
                name.to_owned()
            };
            j.phases.push(Phase {
                id: PhaseId(format!("{}{n}", PhaseId::PREFIX)),
                name,
                description: String::new(),
                color: PHASE_PALETTE[(n - 1) % PHASE_PALETTE.len()],
                duration: String::new(),
                steps: Vec::new(),
                column_width: None,
            });
        }
        let Some(phase) = j.phases.last_mut() else {
            continue;
        };
        step_no += 1;
        let step = StepId(format!("{}{step_no}", StepId::PREFIX));
        phase.steps.push(Step {
            id: step.clone(),
            name: steps_row.map_or("", |r| grid.cell(r, col)).to_owned(),
        });
        slot_of.push((
            col,
            Slot {
                phase: phase.id.clone(),
                step: Some(step),
            },
        ));
    }
    if j.phases.is_empty() {
        return Err(GridError {
            place: Place::Row(grid.row_numbers.get(head).copied().unwrap_or(1)),
            message: "no phase names; expected them in the first row, from the second column on"
                .into(),
        });
    }
    // A phase of one column without a step name has no steps.
    for phase in &mut j.phases {
        if phase.steps.len() == 1 && phase.steps[0].name.is_empty() {
            phase.steps.clear();
            for (_, slot) in &mut slot_of {
                if slot.phase == phase.id {
                    slot.step = None;
                }
            }
        }
    }
    let first_row = steps_row.map_or(head + 1, |r| r + 1);
    let mut reader = Reader {
        grid,
        lang,
        j,
        warnings,
        slot_of,
        curve_lane: None,
    };
    for row in first_row..grid.rows.len() {
        if grid.rows[row].iter().all(String::is_empty) {
            continue;
        }
        reader.row(row)?;
    }
    let Reader { j, warnings, .. } = reader;
    Ok((j, warnings))
}

fn phase_word(lang: Language, n: usize) -> String {
    format!("{} {n}", lang.pick("Phase", "Fase"))
}

/// Reads lane rows into the map.
struct Reader<'g> {
    grid: &'g Grid,
    lang: Language,
    j: Journey,
    warnings: Vec<Warning>,
    /// Each used column and the slot it is.
    slot_of: Vec<(usize, Slot)>,
    /// The curve lane the previous row added to (its base title and kind), so the next
    /// persona's row joins it.
    curve_lane: Option<(String, LaneKind)>,
}

impl Reader<'_> {
    fn row(&mut self, row: usize) -> Result<(), GridError> {
        let header = parse_header(self.grid.cell(row, 0));
        let kind = match header.kind {
            Some(k) => k,
            None => {
                self.warnings.push(Warning {
                    place: self.grid.place(row, 0),
                    message: format!(
                        "“{}” is not a lane kind journey-map knows; read as a notes lane",
                        header.title
                    ),
                });
                LaneKind::Notes
            }
        };
        if kind.is_curve() {
            return self.curve_row(row, header, kind);
        }
        self.curve_lane = None;
        let lane = self.add_lane(&header.title, kind);
        for (col, slot) in self.slot_of.clone() {
            let text = self.grid.cell(row, col);
            if text.is_empty() {
                continue;
            }
            // A KPI lane's plain lines are its figures; bullets under them are cards.
            let cards_text = if kind == LaneKind::Kpis {
                let lines: Vec<&str> = text.lines().collect();
                let first_bullet = lines
                    .iter()
                    .position(|l| BULLETS.iter().any(|b| l.trim_start().starts_with(b)))
                    .unwrap_or(lines.len());
                for line in lines[..first_bullet].iter().map(|l| l.trim()) {
                    if line.is_empty() {
                        continue;
                    }
                    let (name, value) = line
                        .split_once(':')
                        .map_or((line, ""), |(n, v)| (n.trim(), v.trim()));
                    let n = self.j.kpis.len() + 1;
                    self.j.kpis.push(Kpi {
                        id: KpiId(format!("{}{n}", KpiId::PREFIX)),
                        phase: slot.phase.clone(),
                        name: name.to_owned(),
                        value: value.to_owned(),
                    });
                }
                lines[first_bullet..].join("\n")
            } else {
                text.to_owned()
            };
            for (title, body) in parse_cards(&cards_text) {
                if self.j.cards.len() >= MAX_CARDS {
                    return Err(GridError {
                        place: self.grid.place(row, col),
                        message: format!("more than {MAX_CARDS} cards"),
                    });
                }
                let (channel, title) = channel_prefix(&title, kind);
                let n = self.j.cards.len() + 1;
                self.j.cards.push(Card {
                    id: CardId(format!("{}{n}", CardId::PREFIX)),
                    lane: lane.clone(),
                    at: slot.clone(),
                    span: 1,
                    title,
                    body,
                    channel,
                    evidence: Evidence::default(),
                    color: None,
                    critical: false,
                    sentiment: None,
                    image: None,
                });
            }
        }
        Ok(())
    }

    fn add_lane(&mut self, title: &str, kind: LaneKind) -> LaneId {
        let n = self.j.lanes.len() + 1;
        let id = LaneId(format!("{}{n}", LaneId::PREFIX));
        self.j.lanes.push(Lane {
            id: id.clone(),
            title: if title.is_empty() {
                kind.label(self.lang).to_owned()
            } else {
                title.to_owned()
            },
            kind,
            visible: true,
            height: kind.default_height(),
            funnel: None,
        });
        id
    }

    fn curve_row(&mut self, row: usize, header: Header, kind: LaneKind) -> Result<(), GridError> {
        let key = (header.title.clone(), kind);
        let values: Vec<(usize, &str)> = self
            .slot_of
            .iter()
            .enumerate()
            .map(|(i, (col, _))| (i, self.grid.cell(row, *col)))
            .filter(|(_, t)| !t.is_empty())
            .collect();
        let joins = self.curve_lane.as_ref() == Some(&key);
        if !joins {
            self.add_lane(&header.title, kind);
            self.curve_lane = Some(key);
        }
        if header.persona.is_none() && values.is_empty() {
            return Ok(());
        }
        let curve_kind = kind.curve_kind().unwrap_or(CurveKind::Emotion);
        // The scale: written, or the dramatic arc's, or read from the numbers.
        let numbers: Vec<(usize, usize, f32)> = values
            .iter()
            .filter_map(|&(i, t)| {
                let col = self.slot_of[i].0;
                match parse_number(t) {
                    Some(v) => Some((i, col, v)),
                    None => {
                        self.warnings.push(Warning {
                            place: self.grid.place(row, col),
                            message: format!(
                                "“{}” is not a number; left out of the curve",
                                shorten(t)
                            ),
                        });
                        None
                    }
                }
            })
            .collect();
        let (scale, shift) = match (curve_kind, header.scale) {
            (CurveKind::Engagement, _) => (Scale::engagement(), 0.0),
            (_, Some((min, max))) if (3..=10).contains(&(i64::from(max) - i64::from(min) + 1)) => {
                let mut s = Scale {
                    min,
                    max,
                    labels: Vec::new(),
                };
                if s == (Scale {
                    labels: Vec::new(),
                    ..default_scale(self.lang)
                }) {
                    s = default_scale(self.lang);
                }
                (s, 0.0)
            }
            _ => infer_scale(&numbers, self.lang),
        };
        let persona = self.persona(header.persona.as_deref());
        let n = self.j.emotion_curves.len() + 1;
        let mut curve = EmotionCurve {
            id: CurveId(format!("{}{n}", CurveId::PREFIX)),
            persona,
            variant: header.variant,
            kind: curve_kind,
            scale,
            points: Vec::new(),
            evidence: false,
        };
        for (i, col, v) in numbers {
            let value = v + shift;
            let clamped = value.clamp(curve.scale.min as f32, curve.scale.max as f32);
            if clamped != value {
                self.warnings.push(Warning {
                    place: self.grid.place(row, col),
                    message: format!(
                        "{v} is outside the scale {}..{}; read as {}",
                        curve.scale.min - shift as i32,
                        curve.scale.max - shift as i32,
                        clamped - shift
                    ),
                });
            }
            curve.points.push(EmotionPoint {
                at: self.slot_of[i].1.clone(),
                value: clamped,
                label: String::new(),
                critical: false,
            });
        }
        self.j.emotion_curves.push(curve);
        Ok(())
    }

    /// The persona of this name, added when new; a row without a name is the first persona's.
    fn persona(&mut self, name: Option<&str>) -> PersonaId {
        let name = name.unwrap_or("");
        if let Some(p) = self
            .j
            .personas
            .iter()
            .find(|p| name.is_empty() || p.name == name)
        {
            return p.id.clone();
        }
        let id = PersonaId::new(format!("persona{}", self.j.personas.len() + 1));
        self.j.personas.push(Persona {
            id: id.clone(),
            name: if name.is_empty() {
                self.lang.pick("Persona", "Persona").to_owned()
            } else {
                name.to_owned()
            },
            ..Persona::default()
        });
        id
    }
}

/// The scale numbers without a written scale are on: 1..5 (or up to 10) when all are at least
/// 1, read onto the map's five levels when they fit 1..5; otherwise −k..k around zero.
fn infer_scale(numbers: &[(usize, usize, f32)], lang: Language) -> (Scale, f32) {
    let max = numbers.iter().map(|n| n.2).fold(f32::MIN, f32::max);
    let min = numbers.iter().map(|n| n.2).fold(f32::MAX, f32::min);
    if numbers.is_empty() || (min >= 1.0 && max <= 5.0) {
        return (default_scale(lang), -3.0);
    }
    if min >= 1.0 {
        let top = max.ceil().clamp(5.0, 10.0) as i32;
        return (
            Scale {
                min: 1,
                max: top,
                labels: Vec::new(),
            },
            0.0,
        );
    }
    let k = min.abs().max(max.abs()).ceil().clamp(2.0, 4.0) as i32;
    if k == 2 {
        return (default_scale(lang), 0.0);
    }
    (
        Scale {
            min: -k,
            max: k,
            labels: Vec::new(),
        },
        0.0,
    )
}

/// A number as a spreadsheet or a Dutch hand writes it: "2", "-1", "+1", "1,5".
fn parse_number(s: &str) -> Option<f32> {
    let s = s.trim().replace(',', ".").replace('−', "-");
    let s = s.strip_prefix('+').unwrap_or(&s);
    s.parse::<f32>().ok().filter(|v| v.is_finite())
}

fn shorten(s: &str) -> String {
    let one: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one.chars().count() > 40 {
        format!("{}…", one.chars().take(39).collect::<String>())
    } else {
        one
    }
}

const BULLETS: [&str; 4] = ["• ", "- ", "* ", "– "];
/// Written before a body line that would read as a bullet (not whitespace, so it survives
/// trimming), and taken off again.
const ZWSP: char = '\u{200b}';
const BODY_SEPARATORS: [&str; 2] = [" – ", " — "];

/// The cards in a cell: bullets with their bodies under them, or a card per line with the
/// body after " – ".
fn parse_cards(text: &str) -> Vec<(String, String)> {
    let lines: Vec<&str> = text.lines().collect();
    let bulleted = lines
        .iter()
        .any(|l| BULLETS.iter().any(|b| l.trim_start().starts_with(b)));
    let mut cards: Vec<(String, String)> = Vec::new();
    if bulleted {
        for line in lines {
            let trimmed = line.trim_start();
            if let Some(rest) = BULLETS.iter().find_map(|b| trimmed.strip_prefix(b)) {
                cards.push((rest.trim().to_owned(), String::new()));
            } else if let Some((_, body)) = cards.last_mut() {
                if !body.is_empty() {
                    body.push('\n');
                }
                body.push_str(line.trim_end().trim_start_matches(ZWSP));
            } else if !line.trim().is_empty() {
                cards.push((line.trim().to_owned(), String::new()));
            }
        }
        for (_, body) in &mut cards {
            *body = body.trim_matches('\n').to_owned();
        }
        return cards;
    }
    for line in lines.iter().map(|l| l.trim()).filter(|l| !l.is_empty()) {
        let split = BODY_SEPARATORS.iter().find_map(|sep| line.split_once(sep));
        match split {
            Some((t, b)) => cards.push((t.trim().to_owned(), b.trim().to_owned())),
            None => cards.push((line.to_owned(), String::new())),
        }
    }
    cards
}

/// "Website: Productpagina" → (Website, "Productpagina"). In a channels lane a bare channel
/// name is that channel. In touchpoint and channel lanes an unknown short name before the
/// colon is a channel of the map's own ("Loket: afhalen").
fn channel_prefix(title: &str, kind: LaneKind) -> (Option<Channel>, String) {
    let channel_lane = matches!(kind, LaneKind::Touchpoints | LaneKind::Channels);
    if kind == LaneKind::Channels
        && let Some(c) = channel_named(title)
    {
        return (Some(c), title.to_owned());
    }
    if let Some((name, rest)) = title.split_once(':') {
        let rest = rest.trim();
        if !rest.is_empty() {
            if let Some(c) = channel_named(name) {
                return (Some(c), rest.to_owned());
            }
            let name = name.trim();
            if channel_lane
                && !name.is_empty()
                && name.chars().count() <= 24
                && name.split_whitespace().count() <= 3
            {
                return (
                    Some(Channel::Custom {
                        name: name.to_owned(),
                        icon: None,
                    }),
                    rest.to_owned(),
                );
            }
        }
    }
    (None, title.to_owned())
}

/// A built-in channel by its name in either language, a part of it ("Telefoon" of
/// "Telefoon / callcenter"), its key or a common short name ("winkel", "app"), in any case.
fn channel_named(name: &str) -> Option<Channel> {
    const SHORT: [(&str, Channel); 12] = [
        ("winkel", Channel::Store),
        ("store", Channel::Store),
        ("shop", Channel::Store),
        ("email", Channel::Email),
        ("mail", Channel::Email),
        ("nieuwsbrief", Channel::Email),
        ("app", Channel::MobileApp),
        ("whatsapp", Channel::Chat),
        ("instagram", Channel::SocialMedia),
        ("facebook", Channel::SocialMedia),
        ("linkedin", Channel::SocialMedia),
        ("google", Channel::SearchEngine),
    ];
    let name = name.trim().to_lowercase();
    if name.is_empty() {
        return None;
    }
    Channel::builtins()
        .into_iter()
        .find(|c| {
            Language::ALL.iter().any(|l| {
                let label = c.label(*l).to_lowercase();
                label == name || label.split('/').any(|part| part.trim() == name)
            }) || c.key().to_lowercase() == name
        })
        .or_else(|| {
            SHORT
                .iter()
                .find(|(short, _)| *short == name)
                .map(|(_, c)| c.clone())
        })
}

/// The map as the grid [`to_journey`] reads back: same phases, steps, lanes, cards (with
/// bodies and channels), curves and KPIs.
pub fn from_journey(j: &Journey) -> Grid {
    let lang = j.language;
    let columns = j.columns();
    let width = columns.len() + 1;
    let mut rows: Vec<Vec<String>> = Vec::new();
    // Phases, in their first column.
    let mut head = vec![String::new(); width];
    head[0] = if kind_of_title(&j.title).is_some()
        || CORNER_WORDS.contains(&j.title.trim().to_lowercase().as_str())
        || j.title.trim().is_empty()
    {
        lang.pick("Phase", "Fase").to_owned()
    } else {
        j.title.trim().to_owned()
    };
    let mut col = 1;
    for p in &j.phases {
        head[col] = if p.name.trim().is_empty() {
            phase_word(lang, col)
        } else {
            p.name.trim().to_owned()
        };
        col += p.column_count();
    }
    rows.push(head);
    if j.phases.iter().any(|p| !p.steps.is_empty()) {
        let mut steps = vec![lang.pick("Steps", "Stappen").to_owned()];
        for p in &j.phases {
            if p.steps.is_empty() {
                steps.push(String::new());
            }
            steps.extend(p.steps.iter().map(|s| s.name.trim().to_owned()));
        }
        rows.push(steps);
    }
    let mut curves_written = [false, false];
    let mut kpis_written = false;
    for lane in &j.lanes {
        let title = lane_title(lane, lang);
        if let Some(kind) = lane.kind.curve_kind() {
            let slot = usize::from(kind == CurveKind::Engagement);
            let curves: Vec<&EmotionCurve> =
                j.emotion_curves.iter().filter(|c| c.kind == kind).collect();
            if curves_written[slot] || curves.is_empty() {
                rows.push(vec![title]);
                continue;
            }
            curves_written[slot] = true;
            for c in curves {
                let persona = j
                    .personas
                    .iter()
                    .find(|p| p.id == c.persona)
                    .map_or("", |p| p.name.trim());
                let variant = match c.variant {
                    CurveVariant::AsIs => "",
                    CurveVariant::ToBe => lang.pick(" (to be)", " (gewenst)"),
                };
                let mut row = vec![format!(
                    "{title} ({}..{}): {}{variant}",
                    c.scale.min,
                    c.scale.max,
                    persona.replace(':', " ")
                )];
                for slot in &columns {
                    row.push(
                        c.points
                            .iter()
                            .find(|p| &p.at == slot)
                            .map(|p| number_text(p.value))
                            .unwrap_or_default(),
                    );
                }
                rows.push(row);
            }
            continue;
        }
        let mut row = vec![title];
        for slot in &columns {
            let cards: Vec<&Card> = j
                .cards
                .iter()
                .filter(|c| c.lane == lane.id && &c.at == slot)
                .collect();
            let text = if lane.kind == LaneKind::Kpis {
                let first_column = slot.step.is_none()
                    || j.phase(&slot.phase)
                        .and_then(|p| p.steps.first())
                        .map(|s| &s.id)
                        == slot.step.as_ref();
                let mut lines: Vec<String> = Vec::new();
                if !kpis_written && first_column {
                    lines.extend(
                        j.kpis
                            .iter()
                            .filter(|k| k.phase == slot.phase)
                            .map(kpi_text),
                    );
                }
                if !cards.is_empty() {
                    lines.push(cell_text(&cards, lane.kind, lang, true));
                }
                lines.join("\n")
            } else {
                cell_text(&cards, lane.kind, lang, false)
            };
            row.push(text);
        }
        if lane.kind == LaneKind::Kpis {
            kpis_written = true;
        }
        rows.push(row);
    }
    if !kpis_written && !j.kpis.is_empty() {
        // KPIs of a map without a KPI lane still travel: in a row of their own, which imports
        // as a KPI lane.
        let mut row = vec![LaneKind::Kpis.label(lang).to_owned()];
        for slot in &columns {
            let first_column = j
                .phase(&slot.phase)
                .and_then(|p| p.steps.first())
                .map(|s| &s.id)
                == slot.step.as_ref()
                || slot.step.is_none();
            let lines: Vec<String> = if first_column {
                j.kpis
                    .iter()
                    .filter(|k| k.phase == slot.phase)
                    .map(kpi_text)
                    .collect()
            } else {
                Vec::new()
            };
            row.push(lines.join("\n"));
        }
        rows.push(row);
    }
    for row in &mut rows {
        while row.len() > 1 && row.last().is_some_and(String::is_empty) {
            row.pop();
        }
    }
    Grid::from_rows(rows)
}

/// A lane's title as the importer recognises its kind: bare when it does, "Title [Kind]"
/// when it does not.
fn lane_title(lane: &Lane, lang: Language) -> String {
    let t = lane.title.trim().replace(['\n', ':'], " ");
    let t = if lane.kind.is_curve() {
        t.replace(['(', ')'], " ").trim().to_owned()
    } else {
        t
    };
    match split_kind(&t) {
        (ref title, Some(k)) if k == lane.kind && title == &t => t,
        _ if t.is_empty() => lane.kind.label(lang).to_owned(),
        _ => format!("{t} [{}]", lane.kind.label(lang)),
    }
}

fn kpi_text(k: &Kpi) -> String {
    let name = k.name.replace(['\n', ':'], " ");
    let value = k.value.replace('\n', " ");
    if value.trim().is_empty() {
        name.trim().to_owned()
    } else {
        format!("{}: {}", name.trim(), value.trim())
    }
}

/// A number as short as it can be written: 2, -1, 0.5.
fn number_text(v: f32) -> String {
    if v.fract() == 0.0 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// The cards of a cell as text [`parse_cards`] reads back: a line each, or bullets (when asked,
/// or when a title or body would not survive a line).
fn cell_text(cards: &[&Card], kind: LaneKind, lang: Language, bullets: bool) -> String {
    let title_of = |c: &Card| {
        let title = c.title.split_whitespace().collect::<Vec<_>>().join(" ");
        match &c.channel {
            Some(ch) if kind == LaneKind::Channels && ch.label(lang) == title => title,
            Some(ch) => format!("{}: {title}", ch.label(lang).replace(':', " ")),
            None => title,
        }
    };
    let plain = !bullets
        && cards.iter().all(|c| {
            let t = title_of(c);
            !c.body.contains('\n')
                && BODY_SEPARATORS
                    .iter()
                    .all(|s| !t.contains(s) && !c.body.contains(s))
                && BULLETS.iter().all(|b| !t.starts_with(b.trim_end()))
                && !t.is_empty()
        });
    let mut out = String::new();
    for (i, c) in cards.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if plain {
            out.push_str(&title_of(c));
            if !c.body.trim().is_empty() {
                out.push_str(" – ");
                out.push_str(c.body.trim());
            }
        } else {
            out.push_str("• ");
            out.push_str(&title_of(c));
            for line in c.body.lines() {
                out.push('\n');
                let trimmed = line.trim_start();
                // A body line that looks like a bullet would start a card.
                if BULLETS.iter().any(|b| trimmed.starts_with(b)) {
                    out.push(ZWSP);
                }
                out.push_str(line);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(rows: &[&[&str]]) -> Grid {
        Grid::from_rows(
            rows.iter()
                .map(|r| r.iter().map(|c| (*c).to_owned()).collect())
                .collect(),
        )
    }

    #[test]
    fn lane_kinds_are_recognised_in_dutch_and_english() {
        let cases = [
            ("Doen", LaneKind::Actions),
            ("Customer actions", LaneKind::Actions),
            ("Denken", LaneKind::Thoughts),
            ("Contactmomenten", LaneKind::Touchpoints),
            ("Kanalen", LaneKind::Channels),
            ("Emotie", LaneKind::Emotion),
            ("Beleving (1-5)", LaneKind::Emotion),
            ("Pijnpunten", LaneKind::PainPoints),
            ("Knelpunten", LaneKind::PainPoints),
            ("Pain points", LaneKind::PainPoints),
            ("Kansen en ideeën", LaneKind::Opportunities),
            ("Achter de schermen", LaneKind::Backstage),
            ("KPI's", LaneKind::Kpis),
            ("Notities", LaneKind::Notes),
            ("Spanningsboog", LaneKind::DramaticArc),
        ];
        for (title, kind) in cases {
            assert_eq!(kind_of_title(title), Some(kind), "{title}");
        }
        assert_eq!(kind_of_title("Doelen"), None);
        assert_eq!(
            split_kind("Klant [Doen]"),
            ("Klant".into(), Some(LaneKind::Actions))
        );
    }

    #[test]
    fn curve_headers_name_scale_persona_and_variant() {
        let h = parse_header("Beleving (-2..2): Sanne de Vries (gewenst)");
        assert_eq!(h.title, "Beleving");
        assert_eq!(h.kind, Some(LaneKind::Emotion));
        assert_eq!(h.scale, Some((-2, 2)));
        assert_eq!(h.persona.as_deref(), Some("Sanne de Vries"));
        assert_eq!(h.variant, CurveVariant::ToBe);
        assert_eq!(parse_header("Emotie (1-5)").scale, Some((1, 5)));
        let h = parse_header("Doen: klant");
        assert_eq!(
            (h.title.as_str(), h.kind),
            ("Doen: klant", Some(LaneKind::Actions))
        );
    }

    #[test]
    fn a_consultants_grid_reads_as_a_map() {
        let g = grid(&[
            &["Kiosk", "Oriëntatie", "", "Aankoop"],
            &["Stappen", "Zoeken", "Vergelijken", ""],
            &[
                "Doen",
                "Googelt\nVraagt rond – bij collega's",
                "Leest reviews",
                "Betaalt",
            ],
            &["Touchpoints", "Website: Productpagina", "", "Kassa: scant"],
            &["Emotie", "4", "2", "5"],
            &["Klant [Doen]", "• Belt\nmet de winkel\nen vraagt", "", ""],
            &["KPI's", "bezoekers: 1200\nbounce: 40%", "", "conversie: 2%"],
            &["Rommel", "x"],
        ]);
        let (j, warnings) = to_journey(&g, Language::Nl, "bestand").expect("reads");
        assert_eq!(j.title, "Kiosk");
        assert_eq!(j.phases.len(), 2);
        assert_eq!(j.phases[0].steps.len(), 2);
        assert_eq!(j.phases[0].steps[1].name, "Vergelijken");
        assert!(j.phases[1].steps.is_empty());
        let titles: Vec<&str> = j.cards.iter().map(|c| c.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "Googelt",
                "Vraagt rond",
                "Leest reviews",
                "Betaalt",
                "Productpagina",
                "scant",
                "Belt",
                "x"
            ]
        );
        assert_eq!(j.cards[1].body, "bij collega's");
        assert_eq!(j.cards[4].channel, Some(Channel::Website));
        assert!(
            matches!(&j.cards[5].channel, Some(Channel::Custom { name, .. }) if name == "Kassa")
        );
        assert_eq!(j.cards[6].body, "met de winkel\nen vraagt");
        assert_eq!(j.lanes[3].kind, LaneKind::Actions);
        assert_eq!(j.lanes[3].title, "Klant");
        let values: Vec<f32> = j.emotion_curves[0].points.iter().map(|p| p.value).collect();
        assert_eq!(values, [1.0, -1.0, 2.0], "1..5 read onto -2..2");
        assert_eq!(j.kpis.len(), 3);
        assert_eq!(
            (j.kpis[1].name.as_str(), j.kpis[1].value.as_str()),
            ("bounce", "40%")
        );
        assert_eq!(j.lanes.last().map(|l| l.kind), Some(LaneKind::Notes));
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert_eq!(warnings[0].place.to_string(), "cell A8");
        assert!(j.validate().is_empty(), "{:?}", j.validate());
    }

    #[test]
    fn bad_numbers_and_out_of_scale_values_are_warned_by_cell() {
        let g = grid(&[
            &["", "A", "B", "C"],
            &["Beleving (-2..2): Sanne", "blij", "3", "-1"],
        ]);
        let (j, warnings) = to_journey(&g, Language::Nl, "kaart").expect("reads");
        assert_eq!(j.title, "kaart");
        let places: Vec<String> = warnings.iter().map(|w| w.place.to_string()).collect();
        assert_eq!(places, ["cell B2", "cell C2"], "{warnings:?}");
        let values: Vec<f32> = j.emotion_curves[0].points.iter().map(|p| p.value).collect();
        assert_eq!(values, [2.0, -1.0]);
    }

    #[test]
    fn an_empty_sheet_or_one_without_phases_is_refused_with_its_place() {
        let e = to_journey(&grid(&[&["", ""]]), Language::En, "x").expect_err("empty");
        assert!(e.message.contains("empty"), "{}", e.message);
        let e =
            to_journey(&grid(&[&["Doen"], &["Denken"]]), Language::En, "x").expect_err("no phases");
        assert!(e.message.contains("phase names"), "{}", e.message);
    }

    #[test]
    fn every_template_goes_round_the_grid() {
        for t in crate::templates::Template::ALL {
            for lang in Language::ALL {
                let g = from_journey(&t.build(lang));
                let (back, warnings) = to_journey(&g, lang, "x").expect("reads back");
                assert!(warnings.is_empty(), "{warnings:?}");
                assert_eq!(from_journey(&back), g, "{t:?} {lang:?}");
            }
        }
    }

    #[test]
    fn a_scale_in_brackets_is_read_whatever_letters_surround_it() {
        assert_eq!(strip_scale("Beleving (1-5)"), ("Beleving", Some((1, 5))));
        assert_eq!(strip_scale("Beleving (-2-2)"), ("Beleving", Some((-2, 2))));
        assert_eq!(strip_scale("Beleving (-2..2)"), ("Beleving", Some((-2, 2))));
        // Found by the import_sheet fuzz target: a multi-byte first letter in the brackets.
        assert_eq!(strip_scale("x (àêc-1)"), ("x (àêc-1)", None));
        assert_eq!(strip_scale("(à)"), ("(à)", None));
    }

    #[test]
    fn channels_are_known_by_part_of_their_name_and_common_short_names() {
        for (name, channel) in [
            ("Telefoon", Some(Channel::Phone)),
            ("callcenter", Some(Channel::Phone)),
            ("Phone / call centre", Some(Channel::Phone)),
            ("E-mail", Some(Channel::Email)),
            ("Winkel", Some(Channel::Store)),
            ("app", Some(Channel::MobileApp)),
            ("SearchEngine", Some(Channel::SearchEngine)),
            ("Loket", None),
            ("", None),
        ] {
            assert_eq!(channel_named(name), channel, "{name}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]
        /// Generated maps (steps, channels, bodies, KPIs, curves) through CSV and Excel bytes.
        #[test]
        fn generated_maps_go_round_csv_and_excel(seed in 0u64..10_000, cards in 1usize..400, nl: bool) {
            let lang = if nl { Language::Nl } else { Language::En };
            let j = crate::generate::generate(cards, seed, lang);
            let g = from_journey(&j);
            for format in [crate::io::export::Format::Csv, crate::io::export::Format::Xlsx] {
                let bytes = crate::io::export::data_bytes(&j, format).expect("writes");
                let import = if format == crate::io::export::Format::Csv {
                    crate::io::import::ImportFormat::Csv
                } else {
                    crate::io::import::ImportFormat::Xlsx
                };
                let opts = crate::io::import::ImportOptions { lang: Some(lang), index: None };
                let back = crate::io::import::import_bytes(&bytes, import, opts).expect("reads");
                proptest::prop_assert!(back.warnings.is_empty(), "{:?}", back.warnings);
                proptest::prop_assert_eq!(back.journey.cards.len(), j.cards.len());
                // KPIs travel in a KPI lane (a row of their own when the map has none).
                proptest::prop_assert_eq!(back.journey.kpis.len(), j.kpis.len());
                proptest::prop_assert_eq!(&from_journey(&back.journey), &g);
            }
        }
    }
}
