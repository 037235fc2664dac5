//! The shipped binary in a real X window (Xvfb, software rendering), driven with xdotool as a
//! person would: drag a card to another phase, retitle a card by typing, undo, redo, save with
//! Ctrl+S, export through the File menu, quit. Then the saved file and the picture are checked,
//! and two ways work was once lost are tried: typing into the map's description, and saving a map
//! opened from its exported picture.
//! Screenshots of every step (and the app's log) are kept in target/e2e/, printed on failure.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn have(tool: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// The binary in a bare session on `display`: no desktop portal, no config folder.
fn app_command(display: &str, home: &Path, runtime: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_journey-map"));
    c.env("DISPLAY", display)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_RUNTIME_DIR", runtime)
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("DBUS_SESSION_BUS_ADDRESS");
    c
}

/// How long a window may take to show what a step waits for: the tests of this file run four
/// editors side by side on a 2-core machine drawing in software, where a start can take 40 s.
const PATIENCE: Duration = Duration::from_secs(90);

struct Session {
    display: String,
    xvfb: Child,
    app: Option<Child>,
    shots: PathBuf,
    step: usize,
    layout: PathBuf,
    /// The app's window; pointer positions are relative to it.
    window: String,
}

impl Drop for Session {
    fn drop(&mut self) {
        if let Some(app) = &mut self.app {
            let _ = app.kill();
            let _ = app.wait();
        }
        let _ = self.xvfb.kill();
        let _ = self.xvfb.wait();
    }
}

impl Session {
    fn xdotool(&self, args: &[&str]) -> String {
        let out = Command::new("xdotool")
            .args(args)
            .env("DISPLAY", &self.display)
            .output()
            .expect("xdotool runs");
        String::from_utf8_lossy(&out.stdout).trim().to_owned()
    }

    fn shot(&mut self, name: &str) {
        self.step += 1;
        let file = self.shots.join(format!("{:02}-{name}.png", self.step));
        let _ = Command::new("import")
            .args(["-window", "root"])
            .arg(&file)
            .env("DISPLAY", &self.display)
            .status();
    }

    fn layout(&self) -> serde_json::Value {
        std::fs::read_to_string(&self.layout)
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or(serde_json::Value::Null)
    }

