#!/usr/bin/env bash
# Registers a few demo clients through the gateway, with needs and consents, once: skipped when
# intake already has clients.
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

token_for() {
  curl -fsS -X POST "$gateway/dev/token" -H 'Content-Type: application/json' \
    -d "{\"sub\":\"$1\",\"role\":\"$2\",\"office\":\"milan-central\",\"name\":\"$3\"}" |
    sed -E 's/.*"accessToken":"([^"]+)".*/\1/'
}
desk=$(token_for demo-frontdesk frontdesk "Demo Front Desk")
worker=$(token_for demo-caseworker caseworker "Demo Case Worker")

post() {
  curl -fsS -X POST "$gateway$2" -H "Authorization: Bearer $1" -H 'Content-Type: application/json' -d "$3"
}
id_of() { sed -E "s/.*\"$1\":\"([^\"]+)\".*/\1/"; }

register() {
  post "$desk" /api/intake/clients "$1" | id_of clientId
}
amina=$(register '{"givenName":"Amina","familyName":"Yusuf","dateOfBirth":"1991-04-12","sex":"female","nationalities":["NG"],
  "languages":[{"code":"ha","proficiency":"native"},{"code":"en","proficiency":"basic"}],"preferredLanguage":"ha","interpreterRequired":true,
  "address":{"municipality":"Milano","district":"Municipio 2"},"legalStatus":{"category":"asylum_seeker","documentNumber":"PS-20261","validUntil":"2027-03-31"},
  "vulnerabilities":["single_parent"]}')
register '{"givenName":"Oleksandr","familyName":"Kovalenko","dateOfBirth":"1985-09-30","sex":"male","nationalities":["UA"],
  "languages":[{"code":"uk","proficiency":"native"},{"code":"ru","proficiency":"fluent"}],"preferredLanguage":"uk",
  "legalStatus":{"category":"temporary_permit","documentNumber":"TP-88120","validUntil":"2026-12-10"}}' >/dev/null
register '{"givenName":"Mohammed","familyName":"Al-Hassan","dateOfBirth":"1979-01-01","dateOfBirthIsApproximate":true,"sex":"male",
  "nationalities":["SY"],"languages":[{"code":"ar","proficiency":"native"}],"preferredLanguage":"ar","interpreterRequired":true,
  "legalStatus":{"category":"refugee","documentNumber":"RF-1182"}}' >/dev/null
register '{"givenName":"Tigist","familyName":"Haile","dateOfBirth":"2001-07-18","sex":"female","nationalities":["ER"],
  "languages":[{"code":"ti","proficiency":"native"}],"preferredLanguage":"ti","interpreterRequired":true,"vulnerabilities":["trafficking_victim"]}' >/dev/null
register '{"givenName":"Farida","familyName":"Rahimi","dateOfBirth":"1996-11-02","sex":"female","nationalities":["AF"],
  "languages":[{"code":"prs","proficiency":"native"}],"preferredLanguage":"prs","interpreterRequired":true}' >/dev/null

post "$worker" "/api/intake/clients/$amina/needs" '{"domain":"housing","priority":"high","description":"Mother and two children in emergency shelter"}' >/dev/null
post "$worker" "/api/intake/clients/$amina/needs" '{"domain":"language","priority":"medium","description":"Italian course, A1"}' >/dev/null
post "$desk" "/api/intake/clients/$amina/consents" "{\"purpose\":\"referral\",\"recipientServiceCategory\":\"housing\",
  \"dataCategories\":[\"identity\",\"contact\",\"language\"],\"lawfulBasis\":\"consent\",\"givenAt\":\"$(date -u +%Y-%m-%dT%H:%M:%SZ)\",
  \"evidence\":\"Signed form, demo\"}" >/dev/null
echo "Registered 5 demo clients (one with needs and a consent)."
