#!/usr/bin/env bash
# The backlog benchmark (run by hand; not a test): generates N legacy cases (default 347000), starts the local stack
# (all four services, real PostgreSQL and Kafka), imports the file through the API with the command-line importer,
# waits until every valid case has its checklist opened (document-service), its biometric slot assigned
# (scheduling-service) and its receipt stored (notification-service), and prints wall time, cases/s, events/s per service, peak memory per process, a raw
# baseline on the same PostgreSQL and broker (batched JDBC insert, plain Kafka producer) with the ratios, and a blue/green
# rebuild of case-status (REBUILD names more projections) while the stack runs: switched only if equal to the live one.
#
#   ./mvnw -q install -DskipTests      # once: the service jars, local-stack.jar, backlog-import.jar
#   bench/backlog-benchmark.sh [N]     # e.g. bench/backlog-benchmark.sh 2000 for a quick run
#
# Needs psql on the PATH. E-mails go to bench/SmtpSink.java, which accepts and drops them. Scheduling runs with the policy that queues a case at registration
# (AIMA_SCHEDULING_SCHEDULABLEWHEN=REGISTERED; the default waits for a complete checklist, which an import alone never
# makes true), and operations define the recovery operation's desks first: DESKS desks (default 15) of
# SLOTS_PER_DAY slots (default 200) each, 3,000 attendances a working day as in the mega-operation. Every case is
# scheduled at a desk of its region (issue 16), so the desks are spread over the regions in proportion to the
# generated cases (the file's desk_region; one desk for every region with cases, the others by highest averages),
# and the run ends by checking that every case got a slot in its region (bench/every-case-in-its-region.sql).
#
# Outcome checksums: at the end every service's GET /audit/outcome-checksum (as an AUDITOR) is printed and written to
# $WORK/outcome-checksums.txt. Two runs of the recovery operation give equal checksums when they are reproductions:
#
#   REPRODUCIBLE=1 bench/backlog-benchmark.sh 2000                     # run 1: note its outcome-checksums.txt
#   REPRODUCIBLE=1 COMPARE_WITH=/tmp/aima-backlog-bench.XXXX/outcome-checksums.txt bench/backlog-benchmark.sh 2000
#
# REPRODUCIBLE=1 fixes every service's business clock (AIMA_CLOCK_FIXED, default CLOCK=2026-03-02T10:00:00Z: the same
# "today" for eligibility, desk calendars and the first bookable day) and holds the scheduler while the file is
# imported (it holds the scheduler's PostgreSQL advisory lock, which every scheduling pass takes first) until every
# case is queued and its checklist and receipt are written; the first pass then books the whole queue at once, strictly
# in order of registration. Without it, passes every 2 s book the cases in the order they happen to arrive, so slot
# assignments (and the appointment messages) differ from run to run; the other parts still agree. COMPARE_WITH names
# an earlier run's outcome-checksums.txt and says whether this run reproduced it (exit 5 if not).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
N=${1:-347000}
# shellcheck source=lib.sh
source bench/lib.sh
WORK=$(mktemp -d /tmp/aima-backlog-bench.XXXXXX)
require_jars local-stack/target/local-stack.jar backlog-import/target/backlog-import.jar

generate_cases "$N"
start_smtp_sink

REPRODUCIBLE=${REPRODUCIBLE:-}
CLOCK=${CLOCK:-2026-03-02T10:00:00Z}
if [[ -n $REPRODUCIBLE ]]; then
  export AIMA_CLOCK_FIXED=$CLOCK
  TODAY=$(TZ=Europe/Lisbon date -d "$CLOCK" +%F)
  echo "== reproducible run: every service's clock stands at $CLOCK (today $TODAY in Lisbon)"
else
  TODAY=$(TZ=Europe/Lisbon date +%F)
fi

