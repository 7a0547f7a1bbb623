#!/usr/bin/env bash
# Fresh machine with Python 3.11 -> .venv with everything installed -> a dataset version built from seeds/.
set -euo pipefail
cd "$(dirname "$0")"
PYTHON="${PYTHON:-python3.11}"
command -v "$PYTHON" >/dev/null || PYTHON=python3
"$PYTHON" -c 'import sys; assert sys.version_info[:2] == (3, 11), f"Python 3.11 needed, found {sys.version}"'
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
# constraints.txt locks every dependency so builds (and Parquet bytes) are reproducible.
.venv/bin/python -m pip install --quiet -c constraints.txt -e ".[test]"
# The browser test drives Debian's Chromium; install it when missing and this user may (root or sudo).
if ! { command -v chromium && command -v chromedriver; } >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo -n"
  if command -v apt-get >/dev/null && { [ -z "$SUDO" ] || sudo -n true 2>/dev/null; }; then
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
  else
    echo "note: install Debian's chromium and chromium-driver for tests/test_browser.py" >&2
  fi
fi
mkdir -p .dagster_home  # instance storage (SQLite) for `dagster dev`, see README
.venv/bin/python -m pipeline build --input seeds --output datasets
