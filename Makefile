# Two commands set up a fresh machine: `make report` (the main job) and `make test`.
# Each creates its own virtual environment in .venv and installs what it needs.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
DEMO ?= data/synthetic data/demo data/corpus/shanghai data/corpus/regions
OUT ?= outputs

.PHONY: venv report test lint lab workshop bench survey fuzz mutation clean

$(BIN)/budget-notebooks: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,dask]'
	touch $@

venv: $(BIN)/budget-notebooks

report: venv  ## Render the HTML reports of the bundled demo documents into outputs/.
	$(BIN)/budget-notebooks render $(DEMO) --out $(OUT)
	@echo "open $(OUT)/index.html"

test: venv  ## Run ruff and the whole test suite (the corpus tests read data/corpus).
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/python -m pytest

lint: venv
	$(BIN)/ruff check src tests benchmarks

# JupyterLab refuses to run as root unless told to: say so only when root runs it.
LAB_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)
LAB_ARGS ?=
lab: venv  ## Open JupyterLab on the notebooks (jupyterlab is a dependency of the project).
	$(BIN)/jupyter lab --ServerApp.root_dir=notebooks $(LAB_ROOT) $(LAB_ARGS)

WORKSHOP ?= outputs/workshop
workshop: venv  ## Write the workshop for participants (no solutions) and open it in JupyterLab.
	$(BIN)/budget-notebooks workshop --out $(WORKSHOP)
	$(BIN)/jupyter lab --ServerApp.root_dir=$(WORKSHOP) $(LAB_ROOT) $(LAB_ARGS)

bench: venv  ## Print parse time and peak memory per corpus document.
	$(BIN)/python benchmarks/bench_parse.py

N ?= 5000
fuzz: venv  ## Mutate the vendored documents N times; each must load or give a typed error.
	$(BIN)/python tests/property/fuzz/fuzz.py --n $(N) --seed $(or $(SEED),1) --keep outputs/fuzz-failures

survey: venv  ## One row per corpus document: loaded or refused, tables recognised, errors.
	$(BIN)/budget-notebooks survey data/corpus

MODULE ?= helpers.money
mutation: venv  ## Mutation-test one core module: make mutation MODULE=helpers.codes (slow).
	$(BIN)/pip install --quiet -e '.[dev,dask,mutation]'
	$(BIN)/mutmut run --max-children 1 "$(MODULE).*"
	@echo "$(MODULE): mutants by status"
	@$(BIN)/mutmut results --all true | grep -F " $(MODULE).x" | awk -F': ' '{print $$2}' \
		| sort | uniq -c

clean:
	rm -rf $(VENV) outputs/* mutants mutants-runs
