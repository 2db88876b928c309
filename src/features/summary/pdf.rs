//! The summary as a one-page A4 PDF, written with krilla: the same figures and narrative as the
//! page, the same charts-rs charts drawn as vectors (krilla-svg), text in the Roboto the charts
//! measure with (vendored with charts-rs; krilla embeds the glyphs used). Text that would not
//! fit is cut to its line, never pushed onto a second page.

use std::sync::{Arc, OnceLock};

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};
use krilla::Document;
use krilla_svg::{SurfaceExt, SvgSettings};

use super::charts;
use super::narrative::narrative;
use super::report::{count, signed_score, Report};
use crate::format;
use crate::spikes::SpikeRule;

static ROBOTO: &[u8] = include_bytes!("../../../vendor/charts-rs/src/Roboto.ttf");

/// A4 portrait in points.
const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const MARGIN: f32 = 36.0;
const INK: (u8, u8, u8) = (0x1d, 0x25, 0x33);
const MUTED: (u8, u8, u8) = (0x5b, 0x66, 0x78);
const GOOD: (u8, u8, u8) = (0x1f, 0x7a, 0x55);
const BAD: (u8, u8, u8) = (0xb4, 0x2a, 0x35);
const RULE: (u8, u8, u8) = (0xd9, 0xde, 0xe6);

fn font() -> Option<Font> {
    static FONT: OnceLock<Option<Font>> = OnceLock::new();
    FONT.get_or_init(|| Font::new(ROBOTO.into(), 0)).clone()
}

fn fonts_for_svg() -> Arc<usvg::fontdb::Database> {
    static DB: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        db.load_font_data(ROBOTO.to_vec());
        db.set_sans_serif_family("Roboto");
        Arc::new(db)
    })
    .clone()
}

fn width(size: f32, text: &str) -> f32 {
    charts_rs::measure_text_width_family("Roboto", size, text).map_or(text.chars().count() as f32 * size * 0.55, |b| b.width())
}

fn color((r, g, b): (u8, u8, u8)) -> Fill {
    Fill { paint: rgb::Color::new(r, g, b).into(), opacity: NormalizedF32::ONE, rule: Default::default() }
}

/// Draws on one page, top to bottom.
struct Pen<'a, 'b> {
    s: &'a mut Surface<'b>,
    font: Font,
}

impl Pen<'_, '_> {
    fn text(&mut self, x: f32, baseline: f32, size: f32, ink: (u8, u8, u8), text: &str) {
        self.s.set_fill(Some(color(ink)));
        self.s.set_stroke(None);
        self.s.draw_text(Point::from_xy(x, baseline), self.font.clone(), size, text, false, TextDirection::Auto);
    }

    /// Right-aligned at `right`.
    fn text_right(&mut self, right: f32, baseline: f32, size: f32, ink: (u8, u8, u8), text: &str) {
        let w = width(size, text);
        self.text(right - w, baseline, size, ink, text);
    }

    /// `text` cut with an ellipsis to `max` points.
    fn fit(size: f32, text: &str, max: f32) -> String {
        if width(size, text) <= max {
            return text.to_string();
        }
        let mut out: String = text.to_string();
        while !out.is_empty() && width(size, &format!("{out}…")) > max {
            out.pop();
        }
        format!("{}…", out.trim_end())
    }

