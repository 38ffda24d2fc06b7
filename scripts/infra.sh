#!/usr/bin/env bash
# Sourced by run.sh and test.sh. Makes PostgreSQL and RabbitMQ available and exports:
#   INTEGRATION_POSTGRES             Npgsql connection string without Database (a role that may create databases)
#   INTEGRATION_RABBITMQ             amqp://user:password@host:port (an administrator: for tests and tools)
#   INTEGRATION_RABBITMQ_MANAGEMENT  http://user:password@host:port (management API, the same administrator)
#   INTEGRATION_RABBITMQ_INTAKE, _REFERRALS, _MEDIATORS
#                                    amqp://user:password@host:port of each service's own user, allowed only
#                                    what deploy/rabbitmq/permissions.tsv lists (guest is deleted)
# Order of preference: servers already named by those variables; a Docker engine (docker compose,
# deploy/compose.yaml); otherwise Debian's packages, installed if missing and started locally.

infra_log() { printf '[infra] %s\n' "$*" >&2; }
infra_fail() { printf '[infra] ERROR: %s\n' "$*" >&2; exit 1; }

require_dotnet() {
  if ! command -v dotnet >/dev/null 2>&1; then
    infra_fail "the .NET SDK 10 is missing: install it (https://learn.microsoft.com/dotnet/core/install/linux-debian) so that 'dotnet' is on PATH."
  fi
  if ! dotnet --list-sdks | grep -q '^10\.'; then
    infra_fail "the .NET SDK 10 is required; 'dotnet --list-sdks' shows: $(dotnet --list-sdks | tr '\n' ' ')"
  fi
}

apt_install() {
  if [[ $(id -u) -ne 0 ]]; then
    infra_fail "$* is missing and installing it needs root: run 'sudo apt-get install -y $*' first, or run this script as root."
  fi
  if [[ -z "${INFRA_APT_UPDATED:-}" ]]; then
    infra_log "apt-get update"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    INFRA_APT_UPDATED=1
  fi
  infra_log "installing $*"
  # Package scripts try to start the servers through init systems that containers lack; we start them below.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null 2>&1 || \
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

start_local_postgres() {
  command -v pg_lsclusters >/dev/null 2>&1 || apt_install postgresql
  command -v psql >/dev/null 2>&1 || apt_install postgresql-client
  local cluster version name port status
  cluster=$(pg_lsclusters -h | head -n 1)
  if [[ -z "$cluster" ]]; then
    version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
    infra_log "creating PostgreSQL cluster $version/main"
    pg_createcluster "$version" main >/dev/null
    cluster=$(pg_lsclusters -h | head -n 1)
  fi
  read -r version name port status _ <<<"$cluster"
  # The tests run every test project at once, each class with its own services, and the database-per-tenant classes give every
  # tenant a database whose daemon holds a lease and a LISTEN connection in each service: PostgreSQL's default of 100 connections is
  # not enough for them. A setting that needs a restart, so it is made before the start (or with one, on a cluster that runs already).
  local wanted_connections=300 configured_connections
  configured_connections=$(runuser -u postgres -- psql -Atq -p "$port" -c "show max_connections" 2>/dev/null || true)
  if [[ -n "$configured_connections" && "$configured_connections" -lt $wanted_connections ]]; then
    runuser -u postgres -- psql -q -p "$port" -c "alter system set max_connections = $wanted_connections" >/dev/null
    infra_log "restarting PostgreSQL $version/$name for max_connections $wanted_connections"
    pg_ctlcluster --skip-systemctl-redirect "$version" "$name" restart
  elif [[ -z "$configured_connections" ]]; then
    printf 'max_connections = %s\n' "$wanted_connections" > "/etc/postgresql/$version/$name/conf.d/connections.conf"
  fi
  if [[ "$status" != online* ]]; then
    infra_log "starting PostgreSQL $version/$name on port $port"
    pg_ctlcluster --skip-systemctl-redirect "$version" "$name" start
  fi
  runuser -u postgres -- psql -q -p "$port" -v ON_ERROR_STOP=1 <<'SQL' >/dev/null
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'integration') THEN
    CREATE ROLE integration LOGIN CREATEDB PASSWORD 'integration';
  END IF;
END
$$;
SQL
  export INTEGRATION_POSTGRES="Host=localhost;Port=$port;Username=integration;Password=integration"
}

