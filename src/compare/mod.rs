//! Comparing and merging versions of a map by ids, for people who never read RON: what a
//! colleague changed (cards added, removed, moved, re-texted; phases and lanes renamed or
//! reordered; curve points raised or lowered…) and a three-way merge that combines changes to
//! different things and marks the same thing changed two ways.
//!
//! Both work on one generic view of a map ([`Parts`]): every object with an id (phase, lane,
//! card, persona, curve, KPI, loop-back) as a map of field → value (via serde), curve points as
//! fields of their curve keyed by column, and the map's own fields under the id `map`. A new
//! field in the model is compared and merged without code here.

mod diff;
mod merge;
mod review;

pub use diff::{Change, What, describe, diff};
pub use merge::{Conflict, Merged, merge};
pub use review::{Mark, Review};

use crate::model::Journey;
use serde_json::{Map, Value};

/// The kinds of objects a map holds, in the order a diff lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Map,
    Phase,
    Lane,
    Persona,
    Card,
    Curve,
    Kpi,
    Loop,
}

impl Kind {
    pub const ALL: [Kind; 8] = [
        Kind::Map,
        Kind::Phase,
        Kind::Lane,
        Kind::Persona,
        Kind::Card,
        Kind::Curve,
        Kind::Kpi,
        Kind::Loop,
    ];

    /// The field of `Journey` holding the objects of this kind.
    fn list(self) -> &'static str {
        match self {
            Kind::Map => "",
            Kind::Phase => "phases",
            Kind::Lane => "lanes",
            Kind::Persona => "personas",
            Kind::Card => "cards",
            Kind::Curve => "emotion_curves",
            Kind::Kpi => "kpis",
            Kind::Loop => "loops",
        }
    }

    /// The word for it in messages.
    pub fn word(self) -> &'static str {
        match self {
            Kind::Map => "map",
            Kind::Phase => "phase",
            Kind::Lane => "lane",
            Kind::Persona => "persona",
            Kind::Card => "card",
            Kind::Curve => "curve",
            Kind::Kpi => "KPI",
            Kind::Loop => "loop-back",
        }
    }
}

/// One object: its id and its fields (name → value), in the map's order.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Object {
    pub id: String,
    pub fields: Map<String, Value>,
}

/// A map as objects per kind, each kind in document order.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Parts {
    pub kinds: Vec<(Kind, Vec<Object>)>,
}

/// Curve points become fields named `point:` and the column's slot, so a point is compared
/// and merged like any field.
const POINT: &str = "point:";

impl Parts {
    pub fn of(j: &Journey) -> Result<Parts, String> {
        let value = serde_json::to_value(j).map_err(|e| e.to_string())?;
        let Value::Object(mut root) = value else {
            return Err("a map is not an object".into());
        };
        let mut kinds = Vec::new();
        for kind in Kind::ALL {
            if kind == Kind::Map {
                continue;
            }
            let list = match root.remove(kind.list()) {
                Some(Value::Array(items)) => items,
                _ => Vec::new(),
            };
            let objects = list
                .into_iter()
                .filter_map(|item| match item {
                    Value::Object(mut fields) => {
                        let id = fields.remove("id")?.as_str()?.to_owned();
                        if kind == Kind::Curve {
                            spread_points(&mut fields);
                        }
                        Some(Object { id, fields })
                    }
                    _ => None,
                })
                .collect();
            kinds.push((kind, objects));
        }
        kinds.insert(
            0,
            (
                Kind::Map,
                vec![Object {
                    id: "map".into(),
                    fields: root,
                }],
            ),
        );
        Ok(Parts { kinds })
    }

    pub fn objects(&self, kind: Kind) -> &[Object] {
        self.kinds
            .iter()
            .find(|(k, _)| *k == kind)
            .map_or(&[], |(_, o)| o.as_slice())
    }

    pub fn objects_mut(&mut self, kind: Kind) -> &mut Vec<Object> {
        let i = match self.kinds.iter().position(|(k, _)| *k == kind) {
            Some(i) => i,
            None => {
                self.kinds.push((kind, Vec::new()));
                self.kinds.len() - 1
            }
        };
        &mut self.kinds[i].1
    }

    /// The map these parts describe (checked by the model's own validation by the caller).
    pub fn journey(&self) -> Result<Journey, String> {
        let mut root = self
            .objects(Kind::Map)
            .first()
            .map(|o| o.fields.clone())
            .unwrap_or_default();
        for (kind, objects) in &self.kinds {
            if *kind == Kind::Map {
                continue;
            }
            let items = objects
                .iter()
                .map(|o| {
                    let mut fields = Map::new();
                    fields.insert("id".into(), Value::String(o.id.clone()));
                    fields.extend(o.fields.clone());
                    if *kind == Kind::Curve {
                        gather_points(&mut fields);
                    }
                    Value::Object(fields)
                })
                .collect();
            root.insert(kind.list().into(), Value::Array(items));
        }
        serde_json::from_value(Value::Object(root)).map_err(|e| e.to_string())
    }
}

/// `points: [{at, value, …}]` → one `point:<slot>` field per point.
fn spread_points(fields: &mut Map<String, Value>) {
    if let Some(Value::Array(points)) = fields.remove("points") {
        for p in points {
            let key = p.get("at").map(Value::to_string).unwrap_or_default();
            fields.insert(format!("{POINT}{key}"), p);
        }
    }
}

/// The `point:` fields back into `points`, in column order as written (sorted by the model
/// later where it matters).
fn gather_points(fields: &mut Map<String, Value>) {
    let keys: Vec<String> = fields
        .keys()
        .filter(|k| k.starts_with(POINT))
        .cloned()
        .collect();
    let points: Vec<Value> = keys.iter().filter_map(|k| fields.remove(k)).collect();
    fields.insert("points".into(), Value::Array(points));
}

/// A value as a person reads it: text without quotes, lists and objects compact.
pub(crate) fn show(v: &Value) -> String {
    match v {
        Value::Null => "—".into(),
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Language;

    #[test]
    fn every_example_and_generated_map_goes_through_parts_unchanged() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
        let mut maps: Vec<Journey> = std::fs::read_dir(dir)
            .expect("examples")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| crate::io::is_journey_path(p))
            .map(|p| crate::io::load(&p).expect("loads"))
            .collect();
        maps.push(crate::generate::generate(300, 3, Language::En));
        for j in maps {
            let back = Parts::of(&j).and_then(|p| p.journey()).expect("round trip");
            assert_eq!(back, j);
        }
    }
}
