//! Export: the map as a PNG (rendered on the CPU from the same shapes the canvas draws) or an
//! SVG, sized for slides and print, with the document itself embedded so the picture can be
//! opened again as an editable map.

mod format;
mod pages;
pub mod pdf;
pub mod pptx;
mod raster;
mod sheet;
mod svg;

pub use format::Format;
pub use pages::{Page, PagePlan, export_pages, page_paths, plan_pages};

pub use raster::Pixmap;

use crate::layout::{LayoutSettings, MapLayout};
use crate::model::{Journey, Language};
use crate::paint::{PaintOptions, Picture, Theme, font_definitions, paint_map};
use epaint::emath::TSTransform;
use epaint::{ClippedShape, ColorImage, Rect, TextureId, Vec2, pos2, vec2};
use std::path::Path;

/// The largest side an export may have, in pixels.
pub const MAX_SIDE: u32 = 16_384;

/// The most pixels an export may have (256 megapixels).
pub const MAX_PIXELS: u64 = 256_000_000;

/// The PNG text chunk and SVG metadata key that carry the document.
pub const EMBED_KEY: &str = "journey-map";

/// A named output size.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Preset {
    pub name: &'static str,
    pub width: u32,
    pub height: u32,
    pub description: &'static str,
    /// Pixels per inch: a PDF page of this preset is its paper's size.
    pub dpi: f32,
}

/// The sizes consultants ask for.
pub const PRESETS: [Preset; 7] = [
    Preset {
        name: "slide",
        width: 1920,
        height: 1080,
        description: "16:9 slide, Full HD",
        dpi: 96.0,
    },
    Preset {
        name: "slide-4k",
        width: 3840,
        height: 2160,
        description: "16:9 slide, 4K",
        dpi: 192.0,
    },
    Preset {
        name: "a4",
        width: 3508,
        height: 2480,
        description: "A4 landscape at 300 dpi",
        dpi: 300.0,
    },
    Preset {
        name: "a3",
        width: 4961,
        height: 3508,
        description: "A3 landscape at 300 dpi",
        dpi: 300.0,
    },
    Preset {
        name: "a2",
        width: 7016,
        height: 4961,
        description: "A2 poster, landscape at 300 dpi",
        dpi: 300.0,
    },
    Preset {
        name: "a1",
        width: 7016,
        height: 4961,
        description: "A1 poster, landscape at 212 dpi",
        dpi: 212.1,
    },
    Preset {
        name: "a0",
        width: 9933,
        height: 7016,
        description: "A0 poster, landscape at 212 dpi",
        dpi: 212.1,
    },
];

impl Preset {
    /// A preset by name.
    pub fn find(name: &str) -> Option<Preset> {
        PRESETS.into_iter().find(|p| p.name == name.trim())
    }
}

/// How big the picture is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Size {
    /// A fixed canvas: the map is scaled to fit, centred, never cropped or stretched.
    Fit { width: u32, height: u32 },
    /// This wide; as tall as the map needs.
    Width(u32),
    /// This tall; as wide as the map needs.
    Height(u32),
    /// The map's own size times this.
    Scale(f32),
}

/// Light or dark picture.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ExportTheme {
    #[default]
    Light,
    Dark,
    /// Black on white with strong outlines, for readers with low vision.
    HighContrast,
}

/// What to export and how.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportOptions {
    pub size: Size,
    /// No background: the map's own boxes over transparency (PNG alpha).
    pub transparent: bool,
    pub theme: ExportTheme,
    /// Language of fixed words (legend); the map's own language when `None`.
    pub lang: Option<Language>,
    /// Include the title and persona band.
    pub header: bool,
    /// Include the legend under the map.
    pub legend: bool,
    /// Every text whole, even on a page too small for it (a detail page of `--pages auto`);
    /// otherwise card texts are shortened, and counted, to keep text at its size.
    pub whole_text: bool,
    /// A footer under the map ("2 / 4 · Overweging – Beslissing").
    pub footer: Option<String>,
    /// The overview page of a split map: card titles without their texts (the detail pages
    /// have them), and without the channel line when that keeps every text at its size.
    pub overview: bool,
    /// Pixels per inch, for the paper size of a PDF page (a preset's; 96 for a screen size).
    pub dpi: f32,
}

