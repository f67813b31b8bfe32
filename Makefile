# Sciatica: claims, evidence and recovery. Every target bootstraps .venv from pinned versions on first use.
#   make lab      open JupyterLab on the course index (default)      PORT=8888, ALLOW_ROOT=1 when run as root
#   make test     run every test layer (ruff, unit, data, apps, notebooks under nbval, browser)
#   make test-fast  the inner loop: ruff and the tests that need no browser or notebook run   PYTEST_ARGS=-k...
#   make execute  re-execute the notebooks in place from a clean kernel   NB=notebooks/02_....ipynb for one
#   make html     offline HTML copy in build/html (OUT=DIR elsewhere)   make present   Voila dashboards   make bench
#   make hub      a trial JupyterHub on 127.0.0.1 with two demo students (deploy/; PORT=8000, ALLOW_ROOT=1 as root)
#   make clean    remove build output and the virtual environment

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   := 127.0.0.1
PORT   ?= 8888
NB     ?= $(sort $(wildcard notebooks/[0-9][0-9]_*.ipynb)) $(wildcard notebooks/instructor_guide.ipynb)
CONSTRAINTS := .ci/constraints.txt
STAMP_RUN   := $(VENV)/.stamp-run
STAMP_TEST  := $(VENV)/.stamp-test
export PYTHONHASHSEED := 0
# HOST, PORT and OUT reach the commands through the environment, never pasted into the shell's text, so a quote,
# a semicolon or a $ in them cannot run anything ($(value ...) keeps make from expanding them either).
export SCIATICA_MAKE_HOST = $(value HOST)
export SCIATICA_MAKE_PORT = $(value PORT)
export SCIATICA_MAKE_OUT = $(value OUT)
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.DEFAULT_GOAL := lab
.PHONY: lab test test-fast execute html present bench clean check-python check-root hub proxy repo2docker

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null || { \
	  echo "This course needs Python 3.11 or newer; '$(PYTHON)' is $$($(PYTHON) --version 2>&1)."; \
	  echo "Install Python 3.11+ and run again, or point to it: make PYTHON=python3.11 ..."; exit 1; }

$(BIN)/python: | check-python
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"

# The stamps are keyed to pyproject.toml and the constraints (lock) file: edit either and the next run reinstalls.
$(STAMP_RUN): pyproject.toml $(CONSTRAINTS) .ci/jupyter/overrides.json | $(BIN)/python
	@echo "Installing the course's pinned packages into $(VENV) (first run only, about a minute)..."
	$(BIN)/python -m pip install --quiet -c $(CONSTRAINTS) -e .
	@mkdir -p $(VENV)/share/jupyter/lab/settings
	cp .ci/jupyter/overrides.json $(VENV)/share/jupyter/lab/settings/overrides.json
	@touch $@

$(STAMP_TEST): $(STAMP_RUN)
	$(BIN)/python -m pip install --quiet -c $(CONSTRAINTS) -e '.[test]'
	@touch $@

check-root:
	@if [ "$$(id -u)" = "0" ] && [ "$(ALLOW_ROOT)" != "1" ]; then \
	  echo "You are running as root, and Jupyter refuses to start as root."; \
	  echo "Run as a normal user, or (inside a container you trust) run: make $(MAKECMDGOALS) ALLOW_ROOT=1"; \
	  exit 1; fi

ROOT_FLAG := $(if $(filter 1,$(ALLOW_ROOT)),--allow-root,)

# lab and present listen on 127.0.0.1 (this computer only) unless HOST=... asks for another address; a bad HOST
# stops with one plain sentence, and any other address is announced: the token is then the only protection.
lab: $(STAMP_RUN) check-root
	@$(BIN)/python -m helpers.tooling check-host --host "$$SCIATICA_MAKE_HOST" --port "$$SCIATICA_MAKE_PORT"
	@$(BIN)/python -m helpers.tooling lab-extensions >/dev/null
	$(BIN)/jupyter lab notebooks/00_start_here.ipynb --ip="$$SCIATICA_MAKE_HOST" --port="$$SCIATICA_MAKE_PORT" \
	  --ServerApp.port_retries=0 --LabApp.extra_labextensions_path=build/lab-labextensions $(ROOT_FLAG)

# numpy held to the x86-64 baseline SIMD (no AVX2, no AVX-512; harmless where a feature is absent): the second
# nbval run proves the committed outputs do not depend on the CPU (README, "Same outputs on every machine").
BASELINE_CPU := X86_V3 X86_V4 AVX512_ICL AVX512_SPR
NBVAL := --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg

