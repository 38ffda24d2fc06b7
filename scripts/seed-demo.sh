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
coordinator=$(token_for demo-coordinator coordinator "Demo Coordinator")

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

organisation() {
  post "$coordinator" /api/referrals/organisations "$1" | id_of organisationId
}
service() {
  post "$coordinator" "/api/referrals/organisations/$1/services" "$2" | id_of serviceId
}
shelter=$(organisation '{"name":"Casa della Carità","description":"Shelter and housing support","email":"accoglienza@example.org","website":"https://example.org/casa"}')
shelter_beds=$(service "$shelter" '{"name":"Family emergency housing","description":"Rooms for families in the first months","category":"housing",
  "languages":["it","en","ar","fr"],"eligibility":"Families registered at the one-stop-shop","capacity":40,"responseHours":48}')
clinic=$(organisation '{"name":"Ambulatorio Popolare","description":"Free clinic for people without a GP"}')
service "$clinic" '{"name":"General practice","category":"health","languages":["it","en","ar","ti"],"responseHours":24}' >/dev/null
service "$clinic" '{"name":"Psychological support","category":"mental_health","languages":["it","uk","prs"],"responseHours":72}' >/dev/null
school=$(organisation '{"name":"Scuola di Italiano Insieme","description":"Italian courses from A0 to B2"}')
service "$school" '{"name":"Italian A1 evening course","category":"language","languages":["it"],"capacity":25,"responseHours":120}' >/dev/null
lawyers=$(organisation '{"name":"Avvocati di Strada","description":"Free legal advice"}')
service "$lawyers" '{"name":"Asylum and residence advice","category":"legal","languages":["it","en","fr","ar"],"responseHours":72}' >/dev/null

amina_housing=$(post "$worker" "/api/intake/clients/$amina/needs" '{"domain":"housing","priority":"high","description":"Mother and two children in emergency shelter"}' | id_of needId)
post "$worker" "/api/intake/clients/$amina/needs" '{"domain":"language","priority":"medium","description":"Italian course, A1"}' >/dev/null
post "$desk" "/api/intake/clients/$amina/consents" "{\"purpose\":\"referral\",\"recipientServiceCategory\":\"housing\",
  \"dataCategories\":[\"identity\",\"contact\",\"language\"],\"lawfulBasis\":\"consent\",\"givenAt\":\"$(date -u +%Y-%m-%dT%H:%M:%SZ)\",
  \"evidence\":\"Signed form, demo\"}" >/dev/null
# Referrals learns of the need and the consent from intake's events a moment later; until then it answers 422.
referred=no
for attempt in $(seq 1 60); do
  if post "$worker" /api/referrals/referrals "{\"clientId\":\"$amina\",\"needId\":\"$amina_housing\",\"serviceId\":\"$shelter_beds\",
    \"urgency\":\"high\",\"note\":\"Two children, 4 and 7\"}" >/dev/null 2>&1; then
    referred=yes
    break
  fi
  sleep 1
done
if [[ $referred != yes ]]; then
  echo "Warning: the demo referral was refused for 60 s; is the referrals service consuming intake's events?" >&2
fi
put() {
  curl -fsS -X PUT "$gateway$2" -H "Authorization: Bearer $1" -H 'Content-Type: application/json' -d "$3" >/dev/null
}
weekdays='[{"dayOfWeek":1,"from":"09:00","to":"17:00"},{"dayOfWeek":2,"from":"09:00","to":"17:00"},{"dayOfWeek":3,"from":"09:00","to":"17:00"},
  {"dayOfWeek":4,"from":"09:00","to":"17:00"},{"dayOfWeek":5,"from":"09:00","to":"13:00"}]'
mediator() {
  local id
  id=$(post "$coordinator" /api/mediators/mediators "$1" | id_of mediatorId)
  put "$coordinator" "/api/mediators/mediators/$id/availability" "{\"timeZone\":\"Europe/Rome\",\"weekly\":$weekdays}"
}
mediator '{"name":"Samira Benali","languages":[{"code":"ar","dialect":"Moroccan"},{"code":"fr"}],"specialisms":["health","school"],"modes":["in_person","phone"],"userId":"demo-mediator"}'
mediator '{"name":"Yonas Tesfaye","languages":[{"code":"ti"},{"code":"am"}],"specialisms":["legal","social_services"],"modes":["in_person","phone","video"]}'
mediator '{"name":"Farid Rahimi","languages":[{"code":"prs","dialect":"Hazaragi"},{"code":"ps"}],"specialisms":["mental_health","health"],"modes":["video","phone"]}'
mediator '{"name":"Olena Kovalenko","languages":[{"code":"uk"},{"code":"ru"}],"specialisms":["school","employment"],"modes":["in_person","video"]}'
monday=$(date -u -d "next monday" +%Y-%m-%d)
post "$desk" /api/mediators/bookings "{\"language\":\"ar\",\"dialect\":\"Moroccan\",\"specialism\":\"health\",\"start\":\"${monday}T09:00:00Z\",
  \"durationMinutes\":60,\"mode\":\"in_person\",\"location\":\"Via Padova 36, Milano\",\"clientId\":\"$amina\"}" >/dev/null 2>&1 ||
  echo "Warning: the demo booking was refused; is the mediators service consuming intake's events?" >&2
post "$desk" /api/mediators/bookings "{\"language\":\"so\",\"start\":\"${monday}T10:00:00Z\",\"durationMinutes\":45,\"mode\":\"phone\"}" >/dev/null
echo "Registered 5 demo clients (one with needs, a consent and a referral), 4 partner organisations and 4 mediators"
echo "(one booking assigned, one for Somali unfilled: see /api/mediators/bookings and /api/mediators/demand)."
echo "Partner inbox of Casa della Carità: a token with {\"role\":\"partner\",\"org\":\"$shelter\"}."
