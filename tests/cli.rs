//! The command line as a user types it.

use std::path::Path;
use std::process::{Command, Output};

fn journey_map(args: &[&str]) -> Output {
    journey_map_in(args, "C.UTF-8")
}

/// With the locale `lang` (refusals follow it).
fn journey_map_in(args: &[&str], lang: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_journey-map"))
        .args(args)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", lang)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn check_prints_one_summary_line_per_example() {
    let o = journey_map(&[
        "check",
        "examples/chocolate-bar.journey.ron",
        "examples/fulfilment-partner.journey.ron",
        "examples/webshop-see-think-do-care.journey.ron",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<_> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(
        lines[1].starts_with("ok examples/fulfilment-partner.journey.ron: 10 phases, "),
        "{out}"
    );
    for line in lines {
        assert!(
            line.contains(" lanes, ")
                && line.contains(" cards, ")
                && line.contains("emotion point"),
            "{line}"
        );
    }
}

#[test]
fn refusals_follow_the_users_language() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bad = dir.path().join("leeg.journey.ron");
    std::fs::write(&bad, "").expect("write");
    let broken = dir.path().join("kapot.journey.ron");
    std::fs::write(&broken, "(version: 1, journey: (title: 12))").expect("write");
    let bad = bad.to_str().expect("utf8");
    let broken = broken.to_str().expect("utf8");
    let en = stderr(&journey_map(&["check", bad]));
    assert!(en.contains(":1:1: the file is empty;"), "{en}");
    let nl = stderr(&journey_map_in(&["check", bad], "nl_NL.UTF-8"));
    assert!(
        nl.contains(":1:1: het bestand is leeg; een journey map begint met"),
        "{nl}"
    );
    let nl = stderr(&journey_map_in(&["check", broken], "nl_BE.UTF-8"));
    assert!(nl.contains("verwacht") && !nl.contains("expected"), "{nl}");
}

#[test]
fn check_fails_with_file_line_and_column() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bad = dir.path().join("bad.journey.ron");
    std::fs::write(
        &bad,
        "(\n    version: 1,\n    journey: (\n        title: 12,\n",
    )
    .expect("write");
    let good = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/chocolate-bar.journey.ron");
    let o = journey_map(&[
        "check",
        good.to_str().expect("utf8"),
        bad.to_str().expect("utf8"),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).starts_with("ok "),
        "the good file is still reported"
    );
    let err = stderr(&o);
    assert!(err.contains(&format!("{}:4:", bad.display())), "{err}");
}

#[test]
fn new_creates_a_map_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("kooi.journey.ron");
    let out_s = out.to_str().expect("utf8");
    let o = journey_map(&[
        "new",
        "--template",
        "van-der-kooi-10",
        "--lang",
        "nl",
        "-o",
        out_s,
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(&out).expect("written");
    assert!(text.contains("Latente behoefte") && text.contains("Ambassadeursfase"));
    let check = journey_map(&["check", out_s]);
    assert!(check.status.success());

    std::fs::write(&out, "precious").expect("write");
    let o = journey_map(&["new", "--template", "blank", "-o", out_s]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("--force"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&out).expect("read"), "precious");
    let o = journey_map(&["new", "--template", "blank", "-o", out_s, "--force"]);
    assert!(o.status.success());
    assert_ne!(std::fs::read_to_string(&out).expect("read"), "precious");

    let o = journey_map(&["new", "--template", "nope", "-o", out_s]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("pondres-9"), "lists the real names");
}

#[test]
fn templates_lists_every_template() {
    let o = journey_map(&["templates"]);
    assert!(o.status.success());
    let out = stdout(&o);
    for key in [
        "blank",
        "pondres-9",
        "van-der-kooi-10",
        "data-5",
        "see-think-do-care",
    ] {
        assert!(out.lines().any(|l| l.starts_with(key)), "{key} in {out}");
    }
}

#[test]
fn fmt_rewrites_a_hand_edited_file_into_canonical_layout() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("m.journey.ron");
    let canonical = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/chocolate-bar.journey.ron"),
    )
    .expect("example");
    std::fs::write(&path, canonical.replace('\n', "\r\n")).expect("write");
    let p = path.to_str().expect("utf8");
    let o = journey_map(&["fmt", "--check", p]);
    assert_eq!(o.status.code(), Some(1));
    let o = journey_map(&["fmt", p]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&path).expect("read"), canonical);
}

#[test]
fn channels_lists_the_builtin_channel_names() {
    let o = journey_map(&["channels"]);
    assert!(o.status.success());
    let out = stdout(&o);
    assert!(out.lines().count() >= 20, "{out}");
    assert!(
        out.lines()
            .any(|l| l.starts_with("Website ") && l.contains("online")),
        "{out}"
    );
    assert!(
        out.lines()
            .any(|l| l.starts_with("WordOfMouth ") && l.contains("Mond-tot-mond")),
        "{out}"
    );
}

#[test]
fn export_counts_what_one_page_shortens_and_pages_auto_shows_it_all() {
    let dir = tempfile::tempdir().expect("temp dir");
    let one = dir.path().join("choc.png");
    let o = journey_map(&[
        "export",
        "examples/chocolate-bar.journey.ron",
        "-o",
        one.to_str().expect("utf-8"),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let counted = out
        .lines()
        .find_map(|l| {
            l.strip_suffix(" texts shortened to fit one page; --pages auto shows them all")
        })
        .unwrap_or_else(|| panic!("says what it shortened: {out}"));
    assert!(counted.parse::<usize>().expect("a count") > 0);
    assert!(one.exists());
    let paged = dir.path().join("ful.svg");
    let o = journey_map(&[
        "export",
        "examples/fulfilment-partner.journey.ron",
        "-o",
        paged.to_str().expect("utf-8"),
        "--pages",
        "auto",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let pages: Vec<_> = (1..=20)
        .map(|n| dir.path().join(format!("ful-{n}.svg")))
        .take_while(|p| p.exists())
        .collect();
    assert!(
        pages.len() >= 3,
        "an overview and detail pages: {}",
        stdout(&o)
    );
    assert!(!paged.exists());
    for p in &pages {
        let svg = std::fs::read_to_string(p).expect("svg");
        let last = pages.len().to_string();
        assert!(
            svg.contains(&format!(" / {last}")),
            "{} has a footer",
            p.display()
        );
    }
    // A page opens as the whole map.
    let o = journey_map(&["check", pages[2].to_str().expect("utf-8")]);
    assert!(stdout(&o).contains("10 phases"), "{}", stdout(&o));
}
