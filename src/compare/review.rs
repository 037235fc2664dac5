//! The compare view's model: the differences between the open map ("here") and another version
//! of it ("there": a colleague's file, the file on disk, a recovery copy), where each one shows
//! on the canvas, and taking one over into the open map.
//!
//! Pure data: the app draws the marks and applies a taken-over map as one undo step.

use super::{Change, Kind, Object, POINT, Parts, What, diff, show};
use crate::model::{CardId, CurveId, Journey, LaneId, Language, PhaseId, Slot};
use serde_json::Value;

/// The open map compared with another version.
#[derive(Clone, Debug)]
pub struct Review {
    /// The other version, as it was read.
    pub other: Journey,
    /// The changes that turn the other version into the open map (so "added" is only here,
    /// "removed" only there), in [`diff`]'s order.
    pub changes: Vec<Change>,
}

/// Where a change shows on the canvas.
#[derive(Clone, Debug, PartialEq)]
pub enum Mark {
    /// A card only here: outlined.
    Added(CardId),
    /// A card only there: a faded ghost in its cell (when that cell exists here).
    Ghost(CardId),
    /// A card in another cell there: an arrow from that cell to the card.
    Moved {
        card: CardId,
        from_lane: LaneId,
        from: Slot,
    },
    /// A card whose text, channel, evidence… differ: a marker on the card.
    Card(CardId),
    /// A curve point at another level (or only on one side): a marker on the point's column.
    Point { curve: CurveId, at: Slot },
    /// A phase added here or changed: a marker on its header.
    Phase(PhaseId),
    /// A lane added here or changed: a marker on its title.
    Lane(LaneId),
    /// Nothing on the canvas to point at (the map's title, a persona, a KPI, an order): only
    /// in the list.
    Listed,
}

impl Review {
    pub fn new(ours: &Journey, other: Journey) -> Result<Review, String> {
        let changes = diff(&other, ours)?;
        Ok(Review { other, changes })
    }

    /// Recomputes the changes after the open map was edited.
    pub fn refresh(&mut self, ours: &Journey) -> Result<(), String> {
        self.changes = diff(&self.other, ours)?;
        Ok(())
    }

    /// Where change `i` shows on the canvas.
    pub fn mark(&self, i: usize) -> Mark {
        let Some(c) = self.changes.get(i) else {
            return Mark::Listed;
        };
        match (c.kind, &c.what) {
            (Kind::Card, What::Added) => Mark::Added(CardId::from(c.id.as_str())),
            (Kind::Card, What::Removed) => Mark::Ghost(CardId::from(c.id.as_str())),
            (Kind::Card, What::Moved { .. }) => self
                .other
                .card(&CardId::from(c.id.as_str()))
                .map_or(Mark::Listed, |card| Mark::Moved {
                    card: card.id.clone(),
                    from_lane: card.lane.clone(),
                    from: card.at.clone(),
                }),
            (Kind::Card, What::Changed { .. }) => Mark::Card(CardId::from(c.id.as_str())),
            (Kind::Curve, What::Changed { field, .. }) => field
                .strip_prefix(POINT)
                .and_then(|at| serde_json::from_str::<Slot>(at).ok())
                .map_or(Mark::Listed, |at| Mark::Point {
                    curve: CurveId::from(c.id.as_str()),
                    at,
                }),
            (Kind::Phase, What::Added | What::Changed { .. }) => {
                Mark::Phase(PhaseId::from(c.id.as_str()))
            }
            (Kind::Lane, What::Added | What::Changed { .. }) => {
                Mark::Lane(LaneId::from(c.id.as_str()))
            }
            _ => Mark::Listed,
        }
    }

    /// The map the canvas shows: the open map with the cards only there appended as ghosts
    /// (where their lane and column exist here), and the ghosts' ids. The open map's cards
    /// keep their indexes, so everything that edits by index still edits the open map.
    pub fn display(&self, ours: &Journey) -> (Journey, Vec<CardId>) {
        let mut shown = ours.clone();
        let columns = ours.columns();
        let mut ghosts = Vec::new();
        for i in 0..self.changes.len() {
            let Mark::Ghost(id) = self.mark(i) else {
                continue;
            };
            if let Some(card) = self.other.card(&id)
                && ours.lane(&card.lane).is_some()
                && columns.contains(&card.at)
            {
                shown.cards.push(card.clone());
                ghosts.push(id);
            }
        }
        (shown, ghosts)
    }

