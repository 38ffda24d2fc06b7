#!/usr/bin/env bash
# Seeds a living demo through the gateway, once (skipped when intake already has clients): three
# offices, a dozen partner organisations covering every need domain, mediators in eighteen
# languages, and clients whose referrals stand in every status of the closed loop.
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

# token_for subject role office [organisation]
token_for() {
  local org=""
  [[ -n "${4:-}" ]] && org=",\"org\":\"$4\""
  curl -fsS -X POST "$gateway/dev/token" -H 'Content-Type: application/json' \
    -d "{\"sub\":\"$1\",\"role\":\"$2\",\"office\":\"$3\",\"name\":\"$1\"$org}" |
    sed -E 's/.*"accessToken":"([^"]+)".*/\1/'
}
post() {
  curl -fsS -X POST "$gateway$2" -H "Authorization: Bearer $1" -H 'Content-Type: application/json' -d "$3"
}
put() {
  curl -fsS -X PUT "$gateway$2" -H "Authorization: Bearer $1" -H 'Content-Type: application/json' -d "$3" >/dev/null
}
id_of() { sed -E "s/.*\"$1\":\"([^\"]+)\".*/\1/"; }
now() { date -u +%Y-%m-%dT%H:%M:%S.%3NZ; }

# The demo users of the portal's development sign-in page use the same subjects and offices.
declare -A desk worker
for office in milan-central florence bari; do
  desk[$office]=$(token_for "desk-$office" frontdesk "$office")
  worker[$office]=$(token_for "cw-$office" caseworker "$office")
done
coordinator=$(token_for coordinator coordinator milan-central)

# --- Partner organisations and their services: every need domain is covered. ---
declare -A service_of organisation_of
organisation() {
  post "$coordinator" /api/referrals/organisations "{\"name\":\"$1\",\"description\":\"$2\"}" | id_of organisationId
}
# service key organisation name category languages responseHours
service() {
  service_of[$1]=$(post "$coordinator" "/api/referrals/organisations/$2/services" \
    "{\"name\":\"$3\",\"category\":\"$4\",\"languages\":$5,\"responseHours\":$6}" | id_of serviceId)
  organisation_of[$1]=$2
}
org=$(organisation "Casa della Carità" "Shelter and housing support"); service beds "$org" "Family emergency housing" housing '["it","en","ar","fr"]' 48
service rooms "$org" "Supported flats" housing '["it","en"]' 120
org=$(organisation "Ambulatorio Popolare" "Free clinic for people without a GP"); service gp "$org" "General practice" health '["it","en","ar","ti"]' 24
org=$(organisation "Centro Franz Fanon" "Transcultural psychotherapy"); service psy "$org" "Psychological support" mental_health '["it","fr","uk","prs"]' 72
org=$(organisation "Avvocati di Strada" "Free legal advice"); service law "$org" "Asylum and residence advice" legal '["it","en","fr","ar"]' 72
org=$(organisation "Patronato INCA" "Documents and permits"); service docs "$org" "Permit renewal desk" documents '["it","en","es"]' 48
org=$(organisation "Scuola di Italiano Insieme" "Italian courses from A0 to B2"); service italian "$org" "Italian A1 evening course" language '["it"]' 120
org=$(organisation "CPIA Milano 2" "Adult education"); service school "$org" "Lower secondary diploma" education '["it","en"]' 168
org=$(organisation "Lavoro e Dignità" "Job orientation and placement"); service jobs "$org" "Job orientation" employment '["it","en","fr","ar","bn"]' 72
org=$(organisation "CIMEA Desk" "Recognition of foreign qualifications"); service degrees "$org" "Qualification recognition" qualifications '["it","en","fr"]' 240
org=$(organisation "Croce Rossa Ricongiungimenti" "Restoring family links"); service family "$org" "Family reunification" family_reunification '["it","en","ar","so","ti"]' 96
org=$(organisation "Banco di Solidarietà" "Food and financial support"); service money "$org" "Emergency financial support" financial '["it","en","ar","ur"]' 48
org=$(organisation "Nidi Aperti" "Childcare for working parents"); service nursery "$org" "Nursery places" childcare '["it","en"]' 96
service_of[other_help]=$(post "$coordinator" "/api/referrals/organisations/$org/services" \
  '{"name":"Family counselling","category":"other","languages":["it","en","es"],"responseHours":72}' | id_of serviceId)

