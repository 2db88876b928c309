//! The summary as HTML: the page shows it, its print is it (style/app.css's `@media print`
//! keeps only the report on one A4 page), a share link serves it. Classes only, no inline
//! styles (the Content-Security-Policy allows none); every value is escaped here.

use std::fmt::Write;

use super::charts;
use super::narrative::narrative;
use super::report::{count, signed_score, Headline, Report, MIN_MARKET_MENTIONS};
use crate::format;
use crate::spikes::SpikeRule;

pub use crate::markup::escape_html as escape;

/// Whether a change is good news, bad news or neither, as a class.
fn tone(h: Headline, absolute: f64) -> &'static str {
    let better = h.kpi().map_or(Some(true), |k| k.higher_is_better());
    match better {
        _ if absolute == 0.0 => "flat",
        Some(true) if absolute > 0.0 => "good",
        Some(false) if absolute < 0.0 => "good",
        None => "flat",
        _ => "bad",
    }
}

fn chart(out: &mut String, title: &str, caption: &str, testid: &str, svg: Result<String, String>, legend: &str) {
    let body = match svg {
        Ok(svg) => crate::markup::without_inline_styles(&svg),
        Err(e) => format!("<p class=\"report-note\">The chart could not be drawn: {}</p>", escape(&e)),
    };
    let _ = write!(
        out,
        "<figure class=\"report-chart\" data-testid=\"{testid}\"><figcaption><h2>{}</h2><p>{}</p></figcaption>{body}{legend}</figure>",
        escape(title),
        escape(caption)
    );
}

/// The report as one `<article>`.
pub fn render(r: &Report) -> String {
    let mut out = String::with_capacity(32 * 1024);
    let sentences = narrative(r);
    let _ = write!(
        out,
        "<article class=\"report\" data-testid=\"report\"><header class=\"report-head\"><p class=\"report-kicker\">{} · Executive summary</p><h1 data-testid=\"report-period\">{}</h1><p class=\"report-sub\">Compared with {} ({}). Brand {}; days in {}; money in {}.</p></header>",
        escape(&r.workspace),
        escape(&r.period()),
        escape(&r.compared()),
        escape(&r.comparison.label().to_ascii_lowercase()),
        escape(&r.brand),
        escape(&r.time_zone),
        escape(&r.currency),
    );

    out.push_str("<section class=\"report-narrative\" data-testid=\"narrative\">");
    if sentences.is_empty() {
        out.push_str("<p>No mentions or owned posts were imported for this period, so there is nothing to summarise. Import the period's exports on the Imports page.</p>");
    } else {
        out.push_str("<p>");
        out.push_str(&escape(&sentences.join(" ")));
        out.push_str("</p>");
    }
    out.push_str("</section>");

    out.push_str("<section class=\"report-tiles\" aria-label=\"Headline figures\">");
    for t in &r.tiles {
        let h = t.headline;
        let change = match t.change {
            Some(c) => format!(
                "<span class=\"report-change {}\">{}</span>",
                tone(h, r.change_direction(t).unwrap_or(c.absolute)),
                escape(&r.change_text(t))
            ),
            None => "<span class=\"report-change flat\">no comparison data</span>".into(),
        };
        let previous = match t.previous {
            Some(p) => format!("was {}", format::kpi_value(Some(p), h.unit(), &r.currency)),
            None => String::new(),
        };
        let target = match (t.progress, r.target_text(t)) {
            (Some(p), Some(text)) => {
                let state = match p.met(h) {
                    Some(true) => "met",
                    Some(false) => "short",
                    None => "flat",
                };
                // an amount's share of its target as a bar (a <meter>: no inline style)
                let bar = p.percent.map_or_else(String::new, |v| {
                    format!("<meter min=\"0\" max=\"100\" value=\"{:.1}\" aria-hidden=\"true\"></meter>", v.clamp(0.0, 100.0))
                });
                format!(
                    "<span class=\"report-target {state}\" data-testid=\"target-{}\">{}{bar}</span>",
                    h.token(),
                    escape(&text)
                )
            }
            _ => String::new(),
        };
        let _ = write!(
            out,
            "<div class=\"report-tile\" data-testid=\"tile-{}\" title=\"{}\"><span class=\"report-label\">{}</span><strong class=\"report-value\">{}</strong>{change}<span class=\"report-previous\">{}</span>{target}</div>",
            h.token(),
            escape(h.definition()),
            escape(h.label()),
            escape(&r.value_text(t)),
            escape(&previous),
        );
    }
    out.push_str("</section>");

    out.push_str("<section class=\"report-charts\">");
    let bucket = match r.bucket {
        crate::model::Bucket::Day => "per day",
        crate::model::Bucket::Week => "per week (Monday start)",
    };
    chart(
        &mut out,
        "Net sentiment",
        &format!("{} {bucket}: (positive − negative) ÷ (positive + negative) × 100.", r.brand),
        "chart-sentiment",
        charts::sentiment_svg(r),
        "",
    );
    let mut legend = String::from("<ul class=\"report-legend\">");
    for (i, v) in r.voices.iter().enumerate() {
        let share = v.share.map_or_else(|| "—".into(), format::percent);
        let _ = write!(
            legend,
            "<li><span class=\"swatch swatch-{}\"></span>{} {}</li>",
            i % 6 + 1,
            escape(&v.name),
            escape(&share)
        );
    }
    legend.push_str("</ul>");
    chart(
        &mut out,
        "Share of voice",
        &format!("Mentions of each tracked brand as % of all, {bucket}."),
        "chart-voice",
        charts::voice_svg(r),
        &legend,
    );
    out.push_str("</section>");

    out.push_str("<section class=\"report-grid\">");
    campaigns(&mut out, r);
    crises(&mut out, r);
    markets(&mut out, r);
    governance(&mut out, r);
    out.push_str("</section>");

    let _ = write!(
        out,
        "<footer class=\"report-foot\"><p>Net sentiment excludes neutral mentions. Earned media value is an estimate from the rate card valid on each day. Hover a figure on screen for its definition. Resonance, {}.</p></footer></article>",
        escape(&r.workspace)
    );
    out
}