impl Default for ExportOptions {
    fn default() -> Self {
        Self {
            size: Size::Fit {
                width: 1920,
                height: 1080,
            },
            transparent: false,
            theme: ExportTheme::Light,
            lang: None,
            header: true,
            legend: true,
            whole_text: false,
            footer: None,
            overview: false,
            dpi: 96.0,
        }
    }
}

/// Why an export failed. Nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(
        "{width}×{height} pixels is too large: at most {MAX_SIDE} pixels a side and {} megapixels",
        MAX_PIXELS / 1_000_000
    )]
    TooLarge { width: u64, height: u64 },
    #[error("the size must be at least 1×1 pixel and the scale above 0")]
    TooSmall,
    #[error("cannot encode the image: {0}")]
    Encode(String),
    #[error(transparent)]
    Save(#[from] crate::io::SaveError),
    #[error("unsupported export format for {0}: use a file name ending in {names}", names = Format::names())]
    Format(String),
}

/// The size in pixels and the map-to-pixel transform of an export.
#[derive(Clone, Debug)]
pub struct Plan {
    pub width: u32,
    pub height: u32,
    pub transform: TSTransform,
    pub layout: MapLayout,
    /// Pixels per map unit at which text is at its designed size on this page's paper (1 on a
    /// screen or slide; more on a page printed at a higher dpi).
    pub text_scale: f32,
}

impl Plan {
    /// Every text at its designed size or larger (at least 12 px on a 1920×1080 slide).
    pub fn legible(&self) -> bool {
        // 12 px stays 12 px to a hundredth (the fit converges to just under 100 %).
        self.transform.scaling >= 0.9965 * self.text_scale
    }

    /// Every text whole and legible: nothing shortened, nothing scaled below its size.
    pub fn complete(&self) -> bool {
        self.legible() && self.layout.shortened == 0
    }
}

/// Works out the picture size and where the map goes, refusing absurd sizes before anything is
/// allocated.
pub fn plan(j: &Journey, opts: &ExportOptions) -> Result<Plan, ExportError> {
    plan_with(j, opts, &mut new_fonts())
}

