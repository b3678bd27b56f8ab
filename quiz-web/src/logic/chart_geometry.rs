//! The geometry of the app's two SVG charts (`pages::charts` draws them): horizontal percentage
//! bars with a pass line per domain ([`bar_chart`]) and the score-over-time line ([`line_points`],
//! [`percent_y`]).
//!
//! Geometry is in whole SVG user units (rounded), so the views write integers and no float
//! formatting code goes into the wasm.

/// `num / den` rounded to the nearest whole number, halves up (`den` > 0).
fn div_round(num: u32, den: u32) -> u32 {
    (2 * num + den) / (2 * den)
}

/// One horizontal bar of the per-domain chart, in SVG user units.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    pub label: String,
    pub percent: u32,
    pub y: u32,
    pub width: u32,
    pub passed: bool,
}

/// The per-domain chart: bars under their labels and the pass line, in SVG user units.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BarChart {
    pub width: u32,
    pub height: u32,
    /// Where the bars start (labels sit above each bar).
    pub left: u32,
    /// The width of a full (100%) bar.
    pub plot_width: u32,
    pub bar_height: u32,
    pub pass_x: u32,
    pub bars: Vec<Bar>,
}

/// Lays out horizontal percentage bars with a pass line, each bar under its label.
pub fn bar_chart(rows: &[(String, u32)], pass_percent: u32, width: u32) -> BarChart {
    let left = 4;
    let right = 44;
    let plot = width.saturating_sub(left + right).max(10);
    let (label_h, bar_h, gap) = (20, 18, 10);
    let bars = rows
        .iter()
        .enumerate()
        .map(|(i, (label, p))| Bar {
            label: label.clone(),
            percent: *p,
            y: i as u32 * (label_h + bar_h + gap) + label_h,
            width: div_round(plot * (*p).min(100), 100),
            passed: *p >= pass_percent,
        })
        .collect::<Vec<_>>();
    let height = rows.len() as u32 * (label_h + bar_h + gap) + 16;
    BarChart {
        width,
        height,
        left,
        plot_width: plot,
        bar_height: bar_h,
        pass_x: left + div_round(plot * pass_percent.min(100), 100),
        bars,
    }
}

/// Points of a score-over-time line in a `width`×`height` box with `pad` margins; y grows down,
/// 100% at the top. A single score sits in the middle.
pub fn line_points(percents: &[u32], width: u32, height: u32, pad: u32) -> Vec<(u32, u32)> {
    let n = percents.len() as u32;
    let w = width.saturating_sub(2 * pad);
    percents
        .iter()
        .enumerate()
        .map(|(i, &p)| {
            let x = if n <= 1 {
                pad + div_round(w, 2)
            } else {
                pad + div_round(w * i as u32, n - 1)
            };
            (x, percent_y(p, height, pad))
        })
        .collect()
}

/// The y coordinate of a percentage in the same box as [`line_points`].
pub fn percent_y(percent: u32, height: u32, pad: u32) -> u32 {
    pad + div_round(
        height.saturating_sub(2 * pad) * (100 - percent.min(100)),
        100,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chart_geometry() {
        let chart = bar_chart(
            &[("A".into(), 100), ("B".into(), 50), ("C".into(), 0)],
            70,
            348,
        );
        assert_eq!(chart.bars.len(), 3);
        assert_eq!(chart.plot_width, 300);
        assert_eq!(chart.bars[0].width, 300);
        assert_eq!(chart.bars[1].width, 150);
        assert_eq!(chart.bars[2].width, 0);
        assert!(chart.bars[0].passed && !chart.bars[1].passed);
        assert_eq!(chart.pass_x, 4 + 210);
        assert!(chart.bars[1].y > chart.bars[0].y);
        assert!(chart.height > chart.bars[2].y + chart.bar_height);

        let pts = line_points(&[0, 100, 50], 120, 100, 10);
        assert_eq!(pts, vec![(10, 90), (60, 10), (110, 50)]);
        assert_eq!(line_points(&[70], 120, 100, 10), vec![(60, 34)]);
        assert_eq!(percent_y(70, 100, 10), 34);
        assert!(line_points(&[], 1, 1, 0).is_empty());
        // Rounded to whole units, halves up: 126 * 25% = 31.5.
        assert_eq!(percent_y(75, 170, 22), 22 + 32);
        assert_eq!(
            line_points(&[0, 0, 0, 0], 340, 170, 22)
                .iter()
                .map(|p| p.0)
                .collect::<Vec<_>>(),
            vec![22, 121, 219, 318]
        );
    }
}
