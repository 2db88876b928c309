#!/usr/bin/env bash
# Runs the Playwright suite against the release server on a free port with a fresh demo
# database, and prints a closing "N passed, N failed" line.
set -euo pipefail
cd "$(dirname "$0")/../end2end"
export E2E_PORT=${E2E_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
export E2E_DB_DIR=$(mktemp -d)
trap 'rm -rf "$E2E_DB_DIR"' EXIT
status=0
PLAYWRIGHT_JSON_OUTPUT_NAME="$E2E_DB_DIR/report.json" npx playwright test --reporter=list,json "$@" || status=$?
if [ -f "$E2E_DB_DIR/report.json" ]; then
  python3 - "$E2E_DB_DIR/report.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))["stats"]
print(f"e2e: {s['expected']} passed, {s['unexpected'] + s['flaky']} failed" + (f", {s['skipped']} skipped" if s['skipped'] else ""))
PY
fi
exit $status
