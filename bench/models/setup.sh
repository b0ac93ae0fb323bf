#!/usr/bin/env bash
# Creates bench/models/.venv with scikit-learn and numpy from PyPI, for the Isolation Forest comparison only.
# Python lives in bench/ and nowhere else; the product never needs it. Idempotent: an existing venv is reused.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="$here/.venv"
python="${PYTHON:-python3}"

if ! command -v "$python" >/dev/null 2>&1; then
  echo "setup: $python not found" >&2
  exit 1
fi
if [ ! -x "$venv/bin/python" ]; then
  "$python" -m venv "$venv"
fi
if ! "$venv/bin/python" -c 'import sklearn, numpy' >/dev/null 2>&1; then
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check scikit-learn numpy
fi
"$venv/bin/python" -c 'import sklearn, numpy; print(f"scikit-learn {sklearn.__version__}, numpy {numpy.__version__}")'