# 'rabbitmqctl await_startup' gives up at once while the freshly detached node has not yet
# registered with epmd (seconds on a cold machine), so poll until it answers, then wait for boot.
wait_for_rabbitmq_node() {
  local attempt
  for attempt in $(seq 1 120); do
    if rabbitmqctl -q await_startup --timeout 120 >/dev/null 2>&1; then
      return 0
    fi
    sleep 1
  done
  infra_fail "RabbitMQ did not start within two minutes; see /var/log/rabbitmq/."
}

start_local_rabbitmq() {
  command -v rabbitmq-server >/dev/null 2>&1 || apt_install rabbitmq-server
  if ! rabbitmqctl -q status >/dev/null 2>&1; then
    rabbitmq-plugins enable --offline rabbitmq_management >/dev/null
    infra_log "starting RabbitMQ"
    rabbitmq-server -detached >/dev/null 2>&1 || true
    wait_for_rabbitmq_node
  fi
  rabbitmq-plugins -q is_enabled rabbitmq_management >/dev/null 2>&1 || rabbitmq-plugins -q enable rabbitmq_management >/dev/null
  # guest is an administrator whose password everyone knows: an administrator of our own replaces it.
  local password users
  password="$(rabbitmq_password admin)"
  # Read once, then searched: piped into grep -q under pipefail, rabbitmqctl could die of SIGPIPE after
  # the match and the pipeline read as "no such user".
  users="$(rabbitmqctl -q list_users)"
  # Passwords go to rabbitmqctl and curl on standard input or a file descriptor, never as arguments
  # that every user of the machine can read in the process list.
  if grep -q '^integration-admin\b' <<<"$users"; then
    printf '%s' "$password" | rabbitmqctl -q change_password integration-admin >/dev/null
  else
    printf '%s' "$password" | rabbitmqctl -q add_user integration-admin >/dev/null
  fi
  rabbitmqctl -q set_user_tags integration-admin administrator >/dev/null
  rabbitmqctl -q set_permissions -p / integration-admin '.*' '.*' '.*' >/dev/null
  if grep -q '^guest\b' <<<"$users"; then
    infra_log "deleting RabbitMQ's guest user"
    rabbitmqctl -q delete_user guest >/dev/null
  fi
  export INTEGRATION_RABBITMQ="amqp://integration-admin:$password@localhost:5672"
  export INTEGRATION_RABBITMQ_MANAGEMENT="http://integration-admin:$password@localhost:15672"
}

# A RabbitMQ password of this machine's (admin, or a service's), generated once and kept outside
# the checkout, readable only by its owner, so every checkout on the machine uses the same.
rabbitmq_password() {
  local file="${XDG_STATE_HOME:-$HOME/.local/state}/integration/rabbitmq-$1.password"
  if [[ ! -s "$file" ]]; then
    mkdir -p "$(dirname "$file")"
    (umask 077 && head -c 24 /dev/urandom | base64 | tr -d '/+=' >"$file")
  fi
  cat "$file"
}