    /// Change `i` in a sentence, from the open map's side: "only here", "only there", "here …,
    /// there …".
    pub fn sentence(&self, i: usize, ours: &Journey, lang: Language) -> String {
        let Some(c) = self.changes.get(i) else {
            return String::new();
        };
        let pick = |en: &'static str, nl: &'static str| lang.pick(en, nl);
        let subject = subject(c, lang);
        match &c.what {
            What::Added => format!("{subject}: {}", pick("only here", "alleen hier")),
            What::Removed => format!("{subject}: {}", pick("only there", "alleen daar")),
            What::Moved { from, to } => format!(
                "{subject}: {} {to}, {} {from}",
                pick("here in", "hier in"),
                pick("there in", "daar in")
            ),
            What::Reordered { old, new } => format!(
                "{}: {} {}; {} {}",
                match c.kind {
                    Kind::Phase => pick("Order of the phases", "Volgorde van de fasen"),
                    _ => pick("Order of the lanes", "Volgorde van de rijen"),
                },
                pick("here", "hier"),
                new.join(", "),
                pick("there", "daar"),
                old.join(", ")
            ),
            What::Changed { field, old, new } => {
                let quoted = |v: &Value| match v {
                    Value::Null => pick("none", "geen").to_owned(),
                    v => format!("“{}”", clip(&show(v), 80)),
                };
                if let Some(at) = field.strip_prefix(POINT) {
                    let column = serde_json::from_str::<Slot>(at)
                        .ok()
                        .and_then(|s| ours.phase(&s.phase).or_else(|| self.other.phase(&s.phase)))
                        .map_or_else(|| at.to_owned(), |p| p.name.clone());
                    let level = |v: &Value| match v.get("value") {
                        Some(v) => show(v),
                        None => pick("no point", "geen punt").to_owned(),
                    };
                    format!(
                        "{subject}, {column}: {} {}, {} {}",
                        pick("here", "hier"),
                        level(new),
                        pick("there", "daar"),
                        level(old)
                    )
                } else if let (Value::String(o), Value::String(n)) = (old, new) {
                    // Long texts that differ in a few words: show those words, not the
                    // same first line twice.
                    let (o, n) = excerpts(o, n, 80);
                    format!(
                        "{subject}, {}: {} “{n}”, {} “{o}”",
                        field_word(field, lang),
                        pick("here", "hier"),
                        pick("there", "daar"),
                    )
                } else {
                    format!(
                        "{subject}, {}: {} {}, {} {}",
                        field_word(field, lang),
                        pick("here", "hier"),
                        quoted(new),
                        pick("there", "daar"),
                        quoted(old)
                    )
                }
            }
        }
    }

    /// The open map with change `i` taken over from the other version: a card only here is
    /// removed, one only there added, a moved card goes back, a field takes the other value,
    /// an order becomes the other order. Refused (in words) when the result would not be a
    /// valid map, say a card whose phase is only there.
    pub fn take_over(&self, ours: &Journey, i: usize) -> Result<Journey, String> {
        let c = self
            .changes
            .get(i)
            .ok_or_else(|| "That difference is no longer there.".to_owned())?;
        let mut here = Parts::of(ours)?;
        let there = Parts::of(&self.other)?;
        let theirs = there.objects(c.kind);
        let their = theirs.iter().find(|o| o.id == c.id);
        let list = here.objects_mut(c.kind);
        match &c.what {
            What::Added => list.retain(|o| o.id != c.id),
            What::Removed => {
                let obj = their.ok_or("The other version no longer has it.")?.clone();
                // After the object it follows there, or first.
                let pos = theirs.iter().position(|o| o.id == c.id).unwrap_or(0);
                let after = theirs[..pos]
                    .iter()
                    .rev()
                    .find_map(|p| list.iter().position(|o| o.id == p.id));
                list.insert(after.map_or(0, |a| a + 1), obj);
            }
            What::Moved { .. } => {
                let src = their.ok_or("The other version no longer has it.")?;
                if let Some(o) = list.iter_mut().find(|o| o.id == c.id) {
                    for f in ["lane", "at"] {
                        copy_field(&src.fields, &mut o.fields, f);
                    }
                }
            }
            What::Changed { field, .. } => {
                let empty = serde_json::Map::new();
                let src = their.map_or(&empty, |o| &o.fields);
                if let Some(o) = list.iter_mut().find(|o| o.id == c.id) {
                    copy_field(src, &mut o.fields, field);
                }
            }
            What::Reordered { .. } => {
                let order: Vec<&str> = theirs.iter().map(|o| o.id.as_str()).collect();
                // Objects only here keep their place after the one they follow.
                let rank = |id: &str| order.iter().position(|x| *x == id);
                let mut keyed: Vec<(usize, usize, Object)> = Vec::new();
                let mut last = 0;
                for (n, o) in std::mem::take(list).into_iter().enumerate() {
                    if let Some(r) = rank(&o.id) {
                        last = r;
                    }
                    keyed.push((rank(&o.id).unwrap_or(last), n, o));
                }
                keyed.sort_by_key(|(r, n, _)| (*r, *n));
                *list = keyed.into_iter().map(|(_, _, o)| o).collect();
            }
        }
        let mut j = here.journey()?;
        let columns = j.columns();
        for curve in &mut j.emotion_curves {
            curve
                .points
                .sort_by_key(|p| columns.iter().position(|s| s == &p.at));
        }
        if let Some(problem) = j.validate().first() {
            return Err(format!(
                "{} {problem}",
                match c.kind {
                    Kind::Card =>
                        "This card cannot be taken over on its own: its lane or phase is not in this map; take that over first.",
                    _ => "This difference cannot be taken over on its own:",
                }
            ));
        }
        Ok(j)
    }
}

