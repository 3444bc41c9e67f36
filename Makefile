# The two commands of the README: `make run` and `make test`.
# Both create .venv and install what is missing, system packages included.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
export QT_QUICK_BACKEND ?= software

.PHONY: run test lint tour bench bench-weak soak clean

$(STAMP): pyproject.toml scripts/ensure-system-deps.sh
	sh scripts/ensure-system-deps.sh
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(PY) main.py run --demo

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

# The platform's tests run on SQLite and on PostgreSQL: scripts/with-pg.sh starts a
# throwaway cluster (as root it installs Debian's postgresql) unless GOV_KIOSK_PG_URL is set.
test: lint
	QT_QPA_PLATFORM=offscreen sh scripts/with-pg.sh $(PY) -m pytest -q

tour: $(STAMP)
	$(PY) main.py tour --out tour

bench: $(STAMP)
	$(PY) bench/run_all.py

# The UI rows on one core under a CPU quota: a board 2x and 4x slower (bench/weak.py;
# needs a writable cgroup, else each row says why it was skipped).
bench-weak: $(STAMP)
	$(PY) bench/weak.py

# The long variants: 2,000-session soak (prints a SOAK line with its figures),
# 1,000 power cuts, the sync kill soak, 5,000 applications through the fault
# proxy with random SIGKILLs (prints a SYNC-SOAK line: lost, duplicated, stuck
# and quarantined on each side). Under 10 minutes on 2 cores of its own.
soak: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -s -m slow tests

clean:
	rm -rf $(VENV) tour
