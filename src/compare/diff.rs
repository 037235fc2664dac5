//! What changed between two versions of a map, by ids.

use super::{Kind, Object, POINT, Parts, show};
use crate::model::{Journey, Language};
use serde::Serialize;
use serde_json::Value;
use std::collections::HashMap;

/// One difference between two versions.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Change {
    pub kind: Kind,
    pub id: String,
    /// What a person calls it: the card's title, the phase's name (in the newer version when
    /// it has one).
    pub name: String,
    #[serde(flatten)]
    pub what: What,
}

/// How it changed.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum What {
    Added,
    Removed,
    /// A card in another cell: lane and column, in words.
    Moved {
        from: String,
        to: String,
    },
    /// A field with another value (a curve point is the field `point` of its column).
    Changed {
        field: String,
        old: Value,
        new: Value,
    },
    /// The same objects in another order (phases, lanes), by name.
    Reordered {
        old: Vec<String>,
        new: Vec<String>,
    },
}

/// The changes that turn `a` into `b`, map first, then phases, lanes, personas, cards,
/// curves, KPIs and loop-backs, each in `b`'s order.
pub fn diff(a: &Journey, b: &Journey) -> Result<Vec<Change>, String> {
    let (pa, pb) = (Parts::of(a)?, Parts::of(b)?);
    let mut out = Vec::new();
    for kind in Kind::ALL {
        let (old, new) = (pa.objects(kind), pb.objects(kind));
        let (io, inew): (HashMap<&str, usize>, HashMap<&str, usize>) = (
            old.iter()
                .enumerate()
                .map(|(i, o)| (o.id.as_str(), i))
                .collect(),
            new.iter()
                .enumerate()
                .map(|(i, o)| (o.id.as_str(), i))
                .collect(),
        );
        let find = |list: &'_ [Object], id: &str| {
            if std::ptr::eq(list, old) {
                io.get(id).copied()
            } else {
                inew.get(id).copied()
            }
        };
        for o in old.iter().filter(|o| find(new, &o.id).is_none()) {
            out.push(Change {
                kind,
                id: o.id.clone(),
                name: name_of(kind, o, a),
                what: What::Removed,
            });
        }
        for n in new {
            let name = name_of(kind, n, b);
            let Some(i) = find(old, &n.id) else {
                out.push(Change {
                    kind,
                    id: n.id.clone(),
                    name,
                    what: What::Added,
                });
                continue;
            };
            let o = &old[i];
            if kind == Kind::Card {
                let place = |f: &serde_json::Map<String, Value>| {
                    (f.get("lane").cloned(), f.get("at").cloned())
                };
                if place(&o.fields) != place(&n.fields) {
                    let (from, to) = (cell(&o.fields, a), cell(&n.fields, b));
                    out.push(Change {
                        kind,
                        id: n.id.clone(),
                        name: name.clone(),
                        what: What::Moved { from, to },
                    });
                }
            }
            let mut fields: Vec<&String> = o.fields.keys().collect();
            for k in n.fields.keys() {
                if !o.fields.contains_key(k) {
                    fields.push(k);
                }
            }
            for field in fields {
                if kind == Kind::Card && matches!(field.as_str(), "lane" | "at") {
                    continue;
                }
                let (ov, nv) = (
                    o.fields.get(field).unwrap_or(&Value::Null),
                    n.fields.get(field).unwrap_or(&Value::Null),
                );
                if ov != nv {
                    out.push(Change {
                        kind,
                        id: n.id.clone(),
                        name: name.clone(),
                        what: What::Changed {
                            field: field.clone(),
                            old: ov.clone(),
                            new: nv.clone(),
                        },
                    });
                }
            }
        }
        if matches!(kind, Kind::Phase | Kind::Lane) {
            let common = |list: &[Object], other: &[Object], j: &Journey| -> Vec<String> {
                list.iter()
                    .filter(|o| find(other, &o.id).is_some())
                    .map(|o| name_of(kind, o, j))
                    .collect()
            };
            let ids = |list: &[Object], other: &[Object]| -> Vec<String> {
                list.iter()
                    .filter(|o| find(other, &o.id).is_some())
                    .map(|o| o.id.clone())
                    .collect()
            };
            if ids(old, new) != ids(new, old) {
                out.push(Change {
                    kind,
                    id: String::new(),
                    name: String::new(),
                    what: What::Reordered {
                        old: common(old, new, a),
                        new: common(new, old, b),
                    },
                });
            }
        }
    }
    Ok(out)
}

