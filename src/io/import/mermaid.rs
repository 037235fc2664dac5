//! mermaid `journey` diagrams, in and out. Read as mermaid's grammar defines it and as diagrams
//! in the wild bend it: each `section` a phase, each task a step with a card in the Actions lane,
//! each actor a persona whose emotion curve takes the task's score (1–5 onto the map's five
//! levels).

use super::{Imported, Place, Warning};
use crate::model::{
    Card, CardId, CurveId, CurveVariant, EmotionCurve, EmotionPoint, Evidence, Journey, LaneKind,
    Language, Persona, PersonaId, Phase, PhaseId, Slot, Step, StepId,
};
use crate::templates::{PHASE_PALETTE, Template, default_scale};

/// The most sections, tasks and actors one diagram may have: far beyond any journey a person
/// draws, small enough that a hostile file cannot make a map the editor chokes on.
const MAX_SECTIONS: usize = 500;
const MAX_TASKS: usize = 5_000;
const MAX_ACTORS: usize = 50;

/// Why a diagram could not be read: where (line and column from 1) and what was expected.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// One task as written: its name, score and actors, and the line it is on.
struct Task {
    name: String,
    score: u8,
    actors: Vec<String>,
}

struct Section {
    name: String,
    tasks: Vec<Task>,
}

/// Whether the text is (or holds, in Markdown fences) a mermaid diagram.
pub fn looks_like_mermaid(text: &str) -> bool {
    text.contains("```mermaid")
        || diagram_start(&text.lines().map(str::to_owned).collect::<Vec<_>>()).is_some()
}

/// The first meaningful line (not blank, not a `%%` comment or directive) after any front matter,
/// when it starts with `journey`.
fn diagram_start(lines: &[String]) -> Option<usize> {
    let mut i = skip_front_matter(lines, 0);
    while i < lines.len() {
        let t = lines[i].trim();
        if t.is_empty() || t.starts_with("%%") {
            i += 1;
            continue;
        }
        return (t == "journey" || t.starts_with("journey ") || t.starts_with("journey\t"))
            .then_some(i);
    }
    None
}

/// Skips a `---` … `---` front-matter block at `i`.
fn skip_front_matter(lines: &[String], i: usize) -> usize {
    if lines.get(i).is_some_and(|l| l.trim() == "---")
        && let Some(end) = lines[i + 1..].iter().position(|l| l.trim() == "---")
    {
        return i + end + 2;
    }
    i
}

/// The diagram's lines with their line numbers in the file: the whole text, or the `index`th
/// (from 1) ```mermaid block holding a `journey` in Markdown.
fn diagram_lines(text: &str, index: Option<usize>) -> Result<Vec<(usize, String)>, SyntaxError> {
    let lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let fenced = lines
        .iter()
        .any(|l| l.trim_start().starts_with("```mermaid"));
    if !fenced {
        if index.is_some_and(|n| n != 1) {
            return Err(SyntaxError {
                line: 1,
                column: 1,
                message: "--index needs a Markdown file with ```mermaid blocks".into(),
            });
        }
        return Ok(lines
            .into_iter()
            .enumerate()
            .map(|(i, l)| (i + 1, l))
            .collect());
    }
    let mut journeys = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].trim_start().starts_with("```mermaid") {
            let start = i + 1;
            let end = lines[start..]
                .iter()
                .position(|l| l.trim_start().starts_with("```"))
                .map_or(lines.len(), |e| start + e);
            let block: Vec<String> = lines[start..end].to_vec();
            if diagram_start(&block).is_some() {
                journeys.push((start, block));
            }
            i = end + 1;
        } else {
            i += 1;
        }
    }
    let want = index.unwrap_or(1);
    let count = journeys.len();
    match journeys.into_iter().nth(want.saturating_sub(1)) {
        Some((start, block)) if want >= 1 => Ok(block
            .into_iter()
            .enumerate()
            .map(|(k, l)| (start + k + 1, l))
            .collect()),
        _ => Err(SyntaxError {
            line: 1,
            column: 1,
            message: if count == 0 {
                "the Markdown has no ```mermaid block with a journey diagram".into()
            } else {
                format!("the Markdown has {count} journey diagram(s); there is no number {want}")
            },
        }),
    }
}