AIMA_SCHEDULING_SCHEDULABLEWHEN=REGISTERED SPRING_MAIL_HOST=127.0.0.1 SPRING_MAIL_PORT=$SMTP_PORT start_stack
trap 'kill $STACK $SMTP 2>/dev/null; wait $STACK 2>/dev/null || true' EXIT
discover_services
declare -A EV0
for s in $SERVICES; do EV0[$s]=$(sql "$s" "select count(*) from domain_event_entry"); done
define_desks
CHECK0=$(sql document-service "select count(*) from checklist_case")
SLOT0=$(sql scheduling-service "select count(*) from appointment where starts_at is not null")
RECEIPT0=$(sql notification-service "select count(*) from portal_notification where kind = 'RECEIPT'")

# The scheduler's advisory lock (ScheduleSnapshot.SCHEDULER_LOCK, 0x5C4ED01E): every scheduling pass takes it first, so
# a session holding it holds every pass back until it lets go.
SCHEDULER_LOCK=1548668958
hold_scheduler() {
  coproc SCHEDULER_HOLD { psql_of scheduling-service -tAq -v ON_ERROR_STOP=1 2>&1; }
  echo "select pg_advisory_lock($SCHEDULER_LOCK); select 'scheduler held';" >&"${SCHEDULER_HOLD[1]}"
  local line=""
  while [[ $line != "scheduler held" ]]; do read -r line <&"${SCHEDULER_HOLD[0]}"; done
  echo "== scheduler held (advisory lock $SCHEDULER_LOCK) until every case is queued"
}
release_scheduler() {
  echo "select pg_advisory_unlock($SCHEDULER_LOCK);" >&"${SCHEDULER_HOLD[1]}"
  echo '\q' >&"${SCHEDULER_HOLD[1]}"
  wait "$SCHEDULER_HOLD_PID" 2>/dev/null || true
  echo "== scheduler released: its next pass books the whole queue"
}
[[ -z $REPRODUCIBLE ]] || hold_scheduler

echo "== importing through the API"
# CPU seconds of a process and the children it has waited for (/proc/<pid>/stat: utime stime cutime cstime)
cpu_of() { awk -v hz="$(getconf CLK_TCK)" '{ sub(/.*\) /, ""); printf "%.1f", ($12 + $13 + $14 + $15) / hz }' "/proc/$1/stat" 2>/dev/null || echo 0; }
POSTMASTER=$(pgrep -f -- '-D .*aima-embedded-postgres' | head -1 || true)
pg_cpu() { # the embedded PostgreSQL: its postmaster, the backends it reaped and the ones still running
  [[ -n $POSTMASTER ]] || { echo 0; return; }
  local total; total=$(cpu_of "$POSTMASTER")
  for c in $(pgrep -P "$POSTMASTER"); do total=$(awk -v a="$total" -v b="$(cpu_of "$c")" 'BEGIN { printf "%.1f", a + b }'); done
  echo "$total"
}
declare -A CPU0
for s in $SERVICES; do CPU0[$s]=$(cpu_of "${PID[$s]}"); done
CPU0[stack]=$(cpu_of "$STACK"); CPU0[pg]=$(pg_cpu)
T0=$(now)
"$JAVA" -jar backlog-import/target/backlog-import.jar import "$WORK/legacy.csv" | tee "$WORK/import.txt" || true
T1=$(now)
REGISTERED=$(grep -oE '[0-9]+ registered' "$WORK/import.txt" | head -1 | cut -d' ' -f1)
if [[ -n $REPRODUCIBLE ]]; then
  echo "== waiting until $REGISTERED cases are queued, with their checklist opened and their receipt and checklist written"
  while true; do
    Q=$(sql scheduling-service "select count(*) from queue_entry where state = 'WAITING'")
    C=$(( $(sql document-service "select count(*) from checklist_case") - CHECK0 ))
    N=$(sql notification-service "select count(*) from portal_notification where kind in ('RECEIPT', 'CHECKLIST')")
    printf '\rqueued %d/%d  checklists %d/%d  receipts and checklist messages %d/%d   ' \
      "$Q" "$REGISTERED" "$C" "$REGISTERED" "$N" $(( 2 * REGISTERED ))
    [[ $Q -ge $REGISTERED && $C -ge $REGISTERED && $N -ge $(( 2 * REGISTERED )) ]] && break
    sleep 2
  done
  echo
  release_scheduler