/// [`plan`], measuring text with `fonts`.
pub fn plan_with(
    j: &Journey,
    opts: &ExportOptions,
    fonts: &mut epaint::text::Fonts,
) -> Result<Plan, ExportError> {
    let mut view = fonts.with_pixels_per_point(1.0);
    let m = crate::paint::GlyphMeasure::for_export(&mut view);
    let settings = |base: LayoutSettings| LayoutSettings {
        header_height: if opts.header { base.header_height } else { 0.0 },
        legend: opts.legend,
        footer_height: if opts.footer.is_some() { 24.0 } else { 0.0 },
        ..base
    };
    let layout = match opts.size {
        // A page or slide: reflow the columns so the map takes the page's shape, with compact
        // lanes, then scale it to fit.
        Size::Fit { width, height } => {
            // Titles whole; card bodies as many lines as keep every text at its size (at least
            // 12 px) on the page: all, two, one, or none. What is left out is counted.
            // Titles are never shortened: a map too big even without card texts is drawn
            // smaller (`Plan::legible` says so; `--pages auto` splits it instead).
            // Laid out for the paper's size at 96 dpi, so 12 px text prints at 9 pt whatever
            // the dpi (an A4 at 300 dpi has the room of a 1123×794 page, not 3508×2480).
            let k = text_scale(opts);
            let (width, height) = (
                ((width as f32 / k).round() as u32).max(1),
                ((height as f32 / k).round() as u32).max(1),
            );
            let page = |detail: &dyn Fn(LayoutSettings) -> LayoutSettings| {
                let lines = |s: LayoutSettings| detail(settings(s));
                let layout = fit_to_page(j, width, height, &lines, &m);
                let map = layout.size();
                let legible = (width as f32 / map.x).min(height as f32 / map.y) >= 0.9965;
                (layout, legible)
            };
            let bodies =
                |n: Option<usize>| move |s: LayoutSettings| LayoutSettings { body_lines: n, ..s };
            if opts.overview {
                // Nothing on an overview is cut short: card titles only (the detail pages
                // have the rest), and without the cards' channel lines when that keeps the
                // text at its size.
                let no_channels = |s: LayoutSettings| LayoutSettings {
                    card_channels: false,
                    ..bodies(Some(0))(s)
                };
                let (titles, legible) = page(&bodies(Some(0)));
                if legible {
                    titles
                } else {
                    page(&no_channels).0
                }
            } else if opts.whole_text {
                page(&bodies(None)).0
            } else {
                // Fewer lines are never less legible: when even none is too many, that is the
                // page; else the most lines that stay legible. (At most three layouts.)
                // A page with room for everything (a poster) shows everything.
                let (none, legible) = page(&bodies(Some(0)));
                if !legible {
                    none
                } else {
                    match page(&bodies(None)) {
                        (all, true) => all,
                        _ => match page(&bodies(Some(2))) {
                            (two, true) => two,
                            _ => match page(&bodies(Some(1))) {
                                (one, true) => one,
                                _ => none,
                            },
                        },
                    }
                }
            }
        }
        // A free size keeps the editor's layout exactly.
        _ => MapLayout::compute(j, &settings(LayoutSettings::default()), &m),
    };
    let map = layout.size();
    let (w, h, scale) = match opts.size {
        Size::Fit { width, height } => {
            let s = (width as f32 / map.x).min(height as f32 / map.y);
            (f64::from(width), f64::from(height), s)
        }
        Size::Width(width) => {
            let s = width as f32 / map.x;
            (f64::from(width), f64::from((map.y * s).round()), s)
        }
        Size::Height(height) => {
            let s = height as f32 / map.y;
            (f64::from((map.x * s).round()), f64::from(height), s)
        }
        Size::Scale(s) => {
            // NaN or not positive; an infinite scale is refused below as too large.
            if s.is_nan() || s <= 0.0 {
                return Err(ExportError::TooSmall);
            }
            (
                f64::from(map.x) * f64::from(s),
                f64::from(map.y) * f64::from(s),
                s,
            )
        }
    };
    let (w, h) = (w.round(), h.round());
    if !(w.is_finite() && h.is_finite())
        || w > f64::from(MAX_SIDE)
        || h > f64::from(MAX_SIDE)
        || w * h > MAX_PIXELS as f64
    {
        return Err(ExportError::TooLarge {
            width: w.min(1e15) as u64,
            height: h.min(1e15) as u64,
        });
    }
    if w < 1.0 || h < 1.0 || scale.is_nan() || scale <= 0.0 {
        return Err(ExportError::TooSmall);
    }
    let (width, height) = (w as u32, h as u32);
    let offset = (vec2(width as f32, height as f32) - map * scale) / 2.0;
    Ok(Plan {
        width,
        height,
        transform: TSTransform::new(offset.max(Vec2::ZERO), scale),
        layout,
        text_scale: match opts.size {
            Size::Fit { .. } => text_scale(opts),
            _ => 1.0,
        },
    })
}

/// Pixels per map unit for text at its designed size on the options' paper: dpi / 96.
fn text_scale(opts: &ExportOptions) -> f32 {
    (opts.dpi / 96.0).clamp(0.25, 16.0)
}