/// Where `needle` starts in `line`, as a column from 1 (characters, not bytes).
fn column_of(line: &str, needle: &str) -> usize {
    line.find(needle)
        .map_or(1, |b| line[..b].chars().count() + 1)
}

/// Reads a mermaid journey from `text` into a map in `lang`. `index` picks the diagram in a
/// Markdown file (from 1; the first by default).
pub fn import(text: &str, index: Option<usize>, lang: Language) -> Result<Imported, SyntaxError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines = diagram_lines(text, index)?;
    let mut warnings = Vec::new();
    let mut title = String::new();
    let mut acc_title = String::new();
    let mut description = String::new();
    let mut sections: Vec<Section> = Vec::new();
    let mut seen_journey = false;
    let mut task_count = 0usize;
    // Front matter (`title:` in it names the map).
    let plain: Vec<String> = lines.iter().map(|(_, l)| l.clone()).collect();
    let body_start = skip_front_matter(&plain, 0);
    for (_, l) in &lines[..body_start] {
        if let Some(t) = l.trim().strip_prefix("title:") {
            title = t.trim().trim_matches('"').to_owned();
        }
    }
    let mut k = body_start;
    while k < lines.len() {
        let (n, raw) = &lines[k];
        k += 1;
        let line = raw.trim();
        if line.is_empty() || line.starts_with("%%") {
            continue;
        }
        if !seen_journey {
            if line == "journey" || line.starts_with("journey ") || line.starts_with("journey\t") {
                seen_journey = true;
                continue;
            }
            return Err(SyntaxError {
                line: *n,
                column: column_of(raw, line),
                message: format!(
                    "expected `journey` to start the diagram, found “{}”",
                    shorten(line)
                ),
            });
        }
        if let Some(rest) = keyword(line, "title") {
            title = rest.to_owned();
        } else if let Some(rest) = line.strip_prefix("accTitle") {
            acc_title = rest.trim_start().trim_start_matches(':').trim().to_owned();
        } else if let Some(rest) = line.strip_prefix("accDescr") {
            let rest = rest.trim_start();
            if let Some(block) = rest.strip_prefix('{') {
                // A block runs to the line that closes it.
                let mut parts = Vec::new();
                let mut current = block.to_owned();
                loop {
                    if let Some(end) = current.find('}') {
                        parts.push(current[..end].trim().to_owned());
                        break;
                    }
                    parts.push(current.trim().to_owned());
                    let Some((_, next)) = lines.get(k) else {
                        return Err(SyntaxError {
                            line: *n,
                            column: column_of(raw, "{"),
                            message: "this accDescr { … } block is never closed with `}`".into(),
                        });
                    };
                    current = next.clone();
                    k += 1;
                }
                description = parts
                    .into_iter()
                    .filter(|p| !p.is_empty())
                    .collect::<Vec<_>>()
                    .join("\n");
            } else {
                description = rest.trim_start_matches(':').trim().to_owned();
            }
        } else if let Some(rest) = keyword(line, "section").or((line == "section").then_some("")) {
            if sections.len() >= MAX_SECTIONS {
                return Err(too_many(*n, "sections", MAX_SECTIONS));
            }
            sections.push(Section {
                name: rest.to_owned(),
                tasks: Vec::new(),
            });
        } else if let Some((name, data)) = line.split_once(':') {
            task_count += 1;
            if task_count > MAX_TASKS {
                return Err(too_many(*n, "tasks", MAX_TASKS));
            }
            let (score_text, actors) = match data.split_once(':') {
                Some((s, a)) => (s.trim(), a),
                None => (data.trim(), ""),
            };
            let score_col = column_of(raw, ":") + 1 + data.len() - data.trim_start().len();
            let value: f64 = score_text.parse().map_err(|_| SyntaxError {
                line: *n,
                column: score_col,
                message: format!(
                    "expected a score from 1 to 5 after “{}:”, found “{}”",
                    shorten(name.trim()),
                    shorten(score_text)
                ),
            })?;
            if !value.is_finite() {
                return Err(SyntaxError {
                    line: *n,
                    column: score_col,
                    message: "expected a score from 1 to 5".into(),
                });
            }
            let score = value.round().clamp(1.0, 5.0) as u8;
            if f64::from(score) != value {
                warnings.push(Warning {
                    place: Place::Line(*n),
                    message: format!(
                        "score {score_text} of “{}” is outside mermaid's 1–5; read as {score}",
                        shorten(name.trim())
                    ),
                });
            }
            let actors: Vec<String> = actors
                .split(',')
                .map(|a| a.trim().to_owned())
                .filter(|a| !a.is_empty())
                .collect();
            if sections.is_empty() {
                // Tasks before the first section: a phase of their own.
                sections.push(Section {
                    name: String::new(),
                    tasks: Vec::new(),
                });
            }
            if let Some(s) = sections.last_mut() {
                s.tasks.push(Task {
                    name: name.trim().to_owned(),
                    score,
                    actors,
                });
            }
        } else {
            return Err(SyntaxError {
                line: *n,
                column: column_of(raw, line),
                message: format!(
                    "expected `section NAME`, `title TEXT` or a task `NAME: SCORE: ACTOR, …`, \
                     found “{}”",
                    shorten(line)
                ),
            });
        }
    }
    if !seen_journey {
        return Err(SyntaxError {
            line: lines.last().map_or(1, |(n, _)| *n),
            column: 1,
            message: "expected a mermaid `journey` diagram; the file has none".into(),
        });
    }
    if title.is_empty() {
        title = acc_title;
    }
    let journey = build(title, description, &sections, lang, &mut warnings)?;
    Ok(Imported { journey, warnings })
}

