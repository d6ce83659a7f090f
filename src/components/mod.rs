//! The UI, a folder per feature.

pub mod applications;
pub mod apply;
pub mod bar_rows;
pub mod choices;
pub mod desk;
pub mod download;
pub mod handover;
pub mod header;
pub mod kiosk;
pub mod level_payoff;
pub mod map;
pub mod qr;
pub mod results;
pub mod source_attribution;
pub mod start;
pub mod status;
pub mod vacancy;
pub mod zone;
