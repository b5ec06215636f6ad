#!/usr/bin/env bash
# The test command (README): installs what the tests need when it is missing, then runs every test project.
#   PostgreSQL 15 server binaries (a test fixture starts its own server in a temp folder),
#   Chromium and CJK fonts (browser tests, screenshots).
# Needs root (or passwordless sudo) only when something is missing; prints "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need+=(fonts-noto-cjk)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing test dependencies: ${need[*]}"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo -n"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

log=$(mktemp)
status=0
dotnet test AnjuPortal.sln --configuration Release --logger "console;verbosity=normal" \
  --results-directory TestResults 2>&1 | tee "$log" || status=$?

# One closing line for the whole run, summed over the test assemblies' "Total tests" blocks.
awk '/^ +Passed: +[0-9]+$/ {p+=$2} /^ +Failed: +[0-9]+$/ {f+=$2} /^ +Skipped: +[0-9]+$/ {s+=$2}
     END {printf "%d passed, %d failed, %d skipped\n", p, f, s}' "$log"
rm -f "$log"
exit $status
