#!/usr/bin/env bash
# What Axon's message monitors cost a message, Axon's own against the platform's (issue 14): bench/MessageMonitorBenchmark
# .java on service-platform's test classpath. Nothing else is needed.
#
#   bench/monitor-benchmark.sh [messages per round] [rounds]      # defaults 200000 10
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=lib.sh
source bench/lib.sh
platform_test_classpath
# shellcheck disable=SC2086
exec "$JAVA" ${BENCH_OPTS:-} -Xmx512m -cp "$CP" bench/MessageMonitorBenchmark.java "$@"