# --- Clients at three offices, each with needs and a consent to referral in those domains. ---
declare -A client_of need_of office_of
# client key office registration-json
client() {
  client_of[$1]=$(post "${desk[$2]}" /api/intake/clients "$3" | id_of clientId)
  office_of[$1]=$2
}
# need key client domain priority description
need() {
  need_of[$1]=$(post "${worker[${office_of[$2]}]}" "/api/intake/clients/${client_of[$2]}/needs" \
    "{\"domain\":\"$3\",\"priority\":\"$4\",\"description\":\"$5\"}" | id_of needId)
}
# consent client domain... : referral to any service of those domains; identity, contact, language and needs
declare -A consent_of
consent() {
  local key=$1 domain
  shift
  for domain in "$@"; do
    consent_of[$key-$domain]=$(post "${desk[${office_of[$key]}]}" "/api/intake/clients/${client_of[$key]}/consents" \
      "{\"purpose\":\"referral\",\"recipientServiceCategory\":\"$domain\",\"dataCategories\":[\"identity\",\"contact\",\"language\",\"needs\"],
        \"lawfulBasis\":\"consent\",\"givenAt\":\"$(now)\",\"evidence\":\"Signed form, demo\"}" | id_of consentId)
  done
}
client amina milan-central '{"givenName":"Amina","familyName":"Yusuf","dateOfBirth":"1991-04-12","sex":"female","nationalities":["NG"],
  "languages":[{"code":"ha","proficiency":"native"},{"code":"en","proficiency":"basic"}],"preferredLanguage":"en","interpreterRequired":true,"phone":"+39 333 120 4410",
  "address":{"municipality":"Milano","district":"Municipio 2"},"legalStatus":{"category":"asylum_seeker","documentNumber":"PS-20261","validUntil":"2027-03-31"},
  "vulnerabilities":["single_parent"]}'
client oleksandr milan-central '{"givenName":"Oleksandr","familyName":"Kovalenko","dateOfBirth":"1985-09-30","sex":"male","nationalities":["UA"],
  "languages":[{"code":"uk","proficiency":"native"},{"code":"en","proficiency":"basic"}],"preferredLanguage":"uk","phone":"+39 351 221 0087",
  "legalStatus":{"category":"temporary_permit","documentNumber":"TP-88120","validUntil":"'"$(date -u -d '+20 days' +%Y-%m-%d)"'"}}'
client mohammed milan-central '{"givenName":"Mohammed","familyName":"Al-Hassan","dateOfBirth":"1979-01-01","dateOfBirthIsApproximate":true,"sex":"male",
  "nationalities":["SY"],"languages":[{"code":"ar","proficiency":"native"}],"preferredLanguage":"ar","interpreterRequired":true,
  "legalStatus":{"category":"refugee","documentNumber":"RF-1182"}}'
client tigist milan-central '{"givenName":"Tigist","familyName":"Haile","dateOfBirth":"2001-07-18","sex":"female","nationalities":["ER"],
  "languages":[{"code":"ti","proficiency":"native"}],"preferredLanguage":"ti","interpreterRequired":true,"vulnerabilities":["trafficking_victim"]}'
client farida milan-central '{"givenName":"Farida","familyName":"Rahimi","dateOfBirth":"1996-11-02","sex":"female","nationalities":["AF"],
  "languages":[{"code":"prs","proficiency":"native"}],"preferredLanguage":"prs","interpreterRequired":true}'
client rahim milan-central '{"givenName":"Rahim","familyName":"Uddin","dateOfBirth":"1993-05-21","sex":"male","nationalities":["BD"],
  "languages":[{"code":"bn","proficiency":"native"},{"code":"en","proficiency":"basic"}],"preferredLanguage":"bn","phone":"+39 327 554 1200"}'
