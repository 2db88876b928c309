//! The features, each in a folder of the same shape:
//!
//! | file | what | built for |
//! |---|---|---|
//! | `types.rs` | the wire types of its server functions | both |
//! | `api.rs` | its server functions (`/api/…`) and `register()` | both (bodies on the server) |
//! | `page.rs` | its pages | the client (`csr`) |
//! | `store.rs` / `service.rs` | its SQL (a macro each dialect expands) / its server-side logic | the server (`ssr`) |
//!
//! and a `NAV` list: the navigation entries it adds, each with the action that shows it. The
//! one list below declares the features; the server-function registration and the navigation
//! are derived from it. A feature builds on the shared kernel (`model`, `period`, `kpi`,
//! `stats`, `format`, `auth`, `error`) and `ui::widgets`, never on another feature.

use crate::auth::Action;

/// A link in the main navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NavEntry {
    pub href: &'static str,
    pub label: &'static str,
    /// Shown only to roles that may do this.
    pub action: Action,
    /// Active only on exactly this path (not on the paths below it).
    pub exact: bool,
}

macro_rules! features {
    ($($name:ident),* $(,)?) => {
        $(pub mod $name;)*

        /// Registers every feature's server functions with the router, explicitly, so none can
        /// silently go missing (a test checks that each answers).
        #[cfg(feature = "ssr")]
        pub fn register_server_fns() {
            $($name::api::register();)*
        }

        /// The main navigation, in the order the features are listed.
        pub fn nav() -> Vec<NavEntry> {
            [$($name::NAV),*].concat()
        }
    };
}

features!(overview, summary, mentions, campaigns, governance, imports, users, setup, session);

/// The endpoints open to callers who are not signed in.
pub const PUBLIC_ENDPOINTS: [&str; 1] = ["/api/sign-in"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_navigation_entry_is_a_distinct_page() {
        let nav = nav();
        assert!(nav.len() >= 6);
        for (i, entry) in nav.iter().enumerate() {
            assert!(entry.href.starts_with('/'), "{entry:?}");
            assert!(nav[..i].iter().all(|e| e.href != entry.href && e.label != entry.label), "{entry:?}");
        }
        assert_eq!(nav[0].href, "/", "the overview comes first");
    }

    /// A feature builds on the kernel and the widgets, never on another feature.
    #[test]
    fn no_feature_imports_another() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/src/features");
        let mut features = Vec::new();
        for entry in std::fs::read_dir(root).expect("src/features") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                features.push(path);
            }
        }
        assert!(features.len() >= 6);
        for dir in &features {
            let own = dir.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
            for file in std::fs::read_dir(dir).expect("feature folder") {
                let file = file.expect("file").path();
                let text = std::fs::read_to_string(&file).expect("source");
                for other in &features {
                    let other = other.file_name().and_then(|n| n.to_str()).unwrap_or_default();
                    let import = format!("features::{other}::");
                    assert!(
                        other == own || !text.contains(&import),
                        "{} uses the {other} feature",
                        file.display()
                    );
                }
            }
        }
    }
}
