# Two commands for a fresh machine with Python 3.11+:
#   make run    install into .venv, build the bundled graph, serve it on http://127.0.0.1:8000/
#   make test   install into .venv with the test tools, then lint, type-check, check layers, test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint install benchmark faults bench-extraction model clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

install: $(STAMP)

run: $(STAMP)
	$(BIN)/citygraph build
	$(BIN)/citygraph serve

# mypy and import-linter read the packages through a tree of links named as installed
.layout/citygraph: $(STAMP)
	@mkdir -p .layout/citygraph
	@for d in api graph ingest ontology visuals data; do ln -sfn ../../$$d .layout/citygraph/$$d; done

lint: .layout/citygraph
	$(BIN)/ruff check .
	MYPYPATH=.layout $(BIN)/mypy -p citygraph.ingest -p citygraph.ontology -p citygraph.graph -p citygraph.visuals -p citygraph.api
	PYTHONPATH=.layout $(BIN)/lint-imports

test: lint
	$(BIN)/python -m pytest --durations=15

benchmark: $(STAMP)
	$(BIN)/python benchmarks/run.py

# the world's twin-town list at full size beside the bundled graph: build, analytics, SPARQL
benchmark-world: $(STAMP)
	$(BIN)/python benchmarks/world.py

# the fault suite at full size (the test command runs it small): concurrent and killed writers
faults: $(STAMP)
	CITYGRAPH_FAULTS=full $(BIN)/python -m pytest tests/faults -q --durations=0

# extraction quality per annotated set, cold and warm speed, peak memory
bench-extraction: $(STAMP)
	$(BIN)/python benchmarks/extraction.py

# retrain the relation model from the annotated documents (same data, same file)
model: $(STAMP)
	$(BIN)/python tools/train_relations.py

# the whole world list through Virtuoso (the tests use a slice of it): loads and answers agree
test-world-full: $(STAMP)
	CITYGRAPH_WORLD_FULL=1 $(BIN)/python -m pytest tests/graph/write/test_remote_world.py -q

# the world's twin-town list (data/twin-towns): resolve its names again, and the tests' slice;
# FROM=DIR copies the pairs afresh from a scrape's pairs_raw.csv and pairs_geocoded.csv
twin-towns: $(STAMP)
	$(BIN)/python tools/resolve_twin_towns.py $(if $(FROM),--from $(FROM)) --slice tests/data/lists/twin-towns

clean:
	rm -rf $(VENV) .layout .pytest_cache .mypy_cache .ruff_cache