    /// Waits until the app's reported layout satisfies `ok`.
    fn wait_for(
        &mut self,
        what: &str,
        ok: impl Fn(&serde_json::Value) -> bool,
    ) -> serde_json::Value {
        let start = Instant::now();
        loop {
            let l = self.layout();
            if ok(&l) {
                return l;
            }
            if start.elapsed() > PATIENCE {
                self.shot("timeout");
                let _ = std::fs::copy(&self.layout, self.shots.join("layout.json"));
                panic!(
                    "timed out waiting for {what}; screenshots in {}",
                    self.shots.display()
                );
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Waits until the reported layout stops changing (the window has settled).
    fn settled(&self) -> serde_json::Value {
        let start = Instant::now();
        let mut last = String::new();
        loop {
            std::thread::sleep(Duration::from_millis(700));
            let now = std::fs::read_to_string(&self.layout).unwrap_or_default();
            if !now.is_empty() && now == last {
                return self.layout();
            }
            assert!(
                start.elapsed() < Duration::from_secs(40),
                "the window never settled"
            );
            last = now;
        }
    }

    fn card<'a>(l: &'a serde_json::Value, id: &str) -> Option<&'a serde_json::Value> {
        l["cards"].as_array()?.iter().find(|c| c["id"] == id)
    }

    fn center(rect: &serde_json::Value) -> (i64, i64) {
        let r: Vec<f64> = rect
            .as_array()
            .expect("rect")
            .iter()
            .map(|v| v.as_f64().unwrap_or(0.0))
            .collect();
        (((r[0] + r[2]) / 2.0) as i64, ((r[1] + r[3]) / 2.0) as i64)
    }

    /// Moves the pointer to a point in the window (the layout reports window coordinates).
    fn point(&self, x: i64, y: i64) {
        self.xdotool(&[
            "mousemove",
            "--window",
            &self.window,
            &x.to_string(),
            &y.to_string(),
        ]);
    }

    fn click(&self, (x, y): (i64, i64)) {
        self.point(x, y);
        std::thread::sleep(Duration::from_millis(150));
        self.xdotool(&["click", "1"]);
        std::thread::sleep(Duration::from_millis(300));
    }

    fn key(&self, keys: &str) {
        self.xdotool(&["key", "--delay", "80", keys]);
        std::thread::sleep(Duration::from_millis(300));
    }

    /// Starts the app on `file` in a bare session, waits until the map is on screen and gives
    /// the window keyboard focus.
    fn launch(&mut self, file: &Path, home: &Path, runtime: &Path, log: &str) {
        let _ = std::fs::remove_file(&self.layout);
        let log = std::fs::File::create(self.shots.join(log)).expect("log");
        self.app = Some(
            app_command(&self.display, home, runtime)
                .arg("--layout-json")
                .arg(&self.layout)
                .args(["--theme", "light"])
                .arg(file)
                .stdout(log.try_clone().expect("log"))
                .stderr(log)
                .spawn()
                .expect("the app starts"),
        );
        self.wait_for("the map on screen", |l| Session::card(l, "c1").is_some());
        let window = self.xdotool(&["search", "--name", "journey-map"]);
        self.window = window.lines().last().unwrap_or_default().to_owned();
        assert!(!self.window.is_empty(), "no window");
        self.settled();
        self.xdotool(&["windowfocus", "--sync", &self.window]);
        self.point(5, 5);
        self.settled();
    }

    /// Quits with Ctrl+Q and waits for a clean exit.
    fn quit(&mut self) {
        self.key("ctrl+q");
        let mut app = self.app.take().expect("app");
        let start = Instant::now();
        let status = loop {
            if let Some(status) = app.try_wait().expect("wait") {
                break status;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "the app did not quit; screenshots in {}",
                self.shots.display()
            );
            std::thread::sleep(Duration::from_millis(100));
        };
        assert!(
            status.success(),
            "exit status {status}; log in {}",
            self.shots.display()
        );
    }

    /// Clicks into the map's Description in the inspector (nothing selected) and types.
    /// The PNG the X clipboard offers (waiting for the app to put it there): width, height and
    /// RGBA pixels.
    fn clipboard_png(&self) -> (u32, u32, Vec<u8>) {
        let xclip = |args: &[&str]| {
            Command::new("xclip")
                .args(args)
                .env("DISPLAY", &self.display)
                .output()
                .expect("xclip runs")
        };
        let start = Instant::now();
        loop {
            let targets = xclip(&["-selection", "clipboard", "-t", "TARGETS", "-o"]);
            let targets = String::from_utf8_lossy(&targets.stdout).into_owned();
            if targets.lines().any(|t| t.trim() == "image/png") {
                break;
            }
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "the clipboard offers no image/png: {targets:?}"
            );
            std::thread::sleep(Duration::from_millis(200));
        }
        let out = xclip(&["-selection", "clipboard", "-t", "image/png", "-o"]);
        let mut decoder = png::Decoder::new(std::io::Cursor::new(out.stdout));
        decoder.set_transformations(png::Transformations::EXPAND);
        let mut reader = decoder.read_info().expect("the clipboard holds a PNG");
        let mut buf = vec![0; reader.output_buffer_size().expect("size")];
        let frame = reader.next_frame(&mut buf).expect("pixels");
        assert_eq!(frame.color_type, png::ColorType::Rgba, "RGBA");
        buf.truncate(frame.buffer_size());
        (frame.width, frame.height, buf)
    }

    fn type_into_description(&mut self, text: &str) {
        let l = self.wait_for("the map inspector", |l| {
            !l["widgets"]["inspector.map-desc"].is_null()
        });
        self.click(Session::center(&l["widgets"]["inspector.map-desc"]));
        self.key("ctrl+End");
        self.xdotool(&["type", "--delay", "40", text]);
        self.wait_for("the typed text to count as a change", |l| {
            l["dirty"] == true
        });
    }
}