/// Reflows the columns so the map takes the page's shape, with compact lanes (`settings`
/// sets how many lines of card text); shrinks the boxes (not the text) when the map would
/// otherwise be scaled below 100 %, so text never drops under its designed size.
fn fit_to_page(
    j: &Journey,
    width: u32,
    height: u32,
    settings: &dyn Fn(LayoutSettings) -> LayoutSettings,
    m: &dyn crate::layout::fit::Measure,
) -> MapLayout {
    let aspect = width as f32 / height.max(1) as f32;
    let columns = j.columns().len().max(1) as f32;
    // A detail page of a few phases may take wide columns (cards side by side in them), so
    // the page is used and the header has room beside its personas.
    let widest = if j.columns().len() <= 3 {
        1100.0
    } else {
        560.0
    };
    let mut column_width = 200.0;
    let mut shrink = 1.0f32;
    let compact = |column_width: f32, shrink: f32| {
        LayoutSettings {
            // Room for the legend's row of evidence levels and curves.
            min_grid_width: if j.columns().len() <= 3 { 1150.0 } else { 0.0 },
            ..LayoutSettings::compact(column_width)
        }
        .scaled(shrink)
    };
    let compute = |column_width: f32, shrink: f32| {
        MapLayout::compute(j, &settings(compact(column_width, shrink)), m)
    };
    let scale_of = |l: &MapLayout| {
        let map = l.size();
        (width as f32 / map.x).min(height as f32 / map.y)
    };
    let mut layout = compute(column_width, shrink);
    // The loop need not settle (cards go side by side as columns widen): keep the best seen.
    let mut best: Option<MapLayout> = None;
    let mut stale = 0;
    for _ in 0..24 {
        let s = compact(column_width, shrink);
        let fixed = s.lane_title_width + 2.0 * s.margin;
        // The widest column is a drawn width, whatever the boxes shrink by.
        let wanted = ((aspect * layout.size().y - fixed) / columns).min(widest) / shrink;
        let wanted = wanted.max(118.0);
        let scale = scale_of(&layout);
        let next_shrink = if scale < 1.0 {
            (shrink * scale * 0.995).max(0.35)
        } else {
            shrink
        };
        let settled = (wanted - column_width).abs() < 1.0 && (next_shrink - shrink).abs() < 1e-4;
        if best.as_ref().is_none_or(|b| scale_of(b) < scale - 1e-3) {
            best = Some(layout.clone());
            stale = 0;
        } else {
            stale += 1;
        }
        // Settled, or going round in a cycle that no longer improves on the best.
        if settled || stale >= 3 {
            break;
        }
        column_width = wanted;
        shrink = next_shrink;
        layout = compute(column_width, shrink);
    }
    best.unwrap_or(layout)
}

/// Paint options for an export.
fn paint_options(
    j: &Journey,
    opts: &ExportOptions,
    photos: Vec<(Picture, TextureId)>,
) -> PaintOptions {
    PaintOptions {
        theme: match opts.theme {
            ExportTheme::Light => Theme::light(),
            ExportTheme::Dark => Theme::dark(),
            ExportTheme::HighContrast => Theme::high_contrast(),
        },
        lang: opts.lang.unwrap_or(j.language),
        active_curve: None,
        active_arc: None,
        photos,
        background: !opts.transparent,
        footer: opts.footer.clone(),
        ghosts: Vec::new(),
    }
}

/// Persona photos and card images decoded for export, with the texture ids the painter
/// refers to.
pub(crate) fn photo_textures(j: &Journey) -> Vec<(Picture, TextureId, ColorImage)> {
    Picture::all(j)
        .into_iter()
        .enumerate()
        .filter_map(|(i, (pic, photo))| {
            let (w, h, rgba) = crate::io::decode_photo(photo).ok()?;
            let image = ColorImage::from_rgba_unmultiplied([w as usize, h as usize], &rgba);
            Some((pic, TextureId::User(i as u64), image))
        })
        .collect()
}

