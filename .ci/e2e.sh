#!/usr/bin/env bash
# Runs the Playwright suite against the release server on a free port with a fresh demo
# database — on SQLite, and on PostgreSQL when RESONANCE_TEST_POSTGRES names a server (in a
# schema of its own, dropped afterwards) — and prints a closing "N passed, N failed" line.
set -euo pipefail
cd "$(dirname "$0")/../end2end"
work=$(mktemp -d)
schema="e2e_$$_$(date +%s)"
cleanup() {
  rm -rf "$work"
  if [ -n "${RESONANCE_TEST_POSTGRES:-}" ]; then
    psql "$RESONANCE_TEST_POSTGRES" -Xq -c "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT

stores=("sqlite")
[ -n "${RESONANCE_TEST_POSTGRES:-}" ] && stores+=("postgres")
status=0
for store in "${stores[@]}"; do
  export E2E_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  export E2E_DB_DIR="$work/$store"
  mkdir -p "$E2E_DB_DIR"
  if [ "$store" = postgres ]; then
    sep='?'; [[ "$RESONANCE_TEST_POSTGRES" == *\?* ]] && sep='&'
    export E2E_DATABASE_URL="${RESONANCE_TEST_POSTGRES}${sep}schema=${schema}"
  else
    export E2E_DATABASE_URL="sqlite://$E2E_DB_DIR/e2e.db"
  fi
  echo "==> Playwright on $store"
  PLAYWRIGHT_JSON_OUTPUT_NAME="$work/report-$store.json" npx playwright test --reporter=list,json "$@" || status=1
done
python3 - "$work" "${stores[@]}" <<'PY'
import json, os, sys
work, stores = sys.argv[1], sys.argv[2:]
passed = failed = skipped = 0
for store in stores:
    path = os.path.join(work, f"report-{store}.json")
    if not os.path.exists(path):
        failed += 1
        continue
    s = json.load(open(path))["stats"]
    passed += s["expected"]; failed += s["unexpected"] + s["flaky"]; skipped += s["skipped"]
print(f"e2e: {passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
PY
exit $status