#[test]
fn a_user_drags_types_undoes_saves_exports_and_quits_in_a_real_window() {
    let work = tempfile::tempdir().expect("temp dir");
    let map = work.path().join("kiosk.journey.ron");
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/chocolate-bar.journey.ron"
        ),
        &map,
    )
    .expect("copy");
    let Some(mut s) = start_session(work.path(), "drag-type-save", &["xclip"]) else {
        return;
    };
    let (display, shots) = (s.display.clone(), s.shots.clone());
    // A bare session: no desktop portal, no config folder, software rendering.
    let home = work.path().join("home");
    let runtime = work.path().join("run");
    std::fs::create_dir_all(&home).expect("home");
    std::fs::create_dir_all(&runtime).expect("runtime");
    s.launch(&map, &home, &runtime, "app.log");
    let window = s.window.clone();
    let l = s.layout();
    s.shot("opened");

    // 1. Drag "Loopt langs de kiosk op perron 5" from the first phase to the third.
    let from = Session::center(&Session::card(&l, "c1").expect("c1")["rect"]);
    let target = l["cells"]
        .as_array()
        .expect("cells")
        .iter()
        .find(|c| c["lane"] == "l1" && c["column"] == 2)
        .expect("cell");
    let to = Session::center(&target["rect"]);
    s.point(from.0, from.1);
    s.wait_for("the pointer on the card", |l| l["hover"] == "c1");
    s.xdotool(&["mousedown", "1"]);
    // Frames may be slow under software rendering: let the app see the press and the first
    // movement as a drag before going on, so they are not merged into one click.
    std::thread::sleep(Duration::from_millis(300));
    s.point(from.0 + 12, from.1 + 4);
    s.wait_for("the drag to start", |l| l["dragging"] == true);
    for i in 1..=8 {
        let x = from.0 + (to.0 - from.0) * i / 8;
        let y = from.1 + (to.1 - from.1) * i / 8 + 8;
        s.point(x, y);
        std::thread::sleep(Duration::from_millis(60));
    }
    std::thread::sleep(Duration::from_millis(300));
    s.shot("dragging");
    s.xdotool(&["mouseup", "1"]);
    let l = s.wait_for("the card in the third phase", |l| {
        Session::card(l, "c1").is_some_and(|c| c["phase"] == "p3")
    });
    s.shot("dropped");

    // 2. Retitle it by typing in place.
    let _ = l;
    let l = s.settled();
    let at = Session::center(&Session::card(&l, "c1").expect("c1")["rect"]);
    s.point(at.0, at.1);
    s.wait_for("the pointer on the moved card", |l| l["hover"] == "c1");
    s.xdotool(&["click", "--repeat", "2", "--delay", "90", "1"]);
    std::thread::sleep(Duration::from_millis(400));
    s.xdotool(&["windowfocus", "--sync", &window]);
    s.key("ctrl+a");
    s.xdotool(&["type", "--delay", "40", "Kiosk op perron 5"]);
    s.key("Return");
    s.wait_for("the new title", |l| {
        Session::card(l, "c1").is_some_and(|c| c["title"] == "Kiosk op perron 5")
    });
    s.shot("retitled");

    // 3. Undo the retitle, then redo it.
    s.key("ctrl+z");
    s.wait_for("undo", |l| {
        Session::card(l, "c1").is_some_and(|c| c["title"] == "Loopt langs de kiosk op perron 5")
    });
    s.shot("undone");
    s.key("ctrl+shift+z");
    s.wait_for("redo", |l| {
        Session::card(l, "c1").is_some_and(|c| c["title"] == "Kiosk op perron 5")
    });
    s.shot("redone");

    // 4. Save with Ctrl+S.
    s.key("ctrl+s");
    s.wait_for("a clean title bar after saving", |l| l["dirty"] == false);
    s.shot("saved");

    // 5. Export through the File menu.
    let l = s.layout();
    s.click(Session::center(&l["widgets"]["menu.file"]));
    let l = s.wait_for("the File menu", |l| {
        !l["widgets"]["menu.file.export"].is_null()
    });
    let _ = l;
    let l = s.settled();
    s.shot("file-menu");
    s.click(Session::center(&l["widgets"]["menu.file.export"]));
    let l = s.wait_for("the export dialog", |l| {
        !l["widgets"]["export.button"].is_null()
    });
    // Popups are laid out once off-screen before they are placed: wait for the final place.
    let _ = l;
    let l = s.settled();
    s.shot("export-dialog");
    s.click(Session::center(&l["widgets"]["export.button"]));
    let png = work.path().join("kiosk.png");
    let start = Instant::now();
    while !png.exists() {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "no export; screenshots in {}",
            shots.display()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    std::thread::sleep(Duration::from_millis(500));
    s.shot("exported");

    // 6. Quit.
    s.quit();

    // The saved map has the move and the new title.
    let saved = journey_map::io::load(&map).expect("the saved map loads");
    let card = saved.card(&"c1".into()).expect("c1");
    assert_eq!(card.title, "Kiosk op perron 5");
    assert_eq!(card.at.phase.as_str(), "p3");
    // The picture exists, is not blank, and carries the saved map.
    let bytes = std::fs::read(&png).expect("png");
    let decoder = png::Decoder::new(std::io::Cursor::new(&bytes));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size().expect("size")];
    reader.next_frame(&mut buf).expect("pixels");
    let colours: std::collections::HashSet<&[u8]> = buf.chunks(4).collect();
    assert!(
        colours.len() > 200,
        "the export is not blank ({} colours)",
        colours.len()
    );
    assert_eq!(
        journey_map::io::load(&png).expect("the picture opens as the map"),
        saved
    );

    // 8. Typing into the map's description keeps every card, on screen and in the saved file.
    // (It once replaced the map with a copy without cards.)
    s.launch(&map, &home, &runtime, "app-description.log");
    s.type_into_description(" Ook op het station.");
    s.shot("description-typed");
    assert_eq!(
        s.layout()["cards"].as_array().map(Vec::len),
        Some(saved.cards.len()),
        "every card still on screen"
    );
    s.key("ctrl+s");
    s.wait_for("saved", |l| l["dirty"] == false);
    // Edit → Copy map as image (Ctrl+Shift+C): the clipboard offers a PNG, and it is the map
    // as a 1920×1080 slide.
    s.key("ctrl+shift+c");
    let clip = s.clipboard_png();
    s.shot("copied-as-image");
    s.quit();
    let described = journey_map::io::load(&map).expect("the saved map loads");
    let slide = journey_map::io::export::render(&described, &Default::default()).expect("renders");
    let (w, h, pixels) = clip;
    assert_eq!((w, h), (1920, 1080), "a slide-sized picture");
    assert!(
        pixels == slide.to_rgba8(),
        "the clipboard's picture is the map's slide"
    );
    assert!(described.description.ends_with(" Ook op het station."));
    assert_eq!(described.cards, saved.cards, "every card saved as it was");

    // 9. A map opened from its exported picture: Ctrl+S saves a new journey map beside it and
    // never writes over the picture.
    let picture = std::fs::read(&png).expect("png");
    s.launch(&png, &home, &runtime, "app-picture.log");
    let title = s.layout()["title"].as_str().unwrap_or_default().to_owned();
    assert!(
        title.contains("kiosk.png ("),
        "the title says it is a picture: {title}"
    );
    s.type_into_description(" Bewerkt.");
    s.key("ctrl+s");
    let l = s.wait_for("Save As with a path field (no portal here)", |l| {
        !l["widgets"]["path.ok"].is_null()
    });
    let _ = l;
    let l = s.settled();
    s.shot("save-picture-as");
    s.click(Session::center(&l["widgets"]["path.ok"]));
    s.wait_for("saved", |l| l["dirty"] == false);
    s.shot("picture-saved-as-map");
    s.quit();
    assert_eq!(
        std::fs::read(&png).expect("png"),
        picture,
        "the picture is untouched"
    );
    // kiosk.journey.ron exists, so the proposal is the next free name.
    let beside = journey_map::io::load(&work.path().join("kiosk 2.journey.ron"))
        .expect("the map saved beside the picture");
    assert!(beside.description.ends_with(" Bewerkt."));
    assert_eq!(beside.cards, saved.cards);
    assert_eq!(
        journey_map::io::load(&map).expect("loads"),
        described,
        "the original map is untouched"
    );

    // 7. The start-up benchmark's flag (scripts/startup.sh): the map is shown once, then the
    // program exits by itself, successfully.
    let _ = std::fs::remove_file(&s.layout);
    let mut once = app_command(&display, &home, &runtime)
        .arg("--quit-after-first-frame")
        .arg("--layout-json")
        .arg(&s.layout)
        .arg(&map)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the app starts");
    let start = Instant::now();
    let status = loop {
        if let Some(status) = once.try_wait().expect("wait") {
            break status;
        }
        if start.elapsed() > Duration::from_secs(30) {
            let _ = once.kill();
            panic!("--quit-after-first-frame did not quit");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "exit status {status}");
    let shown = s.layout();
    assert!(
        Session::card(&shown, "c1").is_some(),
        "the frame it showed had the map's cards"
    );

    // 10. A picture copied in another program (xclip stands in for it) pasted with Ctrl+V
    // becomes a picture card in the map's storyboard lane, through the real X clipboard.
    let picture = work.path().join("clip.png");
    let mut img = image::RgbImage::new(300, 200);
    for (x, _, p) in img.enumerate_pixels_mut() {
        *p = image::Rgb([30, if x < 150 { 140 } else { 60 }, 60]);
    }
    img.save(&picture).expect("png");
    let before = journey_map::io::load(&map).expect("loads");
    let mut owner = Command::new("xclip")
        .args(["-selection", "clipboard", "-t", "image/png", "-i"])
        .arg(&picture)
        .env("DISPLAY", &display)
        .spawn()
        .expect("xclip runs");
    let _ = owner.wait();
    s.launch(&map, &home, &runtime, "app-paste.log");
    s.key("ctrl+v");
    s.wait_for("a pasted picture card", |l| {
        l["cards"].as_array().map(Vec::len) == Some(before.cards.len() + 1)
    });
    s.shot("picture-pasted");
    s.key("ctrl+s");
    s.wait_for("saved", |l| l["dirty"] == false);
    s.quit();
    let after = journey_map::io::load(&map).expect("loads");
    let pasted = after
        .cards
        .iter()
        .find(|c| c.image.is_some() && !before.cards.iter().any(|b| b.id == c.id))
        .expect("a new card with a picture");
    let board = after
        .lanes
        .iter()
        .find(|l| l.kind == journey_map::model::LaneKind::Storyboard)
        .expect("a storyboard lane");
    assert_eq!(pasted.lane, board.id, "in the storyboard lane");
    let img = pasted.image.as_ref().expect("picture");
    assert_eq!((img.width, img.height), (300, 200));
}