/// Fonts for exporting: the painter's fonts with a large glyph atlas for big pictures.
pub fn new_fonts() -> epaint::text::Fonts {
    let text_options = epaint::text::TextOptions {
        max_texture_side: 8192,
        ..Default::default()
    };
    epaint::text::Fonts::new(text_options, font_definitions())
}

/// The shapes of an export, in pixels, painted with `fonts`; photos get the texture ids in
/// the returned list.
pub fn shapes(
    j: &Journey,
    opts: &ExportOptions,
    fonts: &mut epaint::text::Fonts,
) -> Result<(Plan, PaintOptions, Vec<epaint::Shape>), ExportError> {
    let plan = plan_with(j, opts, fonts)?;
    let photos = photo_textures(j);
    let paint_opts = paint_options(
        j,
        opts,
        photos.iter().map(|(id, t, _)| (id.clone(), *t)).collect(),
    );
    let clip = Rect::from_min_size(pos2(0.0, 0.0), vec2(plan.width as f32, plan.height as f32));
    let shapes = {
        let mut view = fonts.with_pixels_per_point(1.0);
        paint_map(
            j,
            &plan.layout,
            &mut view,
            &paint_opts,
            plan.transform,
            clip,
        )
    };
    Ok((plan, paint_opts, shapes))
}

/// Renders the map to pixels.
pub fn render(j: &Journey, opts: &ExportOptions) -> Result<Pixmap, ExportError> {
    let mut fonts = new_fonts();
    let (plan, paint_opts, shapes) = shapes(j, opts, &mut fonts)?;
    let photos = photo_textures(j);
    let clip = Rect::from_min_size(pos2(0.0, 0.0), vec2(plan.width as f32, plan.height as f32));
    let clipped: Vec<ClippedShape> = shapes
        .into_iter()
        .map(|shape| ClippedShape {
            clip_rect: clip,
            shape,
            transform_after_tessellation: TSTransform::IDENTITY,
        })
        .collect();
    let atlas = fonts.texture_atlas();
    let primitives = epaint::Tessellator::new(
        1.0,
        epaint::TessellationOptions::default(),
        atlas.size(),
        atlas.prepared_discs(),
    )
    .tessellate_shapes(clipped);
    let font_image = fonts.image();
    let background = if opts.transparent {
        epaint::Color32::TRANSPARENT
    } else {
        paint_opts.theme.background
    };
    let mut pixmap = Pixmap::new(plan.width as usize, plan.height as usize, background);
    pixmap.draw(&primitives, &|id| {
        if id == TextureId::default() {
            Some(&font_image)
        } else {
            photos
                .iter()
                .find(|(_, t, _)| *t == id)
                .map(|(_, _, img)| img)
        }
    });
    Ok(pixmap)
}

/// The map as PNG bytes, with the document in an iTXt chunk.
pub fn render_png(j: &Journey, opts: &ExportOptions) -> Result<Vec<u8>, ExportError> {
    render_png_embedding(j, j, opts)
}

/// A PNG of `draw` that carries `embed` (a page of a map carries the whole map).
fn render_png_embedding(
    draw: &Journey,
    embed: &Journey,
    opts: &ExportOptions,
) -> Result<Vec<u8>, ExportError> {
    let pixmap = render(draw, opts)?;
    let doc = crate::io::to_ron_string(embed).map_err(|e| ExportError::Encode(e.to_string()))?;
    encode_png(pixmap, &doc)
}

fn encode_png(pixmap: Pixmap, doc: &str) -> Result<Vec<u8>, ExportError> {
    let enc = |e: png::EncodingError| ExportError::Encode(e.to_string());
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, pixmap.width as u32, pixmap.height as u32);
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        // Speed over size: a slide picture is written once and pasted; fdeflate's fastest mode
        // keeps a 4K export well under a second.
        encoder.set_compression(png::Compression::Fastest);
        let mut writer = encoder.write_header().map_err(enc)?;
        writer
            .write_text_chunk(&png::text_metadata::TEXtChunk::new(
                "Software",
                "journey-map",
            ))
            .map_err(enc)?;
        let mut chunk = png::text_metadata::ITXtChunk::new(EMBED_KEY, doc);
        chunk.compress_text().map_err(enc)?;
        writer.write_text_chunk(&chunk).map_err(enc)?;
        writer.write_image_data(&pixmap.into_rgba8()).map_err(enc)?;
        writer.finish().map_err(enc)?;
    }
    Ok(out)
}

