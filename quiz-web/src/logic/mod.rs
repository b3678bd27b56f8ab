//! The app's non-view helpers: small decisions about addresses, keys, time and charts that are
//! not about exams (those are quiz-core's) and not views (those are in `pages`). Plain Rust with
//! no browser calls, so `cargo test -p quiz-web` tests them natively.
//!
//! - [`route`]: the screens as URL hashes, with their percent-coding.
//! - [`keys`]: what a key does on a question screen, and the letters options are shown with.
//! - [`time_text`]: the timer, durations in words and the milestones read to screen readers.
//! - [`chart_geometry`]: the layout of the two SVG charts in whole user units.
//! - [`bank_source`]: the line that names where a bank from another origin comes from.

pub mod bank_source;
pub mod chart_geometry;
pub mod keys;
pub mod route;
pub mod time_text;
