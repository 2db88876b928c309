#!/usr/bin/env bash
# Installs what Resonance needs to build (and, with `test`, to test). Idempotent: each step is
# skipped when what it installs is already there. Versions: see ../shared/TOOLCHAIN.md.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=$(sed -n 's/^wasm-bindgen = { version = "=\([0-9.]*\)".*/\1/p' Cargo.toml)
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '==> %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
if [ "$(trunk --version 2>/dev/null || true)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (about 12 minutes on 2 cores, once)"
  cargo install trunk --locked --version "$TRUNK_VERSION"
fi
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 3 minutes, once)"
  # not --locked: its lock file pins a webpki-roots version that no longer resolves
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi
TWIGGY_VERSION=0.8.0
if [ "$(twiggy --version 2>/dev/null || true)" != "twiggy-opt $TWIGGY_VERSION" ]; then  # it names itself twiggy-opt
  say "installing twiggy $TWIGGY_VERSION (the client's size by function, printed by every build; about 2 minutes, once)"
  cargo install twiggy --locked --version "$TWIGGY_VERSION"
fi
# wasm-opt 132 (binaryen from npm) and Playwright, pinned in end2end/package-lock.json.
if [ ! -x end2end/node_modules/.bin/wasm-opt ] || [ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]; then
  say "installing end2end/node_modules (binaryen 132, @playwright/test)"
  (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
fi

if [ "${1:-}" = "test" ]; then
  missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  # emoji in mention texts, for the screenshots people look at
  [ -f /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf ] || missing+=(fonts-noto-color-emoji)
  [ -f /usr/share/fonts/truetype/roboto/unhinted/RobotoTTF/Roboto-Regular.ttf ] || [ -n "$(fc-list 2>/dev/null | grep -i roboto || true)" ] || missing+=(fonts-roboto)
  # pdfinfo and pdftotext: the executive summary's PDF is read back in the tests
  command -v pdftotext >/dev/null && command -v pdfinfo >/dev/null || missing+=(poppler-utils)
  # psql: the end-to-end oracle and clean-up on PostgreSQL
  if [ -n "${RESONANCE_TEST_POSTGRES:-}" ] && ! command -v psql >/dev/null; then missing+=(postgresql-client); fi
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]} from Debian"
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
    $SUDO apt-get update -qq
    # the first install has been seen to fail reading an archive; a second try succeeds
    $SUDO apt-get install -y -qq "${missing[@]}" || $SUDO apt-get install -y -qq "${missing[@]}"
  fi
fi
