#!/usr/bin/env bash
# Registers a few demo clients through the gateway, once: skipped when intake already has clients.
set -euo pipefail
gateway="${1:-http://localhost:8080}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/infra.sh"

existing=$(psql "$(libpq_uri integration_intake)" -tAc \
  "select count(*) from information_schema.tables where table_schema = 'intake' and table_name = 'mt_streams'")
if [[ "$existing" == "1" && "$(psql "$(libpq_uri integration_intake)" -tAc 'select count(*) from intake.mt_streams')" != "0" ]]; then
  echo "Demo data already present."
  exit 0
fi

token=$(curl -fsS -X POST "$gateway/dev/token" -H 'Content-Type: application/json' \
  -d '{"sub":"demo-frontdesk","role":"frontdesk","office":"milan-central","name":"Demo Front Desk"}' |
  sed -E 's/.*"accessToken":"([^"]+)".*/\1/')

register() {
  curl -fsS -o /dev/null -X POST "$gateway/api/intake/clients" \
    -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "{\"givenName\":\"$1\",\"familyName\":\"$2\",\"dateOfBirth\":\"$3\"}"
}
register "Amina" "Yusuf" "1991-04-12"
register "Oleksandr" "Kovalenko" "1985-09-30"
register "Mohammed" "Al-Hassan" "1979-01-01"
register "Tigist" "Haile" "2001-07-18"
register "Farida" "Rahimi" "1996-11-02"
echo "Registered 5 demo clients."
