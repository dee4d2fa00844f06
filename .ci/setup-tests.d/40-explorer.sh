#!/usr/bin/env bash
# Selenium for Python, which the explorer's browser tests drive Debian's Chromium with
# (/usr/bin/chromedriver, installed by 20-chromium.sh; never a downloaded browser). Installed
# under .consumers/python, where tests/explorer.rs finds it.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
target="$root/.consumers/python"
if ! PYTHONPATH="$target" python3 -c "import selenium" >/dev/null 2>&1; then
  python3 -m pip install --quiet --disable-pip-version-check --target "$target" "selenium>=4.10,<5"
fi
PYTHONPATH="$target" python3 -c "import selenium; print('selenium', selenium.__version__)"
