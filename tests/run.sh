#!/usr/bin/env bash
# The test command (README): installs what the tests need when it is missing, then runs every test project.
#   PostgreSQL 15 server binaries (a test fixture starts its own server in a temp folder),
#   Chromium and CJK fonts (browser tests, screenshots),
#   LibreOffice Writer (no GUI) and the AR PL Kai/Ming fonts (official documents: .docx → PDF, ADR-009),
#   poppler-utils (pdftoppm, pdftotext, pdffonts: the PDF tests),
#   nginx-light and openssl (nginx -t on the nginx configurations in deploy/, with a throwaway certificate;
#   nginx is installed without starting a server on port 80), systemd (systemd-analyze verify on deploy/linux units).
#   redis-server (cross-node notification signals: a fixture starts its own server on a free port).
# Needs root (or passwordless sudo) only when something is missing; prints "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need+=(fonts-noto-cjk)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
fc-list 2>/dev/null | grep -qi "AR PL UKai" || need+=(fonts-arphic-ukai)
fc-list 2>/dev/null | grep -qi "AR PL UMing" || need+=(fonts-arphic-uming)
[ -x /usr/sbin/nginx ] || need+=(nginx-light)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
[ -x /usr/bin/systemd-analyze ] || need+=(systemd)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing test dependencies: ${need[*]}"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo -n"
  # Debian's nginx package starts a server on port 80 unless policy-rc.d forbids it: forbid it for this install only.
  policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo tee /usr/sbin/policy-rc.d >/dev/null && $sudo chmod 755 /usr/sbin/policy-rc.d && policy=1
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  [ -z "$policy" ] || $sudo rm -f /usr/sbin/policy-rc.d
fi

log=$(mktemp)
status=0
rm -rf TestResults/logs
dotnet test AnjuPortal.sln --configuration Release --logger "console;verbosity=normal" \
  --results-directory TestResults 2>&1 | tee "$log" || status=$?

# One closing line for the whole run, summed over the test assemblies' "Total tests" blocks.
awk '/^ +Passed: +[0-9]+$/ {p+=$2} /^ +Failed: +[0-9]+$/ {f+=$2} /^ +Skipped: +[0-9]+$/ {s+=$2}
     END {printf "%d passed, %d failed, %d skipped\n", p, f, s}' "$log"
# The failures again at the very end, so that a log read from its tail names them.
if grep -qE '^ +Failed [A-Za-z]' "$log"; then
  echo "Failed tests:"
  grep -E '^ +Failed [A-Za-z]' "$log" | sed -E 's/^ +/  /' | sort -u
  grep -E -A12 '^ +Failed [A-Za-z]' "$log" | grep -E 'Error Message|^ +(Assert|Expected|Actual|System\.)' | head -40 || true
fi
rm -f "$log"

# Personal data never reaches a log: scan every log line the run's portal hosts wrote (TestResults/logs) for
# anything shaped like an ID number (17 digits and a check character) or a mainland mobile number.
if [ -d TestResults/logs ]; then
  lines=$(cat TestResults/logs/*/*.log 2>/dev/null | wc -l || true)
  if grep -rEn '(^|[^0-9A-Za-z])[0-9]{17}[0-9Xx]([^0-9A-Za-z]|$)|(^|[^0-9])1[3-9][0-9]{9}([^0-9]|$)' TestResults/logs >/tmp/anju-pii-hits.txt 2>/dev/null; then
    echo "Personal data found in the logs of the test run (TestResults/logs):"
    head -20 /tmp/anju-pii-hits.txt
    status=1
  else
    echo "Log scan: no ID or mobile numbers in $lines log lines of the test run."
  fi
fi
exit $status
