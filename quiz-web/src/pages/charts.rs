//! The app's SVG charts, drawn from geometry computed in quiz-core.

use leptos::prelude::*;
use quiz_core::study;

const WIDTH: f32 = 340.0;

/// SVG coordinates as whole numbers (keeps float formatting out of the wasm).
fn n(v: f32) -> i32 {
    (v + 0.5) as i32
}

/// Horizontal bars of percentages with a dashed pass line.
pub fn bar_chart_view(rows: Vec<(String, u32)>, pass_percent: u32, title: &'static str) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p class="empty">"Nothing to chart yet."</p> }.into_any();
    }
    let chart = study::bar_chart(&rows, pass_percent, WIDTH);
    let plot_w = WIDTH - chart.left - 44.0;
    let bh = chart.bar_height;
    let bars = chart.bars.iter().map(|b| {
        let class = if b.passed { "bar ok" } else { "bar low" };
        view! {
            <g>
                <text x=n(chart.left) y=n(b.y - 6.0) class="lbl">{b.label.clone()}</text>
                <rect x=n(chart.left) y=n(b.y) width=n(plot_w) height=n(bh) class="track" rx="3"></rect>
                <rect x=n(chart.left) y=n(b.y) width=n(b.width.max(0.0)) height=n(bh) class=class rx="3"></rect>
                <text x=n(chart.left + plot_w + 6.0) y=n(b.y + bh - 4.0) class="val">{format!("{}%", b.percent)}</text>
            </g>
        }
    }).collect_view();
    let summary = rows.iter().map(|(l, p)| format!("{l}: {p}%")).collect::<Vec<_>>().join("; ");
    let h = chart.height;
    view! {
        <figure class="chart">
            <svg viewBox=format!("0 0 {} {}", n(WIDTH), n(h)) role="img" aria-label=format!("{title}. Pass mark {pass_percent}%. {summary}")>
                {bars}
                <line x1=n(chart.pass_x) x2=n(chart.pass_x) y1="10" y2=n(h - 12.0) class="passline"></line>
                <text x=n(chart.pass_x) y=n(h - 2.0) class="passlbl" text-anchor="middle">{format!("pass {pass_percent}%")}</text>
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
    let (w, h, pad) = (WIDTH, 170.0_f32, 22.0_f32);
    let pts = study::line_points(&percents, w, h, pad);
    let path = pts.iter().map(|(x, y)| format!("{},{}", *x as i32, *y as i32)).collect::<Vec<_>>().join(" ");
    let py = study::percent_y(pass_percent, h, pad);
    let dots = pts.iter().zip(&percents).map(|((x, y), p)| view! {
        <circle cx=n(*x) cy=n(*y) r="4" class="dot"></circle>
        <text x=n(*x) y=n(*y - 8.0) class="val" text-anchor="middle">{format!("{p}")}</text>
    }).collect_view();
    let summary = percents.iter().map(|p| format!("{p}%")).collect::<Vec<_>>().join(", ");
    view! {
        <figure class="chart">
            <svg viewBox=format!("0 0 {} {}", n(w), n(h)) role="img" aria-label=format!("Practice exam scores over time, oldest first: {summary}. Pass mark {pass_percent}%.")>
                <line x1=n(pad) x2=n(w - pad) y1=n(study::percent_y(100, h, pad)) y2=n(study::percent_y(100, h, pad)) class="grid"></line>
                <line x1=n(pad) x2=n(w - pad) y1=n(study::percent_y(0, h, pad)) y2=n(study::percent_y(0, h, pad)) class="grid"></line>
                <text x="2" y=n(study::percent_y(100, h, pad) + 4.0) class="axis">"100"</text>
                <text x="2" y=n(study::percent_y(0, h, pad) + 4.0) class="axis">"0"</text>
                <line x1=n(pad) x2=n(w - pad) y1=n(py) y2=n(py) class="passline"></line>
                <text x=n(w - pad) y=n(py - 4.0) class="passlbl" text-anchor="end">{format!("pass {pass_percent}%")}</text>
                <polyline points=path class="line"></polyline>
                {dots}
            </svg>
        </figure>
    }
    .into_any()
}
