#!/usr/bin/env bash
# Renders a report.html with headless Chromium: a screenshot for eyes, and the DOM as Chromium parsed
# it, checked for <script> elements, for the charts, and for anything that would load from outside.
#
#   bench/check-html.sh REPORT.html [OUT_DIR]     (default OUT_DIR: target/check-html)
#   WINDOW_SIZE=1400,6000 bench/check-html.sh ...  (taller screenshot; default 1400,2400)
#
# Writes OUT_DIR/screenshot.png and OUT_DIR/dom.html. Exit 0 = checks passed or skipped (no Chromium and
# none installable: prints SKIP), 1 = a check failed, 2 = usage error. Installs chromium with apt-get
# when it is missing and the script runs as root (or with passwordless sudo).
set -euo pipefail

if [[ $# -lt 1 || $# -gt 2 ]]; then
  echo "usage: $0 REPORT.html [OUT_DIR]" >&2
  exit 2
fi
report=$1
out=${2:-target/check-html}
if [[ ! -f $report ]]; then
  echo "check-html: no such file: $report" >&2
  exit 2
fi
mkdir -p "$out"
report_abs=$(cd "$(dirname "$report")" && pwd)/$(basename "$report")
out_abs=$(cd "$out" && pwd)

find_browser() {
  for b in chromium chromium-browser google-chrome google-chrome-stable; do
    if command -v "$b" >/dev/null 2>&1; then command -v "$b"; return 0; fi
  done
  return 1
}

browser=$(find_browser || true)
if [[ -z $browser ]]; then
  sudo_cmd=""
  if [[ $(id -u) -ne 0 ]] && command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo_cmd="sudo -n"; fi
  if [[ $(id -u) -eq 0 || -n $sudo_cmd ]] && command -v apt-get >/dev/null 2>&1; then
    echo "check-html: installing chromium with apt-get ..." >&2
    ($sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium) >"$out_abs/apt.log" 2>&1 \
      || echo "check-html: apt-get install chromium failed (see $out_abs/apt.log)" >&2
    browser=$(find_browser || true)
  fi
fi
if [[ -z $browser ]]; then
  echo "SKIP check-html: no Chromium found and none could be installed"
  exit 0
fi

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
  --disable-component-update --disable-sync --hide-scrollbars "--user-data-dir=$profile")

# Chromium exits 0 after writing; a hung renderer is cut off after 120 s
timeout 120 "$browser" "${flags[@]}" "--screenshot=$out_abs/screenshot.png" "--window-size=${WINDOW_SIZE:-1400,2400}" "file://$report_abs" \
  >"$out_abs/chromium-screenshot.log" 2>&1 || { echo "check-html: screenshot failed (see $out_abs/chromium-screenshot.log)" >&2; exit 1; }
timeout 120 "$browser" "${flags[@]}" --dump-dom "file://$report_abs" >"$out_abs/dom.html" 2>"$out_abs/chromium-dom.log" \
  || { echo "check-html: --dump-dom failed (see $out_abs/chromium-dom.log)" >&2; exit 1; }

fail=0
check() { # description, then a command that succeeds when the check passes
  local what=$1; shift
  if "$@"; then echo "ok   $what"; else echo "FAIL $what"; fail=1; fi
}
dom=$out_abs/dom.html
check "screenshot written" test -s "$out_abs/screenshot.png"
check "DOM dumped" test -s "$dom"
check "no <script> element in the DOM" bash -c "! grep -qi '<script' '$dom'"
check "no <img>, <iframe>, <object>, <embed> or <link> element" bash -c "! grep -Eqi '<(img|iframe|object|embed|link)[ >/]' '$dom'"
check "no src= or href= attribute (self-contained)" bash -c "! grep -Eqi '[[:space:]](src|href)=' '$dom'"
check "no http(s) URL except the SVG namespace" bash -c "! grep -Eo 'https?://[^\"'\'' <>)]*' '$dom' | grep -qv '^http://www.w3.org/2000/svg\$'"
check "charts present (inline <svg>)" grep -qi '<svg' "$dom"
echo "screenshot: $out_abs/screenshot.png"
echo "dom:        $dom"
exit $fail
