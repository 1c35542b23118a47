# Shell pieces the bench scripts share (bench/backlog-benchmark.sh, bench/restarts.sh, and the single-file benchmarks'
# bench/chain-benchmark.sh and bench/monitor-benchmark.sh). Source it from the repository
# root after `set -euo pipefail`; it sets REPO, JAVA and M2 and defines the functions below. Each script makes its
# own $WORK directory and its own EXIT trap.
# shellcheck shell=bash

REPO=$(pwd)
# shellcheck source=../.ci/find-jdk.sh
source .ci/find-jdk.sh
JAVA="$JAVA_HOME/bin/java"
M2=${M2_REPO:-$HOME/.m2/repository}
SERVICES="application-service document-service scheduling-service notification-service"
declare -A PORT=([application-service]=8081 [document-service]=8082 [scheduling-service]=8083 [notification-service]=8084)

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

platform_test_classpath() { # compiles service-platform with its tests; sets CP to their classes and dependencies
  ./mvnw -q -B -ntp -pl service-platform -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test -DskipTests
  CP="service-platform/target/classes:service-platform/target/test-classes:$(cat service-platform/target/bench-classpath.txt)"
}

require_jars() { # require_jars <jar>...: stops the script unless every jar is built
  for jar in "$@"; do
    [[ -f $jar ]] || { echo "missing $jar: run ./mvnw -B -ntp -q package -DskipTests first" >&2; exit 2; }
  done
}

generate_cases() { # generate_cases <n>: $WORK/legacy.csv with n legacy cases; sets VALID (the valid ones among them)
  echo "== generating $1 cases"
  "$JAVA" -cp backlog-import/target/backlog-import.jar pt.aima.backlog.LegacyCaseGenerator "$1" "$WORK/legacy.csv" \
    | tee "$WORK/generated.txt"
  VALID=$(sed -E 's/.*\(([0-9]+) valid\).*/\1/' "$WORK/generated.txt")
}

start_smtp_sink() { # start_smtp_sink [java options]: bench/SmtpSink.java in the background; sets SMTP (pid), SMTP_PORT
  echo "== starting a mail server that accepts and drops every message (bench/SmtpSink.java)"
  "$JAVA" "$@" bench/SmtpSink.java > "$WORK/smtp.txt" 2>&1 &
  SMTP=$!
  for _ in $(seq 60); do grep -q 'smtp sink on port' "$WORK/smtp.txt" && break; sleep 0.5; done
  SMTP_PORT=$(sed -n 's/^smtp sink on port //p' "$WORK/smtp.txt")
  [[ -n $SMTP_PORT ]] || { echo "the mail sink did not start, see $WORK/smtp.txt" >&2; exit 1; }
}

start_stack() { # start_stack [launcher arguments]: local-stack.jar in the background (its environment is this shell's,
  # so scheduling's policy and the mail server can be set before), waits for "Press Ctrl-C"; sets STACK (pid)
  echo "== starting the local stack (log: $WORK/stack.log)"
  # a service may take minutes to answer UP on a loaded machine (RunningStack allows 300 s too)
  # (-Xmx512m: the launcher's heap bounded as run-local-stack.sh bounds it)
  "$JAVA" -Xmx512m "-Daima.stack.health-timeout-seconds=${HEALTH_TIMEOUT:-300}" -jar local-stack/target/local-stack.jar "$@" \
    > "$WORK/stack.log" 2>&1 &
  STACK=$!
  for _ in $(seq 600); do grep -q 'Press Ctrl-C' "$WORK/stack.log" && break; kill -0 "$STACK" 2>/dev/null || break; sleep 1; done
  grep -q 'Press Ctrl-C' "$WORK/stack.log" || {
    echo "the stack did not start, see $WORK/stack.log" >&2; kill "$STACK" 2>/dev/null; exit 1; }
}

pid_of() { awk -v s="$1" '$1 == s { print $4 }' "$WORK/stack.log" | tail -1; }

discover_services() { # reads the stack's table and the children's command lines: KAFKA, PID, URL, DB_USER, PGPASSWORD
  KAFKA=$(awk '/^Kafka:/ { print $2 }' "$WORK/stack.log")
  declare -gA PID URL
  for s in $SERVICES; do
    PID[$s]=$(pid_of "$s")
    URL[$s]=$(tr '\0' '\n' < "/proc/${PID[$s]}/cmdline" | sed -n 's/^--spring.datasource.url=//p')
  done
  DB_USER=$(tr '\0' '\n' < "/proc/${PID[application-service]}/cmdline" | sed -n 's/^--spring.datasource.username=//p')
  PGPASSWORD=$(tr '\0' '\n' < "/proc/${PID[application-service]}/cmdline" | sed -n 's/^--spring.datasource.password=//p')
  export PGPASSWORD
}

psql_of() { # psql_of <service> [psql options]: a psql on the service's database
  local u=${URL[$1]#jdbc:postgresql://}; local hp=${u%%/*}; local db=${u#*/}; db=${db%%\?*}; shift
  psql -h "${hp%:*}" -p "${hp#*:}" -U "$DB_USER" -d "$db" "$@"
}

sql() { # sql <service> <statement>: its answer, unaligned, one row a line
  psql_of "$1" -tAqc "$2"
}

define_desks() { # define_desks [scheduling port]: DESKS desks (default 15) of SLOTS_PER_DAY slots (default 200) from
  # TODAY, spread over the regions of $WORK/legacy.csv in proportion to its cases
  local port=${1:-8083}
  DESKS=${DESKS:-15}
  SLOTS_PER_DAY=${SLOTS_PER_DAY:-200}
  # cases per region in the generated file (distinct legacy numbers, by the header's column names), read as the CSV it
  # is (a quoted name holds commas: splitting lines at commas would take a partner's name for a region)
  python3 -c 'import csv, sys
from collections import Counter
seen, n = set(), Counter()
for row in csv.DictReader(open(sys.argv[1], encoding="utf-8-sig", newline="")):
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
  local token region count desk
  token=$(curl -sf 'http://127.0.0.1:8090/token?sub=operations-bench&role=OPERATIONS')
  while read -r region count _; do
    for d in $(seq -w 1 "$count"); do
      desk="BENCH-${region//_/-}-$d"
      curl -sf -o /dev/null -X PUT "http://127.0.0.1:$port/desks/$desk/capacity" \
        -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
        -d "{\"effectiveFrom\": \"$TODAY\", \"openingDays\": [\"MONDAY\",\"TUESDAY\",\"WEDNESDAY\",\"THURSDAY\",\"FRIDAY\"], \"slotsPerDay\": $SLOTS_PER_DAY, \"firstSlot\": \"08:00\", \"slotMinutes\": 3, \"reason\": \"benchmark: the recovery operation's desks\", \"region\": \"$region\"}" \
        || { echo "could not define desk $desk in $region" >&2; exit 1; }
    done
  done < "$WORK/desks.txt"
}
