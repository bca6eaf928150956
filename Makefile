# The two commands a newcomer needs: `make book` and `make test`. See README.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NB := $(wildcard book/[0-9]*.ipynb)
BROWSER_DIR := tests/browser
CHROMIUM ?= /usr/bin/chromium

NOTEBOOKS_OUT := _build/notebooks

.PHONY: node-deps help setup check-python book test unit nbval browser browser-deps lab notebooks \
	student execute bench clean live assignments quizzes pdf pdf-deps pdf-test classroom

help:
	@echo "make book     build the HTML book (warnings are errors) into _build/html"
	@echo "make test     unit and fuzz tests, nbval, the book build, the browser and live-notebook tests"
	@echo "make lab      JupyterLab on the generated notebooks (reader/ and student/)"
	@echo "make notebooks reader and student notebooks of every chapter in $(NOTEBOOKS_OUT)"
	@echo "make execute  re-execute the chapter notebooks and store their outputs"
	@echo "make live     run every chapter in JupyterLab (Chromium): Run All, move the sliders"
	@echo "make bench    run the benchmarks"
	@echo "make assignments  Otter-Grader assignments per chapter in _build/assignments"
	@echo "make classroom    assignments, and the book with the student notebook archive"
	@echo "make quizzes  (re)place each chapter's quick check before its exercises"
	@echo "make pdf      the whole book as one PDF (TeX Live) in _build/latex"

# The pins need Python >= 3.11.5 (Debian 12's 3.11.2 fails in pip's resolver) and the venv
# module (Debian/Ubuntu: python3-venv). Say so before pip starts.
check-python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11, 5))' 2>/dev/null || { \
	  echo "seqlearn needs Python 3.11.5 or newer (tested: 3.11 and 3.12); '$(PYTHON)' is" \
	    "$$($(PYTHON) --version 2>/dev/null || echo not found)."; \
	  echo "Install one (python.org, pyenv, or your system's python3.11/python3.12) and run" \
	    "make PYTHON=/path/to/python3.12 ..."; exit 1; }
	@$(PYTHON) -c 'import venv, ensurepip' 2>/dev/null || { \
	  echo "'$(PYTHON)' has no venv/ensurepip module: install it (Debian/Ubuntu:" \
	    "sudo apt-get install python3-venv, or python3.X-venv for your version)."; exit 1; }

$(STAMP): requirements.txt pyproject.toml
	@test -x $(BIN)/python || $(MAKE) --no-print-directory check-python
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q -r requirements.txt
	$(BIN)/python -m pip install -q --no-deps -e .
	touch $(STAMP)

setup: $(STAMP)

# MathJax (which the site serves itself, so that it works offline) and axe-core (for the
# browser test) come from npm, pinned in tests/browser/package-lock.json.
NODE_STAMP := $(BROWSER_DIR)/node_modules/.package-lock.json
$(NODE_STAMP): $(BROWSER_DIR)/package-lock.json
	@command -v npm >/dev/null || { echo "make book needs Node.js with npm (MathJax is" \
	  "copied into the site from the npm package): install nodejs and npm"; exit 1; }
	cd $(BROWSER_DIR) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

node-deps: $(NODE_STAMP)

book: setup node-deps
	$(BIN)/jupyter-book build . -W -n --keep-going
	@echo "The book is at $(CURDIR)/_build/html/index.html"

# Unit tests, doctests and nbval over every chapter, on both cores (one notebook per worker).
unit nbval: setup
	$(BIN)/python -m pytest -n 2 --dist loadfile

browser-deps:
	@test -x $(CHROMIUM) || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  else echo "The browser test needs Debian's chromium: sudo apt-get install chromium"; exit 1; fi; }
	$(MAKE) --no-print-directory node-deps

browser: setup browser-deps
	SEQLEARN_CHROMIUM=$(CHROMIUM) $(BIN)/python -m pytest $(BROWSER_DIR) -p no:cacheprovider -o addopts="" -v \
	  -n 2 --dist load

