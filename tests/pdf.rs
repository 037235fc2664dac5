//! PDF export read back with independent readers (poppler's pdfinfo, pdftotext and pdftoppm):
//! pages and paper sizes, every card title as text, pages that look like our PNGs, and the
//! map that comes back out of the PDF.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn journey_map(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_journey-map"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs")
}

/// A poppler tool's output; poppler-utils is a test requirement (`.ci/run` installs it).
fn poppler(tool: &str, args: &[&str]) -> String {
    let o = Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{tool} runs (apt install poppler-utils): {e}"));
    assert!(
        o.status.success(),
        "{tool} {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn examples() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("examples")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| journey_map::io::is_journey_path(p))
        .collect();
    out.sort();
    out
}

fn tempdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("jm-pdf-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn info_field(info: &str, key: &str) -> String {
    info.lines()
        .find_map(|l| l.strip_prefix(key))
        .map(|v| v.trim().to_owned())
        .unwrap_or_else(|| panic!("pdfinfo has no {key}: {info}"))
}

/// Text without its spacing, and with the hyphens that wrapping added at line ends joined.
fn squeezed(text: &str) -> (String, String) {
    let strip = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    (strip(&text.replace("-\n", "")), strip(text))
}

#[test]
fn every_example_exports_to_a_pdf_whose_pages_text_and_map_are_right() {
    let dir = tempdir("examples");
    for map in examples() {
        let j = journey_map::io::load(&map).expect("loads");
        let name = map.file_name().unwrap_or_default().to_string_lossy();
        let pdf = dir.join(format!("{name}.pdf"));
        let pdf_s = pdf.to_string_lossy().to_string();
        let map_s = map.to_string_lossy().to_string();
        let o = journey_map(&[
            "export", &map_s, "-o", &pdf_s, "--preset", "slide", "--pages", "auto",
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        // One PDF page per page of the plan, each a 16:9 slide of 1440×810 points.
        let plan = journey_map::io::export::plan_pages(&j, &Default::default()).expect("plans");
        let info = poppler("pdfinfo", &[&pdf_s]);
        assert_eq!(
            info_field(&info, "Pages:"),
            plan.pages.len().to_string(),
            "{name}"
        );
        assert!(
            info_field(&info, "Page size:").starts_with("1440 x 810 pts"),
            "{name}: {info}"
        );
        assert_eq!(info_field(&info, "Title:"), j.title, "{name}");
        // Every card title is text a reader can find and copy.
        let text = poppler("pdftotext", &[&pdf_s, "-"]);
        let (joined, plain) = squeezed(&text);
        for card in &j.cards {
            let (title, _) = squeezed(&card.title);
            assert!(
                joined.contains(&title) || plain.contains(&title),
                "{name}: {:?} is not in the PDF's text",
                card.title
            );
        }
        // Card pictures are images in the PDF.
        let images = j.cards.iter().filter(|c| c.image.is_some()).count();
        let listed = poppler("pdfimages", &["-list", &pdf_s])
            .lines()
            .count()
            .saturating_sub(2);
        assert!(
            listed >= images,
            "{name}: {listed} images for {images} card pictures"
        );
        // So is every loop-back's label.
        for l in &j.loops {
            let (label, _) = squeezed(&l.label);
            assert!(
                joined.contains(&label) || plain.contains(&label),
                "{name}: loop-back {:?} is not in the PDF's text",
                l.label
            );
        }
        // The PDF opens as the map: check reports what it reports for the map itself.
        let from_pdf = journey_map(&["check", &pdf_s]);
        let from_map = journey_map(&["check", &map_s]);
        assert!(from_pdf.status.success());
        let counts = |o: &Output| {
            let s = String::from_utf8_lossy(&o.stdout).into_owned();
            s.split_once(": ").map(|(_, c)| c.to_owned()).unwrap_or(s)
        };
        assert_eq!(counts(&from_pdf), counts(&from_map), "{name}");
        let back = journey_map::io::load(&pdf).expect("the PDF opens as the map");
        assert_eq!(back, j, "{name}");
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn paper_presets_give_their_paper_size() {
    let dir = tempdir("paper");
    let map = "examples/chocolate-bar.journey.ron";
    for (preset, expected) in [
        ("a4", "(A4)"),
        ("a3", "(A3)"),
        ("a2", "(A2)"),
        ("a1", "(A1)"),
        ("a0", "(A0)"),
        ("slide-4k", "1440 x 810 pts"),
    ] {
        let pdf = dir.join(format!("{preset}.pdf"));
        let pdf_s = pdf.to_string_lossy().to_string();
        let o = journey_map(&["export", map, "-o", &pdf_s, "--preset", preset]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let info = poppler("pdfinfo", &[&pdf_s]);
        assert_eq!(info_field(&info, "Pages:"), "1");
        assert!(
            info_field(&info, "Page size:").contains(expected),
            "{preset}: {info}"
        );
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
    // Down to RGB, whatever the file has.
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
fn pdf_pages_render_like_the_png_pages() {
    let dir = tempdir("looks");
    let map = "examples/webshop-see-think-do-care.journey.ron";
    let png = dir.join("map.png");
    let pdf = dir.join("map.pdf");
    for out in [&png, &pdf] {
        let o = journey_map(&[
            "export",
            map,
            "-o",
            &out.to_string_lossy(),
            "--preset",
            "slide",
            "--pages",
            "auto",
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    // 1440 points at 96 dpi are the PNG's 1920 pixels.
    let prefix = dir.join("pdf");
    poppler(
        "pdftoppm",
        &[
            "-r",
            "96",
            "-png",
            &pdf.to_string_lossy(),
            &prefix.to_string_lossy(),
        ],
    );
    let mut rendered: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("pdf-"))
        })
        .collect();
    rendered.sort();
    assert!(rendered.len() > 1, "several pages: {rendered:?}");
    for (i, page) in rendered.iter().enumerate() {
        let ours = dir.join(format!("map-{}.png", i + 1));
        let (w, h, a) = decode(&ours);
        let (w2, h2, b) = decode(page);
        assert_eq!((w, h), (w2, h2), "page {} size", i + 1);
        // Same boxes, colours and text places. Glyph edges are anti-aliased differently, so
        // compare 8×8 blocks' average colours: a missing card or a wrong colour still shows
        // as whole blocks that differ.
        let blocks = |px: &[u8]| -> Vec<[f64; 3]> {
            let (bw, bh) = (w as usize / 8, h as usize / 8);
            let mut out = vec![[0.0; 3]; bw * bh];
            for y in 0..bh * 8 {
                for x in 0..bw * 8 {
                    let i = (y * w as usize + x) * 3;
                    let b = &mut out[(y / 8) * bw + x / 8];
                    for k in 0..3 {
                        b[k] += f64::from(px[i + k]) / 64.0;
                    }
                }
            }
            out
        };
        let (ba, bb) = (blocks(&a), blocks(&b));
        let diffs: Vec<f64> = ba
            .iter()
            .zip(&bb)
            .map(|(p, q)| (0..3).map(|k| (p[k] - q[k]).abs()).sum::<f64>() / 3.0)
            .collect();
        let mean = diffs.iter().sum::<f64>() / diffs.len() as f64;
        let far = diffs.iter().filter(|d| **d > 24.0).count() as f64 / diffs.len() as f64;
        // (Measured: means 1.3–1.9 and 0.5–1.4 % of blocks; a page's neighbour scores ~10.)
        assert!(mean < 2.5, "page {}: mean difference {mean:.2}", i + 1);
        assert!(
            far < 0.02,
            "page {}: {:.2} % of blocks differ",
            i + 1,
            far * 100.0
        );
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_pdf_without_a_map_is_refused_in_plain_words() {
    let dir = tempdir("foreign");
    let pdf = dir.join("other.pdf");
    std::fs::write(
        &pdf,
        b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n",
    )
    .expect("w");
    let o = journey_map(&["check", &pdf.to_string_lossy()]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("this PDF holds no journey map"), "{err}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_persona_photo_is_drawn_in_the_pdf() {
    let mut j = journey_map::io::load(Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/chocolate-bar.journey.ron"
    )))
    .expect("loads");
    // A pure red photo: the PDF page must show red where the persona's avatar is.
    let mut png = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut png, 32, 32);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        let mut w = enc.write_header().expect("header");
        w.write_image_data(&[255, 0, 0].repeat(32 * 32))
            .expect("pixels");
    }
    j.personas[0].photo = Some(journey_map::io::photo_from_bytes(&png).expect("a photo"));
    let opts = journey_map::io::export::ExportOptions::default();
    let pdf = journey_map::io::export::render_pdf_page(&j, &opts).expect("renders");
    let dir = tempdir("photo");
    let path = dir.join("photo.pdf");
    std::fs::write(&path, &pdf).expect("writes");
    let prefix = dir.join("page");
    poppler(
        "pdftoppm",
        &[
            "-r",
            "96",
            "-png",
            &path.to_string_lossy(),
            &prefix.to_string_lossy(),
        ],
    );
    let (w, _, rgb) = decode(&dir.join("page-1.png"));
    let plan = journey_map::io::export::plan(&j, &opts).expect("plans");
    let (_, card) = &plan.layout.personas[0];
    let avatar = plan.transform.mul_pos(card.min + epaint::vec2(40.0, 40.0));
    let i = (avatar.y as usize * w as usize + avatar.x as usize) * 3;
    let px = &rgb[i..i + 3];
    assert!(
        px[0] > 200 && px[1] < 60 && px[2] < 60,
        "the photo shows: {px:?}"
    );
    let _ = std::fs::remove_dir_all(dir);
}
