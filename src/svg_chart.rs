//! Charts drawn on the server as SVG by charts-rs, for the pages rendered there (the executive
//! summary and its PDF, an account's weekly posts): one look — the palette of
//! `style/tokens.css`, Roboto, thin axes — whatever the page.

/// Chart colours: the palette of `style/tokens.css` (`--chart-c1` …, `--chart-grid`).
pub const PALETTE: [&str; 6] = ["#3867d6", "#e8833a", "#1f9d6b", "#8e5bd9", "#d9434e", "#2bb0c5"];
pub const GRID: &str = "#e8ebf0";

/// Gives a chart the house style at `width` × `height`, with series in `colors`.
pub fn style(
    base: &mut charts_rs::ChartBase,
    y: &mut [charts_rs::YAxisConfig],
    colors: &[&str],
    width: f32,
    height: f32,
) {
    base.width = width;
    base.height = height;
    base.margin = charts_rs::Box { left: 4.0, top: 10.0, right: 10.0, bottom: 4.0 };
    base.font_family = "Roboto".into();
    base.legend.show = Some(false);
    base.tooltip.show = false;
    base.x_axis.font.size = 10.0;
    base.x_axis.label_overflow = charts_rs::AxisLabelOverflow::Thin;
    base.grid.stroke_color = GRID.into();
    base.series.colors = colors.iter().map(|c| (*c).into()).collect();
    base.series.stroke_width = 2.0;
    base.series.symbol = Some(charts_rs::Symbol::None);
    base.empty_text = Some("No data in this period".into());
    for axis in y.iter_mut() {
        axis.font.size = 10.0;
        axis.formatter = Some("{t}".into());
        axis.split_number = 4;
    }
}
