# The two commands a newcomer needs: `make book` and `make test`. See README.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NB := $(wildcard book/[0-9]*.ipynb)
BROWSER_DIR := tests/browser
CHROMIUM ?= /usr/bin/chromium

.PHONY: help setup book test unit nbval browser browser-deps lab student execute bench clean \
	assignments quizzes pdf pdf-deps pdf-test classroom

help:
	@echo "make book     build the HTML book (warnings are errors) into _build/html"
	@echo "make test     unit tests, nbval over every chapter, the book build, the browser test"
	@echo "make lab      JupyterLab with the chapters, for running the notebooks"
	@echo "make student  student copies of the chapters (solutions removed) in _build/student"
	@echo "make execute  re-execute the chapter notebooks and store their outputs"
	@echo "make bench    run the benchmarks"
	@echo "make assignments  Otter-Grader assignments per chapter in _build/assignments"
	@echo "make classroom    assignments, and the book with the student notebook archive"
	@echo "make quizzes  (re)place each chapter's quick check before its exercises"
	@echo "make pdf      the whole book as one PDF (TeX Live) in _build/latex"

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q -r requirements.txt
	$(BIN)/python -m pip install -q --no-deps -e .
	touch $(STAMP)

setup: $(STAMP)

book: setup
	$(BIN)/jupyter-book build . -W -n --keep-going
	@echo "The book is at $(CURDIR)/_build/html/index.html"

# Unit tests, doctests and nbval over every chapter, on both cores (one notebook per worker).
unit nbval: setup
	$(BIN)/python -m pytest -n 2 --dist loadfile

browser-deps:
	@test -x $(CHROMIUM) || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  else echo "The browser test needs Debian's chromium: sudo apt-get install chromium"; exit 1; fi; }
	cd $(BROWSER_DIR) && npm ci --no-audit --no-fund --loglevel=error

browser: setup browser-deps
	SEQLEARN_CHROMIUM=$(CHROMIUM) $(BIN)/python -m pytest $(BROWSER_DIR) -p no:cacheprovider -o addopts="" -v

test: setup browser-deps
	$(BIN)/python -m pytest -n 2 --dist loadfile
	$(MAKE) book
	$(MAKE) browser

# JupyterLab rooted at book/ (every chapter in the file browser) with chapter 1 open.
lab: setup
	cd book && ../$(BIN)/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root) 01_sequencers.ipynb

student: setup
	$(BIN)/python scripts/student_copies.py _build/student
	@echo "Student copies are in $(CURDIR)/_build/student"

execute: setup
	$(BIN)/python scripts/execute_notebooks.py $(or $(NOTEBOOKS),$(NB))

bench: setup
	$(BIN)/python benchmarks/run_all.py

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
