# Two commands on a fresh machine: `make site` builds site/ from the bundled
# notes, `make test` runs every test. Both set up what they need.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
# Browser libraries from npm; mermaid2 wants its copy under docs/ (a link, never committed).
MERMAID_JS := docs/assets/javascripts/mermaid.min.js
ASSETS := node_modules/.installed $(MERMAID_JS)

.PHONY: site serve test lint clean bench pdf

site: $(VENV)/.site-deps $(ASSETS)
	$(BIN)/mkdocs build --strict

serve: $(VENV)/.site-deps $(ASSETS)
	$(BIN)/mkdocs serve --dirty

test: $(VENV)/.test-deps $(ASSETS)
	$(BIN)/ruff check hooks tests tools
	$(BIN)/python -m pytest

# The PDF study guide: build site/ (its home page linking the PDF to come),
# print its study-guide page with headless Chromium (Playwright) to
# build/study-guide.pdf and copy that into site/ (later builds copy it too). Needs Debian's chromium
# (the script says how to install it).
pdf: $(VENV)/.test-deps $(ASSETS)
	NOTEMILL_PDF_PENDING=1 $(BIN)/mkdocs build --strict -q
	$(BIN)/python tools/print_pdf.py --site site --out build/study-guide.pdf
	cp build/study-guide.pdf site/study-guide.pdf

# The benchmark (bench/run.py): writes bench/results.md and bench/results.json.
bench: $(VENV)/.site-deps $(ASSETS)
	$(BIN)/python bench/run.py

lint: $(VENV)/.test-deps
	$(BIN)/ruff check hooks tests tools

$(VENV)/.site-deps: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.test-deps: $(VENV)/.site-deps requirements-dev.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

# Mermaid, the search-worker shim and axe-core come from the npm registry, pinned by the lock file.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

# mermaid2 wants its library under docs/: a link into node_modules, made here, never committed.
$(MERMAID_JS): node_modules/.installed
	mkdir -p $(dir $@)
	ln -sfn ../../../node_modules/mermaid/dist/mermaid.min.js $@

clean:
	rm -rf site build test-artifacts