client hodan florence '{"givenName":"Hodan","familyName":"Warsame","dateOfBirth":"1988-02-14","sex":"female","nationalities":["SO"],
  "languages":[{"code":"so","proficiency":"native"}],"preferredLanguage":"so","interpreterRequired":true}'
client lucia florence '{"givenName":"Lucía","familyName":"Mendoza","dateOfBirth":"1990-08-09","sex":"female","nationalities":["PE"],
  "languages":[{"code":"es","proficiency":"native"}],"preferredLanguage":"es","phone":"+39 348 900 1133",
  "legalStatus":{"category":"work_permit","documentNumber":"WP-77312","validUntil":"2028-01-31"}}'
client bilal florence '{"givenName":"Bilal","familyName":"Khan","dateOfBirth":"1998-12-01","sex":"male","nationalities":["PK"],
  "languages":[{"code":"ur","proficiency":"native"},{"code":"en","proficiency":"fluent"}],"preferredLanguage":"ur"}'
client awa bari '{"givenName":"Awa","familyName":"Diop","dateOfBirth":"2000-03-03","sex":"female","nationalities":["SN"],
  "languages":[{"code":"wo","proficiency":"native"},{"code":"fr","proficiency":"fluent"}],"preferredLanguage":"fr"}'
client dritan bari '{"givenName":"Dritan","familyName":"Hoxha","dateOfBirth":"1982-06-17","sex":"male","nationalities":["AL"],
  "languages":[{"code":"sq","proficiency":"native"},{"code":"it","proficiency":"basic"}],"preferredLanguage":"it"}'

need amina_housing amina housing high "Mother and two children in an emergency shelter"
need amina_italian amina language medium "Italian course, A1"
need oleksandr_psy oleksandr mental_health high "Sleeps badly since the evacuation"
need oleksandr_docs oleksandr documents urgent "Temporary permit expires within a month"
need mohammed_law mohammed legal high "Family reunification appeal"
need mohammed_family mohammed family_reunification medium "Wife and daughter still in Lebanon"
need tigist_gp tigist health high "Needs a GP and a gynaecologist"
need farida_psy farida mental_health medium "Isolated, asks for someone to talk to in Dari"
need rahim_jobs rahim employment medium "Cook with 8 years of experience"
need hodan_family hodan family_reunification high "Son of 12 in Kenya"
need lucia_degrees lucia qualifications medium "Nursing degree from Lima"
need lucia_nursery lucia childcare medium "Daughter of 2; works mornings"
need bilal_school bilal education low "Wants the lower secondary diploma"
need awa_money awa financial urgent "No income this month"
need dritan_other dritan other low "Family counselling"

consent amina housing language
consent oleksandr mental_health documents
consent mohammed legal family_reunification
consent tigist health
consent farida mental_health
consent rahim employment
consent hodan family_reunification
consent lucia qualifications childcare
consent bilal education
consent awa financial
consent dritan other

# --- Referrals: referrals learns of needs and consents from intake's events a moment later; until then it answers 422. ---
declare -A referral_of
# refer key client need service urgency
refer() {
  local attempt
  for attempt in $(seq 1 60); do
    if referral_of[$1]=$(post "${worker[${office_of[$2]}]}" /api/referrals/referrals \
      "{\"clientId\":\"${client_of[$2]}\",\"needId\":\"${need_of[$3]}\",\"serviceId\":\"${service_of[$4]}\",\"urgency\":\"$5\"}" 2>/dev/null | id_of referralId); then
      return 0
    fi
    sleep 1
  done
  echo "Warning: the demo referral $1 was refused for 60 s; is the referrals service consuming intake's events?" >&2
  return 1
}
partner() { token_for "staff-${organisation_of[$1]:0:8}" partner milan-central "${organisation_of[$1]}"; }
# act referral service action [body]: the partner organisation of the service answers.
act() {
  local body="${4:-}"
  [[ -n "$body" ]] || body='{}'
  post "$(partner "$2")" "/api/referrals/referrals/${referral_of[$1]}/$3" "$body" >/dev/null ||
    echo "Warning: $3 on the demo referral $1 was refused." >&2
}

