//! The memory the undo history holds after 1,000 edits, counted by the allocator (the README's
//! performance table): `cargo run --release --example undo-memory [MAP…]`.

use journey_map::edit::{CardField, Document, Edit};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The system allocator, counting the bytes live at any moment.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed on unchanged to the system allocator; only a counter is added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size(), Ordering::Relaxed);
        // SAFETY: as the caller promised for `layout`.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: as the caller promised for `ptr` and `layout`.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE.fetch_add(new_size, Ordering::Relaxed);
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: as the caller promised for `ptr`, `layout` and `new_size`.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn main() {
    let mut maps: Vec<String> = std::env::args().skip(1).collect();
    if maps.is_empty() {
        maps = vec![
            "examples/fulfilment-partner.journey.ron".into(),
            "examples/webshop-see-think-do-care.journey.ron".into(),
        ];
    }
    // The largest example again, its persona with a photo near the size limit: photos are
    // shared between undo steps, so this should cost about what the map without one does.
    let with_photo = maps.first().cloned().map(|m| format!("{m}+photo"));
    for path in maps.into_iter().chain(with_photo) {
        let file_path = path.trim_end_matches("+photo");
        let mut journey = match journey_map::io::load(std::path::Path::new(file_path)) {
            Ok(j) => j,
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(1);
            }
        };
        if path.ends_with("+photo")
            && let Some(p) = journey.personas.first_mut()
        {
            use base64::Engine as _;
            let bytes = vec![7u8; 480 * 1024];
            p.photo = Some(journey_map::model::Photo {
                mime: "image/png".into(),
                base64: base64::engine::general_purpose::STANDARD
                    .encode(bytes)
                    .into(),
            });
        }
        let file = std::fs::metadata(file_path).map_or(0, |m| m.len());
        let ids: Vec<_> = journey.cards.iter().map(|c| c.id.clone()).collect();
        let mut doc = Document::new(journey);
        let before = LIVE.load(Ordering::Relaxed);
        for i in 0..1000 {
            let id = ids[i % ids.len()].clone();
            let title = format!("{} {i}", doc.journey().card(&id).map_or("", |c| &c.title));
            let edit = Edit::SetCard {
                id,
                field: CardField::Title(title),
            };
            if let Err(e) = doc.apply(edit) {
                eprintln!("{e}");
                std::process::exit(1);
            }
        }
        let held = LIVE.load(Ordering::Relaxed).saturating_sub(before);
        println!(
            "{path} ({} KiB file): 1,000 edits hold {:.1} MiB ({:.1} KiB a step; the history's own \
             estimate {:.1} MiB; {} steps kept)",
            file / 1024,
            held as f64 / (1024.0 * 1024.0),
            held as f64 / 1024.0 / 1000.0,
            doc.history_bytes() as f64 / (1024.0 * 1024.0),
            doc.undo_len()
        );
    }
}
