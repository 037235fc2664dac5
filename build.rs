//! Windows only: the app icon and the version in the .exe's resources (what Explorer and the
//! task bar show). Other platforms take their icon from the package (desktop file, .app).

fn main() {
    println!("cargo:rerun-if-changed=assets/icons/journey-map.ico");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("windows") {
        let mut res = winresource::WindowsResource::new();
        res.set_icon("assets/icons/journey-map.ico")
            .set("FileDescription", "journey-map: customer journey maps")
            .set("ProductName", "journey-map");
        // A missing resource compiler costs the icon, not the build.
        if let Err(e) = res.compile() {
            println!("cargo:warning=the .exe gets no icon: {e}");
        }
    }
}
