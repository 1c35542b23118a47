#!/usr/bin/env bash
# The backlog benchmark (run by hand; not a test): generates N legacy cases (default 347000), starts the local stack
# (all five services, real PostgreSQL and Kafka), imports the file through the API with the command-line importer,
# waits until every valid case has its checklist opened (document-service), its biometric slot assigned
# (scheduling-service), its receipt stored and e-mailed, the outcome reported to the case (notification-service) and
# is counted in operations-service's backlog (GET /operations/backlog), and prints wall time, cases/s, events/s per
# service (operations-service: the integration events it received, its event_archive), CPU and commits per case per
# service, each JVM's CPU by what its threads do (bench/thread-cpu.py), peak memory per process, each service's
# aggregate cache (hits, misses, stale entries, evictions: its aima_aggregate_cache_* meters), a raw baseline on the
# same PostgreSQL and broker (batched JDBC insert, plain Kafka producer) with the ratios, and a blue/green rebuild of
# case-status (REBUILD names more projections) while the stack runs: switched only if equal to the live one.
#
#   ./mvnw -B -ntp -q package -DskipTests   # once: the service jars, local-stack.jar, backlog-import.jar (all in
#                                           # target/; nothing needs installing in ~/.m2)
#   bench/backlog-benchmark.sh [N]          # e.g. bench/backlog-benchmark.sh 2000 for a quick run
#
# Operations-service's backlog is checked against the file: the valid cases in total, by desk_region and by
# partner_name, computed from the legacy file alone by bench/backlog-expected.py (the format's rules, cross-checked with
# the importer's report of rejected lines), must equal what the import added to GET /operations/backlog (as
# OPERATIONS): EQUAL or DIFFERENT per dimension, exit 6 if any differs. Then, once the stack is at rest (the services
# and PostgreSQL below a quarter of a core, at most SETTLE seconds, default 180), bench/operations-load.sh measures the
# latency of operations-service's reads (backlog, every work queue, case searches) under 20 concurrent clients, p99
# target 50 ms (LOAD=0 skips it; LOAD_SECONDS of requests per endpoint, default 5; exit 7 if a request failed).
# HOLD=1 keeps the stack running with the imported backlog after the run, until the script is stopped.
# PROFILE=<seconds> records every service's JVM with JFR (settings=profile) for that long, from PROFILE_AFTER seconds
# (default 60) after the import began, and prints with the results the share of each JVM's samples by library
# (bench/jfr-libraries.py: Axon, Jackson, tracing, PostgreSQL JDBC, the project's own code, ...); the recordings stay
# in $WORK/profile-<service>.jfr for a closer look (jfr print, JDK Mission Control). Recording costs a few per cent of
# CPU while it runs, so compare profiled runs with profiled runs.
# DURABLE=1 runs the embedded PostgreSQL as a production server runs, every commit flushed to disk (fsync,
# synchronous_commit and full_page_writes on; AIMA_POSTGRES_DURABLE=true); by default it runs with zonky's fsync and
# synchronous_commit off, which costs a commit no disk wait. The results say which (PostgreSQL's own settings).
#
# Needs psql and python3 on the PATH. E-mails go to bench/SmtpSink.java, which accepts and drops them. Scheduling runs with the policy that queues a case at registration
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
REPO=$(pwd)
N=${1:-347000}
# shellcheck source=../.ci/find-jdk.sh
source .ci/find-jdk.sh
JAVA="$JAVA_HOME/bin/java"
WORK=$(mktemp -d /tmp/aima-backlog-bench.XXXXXX)
M2=${M2_REPO:-$HOME/.m2/repository}
for jar in local-stack/target/local-stack.jar backlog-import/target/backlog-import.jar; do
  [[ -f $jar ]] || { echo "missing $jar: run ./mvnw -B -ntp -q package -DskipTests first" >&2; exit 2; }
done
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

echo "== generating $N cases"
"$JAVA" -cp backlog-import/target/backlog-import.jar pt.aima.backlog.LegacyCaseGenerator "$N" "$WORK/legacy.csv" | tee "$WORK/generated.txt"
VALID=$(sed -E 's/.*\(([0-9]+) valid\).*/\1/' "$WORK/generated.txt")