fn campaigns(out: &mut String, r: &Report) {
    let _ = write!(
        out,
        "<section class=\"report-panel\" data-testid=\"report-campaigns\"><h2>Campaigns by ROI ({})</h2>",
        r.campaigns.len()
    );
    if r.campaigns.is_empty() {
        out.push_str("<p class=\"report-note\">No campaign of the brand ran in the period.</p></section>");
        return;
    }
    out.push_str("<table><thead><tr><th>Campaign</th><th>Days in period</th><th class=\"num\">Spend</th><th class=\"num\">EMV</th><th class=\"num\">Revenue</th><th class=\"num\">ROI</th></tr></thead><tbody>");
    for c in &r.campaigns {
        let revenue = c.revenue.map_or_else(|| "not reported".into(), |v| r.money(v));
        let roi = c.roi.map_or_else(|| "—".into(), format::percent);
        let _ = write!(
            out,
            "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            escape(&c.name),
            escape(&Report::dates(&c.days)),
            escape(&r.money(c.spend)),
            escape(&r.money(c.emv)),
            escape(&revenue),
            escape(&roi)
        );
    }
    out.push_str("</tbody></table><p class=\"report-note\">Spend and revenue spread evenly over each campaign's days; EMV of the mentions attributed to it in the period.</p></section>");
}

fn crises(out: &mut String, r: &Report) {
    out.push_str("<section class=\"report-panel\" data-testid=\"report-crises\"><h2>Crisis moments</h2>");
    if r.crises.is_empty() {
        out.push_str("<p class=\"report-note\">No negative spike in the period.</p>");
    } else {
        out.push_str("<table><thead><tr><th>Market</th><th>Peak day</th><th class=\"num\">Days</th><th class=\"num\">Negative</th><th class=\"num\">Expected</th></tr></thead><tbody>");
        for c in &r.crises {
            let _ = write!(
                out,
                "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                escape(&c.market),
                escape(&format::day_long(c.peak_day)),
                c.days,
                escape(&count(c.negative)),
                escape(&count(c.expected.round() as i64))
            );
        }
        out.push_str("</tbody></table>");
    }
    let _ = write!(out, "<p class=\"report-note\">A spike: {}.</p></section>", escape(&SpikeRule::DEFAULT.describe()));
}

