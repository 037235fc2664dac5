//! Export: sizes, transparency, SVG validity, the map inside the picture, golden images, and
//! the legibility rules of the infographic over every example and template.

use journey_map::io::export::{ExportOptions, ExportTheme, Size};
use journey_map::io::{self, export};
use journey_map::model::{Journey, Language};
use journey_map::templates::Template;
use std::path::{Path, PathBuf};

fn examples() -> Vec<(String, Journey)> {
    let mut out: Vec<(String, Journey)> =
        std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/examples"))
            .expect("examples")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| io::is_journey_path(p))
            .map(|p| {
                let name = p
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                (name, io::load(&p).unwrap_or_else(|e| panic!("{e}")))
            })
            .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn all_maps() -> Vec<(String, Journey)> {
    let mut maps = examples();
    for t in Template::ALL {
        for lang in Language::ALL {
            maps.push((format!("template {} ({lang})", t.key()), t.build(lang)));
        }
    }
    maps
}

fn png_size(bytes: &[u8]) -> (u32, u32) {
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let reader = decoder.read_info().expect("a PNG");
    (reader.info().width, reader.info().height)
}

fn decode_rgba(bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut buf).expect("pixels");
    assert_eq!(info.color_type, png::ColorType::Rgba);
    (info.width, info.height, buf)
}

#[test]
fn every_example_exports_to_png_and_svg_at_the_exact_size() {
    for (name, j) in examples() {
        let png = export::render_png(&j, &ExportOptions::default()).expect("renders");
        assert_eq!(png_size(&png), (1920, 1080), "{name}");
        let svg = export::render_svg(&j, &ExportOptions::default()).expect("renders");
        let doc = roxmltree::Document::parse(&svg)
            .unwrap_or_else(|e| panic!("{name}: SVG not well-formed: {e}"));
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "svg");
        assert_eq!(root.attribute("width"), Some("1920"));
        assert!(
            doc.descendants().filter(|n| n.has_tag_name("text")).count() > 50,
            "{name}: text as text"
        );
        assert!(
            doc.descendants().filter(|n| n.has_tag_name("path")).count() > 5,
            "{name}: icons as paths"
        );
        // Loop-back labels are text in the drawing.
        let texts: String = doc
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .filter_map(|n| n.text())
            .collect::<Vec<_>>()
            .join(" ");
        for l in &j.loops {
            assert!(
                texts.contains(&l.label),
                "{name}: {:?} not in the SVG",
                l.label
            );
        }
        // Card pictures are images in the drawing.
        let images = j.cards.iter().filter(|c| c.image.is_some()).count();
        let drawn = doc
            .descendants()
            .filter(|n| n.has_tag_name("image"))
            .count();
        assert!(
            drawn >= images,
            "{name}: {drawn} images for {images} card pictures"
        );
        // So are a funnel's counts.
        for lane in j.lanes.iter().filter(|l| l.visible) {
            let Some(count) = &lane.funnel else { continue };
            for k in j.kpis.iter().filter(|k| &k.name == count) {
                assert!(
                    texts.contains(k.value.trim()),
                    "{name}: funnel count {:?}",
                    k.value
                );
            }
        }
    }
}

#[test]
fn sizes_follow_the_options() {
    let j = Template::Pondres9.build(Language::Nl);
    let map = export::plan(
        &j,
        &ExportOptions {
            size: Size::Scale(1.0),
            ..Default::default()
        },
    )
    .expect("plans");
    let (mw, mh) = (map.width, map.height);
    for (size, expected) in [
        (
            Size::Fit {
                width: 3840,
                height: 2160,
            },
            (3840, 2160),
        ),
        (
            Size::Fit {
                width: 3508,
                height: 2480,
            },
            (3508, 2480),
        ),
        (
            Size::Width(1000),
            (1000, (mh as f32 * 1000.0 / mw as f32).round() as u32),
        ),
        (
            Size::Height(700),
            ((mw as f32 * 700.0 / mh as f32).round() as u32, 700),
        ),
        (
            Size::Scale(0.5),
            (
                (mw as f32 * 0.5).round() as u32,
                (mh as f32 * 0.5).round() as u32,
            ),
        ),
    ] {
        let opts = ExportOptions {
            size,
            ..Default::default()
        };
        let p = export::plan(&j, &opts).expect("plans");
        assert_eq!((p.width, p.height), expected, "{size:?}");
        if matches!(size, Size::Width(_) | Size::Height(_) | Size::Scale(_)) {
            let png = export::render_png(&j, &opts).expect("renders");
            assert_eq!(png_size(&png), expected, "{size:?}");
        }
    }
}

