#!/bin/sh
# Renders the plan picture of the reference scenario in headless Chromium and saves a screenshot,
# to check by eye that the SVG draws as intended. Needs the Debian package `chromium`; not part of
# `npm test`. Usage: scripts/render-check.sh [output-dir] [plan options...]
set -eu
out="${1:-/tmp/plan-render}"
[ "$#" -gt 0 ] && shift
mkdir -p "$out"
cd "$(dirname "$0")/.."
node bin/incident-manager-plan --no-policies --at 2026-06-01T00:00:00Z --html "$out/plan.html" "$@" > /dev/null
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
  --window-size=1280,900 --screenshot="$out/plan.png" "file://$(cd "$out" && pwd)/plan.html" 2> /dev/null
echo "$out/plan.png"
