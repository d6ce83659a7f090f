//! The zone analysis (issue 9): for an IRM zone, an arrondissement or a town, the Flemish
//! vacancies within reach of any of its towns, as occupation × Dutch level, for counsellors and
//! planners. Counted from the same loader and filter as the map, so the numbers agree with it.
//!
//! - [`areas`]: the deployment's zone file, the area in the URL, and the searches that cover it;
//! - [`count`]: the running count as pages arrive, and the table's order;
//! - [`view`]: the page's state in the URL;
//! - [`export`]: the table as CSV for Excel.

pub mod areas;
pub mod count;
pub mod export;
pub mod view;

pub use areas::{covering_areas, Arrondissement, ZoneArea, ZoneFileError, ZoneMap};
pub use count::{Direction, OccupationRow, ZoneCount, ZoneReach, ZoneSort, ZoneTable};
pub use export::{zone_csv, ZoneCsvLabels};
pub use view::ZoneView;