#[test]
fn the_map_fits_centred_never_cropped_or_stretched() {
    let j = Template::Blank.build(Language::En);
    let p = export::plan(&j, &ExportOptions::default()).expect("plans");
    let map = p.transform.mul_rect(p.layout.bounds);
    assert!(map.min.x >= -0.5 && map.min.y >= -0.5, "{map:?}");
    assert!(map.max.x <= 1920.5 && map.max.y <= 1080.5, "{map:?}");
    let touches_sides = (map.width() - 1920.0).abs() < 1.0 || (map.height() - 1080.0).abs() < 1.0;
    assert!(touches_sides, "fills the page in one direction: {map:?}");
    let centred = ((map.min.x - (1920.0 - map.max.x)).abs() < 1.0)
        && ((map.min.y - (1080.0 - map.max.y)).abs() < 1.0);
    assert!(centred, "{map:?}");
}

#[test]
fn a_transparent_export_has_alpha_around_the_map() {
    let j = Template::Blank.build(Language::En);
    let opts = ExportOptions {
        size: Size::Fit {
            width: 1200,
            height: 1200,
        },
        transparent: true,
        ..Default::default()
    };
    let (w, h, px) = decode_rgba(&export::render_png(&j, &opts).expect("renders"));
    let alpha = |x: u32, y: u32| px[((y * w + x) * 4 + 3) as usize];
    assert_eq!(alpha(0, 0), 0);
    assert_eq!(alpha(w - 1, h - 1), 0);
    let p = export::plan(&j, &opts).expect("plans");
    let phase = p.transform.mul_rect(p.layout.phases[0].rect).center();
    assert_eq!(
        alpha(phase.x as u32, phase.y as u32),
        255,
        "the map itself is opaque"
    );
    let opaque = export::render_png(
        &j,
        &ExportOptions {
            transparent: false,
            ..opts
        },
    )
    .expect("renders");
    let (_, _, px) = decode_rgba(&opaque);
    assert_eq!(px[3], 255);
}

#[test]
fn a_dark_export_is_dark() {
    let j = Template::Blank.build(Language::En);
    let opts = ExportOptions {
        size: Size::Width(600),
        theme: ExportTheme::Dark,
        ..Default::default()
    };
    let (_, _, px) = decode_rgba(&export::render_png(&j, &opts).expect("renders"));
    assert!(px[0] < 60 && px[1] < 60 && px[2] < 60, "{:?}", &px[..4]);
}

#[test]
fn absurd_sizes_are_refused_before_any_allocation() {
    let j = Template::Blank.build(Language::En);
    for size in [
        Size::Width(100_000),
        Size::Height(20_000),
        Size::Scale(1e9),
        Size::Scale(f32::INFINITY),
        Size::Fit {
            width: 16_001,
            height: 16_001,
        },
        Size::Fit {
            width: 16_385,
            height: 10,
        },
    ] {
        match export::plan(
            &j,
            &ExportOptions {
                size,
                ..Default::default()
            },
        ) {
            Err(e) => assert!(e.to_string().contains("too large"), "{e}"),
            Ok(p) => panic!("{size:?} accepted as {}×{}", p.width, p.height),
        }
    }
    assert!(
        export::plan(
            &j,
            &ExportOptions {
                size: Size::Scale(0.0),
                ..Default::default()
            }
        )
        .is_err()
    );
    assert!(
        export::plan(
            &j,
            &ExportOptions {
                size: Size::Width(0),
                ..Default::default()
            }
        )
        .is_err()
    );
    let e = export::render_png(
        &j,
        &ExportOptions {
            size: Size::Width(90_000),
            ..Default::default()
        },
    );
    assert!(e.is_err(), "render refuses too");
}