echo "== starting a mail server that accepts and drops every message (bench/SmtpSink.java)"
"$JAVA" bench/SmtpSink.java > "$WORK/smtp.txt" 2>&1 &
SMTP=$!
for _ in $(seq 60); do grep -q 'smtp sink on port' "$WORK/smtp.txt" && break; sleep 0.5; done
SMTP_PORT=$(sed -n 's/^smtp sink on port //p' "$WORK/smtp.txt")
[[ -n $SMTP_PORT ]] || { echo "the mail sink did not start, see $WORK/smtp.txt" >&2; exit 1; }

REPRODUCIBLE=${REPRODUCIBLE:-}
CLOCK=${CLOCK:-2026-03-02T10:00:00Z}
if [[ -n $REPRODUCIBLE ]]; then
  export AIMA_CLOCK_FIXED=$CLOCK
  TODAY=$(TZ=Europe/Lisbon date -d "$CLOCK" +%F)
  echo "== reproducible run: every service's clock stands at $CLOCK (today $TODAY in Lisbon)"
else
  TODAY=$(TZ=Europe/Lisbon date +%F)
fi

[[ ${DURABLE:-0} == 0 ]] || export AIMA_POSTGRES_DURABLE=true
echo "== starting the local stack (log: $WORK/stack.log)"
AIMA_SCHEDULING_SCHEDULABLEWHEN=REGISTERED SPRING_MAIL_HOST=127.0.0.1 SPRING_MAIL_PORT=$SMTP_PORT \
  "$JAVA" -Xmx512m -Daima.stack.health-timeout-seconds="${HEALTH_TIMEOUT:-300}" -jar local-stack/target/local-stack.jar \
  > "$WORK/stack.log" 2>&1 &
STACK=$!
trap 'kill $STACK $SMTP 2>/dev/null; wait $STACK 2>/dev/null || true' EXIT
# (HEALTH_TIMEOUT: how long each service may take to answer UP, 300 s by default: a loaded 2-core machine needs it)
for _ in $(seq 600); do
  grep -q 'Press Ctrl-C' "$WORK/stack.log" && break
  kill -0 $STACK 2>/dev/null || break   # the stack gave up (see its log)
  sleep 1
done
grep -q 'Press Ctrl-C' "$WORK/stack.log" || { echo "the stack did not start, see $WORK/stack.log" >&2; exit 1; }
pid_of() { awk -v s="$1" '$1 == s { print $4 }' "$WORK/stack.log" | tail -1; }
KAFKA=$(awk '/^Kafka:/ { print $2 }' "$WORK/stack.log")
SERVICES="application-service document-service scheduling-service notification-service"
declare -A PORT=([application-service]=8081 [document-service]=8082 [scheduling-service]=8083 [notification-service]=8084)
OPS=operations-service
declare -A PID URL
for s in $SERVICES $OPS; do
  PID[$s]=$(pid_of "$s")
  URL[$s]=$(tr '\0' '\n' < "/proc/${PID[$s]}/cmdline" | sed -n 's/^--spring.datasource.url=//p')
