//! The UI, a folder per feature.

pub mod map;
pub mod status;
