#!/usr/bin/env bash
# Runs the whole test suite against real PostgreSQL and RabbitMQ (installed and started if
# needed, see scripts/infra.sh). Builds once in Release, runs every test project with --no-build,
# and ends with the totals alone on the last line: "N passed, N failed".
# Exits non-zero when any test failed, a test run broke, or no test ran.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"

source "$root/scripts/infra.sh"
ensure_infrastructure
ensure_databases integration_test
ensure_chromium
ensure_fault_servers
ensure_manifest_tools
ensure_openapi_lint
export INTEGRATION_TEST_POSTGRES="$INTEGRATION_POSTGRES;Database=integration_test"
export INTEGRATION_TEST_RABBITMQ="$INTEGRATION_RABBITMQ"
export INTEGRATION_TEST_RABBITMQ_MANAGEMENT="$INTEGRATION_RABBITMQ_MANAGEMENT"

echo "Building (Release)..."
"$root/scripts/build.sh"

rm -rf "$root/TestResults"
set +e
dotnet test "$root/Integration.sln" --configuration Release --no-build --nologo
test_status=$?
set -e

if [[ -s "$root/TestResults/unexpected-ends.log" ]]; then
  echo "Services that ended during the end-to-end tests while no test stopped them (TestResults/unexpected-ends.log):"
  cat "$root/TestResults/unexpected-ends.log"
fi

"$root/scripts/test-totals.sh" "$root/TestResults" "$test_status"