#[test]
fn the_picture_carries_the_map_and_opens_as_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, j) in examples() {
        for ext in ["png", "svg"] {
            let path = dir.path().join(format!("{name}.{ext}"));
            export::export_file(
                &j,
                &path,
                &ExportOptions {
                    size: Size::Width(800),
                    ..Default::default()
                },
            )
            .expect("exports");
            let back = io::load(&path).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(back, j, "{name} through {ext}");
        }
    }
    // An image that is not ours says so.
    let plain = dir.path().join("plain.png");
    let mut bytes = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut bytes, 2, 2);
        enc.set_color(png::ColorType::Rgba);
        enc.set_depth(png::BitDepth::Eight);
        enc.write_header()
            .expect("header")
            .write_image_data(&[0; 16])
            .expect("data");
    }
    std::fs::write(&plain, &bytes).expect("write");
    let e = io::load(&plain).expect_err("no map");
    assert!(e.to_string().contains("holds no journey map"), "{e}");
}

#[test]
fn a_failed_export_leaves_nothing_behind() {
    let dir = tempfile::tempdir().expect("temp dir");
    let j = Template::Blank.build(Language::En);
    let target = dir.path().join("map.png");
    std::fs::write(&target, b"previous").expect("write");
    let e = export::export_file(
        &j,
        &target,
        &ExportOptions {
            size: Size::Width(90_000),
            ..Default::default()
        },
    );
    assert!(e.is_err());
    assert_eq!(std::fs::read(&target).expect("read"), b"previous");
    assert_eq!(std::fs::read_dir(dir.path()).expect("list").count(), 1);
    assert!(
        export::export_file(&j, &dir.path().join("map.gif"), &ExportOptions::default()).is_err()
    );
}

fn golden_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(format!("{name}.png"))
}

/// Small renders of the examples compared with checked-in images. Regenerate deliberately with
/// `JOURNEY_MAP_BLESS=1 cargo test --test export golden` and look at every image you commit.
#[test]
fn golden_images_of_the_examples() {
    let bless = std::env::var_os("JOURNEY_MAP_BLESS").is_some();
    for (name, j) in examples() {
        let stem = name.trim_end_matches(".journey.ron");
        let opts = ExportOptions {
            size: Size::Fit {
                width: 960,
                height: 540,
            },
            ..Default::default()
        };
        let png = export::render_png(&j, &opts).expect("renders");
        let path = golden_path(stem);
        if bless {
            std::fs::write(&path, &png).expect("bless");
            continue;
        }
        let golden = std::fs::read(&path)
            .unwrap_or_else(|_| panic!("{} missing: run with JOURNEY_MAP_BLESS=1", path.display()));
        let (w1, h1, a) = decode_rgba(&png);
        let (w2, h2, b) = decode_rgba(&golden);
        assert_eq!((w1, h1), (w2, h2), "{stem}");
        let diff: u64 = a
            .iter()
            .zip(&b)
            .map(|(x, y)| u64::from(x.abs_diff(*y)))
            .sum();
        let mean = diff as f64 / a.len() as f64;
        let off = a
            .chunks(4)
            .zip(b.chunks(4))
            .filter(|(p, q)| p.iter().zip(*q).any(|(x, y)| x.abs_diff(*y) > 48))
            .count();
        assert!(
            mean < 0.5 && off < 200,
            "{stem}: mean difference {mean:.3}, {off} pixels differ clearly"
        );
    }
}

// ---- Legibility: the infographic rules, checked on the shapes of every map at 1920×1080 ----

fn contrast(a: epaint::Color32, b: epaint::Color32) -> f32 {
    let lum = |c: epaint::Color32| {
        let [r, g, b, _] = c.to_srgba_unmultiplied();
        journey_map::model::Rgb(r, g, b).luminance()
    };
    let (l1, l2) = (lum(a), lum(b));
    (l1.max(l2) + 0.05) / (l1.min(l2) + 0.05)
}

