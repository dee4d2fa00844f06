#!/usr/bin/env bash
# The readers of the tabular and typed exports (tests/interchange.rs):
# - GraphML: networkx and python-igraph (system Python, like the other Python readers);
# - GEXF: xmllint (Debian's libxml2-utils) against the vendored XSD in tests/gexf-1.3/, and
#   networkx;
# - CSV: LadybugDB (PyPI `ladybug`, the maintained fork of Kùzu);
# - Cypher: FalkorDBLite (PyPI `falkordblite`, an embedded FalkorDB), which needs Python 3.12
#   or later: a venv in .consumers/falkordb from pyenv's 3.12 (its install compiles Redis,
#   about 3 minutes, once).
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v xmllint >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq libxml2-utils >/dev/null
fi

if ! python3 -c "import networkx, igraph, ladybug" >/dev/null 2>&1; then
  python3 -m pip install --quiet --disable-pip-version-check "networkx>=3.6,<3.7" igraph ladybug
fi

venv=.consumers/falkordb
if ! "$venv/bin/python" -c "import redislite.falkordb_client" >/dev/null 2>&1; then
  python312=""
  for candidate in python3.13 python3.12; do
    if command -v "$candidate" >/dev/null 2>&1 && "$candidate" --version >/dev/null 2>&1; then
      python312="$candidate"
      break
    fi
  done
  if [ -z "$python312" ] && command -v pyenv >/dev/null 2>&1; then
    for version in $(pyenv versions --bare | grep -E '^3\.(1[2-9])' | sort -V -r); do
      python312="$(pyenv root)/versions/$version/bin/python3"
      break
    done
  fi
  if [ -z "$python312" ]; then
    echo "FalkorDBLite needs Python 3.12 or later (pyenv install 3.12)" >&2
    exit 1
  fi
  rm -rf "$venv"
  "$python312" -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check falkordblite
fi

xmllint --version 2>&1 | sed -n 1p
python3 -c "import networkx, igraph, ladybug; print('networkx', networkx.__version__, '/ igraph', igraph.__version__, '/ ladybug', ladybug.__version__)"
"$venv/bin/python" -c "import importlib.metadata as m; print('falkordblite', m.version('falkordblite'))"