/// The map as an SVG document, with the document in its metadata.
pub fn render_svg(j: &Journey, opts: &ExportOptions) -> Result<String, ExportError> {
    render_svg_embedding(j, j, opts)
}

/// An SVG of `draw` that carries `embed`.
fn render_svg_embedding(
    j: &Journey,
    embed: &Journey,
    opts: &ExportOptions,
) -> Result<String, ExportError> {
    let mut fonts = new_fonts();
    let (plan, paint_opts, shapes) = shapes(j, opts, &mut fonts)?;
    let photos = photo_textures(j);
    let doc = crate::io::to_ron_string(embed).map_err(|e| ExportError::Encode(e.to_string()))?;
    let background = (!opts.transparent).then_some(paint_opts.theme.background);
    let photo_data: Vec<(TextureId, String)> = Picture::all(j)
        .into_iter()
        .filter_map(|(pic, photo)| {
            let id = photos.iter().find(|(p, _, _)| p == &pic)?.1;
            Some((id, format!("data:{};base64,{}", photo.mime, photo.base64)))
        })
        .collect();
    Ok(svg::write(
        &shapes,
        plan.width,
        plan.height,
        background,
        &doc,
        &photo_data,
    ))
}

/// Exports to `path`: `.png` or `.svg` by its extension, written atomically (a failed export
/// leaves no partial file and any previous file untouched).
pub fn export_file(j: &Journey, path: &Path, opts: &ExportOptions) -> Result<(), ExportError> {
    export_page(j, j, path, opts)
}

/// Writes a picture of `draw` that carries the map `embed`, by `path`'s extension.
pub fn export_page(
    draw: &Journey,
    embed: &Journey,
    path: &Path,
    opts: &ExportOptions,
) -> Result<(), ExportError> {
    let j = draw;
    let bytes = match Format::of_path(path) {
        Some(Format::Png) => render_png_embedding(j, embed, opts)?,
        Some(Format::Svg) => render_svg_embedding(j, embed, opts)?.into_bytes(),
        Some(Format::Pdf) => render_pdf(&[(j, opts)], embed)?,
        Some(Format::Pptx) => render_pptx(&[(j, opts)], embed)?,
        Some(format) => data_bytes(embed, format)?,
        None => return Err(ExportError::Format(path.display().to_string())),
    };
    crate::io::atomic_write(path, &bytes)?;
    Ok(())
}

/// The map's content as data another program reads (mermaid, CSV, Excel); `None` for a
/// picture format.
pub fn data_bytes(j: &Journey, format: Format) -> Result<Vec<u8>, ExportError> {
    match format {
        Format::Mermaid => Ok(crate::io::import::mermaid::export(j).into_bytes()),
        Format::Csv => sheet::csv_bytes(j),
        Format::Xlsx => sheet::xlsx_bytes(j),
        Format::Png | Format::Svg | Format::Pdf | Format::Pptx => {
            Err(ExportError::Format(format.ext().to_owned()))
        }
    }
}

/// The map as a one-page PDF, with the map attached.
pub fn render_pdf_page(j: &Journey, opts: &ExportOptions) -> Result<Vec<u8>, ExportError> {
    render_pdf(&[(j, opts)], j)
}

/// One page drawn for a paged format: its map, size, shapes, background and photos.
struct DrawnPage<'j> {
    journey: &'j Journey,
    plan: Plan,
    shapes: Vec<epaint::Shape>,
    background: Option<epaint::Color32>,
    photos: Vec<pdf::Photo>,
}