/// A map whose long Dutch compound words must be hyphenated, never cut.
fn compound_words() -> (String, Journey) {
    let mut j = Template::Pondres9.build(Language::Nl);
    j.title = "Klantreis met samengestelde woorden".into();
    j.lanes[0].title = "Contactmomentenoverzicht".into();
    j.phases[0].name = "Informatieverzamelingsfase".into();
    let lane = j.lanes[0].id.clone();
    let at = journey_map::model::Slot::phase(j.phases[1].id.clone());
    let mut card =
        journey_map::edit::new_card(&j, lane, at, "Klanttevredenheidsonderzoeksresultaten");
    card.body = "Verbeterkansen voor de arbeidsongeschiktheidsverzekering: \
                 klantenservicemedewerkers en ketensamenwerkingsafspraken."
        .into();
    j.cards.push(card);
    ("compound words".into(), j)
}

#[test]
fn slides_are_legible_for_every_example_and_template() {
    let opts = ExportOptions::default();
    let mut maps = all_maps();
    maps.push(compound_words());
    for (name, j) in maps {
        // A map that does not fit one page legibly is checked on its detail pages.
        let single = export::plan(&j, &opts).expect("plans");
        let pages: Vec<(String, Journey, ExportOptions)> = if single.legible() {
            vec![(name.clone(), j.clone(), opts.clone())]
        } else {
            let plan = export::plan_pages(&j, &opts).expect("pages");
            assert!(plan.pages.len() > 2, "{name}: split into pages");
            plan.pages
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    let what = if p.overview { "overview" } else { "page" };
                    (
                        format!("{name} {what} {}", i + 1),
                        p.journey.clone(),
                        p.options.clone(),
                    )
                })
                .collect()
        };
        for (name, j, opts) in pages {
            check_slide(&name, &j, &opts);
        }
    }
}

fn check_slide(name: &str, j: &Journey, opts: &ExportOptions) {
    {
        let mut fonts = export::new_fonts();
        let (plan, paint_opts, shapes) = export::shapes(j, opts, &mut fonts).expect("paints");
        let page = epaint::Rect::from_min_size(
            epaint::Pos2::ZERO,
            epaint::vec2(plan.width as f32, plan.height as f32),
        );
        // Opaque boxes so far, to find what each text is drawn on.
        let mut boxes: Vec<(epaint::Rect, epaint::Color32)> =
            vec![(page, paint_opts.theme.background)];
        let mut texts: Vec<(epaint::Rect, String)> = Vec::new();
        // The markers of the curves: no text may sit on one.
        let markers: Vec<epaint::Rect> = shapes
            .iter()
            .filter_map(|sh| match sh {
                epaint::Shape::Circle(c) if c.radius >= 6.0 * plan.transform.scaling => {
                    let lanes = &plan.layout.lanes;
                    let on_curve = lanes.iter().any(|l| {
                        l.kind.is_curve() && plan.transform.mul_rect(l.body_rect).contains(c.center)
                    });
                    on_curve.then(|| {
                        epaint::Rect::from_center_size(
                            c.center,
                            epaint::Vec2::splat(c.radius * 2.0),
                        )
                    })
                }
                _ => None,
            })
            .collect();
        if plan.layout.curves.iter().any(|g| !g.points.is_empty()) {
            assert!(!markers.is_empty(), "{name}: the curve points are found");
        }
        for shape in &shapes {
            let bounds = shape.visual_bounding_rect();
            assert!(
                page.expand(1.0).contains_rect(bounds),
                "{name}: {bounds:?} is clipped by the page"
            );
            match shape {
                epaint::Shape::Rect(r) if r.fill.a() == 255 => boxes.push((r.rect, r.fill)),
                epaint::Shape::Text(t) => {
                    let text = t.galley.text().to_owned();
                    if text.trim().is_empty() {
                        continue;
                    }
                    let format = &t.galley.job.sections[0].format;
                    let rect = t.galley.rect.translate(t.pos.to_vec2());
                    // The overview of a map too big for one slide draws card titles a
                    // little smaller (README); everything else is 12 px or more.
                    let floor = if name.contains("overview") && !plan.legible() {
                        10.4
                    } else {
                        11.95
                    };
                    assert!(
                        format.font_id.size >= floor,
                        "{name}: {text:?} is {:.1} px",
                        format.font_id.size
                    );
                    let Some((container, bg)) =
                        boxes.iter().rev().find(|(b, _)| b.contains(rect.center()))
                    else {
                        panic!("{name}: {text:?} is on nothing");
                    };
                    assert!(
                        container.expand(1.5).contains_rect(rect),
                        "{name}: {text:?} {rect:?} overflows its box {container:?}"
                    );
                    let ratio = contrast(format.color, *bg);
                    assert!(
                        ratio >= 4.5,
                        "{name}: {text:?} has contrast {ratio:.2} on {bg:?}"
                    );
                    for (other, other_text) in &texts {
                        assert!(
                            !other.shrink(1.0).intersects(rect.shrink(1.0)),
                            "{name}: {text:?} overlaps {other_text:?}"
                        );
                    }
                    // Nothing is cut short, but a card's text on a single slide (counted).
                    let in_card = plan
                        .layout
                        .cards
                        .iter()
                        .any(|g| plan.transform.mul_rect(g.rect).contains(rect.center()));
                    let paged = name.contains(" page ") || name.contains("overview");
                    if paged || !in_card {
                        assert!(!text.ends_with('…'), "{name}: {text:?} is cut short");
                    }
                    for m in &markers {
                        assert!(
                            !m.intersects(rect.shrink(1.0)),
                            "{name}: {text:?} {rect:?} is drawn over a curve point {m:?}"
                        );
                    }
                    texts.push((rect, text));
                }
                _ => {}
            }
        }
        assert!(texts.len() > 10, "{name}: has text");
    }
}