/// Runs the editor on `display` until its first frame is shown; returns its exit status and log.
fn first_frame(display: &str, work: &Path, backend: Option<&str>) -> (bool, String) {
    let home = work.join("home");
    let runtime = work.join("run");
    std::fs::create_dir_all(&home).expect("home");
    std::fs::create_dir_all(&runtime).expect("runtime");
    let mut c = app_command(display, &home, &runtime);
    c.env_remove("WGPU_BACKEND");
    if let Some(b) = backend {
        c.env("WGPU_BACKEND", b);
    }
    let log = work.join("log.txt");
    let mut child = c
        .arg("--quit-after-first-frame")
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/chocolate-bar.journey.ron"
        ))
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log).expect("log"))
        .spawn()
        .expect("the editor starts");
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if start.elapsed() > Duration::from_secs(90) {
            let _ = child.kill();
            panic!(
                "no first frame in 90 s: {}",
                std::fs::read_to_string(&log).unwrap_or_default()
            );
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    (
        status.success(),
        std::fs::read_to_string(&log).unwrap_or_default(),
    )
}

#[test]
fn the_window_opens_when_the_first_graphics_path_fails() {
    let work = tempfile::tempdir().expect("temp dir");
    let Some(s) = start_session(work.path(), "renderer", &[]) else {
        return;
    };
    let display = s.display.clone();
    // The platform's choice works here: one line says what draws the window.
    let (ok, log) = first_frame(&display, &work.path().join("plain"), None);
    assert!(ok, "{log}");
    assert!(log.contains("drawing with"), "{log}");
    assert!(!log.contains("could not open a window"), "{log}");
    // Force the first choice to fail (DX12 does not exist on Linux): the next one opens the map.
    let (ok, log) = first_frame(&display, &work.path().join("dx12"), Some("dx12"));
    drop(s);
    assert!(ok, "the editor falls back instead of exiting: {log}");
    assert!(log.contains("could not open a window"), "{log}");
    assert!(
        log.contains("drawing with") && log.contains("after:"),
        "the log says which path draws and which failed: {log}"
    );
}

