#!/usr/bin/env bash
# Runs every test of Clearance on a fresh machine: installs what is missing, restores, builds, tests,
# and closes with one summary line "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")"

# Debian packages the test suites need: Chromium for the browser tests (Playwright drives /usr/bin/chromium)
# and PostgreSQL for the storage tests, which start a real server of their own.
APT_PACKAGES=(chromium postgresql)
missing=()
for package in "${APT_PACKAGES[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "test.sh: installing ${missing[*]}" >&2
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}"
fi

if ! command -v dotnet >/dev/null 2>&1; then
  echo "test.sh: the .NET 10 SDK is required (dotnet not on PATH)" >&2
  exit 1
fi

dotnet restore Clearance.slnx --nologo -v quiet
dotnet build Clearance.slnx --no-restore --nologo -v quiet -c Release

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test Clearance.slnx --no-build --nologo -c Release --blame-hang-timeout 10m 2>&1 | tee "$log" || status=$?

# One closing line over all test assemblies, e.g. "Tests: 119 passed, 0 failed, 0 skipped".
awk '
  /(Passed|Failed)! +- +Failed:/ {
    for (i = 1; i <= NF; i++) {
      gsub(",", "", $(i + 1))
      if ($i == "Failed:") failed += $(i + 1)
      if ($i == "Passed:") passed += $(i + 1)
      if ($i == "Skipped:") skipped += $(i + 1)
    }
    found = 1
  }
  END {
    if (!found) { print "Tests: 0 passed, 1 failed (no test summary found)"; exit 1 }
    printf "Tests: %d passed, %d failed, %d skipped\n", passed, failed, skipped
  }' "$log" || status=1
exit "$status"