/// The words of fitted lines joined back: hyphens the wrapping added removed.
fn rejoined(f: &journey_map::layout::fit::Fitted) -> String {
    let mut out = String::new();
    for l in &f.lines {
        if l.hyphenated {
            out.push_str(&l.text[..l.text.len() - 1]);
        } else {
            out.push_str(&l.text);
            if !l.text.ends_with('-') {
                out.push(' ');
            }
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn card_titles_are_whole_on_the_slide_and_what_is_shortened_is_counted() {
    for (name, j) in examples() {
        let plan = export::plan(&j, &ExportOptions::default()).expect("plans");
        let mut counted = 0;
        for g in &plan.layout.cards {
            let card = &j.cards[g.index];
            counted += usize::from(g.title.shortened);
            counted += usize::from(g.body.as_ref().is_some_and(|b| b.shortened));
            if !g.title.shortened {
                let whole = card.title.split_whitespace().collect::<Vec<_>>().join(" ");
                assert_eq!(rejoined(&g.title), whole, "{name}: title read whole");
                assert!(g.title.lines.iter().all(|l| !l.text.ends_with('…')));
            }
            let text_bottom = g.body_pos().y
                + g.body
                    .as_ref()
                    .map_or(0.0, journey_map::layout::fit::Fitted::height);
            assert!(
                text_bottom <= g.rect.bottom() + 0.5,
                "{name}: text inside its card"
            );
        }
        assert_eq!(
            counted, plan.layout.shortened,
            "{name}: every shortened text counted"
        );
        // A single slide never shortens a title.
        assert!(
            plan.layout.cards.iter().all(|g| !g.title.shortened),
            "{name}: a title was shortened"
        );
    }
}

#[test]
fn the_editor_layout_shows_every_word_of_every_card() {
    let mut fonts = export::new_fonts();
    let mut view = fonts.with_pixels_per_point(1.0);
    let m = journey_map::paint::GlyphMeasure::new(&mut view);
    for (name, j) in all_maps() {
        let l = journey_map::layout::MapLayout::compute(
            &j,
            &journey_map::layout::LayoutSettings::default(),
            &m,
        );
        assert_eq!(l.shortened, 0, "{name}");
        for g in &l.cards {
            let card = &j.cards[g.index];
            assert_eq!(
                rejoined(&g.title),
                card.title.split_whitespace().collect::<Vec<_>>().join(" "),
                "{name}"
            );
            if let Some(b) = &g.body {
                assert_eq!(
                    rejoined(b),
                    card.body.split_whitespace().collect::<Vec<_>>().join(" "),
                    "{name}"
                );
            }
        }
    }
}