/// Xvfb on a display of its own, or `None` (with a note) where the tools are missing.
fn start_session(work: &Path, name: &str, more_tools: &[&str]) -> Option<Session> {
    let mut tools = vec!["Xvfb", "xdotool", "import"];
    tools.extend_from_slice(more_tools);
    if !tools.iter().all(|t| have(t)) {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must provide {tools:?} (.ci/run installs them)"
        );
        eprintln!("skipped: needs {tools:?}");
        return None;
    }
    let shots =
        Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("e2e-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&shots).expect("shots folder");
    eprintln!("screenshots and logs: {}", shots.display());
    // Tests of this file run side by side in one process: each session its own display.
    static SESSIONS: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let n = SESSIONS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let display = format!(":{}", 50 + (std::process::id() % 40) * 5 + n);
    let xvfb = Command::new("Xvfb")
        .args([
            display.as_str(),
            "-screen",
            "0",
            "1600x1000x24",
            "-nolisten",
            "tcp",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("Xvfb starts");
    let s = Session {
        display,
        xvfb,
        app: None,
        shots,
        step: 0,
        layout: work.join("layout.json"),
        window: String::new(),
    };
    let start = Instant::now();
    while s.xdotool(&["getdisplaygeometry"]).is_empty() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "Xvfb did not start"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    Some(s)
}

/// Polls a layout file (another window's) until `ok`.
fn wait_file(
    s: &mut Session,
    file: &Path,
    what: &str,
    ok: impl Fn(&serde_json::Value) -> bool,
) -> serde_json::Value {
    let start = Instant::now();
    loop {
        let l = std::fs::read_to_string(file)
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or(serde_json::Value::Null);
        if ok(&l) {
            return l;
        }
        if start.elapsed() > PATIENCE {
            s.shot("timeout");
            panic!(
                "timed out waiting for {what}: {l}; screenshots in {}",
                s.shots.display()
            );
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn one_map_in_two_windows_and_a_file_that_moved_on_in_a_real_window() {
    let work = tempfile::tempdir().expect("temp dir");
    let Some(mut s) = start_session(work.path(), "two-windows", &[]) else {
        return;
    };
    let map = work.path().join("kiosk.journey.ron");
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/chocolate-bar.journey.ron"
        ),
        &map,
    )
    .expect("copy");
    let home = work.path().join("home");
    let runtime = work.path().join("run");
    std::fs::create_dir_all(&home).expect("home");
    std::fs::create_dir_all(&runtime).expect("runtime");
    s.launch(&map, &home, &runtime, "first.log");
    let first = s.window.clone();
    s.shot("first-window");

    // 1. A second double-click on the same map starts a second editor: it asks first.
    let layout2 = work.path().join("layout2.json");
    let log = std::fs::File::create(s.shots.join("second.log")).expect("log");
    let mut second = app_command(&s.display, &home, &runtime)
        .arg("--layout-json")
        .arg(&layout2)
        .args(["--theme", "light"])
        .arg(&map)
        .stdout(log.try_clone().expect("log"))
        .stderr(log)
        .spawn()
        .expect("a second editor starts");
    wait_file(&mut s, &layout2, "the Already open question", |l| {
        l["dialog"] == "already-open"
    });
    let windows = s.xdotool(&["search", "--name", "journey-map"]);
    let other = windows
        .lines()
        .find(|w| *w != first)
        .expect("a second window")
        .to_owned();
    s.shot("already-open");
    // Enter takes the choice that loses nothing: open read-only.
    s.xdotool(&["windowfocus", "--sync", &other]);
    s.key("Return");
    let l2 = wait_file(&mut s, &layout2, "the map opened read-only", |l| {
        l["dialog"] == "" && l["title"].as_str().is_some_and(|t| t.contains("read-only"))
    });
    assert!(
        l2["cards"].as_array().is_some_and(|c| !c.is_empty()),
        "the map is shown"
    );
    s.shot("read-only");
    let _ = second.kill();
    let _ = second.wait();

    // 2. The first window edits, its edits are kept for recovery, then it dies.
    s.xdotool(&["windowfocus", "--sync", &first]);
    s.type_into_description(" Bewerkt in het eerste venster.");
    let recovery = home.join("data").join("journey-map").join("recovery");
    let start = Instant::now();
    while std::fs::read_dir(&recovery).map_or(0, |d| d.count()) == 0 {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "no recovery copy in {}",
            recovery.display()
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    std::thread::sleep(Duration::from_millis(500));
    let mut app = s.app.take().expect("app");
    let _ = app.kill();
    let _ = app.wait();
    // 3. Meanwhile a colleague's sync writes a newer version of the file.
    std::thread::sleep(Duration::from_millis(1100));
    let mut theirs = journey_map::io::load(&map).expect("loads");
    theirs.phases[0].name = "Door een collega hernoemd".into();
    journey_map::io::save(&map, &theirs).expect("saves");

    // 4. Opening the map again offers the edits, says the file moved on, and compares.
    s.launch(&map, &home, &runtime, "again.log");
    let l = s.wait_for("the recovered work, with the file moved on", |l| {
        l["dialog"] == "recovered-moved-on"
    });
    s.shot("recovered-moved-on");
    s.click(Session::center(&l["widgets"]["recovered.restore-compare"]));
    let l = s.wait_for("the compare view", |l| {
        l["dialog"] == "" && l["differences"].as_u64().is_some_and(|n| n >= 2)
    });
    assert_eq!(l["dirty"], true, "the restored edits are unsaved");
    s.settled();
    s.shot("compare-view");
    // 5. Saving asks before writing over the newer file; Esc leaves it alone.
    s.key("ctrl+s");
    s.wait_for("the changed-on-disk question", |l| {
        l["dialog"] == "conflict"
    });
    s.shot("conflict");
    s.key("Escape");
    s.wait_for("the question closed", |l| l["dialog"] == "");
    assert_eq!(
        journey_map::io::load(&map).expect("loads"),
        theirs,
        "the colleague's work is intact"
    );
}

/// The map as Orca reads it: the editor in a real window with the AT-SPI bus of a private D-Bus
/// session, its tree walked with pyatspi (scripts/atspi_walk.sh). Every card is a node named by
/// its title and described by its lane and phase; the curve's points say their level by name.
#[test]
fn a_screen_reader_reads_every_card_with_its_lane_and_phase() {
    let ready = Path::new("/usr/libexec/at-spi-bus-launcher").exists()
        && have("dbus-run-session")
        && Command::new("/usr/bin/python3")
            .args(["-c", "import pyatspi"])
            .status()
            .is_ok_and(|s| s.success());
    if !ready {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must provide at-spi2-core, python3-pyatspi and dbus (.ci/run installs them)"
        );
        eprintln!("skipped: needs at-spi2-core, python3-pyatspi and dbus");
        return;
    }
    let work = tempfile::tempdir().expect("temp dir");
    let Some(s) = start_session(work.path(), "atspi", &[]) else {
        return;
    };
    let map = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/chocolate-bar.journey.ron");
    let home = work.path().join("home");
    let runtime = work.path().join("run");
    std::fs::create_dir_all(&home).expect("home");
    std::fs::create_dir_all(&runtime).expect("runtime");
    let out = Command::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/scripts/atspi_walk.sh"
    ))
    .arg(env!("CARGO_BIN_EXE_journey-map"))
    .arg(&map)
    .env("DISPLAY", &s.display)
    .env("HOME", &home)
    .env("XDG_CONFIG_HOME", home.join("config"))
    .env("XDG_DATA_HOME", home.join("data"))
    .env("XDG_RUNTIME_DIR", &runtime)
    .env_remove("DBUS_SESSION_BUS_ADDRESS")
    .env_remove("WAYLAND_DISPLAY")
    .output()
    .expect("the walk runs");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    std::fs::write(s.shots.join("atspi-tree.jsonl"), &text).expect("keep the tree");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let nodes: Vec<serde_json::Value> = text
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    let j = journey_map::io::load(&map).expect("example");
    for card in &j.cards {
        let Some(lane) = j.lane(&card.lane).filter(|l| l.visible) else {
            continue;
        };
        let phase = &j.phase(&card.at.phase).expect("phase").name;
        let place = format!("{}, {phase}", lane.title);
        assert!(
            nodes.iter().any(|n| n["name"] == card.title.as_str()
                && n["description"]
                    .as_str()
                    .is_some_and(|d| d.starts_with(&place))),
            "no AT-SPI node for {:?} described as {place:?}; tree in {}",
            card.title,
            s.shots.display()
        );
    }
    let curve = &j.emotion_curves[0];
    let persona = &j
        .personas
        .iter()
        .find(|x| x.id == curve.persona)
        .expect("persona")
        .name;
    let p = &curve.points[0];
    let phase = &j.phase(&p.at.phase).expect("phase").name;
    let level = &curve.scale.labels[(p.value.round() as i32 - curve.scale.min) as usize];
    let want = format!("{persona}, {phase}: {level}");
    assert!(
        nodes.iter().any(|n| n["name"] == want.as_str()),
        "no curve point named {want:?}"
    );
}
