//! Settings: theme and option shuffling, kept in the progress record.

use crate::app::App;
use leptos::prelude::*;
use quiz_core::progress::Theme;

#[component]
pub fn Settings() -> impl IntoView {
    let app = use_context::<App>().expect("app");
    let theme = move || app.record.with(|r| r.settings.theme);
    let shuffle = move || app.record.with(|r| r.settings.shuffle_options);
    let choice = move |value: Theme, id: &'static str, label: &'static str| {
        view! {
            <div class="opt">
                <input type="radio" name="theme" id=id prop:checked=move || theme() == value on:change=move |_| app.set_theme(value)/>
                <label for=id>{label}</label>
            </div>
        }
    };
    view! {
        <h1 tabindex="-1">"Settings"</h1>
        <section class="panel">
            <fieldset class="options">
                <legend>"Theme"</legend>
                {choice(Theme::System, "theme-system", "Same as my device")}
                {choice(Theme::Light, "theme-light", "Light")}
                {choice(Theme::Dark, "theme-dark", "Dark")}
            </fieldset>
        </section>
        <section class="panel">
            <fieldset class="options">
                <legend>"Questions"</legend>
                <div class="opt">
                    <input type="checkbox" id="shuffle" prop:checked=shuffle on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        app.record.update(|r| r.settings.shuffle_options = on);
                        app.save();
                    }/>
                    <label for="shuffle">"Shuffle the order of answer options"<small>" (applies to exams you start from now on)"</small></label>
                </div>
            </fieldset>
        </section>
    }
}
