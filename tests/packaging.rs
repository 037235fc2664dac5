//! What the packages install, read back with the desktop's own tools: the desktop entry passes
//! `desktop-file-validate`, the MIME type makes `xdg-mime` name `*.journey.ron` files ours, every
//! file the .deb lists exists, and the icons are the sizes their names say.

use std::path::Path;
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Whether `tool` runs; in CI it must (`.ci/run` installs it).
fn have(tool: &str, package: &str) -> bool {
    let found = Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must provide {tool} ({package})"
        );
        eprintln!("skipped: needs {tool} (apt-get install {package})");
    }
    found
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).expect(path)
}

#[test]
fn the_desktop_entry_is_valid_and_opens_maps() {
    let entry = read("assets/journey-map.desktop");
    let mime = read("assets/journey-map.xml");
    assert!(entry.contains("\nExec=journey-map %f\n"), "{entry}");
    assert!(entry.contains("\nIcon=journey-map\n"), "{entry}");
    assert!(
        entry.contains("\nMimeType=application/x-journey-map;\n"),
        "{entry}"
    );
    assert!(mime.contains(r#"<mime-type type="application/x-journey-map">"#));
    if !have("desktop-file-validate", "desktop-file-utils") {
        return;
    }
    let o = Command::new("desktop-file-validate")
        .arg(root().join("assets/journey-map.desktop"))
        .output()
        .expect("runs");
    assert!(
        o.status.success() && o.stdout.is_empty(),
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn file_managers_know_a_journey_map_by_its_name() {
    if !have("update-mime-database", "shared-mime-info")
        || !have("xdg-mime", "xdg-utils")
        || !have("mimetype", "libfile-mimeinfo-perl")
    {
        return;
    }
    // Installed as the .deb installs it, into a data folder of our own.
    let data = tempfile::tempdir().expect("temp dir");
    let packages = data.path().join("mime/packages");
    std::fs::create_dir_all(&packages).expect("mime folder");
    std::fs::copy(
        root().join("assets/journey-map.xml"),
        packages.join("journey-map.xml"),
    )
    .expect("copy");
    let o = Command::new("update-mime-database")
        .arg(data.path().join("mime"))
        .output()
        .expect("runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let map = data.path().join("Klantreis Q3.journey.ron");
    std::fs::copy(root().join("examples/chocolate-bar.journey.ron"), &map).expect("copy");
    let plain = data.path().join("notes.ron");
    std::fs::write(&plain, "(a: 1)").expect("write");
    let query = |file: &Path| {
        let o = Command::new("xdg-mime")
            .args(["query", "filetype"])
            .arg(file)
            .env("XDG_DATA_HOME", data.path())
            .env("XDG_DATA_DIRS", "/usr/local/share:/usr/share")
            .env_remove("XDG_CURRENT_DESKTOP")
            .env_remove("KDE_FULL_SESSION")
            .env_remove("GNOME_DESKTOP_SESSION_ID")
            .output()
            .expect("xdg-mime runs");
        String::from_utf8_lossy(&o.stdout).trim().to_owned()
    };
    assert_eq!(query(&map), "application/x-journey-map");
    assert_ne!(
        query(&plain),
        "application/x-journey-map",
        "only *.journey.ron"
    );
}

#[test]
fn every_file_the_deb_installs_exists() {
    let cargo = read("Cargo.toml");
    let deb = cargo
        .split("[package.metadata.deb]")
        .nth(1)
        .expect("cargo-deb metadata");
    let sources: Vec<&str> = deb
        .lines()
        .filter_map(|l| l.trim().strip_prefix("[\""))
        .filter_map(|l| l.split('"').next())
        .collect();
    assert!(sources.len() >= 12, "{sources:?}");
    for s in sources {
        if s.starts_with("target/") {
            continue; // built by cargo deb itself
        }
        if let Some((folder, ext)) = s.split_once("/*") {
            let n = std::fs::read_dir(root().join(folder))
                .expect(folder)
                .filter(|e| {
                    e.as_ref()
                        .is_ok_and(|e| e.path().to_string_lossy().ends_with(ext))
                })
                .count();
            assert!(n > 0, "{s}");
            continue;
        }
        assert!(root().join(s).is_file(), "{s} is missing");
    }
}

#[test]
fn the_icons_are_the_sizes_their_names_say() {
    for size in [16u32, 24, 32, 48, 64, 128, 256, 512] {
        let path = root().join(format!("assets/icons/journey-map-{size}.png"));
        let file = std::fs::File::open(&path).expect("icon");
        let info = png::Decoder::new(std::io::BufReader::new(file))
            .read_info()
            .expect("a PNG")
            .info()
            .clone();
        assert_eq!(
            (info.width, info.height),
            (size, size),
            "{}",
            path.display()
        );
    }
    let window = journey_map::ui::icon().expect("the window icon decodes");
    assert_eq!((window.width, window.height), (256, 256));
    // Not a blank square: the icon has colour and transparent corners.
    assert_eq!(window.rgba[3], 0, "transparent corner");
    let coloured = window
        .rgba
        .chunks_exact(4)
        .filter(|p| p[3] > 200 && (p[0] != p[1] || p[1] != p[2]))
        .count();
    assert!(coloured > 256 * 256 / 10, "{coloured} coloured pixels");
    // Windows and macOS icons: an .ico with several sizes, an .icns.
    let ico = std::fs::read(root().join("assets/icons/journey-map.ico")).expect("ico");
    assert_eq!(&ico[..4], &[0, 0, 1, 0], "an icon file");
    assert!(
        u16::from_le_bytes([ico[4], ico[5]]) >= 5,
        "sizes in the .ico"
    );
    let icns = std::fs::read(root().join("assets/icons/journey-map.icns")).expect("icns");
    assert_eq!(&icns[..4], b"icns");
}