fn too_many(line: usize, what: &str, max: usize) -> SyntaxError {
    SyntaxError {
        line,
        column: 1,
        message: format!("a journey may have at most {max} {what}"),
    }
}

/// `rest` of `line` when it is `word` followed by a space or tab.
fn keyword<'a>(line: &'a str, word: &str) -> Option<&'a str> {
    let rest = line.strip_prefix(word)?;
    rest.starts_with([' ', '\t']).then(|| rest.trim())
}

fn shorten(s: &str) -> String {
    if s.chars().count() > 60 {
        format!("{}…", s.chars().take(60).collect::<String>())
    } else {
        s.to_owned()
    }
}

/// The map: the blank template's lanes, a phase per section, a step and an Actions card per
/// task, a persona and emotion curve per actor.
fn build(
    title: String,
    description: String,
    sections: &[Section],
    lang: Language,
    warnings: &mut Vec<Warning>,
) -> Result<Journey, SyntaxError> {
    let mut j = Template::Blank.build(lang);
    if !title.is_empty() {
        j.title = title;
    }
    j.description = description;
    let actions = j
        .lanes
        .iter()
        .find(|l| l.kind == LaneKind::Actions)
        .map(|l| l.id.clone())
        .ok_or_else(|| SyntaxError {
            line: 1,
            column: 1,
            message: "the blank template has no Actions lane".into(),
        })?;
    // Actors in order of first appearance; tasks without actors go to the template's persona.
    let mut actors: Vec<String> = Vec::new();
    for t in sections.iter().flat_map(|s| &s.tasks) {
        for a in &t.actors {
            if !actors.contains(a) {
                if actors.len() >= MAX_ACTORS {
                    return Err(too_many(1, "actors", MAX_ACTORS));
                }
                actors.push(a.clone());
            }
        }
    }
    let needs_default = sections
        .iter()
        .flat_map(|s| &s.tasks)
        .any(|t| t.actors.is_empty());
    let default_persona = j.personas.first().cloned().unwrap_or_default();
    let mut personas: Vec<Persona> = actors
        .iter()
        .enumerate()
        .map(|(i, name)| Persona {
            id: PersonaId::new(format!("persona{}", i + 1)),
            name: name.clone(),
            ..Persona::default()
        })
        .collect();
    if needs_default || personas.is_empty() {
        personas.push(Persona {
            id: PersonaId::new(format!("persona{}", personas.len() + 1)),
            ..default_persona
        });
    }
    let mut curves: Vec<EmotionCurve> = personas
        .iter()
        .enumerate()
        .map(|(i, p)| EmotionCurve {
            id: CurveId::new(format!("curve{}", i + 1)),
            persona: p.id.clone(),
            variant: CurveVariant::AsIs,
            kind: Default::default(),
            scale: default_scale(lang),
            points: Vec::new(),
            evidence: false,
        })
        .collect();
    j.phases.clear();
    j.cards.clear();
    let mut step_no = 0;
    for (i, s) in sections.iter().enumerate() {
        let id = PhaseId(format!("p{}", i + 1));
        let name = if s.name.is_empty() {
            lang.pick("Journey", "Reis").to_owned()
        } else {
            s.name.clone()
        };
        let mut phase = Phase {
            id: id.clone(),
            name,
            description: String::new(),
            color: PHASE_PALETTE[i % PHASE_PALETTE.len()],
            duration: String::new(),
            steps: Vec::new(),
            column_width: None,
        };
        for t in &s.tasks {
            step_no += 1;
            let step = StepId(format!("s{step_no}"));
            phase.steps.push(Step {
                id: step.clone(),
                name: t.name.clone(),
            });
            let at = Slot {
                phase: id.clone(),
                step: Some(step),
            };
            j.cards.push(Card {
                id: CardId(format!("c{step_no}")),
                lane: actions.clone(),
                at: at.clone(),
                span: 1,
                title: t.name.clone(),
                body: String::new(),
                channel: None,
                evidence: Evidence::default(),
                color: None,
                critical: false,
                sentiment: None,
                image: None,
            });
            // mermaid 1–5 onto the five levels −2…+2.
            let value = f32::from(t.score) - 3.0;
            let mut owners: Vec<usize> = if t.actors.is_empty() {
                vec![personas.len() - 1]
            } else {
                t.actors
                    .iter()
                    .filter_map(|a| actors.iter().position(|x| x == a))
                    .collect()
            };
            // An actor named twice on one task ("Ann, Ann") feels it once.
            owners.sort_unstable();
            owners.dedup();
            for o in owners {
                curves[o].points.push(EmotionPoint {
                    at: at.clone(),
                    value,
                    label: String::new(),
                    critical: false,
                });
            }
        }
        j.phases.push(phase);
    }
    if j.phases.is_empty() {
        warnings.push(Warning {
            place: Place::Line(1),
            message: "the diagram has no sections or tasks: the map has one empty phase".into(),
        });
        j.phases.push(Phase {
            id: PhaseId("p1".into()),
            name: lang.pick("Journey", "Reis").to_owned(),
            description: String::new(),
            color: PHASE_PALETTE[0],
            duration: String::new(),
            steps: Vec::new(),
            column_width: None,
        });
    }
    j.personas = personas;
    j.emotion_curves = curves;
    Ok(j)
}

