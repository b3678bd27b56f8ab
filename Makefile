# The project's front door. Every target installs what is missing first (scripts/ensure-tools.sh),
# so `make serve` and `make test` work on a fresh machine.
#   make serve   build the release site and serve it (PORT=8080)
#   make test    every test: formatting and lints, unit, property, CLI, content, size budget, browser,
#                Lighthouse floors
#   make dist    the release site in dist/
#   make bench   the benchmarks (prints figures)
#   make package the release packages in dist/packages/ (quiz-core and quiz-author .crate files,
#                the embed's npm tarball)
SHELL := /bin/bash
PORT ?= 8080
TOOLS := $(or $(QUIZ_TOOLS_DIR),$(HOME)/.cache/quiz-tools)
export PATH := $(TOOLS)/bin:$(PATH)
export CARGO_TERM_COLOR ?= never

.PHONY: serve test dist bench package tools lint test-rust test-content test-package test-browser validate fuzz-smoke clean

tools:
	@scripts/ensure-tools.sh

dist:
	@scripts/ensure-tools.sh wasm
	@scripts/build-web.sh dist

## The crates as `cargo package` makes them (publish quiz-core, then quiz-author) and the embed
## with the site's bank as `npm pack` makes it; one version, Cargo.toml's [workspace.package].
## From a clean tree (cargo refuses uncommitted changes in the crates).
package: dist
	@scripts/ensure-tools.sh node
	@scripts/package.sh --site dist --out dist/packages

serve: dist
	@echo
	@echo "Serving the study app at http://127.0.0.1:$(PORT)/"
	@echo "Blog embed demo at      http://127.0.0.1:$(PORT)/demo/blog-post.html"
	@echo "(Ctrl-C to stop)"
	@python3 -m http.server $(PORT) --bind 127.0.0.1 --directory dist

## Quality gates: rustfmt, and clippy with warnings as errors on the native build (every crate,
## tests included) and on the wasm build of the browser crates (their wasm-only code).
## clippy.toml holds the project's own rules (one sort in the wasm: quiz_core::order).
lint:
	@scripts/ensure-tools.sh lint wasm
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown -p quiz-web -p quiz-embed -p quiz-js -p quiz-embed-progress -- -D warnings

## Unit, property and CLI tests (quiz-core, quiz-author, the embed's native view tests).
test-rust:
	cargo test -p quiz-core -p quiz-author -p quiz-embed -p quiz-embed-progress -p quiz-web

## The shipped content: schema, rules (warnings are errors) and originality.
test-content:
	cargo run -q -p quiz-author -- validate content --deny-warnings
	@if [ -x ../shared/tools/originality-check ]; then ../shared/tools/originality-check content; \
	  else echo "originality-check not found beside the project; skipped"; fi

## quiz-author installs from its packages, as crates.io would serve them, and runs alone
## (init -> validate -> bundle -> build; the built site and serve in Chromium). The browser tests hold the npm package (e2e/npm-package.test.mjs).
test-package: dist
	@scripts/ensure-tools.sh browser node
	@tests/package/install.sh

## Size budget, browser tests and Lighthouse floors against the release site.
## The size budgets hold for the shipped bank and for a generated 2,000-question one; each page's
## median Lighthouse score (of 3 runs) holds to its floor (tests/bench/lighthouse.mjs, FLOORS).
test-browser: dist
	@scripts/ensure-tools.sh browser node lighthouse
	@large=$$(mktemp -d) && python3 scripts/gen-bank.py 2000 $$large/content >/dev/null \
	  && cargo run -q --release -p quiz-author -- bundle $$large/content --out $$large/bank.json >/dev/null \
	  && scripts/size-budget.sh dist $$large/bank.json; status=$$?; rm -rf $$large; exit $$status
	cd tests && SITE_DIR=$(CURDIR)/dist node --test --test-concurrency=1 e2e/
	cd tests && SITE_DIR=$(CURDIR)/dist LIGHTHOUSE=$(TOOLS)/bin/lighthouse node bench/lighthouse.mjs --check

test: tools lint test-rust test-content test-package fuzz-smoke test-browser

fuzz-smoke:
	@scripts/fuzz.sh smoke

bench: dist
	@scripts/ensure-tools.sh node
	@scripts/bench.sh

clean:
	rm -rf dist target tests/artifacts
