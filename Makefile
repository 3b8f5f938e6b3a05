# The two set-up commands: `make serve` and `make test`. Everything else is a helper.
PYTHON ?= python3.11
VENV ?= .venv
PY := $(VENV)/bin/python
CLI := $(VENV)/bin/conflict-ie
STAMP := $(VENV)/.installed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: install test test-slow lint serve browser

# Every dependency from the lock, hash-checked (requirements/lock.sh regenerates it), then the
# project itself, editable, with nothing left to resolve.
$(STAMP): pyproject.toml requirements/lock.txt requirements/install.sh
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	requirements/install.sh $(PY) requirements/lock.txt
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP)

lint: install
	$(PY) -m ruff check .

test: lint
	$(PY) -m pytest

test-slow: install
	$(PY) -m pytest --slow -m slow

serve: install
	$(CLI) validate annotations
	$(CLI) train --if-missing
	$(CLI) serve

# Debian's Chromium and its WebDriver, for the review page's browser test (tests/test_ui.py).
browser:
	@if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then \
		echo "chromium and chromedriver are installed"; \
	elif [ "$$(id -u)" != 0 ]; then \
		echo "make browser: run as root, or: sudo apt-get install -y chromium chromium-driver"; \
		exit 1; \
	elif ! command -v apt-get >/dev/null; then \
		echo "make browser: no apt-get here; install chromium and chromedriver another way"; \
		exit 1; \
	else \
		apt-get update && apt-get install -y chromium chromium-driver; \
	fi
