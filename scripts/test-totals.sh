#!/usr/bin/env bash
# Adds up the TRX files of a test run and prints "N passed, N failed" as the last line.
# Usage: test-totals.sh RESULTS_DIR DOTNET_TEST_EXIT_CODE
# Exits 1 when a test failed, a test project produced no results or the runner failed, or no test ran.
set -euo pipefail
results_dir=$1
runner_status=$2
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

expected_projects=$(find "$root/tests" -name '*.Tests.csproj' | wc -l)
passed=0 failed=0 skipped=0 files=0
attribute() { grep -o "$1=\"[0-9]*\"" <<<"$2" | grep -o '[0-9]*' || echo 0; }
shopt -s nullglob
for trx in "$results_dir"/*.trx; do
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  passed=$((passed + $(attribute passed "$counters")))
  failed=$((failed + $(attribute failed "$counters") + $(attribute error "$counters") + $(attribute timeout "$counters") + $(attribute aborted "$counters")))
  skipped=$((skipped + $(attribute notExecuted "$counters")))
done

# Figures that tests report for people to read (duplicate-detection precision and recall).
grep -ho 'Duplicate detection: [^<&]*' "$results_dir"/*.trx 2>/dev/null | sort -u || true

broken=0
if [[ $files -lt $expected_projects ]]; then
  echo "Only $files of $expected_projects test projects wrote results: a test host crashed or did not start." >&2
  broken=1
fi
if [[ $runner_status -ne 0 && $failed -eq 0 ]]; then
  echo "dotnet test exited with $runner_status although no test failed: see its output above." >&2
  broken=1
fi
if [[ $broken -eq 1 ]]; then
  failed=$((failed + 1))
fi

# A skipped test would hide a gap behind a green run, so it counts as a failure.
if [[ $skipped -gt 0 ]]; then
  echo "$skipped tests were skipped; a skipped test counts as failed." >&2
  failed=$((failed + skipped))
fi

echo "$passed passed, $failed failed"
if [[ $failed -gt 0 || $passed -eq 0 ]]; then
  exit 1
fi
