//! Decarb Planner: CO2 reduction scenarios for metals companies.
//!
//! - [`model`]: the scenario file format and its validation (no UI, no I/O);
//! - [`engine`]: the emissions model of MODEL.md (pure, allocation-light);
//! - [`report`]: text and CSV views of a projection, shared by the CLI and the window;
//! - [`file`]: bounded reads and atomic saves;
//! - [`cli`]: the command line.

pub mod app;
pub mod cli;
pub mod engine;
pub mod export;
pub mod file;
pub mod i18n;
pub mod model;
pub mod report;
pub mod synthetic;
pub mod units;

/// The JX Metals scenario, embedded as the default scenario of the window.
pub const DEFAULT_SCENARIO: &str = include_str!("../scenarios/jx-metals-2018.ron");
