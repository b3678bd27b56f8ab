//! The app's SVG charts, drawn from the geometry [`chart_geometry`] computes.

use crate::logic::chart_geometry;
use leptos::prelude::*;

/// The charts' width in SVG user units. [`chart_geometry`] computes in whole units, so no
/// float is formatted here (and no float formatting code is in the wasm).
const WIDTH: u32 = 340;

/// Horizontal bars of percentages with a dashed pass line.
pub fn bar_chart_view(
    rows: Vec<(String, u32)>,
    pass_percent: u32,
    title: &'static str,
) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p class="empty">"Nothing to chart yet."</p> }.into_any();
    }
    let chart = chart_geometry::bar_chart(&rows, pass_percent, WIDTH);
    let plot_w = chart.plot_width;
    let bh = chart.bar_height;
    let bars = chart.bars.iter().map(|b| {
        let class = if b.passed { "bar ok" } else { "bar low" };
        view! {
            <g>
                <text x=chart.left y={b.y - 6} class="lbl">{b.label.clone()}</text>
                <rect x=chart.left y=b.y width=plot_w height=bh class="track" rx="3"></rect>
                <rect x=chart.left y=b.y width=b.width height=bh class=class rx="3"></rect>
                <text x={chart.left + plot_w + 6} y={b.y + bh - 4} class="val">{format!("{}%", b.percent)}</text>
            </g>
        }
    }).collect_view();
    let summary = rows
        .iter()
        .map(|(l, p)| format!("{l}: {p}%"))
        .collect::<Vec<_>>()
        .join("; ");
    let h = chart.height;
    view! {
        <figure class="chart">
            <svg viewBox=format!("0 0 {WIDTH} {h}") role="img" aria-label=format!("{title}. Pass mark {pass_percent}%. {summary}")>
                {bars}
                <line x1=chart.pass_x x2=chart.pass_x y1="10" y2={h - 12} class="passline"></line>
                <text x=chart.pass_x y={h - 2} class="passlbl" text-anchor="middle">{format!("pass {pass_percent}%")}</text>
            </svg>
        </figure>
    }
    .into_any()
}

/// Score over time: one point per attempt, with the pass line.
pub fn line_chart_view(percents: Vec<u32>, pass_percent: u32) -> impl IntoView {
    if percents.is_empty() {
        return view! { <p class="empty">"No full practice exams yet."</p> }.into_any();
    }
    let (w, h, pad) = (WIDTH, 170, 22);
    let pts = chart_geometry::line_points(&percents, w, h, pad);
    let path = pts
        .iter()
        .map(|(x, y)| format!("{x},{y}"))
        .collect::<Vec<_>>()
        .join(" ");
    let py = chart_geometry::percent_y(pass_percent, h, pad);
    let dots = pts.iter().zip(&percents).map(|((x, y), p)| view! {
        <circle cx=*x cy=*y r="4" class="dot"></circle>
        <text x=*x y={y.saturating_sub(8)} class="val" text-anchor="middle">{format!("{p}")}</text>
    }).collect_view();
    let summary = percents
        .iter()
        .map(|p| format!("{p}%"))
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <figure class="chart">
            <svg viewBox=format!("0 0 {w} {h}") role="img" aria-label=format!("Practice exam scores over time, oldest first: {summary}. Pass mark {pass_percent}%.")>
                <line x1=pad x2={w - pad} y1=chart_geometry::percent_y(100, h, pad) y2=chart_geometry::percent_y(100, h, pad) class="grid"></line>
                <line x1=pad x2={w - pad} y1=chart_geometry::percent_y(0, h, pad) y2=chart_geometry::percent_y(0, h, pad) class="grid"></line>
                <text x="2" y={chart_geometry::percent_y(100, h, pad) + 4} class="axis">"100"</text>
                <text x="2" y={chart_geometry::percent_y(0, h, pad) + 4} class="axis">"0"</text>
                <line x1=pad x2={w - pad} y1=py y2=py class="passline"></line>
                <text x={w - pad} y={py - 4} class="passlbl" text-anchor="end">{format!("pass {pass_percent}%")}</text>
                <polyline points=path class="line"></polyline>
                {dots}
            </svg>
        </figure>
    }
    .into_any()
}
