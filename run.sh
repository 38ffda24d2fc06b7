#!/usr/bin/env bash
# Brings the whole system up on this machine with demo data: PostgreSQL and RabbitMQ (installed
# and started if needed), then the Aspire app host (services/apphost), which starts every service,
# the gateway on http://localhost:8080 and its dashboard on http://localhost:18888.
#   ./run.sh         start (or restart) everything, then return
#   ./run.sh stop    stop the services (PostgreSQL and RabbitMQ keep running)
# INTEGRATION_TENANT_STORAGE=DatabasePerTenant ./run.sh keeps each tenant but the default one (the demo's second city) in databases
# of its own instead of beside the others (docs/architecture.md, "Tenancy"); the mode stays with the databases it wrote.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
run_dir="$root/.run"
gateway_url="http://localhost:8080"

dashboard_url="http://localhost:18888"
apphost="$root/services/apphost/Integration.AppHost/bin/Release/net10.0/Integration.AppHost.dll"

# Stopping the app host stops its orchestrator and every service it started.
stop_system() {
  local pid_file="$run_dir/apphost.pid" pid attempt
  [[ -f "$pid_file" ]] || return 0
  pid=$(cat "$pid_file")
  kill "$pid" 2>/dev/null || true
  # The orchestrator (dcp, watching the app host's pid) stops the services gracefully after the app host exits.
  for attempt in $(seq 1 60); do
    if ! kill -0 "$pid" 2>/dev/null && ! pgrep -f -- "--monitor $pid" >/dev/null; then
      break
    fi
    sleep 1
  done
  rm -f "$pid_file"
}

if [[ "${1:-}" == "stop" ]]; then
  stop_system
  echo "Stopped."
  exit 0
fi

source "$root/scripts/infra.sh"
ensure_infrastructure
ensure_databases integration_intake integration_referrals integration_mediators

echo "Building (Release)..."
"$root/scripts/build.sh"

stop_system
mkdir -p "$run_dir/logs"
# The topology (services, ports, routes, who waits for whom) lives in the app host; this script
# only gives it the servers started above and the dashboard's addresses.
(
  cd "$(dirname "$apphost")"
  DOTNET_ENVIRONMENT=Development \
  ASPNETCORE_URLS="$dashboard_url" \
  ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL="http://localhost:18890" \
  ASPIRE_ALLOW_UNSECURED_TRANSPORT=true \
  ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS=true \
    setsid nohup dotnet "$apphost" \
      "--ConnectionStrings:Postgres=$INTEGRATION_POSTGRES" \
      "--ConnectionStrings:RabbitMq-intake=$INTEGRATION_RABBITMQ_INTAKE/" \
      "--ConnectionStrings:RabbitMq-referrals=$INTEGRATION_RABBITMQ_REFERRALS/" \
      "--ConnectionStrings:RabbitMq-mediators=$INTEGRATION_RABBITMQ_MEDIATORS/" \
      "--Resources:all:Environment:Tenancy__Storage=${INTEGRATION_TENANT_STORAGE:-Conjoined}" \
      >"$run_dir/logs/apphost.log" 2>&1 </dev/null &
  echo $! >"$run_dir/apphost.pid"
)

# The gateway starts only once every service behind it is ready, so its readiness is the system's.
echo "Starting the services (dashboard: $dashboard_url)..."
for attempt in $(seq 1 180); do
  if curl -fs -m 5 -o /dev/null "$gateway_url/health/ready"; then
    break
  fi
  if ! kill -0 "$(cat "$run_dir/apphost.pid")" 2>/dev/null || [[ $attempt == 180 ]]; then
    echo "The system did not become ready. Each service's output is on the dashboard ($dashboard_url, Console);" >&2
    echo "the app host's last lines (.run/logs/apphost.log):" >&2
    tail -n 30 "$run_dir/logs/apphost.log" >&2
    exit 1
  fi
  sleep 1
done

dotnet "$root/tools/DemoSeed/bin/Release/net10.0/DemoSeed.dll" "$gateway_url"

cat <<MESSAGE

Integration is running: $gateway_url
  staff portal       $gateway_url/
  APIs               $gateway_url/api/intake, /api/referrals, /api/mediators (OpenAPI at <api>/openapi/v1.json)
  development token  curl -s -X POST $gateway_url/dev/token -H 'Content-Type: application/json' -d '{"sub":"demo","role":"caseworker"}'
  dashboard          $dashboard_url  (every service's console, structured logs, traces and metrics)
  stop               ./run.sh stop
MESSAGE
