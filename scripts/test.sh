#!/usr/bin/env bash
# Run the checks: build the package if needed, then lint and the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
# The site's browser tests drive Debian's Chromium (never a browser Playwright downloads).
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
  elif sudo -n true 2>/dev/null; then
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
  else
    echo "error: the browser tests need /usr/bin/chromium: apt-get install chromium" >&2
    exit 1
  fi
fi
export PATH="$PWD/.venv/bin:$PATH"
ruff check scripts tests
python -m pytest "$@"
