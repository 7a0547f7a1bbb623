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
.venv/bin/python -m pipeline build --input seeds --output datasets
