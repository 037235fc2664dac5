//! Comparing and merging versions of a map: properties over generated maps, the readable
//! diff, conflicts as note cards, and the CLI's `diff` and `merge`.

use journey_map::compare::{Mark, Review, What, describe, diff, merge};
use journey_map::generate::generate;
use journey_map::model::{CardId, Journey, Language, Slot};
use proptest::prelude::*;

/// A colleague's edits, as a seed says: retitle, move, delete and add cards, rename a phase,
/// raise a curve point. `part` picks which cards it may touch (0: even, 1: odd, None: all),
/// so two colleagues can be made to work on different things.
fn edit(base: &Journey, seed: u64, part: Option<usize>) -> Journey {
    let mut j = base.clone();
    let mut r = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut next = |n: usize| {
        r ^= r << 13;
        r ^= r >> 7;
        r ^= r << 17;
        (r % n.max(1) as u64) as usize
    };
    // Whose a card is goes by its id, so removals on one side never shift it to the other.
    let owner = |id: &CardId| id.as_str().bytes().map(usize::from).sum::<usize>() % 2;
    let columns = j.columns();
    let lanes: Vec<_> = j
        .lanes
        .iter()
        .filter(|l| !l.kind.is_curve())
        .map(|l| l.id.clone())
        .collect();
    for _ in 0..(1 + next(6)) {
        let n = j.cards.len();
        let i = next(n);
        let mine = |i: usize| part.is_none_or(|p| i < n && owner(&j.cards[i].id) == p);
        let mine = mine(i);
        match next(4) {
            0 if mine && n > 0 => j.cards[i].title = format!("retitled {seed} {}", next(1000)),
            1 if mine && n > 0 => {
                j.cards[i].at = columns[next(columns.len())].clone();
                j.cards[i].lane = lanes[next(lanes.len())].clone();
                j.cards[i].span = 1;
            }
            2 if mine && n > 0 => {
                j.cards.remove(i);
            }
            _ => {
                let part_tag = part.map_or(String::new(), |p| format!("p{p}-"));
                let mut c = journey_map::edit::new_card(
                    &j,
                    lanes[next(lanes.len())].clone(),
                    columns[next(columns.len())].clone(),
                    format!("new {seed}"),
                );
                c.id = CardId(format!("new-{part_tag}{seed}-{}", next(1_000_000)));
                if !j.cards.iter().any(|x| x.id == c.id) {
                    j.cards.push(c);
                }
            }
        }
    }
    if part.is_none_or(|p| p == 0) && !j.phases.is_empty() {
        j.phases[0].name = format!("Fase {seed}");
    }
    if part.is_none_or(|p| p == 1)
        && let Some(point) = j
            .emotion_curves
            .first_mut()
            .and_then(|c| c.points.last_mut())
    {
        point.value = if point.value > 0.0 { -1.0 } else { 1.0 };
    }
    j.clamp_spans();
    assert!(j.validate().is_empty(), "{:?}", j.validate().first());
    j
}