fn markets(out: &mut String, r: &Report) {
    out.push_str("<section class=\"report-panel\" data-testid=\"report-markets\"><h2>Markets by net sentiment</h2>");
    let (top, bottom) = r.top_and_bottom();
    if top.is_empty() {
        let _ = write!(out, "<p class=\"report-note\">No market has {MIN_MARKET_MENTIONS} mentions in the period.</p>");
    } else {
        out.push_str("<table><thead><tr><th></th><th>Market</th><th class=\"num\">Net</th><th class=\"num\">Change</th><th class=\"num\">Mentions</th></tr></thead><tbody>");
        for (rank, m) in top.iter().map(|m| ("Top", m)).chain(bottom.iter().map(|m| ("Bottom", m))) {
            let change = m.change.map_or_else(|| "—".into(), |c| format!("{} pts", signed_score(c)));
            let _ = write!(
                out,
                "<tr><td>{rank}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                escape(&m.name),
                escape(&m.net_sentiment.map_or_else(|| "—".into(), signed_score)),
                escape(&change),
                escape(&count(m.mentions))
            );
        }
        out.push_str("</tbody></table>");
    }
    if !r.gaps.is_empty() {
        let _ = write!(out, "<p class=\"report-note report-gap\">No data imported: {}.</p>", escape(&r.gaps.join(", ")));
    }
    let _ = write!(out, "<p class=\"report-note\">Markets with at least {MIN_MARKET_MENTIONS} mentions.</p></section>");
}

