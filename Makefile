# Resonance — two commands: `make run` and `make test`.
SHELL := bash
.SHELLFLAGS := -euo pipefail -c
export PATH := $(CURDIR)/end2end/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

DATABASE_URL ?= sqlite://data/resonance.db
# The PostgreSQL half of the tests (contract suite and Playwright); `make test RESONANCE_TEST_POSTGRES=`
# runs the SQLite half only.
RESONANCE_TEST_POSTGRES ?= postgres://postgres@127.0.0.1:5432/test
export RESONANCE_TEST_POSTGRES
SERVER := target/release/resonance

.PHONY: run test deps test-deps build client server fmt lint unit e2e bench demo clean sentiment-oracle bench-sentiment bench-import bench-import-1gb bench-governance

## run: install what is missing, build, fill an empty database with demo data, serve :3000
run: deps build
	$(SERVER) demo --if-empty --database "$(DATABASE_URL)"
	$(SERVER) serve --database "$(DATABASE_URL)"

## test: every check — format, clippy (server and client), unit and integration tests,
## release client build with its size budget, Playwright against the release server
test: test-deps fmt lint unit build e2e

deps:
	@.ci/install.sh

test-deps:
	@.ci/install.sh test

build: client server

client:
	cargo fetch --quiet
	trunk build --release --offline
	.ci/sizes.sh dist

server:
	cargo build --release --features ssr

fmt:
	cargo fmt --all -- --check

lint:
	cargo clippy --features ssr --all-targets -- -D warnings
	cargo clippy --lib --features csr --target wasm32-unknown-unknown -- -D warnings

# The PostgreSQL half of the contract tests is marked ignored (a plain `cargo test` reports it
# so); with RESONANCE_TEST_POSTGRES set it runs too.
unit:
	cargo test --features ssr $(if $(RESONANCE_TEST_POSTGRES),-- --include-ignored)

e2e:
	.ci/e2e.sh

## bench: overview p50 over the demo filters and campaign comparison p50 on SQLite and PostgreSQL, same run
## (MENTIONS="1000000 10000000" for both sizes; BENCH_POSTGRES= to leave PostgreSQL out)
BENCH_POSTGRES ?= postgres://postgres@127.0.0.1:5432/test?schema=bench_{n}
bench: server
	$(SERVER) bench $(foreach n,$(or $(MENTIONS),1000000),--mentions $(n)) \
		--database 'sqlite://data/bench-{n}.db' $(if $(BENCH_POSTGRES),--database '$(BENCH_POSTGRES)')

## bench-sentiment: scoring texts/s beside Python vaderSentiment (same texts, same run), German dev-set
## accuracy and macro-F1, agreement with the demo's intended labels
PY_VADER := target/py-vader
bench-sentiment: server
	[ -x $(PY_VADER)/bin/python ] || python3 -m venv $(PY_VADER)
	$(PY_VADER)/bin/python -c "import vaderSentiment" 2>/dev/null || $(PY_VADER)/bin/pip install --quiet vaderSentiment==3.3.2
	$(SERVER) bench-sentiment --python $(PY_VADER)/bin/python

## bench-import: import throughput (mentions/s, scoring included) and peak memory on SQLite and
## PostgreSQL, same generated file (ROWS=200000); bench-import-1gb: a 1 GB file on SQLite
BENCH_IMPORT_POSTGRES ?= postgres://postgres@127.0.0.1:5432/test?schema=bench_import
bench-import: server
	$(SERVER) bench-import --rows $(or $(ROWS),200000) --database sqlite://data/bench-import.db \
		$(if $(BENCH_IMPORT_POSTGRES),--database '$(BENCH_IMPORT_POSTGRES)')
bench-import-1gb: server
	$(SERVER) bench-import --file-mb 1024 --database sqlite://data/bench-import.db

## bench-governance: the governance page's p50 at 10,000 accounts and 100,000 account events on
## SQLite and PostgreSQL (BENCH_GOVERNANCE_POSTGRES= to leave PostgreSQL out)
BENCH_GOVERNANCE_POSTGRES ?= postgres://postgres@127.0.0.1:5432/test?schema=bench_governance
bench-governance: server
	$(SERVER) bench-governance --database sqlite://data/bench-governance.db \
		$(if $(BENCH_GOVERNANCE_POSTGRES),--database '$(BENCH_GOVERNANCE_POSTGRES)')

## demo: refill the database with demo data
demo: server
	$(SERVER) demo --database "$(DATABASE_URL)"

clean:
	cargo clean
	rm -rf dist

## sentiment-oracle: recompute the English sentiment fixture with vaderSentiment 3.3.2 on CPython 3.12
## (Pyodide from npm; the wheel from PyPI). The fixture is committed; tests only read it.
ORACLE_DIR := target/sentiment-oracle
sentiment-oracle:
	cd tests/fixtures/sentiment/oracle && npm ci --no-audit --no-fund
	python3 -m pip download --quiet --no-deps --only-binary=:all: -d $(ORACLE_DIR) vaderSentiment==3.3.2
	node tests/fixtures/sentiment/oracle/vader_oracle.mjs $(ORACLE_DIR)/vaderSentiment-3.3.2-py2.py3-none-any.whl \
		tests/fixtures/sentiment/vader_oracle.jsonl
