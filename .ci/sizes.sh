#!/usr/bin/env bash
# Precompresses the built client and prints the first-load size (wasm + js + css, gzip).
# Fails when it exceeds the budget.
set -euo pipefail
dist=${1:-dist}
# 600 KB: charts-rs measures text with a compiled-in table of its font (vendor/charts-rs/VENDORED.md);
# Trunk 0.21 cannot split the WASM, so each page adds to the first load.
budget_kb=${BUDGET_KB:-600}
total=0
printf '%-44s %10s %10s %10s\n' "file" "raw" "gzip" "brotli"
for f in "$dist"/*.wasm "$dist"/*.js "$dist"/*.css "$dist"/*.html; do
  gzip -9 -k -f "$f"
  gz=$(stat -c %s "$f.gz")
  br="-"
  if command -v brotli >/dev/null; then brotli -q 11 -k -f "$f"; br=$(stat -c %s "$f.br"); fi
  printf '%-44s %10s %10s %10s\n' "$(basename "$f")" "$(stat -c %s "$f")" "$gz" "$br"
  case "$f" in *.html) ;; *) total=$((total + gz)) ;; esac
done
kb=$(( (total + 1023) / 1024 ))
# Where the WASM bytes go, by function, in the module cargo built (before wasm-bindgen and
# wasm-opt, which strip the names; the shares carry over): what a new page costs shows here.
module=${WASM_MODULE:-target/wasm32-unknown-unknown/wasm-release/resonance.wasm}
if command -v twiggy >/dev/null && [ -f "$module" ]; then
  echo "largest functions of the client (twiggy top, $module; names and custom sections left out):"
  twiggy top -n 40 "$module" | grep -v -e 'subsection' -e 'custom section' -e 'data segment' -e 'and [0-9]* more' -e 'Σ' \
    | head -n 22 | cut -c1-140 || true
fi
echo "first load (wasm + js + css, gzip): ${kb} KB (budget ${budget_kb} KB)"
if [ "$kb" -gt "$budget_kb" ]; then
  echo "error: the first load is over budget" >&2
  exit 1
fi
