#!/usr/bin/env bash
# What Axon's message monitors cost a message, Axon's own against the platform's (issue 14): bench/MessageMonitorBenchmark
# .java on service-platform's test classpath. Nothing else is needed.
#
#   bench/monitor-benchmark.sh [messages per round] [rounds]      # defaults 200000 10
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=../.ci/find-jdk.sh
source .ci/find-jdk.sh
./mvnw -q -B -ntp -pl service-platform -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test -DskipTests
CP="service-platform/target/classes:service-platform/target/test-classes:$(cat service-platform/target/bench-classpath.txt)"
exec "$JAVA_HOME/bin/java" ${BENCH_OPTS:-} -Xmx512m -cp "$CP" bench/MessageMonitorBenchmark.java "$@"
