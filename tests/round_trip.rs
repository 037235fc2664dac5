//! Property: any valid document saves and loads back to the same document and the same bytes.

use journey_map::io;
use journey_map::model::*;
use proptest::prelude::*;
use std::path::Path;

fn text() -> impl Strategy<Value = String> {
    // Quotes, backslashes, newlines, emoji and RON syntax in user text must all survive.
    prop_oneof![
        "[a-zA-Z0-9 ]{0,12}",
        ".{0,20}",
        Just("say \"hi\" \\ (x: [1]) // not a comment\n/* nor this */".to_owned()),
        Just("Oriëntatie — 10 seconden 🍫\r\n\ttab".to_owned()),
    ]
}

fn rgb() -> impl Strategy<Value = Rgb> {
    (any::<u8>(), any::<u8>(), any::<u8>()).prop_map(|(r, g, b)| Rgb(r, g, b))
}

fn channel() -> impl Strategy<Value = Option<Channel>> {
    let builtins = Channel::builtins();
    prop_oneof![
        Just(None),
        prop::sample::select(builtins).prop_map(Some),
        (text(), prop::option::of(Just("Store".to_owned())))
            .prop_map(|(name, icon)| Some(Channel::Custom { name, icon })),
    ]
}

fn journey() -> impl Strategy<Value = Journey> {
    let phases = prop::collection::vec((text(), text(), rgb(), text(), 0usize..4), 1..6);
    let lanes = prop::collection::vec(
        (
            text(),
            prop::sample::select(LaneKind::ALL.to_vec()),
            any::<bool>(),
            24.0f32..400.0,
        ),
        1..5,
    );
    (phases, lanes, text(), text(), any::<bool>())
        .prop_flat_map(|(phases, lanes, title, notes, nl)| {
            let phases: Vec<Phase> = phases
                .into_iter()
                .enumerate()
                .map(|(i, (name, description, color, duration, steps))| Phase {
                    id: PhaseId(format!("p{i}")),
                    name,
                    description,
                    color,
                    duration,
                    steps: (0..steps)
                        .map(|s| Step {
                            id: StepId(format!("s{i}_{s}")),
                            name: format!("step {s}"),
                        })
                        .collect(),
                    column_width: (i % 2 == 1).then_some(150.0 + i as f32 * 7.5),
                })
                .collect();
            let lanes: Vec<Lane> = lanes
                .into_iter()
                .enumerate()
                .map(|(i, (title, kind, visible, height))| Lane {
                    id: LaneId(format!("l{i}")),
                    title,
                    kind,
                    visible,
                    height,
                    funnel: (kind == LaneKind::Kpis && i % 2 == 0).then(|| "bezoekers".into()),
                })
                .collect();
            let mut j = Journey::empty(title, if nl { Language::Nl } else { Language::En });
            j.notes = notes;
            j.style.emotion_faces = !nl;
            j.phases = phases;
            j.lanes = lanes;
            let columns = j.columns();
            let n_cols = columns.len();
            let n_lanes = j.lanes.len();
            let cards = prop::collection::vec(
                (
                    0..n_lanes,
                    0..n_cols,
                    1u32..3,
                    text(),
                    text(),
                    channel(),
                    prop::sample::select(Evidence::ALL.to_vec()),
                    prop::option::of(rgb()),
                ),
                0..12,
            );
            let points =
                prop::collection::vec(prop::option::of((-2.0f32..=2.0, text())), n_cols..=n_cols);
            let persona = (
                text(),
                prop::option::of(0u32..120),
                text(),
                prop::collection::vec(text(), 0..3),
            );
            (Just(j), Just(columns), cards, points, persona)
        })
        .prop_map(
            |(mut j, columns, cards, points, (name, age, quote, goals))| {
                let n_cols = columns.len();
                j.cards = cards
                    .into_iter()
                    .enumerate()
                    .map(
                        |(i, (lane, col, span, title, body, channel, evidence, color))| Card {
                            id: CardId(format!("c{i}")),
                            lane: j.lanes[lane].id.clone(),
                            at: columns[col].clone(),
                            span: span.min((n_cols - col) as u32),
                            title,
                            body,
                            channel,
                            evidence,
                            color,
                            critical: i % 3 == 0,
                            sentiment: (i % 4 == 1).then_some((i % 5) as f32 - 2.0),
                            image: None,
                        },
                    )
                    .collect();
                j.personas = vec![Persona {
                    id: PersonaId::new("persona1"),
                    name,
                    age,
                    quote,
                    goals,
                    ..Persona::default()
                }];
                let emotion = EmotionCurve {
                    id: CurveId::new("curve1"),
                    persona: PersonaId::new("persona1"),
                    variant: CurveVariant::ToBe,
                    kind: CurveKind::Emotion,
                    scale: Scale::default(),
                    points: points
                        .into_iter()
                        .zip(columns)
                        .filter_map(|(p, at)| {
                            p.map(|(value, label)| EmotionPoint {
                                at,
                                critical: value > 1.0,
                                value,
                                label,
                            })
                        })
                        .collect(),
                    evidence: age.is_some_and(|a| a % 2 == 0),
                };
                // And a dramatic arc on its own 1 to 5 scale.
                let arc = EmotionCurve {
                    id: CurveId::new("curve2"),
                    variant: CurveVariant::AsIs,
                    kind: CurveKind::Engagement,
                    scale: Scale::engagement(),
                    points: emotion
                        .points
                        .iter()
                        .map(|p| EmotionPoint {
                            value: p.value + 3.0,
                            ..p.clone()
                        })
                        .collect(),
                    ..emotion.clone()
                };
                j.emotion_curves = vec![emotion, arc];
                j
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn save_then_load_gives_the_same_document_and_bytes(j in journey()) {
        prop_assert!(j.validate().is_empty(), "generator makes valid maps: {:?}", j.validate());
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("map.journey.ron");
        io::save(&path, &j).expect("saves");
        let first = std::fs::read(&path).expect("read");
        let back = io::load(&path).unwrap_or_else(|e| panic!("{e}\n{}", String::from_utf8_lossy(&first)));
        prop_assert_eq!(&back, &j);
        io::save(&path, &back).expect("saves again");
        prop_assert_eq!(std::fs::read(&path).expect("read"), first);
    }

    #[test]
    fn text_round_trip_without_files(j in journey()) {
        let text = io::to_ron_string(&j).expect("serializes");
        let back = io::from_ron_str(&text, Path::new("m.journey.ron")).expect("loads");
        prop_assert_eq!(back, j);
    }
}
