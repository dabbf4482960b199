//! The scenario file format and its validation (MODEL.md §2–3, §7). No UI, no file I/O.

pub mod diff;
pub mod edit;
pub mod goal_seek;
pub mod load;
pub mod locate;
pub mod path;
pub mod scenario;
pub mod structure;
pub mod uncertainty;
pub mod validate;

pub use goal_seek::{GoalSeek, LeverRef, SeekLever, SeekMode};
pub use load::{
    FieldError, LoadError, MAX_FILE_BYTES, from_bytes, from_bytes_noting, from_str, from_str_noting,
    to_string,
};
pub use locate::Position;
pub use path::Path;
pub use scenario::*;
pub use uncertainty::{Dist, LeverName, Route, Sampling, UncertainInput, UncertainTarget, Uncertainty};
