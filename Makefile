# docforge: `make publish` and `make test` each set the machine up on their own.
SHELL := /bin/bash
VENV ?= .venv
# The Fandol faces of the PDF (see the rule below).
FANDOL := $(VENV)/share/fonts/fandol
FANDOL_PACKAGE := texlive-lang-chinese
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
# Debian packages the project needs: CJK fonts for the PDFs, Pango for WeasyPrint,
# poppler for PDF checks and screenshots, chromium for the browser tests,
# postgresql for the tests of the PostgreSQL catalog (they start their own server); Tesseract
# with its Simplified Chinese model for scans, LibreOffice (with python3-uno) for .doc/.wps;
# LXGW WenKai, the font the tests configure in site.toml [fonts] as an operator's own.
DEB_PACKAGES := fonts-noto-cjk fonts-arphic-ukai libpango-1.0-0 libpangoft2-1.0-0 \
                libharfbuzz-subset0 poppler-utils chromium postgresql fonts-lxgw-wenkai \
                tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-eng libreoffice-writer-nogui python3-uno
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: install system-packages test test-fast publish bench lint screenshots clean eval eval-checks

install: $(VENV)/.installed system-packages node_modules/.installed $(FANDOL)/.installed

# The Debian packages of $(1) that are not installed yet, installed.
define apt_install_missing
	@missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi
endef

system-packages:
	$(call apt_install_missing,$(DEB_PACKAGES))
	@command -v npm >/dev/null || { $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq nodejs npm >/dev/null; }

# axe-core for the browser checks, from the npm registry; again whenever the lock file changes.
node_modules/.installed: package-lock.json | system-packages
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# The Fandol faces (仿宋, 黑体, 楷体, 宋体) of the official-looking PDF: Debian packages them only in
# texlive-lang-chinese (265 MB with the TeX it needs), so only its four fonts are unpacked.
$(FANDOL)/.installed: | $(VENV)/.installed
	@mkdir -p $(FANDOL) && tmp=$$(mktemp -d) && cd $$tmp && \
	  { apt-get download $(FANDOL_PACKAGE) >/dev/null 2>&1 || \
	    { $(SUDO) apt-get update -qq && apt-get download $(FANDOL_PACKAGE) >/dev/null 2>&1; }; } && \
	  dpkg-deb --fsys-tarfile $(FANDOL_PACKAGE)_*.deb | \
	    tar -x --wildcards --strip-components=9 -C $(CURDIR)/$(FANDOL) \
	      './usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/Fandol[FHKS]*.otf' && \
	  cd / && rm -rf $$tmp
	@ls $(FANDOL)/FandolFang-Regular.otf >/dev/null && touch $@

$(VENV)/.installed: pyproject.toml
	@test -x $(PY) || python3 -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -e '.[dev]'
	@touch $@

test: install lint
	$(VENV)/bin/pytest -n $(JOBS) --dist loadfile -q

# The edit loop: lint and every test not marked slow (no browsers, OCR, servers, whole publishes).
# Tests run file by file on the workers, so a module's costly fixture (a hostile publish) is made once.
test-fast: install lint
	$(VENV)/bin/pytest -n $(JOBS) --dist loadfile -q -m "not slow"

# Publishes incoming/; a new user without one gets the sample in fixtures/incoming/.
INCOMING ?= $(shell [ -n "$$(ls -A incoming 2>/dev/null)" ] && echo incoming || echo fixtures/incoming)

# The site's settings: ./site.toml when there is one, else the sample's own (fixtures/site.toml).
SITE_CONFIG ?= $(shell [ -f site.toml ] && echo site.toml || echo fixtures/site.toml)

# Exit status 1 means some files failed (each is reported, the rest published): not a make error.
publish: install
	@$(VENV)/bin/docforge publish $(INCOMING) --site site --archive archive --config $(SITE_CONFIG); \
	  status=$$?; [ $$status -le 1 ] || exit $$status

# The tools the benchmark compares docforge with (a peer that cannot be installed is
# skipped by the benchmark with a note), and GNU time for the peak memory of each step.
BENCH_PACKAGES := pandoc libreoffice-writer-nogui poppler-utils time

# Speed and memory per stage and beside the peers, and the archive grown to 1k/5k/10k
# reports (BENCH_ARGS="--scale-sizes 250,500,1000" for a shorter run); writes
# bench/results.md. Not part of test.
BENCH_ARGS ?=
bench: install
	-$(call apt_install_missing,$(BENCH_PACKAGES))
	$(PY) -m docforge.bench $(BENCH_ARGS)

# Phone and desktop views of one page and the first two PDF pages, for a person to look at.
screenshots: install
	$(PY) -m tests.screenshots screenshots

# The structure scoreboard: each real genre document's outline against its golden one (needs ../shared).
eval: install
	$(PY) -m tests.eval_outlines -j $(JOBS)

# The figure checks over every real 决算/预算/绩效 document in ../shared/corpus/real and the seeds:
# findings per rule, every error printed, so false alarms are seen. Not part of test.
eval-checks: install
	$(PY) -m docforge.eval.checks

lint: install
	$(VENV)/bin/ruff check docforge tests
	$(VENV)/bin/ruff format --check docforge tests
	$(VENV)/bin/mypy

clean:
	rm -rf site .site.builds archive .pytest_cache
