#!/usr/bin/env bash
# Debian's Chromium and its WebDriver: the real browser that mermaid-cli (through puppeteer)
# and the explorer's tests (through Selenium) drive headless. Never a downloaded browser.
set -euo pipefail
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq chromium chromium-driver >/dev/null
fi
chromium --version
