# make site : build the public site from records/ into site/
# make test : lint, then run the test suite (all but the tests marked slow: make test-slow)
# make zensical : the non-blocking check of the road off MkDocs (see site_src/engine.md)
# Both create .venv and install what they need on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site internal-site test test-slow lint fuzz bench serve validate owners gitea-workflows zensical clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,bench]'
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/gaoxin build --out site

internal-site: $(STAMP)
	$(BIN)/gaoxin build --audience internal --out site-internal

validate: $(STAMP)
	$(BIN)/gaoxin validate

owners: $(STAMP)
	$(BIN)/gaoxin owners

serve: $(STAMP)
	$(BIN)/gaoxin serve

test: lint
	$(BIN)/python -m pytest -m "not slow"

test-slow: $(STAMP)
	$(BIN)/python -m pytest -m slow

lint: $(STAMP)
	$(BIN)/ruff check .

fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest tests/property -p no:cacheprovider

bench: $(STAMP)
	$(BIN)/python -m benchmarks.run --markdown site_src/performance.md

# Build the same pages with Zensical in .venv-zensical and report what differs (zensical-report/)
zensical:
	bash .ci/zensical

# .gitea/workflows/ is .forgejo/workflows/ with Gitea's runner label (tests/test_forge_workflows.py checks it)
gitea-workflows:
	mkdir -p .gitea/workflows
	for file in .forgejo/workflows/*.yml; do \
	  sed 's/^    runs-on: docker$$/    runs-on: ubuntu-latest/' "$$file" > ".gitea/workflows/$$(basename "$$file")"; \
	done

clean:
	rm -rf $(VENV) .venv-zensical site site-internal zensical-report .pytest_cache
