//! Sentiment jobs: `resonance score` (a filter over `id<TAB>text` lines) and `resonance rescore`
//! (recompute every stored mention's computed sentiment, then the rollups).

use std::io::{BufRead, Write};

use crate::sentiment::{self, Thresholds};
use crate::server::store::{ComputedSentiment, DynStore, StoreResult};

/// Lines that could not be read, with their numbers, for the error message.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ScoreReport {
    pub scored: u64,
    pub unscored: u64,
    pub malformed: Vec<(u64, String)>,
}

/// Reads `id<TAB>text` lines and writes `id<TAB>lang<TAB>compound<TAB>label` for each. A text
/// in a language Resonance does not score gets empty compound and label fields. Lines without a
/// tab, with an empty id or not in UTF-8 are reported (not written) and the rest go on.
pub fn score_lines(
    input: impl BufRead,
    mut output: impl Write,
    thresholds: &Thresholds,
) -> std::io::Result<ScoreReport> {
    let mut report = ScoreReport::default();
    for (n, line) in input.split(b'\n').enumerate() {
        let number = n as u64 + 1;
        let bytes = line?;
        let Ok(line) = std::str::from_utf8(&bytes) else {
            report.malformed.push((number, "not UTF-8 text".into()));
            continue;
        };
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.is_empty() {
            continue;
        }
        let Some((id, text)) = line.split_once('\t').filter(|(id, _)| !id.trim().is_empty()) else {
            report.malformed.push((number, "expected id<TAB>text".into()));
            continue;
        };
        let scored = sentiment::score(text, None, thresholds);
        match (scored.compound, scored.label) {
            (Some(compound), Some(label)) => {
                report.scored += 1;
                writeln!(output, "{id}\t{}\t{compound:.4}\t{}", scored.language.code(), label.token())?;
            }
            _ => {
                report.unscored += 1;
                writeln!(output, "{id}\t{}\t\t", scored.language.code())?;
            }
        }
    }
    output.flush()?;
    Ok(report)
}

/// Mentions scored per transaction by `rescore`.
const RESCORE_BATCH: i64 = 5_000;

/// Recomputes the computed sentiment of every mention (manual and imported labels stay and keep
/// their precedence), then rebuilds the rollups. `progress` is told how many are done.
pub async fn rescore(
    store: &DynStore,
    thresholds: &Thresholds,
    mut progress: impl FnMut(u64),
) -> StoreResult<u64> {
    let mut after = 0;
    let mut done = 0;
    loop {
        let batch = store.mention_texts(after, RESCORE_BATCH).await?;
        let Some((last, _)) = batch.last() else { break };
        after = *last;
        let rows: Vec<ComputedSentiment> = batch
            .iter()
            .map(|(id, text)| {
                let scored = sentiment::score(text, None, thresholds);
                ComputedSentiment {
                    id: *id,
                    language: scored.language.code().to_string(),
                    score: scored.compound,
                    label: scored.label,
                    unscored_reason: scored.unscored_reason,
                }
            })
            .collect();
        store.update_computed(&rows).await?;
        done += rows.len() as u64;
        progress(done);
    }
    store.rebuild_rollups().await?;
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn score_filter_writes_one_line_per_good_line_and_reports_the_rest() {
        let input = "1\tI love this bike!\n2\tDas ist leider totaler Schrott.\nno tab here\n3\tC'est une journée très ordinaire pour nous\n\n\t\n4\t\n"
            .as_bytes()
            .to_vec();
        let mut out = Vec::new();
        let report = score_lines(&input[..], &mut out, &Thresholds::default()).expect("score");
        let out = String::from_utf8(out).expect("utf-8");
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines[0].starts_with("1\ten\t0.") && lines[0].ends_with("\tpositive"), "{out}");
        assert!(lines[1].starts_with("2\tde\t-0.") && lines[1].ends_with("\tnegative"), "{out}");
        assert_eq!(lines[2], "3\tfra\t\t");
        assert_eq!(lines[3], "4\tzxx\t0.0000\tneutral");
        assert_eq!(
            report.malformed,
            vec![(3, "expected id<TAB>text".to_string()), (6, "expected id<TAB>text".to_string())]
        );
        let bad = b"5\t\xff\xfe\n".to_vec();
        let report = score_lines(&bad[..], Vec::new(), &Thresholds::default()).expect("score");
        assert_eq!(report.malformed, vec![(1, "not UTF-8 text".to_string())]);
    }
}
