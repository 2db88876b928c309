//! Fuzzing every import parser with proptest: arbitrary bytes, real fixtures with bytes flipped,
//! cut or inserted (zip, xlsx, xls, JSON, X archive, CSV), and arbitrary cells under every
//! format's columns. Nothing may panic; what cannot be read is an error or a reject.

use proptest::prelude::*;
use resonance::server::import::formats::{self, FORMATS};
use resonance::server::import::read::{read_file, read_text, Limits, Position};
use resonance::server::import::rows::{self, Context, Row};
use resonance::server::store::ImportAccount;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/import");

fn fixture_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(FIXTURES)
        .expect("fixtures")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| !n.ends_with(".py") && n != "zip_bomb.zip")
        .collect();
    names.sort();
    names
}

/// Reads a file to the end, as an import does; counts what came out.
fn read_all(bytes: &[u8]) -> Result<usize, String> {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("input");
    std::fs::write(&path, bytes).expect("write");
    let mut items = 0;
    read_file(&path, &Limits::default(), &Position::default(), &mut |_| {
        items += 1;
        true
    })
    .map(|()| items)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(
        prefix in prop::sample::select(vec![&b""[..], b"PK\x03\x04", b"\xD0\xCF\x11\xE0", b"window.YTD.tweets.part0 = [", b"[", b"{", b"\xff\xfe", b"\xef\xbb\xbf"]),
        bytes in prop::collection::vec(any::<u8>(), 0..2048),
    ) {
        let mut input = prefix.to_vec();
        input.extend(bytes);
        let _ = read_all(&input);
    }

    #[test]
    fn damaged_fixtures_never_panic(
        file in prop::sample::select(fixture_names()),
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..8),
    ) {
        let mut bytes = std::fs::read(format!("{FIXTURES}/{file}")).expect("fixture");
        for (at, byte, kind) in edits {
            if bytes.is_empty() {
                break;
            }
            let i = at.index(bytes.len());
            match kind {
                0 => bytes[i] = byte,
                1 => { bytes.remove(i); }
                _ => bytes.insert(i, byte),
            }
        }
        let _ = read_all(&bytes);
    }

    #[test]
    fn cut_fixtures_never_panic(file in prop::sample::select(fixture_names()), cut in any::<prop::sample::Index>()) {
        let bytes = std::fs::read(format!("{FIXTURES}/{file}")).expect("fixture");
        let _ = read_all(&bytes[..cut.index(bytes.len() + 1)]);
    }

    #[test]
    fn csv_text_is_read_row_by_row(rows in prop::collection::vec(prop::collection::vec("[a-z0-9 ,;\"\n\r\t]{0,12}", 1..6), 1..20)) {
        let text: String = rows
            .iter()
            .map(|r| r.iter().map(|c| format!("\"{}\"", c.replace('"', "\"\""))).collect::<Vec<_>>().join(","))
            .collect::<Vec<_>>()
            .join("\n");
        let mut seen = 0;
        let result = read_text(text.as_bytes(), &mut |_| { seen += 1; true });
        prop_assert!(result.is_ok() || text.trim().is_empty(), "{result:?}");
    }

    #[test]
    fn any_cells_under_any_format_make_a_record_or_a_reject(
        format in 0..FORMATS.len(),
        cells in prop::collection::vec(
            prop_oneof![
                Just(String::new()),
                "[0-9]{1,13}",
                "-?[0-9]{1,3}[.,][0-9]{1,4}",
                "20[0-9]{2}-[0-1][0-9]-[0-3][0-9]( [0-2][0-9]:[0-5][0-9](:[0-5][0-9])?)?",
                "[0-3][0-9][/.][0-1][0-9][/.]20[0-9]{2}",
                "(Mon|Sat) (Feb|Mar) [0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-5][0-9] [+-][0-9]{4} 20[0-9]{2}",
                "(x|twitter|SOCIAL_TWITTER|instagram|news|blog|myspace|)",
                "(positive|NEGATIVE|neu|3|-2|NaN|inf)",
                "@?[a-z_]{0,10}",
                "https://www\\.linkedin\\.com/(feed/update/urn:li:activity:|posts/a_activity-)[0-9]{0,19}",
                ".{0,40}",
            ],
            0..24,
        ),
    ) {
        let format = &FORMATS[format];
        let names: Vec<String> = format.columns.iter().map(|c| c.names[0].to_string()).collect();
        let (map, _) = formats::map(format, &names).expect("a format maps its own header");
        let accounts = [ImportAccount {
            id: 1,
            brand_id: 1,
            platform: "x".into(),
            handle: "voltaro".into(),
            market: None,
            display_name: "Voltaro".into(),
            platform_id: Some("42".into()),
        }];
        let cx = Context {
            format,
            brand_id: 1,
            campaign_id: None,
            time_zone: chrono_tz::Tz::UTC,
            thresholds: Default::default(),
            accounts: &accounts,
            account: None,
            archive_account: Some("voltaro"),
        };
        let row = Row { cells: &cells, names: &names, map: &map };
        match format.target {
            formats::Target::Mentions => {
                if let Ok(m) = rows::to_mention(&row, &cx) {
                    prop_assert!(!m.external_id.is_empty() && !m.author.is_empty() && m.reach >= 0);
                }
            }
            formats::Target::Posts => {
                if let Ok(p) = rows::to_post(&row, &cx) {
                    prop_assert!(!p.external_id.is_empty() && p.account_id == 1 && p.impressions >= 0);
                }
            }
        }
    }

    #[test]
    fn value_readers_take_any_text(v in ".{0,64}") {
        for order in [formats::DateOrder::MonthFirst, formats::DateOrder::DayFirst] {
            let _ = rows::parse_instant(&v, order);
        }
        if let Some(n) = rows::parse_count(&v) {
            prop_assert!(n >= 0);
        }
        let _ = (rows::parse_sentiment(&v), rows::market(&v), formats::platform_code(&v));
    }
}
