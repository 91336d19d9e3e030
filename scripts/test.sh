#!/usr/bin/env bash
# Run the checks: build the package if needed, then lint and the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
export PATH="$PWD/.venv/bin:$PATH"
ruff check scripts tests
python -m pytest "$@"
