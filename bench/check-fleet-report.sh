#!/usr/bin/env bash
# Hostile-input check of real fleet-cost and plan reports, in headless Chromium.
#
# Converts src/test/resources/hostile/hostile_trace.csv (model names that are HTML/JS payloads, with
# arrival times) to Parquet, runs `fleet-cost` and `plan` with src/test/resources/hostile/hostile-scenario.conf
# (the same payloads as model preset names and scenario name), then loads report.html and plan.html in
# headless Chromium, lets scripts and event handlers run (virtual time), dumps each DOM and checks with
# Python's HTML parser that:
#   - no <script>, <img>, <iframe>, <object>, <embed>, <link> or <svg onload> element exists,
#   - no element carries an on* event attribute, src= or href= (text that merely reads "src=" is fine),
#   - nothing executed: the payloads would set <body data-pwned> or the document title to PWNED.
# A positive control (the same payloads pasted raw into a page) must FAIL the same checks, which shows
# the checks can see execution.
#
#   bench/check-fleet-report.sh [OUT_DIR]     (default OUT_DIR: target/check-fleet-report)
#
# Exit 0 = all checks passed, 1 = a check failed, 2 = setup problem (no Chromium: install it with
# `apt-get install chromium`; this script does not install anything).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out=${1:-$root/target/check-fleet-report}
rm -rf "$out"
mkdir -p "$out"
out=$(cd "$out" && pwd)

browser=""
for b in chromium chromium-browser google-chrome google-chrome-stable; do
  if command -v "$b" >/dev/null 2>&1; then browser=$(command -v "$b"); break; fi
done
if [[ -z $browser ]]; then
  echo "check-fleet-report: no Chromium found; install it (apt-get install chromium) and rerun" >&2
  exit 2
fi

fixtures=$root/src/test/resources/hostile
"$root/jobs/tokenfleet" convert --format generic "$fixtures/hostile_trace.csv" --out "$out/trace.parquet" >"$out/convert.log"
"$root/jobs/tokenfleet" fleet-cost "$out/trace.parquet" --out "$out/fleet" --scenario "$fixtures/hostile-scenario.conf" \
  >"$out/fleet-cost.log" 2>"$out/fleet-cost.err" || { echo "check-fleet-report: fleet-cost failed:" >&2; cat "$out/fleet-cost.err" >&2; exit 2; }
"$root/jobs/tokenfleet" plan "$out/trace.parquet" --out "$out/plan" --scenario "$fixtures/hostile-scenario.conf" \
  >"$out/plan.log" 2>"$out/plan.err" || { echo "check-fleet-report: plan failed:" >&2; cat "$out/plan.err" >&2; exit 2; }
report=$out/fleet/report.html
plan=$out/plan/plan.html

# The positive control: the same payloads, raw.
cat >"$out/control.html" <<'HTML'
<!DOCTYPE html><html><head><title>control</title></head><body>
<script>document.title='PWNED'</script>
<img src=x onerror=document.body.setAttribute('data-pwned',1)>
</body></html>
HTML

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
dump() { # html file -> dom file
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync "--user-data-dir=$profile" --virtual-time-budget=3000 \
    --dump-dom "file://$1" >"$2" 2>"$2.log"
}

check_dom() { # dom file; prints ok/FAIL lines, exit status 1 on any failure
  python3 - "$1" <<'PY'
import sys
from html.parser import HTMLParser

BANNED = {"script", "img", "iframe", "object", "embed", "link", "base", "form", "input"}
class Dom(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.banned, self.handlers, self.urls, self.body, self.title, self._in_title = [], [], [], {}, "", False
        self.csp = False
    def handle_starttag(self, tag, attrs):
        if tag in BANNED:
            self.banned.append(tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append(f"<{tag} {name}>")
            if name in ("src", "href", "xlink:href", "action", "formaction"):
                self.urls.append(f"<{tag} {name}={value}>")
        if tag == "meta" and any(n == "http-equiv" and (v or "").lower() == "refresh" for n, v in attrs):
            self.banned.append("meta refresh")
        if tag == "meta" and any(n == "http-equiv" and (v or "").lower() == "content-security-policy" for n, v in attrs):
            self.csp = True
        if tag == "body":
            self.body = dict(attrs)
        self._in_title = tag == "title" and not self.title
    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
    def handle_data(self, data):
        if self._in_title:
            self.title += data

dom = Dom()
dom.feed(open(sys.argv[1], encoding="utf-8").read())
checks = [
    ("no script/img/iframe/object/embed/link/base/form/input/meta refresh element", not dom.banned, dom.banned[:5]),
    ("no on* event-handler attribute", not dom.handlers, dom.handlers[:5]),
    ("no src/href/action attribute", not dom.urls, dom.urls[:5]),
    ("nothing executed: <body> has no data-pwned", "data-pwned" not in dom.body, dom.body),
    ("nothing executed: title is not PWNED", dom.title.strip() != "PWNED", dom.title.strip()[:80]),
]
print("info " + ("a Content-Security-Policy meta is present (defence in depth; the element checks above do not rely on it)"
                 if dom.csp else "no Content-Security-Policy meta"))
failed = False
for what, ok, evidence in checks:
    print(("ok   " if ok else "FAIL ") + what + ("" if ok else f"  {evidence}"))
    failed |= not ok
sys.exit(1 if failed else 0)
PY
}

fail=0
version=$($browser --version 2>/dev/null | head -1)
check_page() { # html file, dom file to write
  local page=$1 name
  name=$(basename "$page")
  echo "== $name as written"
  for payload in "<script" "<img" "<svg onload" "<iframe"; do
    if grep -qF "$payload" "$page"; then echo "FAIL raw '$payload' in $name"; fail=1; else echo "ok   no raw '$payload' in $name"; fi
  done
  if grep -qF '&lt;script&gt;alert(1)&lt;/script&gt;' "$page"; then echo "ok   the hostile names are shown, escaped"; \
    else echo "FAIL the hostile model names are missing from $name"; fail=1; fi
  echo "== $name in headless Chromium ($version)"
  dump "$page" "$2" || { echo "check-fleet-report: chromium --dump-dom failed on $name (see $2.log)" >&2; exit 2; }
  check_dom "$2" || fail=1
}
check_page "$report" "$out/dom.html"
check_page "$plan" "$out/plan-dom.html"

echo "== positive control (raw payloads; these checks must FAIL)"
dump "$out/control.html" "$out/control-dom.html" || { echo "check-fleet-report: chromium failed on the control" >&2; exit 2; }
if check_dom "$out/control-dom.html"; then
  echo "FAIL the control page passed: the checks cannot see execution"; fail=1
else
  echo "ok   the control page fails the checks (the DOM checks detect executed payloads)"
fi
echo "report: $report"
echo "dom:    $out/dom.html"
echo "plan:   $plan"
echo "dom:    $out/plan-dom.html"
exit $fail
