//! The client measures chart text with a table of the default font's glyphs compiled into
//! charts-rs (`vendor/charts-rs/src/charts/metrics.rs`) instead of the font and a font parser:
//! the table must say exactly what the font does, or labels would be placed differently.

const TABLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/vendor/charts-rs/src/charts/metrics.rs");

#[test]
fn the_chart_metrics_table_is_the_fonts() {
    let source = charts_rs::metrics_table_source().expect("the embedded font reads");
    if std::env::var_os("RESONANCE_WRITE_METRICS").is_some() {
        std::fs::write(TABLE, &source).expect("write the table");
    }
    let table = std::fs::read_to_string(TABLE).expect("the table is in the repository");
    assert!(
        table == source,
        "{TABLE} differs from the font; after changing vendor/charts-rs/src/Roboto.ttf, write it again with \
         RESONANCE_WRITE_METRICS=1 cargo test --features ssr --test it the_chart_metrics_table"
    );
    // the text the charts print is in it: digits, Latin letters, the units and separators
    for c in "0123456789 abcxyzABCXYZ äöüßéñ % € – … · ≤ ≥".chars() {
        assert!(table.contains(&format!("({c:?}, [")), "{c:?} is not in the table");
    }
}
