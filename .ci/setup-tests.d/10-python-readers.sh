#!/usr/bin/env bash
# The Python readers of the `sources` exports: pybtex (BibTeX) and citeproc-py (CSL-JSON).
set -euo pipefail
if ! python3 -c "import pybtex, citeproc" >/dev/null 2>&1; then
  python3 -m pip install --quiet --disable-pip-version-check pybtex citeproc-py
fi
