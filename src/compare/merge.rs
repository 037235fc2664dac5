//! Three-way merge by ids: changes to different things combine; the same field changed two
//! ways keeps ours and becomes a visible conflict note in the map.

use super::{Kind, Object, POINT, Parts, show};
use crate::model::{Card, CardId, Journey, LaneKind, Rgb, Slot, fresh_id};
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::HashMap;

/// The same thing changed two ways.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Conflict {
    pub kind: Kind,
    pub id: String,
    pub name: String,
    pub field: String,
    /// What ours has (`null`: removed here).
    pub ours: Value,
    /// What theirs has (`null`: removed there).
    pub theirs: Value,
}

impl Conflict {
    /// "title was “A” here, “B” there".
    pub fn sentence(&self) -> String {
        let side = |v: &Value| match v {
            Value::Null => "removed".to_owned(),
            v => format!("“{}”", show(&point_value(v))),
        };
        let field = self
            .field
            .strip_prefix(POINT)
            .map_or(self.field.clone(), |_| "point".to_owned());
        format!(
            "{} “{}”: {field} was {} here, {} there",
            self.kind.word(),
            self.name,
            side(&self.ours),
            side(&self.theirs)
        )
    }
}

/// A curve point shows as its level.
fn point_value(v: &Value) -> Value {
    v.get("value").cloned().unwrap_or_else(|| v.clone())
}

/// The merged map and what conflicted (each also a note card in the map).
#[derive(Clone, Debug, PartialEq)]
pub struct Merged {
    pub journey: Journey,
    pub conflicts: Vec<Conflict>,
}

/// Cards: lane and column are one field, so a card moved two ways never lands half in each.
const CELL: &str = "cell";

/// Merges `ours` and `theirs`, two versions made from `base`.
pub fn merge(base: &Journey, ours: &Journey, theirs: &Journey) -> Result<Merged, String> {
    let (pb, po, pt) = (Parts::of(base)?, Parts::of(ours)?, Parts::of(theirs)?);
    let mut conflicts = Vec::new();
    let mut kinds = Vec::new();
    for kind in Kind::ALL {
        let prep = |p: &Parts| -> Vec<Object> {
            let mut list = p.objects(kind).to_vec();
            if kind == Kind::Card {
                list.iter_mut().for_each(join_cell);
            }
            list
        };
        let (b, o, t) = (prep(&pb), prep(&po), prep(&pt));
        let mut merged = merge_list(kind, &b, &o, &t, &mut conflicts);
        if kind == Kind::Card {
            merged.iter_mut().for_each(split_cell);
        }
        kinds.push((kind, merged));
    }
    let mut j = Parts { kinds }.journey()?;
    repair(&mut j, base, ours, theirs, &mut conflicts);
    add_notes(&mut j, &conflicts);
    let problems = j.validate();
    if let Some(p) = problems.first() {
        return Err(format!("the merged map would not be valid: {p}"));
    }
    Ok(Merged {
        journey: j,
        conflicts,
    })
}

fn join_cell(o: &mut Object) {
    let lane = o.fields.remove("lane").unwrap_or(Value::Null);
    let at = o.fields.remove("at").unwrap_or(Value::Null);
    o.fields.insert(CELL.into(), Value::Array(vec![lane, at]));
}

fn split_cell(o: &mut Object) {
    if let Some(Value::Array(mut cell)) = o.fields.remove(CELL) {
        let at = cell.pop().unwrap_or(Value::Null);
        let lane = cell.pop().unwrap_or(Value::Null);
        o.fields.insert("lane".into(), lane);
        o.fields.insert("at".into(), at);
    }
}

/// The ids of `list` that `other` also has, in `list`'s order.
fn common_order(list: &[Object], other: &[Object]) -> Vec<String> {
    let others: std::collections::HashSet<&str> = other.iter().map(|y| y.id.as_str()).collect();
    list.iter()
        .filter(|x| others.contains(x.id.as_str()))
        .map(|x| x.id.clone())
        .collect()
}

