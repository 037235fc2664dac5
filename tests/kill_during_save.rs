//! Kill a process at random moments while it saves a large map: the file is always the complete
//! old map or the complete new one, never a mix or a truncation.

use journey_map::generate::generate;
use journey_map::io;
use journey_map::model::Language;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[test]
fn sigkill_during_save_leaves_the_old_or_the_new_map() {
    let rounds: usize = std::env::var("KILL_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(200);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("big.journey.ron");
    let cards = 1500;
    let maps = [
        generate(cards, 1, Language::Nl),
        generate(cards, 2, Language::Nl),
    ];
    io::save(&path, &maps[0]).expect("first version");
    // How long one save takes here, to spread the kills over all of it: the quickest of three
    // runs, since the first one after a build can be several times slower (cold caches), and
    // kills timed by it would mostly land after the process has finished.
    let mut full = u64::MAX;
    for _ in 0..3 {
        let start = Instant::now();
        let status = Command::new(env!("CARGO_BIN_EXE_journey-map"))
            .args([
                "generate",
                "--cards",
                &cards.to_string(),
                "--seed",
                "1",
                "--force",
                "-o",
            ])
            .arg(&path)
            .stdout(Stdio::null())
            .status()
            .expect("runs");
        assert!(status.success());
        full = full.min(start.elapsed().as_micros().max(1000) as u64);
    }
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    let mut killed_mid_way = 0;
    for round in 0..rounds {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let wait = Duration::from_micros(seed % (full + full / 4));
        let version = 1 + round % 2;
        let mut child = Command::new(env!("CARGO_BIN_EXE_journey-map"))
            .args([
                "generate",
                "--cards",
                &cards.to_string(),
                "--seed",
                &version.to_string(),
                "--force",
                "-o",
            ])
            .arg(&path)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawns");
        std::thread::sleep(wait);
        let _ = child.kill(); // SIGKILL on Unix
        let status = child.wait().expect("reaped");
        if !status.success() {
            killed_mid_way += 1;
        }
        let j =
            io::load(&path).unwrap_or_else(|e| panic!("round {round}: the file is broken: {e}"));
        assert!(
            j == maps[0] || j == maps[1],
            "round {round}: the file is neither version"
        );
    }
    assert!(
        killed_mid_way > rounds / 4,
        "most kills should land mid-run ({killed_mid_way} of {rounds})"
    );
}