# pytest-xdist runs the layers side by side (WORKERS=auto: one per core): the browser tests in two units (Voila's
# and JupyterLab's), each in one worker; each notebook's nbval cells in one worker; the rest wherever a worker is
# free (tests/xdist_groups.py).
WORKERS ?= auto
XDIST := -n $(WORKERS) --dist loadgroup

# The trial hub's proxy: configurable-http-proxy from the npm registry, pinned by deploy/proxy/package-lock.json.
PROXY := $(VENV)/tools/proxy/node_modules/.bin/configurable-http-proxy
NPM   ?= npm
$(PROXY): deploy/proxy/package.json deploy/proxy/package-lock.json
	@command -v $(NPM) >/dev/null || { echo "The hub needs Node.js and npm (Debian: apt-get install nodejs npm)."; exit 1; }
	@mkdir -p $(VENV)/tools/proxy
	cp deploy/proxy/package.json deploy/proxy/package-lock.json $(VENV)/tools/proxy/
	cd $(VENV)/tools/proxy && $(NPM) ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@
proxy: $(PROXY)

# repo2docker, pinned, in a tool venv of its own (CI runs it with --no-build: the Dockerfile without Docker).
REPO2DOCKER := $(VENV)/tools/repo2docker/bin/jupyter-repo2docker
$(REPO2DOCKER): deploy/z2jh/repo2docker-requirements.txt | check-python
	$(PYTHON) -m venv $(VENV)/tools/repo2docker
	$(VENV)/tools/repo2docker/bin/python -m pip install --quiet -r deploy/z2jh/repo2docker-requirements.txt
	@touch $@
repo2docker: $(REPO2DOCKER)

# make test builds the proxy when npm is there; without it the hub test skips locally and fails in CI (CI=true).
test: $(STAMP_TEST) $(REPO2DOCKER)
	@if command -v $(NPM) >/dev/null; then $(MAKE) --no-print-directory proxy; \
	  else echo "npm not found: the hub test will skip (CI fails instead). Debian: apt-get install nodejs npm"; fi
	$(BIN)/ruff check helpers tests deploy
	$(BIN)/mypy
	$(BIN)/python -m pytest tests notebooks $(NBVAL) $(XDIST) --junitxml=build/test-results/junit-main.xml $(PYTEST_ARGS)
	@echo "Notebooks again, with numpy held to the x86-64 baseline (NPY_DISABLE_CPU_FEATURES=\"$(BASELINE_CPU)\"):"
	NPY_DISABLE_CPU_FEATURES="$(BASELINE_CPU)" $(BIN)/python -m pytest notebooks $(NBVAL) $(XDIST) -q \
	  --junitxml=build/test-results/junit-baseline.xml

# The inner loop while editing helpers: lint, then every test that needs no browser, no notebook run and no server,
# stopping at the first failure (about a minute). `make test` stays the full check before a commit lands.
test-fast: $(STAMP_TEST)
	$(BIN)/ruff check helpers tests
	$(BIN)/mypy
	$(BIN)/python -m pytest tests -x -q -m "not browser and not slow" $(PYTEST_ARGS)

execute: $(STAMP_RUN)
	$(BIN)/python -m helpers.tooling execute $(NB)

html: $(STAMP_RUN)
	$(BIN)/python -m helpers.tooling html $${SCIATICA_MAKE_OUT:+--out "$$SCIATICA_MAKE_OUT"}

present: $(STAMP_RUN) check-root
	@$(BIN)/python -m helpers.tooling present --host "$$SCIATICA_MAKE_HOST" --port "$$SCIATICA_MAKE_PORT" $(ROOT_FLAG)

# A trial class on this computer: JupyterHub + proxy on 127.0.0.1, students demo-a and demo-b, one shared password
# (printed), homes under build/hub. Stop with Ctrl-C: the hub stops every student's server.
HUB_PORT ?= 8000
hub: $(STAMP_TEST) $(PROXY)
	@mkdir -p build/hub
	@test -s build/hub/password || $(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(9))' > build/hub/password
	@echo "Trial hub: http://127.0.0.1:$(HUB_PORT)/  students demo-a, demo-b  password $$(cat build/hub/password)"
	SCIATICA_HUB_DIR=build/hub SCIATICA_HUB_PASSWORD="$$(cat build/hub/password)" SCIATICA_HUB_USERS=demo-a,demo-b \
	  SCIATICA_HUB_PORT=$(HUB_PORT) SCIATICA_HUB_ALLOW_ROOT=$(ALLOW_ROOT) PATH="$(CURDIR)/$(BIN):$$PATH" \
	  $(BIN)/jupyterhub -f deploy/jupyterhub_config.py

bench: $(STAMP_TEST)
	$(BIN)/python -m tests.bench

clean:
	rm -rf build $(VENV) .pytest_cache .ruff_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