# One RabbitMQ user per service (integration-<service>), allowed only what deploy/rabbitmq/permissions.tsv
# lists, created through the management API; exports INTEGRATION_RABBITMQ_<SERVICE> (amqp://user:password@host:port).
ensure_rabbitmq_service_users() {
  local service configure write read password amqp_server management
  amqp_server="${INTEGRATION_RABBITMQ#*@}"
  management="${INTEGRATION_RABBITMQ_MANAGEMENT}/api"
  while IFS=$'\t' read -r service configure write read; do
    [[ -z "$service" || "$service" == \#* ]] && continue
    password="$(rabbitmq_password "$service")"
    rabbitmq_api PUT "$management/users/integration-$service" "{\"password\":\"$password\",\"tags\":\"\"}"
    rabbitmq_api PUT "$management/permissions/%2F/integration-$service" \
      "{\"configure\":\"${configure//\\/\\\\}\",\"write\":\"${write//\\/\\\\}\",\"read\":\"${read//\\/\\\\}\"}"
    export "INTEGRATION_RABBITMQ_${service^^}=amqp://integration-$service:$password@$amqp_server"
  done <"$INFRA_ROOT/deploy/rabbitmq/permissions.tsv"
}

rabbitmq_api() {
  printf '%s' "$3" | management_curl -o /dev/null -X "$1" -H 'content-type: application/json' --data-binary @- "$2" \
    || infra_fail "the RabbitMQ management API refused $1 ${2#*@}: its user must be an administrator."
}

# curl against a URL of the form http://user:password@host/..., the credentials handed over through a
# file descriptor (curl's config) instead of the command line.
management_curl() {
  local url="${*: -1}" user
  if [[ ! "$url" =~ ^([a-z]+://)([^/@]*)@(.*)$ ]]; then
    curl -fsS "$@"
    return
  fi
  # Percent-decoded, then quoted for curl's config syntax (backslash and double quote escaped); a line
  # break would end the config line, so it is refused.
  user="$(printf '%b' "${BASH_REMATCH[2]//%/\\x}")"
  [[ "$user" != *$'\n'* && "$user" != *$'\r'* ]] || infra_fail "RabbitMQ credentials must not contain a line break."
  user="${user//\\/\\\\}"
  curl -fsS -K <(printf 'user = "%s"\n' "${user//\"/\\\"}") "${@:1:$#-1}" "${BASH_REMATCH[1]}${BASH_REMATCH[3]}"
}

start_compose() {
  infra_log "starting PostgreSQL and RabbitMQ with docker compose"
  docker compose -f "$INFRA_ROOT/deploy/compose.yaml" up -d --wait >/dev/null
  export INTEGRATION_POSTGRES="Host=localhost;Port=5432;Username=integration;Password=integration"
  export INTEGRATION_RABBITMQ="amqp://integration-admin:integration@localhost:5672"
  export INTEGRATION_RABBITMQ_MANAGEMENT="http://integration-admin:integration@localhost:15672"
}

wait_for_management_api() {
  local attempt
  for attempt in $(seq 1 60); do
    if management_curl -o /dev/null "${INTEGRATION_RABBITMQ_MANAGEMENT}/api/overview"; then
      return 0
    fi
    sleep 1
  done
  infra_fail "the RabbitMQ management API at ${INTEGRATION_RABBITMQ_MANAGEMENT#*@} does not answer."
}

ensure_infrastructure() {
  INFRA_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  require_dotnet
  command -v curl >/dev/null 2>&1 || apt_install curl
  if [[ -n "${INTEGRATION_POSTGRES:-}" && -n "${INTEGRATION_RABBITMQ:-}" && -n "${INTEGRATION_RABBITMQ_MANAGEMENT:-}" ]]; then
    infra_log "using the servers named by INTEGRATION_POSTGRES, INTEGRATION_RABBITMQ and INTEGRATION_RABBITMQ_MANAGEMENT"
    command -v psql >/dev/null 2>&1 || apt_install postgresql-client
  elif command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
    start_compose
  else
    start_local_postgres
    start_local_rabbitmq
  fi
  wait_for_management_api
  ensure_rabbitmq_service_users
}

# The browser tests drive Debian's Chromium; no test tool downloads a browser of its own.
ensure_chromium() {
  if [[ -n "${INTEGRATION_CHROMIUM:-}" ]]; then
    [[ -x "$INTEGRATION_CHROMIUM" ]] || infra_fail "INTEGRATION_CHROMIUM names $INTEGRATION_CHROMIUM, which is not an executable."
    return
  fi
  command -v chromium >/dev/null 2>&1 || apt_install chromium
  export INTEGRATION_CHROMIUM="$(command -v chromium)"
}

# The end-to-end fault tests stop and start a PostgreSQL and a RabbitMQ of their own
# (tests/Integration.Testing/OwnServers.cs), whichever servers the other tests use: they need
# Debian's server binaries on this machine, though no packaged service has to run, or the
# directories named by INTEGRATION_FAULT_POSTGRES_BIN and INTEGRATION_FAULT_RABBITMQ_BIN.
ensure_fault_servers() {
  [[ -x "${INTEGRATION_FAULT_POSTGRES_BIN:-/nonexistent}/initdb" ]] || compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null \
    || apt_install postgresql
  [[ -x "${INTEGRATION_FAULT_RABBITMQ_BIN:-/usr/lib/rabbitmq/bin}/rabbitmq-server" ]] || apt_install rabbitmq-server
}

# What the manifest validation (tests/Platform.Tests/KubernetesManifestTests) runs: kubectl for
# "kubectl kustomize", Node.js with deploy/validation's packages for the schema checks.
ensure_manifest_tools() {
  command -v kubectl >/dev/null 2>&1 \
    || infra_fail "kubectl is missing: install it (https://kubernetes.io/docs/tasks/tools/install-kubectl-linux/) so that 'kubectl kustomize' renders deploy/k8s."
  command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || apt_install nodejs npm
  local validation
  validation="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/deploy/validation"
  if [[ ! -d "$validation/node_modules" || "$validation/package-lock.json" -nt "$validation/node_modules" ]]; then
    infra_log "installing deploy/validation's packages (npm ci)"
    npm ci --prefix "$validation" --no-audit --no-fund --loglevel=error >/dev/null
    touch "$validation/node_modules"
  fi
}

# What the OpenAPI lint (tests/*/OpenApiDocumentTests) runs: Redocly's CLI from tools/openapi-lint,
# which needs Node.js 20.19 or later.
ensure_openapi_lint() {
  command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || apt_install nodejs npm
  local major minor
  IFS=. read -r major minor _ <<<"$(node --version | tr -d v)"
  if (( major < 20 || (major == 20 && minor < 19) )); then
    infra_fail "Node.js $(node --version) is too old for Redocly's CLI: install Node.js 20.19 or later (https://nodejs.org/en/download)."
  fi
  local lint
  lint="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/tools/openapi-lint"
  if [[ ! -d "$lint/node_modules" || "$lint/package-lock.json" -nt "$lint/node_modules" ]]; then
    infra_log "installing tools/openapi-lint's packages (npm ci)"
    npm ci --prefix "$lint" --no-audit --no-fund --loglevel=error >/dev/null
    touch "$lint/node_modules"
  fi
}

# Creates each named database if it does not exist yet.
ensure_databases() {
  local database
  for database in "$@"; do
    if [[ -z "$(psql_admin -tAc "select 1 from pg_database where datname = '$database'")" ]]; then
      infra_log "creating database $database"
      psql_admin -qc "create database \"$database\"" >/dev/null
    fi
  done
}

# psql as the integration role, against the maintenance database.
psql_admin() {
  psql "$(libpq_uri postgres)" -v ON_ERROR_STOP=1 "$@"
}

# Turns INTEGRATION_POSTGRES into a libpq URI for the given database.
libpq_uri() {
  local host port user password pair key value
  host=localhost port=5432 user=integration password=
  IFS=';' read -ra pairs <<<"$INTEGRATION_POSTGRES"
  for pair in "${pairs[@]}"; do
    key=${pair%%=*} value=${pair#*=}
    case "${key,,}" in
      host|server) host=$value ;;
      port) port=$value ;;
      username|user\ id|userid|user) user=$value ;;
      password) password=$value ;;
    esac
  done
  printf 'postgresql://%s:%s@%s:%s/%s' "$user" "$password" "$host" "$port" "$1"
}
