//! Decarb Planner: CO2 reduction scenarios for metals companies.
//!
//! - [`model`]: the scenario file format and its validation (no UI, no I/O);
//! - [`engine`]: the emissions model of MODEL.md (pure, allocation-light);
//! - [`report`] (= `export::summary`): text and CSV views of a projection, shared by the CLI,
//!   the window and the exports;
//! - [`charts`]: the data of every chart, drawn by the window and the SVG/PNG exports;
//! - [`explain`]: plain-language explanations (metric names, residuals, lever effects);
//! - [`file`]: bounded reads and atomic saves;
//! - [`cli`]: the command line.

#[cfg(feature = "gui")]
pub mod app;
pub mod charts;
pub mod cli;
pub mod engine;
pub mod explain;
pub mod export;
pub mod file;
#[doc(hidden)]
pub mod fuzzing;
pub mod i18n;
pub mod model;
/// Summaries, CSV and comparison texts (they live beside the exports they feed).
pub use export::summary as report;
pub mod synthetic;
pub mod units;
pub mod workbook;

/// The bundled CJK font (BIZ UDPGothic, SIL OFL 1.1, see assets/fonts): the window and the
/// PNG charts render Japanese with it on any machine.
pub const CJK_FONT: &[u8] = include_bytes!("../assets/fonts/BIZUDPGothic-Regular.ttf");

/// The JX Metals scenario, embedded as the default scenario of the window.
pub const DEFAULT_SCENARIO: &str = include_str!("../scenarios/jx-metals-2018.ron");