refer redirected amina amina_housing rooms high &&
  post "${worker[milan-central]}" "/api/referrals/referrals/${referral_of[redirected]}/redirect" "{\"serviceId\":\"${service_of[beds]}\"}" >/dev/null
refer waitlisted amina amina_italian italian medium && act waitlisted italian waitlist
refer accepted oleksandr oleksandr_docs docs urgent && act accepted docs accept
refer in_contact mohammed mohammed_law law high && act in_contact law accept && act in_contact law first-contact "{\"at\":\"$(now)\"}"
refer completed tigist tigist_gp gp high && act completed gp accept && act completed gp complete '{"outcome":"service_delivered"}'
refer declined rahim rahim_jobs jobs medium && act declined jobs decline '{"reason":"no_capacity"}'
refer no_show hodan hodan_family family high && act no_show family accept && act no_show family no-show
refer withdrawn bilal bilal_school school low &&
  post "${worker[florence]}" "/api/referrals/referrals/${referral_of[withdrawn]}/withdraw" '{"reason":"Moved to Bologna"}' >/dev/null
refer sent_6 lucia lucia_nursery nursery medium || true
refer suspended farida farida_psy psy medium &&
  post "${desk[milan-central]}" "/api/intake/clients/${client_of[farida]}/consents/${consent_of[farida-mental_health]}/withdraw" \
    '{"reason":"Prefers to wait"}' >/dev/null
refer sent_2 awa awa_money money urgent || true
refer sent_3 dritan dritan_other other_help low || true
refer sent_4 oleksandr oleksandr_psy psy high || true
refer sent_5 lucia lucia_degrees degrees medium || true

# --- Mediators in eighteen languages, working weekdays in Rome time. ---
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
mediator '{"name":"Ayaan Hersi","languages":[{"code":"so"}],"specialisms":["health","social_services"],"modes":["in_person","phone"]}'
mediator '{"name":"Nusrat Jahan","languages":[{"code":"bn"},{"code":"ur"}],"specialisms":["employment","school"],"modes":["phone","video"]}'
mediator '{"name":"Moussa Ndiaye","languages":[{"code":"wo"},{"code":"fr"}],"specialisms":["legal"],"modes":["in_person"]}'
mediator '{"name":"Ana Pérez","languages":[{"code":"es"}],"specialisms":["school","health"],"modes":["in_person","phone"]}'
mediator '{"name":"Li Wei","languages":[{"code":"zh"}],"specialisms":["employment","legal"],"modes":["phone","video"]}'
mediator '{"name":"Elira Dervishi","languages":[{"code":"sq"}],"specialisms":["social_services"],"modes":["in_person"]}'
mediator '{"name":"Chinedu Okafor","languages":[{"code":"ha"},{"code":"en"}],"specialisms":["health"],"modes":["phone"]}'
mediator '{"name":"Deniz Aydın","languages":[{"code":"tr"}],"specialisms":["mental_health"],"modes":["video"]}'
monday=$(date -u -d "next monday" +%Y-%m-%d)
post "${desk[milan-central]}" /api/mediators/bookings "{\"language\":\"ar\",\"dialect\":\"Moroccan\",\"specialism\":\"health\",\"start\":\"${monday}T09:00:00Z\",
  \"durationMinutes\":60,\"mode\":\"in_person\",\"location\":\"Via Padova 36, Milano\",\"clientId\":\"${client_of[mohammed]}\"}" >/dev/null 2>&1 ||
  echo "Warning: the demo booking was refused; is the mediators service consuming intake's events?" >&2
