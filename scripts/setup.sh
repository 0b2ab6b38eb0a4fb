#!/usr/bin/env bash
# Set up rasid on a fresh machine: a virtual environment, the package with its test tools,
# and the derived data (gazetteer, NER model) built from ../shared when it is there.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]'
if [ -d ../shared/geo ]; then
  .venv/bin/rasid data build --shared ../shared --if-missing
else
  echo "setup: ../shared not found; skipping 'rasid data build' (rasid runs with its packaged knowledge only)" >&2
fi