fn base(seed: u64) -> Journey {
    generate(
        60,
        seed,
        if seed.is_multiple_of(2) {
            Language::Nl
        } else {
            Language::En
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn a_map_compared_with_itself_has_no_changes(seed in 0u64..1000) {
        let j = base(seed);
        prop_assert!(diff(&j, &j).expect("diff").is_empty());
    }

    #[test]
    fn merging_one_sides_changes_gives_that_side(seed in 0u64..1000, e in 0u64..1000) {
        let b = base(seed);
        let x = edit(&b, e, None);
        let m = merge(&b, &x, &b).expect("merges");
        prop_assert!(m.conflicts.is_empty());
        prop_assert_eq!(&m.journey, &x);
        let m = merge(&b, &b, &x).expect("merges");
        prop_assert_eq!(&m.journey, &x);
    }

    #[test]
    fn edits_to_different_things_both_land(seed in 0u64..1000, e in 0u64..1000) {
        let b = base(seed);
        let (a, c) = (edit(&b, e, Some(0)), edit(&b, e + 7, Some(1)));
        let m = merge(&b, &a, &c).expect("merges");
        prop_assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
        // Every change either side made is in the merge.
        for side in [&a, &c] {
            for change in diff(&b, side).expect("diff") {
                let id = CardId::new(change.id.clone());
                match &change.what {
                    What::Added | What::Moved { .. } if change.kind == journey_map::compare::Kind::Card => {
                        let mine = side.card(&id).expect("on its side");
                        let merged = m.journey.card(&id).expect("in the merge");
                        prop_assert_eq!((&merged.lane, &merged.at), (&mine.lane, &mine.at));
                    }
                    What::Removed if change.kind == journey_map::compare::Kind::Card => {
                        prop_assert!(m.journey.card(&id).is_none());
                    }
                    What::Changed { field, .. } if change.kind == journey_map::compare::Kind::Card && field == "title" => {
                        prop_assert_eq!(&m.journey.card(&id).expect("merged").title, &side.card(&id).expect("side").title);
                    }
                    _ => {}
                }
            }
        }
        prop_assert_eq!(&m.journey.phases[0].name, &a.phases[0].name);
        prop_assert_eq!(
            m.journey.emotion_curves[0].points.last().map(|p| p.value),
            c.emotion_curves[0].points.last().map(|p| p.value)
        );
    }

    #[test]
    fn merge_is_symmetric_up_to_which_side_a_conflict_keeps(seed in 0u64..1000, e in 0u64..1000) {
        let b = base(seed);
        let (x, y) = (edit(&b, e, None), edit(&b, e + 1, None));
        let m1 = merge(&b, &x, &y).expect("merges");
        let m2 = merge(&b, &y, &x).expect("merges");
        prop_assert_eq!(m1.conflicts.len(), m2.conflicts.len());
        let conflicted: Vec<&str> = m1.conflicts.iter().map(|c| c.id.as_str()).collect();
        let notes = |j: &Journey| j.cards.iter().filter(|c| c.title.starts_with("Conflict: ")).count();
        prop_assert_eq!(notes(&m1.journey), m1.conflicts.len());
        let sorted = |j: &Journey| {
            let mut v: Vec<_> = j
                .cards
                .iter()
                .filter(|c| !c.title.starts_with("Conflict: ") && !conflicted.contains(&c.id.as_str()))
                .map(|c| (c.id.clone(), c.title.clone(), c.lane.clone(), c.at.clone()))
                .collect();
            v.sort_by(|a, b| a.0.cmp(&b.0));
            v
        };
        prop_assert_eq!(sorted(&m1.journey), sorted(&m2.journey));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// The compare view: taking over every difference, one at a time, turns the open map
    /// into the other version, each step removing at least the difference taken.
    #[test]
    fn taking_over_each_difference_in_turn_gives_the_other_version(seed in 0u64..1000, e in 0u64..1000) {
        let ours = base(seed);
        let theirs = edit(&ours, e, None);
        let mut here = ours.clone();
        let mut review = Review::new(&here, theirs.clone()).expect("review");
        let mut steps = 0;
        while !review.changes.is_empty() {
            let before = review.changes.len();
            // Some differences need another first (a card on a phase only there): take the
            // first one that can be taken.
            let next = (0..before).find_map(|i| review.take_over(&here, i).ok());
            let Some(j) = next else {
                prop_assert!(false, "nothing could be taken over: {:?}", review.changes);
                unreachable!()
            };
            prop_assert!(j.validate().is_empty());
            here = j;
            review.refresh(&here).expect("refresh");
            prop_assert!(review.changes.len() < before, "a take-over left as many differences");
            steps += 1;
            prop_assert!(steps < 500);
        }
        prop_assert!(diff(&here, &theirs).expect("diff").is_empty());
    }
}

#[test]
fn each_kind_of_difference_has_its_mark_and_sentence() {
    let ours = base(4);
    let mut theirs = ours.clone();
    // there: one card retitled, one moved, one only there; here: one card only here.
    theirs.cards[0].title = "Their title".into();
    let moved = theirs.cards[1].id.clone();
    let other_cell = theirs
        .columns()
        .into_iter()
        .find(|c| *c != theirs.cards[1].at)
        .expect("two columns");
    theirs.cards[1].at = other_cell.clone();
    theirs.cards[1].span = 1;
    let gone_here = theirs.cards[2].id.clone();
    let only_here = CardId("only-here".into());
    let mut ours = ours;
    ours.cards.remove(2);
    let mut extra = journey_map::edit::new_card(
        &ours,
        ours.cards[0].lane.clone(),
        ours.cards[0].at.clone(),
        "Only here",
    );
    extra.id = only_here.clone();
    ours.cards.push(extra);
    let curve = theirs.emotion_curves[0].id.clone();
    let point_at = theirs.emotion_curves[0].points[0].at.clone();
    theirs.emotion_curves[0].points[0].value = if ours.emotion_curves[0].points[0].value > 0.0 {
        -2.0
    } else {
        2.0
    };
    theirs.phases[0].name = "Hun fase".into();
    theirs.clamp_spans();
    let review = Review::new(&ours, theirs.clone()).expect("review");
    let marks: Vec<Mark> = (0..review.changes.len()).map(|i| review.mark(i)).collect();
    let sentences: Vec<String> = (0..review.changes.len())
        .map(|i| review.sentence(i, &ours, Language::En))
        .collect();
    let has = |m: &Mark| marks.contains(m);
    assert!(has(&Mark::Added(only_here.clone())), "{marks:?}");
    assert!(has(&Mark::Ghost(gone_here.clone())), "{marks:?}");
    assert!(has(&Mark::Card(theirs.cards[0].id.clone())), "{marks:?}");
    assert!(
        marks.iter().any(
            |m| matches!(m, Mark::Moved { card, from, .. } if *card == moved && *from == other_cell)
        ),
        "{marks:?}"
    );
    assert!(
        has(&Mark::Point {
            curve,
            at: point_at
        }),
        "{marks:?}"
    );
    assert!(has(&Mark::Phase(theirs.phases[0].id.clone())), "{marks:?}");
    let all = sentences.join("\n");
    for words in [
        "“Only here”: only here",
        ": only there",
        "title: here “",
        "there “Their title”",
        "here in",
        "there in",
        "Hun fase",
    ] {
        assert!(all.contains(words), "{words:?} not in:\n{all}");
    }
    // The map the canvas shows carries the card only there as a ghost, after the open map's
    // cards (so their indexes stay).
    let (shown, ghosts) = review.display(&ours);
    assert_eq!(ghosts, vec![gone_here.clone()]);
    assert_eq!(&shown.cards[..ours.cards.len()], &ours.cards[..]);
    assert_eq!(shown.cards.last().map(|c| &c.id), Some(&gone_here));
    // Taking the ghost over brings the card back where it was there.
    let i = marks
        .iter()
        .position(|m| *m == Mark::Ghost(gone_here.clone()))
        .expect("ghost");
    let back = review.take_over(&ours, i).expect("take over");
    let card = back.card(&gone_here).expect("card back");
    assert_eq!(card, theirs.card(&gone_here).expect("theirs"));
    // And the Dutch list speaks Dutch.
    let nl: Vec<String> = (0..review.changes.len())
        .map(|i| review.sentence(i, &ours, Language::Nl))
        .collect();
    assert!(nl.iter().any(|s| s.contains("alleen daar")), "{nl:?}");
}

#[test]
fn a_card_on_a_phase_only_there_waits_for_its_phase() {
    let ours = base(6);
    let mut theirs = ours.clone();
    let mut phase = theirs.phases[0].clone();
    phase.id = journey_map::model::PhaseId("their-phase".into());
    phase.name = "Nazorg".into();
    phase.steps.clear();
    theirs.phases.push(phase.clone());
    let mut c = journey_map::edit::new_card(
        &theirs,
        theirs
            .lanes
            .iter()
            .find(|l| !l.kind.is_curve())
            .expect("lane")
            .id
            .clone(),
        Slot::phase(phase.id.clone()),
        "Follow-up call",
    );
    c.id = CardId("their-card".into());
    theirs.cards.push(c);
    let review = Review::new(&ours, theirs).expect("review");
    let card = (0..review.changes.len())
        .find(|i| review.mark(*i) == Mark::Ghost(CardId("their-card".into())))
        .expect("card only there");
    let refused = review
        .take_over(&ours, card)
        .expect_err("its phase is not here");
    assert!(refused.contains("take that over first"), "{refused}");
    assert!(
        !refused.contains("Journey") && !refused.contains("PhaseId"),
        "{refused}"
    );
    // The phase first, then the card.
    let phase_i = (0..review.changes.len())
        .find(|i| review.changes[*i].id == "their-phase")
        .expect("phase only there");
    let with_phase = review.take_over(&ours, phase_i).expect("phase");
    let review = Review::new(&with_phase, review.other.clone()).expect("review");
    let card = (0..review.changes.len())
        .find(|i| review.mark(*i) == Mark::Ghost(CardId("their-card".into())))
        .expect("card only there");
    let done = review
        .take_over(&with_phase, card)
        .expect("card after its phase");
    assert!(done.card(&CardId("their-card".into())).is_some());
}

#[test]
fn the_diff_reads_as_sentences() {
    let a = journey_map::templates::Template::Blank.build(Language::En);
    let mut b = a.clone();
    let mut c = journey_map::edit::new_card(&b, "l3".into(), Slot::phase("p1"), "Poster");
    c.id = CardId::new("c1");
    let mut a2 = a.clone();
    a2.cards.push(c.clone());
    c.lane = "l2".into();
    c.at = Slot::phase("p2");
    c.title = "Poster at the station".into();
    b.cards.push(c);
    b.phases[0].name = "Need".into();
    b.emotion_curves[0].points[1].value = 2.0;
    b.phases.swap(1, 2);
    let lines: Vec<String> = diff(&a2, &b)
        .expect("diff")
        .iter()
        .map(|ch| describe(ch, &b, Language::En))
        .collect();
    for expected in [
        "phase “Need” name: “Phase 1” → “Need”",
        "phases reordered: Phase 1, Phase 2, Phase 3 → Need, Phase 3, Phase 2",
        "card “Poster at the station” moved from Touchpoints, Phase 1 to Thoughts, Phase 2",
        "card “Poster at the station” title: “Poster” → “Poster at the station”",
        "curve “Persona (as-is)”, Phase 2: 0.0 → 2.0",
    ] {
        assert!(
            lines.iter().any(|l| l == expected),
            "{expected:?} in {lines:#?}"
        );
    }
}

#[test]
fn the_same_title_changed_two_ways_keeps_ours_and_says_so_in_the_cell() {
    let mut base = journey_map::templates::Template::Blank.build(Language::En);
    let mut c = journey_map::edit::new_card(&base, "l1".into(), Slot::phase("p2"), "Pay");
    c.id = CardId::new("c1");
    base.cards.push(c);
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    ours.cards[0].title = "Pay by card".into();
    theirs.cards[0].title = "Pay by phone".into();
    theirs.phases[2].name = "After".into();
    let m = merge(&base, &ours, &theirs).expect("merges");
    assert_eq!(m.conflicts.len(), 1);
    assert_eq!(m.journey.cards[0].title, "Pay by card", "ours kept");
    assert_eq!(
        m.journey.phases[2].name, "After",
        "their other change lands"
    );
    let note = m.journey.cards.last().expect("a note");
    assert_eq!(
        note.title,
        "Conflict: card “Pay by card”: title was “Pay by card” here, “Pay by phone” there"
    );
    assert_eq!(
        (note.lane.as_str(), note.at.clone()),
        ("l1", Slot::phase("p2"))
    );
    assert!(m.journey.validate().is_empty());
}

#[test]
fn a_phase_removed_here_with_new_cards_there_is_kept() {
    let base = journey_map::templates::Template::Blank.build(Language::En);
    let mut ours = base.clone();
    ours.phases.retain(|p| p.id.as_str() != "p3");
    ours.emotion_curves[0]
        .points
        .retain(|p| p.at.phase.as_str() != "p3");
    let mut theirs = base.clone();
    let mut c = journey_map::edit::new_card(&theirs, "l1".into(), Slot::phase("p3"), "Late idea");
    c.id = CardId::new("c9");
    theirs.cards.push(c);
    let m = merge(&base, &ours, &theirs).expect("merges");
    assert!(m.journey.phase(&"p3".into()).is_some(), "nothing lost");
    assert!(m.journey.card(&CardId::new("c9")).is_some());
    assert_eq!(m.conflicts.len(), 1);
}

fn journey_map(args: &[&str], dir: &std::path::Path) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_journey-map"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("runs")
}

fn git(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.invalid")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.invalid")
        .output()
        .expect("git runs")
}

#[test]
fn diff_and_merge_on_the_command_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let example = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/chocolate-bar.journey.ron"
    );
    let base = journey_map::io::load(std::path::Path::new(example)).expect("loads");
    let mut theirs = base.clone();
    theirs.cards[0].title = "Loopt langs de kiosk op perron 7".into();
    journey_map::io::save(&d.join("a.journey.ron"), &base).expect("saves");
    journey_map::io::save(&d.join("b.journey.ron"), &theirs).expect("saves");
    let same = journey_map(&["diff", "a.journey.ron", "a.journey.ron"], d);
    assert_eq!(same.status.code(), Some(0));
    assert!(same.stdout.is_empty());
    let o = journey_map(&["diff", "a.journey.ron", "b.journey.ron"], d);
    assert_eq!(o.status.code(), Some(1), "different, like diff");
    assert_eq!(
        String::from_utf8_lossy(&o.stdout).trim(),
        "kaartje “Loopt langs de kiosk op perron 7” titel: “Loopt langs de kiosk op perron 5” → “Loopt langs de kiosk op perron 7”"
    );
    let json = journey_map(&["diff", "a.journey.ron", "b.journey.ron", "--json"], d);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    assert_eq!(v[0]["change"], "changed");
    assert_eq!(v[0]["field"], "title");
    // A picture exported from the map compares with the map.
    let png = d.join("a.png");
    assert!(
        journey_map(&["export", "a.journey.ron", "-o", "a.png"], d)
            .status
            .success()
    );
    let o = journey_map(&["diff", &png.to_string_lossy(), "a.journey.ron"], d);
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn git_merges_two_branches_of_a_map_with_the_merge_driver() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let bin = env!("CARGO_BIN_EXE_journey-map");
    assert!(git(d, &["init", "-q", "-b", "main"]).status.success());
    // The two lines the README gives.
    std::fs::write(
        d.join(".gitattributes"),
        "*.journey.ron merge=journey-map\n",
    )
    .expect("write");
    assert!(
        git(
            d,
            &[
                "config",
                "merge.journey-map.driver",
                &format!("{bin} merge %O %A %B -o %A")
            ]
        )
        .status
        .success()
    );
    let example = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/chocolate-bar.journey.ron"
    );
    let map = d.join("kiosk.journey.ron");
    std::fs::copy(example, &map).expect("copy");
    git(d, &["add", "."]);
    assert!(git(d, &["commit", "-q", "-m", "base"]).status.success());
    let edit = |f: &dyn Fn(&mut Journey)| {
        let mut j = journey_map::io::load(&map).expect("loads");
        f(&mut j);
        journey_map::io::save(&map, &j).expect("saves");
    };
    git(d, &["checkout", "-q", "-b", "anna"]);
    edit(&|j| j.cards[0].title = "Anna's title".into());
    git(d, &["commit", "-q", "-am", "anna"]);
    git(d, &["checkout", "-q", "main"]);
    edit(&|j| {
        let last = j.cards.len() - 1;
        j.cards[last].title = "Bram's title".into();
    });
    git(d, &["commit", "-q", "-am", "bram"]);
    let m = git(d, &["merge", "-q", "anna", "-m", "merge"]);
    assert!(m.status.success(), "{}", String::from_utf8_lossy(&m.stderr));
    let check = journey_map(&["check", "kiosk.journey.ron"], d);
    assert!(check.status.success(), "the merged map checks clean");
    let j = journey_map::io::load(&map).expect("loads");
    assert_eq!(j.cards[0].title, "Anna's title");
    assert!(j.cards.iter().any(|c| c.title == "Bram's title"));
    // The same card retitled on both branches: git reports the conflict, the map says where.
    git(d, &["checkout", "-q", "-b", "cees"]);
    edit(&|j| j.cards[1].title = "Cees".into());
    git(d, &["commit", "-q", "-am", "cees"]);
    git(d, &["checkout", "-q", "main"]);
    edit(&|j| j.cards[1].title = "Dirk".into());
    git(d, &["commit", "-q", "-am", "dirk"]);
    let m = git(d, &["merge", "-q", "cees", "-m", "merge"]);
    assert!(!m.status.success(), "a conflict stops the merge");
    let text = std::fs::read_to_string(&map).expect("read");
    assert!(
        !text.contains("<<<<<<<"),
        "no text conflict markers in a map"
    );
    let j = journey_map::io::load(&map).expect("the conflicted map still opens");
    assert_eq!(j.cards[1].title, "Dirk", "ours kept");
    assert!(
        j.cards
            .iter()
            .any(|c| c.title == "Conflict: card “Dirk”: title was “Dirk” here, “Cees” there")
    );
}