/// The map as a mermaid `journey`: sections are phases (empty when nothing is in them); tasks
/// are the Actions lane's cards (or the steps, or the phase itself when it has neither); scores come from the curves of each
/// persona (1–5), and the actors of a task are the personas with a point there.
pub fn export(j: &Journey) -> String {
    let mut out = String::from("journey\n");
    if !j.title.trim().is_empty() {
        out.push_str(&format!("    title {}\n", one_line(&j.title)));
    }
    if !j.description.trim().is_empty() {
        out.push_str("    accDescr {\n");
        for l in j.description.lines().filter(|l| !l.trim().is_empty()) {
            out.push_str(&format!("        {}\n", one_line(l).replace('}', ")")));
        }
        out.push_str("    }\n");
    }
    let actions = j.lanes.iter().find(|l| l.kind == LaneKind::Actions);
    let curves: Vec<&EmotionCurve> = j
        .emotion_curves
        .iter()
        .filter(|c| c.kind.is_emotion() && c.variant == CurveVariant::AsIs)
        .collect();
    let persona_name = |c: &EmotionCurve| {
        j.personas
            .iter()
            .find(|p| p.id == c.persona)
            .map(|p| task_text(&p.name))
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| "Persona".into())
    };
    for phase in &j.phases {
        out.push_str(&format!("    section {}\n", one_line(&phase.name)));
        let slots: Vec<Slot> = if phase.steps.is_empty() {
            vec![Slot::phase(phase.id.clone())]
        } else {
            phase
                .steps
                .iter()
                .map(|s| Slot {
                    phase: phase.id.clone(),
                    step: Some(s.id.clone()),
                })
                .collect()
        };
        for slot in slots {
            let card = actions.and_then(|l| {
                j.cards
                    .iter()
                    .find(|c| c.lane == l.id && c.at == slot && !c.title.trim().is_empty())
            });
            let step = slot
                .step
                .as_ref()
                .and_then(|s| phase.steps.iter().find(|x| &x.id == s));
            let has_point = curves.iter().any(|c| c.points.iter().any(|p| p.at == slot));
            if step.is_none() && card.is_none() && !has_point {
                // A phase with nothing in it: an empty section, as mermaid allows.
                continue;
            }
            let name = card
                .map(|c| c.title.clone())
                .or_else(|| step.map(|s| s.name.clone()))
                .filter(|n| !n.trim().is_empty())
                .unwrap_or_else(|| phase.name.clone());
            let mut scored: Vec<(String, f32)> = Vec::new();
            for c in &curves {
                if let Some(p) = c.points.iter().find(|p| p.at == slot) {
                    let span = (c.scale.max - c.scale.min).max(1) as f32;
                    let score = 1.0 + (p.value - c.scale.min as f32) / span * 4.0;
                    scored.push((persona_name(c), score));
                }
            }
            let score = if scored.is_empty() {
                3
            } else {
                let first = scored[0].1;
                first.round().clamp(1.0, 5.0) as u8
            };
            let actors: Vec<String> = scored.into_iter().map(|(n, _)| n).collect();
            out.push_str(&format!("      {}: {score}", task_text(&name)));
            if !actors.is_empty() {
                out.push_str(&format!(": {}", actors.join(", ")));
            }
            out.push('\n');
        }
    }
    out
}