fn governance(out: &mut String, r: &Report) {
    let g = &r.governance;
    let _ = write!(
        out,
        "<section class=\"report-panel\" data-testid=\"report-governance\"><h2>Account governance</h2><table><tbody>\
         <tr><td>Accounts (not archived)</td><td class=\"num\">{}</td></tr>\
         <tr><td>Orphaned: no owner, or the owner left</td><td class=\"num\">{}</td></tr>\
         <tr><td>No real backup owner</td><td class=\"num\">{}</td></tr>\
         <tr><td>Dormant: no post in {} days</td><td class=\"num\">{}</td></tr>\
         <tr><td>Review overdue: over {} days, or never</td><td class=\"num\">{}</td></tr>\
         </tbody></table><p class=\"report-note\">Owners as recorded today; posting and reviews to {}.</p></section>",
        g.accounts,
        g.orphaned,
        g.no_backup,
        g.dormant_days,
        g.dormant,
        g.review_days,
        g.review_overdue,
        escape(&format::day_long(r.range.to))
    );
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::super::narrative::tests::report;
    use super::super::report::*;
    use super::*;

    /// The visible text of some HTML: tags dropped, entities read back.
    fn text(html: &str) -> String {
        let mut out = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' => {
                    in_tag = false;
                    out.push(' ');
                }
                c if !in_tag => out.push(c),
                _ => {}
            }
        }
        out.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
    }

    /// The numbers of a text: each run of digits with its separators and decimals.
    fn numbers(s: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut cur = String::new();
        let chars: Vec<char> = s.chars().collect();
        for (i, c) in chars.iter().enumerate() {
            let inner = (*c == '.' || *c == ',')
                && !cur.is_empty()
                && chars.get(i + 1).is_some_and(|n| n.is_ascii_digit());
            if c.is_ascii_digit() || inner {
                cur.push(*c);
            } else if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
        }
        if !cur.is_empty() {
            out.push(cur);
        }
        out
    }

    /// Every number of the narrative is on the page outside the narrative.
    fn narrative_numbers_are_shown(r: &Report) -> Result<(), String> {
        let html = render(r);
        let start = html.find("data-testid=\"narrative\"").ok_or("no narrative")?;
        let end = start + html[start..].find("</section>").ok_or("unclosed")?;
        let rest = text(&format!("{}{}", &html[..start], &html[end..]));
        let shown = numbers(&rest);
        for sentence in narrative(r) {
            for n in numbers(&sentence) {
                if !shown.contains(&n) {
                    return Err(format!("{n} of {sentence:?} is not on the page"));
                }
            }
        }
        Ok(())
    }

    #[test]
    fn the_example_report_renders_every_part() {
        let r = report();
        let html = render(&r);
        for part in ["tile-net-sentiment", "tile-roi", "chart-sentiment", "chart-voice", "report-campaigns", "report-crises", "report-markets", "report-governance"] {
            assert!(html.contains(part), "{part}");
        }
        assert!(!html.contains("style=\""), "no inline styles");
        narrative_numbers_are_shown(&r).expect("numbers");
    }

    #[test]
    fn a_tile_with_a_target_shows_its_progress_and_one_without_shows_none() {
        let mut r = report();
        let range = r.range;
        let t = r.tiles.iter_mut().find(|t| t.headline == Headline::EarnedMediaValue).expect("tile");
        t.progress = Some(super::super::targets::Progress::of(t.headline, 1.0e9, t.value, &range));
        let html = render(&r);
        let text = r.target_text(r.tile(Headline::EarnedMediaValue).expect("tile")).expect("target");
        assert!(html.contains("data-testid=\"target-earned-media-value\""));
        assert!(html.contains(&escape(&text)) && html.contains("<meter"), "{text}");
        assert!(!html.contains("data-testid=\"target-net-sentiment\""));
    }

    #[test]
    fn names_are_escaped() {
        let mut r = report();
        r.campaigns[0].name = "<script>alert(1)</script>".into();
        let html = render(&r);
        assert!(!html.contains("<script>") && html.contains("&lt;script&gt;"));
    }

    fn value(max: f64) -> impl Strategy<Value = Option<f64>> {
        prop_oneof![1 => Just(None), 4 => (-max..max).prop_map(Some)]
    }

    prop_compose! {
        fn any_report()(
            values in proptest::collection::vec(value(2_000_000.0), 16),
            shares in proptest::collection::vec(0.0f64..100.0, 2),
            roi in value(500.0),
            spend in 1.0f64..200_000.0,
            negative in 20i64..5_000,
            expected in 0.0f64..500.0,
            market_changes in proptest::collection::vec(value(60.0), 4),
            campaigns in 0usize..3,
            crises in 0usize..2,
            gaps in 0usize..3,
        ) -> Report {
            let mut r = report();
            for (i, t) in r.tiles.iter_mut().enumerate() {
                let (v, p) = (values[2 * i], values[2 * i + 1]);
                let (v, p) = match t.headline.unit() {
                    crate::kpi::Unit::Percent | crate::kpi::Unit::Score => (v.map(|x| x / 20_000.0), p.map(|x| x / 20_000.0)),
                    _ => (v.map(f64::abs), p.map(f64::abs)),
                };
                *t = Tile { headline: t.headline, value: v, previous: p, change: crate::kpi::change(v, p), progress: None };
            }
            r.voices[0].share = Some(shares[0]);
            r.voices[1].share = Some(shares[1]);
            r.campaigns = (0..campaigns).map(|i| CampaignRoi { name: format!("C{i}"), spend: spend / (i + 1) as f64, roi: roi.map(|x| x + i as f64), ..r.campaigns[0].clone() }).collect();
            r.crises = (0..crises).map(|_| Crisis { negative, expected, ..r.crises[0].clone() }).collect();
            r.markets = market_changes.iter().enumerate().map(|(i, c)| MarketSentiment {
                name: format!("M{i}"), mentions: 100 + i as i64, net_sentiment: Some(50.0 - 10.0 * i as f64), change: *c,
            }).collect();
            r.gaps = (0..gaps).map(|i| format!("G{i}")).collect();
            r
        }
    }

    proptest! {
        #[test]
        fn every_number_in_the_narrative_is_on_the_page(r in any_report()) {
            let sentences = narrative(&r);
            prop_assert!(sentences.len() <= super::super::narrative::MAX_SENTENCES);
            prop_assert_eq!(narrative_numbers_are_shown(&r), Ok(()));
        }
    }
}