fn merge_list(
    kind: Kind,
    b: &[Object],
    o: &[Object],
    t: &[Object],
    conflicts: &mut Vec<Conflict>,
) -> Vec<Object> {
    // The side whose order wins: theirs only when they reordered and we did not.
    let ours_reordered = common_order(o, b) != common_order(b, o);
    let theirs_reordered = common_order(t, b) != common_order(b, t);
    let (first, second) = if theirs_reordered && !ours_reordered {
        (t, o)
    } else {
        (o, t)
    };
    // Indexes by id: a 1,000-card map merges in a few milliseconds, not in n² searches.
    let index = |list: &[Object]| -> HashMap<String, usize> {
        list.iter()
            .enumerate()
            .map(|(i, x)| (x.id.clone(), i))
            .collect()
    };
    let (ib, io, it) = (index(b), index(o), index(t));
    let get = |list: &[Object], ix: &HashMap<String, usize>, id: &str| {
        ix.get(id).map(|&i| list[i].clone())
    };
    let mut out: Vec<Object> = Vec::new();
    let mut decide = |id: &str, out: &mut Vec<Object>| {
        let (bo, oo, to) = (get(b, &ib, id), get(o, &io, id), get(t, &it, id));
        if let Some(x) = merge_object(kind, id, bo, oo, to, conflicts) {
            out.push(x);
        }
    };
    for x in first {
        decide(&x.id, &mut out);
    }
    let in_first = index(first);
    // What only the other side has, after the object it follows there.
    for (i, x) in second.iter().enumerate() {
        if in_first.contains_key(&x.id) {
            continue;
        }
        let mut tmp = Vec::new();
        decide(&x.id, &mut tmp);
        let Some(obj) = tmp.pop() else { continue };
        let after = second[..i]
            .iter()
            .rev()
            .find_map(|p| out.iter().position(|y| y.id == p.id));
        let at = after.map_or(0, |p| p + 1);
        out.insert(at, obj);
    }
    out
}

/// One object's three versions merged field by field; `None` when it is gone.
fn merge_object(
    kind: Kind,
    id: &str,
    b: Option<Object>,
    o: Option<Object>,
    t: Option<Object>,
    conflicts: &mut Vec<Conflict>,
) -> Option<Object> {
    let name = |x: &Object| {
        ["title", "name", "label"]
            .iter()
            .find_map(|f| x.fields.get(*f).and_then(Value::as_str))
            .map_or(id.to_owned(), str::to_owned)
    };
    let ours_has = o.is_some();
    match (b, o, t) {
        (_, None, None) => None,
        (None, Some(x), None) | (None, None, Some(x)) => Some(x),
        (Some(b), Some(x), None) | (Some(b), None, Some(x)) => {
            if x == b {
                // Removed on one side, untouched on the other.
                None
            } else {
                // Removed on one side, changed on the other: nothing is lost, it stays.
                conflicts.push(Conflict {
                    kind,
                    id: id.to_owned(),
                    name: name(&x),
                    field: "whole".into(),
                    ours: if ours_has {
                        Value::String("changed".into())
                    } else {
                        Value::Null
                    },
                    theirs: if ours_has {
                        Value::Null
                    } else {
                        Value::String("changed".into())
                    },
                });
                Some(x)
            }
        }
        (b, Some(o), Some(t)) => {
            let empty = Map::new();
            let base = b.as_ref().map_or(&empty, |b| &b.fields);
            let mut fields = Map::new();
            let mut keys: Vec<&String> = o.fields.keys().collect();
            for k in t.fields.keys().chain(base.keys()) {
                if !keys.contains(&k) {
                    keys.push(k);
                }
            }
            for k in keys {
                let (bv, ov, tv) = (base.get(k), o.fields.get(k), t.fields.get(k));
                let pick = if ov == tv || tv == bv {
                    ov
                } else if ov == bv {
                    tv
                } else {
                    conflicts.push(Conflict {
                        kind,
                        id: id.to_owned(),
                        name: name(&o),
                        field: k.clone(),
                        ours: ov.cloned().unwrap_or(Value::Null),
                        theirs: tv.cloned().unwrap_or(Value::Null),
                    });
                    ov
                };
                if let Some(v) = pick {
                    fields.insert(k.clone(), v.clone());
                }
            }
            Some(Object {
                id: id.to_owned(),
                fields,
            })
        }
    }
}

