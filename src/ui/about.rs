//! Help → About: the version, the file format, and which graphics path draws the window (what a
//! colleague asks for when the app looks wrong on their laptop).

use crate::model::Language;

/// Shows the About window while `open`.
pub fn show(ctx: &egui::Context, open: &mut bool, lang: Language, renderer: &str) {
    let renderer = if renderer.is_empty() {
        lang.pick("not known (no window)", "onbekend (geen venster)")
    } else {
        renderer
    };
    egui::Window::new(lang.pick("About journey-map", "Over journey-map"))
        .open(open)
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            ui.heading(format!("journey-map {}", env!("CARGO_PKG_VERSION")));
            ui.label(lang.pick(
                "Customer journey maps, offline and file-based.",
                "Klantreizen, offline en in bestanden.",
            ));
            egui::Grid::new("about").num_columns(2).show(ui, |ui| {
                ui.label(lang.pick("File format", "Bestandsformaat"));
                ui.label(format!(
                    ".journey.ron, version {}",
                    crate::io::FORMAT_VERSION
                ));
                ui.end_row();
                ui.label(lang.pick("Graphics", "Weergave"));
                ui.label(renderer);
                ui.end_row();
                ui.label(lang.pick("Platform", "Platform"));
                ui.label(format!(
                    "{} {}",
                    std::env::consts::OS,
                    std::env::consts::ARCH
                ));
                ui.end_row();
            });
        });
}