fn copy_field(
    src: &serde_json::Map<String, Value>,
    dst: &mut serde_json::Map<String, Value>,
    field: &str,
) {
    match src.get(field) {
        Some(v) => {
            dst.insert(field.to_owned(), v.clone());
        }
        None => {
            dst.remove(field);
        }
    }
}

/// "Card “Scant het kassaschap”".
fn subject(c: &Change, lang: Language) -> String {
    let word = match lang {
        Language::En => match c.kind {
            Kind::Map => "Map",
            Kind::Phase => "Phase",
            Kind::Lane => "Lane",
            Kind::Persona => "Persona",
            Kind::Card => "Card",
            Kind::Curve => "Curve",
            Kind::Kpi => "KPI",
            Kind::Loop => "Loop-back",
        },
        Language::Nl => match c.kind {
            Kind::Map => "Kaart",
            Kind::Phase => "Fase",
            Kind::Lane => "Rij",
            Kind::Persona => "Persona",
            Kind::Card => "Kaartje",
            Kind::Curve => "Curve",
            Kind::Kpi => "KPI",
            Kind::Loop => "Terugkoppeling",
        },
    };
    if c.name.is_empty() || c.kind == Kind::Map {
        word.to_owned()
    } else {
        format!("{word} “{}”", clip(&c.name, 60))
    }
}

/// A field's name as a person calls it.
pub(super) fn field_word(field: &str, lang: Language) -> String {
    let (en, nl) = match field {
        "title" => ("title", "titel"),
        "body" => ("text", "tekst"),
        "name" => ("name", "naam"),
        "channel" => ("channel", "kanaal"),
        "evidence" => ("evidence", "onderbouwing"),
        "color" => ("colour", "kleur"),
        "sentiment" => ("sentiment", "gevoel"),
        "image" => ("picture", "afbeelding"),
        "description" => ("description", "beschrijving"),
        "role" => ("role", "rol"),
        "value" => ("value", "waarde"),
        "target" => ("target", "doel"),
        other => (other, other),
    };
    lang.pick(en, nl).to_owned()
}

/// Two versions of a text as a person compares them: whole when short, else the part that
/// differs with a few words around it, "…" where text is left out.
fn excerpts(a: &str, b: &str, max: usize) -> (String, String) {
    let (ca, cb): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if ca.len() <= max && cb.len() <= max {
        return (a.to_owned(), b.to_owned());
    }
    let prefix = ca.iter().zip(&cb).take_while(|(x, y)| x == y).count();
    let room = ca.len().min(cb.len()) - prefix;
    let suffix = ca
        .iter()
        .rev()
        .zip(cb.iter().rev())
        .take(room)
        .take_while(|(x, y)| x == y)
        .count();
    // Start a few words before the difference, at a space.
    let context = 24;
    let mut start = prefix.saturating_sub(context);
    while start > 0 && start < prefix && !ca[start - 1].is_whitespace() {
        start += 1;
    }
    let cut = |c: &[char]| {
        let mut end = (c.len() - suffix + context).min(c.len());
        while end < c.len() && end > c.len() - suffix && !c[end].is_whitespace() {
            end -= 1;
        }
        let body: String = c[start..end].iter().collect();
        let text = format!(
            "{}{}{}",
            if start > 0 { "…" } else { "" },
            body.trim(),
            if end < c.len() { "…" } else { "" }
        );
        clip(&text, max * 2)
    };
    (cut(&ca), cut(&cb))
}

/// At most `n` characters, with "…" when cut (a list line, not the map).
fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_owned()
    } else {
        format!("{}…", s.chars().take(n).collect::<String>())
    }
}

#[cfg(test)]
mod tests {
    use super::excerpts;

    #[test]
    fn long_texts_show_where_they_differ() {
        let a = "De klantreis van een forens die op weg naar de trein een hazelnootreep koopt. De hele reis duurt zo'n 10 seconden.";
        let b = "De klantreis van een forens die op weg naar de trein een hazelnootreep koopt. De hele reis duurt zo'n 12 seconden.";
        let (x, y) = excerpts(a, b, 40);
        assert!(
            x.contains("10 seconden") && y.contains("12 seconden"),
            "{x} / {y}"
        );
        assert!(x.starts_with('…') && !x.contains("De klantreis"), "{x}");
        let (x, y) = excerpts("kort", "ook kort", 40);
        assert_eq!((x.as_str(), y.as_str()), ("kort", "ook kort"));
        // Only added at the end, in letters outside ASCII.
        let (x, y) = excerpts(&"ë".repeat(100), &format!("{} nieuw", "ë".repeat(100)), 40);
        assert!(y.ends_with("nieuw") && !x.contains("nieuw"), "{x} / {y}");
    }
}
