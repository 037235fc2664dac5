//! Monthly figures into a map: a table of phase, KPI name and value (an analytics export as
//! CSV or a workbook) updates the map's KPIs by name, adds the ones it lacks, and says what
//! changed. Rows it cannot place are reported by row, never applied to a guessed phase.

use super::{Place, Warning};
use crate::io::grid::Grid;
use crate::model::{Journey, Kpi, KpiId, fresh_id};

/// One KPI changed or added.
#[derive(Clone, Debug, PartialEq)]
pub struct KpiChange {
    pub phase: String,
    pub name: String,
    /// The value before, `None` for a KPI the map did not have.
    pub old: Option<String>,
    pub new: String,
}

impl std::fmt::Display for KpiChange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.old {
            Some(old) => write!(f, "{}: {}: {old} → {}", self.phase, self.name, self.new),
            None => write!(f, "{}: {}: {} (new)", self.phase, self.name, self.new),
        }
    }
}

/// What an update did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct KpiReport {
    pub changes: Vec<KpiChange>,
    /// Rows whose value was already in the map.
    pub unchanged: usize,
    /// Rows that could not be applied, by row.
    pub warnings: Vec<Warning>,
}

const PHASE_WORDS: [&str; 4] = ["phase", "fase", "stage", "stap"];
const NAME_WORDS: [&str; 6] = ["kpi", "name", "naam", "metric", "meetpunt", "indicator"];

/// Applies `table` (columns: phase, KPI name, value; a header row of those words is
/// skipped) to `j`'s KPIs. Phases are found by name or id, KPIs by name, both as a person
/// compares them (case and surrounding spaces do not matter).
pub fn update_kpis(j: &mut Journey, table: &Grid) -> KpiReport {
    let mut report = KpiReport::default();
    let same = |a: &str, b: &str| a.trim().to_lowercase() == b.trim().to_lowercase();
    for (i, row) in table.rows.iter().enumerate() {
        let line = table.row_numbers.get(i).copied().unwrap_or(i + 1);
        let cell = |n: usize| row.get(n).map_or("", |c| c.trim());
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if i == 0
            && PHASE_WORDS.iter().any(|w| same(cell(0), w))
            && NAME_WORDS.iter().any(|w| same(cell(1), w))
        {
            continue;
        }
        let (phase_text, name, value) = (cell(0), cell(1), cell(2));
        let warn = |message: String| Warning {
            place: Place::Row(line),
            message,
        };
        if name.is_empty() || value.is_empty() {
            report.warnings.push(warn(
                "expected a phase, a KPI name and a value in the first three columns".into(),
            ));
            continue;
        }
        let Some(phase) = j
            .phases
            .iter()
            .find(|p| same(&p.name, phase_text) || p.id.as_str() == phase_text)
        else {
            let known: Vec<&str> = j.phases.iter().map(|p| p.name.as_str()).collect();
            report.warnings.push(warn(format!(
                "the map has no phase “{phase_text}” (it has {})",
                known.join(", ")
            )));
            continue;
        };
        let (phase_id, phase_name) = (phase.id.clone(), phase.name.clone());
        match j
            .kpis
            .iter_mut()
            .find(|k| k.phase == phase_id && same(&k.name, name))
        {
            Some(k) if k.value.trim() == value => report.unchanged += 1,
            Some(k) => {
                report.changes.push(KpiChange {
                    phase: phase_name,
                    name: k.name.clone(),
                    old: Some(std::mem::replace(&mut k.value, value.to_owned())),
                    new: value.to_owned(),
                });
            }
            None => {
                let id = fresh_id(KpiId::PREFIX, j.kpis.iter().map(|k| k.id.as_str()));
                // Beside the phase's other KPIs, so the order by phase is kept.
                let at = j
                    .kpis
                    .iter()
                    .rposition(|k| k.phase == phase_id)
                    .map_or(j.kpis.len(), |p| p + 1);
                j.kpis.insert(
                    at,
                    Kpi {
                        id: KpiId(id),
                        phase: phase_id,
                        name: name.to_owned(),
                        value: value.to_owned(),
                    },
                );
                report.changes.push(KpiChange {
                    phase: phase_name,
                    name: name.to_owned(),
                    old: None,
                    new: value.to_owned(),
                });
            }
        }
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Language;
    use crate::templates::Template;

    fn grid(rows: &[&[&str]]) -> Grid {
        Grid::from_rows(
            rows.iter()
                .map(|r| r.iter().map(|c| (*c).to_owned()).collect())
                .collect(),
        )
    }

    #[test]
    fn figures_update_by_phase_and_name_and_new_ones_are_added() {
        let mut j = Template::DataSteps5.build(Language::Nl);
        let p1 = j.phases[0].clone();
        let p2 = j.phases[1].clone();
        j.kpis = vec![Kpi {
            id: KpiId("k1".into()),
            phase: p1.id.clone(),
            name: "Bezoekers".into(),
            value: "10.000".into(),
        }];
        let table = grid(&[
            &["Fase", "KPI", "Waarde"],
            &[&p1.name.to_uppercase(), " bezoekers ", "12.500"],
            &[&p2.name, "bezoekers", "3.100"],
            &[&p1.name, "bezoekers", "12.500"],
            &["Nergens", "bezoekers", "1"],
            &[&p2.name, "", ""],
            &["", "", ""],
        ]);
        let r = update_kpis(&mut j, &table);
        assert_eq!(
            r.changes
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>(),
            [
                format!("{}: Bezoekers: 10.000 → 12.500", p1.name),
                format!("{}: bezoekers: 3.100 (new)", p2.name),
            ]
        );
        assert_eq!(r.unchanged, 1);
        assert_eq!(r.warnings.len(), 2);
        assert_eq!(r.warnings[0].place, Place::Row(5));
        assert!(r.warnings[0].message.contains("no phase “Nergens”"));
        assert_eq!(j.kpis.len(), 2);
        assert_eq!(j.kpis[1].phase, p2.id);
        assert!(j.validate().is_empty());
    }
}
