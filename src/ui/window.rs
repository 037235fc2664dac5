//! Opening the editor's window: its icon, and a graphics path that always opens. eframe draws
//! through wgpu; the platform's first choice can fail where the driver is old or missing
//! (DX12 in a virtual machine, a remote desktop, Wine), so each choice is tried in turn.

use super::{App, RunOptions, ThemeChoice};
use eframe::wgpu;
use std::cell::RefCell;
use std::rc::Rc;

/// The graphics paths tried, in order: the platform's choice (or what `WGPU_BACKEND` asks
/// for), then Vulkan, then OpenGL.
const RENDERERS: [(&str, Option<wgpu::Backends>); 3] = [
    ("the platform's choice", None),
    ("Vulkan", Some(wgpu::Backends::VULKAN)),
    ("OpenGL", Some(wgpu::Backends::GL)),
];

/// The app icon at 256 px, as in the title bar and task bar.
pub fn icon() -> Option<egui::IconData> {
    let img = image::load_from_memory_with_format(
        include_bytes!("../../assets/icons/journey-map-256.png"),
        image::ImageFormat::Png,
    )
    .ok()?
    .into_rgba8();
    Some(egui::IconData {
        width: img.width(),
        height: img.height(),
        rgba: img.into_raw(),
    })
}

/// Which graphics path draws the window, in words ("Vulkan on llvmpipe …").
fn describe(cc: &eframe::CreationContext<'_>) -> String {
    match &cc.wgpu_render_state {
        Some(rs) => {
            let info = rs.adapter.get_info();
            format!(
                "{:?} on {} ({:?})",
                info.backend, info.name, info.device_type
            )
        }
        None => "no GPU renderer".into(),
    }
}

fn options(backends: Option<wgpu::Backends>) -> eframe::NativeOptions {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("journey-map")
        .with_app_id("journey-map")
        .with_inner_size([1440.0, 900.0])
        .with_min_inner_size([640.0, 400.0])
        .with_drag_and_drop(true);
    if let Some(icon) = icon() {
        viewport = viewport.with_icon(icon);
    }
    let mut wgpu_options = eframe::WgpuConfiguration::default();
    if let Some(backends) = backends
        && let eframe::egui_wgpu::WgpuSetup::CreateNew(create) = &mut wgpu_options.wgpu_setup
    {
        create.instance_descriptor.backends = backends;
    }
    eframe::NativeOptions {
        viewport,
        wgpu_options,
        ..Default::default()
    }
}

/// Starts the editor window, falling back to the next graphics path while none could open.
pub fn run_app(run: RunOptions) -> Result<(), String> {
    // The map is read while the window is being created.
    let preload = run.file.as_deref().map(crate::io::Preload::start);
    let preload = Rc::new(RefCell::new(preload));
    let run = Rc::new(RefCell::new(Some(run)));
    let mut failures: Vec<String> = Vec::new();
    for (name, backends) in RENDERERS {
        let started = Rc::new(RefCell::new(false));
        let (run_in, started_in) = (Rc::clone(&run), Rc::clone(&started));
        let preload_in = Rc::clone(&preload);
        let tried = failures.clone();
        let result = eframe::run_native(
            "journey-map",
            options(backends),
            Box::new(move |cc| {
                *started_in.borrow_mut() = true;
                let run = run_in.borrow_mut().take().unwrap_or_default();
                let renderer = describe(cc);
                if tried.is_empty() {
                    eprintln!("journey-map: drawing with {renderer}");
                } else {
                    eprintln!(
                        "journey-map: drawing with {renderer}, after: {}",
                        tried.join("; ")
                    );
                }
                let mut app = App::new_preloaded(cc, run.file, preload_in.borrow_mut().take());
                app.renderer = renderer;
                app.debug_layout = run.layout_json;
                app.quit_after_first_frame = run.quit_after_first_frame;
                if let Some(other) = &run.compare {
                    app.compare_with(other, None);
                }
                if let Some(theme) = run.theme {
                    app.prefs.theme = match theme {
                        crate::cli::ThemeArg::Light => ThemeChoice::Light,
                        crate::cli::ThemeArg::Dark => ThemeChoice::Dark,
                        crate::cli::ThemeArg::HighContrast => ThemeChoice::HighContrast,
                    };
                    app.apply_theme(&cc.egui_ctx);
                }
                Ok(Box::new(app))
            }),
        );
        match result {
            Ok(()) => return Ok(()),
            // Once the editor ran, a failure is not the graphics path's: say it, don't retry.
            Err(e) if *started.borrow() => return Err(format!("the window failed: {e}")),
            Err(e) => {
                eprintln!("journey-map: {name} could not open a window: {e}");
                failures.push(format!("{name} failed ({e})"));
            }
        }
    }
    Err(format!("cannot open a window: {}", failures.join("; ")))
}