fi
echo "== waiting until $REGISTERED cases have their checklist opened, their slot assigned and their receipt stored"
declare -A DONE_AT
MOVED_AT=$(now)
while true; do
  C=$(( $(sql document-service "select count(*) from checklist_case") - CHECK0 ))
  S=$(( $(sql scheduling-service "select count(*) from appointment where starts_at is not null") - SLOT0 ))
  R=$(( $(sql notification-service "select count(*) from portal_notification where kind = 'RECEIPT'") - RECEIPT0 ))
  for stage in checklists:$C slots:$S receipts:$R; do
    [[ ${stage#*:} -ge $REGISTERED && -z ${DONE_AT[${stage%%:*}]:-} ]] && DONE_AT[${stage%%:*}]=$(now)
  done
  printf '\rchecklists %d/%d  slots %d/%d  receipts %d/%d   ' "$C" "$REGISTERED" "$S" "$REGISTERED" "$R" "$REGISTERED"
  [[ $C -ge $REGISTERED && $S -ge $REGISTERED && $R -ge $REGISTERED ]] && break
  # a stage that stops moving for STALL seconds after the import has lost something (or is stuck): say so and stop
  PROGRESS="$C/$S/$R"
  if [[ $PROGRESS != "${LAST_PROGRESS:-}" ]]; then LAST_PROGRESS=$PROGRESS; MOVED_AT=$(now); fi
  if awk -v a="$MOVED_AT" -v b="$(now)" -v s="${STALL:-180}" 'BEGIN { exit !(b - a > s) }'; then
    echo; echo "STALLED: no progress for ${STALL:-180} s (checklists $C, slots $S, receipts $R of $REGISTERED)" >&2
    exit 3
  fi
  sleep 2
done
T2=$(now)
echo
WALL=$(secs "$T0" "$T2")
echo "== results for $N cases ($VALID valid, $REGISTERED registered by this run)"
echo "wall time:        ${WALL} s (import call $(secs "$T0" "$T1") s, then downstream $(secs "$T1" "$T2") s)"
awk -v n="$REGISTERED" -v w="$WALL" 'BEGIN { printf "cases/s:          %.1f\n", n / w }'
for stage in checklists slots receipts; do
  echo "all $stage done after $(secs "$T0" "${DONE_AT[$stage]}") s"
done
TOTAL_EVENTS=0
for s in $SERVICES; do
  E=$(( $(sql "$s" "select count(*) from domain_event_entry") - EV0[$s] ))
  TOTAL_EVENTS=$(( TOTAL_EVENTS + E ))
  awk -v s="$s" -v e="$E" -v w="$WALL" 'BEGIN { printf "events/s %-22s %8d events  %8.1f/s\n", s, e, e / w }'
done
for s in $SERVICES; do
  awk -v s="$s" -v c="$(cpu_of "${PID[$s]}")" -v c0="${CPU0[$s]}" -v n="$REGISTERED" \
    'BEGIN { printf "cpu %-27s %8.1f s  %6.2f ms/case\n", s, c - c0, (c - c0) * 1000 / n }'
done
awk -v c="$(cpu_of "$STACK")" -v c0="${CPU0[stack]}" -v n="$REGISTERED" \
  'BEGIN { printf "cpu %-27s %8.1f s  %6.2f ms/case\n", "local-stack (Kafka, issuer)", c - c0, (c - c0) * 1000 / n }'
awk -v c="$(pg_cpu)" -v c0="${CPU0[pg]}" -v n="$REGISTERED" \
  'BEGIN { printf "cpu %-27s %8.1f s  %6.2f ms/case\n", "PostgreSQL", c - c0, (c - c0) * 1000 / n }'
for s in $SERVICES; do
  printf 'peak memory %-22s %s\n' "$s" "$(awk '/VmHWM/ { printf "%d MiB", $2 / 1024 }' "/proc/${PID[$s]}/status")"
done
printf 'peak memory %-22s %s\n' "local-stack (PG+Kafka)" "$(awk '/VmHWM/ { printf "%d MiB", $2 / 1024 }' "/proc/$STACK/status")"
for pg in $(pgrep -f 'postgres' -P "$STACK" 2>/dev/null || true); do :; done

echo "== outcome checksums (GET /audit/outcome-checksum as an AUDITOR; $WORK/outcome-checksums.txt)"
if [[ -n $REPRODUCIBLE ]]; then
  # the appointment messages follow the slots: every case's, before the checksums are read
  while [[ $(sql notification-service "select count(*) from portal_notification where kind = 'APPOINTMENT'") -lt $REGISTERED ]]; do
    sleep 2
  done
fi
AUDITOR_TOKEN=$(curl -sf 'http://127.0.0.1:8090/token?sub=auditor-bench&role=AUDITOR')
outcome_checksum() { # outcome_checksum <port>: "<checksum> <part>=<rows>:<first 12 hex of its sha256> ..." of a service
  local json sum parts
  json=$(curl -sf "http://127.0.0.1:$1/audit/outcome-checksum" -H "Authorization: Bearer $AUDITOR_TOKEN") || return 1
  sum=$(grep -o '"checksum":"[0-9a-f]*"' <<< "$json" | head -1 | cut -d'"' -f4)
  parts=$(grep -o '"name":"[^"]*","description":"[^"]*","rows":[0-9]*,"sha256":"[0-9a-f]*"' <<< "$json" \
    | sed -E 's/^"name":"([^"]*)".*"rows":([0-9]*),"sha256":"([0-9a-f]{12})[0-9a-f]*"$/\1=\2:\3/' | tr '\n' ' ')
  echo "$sum ${parts% }"
}
: > "$WORK/outcome-checksums.txt"
for s in $SERVICES; do
  printf '%-22s %s\n' "$s" "$(outcome_checksum "${PORT[$s]}")" | tee -a "$WORK/outcome-checksums.txt"
done
if [[ -n ${COMPARE_WITH:-} ]]; then
  if diff <(awk '{ print $1, $2 }' "$COMPARE_WITH") <(awk '{ print $1, $2 }' "$WORK/outcome-checksums.txt"); then
    echo "OUTCOME REPRODUCED: every service's checksum equals $COMPARE_WITH"
  else
    echo "OUTCOME DIFFERS from $COMPARE_WITH (parts: compare the two files)" >&2
    OUTCOME_CHECK=failed
  fi
fi

echo "== every case got a slot at a desk of its region (bench/every-case-in-its-region.sql)"
IFS='|' read -r IN_REGION WAITING OUTSIDE <<< "$(sql scheduling-service "$(cat "$REPO/bench/every-case-in-its-region.sql")")"
echo "booked in their region: $IN_REGION   waiting: $WAITING   booked outside their region: $OUTSIDE"
if [[ $WAITING -ne 0 || $OUTSIDE -ne 0 || $IN_REGION -lt $REGISTERED ]]; then
  echo "NOT EVERY CASE HAS A SLOT IN ITS REGION" >&2
  REGION_CHECK=failed
fi

echo "== raw baseline: $TOTAL_EVENTS event rows and records"
CP="$(ls "$M2"/org/postgresql/postgresql/*/postgresql-*.jar | grep -v sources | tail -1):$(ls "$M2"/org/apache/kafka/kafka-clients/*/kafka-clients-*.jar | grep -v -e test -e sources | tail -1):$(ls "$M2"/org/slf4j/slf4j-api/2.*/slf4j-api-2.*.jar | tail -1)"
"$JAVA" -cp "$CP" bench/RawBaseline.java "${URL[application-service]}" "$DB_USER" "$PGPASSWORD" "$KAFKA" "$TOTAL_EVENTS" | tee "$WORK/baseline.txt"
JDBC=$(awk '/^jdbc/ { print $2 }' "$WORK/baseline.txt"); KPROD=$(awk '/^kafka/ { print $2 }' "$WORK/baseline.txt")
awk -v w="$WALL" -v j="$JDBC" -v k="$KPROD" 'BEGIN { printf "ratio system / raw JDBC insert: %.1fx   system / raw Kafka producer: %.1fx\n", w / j, w / k }'

echo "== blue/green rebuilds from the event store while the stack runs (REBUILD: service-port:projection ...)"
# Each projection is rebuilt into a copy of its tables, compared with the live tables at the same global index and
# switched only if equal (POST /operations/projections/{name}/rebuilds); the case-status checksum is also taken here,
# by SQL, before and after, as an independent check.
CHECKSUM="select count(*) || ' ' || md5(coalesce(string_agg(t::text, '|' order by case_id), '')) from case_status t"
LIVE=$(sql application-service "$CHECKSUM")
echo "case_status live:    $LIVE"
OPS_TOKEN=$(curl -sf 'http://127.0.0.1:8090/token?sub=operations-bench&role=OPERATIONS')
json_field() { sed -n "s/.*\"$1\":\"\{0,1\}\([^\",}]*\).*/\1/p" <<< "$2"; }
rebuild() { # rebuild <port> <projection>: prints the outcome; fails unless SWITCHED
  local base="http://127.0.0.1:$1/operations/projections/$2/rebuilds" started id body state="" t0
  t0=$(now)
  started=$(curl -sf -X POST "$base" -H "Authorization: Bearer $OPS_TOKEN" -H 'Content-Type: application/json' \
    -d '{"reason": "backlog benchmark: the projection rebuilt from the event store equals the live one"}') \
    || { echo "$2: the rebuild could not start"; return 1; }
  id=$(json_field id "$started")
  for _ in $(seq 3600); do
    body=$(curl -sf "$base/$id" -H "Authorization: Bearer $OPS_TOKEN") || true
    state=$(json_field state "$body")
    [[ $state == RUNNING || $state == CAUGHT_UP ]] || break
    sleep 1
  done
  echo "$2: $state after $(secs "$t0" "$(now)") s, $(json_field eventsApplied "$body") events replayed, at global index" \
    "$(json_field position "$body"), checksum live $(json_field liveChecksum "$body") rebuilt $(json_field rebuiltChecksum "$body")"
  [[ $state == SWITCHED ]] || { echo "   $body"; return 1; }
}
REBUILD=${REBUILD:-"8081:case-status"}   # e.g. REBUILD="8081:case-status 8081:backlog-imports 8082:checklist
                                          #  8082:evidence-requests 8083:appointments 8084:portal-inbox"
REBUILDS_OK=yes
for target in $REBUILD; do
  rebuild "${target%%:*}" "${target#*:}" || REBUILDS_OK=no
done
REBUILT=$(sql application-service "$CHECKSUM")
echo "case_status rebuilt: $REBUILT"
[[ "$REBUILT" == "$LIVE" && $REBUILDS_OK == yes ]] && echo "checksums equal, every rebuild switched" \
  || echo "CHECKSUMS DIFFER OR A REBUILD DID NOT SWITCH"
for _ in $(seq 150); do
  AFTER=$(outcome_checksum 8081 2>/dev/null || true)
  [[ -n $AFTER ]] && break
  sleep 2
done
BEFORE=$(awk '$1 == "application-service" { $1 = ""; print substr($0, 2) }' "$WORK/outcome-checksums.txt")
echo "application-service outcome checksum after the rebuild: ${AFTER%% *} ($([[ "$AFTER" == "$BEFORE" ]] && echo equal || echo DIFFERENT))"
echo "(work files in $WORK)"
[[ ${REGION_CHECK:-} != failed ]] || exit 4
[[ ${OUTCOME_CHECK:-} != failed ]] || exit 5