    /// Wraps `text` to `max` points; returns the lines.
    fn wrap(size: f32, text: &str, max: f32) -> Vec<String> {
        let mut lines = Vec::new();
        let mut line = String::new();
        for word in text.split_whitespace() {
            let candidate = if line.is_empty() { word.to_string() } else { format!("{line} {word}") };
            if width(size, &candidate) > max && !line.is_empty() {
                lines.push(std::mem::replace(&mut line, word.to_string()));
            } else {
                line = candidate;
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
        lines
    }

    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, fill: Option<(u8, u8, u8)>, stroke: Option<(u8, u8, u8)>) {
        let mut pb = PathBuilder::new();
        let Some(r) = Rect::from_xywh(x, y, w, h) else { return };
        pb.push_rect(r);
        let Some(path) = pb.finish() else { return };
        self.s.set_fill(fill.map(color));
        self.s.set_stroke(stroke.map(|(r, g, b)| Stroke {
            paint: rgb::Color::new(r, g, b).into(),
            width: 0.6,
            ..Default::default()
        }));
        self.s.draw_path(&path);
    }

    fn line(&mut self, x: f32, y: f32, w: f32) {
        self.rect(x, y, w, 0.5, Some(RULE), None);
    }

    fn svg(&mut self, svg: &str, x: f32, y: f32, w: f32) -> f32 {
        let options = usvg::Options { fontdb: fonts_for_svg(), font_family: "Roboto".into(), ..Default::default() };
        let Ok(tree) = usvg::Tree::from_str(svg, &options) else { return 0.0 };
        let h = w * tree.size().height() / tree.size().width();
        let Some(size) = Size::from_wh(w, h) else { return 0.0 };
        self.s.push_transform(&Transform::from_translate(x, y));
        self.s.draw_svg(&tree, size, SvgSettings::default());
        self.s.pop();
        h
    }

    /// A small table: header, rows; `right` marks right-aligned columns. Returns the height.
    fn table(&mut self, x: f32, y: f32, widths: &[f32], right: &[bool], header: &[&str], rows: &[Vec<String>]) -> f32 {
        const SIZE: f32 = 7.2;
        const ROW: f32 = 10.5;
        let mut cy = y + ROW - 2.5;
        let cells = |pen: &mut Self, cy: f32, values: &[&str], ink| {
            let mut cx = x;
            for (i, v) in values.iter().enumerate() {
                let w = widths[i];
                let v = Self::fit(SIZE, v, w - 4.0);
                if right[i] {
                    pen.text_right(cx + w - 2.0, cy, SIZE, ink, &v);
                } else {
                    pen.text(cx, cy, SIZE, ink, &v);
                }
                cx += w;
            }
        };
        cells(self, cy, header, MUTED);
        self.line(x, cy + 3.0, widths.iter().sum());
        for row in rows {
            cy += ROW;
            let values: Vec<&str> = row.iter().map(String::as_str).collect();
            cells(self, cy, &values, INK);
        }
        cy - y + 4.0
    }
}

/// The report as PDF bytes.
pub fn render(r: &Report) -> Result<Vec<u8>, String> {
    let font = font().ok_or("the embedded font could not be read")?;
    let mut document = Document::new();
    document.set_metadata(
        krilla::metadata::Metadata::new()
            .title(format!("{} · Executive summary · {}", r.workspace, r.period()))
            .creator("Resonance".into()),
    );
    {
        let settings = PageSettings::from_wh(PAGE_W, PAGE_H).ok_or("page size")?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        draw(&mut Pen { s: &mut surface, font }, r);
        surface.finish();
        page.finish();
    }
    document.finish().map_err(|e| format!("{e:?}"))
}

fn draw(pen: &mut Pen<'_, '_>, r: &Report) {
    let (x0, inner) = (MARGIN, PAGE_W - 2.0 * MARGIN);
    let mut y = MARGIN + 8.0;
    pen.text(x0, y, 8.5, MUTED, &format!("{} · Executive summary", r.workspace));
    y += 22.0;
    pen.text(x0, y, 19.0, INK, &r.period());
    y += 14.0;
    let sub = format!(
        "Compared with {} ({}). Brand {}; days in {}; money in {}.",
        r.compared(),
        r.comparison.label().to_ascii_lowercase(),
        r.brand,
        r.time_zone,
        r.currency
    );
    pen.text(x0, y, 8.0, MUTED, &Pen::fit(8.0, &sub, inner));
    y += 10.0;
    pen.line(x0, y, inner);

    // narrative
    y += 16.0;
    let sentences = narrative(r);
    let text = if sentences.is_empty() {
        "No mentions or owned posts were imported for this period, so there is nothing to summarise.".to_string()
    } else {
        sentences.join(" ")
    };
    for line in Pen::wrap(9.6, &text, inner).into_iter().take(9) {
        pen.text(x0, y, 9.6, INK, &line);
        y += 13.2;
    }

    // tiles, four a row
    y += 4.0;
    let (cols, gap) = (4usize, 8.0);
    let tile_w = (inner - gap * (cols as f32 - 1.0)) / cols as f32;
    // a target line under each tile when any has one
    let with_targets = r.tiles.iter().any(|t| t.progress.is_some());
    let tile_h = if with_targets { 61.0 } else { 52.0 };
    for (i, t) in r.tiles.iter().enumerate() {
        let (cx, cy) = (x0 + (i % cols) as f32 * (tile_w + gap), y + (i / cols) as f32 * (tile_h + gap));
        pen.rect(cx, cy, tile_w, tile_h, Some((0xf6, 0xf7, 0xf9)), Some(RULE));
        pen.text(cx + 7.0, cy + 12.0, 7.2, MUTED, &Pen::fit(7.2, t.headline.label(), tile_w - 14.0));
        pen.text(cx + 7.0, cy + 29.0, 14.5, INK, &Pen::fit(14.5, &r.value_text(t), tile_w - 14.0));
        let (change, ink) = match r.change_direction(t) {
            Some(a) => {
                let better = t.headline.kpi().map_or(Some(true), |k| k.higher_is_better());
                let ink = match better {
                    Some(up) if a != 0.0 && (a > 0.0) == up => GOOD,
                    Some(_) if a != 0.0 => BAD,
                    _ => MUTED,
                };
                (r.change_text(t), ink)
            }
            None => ("no comparison data".to_string(), MUTED),
        };
        pen.text(cx + 7.0, cy + 41.0, 7.5, ink, &change);
        if let Some(p) = t.previous {
            let was = format!("was {}", format::kpi_value(Some(p), t.headline.unit(), &r.currency));
            pen.text_right(cx + tile_w - 7.0, cy + 41.0, 7.0, MUTED, &Pen::fit(7.0, &was, tile_w / 2.0));
        }
        if let (Some(p), Some(text)) = (t.progress, r.target_text(t)) {
            let ink = match p.met(t.headline) {
                Some(true) => GOOD,
                Some(false) => BAD,
                None => MUTED,
            };
            pen.text(cx + 7.0, cy + 53.0, 6.6, ink, &Pen::fit(6.6, &text, tile_w - 14.0));
        }
    }
    y += 2.0 * tile_h + gap + 16.0;

    // charts side by side
    let chart_w = (inner - 16.0) / 2.0;
    let bucket = match r.bucket {
        crate::model::Bucket::Day => "per day",
        crate::model::Bucket::Week => "per week",
    };
    pen.text(x0, y, 10.0, INK, "Net sentiment");
    pen.text(x0 + chart_w + 16.0, y, 10.0, INK, "Share of voice");
    y += 10.0;
    pen.text(x0, y, 7.0, MUTED, &format!("{} {bucket}, neutral mentions excluded", r.brand));
    pen.text(x0 + chart_w + 16.0, y, 7.0, MUTED, &format!("Mentions of each tracked brand as % of all, {bucket}"));
    y += 4.0;
    let mut h = 0.0f32;
    if let Ok(svg) = charts::sentiment_svg(r) {
        h = h.max(pen.svg(&svg, x0, y, chart_w));
    }
    if let Ok(svg) = charts::voice_svg(r) {
        h = h.max(pen.svg(&svg, x0 + chart_w + 16.0, y, chart_w));
    }
    y += h + 10.0;
    let mut lx = x0 + chart_w + 16.0;
    for (i, v) in r.voices.iter().enumerate() {
        let label = format!("{} {}", v.name, v.share.map_or_else(|| "—".into(), format::percent));
        let hex = charts::brand_color(i).trim_start_matches('#');
        let c = u32::from_str_radix(hex, 16).unwrap_or(0);
        pen.rect(lx, y - 6.0, 6.0, 6.0, Some(((c >> 16) as u8, (c >> 8) as u8, c as u8)), None);
        pen.text(lx + 9.0, y, 7.2, INK, &label);
        lx += 9.0 + width(7.2, &label) + 10.0;
    }
    y += 16.0;

    // two columns of tables
    let col_w = (inner - 16.0) / 2.0;
    let (left, right) = (x0, x0 + col_w + 16.0);
    let top = y;
    pen.text(left, y, 10.0, INK, &format!("Campaigns by ROI ({})", r.campaigns.len()));
    y += 4.0;
    if r.campaigns.is_empty() {
        pen.text(left, y + 10.0, 7.2, MUTED, "No campaign of the brand ran in the period.");
        y += 16.0;
    } else {
        let rows: Vec<Vec<String>> = r
            .campaigns
            .iter()
            .take(6)
            .map(|c| {
                vec![
                    c.name.clone(),
                    r.money(c.spend),
                    r.money(c.emv),
                    c.revenue.map_or_else(|| "not reported".into(), |v| r.money(v)),
                    c.roi.map_or_else(|| "—".into(), format::percent),
                ]
            })
            .collect();
        let w = [col_w * 0.27, col_w * 0.19, col_w * 0.19, col_w * 0.2, col_w * 0.15];
        y += pen.table(left, y, &w, &[false, true, true, true, true], &["Campaign", "Spend", "EMV", "Revenue", "ROI"], &rows);
    }
    y += 14.0;
    pen.text(left, y, 10.0, INK, "Crisis moments");
    y += 4.0;
    if r.crises.is_empty() {
        pen.text(left, y + 10.0, 7.2, MUTED, "No negative spike in the period.");
        y += 16.0;
    } else {
        let rows: Vec<Vec<String>> = r
            .crises
            .iter()
            .map(|c| {
                vec![
                    c.market.clone(),
                    format::day_long(c.peak_day),
                    c.days.to_string(),
                    count(c.negative),
                    count(c.expected.round() as i64),
                ]
            })
            .collect();
        let w = [col_w * 0.28, col_w * 0.26, col_w * 0.12, col_w * 0.17, col_w * 0.17];
        y += pen.table(left, y, &w, &[false, false, true, true, true], &["Market", "Peak day", "Days", "Negative", "Expected"], &rows);
    }
    for line in Pen::wrap(6.8, &format!("A spike: {}.", SpikeRule::DEFAULT.describe()), col_w) {
        y += 9.0;
        pen.text(left, y, 6.8, MUTED, &line);
    }

    let mut y2 = top;
    pen.text(right, y2, 10.0, INK, "Markets by net sentiment");
    y2 += 4.0;
    let (top_m, bottom_m) = r.top_and_bottom();
    let rows: Vec<Vec<String>> = top_m
        .iter()
        .map(|m| ("Top", m))
        .chain(bottom_m.iter().map(|m| ("Bottom", m)))
        .map(|(rank, m)| {
            vec![
                rank.to_string(),
                m.name.clone(),
                m.net_sentiment.map_or_else(|| "—".into(), signed_score),
                m.change.map_or_else(|| "—".into(), |c| format!("{} pts", signed_score(c))),
                count(m.mentions),
            ]
        })
        .collect();
    let w = [col_w * 0.15, col_w * 0.33, col_w * 0.16, col_w * 0.18, col_w * 0.18];
    y2 += pen.table(right, y2, &w, &[false, false, true, true, true], &["", "Market", "Net", "Change", "Mentions"], &rows);
    if !r.gaps.is_empty() {
        y2 += 9.0;
        pen.text(right, y2, 7.0, BAD, &Pen::fit(7.0, &format!("No data imported: {}.", r.gaps.join(", ")), col_w));
    }
    y2 += 16.0;
    pen.text(right, y2, 10.0, INK, "Account governance");
    y2 += 4.0;
    let g = &r.governance;
    let rows: Vec<Vec<String>> = [
        ("Accounts (not archived)", g.accounts),
        ("Orphaned: no owner, or the owner left", g.orphaned),
        ("No backup owner", g.no_backup),
        (&*format!("Dormant: no post in {} days", g.dormant_days), g.dormant),
        (&*format!("Review overdue: over {} days, or never", g.review_days), g.review_overdue),
    ]
    .iter()
    .map(|(k, v)| vec![k.to_string(), v.to_string()])
    .collect();
    pen.table(right, y2, &[col_w * 0.8, col_w * 0.2], &[false, true], &["Risk", "Accounts"], &rows);

    // footer
    let foot = PAGE_H - MARGIN + 6.0;
    pen.line(x0, foot - 10.0, inner);
    let note = format!(
        "Net sentiment excludes neutral mentions. Earned media value is an estimate from the rate card valid on each day. Spend and revenue spread evenly over each campaign's days. Resonance, {}.",
        r.workspace
    );
    let lines = Pen::wrap(6.5, &note, inner);
    for (i, line) in lines.iter().take(2).enumerate() {
        pen.text(x0, foot + i as f32 * 8.0, 6.5, MUTED, line);
    }
}

#[cfg(test)]
mod tests {
    use super::super::narrative::tests::report;
    use super::*;

    #[test]
    fn the_example_report_is_a_small_pdf() {
        // its pages and text are read back with poppler in tests/it/summary.rs
        let bytes = render(&report()).expect("pdf");
        assert!(bytes.starts_with(b"%PDF-"));
        assert!(bytes.len() < 300 * 1024, "{} bytes", bytes.len());
    }
}
