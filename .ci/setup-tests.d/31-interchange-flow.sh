#!/usr/bin/env bash
# The consumers of the Mermaid and FollowTheMoney exports, and the Spark hand-off:
# - mermaid-cli 11 (npm; 12.x needs Node >= 22) under .consumers/mermaid, driving Debian's
#   Chromium (20-chromium.sh) through a puppeteer config, never a downloaded browser;
# - followthemoney 4.x (`ftm validate`) and pyspark (with the system's Java 17) in a venv,
#   .consumers/flow-venv, so their pins meet nothing else's.
set -euo pipefail
cd "$(dirname "$0")/../.."
consumers="$PWD/.consumers"

mermaid="$consumers/mermaid"
if [ ! -x "$mermaid/node_modules/.bin/mmdc" ]; then
  mkdir -p "$mermaid"
  PUPPETEER_SKIP_DOWNLOAD=1 npm install --prefix "$mermaid" --no-audit --no-fund --silent \
    "@mermaid-js/mermaid-cli@11" >/dev/null
fi
root_flags='"--no-sandbox", '
[ "$(id -u)" -eq 0 ] || root_flags=""
cat > "$mermaid/puppeteer.json" <<JSON
{"executablePath": "/usr/bin/chromium", "args": [${root_flags}"--disable-gpu"]}
JSON
"$mermaid/node_modules/.bin/mmdc" --version

if ! command -v java >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq openjdk-17-jre-headless >/dev/null
fi

venv="$consumers/flow-venv"
if ! "$venv/bin/python" -c "import followthemoney, pyspark" >/dev/null 2>&1; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "followthemoney>=4,<5" "pyspark>=4,<5"
fi
"$venv/bin/ftm" --version 2>/dev/null || "$venv/bin/python" -c "import followthemoney; print('followthemoney', followthemoney.__version__)"
"$venv/bin/python" -c "import pyspark; print('pyspark', pyspark.__version__)"