test: setup browser-deps
	$(BIN)/python -m pytest -n 2 --dist loadfile
	$(MAKE) book
	$(MAKE) browser
	$(MAKE) live

# Reader notebooks (solutions folded, outputs kept) and student notebooks (no solutions, no
# outputs), generated from book/ for every chapter of _toc.yml.
notebooks: setup
	$(BIN)/python scripts/notebooks.py $(NOTEBOOKS_OUT)
	@echo "Reader notebooks:  $(CURDIR)/$(NOTEBOOKS_OUT)/reader"
	@echo "Student notebooks: $(CURDIR)/$(NOTEBOOKS_OUT)/student"

student: notebooks

# JupyterLab rooted at the generated notebooks (reader/ and student/ side by side in the
# file browser) with chapter 1's reader notebook open. The sources in book/ are for the
# book build; edit those and run `make lab` again.
lab: notebooks
	@echo "Opening JupyterLab on $(NOTEBOOKS_OUT): reader/ (solutions folded) and student/"
	cd $(NOTEBOOKS_OUT) && $(CURDIR)/$(BIN)/jupyter lab \
	  $(if $(filter 0,$(shell id -u)),--allow-root) reader/01_sequencers.ipynb

execute: setup
	$(BIN)/python scripts/execute_notebooks.py $(or $(NOTEBOOKS),$(NB))

bench: setup
	$(BIN)/python benchmarks/run_all.py

# The chapters as a student uses them: JupyterLab on the generated reader notebooks, Run All
# in Chromium, move each explorer's slider; latencies in _build/live/latency*.txt (two
# workers, each with its own JupyterLab).
live: setup
	@test -x $(CHROMIUM) || { echo "make live needs Debian's chromium: run make browser-deps"; exit 1; }
	rm -f _build/live/latency*.txt
	SEQLEARN_CHROMIUM=$(CHROMIUM) $(BIN)/python -m pytest tests/live -p no:cacheprovider -o addopts="" -v \
	  -n 2 --dist load
	@cat _build/live/latency*.txt

clean:
	rm -rf _build

# Classroom kit (issue 12). Assignments: one Otter-Grader assignment per chapter, built from
# the chapters' own exercises, solutions and self-checks.
assignments: setup
	$(BIN)/python scripts/make_assignments.py _build/assignments
	@echo "Assignments are in $(CURDIR)/_build/assignments (student/, autograder/ per chapter)"

# Everything a class needs: the assignments, and the book with the instructor guide and the
# archive of every chapter's student notebook (written by the HTML build).
classroom: assignments book
	@echo "Student notebooks: $(CURDIR)/_build/html/_downloads/seqlearn-student-notebooks.zip"

quizzes: setup
	$(BIN)/python scripts/insert_quizzes.py

# The PDF goes through Sphinx's LaTeX builder and latexmk (XeLaTeX) from Debian's TeX Live.
TEX_PACKAGES := texlive-latex-extra texlive-xetex latexmk texlive-fonts-recommended \
	fonts-freefont-otf lmodern
pdf-deps:
	@command -v latexmk >/dev/null && command -v xelatex >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && \
	    apt-get install -y -qq --no-install-recommends $(TEX_PACKAGES) >/dev/null; \
	  else echo "make pdf needs TeX Live: sudo apt-get install $(TEX_PACKAGES)"; exit 1; fi; }

pdf: setup pdf-deps
	$(BIN)/jupyter-book build . --builder pdflatex -W -n --keep-going
	cp _build/latex/seqlearn.pdf _build/seqlearn.pdf
	mkdir -p _build/html/_downloads && cp _build/latex/seqlearn.pdf _build/html/_downloads/
	@echo "The PDF is at $(CURDIR)/_build/seqlearn.pdf"

# Checks the built PDF (page count, chapter titles, figures, no ??, fonts embedded).
pdf-test: pdf
	$(BIN)/python -m pytest tests/pdf -p no:cacheprovider -o addopts="" -q