/// Paints every page with one set of fonts (a page's glyphs are laid out once for all).
fn draw_pages<'j>(
    pages: &[(&'j Journey, &ExportOptions)],
) -> Result<Vec<DrawnPage<'j>>, ExportError> {
    let mut fonts = new_fonts();
    pages
        .iter()
        .map(|(j, opts)| {
            let (plan, paint_opts, shapes) = shapes(j, opts, &mut fonts)?;
            Ok(DrawnPage {
                journey: j,
                plan,
                shapes,
                background: (!opts.transparent).then_some(paint_opts.theme.background),
                photos: photo_pixels(j),
            })
        })
        .collect()
}

/// A PDF of `pages` (each a map to draw and how), one PDF page each, carrying the map
/// `embed`; a page's paper size is its pixels at its options' dpi.
pub fn render_pdf(
    pages: &[(&Journey, &ExportOptions)],
    embed: &Journey,
) -> Result<Vec<u8>, ExportError> {
    let doc = crate::io::to_ron_string(embed).map_err(|e| ExportError::Encode(e.to_string()))?;
    let drawn = draw_pages(pages)?;
    let pdf_pages: Vec<pdf::PdfPage> = drawn
        .into_iter()
        .map(|d| pdf::PdfPage {
            shapes: d.shapes,
            width: d.plan.width,
            height: d.plan.height,
            background: d.background,
            photos: d.photos,
        })
        .collect();
    let dpi = pages
        .first()
        .map_or(96.0, |(_, o)| o.dpi)
        .clamp(1.0, 10_000.0);
    pdf::write(&pdf_pages, 72.0 / dpi, &embed.title, &doc).map_err(|e| ExportError::Encode(e.0))
}

/// The map as a one-slide PowerPoint deck, with the map inside.
pub fn render_pptx_page(j: &Journey, opts: &ExportOptions) -> Result<Vec<u8>, ExportError> {
    render_pptx(&[(j, opts)], j)
}

/// A PowerPoint deck of `pages` (each a map to draw and how), a slide each with the phases it
/// shows in its notes, carrying the map `embed`.
pub fn render_pptx(
    pages: &[(&Journey, &ExportOptions)],
    embed: &Journey,
) -> Result<Vec<u8>, ExportError> {
    let doc = crate::io::to_ron_string(embed).map_err(|e| ExportError::Encode(e.to_string()))?;
    let slides: Vec<pptx::Slide> = draw_pages(pages)?
        .into_iter()
        .map(|d| pptx::Slide {
            notes: speaker_notes(d.journey),
            shapes: d.shapes,
            width: d.plan.width,
            height: d.plan.height,
            background: d.background,
            photos: d.photos,
        })
        .collect();
    pptx::write(&slides, &embed.title, &doc).map_err(|e| ExportError::Encode(e.0))
}

/// What the presenter needs for a slide: each phase it shows, with its duration and
/// description.
fn speaker_notes(j: &Journey) -> String {
    let mut out = String::new();
    for p in &j.phases {
        out.push_str(&p.name);
        if !p.duration.trim().is_empty() {
            out.push_str(" — ");
            out.push_str(p.duration.trim());
        }
        out.push('\n');
        if !p.description.trim().is_empty() {
            out.push_str(p.description.trim());
            out.push('\n');
        }
    }
    out
}

/// The persona photos of `j` as RGBA pixels by the texture ids the painter gives them.
fn photo_pixels(j: &Journey) -> Vec<pdf::Photo> {
    photo_textures(j)
        .into_iter()
        .map(|(_, id, img)| pdf::Photo {
            id,
            size: img.size,
            rgba: img
                .pixels
                .iter()
                .flat_map(|c| c.to_srgba_unmultiplied())
                .collect(),
        })
        .collect()
}