/// What one side removed and the other still uses comes back (a phase with a colleague's new
/// cards); what only the removed thing held goes with it (its points, KPIs, loop-backs).
fn repair(
    j: &mut Journey,
    base: &Journey,
    ours: &Journey,
    theirs: &Journey,
    conflicts: &mut Vec<Conflict>,
) {
    let sources = [ours, theirs, base];
    let needed_phases: Vec<_> = j.cards.iter().map(|c| c.at.phase.clone()).collect();
    for id in needed_phases {
        if j.phase(&id).is_none()
            && let Some(p) = sources.iter().find_map(|s| s.phase(&id))
        {
            conflicts.push(Conflict {
                kind: Kind::Phase,
                id: id.to_string(),
                name: p.name.clone(),
                field: "whole".into(),
                ours: Value::String("removed on one side, kept for the other's cards".into()),
                theirs: Value::Null,
            });
            j.phases.push(p.clone());
        }
    }
    let needed_lanes: Vec<_> = j.cards.iter().map(|c| c.lane.clone()).collect();
    for id in needed_lanes {
        if j.lane(&id).is_none()
            && let Some(l) = sources.iter().find_map(|s| s.lane(&id))
        {
            conflicts.push(Conflict {
                kind: Kind::Lane,
                id: id.to_string(),
                name: l.title.clone(),
                field: "whole".into(),
                ours: Value::String("removed on one side, kept for the other's cards".into()),
                theirs: Value::Null,
            });
            j.lanes.push(l.clone());
        }
    }
    let phases: Vec<_> = j.phases.clone();
    for c in &mut j.cards {
        let steps = phases
            .iter()
            .find(|p| p.id == c.at.phase)
            .map(|p| p.steps.clone())
            .unwrap_or_default();
        if let Some(s) = &c.at.step
            && !steps.iter().any(|st| &st.id == s)
        {
            c.at.step = steps.first().map(|s| s.id.clone());
        }
    }
    let columns = j.columns();
    let personas: Vec<_> = j.personas.iter().map(|p| p.id.clone()).collect();
    j.emotion_curves.retain(|c| personas.contains(&c.persona));
    for curve in &mut j.emotion_curves {
        curve.points.retain(|p| columns.contains(&p.at));
        let mut seen = Vec::new();
        curve.points.retain(|p| {
            let new = !seen.contains(&p.at);
            seen.push(p.at.clone());
            new
        });
        curve
            .points
            .sort_by_key(|p| columns.iter().position(|c| c == &p.at));
    }
    let ids: Vec<_> = j.phases.iter().map(|p| p.id.clone()).collect();
    j.kpis.retain(|k| ids.contains(&k.phase));
    j.loops
        .retain(|l| ids.contains(&l.from) && ids.contains(&l.to));
    j.clamp_spans();
}

/// A red note card per conflict, where the conflict is: in the card's cell, in its phase for
/// phase and point conflicts, in a notes lane when the map has one.
fn add_notes(j: &mut Journey, conflicts: &[Conflict]) {
    let Some(columns) = j
        .columns()
        .first()
        .cloned()
        .map(|first| (first, j.columns()))
    else {
        return;
    };
    let (first, columns) = columns;
    let lane = j
        .lanes
        .iter()
        .find(|l| l.kind == LaneKind::Notes)
        .or_else(|| j.lanes.iter().find(|l| !l.kind.is_curve()))
        .map(|l| l.id.clone());
    let Some(notes_lane) = lane else { return };
    for c in conflicts {
        let (lane, at) = match c.kind {
            Kind::Card => j
                .card(&CardId::new(c.id.clone()))
                .map_or((notes_lane.clone(), first.clone()), |card| {
                    (card.lane.clone(), card.at.clone())
                }),
            Kind::Phase => (
                notes_lane.clone(),
                columns
                    .iter()
                    .find(|s| s.phase.as_str() == c.id)
                    .cloned()
                    .unwrap_or_else(|| first.clone()),
            ),
            Kind::Curve => {
                let slot = c
                    .field
                    .strip_prefix(POINT)
                    .and_then(|s| serde_json::from_str::<Slot>(s).ok())
                    .filter(|s| columns.contains(s));
                (notes_lane.clone(), slot.unwrap_or_else(|| first.clone()))
            }
            _ => (notes_lane.clone(), first.clone()),
        };
        let id = fresh_id(CardId::PREFIX, j.cards.iter().map(|c| c.id.as_str()));
        let mut note: Card =
            crate::edit::new_card(j, lane, at, format!("Conflict: {}", c.sentence()));
        note.id = CardId(id);
        note.color = Some(Rgb::hex(0xC0392B));
        j.cards.push(note);
    }
}
