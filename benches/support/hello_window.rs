//! A bare eframe window with one label: the baseline the editor's start-up time and memory are
//! compared with (`scripts/startup.sh`). Exits once its first frame has been painted, by the
//! same rule as `journey-map --quit-after-first-frame`.

fn main() -> eframe::Result<()> {
    eframe::run_native(
        "hello",
        // The editor's window size, so the comparison is about the program, not the surface.
        eframe::NativeOptions {
            viewport: egui::ViewportBuilder::default().with_inner_size([1440.0, 900.0]),
            ..Default::default()
        },
        Box::new(|_| Ok(Box::new(Hello { painted: false }))),
    )
}

struct Hello {
    painted: bool,
}

impl eframe::App for Hello {
    fn logic(&mut self, _ctx: &egui::Context, _frame: &mut eframe::Frame) {
        // eframe paints a frame right after its `ui`, so when the next frame begins the first
        // one is on screen.
        if self.painted {
            std::process::exit(0);
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        ui.label("Hello");
        self.painted = true;
        ui.ctx().request_repaint();
    }
}