done
DB_USER=$(tr '\0' '\n' < "/proc/${PID[application-service]}/cmdline" | sed -n 's/^--spring.datasource.username=//p')
export PGPASSWORD=$(tr '\0' '\n' < "/proc/${PID[application-service]}/cmdline" | sed -n 's/^--spring.datasource.password=//p')
sql() { # sql <service> <statement>
  local u=${URL[$1]#jdbc:postgresql://}; local hp=${u%%/*}; local db=${u#*/}; db=${db%%\?*}
  psql -h "${hp%:*}" -p "${hp#*:}" -U "$DB_USER" -d "$db" -tAqc "$2"
}
declare -A EV0
for s in $SERVICES; do EV0[$s]=$(sql "$s" "select count(*) from domain_event_entry"); done
DESKS=${DESKS:-15}
SLOTS_PER_DAY=${SLOTS_PER_DAY:-200}
# cases per region in the generated file (distinct legacy numbers, by the header's column names), read as the CSV it is
# (a quoted name holds commas: splitting lines at commas would take a partner's name for a region)
python3 -c 'import csv, sys
from collections import Counter
rows = csv.DictReader(open(sys.argv[1], encoding="utf-8-sig", newline=""))
seen, n = set(), Counter()
for row in rows:
    legacy, region = row["legacy_number"], (row["desk_region"] or "").strip()
    if legacy not in seen and region:
        n[region] += 1
    seen.add(legacy)
for region, count in n.items():
    print(region, count)' "$WORK/legacy.csv" | sort > "$WORK/regions.txt"
# DESKS desks in proportion to the cases (highest averages): one for every region with cases, then each further desk
# to the region with the most cases per desk, so the region that clears last clears as early as it can
awk -v desks="$DESKS" '{ region[NR] = $1; cases[NR] = $2; d[NR] = 1 }
  END {
    if (desks < NR) { printf "need at least %d desks, one for each region with cases\n", NR > "/dev/stderr"; exit 1 }
    for (given = NR; given < desks; given++) {
      best = 1
      for (i = 2; i <= NR; i++) if (cases[i] / d[i] > cases[best] / d[best]) best = i
      d[best]++
    }
    for (i = 1; i <= NR; i++) print region[i], d[i], cases[i]
  }' "$WORK/regions.txt" > "$WORK/desks.txt"
echo "== defining $DESKS desks of $SLOTS_PER_DAY slots a working day, by region (region desks cases):"
sed 's/^/   /' "$WORK/desks.txt"
OPS_TOKEN=$(curl -sf 'http://127.0.0.1:8090/token?sub=operations-bench&role=OPERATIONS')
while read -r region count _; do
  for d in $(seq -w 1 "$count"); do
    desk="BENCH-${region//_/-}-$d"
    curl -sf -o /dev/null -X PUT "http://127.0.0.1:8083/desks/$desk/capacity" \
      -H "Authorization: Bearer $OPS_TOKEN" -H 'Content-Type: application/json' \
      -d "{\"effectiveFrom\": \"$TODAY\", \"openingDays\": [\"MONDAY\",\"TUESDAY\",\"WEDNESDAY\",\"THURSDAY\",\"FRIDAY\"], \"slotsPerDay\": $SLOTS_PER_DAY, \"firstSlot\": \"08:00\", \"slotMinutes\": 3, \"reason\": \"benchmark: the recovery operation's desks\", \"region\": \"$region\"}" \
      || { echo "could not define desk $desk in $region" >&2; exit 1; }
  done
done < "$WORK/desks.txt"
CHECK0=$(sql document-service "select count(*) from checklist_case")
SLOT0=$(sql scheduling-service "select count(*) from appointment where starts_at is not null")
RECEIPT0=$(sql notification-service "select count(*) from portal_notification where kind = 'RECEIPT'")
# a receipt's e-mail handed to the mail server (or failed for good) and its outcome reported to the case: the delivery
# sender and reporter's work, done after the receipt is stored
MAILED="select count(*) from notification_delivery where kind = 'RECEIPT' and channel = 'EMAIL' and status <> 'PENDING' and outcome_reported"
MAILED0=$(sql notification-service "$MAILED")
ARCHIVE0=$(sql $OPS "select count(*) from event_archive")
# operations-service's backlog before the import: the import's cases are what it adds
backlog() { # backlog <file>: GET /operations/backlog?rows=false as OPERATIONS (a fresh token each time) into <file>
  local token
  token=$(curl -sf 'http://127.0.0.1:8090/token?sub=operations-bench&role=OPERATIONS') || return 1
  curl -sf 'http://127.0.0.1:8085/operations/backlog?rows=false' -H "Authorization: Bearer $token" -o "$1.tmp" \
    && mv "$1.tmp" "$1"
}
json_of() { python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$@"; }
for _ in $(seq 60); do backlog "$WORK/backlog-before.json" && break; sleep 1; done
BACKLOG0=$(json_of "$WORK/backlog-before.json" total)

psql_of() { # psql_of <service> [psql options]: a psql on the service's database
  local u=${URL[$1]#jdbc:postgresql://}; local hp=${u%%/*}; local db=${u#*/}; db=${db%%\?*}; shift
  psql -h "${hp%:*}" -p "${hp#*:}" -U "$DB_USER" -d "$db" "$@"
}
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
if [[ -z $POSTMASTER && -n ${AIMA_POSTGRES_URL:-} ]]; then
  # A configured server (AIMA_POSTGRES_URL) on this machine: its postmaster's pid is the first line of postmaster.pid in
  # its data directory, when the database user may read the setting (a superuser) and this user the file. Its CPU is
  # then all the server did meanwhile, other databases' work included. Otherwise PostgreSQL's CPU reads 0.
  PGDATA_DIR=$(sql application-service "select setting from pg_settings where name = 'data_directory'" 2>/dev/null || true)
  if [[ -n $PGDATA_DIR && -r $PGDATA_DIR/postmaster.pid ]]; then
    POSTMASTER=$(head -1 "$PGDATA_DIR/postmaster.pid")
    echo "   PostgreSQL's CPU: the configured server's postmaster $POSTMASTER ($PGDATA_DIR) and its backends"
  else
    echo "   PostgreSQL's CPU: not measured (the configured server's data directory is not readable from here)"
  fi
fi
pg_cpu() { # PostgreSQL: its postmaster, the backends it reaped and the ones still running
  [[ -n $POSTMASTER ]] || { echo 0; return; }
  local total; total=$(cpu_of "$POSTMASTER")
  for c in $(pgrep -P "$POSTMASTER"); do total=$(awk -v a="$total" -v b="$(cpu_of "$c")" 'BEGIN { printf "%.1f", a + b }'); done
  echo "$total"
}
declare -A CPU0 TX0
for s in $SERVICES $OPS; do CPU0[$s]=$(cpu_of "${PID[$s]}"); done
# transactions committed in a service's database (PostgreSQL's own count, whoever committed them: the service's
# commands, processors and polls): a commit is the unit the profile of 4 December found the cost in
commits() { sql "$1" "select xact_commit from pg_stat_database where datname = current_database()"; }
for s in $SERVICES $OPS; do TX0[$s]=$(commits "$s"); done
CPU0[stack]=$(cpu_of "$STACK"); CPU0[pg]=$(pg_cpu)
# each JVM's threads' CPU, for the table of where it went (bench/thread-cpu.py: listeners, processors, JIT, ...)
threads() {
  python3 bench/thread-cpu.py snapshot $(for s in $SERVICES $OPS; do echo "$s=${PID[$s]}"; done) "local-stack=$STACK"
}
threads > "$WORK/threads-start.txt"
T0=$(now)
# The throughput curve: every CURVE_EVERY seconds the cases registered and the downstream counts, to $WORK/curve.tsv
# (seconds since the import began, then cumulative counts): a flat rate is a straight line, a decay bends it. Each count
# is a scan of a table that grows with the run, so at scale it is taken less often (every 5 s up to 50,000 cases, then
# every N/10,000 s: 10 s at 100,000, 34 s at 347,000), as the progress below is counted every 2 s, then every N/25,000 s;
# counted every 2 s, a 100,000-case run's counts took about a quarter of a core of PostgreSQL (stop 42).
CURVE_EVERY=${CURVE_EVERY:-$(( N > 50000 ? N / 10000 : 5 ))}
PROGRESS_EVERY=${PROGRESS_EVERY:-$(( N > 50000 ? N / 25000 : 2 ))}
CASES0=$(sql application-service "select count(*) from case_status")
( printf 'seconds\tregistered\tchecklists\tslots\treceipts\n'
  while true; do
    printf '%s\t%s\t%s\t%s\t%s\n' "$(secs "$T0" "$(now)")" \
      $(( $(sql application-service "select count(*) from case_status") - CASES0 )) \
      $(( $(sql document-service "select count(*) from checklist_case") - CHECK0 )) \
      $(( $(sql scheduling-service "select count(*) from appointment where starts_at is not null") - SLOT0 )) \
      $(( $(sql notification-service "select count(*) from portal_notification where kind = 'RECEIPT'") - RECEIPT0 ))
    sleep "$CURVE_EVERY"
  done ) > "$WORK/curve.tsv" 2>/dev/null &
CURVE=$!
PROFILER=
if [[ -n ${PROFILE:-} ]]; then
  ( sleep "${PROFILE_AFTER:-60}"
    for s in $SERVICES $OPS; do # all at once: one jcmd takes seconds on a busy machine
      { "$JAVA_HOME/bin/jcmd" "${PID[$s]}" JFR.start name=bench-profile settings=profile duration="${PROFILE}s" \
          filename="$WORK/profile-$s.jfr" > /dev/null || echo "PROFILE: no recording of $s" >&2; } &
    done
    wait ) &
  PROFILER=$!
fi
trap 'kill $STACK $SMTP $CURVE $PROFILER 2>/dev/null; wait $STACK 2>/dev/null || true' EXIT
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
echo "== waiting until $REGISTERED cases have their checklist opened, their slot assigned, their receipt stored and e-mailed and are in operations-service's backlog"
declare -A DONE_AT
MOVED_AT=$(now)
# progress <stage> <service> <query> <count before>: the stage's count since the import, not counted again once done
progress() {
  if [[ -n ${DONE_AT[$1]:-} ]]; then echo "$REGISTERED"; else echo $(( $(sql "$2" "$3") - $4 )); fi
}
while true; do
  C=$(progress checklists document-service "select count(*) from checklist_case" "$CHECK0")
  S=$(progress slots scheduling-service "select count(*) from appointment where starts_at is not null" "$SLOT0")
  R=$(progress receipts notification-service "select count(*) from portal_notification where kind = 'RECEIPT'" "$RECEIPT0")
  M=$(progress e-mails notification-service "$MAILED" "$MAILED0")
  # the backlog is counted in the background (every few seconds while cases change): its total, not the table
  O=0; backlog "$WORK/backlog-after.json" && O=$(( $(json_of "$WORK/backlog-after.json" total) - BACKLOG0 ))
  for stage in checklists:$C slots:$S receipts:$R e-mails:$M backlog:$O; do
    [[ ${stage#*:} -ge $REGISTERED && -z ${DONE_AT[${stage%%:*}]:-} ]] && DONE_AT[${stage%%:*}]=$(now)
  done
  printf '\rchecklists %d/%d  slots %d/%d  receipts %d/%d  e-mails %d/%d  backlog %d/%d   ' \
    "$C" "$REGISTERED" "$S" "$REGISTERED" "$R" "$REGISTERED" "$M" "$REGISTERED" "$O" "$REGISTERED"
  [[ $C -ge $REGISTERED && $S -ge $REGISTERED && $R -ge $REGISTERED && $M -ge $REGISTERED && $O -ge $REGISTERED ]] && break
  # a stage that stops moving for STALL seconds after the import has lost something (or is stuck): say so and stop
  PROGRESS="$C/$S/$R/$M/$O"
  if [[ $PROGRESS != "${LAST_PROGRESS:-}" ]]; then LAST_PROGRESS=$PROGRESS; MOVED_AT=$(now); fi
  if awk -v a="$MOVED_AT" -v b="$(now)" -v s="${STALL:-180}" 'BEGIN { exit !(b - a > s) }'; then
    echo; echo "STALLED: no progress for ${STALL:-180} s (checklists $C, slots $S, receipts $R, e-mails $M, backlog $O of $REGISTERED)" >&2
    exit 3
  fi
  sleep "$PROGRESS_EVERY"
done
T2=$(now)
kill $CURVE 2>/dev/null || true
echo
WALL=$(secs "$T0" "$T2")
echo "== results for $N cases ($VALID valid, $REGISTERED registered by this run; load average $(cut -d' ' -f1-3 /proc/loadavg))"
echo "wall time:        ${WALL} s (import call $(secs "$T0" "$T1") s, then downstream $(secs "$T1" "$T2") s)"
awk -v n="$REGISTERED" -v w="$WALL" 'BEGIN { printf "cases/s:          %.1f\n", n / w }'
for stage in checklists slots receipts e-mails backlog; do
  echo "all $stage done after $(secs "$T0" "${DONE_AT[$stage]}") s"
done
TOTAL_EVENTS=0
for s in $SERVICES; do
  E=$(( $(sql "$s" "select count(*) from domain_event_entry") - EV0[$s] ))
  TOTAL_EVENTS=$(( TOTAL_EVENTS + E ))
  awk -v s="$s" -v e="$E" -v w="$WALL" 'BEGIN { printf "events/s %-22s %8d events  %8.1f/s\n", s, e, e / w }'
done
# operations-service stores no events of its own: it archives every integration event it receives
E=$(( $(sql $OPS "select count(*) from event_archive") - ARCHIVE0 ))
awk -v s="$OPS" -v e="$E" -v w="$WALL" \
  'BEGIN { printf "events/s %-22s %8d events  %8.1f/s (integration events received and archived)\n", s, e, e / w }'
# each process's CPU since the import began, read once, with its threads', for the lines below and results.txt
threads > "$WORK/threads-end.txt"
used() { awk -v c="$1" -v c0="$2" 'BEGIN { print c - c0 }'; }
declare -A USED
for s in $SERVICES $OPS; do USED[$s]=$(used "$(cpu_of "${PID[$s]}")" "${CPU0[$s]}"); done
USED[local-stack]=$(used "$(cpu_of "$STACK")" "${CPU0[stack]}")
USED[PostgreSQL]=$(used "$(pg_cpu)" "${CPU0[pg]}")
for s in $SERVICES $OPS local-stack PostgreSQL; do
  awk -v s="$s" -v c="${USED[$s]}" -v n="$REGISTERED" \
    'BEGIN { printf "cpu %-27s %8.1f s  %6.2f ms/case\n", s == "local-stack" ? "local-stack (Kafka, issuer)" : s, c, c * 1000 / n }'
done
for s in $SERVICES $OPS; do
  printf 'peak memory %-22s %s\n' "$s" "$(awk '/VmHWM/ { printf "%d MiB", $2 / 1024 }' "/proc/${PID[$s]}/status")"
done
printf 'peak memory %-22s %s\n' "local-stack (PG+Kafka)" "$(awk '/VmHWM/ { printf "%d MiB", $2 / 1024 }' "/proc/$STACK/status")"
# a recording still running when the run ends (PROFILE longer than the run) is stopped and written now
if [[ -n ${PROFILE:-} ]]; then
  kill "$PROFILER" 2>/dev/null || true
  for s in $SERVICES $OPS; do
    "$JAVA_HOME/bin/jcmd" "${PID[$s]}" JFR.stop name=bench-profile filename="$WORK/profile-$s.jfr" > /dev/null 2>&1 || true
  done
fi
# the same figures as one record, for the table at the end and $WORK/results.json
{
  echo "n $N"; echo "registered $REGISTERED"; echo "wall $WALL"; echo "import $(secs "$T0" "$T1")"
  echo "loadavg $(cut -d' ' -f1 /proc/loadavg)"
  echo "postgres $(sql application-service "select string_agg(name || '=' || setting, ' ' order by name) from pg_settings where name in ('fsync', 'synchronous_commit', 'full_page_writes')")"
  for stage in checklists slots receipts e-mails backlog; do echo "stage $stage $(secs "$T0" "${DONE_AT[$stage]}")"; done
  for s in $SERVICES; do echo "events $s $(( $(sql "$s" "select count(*) from domain_event_entry") - EV0[$s] ))"; done
  echo "events $OPS $(( $(sql $OPS "select count(*) from event_archive") - ARCHIVE0 ))"
  for s in $SERVICES $OPS; do
    echo "cpu $s ${USED[$s]}"
    echo "memory $s $(awk '/VmHWM/ { print int($2 / 1024) }' "/proc/${PID[$s]}/status")"
    echo "commits $s $(( $(commits "$s") - TX0[$s] ))"
  done
  echo "cpu local-stack ${USED[local-stack]}"
  echo "memory local-stack $(awk '/VmHWM/ { print int($2 / 1024) }' "/proc/$STACK/status")"
  echo "cpu PostgreSQL ${USED[PostgreSQL]}"
  # each service's aggregate cache: "cache <service> <hits> <misses> <stale> <evictions>" (its meters, as OPERATIONS;
  # a service that does not answer has no line, and the run goes on)
  METRICS_TOKEN=$(curl -sf 'http://127.0.0.1:8090/token?sub=operations-bench&role=OPERATIONS') || METRICS_TOKEN=
  for s in $SERVICES; do
    curl -sf "http://127.0.0.1:${PORT[$s]}/actuator/prometheus" -H "Authorization: Bearer $METRICS_TOKEN" \
      | awk -v s="$s" '/^aima_aggregate_cache_gets_total/ { match($0, /result="[a-z]+"/); r[substr($0, RSTART + 8, RLENGTH - 9)] = $NF }
          /^aima_aggregate_cache_evictions_total/ { e = $NF }
          END { if (length(r)) printf "cache %s %d %d %d %d\n", s, r["hit"], r["miss"], r["stale"], e }' || true
  done
  python3 bench/thread-cpu.py groups "$WORK/threads-start.txt" "$WORK/threads-end.txt" \
    $(for s in $SERVICES $OPS local-stack; do echo "$s=${USED[$s]}"; done)
  if [[ -n ${PROFILE:-} ]]; then
    python3 bench/jfr-libraries.py "$JAVA_HOME/bin/jfr" \
      $(for s in $SERVICES $OPS; do [[ -s $WORK/profile-$s.jfr ]] && echo "$s=$WORK/profile-$s.jfr"; done)
  fi
} > "$WORK/results.txt"

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
{ echo "baseline jdbc $JDBC"; echo "baseline kafka $KPROD"; } >> "$WORK/results.txt"
echo "== the run in one table (also $WORK/results.json, with the throughput curve)"
python3 bench/results-table.py "$WORK/results.txt" "$WORK/curve.tsv" "$WORK/results.json"

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

echo "== operations-service's backlog against the file (bench/backlog-expected.py; $WORK/backlog-expected.json)"
python3 bench/backlog-expected.py expected "$WORK/legacy.csv" "$TODAY" "$WORK/legacy.csv.report.json" \
  > "$WORK/backlog-expected.json"
python3 -c 'import json, sys; [print(f"   {k}: {v}") for k, v in json.load(open(sys.argv[1]))["notes"].items()]' \
  "$WORK/backlog-expected.json"
# the count the comparison reads must be up to date (no case changed after it was taken)
for _ in $(seq 120); do
  backlog "$WORK/backlog-after.json" && [[ $(json_of "$WORK/backlog-after.json" upToDate) == True ]] && break
  sleep 1
done
echo "backlog computed at $(json_of "$WORK/backlog-after.json" computedAt), up to date: $(json_of "$WORK/backlog-after.json" upToDate)"
python3 bench/backlog-expected.py compare "$WORK/backlog-expected.json" "$WORK/backlog-before.json" \
  "$WORK/backlog-after.json" || BACKLOG_CHECK=failed

if [[ ${LOAD:-1} != 0 ]]; then
  # The reads are measured on the system at rest after the import, not while its tail is still being worked off (the
  # e-mails still being sent, projections catching up): until the services and PostgreSQL together use less than a
  # quarter of a core over 5 s (their idle polling alone takes some), at most SETTLE seconds (180 by default).
  settle_start=$(now)
  busy() { # CPU seconds of the running services and PostgreSQL processes, read in one pass over /proc
    local files=() p
    for p in "${PID[@]}" $POSTMASTER $(pgrep -P "$POSTMASTER" 2>/dev/null); do files+=("/proc/$p/stat"); done
    awk -v hz="$(getconf CLK_TCK)" '{ sub(/.*\) /, ""); t += $12 + $13 } END { printf "%.2f", t / hz }' "${files[@]}" 2>/dev/null
  }
  before=$(busy); used=
  for _ in $(seq $(( ${SETTLE:-180} / 5 ))); do
    sleep 5
    after=$(busy)
    used=$(awk -v a="$before" -v b="$after" 'BEGIN { printf "%.2f", (b - a) / 5 }')
    awk -v u="$used" 'BEGIN { exit !(u < 0.25) }' && break
    before=$after
  done
  echo "== settled after $(secs "$settle_start" "$(now)") s: the services and PostgreSQL used $used of a core in the last 5 s"
  echo "== operations-service under load (bench/operations-load.sh; load average $(cut -d' ' -f1-3 /proc/loadavg))"
  FIRST=$(sed -n 2p "$WORK/legacy.csv" | cut -d, -f1)
  APPLICANT="legacy-${FIRST##*-}"   # the generator's applicant of case n is legacy-<n>, its number SEF-RF-<year>-<n>
  bench/operations-load.sh --requests "${LOAD_REQUESTS:-0}" --clients "${LOAD_CLIENTS:-20}" \
    --legacy-number "$FIRST" --applicant-id "$APPLICANT" | tee "$WORK/operations-load.txt" || LOAD_CHECK=failed
fi
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "(work files in $WORK)"
if [[ -n ${HOLD:-} ]]; then
  # the stack stays up with the imported backlog (the dashboard, the APIs, bench/operations-load.sh again) until stopped
  echo "== HOLD: the stack keeps running (log: $WORK/stack.log); Ctrl-C or kill $$ stops it"
  wait $STACK || true
fi
[[ ${REGION_CHECK:-} != failed ]] || exit 4
[[ ${OUTCOME_CHECK:-} != failed ]] || exit 5
[[ ${BACKLOG_CHECK:-} != failed ]] || exit 6
[[ ${LOAD_CHECK:-} != failed ]] || exit 7
