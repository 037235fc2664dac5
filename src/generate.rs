//! Large, realistic maps for benchmarks and stress tests: N cards spread over phases and lanes
//! with Dutch or English text, emotion curves and channels. Deterministic for a given seed.

use crate::model::{
    Card, CardId, Channel, Evidence, Journey, Kpi, KpiId, Language, Rgb, Slot, Step, StepId,
};
use crate::templates::Template;

/// A small deterministic random generator (xorshift), so a seed always gives the same map.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const NL_SUBJECTS: [&str; 12] = [
    "Klant",
    "Inkoper",
    "Webshophouder",
    "Bezoeker",
    "Prospect",
    "Gebruiker",
    "Forens",
    "Teamleider",
    "Student",
    "Ouder",
    "Ondernemer",
    "Collega",
];
const NL_VERBS: [&str; 12] = [
    "vergelijkt",
    "zoekt",
    "bestelt",
    "belt",
    "leest",
    "twijfelt over",
    "deelt",
    "bekijkt",
    "betaalt",
    "retourneert",
    "beoordeelt",
    "vraagt naar",
];
const NL_OBJECTS: [&str; 12] = [
    "de prijs",
    "de levertijd",
    "een offerte",
    "de reviews",
    "het retourbeleid",
    "de klantenservice",
    "de productpagina",
    "een demo",
    "de factuur",
    "het aanbod",
    "de voorwaarden",
    "een alternatief",
];
const EN_SUBJECTS: [&str; 12] = [
    "Customer",
    "Buyer",
    "Shop owner",
    "Visitor",
    "Prospect",
    "User",
    "Commuter",
    "Team lead",
    "Student",
    "Parent",
    "Founder",
    "Colleague",
];
const EN_VERBS: [&str; 12] = [
    "compares",
    "searches for",
    "orders",
    "calls about",
    "reads",
    "doubts",
    "shares",
    "checks",
    "pays",
    "returns",
    "reviews",
    "asks about",
];
const EN_OBJECTS: [&str; 12] = [
    "the price",
    "the delivery time",
    "a quote",
    "the reviews",
    "the return policy",
    "customer service",
    "the product page",
    "a demo",
    "the invoice",
    "the offer",
    "the terms",
    "an alternative",
];

/// A map from the Van der Kooi template with `cards` cards (steps in some phases, spans,
/// channels, KPIs and a full emotion curve).
pub fn generate(cards: usize, seed: u64, lang: Language) -> Journey {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut j = Template::VanDerKooi10.build(lang);
    j.title = lang
        .pick("Generated journey", "Gegenereerde klantreis")
        .to_owned()
        + &format!(" ({cards})");
    // Split a few phases into steps.
    for (pi, phase) in j.phases.iter_mut().enumerate() {
        if pi % 3 == 1 {
            phase.steps = (0..3)
                .map(|s| Step {
                    id: StepId(format!("s{pi}_{s}")),
                    name: format!("{} {}", lang.pick("Step", "Stap"), s + 1),
                })
                .collect();
        }
    }
    let columns = j.columns();
    let lanes: Vec<_> = j
        .lanes
        .iter()
        .filter(|l| !l.kind.is_curve())
        .map(|l| l.id.clone())
        .collect();
    let channels = Channel::builtins();
    let (subjects, verbs, objects) = match lang {
        Language::Nl => (&NL_SUBJECTS, &NL_VERBS, &NL_OBJECTS),
        Language::En => (&EN_SUBJECTS, &EN_VERBS, &EN_OBJECTS),
    };
    for i in 0..cards {
        let col = rng.below(columns.len());
        let span = if rng.below(10) == 0 {
            2.min((columns.len() - col) as u32)
        } else {
            1
        };
        let title = format!(
            "{} {} {}",
            rng.pick(subjects),
            rng.pick(verbs),
            rng.pick(objects)
        );
        let body = format!(
            "{} {} {}; {} {} {}.",
            rng.pick(subjects),
            rng.pick(verbs),
            rng.pick(objects),
            rng.pick(subjects).to_lowercase(),
            rng.pick(verbs),
            rng.pick(objects)
        );
        j.cards.push(Card {
            id: CardId(format!("c{}", i + 1)),
            lane: lanes[rng.below(lanes.len())].clone(),
            at: columns[col].clone(),
            span: span.max(1),
            title,
            body,
            channel: (rng.below(2) == 0).then(|| channels[rng.below(channels.len())].clone()),
            evidence: Evidence::ALL[rng.below(3)],
            color: (rng.below(12) == 0).then(|| Rgb::hex(0xA2402B)),
            critical: rng.below(40) == 0,
            sentiment: (rng.below(4) == 0).then(|| rng.below(5) as f32 - 2.0),
            image: None,
        });
    }
    for curve in &mut j.emotion_curves {
        curve.points = columns
            .iter()
            .map(|at: &Slot| crate::model::EmotionPoint {
                at: at.clone(),
                value: rng.below(5) as f32 - 2.0,
                label: String::new(),
                critical: false,
            })
            .collect();
    }
    j.kpis = j
        .phases
        .iter()
        .enumerate()
        .map(|(i, p)| Kpi {
            id: KpiId(format!("k{}", i + 1)),
            phase: p.id.clone(),
            name: lang.pick("conversion", "conversie").to_owned(),
            value: format!("{}.{}%", rng.below(9) + 1, rng.below(10)),
        })
        .collect();
    // Up to two loop-backs, each from a phase to one at or before it.
    let phases = j.phases.len();
    j.loops = (0..rng.below(3))
        .filter(|_| phases > 0)
        .map(|n| {
            let from = rng.below(phases);
            let to = rng.below(from + 1);
            crate::model::LoopBack {
                id: crate::model::LoopId(format!("loop{}", n + 1)),
                from: j.phases[from].id.clone(),
                to: j.phases[to].id.clone(),
                label: lang.pick("Comes back", "Komt terug").to_owned(),
            }
        })
        .collect();
    j
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_maps_are_valid_and_deterministic() {
        let a = generate(500, 7, Language::Nl);
        assert!(a.validate().is_empty(), "{:?}", a.validate().first());
        assert_eq!(a.cards.len(), 500);
        assert_eq!(a, generate(500, 7, Language::Nl));
        assert_ne!(a, generate(500, 8, Language::Nl));
    }
}
