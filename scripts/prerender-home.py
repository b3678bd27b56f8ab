#!/usr/bin/env python3
"""Writes the static part of the home page into SITE/index.html, from the bank SITE/bank.json
the site is built with: the header and the exam's title and figures, exactly as the app renders
them (quiz-web/src/app.rs `Root`, quiz-web/src/pages/home.rs `Home`). The title is then painted
with the HTML, before the wasm has downloaded; the app replaces it with the same markup (same
place, same size: no layout shift). boot.js puts the loading line back before the first paint
for any other page, and for a bank from elsewhere (?bank=). A browser test (app.test.mjs,
"prerendered home") fails when this markup and the app's drift apart.
Usage: prerender-home.py SITE_DIR"""
import html, json, re, sys
from pathlib import Path

site = Path(sys.argv[1])
bp = json.loads((site / "bank.json").read_text())["blueprint"]
title = html.escape(bp["title"])
figures = html.escape(f'{bp["question_count"]} questions · {bp["duration_minutes"]} minutes · pass mark {bp["pass_percent"]}%')
prerendered = (
    '<a class="skip" href="#main">Skip to content</a>'
    f'<header class="top"><div class="wrap top-inner"><a class="brand" href="#/">{title}</a>'
    '<nav aria-label="Main"><a href="#/" aria-current="page">Home</a><a href="#/progress">Progress</a>'
    '<a href="#/settings">Settings</a></nav></div></header>'
    '<div class="sr-only" aria-live="polite" aria-atomic="true" id="announcer"></div>'
    '<main class="wrap" id="main"><div class="banners"></div>'
    f'<section aria-labelledby="home-title"><h1 id="home-title" tabindex="-1">{title}</h1>'
    f'<p class="lead">{figures}</p></section>'
    '<p class="loading" aria-busy="true">Loading the practice exam…</p>'
    '<noscript><p>This practice exam needs JavaScript and WebAssembly.</p></noscript></main>'
)
page = (site / "index.html").read_text()
app = re.compile(r'(<div id="app">).*?(</div>\s*</body>)', re.S)
if not app.search(page):
    sys.exit("prerender-home.py: no <div id=\"app\"> before </body> in index.html")
page = app.sub(lambda m: m.group(1) + prerendered + m.group(2), page, count=1)
page = re.sub(r"<title>.*?</title>", lambda _: f"<title>{title}</title>", page, count=1, flags=re.S)
(site / "index.html").write_text(page)