/// How a painted text is drawn, as the vector writers (SVG, PDF, PPTX) need it: its colour
/// (the shape's override or placeholder resolved), its size, and whether it is an icon glyph.
/// `None` for a text without sections.
pub(crate) struct TextStyle {
    pub color: epaint::Color32,
    pub size: f32,
    pub is_icon: bool,
}

pub(crate) fn text_style(t: &epaint::TextShape) -> Option<TextStyle> {
    let format = &t.galley.job.sections.first()?.format;
    let mut color = t.override_text_color.unwrap_or(format.color);
    if color == epaint::Color32::PLACEHOLDER {
        color = t.fallback_color;
    }
    Some(TextStyle {
        color,
        size: format.font_id.size,
        is_icon: format.font_id.family
            == epaint::FontFamily::Name(crate::paint::ICON_FAMILY.into()),
    })
}

/// Whether bytes look like a PNG file.
pub fn is_png(bytes: &[u8]) -> bool {
    bytes.starts_with(b"\x89PNG\r\n\x1a\n")
}

/// Whether bytes look like an SVG document.
pub fn is_svg(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(512)];
    let head = String::from_utf8_lossy(head);
    let t = head.trim_start_matches('\u{feff}').trim_start();
    t.starts_with("<svg") || (t.starts_with("<?xml") && head.contains("<svg"))
}

/// The document embedded in an exported PNG, SVG, PDF or deck, or why there is none.
pub fn embedded_document(bytes: &[u8]) -> Result<String, String> {
    if is_png(bytes) {
        let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        decoder.set_limits(png::Limits {
            bytes: 64 * 1024 * 1024,
        });
        let reader = decoder.read_info().map_err(|e| match e {
            png::DecodingError::LimitsExceeded => format!(
                "the PNG holds more than {} MiB of data, more than any journey map; the picture \
                 was not made by journey-map or is damaged",
                crate::io::MAX_FILE_BYTES / (1024 * 1024)
            ),
            _ => "the PNG is damaged (cut short or corrupted); export the picture again".to_owned(),
        })?;
        let info = reader.info();
        let Some(chunk) = info.utf8_text.iter().find(|c| c.keyword == EMBED_KEY) else {
            return Err(no_map());
        };
        let mut chunk = chunk.clone();
        // The png crate's own words ("Out of decompression space…") mean nothing to a user.
        let damaged = |e: png::DecodingError| {
            if e.to_string().contains("decompression space") {
                format!(
                    "the map inside the PNG unpacks to more than {} MiB, more than any journey \
                     map; the picture was not made by journey-map or is damaged",
                    crate::io::MAX_FILE_BYTES / (1024 * 1024)
                )
            } else {
                "the map inside the PNG is damaged; export the picture again from journey-map"
                    .to_owned()
            }
        };
        chunk
            .decompress_text_with_limit(crate::io::MAX_FILE_BYTES as usize)
            .map_err(damaged)?;
        chunk.get_text().map_err(damaged)
    } else if is_svg(bytes) {
        let text =
            std::str::from_utf8(bytes).map_err(|_| "the SVG is not UTF-8 text".to_owned())?;
        svg::embedded(text).ok_or_else(no_map)
    } else if pdf::is_pdf(bytes) {
        pdf::embedded(bytes, crate::io::MAX_FILE_BYTES as usize).unwrap_or_else(|| {
            Err("this PDF holds no journey map: only PDFs exported by journey-map carry one".into())
        })
    } else if pptx::is_pptx(bytes) {
        pptx::embedded(bytes, crate::io::MAX_FILE_BYTES as usize).unwrap_or_else(|| {
            Err(
                "this deck holds no journey map: only decks exported by journey-map carry one"
                    .into(),
            )
        })
    } else {
        Err("not a PNG or SVG image, a PDF or a PowerPoint deck".into())
    }
}

fn no_map() -> String {
    "this image holds no journey map: only pictures exported by journey-map carry one".into()
}
