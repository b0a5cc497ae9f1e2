# Two commands do all the set-up (see README):
#   make demo   installs into .venv, ingests samples/ into warehouse.duckdb, compares units, writes report.html
#   make test   installs into .venv and runs the test suite
VENV := .venv
BIN := $(VENV)/bin
DB ?= warehouse.duckdb

.PHONY: demo test bench samples clean

demo: $(VENV)/.installed
	$(BIN)/perfgoals ingest samples/ --db $(DB) || [ $$? -eq 1 ]
	$(BIN)/perfgoals compare 干警满意度 --db $(DB)
	$(BIN)/perfgoals report --db $(DB) --out report.html

test: $(VENV)/.installed
	$(BIN)/python -m pytest -q

samples: $(VENV)/.installed
	$(BIN)/python tests/make_samples.py

# Bytecode at install: uv writes none, and a shell with PYTHONDONTWRITEBYTECODE never does, so every command would
# compile the stack from source (importing it: 11 s instead of 5 s; `perfgoals sql` 1.2 s instead of 0.5 s).
$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv
	$(BIN)/uv pip install --quiet --compile-bytecode --python $(BIN)/python -e '.[test]'
	$(BIN)/python -m compileall -q core extract transform expectations warehouse flows perfgoals
	touch $@

clean:
	rm -rf $(VENV) $(DB) $(DB).wal $(basename $(DB))-docs report.html