post "${desk[florence]}" /api/mediators/bookings "{\"language\":\"so\",\"start\":\"${monday}T10:00:00Z\",\"durationMinutes\":45,\"mode\":\"phone\"}" >/dev/null
post "${desk[bari]}" /api/mediators/bookings "{\"language\":\"ln\",\"start\":\"${monday}T11:00:00Z\",\"durationMinutes\":45,\"mode\":\"phone\"}" >/dev/null
# --- A case: Amina's household, her integration plan (agreed, a review due this week), a note, her case worker. ---
day() { date -u -d "$1" +%Y-%m-%d; }
client musa milan-central '{"givenName":"Musa","familyName":"Yusuf","dateOfBirth":"'"$(day '-9 years')"'","sex":"male","nationalities":["NG"],
  "languages":[{"code":"ha","proficiency":"native"},{"code":"it","proficiency":"basic"}],"preferredLanguage":"ha"}'
client zainab milan-central '{"givenName":"Zainab","familyName":"Yusuf","dateOfBirth":"'"$(day '-18 years +40 days')"'","sex":"female","nationalities":["NG"],
  "languages":[{"code":"ha","proficiency":"native"},{"code":"en","proficiency":"fluent"}],"preferredLanguage":"en"}'
post "${desk[milan-central]}" /api/intake/households "{\"members\":[{\"clientId\":\"${client_of[amina]}\",\"relationship\":\"head\"},
  {\"clientId\":\"${client_of[musa]}\",\"relationship\":\"child\"},{\"clientId\":\"${client_of[zainab]}\",\"relationship\":\"child\"}]}" >/dev/null
post "${worker[milan-central]}" "/api/intake/clients/${client_of[amina]}/assign" '{"caseWorker":{"id":"cw-milan","name":"Marco Bianchi"}}' >/dev/null
plan=$(post "${worker[milan-central]}" "/api/intake/clients/${client_of[amina]}/plans" "{\"startsOn\":\"$(day '-2 months')\",\"endsOn\":\"$(day '+8 months')\",
  \"goals\":[{\"needId\":\"${need_of[amina_housing]}\",\"domain\":\"housing\",\"description\":\"A flat for the three of them\",\"indicator\":\"A signed lease\"},
    {\"needId\":\"${need_of[amina_italian]}\",\"domain\":\"language\",\"description\":\"Italian A2\"}],
  \"actions\":[{\"goal\":0,\"description\":\"Apply for social housing\",\"responsible\":{\"kind\":\"caseworker\"},\"dueOn\":\"$(day '+3 days')\"},
    {\"goal\":1,\"description\":\"Attend the evening course twice a week\",\"responsible\":{\"kind\":\"client\"},\"dueOn\":\"$(day '+3 months')\"}]}" | id_of planId)
post "${worker[milan-central]}" "/api/intake/clients/${client_of[amina]}/plans/$plan/agree" \
  "{\"agreedOn\":\"$(day '-2 months')\",\"language\":\"ha\",\"signedByClient\":true,\"note\":\"Explained with a Hausa mediator\"}" >/dev/null
goal=$(curl -fsS "$gateway/api/intake/clients/${client_of[amina]}/plans/$plan" -H "Authorization: Bearer ${worker[milan-central]}" | sed -E 's/.*"goals":\[\{"goalId":"([^"]+)".*/\1/')
post "${worker[milan-central]}" "/api/intake/clients/${client_of[amina]}/plans/$plan/reviews" \
  "{\"reviewedOn\":\"$(day '-1 month')\",\"goals\":[{\"goalId\":\"$goal\",\"progress\":\"in_progress\",\"note\":\"On the waiting list for two flats\"}],\"nextReviewOn\":\"$(day '+4 days')\"}" >/dev/null
post "${worker[milan-central]}" "/api/intake/clients/${client_of[amina]}/notes" \
  '{"text":"Amina asked for help with the school enrolment of Musa; Zainab turns 18 soon and wants to study nursing."}' >/dev/null

echo "Seeded 13 clients at 3 offices (milan-central, florence, bari), 12 partner organisations covering every need domain,"
echo "15 referrals in every status of the closed loop, 12 mediators in 18 languages and 3 bookings (one in Lingala unfilled),"
echo "and Amina Yusuf's case: her household of three, an agreed integration plan with a review due this week, a note."
echo "Sign in at $gateway/signin as any demo user."
