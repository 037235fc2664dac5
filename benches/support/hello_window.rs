//! A bare eframe window with one label: the baseline the editor's start-up time and memory are
//! compared with (`scripts/startup.sh`). Quits after its first frame.

fn main() -> eframe::Result<()> {
    eframe::run_native(
        "hello",
        // The editor's window size, so the comparison is about the program, not the surface.
        eframe::NativeOptions {
            viewport: egui::ViewportBuilder::default().with_inner_size([1440.0, 900.0]),
            ..Default::default()
        },
        Box::new(|_| Ok(Box::new(Hello { frames: 0 }))),
    )
}

struct Hello {
    frames: u32,
}

impl eframe::App for Hello {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        ui.label("Hello");
        self.frames += 1;
        if self.frames >= 2 {
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        }
        ui.ctx().request_repaint();
    }
}