/// Text on one line, without a Markdown fence (three backticks would make the exported
/// diagram read as Markdown holding another diagram).
fn one_line(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace("```", "'''")
}

/// Text that cannot break a task line: no colons, commas, semicolons or `#` (mermaid's
/// separators and comment marks).
fn task_text(s: &str) -> String {
    one_line(s)
        .chars()
        .map(|c| match c {
            ':' | ';' | '#' => ' ',
            ',' => ' ',
            c => c,
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const DIAGRAM: &str = "\u{feff}%% a comment\r\njourney\r\n  title Mijn werkdag\r\n  accTitle: Werkdag\r\n  accDescr {\r\n    Van huis\r\n    naar kantoor\r\n  }\r\n  Wake up:3:Me\r\n\tsection Ga naar werk\r\n    Make tea: 5: Me, Cat\r\n      Go upstairs: 0: Me\r\n  section Thuis\r\n  section Werk\r\n    Do work: 9\r\n";

    #[test]
    fn texts_with_a_markdown_fence_export_as_a_diagram_that_imports_back() {
        // Found by the import_mermaid fuzz target: a description holding ```mermaid.
        let mut j = Template::Blank.build(Language::En);
        j.description = "See ```mermaid in the wiki".into();
        j.title = "A ``` title".into();
        let text = export(&j);
        let back = import(&text, None, Language::En).expect("imports back");
        assert_eq!(back.journey.phases.len(), j.phases.len());
        assert_eq!(back.journey.title, "A ''' title");
    }

    #[test]
    fn every_construct_imports_and_bent_scores_are_warned() {
        let got = import(DIAGRAM, None, Language::Nl).expect("imports");
        let j = &got.journey;
        assert_eq!(j.title, "Mijn werkdag");
        assert_eq!(j.description, "Van huis\nnaar kantoor");
        let names: Vec<&str> = j.phases.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Reis", "Ga naar werk", "Thuis", "Werk"]);
        assert_eq!(j.phases[1].steps.len(), 2);
        assert!(
            j.phases[2].steps.is_empty(),
            "a section with no tasks is a phase"
        );
        let titles: Vec<&str> = j.cards.iter().map(|c| c.title.as_str()).collect();
        assert_eq!(titles, ["Wake up", "Make tea", "Go upstairs", "Do work"]);
        let personas: Vec<&str> = j.personas.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(personas, ["Me", "Cat", "Persona"]);
        let me: Vec<f32> = j.emotion_curves[0].points.iter().map(|p| p.value).collect();
        assert_eq!(me, [0.0, 2.0, -2.0]);
        assert_eq!(j.emotion_curves[2].points[0].value, 2.0, "9 clamped to 5");
        let lines: Vec<usize> = got.warnings.iter().map(|w| w.place.line()).collect();
        assert_eq!(lines, [12, 15], "{:?}", got.warnings);
        assert!(j.validate().is_empty(), "{:?}", j.validate());
    }

    #[test]
    fn a_line_that_does_not_parse_names_its_line_and_column() {
        let e = import(
            "journey\n  section A\n  Make tea: lots: Me\n",
            None,
            Language::En,
        )
        .expect_err("refused");
        assert_eq!((e.line, e.column), (3, 13), "{e:?}");
        assert!(e.message.contains("score from 1 to 5"), "{}", e.message);
        let e = import("flowchart LR\n", None, Language::En).expect_err("refused");
        assert_eq!((e.line, e.column), (1, 1));
        assert!(e.message.contains("journey"));
        let e = import("journey\n  accDescr {\n never closed\n", None, Language::En)
            .expect_err("refused");
        assert_eq!(e.line, 2);
    }

    #[test]
    fn markdown_fences_pick_the_journey_by_number() {
        let md = "# Notes\n```mermaid\nflowchart LR\n```\n\n```mermaid\njourney\n section One\n  A: 4: X\n```\n\n```mermaid\njourney\n section Two\n  B: 2: Y\n```\n";
        let first = import(md, None, Language::En).expect("first");
        assert_eq!(first.journey.phases[0].name, "One");
        let second = import(md, Some(2), Language::En).expect("second");
        assert_eq!(second.journey.phases[0].name, "Two");
        let e = import(md, Some(3), Language::En).expect_err("no third");
        assert!(e.message.contains("2 journey diagram"), "{}", e.message);
        assert!(looks_like_mermaid(md));
    }

    #[test]
    fn what_we_export_imports_as_the_same_phases_tasks_personas_and_scores() {
        let got = import(DIAGRAM, None, Language::En).expect("imports");
        let text = export(&got.journey);
        let again = import(&text, None, Language::En).expect("reimports");
        let (a, b) = (&got.journey, &again.journey);
        let phases = |j: &Journey| j.phases.iter().map(|p| p.name.clone()).collect::<Vec<_>>();
        let tasks = |j: &Journey| j.cards.iter().map(|c| c.title.clone()).collect::<Vec<_>>();
        let people = |j: &Journey| {
            j.personas
                .iter()
                .map(|p| p.name.clone())
                .collect::<Vec<_>>()
        };
        let scores = |j: &Journey| {
            j.emotion_curves
                .iter()
                .map(|c| c.points.iter().map(|p| p.value).collect::<Vec<_>>())
                .collect::<Vec<_>>()
        };
        assert_eq!(phases(a), phases(b), "{text}");
        assert_eq!(tasks(a), tasks(b), "{text}");
        assert_eq!(people(a), people(b), "{text}");
        assert_eq!(scores(a)[0], scores(b)[0], "{text}");
    }
}
