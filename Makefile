# bulletin: `make issue` typesets the latest issue, `make test` runs the tests.
# Both set up what they need first (a .venv built from pyproject.toml).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
READY  := $(VENV)/.ready
# The newest issue: the highest folder name under issues/ that starts with a digit.
ISSUE  ?= $(notdir $(lastword $(sort $(wildcard issues/[0-9]*))))
# Languages to build (default: every language of the issue), e.g. LANGS="ru".
# Not LANG: that is the locale's variable.
LANGS  ?=
LANG_OPTIONS := $(foreach lang,$(LANGS),--lang $(lang))
# bulletin send: the recipients (default mailing/recipients.csv), e.g. TO=mailing/donors.csv;
# SEND_OPTIONS="--dry-run" or "--test me@example.org" or "--status".
TO     ?=
SEND_OPTIONS ?=
# bulletin deliver: SFTP=1 also uploads the package to the print shop.
SFTP   ?=
# Example issues whose photos are placeholders drawn by bulletin itself.
PLACEHOLDER_ISSUES := 2017-04
# $(call placeholders,ID): draw the missing placeholder photos of an example issue.
placeholders = $(if $(filter $(1),$(PLACEHOLDER_ISSUES)),$(BIN)/bulletin placeholders issues/$(1),true)

# Every issue, for `make all`.
ISSUES := $(notdir $(sort $(wildcard issues/[0-9]*)))
CORES  := $(shell nproc 2>/dev/null || echo 2)

.PHONY: issue test test-fast lint check new proof watch send deliver bench all setup clean help

help:
	@echo "make issue [ISSUE=2017-04] [LANGS=ru]   typeset an issue into build/<id>/"
	@echo "make check [ISSUE=2017-04]   validate an issue without rendering"
	@echo "make new [ID=2017-06]        start the next issue from the latest one"
	@echo "make proof [ISSUE=2017-04]   PNG pages and a contact sheet into build/<id>/proof/"
	@echo "make watch [ISSUE=2017-04]   rebuild the email edition on every save (Ctrl-C stops)"
	@echo "make send [ISSUE=2017-04] [TO=FILE] [SEND_OPTIONS=--dry-run]   email the issue to the list"
	@echo "make deliver [ISSUE=2017-04] [SFTP=1]   package (and upload) the print files for the shop"
	@echo "make all                     build every issue and language, issues in parallel"
	@echo "make bench                   time the pipeline against plain WeasyPrint"
	@echo "make test                    the linter, the type checker and every test"
	@echo "make test-fast               the tests that build no PDF (seconds, for every save)"

issue: $(READY)
	@$(call placeholders,$(ISSUE))
	$(BIN)/bulletin build issues/$(ISSUE) $(LANG_OPTIONS)

check: $(READY)
	@$(call placeholders,$(ISSUE))
	$(BIN)/bulletin check issues/$(ISSUE) $(LANG_OPTIONS)

new: $(READY)
	$(BIN)/bulletin new $(ID)

proof: $(READY)
	@$(call placeholders,$(ISSUE))
	$(BIN)/bulletin proof issues/$(ISSUE) $(LANG_OPTIONS)

watch: $(READY)
	@$(call placeholders,$(ISSUE))
	$(BIN)/bulletin watch issues/$(ISSUE) $(LANG_OPTIONS)

send: $(READY)
	$(BIN)/bulletin send issues/$(ISSUE) $(if $(TO),--to $(TO)) $(SEND_OPTIONS)

deliver: $(READY)
	$(BIN)/bulletin deliver issues/$(ISSUE) $(if $(SFTP),--sftp)

# Each build typesets its editions side by side; make runs the issues side by side too.
all: $(READY)
	@$(MAKE) --no-print-directory -j$(CORES) $(addprefix build-issue-,$(ISSUES))

build-issue-%: $(READY)
	@$(call placeholders,$*)
	$(BIN)/bulletin build issues/$*

bench: $(READY)
	$(BIN)/python benchmarks/bench.py

# One test process per core; a test file stays in one process, so that its
# module's builds are made once.
test: lint
	$(BIN)/python -m pytest -q -n $(CORES) --dist loadfile

test-fast: $(READY)
	$(BIN)/python -m pytest -q -m "not slow"

lint: $(READY)
	$(BIN)/ruff check bulletin tests benchmarks
	$(BIN)/mypy

setup: $(READY)

# Rebuilt whenever pyproject.toml changes.
$(READY): pyproject.toml bulletin/syslibs.py
	@$(PYTHON) bulletin/syslibs.py
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	$(BIN)/python -m bulletin.typeset.profiles issues/publication.yaml
	$(BIN)/python -m bulletin.typeset.engine
	@touch $@

clean:
	rm -rf build