/// What a person calls an object.
fn name_of(kind: Kind, o: &Object, j: &Journey) -> String {
    let text = |f: &str| o.fields.get(f).and_then(Value::as_str).map(str::to_owned);
    match kind {
        Kind::Map => text("title").unwrap_or_default(),
        Kind::Phase | Kind::Persona | Kind::Kpi => text("name").unwrap_or_else(|| o.id.clone()),
        Kind::Lane | Kind::Card => text("title").unwrap_or_else(|| o.id.clone()),
        Kind::Loop => text("label").unwrap_or_else(|| o.id.clone()),
        Kind::Curve => {
            let persona = text("persona").unwrap_or_default();
            let who = j
                .personas
                .iter()
                .find(|p| p.id.as_str() == persona)
                .map_or(persona, |p| p.name.clone());
            let variant = match text("variant").as_deref() {
                Some("ToBe") => "to-be",
                _ => "as-is",
            };
            match text("kind").as_deref() {
                Some("Engagement") => format!("{who} ({variant}, dramatic arc)"),
                _ => format!("{who} ({variant})"),
            }
        }
    }
}

/// A card's cell in words: "Touchpoints, Oriëntatie" (lane title, phase and step names).
fn cell(fields: &serde_json::Map<String, Value>, j: &Journey) -> String {
    let lane = fields.get("lane").and_then(Value::as_str).unwrap_or("");
    let at = fields.get("at");
    let phase = at
        .and_then(|a| a.get("phase"))
        .and_then(Value::as_str)
        .unwrap_or("");
    let step = at.and_then(|a| a.get("step")).and_then(Value::as_str);
    let lane = j
        .lanes
        .iter()
        .find(|l| l.id.as_str() == lane)
        .map_or(lane.to_owned(), |l| l.title.clone());
    let p = j.phases.iter().find(|p| p.id.as_str() == phase);
    let mut where_ = p.map_or(phase.to_owned(), |p| p.name.clone());
    if let Some(s) = step.and_then(|s| p?.steps.iter().find(|st| st.id.as_str() == s)) {
        where_ = format!("{where_} / {}", s.name);
    }
    format!("{lane}, {where_}")
}

/// A change as a sentence in `lang`: "card “Scant het kassaschap” moved from … to …".
pub fn describe(c: &Change, b: &Journey, lang: Language) -> String {
    let what = match lang {
        Language::En => c.kind.word().to_owned(),
        Language::Nl => match c.kind {
            Kind::Map => "kaart",
            Kind::Phase => "fase",
            Kind::Lane => "rij",
            Kind::Persona => "persona",
            Kind::Card => "kaartje",
            Kind::Curve => "curve",
            Kind::Kpi => "KPI",
            Kind::Loop => "terugkoppeling",
        }
        .to_owned(),
    };
    let subject = if c.name.is_empty() {
        what.clone()
    } else {
        format!("{what} “{}”", c.name)
    };
    let pick = |en: &str, nl: &str| lang.pick(en, nl).to_owned();
    match &c.what {
        What::Added => format!("{subject} {}", pick("added", "toegevoegd")),
        What::Removed => format!("{subject} {}", pick("removed", "verwijderd")),
        What::Moved { from, to } => format!(
            "{subject} {} {from} {} {to}",
            pick("moved from", "verplaatst van"),
            pick("to", "naar")
        ),
        What::Reordered { old, new } => format!(
            "{} {}: {} → {}",
            match c.kind {
                Kind::Phase => pick("phases", "fasen"),
                _ => pick("lanes", "rijen"),
            },
            pick("reordered", "in andere volgorde"),
            old.join(", "),
            new.join(", ")
        ),
        What::Changed { field, old, new } => {
            if let Some(at) = field.strip_prefix(POINT) {
                let column = serde_json::from_str::<crate::model::Slot>(at)
                    .ok()
                    .map(|slot| column_name(&slot, b))
                    .unwrap_or_else(|| at.to_owned());
                let level = |v: &Value| v.get("value").map_or_else(|| "—".to_owned(), show);
                format!("{subject}, {column}: {} → {}", level(old), level(new))
            } else {
                let field = super::review::field_word(field, lang);
                format!("{subject} {field}: “{}” → “{}”", show(old), show(new))
            }
        }
    }
}

fn column_name(slot: &crate::model::Slot, j: &Journey) -> String {
    let p = j.phase(&slot.phase);
    let mut name = p.map_or(slot.phase.to_string(), |p| p.name.clone());
    if let Some(s) = slot
        .step
        .as_ref()
        .and_then(|s| p?.steps.iter().find(|st| &st.id == s))
    {
        name = format!("{name} / {}", s.name);
    }
    name
}
