//! What the pages share: the loading / empty / error wrapper, KPI tiles, the time chart, the
//! filter bar, the sortable data table with its CSV download, the notice after an action, and
//! the signed-in session with its role checks. A page builds on these instead
//! of copying them, which also keeps the first load small.

pub mod access;
pub mod charts;
pub mod filters;
pub mod load;
pub mod notice;
pub mod server_page;
pub mod table;
pub mod tiles;
