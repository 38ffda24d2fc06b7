#!/usr/bin/env bash
# Brings the whole system up on this machine with demo data: PostgreSQL and RabbitMQ (installed
# and started if needed), every service, the gateway on http://localhost:8080.
#   ./run.sh         start (or restart) everything, then return; logs in .run/logs/
#   ./run.sh stop    stop the services (PostgreSQL and RabbitMQ keep running)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
run_dir="$root/.run"
gateway_url="http://localhost:8080"

# service name, project folder, assembly, port
services=(
  "intake services/intake/Intake.Api Intake.Api 5101"
  "referrals services/referrals/Referrals.Api Referrals.Api 5102"
  "mediators services/mediators/Mediators.Api Mediators.Api 5103"
  "portal services/portal/Portal Portal 5104"
  "gateway services/gateway/Gateway Gateway 8080"
)

stop_services() {
  local pid_file
  for pid_file in "$run_dir"/pids/*.pid; do
    [[ -f "$pid_file" ]] || continue
    kill "$(cat "$pid_file")" 2>/dev/null || true
    rm -f "$pid_file"
  done
}

if [[ "${1:-}" == "stop" ]]; then
  stop_services
  echo "Stopped."
  exit 0
fi

source "$root/scripts/infra.sh"
ensure_infrastructure
ensure_databases integration_intake integration_referrals integration_mediators

echo "Building (Release)..."
"$root/scripts/build.sh"

stop_services
mkdir -p "$run_dir/logs" "$run_dir/pids"
for entry in "${services[@]}"; do
  read -r name folder assembly port <<<"$entry"
  (
    cd "$root/$folder"
    ASPNETCORE_ENVIRONMENT=Development \
    ASPNETCORE_URLS="http://localhost:$port" \
    ConnectionStrings__Postgres="$INTEGRATION_POSTGRES;Database=integration_$name" \
    ConnectionStrings__RabbitMq="$INTEGRATION_RABBITMQ/" \
      nohup dotnet "bin/Release/net10.0/$assembly.dll" >"$run_dir/logs/$name.log" 2>&1 &
    echo $! >"$run_dir/pids/$name.pid"
  )
done

wait_ready() {
  local name=$1 url=$2 attempt
  for attempt in $(seq 1 120); do
    if curl -fs -o /dev/null "$url/health/ready"; then
      return 0
    fi
    sleep 1
  done
  echo "$name did not become ready; last lines of .run/logs/$name.log:" >&2
  tail -n 30 "$run_dir/logs/$name.log" >&2
  exit 1
}
for entry in "${services[@]}"; do
  read -r name _ _ port <<<"$entry"
  wait_ready "$name" "http://localhost:$port"
done

dotnet "$root/tools/DemoSeed/bin/Release/net10.0/DemoSeed.dll" "$gateway_url"

cat <<MESSAGE

Integration is running: $gateway_url
  staff portal       $gateway_url/
  APIs               $gateway_url/api/intake, /api/referrals, /api/mediators (OpenAPI at <api>/openapi/v1.json)
  development token  curl -s -X POST $gateway_url/dev/token -H 'Content-Type: application/json' -d '{"sub":"demo","role":"caseworker"}'
  logs               .run/logs/    stop: ./run.sh stop
MESSAGE
