//! PowerPoint export read back with independent readers: python-pptx (slides, shapes, text,
//! notes) and LibreOffice Impress (renders the deck; the overview slide must look like our PNG).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn journey_map(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_journey-map"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs")
}

fn tempdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("jm-pptx-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// What python-pptx reads from a deck: per slide its shape count, its texts and its notes.
const READ_DECK: &str = r#"
import json, sys
from pptx import Presentation
deck = Presentation(sys.argv[1])
out = {"width": deck.slide_width, "height": deck.slide_height, "slides": []}
for slide in deck.slides:
    texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame and s.text_frame.text]
    notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
    pictures = sum(1 for s in slide.shapes if s.shape_type == 13)
    out["slides"].append({"shapes": len(slide.shapes), "texts": texts, "notes": notes, "pictures": pictures})
print(json.dumps(out))
"#;

fn read_deck(path: &Path) -> serde_json::Value {
    let o = Command::new("python3")
        .args(["-c", READ_DECK, &path.to_string_lossy()])
        .output()
        .expect("python3 runs (python-pptx: .ci/run installs it)");
    assert!(
        o.status.success(),
        "python-pptx reads the deck: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&o.stdout).expect("json")
}

fn squeezed(text: &str) -> String {
    text.replace("-\n", "")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

#[test]
fn every_example_exports_to_a_deck_of_editable_shapes_with_notes_and_the_map_inside() {
    let dir = tempdir("examples");
    let examples = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples"))
        .expect("examples")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| journey_map::io::is_journey_path(p));
    for map in examples {
        let j = journey_map::io::load(&map).expect("loads");
        let name = map
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let deck = dir.join(format!("{name}.pptx"));
        let (deck_s, map_s) = (
            deck.to_string_lossy().to_string(),
            map.to_string_lossy().to_string(),
        );
        let o = journey_map(&["export", &map_s, "-o", &deck_s, "--pages", "auto"]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let read = read_deck(&deck);
        let plan = journey_map::io::export::plan_pages(&j, &Default::default()).expect("plans");
        let slides = read["slides"].as_array().expect("slides");
        assert_eq!(slides.len(), plan.pages.len(), "{name}: a slide per page");
        // 16:9.
        let (w, h) = (
            read["width"].as_f64().unwrap_or(0.0),
            read["height"].as_f64().unwrap_or(1.0),
        );
        assert!((w / h - 16.0 / 9.0).abs() < 0.01, "{name}: {w}×{h}");
        let mut all_text = String::new();
        let mut shapes = 0;
        for (slide, page) in slides.iter().zip(&plan.pages) {
            shapes += slide["shapes"].as_u64().unwrap_or(0);
            for t in slide["texts"].as_array().into_iter().flatten() {
                all_text.push_str(t.as_str().unwrap_or_default());
                all_text.push('\n');
            }
            // The notes name every phase the slide shows.
            let notes = slide["notes"].as_str().unwrap_or_default();
            for p in &page.journey.phases {
                assert!(
                    notes.contains(&p.name),
                    "{name}: notes lack {:?}: {notes:?}",
                    p.name
                );
            }
        }
        assert!(shapes as usize >= j.cards.len(), "{name}: {shapes} shapes");
        // Card pictures are pictures in the deck (the overview slide shows them all).
        let images = j.cards.iter().filter(|c| c.image.is_some()).count();
        let first = slides[0]["pictures"].as_u64().unwrap_or(0) as usize;
        assert!(
            first >= images,
            "{name}: {first} pictures for {images} card images"
        );
        let text = squeezed(&all_text);
        let plain: String = all_text.chars().filter(|c| !c.is_whitespace()).collect();
        for card in &j.cards {
            let title = squeezed(&card.title);
            assert!(
                text.contains(&title) || plain.contains(&title),
                "{name}: {:?} is not shape text in the deck",
                card.title
            );
        }
        for l in &j.loops {
            let label = squeezed(&l.label);
            assert!(
                text.contains(&label) || plain.contains(&label),
                "{name}: loop-back {:?} is not shape text in the deck",
                l.label
            );
        }
        // The deck opens as the map, and check counts the same.
        let counts = |o: &Output| {
            let s = String::from_utf8_lossy(&o.stdout).into_owned();
            s.split_once(": ").map(|(_, c)| c.to_owned()).unwrap_or(s)
        };
        assert_eq!(
            counts(&journey_map(&["check", &deck_s])),
            counts(&journey_map(&["check", &map_s])),
            "{name}"
        );
        assert_eq!(journey_map::io::load(&deck).expect("opens"), j, "{name}");
    }
    let _ = std::fs::remove_dir_all(dir);
}

fn decode(path: &Path) -> (u32, u32, Vec<u8>) {
    let file = std::fs::File::open(path).expect("png");
    let mut decoder = png::Decoder::new(std::io::BufReader::new(file));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().expect("png info");
    let mut buf = vec![0; reader.output_buffer_size().expect("size")];
    let frame = reader.next_frame(&mut buf).expect("png frame");
    let channels = frame.color_type.samples();
    let rgb: Vec<u8> = buf[..frame.buffer_size()]
        .chunks_exact(channels)
        .flat_map(|p| match p.len() {
            1 | 2 => [p[0], p[0], p[0]],
            _ => [p[0], p[1], p[2]],
        })
        .collect();
    (frame.width, frame.height, rgb)
}

#[test]
fn libreoffice_renders_the_overview_slide_like_our_png() {
    if Command::new("soffice").arg("--version").output().is_err() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must provide LibreOffice Impress (.ci/run installs it)"
        );
        eprintln!("skipped: needs soffice (apt-get install libreoffice-impress)");
        return;
    }
    let dir = tempdir("render");
    let map = "examples/webshop-see-think-do-care.journey.ron";
    let deck = dir.join("map.pptx");
    let png = dir.join("map.png");
    for out in [&deck, &png] {
        let o = journey_map(&[
            "export",
            map,
            "-o",
            &out.to_string_lossy(),
            "--pages",
            "auto",
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let profile = format!("file://{}", dir.join("profile").display());
    let o = Command::new("soffice")
        .args([
            &format!("-env:UserInstallation={profile}"),
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            &dir.to_string_lossy(),
            &deck.to_string_lossy(),
        ])
        .output()
        .expect("soffice runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let pdf = dir.join("map.pdf");
    assert!(pdf.exists(), "LibreOffice rendered the deck");
    // The first slide at 1920 pixels wide, beside our PNG of the same page.
    let prefix = dir.join("lo");
    let o = Command::new("pdftoppm")
        .args([
            "-f",
            "1",
            "-l",
            "1",
            "-scale-to-x",
            "1920",
            "-scale-to-y",
            "1080",
            "-png",
            &pdf.to_string_lossy(),
            &prefix.to_string_lossy(),
        ])
        .output()
        .expect("pdftoppm runs");
    assert!(o.status.success());
    let rendered = std::fs::read_dir(&dir)
        .expect("dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("lo-"))
        })
        .expect("a rendered slide");
    let (w, h, a) = decode(&dir.join("map-1.png"));
    let (w2, h2, b) = decode(&rendered);
    assert_eq!((w, h), (w2, h2));
    // Compare 16×16 blocks' average colours: fonts differ (LibreOffice may lack Ubuntu), so the
    // slide agrees in its boxes, colours and places, not glyph by glyph.
    let n = 16usize;
    let (bw, bh) = (w as usize / n, h as usize / n);
    let block = |px: &[u8], bx: usize, by: usize| {
        let mut s = [0f64; 3];
        for y in by * n..(by + 1) * n {
            for x in bx * n..(bx + 1) * n {
                let i = (y * w as usize + x) * 3;
                for k in 0..3 {
                    s[k] += f64::from(px[i + k]);
                }
            }
        }
        s.map(|v| v / (n * n) as f64)
    };
    let mut total = 0.0;
    let mut far = 0usize;
    for by in 0..bh {
        for bx in 0..bw {
            let (p, q) = (block(&a, bx, by), block(&b, bx, by));
            let d = (0..3).map(|k| (p[k] - q[k]).abs()).sum::<f64>() / 3.0;
            total += d;
            far += usize::from(d > 40.0);
        }
    }
    let mean = total / (bw * bh) as f64;
    let far = far as f64 / (bw * bh) as f64;
    assert!(mean < 6.0, "mean block difference {mean:.2}");
    assert!(far < 0.03, "{:.2} % of blocks differ", far * 100.0);
    let _ = std::fs::remove_dir_all(dir);
}
