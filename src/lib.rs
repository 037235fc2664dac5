//! journey-map: a native desktop editor for customer journey maps.
//!
//! Data flows one way (see `ARCHITECTURE.md`):
//! `model` → `edit` → `layout` → `paint` → `ui`, with `io` reading and writing files.

pub mod cli;
/// Comparing and merging versions of a map by ids.
pub mod compare;
/// Undoable edits and history.
pub mod edit;
/// Large realistic maps for benchmarks and stress tests.
pub mod generate;
/// Reading and writing `.journey.ron` files.
pub mod io;
/// Pure geometry of a laid-out map.
pub mod layout;
/// Pure document data: journeys, phases, lanes, cards, personas, emotion curves.
pub mod model;
/// Layout → shapes: the one painter for screen and export.
pub mod paint;
/// Ready-made maps from the phase models in the articles.
pub mod templates;
/// The eframe application.
pub mod ui;
